"""A Rasa event broker that sends every event to RabbitMQ for the review worker, losing none.

Configured in the production endpoints file (``deploy/``)::

    event_broker:
      type: bot.privacy.queue_broker.QueueEventBroker
      url: ${RABBITMQ_URL}          # amqp://user:password@host:5672/vhost
      queue: rasa_events            # optional; default REVIEW_QUEUE
      outbox: var/event-outbox.sqlite3   # optional; default EVENT_OUTBOX_PATH

Why not Rasa's ``PikaEventBroker``: it keeps what RabbitMQ has not taken in memory only, and
Rasa publishes before it writes the tracker, so a restart during a RabbitMQ outage loses
events the tracker has. Here ``publish`` only appends the event to a durable local outbox
(``bot.privacy.event_outbox``) and returns: it never raises, never waits for the network,
and the conversation goes on whether RabbitMQ is up or not. One background thread, with its
own asyncio loop so a slow RabbitMQ never touches Rasa's, sends the outbox's events oldest
first with publisher confirms, removes each only once RabbitMQ confirmed it, and on every
(re)connection starts again from the oldest left. A confirm lost in a crash means the event
is sent twice: the worker writes each event key once (``bot.privacy.event_keys``).

The messages are raw events (text, sender ids): RabbitMQ and the outbox sit on the bot's side
of the privacy line, like the tracker store. Only the review worker anonymises.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from pathlib import Path
from typing import Any, Dict, Optional, Text

import aio_pika
from rasa.core.brokers.broker import EventBroker

from bot import settings
from bot.privacy import event_queue
from bot.privacy.event_outbox import EventOutbox

logger = logging.getLogger(__name__)

RETENTION_CHECK_SECONDS = 3600.0


class QueueEventBroker(EventBroker):
    """Outbox first, then RabbitMQ with publisher confirms (see the module docstring)."""

    def __init__(
        self,
        url: Optional[str] = None,
        queue: Optional[str] = None,
        outbox: Optional[str] = None,
        max_events: Optional[int] = None,
        batch_size: int = 200,
        retry_max_seconds: float = 30.0,
        connect_timeout: float = 10.0,
        start: bool = True,
    ) -> None:
        self.url = url or settings.RABBITMQ_URL.get()
        if not self.url:
            raise ValueError(
                "QueueEventBroker needs a RabbitMQ URL: set RABBITMQ_URL "
                "(amqp://user:password@host:5672/vhost) or the broker's `url`"
            )
        self.queue = queue or settings.REVIEW_QUEUE.get()
        self.outbox = EventOutbox(
            Path(outbox or settings.EVENT_OUTBOX_PATH.get()),
            max_events=int(max_events or settings.EVENT_OUTBOX_MAX_EVENTS.get()),
        )
        self.batch_size = max(1, int(batch_size))
        self.retry_max_seconds = float(retry_max_seconds)
        self.connect_timeout = float(connect_timeout)
        self.connected = False
        self.sent = 0
        self._stopping = False
        self._stop_deadline = 0.0
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._wake: Optional[asyncio.Event] = None
        self._thread: Optional[threading.Thread] = None
        self._dropped_logged = 0
        if start:
            self.start()

    # -- Rasa interface ----------------------------------------------------------------
    @classmethod
    async def from_endpoint_config(
        cls, broker_config: Any, event_loop: Any = None
    ) -> "QueueEventBroker":
        kwargs = dict(getattr(broker_config, "kwargs", {}) or {})
        allowed = {"queue", "outbox", "max_events", "batch_size", "retry_max_seconds"}
        unknown = sorted(set(kwargs) - allowed - {"type"})
        if unknown:
            raise ValueError(
                f"QueueEventBroker: unknown option(s) {unknown}; allowed {sorted(allowed)}"
            )
        return cls(
            url=getattr(broker_config, "url", None) or None,
            **{k: v for k, v in kwargs.items() if k in allowed},
        )

    def publish(self, event: Dict[Text, Any]) -> None:
        """Append the event to the outbox and wake the sender; never raises."""
        try:
            if not self.outbox.add(event):
                if self.outbox.dropped - self._dropped_logged >= 1:
                    logger.error(
                        "event outbox full (%s events); %s events dropped so far",
                        self.outbox.max_events,
                        self.outbox.dropped,
                    )
                    self._dropped_logged = self.outbox.dropped
                return
        except Exception as exc:  # the conversation goes on whatever happens here
            logger.error("could not store an event in the outbox (%s)", exc.__class__.__name__)
            return
        self._kick()

    def is_ready(self) -> bool:
        return True  # the outbox takes events whether or not RabbitMQ is there

    async def close(self) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.stop)

    # -- the sending thread ------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping = False
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._thread_main, args=(ready,), name="event-queue-sender", daemon=True
        )
        self._thread.start()
        ready.wait(timeout=5)

    def stop(self, timeout: float = 10.0) -> None:
        """Send what RabbitMQ takes within ``timeout``; the rest waits in the outbox."""
        self._stop_deadline = time.monotonic() + timeout
        self._stopping = True
        self._kick()
        if self._thread is not None:
            self._thread.join(timeout=timeout + 5)
        self.outbox.close()

    def pending(self) -> int:
        return self.outbox.count()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until RabbitMQ confirmed every event in the outbox (tests, benchmarks)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.outbox.count() == 0:
                return True
            self._kick()
            time.sleep(0.05)
        return self.outbox.count() == 0

    def _kick(self) -> None:
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            try:
                loop.call_soon_threadsafe(wake.set)
            except RuntimeError:  # the loop has closed
                pass

    def _thread_main(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._wake = asyncio.Event()
        ready.set()
        try:
            loop.run_until_complete(self._run())
        except Exception:
            logger.exception("event queue sender stopped")
        finally:
            self._loop = None
            loop.close()

    async def _run(self) -> None:
        backoff = 0.2
        outage_logged = False
        next_retention = 0.0
        while True:
            if self._stopping and (
                self.outbox.count() == 0 or time.monotonic() > self._stop_deadline
            ):
                return
            if time.monotonic() >= next_retention:
                self._drop_expired()
                next_retention = time.monotonic() + RETENTION_CHECK_SECONDS
            if not self.outbox.lead():  # another process sends this file's events
                await self._sleep(1.0)
                continue
            try:
                await self._connect_and_send()
                backoff = 0.2
            except Exception as exc:
                self.connected = False
                if not outage_logged:
                    logger.warning(
                        "RabbitMQ unavailable (%s); events wait in the outbox (%s now)",
                        exc.__class__.__name__,
                        self.outbox.count(),
                    )
                    outage_logged = True
                if self._stopping and time.monotonic() > self._stop_deadline:
                    return
                await self._sleep(backoff)
                backoff = min(self.retry_max_seconds, backoff * 2)
                continue
            outage_logged = False

    async def _connect_and_send(self) -> None:
        connection = await aio_pika.connect(self.url, timeout=self.connect_timeout)
        try:
            channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
            await event_queue.declare(channel, self.queue)
            exchange = channel.default_exchange
            self.connected = True
            waiting = self.outbox.count()
            logger.info("RabbitMQ connected; %s events waiting in the outbox", waiting)
            while True:
                if connection.is_closed or channel.is_closed:
                    raise ConnectionError("RabbitMQ connection closed")
                rows = self.outbox.head(self.batch_size)
                if not rows:
                    if self._stopping:
                        return
                    self._wake.clear()
                    if self.outbox.count() == 0:
                        await self._sleep(1.0)
                    continue
                if self._stopping and time.monotonic() > self._stop_deadline:
                    return
                self.outbox.sync()
                # Published in this order on one channel (aiormq writes under a FIFO lock);
                # the confirms are awaited together.
                results = await asyncio.gather(
                    *[
                        exchange.publish(
                            event_queue.message(row.body, row.key, row.created),
                            routing_key=self.queue,
                            mandatory=True,
                            timeout=30,
                        )
                        for row in rows
                    ],
                    return_exceptions=True,
                )
                confirmed = []
                failure: Optional[BaseException] = None
                for row, result in zip(rows, results, strict=True):
                    if isinstance(result, BaseException):
                        failure = failure or result
                    elif failure is None:
                        confirmed.append(row.id)
                self.outbox.remove(confirmed)
                self.sent += len(confirmed)
                if failure is not None:
                    raise failure
        finally:
            self.connected = False
            try:
                await connection.close()
            except Exception:
                pass

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)
        except asyncio.TimeoutError:
            pass

    def _drop_expired(self) -> None:
        try:
            days = float(settings.RETENTION_DAYS.get())
            dropped = self.outbox.drop_older_than(days * 86400)
        except Exception as exc:
            logger.warning("could not apply retention to the outbox (%s)", exc.__class__.__name__)
            return
        if dropped:
            logger.warning(
                "dropped %s outbox events older than the %g-day retention", dropped, days
            )
