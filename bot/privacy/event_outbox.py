"""The Rasa server's durable outbox of events on their way to RabbitMQ.

Rasa publishes a turn's events *before* it writes the tracker, and its own Pika broker keeps
what RabbitMQ has not taken only in memory: a restart while RabbitMQ is away loses them.
Here every event is first appended to this SQLite file and removed only after RabbitMQ
confirmed it, so an event survives a RabbitMQ outage, a lost connection and a crash of the
Rasa server, and is sent in order. ``add`` commits in WAL mode without waiting for the disk
(a fraction of a millisecond on the event loop; the event is in the file, safe from a crash
of the process, when ``add`` returns); the sending thread calls ``sync`` (fsync) before it
sends, so nothing is sent, and so nothing is ever removed, that is not safe from power loss.

Bounded: past ``max_events`` new events are dropped (logged, counted), except "delete my data"
(``action_forget_me``), which always gets in, so the worker still deletes that person's rows.
Rows older than the raw-conversation retention are dropped, never kept longer than the tracker
keeps them. Several processes may share one file: they all append, and one at a time (an
exclusive lock on ``<file>.lock``) sends.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from bot.privacy.event_keys import new_key

logger = logging.getLogger(__name__)

FORGET_ACTION = "action_forget_me"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    body BLOB NOT NULL,
    created REAL NOT NULL
);
"""


@dataclass
class OutboxRow:
    id: int
    key: str
    body: bytes
    created: float


def is_forget(event: Dict[str, Any]) -> bool:
    return event.get("event") == "action" and event.get("name") == FORGET_ACTION


class EventOutbox:
    """Append events, read the oldest, remove what RabbitMQ confirmed."""

    def __init__(
        self, path: Path, max_events: int = 100_000, clock: Callable[[], float] = time.time
    ) -> None:
        self.path = Path(path)
        self.max_events = max(1, int(max_events))
        self.dropped = 0
        self._clock = clock
        self._lock = threading.Lock()
        self._lead_fd: Optional[int] = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)  # raw events: owner only
        os.close(fd)
        self._db = sqlite3.connect(
            str(self.path), isolation_level=None, check_same_thread=False, timeout=30
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def add(self, event: Dict[str, Any]) -> bool:
        """Store one event with a new key; False when the outbox is full and it was dropped."""
        body = json.dumps(event, ensure_ascii=False).encode("utf-8")
        with self._lock:
            if self._size() >= self.max_events and not is_forget(event):
                self.dropped += 1
                return False
            self._db.execute(
                "INSERT INTO outbox (key, body, created) VALUES (?, ?, ?)",
                (new_key(), body, self._clock()),
            )
        return True

    def head(self, limit: int) -> List[OutboxRow]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, key, body, created FROM outbox ORDER BY id LIMIT ?", (int(limit),)
            ).fetchall()
        return [OutboxRow(r[0], r[1], bytes(r[2]), r[3]) for r in rows]

    def remove(self, ids: List[int]) -> None:
        if not ids:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in ids])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def drop_older_than(self, seconds: float) -> int:
        with self._lock:
            cursor = self._db.execute(
                "DELETE FROM outbox WHERE created < ?", (self._clock() - seconds,)
            )
        return cursor.rowcount or 0

    def sync(self) -> None:
        """fsync the file and its write-ahead log: every added event survives power loss."""
        for suffix in ("-wal", ""):
            try:
                fd = os.open(str(self.path) + suffix, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM outbox").fetchone()[0]

    def _size(self) -> int:
        # rows are removed oldest first, so the id span is the count (an upper bound at worst)
        low, high = self._db.execute("SELECT min(id), max(id) FROM outbox").fetchone()
        return 0 if low is None else high - low + 1

    # -- one sender per file -----------------------------------------------------------
    def lead(self) -> bool:
        """Take (or hold) the right to send this file's events; False if another process has it."""
        if self._lead_fd is not None:
            return True
        fd = os.open(str(self.path) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._lead_fd = fd
        return True

    def close(self) -> None:
        with self._lock:
            self._db.close()
        if self._lead_fd is not None:
            os.close(self._lead_fd)  # releases the lock
            self._lead_fd = None
