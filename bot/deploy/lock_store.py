"""Rasa's Redis ticket lock with every change made atomically, for several replicas.

Why: Rasa 3.6's ``RedisLockStore`` changes a lock by reading it, changing it in Python and
writing it back (GET, then SET). Two replicas taking a ticket for the same conversation at the
same moment both read "no tickets", both take ticket 0 and both run the turn at once, so the
second save interleaves its events with the first. And a replica that releases its ticket
("nobody waiting, delete the lock") can delete a ticket another replica just took, which then
fails with "Could not acquire lock". Here each read-change-write is one Redis transaction
(WATCH/MULTI, retried when another replica changed the key in between).

Tickets are leases. Upstream, a ticket lives ``TICKET_LOCK_LIFETIME`` (60 s) from when it was
taken: a replica killed mid-turn makes that person's next message wait up to a minute, and a
live turn slower than that loses its lock. Here a ticket lives ``lease_seconds`` (5) and a
thread of the replica holding it renews it every ``lease_seconds / 5`` for as long as the turn
runs or waits its turn (``Leases``), so a killed replica's ticket lapses within seconds while a
slow turn keeps its lock. Expiry compares wall clocks across replicas (as upstream does):
keep them in sync (NTP). Every lock key expires after twice the lease, renewed with it, so
nothing is left behind.

When Redis is unreachable, taking a ticket raises ``LockError`` (as upstream): the turn does
not run and the crisis guard (bot/rasa_compat/crisis_guard.py) answers instead, with the
static crisis resources first when the message reads as a crisis.

endpoints (deploy/endpoints.yml)::

    lock_store:
      type: bot.deploy.lock_store.AtomicRedisLockStore
      url: ${REDIS_URL}          # redis://:password@host:6379/0
      lease_seconds: 5           # how long a dead replica's turn keeps its conversation locked
"""

from __future__ import annotations

import json
import logging
import threading
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Callable, Dict, List, Optional, Text, Tuple

import redis
from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore, RedisLockStore

from bot import settings

logger = logging.getLogger(__name__)

KEY_PREFIX = "lock:"
SOCKET_TIMEOUT = 2.0  # a turn waits at most this long for a Redis that does not answer
LEASE_SECONDS = 5.0  # a ticket nobody renews lapses after this long
RENEWALS_PER_LEASE = 5  # renewals a lease may miss but one before it lapses
_UNCHANGED = object()

# Push one live ticket's expiry a lease ahead in Redis itself: a renewal of every ticket a
# replica holds is then one round trip (a pipeline of these), however many there are. On a
# loaded machine each round trip costs a scheduling delay; one per ticket per step of the
# read-change-write transaction let renewals fall a whole lease behind under load.
# KEYS[1] lock key; ARGV: ticket number, now, lease seconds, key ttl ms. 1: renewed, 0: lapsed.
RENEW_SCRIPT = """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local lock = cjson.decode(raw)
local number, now = tonumber(ARGV[1]), tonumber(ARGV[2])
for i, encoded in ipairs(lock['tickets']) do
  local ticket = cjson.decode(encoded)
  if ticket['number'] == number then
    if ticket['expires'] < now then return 0 end
    ticket['expires'] = now + tonumber(ARGV[3])
    lock['tickets'][i] = cjson.encode(ticket)
    redis.call('SET', KEYS[1], cjson.encode(lock), 'PX', tonumber(ARGV[4]))
    return 1
  end
end
return 0
"""

Change = Callable[[Optional[TicketLock]], Tuple[Any, Any]]


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` whose ticket issue, refresh and release are Redis transactions."""

    def __init__(
        self,
        endpoint_config: Any = None,
        url: Optional[Text] = None,
        key_prefix: Optional[Text] = None,
        lock_lifetime: float = LOCK_LIFETIME,
        lease_seconds: Optional[float] = None,
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
        self.lease = float(lease_seconds or kwargs.get("lease_seconds") or LEASE_SECONDS)
        if self.lease <= 0:
            raise ValueError("lease_seconds must be positive")
        self.key_ttl_ms = int(max(self.lease, 1.0) * 2 * 1000)
        self.leases = Leases(self)
        self._renew_script = self.red.register_script(RENEW_SCRIPT)
        LockStore.__init__(self)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: Text,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        """Rasa's ``LockStore.lock`` with a leased ticket, renewed until the turn ends.

        ``lock_lifetime`` no longer bounds a live turn; a dead one is bounded by the lease."""
        ticket = self.issue_ticket(conversation_id, self.lease)
        self.leases.hold(conversation_id, ticket)
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            self.leases.release(conversation_id, ticket)
            self.cleanup(conversation_id, ticket)

    def renew(self, conversation_id: Text, ticket_number: int) -> bool:
        """Push ``ticket_number``'s expiry a lease ahead; False when it lapsed and another turn
        has taken the conversation since.

        A lapse (this process starved of CPU for a whole lease) with no other ticket waiting
        takes the ticket back: nobody else can have run a turn in between."""

        def extend(lock: Optional[TicketLock]) -> Tuple[Any, Any]:
            expires = time.time() + self.lease
            ticket = lock and lock._ticket_for_ticket_number(ticket_number)
            if ticket:
                ticket.expires = expires
                return lock, True
            if lock is not None and lock.tickets:
                return _UNCHANGED, False
            logger.warning("a conversation lock lapsed while its turn ran; taken back")
            lock = lock or self.create_lock(conversation_id)
            lock.tickets.append(Ticket(ticket_number, expires))
            return lock, True

        return self._change(conversation_id, extend)

    def renew_all(self, held: List[Tuple[Text, int]]) -> List[Tuple[Text, int]]:
        """Renew every ``(conversation, ticket)`` in one round trip; return those whose lease
        lapsed and another turn has taken (the rest are renewed or taken back)."""
        now = time.time()
        with self.red.pipeline(transaction=False) as pipe:
            for conversation_id, ticket in held:
                self._renew_script(
                    keys=[self.key_prefix + conversation_id],
                    args=[ticket, repr(now), repr(self.lease), self.key_ttl_ms],
                    client=pipe,
                )
            renewed = pipe.execute()
        return [
            (conversation_id, ticket)
            for (conversation_id, ticket), done in zip(held, renewed, strict=True)
            if not done and not self.renew(conversation_id, ticket)
        ]

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


class Leases:
    """The tickets this process holds or waits with, renewed by one daemon thread.

    A thread, not an asyncio task: a replica's event loop is busy for the length of a model
    prediction, and a renewal must not wait for it. The thread dies with the process, which is
    the point: then nobody renews, and the tickets lapse."""

    def __init__(self, store: AtomicRedisLockStore) -> None:
        self.store = store
        self.every = store.lease / RENEWALS_PER_LEASE
        self._held: Dict[Tuple[Text, int], None] = {}
        self._guard = threading.Lock()
        self._thread: Optional[threading.Thread] = None

    def hold(self, conversation_id: Text, ticket: int) -> None:
        with self._guard:
            self._held[(conversation_id, ticket)] = None
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="lock-lease-renewal", daemon=True
                )
                self._thread.start()

    def release(self, conversation_id: Text, ticket: int) -> None:
        with self._guard:
            self._held.pop((conversation_id, ticket), None)

    def _run(self) -> None:
        """Renew every ticket held; end when none is left (``hold`` starts a new thread)."""
        while True:
            time.sleep(self.every)
            with self._guard:
                held = list(self._held)
                if not held:
                    self._thread = None
                    return
            try:
                lost = self.store.renew_all(held)
            except redis.RedisError as error:
                # Redis away: the turn itself fails or the lease lapses; try again next time.
                logger.warning("could not renew conversation locks: %s", type(error).__name__)
                continue
            for conversation_id, ticket in lost:
                self.release(conversation_id, ticket)
                logger.error(
                    "a conversation lock lapsed while its turn was running (renewals late by "
                    "more than %.1f s) and another turn has started",
                    self.store.lease,
                )
