"""Operations waiting to be written: a bounded queue in memory, an append-only spool file on disk,
and the one background thread that hands them to the writer, in order, with retries (the spool's
one job).

- ``enqueue`` never touches the database and never waits for it.
- Order is kept: once anything is on the spool, new operations go behind it; a failed batch from
  memory goes back to the front of the spool before anything newer.
- Nothing is lost when the database is down: operations wait in memory until the queue is full,
  then on the spool (``0600``, fsynced, anonymised JSON lines, ``ops.py``); they are written once
  the database answers again, and on ``stop()``; a spool left by an earlier run (of this version or
  an older one) is written first.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from pathlib import Path
from typing import Callable, Deque, List, Optional, Sequence, Tuple

from bot.privacy.broker.ops import Op, from_json

logger = logging.getLogger(__name__)


class SpooledQueue:
    """The queue, the spool and the writing thread. ``write`` applies one batch or raises;
    ``reset`` is called after a failure (drop the connection)."""

    def __init__(
        self,
        write: Callable[[List[Op]], None],
        spool_path: Path,
        reset: Callable[[], None] = lambda: None,
        max_queue: int = 10000,
        batch_size: int = 200,
        retry_max_seconds: float = 30.0,
    ) -> None:
        self._write, self._reset = write, reset
        self.spool_path = Path(spool_path)
        self.max_queue = max(1, int(max_queue))
        self.batch_size = max(1, int(batch_size))
        self.retry_max_seconds = float(retry_max_seconds)
        self._queue: Deque[Op] = deque()
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._stopping = False
        self.failures = 0
        self._thread: Optional[threading.Thread] = None

    # -- in -------------------------------------------------------------------------
    def enqueue(self, ops: Sequence[Op]) -> None:
        with self._lock:
            for op in ops:
                if self._spool_has_data() or len(self._queue) >= self.max_queue:
                    self._append_spool([op])
                else:
                    self._queue.append(op)
            self._wake.notify()

    # -- the spool file -------------------------------------------------------------
    def _spool_has_data(self) -> bool:
        try:
            return self.spool_path.stat().st_size > 0
        except OSError:
            return False

    def _append_spool(self, ops: Sequence[Op]) -> None:
        self.spool_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.spool_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            for op in ops:
                fh.write(op.to_json() + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def _spool_lines(self) -> List[str]:
        try:
            with open(self.spool_path, encoding="utf-8") as fh:
                return [ln for ln in fh if ln.strip()]
        except FileNotFoundError:
            return []

    def _read_spool(self, limit: int) -> Tuple[List[Op], int]:
        """Up to ``limit`` operations from the head, and how many lines they took (a corrupt
        line is skipped and counted, so it never blocks the ones behind it)."""
        ops: List[Op] = []
        lines = 0
        try:
            with open(self.spool_path, encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    lines += 1
                    op = from_json(line)
                    if op is not None:
                        ops.append(op)
                    if lines >= limit:
                        break
        except FileNotFoundError:
            pass
        return ops, lines

    def _rewrite_spool(self, head: Sequence[str], tail: Sequence[str]) -> None:
        self.spool_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.spool_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(head)
            fh.writelines(tail)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.spool_path)

    def _drop_spool_head(self, count: int) -> None:
        self._rewrite_spool([], self._spool_lines()[count:])

    def _queue_to_spool_front(self) -> None:
        """Persist the in-memory operations ahead of the spool (they are older)."""
        if not self._queue:
            return
        existing = self._spool_lines() if self._spool_has_data() else []
        self._rewrite_spool([op.to_json() + "\n" for op in self._queue], existing)
        self._queue.clear()

    def pending(self) -> int:
        with self._lock:
            return len(self._queue) + (len(self._spool_lines()) if self._spool_has_data() else 0)

    # -- out ------------------------------------------------------------------------
    def _next_batch(self) -> Tuple[List[Op], str, int]:
        """(ops, source, lines) with the oldest pending operations first: memory, then spool."""
        if self._queue:
            n = min(self.batch_size, len(self._queue))
            return [self._queue[i] for i in range(n)], "queue", n
        if self._spool_has_data():
            ops, lines = self._read_spool(self.batch_size)
            return ops, "spool", lines
        return [], "", 0

    def flush_once(self) -> bool:
        """Write one batch. True if something was written, False if idle or failed."""
        with self._write_lock:  # one writer at a time (background thread, flush(), stop())
            with self._lock:
                batch, source, taken = self._next_batch()
            if not taken:
                return False
            try:
                if batch:
                    self._write(batch)
            except Exception as exc:
                self.failures += 1
                logger.warning(
                    "review store unavailable (%s); %s rows waiting",
                    exc.__class__.__name__,
                    len(batch),
                )
                self._reset()
                with self._lock:
                    try:
                        self._queue_to_spool_front()
                    except Exception:
                        logger.exception("could not spool review rows; keeping them in memory")
                return False
            self.failures = 0
            with self._lock:
                if source == "queue":
                    for _ in range(taken):
                        self._queue.popleft()
                else:
                    self._drop_spool_head(taken)
            return True

    def _idle(self) -> bool:
        return not self._queue and not self._spool_has_data()

    def flush(self, timeout: float = 10.0) -> bool:
        """Write everything pending now (tests, shutdown). True if nothing is left."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if self._idle():
                    return True
            if not self.flush_once():
                with self._lock:
                    return self._idle()
        return False

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._stopping and self._idle():
                    self._wake.wait(timeout=5.0)
                if self._stopping:
                    return
            if not self.flush_once():
                delay = (
                    min(self.retry_max_seconds, 0.2 * (2 ** min(self.failures, 8)))
                    if self.failures
                    else 0.05
                )
                with self._lock:
                    if not self._stopping:
                        self._wake.wait(timeout=delay)

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stopping = False
            self._thread = threading.Thread(target=self._run, name="review-broker", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread, write what we can, spool the rest for next time."""
        with self._lock:
            self._stopping = True
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=timeout)
        self.flush(timeout=timeout)
        with self._lock:
            try:
                self._queue_to_spool_front()
            except Exception:
                logger.exception("could not spool review rows on shutdown")
