"""End to end: the real Rasa server with our Telegram channel, against the fake Bot API.

One Rasa start for the module. It starts while the fake Telegram API is still down (the
channel must not stop Rasa, and must register its webhook once Telegram is back); then
the tests post Update JSON to the webhook, as Telegram would, and look at what the fake
API received and at Rasa's tracker.
"""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from bot.channels import telegram_texts as texts
from tests.channels import telegram_updates as tg
from tests.channels.telegram_updates import BOT_NAME, SECRET, TOKEN
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support import servers
from tests.support.waiting import wait_for

pytestmark = pytest.mark.integration

WEBHOOK_PATH = "/webhooks/telegram/webhook"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CREDENTIALS = """rest:
# the project's block, with fast retries so the test need not wait minutes
bot.channels.telegram.SecureTelegramInput:
  access_token:
  verify:
  webhook_url:
  secret_token:
  api_url:
  webhook_retry_initial_delay: 0.5
  webhook_retry_max_delay: 2
  max_retry_after: 1.5
"""


def _post(url: str, body: Any, headers: Dict[str, str], timeout: float = 90) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read().decode())


class Telegram:
    """Plays Telegram: posts updates to Rasa's webhook and reads the fake API's record."""

    def __init__(self, rasa_url: str, api: FakeTelegramAPI, tracker_db=None):
        self.rasa_url = rasa_url
        self.api = api
        self.tracker_db = tracker_db

    def post(self, update: Dict[str, Any], secret: Optional[str] = SECRET) -> int:
        headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
        return _post(self.rasa_url + WEBHOOK_PATH, update, headers)

    def say(self, chat_id: int, update: Dict[str, Any]) -> List[Dict[str, Any]]:
        """Post an update; return the sendMessage calls it caused.

        The webhook answers at once and handles the update in the background, so this
        waits until the channel reports no update pending.
        """
        before = len(self.api.calls_to("sendMessage", chat_id))
        assert self.post(update) == 200
        self.wait_until_handled()
        return [c.params for c in self.api.calls_to("sendMessage", chat_id)[before:]]

    def wait_until_handled(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while _get_json(self.rasa_url + "/webhooks/telegram/")["pending_updates"]:
            assert time.monotonic() < deadline, "Telegram updates still pending"
            time.sleep(0.05)

    def record(self, chat_id: int, name: str) -> None:
        """Keep the calls of one chat in tests/artifacts/ (for the issue's recorded exchange)."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        mine = [
            i for i, c in enumerate(self.api.calls) if str(c.params.get("chat_id")) == str(chat_id)
        ]
        window = self.api.calls[mine[0] : mine[-1] + 1] if mine else []
        calls = [
            {"method": c.method, "status": c.status, "params": c.params}
            for c in window
            if str(c.params.get("chat_id", chat_id)) == str(chat_id)
        ]
        (ARTIFACTS / f"{name}.json").write_text(json.dumps(calls, indent=2, ensure_ascii=False))

    def tracker(self, chat_id: int) -> Dict[str, Any]:
        # Telegram's conversations live in their own namespace (bot/channels/boundary.py).
        return _get_json(
            servers.api_url(self.rasa_url, f"/conversations/telegram:{chat_id}/tracker")
        )

    def user_texts(self, chat_id: int) -> List[str]:
        return [e.get("text") for e in self.tracker(chat_id)["events"] if e["event"] == "user"]


@pytest.fixture(scope="module")
def started(model, tmp_path_factory):
    """Rasa started while Telegram is down; what happened before and after it came back."""
    directory = tmp_path_factory.mktemp("telegram")
    api = FakeTelegramAPI(TOKEN, bot_username=BOT_NAME)  # port reserved, not started
    credentials = servers.write_credentials(directory, CREDENTIALS)
    actions = servers.start_action_server(wait=False)  # waited for once Rasa is up
    endpoints = servers.write_endpoints(
        directory, action_port=actions.port, review_db=directory / "review.db"
    )
    env = {
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_BOT_NAME": BOT_NAME,
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_API_URL": api.url,
        "TELEGRAM_OUTBOX_PATH": str(directory / "telegram_outbox.sqlite3"),
    }
    rasa = None
    try:
        rasa = servers.start_rasa(
            model=model, credentials=credentials, endpoints=endpoints, env=env
        )
        actions.wait_ready(timeout=120)
    except Exception:
        if rasa is not None:
            rasa.stop()
        actions.stop()
        raise
    try:
        observed = {
            "tracker_db": directory / "tracker.db",
            "rest_reply_while_down": servers.send(rasa.url, "rest-while-down", "hello"),
        }
        # Let registration attempts fail (retried every 0.5 to 2 s) until the log says so.
        wait_for(lambda: "Telegram webhook registration failed" in rasa.log_tail(20000), 30)
        observed["log_while_down"] = rasa.log_tail(20000)
        api.start()
        observed["registered"] = api.wait_for(lambda a: a.calls_to("setWebhook"), timeout=30)
        yield rasa, api, observed
    finally:
        rasa.stop()
        actions.stop()
        api.stop()


@pytest.fixture
def telegram(started):
    rasa, api, observed = started
    return Telegram(rasa.url, api, observed["tracker_db"])


@pytest.fixture
def chat(sender) -> int:
    return int(sender.encode().hex()[-9:], 16) % 10**9 + 10**6  # a fresh private chat per test


def test_rasa_serves_while_telegram_is_down_and_registers_the_webhook_when_it_is_back(started):
    rasa, api, observed = started
    assert observed["rest_reply_while_down"], "the REST channel must answer while Telegram is down"
    assert "Telegram webhook registration failed" in observed["log_while_down"]
    assert observed["registered"]
    [hook] = api.calls_to("setWebhook")
    assert hook.params["secret_token"] == SECRET
    assert hook.params["url"] == "https://bot.example.org/webhooks/telegram/webhook"
    # the log line follows Telegram's answer, which the fake records just before it
    deadline = time.monotonic() + 15
    while (
        "Telegram webhook registered" not in rasa.log_tail(200000) and time.monotonic() < deadline
    ):
        time.sleep(0.2)
    assert "Telegram webhook registered" in rasa.log_tail(200000)


@pytest.mark.parametrize("secret", [None, "", "wrong-secret-0123456789", SECRET[:-1]])
def test_a_wrong_or_missing_secret_is_refused_and_never_reaches_the_bot(telegram, chat, secret):
    assert telegram.post(tg.message(chat, "hello, is anyone there"), secret=secret) == 403
    assert telegram.api.calls_to("sendMessage", chat) == []
    assert telegram.user_texts(chat) == []


def test_start_gives_the_welcome_and_a_greeting_with_an_inline_keyboard(telegram, chat):
    welcome, greeting = telegram.say(chat, tg.message(chat, "/start"))
    assert welcome["text"] == texts.welcome()
    payloads = tg.keyboard_payloads(greeting["reply_markup"])
    assert payloads == ["/vent", "/request_exercise", "/ask_capabilities"]
    assert "bot" in greeting["text"].lower()


def test_a_button_press_removes_its_keyboard_and_gets_the_next_reply(telegram, chat):
    telegram.say(chat, tg.message(chat, "/start"))
    greeting = telegram.api.calls_to("sendMessage", chat)[-1].result
    press = tg.button_press(chat, greeting, "/ask_capabilities")
    before = len(telegram.api.calls)
    replies = telegram.say(chat, press)
    methods = [c.method for c in telegram.api.calls[before:]]
    assert methods[:2] == ["answerCallbackQuery", "editMessageReplyMarkup"]
    edit = telegram.api.calls_to("editMessageReplyMarkup", chat)[-1].params
    assert int(edit["message_id"]) == greeting["message_id"]
    assert replies and "reply_markup" in replies[-1]  # the capabilities, with their own buttons
    assert tg.meaning(telegram.user_texts(chat)[-1]) == "/ask_capabilities"
    # the same button again (Telegram still showing the old keyboard) changes nothing
    telegram.api.fail("editMessageReplyMarkup", 400, "Bad Request: message is not modified")
    assert telegram.say(chat, tg.button_press(chat, greeting, "/ask_capabilities")) == []
    telegram.record(chat, "telegram_exchange")


def test_an_exercise_step(telegram, chat):
    telegram.say(chat, tg.message(chat, "/start"))
    greeting = telegram.api.calls_to("sendMessage", chat)[-1].result
    replies = telegram.say(chat, tg.button_press(chat, greeting, "/request_exercise"))
    assert replies, "the bot answers the request for an exercise"
    with_keyboard = [
        c
        for c in telegram.api.calls_to("sendMessage", chat)[-len(replies) :]
        if c.result and c.result.get("reply_markup")
    ]
    assert with_keyboard, "the exercise offers choices as buttons"
    choice = with_keyboard[-1].result
    first = tg.keyboard_payloads(choice["reply_markup"])[0]
    step = telegram.say(chat, tg.button_press(chat, choice, first))
    assert step, "choosing gives the next step"
    events = telegram.tracker(chat)["events"]
    actions = [e["name"] for e in events if e["event"] == "action"]
    assert "action_default_fallback" not in actions


def test_a_crisis_message_brings_the_resources(telegram, chat):
    replies = telegram.say(chat, tg.message(chat, "i dont want to be alive anymore"))
    joined = " ".join(r["text"] for r in replies)
    assert "988" in joined and "116 123" in joined


def test_resources_command_answers_without_the_bot(telegram, chat):
    [reply] = telegram.say(chat, tg.message(chat, "/resources"))
    assert "988" in reply["text"]
    assert telegram.user_texts(chat) == []


def test_a_sticker_gets_a_kind_reply_and_stays_out_of_the_tracker(telegram, chat):
    [reply] = telegram.say(chat, tg.sticker(chat))
    assert reply["text"] == texts.not_text("sticker")
    assert telegram.user_texts(chat) == []


def test_an_edited_message_is_not_answered_as_a_new_one(telegram, chat):
    telegram.say(chat, tg.message(chat, "helo"))
    assert telegram.say(chat, tg.message(chat, "hello", kind="edited_message")) == []
    assert telegram.user_texts(chat) == ["helo"]


def test_an_edit_that_adds_crisis_language_gets_the_resources(telegram, chat):
    telegram.say(chat, tg.message(chat, "i had a long day"))
    edit = tg.message(chat, "i had a long day and i want to kill myself", kind="edited_message")
    [reply] = telegram.say(chat, edit)
    assert reply["text"] == texts.resources("en")
    assert telegram.user_texts(chat) == ["i had a long day"]


def test_a_redelivered_update_is_one_turn(telegram, chat):
    update = tg.message(chat, "i feel a bit lost")
    assert telegram.post(update) == 200
    assert telegram.post(update) == 200  # Telegram's redelivery
    telegram.wait_until_handled()
    assert telegram.user_texts(chat) == ["i feel a bit lost"]


def test_an_oversized_body_is_refused_and_never_reaches_the_bot(telegram, chat):
    update = tg.message(chat, "hello there")
    update["padding"] = "x" * (80 * 1024)  # just over the 64 KB default
    assert telegram.post(update) == 413
    assert telegram.api.calls_to("sendMessage", chat) == []
    assert telegram.user_texts(chat) == []


def test_a_group_message_gets_a_private_only_reply_and_nothing_is_stored(telegram):
    group = -1001234567890
    [reply] = telegram.say(
        group, tg.message(group, "hey bot, my friend is struggling", chat_type="supergroup")
    )
    assert reply["text"] == texts.PRIVATE_ONLY
    assert telegram.user_texts(group) == []
    # and not a single row about that chat in Rasa's tracker store
    with sqlite3.connect(telegram.tracker_db) as db:
        rows = db.execute(
            "SELECT count(*) FROM events WHERE sender_id = ?", (str(group),)
        ).fetchone()
    assert rows == (0,)


def test_delete_asks_for_confirmation_with_buttons(telegram, chat):
    telegram.say(chat, tg.message(chat, "hello"))
    [confirm] = telegram.say(chat, tg.message(chat, "/delete"))
    assert tg.keyboard_payloads(confirm["reply_markup"]) == ["/affirm", "/deny"]
    question = telegram.api.calls_to("sendMessage", chat)[-1].result
    replies = telegram.say(chat, tg.button_press(chat, question, "/deny"))
    assert replies
    assert telegram.user_texts(chat)[0] == "hello"  # nothing was deleted


def test_a_429_is_retried_after_retry_after(telegram, chat):
    telegram.api.rate_limit("sendMessage", retry_after=1)
    telegram.say(chat, tg.message(chat, "hello"))
    first, second = telegram.api.calls_to("sendMessage", chat)[:2]
    assert (first.status, second.status) == (429, 200)
    assert first.params["text"] == second.params["text"]
    assert second.at - first.at >= 0.95


def test_a_failed_reply_does_not_lose_the_users_message_nor_the_reply(telegram, chat):
    telegram.api.fail("sendMessage", 500, "Internal Server Error", times=100)
    try:
        telegram.say(chat, tg.message(chat, "i feel a bit low today"))
        assert all(c.status == 500 for c in telegram.api.calls_to("sendMessage", chat))
    finally:
        telegram.api.clear_failures()
    assert "i feel a bit low today" in telegram.user_texts(chat)
    # the reply is kept and goes out once Telegram is back, without a new message
    assert telegram.api.wait_for(
        lambda a: any(c.status == 200 for c in a.calls_to("sendMessage", chat)), timeout=30
    )
    replies = telegram.say(chat, tg.message(chat, "thanks"))
    assert replies  # and the next turn works again


def test_the_telegram_greeting_names_resources_not_a_widget_button(telegram, chat):
    _, greeting = telegram.say(chat, tg.message(chat, "/start"))
    assert "/resources" in greeting["text"]
    assert "Get help now" not in greeting["text"]


def test_a_crisis_reply_arrives_whole_and_in_order_while_telegram_refuses(telegram, chat):
    """Old code: a 429 beyond the wait limit or a 5xx dropped the helplines, and the person
    saw only "Are you safe right now?"."""
    telegram.api.rate_limit("sendMessage", retry_after=3)  # beyond max_retry_after (1.5 s)
    telegram.api.fail("sendMessage", 502, "Bad Gateway", times=2)
    telegram.say(chat, tg.message(chat, "i dont want to be alive anymore"))

    def arrived(api):
        return any(
            "safe right now" in c.params.get("text", "") and c.status == 200
            for c in api.calls_to("sendMessage", chat)
        )

    assert telegram.api.wait_for(arrived, timeout=60)
    calls = telegram.api.calls_to("sendMessage", chat)
    delivered = [c.params["text"] for c in calls if c.status == 200]
    helplines = [i for i, text in enumerate(delivered) if "988" in text]
    safe = [i for i, text in enumerate(delivered) if "safe right now" in text]
    assert helplines and len(safe) == 1 and helplines[0] < safe[0]
    assert len(delivered) == len(set(delivered))  # each once
    assert [c.status for c in calls[:3]] == [429, 502, 502]
    assert calls[3].at - calls[0].at >= 2.9  # Telegram's retry_after was honoured


def test_a_crisis_message_in_a_group_gets_the_helplines_and_nothing_is_stored(telegram):
    group = -1002223334445
    replies = telegram.say(group, tg.message(group, "i want to kill myself", chat_type="group"))
    assert [r["text"] for r in replies] == [texts.resources("en"), texts.GROUP_CRISIS_NOTE]
    assert telegram.say(group, tg.message(group, "sorry, wrong chat", chat_type="group")) == []
    assert telegram.user_texts(group) == []
