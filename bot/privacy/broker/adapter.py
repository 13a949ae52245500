"""The Rasa side: an EventBroker that turns each event into anonymised operations and queues them.

Configured in ``endpoints.yml``::

    event_broker:
      type: bot.privacy.broker.ReviewEventBroker
      url: sqlite:///var/review.db      # optional; default REVIEW_DB_URL or var/review.db

Why a broker: it sees each event as the conversation goes, and Rasa already calls it from the
tracker store. What it guarantees, with the modules beside it:

- Raw text never leaves ``publish``: the event is anonymised and the sender id turned into a
  pseudonym *before* it is queued (events.py), so neither the in-memory queue, the on-disk spool
  nor the database ever holds raw text.
- The conversation never waits on the review database: ``publish`` only anonymises and appends
  to a queue; one background thread writes in order (spool.py). ``publish`` never raises.
- Nothing is lost when the database is down: operations wait in a bounded in-memory queue and,
  once it is full or the database fails, in an append-only spool file; they are written, in
  order, once the database answers again, and on ``close()``; a spool left from a previous run is
  written on start.
- "Delete my data": when ``action_forget_me`` runs, every review row of that pseudonym is
  deleted, in order after the rows before it, and the rest of that turn is dropped (writer.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.core.brokers.broker import EventBroker

from bot import settings
from bot.privacy import categories
from bot.privacy.broker.events import to_ops
from bot.privacy.broker.ops import Op
from bot.privacy.broker.spool import SpooledQueue
from bot.privacy.broker.writer import ReviewWriter

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_SPOOL = ROOT / "var" / "review_spool.jsonl"


class ReviewEventBroker(EventBroker):
    """Anonymise, queue, and write events to the review store in the background."""

    def __init__(
        self,
        url: Optional[str] = None,
        spool_path: Optional[str] = None,
        max_queue: int = 10000,
        batch_size: int = 200,
        retry_max_seconds: float = 30.0,
        writer: Optional[ReviewWriter] = None,
        start: bool = True,
    ) -> None:
        self.writer = writer or ReviewWriter(url)
        self.queue = SpooledQueue(
            write=lambda ops: self.writer.write(ops),
            reset=lambda: self.writer.reset(),
            spool_path=Path(spool_path or settings.REVIEW_SPOOL_PATH.raw() or DEFAULT_SPOOL),
            max_queue=max_queue,
            batch_size=batch_size,
            retry_max_seconds=retry_max_seconds,
        )
        if start:
            self.queue.start()

    @property
    def spool_path(self) -> Path:
        return self.queue.spool_path

    # -- Rasa interface ---------------------------------------------------------------
    @classmethod
    async def from_endpoint_config(cls, broker_config, event_loop=None) -> "ReviewEventBroker":
        kwargs = dict(getattr(broker_config, "kwargs", {}) or {})
        allowed = {"spool_path", "max_queue", "batch_size", "retry_max_seconds"}
        broker = cls(
            url=getattr(broker_config, "url", None),
            **{k: v for k, v in kwargs.items() if k in allowed},
        )
        # Build the anonymiser now (word lists, matchers: a few seconds), off the event
        # loop, so the first message of the first conversation does not wait for it.
        import asyncio

        from bot.privacy.anonymiser import get

        await asyncio.get_running_loop().run_in_executor(None, get)
        await asyncio.get_running_loop().run_in_executor(None, categories.load_all)
        return broker

    def publish(self, event: Dict[Text, Any]) -> None:
        """Anonymise and enqueue; never raises, never touches the database."""
        try:
            ops = to_ops(event)
        except Exception:
            logger.exception("review broker could not convert an event; dropped it")
            return
        if not ops:
            return
        try:
            self.enqueue(ops)
        except Exception:
            logger.exception("review broker could not queue an event")

    def is_ready(self) -> bool:
        return True

    async def close(self) -> None:
        import asyncio

        await asyncio.get_running_loop().run_in_executor(None, self.stop)

    # -- the queue, for tests and shutdown ---------------------------------------------
    def enqueue(self, ops: List[Op]) -> None:
        self.queue.enqueue(ops)

    def pending(self) -> int:
        return self.queue.pending()

    def flush_once(self) -> bool:
        return self.queue.flush_once()

    def flush(self, timeout: float = 10.0) -> bool:
        return self.queue.flush(timeout)

    def start(self) -> None:
        self.queue.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.queue.stop(timeout)
