"""The review worker's bookkeeping in the review store: which events it already wrote (so a
redelivery writes nothing), and who is in the middle of being forgotten.

Each event gets a stable key when it enters the Rasa server's outbox (a random UUID, sent as
the AMQP ``message_id`` and kept with every resend). An event from another publisher
(Rasa's own Pika broker) has none; its key is then a keyed hash of the message body, so the
review store never holds a plain hash of raw text someone could test guesses against.

The keys of written events are kept in ``review_event_keys``, a table of the review store,
inserted in the same transaction as the rows they produced (``recording``): either both are
committed or neither, so a worker killed at any point writes each event exactly once.
Keys are opaque: they are not linked to a pseudonym, and they stay after "delete my data",
so a late duplicate of a forgotten person's event cannot bring a row back. Keys older than
``KEEP_DAYS`` are pruned (a duplicate only ever arrives within minutes).

``review_forgetting`` holds the pseudonyms whose "delete my data" was written but whose turn
is not over (the bot's confirmation is still to come and must write nothing), committed in the
same transaction too, so a worker restarted in between still drops the rest of that turn.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import threading
import uuid
from datetime import datetime, timedelta
from typing import Iterable, Iterator, List, Set

from sqlalchemy import Column, DateTime, String, event, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.privacy import review_store as rs

KEEP_DAYS = 14
KEY_LENGTH = 64


class EventKey(rs.Base):
    """The key of one event already written to the review store."""

    __tablename__ = "review_event_keys"

    key = Column(String(KEY_LENGTH), primary_key=True)
    written_at = Column(DateTime, nullable=False, index=True)


class Forgetting(rs.Base):
    """A pseudonym forgotten in its current turn: its events write nothing until it speaks again."""

    __tablename__ = "review_forgetting"

    pseudonym = Column(String(64), primary_key=True)
    since = Column(DateTime, nullable=False)


def forgetting(engine: Engine) -> Set[str]:
    with engine.connect() as connection:
        return {pid for (pid,) in connection.execute(select(Forgetting.pseudonym))}


def new_key() -> str:
    return uuid.uuid4().hex


def key_of(body: bytes, message_id: str | None = None) -> str:
    """The message's own key, or (for a publisher that sets none) a keyed hash of its body."""
    if message_id and len(message_id) <= KEY_LENGTH:
        return message_id
    from bot.privacy.pseudonym import get_key

    return "h" + hmac.new(get_key(), b"event:" + body, hashlib.sha256).hexdigest()[:48]


def written(engine: Engine, keys: Iterable[str]) -> Set[str]:
    """Which of ``keys`` the review store already holds."""
    keys = list(dict.fromkeys(keys))
    found: Set[str] = set()
    with engine.connect() as connection:
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = connection.execute(select(EventKey.key).where(EventKey.key.in_(chunk)))
            found.update(key for (key,) in rows)
    return found


def record(engine: Engine, state: "Recording") -> None:
    """Apply ``state`` in a transaction of its own (when the writer opened none)."""
    if state.pending():
        with engine.begin() as connection:
            _apply(connection, state)


def prune(engine: Engine, days: float = KEEP_DAYS) -> int:
    cutoff = datetime.utcnow() - timedelta(days=days)
    with engine.begin() as connection:
        result = connection.execute(EventKey.__table__.delete().where(EventKey.written_at < cutoff))
        return result.rowcount or 0


def _rows(keys: List[str]) -> List[dict]:
    now = datetime.utcnow()
    return [{"key": key, "written_at": now} for key in keys]


# -- the same transaction as the rows ------------------------------------------------------
_local = threading.local()


class Recording:
    """Keys to insert, and pseudonyms to start or stop forgetting, at the next commit of an
    ORM session in this thread."""

    def __init__(
        self, keys: List[str], forget: Iterable[str] = (), unforget: Iterable[str] = ()
    ) -> None:
        self.keys = list(keys)
        self.forget = sorted(forget)
        self.unforget = sorted(unforget)
        self.recorded = False

    def pending(self) -> bool:
        return bool(self.keys or self.forget or self.unforget) and not self.recorded


def _apply(connection, state: Recording) -> None:
    if state.keys:
        connection.execute(insert(EventKey.__table__), _rows(state.keys))
    table = Forgetting.__table__
    gone = list(state.unforget) + list(state.forget)  # re-forgetting: one row, a new date
    if gone:
        connection.execute(table.delete().where(table.c.pseudonym.in_(gone)))
    if state.forget:
        now = datetime.utcnow()
        connection.execute(insert(table), [{"pseudonym": p, "since": now} for p in state.forget])
    state.recorded = True


@contextlib.contextmanager
def recording(
    keys: List[str], forget: Iterable[str] = (), unforget: Iterable[str] = ()
) -> Iterator[Recording]:
    """While active, the first ORM commit in this thread also inserts ``keys`` (and updates
    ``review_forgetting``).

    The review writer (``bot.privacy.broker.ReviewWriter``) owns its session and commits
    once per batch; this hook puts the keys into that very transaction without reaching
    into the writer. ``Recording.recorded`` says whether a commit took them: when the
    writer had nothing to write to the database it opens no transaction, and the caller
    records the keys on their own (``record``).
    """
    state = Recording(keys, forget, unforget)
    _local.state = state
    try:
        yield state
    finally:
        _local.state = None


@event.listens_for(Session, "before_commit")
def _insert_keys(session: Session) -> None:
    state = getattr(_local, "state", None)
    if state is None or not state.pending():
        return
    _apply(session.connection(), state)
