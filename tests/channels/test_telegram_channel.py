"""The Telegram channel's parts, against the fake Bot API (no Rasa server needed).

The bot is replaced by a recorder of the UserMessages the channel hands over, so each
test sees exactly what would reach Rasa and exactly what was sent to Telegram.
"""

from __future__ import annotations

import asyncio
import logging
import threading

import pytest

from bot.channels import telegram_texts as texts
from bot.channels.telegram import SecureTelegramInput, SecureTelegramOutput
from tests.channels import telegram_updates as tg
from tests.channels.telegram_updates import BOT_NAME, SECRET, TOKEN
from tests.fakes.telegram_api import FakeTelegramAPI, free_port

ENV_VARS = (
    "TELEGRAM_TOKEN",
    "TELEGRAM_BOT_NAME",
    "TELEGRAM_WEBHOOK_URL",
    "TELEGRAM_WEBHOOK_SECRET",
    "TELEGRAM_API_URL",
)
WEBHOOK_URL = "https://bot.example.org/webhooks/telegram/webhook"
CHAT = 424242


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TELEGRAM_OUTBOX_PATH", ":memory:")  # no test writes var/


@pytest.fixture
def fake():
    with FakeTelegramAPI(TOKEN, bot_username=BOT_NAME) as api:
        yield api


def credentials(api_url: str, **extra):
    return {
        "access_token": TOKEN,
        "verify": BOT_NAME,
        "webhook_url": WEBHOOK_URL,
        "secret_token": SECRET,
        "api_url": api_url,
        "outbox_path": ":memory:",
        **extra,
    }


class Bot:
    """Stands in for Rasa: records what reaches it; can reply or fail."""

    def __init__(self, reply=None, fail=False):
        self.received = []
        self.reply = reply
        self.fail = fail

    async def __call__(self, message):
        self.received.append(message)
        if self.fail:
            raise RuntimeError("the bot broke")
        if self.reply:
            await message.output_channel.send_response(message.sender_id, dict(self.reply))

    @property
    def texts(self):
        return [m.text for m in self.received]


@pytest.fixture
async def channel(fake):
    channel = SecureTelegramInput.from_credentials(credentials(fake.url))
    yield channel
    await channel.get_output_channel().close()


# ---- configuration ---------------------------------------------------------------------


def test_missing_token_turns_the_channel_off_in_one_log_line(caplog):
    caplog.set_level(logging.INFO, logger="bot.channels.telegram")
    channel = SecureTelegramInput.from_credentials({"access_token": None, "secret_token": ""})
    assert not channel.enabled
    assert channel.get_output_channel() is None
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.channels.telegram"]
    assert lines == ["Telegram channel off: TELEGRAM_TOKEN not set"]


def test_no_credentials_block_at_all_is_off_too():
    assert not SecureTelegramInput.from_credentials(None).enabled


def test_settings_come_from_the_environment_when_the_block_is_empty(monkeypatch):
    monkeypatch.setenv("TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_BOT_NAME", BOT_NAME)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_URL", WEBHOOK_URL)
    monkeypatch.setenv("TELEGRAM_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:9/")
    empty_block = {
        "access_token": None,
        "verify": "",
        "webhook_url": None,
        "secret_token": None,
        "api_url": None,
    }
    channel = SecureTelegramInput.from_credentials(empty_block)
    assert channel.enabled
    assert (channel.access_token, channel.verify, channel.webhook_url, channel.secret_token) == (
        TOKEN,
        BOT_NAME,
        WEBHOOK_URL,
        SECRET,
    )
    assert channel.get_output_channel().server.api_url(TOKEN, "getMe") == (
        f"http://127.0.0.1:9/bot{TOKEN}/getMe"
    )


def test_values_written_in_the_block_win_over_the_environment(monkeypatch):
    monkeypatch.setenv("TELEGRAM_TOKEN", "999:other")
    channel = SecureTelegramInput.from_credentials(credentials("http://127.0.0.1:9"))
    assert channel.access_token == TOKEN


def test_without_an_api_url_it_talks_to_telegram():
    channel = SecureTelegramInput.from_credentials(credentials(""))
    assert (
        channel.get_output_channel()
        .server.api_url(TOKEN, "getMe")
        .startswith("https://api.telegram.org/bot")
    )


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"secret_token": ""}, "TELEGRAM_WEBHOOK_SECRET not set"),
        ({"secret_token": "short"}, "TELEGRAM_WEBHOOK_SECRET must be"),
        ({"secret_token": "has spaces in it, not allowed!!"}, "TELEGRAM_WEBHOOK_SECRET must be"),
        ({"access_token": "not a token"}, "TELEGRAM_TOKEN is not a bot token"),
        ({"access_token": "abc:def"}, "TELEGRAM_TOKEN is not a bot token"),
        ({"webhook_url": ""}, "TELEGRAM_WEBHOOK_URL not set"),
    ],
)
def test_unsafe_or_broken_settings_keep_the_channel_off_and_say_why(caplog, change, reason):
    channel = SecureTelegramInput.from_credentials({**credentials(""), **change})
    assert not channel.enabled
    assert reason in channel.disabled_reason
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].getMessage().startswith("Telegram channel off: ")
    # the token never ends up in a log line
    assert TOKEN.split(":")[1] not in caplog.text


# ---- secret -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, ok",
    [
        (SECRET, True),
        (None, False),
        ("", False),
        (SECRET + "x", False),
        (SECRET[:-1], False),
        (SECRET.upper(), False),
        (" " + SECRET, False),
    ],
)
def test_secret_header_must_match_exactly(header, ok):
    channel = SecureTelegramInput.from_credentials(credentials(""))
    assert channel.secret_matches(header) is ok


def test_an_off_channel_accepts_no_secret_at_all():
    channel = SecureTelegramInput.from_credentials({})
    assert not channel.secret_matches("")
    assert not channel.secret_matches(None)


# ---- webhook registration ---------------------------------------------------------------------


async def test_set_webhook_sends_url_secret_and_allowed_updates(channel, fake):
    assert await channel.register_webhook()
    [call] = fake.calls_to("setWebhook")
    assert call.params["url"] == WEBHOOK_URL
    assert call.params["secret_token"] == SECRET
    assert "callback_query" in call.params["allowed_updates"]
    assert channel.webhook_registered


async def test_registration_retries_until_telegram_comes_back(caplog):
    port = free_port()
    late = FakeTelegramAPI(TOKEN, port=port)  # not started yet: connection refused
    channel = SecureTelegramInput.from_credentials(
        credentials(late.url, webhook_retry_initial_delay=0.05, webhook_retry_max_delay=0.2)
    )
    timer = threading.Timer(0.6, late.start)
    timer.start()
    try:
        assert await asyncio.wait_for(channel.register_webhook(), 20)
        assert len(late.calls_to("setWebhook")) == 1
        failures = [r for r in caplog.records if "registration failed" in r.getMessage()]
        assert len(failures) >= 2
        assert "retrying in" in failures[0].getMessage()
    finally:
        timer.join()
        late.stop()
        await channel.get_output_channel().session.close()


async def test_registration_retries_server_errors_and_429(channel, fake):
    fake.fail("setWebhook", 500, "Internal Server Error", times=2)
    channel.retry_initial_delay = 0.01
    assert await channel.register_webhook()
    assert [c.status for c in fake.calls_to("setWebhook")] == [500, 500, 200]


async def test_registration_stops_when_the_token_is_refused(fake, caplog):
    channel = SecureTelegramInput.from_credentials(
        {**credentials(fake.url), "access_token": "111:wrong", "webhook_retry_initial_delay": 0.01}
    )
    try:
        assert await asyncio.wait_for(channel.register_webhook(), 10) is False
        assert len(fake.calls_to("setWebhook")) == 1
        assert "check TELEGRAM_TOKEN" in caplog.text
    finally:
        await channel.get_output_channel().session.close()


async def test_registration_can_be_cancelled_while_waiting(fake):
    channel = SecureTelegramInput.from_credentials(credentials(fake.url))
    fake.fail("setWebhook", 502, "Bad Gateway", times=100)
    task = asyncio.ensure_future(channel.register_webhook())
    await asyncio.sleep(0.3)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await channel.get_output_channel().session.close()


# ---- output ---------------------------------------------------------------------------------


async def test_a_5000_character_reply_arrives_in_two_messages(channel, fake):
    sentence = "You matter, and how you feel matters too. "
    text = (sentence * 120).strip()  # 5,039 characters
    assert len(text) > 5000
    await channel.get_output_channel().send_response(str(CHAT), {"text": text})
    sent = fake.texts_to(CHAT)
    assert len(sent) == 2
    assert all(len(t) <= 4096 for t in sent)
    assert sent[0].endswith("too.") and sent[1].startswith("You matter")
    assert " ".join(sent) == text


async def test_buttons_on_a_long_reply_go_with_its_last_part(channel, fake):
    text = ("Breathe in slowly. " * 300).strip()
    buttons = [{"title": "Done", "payload": "/affirm"}, {"title": "Stop", "payload": "/stop"}]
    await channel.get_output_channel().send_response(str(CHAT), {"text": text, "buttons": buttons})
    calls = fake.calls_to("sendMessage", CHAT)
    assert len(calls) == 2
    assert "reply_markup" not in calls[0].params
    assert tg.keyboard_payloads(calls[1].params["reply_markup"]) == ["/affirm", "/stop"]


async def test_buttons_become_an_inline_keyboard_one_per_row_when_long(channel, fake):
    buttons = [
        {"title": "I just want to talk", "payload": "/vent"},
        {"title": "Show me an exercise", "payload": "/request_exercise"},
        {"title": "What can you do?", "payload": "/ask_capabilities"},
    ]
    await channel.get_output_channel().send_response(str(CHAT), {"text": "Hi", "buttons": buttons})
    [call] = fake.calls_to("sendMessage", CHAT)
    rows = call.params["reply_markup"]["inline_keyboard"]
    assert [[b["text"] for b in row] for row in rows] == [
        ["I just want to talk"],
        ["Show me an exercise"],
        ["What can you do?"],
    ]
    assert [row[0]["callback_data"] for row in rows] == [
        "/vent",
        "/request_exercise",
        "/ask_capabilities",
    ]


async def test_a_payload_over_64_bytes_goes_as_a_token_and_comes_back_whole(channel, fake):
    long_payload = '/request_exercise{"exercise":"self_compassion","question":"menu"}'
    assert len(long_payload.encode()) > 64  # the menu's longest button, as the bot sends it
    buttons = [{"title": "Be kinder to myself", "payload": long_payload}]
    await channel.get_output_channel().send_response(
        str(CHAT), {"text": "Pick", "buttons": buttons}
    )
    [call] = fake.calls_to("sendMessage", CHAT)
    [token] = tg.keyboard_payloads(call.params["reply_markup"])
    assert len(token.encode()) <= 64 and token != long_payload
    bot = Bot()
    await channel.handle_update(tg.button_press(CHAT, call.result, token), bot)
    assert bot.texts == [long_payload]  # the bot gets the payload, question and all


async def test_a_token_this_bot_never_issued_reaches_nothing(channel, fake):
    buttons = [{"title": "Odd", "payload": "#0123456789abcdef01234567"}]
    await channel.get_output_channel().send_response(str(CHAT), {"text": "?", "buttons": buttons})
    sent = fake.calls_to("sendMessage", CHAT)[-1].result
    bot = Bot()
    await channel.handle_update(tg.button_press(CHAT, sent, "#0123456789abcdef01234567"), bot)
    assert bot.received == []
    assert fake.texts_to(CHAT)[-1] == texts.STALE_BUTTON


async def test_a_429_is_retried_after_retry_after(channel, fake):
    fake.rate_limit("sendMessage", retry_after=1)
    await channel.get_output_channel().send_response(str(CHAT), {"text": "hello"})
    first, second = fake.calls_to("sendMessage", CHAT)
    assert (first.status, second.status) == (429, 200)
    assert second.params["text"] == "hello"
    assert second.at - first.at >= 0.95  # it waited as Telegram asked


async def test_a_429_asking_for_too_long_a_wait_is_logged_not_raised(channel, fake, caplog):
    fake.rate_limit("sendMessage", retry_after=3600)
    await channel.get_output_channel().send_response(str(CHAT), {"text": "hello"})
    assert len(fake.calls_to("sendMessage")) == 1
    assert "Telegram reply not delivered: RetryAfter" in caplog.text


async def test_a_server_error_on_send_is_logged_not_raised(channel, fake, caplog):
    fake.fail("sendMessage", 500, "Internal Server Error")
    await channel.get_output_channel().send_response(str(CHAT), {"text": "still here"})
    assert "Telegram reply not delivered" in caplog.text
    # the next reply goes out normally
    await channel.get_output_channel().send_response(str(CHAT), {"text": "again"})
    assert fake.texts_to(CHAT)[-1] == "again"


async def test_an_unreachable_api_on_send_is_logged_not_raised(caplog):
    output = SecureTelegramOutput(TOKEN, api_url=f"http://127.0.0.1:{free_port()}")
    await output.send_response(str(CHAT), {"text": "hello"})
    assert "Telegram reply not delivered: NetworkError" in caplog.text
    await output.session.close()


# ---- updates ----------------------------------------------------------------------------------


async def test_a_private_text_message_reaches_the_bot(channel, fake):
    bot = Bot(reply={"text": "I'm listening."})
    await channel.handle_update(tg.message(CHAT, "i feel sooo tired of everything"), bot)
    [msg] = bot.received
    assert (msg.text, msg.sender_id, msg.input_channel) == (
        "i feel sooo tired of everything",
        f"telegram:{CHAT}",
        "telegram",
    )
    assert fake.texts_to(CHAT) == ["I'm listening."]


async def test_an_edited_message_is_not_a_new_message(channel, fake):
    """Fixing a typo must not answer the current step (tests/security/ has the crisis case)."""
    bot = Bot()
    await channel.handle_update(tg.message(CHAT, "actually i'm ok", kind="edited_message"), bot)
    assert bot.received == [] and fake.calls == []


@pytest.mark.parametrize(
    "update, kind",
    [
        (tg.sticker, "sticker"),
        (tg.voice, "voice"),
        (tg.photo, "photo"),
        (tg.location, "location"),
        (tg.document, "document"),
    ],
)
async def test_updates_without_text_get_a_kind_reply_and_never_reach_the_bot(
    channel, fake, update, kind
):
    bot = Bot()
    await channel.handle_update(update(CHAT), bot)
    assert bot.received == []
    assert fake.texts_to(CHAT) == [texts.not_text(kind)]


async def test_a_caption_is_read_as_text(channel, fake):
    bot = Bot()
    await channel.handle_update(tg.photo(CHAT, caption="this is me today, feeling low"), bot)
    assert bot.texts == ["this is me today, feeling low"]
    assert fake.texts_to(CHAT) == [texts.CAPTION_NOTE]


@pytest.mark.parametrize(
    "chat_type, kind, notes",
    [
        ("group", "message", [texts.PRIVATE_ONLY]),
        ("supergroup", "message", [texts.PRIVATE_ONLY]),
        ("channel", "channel_post", []),
    ],
)
async def test_groups_get_one_private_only_note_channels_nothing_and_nothing_reaches_the_bot(
    channel, fake, caplog, chat_type, kind, notes
):
    caplog.set_level(logging.DEBUG)
    bot = Bot()
    words = "my secret group message about my sister"
    await channel.handle_update(tg.message(-100123, words, chat_type=chat_type, kind=kind), bot)
    await channel.handle_update(tg.message(-100123, "/start", chat_type=chat_type, kind=kind), bot)
    assert bot.received == []
    assert fake.texts_to(-100123) == notes
    assert words not in caplog.text


async def test_an_edited_group_message_is_ignored_silently(channel, fake):
    bot = Bot()
    await channel.handle_update(
        tg.message(-100123, "edit", chat_type="group", kind="edited_message"), bot
    )
    assert bot.received == [] and fake.calls == []


async def test_start_sends_the_welcome_then_greets_through_the_bot(channel, fake):
    bot = Bot()
    await channel.handle_update(tg.message(CHAT, "/start"), bot)
    [welcome] = fake.texts_to(CHAT)
    assert "not a person" in welcome and "not a crisis service" in welcome
    assert "anonymised" in welcome and "/delete" in welcome and "/resources" in welcome
    assert bot.texts == ["/greet"]


async def test_start_addressed_to_this_bot_and_with_a_deep_link_payload(channel):
    bot = Bot()
    await channel.handle_update(tg.message(CHAT, f"/start@{BOT_NAME}"), bot)
    await channel.handle_update(tg.message(CHAT, "/start campaign42"), bot)
    assert bot.texts == ["/greet", "/greet"]


async def test_help_and_resources_are_answered_without_the_bot(channel, fake):
    bot = Bot()
    await channel.handle_update(tg.message(CHAT, "/help"), bot)
    await channel.handle_update(tg.message(CHAT, "/resources"), bot)
    assert bot.received == []
    help_text, resources = fake.texts_to(CHAT)
    assert help_text == texts.HELP
    assert "988" in resources and "116 123" in resources and "findahelpline.com" in resources


async def test_words_after_help_or_resources_still_reach_the_bot(channel, fake):
    bot = Bot()
    await channel.handle_update(tg.message(CHAT, "/resources i dont feel safe at home"), bot)
    await channel.handle_update(tg.message(CHAT, "/help   what do i do"), bot)
    assert bot.texts == ["i dont feel safe at home", "what do i do"]
    assert fake.texts_to(CHAT) == [texts.resources(), texts.HELP]


async def test_delete_runs_the_bots_own_delete_flow(channel):
    bot = Bot()
    await channel.handle_update(tg.message(CHAT, "/delete"), bot)
    assert bot.texts == ["/delete_data"]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("/affirm", "affirm"),
        ('/crisis{"crisis_category": "none"}', 'crisis{"crisis_category": "none"}'),
        ("//i want to disappear", "i want to disappear"),
        ("/delete@some_other_bot", "delete@some_other_bot"),
    ],
)
async def test_typed_slash_text_is_read_as_words_never_as_an_intent(channel, typed, expected):
    bot = Bot()
    await channel.handle_update(tg.message(CHAT, typed), bot)
    assert bot.texts == [expected]


async def test_a_lone_slash_gets_the_help(channel, fake):
    bot = Bot()
    await channel.handle_update(tg.message(CHAT, "/"), bot)
    assert bot.received == [] and fake.texts_to(CHAT) == [texts.HELP]


async def _sent_with_keyboard(channel, fake):
    buttons = [
        {"title": "Yes, delete it", "payload": "/affirm"},
        {"title": "No, keep it", "payload": "/deny"},
    ]
    await channel.get_output_channel().send_response(
        str(CHAT), {"text": "Sure?", "buttons": buttons}
    )
    return fake.calls_to("sendMessage", CHAT)[-1].result


async def test_a_button_press_is_answered_its_keyboard_removed_then_sent_to_the_bot(channel, fake):
    sent = await _sent_with_keyboard(channel, fake)
    fake.reset()
    bot = Bot(reply={"text": "Done."})
    await channel.handle_update(tg.button_press(CHAT, sent, "/affirm"), bot)
    assert [c.method for c in fake.calls] == [
        "answerCallbackQuery",
        "editMessageReplyMarkup",
        "editMessageText",
        "sendChatAction",
        "sendMessage",
    ]
    edit = fake.calls[1].params
    assert (int(edit["chat_id"]), int(edit["message_id"])) == (CHAT, sent["message_id"])
    assert "inline_keyboard" not in str(edit.get("reply_markup", ""))
    assert bot.texts == ["/affirm"]


async def test_a_second_press_of_a_removed_keyboard_does_not_reach_the_bot(channel, fake):
    sent = await _sent_with_keyboard(channel, fake)
    bot = Bot()
    # Telegram's copy of the message no longer carries the keyboard ...
    await channel.handle_update(
        tg.button_press(CHAT, {**sent, "reply_markup": None}, "/affirm"), bot
    )
    # ... or the press raced the removal: Telegram says the markup is already gone.
    fake.fail(
        "editMessageReplyMarkup",
        400,
        "Bad Request: message is not modified: specified new "
        "message content and reply markup are exactly the same",
    )
    await channel.handle_update(tg.button_press(CHAT, sent, "/affirm"), bot)
    assert bot.received == []
    assert len(fake.calls_to("answerCallbackQuery")) == 2  # the spinner still stops


async def test_a_forged_callback_not_matching_any_button_is_dropped(channel, fake):
    sent = await _sent_with_keyboard(channel, fake)
    bot = Bot()
    await channel.handle_update(tg.button_press(CHAT, sent, '/crisis{"crisis_category":"x"}'), bot)
    assert bot.received == []


async def test_a_press_on_a_message_too_old_to_edit_still_counts(channel, fake):
    sent = await _sent_with_keyboard(channel, fake)
    fake.fail("editMessageReplyMarkup", 400, "Bad Request: message can't be edited")
    bot = Bot()
    await channel.handle_update(tg.button_press(CHAT, sent, "/deny"), bot)
    assert bot.texts == ["/deny"]


async def test_a_failing_bot_does_not_break_the_webhook(channel, caplog):
    bot = Bot(fail=True)
    await channel.handle_update(tg.message(CHAT, "hello"), bot)  # must not raise
    assert "The bot failed on a Telegram message" in caplog.text


async def test_updates_of_other_kinds_are_ignored(channel, fake):
    bot = Bot()
    await channel.handle_update({"update_id": 1, "my_chat_member": {"chat": {"id": CHAT}}}, bot)
    await channel.handle_update({"update_id": 2, "message": "not an object"}, bot)
    assert bot.received == [] and fake.calls == []


# ---- wiring into Rasa ---------------------------------------------------------------------------


def test_the_projects_credentials_file_starts_every_channel_without_telegram_settings(caplog):
    """What `make run` does with no TELEGRAM_* variables: no error, Telegram off, others on."""
    from rasa.core.run import create_http_input_channels

    caplog.set_level(logging.INFO, logger="bot.channels.telegram")
    channels = create_http_input_channels(None, "credentials.yml")
    names = {c.name() for c in channels}
    assert {"rest", "socketio", "telegram"} <= names
    [telegram] = [c for c in channels if c.name() == "telegram"]
    assert not telegram.enabled
    assert "Telegram channel off: TELEGRAM_TOKEN not set" in caplog.text


@pytest.mark.parametrize("enabled", [True, False])
def test_the_blueprint_mounts_in_rasas_app_next_to_other_channels(enabled, monkeypatch):
    from rasa.core.channels.rest import RestInput
    from rasa.core.run import configure_app
    from sanic import Sanic

    monkeypatch.setattr(Sanic, "test_mode", True)  # several apps of the same name in one process

    creds = credentials("http://127.0.0.1:9") if enabled else {}
    telegram = SecureTelegramInput.from_credentials(creds)
    app = configure_app([RestInput(), telegram], enable_api=False)
    paths = {route.path for route in app.router.routes}
    assert "webhooks/telegram/webhook" in paths and "webhooks/rest/webhook" in paths
    assert "webhooks/telegram/set_webhook" not in paths  # the parent's unauthenticated route


async def test_resources_follow_the_persons_app_language_and_the_deployments_region(
    channel, fake, monkeypatch
):
    bot = Bot()
    update = tg.message(CHAT, "/resources")
    update["message"]["from"]["language_code"] = "es-ES"
    await channel.handle_update(update, bot)
    monkeypatch.setenv("CRISIS_REGION", "uk")
    await channel.handle_update(tg.message(CHAT, "/resources"), bot)
    spanish, uk = fake.texts_to(CHAT)
    assert "ayuda" in spanish and "988" in spanish
    assert uk.index("116 123") < uk.index("999")  # the region's own line first


async def test_resources_still_answer_when_the_crisis_data_cannot_be_rendered(
    channel, fake, monkeypatch
):
    import bot.crisis.resources as crisis_resources

    def broken(*args, **kwargs):
        raise ValueError("resources.yml is broken")

    monkeypatch.setattr(crisis_resources, "render_plain_text", broken)
    await channel.handle_update(tg.message(CHAT, "/resources"), Bot())
    [text] = fake.texts_to(CHAT)
    assert "988" in text and "116 123" in text and "findahelpline.com" in text


# ---- small things people notice --------------------------------------------------------------


async def test_typing_shows_while_the_bot_prepares_its_reply(channel, fake):
    seen_before_reply = []

    async def slow_bot(message):
        await asyncio.sleep(0.2)  # the bot is thinking
        seen_before_reply.extend(c.method for c in fake.calls)
        await message.output_channel.send_response(message.sender_id, {"text": "Here I am."})

    await channel.handle_update(tg.message(CHAT, "hello"), slow_bot)
    assert seen_before_reply == ["sendChatAction"]  # shown before the reply was ready
    [typing] = fake.calls_to("sendChatAction", CHAT)
    assert typing.params["action"] == "typing"
    assert fake.texts_to(CHAT) == ["Here I am."]


async def test_typing_is_renewed_during_a_long_turn(channel, fake):
    out = channel.get_output_channel()
    renewing = asyncio.ensure_future(out.keep_typing(CHAT, every=0.05))
    await asyncio.sleep(0.3)
    renewing.cancel()
    assert len(fake.calls_to("sendChatAction", CHAT)) >= 3


@pytest.mark.parametrize(
    "source", ["bot", "resources"], ids=["a bot reply", "the /resources answer"]
)
async def test_link_previews_are_off_so_a_helpline_address_stays_a_line_of_text(
    channel, fake, source
):
    bot = Bot(reply={"text": "Free helplines everywhere: https://findahelpline.com"})
    text = "hello" if source == "bot" else "/resources"
    await channel.handle_update(tg.message(CHAT, text), bot)
    [sent] = fake.calls_to("sendMessage", CHAT)
    assert "findahelpline.com" in sent.params["text"]
    assert sent.params["link_preview_options"] == {"is_disabled": True}
    assert sent.params["disable_web_page_preview"] == "true"


@pytest.mark.parametrize("field, name, _", texts.MEDIA_KINDS, ids=[k[0] for k in texts.MEDIA_KINDS])
async def test_the_note_names_what_was_sent(channel, fake, field, name, _):
    bot = Bot()
    await channel.handle_update(tg.message(CHAT, **{field: {"file_id": "x"}}), bot)
    [note] = fake.texts_to(CHAT)
    assert f"sending {name}." in note
    if field != "photo":
        assert "picture" not in note
    assert bot.received == []
