"""Section 4 of the security issue: bad input must not silence the bot (bot/channels/boundary.py).

Old: a 100 KB message used 28 s of CPU and got no reply; "i want to kill myself \\ud83d" (a lone
surrogate) crashed SpacyNLP, so a person in crisis got no resources; no channel cleaned text.
"""

from __future__ import annotations

import asyncio
import unicodedata

import pytest
from rasa.core.channels.channel import CollectingOutputChannel

from bot.channels import boundary
from bot.channels.boundary import MAX_MESSAGE_CHARS, TOO_LONG_NOTE, clean_text

RESOURCE_MARKERS = ("988", "116 123", "findahelpline", "911", "999", "112")


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("i want to kill myself \ud83d", "i want to kill myself"),  # lone high surrogate
        ("\udc00hello", "hello"),  # lone low surrogate
        ("ok \ud83d\ude00", "ok \U0001f600"),  # a pair arriving as two
        ("nul\x00 byte", "nul byte"),
        ("bell\x07 esc\x1b[31m c1\x85", "bell esc[31m c1"),
        ("a\u202eevil\u202c b\u2066c\u2069 \u200fd", "aevil bc d"),  # bidi overrides/isolates
        ("ki\u200bll my\u00adself\ufeff", "kill myself"),  # invisible splitters
        ("cafe\u0301", "caf\u00e9"),  # NFC
        ("line\r\nbreak\rmore\u2028end", "line\nbreak\nmore\nend"),
        ("  padded \t ", "padded"),
        ("\ufffe\uffff\U0010ffff x", "x"),  # noncharacters
        ("\U0001f469\u200d\U0001f467 family", "\U0001f469\u200d\U0001f467 family"),  # ZWJ kept
        ("tab\tkept", "tab\tkept"),
    ],
)
def test_text_is_normalised_at_the_boundary(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("value", [None, 5, ["a"], {"a": 1}, b"bytes"])
def test_non_text_becomes_empty(value):
    assert clean_text(value) == ""


def test_cleaned_text_is_always_valid_nfc_utf8():
    nasty = "".join(chr(c) for c in range(0, 0x3000, 7)) + "\ud800\udfff\ud83d"
    out = clean_text(nasty)
    out.encode("utf-8")  # would raise on any surrogate left
    assert unicodedata.is_normalized("NFC", out)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n" for ch in out)


class Bot:
    def __init__(self):
        self.received = []

    async def __call__(self, message):
        self.received.append(message)


def submit(text, channel="rest"):
    bot, out = Bot(), CollectingOutputChannel()
    inbound = asyncio.run(boundary.submit(text, channel, "x", out, bot))
    return inbound, bot.received, [m["text"] for m in out.messages]


def test_the_surrogate_crisis_message_reaches_the_bot_clean_and_is_detected():
    inbound, received, _ = submit("i want to kill myself \ud83d")
    assert received[0].text == "i want to kill myself"
    from bot.crisis.lexicon import detect

    assert detect(received[0].text).matched


def test_a_message_at_the_limit_goes_to_the_bot():
    _, received, replies = submit("a" * MAX_MESSAGE_CHARS)
    assert len(received) == 1 and not replies


def test_a_longer_message_gets_a_kind_note_and_never_reaches_the_bot():
    inbound, received, replies = submit("I had a long day at work. " * 4000)  # ~100 KB
    assert inbound.too_long and not inbound.crisis
    assert not received
    assert replies == [TOO_LONG_NOTE]


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_long_message_with_crisis_language_still_gets_the_resources_first(where):
    filler = "I had a long day at work and nobody listened. " * 1500
    crisis = " honestly i want to kill myself tonight. "
    text = {"start": crisis + filler, "middle": filler + crisis + filler, "end": filler + crisis}[
        where
    ]
    inbound, received, replies = submit(text)
    assert inbound.too_long and inbound.crisis
    assert not received
    assert any(m in replies[0] for m in RESOURCE_MARKERS), replies
    assert replies[-1] == TOO_LONG_NOTE


def test_if_the_crisis_check_fails_on_a_long_message_the_resources_are_sent(monkeypatch):
    import bot.crisis.lexicon as lexicon

    def broken(text):
        raise RuntimeError("lexicon down")

    monkeypatch.setattr(lexicon, "detect", broken)
    _, _, replies = submit("words " * 1000)
    assert any(m in replies[0] for m in RESOURCE_MARKERS)


def test_conversation_ids_are_namespaced_and_unwrapped_for_the_channel():
    assert boundary.conversation_id("telegram", 42) == "telegram:42"
    assert boundary.local_id("telegram:42", "telegram") == "42"
    assert boundary.local_id("rest:telegram:42", "telegram") == "rest:telegram:42"


# ---- every channel uses the boundary -----------------------------------------------------


def test_telegram_text_goes_through_the_boundary_into_its_own_namespace():
    from bot.channels.telegram import SecureTelegramInput

    sent = []

    class Out(CollectingOutputChannel):
        async def send_text_message(self, recipient_id, text, **kwargs):
            sent.append((recipient_id, text))

        async def show_typing(self, chat_id):  # the Telegram output's "typing..." (no-op here)
            return None

        async def keep_typing(self, chat_id):
            return None

    channel = SecureTelegramInput("123:abc", None, "https://x", secret_token="s" * 20)
    bot = Bot()

    async def run():
        await channel._to_bot("hi\x00 there\u202e \ud83d", 4242, Out(), bot)
        await bot.received[0].output_channel.send_text_message(bot.received[0].sender_id, "hello")
        await channel._to_bot("long " * 2000, 4242, Out(), bot)

    asyncio.run(run())
    [message] = bot.received
    assert (message.text, message.sender_id) == ("hi there", "telegram:4242")
    # Replies go to the bare chat id Telegram knows; the over-long message got the note.
    assert sent == [("4242", "hello"), ("4242", TOO_LONG_NOTE)]


def test_the_website_channel_caps_and_cleans_too(monkeypatch):
    monkeypatch.setenv("WEBCHAT_SECRET", "test")
    from tests.security.test_web_sessions import Harness

    h = Harness()
    sid = h.connect()
    own, _ = h.request_session(sid)
    h.emitted.clear()
    h.utter(sid, {"message": "x" * (MAX_MESSAGE_CHARS + 1)})
    h.utter(sid, {"message": "caf\u0065\u0301\x00"})
    assert [m.text for m in h.received] == ["caf\u00e9"]
    assert h.emitted == [("bot_uttered", {"text": TOO_LONG_NOTE.split("\n\n")[0]}, f"web:{own}")]
