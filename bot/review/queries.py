"""Finding conversations: filters, list order and keyset paging.

Order: conversations to follow up first (a crisis the bot detected, or one a counsellor marked
as missed), then most recent activity, then id (all descending), served by one index. Paging is by keyset (``after``/``before`` a conversation id),
so page 50 costs what page 2 costs however many conversations there are.
All values reach SQL as bound parameters through the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Mapping
from urllib.parse import urlencode

from sqlalchemy import and_, exists, func, literal, select, tuple_
from sqlalchemy.orm import Session

from bot.privacy import themes
from bot.privacy.review_store import Conversation, ExerciseRun
from bot.review.models import ConversationTag

YES_NO = ("yes", "no")
MAX_FILTER_TEXT = 64


def split_csv(value: str | None) -> list[str]:
    """The store keeps lists as comma-separated strings."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def pretty(name: str) -> str:
    """``self_compassion`` -> ``self compassion`` for display."""
    return name.replace("_", " ").strip()


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()) if value else None
    except ValueError:
        return None


def _yes_no(value: str | None) -> str:
    return value if value in YES_NO else ""


def _text(value: str | None) -> str:
    return (value or "").strip()[:MAX_FILTER_TEXT]


@dataclass
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    theme: str = ""
    exercise: str = ""
    flagged: str = ""  # "", "yes", "no"
    reviewed: str = ""
    tag: str = ""
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> "Filters":
        f = cls(
            date_from=_parse_date(args.get("from")),
            date_to=_parse_date(args.get("to")),
            theme=_text(args.get("theme")),
            exercise=_text(args.get("exercise")),
            flagged=_yes_no(args.get("flagged")),
            reviewed=_yes_no(args.get("reviewed")),
            tag=_text(args.get("tag")).lower(),
        )
        if args.get("from") and f.date_from is None:
            f.errors.append("The start date was not understood; use YYYY-MM-DD.")
        if args.get("to") and f.date_to is None:
            f.errors.append("The end date was not understood; use YYYY-MM-DD.")
        return f

    def as_args(self) -> dict[str, str]:
        """The active filters as query arguments (for links and exports)."""
        args = {
            "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "",
            "theme": self.theme,
            "exercise": self.exercise,
            "flagged": self.flagged,
            "reviewed": self.reviewed,
            "tag": self.tag,
        }
        return {k: v for k, v in args.items() if v}

    def query_string(self) -> str:
        return urlencode(self.as_args())

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.as_args().items()) or "all"


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def csv_contains(column, value: str):
    """``value`` is one of the comma-separated items of ``column`` (exact item match)."""
    padded = literal(",") + func.replace(column, " ", "") + literal(",")
    return padded.like(f"%,{_escape_like(value.replace(' ', ''))},%", escape="\\")


def filter_conditions(f: Filters) -> list:
    conds = []
    if f.date_from:
        conds.append(Conversation.last_event_at >= datetime.combine(f.date_from, time.min))
    if f.date_to:
        conds.append(
            Conversation.started_at < datetime.combine(f.date_to + timedelta(days=1), time.min)
        )
    if f.theme:
        conds.append(csv_contains(Conversation.themes, f.theme))
    if f.exercise:
        conds.append(csv_contains(Conversation.exercises_started, f.exercise))
    if f.flagged:
        conds.append(Conversation.follow_up == (f.flagged == "yes"))
    if f.reviewed:
        conds.append(Conversation.reviewed == (f.reviewed == "yes"))
    if f.tag:
        conds.append(
            exists().where(
                and_(
                    ConversationTag.conversation_id == Conversation.id,
                    ConversationTag.label == f.tag,
                )
            )
        )
    return conds


ORDER_KEY = (Conversation.follow_up, Conversation.last_event_at, Conversation.id)


def _key_of(conv: Conversation) -> tuple:
    return (conv.follow_up, conv.last_event_at, conv.id)


@dataclass
class Page:
    rows: list[Conversation]
    total: int
    start: int  # 1-based index of the first row shown
    next_after: int | None
    prev_before: int | None


def list_page(
    session: Session, f: Filters, size: int, after: int | None = None, before: int | None = None
) -> Page:
    """One page of the ordered, filtered list, after or before a conversation id."""
    conds = filter_conditions(f)
    base = select(Conversation).where(*conds)
    cursor_id = after if after is not None else before
    cursor = session.get(Conversation, cursor_id) if cursor_id is not None else None
    backwards = cursor is not None and before is not None
    stmt = base
    if cursor is not None:
        key = tuple_(*ORDER_KEY)
        stmt = stmt.where(
            key > tuple_(*_key_of(cursor)) if backwards else key < tuple_(*_key_of(cursor))
        )
    if backwards:
        stmt = stmt.order_by(*(c.asc() for c in ORDER_KEY))
    else:
        stmt = stmt.order_by(*(c.desc() for c in ORDER_KEY))
    rows = list(session.execute(stmt.limit(size + 1)).scalars())
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    total = session.execute(
        select(func.count()).select_from(Conversation).where(*conds)
    ).scalar_one()
    if rows:
        before_first = session.execute(
            select(func.count())
            .select_from(Conversation)
            .where(*conds, tuple_(*ORDER_KEY) > tuple_(*_key_of(rows[0])))
        ).scalar_one()
    else:
        before_first = 0
    has_prev = before_first > 0
    has_next = bool(rows) and (more if not backwards else before_first + len(rows) < total)
    return Page(
        rows=rows,
        total=total,
        start=before_first + 1 if rows else 0,
        next_after=rows[-1].id if has_next else None,
        prev_before=rows[0].id if has_prev else None,
    )


def vocabulary(session: Session) -> dict[str, list[str]]:
    """The themes (all of them, in the article's order) and the exercises seen in the store
    (for the filter menus)."""
    exercises: set[str] = set()
    for (value,) in session.execute(select(Conversation.exercises_started).distinct()):
        exercises.update(split_csv(value))
    return {"themes": list(themes.THEMES), "exercises": sorted(exercises)}


def runs_of(session: Session, ids: list[int]) -> dict[int, list[ExerciseRun]]:
    """Each conversation's exercise runs, in the order they started."""
    out: dict[int, list[ExerciseRun]] = {}
    if ids:
        stmt = (
            select(ExerciseRun).where(ExerciseRun.conversation_id.in_(ids)).order_by(ExerciseRun.id)
        )
        for run in session.execute(stmt).scalars():
            out.setdefault(run.conversation_id, []).append(run)
    return out


OUTCOME_WORDS = {
    None: "not finished",
    "completed": "completed",
    "stopped": "stopped",
    "crisis": "cut short by a crisis",
    "switched": "switched to another",
    "abandoned": "left unfinished",
}
OUTCOME_SIGNS = {"completed": "✓", "crisis": "!", None: "…"}


def outcome_words(outcome: str | None) -> str:
    return OUTCOME_WORDS.get(outcome, outcome or "not finished")


def exercise_name(form: str) -> str:
    """``self_compassion_form`` -> ``self compassion`` for display."""
    return pretty(form[: -len("_form")] if form.endswith("_form") else form)
