"""``bot review-worker``: events from RabbitMQ, anonymised, into the review store, exactly once.

The production counterpart of the in-process review broker: the Rasa servers send raw events
to RabbitMQ (``bot.privacy.queue_broker``); this worker, the only consumer, turns each into
anonymised review operations (``bot.privacy.broker.to_ops``) and writes them
(``ReviewWriter``). What it guarantees, and how:

- At-least-once delivery: manual acks with a prefetch window; a message is acked only after
  the transaction holding its rows has committed. A worker killed at any point leaves its
  unacked messages to RabbitMQ, which delivers them again.
- Idempotent writes: each event's key (``bot.privacy.event_keys``) is inserted in the same
  transaction as its rows, and events whose key is already there are acked without writing,
  so a redelivery never duplicates a row.
- Order: one active consumer per queue (``event_queue``), batches written in delivery order,
  so "delete my data" deletes everything before it, and what follows in that turn (the
  bot's confirmation) is dropped, as the in-process broker does; who is being forgotten is
  committed with the rows, so a restart in the middle of that turn drops the rest too.
- Dead letters: a message that is not a Rasa event (not JSON, wrong shape) is rejected at
  once, one that fails ``max_attempts`` times while the database works is rejected after
  them; RabbitMQ moves both to ``<queue>.dead``. Only the reason and the key are logged,
  never text. While the review database itself is down nothing is rejected: the batch waits
  and is retried with growing pauses.

Memory it keeps, as the in-process broker does: the anonymiser's context window (last texts
per conversation) and sessions not yet begun; after a restart both start empty.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import signal
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Set

import aio_pika
from sqlalchemy import text

from bot import settings
from bot.privacy import event_keys, event_queue
from bot.privacy import review_store as rs
from bot.privacy.broker import ReviewWriter, to_ops
from bot.privacy.broker.ops import Op, OpKind, Speaker

logger = logging.getLogger(__name__)

KEY_PRUNE_SECONDS = 3600.0


class ReviewStoreUnavailable(RuntimeError):
    """The review database does not answer: wait and retry, reject nothing."""


@dataclass
class Delivery:
    """One message and what became of it."""

    body: bytes
    message_id: Optional[str]
    message: Any = None  # the aio_pika message, to ack or reject
    key: str = ""
    event: Optional[Dict[str, Any]] = None
    bad: Optional[str] = None  # why it can never be processed
    ops: Optional[List[Op]] = None  # to_ops once (it updates the context window)
    attempts: int = 0
    outcome: Optional[str] = None  # written | duplicate | dead

    @classmethod
    def of(cls, message: Any) -> "Delivery":
        return cls(bytes(message.body), message.message_id, message)


class ReviewProcessor:
    """The database side: deduplicate, anonymise, write a batch in one transaction."""

    def __init__(self, review_db_url: Optional[str] = None, max_attempts: int = 5) -> None:
        self.url = review_db_url or rs.review_db_url()
        self.max_attempts = max(1, int(max_attempts))
        self.writer = ReviewWriter(self.url)
        # pseudonyms forgotten in this turn: drop the rest of it (kept in review_forgetting too)
        self.forgetting: Set[str] = set()
        self._forgetting_loaded = False
        self._engine = None
        self.counts = {"written": 0, "duplicate": 0, "dead": 0}

    @property
    def engine(self):
        if self._engine is None:
            engine = rs.make_engine(self.url)
            rs.init_db(engine)  # includes the tables of bot.privacy.event_keys
            if not self._forgetting_loaded:
                self.forgetting = event_keys.forgetting(engine)
                self._forgetting_loaded = True
            self._engine = engine
        return self._engine

    def reset(self) -> None:
        self.writer.reset()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def available(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:
            self.reset()
            return False

    # -- one batch ---------------------------------------------------------------------
    def process(self, batch: List[Delivery]) -> None:
        """Give every delivery an outcome, or raise ``ReviewStoreUnavailable``."""
        for delivery in batch:
            if delivery.event is None and delivery.bad is None:
                self._parse(delivery)
            if delivery.bad is not None and delivery.outcome is None:
                self._dead(delivery, delivery.bad)
        live = [d for d in batch if d.outcome is None]
        if not live:
            return
        try:
            done = event_keys.written(self.engine, [d.key for d in live])
        except Exception as exc:
            self.reset()
            raise ReviewStoreUnavailable(exc.__class__.__name__) from exc
        fresh: List[Delivery] = []
        seen: Set[str] = set()
        for delivery in live:
            if delivery.key in done or delivery.key in seen:
                delivery.outcome = "duplicate"
                self.counts["duplicate"] += 1
            else:
                seen.add(delivery.key)
                fresh.append(delivery)
        for delivery in fresh:
            if delivery.ops is None:
                try:
                    delivery.ops = to_ops(delivery.event)
                except Exception as exc:
                    self._failed(delivery, "anonymise", "anonymising", exc)
        fresh = [d for d in fresh if d.outcome is None and d.ops is not None]
        if not fresh:
            return
        try:
            self._write(fresh)
        except Exception as exc:
            if not self.available():
                raise ReviewStoreUnavailable(exc.__class__.__name__) from exc
            if len(fresh) == 1:
                self._failed(fresh[0], "write", "writing", exc)
                return
            for delivery in fresh:  # find the one that fails: each on its own, in order
                while delivery.outcome is None:
                    self.process([delivery])
        # anything left without an outcome is retried by the caller

    def _parse(self, delivery: Delivery) -> None:
        try:
            incoming = event_queue.parse(delivery.body, delivery.message_id)
        except event_queue.BadMessage as bad:
            delivery.bad = bad.reason
            delivery.key = event_keys.key_of(delivery.body, delivery.message_id)
            return
        delivery.event = incoming.event
        delivery.key = event_keys.key_of(delivery.body, incoming.message_id)

    def _write(self, fresh: List[Delivery]) -> None:
        before = set(self.forgetting)
        ops: List[Op] = []
        keys: List[str] = []
        for delivery in fresh:
            kept = self._drop_forgotten_turn(delivery.ops or [])
            if kept:
                ops.extend(kept)
                keys.append(delivery.key)
        try:
            forget, unforget = self.forgetting - before, before - self.forgetting
            with event_keys.recording(keys, forget, unforget) as recording:
                if ops:
                    self.writer.write(ops)
            event_keys.record(self.engine, recording)  # if the writer opened no transaction
        except Exception:
            self.forgetting = before
            self.writer.reset()
            raise
        for delivery in fresh:
            delivery.outcome = "written"
        self.counts["written"] += len(fresh)

    def _drop_forgotten_turn(self, ops: List[Op]) -> List[Op]:
        """After "delete my data", the rest of that turn (the bot's confirmation, the restart)
        writes nothing: the person's next session or message begins anew. The writer drops it
        too, but only in memory; here the set survives a restart (``review_forgetting``)."""
        kept = []
        for op in ops:
            pid = op.pseudonym
            if op.kind is OpKind.FORGET:
                self.forgetting.add(pid)
            elif pid in self.forgetting:
                if op.kind is OpKind.SESSION or (
                    op.kind is OpKind.TURN and op.speaker is Speaker.USER
                ):
                    self.forgetting.discard(pid)
                else:
                    continue
            kept.append(op)
        return kept

    def _failed(self, delivery: Delivery, verb: str, doing: str, exc: Exception) -> None:
        """One more failed attempt at an event; dead-lettered after ``max_attempts``."""
        delivery.attempts += 1
        name = exc.__class__.__name__
        logger.warning(
            "could not %s event %s (%s), attempt %s", verb, delivery.key, name, delivery.attempts
        )
        if delivery.attempts >= self.max_attempts:
            self._dead(delivery, f"{doing} failed ({name})")

    def _dead(self, delivery: Delivery, reason: str) -> None:
        delivery.outcome = "dead"
        self.counts["dead"] += 1
        kind = (delivery.event or {}).get("event") if delivery.event else None
        logger.error(
            "event %s dead-lettered: %s%s", delivery.key, reason, f" (type {kind})" if kind else ""
        )

    def prune_keys(self) -> None:
        try:
            pruned = event_keys.prune(self.engine)
        except Exception as exc:
            logger.warning("could not prune old event keys (%s)", exc.__class__.__name__)
            self.reset()
            return
        if pruned:
            logger.info("pruned %s event keys older than %s days", pruned, event_keys.KEEP_DAYS)


class ReviewWorker:
    """The RabbitMQ side: consume, batch, hand to the processor, ack or reject."""

    def __init__(
        self,
        amqp_url: Optional[str] = None,
        queue: Optional[str] = None,
        review_db_url: Optional[str] = None,
        prefetch: int = 200,
        batch_wait: float = 0.05,
        max_attempts: int = 5,
        retry_max_seconds: float = 30.0,
    ) -> None:
        self.url = amqp_url or settings.RABBITMQ_URL.get()
        if not self.url:
            raise ValueError(
                "the review worker needs RABBITMQ_URL (amqp://user:password@host/vhost)"
            )
        self.queue = queue or settings.REVIEW_QUEUE.get()
        self.prefetch = max(1, int(prefetch))
        self.batch_wait = float(batch_wait)
        self.retry_max_seconds = float(retry_max_seconds)
        self.processor = ReviewProcessor(review_db_url, max_attempts=max_attempts)
        self.stopping = asyncio.Event()
        self._executor = concurrent.futures.ThreadPoolExecutor(1, "review-worker-db")

    async def run(self) -> None:
        """Consume until ``stopping`` is set, reconnecting with growing pauses."""
        backoff = 0.2
        next_prune = 0.0
        loop = asyncio.get_running_loop()
        while not self.stopping.is_set():
            if time.monotonic() >= next_prune:
                await loop.run_in_executor(self._executor, self.processor.prune_keys)
                next_prune = time.monotonic() + KEY_PRUNE_SECONDS
            try:
                await self._consume()
                backoff = 0.2
            except Exception as exc:
                if self.stopping.is_set():
                    break
                logger.warning(
                    "RabbitMQ connection lost or refused (%s); retrying in %.1fs",
                    exc.__class__.__name__,
                    backoff,
                )
                await self._pause(backoff)
                backoff = min(self.retry_max_seconds, backoff * 2)
        self._executor.shutdown(wait=True)
        logger.info("review worker stopped: %s", self.processor.counts)

    async def _consume(self) -> None:
        connection = await aio_pika.connect(self.url, timeout=10)
        try:
            channel = await connection.channel()
            await channel.set_qos(prefetch_count=self.prefetch)
            queue = await event_queue.declare(channel, self.queue)
            inbox: asyncio.Queue = asyncio.Queue()
            await queue.consume(inbox.put, no_ack=False)
            logger.info("review worker consuming %s", self.queue)
            while not self.stopping.is_set():
                batch = await self._collect(inbox)
                if connection.is_closed or channel.is_closed:
                    raise ConnectionError("RabbitMQ connection closed")
                if batch:
                    await self._handle([Delivery.of(m) for m in batch])
        finally:
            try:
                await connection.close()  # unacked messages go back to the queue
            except Exception:
                pass

    async def _collect(self, inbox: asyncio.Queue) -> List[Any]:
        try:
            first = await asyncio.wait_for(inbox.get(), timeout=1.0)
        except asyncio.TimeoutError:
            return []
        batch = [first]
        deadline = time.monotonic() + self.batch_wait
        while len(batch) < self.prefetch:
            remaining = deadline - time.monotonic()
            if remaining <= 0 and inbox.empty():
                break
            try:
                batch.append(await asyncio.wait_for(inbox.get(), timeout=max(remaining, 0.001)))
            except asyncio.TimeoutError:
                break
        return batch

    async def _handle(self, batch: List[Delivery]) -> None:
        loop = asyncio.get_running_loop()
        backoff = 0.2
        while True:
            try:
                await loop.run_in_executor(self._executor, self.processor.process, batch)
            except ReviewStoreUnavailable as exc:
                logger.warning(
                    "review store unavailable (%s); %s events wait, retrying in %.1fs",
                    exc,
                    len(batch),
                    backoff,
                )
                if self.stopping.is_set():
                    return  # unacked: RabbitMQ keeps them
                await self._pause(backoff)
                backoff = min(self.retry_max_seconds, backoff * 2)
                continue
            if all(d.outcome for d in batch):
                break
            await self._pause(min(backoff, 1.0))  # a failing event: try again shortly
            backoff = min(self.retry_max_seconds, backoff * 2)
        for delivery in batch:
            if delivery.outcome == "dead":
                await delivery.message.reject(requeue=False)
            else:
                await delivery.message.ack()

    async def _pause(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.stopping.wait(), timeout=seconds)
        except asyncio.TimeoutError:
            pass


async def requeue_dead(amqp_url: str, queue: str) -> int:
    """Move every message of ``<queue>.dead`` back to ``queue`` (after fixing the cause)."""
    moved = 0
    connection = await aio_pika.connect(amqp_url, timeout=10)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        await event_queue.declare(channel, queue)
        dead = await channel.get_queue(event_queue.dead_letter_name(queue))
        while True:
            message = await dead.get(no_ack=False, fail=False)
            if message is None:
                return moved
            await channel.default_exchange.publish(
                aio_pika.Message(
                    message.body,
                    message_id=message.message_id,
                    content_type=message.content_type,
                    delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                    timestamp=message.timestamp,
                    app_id=message.app_id,
                ),
                routing_key=queue,
                mandatory=True,
            )
            await message.ack()
            moved += 1


def warm_up() -> None:
    from bot.privacy import categories
    from bot.privacy.anonymiser import get

    get()
    categories.load_all()


def main(
    amqp_url: Optional[str] = None,
    queue: Optional[str] = None,
    review_db_url: Optional[str] = None,
    prefetch: int = 200,
    max_attempts: int = 5,
) -> int:
    """Run the worker until SIGTERM or SIGINT; finishes the batch in hand first."""
    worker = ReviewWorker(
        amqp_url, queue, review_db_url, prefetch=prefetch, max_attempts=max_attempts
    )

    async def run() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, worker.stopping.set)
        # Load the anonymiser (word lists, spaCy) before taking events, so none waits in hand.
        await loop.run_in_executor(worker._executor, warm_up)
        await worker.run()

    asyncio.run(run())
    return 0
