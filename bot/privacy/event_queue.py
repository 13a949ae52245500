"""The RabbitMQ queue between the Rasa servers and the review worker: its shape and messages.

Both sides declare it with exactly these arguments (RabbitMQ refuses a second declaration
that differs), so whichever starts first creates it and events published before the worker
ever ran are kept, not dropped as unroutable.

- A quorum queue: durable and replicated by design; a publisher confirm means the message
  is on disk (on a majority of nodes in a cluster).
- Single active consumer: several workers may run for availability, but only one receives
  at a time, so a conversation's events are written in the order they happened.
- ``x-delivery-limit``: a message handed out this many times without an ack (a worker that
  crashes on it, again and again) is dead-lettered instead of blocking the queue forever.
- ``x-dead-letter-exchange``: messages the worker rejects (not JSON, not a Rasa event, failed
  too often) go to ``<queue>.dead``, where an operator can read them and move them back
  (``bot review-worker --requeue-dead``) once the cause is fixed.

A message is one Rasa event exactly as Rasa's own Pika broker would publish it (the event's
JSON as body), with the event's key (``bot.privacy.event_keys``) as AMQP ``message_id``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, Optional

import aio_pika

DEAD_SUFFIX = ".dead"
DELIVERY_LIMIT = 20
CONTENT_TYPE = "application/json"


def dead_letter_name(queue: str) -> str:
    return queue + DEAD_SUFFIX


def queue_arguments(queue: str) -> Dict[str, Any]:
    return {
        "x-queue-type": "quorum",
        "x-single-active-consumer": True,
        "x-delivery-limit": DELIVERY_LIMIT,
        "x-dead-letter-exchange": dead_letter_name(queue),
    }


async def declare(channel: aio_pika.abc.AbstractChannel, queue: str) -> aio_pika.abc.AbstractQueue:
    """Declare the dead-letter exchange and queue, then the event queue; return the latter."""
    dead = dead_letter_name(queue)
    exchange = await channel.declare_exchange(dead, aio_pika.ExchangeType.FANOUT, durable=True)
    dead_queue = await channel.declare_queue(
        dead, durable=True, arguments={"x-queue-type": "quorum"}
    )
    await dead_queue.bind(exchange, routing_key="")
    return await channel.declare_queue(queue, durable=True, arguments=queue_arguments(queue))


def message(body: bytes, key: str, created: float) -> aio_pika.Message:
    """A persistent message for one event's JSON ``body``, named by its key."""
    return aio_pika.Message(
        body,
        message_id=key,
        content_type=CONTENT_TYPE,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        timestamp=created,
        app_id="rasa",
    )


class BadMessage(ValueError):
    """A message the worker can never process (its ``reason`` is logged, never its text)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Incoming:
    event: Dict[str, Any]
    message_id: Optional[str]


def parse(body: bytes, message_id: Optional[str] = None) -> Incoming:
    """The Rasa event in a message body, or ``BadMessage`` saying what is wrong with it."""
    try:
        event = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadMessage("not UTF-8 JSON") from None
    if not isinstance(event, dict):
        raise BadMessage("not a JSON object")
    if not isinstance(event.get("event"), str) or not event["event"]:
        raise BadMessage("no event type")
    if not isinstance(event.get("sender_id"), str) or not event["sender_id"]:
        raise BadMessage("no sender_id")
    timestamp = event.get("timestamp")
    if timestamp is not None and (
        isinstance(timestamp, bool) or not isinstance(timestamp, (int, float))
    ):
        raise BadMessage("timestamp is not a number")
    return Incoming(event, message_id or None)
