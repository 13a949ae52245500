"""Security issue, section 6: the Telegram webhook's body handling, redelivery and queueing.

Each test runs Rasa's Sanic app with our channel on a loopback port (Telegram itself
is replaced by the fake Bot API) and speaks raw HTTP, so what the server reads before
answering is visible.
"""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.channels.telegram import SecureTelegramInput
from bot.channels.telegram_queue import ChatLanes, InMemorySeenUpdates
from tests.channels import telegram_updates as tg
from tests.channels.telegram_updates import SECRET
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.security.telegram_harness import (
    Bot,
    credentials,
    post,
    raw_request,
    settle,
    update_body,
    webhook_server,
)

CHAT, OTHER_CHAT = 515151, 626262
HUNDRED_MB = 100 * 1024 * 1024


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("TELEGRAM_MAX_UPDATE_BYTES", "TELEGRAM_MAX_PENDING_UPDATES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake():
    with FakeTelegramAPI(tg.TOKEN, bot_username=tg.BOT_NAME) as api:
        yield api


@pytest.fixture
async def channel(fake):
    channel = SecureTelegramInput.from_credentials(credentials(fake.url))
    yield channel
    out = channel.get_output_channel()
    if out._session is not None:
        await out._session.close()


@pytest.fixture
def bot():
    return Bot()


@pytest.fixture
async def port(channel, bot):
    async with webhook_server(channel, bot) as port:
        yield port


# ---- the secret and the size are checked before the body is read ------------------------


@pytest.mark.parametrize("secret", [None, "wrong-secret-0123456789"])
async def test_a_wrong_secret_is_refused_before_a_huge_body_is_read(port, channel, bot, secret):
    """Old code: Sanic read up to 100 MB before the handler looked at the secret."""
    head = {"Content-Type": "application/json", "Content-Length": str(HUNDRED_MB)}
    if secret is not None:
        head["X-Telegram-Bot-Api-Secret-Token"] = secret
    status, seconds = await raw_request(port, head, b'{"update_id": 1, "message": {' + b" " * 4096)
    assert status == 403
    assert seconds < 3
    await settle(channel)
    assert bot.started == []


async def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(port, channel, bot):
    head = {
        "Content-Type": "application/json",
        "Content-Length": str(10 * 1024 * 1024),
        "X-Telegram-Bot-Api-Secret-Token": SECRET,
    }
    status, seconds = await raw_request(port, head, b'{"update_id": 2, ' + b" " * 4096)
    assert status == 413
    assert seconds < 3
    await settle(channel)
    assert bot.started == []


async def test_a_streamed_body_that_grows_over_the_limit_is_refused(port, channel, bot):
    """No Content-Length (chunked): the limit is enforced while reading."""
    update = tg.message(CHAT, "hello")
    update["padding"] = "x" * (200 * 1024)  # a valid update, just far too big
    body = update_body(update)
    chunks = [body[i : i + 8192] for i in range(0, len(body), 8192)]
    head = {
        "Content-Type": "application/json",
        "Transfer-Encoding": "chunked",
        "X-Telegram-Bot-Api-Secret-Token": SECRET,
    }
    status, _ = await raw_request(port, head, chunks=chunks)
    assert status in (413, 0)  # 413, or the connection closed while the client still sent
    await settle(channel)
    assert bot.started == []


async def test_a_body_just_under_the_limit_is_accepted(port, channel, bot):
    update = tg.message(CHAT, "hello")
    update["padding"] = "x" * (channel.max_update_bytes - len(update_body(update)) - 20)
    assert len(update_body(update)) <= channel.max_update_bytes
    assert await post(port, update) == 200
    await settle(channel)
    assert bot.texts == ["hello"]


async def test_a_small_chunked_update_is_accepted(port, channel, bot):
    body = update_body(tg.message(CHAT, "in pieces"))
    head = {
        "Content-Type": "application/json",
        "Transfer-Encoding": "chunked",
        "X-Telegram-Bot-Api-Secret-Token": SECRET,
    }
    status, _ = await raw_request(port, head, chunks=[body[:10], body[10:]])
    assert status == 200
    await settle(channel)
    assert bot.texts == ["in pieces"]


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b'"just a string"',
        b"[" * 50000,  # nesting deep enough to break json
        json.dumps({"message": {"chat": {"id": 1, "type": "private"}, "text": "x"}}).encode(),
        json.dumps({"update_id": "7", "message": {}}).encode(),
        json.dumps({"update_id": True, "message": {}}).encode(),
    ],
)
async def test_a_malformed_body_is_400_and_not_processed(port, channel, bot, body):
    assert await post(port, body) == 400
    await settle(channel)
    assert bot.started == []


async def test_the_size_limit_comes_from_the_environment(monkeypatch, fake):
    monkeypatch.setenv("TELEGRAM_MAX_UPDATE_BYTES", "2048")
    channel = SecureTelegramInput.from_credentials(credentials(fake.url))
    assert channel.max_update_bytes == 2048


@pytest.mark.parametrize("value", ["lots", "100", "-5"])
def test_an_unusable_size_limit_keeps_the_channel_off_and_says_why(monkeypatch, value):
    monkeypatch.setenv("TELEGRAM_MAX_UPDATE_BYTES", value)
    channel = SecureTelegramInput.from_credentials(credentials(""))
    assert not channel.enabled
    assert "TELEGRAM_MAX_UPDATE_BYTES" in channel.disabled_reason


# ---- each update once; answered at once; in order per chat ------------------------------


async def test_the_same_update_delivered_twice_is_processed_once(port, channel, bot, fake):
    """Old code: a redelivered update (same update_id) was a second turn."""
    update = tg.message(CHAT, "i had a rough day")
    assert await post(port, update) == 200
    assert await post(port, update) == 200  # Telegram's redelivery gets its 200 too
    await settle(channel)
    assert await post(port, update) == 200  # ... also after the first one was handled
    await settle(channel)
    assert bot.texts == ["i had a rough day"]


async def test_a_redelivered_button_press_is_processed_once(port, channel, bot, fake):
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    await channel.get_output_channel().send_response(
        str(CHAT), {"text": "Sure?", "buttons": buttons}
    )
    sent = fake.calls_to("sendMessage", CHAT)[-1].result
    press = tg.button_press(CHAT, sent, "/affirm")
    await asyncio.gather(post(port, press), post(port, press))
    await settle(channel)
    assert bot.texts == ["/affirm"]


async def test_the_webhook_answers_before_the_turn_is_done(port, channel, bot):
    """Old code: the 200 came only after the whole bot turn, so slow turns made Telegram
    time out and redeliver."""
    bot.gate = asyncio.Event()
    status = await asyncio.wait_for(post(port, tg.message(CHAT, "slow turn")), 5)
    assert status == 200
    assert channel.lanes.pending == 1  # accepted, still being handled
    bot.gate.set()
    await settle(channel)
    assert bot.texts == ["slow turn"]


async def test_a_chats_updates_are_handled_in_order_one_at_a_time(port, channel, bot):
    bot.gate = asyncio.Event()
    for text in ("one", "two", "three"):
        assert await post(port, tg.message(CHAT, text)) == 200
    assert await post(port, tg.message(OTHER_CHAT, "elsewhere")) == 200
    await asyncio.sleep(0.2)
    # one turn of each chat has started; the chat's next ones wait for it
    assert sorted(bot.started) == ["elsewhere", "one"]
    bot.gate.set()
    await settle(channel)
    assert [m.text for m in bot.received if m.sender_id == f"telegram:{CHAT}"] == [
        "one",
        "two",
        "three",
    ]


async def test_when_too_many_updates_wait_telegram_is_asked_to_retry(fake):
    """503 (not a lost update): the id is forgotten so the redelivery is handled."""
    channel = SecureTelegramInput.from_credentials(credentials(fake.url, max_pending_updates=1))
    bot = Bot()
    bot.gate = asyncio.Event()
    try:
        async with webhook_server(channel, bot) as port:
            assert await post(port, tg.message(CHAT, "first")) == 200
            waiting = tg.message(OTHER_CHAT, "second")
            assert await post(port, waiting) == 503
            bot.gate.set()
            await settle(channel)
            assert await post(port, waiting) == 200  # Telegram's retry
            await settle(channel)
            assert bot.texts == ["first", "second"]
    finally:
        await channel.get_output_channel().session.close()


async def test_a_failing_seen_store_still_lets_the_update_through(port, channel, bot):
    """Better a rare duplicate than a lost message (e.g. a shared store that is down)."""

    class Broken:
        async def first_time(self, update_id):
            raise ConnectionError("store down")

        async def forget(self, update_id):
            raise ConnectionError("store down")

    channel.seen_updates = Broken()
    assert await post(port, tg.message(CHAT, "still heard")) == 200
    await settle(channel)
    assert bot.texts == ["still heard"]


async def test_accepted_turns_finish_when_the_server_stops(fake):
    channel = SecureTelegramInput.from_credentials(credentials(fake.url))
    bot = Bot()
    bot.gate = asyncio.Event()
    try:
        async with webhook_server(channel, bot) as port:
            assert await post(port, tg.message(CHAT, "just before shutdown")) == 200
            asyncio.get_event_loop().call_later(0.3, bot.gate.set)
        assert bot.texts == ["just before shutdown"]
    finally:
        await channel.get_output_channel().session.close()


# ---- the seen-updates memory and the lanes on their own -----------------------------------


async def test_seen_updates_remember_each_id_once():
    seen = InMemorySeenUpdates(max_size=10, ttl=60)
    assert await seen.first_time(1)
    assert not await seen.first_time(1)
    assert await seen.first_time(2)
    await seen.forget(2)
    assert await seen.first_time(2)


async def test_seen_updates_stay_bounded_forgetting_the_oldest_first():
    seen = InMemorySeenUpdates(max_size=3, ttl=60)
    for update_id in range(10):
        assert await seen.first_time(update_id)
    assert len(seen) == 3
    assert not await seen.first_time(9)
    assert await seen.first_time(0)  # long gone


async def test_seen_updates_expire_after_their_time_to_live():
    now = [1000.0]
    seen = InMemorySeenUpdates(max_size=100, ttl=10, clock=lambda: now[0])
    assert await seen.first_time(7)
    now[0] += 9
    assert not await seen.first_time(7)
    now[0] += 2
    assert await seen.first_time(7)
    assert len(seen) == 1


async def test_a_failing_job_does_not_stop_its_chats_lane():
    lanes = ChatLanes(max_pending=10)
    done = []

    async def boom():
        raise RuntimeError("broken update")

    async def ok():
        done.append("ok")

    assert lanes.submit("a", boom) and lanes.submit("a", ok)
    assert await lanes.wait_idle(5)
    assert done == ["ok"] and lanes.pending == 0
