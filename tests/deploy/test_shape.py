"""The production shape on this machine, proven with real servers and real faults.

One start for the module (bot/deploy/local.py, as ``make deploy``) on the session's PostgreSQL
(two databases of its own, the two roles) and Redis (its own logical database), two action
servers and two Rasa replicas (one Sanic worker each)
on deploy/endpoints.yml and deploy/credentials.yml, nginx with deploy/nginx/bot.conf, Telegram
against the fake Bot API. Events go to the in-process review broker here (RabbitMQ and the
review worker have their own tests). The faults run last, the replica kill at the very end.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
import urllib.error
import urllib.request
import uuid
from collections import defaultdict
from typing import Dict, List

import pytest
import redis
import sqlalchemy as sa

from bench.webchat_client import WebSocketUser, texts, user
from bot.deploy import nginx_config
from bot.deploy.local import Shape
from bot.rasa_compat.crisis_guard import APOLOGY
from tests.channels import telegram_updates as tg
from tests.channels.telegram_updates import BOT_NAME, SECRET, TOKEN
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.waiting import wait_for

pytestmark = pytest.mark.integration

RESOURCE_MARKERS = ("988", "116 123", "findahelpline", "911", "999", "112")
CRISIS = "i want to kill myself tonight"


@pytest.fixture(scope="module")
def shape(model, tmp_path_factory, postgres, redis_server):
    api = FakeTelegramAPI(TOKEN).start()
    directory = tmp_path_factory.mktemp("shape")
    running = Shape(
        directory,
        # The session's servers, on databases of this module's own (tests/deploy/conftest.py)
        postgres=postgres.databases(f"shape_{uuid.uuid4().hex[:8]}"),
        redis=redis_server,
        redis_db=1,
        use_rabbitmq=False,
        extra_env={
            "TELEGRAM_TOKEN": TOKEN,
            "TELEGRAM_BOT_NAME": BOT_NAME,
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "TELEGRAM_API_URL": api.url,
        },
    )
    try:
        running.start()
        running.telegram = api
        yield running
    finally:
        running.stop()
        api.stop()


def _status(url: str, method: str = "GET", body: bytes = None) -> int:
    request = urllib.request.Request(url, data=body, method=method)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _events(shape: Shape, sender: str) -> List[dict]:
    """The conversation as stored in PostgreSQL's tracker database (role bot)."""
    engine = sa.create_engine(shape.postgres.tracker_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
            ).fetchall()
    finally:
        engine.dispose()
    return [json.loads(row[0]) for row in rows]


def _wait(predicate, what: str, timeout: float = 30.0):
    """``predicate()``'s first true value; the test fails after ``timeout``."""
    return wait_for(predicate, timeout) or pytest.fail(f"timed out waiting until {what}")


def _telegram_health(replica) -> dict:
    with urllib.request.urlopen(replica.url + "/webhooks/telegram/", timeout=30) as response:
        return json.loads(response.read())


def _user_texts(events: List[dict]) -> List[str]:
    return [e.get("text") for e in events if e["event"] == "user"]


def _has_resources(text: str) -> bool:
    return any(marker in text for marker in RESOURCE_MARKERS)


def _routes(shape: Shape) -> Dict[str, set]:
    """sticky key -> the replicas nginx sent its requests to (from nginx's access log)."""
    routes = defaultdict(set)
    for line in (shape.nginx.directory / "access.log").read_text().splitlines():
        parts = line.split(" ", 3)
        if len(parts) == 4 and parts[1] not in ("", "-") and parts[2] != "-":
            routes[parts[1]].add(parts[2].split(",")[-1].strip())
    return routes


async def _conversation(base_url: str, transport: str, messages: List[str], **kwargs):
    person = user(base_url, transport, **kwargs)
    await person.connect()
    try:
        return person, [await person.say(m) for m in messages]
    finally:
        await person.close()


# -- what nginx exposes -------------------------------------------------------------------
@pytest.mark.parametrize(
    "method,path",
    [
        ("POST", "/webhooks/rest/webhook"),  # the REST channel (not even configured)
        ("GET", "/"),
        ("GET", "/status"),  # Rasa's HTTP API
        ("POST", "/model/parse"),
        ("GET", "/conversations/web:someone/tracker"),
        ("POST", "/conversations/web:someone/messages"),
        ("GET", "/webhook"),  # the action servers' port is internal
    ],
)
def test_nginx_exposes_neither_the_rest_channel_nor_the_http_api(shape, method, path):
    body = b'{"sender": "x", "message": "hi", "text": "hi"}' if method == "POST" else None
    assert _status(shape.nginx.url + path, method, body) == 404


def test_the_review_app_is_served_only_on_its_own_host_name(shape):
    def get(host):
        request = urllib.request.Request(shape.nginx.url + "/login", headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    status, page = get(nginx_config.REVIEW_HOST)
    assert status == 200 and "password" in page.lower()
    assert get("bot.example.org")[0] == 404


def test_telegram_webhook_takes_only_posts_with_the_secret(shape):
    url = shape.nginx.url + "/webhooks/telegram/webhook"
    assert _status(url) == 403  # nginx: POST only
    assert _status(url, "POST", json.dumps(tg.message(4242, "hi")).encode()) == 403  # no secret


# -- sticky sessions ----------------------------------------------------------------------
def test_long_polling_and_websocket_both_work_through_nginx_with_two_replicas(shape):
    async def everyone():
        people = [("polling", f"poll{n:02d}") for n in range(8)]
        people += [("websocket", f"ws{n:02d}") for n in range(4)]
        return await asyncio.gather(
            *(_conversation(shape.nginx.url, t, ["hi", "thanks"], sticky=k) for t, k in people)
        )

    results = asyncio.run(everyone())
    for person, replies in results:
        assert all(replies), f"{person.transport} user {person.sticky} got no reply"
        assert "bot" in texts(replies[0]).lower()
    routes = _routes(shape)
    polled = {key: replicas for key, replicas in routes.items() if key.startswith("poll")}
    assert len(polled) == 8
    # Every request of a socket reached one replica (or long-polling would fail), and the
    # sockets were spread over both.
    assert all(len(replicas) == 1 for replicas in polled.values()), polled
    assert len(set().union(*polled.values())) == 2, polled


# -- Telegram across replicas ---------------------------------------------------------------
def test_only_one_replica_registers_the_webhook(shape):
    assert shape.telegram.wait_for(lambda a: a.calls_to("setWebhook"), timeout=30)
    # Each replica says whether it registered; the second never will (not asked to).
    assert [_telegram_health(p)["webhook_registered"] for p in shape.rasa] == [True, False]
    assert len(shape.telegram.calls_to("setWebhook")) == 1


def test_the_same_update_delivered_to_both_replicas_is_handled_once(shape):
    chat = 515151
    update = json.dumps(tg.message(chat, "hello")).encode()
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}

    def deliver(url):
        request = urllib.request.Request(url + "/webhooks/telegram/webhook", update, headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status

    assert [deliver(replica.url) for replica in shape.rasa] == [200, 200]
    assert shape.telegram.wait_for(lambda a: a.calls_to("sendMessage", chat), timeout=60)
    # Whether to handle it was decided before each replica answered 200; once neither has an
    # update waiting or running, a second handling would be stored.
    _wait(
        lambda: all(_telegram_health(p)["pending_updates"] == 0 for p in shape.rasa),
        "both replicas are idle",
    )
    assert _user_texts(_events(shape, f"telegram:{chat}")) == ["hello"]


# -- one conversation, two replicas, same moment -------------------------------------------
def test_two_messages_at_once_on_two_replicas_run_one_after_the_other(shape):
    async def race():
        first = WebSocketUser(shape.rasa[0].url)
        session = await first.connect()
        second = WebSocketUser(shape.rasa[1].url, session=session)
        await second.connect()
        try:
            return session, await asyncio.gather(
                first.say("hi there"), second.say("i feel a bit meh")
            )
        finally:
            await first.close()
            await second.close()

    session, (one, two) = asyncio.run(race())
    assert one and two, "both messages are answered"
    events = _events(shape, f"web:{session['session_id']}")
    assert sorted(_user_texts(events)) == ["hi there", "i feel a bit meh"]
    # Each turn is whole: after a user message, the bot's actions, then it listens again,
    # before the other message's turn begins.
    kinds = [
        "listen" if e["event"] == "action" and e.get("name") == "action_listen" else e["event"]
        for e in events
    ]
    turns = [i for i, kind in enumerate(kinds) if kind == "user"]
    for start, end in zip(turns, turns[1:] + [len(kinds)], strict=False):
        assert "listen" in kinds[start + 1 : end], kinds
    assert kinds[-1] == "listen"


# -- faults -------------------------------------------------------------------------------
def test_with_redis_down_a_turn_is_refused_clearly_and_a_crisis_still_gets_resources(shape):
    async def talk(messages):
        return await _conversation(shape.nginx.url, "websocket", messages)

    shape.redis.stop()
    try:
        person, (crisis, ordinary) = asyncio.run(talk([CRISIS, "can we do breathing"]))
        assert _has_resources(texts(crisis[:1])), texts(crisis)
        assert texts(ordinary).startswith(APOLOGY["en"]) and _has_resources(texts(ordinary))
        # Refused, not half-run: nothing of those turns is stored.
        assert _user_texts(_events(shape, f"web:{person.session['session_id']}")) == []
    finally:
        shape.redis.start()
    person, (replies,) = asyncio.run(talk(["hi"]))
    assert "bot" in texts(replies).lower()


def test_postgres_restart_mid_conversation(shape):
    async def run():
        person = user(shape.nginx.url, "websocket")
        await person.connect()
        try:
            answered = [await person.say("hi")]
            shape.postgres.stop()
            try:
                while_down = [await person.say("can we do breathing"), await person.say(CRISIS)]
            finally:
                shape.postgres.start()
            answered.append(await person.say("can we do breathing"))
            return person, answered, while_down
        finally:
            await person.close()

    person, answered, (ordinary, crisis) = asyncio.run(run())
    assert texts(ordinary).startswith(APOLOGY["en"]), texts(ordinary)
    assert _has_resources(texts(crisis[:1])), texts(crisis)
    assert "breath" in texts(answered[1]).lower(), "the bot recovered by itself"
    # Every acknowledged turn is stored, and nothing of the refused ones.
    assert _user_texts(_events(shape, f"web:{person.session['session_id']}")) == [
        "hi",
        "can we do breathing",
    ]


def test_a_replica_killed_mid_turn_the_next_message_continues_on_the_other_at_once(shape):
    """Killed while it held the conversation's lock (its turn waiting on the action server):
    the lease lapses, so the next message is answered within seconds, not Rasa's 60."""

    async def start_exercise():
        person = user(shape.nginx.url, "websocket")
        await person.connect()
        replies = [await person.say("can we do breathing", quiet=0.5)]
        await person.close()  # nginx logs the socket's replica when it closes
        return person, replies

    person, (started,) = asyncio.run(start_exercise())
    assert "breath" in texts(started).lower()
    sender = f"web:{person.session['session_id']}"
    loops = [e.get("name") for e in _events(shape, sender) if e["event"] == "active_loop"]
    assert loops and loops[-1], "the exercise is a form in progress"
    [holder] = _wait(lambda: _routes(shape).get(person.sticky), "nginx logged the socket")
    victim = next(p for p in shape.rasa if holder.endswith(f":{p.port}"))
    red = redis.Redis.from_url(shape.redis.url_for(shape.redis_db))

    async def mid_turn_kill():
        """The next answer goes through the form's validation action: with the action
        servers frozen, the victim's turn holds the lock until the victim is killed."""
        again = WebSocketUser(victim.url, session=person.session, sticky=person.sticky)
        await again.connect()
        for action_server in shape.actions:
            os.killpg(action_server.process.pid, signal.SIGSTOP)
        try:
            await again._emit("user_uttered", {"message": "ok"})
            deadline = time.monotonic() + 30
            while not red.exists(f"lock:{sender}") and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            assert red.exists(f"lock:{sender}"), "the turn took the conversation's lock"
            victim.kill()
        finally:
            for action_server in shape.actions:
                os.killpg(action_server.process.pid, signal.SIGCONT)
            await again.close()
        killed = time.monotonic()
        survivor = user(shape.nginx.url, "websocket", session=person.session, sticky=person.sticky)
        await survivor.connect()
        try:
            replies, first = await survivor.say_timed("ok", quiet=0.5)
        finally:
            await survivor.close()
        return replies, first, time.monotonic() - killed

    replies, first, after_kill = asyncio.run(mid_turn_kill())
    assert replies, "answered by the surviving replica"
    # The lease (5 s) and a turn; far below the 60 s a dead replica's lock held before.
    assert after_kill < 30, f"answered {after_kill:.1f} s after the kill"
    events = _events(shape, sender)
    # The killed turn stored nothing (it was never acknowledged); the next one is whole.
    assert _user_texts(events) == ["can we do breathing", "ok"]
    after = events[[e.get("text") for e in events].index("ok") :]
    assert any(e["event"] == "action" and e.get("name") == loops[-1] for e in after), (
        "the exercise continued where it was"
    )
