"""Retention and deletion: the functions the tracker store, the broker and ``bot purge`` share.

- ``purge_tracker_events(url, days)``: delete raw tracker events older than ``days``
  (default ``RETENTION_DAYS``, 30). Raw text lives only in the tracker store, so this is
  what bounds how long anything a person typed is kept.
- ``delete_sender(url, sender_id)``: every tracker event of one sender ("delete my data").
- ``delete_review(review_url, pseudonym)``: every review conversation and turn of one
  pseudonym.
- ``scrub_review_categories(review_url)``: rows written before the broker checked
  categorical fields (crisis category, channel, intents, exercises) get every value that
  is not the project's own replaced by "other", as the broker does now; conversations
  with nothing said in them are removed.
"""

from __future__ import annotations

import time
from typing import Optional

import sqlalchemy as sa

from bot import settings
from bot.privacy import categories, themes
from bot.privacy import review_store as rs

DEFAULT_DAYS = settings.RETENTION_DAYS.default
DEFAULT_TRACKER_URL = settings.TRACKER_DB_URL.default


def retention_days(days: Optional[float] = None) -> float:
    if days is not None:
        return float(days)
    return settings.RETENTION_DAYS.get()


def tracker_db_url(url: Optional[str] = None) -> str:
    return url or settings.TRACKER_DB_URL.get()


def _events_table(engine: sa.engine.Engine) -> Optional[sa.Table]:
    meta = sa.MetaData()
    try:
        return sa.Table("events", meta, autoload_with=engine)
    except sa.exc.NoSuchTableError:
        return None


def purge_events_older_than(
    engine: sa.engine.Engine, days: Optional[float] = None, now: Optional[float] = None
) -> int:
    """Delete tracker events with a timestamp older than ``days``; returns the count."""
    table = _events_table(engine)
    if table is None:
        return 0
    cutoff = (now if now is not None else time.time()) - retention_days(days) * 86400.0
    with engine.begin() as conn:
        result = conn.execute(sa.delete(table).where(table.c.timestamp < cutoff))
        return int(result.rowcount or 0)


def delete_sender_events(engine: sa.engine.Engine, sender_id: str) -> int:
    """Delete every tracker event of ``sender_id``; returns the count."""
    table = _events_table(engine)
    if table is None:
        return 0
    with engine.begin() as conn:
        result = conn.execute(sa.delete(table).where(table.c.sender_id == str(sender_id)))
        return int(result.rowcount or 0)


def purge_tracker_events(url: Optional[str] = None, days: Optional[float] = None) -> int:
    engine = sa.create_engine(tracker_db_url(url), future=True)
    try:
        return purge_events_older_than(engine, days)
    finally:
        engine.dispose()


def delete_sender(url: Optional[str], sender_id: str) -> int:
    engine = sa.create_engine(tracker_db_url(url), future=True)
    try:
        return delete_sender_events(engine, sender_id)
    finally:
        engine.dispose()


def delete_review(review_url: Optional[str], pseudonym: str) -> int:
    """Delete the review conversations (and their turns) of one pseudonym."""
    engine = rs.make_engine(review_url)
    try:
        rs.init_db(engine)
        with rs.session_factory(engine)() as session:
            n = rs.forget_pseudonym(session, pseudonym)
            session.commit()
            return n
    finally:
        engine.dispose()


def _csv_checked(value: Optional[str], check) -> str:
    items: list = []
    for raw in (value or "").split(","):
        item = check(raw.strip()) if raw.strip() else None
        if item and item not in items:
            items.append(item)
    return ",".join(items)


def scrub_review_categories(review_url: Optional[str] = None, batch: int = 500) -> int:
    """Bring stored categorical fields into their fixed sets; returns rows changed."""
    engine = rs.make_engine(review_url)
    changed = 0
    try:
        rs.init_db(engine)
        with rs.session_factory(engine)() as session:
            last = 0
            while True:
                convs = (
                    session.query(rs.Conversation)
                    .filter(rs.Conversation.id > last)
                    .order_by(rs.Conversation.id)
                    .limit(batch)
                    .all()
                )
                if not convs:
                    break
                for conv in convs:
                    last = conv.id
                    new = {
                        "channel": categories.channel(conv.channel),
                        "crisis_categories": _csv_checked(
                            conv.crisis_categories, categories.crisis_category
                        ),
                        "themes": _csv_checked(
                            conv.themes, lambda t: t if themes.is_theme(t) else None
                        ),
                        "exercises_started": _csv_checked(
                            conv.exercises_started, categories.exercise
                        ),
                        "exercises_completed": _csv_checked(
                            conv.exercises_completed, categories.exercise
                        ),
                        "active_exercise": categories.exercise(conv.active_exercise),
                    }
                    if any(
                        getattr(conv, k) != v and (getattr(conv, k) or v) for k, v in new.items()
                    ):
                        for k, v in new.items():
                            setattr(conv, k, v)
                        changed += 1
                session.commit()
            last = 0
            while True:
                turns = (
                    session.query(rs.Turn)
                    .filter(rs.Turn.id > last)
                    .order_by(rs.Turn.id)
                    .limit(batch)
                    .all()
                )
                if not turns:
                    break
                for turn in turns:
                    last = turn.id
                    new = {
                        "intent": categories.intent(turn.intent),
                        "exercise": categories.exercise(turn.exercise),
                        "crisis_category": categories.crisis_category(turn.crisis_category),
                    }
                    if any(getattr(turn, k) != v for k, v in new.items()):
                        for k, v in new.items():
                            setattr(turn, k, v)
                        changed += 1
                session.commit()
            empty = session.query(rs.Conversation).filter(~rs.Conversation.turns.any())
            changed += empty.delete(synchronize_session=False)
            session.commit()
        return changed
    finally:
        engine.dispose()
