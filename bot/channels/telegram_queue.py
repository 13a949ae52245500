"""Background processing of Telegram updates: once each, in order per chat.

Telegram redelivers an update when the webhook is slow to answer, and a bot turn can
take seconds. So the webhook only checks an update, remembers its ``update_id`` and
answers 200 at once; the turn runs later in a background task. Two pieces:

- ``SeenUpdates``: the memory of update ids already accepted. ``InMemorySeenUpdates``
  (bounded, with a time to live) is the default for one server. Several replicas behind a
  load balancer share ``RedisSeenUpdates`` (chosen when ``REDIS_URL`` is set): one command
  per update, ``SET telegram:seen:<bot id>:<update_id> 1 NX EX <ttl>``, which only the first
  replica to see the update succeeds in setting.
- ``ChatLanes``: one background lane per chat, so the updates of a chat are handled one
  after the other in arrival order while different chats run side by side.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from typing import Any, Awaitable, Callable, Deque, Dict, Hashable, Optional, Protocol

from bot import settings

logger = logging.getLogger(__name__)

Job = Callable[[], Awaitable[Any]]


class SeenUpdates(Protocol):
    """Which update ids were already accepted; the check and the marking are one step."""

    async def first_time(self, update_id: int) -> bool:
        """Mark ``update_id`` as seen; True if it was not seen before (process it)."""

    async def forget(self, update_id: int) -> None:
        """Un-mark an id whose update was refused after all, so a redelivery is processed."""


class InMemorySeenUpdates:
    """Seen update ids in this process: at most ``max_size`` of them, each for ``ttl`` seconds.

    Telegram keeps an undelivered update for 24 hours, so the default remembers a day;
    the size bound keeps memory flat under any load (the oldest ids go first).
    """

    def __init__(
        self,
        max_size: int = 100_000,
        ttl: float = 24 * 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_size < 1 or ttl <= 0:
            raise ValueError("max_size and ttl must be positive")
        self.max_size = max_size
        self.ttl = ttl
        self._clock = clock
        # update_id -> when it was first seen; insertion order is time order.
        self._seen: "collections.OrderedDict[int, float]" = collections.OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    async def first_time(self, update_id: int) -> bool:
        now = self._clock()
        self._expire(now)
        if update_id in self._seen:
            return False
        self._seen[update_id] = now
        while len(self._seen) > self.max_size:
            self._seen.popitem(last=False)
        return True

    async def forget(self, update_id: int) -> None:
        self._seen.pop(update_id, None)

    def _expire(self, now: float) -> None:
        while self._seen:
            oldest_id, seen_at = next(iter(self._seen.items()))
            if now - seen_at < self.ttl:
                return
            del self._seen[oldest_id]


class RedisSeenUpdates:
    """Seen update ids in Redis, shared by every replica; each remembered for ``ttl`` seconds.

    Keys are per bot (the numeric id before the token's colon, not the secret part), so two
    bots may share one Redis. When Redis fails the caller handles the update anyway
    (``accept_update``): a rare repeat is better than a lost message.
    """

    def __init__(self, url: str, bot_id: str, ttl: float = 24 * 3600.0) -> None:
        import redis.asyncio

        if ttl <= 0:
            raise ValueError("ttl must be positive")
        self.ttl = int(max(ttl, 1))
        self.prefix = f"telegram:seen:{bot_id}:"
        self.red = redis.asyncio.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    async def first_time(self, update_id: int) -> bool:
        return bool(await self.red.set(f"{self.prefix}{update_id}", 1, nx=True, ex=self.ttl))

    async def forget(self, update_id: int) -> None:
        await self.red.delete(f"{self.prefix}{update_id}")


def seen_updates_for(
    access_token: Optional[str], max_size: int = 100_000, ttl: float = 24 * 3600.0
) -> SeenUpdates:
    """Shared memory in Redis when ``REDIS_URL`` is set (several replicas), else this process's."""
    url = settings.REDIS_URL.get()
    if url:
        bot_id = (access_token or "").split(":", 1)[0] or "bot"
        return RedisSeenUpdates(url, bot_id, ttl)
    return InMemorySeenUpdates(max_size=max_size, ttl=ttl)


class ChatLanes:
    """Runs jobs in background tasks: one at a time per chat in arrival order.

    ``submit`` never waits; it refuses (returns False) when ``max_pending`` jobs are
    already waiting or running, so a flood cannot grow memory without bound.
    """

    def __init__(self, max_pending: int = 1000) -> None:
        if max_pending < 1:
            raise ValueError("max_pending must be positive")
        self.max_pending = max_pending
        self.pending = 0
        self._lanes: Dict[Hashable, Deque[Job]] = {}
        self._tasks: Dict[Hashable, asyncio.Task] = {}

    def submit(self, chat: Hashable, job: Job) -> bool:
        if self.pending >= self.max_pending:
            return False
        self._lanes.setdefault(chat, collections.deque()).append(job)
        self.pending += 1
        if chat not in self._tasks:
            self._tasks[chat] = asyncio.ensure_future(self._run(chat))
        return True

    async def _run(self, chat: Hashable) -> None:
        lane = self._lanes[chat]
        try:
            while lane:
                job = lane.popleft()
                try:
                    await job()
                except asyncio.CancelledError:
                    raise
                except Exception as error:  # noqa: BLE001 - one bad update must not stop the lane
                    logger.exception(
                        "Telegram update failed in the background: %s", type(error).__name__
                    )
                finally:
                    self.pending -= 1
        finally:
            # Cancelled with jobs still waiting: they are dropped (and counted as such).
            self.pending -= len(lane)
            self._lanes.pop(chat, None)
            self._tasks.pop(chat, None)

    async def wait_idle(self, timeout: Optional[float] = None) -> bool:
        """Wait until every submitted job has finished; False if ``timeout`` ran out first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._tasks:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            await asyncio.wait(list(self._tasks.values()), timeout=left)
        return True

    async def close(self, timeout: float = 10.0) -> None:
        """Let running turns finish for up to ``timeout`` seconds, then cancel the rest."""
        if not await self.wait_idle(timeout):
            dropped = self.pending
            tasks = list(self._tasks.values())
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            logger.warning("Stopped with %d Telegram update(s) not handled", dropped)
