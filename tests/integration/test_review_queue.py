"""End to end, the production path of the review store: a real Rasa server whose event broker
is the QueueEventBroker, RabbitMQ, and ``python -m bot review-worker`` as its own process.

A conversation over REST ends up anonymised in the review store (no raw text anywhere in
it), and while RabbitMQ is stopped the bot keeps answering; once it is back every event of
those turns reaches the review store exactly once.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from bot.privacy.pseudonym import pseudonym
from tests.support import servers
from tests.support.review_db import review_turns
from tests.support.servers import send
from tests.support.waiting import wait_for

pytestmark = pytest.mark.integration

KEY = "3c" * 32
RAW = ["Priya", "Sharma", "priya.sharma99@gmail.com", "07700 900123", "07700900123"]


@pytest.fixture(scope="module")
def queue_stack(rabbitmq, model, tmp_path_factory):
    directory = tmp_path_factory.mktemp("review-queue")
    queue = f"e2e-events-{uuid.uuid4().hex[:8]}"
    review_db = directory / "review.db"
    worker_log = open(directory / "worker.log", "w")
    worker = subprocess.Popen(
        [sys.executable, "-m", "bot", "review-worker"],
        cwd=servers.ROOT,
        env=servers.base_env(
            {
                "RABBITMQ_URL": rabbitmq.url,
                "REVIEW_QUEUE": queue,
                "REVIEW_DB_URL": f"sqlite:///{review_db}",
                "PSEUDONYM_KEY": KEY,
            }
        ),
        stdout=worker_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker_log.close()
    endpoints = servers.write_endpoints(
        directory,
        action_port=None,
        broker={
            "type": "bot.privacy.queue_broker.QueueEventBroker",
            "url": rabbitmq.url,
            "queue": queue,
            "outbox": str(directory / "outbox.sqlite3"),
        },
    )
    try:
        rasa = servers.start_rasa(
            model=model, endpoints=endpoints, env={"RABBITMQ_URL": rabbitmq.url}
        )
    except Exception:
        os.killpg(worker.pid, signal.SIGKILL)
        raise

    class Stack:
        url = rasa.url
        dir = directory
        review = review_db
        tracker = directory / "tracker.db"
        log = directory / "worker.log"

    yield Stack
    rasa.stop()
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
    assert worker.returncode == 0, Stack.log.read_text()[-3000:]  # a clean stop on SIGTERM


def tracker_turns(db: Path, sender: str):
    """The user and bot messages in the raw tracker store, in order."""
    import json

    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "select type_name, data from events where sender_id = ? and type_name in "
            "('user', 'bot') order by id",
            (sender,),
        ).fetchall()
    finally:
        con.close()
    return [(kind, json.loads(data).get("text")) for kind, data in rows]


def test_a_conversation_reaches_the_review_store_anonymised(queue_stack):
    sender = f"q-{uuid.uuid4().hex[:10]}"
    pid = pseudonym(f"rest:{sender}", key=bytes.fromhex(KEY))
    assert send(queue_stack.url, sender, "hi, i'm Priya Sharma")
    assert send(
        queue_stack.url,
        sender,
        "my email is priya.sharma99@gmail.com and you can text me on 07700 900123",
    )
    expected = len(tracker_turns(queue_stack.tracker, f"rest:{sender}"))
    turns = wait_for(lambda: len(review_turns(queue_stack.review, pid)) >= expected, 60)
    assert turns, queue_stack.log.read_text()[-3000:]
    turns = review_turns(queue_stack.review, pid)
    user = [text for speaker, text in turns if speaker == "user"]
    assert len(user) == 2 and "[NAME]" in user[0]
    assert "[EMAIL]" in user[1] and "[PHONE]" in user[1]
    con = sqlite3.connect(queue_stack.review)
    try:
        for (table,) in con.execute("select name from sqlite_master where type='table'"):
            for row in con.execute(f'select * from "{table}"'):
                for cell in row:
                    for raw in RAW + [sender]:
                        assert raw.lower() not in str(cell).lower(), f"{raw!r} in {table}"
    finally:
        con.close()


def test_every_event_arrives_once_after_rabbitmq_was_down(queue_stack, rabbitmq):
    sender = f"q-{uuid.uuid4().hex[:10]}"
    pid = pseudonym(f"rest:{sender}", key=bytes.fromhex(KEY))
    assert send(queue_stack.url, sender, "hello")
    rabbitmq.stop()
    try:
        for text in ["i feel anxious today", "work has been a lot", "thanks for listening"]:
            started = time.monotonic()
            assert send(queue_stack.url, sender, text), "the bot stopped answering"
            assert time.monotonic() - started < 30
        time.sleep(2.0)  # the turns are in the outbox, RabbitMQ still away
    finally:
        rabbitmq.start()
    expected = tracker_turns(queue_stack.tracker, f"rest:{sender}")
    assert sum(1 for kind, _ in expected if kind == "user") == 4
    got = wait_for(lambda: len(review_turns(queue_stack.review, pid)) >= len(expected), 90)
    assert got, queue_stack.log.read_text()[-3000:]
    time.sleep(1.0)  # a duplicate would show up now
    turns = review_turns(queue_stack.review, pid)
    assert [speaker for speaker, _ in turns] == [
        "user" if kind == "user" else "bot" for kind, _ in expected
    ]
    assert [text for speaker, text in turns if speaker == "user"] == [
        "hello",
        "i feel anxious today",
        "work has been a lot",
        "thanks for listening",
    ]
