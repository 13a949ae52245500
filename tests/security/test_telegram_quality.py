"""Issue 16 (Telegram): groups, old keyboards, and the small things people notice.

Each test fails on the old code:
- a group got the "private chats only" note on every message, a crisis message in a group
  got no helplines, and channel posts got the note too;
- an old keyboard stayed pressable and its press went to the bot as an answer to the
  current question; the chosen option vanished with the keyboard;
- no typing indicator; link previews on; every non-text message was called "pictures,
  stickers or files";
- the Telegram greeting named "Get help now", a button only the widget has.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from bot.channels import telegram_texts as texts
from bot.channels.telegram import ALLOWED_UPDATES, SecureTelegramInput
from tests.channels import telegram_updates as tg
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.security.telegram_harness import Bot, credentials

CHAT = 646464
GROUP = -1009876543
CRISIS = "my friend here says she wants to kill herself tonight"


@pytest.fixture
def fake():
    with FakeTelegramAPI(tg.TOKEN, bot_username=tg.BOT_NAME) as api:
        yield api


@pytest.fixture
async def channel(fake):
    channel = SecureTelegramInput.from_credentials(credentials(fake.url))
    yield channel
    await channel.get_output_channel().close()


class Replier(Bot):
    """The bot, answering every message with ``reply``."""

    def __init__(self, reply):
        super().__init__()
        self.reply = reply

    async def __call__(self, message):
        await super().__call__(message)
        await message.output_channel.send_response(message.sender_id, dict(self.reply))


# ---- groups and channels -----------------------------------------------------------------


async def test_a_group_gets_one_note_then_silence(channel, fake):
    bot = Bot()
    for words in ("hi bot", "/start", "anyone there?", "/help"):
        await channel.handle_update(tg.message(GROUP, words, chat_type="supergroup"), bot)
    assert fake.texts_to(GROUP) == [texts.PRIVATE_ONLY]
    assert bot.received == []


@pytest.mark.parametrize("earlier", [[], ["hello everyone"]])
async def test_a_crisis_message_in_a_group_gets_the_helplines_every_time(
    channel, fake, earlier, caplog
):
    bot = Bot()
    for words in earlier:
        await channel.handle_update(tg.message(GROUP, words, chat_type="group"), bot)
    fake.reset()
    await channel.handle_update(tg.message(GROUP, CRISIS, chat_type="group"), bot)
    await channel.handle_update(tg.message(GROUP, "ok thanks", chat_type="group"), bot)
    await channel.handle_update(tg.message(GROUP, "i want to die", chat_type="group"), bot)
    sent = fake.texts_to(GROUP)
    assert sent == [texts.resources("en"), texts.GROUP_CRISIS_NOTE] * 2
    assert "988" in sent[0] and "private chats" in sent[1]
    assert bot.received == []
    assert CRISIS not in caplog.text


async def test_a_crisis_caption_or_edit_in_a_group_gets_the_helplines(channel, fake):
    photo = tg.photo(GROUP, caption="i'm going to end my life")
    photo["message"]["chat"] = {"id": GROUP, "type": "group", "title": "x"}
    await channel.handle_update(photo, Bot())
    await channel.handle_update(
        tg.message(GROUP, CRISIS, chat_type="group", kind="edited_message"), Bot()
    )
    assert fake.texts_to(GROUP) == [texts.resources("en"), texts.GROUP_CRISIS_NOTE] * 2


async def test_resources_in_a_group_are_answered(channel, fake):
    await channel.handle_update(tg.message(GROUP, "/resources", chat_type="group"), Bot())
    assert fake.texts_to(GROUP)[0] == texts.resources("en")


async def test_the_bot_never_posts_into_a_channel(channel, fake):
    for words in ("news of the day", CRISIS, "/resources"):
        await channel.handle_update(
            tg.message(GROUP, words, chat_type="channel", kind="channel_post"), Bot()
        )
    assert fake.calls == []
    assert "channel_post" not in ALLOWED_UPDATES  # Telegram is not even asked for them


# ---- keyboards ----------------------------------------------------------------------------

QUESTION_1 = {
    "text": "Would you like an exercise?",
    "buttons": [
        {"title": "Yes please", "payload": "/affirm"},
        {"title": "Not now", "payload": "/deny"},
    ],
}
QUESTION_2 = {
    "text": "Which one?",
    "buttons": [
        {"title": "Breathing", "payload": "/affirm"},
        {"title": "Grounding", "payload": "/deny"},
    ],
}


async def _ask(channel, fake, question):
    await channel.get_output_channel().send_response(str(CHAT), dict(question))
    return fake.calls_to("sendMessage", CHAT)[-1].result


async def test_a_new_keyboard_removes_the_previous_one(channel, fake):
    first = await _ask(channel, fake, QUESTION_1)
    second = await _ask(channel, fake, QUESTION_2)
    [edit] = fake.calls_to("editMessageReplyMarkup", CHAT)
    assert int(edit.params["message_id"]) == first["message_id"]
    assert "inline_keyboard" not in str(edit.params.get("reply_markup", ""))
    assert channel.get_output_channel().outbox.keyboard(CHAT).message_id == second["message_id"]


async def test_a_press_on_an_old_keyboard_gets_a_note_and_no_action(channel, fake):
    """Old code: '/affirm' from the first question's keyboard answered the second question."""
    first = await _ask(channel, fake, QUESTION_1)
    await _ask(channel, fake, QUESTION_2)
    fake.reset()
    bot = Bot()
    await channel.handle_update(tg.button_press(CHAT, first, "/affirm"), bot)
    assert bot.received == []
    [answer] = fake.calls_to("answerCallbackQuery")
    assert answer.params["text"] == texts.STALE_BUTTON and len(texts.STALE_BUTTON) <= 200
    assert fake.calls_to("sendMessage") == [] and fake.calls_to("editMessageText") == []


async def test_the_chosen_option_stays_visible_after_the_keyboard_goes(channel, fake):
    question = await _ask(channel, fake, QUESTION_2)
    fake.reset()
    bot = Replier({"text": "Let's breathe together."})
    await channel.handle_update(tg.button_press(CHAT, question, "/affirm"), bot)
    assert bot.texts == ["/affirm"]
    [answer] = fake.calls_to("answerCallbackQuery")
    assert not answer.params.get("text")
    [echo] = fake.calls_to("editMessageText", CHAT)
    assert int(echo.params["message_id"]) == question["message_id"]
    assert echo.params["text"] == "Which one?\n\n\u2713 Breathing"
    assert "reply_markup" not in echo.params  # the keyboard stays gone
    methods = [c.method for c in fake.calls]
    assert methods.index("editMessageText") < methods.index("sendMessage")  # before the reply
    # the same keyboard pressed again: nothing more
    fake.fail("editMessageReplyMarkup", 400, "Bad Request: message is not modified")
    await channel.handle_update(tg.button_press(CHAT, question, "/deny"), bot)
    assert bot.texts == ["/affirm"]


async def test_a_choice_on_a_question_too_long_to_extend_is_echoed_as_a_message(channel, fake):
    long_question = {"text": "x" * 4090, "buttons": QUESTION_2["buttons"]}
    question = await _ask(channel, fake, long_question)
    fake.reset()
    await channel.handle_update(tg.button_press(CHAT, question, "/deny"), Bot())
    assert fake.calls_to("editMessageText") == []
    assert fake.texts_to(CHAT) == ["\u2713 Grounding"]


# ---- typing, previews, media --------------------------------------------------------------


async def test_typing_is_shown_before_the_reply(channel, fake):
    await channel.handle_update(tg.message(CHAT, "i feel low"), Replier({"text": "I'm listening."}))
    methods = [c.method for c in fake.calls if str(c.params.get("chat_id")) == str(CHAT)]
    assert methods == ["sendChatAction", "sendMessage"]
    assert fake.calls_to("sendChatAction", CHAT)[0].params["action"] == "typing"


async def test_typing_is_renewed_during_a_long_turn(channel, fake):
    out = channel.get_output_channel()
    keeper = asyncio.ensure_future(out.keep_typing(CHAT, every=0.05))
    await asyncio.sleep(0.4)
    keeper.cancel()
    assert len(fake.calls_to("sendChatAction", CHAT)) >= 3


async def test_a_failing_typing_indicator_does_not_stop_the_turn(channel, fake):
    fake.fail("sendChatAction", 500, "Internal Server Error")
    bot = Replier({"text": "I'm listening."})
    await channel.handle_update(tg.message(CHAT, "hello"), bot)
    assert bot.texts == ["hello"] and fake.texts_to(CHAT) == ["I'm listening."]


async def test_link_previews_are_off_for_the_helplines(channel, fake):
    await channel.handle_update(tg.message(CHAT, "/resources"), Bot())
    [call] = fake.calls_to("sendMessage", CHAT)
    assert "findahelpline.com" in call.params["text"]
    assert call.params["link_preview_options"] == {"is_disabled": True}
    assert call.params["disable_web_page_preview"] == "true"


def _with(chat_id, **content):
    return tg.message(chat_id, **content)


MEDIA = [
    ("sticker", tg.sticker(CHAT), "a sticker"),
    ("voice", tg.voice(CHAT), "a voice message"),
    ("video", _with(CHAT, video={"file_id": "v", "duration": 3}), "a video"),
    ("video_note", _with(CHAT, video_note={"file_id": "n", "length": 240}), "a video message"),
    ("animation", _with(CHAT, animation={"file_id": "a"}, document={"file_id": "a"}), "a GIF"),
    ("document", tg.document(CHAT), "a file"),
    ("photo", tg.photo(CHAT), "a picture"),
    ("location", tg.location(CHAT), "a location"),
    (
        "venue",
        _with(CHAT, venue={"title": "Cafe"}, location={"latitude": 1, "longitude": 2}),
        "a place",
    ),
    ("contact", _with(CHAT, contact={"phone_number": "+100", "first_name": "Al"}), "a contact"),
    ("poll", _with(CHAT, poll={"id": "1", "question": "?", "options": []}), "a poll"),
    ("audio", _with(CHAT, audio={"file_id": "m", "duration": 9}), "an audio file"),
]


@pytest.mark.parametrize("kind, update, name", MEDIA, ids=[m[0] for m in MEDIA])
async def test_the_media_note_names_what_was_sent(channel, fake, kind, update, name):
    bot = Bot()
    await channel.handle_update(update, bot)
    [note] = fake.texts_to(CHAT)
    assert f"sending {name}." in note
    if kind != "photo":
        assert "picture" not in note
    assert bot.received == []


# ---- the greeting ---------------------------------------------------------------------------


def _telegram_variations():
    """What Telegram gets for every response: Rasa's own channel filter on the domain."""
    from rasa.core.nlg.generator import ResponseVariationFilter
    from rasa.shared.core.domain import Domain

    domain = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
    chooser = ResponseVariationFilter(domain.responses)
    for name, variations in domain.responses.items():
        conditions = [c for v in variations for c in (v.get("condition") or [])]
        slot_sets = [{}] + [{c["name"]: c["value"]} for c in conditions]
        for slots in slot_sets:
            for variation in chooser.responses_for_utter_action(name, "telegram", slots):
                yield name, variation


def test_no_telegram_text_names_a_button_it_does_not_have():
    """Old code: the Telegram greeting said 'tap "Get help now"', a widget-only button."""
    problems = []
    for name, variation in _telegram_variations():
        titles = {b.get("title") for b in variation.get("buttons") or []}
        for named in re.findall(r'"([^"]+)"', variation.get("text") or ""):
            if named in ("Get help now", "Quick exit") and named not in titles:
                problems.append((name, named))
    assert problems == []


def test_the_telegram_greeting_points_to_resources():
    greetings = [v["text"] for name, v in _telegram_variations() if name == "utter_greet"]
    assert greetings and all("/resources" in text for text in greetings)


async def test_a_broken_outbox_file_still_lets_group_helplines_and_private_turns_through(
    channel, fake
):
    import sqlite3

    out = channel.get_output_channel()

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    for name in ("first_time_in_group", "keyboard", "count", "add", "clear_keyboard"):
        setattr(out.outbox, name, broken)
    await channel.handle_update(tg.message(GROUP, CRISIS, chat_type="group"), Bot())
    assert fake.texts_to(GROUP) == [texts.resources("en"), texts.GROUP_CRISIS_NOTE]
    bot = Replier({"text": "I'm listening."})
    await channel.handle_update(tg.message(CHAT, "hello"), bot)
    assert bot.texts == ["hello"] and fake.texts_to(CHAT) == ["I'm listening."]
    sent = fake.calls_to("sendMessage", CHAT)[-1].result
    await channel.handle_update(
        tg.button_press(
            CHAT,
            {
                **sent,
                "reply_markup": {
                    "inline_keyboard": [[{"text": "Yes", "callback_data": "/affirm"}]]
                },
            },
            "/affirm",
        ),
        bot,
    )
    assert bot.texts == ["hello", "/affirm"]
