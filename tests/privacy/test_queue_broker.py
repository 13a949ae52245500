"""The Rasa side of the review queue against a real RabbitMQ node: every event published
arrives, in order, with its key, even when RabbitMQ is away for a while or the Rasa
process dies before it could send; ``publish`` never raises and never waits for RabbitMQ.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

import aio_pika
import pytest

from bot.privacy import event_queue
from bot.privacy.event_outbox import EventOutbox
from bot.privacy.queue_broker import QueueEventBroker
from tests.support.servers import ROOT, base_env

pytestmark = pytest.mark.integration


def events(sender: str, count: int):
    now = time.time()
    return [
        {
            "event": "user",
            "sender_id": sender,
            "timestamp": now + i / 1000,
            "text": f"message number {i}",
            "parse_data": {"intent": {"name": "greet", "confidence": 0.9}},
        }
        for i in range(count)
    ]


def drain(url: str, queue: str, expected: int, timeout: float = 20.0):
    """Read (and ack) up to ``expected`` messages of ``queue``: [(message_id, event), ...]."""

    async def go():
        got = []
        connection = await aio_pika.connect(url)
        async with connection:
            channel = await connection.channel()
            q = await event_queue.declare(channel, queue)
            inbox: asyncio.Queue = asyncio.Queue()
            await q.consume(inbox.put)
            deadline = time.monotonic() + timeout
            while len(got) < expected and time.monotonic() < deadline:
                try:
                    message = await asyncio.wait_for(inbox.get(), 0.5)
                except asyncio.TimeoutError:
                    continue
                got.append((message.message_id, json.loads(message.body)))
                await message.ack()
        return got

    return asyncio.run(go())


@pytest.fixture
def queue_name():
    return f"test-events-{uuid.uuid4().hex[:8]}"


def test_events_arrive_in_order_with_a_key_each(rabbitmq, tmp_path, queue_name):
    broker = QueueEventBroker(rabbitmq.url, queue=queue_name, outbox=str(tmp_path / "o.db"))
    sent = events("rest:order", 250)
    try:
        for event in sent:
            broker.publish(event)
        assert broker.flush(20), "RabbitMQ did not confirm every event"
    finally:
        broker.stop()
    got = drain(rabbitmq.url, queue_name, len(sent))
    assert [event for _, event in got] == sent  # Rasa's own JSON, in publishing order
    keys = [key for key, _ in got]
    assert all(keys) and len(set(keys)) == len(keys)


def test_nothing_lost_while_rabbitmq_is_down(rabbitmq, tmp_path, queue_name):
    broker = QueueEventBroker(
        rabbitmq.url, queue=queue_name, outbox=str(tmp_path / "o.db"), retry_max_seconds=0.5
    )
    try:
        before = events("rest:outage", 5)
        for event in before:
            broker.publish(event)
        assert broker.flush(20)
        rabbitmq.stop()
        during = events("rest:outage", 40)
        slowest = 0.0
        for event in during:
            started = time.perf_counter()
            broker.publish(event)  # neither raises nor waits for RabbitMQ
            slowest = max(slowest, time.perf_counter() - started)
        assert slowest < 0.25, f"publish waited {slowest:.3f}s"
        assert broker.pending() == len(during)
        time.sleep(1.0)  # the sender keeps trying meanwhile
        assert broker.pending() == len(during)
    finally:
        rabbitmq.start()
    try:
        assert broker.flush(30), f"{broker.pending()} events still in the outbox"
    finally:
        broker.stop()
    got = drain(rabbitmq.url, queue_name, len(before) + len(during))
    assert [event for _, event in got] == before + during


def test_events_of_a_process_that_died_are_sent_by_the_next(rabbitmq, tmp_path, queue_name):
    """RabbitMQ away, the Rasa process killed (SIGKILL) right after publish returned: the
    events are in the outbox file, and the next process sends them."""
    outbox = tmp_path / "o.db"
    script = (
        "import os, time, json, sys\n"
        "from bot.privacy.queue_broker import QueueEventBroker\n"
        f"b = QueueEventBroker('amqp://bot:wrong@127.0.0.1:1/%2F', queue={queue_name!r}, "
        f"outbox={str(outbox)!r})\n"
        "for e in json.load(sys.stdin):\n"
        "    b.publish(e)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    sent = events("rest:killed", 30)
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(sent),
        text=True,
        cwd=ROOT,
        env=base_env(),
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == -9, result.stderr[-2000:]
    broker = QueueEventBroker(rabbitmq.url, queue=queue_name, outbox=str(outbox))
    try:
        assert broker.flush(20)
    finally:
        broker.stop()
    assert [event for _, event in drain(rabbitmq.url, queue_name, len(sent))] == sent


def test_a_full_outbox_drops_new_events_but_never_a_forget(tmp_path):
    outbox = EventOutbox(tmp_path / "o.db", max_events=3)
    try:
        for event in events("rest:full", 3):
            assert outbox.add(event)
        assert not outbox.add(events("rest:full", 1)[0])
        assert outbox.dropped == 1
        forget = {"event": "action", "name": "action_forget_me", "sender_id": "rest:full"}
        assert outbox.add(forget)
        assert json.loads(outbox.head(10)[-1].body) == forget
    finally:
        outbox.close()


def test_outbox_rows_past_retention_are_dropped(tmp_path):
    clock = [1_000_000.0]
    outbox = EventOutbox(tmp_path / "o.db", clock=lambda: clock[0])
    try:
        outbox.add(events("rest:old", 1)[0])
        clock[0] += 31 * 86400
        outbox.add(events("rest:new", 1)[0])
        assert outbox.drop_older_than(30 * 86400) == 1
        assert [json.loads(r.body)["sender_id"] for r in outbox.head(10)] == ["rest:new"]
    finally:
        outbox.close()


def test_publish_never_raises(tmp_path, caplog):
    broker = QueueEventBroker("amqp://bot:x@127.0.0.1:1/%2F", outbox=str(tmp_path / "o.db"))
    broker.stop(timeout=0.1)  # closes the outbox: every later write fails
    broker.publish({"event": "user", "sender_id": "rest:x", "text": "my secret"})
    broker.publish({"event": "user", "sender_id": "rest:x", "text": object()})  # not JSON
    assert "could not store an event" in caplog.text
    assert "my secret" not in caplog.text


def test_one_sender_per_outbox_file(tmp_path):
    first = EventOutbox(tmp_path / "o.db")
    second = EventOutbox(tmp_path / "o.db")
    try:
        assert first.lead()
        assert not second.lead()
        first.close()
        assert second.lead()
    finally:
        second.close()


def test_a_missing_url_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("RABBITMQ_URL", raising=False)
    with pytest.raises(ValueError, match="RABBITMQ_URL"):
        QueueEventBroker(outbox=str(tmp_path / "o.db"), start=False)


def test_events_wait_in_a_file_only_the_owner_reads(tmp_path):
    outbox = EventOutbox(tmp_path / "o.db")
    outbox.close()
    assert (Path(tmp_path / "o.db").stat().st_mode & 0o077) == 0


async def test_endpoint_config_keys_and_a_misspelt_one(tmp_path):
    from rasa.utils.endpoints import EndpointConfig

    config = EndpointConfig(
        url="amqp://bot:x@127.0.0.1:1/%2F",
        type="bot.privacy.queue_broker.QueueEventBroker",
        queue="events-from-config",
        outbox=str(tmp_path / "config.db"),
    )
    broker = await QueueEventBroker.from_endpoint_config(config)
    try:
        assert broker.queue == "events-from-config"
        assert broker.outbox.path == tmp_path / "config.db"
        assert broker.is_ready()  # the outbox takes events while RabbitMQ is unreachable
    finally:
        await broker.close()
    misspelt = EndpointConfig(
        url="amqp://bot:x@127.0.0.1:1/%2F",
        type="bot.privacy.queue_broker.QueueEventBroker",
        queues=["rasa_events"],  # Rasa's Pika broker's key, not ours
    )
    with pytest.raises(ValueError, match="queues"):
        await QueueEventBroker.from_endpoint_config(misspelt)
