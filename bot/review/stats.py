"""Figures for the dashboard, aggregated in SQL where the store allows it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.privacy import themes as theme_list
from bot.privacy.review_store import Conversation, ExerciseRun
from bot.review.queries import split_csv


@dataclass
class Dashboard:
    start: date
    end: date
    per_day: list[tuple[str, int]]
    crisis_per_day: list[tuple[str, int]]
    themes: list[tuple[str, int]]
    exercises: list[tuple[str, int, int, int]]  # name, started, completed, cut short by a crisis
    crisis_categories: list[tuple[str, int]]
    total: int
    flagged: int
    flagged_unreviewed: int


def _day_counts(session: Session, since: datetime, *conds) -> dict[str, int]:
    day = func.date(Conversation.started_at)
    stmt = select(day, func.count()).where(Conversation.started_at >= since, *conds).group_by(day)
    return {str(d)[:10]: n for d, n in session.execute(stmt)}


def _split_counts(session: Session, column, since: datetime) -> Counter:
    """Counts of items in a comma-separated column, one SQL row per distinct value."""
    counts: Counter = Counter()
    stmt = select(column, func.count()).where(Conversation.started_at >= since).group_by(column)
    for value, n in session.execute(stmt):
        for item in set(split_csv(value)):
            counts[item] += n
    return counts


def _run_counts(session: Session, since: datetime) -> tuple[Counter, Counter, Counter]:
    """Exercise runs started, completed (their last step reached) and cut short by a crisis, in
    conversations that started in the window."""
    started: Counter = Counter()
    completed: Counter = Counter()
    crisis: Counter = Counter()
    stmt = (
        select(ExerciseRun.exercise, ExerciseRun.outcome, func.count())
        .join(Conversation, Conversation.id == ExerciseRun.conversation_id)
        .where(Conversation.started_at >= since)
        .group_by(ExerciseRun.exercise, ExerciseRun.outcome)
    )
    for name, outcome, n in session.execute(stmt):
        started[name] += n
        if outcome == "completed":
            completed[name] += n
        elif outcome == "crisis":
            crisis[name] += n
    return started, completed, crisis


def dashboard(session: Session, days: int = 30, today: date | None = None) -> Dashboard:
    end = today or datetime.utcnow().date()
    start = end - timedelta(days=days - 1)
    since = datetime.combine(start, time.min)
    dates = [(start + timedelta(days=i)).isoformat() for i in range(days)]
    all_days = _day_counts(session, since)
    crisis_days = _day_counts(session, since, Conversation.crisis_flagged == True)  # noqa: E712
    started, completed, crisis = _run_counts(session, since)
    names = sorted(started, key=lambda n: (-started[n], n))
    in_window = Conversation.started_at >= since
    count = lambda *c: session.execute(  # noqa: E731
        select(func.count()).select_from(Conversation).where(in_window, *c)
    ).scalar_one()
    return Dashboard(
        start=start,
        end=end,
        per_day=[(d, all_days.get(d, 0)) for d in dates],
        crisis_per_day=[(d, crisis_days.get(d, 0)) for d in dates],
        themes=[
            (name, n)
            for name, n in _split_counts(session, Conversation.themes, since).most_common()
            if theme_list.is_theme(name)
        ],
        exercises=[(n, started[n], completed[n], crisis[n]) for n in names],
        crisis_categories=_split_counts(
            session, Conversation.crisis_categories, since
        ).most_common(),
        total=count(),
        flagged=count(Conversation.crisis_flagged == True),  # noqa: E712
        flagged_unreviewed=count(
            Conversation.crisis_flagged == True,  # noqa: E712 - SQL expression
            Conversation.reviewed == False,  # noqa: E712
        ),
    )
