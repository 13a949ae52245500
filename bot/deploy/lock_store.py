"""Rasa's Redis ticket lock with every change made atomically, for several replicas.

Why: Rasa 3.6's ``RedisLockStore`` changes a lock by reading it, changing it in Python and
writing it back (GET, then SET). Two replicas taking a ticket for the same conversation at the
same moment both read "no tickets", both take ticket 0 and both run the turn at once, so the
second save interleaves its events with the first. And a replica that releases its ticket
("nobody waiting, delete the lock") can delete a ticket another replica just took, which then
fails with "Could not acquire lock". Here each read-change-write is one Redis transaction
(WATCH/MULTI, retried when another replica changed the key in between), and every lock key
expires after twice the ticket lifetime, so a replica killed mid-turn blocks its conversation
for at most ``TICKET_LOCK_LIFETIME`` seconds (Rasa's setting, default 60) and leaves no key
behind.

When Redis is unreachable, taking a ticket raises ``LockError`` (as upstream): the turn does
not run and the crisis guard (bot/rasa_compat/crisis_guard.py) answers instead, with the
static crisis resources first when the message reads as a crisis.

endpoints (deploy/endpoints.yml)::

    lock_store:
      type: bot.deploy.lock_store.AtomicRedisLockStore
      url: ${REDIS_URL}          # redis://:password@host:6379/0
"""

from __future__ import annotations

import json
import logging
from typing import Any, Callable, Optional, Text, Tuple

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore, RedisLockStore

from bot import settings

logger = logging.getLogger(__name__)

KEY_PREFIX = "lock:"
SOCKET_TIMEOUT = 2.0  # a turn waits at most this long for a Redis that does not answer
_UNCHANGED = object()

Change = Callable[[Optional[TicketLock]], Tuple[Any, Any]]


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket issue, refresh and release are Redis transactions."""

    def __init__(
        self,
        endpoint_config: Any = None,
        url: Optional[Text] = None,
        key_prefix: Optional[Text] = None,
        lock_lifetime: float = LOCK_LIFETIME,
        **_ignored: Any,
    ) -> None:
        kwargs = dict(getattr(endpoint_config, "kwargs", None) or {})
        url = url or getattr(endpoint_config, "url", None) or settings.REDIS_URL.get()
        if not url:
            raise ValueError("AtomicRedisLockStore needs a url (set REDIS_URL)")
        self.red = redis.Redis.from_url(
            url,
            socket_timeout=float(kwargs.get("socket_timeout", SOCKET_TIMEOUT)),
            socket_connect_timeout=float(kwargs.get("socket_timeout", SOCKET_TIMEOUT)),
        )
        self.key_prefix = KEY_PREFIX
        prefix = key_prefix or kwargs.get("key_prefix")
        if prefix:
            self._set_key_prefix(prefix)
        self.key_ttl_ms = int(max(float(lock_lifetime), 1.0) * 2 * 1000)
        LockStore.__init__(self)

    # -- one transaction per change ---------------------------------------------------------
    def _change(self, conversation_id: Text, change: Change) -> Any:
        """Apply ``change`` (lock or None -> (new lock, None to delete, or _UNCHANGED; result))
        to the stored lock atomically, retrying when another replica changed it meanwhile."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new, result = change(lock)
                    if new is _UNCHANGED:
                        pipe.unwatch()
                        return result
                    pipe.multi()
                    if new is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new.dumps(), px=self.key_ttl_ms)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def take(lock: Optional[TicketLock]) -> Tuple[Any, Any]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, take)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        def refresh(lock: Optional[TicketLock]) -> Tuple[Any, Any]:
            if lock is None:
                return _UNCHANGED, None
            lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, refresh)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        self.cleanup(conversation_id, ticket_number)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        """Release ``ticket_number``; delete the lock only if no ticket is left, atomically."""

        def release(lock: Optional[TicketLock]) -> Tuple[Any, Any]:
            if lock is None:
                return _UNCHANGED, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        try:
            self._change(conversation_id, release)
        except redis.RedisError as error:
            # The ticket then expires by itself after its lifetime.
            logger.error("could not release a conversation lock: %s", type(error).__name__)

    def save_lock(self, lock: TicketLock) -> None:
        self.red.set(self.key_prefix + lock.conversation_id, lock.dumps(), px=self.key_ttl_ms)
