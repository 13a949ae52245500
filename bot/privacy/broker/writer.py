"""Applies review operations to the review store, one transaction per batch (the writer's one job).

What it keeps true:
- a conversation is one session of one pseudonym, made only when something happens in it (a
  session that stays silent, or follows "delete my data", leaves no row behind);
- themes are the article's themes (bot/privacy/themes.py), never dialogue intents, from what the
  person said outside exercises and the exercises they did;
- each exercise run ends with how it ended: ``completed`` only when its form ran to the last step
  (the form itself deactivated); cut short by the crisis response, a stop or goodbye, a switch to
  another exercise, or the end of the session, it says so;
- "delete my data" deletes every row of the pseudonym, in order after the rows before it, and
  drops the rest of that turn (the bot's confirmation, a restart) until the person speaks again.

Idempotence is the caller's: a batch that fails is rolled back and retried whole.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Dict, Iterable, List, Optional, Set

from bot import settings
from bot.privacy import review_store as rs
from bot.privacy import themes
from bot.privacy.broker.ops import (
    ActionRan,
    AnyOp,
    CrisisSlotSet,
    Forget,
    LoopChanged,
    Op,
    SessionStarted,
    Speaker,
    TurnSaid,
    coerce,
)

Outcome = rs.Outcome
STOP_INTENTS = frozenset(settings.REVIEW_STOP_INTENTS.get() or ()) | {"goodbye"}
SWITCH_INTENTS = frozenset({"request_exercise"})
DEACTIVATE = "action_deactivate_loop"


def _dt(ts: float) -> datetime:
    try:
        return datetime.fromtimestamp(float(ts), tz=timezone.utc).replace(tzinfo=None)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.utcnow()


def _add_csv(csv: str, item: Optional[str]) -> str:
    if not item:
        return csv or ""
    items = [x for x in (csv or "").split(",") if x]
    if item not in items:
        items.append(item)
    return ",".join(items)[:500]


class ReviewWriter:
    """Applies review operations to the database (one transaction per batch)."""

    def __init__(self, url: Optional[str] = None):
        self.url = url or rs.review_db_url()
        self._engine = None
        self._session = None
        # Sessions started with nothing said yet (pseudonym -> start), and pseudonyms forgotten in
        # this turn whose remaining events are dropped. In memory only, so that no row keeps a
        # pseudonym that asked to be forgotten.
        self._pending_sessions: Dict[str, float] = {}
        self._dropping: Set[str] = set()

    def _sessions(self):
        if self._session is None:
            engine = rs.make_engine(self.url)
            rs.init_db(engine)
            self._engine, self._session = engine, rs.session_factory(engine)
        return self._session

    def reset(self) -> None:
        if self._engine is not None:
            try:
                self._engine.dispose()
            except Exception:
                pass
        self._engine = self._session = None

    def write(self, ops: Iterable[AnyOp]) -> None:
        """Apply ``ops`` (typed, or dicts of the spool format) in one transaction."""
        typed: List[Op] = [op for op in (coerce(o) for o in ops) if op is not None]
        pending, dropping = dict(self._pending_sessions), set(self._dropping)
        try:
            with self._sessions()() as session:
                current: Dict[str, rs.Conversation] = {}
                for op in typed:
                    self._apply(session, current, op)
                session.commit()
        except Exception:
            # the batch is retried from the start
            self._pending_sessions, self._dropping = pending, dropping
            raise

    # -- conversations ---------------------------------------------------------------
    def _conversation(self, session, current, op: Op) -> rs.Conversation:
        pid = op.pseudonym
        started = self._pending_sessions.pop(pid, None)
        if started is None:
            conv = current.get(pid) or (
                session.query(rs.Conversation)
                .filter(rs.Conversation.pseudonym == pid)
                .order_by(rs.Conversation.started_at.desc(), rs.Conversation.id.desc())
                .first()
            )
            if conv is not None:
                current[pid] = conv
                return conv
        ts = started if started is not None else op.ts
        key = f"{pid}:{ts:.6f}"
        conv = session.query(rs.Conversation).filter(rs.Conversation.session_key == key).first()
        if conv is None:
            when = _dt(ts)
            conv = rs.Conversation(
                pseudonym=pid,
                session_key=key,
                started_at=when,
                last_event_at=when,
                crisis_flagged=False,
                crisis_categories="",
                themes="",
                exercises_started="",
                exercises_completed="",
                turn_count=0,
                reviewed=False,
                exercise_stopped=False,
                follow_up=False,
            )
            session.add(conv)
            session.flush()
        current[pid] = conv
        return conv

    def _latest_conversation(self, session, current, pid: str) -> Optional[rs.Conversation]:
        return current.get(pid) or (
            session.query(rs.Conversation)
            .filter(rs.Conversation.pseudonym == pid)
            .order_by(rs.Conversation.started_at.desc(), rs.Conversation.id.desc())
            .first()
        )

    # -- exercise runs ----------------------------------------------------------------
    @staticmethod
    def _open_run(session, conv: rs.Conversation) -> Optional[rs.ExerciseRun]:
        return (
            session.query(rs.ExerciseRun)
            .filter(rs.ExerciseRun.conversation_id == conv.id, rs.ExerciseRun.outcome.is_(None))
            .order_by(rs.ExerciseRun.id.desc())
            .first()
        )

    @staticmethod
    def _last_user_turn(session, conv: rs.Conversation) -> Optional[rs.Turn]:
        return (
            session.query(rs.Turn)
            .filter(rs.Turn.conversation_id == conv.id, rs.Turn.speaker == Speaker.USER.value)
            .order_by(rs.Turn.id.desc())
            .first()
        )

    def _end_run(self, session, conv, run: rs.ExerciseRun, outcome: Outcome, when) -> None:
        run.outcome, run.ended_at = outcome.value, when
        if outcome is Outcome.COMPLETED:
            conv.exercises_completed = _add_csv(conv.exercises_completed, run.exercise)

    def _why_cut_short(self, session, conv, since) -> Outcome:
        """How an exercise that did not finish was left, from what the person last did."""
        last = self._last_user_turn(session, conv)
        if last is None or last.timestamp < since:
            return Outcome.STOPPED
        if last.crisis:
            return Outcome.CRISIS
        if last.intent in SWITCH_INTENTS:
            return Outcome.SWITCHED
        return Outcome.STOPPED

    def _loop_started(self, session, conv, name: str, when) -> None:
        run = self._open_run(session, conv)
        if run is not None and run.exercise == name:
            return
        if run is not None:  # a form replaced another without a deactivation between
            self._end_run(session, conv, run, Outcome.SWITCHED, when)
        previous = (
            session.query(rs.ExerciseRun)
            .filter(rs.ExerciseRun.conversation_id == conv.id)
            .order_by(rs.ExerciseRun.id.desc())
            .first()
        )
        last_user = self._last_user_turn(session, conv)
        same_turn = (
            previous is not None
            and previous.ended_at is not None
            and (last_user is None or previous.ended_at >= last_user.timestamp)
        )
        if same_turn and previous.outcome != Outcome.CRISIS.value:
            if previous.exercise == name:
                # Left and taken up again in the same turn ("a goodbye that was an answer"):
                # the same run goes on.
                previous.outcome = previous.ended_at = None
                conv.active_exercise = name
                return
            if previous.outcome == Outcome.STOPPED.value:
                previous.outcome = Outcome.SWITCHED.value
        session.add(rs.ExerciseRun(conversation=conv, exercise=name, started_at=when))
        conv.exercises_started = _add_csv(conv.exercises_started, name)
        conv.active_exercise = name
        theme = themes.of_exercise(name)
        if theme:
            conv.themes = _add_csv(conv.themes, theme)

    def _loop_ended(self, session, conv, when) -> None:
        run = self._open_run(session, conv)
        if run is not None:
            if conv.last_action == run.exercise:
                outcome = Outcome.COMPLETED  # the form itself ended: its last step was answered
            else:
                outcome = self._why_cut_short(session, conv, run.started_at)
            self._end_run(session, conv, run, outcome, when)
        conv.active_exercise = None

    def _session_ended(self, session, pid: str, current, when_ts: float) -> None:
        conv = self._latest_conversation(session, current, pid)
        if conv is None:
            return
        run = self._open_run(session, conv)
        if run is not None:
            self._end_run(session, conv, run, Outcome.ABANDONED, _dt(when_ts))
        conv.active_exercise = None

    # -- applying ---------------------------------------------------------------------
    def _apply(self, session, current, op: Op) -> None:
        pid = op.pseudonym
        if isinstance(op, Forget):
            rs.forget_pseudonym(session, pid)
            current.pop(pid, None)
            self._pending_sessions.pop(pid, None)
            self._dropping.add(pid)
            session.expire_all()
            return
        if isinstance(op, SessionStarted):
            self._dropping.discard(pid)
            self._session_ended(session, pid, current, op.ts)
            self._pending_sessions[pid] = op.ts
            current.pop(pid, None)
            return
        if pid in self._dropping:
            if isinstance(op, TurnSaid) and op.speaker is Speaker.USER:
                self._dropping.discard(pid)  # the person speaks again: a new conversation
                self._pending_sessions.setdefault(pid, op.ts)
            else:
                return  # the rest of the forgotten turn
        if isinstance(op, (LoopChanged, ActionRan)) and pid in self._pending_sessions:
            if isinstance(op, ActionRan) or not op.name:
                return  # nothing ran in a session that has not begun
        conv = self._conversation(session, current, op)
        when = _dt(op.ts)
        if when > conv.last_event_at:
            conv.last_event_at = when
        if isinstance(op, TurnSaid):
            self._turn(conv, op, when)
            session.add(self._turn_row(conv, op, when))
            session.flush()
        elif isinstance(op, LoopChanged):
            if op.name:
                self._loop_started(session, conv, op.name, when)
            else:
                self._loop_ended(session, conv, when)
        elif isinstance(op, ActionRan):
            conv.last_action = op.name
        elif isinstance(op, CrisisSlotSet):
            conv.crisis_flagged = conv.follow_up = True
            conv.crisis_categories = _add_csv(conv.crisis_categories, op.category)
            conv.themes = _add_csv(conv.themes, themes.CRISIS)

    @staticmethod
    def _turn(conv: rs.Conversation, op: TurnSaid, when) -> None:
        if op.channel and not conv.channel:
            conv.channel = str(op.channel)[:32]
        # Inside an exercise a message is an answer to its question: the exercise gave the
        # theme, whatever the classifier made of the answer ("lamp, cup, door").
        theme = themes.of_intent(op.intent) if not conv.active_exercise else None
        if theme:
            conv.themes = _add_csv(conv.themes, theme)
        if op.crisis:
            conv.crisis_flagged = conv.follow_up = True
            conv.crisis_categories = _add_csv(conv.crisis_categories, op.crisis_category)
            conv.themes = _add_csv(conv.themes, themes.CRISIS)
        if op.turn_kind.value != "channel":
            conv.turn_count = (conv.turn_count or 0) + 1

    @staticmethod
    def _turn_row(conv: rs.Conversation, op: TurnSaid, when) -> rs.Turn:
        return rs.Turn(
            conversation=conv,
            timestamp=when,
            speaker=op.speaker.value,
            text=op.text or "",
            intent=op.intent,
            confidence=op.confidence,
            exercise=conv.active_exercise,
            crisis=bool(op.crisis),
            crisis_category=op.crisis_category,
            kind=op.turn_kind.value,
            buttons="\n".join(t.replace("\n", " ") for t in op.buttons) or None,
        )
