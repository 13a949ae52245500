"""A Rasa event broker that writes every conversation event, anonymised, to the review store.

Configured in ``endpoints.yml``::

    event_broker:
      type: bot.privacy.broker.ReviewEventBroker
      url: sqlite:///var/review.db      # optional; default REVIEW_DB_URL or var/review.db

Why a broker: it sees each event as the conversation goes, and Rasa already calls it
from the tracker store. What it guarantees:

- Raw text never leaves ``publish``: the event is anonymised and the sender id turned
  into a pseudonym *before* it is queued, so neither the in-memory queue, the on-disk
  spool nor the database ever holds raw text.
- The conversation never waits on the review database: ``publish`` only anonymises and
  appends to a queue; one background thread writes in order. ``publish`` never raises.
- Nothing is lost when the database is down: rows wait in a bounded in-memory queue
  and, once it is full or the database fails, in an append-only spool file (anonymised
  JSON lines). They are written, in order, once the database answers again, and on
  ``close()``; a spool left from a previous run is written on start.
- "Delete my data": when ``action_forget_me`` runs, every review row of that pseudonym
  is deleted, in order after the rows before it, and the rest of that turn is dropped.
"""

from __future__ import annotations

import json
import logging
import math
import os
import threading
import time
from collections import OrderedDict, deque
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Deque, Dict, List, Optional, Sequence, Text

from rasa.core.brokers.broker import EventBroker

from bot import settings
from bot.privacy import categories, static_texts
from bot.privacy import pseudonym as pseudonyms
from bot.privacy import review_store as rs

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SPOOL = ROOT / "var" / "review_spool.jsonl"
FORGET_ACTION = "action_forget_me"
STOP_INTENTS = frozenset(
    s.strip()
    for s in (settings.REVIEW_STOP_INTENTS.raw() or "stop,stop_exercise").split(",")
    if s.strip()
)
CRISIS_ENTITY = "crisis_category"


def _dt(ts: Any) -> datetime:
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


def _anon(text: Any, context: Sequence[str] = ()) -> str:
    from bot.privacy.anonymiser import anonymise

    return anonymise(
        text if isinstance(text, str) else ("" if text is None else str(text)),
        context=list(context),
    )


class RecentTexts:
    """The last few raw texts of each conversation, so a detail given in answer to "what's your
    username?" is recognised by the anonymiser's context window (bot/privacy/anonymiser.py).

    Bounded (conversations and texts each), kept only in this process's memory (the Rasa server,
    which holds the raw tracker anyway), and dropped when a person asks to be forgotten.
    """

    def __init__(self, per_conversation: int = 2, conversations: int = 10_000) -> None:
        self.per_conversation = per_conversation
        self.conversations = conversations
        self._texts: "OrderedDict[str, Deque[str]]" = OrderedDict()
        self._lock = threading.Lock()

    def before(self, sender: str) -> List[str]:
        with self._lock:
            return list(self._texts.get(sender, ()))

    def add(self, sender: str, text: Any) -> None:
        if not isinstance(text, str) or not text:
            return
        with self._lock:
            texts = self._texts.pop(sender, None) or deque(maxlen=self.per_conversation)
            texts.append(text)
            self._texts[sender] = texts
            while len(self._texts) > self.conversations:
                self._texts.popitem(last=False)

    def forget(self, sender: str) -> None:
        with self._lock:
            self._texts.pop(sender, None)


RECENT = RecentTexts()


def _crisis_of(parse_data: Dict[str, Any]) -> Optional[str]:
    """The crisis category the crisis detector put in parse_data, or None.

    The value is checked against the project's categories: anything else is
    ``categories.OTHER`` (still a crisis, never the typed text)."""
    category = None
    for ent in parse_data.get("entities") or []:
        if isinstance(ent, dict) and ent.get("entity") == CRISIS_ENTITY:
            category = ent.get("value") or "crisis"
    crisis = parse_data.get("crisis")
    if category is None and crisis:
        if isinstance(crisis, dict):
            if crisis.get("matched") is False:
                return None
            category = crisis.get("category") or crisis.get("name") or "crisis"
        elif isinstance(crisis, str):
            category = crisis
        else:
            category = "crisis"
    return None if category is None else categories.crisis_category(category)


def clean_op(op: Dict[str, Any]) -> Dict[str, Any]:
    """Every categorical field of a review operation checked against its fixed set.

    Applied when an event becomes operations (so the queue and the spool hold only
    what the store would hold) and again before writing (a spool left by an older
    version is cleaned too)."""
    kind = op.get("op")
    if kind == "turn":
        op["speaker"] = "bot" if op.get("speaker") == "bot" else "user"
        op["intent"] = categories.intent(op.get("intent"))
        op["confidence"] = categories.confidence(op.get("confidence"))
        op["crisis"] = bool(op.get("crisis"))
        op["crisis_category"] = (
            categories.crisis_category(op.get("crisis_category")) if op["crisis"] else None
        )
        op["channel"] = categories.channel(op.get("channel"))
    elif kind == "loop":
        op["name"] = categories.exercise(op.get("name"))
    elif kind == "crisis":
        op["category"] = categories.crisis_category(op.get("category")) or "crisis"
    return op


def to_ops(event: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Turn one Rasa event dict into anonymised, validated review operations (JSON-safe)."""
    return [clean_op(op) for op in _raw_ops(event)]


def _raw_ops(event: Dict[str, Any]) -> List[Dict[str, Any]]:
    sender = event.get("sender_id")
    if sender is None:
        return []
    pid = pseudonyms.pseudonym(sender)
    kind = event.get("event")
    try:
        ts = float(event.get("timestamp") or time.time())
    except (TypeError, ValueError):
        ts = time.time()
    if not math.isfinite(ts):
        ts = time.time()
    base = {"pseudonym": pid, "ts": ts}
    if kind == "session_started":
        return [dict(base, op="session")]
    if kind == "user":
        parse = event.get("parse_data") or {}
        if not isinstance(parse, dict):
            parse = {}
        intent_data = parse.get("intent") if isinstance(parse.get("intent"), dict) else {}
        category = _crisis_of(parse)
        text = _anon(event.get("text"), RECENT.before(sender))
        RECENT.add(sender, event.get("text"))
        return [
            dict(
                base,
                op="turn",
                speaker="user",
                text=text,
                intent=intent_data.get("name") or None,
                confidence=intent_data.get("confidence"),
                crisis=category is not None,
                crisis_category=category,
                channel=event.get("input_channel") or None,
            )
        ]
    if kind == "bot":
        text = event.get("text")
        RECENT.add(sender, text)  # a bot question ("what's your username?") is context too
        # Our fixed responses (crisis resources, greetings) stay whole; anything else may quote the person.
        return [
            dict(
                base,
                op="turn",
                speaker="bot",
                text=text if static_texts.is_static(text) else _anon(text),
            )
        ]
    if kind == "active_loop":
        return [dict(base, op="loop", name=event.get("name"))]
    if kind == "slot" and event.get("name") == CRISIS_ENTITY and event.get("value"):
        return [dict(base, op="crisis", category=event.get("value"))]
    if kind == "action" and event.get("name") == FORGET_ACTION:
        RECENT.forget(sender)
        return [dict(base, op="forget")]
    return []


class ReviewWriter:
    """Applies review operations to the database (one transaction per batch)."""

    def __init__(self, url: Optional[str] = None):
        self.url = url or rs.review_db_url()
        self._engine = None
        self._session = None
        # Sessions started but with nothing said yet: a row is made only when something
        # happens in them, so a session that stays silent (or follows "delete my data")
        # leaves no empty conversation with the pseudonym behind.
        self._pending_sessions: Dict[str, float] = {}

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

    def write(self, ops: List[Dict[str, Any]]) -> None:
        pending = dict(self._pending_sessions)
        try:
            with self._sessions()() as session:
                current: Dict[str, rs.Conversation] = {}
                for op in ops:
                    self._apply(session, current, clean_op(dict(op)))
                session.commit()
        except Exception:
            self._pending_sessions = pending  # the batch is retried from the start
            raise

    def _conversation(self, session, current, op, new: bool = False) -> rs.Conversation:
        pid = op["pseudonym"]
        started = self._pending_sessions.pop(pid, None)
        if started is not None:
            op, new = dict(op, ts=started), True
        if not new:
            conv = current.get(pid)
            if conv is None:
                conv = (
                    session.query(rs.Conversation)
                    .filter(rs.Conversation.pseudonym == pid)
                    .order_by(rs.Conversation.started_at.desc(), rs.Conversation.id.desc())
                    .first()
                )
            if conv is not None:
                current[pid] = conv
                return conv
        key = f"{pid}:{op['ts']:.6f}"
        conv = session.query(rs.Conversation).filter(rs.Conversation.session_key == key).first()
        if conv is None:
            when = _dt(op["ts"])
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
            )
            session.add(conv)
            session.flush()
        current[pid] = conv
        return conv

    def _apply(self, session, current, op: Dict[str, Any]) -> None:
        kind = op.get("op")
        if kind == "forget":
            pid = op["pseudonym"]
            ids = [
                cid
                for (cid,) in session.query(rs.Conversation.id).filter(
                    rs.Conversation.pseudonym == pid
                )
            ]
            if ids:
                session.query(rs.Turn).filter(rs.Turn.conversation_id.in_(ids)).delete(
                    synchronize_session=False
                )
                session.query(rs.Conversation).filter(rs.Conversation.id.in_(ids)).delete(
                    synchronize_session=False
                )
            current.pop(pid, None)
            self._pending_sessions.pop(pid, None)
            session.expire_all()
            return
        if kind == "session":
            self._pending_sessions[op["pseudonym"]] = op["ts"]
            current.pop(op["pseudonym"], None)
            return
        if kind == "loop" and not op.get("name") and op["pseudonym"] in self._pending_sessions:
            return  # nothing ran in a session that has not begun
        conv = self._conversation(session, current, op)
        when = _dt(op["ts"])
        if when > conv.last_event_at:
            conv.last_event_at = when
        if kind == "turn":
            if op.get("channel") and not conv.channel:
                conv.channel = str(op["channel"])[:32]
            intent = op.get("intent")
            if intent:
                conv.themes = _add_csv(conv.themes, intent)
                if intent in STOP_INTENTS and conv.active_exercise:
                    conv.exercise_stopped = True
            if op.get("crisis"):
                conv.crisis_flagged = True
                conv.crisis_categories = _add_csv(conv.crisis_categories, op.get("crisis_category"))
            conv.turn_count = (conv.turn_count or 0) + 1
            session.add(
                rs.Turn(
                    conversation=conv,
                    timestamp=when,
                    speaker=op["speaker"],
                    text=op.get("text") or "",
                    intent=intent,
                    confidence=op.get("confidence"),
                    exercise=conv.active_exercise,
                    crisis=bool(op.get("crisis")),
                    crisis_category=op.get("crisis_category"),
                )
            )
        elif kind == "loop":
            name = op.get("name")
            if name:
                if name != conv.active_exercise:
                    conv.exercises_started = _add_csv(conv.exercises_started, name)
                    conv.active_exercise = name
                    conv.exercise_stopped = False
            else:
                if conv.active_exercise and not conv.exercise_stopped:
                    conv.exercises_completed = _add_csv(
                        conv.exercises_completed, conv.active_exercise
                    )
                conv.active_exercise = None
                conv.exercise_stopped = False
        elif kind == "crisis":
            conv.crisis_flagged = True
            conv.crisis_categories = _add_csv(conv.crisis_categories, op.get("category"))


class ReviewEventBroker(EventBroker):
    """Anonymise, queue, and write events to the review store in the background."""

    def __init__(
        self,
        url: Optional[str] = None,
        spool_path: Optional[str] = None,
        max_queue: int = 10000,
        batch_size: int = 200,
        retry_max_seconds: float = 30.0,
        writer: Optional[ReviewWriter] = None,
        start: bool = True,
    ) -> None:
        self.writer = writer or ReviewWriter(url)
        self.spool_path = Path(spool_path or settings.REVIEW_SPOOL_PATH.raw() or DEFAULT_SPOOL)
        self.max_queue = max(1, int(max_queue))
        self.batch_size = max(1, int(batch_size))
        self.retry_max_seconds = float(retry_max_seconds)
        self._queue: Deque[Dict[str, Any]] = deque()
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._stopping = False
        self._failures = 0
        self._dropping: set = set()  # pseudonyms forgotten in this turn: drop their later events
        self._thread: Optional[threading.Thread] = None
        if start:
            self.start()

    # -- Rasa interface ---------------------------------------------------------
    @classmethod
    async def from_endpoint_config(cls, broker_config, event_loop=None) -> "ReviewEventBroker":
        kwargs = dict(getattr(broker_config, "kwargs", {}) or {})
        allowed = {"spool_path", "max_queue", "batch_size", "retry_max_seconds"}
        broker = cls(
            url=getattr(broker_config, "url", None),
            **{k: v for k, v in kwargs.items() if k in allowed},
        )
        # Build the anonymiser now (word lists, matchers: a few seconds), off the event
        # loop, so the first message of the first conversation does not wait for it.
        import asyncio

        from bot.privacy.anonymiser import get

        await asyncio.get_running_loop().run_in_executor(None, get)
        await asyncio.get_running_loop().run_in_executor(None, categories.load_all)
        return broker

    def publish(self, event: Dict[Text, Any]) -> None:
        """Anonymise and enqueue; never raises, never touches the database."""
        try:
            ops = to_ops(event)
        except Exception:
            logger.exception("review broker could not convert an event; dropped it")
            return
        if not ops:
            return
        try:
            self.enqueue(ops)
        except Exception:
            logger.exception("review broker could not queue an event")

    def is_ready(self) -> bool:
        return True

    async def close(self) -> None:
        import asyncio

        await asyncio.get_running_loop().run_in_executor(None, self.stop)

    # -- queue and spool -------------------------------------------------------
    def enqueue(self, ops: List[Dict[str, Any]]) -> None:
        with self._lock:
            for op in ops:
                pid = op.get("pseudonym")
                if op["op"] == "forget":
                    self._dropping.add(pid)
                elif pid in self._dropping:
                    # the rest of the forgotten turn (the bot's confirmation, restart)
                    if op["op"] == "session" or (
                        op["op"] == "turn" and op.get("speaker") == "user"
                    ):
                        self._dropping.discard(pid)
                    else:
                        continue
                if self._spool_has_data() or len(self._queue) >= self.max_queue:
                    self._append_spool([op])
                else:
                    self._queue.append(op)
            self._wake.notify()

    def _spool_has_data(self) -> bool:
        try:
            return self.spool_path.stat().st_size > 0
        except OSError:
            return False

    def _append_spool(self, ops: List[Dict[str, Any]]) -> None:
        self.spool_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.spool_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            for op in ops:
                fh.write(json.dumps(op, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def _read_spool(self, limit: int) -> List[Dict[str, Any]]:
        try:
            with open(self.spool_path, encoding="utf-8") as fh:
                out = []
                for line in fh:
                    line = line.strip()
                    if not line:
                        continue
                    try:
                        out.append(json.loads(line))
                    except ValueError:
                        logger.error("skipping a corrupt review spool line")
                        continue
                    if len(out) >= limit:
                        break
                return out
        except FileNotFoundError:
            return []

    def _drop_spool_head(self, count: int) -> None:
        with open(self.spool_path, encoding="utf-8") as fh:
            lines = [ln for ln in fh if ln.strip()]
        rest = lines[count:]
        tmp = self.spool_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(rest)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.spool_path)

    def _queue_to_spool_front(self) -> None:
        """Persist the in-memory rows ahead of the spool (they are older)."""
        if not self._queue:
            return
        existing = []
        if self._spool_has_data():
            with open(self.spool_path, encoding="utf-8") as fh:
                existing = [ln for ln in fh if ln.strip()]
        self.spool_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.spool_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for op in self._queue:
                fh.write(json.dumps(op, ensure_ascii=False) + "\n")
            fh.writelines(existing)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.spool_path)
        self._queue.clear()

    def pending(self) -> int:
        with self._lock:
            n = len(self._queue)
            if self._spool_has_data():
                n += len(self._read_spool(10**9))
            return n

    # -- writing ----------------------------------------------------------------
    def _next_batch(self):
        """(ops, source) with the oldest pending rows first: memory, then spool."""
        if self._queue:
            return [self._queue[i] for i in range(min(self.batch_size, len(self._queue)))], "queue"
        if self._spool_has_data():
            return self._read_spool(self.batch_size), "spool"
        return [], ""

    def flush_once(self) -> bool:
        """Write one batch. True if something was written, False if idle or failed."""
        with self._write_lock:  # one writer at a time (background thread, flush(), stop())
            return self._flush_once()

    def _flush_once(self) -> bool:
        with self._lock:
            batch, source = self._next_batch()
        if not batch:
            return False
        try:
            self.writer.write(batch)
        except Exception as exc:
            self._failures += 1
            logger.warning(
                "review store unavailable (%s); %s rows waiting", exc.__class__.__name__, len(batch)
            )
            self.writer.reset()
            with self._lock:
                try:
                    self._queue_to_spool_front()
                except Exception:
                    logger.exception("could not spool review rows; keeping them in memory")
            return False
        self._failures = 0
        with self._lock:
            if source == "queue":
                for _ in range(len(batch)):
                    self._queue.popleft()
            else:
                self._drop_spool_head(len(batch))
        return True

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything pending now (tests, shutdown). True if nothing is left."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                empty = not self._queue and not self._spool_has_data()
            if empty:
                return True
            if not self.flush_once():
                with self._lock:
                    if not self._queue and not self._spool_has_data():
                        return True
                return False
        return False

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._stopping and not self._queue and not self._spool_has_data():
                    self._wake.wait(timeout=5.0)
                if self._stopping:
                    return
            if not self.flush_once():
                delay = (
                    min(self.retry_max_seconds, 0.2 * (2 ** min(self._failures, 8)))
                    if self._failures
                    else 0.05
                )
                with self._lock:
                    if not self._stopping:
                        self._wake.wait(timeout=delay)

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="review-broker", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the writer, write what we can, spool the rest (anonymised) for next time."""
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=timeout)
        self.flush(timeout=timeout)
        with self._lock:
            try:
                self._queue_to_spool_front()
            except Exception:
                logger.exception("could not spool review rows on shutdown")
