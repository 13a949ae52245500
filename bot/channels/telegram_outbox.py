"""A durable outbox for Telegram replies: every reply arrives, once, in order per chat.

Why: sending straight from the turn lost a reply for good whenever Telegram asked to wait
longer than the turn could (a 429 with a long ``retry_after``) or answered 5xx; on a crisis
message the person then saw "Are you safe right now?" without the helplines before it.

How: a reply is first written to a small SQLite file (``OutboxStore``), then ``Courier``
delivers each chat's rows oldest first, deleting a row once Telegram took it, so a chat's
later replies wait behind an earlier one that is being retried. A 429 is retried after
exactly the ``retry_after`` Telegram names (seconds or minutes); a 5xx, a timeout or a
network failure is retried with growing pauses (at most ``max_backoff``). Nothing is
dropped for a passing failure, so the crisis resources are never dropped. Only a refusal
no retry can fix (the person blocked the bot, the chat is gone, Telegram rejects the
request) removes a row, after one more try as plain text without buttons or options.
Rows left when the server stops are delivered after the next start (``resume``); a row
older than the raw-conversation retention (RETENTION_DAYS) is dropped, never kept longer.

The same file remembers each chat's current inline keyboard (so an old keyboard can be
removed and a press on it recognised as out of date) and which groups already got the
"I only talk in private chats" note. Delivered replies are deleted at once: the file holds
only what is still on its way. One file per server process: with several replicas each
needs its own path.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from aiogram.utils import exceptions as tg_errors

logger = logging.getLogger(__name__)

Deliver = Callable[[Text, Dict[Text, Any]], Awaitable[Any]]
Delivered = Callable[["OutboxRow", Any], Awaitable[None]]

# Parameters kept when a refused message is tried once more as plain text.
_PLAIN_KEYS = ("chat_id", "text")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id TEXT NOT NULL,
    method TEXT NOT NULL,
    params TEXT NOT NULL,
    crisis INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before REAL NOT NULL DEFAULT 0,
    told_to_wait INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_chat ON outbox (chat_id, id);
CREATE TABLE IF NOT EXISTS keyboards (
    chat_id TEXT PRIMARY KEY,
    message_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    buttons TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS groups_told (
    chat_id TEXT PRIMARY KEY,
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS long_payloads (
    token TEXT PRIMARY KEY,
    payload TEXT NOT NULL
);
"""


@dataclass
class OutboxRow:
    id: int
    chat_id: Text
    method: Text
    params: Dict[Text, Any]
    crisis: bool
    attempts: int
    not_before: float
    told_to_wait: bool  # a 429: not_before is Telegram's, not ours to shorten
    created: float = 0.0


@dataclass
class Keyboard:
    """The chat's newest inline keyboard: the message carrying it and its buttons."""

    message_id: int
    text: Text
    buttons: List[Dict[Text, Text]]  # [{"title": ..., "payload": ...}]


class OutboxStore:
    """The SQLite file: queued Bot API calls, current keyboards, groups already told."""

    def __init__(self, path: Text = ":memory:", clock: Callable[[], float] = time.time) -> None:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._clock = clock
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")  # a queued crisis reply survives a crash
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    # ---- queued calls ---------------------------------------------------------------

    def add(self, chat_id: Any, method: Text, params: Dict[Text, Any], crisis: bool = False) -> int:
        cursor = self._db.execute(
            "INSERT INTO outbox (chat_id, method, params, crisis, created) VALUES (?, ?, ?, ?, ?)",
            (str(chat_id), method, json.dumps(params), int(crisis), self._clock()),
        )
        return int(cursor.lastrowid)

    def head(self, chat_id: Any) -> Optional[OutboxRow]:
        row = self._db.execute(
            "SELECT id, chat_id, method, params, crisis, attempts, not_before, told_to_wait, "
            "created FROM outbox WHERE chat_id = ? ORDER BY id LIMIT 1",
            (str(chat_id),),
        ).fetchone()
        if row is None:
            return None
        return OutboxRow(
            row[0],
            row[1],
            row[2],
            json.loads(row[3]),
            bool(row[4]),
            row[5],
            row[6],
            bool(row[7]),
            row[8],
        )

    def pending(self) -> List[Tuple[Text, float]]:
        """(chat, when its oldest row may go) for every chat with something queued."""
        rows = self._db.execute(
            "SELECT chat_id, not_before FROM outbox o WHERE id = "
            "(SELECT min(id) FROM outbox WHERE chat_id = o.chat_id)"
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def count(self, chat_id: Any = None) -> int:
        if chat_id is None:
            return self._db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        return self._db.execute(
            "SELECT count(*) FROM outbox WHERE chat_id = ?", (str(chat_id),)
        ).fetchone()[0]

    def done(self, row_id: int) -> None:
        self._db.execute("DELETE FROM outbox WHERE id = ?", (row_id,))

    def later(self, row_id: int, not_before: float, told_to_wait: bool) -> None:
        self._db.execute(
            "UPDATE outbox SET attempts = attempts + 1, not_before = ?, told_to_wait = ? "
            "WHERE id = ?",
            (not_before, int(told_to_wait), row_id),
        )

    def replace_params(self, row_id: int, params: Dict[Text, Any]) -> None:
        self._db.execute("UPDATE outbox SET params = ? WHERE id = ?", (json.dumps(params), row_id))

    # ---- keyboards ------------------------------------------------------------------

    def keyboard(self, chat_id: Any) -> Optional[Keyboard]:
        row = self._db.execute(
            "SELECT message_id, text, buttons FROM keyboards WHERE chat_id = ?", (str(chat_id),)
        ).fetchone()
        return None if row is None else Keyboard(row[0], row[1], json.loads(row[2]))

    def set_keyboard(self, chat_id: Any, keyboard: Keyboard) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO keyboards (chat_id, message_id, text, buttons) VALUES (?, ?, ?, ?)",
            (str(chat_id), keyboard.message_id, keyboard.text, json.dumps(keyboard.buttons)),
        )

    def clear_keyboard(self, chat_id: Any, message_id: Optional[int] = None) -> None:
        """Forget the chat's keyboard (only if it is still ``message_id``, when given)."""
        if message_id is None:
            self._db.execute("DELETE FROM keyboards WHERE chat_id = ?", (str(chat_id),))
        else:
            self._db.execute(
                "DELETE FROM keyboards WHERE chat_id = ? AND message_id = ?",
                (str(chat_id), message_id),
            )

    # ---- payloads too long for a button ---------------------------------------------

    def remember_payload(self, token: Text, payload: Text) -> None:
        """A button payload over Telegram's 64 bytes, sent as ``token`` (the bot's own words,
        never the person's: a handful of rows at most)."""
        self._db.execute(
            "INSERT OR IGNORE INTO long_payloads (token, payload) VALUES (?, ?)", (token, payload)
        )

    def payload_for(self, token: Text) -> Optional[Text]:
        row = self._db.execute(
            "SELECT payload FROM long_payloads WHERE token = ?", (token,)
        ).fetchone()
        return None if row is None else str(row[0])

    # ---- groups ---------------------------------------------------------------------

    def first_time_in_group(self, chat_id: Any) -> bool:
        """Mark the group as told; True only the first time (the one note it gets)."""
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO groups_told (chat_id, at) VALUES (?, ?)",
            (str(chat_id), self._clock()),
        )
        return cursor.rowcount == 1


def _permanent(error: Exception) -> bool:
    """A refusal that retrying the same call cannot fix.

    The bare ``Unauthorized`` (401: the token itself) is not: the operator can fix the
    token, and the replies then still go out. Its subclasses (blocked, kicked, deactivated)
    and every 400 are.
    """
    if isinstance(error, tg_errors.Unauthorized):
        return type(error) is not tg_errors.Unauthorized
    return isinstance(
        error,
        (
            tg_errors.BadRequest,
            tg_errors.NotFound,
            tg_errors.MigrateToChat,
            tg_errors.ConflictError,
        ),
    )


class Courier:
    """Delivers the outbox: per chat, oldest first, one call at a time.

    ``send`` writes the call and delivers at once what can go now, so in the common case
    the reply is out before the turn ends; whatever cannot go yet is left to a timer for
    that chat. ``deliver`` is the Bot API call (method, params) -> result; ``on_delivered``
    runs after each success (the channel records keyboards there).
    """

    def __init__(
        self,
        store: OutboxStore,
        deliver: Deliver,
        *,
        on_delivered: Optional[Delivered] = None,
        first_backoff: float = 1.0,
        max_backoff: float = 300.0,
        max_age: Optional[float] = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.deliver = deliver
        self.on_delivered = on_delivered
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        # A reply still undelivered after this many seconds is dropped (None: never). The
        # channel sets the raw-conversation retention: the file keeps nothing longer.
        self.max_age = max_age
        self._clock = clock
        self._locks: Dict[Text, asyncio.Lock] = {}
        self._timers: Dict[Text, Tuple[float, asyncio.Task]] = {}

    async def send(
        self, chat_id: Any, method: Text, params: Dict[Text, Any], crisis: bool = False
    ) -> None:
        """Queue one Bot API call for ``chat_id`` and deliver the chat's queue as far as it goes.

        If the file cannot take the call (disk full, file gone), it is sent straight away
        instead: a reply that is not durable beats a reply that is not sent.
        """
        try:
            self.store.add(chat_id, method, params, crisis)
        except sqlite3.Error as error:
            logger.error(
                "Telegram outbox cannot store a reply (%s); sending it directly",
                type(error).__name__,
            )
            with contextlib.suppress(sqlite3.Error):
                await self.flush(chat_id, nudge=True)  # what was queued before goes first
            await self.deliver(method, params)
            return
        await self.flush(chat_id, nudge=True)

    async def flush(self, chat_id: Any, nudge: bool = False) -> None:
        """Deliver ``chat_id``'s queue until it is empty or a call must wait.

        ``nudge``: a new reply arrived, so a row waiting after a 5xx is tried again now
        (the pause was ours to choose); a wait Telegram asked for (429) is always kept.
        """
        chat = str(chat_id)
        lock = self._locks.setdefault(chat, asyncio.Lock())
        async with lock:
            await self._drain(chat, nudge)
        # Forget an idle chat's lock, but never one another flush is waiting for.
        if (
            not lock.locked()
            and not getattr(lock, "_waiters", None)
            and self.store.count(chat) == 0
        ):
            self._locks.pop(chat, None)

    async def _drain(self, chat: Text, nudge: bool) -> None:
        while True:
            row = self.store.head(chat)
            if row is None:
                return
            now = self._clock()
            if self.max_age is not None and now - row.created > self.max_age:
                logger.error(
                    "Telegram %s undelivered past the retention period; dropped", row.method
                )
                self.store.done(row.id)
                continue
            if row.not_before > now and (row.told_to_wait or not nudge):
                self._schedule(chat, row.not_before)
                return
            try:
                result = await self.deliver(row.method, row.params)
            except asyncio.CancelledError:
                raise
            except tg_errors.RetryAfter as error:
                wait = max(float(error.timeout), 1.0)
                self.store.later(row.id, now + wait, told_to_wait=True)
                logger.warning(
                    "Telegram reply not delivered: RetryAfter (%s asked to wait "
                    "%.0fs); queued, retried then",
                    row.method,
                    wait,
                )
                self._schedule(chat, now + wait)
                return
            except Exception as error:  # noqa: BLE001 - classified below; nothing escapes
                if _permanent(error):
                    self._refused(row, error)
                    continue
                wait = min(self.first_backoff * (2**row.attempts), self.max_backoff)
                self.store.later(row.id, now + wait, told_to_wait=False)
                logger.warning(
                    "Telegram reply not delivered: %s: %s; queued, retried in %.0fs",
                    type(error).__name__,
                    error,
                    wait,
                )
                self._schedule(chat, now + wait)
                return
            self.store.done(row.id)
            if self.on_delivered is not None:
                try:
                    await self.on_delivered(row, result)
                except Exception as error:  # noqa: BLE001 - bookkeeping must not stop delivery
                    logger.warning("After-delivery step failed: %s", type(error).__name__)

    def _refused(self, row: OutboxRow, error: Exception) -> None:
        """A permanent refusal: once more as plain text (a sendMessage), else drop the row."""
        plain = {k: v for k, v in row.params.items() if k in _PLAIN_KEYS}
        if (
            row.method == "sendMessage"
            and isinstance(error, tg_errors.BadRequest)
            and plain != row.params
        ):
            logger.warning(
                "Telegram refused a reply (%s); trying it as plain text", type(error).__name__
            )
            self.store.replace_params(row.id, plain)
            return
        level = logging.ERROR if row.crisis else logging.WARNING
        logger.log(
            level,
            "Telegram refused %s for good (%s: %s); %s dropped",
            row.method,
            type(error).__name__,
            error,
            "crisis reply" if row.crisis else "call",
        )
        self.store.done(row.id)

    def _schedule(self, chat: Text, at: float) -> None:
        """Make sure ``chat``'s queue is tried again at ``at`` (one timer per chat)."""
        current = self._timers.get(chat)
        if current is not None and not current[1].done():
            if current[0] <= at or current[1] is asyncio.current_task():
                return
            current[1].cancel()
        self._timers[chat] = (at, asyncio.ensure_future(self._wake(chat, at)))

    async def _wake(self, chat: Text, at: float) -> None:
        await asyncio.sleep(max(0.0, at - self._clock()))
        self._timers.pop(chat, None)
        await self.flush(chat)

    def resume(self) -> int:
        """After a start: timers for every chat with queued calls. Returns how many chats."""
        pending = self.store.pending()
        for chat, not_before in pending:
            self._schedule(chat, not_before)
        if pending:
            logger.info("Telegram outbox: resuming %d chat(s) with queued replies", len(pending))
        return len(pending)

    async def wait_empty(self, timeout: float) -> bool:
        """Wait until nothing is queued (tests, shutdown); False if ``timeout`` ran out."""
        deadline = time.monotonic() + timeout
        while self.store.count():
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.05)
        return True

    async def stop(self) -> None:
        """Cancel the timers; queued calls stay in the file for the next start."""
        timers = [task for _, task in self._timers.values()]
        self._timers.clear()
        for task in timers:
            task.cancel()
        await asyncio.gather(*timers, return_exceptions=True)
