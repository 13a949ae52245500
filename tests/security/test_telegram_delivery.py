"""Issue 16, section 4 (Telegram): the crisis reply must arrive, and be seen.

Old code: a 429 asking to wait more than 30 s, or a 5xx, dropped the reply for good, so
on a crisis message the person could see "Are you safe right now?" without the helplines
before it. Now replies go through a durable outbox (bot/channels/telegram_outbox.py).
"""

from __future__ import annotations

import time

import pytest

from bot.channels.telegram import SecureTelegramInput
from tests.channels import telegram_updates as tg
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.security.telegram_harness import credentials

CHAT = 808080
HELPLINES = {
    "text": "You deserve support. US and Canada: call or text 988. UK: Samaritans 116 123.",
    "utter_action": "utter_crisis_resources",
}
ARE_YOU_SAFE = {
    "text": "Are you safe right now?",
    "utter_action": "utter_crisis_check_safe",
    "buttons": [
        {"title": "Yes, I'm safe right now", "payload": "/affirm"},
        {"title": "No, I'm not safe", "payload": "/deny"},
    ],
}


@pytest.fixture
def fake():
    with FakeTelegramAPI(tg.TOKEN, bot_username=tg.BOT_NAME) as api:
        yield api


async def _channel(fake, **extra):
    channel = SecureTelegramInput.from_credentials(credentials(fake.url, **extra))
    out = channel.get_output_channel()
    out.courier.first_backoff = 0.2
    return channel, out


async def test_every_reply_arrives_once_in_order_while_telegram_refuses_for_a_while(fake):
    """429 with retry_after (longer than the turn may wait), then 5xx, then OK."""
    channel, out = await _channel(fake, max_retry_after=0.5)
    try:
        fake.rate_limit("sendMessage", retry_after=2)
        fake.fail("sendMessage", 502, "Bad Gateway", times=2)
        started = time.monotonic()
        for reply in (HELPLINES, ARE_YOU_SAFE, {"text": "I'm here with you."}):
            await out.send_response(str(CHAT), dict(reply))  # returns without waiting 2 s
        assert time.monotonic() - started < 1.5
        assert await out.courier.wait_empty(timeout=20)
        calls = fake.calls_to("sendMessage", CHAT)
        delivered = [c for c in calls if c.status == 200]
        assert [c.params["text"] for c in delivered] == [
            HELPLINES["text"],
            ARE_YOU_SAFE["text"],
            "I'm here with you.",
        ]
        assert [c.status for c in calls[:3]] == [429, 502, 502]
        # the helplines waited as Telegram asked, and nothing overtook them
        assert delivered[0].at - calls[0].at >= 1.95
        assert all(c.params["text"] == HELPLINES["text"] for c in calls[:4])
    finally:
        await out.close()


async def test_a_wait_of_minutes_is_honoured_and_the_reply_kept(fake, caplog):
    channel, out = await _channel(fake)
    try:
        fake.rate_limit("sendMessage", retry_after=180)
        await out.send_response(str(CHAT), dict(HELPLINES))
        await out.send_response(str(CHAT), dict(ARE_YOU_SAFE))
        assert len(fake.calls_to("sendMessage", CHAT)) == 1  # nothing tried before the time
        row = out.outbox.head(CHAT)
        assert row.params["text"] == HELPLINES["text"] and row.crisis
        assert row.not_before - time.time() > 170
        assert out.outbox.count(CHAT) == 2
        # a new reply does not shorten a wait Telegram asked for
        await out.courier.flush(CHAT, nudge=True)
        assert len(fake.calls_to("sendMessage", CHAT)) == 1
        # three minutes later
        later = time.time() + 181
        out.courier._clock = lambda: later
        await out.courier.flush(CHAT)
        assert fake.texts_to(CHAT)[1:] == [HELPLINES["text"], ARE_YOU_SAFE["text"]]
        assert out.outbox.count() == 0
        assert HELPLINES["text"] not in caplog.text  # no message text in the log
    finally:
        await out.close()


async def test_queued_replies_survive_a_restart(fake, tmp_path):
    path = str(tmp_path / "outbox.sqlite3")
    channel, out = await _channel(fake, outbox_path=path)
    fake.fail("sendMessage", 503, "Service Unavailable", times=1000)
    await out.send_response(str(CHAT), dict(HELPLINES))
    await out.send_response(str(CHAT), dict(ARE_YOU_SAFE))
    await out.close()  # the server stops with both replies undelivered
    fake.clear_failures()
    again, out2 = await _channel(fake, outbox_path=path)
    try:
        assert out2.courier.resume() == 1
        assert await out2.courier.wait_empty(timeout=10)
        delivered = [
            c.params["text"] for c in fake.calls_to("sendMessage", CHAT) if c.status == 200
        ]
        assert delivered == [HELPLINES["text"], ARE_YOU_SAFE["text"]]
    finally:
        await out2.close()


async def test_a_reply_telegram_refuses_for_good_does_not_block_the_chat(fake, caplog):
    channel, out = await _channel(fake)
    try:
        fake.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
        await out.send_response(str(CHAT), {"text": "first"})
        await out.send_response(str(CHAT), {"text": "second"})
        assert fake.texts_to(CHAT) == ["first", "second"]
        assert [c.status for c in fake.calls_to("sendMessage", CHAT)] == [403, 200]
        assert out.outbox.count() == 0
    finally:
        await out.close()


async def test_a_refused_crisis_reply_with_buttons_is_sent_again_as_plain_text(fake):
    channel, out = await _channel(fake)
    try:
        fake.fail("sendMessage", 400, "Bad Request: can't parse inline keyboard button")
        await out.send_response(str(CHAT), dict(ARE_YOU_SAFE))
        first, second = fake.calls_to("sendMessage", CHAT)
        assert first.status == 400 and "reply_markup" in first.params
        assert second.status == 200 and second.params["text"] == ARE_YOU_SAFE["text"]
        assert "reply_markup" not in second.params
    finally:
        await out.close()


async def test_replies_to_different_chats_do_not_wait_for_each_other(fake):
    channel, out = await _channel(fake)
    try:
        fake.rate_limit("sendMessage", retry_after=120)
        await out.send_response(str(CHAT), {"text": "waits"})
        await out.send_response("909090", {"text": "goes"})
        assert fake.texts_to(909090) == ["goes"]
    finally:
        await out.close()


async def test_an_outbox_file_that_cannot_be_opened_still_lets_replies_out(fake, tmp_path, caplog):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    channel, out = await _channel(fake, outbox_path=str(blocker / "outbox.sqlite3"))
    try:
        await out.send_response(str(CHAT), dict(HELPLINES))
        assert fake.texts_to(CHAT) == [HELPLINES["text"]]
        assert "TELEGRAM_OUTBOX_PATH" in caplog.text
    finally:
        await out.close()


async def test_a_store_that_fails_mid_way_sends_the_reply_directly(fake, caplog):
    import sqlite3

    channel, out = await _channel(fake)
    try:

        def broken(*args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full")

        out.outbox.add = broken
        await out.send_response(str(CHAT), dict(HELPLINES))
        assert fake.texts_to(CHAT) == [HELPLINES["text"]]
        assert "sending it directly" in caplog.text
    finally:
        await out.close()


def test_crisis_code_is_imported_in_one_place_only():
    """bot/channels names the crisis modules (bot/crisis) in one file only."""
    import re
    from pathlib import Path

    channels = Path(__file__).resolve().parents[2] / "bot" / "channels"
    naming = sorted(
        p.name
        for p in channels.glob("*.py")
        if re.search(r"bot[./](crisis|nlu[./]crisis_)", p.read_text())
    )
    assert naming == ["crisis_link.py"]


async def test_replies_sent_at_the_same_time_as_a_retry_go_out_once_each_in_order(fake):
    import asyncio

    channel, out = await _channel(fake)
    try:
        fake.fail("sendMessage", 500, "Internal Server Error", times=3)
        out.courier.first_backoff = 0.05
        await out.send_response(str(CHAT), {"text": "0"})
        await asyncio.gather(*(out.send_response(str(CHAT), {"text": str(i)}) for i in range(1, 8)))
        assert await out.courier.wait_empty(timeout=10)
        await asyncio.sleep(0.3)  # no late duplicate from a timer
        assert fake.texts_to(CHAT)[3:] == [str(i) for i in range(8)]
    finally:
        await out.close()


async def test_a_reply_is_not_kept_past_the_retention_period(fake, monkeypatch):
    """The outbox holds bot texts; like raw conversations, never longer than RETENTION_DAYS."""
    monkeypatch.setenv("RETENTION_DAYS", "7")
    channel, out = await _channel(fake)
    try:
        fake.fail("sendMessage", 500, "Internal Server Error", times=1000)
        await out.send_response(str(CHAT), {"text": "old"})
        fake.clear_failures()
        eight_days = time.time() + 8 * 24 * 3600
        out.courier._clock = out.outbox._clock = lambda: eight_days
        await out.send_response(str(CHAT), {"text": "new"})
        assert [
            c.params["text"] for c in fake.calls_to("sendMessage", CHAT) if c.status == 200
        ] == ["new"]
        assert out.outbox.count() == 0
    finally:
        await out.close()


def test_the_outbox_path_comes_from_credentials_then_environment_then_var(monkeypatch, tmp_path):
    from bot.channels.telegram import DEFAULT_OUTBOX_PATH, read_outbox_path

    monkeypatch.delenv("TELEGRAM_OUTBOX_PATH", raising=False)
    assert read_outbox_path({}) == DEFAULT_OUTBOX_PATH
    assert DEFAULT_OUTBOX_PATH.endswith("var/telegram_outbox.sqlite3")
    monkeypatch.setenv("TELEGRAM_OUTBOX_PATH", str(tmp_path / "env.sqlite3"))
    assert read_outbox_path({"outbox_path": ""}) == str(tmp_path / "env.sqlite3")
    assert read_outbox_path({"outbox_path": "/srv/x.sqlite3"}) == "/srv/x.sqlite3"
