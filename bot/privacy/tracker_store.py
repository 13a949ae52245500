"""Rasa's SQL tracker store with "delete my data" and a daily retention purge.

Configured in ``endpoints.yml`` with the same keys as ``type: SQL``::

    tracker_store:
      type: bot.privacy.tracker_store.PrivacySQLTrackerStore
      dialect: sqlite
      db: var/tracker.db

(a) When a save brings the action ``action_forget_me``, every stored event of that
    sender is deleted and nothing of the old conversation is written back. Rasa's
    ``SQLTrackerStore.save`` writes the events past the *count* of stored ones, so after
    a deletion a later save of the same in-memory tracker would write the whole old
    conversation again; here events up to the last ``action_forget_me`` are never
    written or published again. The review rows go through the event broker, which
    deletes them in order when it sees the same action (see ``broker.py``).
(b) Raw events older than ``RETENTION_DAYS`` (default 30) are purged once a day by a
    background asyncio task started on the first save.
(c) On PostgreSQL (deploy/endpoints.yml: ``url: ${TRACKER_DB_URL}``) the connection pool is
    sized by ``TRACKER_DB_POOL_SIZE`` / ``TRACKER_DB_MAX_OVERFLOW`` and checks each
    connection before use (``pool_pre_ping``), so a restarted database is picked up again
    without a restart of Rasa. Rasa 3.6 applies pool settings only when the dialect is
    spelled exactly ``postgresql`` and defaults to 50 + 100 connections per process, more than
    PostgreSQL's default ``max_connections`` of 100; here any PostgreSQL spelling
    (``postgresql+psycopg2``, ``postgres``) gets the same small pool.
(d) ``fail_closed``: Rasa wraps every tracker store in a ``FailSafeTrackerStore`` that, when
    the database is unreachable, starts an empty conversation in memory and keeps the turn
    there. With several replicas that loses the turn and answers as if the person had never
    spoken; this store asks bot/rasa_compat/strict_tracker_store.py to let the error through
    instead, so the crisis guard answers (resources for a crisis, an apology otherwise) and
    nothing is acknowledged that was not stored.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from typing import Any, Iterator, List, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME  # noqa: F401  (documented neighbour)
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import sessionmaker

from bot import settings
from bot.privacy import retention

logger = logging.getLogger(__name__)

FORGET_ACTION = "action_forget_me"
PURGE_INTERVAL_SECONDS = settings.RETENTION_PURGE_INTERVAL.default


def _last_forget_index(events: List[Event]) -> int:
    for i in range(len(events) - 1, -1, -1):
        ev = events[i]
        if isinstance(ev, ActionExecuted) and ev.action_name == FORGET_ACTION:
            return i
    return -1


class PrivacySQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that forgets on request and purges old raw events."""

    #: Read by bot/rasa_compat/strict_tracker_store.py: errors reach the turn (see (d)).
    fail_closed = True

    def __init__(
        self,
        *args: Any,
        retention_days: Optional[float] = None,
        purge_interval: Optional[float] = None,
        pool_size: Optional[int] = None,
        max_overflow: Optional[int] = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "postgresql":
            self._use_own_pool(pool_size, max_overflow)
        self.retention_days = retention.retention_days(retention_days)
        self.purge_interval = float(purge_interval or settings.RETENTION_PURGE_INTERVAL.get())
        self._purge_task: Optional[asyncio.Task] = None
        self._forgotten: dict = {}  # sender id -> timestamp of the forget action handled

    def _use_own_pool(self, pool_size: Optional[int], max_overflow: Optional[int]) -> None:
        """Replace Rasa's engine (pool 50 + 100, or none) with one sized from settings.

        Rasa has already created the tables through its own engine; that engine's one
        connection is closed here and never used again.
        """
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url,
            pool_size=int(pool_size or settings.TRACKER_DB_POOL_SIZE.get()),
            max_overflow=int(
                settings.TRACKER_DB_MAX_OVERFLOW.get() if max_overflow is None else max_overflow
            ),
            pool_pre_ping=True,  # a connection the database dropped (restart) is replaced
            pool_timeout=10,  # a turn waits at most this long for a free connection
            connect_args={"connect_timeout": 5},
        )
        self.sessionmaker = sessionmaker(bind=self.engine)

    # -- which events are new -----------------------------------------------------
    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """Events not yet stored, never including anything up to a forget action."""
        events = list(tracker.events)
        stored = self._event_query(
            session, tracker.sender_id, fetch_events_from_all_sessions=False
        ).count()
        cut = _last_forget_index(events) + 1  # 0 when there is no forget action
        return itertools.islice(events, cut + stored, len(events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        self._ensure_purge_task()
        events = list(tracker.events)
        forget_at = _last_forget_index(events)
        with self.session_scope() as session:
            stored = self._event_query(
                session, tracker.sender_id, fetch_events_from_all_sessions=False
            ).count()
        before_cut = forget_at + 1 if forget_at >= 0 else 0
        # Is the forget action among the events this save brings?  Before the deletion the
        # stored events are the tracker's prefix, so index >= stored means "new".
        forget_is_new = (
            forget_at >= 0
            and forget_at >= stored
            and not self._already_forgotten(tracker.sender_id, events, forget_at)
        )
        if forget_is_new:
            new_events = events[stored:]
            self._publish(tracker.sender_id, new_events)  # the broker deletes review rows in order
            deleted = retention.delete_sender_events(self.engine, tracker.sender_id)
            self._forgotten_marker(tracker.sender_id, events[forget_at])
            logger.info("forgot a conversation on request (%s tracker events deleted)", deleted)
            return
        new_events = events[before_cut + stored :] if forget_at >= 0 else events[stored:]
        self._publish(tracker.sender_id, new_events)
        with self.session_scope() as session:
            for event in new_events:
                data = event.as_dict()
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()

    # A tracker object that still holds a forget action already handled (saved twice in
    # one process) must not trigger a second deletion of what was stored after it.
    def _forgotten_marker(self, sender_id: str, event: Event) -> None:
        self._forgotten[sender_id] = getattr(event, "timestamp", None)

    def _already_forgotten(self, sender_id: str, events: List[Event], forget_at: int) -> bool:
        seen = self._forgotten.get(sender_id)
        return seen is not None and seen == getattr(events[forget_at], "timestamp", None)

    def _publish(self, sender_id: str, events: List[Event]) -> None:
        if self.event_broker is None:
            return
        for event in events:
            body = {"sender_id": sender_id}
            body.update(event.as_dict())
            try:
                self.event_broker.publish(body)
            except Exception:  # the conversation goes on whatever the broker does
                logger.exception("event broker failed to publish")

    # -- retention --------------------------------------------------------------------
    def purge_now(self) -> int:
        return retention.purge_events_older_than(self.engine, self.retention_days)

    def _ensure_purge_task(self) -> None:
        if self._purge_task is not None and not self._purge_task.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._purge_task = loop.create_task(self._purge_loop())

    async def _purge_loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                n = await loop.run_in_executor(None, self.purge_now)
                if n:
                    logger.info(
                        "retention purge removed %s tracker events older than %s days",
                        n,
                        self.retention_days,
                    )
            except Exception:
                logger.exception("retention purge failed; will try again")
            await asyncio.sleep(self.purge_interval)
