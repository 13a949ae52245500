"""Telegram channel: Rasa's built-in one, made safe to run in public.

Rasa's TelegramInput trusts any POST to its webhook, registers the webhook synchronously
while building the app (so Rasa does not start when Telegram is unreachable) and talks
only to api.telegram.org. This subclass:

- reads its settings from the environment when credentials.yml leaves them empty, and
  switches itself off (one log line) when they are missing, so other channels still run;
- refuses (403) every update whose X-Telegram-Bot-Api-Secret-Token does not match, and
  (413) any body over a small limit, both before reading the body;
- answers 200 at once and handles the update in the background, once per update_id and
  in arrival order per chat (bot/channels/telegram_queue.py), so Telegram rarely
  redelivers and a redelivery is not handled twice;
- never forwards typed text (a caption, words after a command) as an ``/intent{...}``
  payload: only the callback data of the bot's own buttons reaches Rasa as one;
- does not take an edited message as a new answer, but sends the crisis resources when
  the edited text is a crisis message;
- registers the webhook, with that secret, in the background with backoff;
- answers /start, /help, /resources itself and sends /delete to the bot's delete flow;
- sends every reply through a durable outbox (bot/channels/telegram_outbox.py): in order
  per chat, retried after 429s (as long as Telegram asks) and 5xx, kept across restarts, so
  a crisis reply is never dropped and a failed reply never loses the user's message;
- turns buttons into inline keyboards; a new keyboard removes the previous one, a press on
  an old one gets a short note and no action, the chosen option stays visible ("✓ title");
- shows "typing" while the bot works, turns link previews off, splits long replies, and
  names what was sent when a message has no words (a sticker, a location, ...);
- talks only in private chats: a group gets one note, then silence except for a crisis
  (helplines); channels get nothing. Nothing from a group reaches the bot or its stores.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import hashlib
import hmac
import json
import logging
import re
import sqlite3
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Hashable, List, Optional, Text

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer, check_token
from aiogram.bot.base import BaseBot
from aiogram.utils import exceptions as tg_errors
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings as app_settings
from bot.channels import boundary, crisis_link
from bot.channels import telegram_texts as texts
from bot.channels.split_text import split_message
from bot.channels.telegram_outbox import Courier, Keyboard, OutboxRow, OutboxStore
from bot.channels.telegram_queue import (
    ChatLanes,
    InMemorySeenUpdates,
    SeenUpdates,
    seen_updates_for,
)

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's own rule for secret_token; we also ask for enough length to resist guessing.
_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,256}$")
# Updates we ask Telegram for: anything else is never sent to the webhook.
# No channel_post: the bot never reads or posts in channels.
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
# Telegram allows 1-64 bytes of callback_data per inline button; a longer payload is sent as
# this mark and a hash, and looked up when pressed (no payload of ours starts with it).
_CALLBACK_DATA_LIMIT = 64
_LONG_PAYLOAD_MARK = "#"
_PRIVATE = "private"
_MESSAGE_LIMIT = 4096

# credentials.yml key -> environment variable read when the key is empty or absent.
SETTINGS_FROM_ENV = {
    "access_token": "TELEGRAM_TOKEN",
    "verify": "TELEGRAM_BOT_NAME",
    "webhook_url": "TELEGRAM_WEBHOOK_URL",
    "secret_token": "TELEGRAM_WEBHOOK_SECRET",
    "api_url": "TELEGRAM_API_URL",
}
# Limits: credentials.yml key -> (environment variable read when the key is absent, default).
LIMITS_FROM_ENV = {
    # Largest webhook body accepted; Telegram's updates are a few KB.
    "max_update_bytes": ("TELEGRAM_MAX_UPDATE_BYTES", 64 * 1024),
    # Updates accepted but not yet handled; beyond it the webhook answers 503 and
    # Telegram delivers again later.
    "max_pending_updates": ("TELEGRAM_MAX_PENDING_UPDATES", 1000),
}
_MIN_UPDATE_BYTES = 1024
# A 429 asking to wait up to this many seconds is waited out during the turn; a longer one
# is left to the outbox, so a turn (and Rasa's lock on the conversation) is never held long.
INLINE_RETRY_AFTER = 5.0
# The outbox file (credentials.yml key "outbox_path"): replies waiting to be delivered.
OUTBOX_PATH_ENV = "TELEGRAM_OUTBOX_PATH"
DEFAULT_OUTBOX_PATH = str(Path(__file__).resolve().parents[2] / "var" / "telegram_outbox.sqlite3")

UserMessageHandler = Callable[[UserMessage], Awaitable[Any]]


class SecureTelegramOutput(TelegramOutput):
    """Rasa's Telegram output, sending through a durable outbox (bot/channels/telegram_outbox.py).

    Every message goes into the outbox first and is delivered in order per chat, with
    retries that honour Telegram's ``retry_after``; nothing raises into Rasa's turn.
    """

    def __init__(
        self,
        access_token: Text,
        api_url: Optional[Text] = None,
        max_retries: int = 3,
        max_retry_after: float = INLINE_RETRY_AFTER,
        request_timeout: float = 20.0,
        outbox: Optional[OutboxStore] = None,
    ) -> None:
        server = TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION
        # TelegramOutput.__init__ takes only the token; go to aiogram's Bot for the server.
        Bot.__init__(self, access_token, server=server, timeout=request_timeout)
        self.max_retries = max_retries
        self.max_retry_after = max_retry_after
        self.outbox = outbox if outbox is not None else OutboxStore(":memory:")
        self.courier = Courier(
            self.outbox,
            self._deliver,
            on_delivered=self._after_delivery,
            max_age=int(texts.retention_days()) * 24 * 3600.0,
        )

    async def request(
        self, method: Text, data: Optional[Dict] = None, files: Optional[Dict] = None, **kwargs: Any
    ) -> Any:
        """Every Bot API call: a short 429 (retry_after up to max_retry_after) is waited out
        here; a longer one is raised, and the outbox retries it when Telegram allows."""
        attempt = 0
        while True:
            try:
                return await super().request(method, data, files, **kwargs)
            except tg_errors.RetryAfter as error:
                attempt += 1
                if attempt > self.max_retries or error.timeout > self.max_retry_after:
                    raise
                logger.info("Telegram %s rate-limited; retrying in %ss", method, error.timeout)
                await asyncio.sleep(error.timeout)

    async def _deliver(self, method: Text, params: Dict[Text, Any]) -> Any:
        return await self.request(method, _wire(params))

    async def send_message(self, chat_id: Any, text: Text, **kwargs: Any) -> None:
        """Queue ``text``, split into parts within Telegram's limit; a keyboard goes on the last.

        Link previews are off: a helpline address must not turn into a large preview card.
        """
        parts = split_message(text)
        reply_markup = kwargs.pop("reply_markup", None)
        if hasattr(reply_markup, "to_python"):
            reply_markup = reply_markup.to_python()
        for index, part in enumerate(parts):
            params: Dict[Text, Any] = {"chat_id": chat_id, "text": part, **_NO_PREVIEW}
            if reply_markup and index == len(parts) - 1:
                params["reply_markup"] = reply_markup
            await self.courier.send(chat_id, "sendMessage", params, crisis=_CRISIS_REPLY.get())

    async def send_text_with_buttons(
        self,
        recipient_id: Text,
        text: Text,
        buttons: List[Dict[Text, Any]],
        button_type: Optional[Text] = None,
        **kwargs: Any,
    ) -> None:
        """Inline keyboard; one button per row unless two short ones fit side by side."""
        safe_buttons = [self._telegram_button(b) for b in buttons if isinstance(b, dict)]
        if button_type is None:
            short = len(safe_buttons) <= 2 and all(len(b["title"]) <= 16 for b in safe_buttons)
            button_type = "inline" if short else "vertical"
        await super().send_text_with_buttons(
            recipient_id, text, safe_buttons, button_type=button_type, **kwargs
        )

    def _telegram_button(self, button: Dict[Text, Any]) -> Dict[Text, Any]:
        """A button whose callback_data fits Telegram's 64-byte limit: a longer payload (one
        naming an exercise and its question) goes as a short token, kept in the outbox file
        and read back when the button is pressed (``payload_of``)."""
        title = str(button.get("title") or button.get("payload") or "")
        payload = str(button.get("payload") or title)
        if len(payload.encode("utf-8")) > _CALLBACK_DATA_LIMIT:
            token = _LONG_PAYLOAD_MARK + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
            try:
                self.outbox.remember_payload(token, payload)
            except sqlite3.Error as error:  # the title still says what the person chose
                logger.error("Long button payload not kept (%s)", type(error).__name__)
                return _telegram_button(button)
            payload = token
        return {**button, "title": title, "payload": payload}

    def payload_of(self, data: Text) -> Optional[Text]:
        """The payload a pressed button's callback_data stands for (None: unknown token)."""
        if not data.startswith(_LONG_PAYLOAD_MARK):
            return data
        try:
            return self.outbox.payload_for(data)
        except sqlite3.Error as error:
            logger.error("Long button payload unreadable (%s)", type(error).__name__)
            return None

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        """Queue one bot message; a failure is logged, never raised.

        Rasa saves the tracker only after all replies went out, so an exception here
        would lose the user's message along with the reply.
        """
        utter_action = str(message.get("utter_action") or "")
        token = _CRISIS_REPLY.set(utter_action.startswith(_CRISIS_UTTER_PREFIX))
        try:
            await super().send_response(recipient_id, message)
        except Exception as error:  # noqa: BLE001 - any failure must not reach Rasa's processor
            logger.error("Telegram reply not delivered: %s: %s", type(error).__name__, error)
        finally:
            _CRISIS_REPLY.reset(token)

    async def send_plain(self, chat_id: Any, text: Text) -> bool:
        """A channel-made message (command answers, notices), through the outbox."""
        try:
            await self.send_message(chat_id, text)
            return True
        except Exception as error:  # noqa: BLE001 - the webhook must still answer Telegram
            logger.error("Telegram notice not queued: %s: %s", type(error).__name__, error)
            return False

    async def show_typing(self, chat_id: Any, timeout: float = 2.0) -> None:
        """sendChatAction "typing", once, best effort: no retry, no wait beyond ``timeout``,
        and not while replies to this chat are still queued (it would only add load)."""
        try:
            if self.outbox.count(chat_id):
                return
            await asyncio.wait_for(
                BaseBot.request(self, "sendChatAction", {"chat_id": chat_id, "action": "typing"}),
                timeout,
            )
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - a missing indicator is harmless
            logger.debug("Typing indicator not shown: %s", type(error).__name__)

    async def keep_typing(self, chat_id: Any, every: float = 4.5) -> None:
        """Renew the indicator (Telegram shows it for about 5 s) until cancelled."""
        while True:
            await asyncio.sleep(every)
            await self.show_typing(chat_id)

    async def _after_delivery(self, row: OutboxRow, result: Any) -> None:
        """A message with a new inline keyboard: it becomes the chat's current keyboard and
        the previous one is removed, so an old button cannot answer the new question."""
        markup = row.params.get("reply_markup")
        if (
            row.method != "sendMessage"
            or not isinstance(markup, dict)
            or not isinstance(result, dict)
        ):
            return
        rows = markup.get("inline_keyboard") or []
        buttons = [
            {"title": b.get("text", ""), "payload": b.get("callback_data", "")}
            for line in rows
            for b in line
            if isinstance(b, dict)
        ]
        if not buttons or "message_id" not in result:
            return
        previous = self.outbox.keyboard(row.chat_id)
        self.outbox.set_keyboard(
            row.chat_id,
            Keyboard(int(result["message_id"]), str(row.params.get("text", "")), buttons),
        )
        if previous is not None and previous.message_id != result["message_id"]:
            await self.remove_keyboard(row.chat_id, previous.message_id)

    async def remove_keyboard(self, chat_id: Any, message_id: Any) -> None:
        """Best effort: take the inline keyboard off a message (it may be gone already)."""
        try:
            await self.request(
                "editMessageReplyMarkup", {"chat_id": chat_id, "message_id": message_id}
            )
        except Exception as error:  # noqa: BLE001 - too old, already removed: no harm
            logger.info("Old keyboard not removed: %s", type(error).__name__)

    async def close(self) -> None:
        """Stop the outbox timers (queued replies stay in the file) and the HTTP session."""
        await self.courier.stop()
        if self._session is not None:
            await self._session.close()


# Rasa names the response it sends; the crisis ones are logged as errors if ever refused.
_CRISIS_UTTER_PREFIX = "utter_crisis"
_CRISIS_REPLY: contextvars.ContextVar[bool] = contextvars.ContextVar("crisis_reply", default=False)
# Both spellings: link_preview_options (Bot API 7.0+) wins; older API servers read the other.
_NO_PREVIEW = {"link_preview_options": {"is_disabled": True}, "disable_web_page_preview": True}


def _wire(params: Dict[Text, Any]) -> Dict[Text, Any]:
    """Parameters as the Bot API reads form fields: objects as JSON, booleans as true/false."""
    wire = {}
    for key, value in params.items():
        if isinstance(value, bool):
            wire[key] = "true" if value else "false"
        elif isinstance(value, (dict, list)):
            wire[key] = json.dumps(value)
        elif value is not None:
            wire[key] = value
    return wire


def _telegram_button(button: Dict[Text, Any]) -> Dict[Text, Any]:
    """A button whose callback_data fits Telegram's 64-byte limit.

    A longer payload would make Telegram refuse the whole message; sending the title
    instead lets the person's choice go through NLU like typed text.
    """
    title = str(button.get("title") or button.get("payload") or "")
    payload = str(button.get("payload") or title)
    if len(payload.encode("utf-8")) > _CALLBACK_DATA_LIMIT:
        logger.warning("Button payload over 64 bytes; the button sends its title instead")
        payload = title.encode("utf-8")[:_CALLBACK_DATA_LIMIT].decode("utf-8", "ignore")
    return {**button, "title": title, "payload": payload}


def read_settings(credentials: Optional[Dict[Text, Any]]) -> Dict[Text, Text]:
    """Settings from credentials.yml, each falling back to its environment variable."""
    credentials = credentials or {}
    settings = {}
    for key, variable in SETTINGS_FROM_ENV.items():
        value = credentials.get(key)
        if value is None or str(value).strip() == "":
            value = app_settings.REGISTRY[variable].raw() or ""
        settings[key] = str(value).strip()
    return settings


def read_limits(credentials: Optional[Dict[Text, Any]]) -> Dict[Text, Any]:
    """Each limit from credentials.yml, else its environment variable, else its default.

    A value that is not a whole number is kept as given, for limits_problem to name.
    """
    credentials = credentials or {}
    limits: Dict[Text, Any] = {}
    for key, (variable, default) in LIMITS_FROM_ENV.items():
        value = credentials.get(key)
        if value is None or str(value).strip() == "":
            value = app_settings.REGISTRY[variable].raw() or default
        try:
            limits[key] = int(str(value).strip())
        except ValueError:
            limits[key] = value
    return limits


def read_outbox_path(credentials: Optional[Dict[Text, Any]]) -> Text:
    """The outbox file: credentials.yml's outbox_path, else TELEGRAM_OUTBOX_PATH, else
    var/telegram_outbox.sqlite3 (":memory:" keeps it in memory: tests only)."""
    value = (credentials or {}).get("outbox_path")
    if value is None or str(value).strip() == "":
        value = app_settings.TELEGRAM_OUTBOX_PATH.raw() or DEFAULT_OUTBOX_PATH
    return str(value).strip()


def limits_problem(limits: Dict[Text, Any]) -> Optional[Text]:
    """Why these limits cannot be used, or None."""
    size = limits["max_update_bytes"]
    if not isinstance(size, int) or size < _MIN_UPDATE_BYTES:
        return f"TELEGRAM_MAX_UPDATE_BYTES must be a whole number of at least {_MIN_UPDATE_BYTES}"
    pending = limits["max_pending_updates"]
    if not isinstance(pending, int) or pending < 1:
        return "TELEGRAM_MAX_PENDING_UPDATES must be a whole number of at least 1"
    return None


def configuration_problem(settings: Dict[Text, Text]) -> Optional[Text]:
    """Why the channel cannot run safely with these settings, or None."""
    if not settings["access_token"]:
        return "TELEGRAM_TOKEN not set"
    try:
        check_token(settings["access_token"])
    except tg_errors.ValidationError:
        return "TELEGRAM_TOKEN is not a bot token (expected digits:letters, from BotFather)"
    if not settings["secret_token"]:
        return (
            "TELEGRAM_WEBHOOK_SECRET not set (without it anyone could post fake updates; "
            "generate one: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    if not _SECRET_PATTERN.match(settings["secret_token"]):
        return "TELEGRAM_WEBHOOK_SECRET must be 16-256 characters of A-Z, a-z, 0-9, _ and -"
    if not settings["webhook_url"]:
        return "TELEGRAM_WEBHOOK_URL not set"
    return None


def as_words(typed: Text) -> Text:
    """Typed text that Rasa cannot unpack as an ``/intent{...}`` payload.

    Rasa strips the text (str.strip) and unpacks it when it then starts with '/', so every
    leading run of whitespace and slashes goes ('/ /crisis{..}' -> 'crisis{..}').
    """
    words = typed
    while True:
        stripped = words.lstrip().lstrip("/")
        if stripped == words:
            return words.strip()
        words = stripped


def crisis_language(text: Text) -> Optional[Text]:
    """The language to send crisis resources in when ``text`` is a crisis message, else None.

    Uses the same lexicon as the NLU pipeline's crisis detector. If the detector cannot run,
    the answer is "en": better the resources once too often than missing a crisis.
    """
    try:
        result = crisis_link.detect(text)
    except Exception as error:  # noqa: BLE001 - fail towards sending the resources
        logger.error(
            "Crisis check of an edited message failed (%s); sending the resources",
            type(error).__name__,
        )
        return "en"
    return (result.language or "en") if result.matched else None


def _command(text: Text, bot_name: Text) -> Optional[Text]:
    """The command word of a '/command' message ('/start@MyBot x' -> 'start'), else None."""
    match = re.match(r"^/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s|$)", text)
    if not match:
        return None
    addressee = match.group(2)
    if addressee and bot_name and addressee.lower() != bot_name.lstrip("@").lower():
        return None
    return match.group(1).lower()


class SecureTelegramInput(TelegramInput):
    """Telegram webhook with a secret token, background registration and private chats only."""

    @classmethod
    def name(cls) -> Text:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "SecureTelegramInput":
        """Build from credentials.yml + environment; an off channel instead of an error."""
        settings = read_settings(credentials)
        limits = read_limits(credentials)
        problem = configuration_problem(settings) or limits_problem(limits)
        if problem:
            # Missing token: a normal development set-up. Anything else: a broken deployment.
            level = logging.INFO if problem.startswith("TELEGRAM_TOKEN not set") else logging.ERROR
            logger.log(level, "Telegram channel off: %s", problem)
            return cls(None, None, None, secret_token=None, disabled_reason=problem)
        options = credentials or {}
        return cls(
            settings["access_token"],
            settings["verify"] or None,
            settings["webhook_url"],
            secret_token=settings["secret_token"],
            api_url=settings["api_url"] or None,
            retry_initial_delay=float(options.get("webhook_retry_initial_delay", 1.0)),
            retry_max_delay=float(options.get("webhook_retry_max_delay", 300.0)),
            max_retry_after=float(options.get("max_retry_after", INLINE_RETRY_AFTER)),
            max_update_bytes=limits["max_update_bytes"],
            max_pending_updates=limits["max_pending_updates"],
            outbox_path=read_outbox_path(credentials),
            # Redis when REDIS_URL is set, so replicas behind nginx share it (README).
            seen_updates=seen_updates_for(
                settings["access_token"],
                max_size=int(options.get("seen_updates_max", 100_000)),
                ttl=float(options.get("seen_updates_ttl", 24 * 3600.0)),
            ),
        )

    def __init__(
        self,
        access_token: Optional[Text],
        verify: Optional[Text],
        webhook_url: Optional[Text],
        debug_mode: bool = False,
        *,
        secret_token: Optional[Text],
        api_url: Optional[Text] = None,
        retry_initial_delay: float = 1.0,
        retry_max_delay: float = 300.0,
        max_retry_after: float = INLINE_RETRY_AFTER,
        max_update_bytes: int = LIMITS_FROM_ENV["max_update_bytes"][1],
        max_pending_updates: int = LIMITS_FROM_ENV["max_pending_updates"][1],
        seen_updates: Optional[SeenUpdates] = None,
        disabled_reason: Optional[Text] = None,
        outbox_path: Text = ":memory:",
    ) -> None:
        # debug_mode=False: an exception must not become a 500, or Telegram redelivers the
        # update again and again.
        super().__init__(access_token, verify, webhook_url, debug_mode=debug_mode)
        self.secret_token = secret_token
        self.api_url = api_url
        self.retry_initial_delay = retry_initial_delay
        self.retry_max_delay = retry_max_delay
        self.max_retry_after = max_retry_after
        self.disabled_reason = disabled_reason
        self.max_update_bytes = max_update_bytes
        self.outbox_path = outbox_path
        # The "seen update ids" memory; swap in a shared one when running several replicas.
        self.seen_updates: SeenUpdates = seen_updates or InMemorySeenUpdates()
        self.lanes = ChatLanes(max_pending_updates)
        self._output: Optional[SecureTelegramOutput] = None
        self._registration: Optional[asyncio.Task] = None
        self.webhook_registered = False

    @property
    def enabled(self) -> bool:
        return self.disabled_reason is None

    def get_output_channel(self) -> Optional[SecureTelegramOutput]:
        """One output channel per input channel; no network call here (unlike the parent)."""
        if not self.enabled:
            return None
        if self._output is None:
            # The file is opened here, not earlier: an off or unused channel creates none.
            self._output = SecureTelegramOutput(
                self.access_token,
                api_url=self.api_url,
                max_retry_after=self.max_retry_after,
                outbox=_open_outbox(self.outbox_path),
            )
        return self._output

    # ---- security -------------------------------------------------------------------

    def secret_matches(self, provided: Optional[Text]) -> bool:
        """Constant-time check of Telegram's secret header."""
        if not self.secret_token or provided is None:
            return False
        return hmac.compare_digest(provided.encode("utf-8"), self.secret_token.encode("utf-8"))

    # ---- webhook registration ---------------------------------------------------------

    async def register_webhook(self) -> bool:
        """setWebhook with our secret, retried with exponential backoff until it succeeds.

        aiogram 2.15's set_webhook has no secret_token parameter, so the raw method is
        called. Only an invalid token stops the retries: nothing else can fix it.
        """
        out = self.get_output_channel()
        params = {
            "url": self.webhook_url,
            "secret_token": self.secret_token,
            "allowed_updates": json.dumps(ALLOWED_UPDATES),
        }
        delay = self.retry_initial_delay
        attempt = 0
        while True:
            attempt += 1
            try:
                await out.request("setWebhook", params)
                self.webhook_registered = True
                logger.info("Telegram webhook registered (attempt %d)", attempt)
                return True
            except tg_errors.Unauthorized as error:
                logger.error(
                    "Telegram webhook not registered: token refused (%s); "
                    "check TELEGRAM_TOKEN. Not retrying.",
                    error,
                )
                return False
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - network down, 5xx, bad URL: retry
                log = logger.error if isinstance(error, tg_errors.BadRequest) else logger.warning
                log(
                    "Telegram webhook registration failed (attempt %d: %s: %s); retrying in %.1fs",
                    attempt,
                    type(error).__name__,
                    error,
                    delay,
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.retry_max_delay)

    # ---- updates ---------------------------------------------------------------------

    async def handle_update(
        self, update: Dict[Text, Any], on_new_message: UserMessageHandler
    ) -> None:
        """Route one Telegram update. Never raises: Telegram must always get its 200."""
        out = self.get_output_channel()
        try:
            if "callback_query" in update:
                await self._handle_button(update["callback_query"], out, on_new_message)
                return
            for kind in ("message", "edited_message", "channel_post"):
                if isinstance(update.get(kind), dict):
                    await self._handle_message(update[kind], kind, out, on_new_message)
                    return
            logger.debug("Ignoring Telegram update without a message")
        except Exception as error:  # noqa: BLE001 - log and answer 200, or Telegram redelivers
            logger.exception("Telegram update not handled: %s", type(error).__name__)

    async def _handle_message(
        self,
        message: Dict[Text, Any],
        kind: Text,
        out: SecureTelegramOutput,
        on_new_message: UserMessageHandler,
    ) -> None:
        chat = message.get("chat") or {}
        chat_id = chat.get("id")
        if chat_id is None:
            return
        if chat.get("type") != _PRIVATE:
            await self._handle_group(message, kind, chat, out)
            return
        if kind == "edited_message":
            await self._handle_edit(message, chat_id, out)
            return
        text = message.get("text")
        if not isinstance(text, str):
            caption = message.get("caption")
            if isinstance(caption, str) and caption.strip():
                # Words typed with a photo are still words: the bot (and crisis detection)
                # must read them, as words only.
                await out.send_plain(chat_id, texts.CAPTION_NOTE)
                await self._words_to_bot(caption, chat_id, out, on_new_message)
            else:
                await out.send_plain(chat_id, texts.not_text(texts.media_kind(message)))
            return
        command = _command(text.strip(), self.verify or "")
        if command == "start":
            await out.send_plain(chat_id, texts.welcome())
            await self._to_bot("/greet", chat_id, out, on_new_message)
        elif command in ("help", "resources"):
            language = (message.get("from") or {}).get("language_code")
            reply = texts.HELP if command == "help" else texts.resources(language)
            await out.send_plain(chat_id, reply)
            # Words typed after the command ("/help i'm scared") are still read by the bot.
            rest = text.strip().split(None, 1)[1:]
            if rest:
                await self._words_to_bot(rest[0], chat_id, out, on_new_message)
        elif command == "delete":
            # One deletion mechanism: the bot's own (confirm, then action_forget_me).
            await self._to_bot("/delete_data", chat_id, out, on_new_message)
        elif not await self._words_to_bot(text, chat_id, out, on_new_message):
            await out.send_plain(chat_id, texts.HELP)

    async def _handle_group(
        self, message: Dict[Text, Any], kind: Text, chat: Dict[Text, Any], out: SecureTelegramOutput
    ) -> None:
        """Groups: one short note the first time, then silence, except for a crisis.

        A crisis message (or /resources) gets the static helplines with a note that the
        bot talks in private chats. Nothing from a group reaches the bot, its stores or the
        log; the outbox keeps only the ids of groups already told. Channels: nothing, ever.
        """
        chat_id = chat["id"]
        if kind == "channel_post" or chat.get("type") == "channel":
            return
        text = message.get("text")
        if not isinstance(text, str):
            text = message.get("caption")
        text = text if isinstance(text, str) else ""
        command = _command(text.strip(), self.verify or "") if kind == "message" else None
        language = crisis_language(text) if text.strip() else None
        if language is not None or command == "resources":
            if language is None:
                language = (message.get("from") or {}).get("language_code")
            await out.send_plain(chat_id, texts.resources(language))
            await out.send_plain(chat_id, texts.GROUP_CRISIS_NOTE)
            _first_time_in_group(out, chat_id)  # the note just sent says it already
        elif kind == "message" and _first_time_in_group(out, chat_id):
            await out.send_plain(chat_id, texts.PRIVATE_ONLY)

    async def _handle_edit(
        self, message: Dict[Text, Any], chat_id: Any, out: SecureTelegramOutput
    ) -> None:
        """An edit is not a new answer (fixing a typo must not answer the current step),
        but an edit that now speaks of a crisis gets the static crisis resources."""
        text = message.get("text")
        if not isinstance(text, str):
            text = message.get("caption")
        if not isinstance(text, str) or not text.strip():
            return
        language = crisis_language(text)
        if language is not None:
            await out.send_plain(chat_id, texts.resources(language))

    async def _handle_button(
        self, query: Dict[Text, Any], out: SecureTelegramOutput, on_new_message: UserMessageHandler
    ) -> None:
        """A press on the chat's current keyboard: answer it, remove the keyboard, leave the
        choice visible ("✓ title"), then send the payload to the bot. A press on an older
        keyboard (or on no button of its message) gets a short note and nothing else."""
        message = query.get("message") or {}
        chat = message.get("chat") or {}
        data = query.get("data")
        chat_id = chat.get("id")
        if chat.get("type") != _PRIVATE or chat_id is None or not isinstance(data, str):
            await _answer_query(out, query)
            return
        try:
            current = out.outbox.keyboard(chat_id)
        except sqlite3.Error as error:  # the press still counts if it matches its message
            logger.error(
                "Telegram outbox unreadable (%s); button checked against its message only",
                type(error).__name__,
            )
            current = None
        message_id = message.get("message_id")
        if data not in _keyboard_payloads(message) or (
            current is not None and current.message_id != message_id
        ):
            # A forged query, a keyboard already removed, or one the conversation has left
            # behind: its button must not answer the current question.
            logger.info("Ignoring a press on an out-of-date or unknown button")
            await _answer_query(out, query, texts.STALE_BUTTON)
            if message.get("reply_markup") and message_id is not None:
                await out.remove_keyboard(chat_id, message_id)
            return
        await _answer_query(out, query)
        try:
            await out.edit_message_reply_markup(chat_id=chat_id, message_id=message_id)
        except tg_errors.MessageNotModified:
            logger.info("Ignoring a second press of an already used keyboard")
            return
        except Exception as error:  # noqa: BLE001 - e.g. too old to edit: the press still counts
            logger.warning(
                "Could not remove a pressed keyboard: %s: %s", type(error).__name__, error
            )
        with contextlib.suppress(sqlite3.Error):
            out.outbox.clear_keyboard(chat_id, message_id)
        payload = out.payload_of(data)
        if payload is None:  # a token this bot never issued (or its file was lost)
            await out.send_plain(chat_id, texts.STALE_BUTTON)
            return
        await self._show_choice(out, chat_id, message, _button_title(message, data))
        await self._to_bot(payload, chat_id, out, on_new_message)

    async def _show_choice(
        self, out: SecureTelegramOutput, chat_id: Any, message: Dict[Text, Any], title: Text
    ) -> None:
        """The chosen option stays in the chat once its keyboard is gone: appended to the
        question ("✓ title"), or as a short message when the question cannot take it."""
        if not title:
            return
        mark = f"\u2713 {title}"
        text = message.get("text")
        if isinstance(text, str) and text and len(text) + 2 + len(mark) <= _MESSAGE_LIMIT:
            await out.courier.send(
                chat_id,
                "editMessageText",
                {
                    "chat_id": chat_id,
                    "message_id": message.get("message_id"),
                    "text": f"{text}\n\n{mark}",
                    **_NO_PREVIEW,
                },
            )
        else:
            await out.send_plain(chat_id, mark)

    async def _words_to_bot(
        self,
        typed: Text,
        chat_id: Any,
        out: SecureTelegramOutput,
        on_new_message: UserMessageHandler,
    ) -> bool:
        """Typed text, as words: it can never be read as an ``/intent{...}`` payload.

        Returns False when nothing but slashes and spaces was typed (nothing is sent).
        """
        words = as_words(typed)
        if not words:
            return False
        await self._to_bot(words, chat_id, out, on_new_message)
        return True

    async def _to_bot(
        self,
        text: Text,
        chat_id: Any,
        out: SecureTelegramOutput,
        on_new_message: UserMessageHandler,
    ) -> None:
        """Hand a message to Rasa. Only the channel's own payloads and the callback data
        of the bot's own buttons come here directly; typed text goes via _words_to_bot."""
        # "typing..." while the turn runs: shown before it starts, renewed until it ends.
        await out.show_typing(chat_id)
        typing = asyncio.ensure_future(out.keep_typing(chat_id))
        try:
            # The shared boundary: text cleaned and capped, conversation id "telegram:<chat id>"
            # (replies go back to the bare chat id through LocalIdOutput).
            await boundary.submit(
                text, self.name(), chat_id, boundary.LocalIdOutput(out, self.name()), on_new_message
            )
        except Exception as error:  # noqa: BLE001 - logged; Telegram must not redeliver
            logger.exception("The bot failed on a Telegram message: %s", type(error).__name__)
        finally:
            typing.cancel()

    # ---- webhook body and background handling --------------------------------------------

    async def _read_body(self, request: Request) -> Optional[bytes]:
        """The body, or None when it is (or announces itself) over ``max_update_bytes``."""
        declared = request.headers.get("content-length")
        if declared is not None:
            try:
                if int(declared) > self.max_update_bytes:
                    return None
            except ValueError:
                return None
        body = bytearray()
        stream = request.stream
        while stream is not None:
            chunk = await stream.read()
            if chunk is None:
                break
            body += chunk
            if len(body) > self.max_update_bytes:  # chunked, or more than it announced
                return None
        return bytes(body)

    def _refuse(self, request: Request, text: Text, status: int) -> HTTPResponse:
        """A refusal that reads at most a small body more (Sanic drains it to keep the
        connection open); a bigger one closes the connection instead."""
        if request.stream is not None:
            request.stream.request_max_size = self.max_update_bytes
        return response.text(text, status=status)

    async def accept_update(
        self, update: Dict[Text, Any], on_new_message: UserMessageHandler
    ) -> HTTPResponse:
        """Queue a checked update and answer at once: 200 (also for a repeat), or 503 when
        too many updates wait (Telegram delivers it again later)."""
        update_id = update["update_id"]
        try:
            first_time = await self.seen_updates.first_time(update_id)
        except Exception as error:  # noqa: BLE001 - a repeat is better than a lost message
            logger.warning(
                "Seen-updates store failed (%s); handling the update anyway", type(error).__name__
            )
            first_time = True
        if not first_time:
            logger.info("Ignoring Telegram update %s: already received", update_id)
            return response.text("success")

        async def job() -> None:
            await self.handle_update(update, on_new_message)

        if not self.lanes.submit(_chat_key(update), job):
            try:
                await self.seen_updates.forget(update_id)
            except Exception as error:  # noqa: BLE001 - best effort
                logger.warning("Seen-updates store failed (%s)", type(error).__name__)
            logger.warning(
                "Too many Telegram updates waiting (%d); asking Telegram to retry",
                self.lanes.pending,
            )
            return response.text("busy", status=503)
        return response.text("success")

    # ---- Sanic --------------------------------------------------------------------------

    def blueprint(self, on_new_message: UserMessageHandler) -> Blueprint:
        telegram_webhook = Blueprint("telegram_webhook", __name__)

        if not self.enabled:

            @telegram_webhook.route("/", methods=["GET"])
            async def health_off(_: Request) -> HTTPResponse:
                return response.json({"status": "off"})

            @telegram_webhook.route("/webhook", methods=["POST"])
            async def webhook_off(_: Request) -> HTTPResponse:
                return response.text("telegram channel off", status=503)

            return telegram_webhook

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json(
                {
                    "status": "ok",
                    "webhook_registered": self.webhook_registered,
                    "pending_updates": self.lanes.pending,
                }
            )

        # stream=True: Sanic calls us after the headers, before reading the body, so the
        # secret and the size are checked before a single body byte is read.
        @telegram_webhook.route("/webhook", methods=["POST"], stream=True)
        async def webhook(request: Request) -> HTTPResponse:
            if not self.secret_matches(request.headers.get(SECRET_HEADER)):
                logger.warning("Refused a Telegram webhook call with a wrong or missing secret")
                return self._refuse(request, "forbidden", 403)
            body = await self._read_body(request)
            if body is None:
                logger.warning(
                    "Refused a Telegram webhook body over %d bytes", self.max_update_bytes
                )
                return self._refuse(request, "payload too large", 413)
            update = parse_update(body)
            if update is None:
                logger.warning("Refused a malformed Telegram webhook body")
                return response.text("bad request", status=400)
            return await self.accept_update(update, on_new_message)

        @telegram_webhook.listener("after_server_start")
        async def start_registration(app: Any, loop: Any) -> None:
            # In the background: Rasa serves its other channels while Telegram is unreachable.
            # With several replicas exactly one registers (TELEGRAM_REGISTER_WEBHOOK).
            if app_settings.TELEGRAM_REGISTER_WEBHOOK.get():
                self._registration = asyncio.ensure_future(self.register_webhook())
            else:
                logger.info(
                    "Telegram webhook left to another replica (TELEGRAM_REGISTER_WEBHOOK=0)"
                )
            # Replies still queued from before a restart go out now.
            self.get_output_channel().courier.resume()

        @telegram_webhook.listener("before_server_stop")
        async def stop_registration(app: Any, loop: Any) -> None:
            if self._registration is not None and not self._registration.done():
                self._registration.cancel()
            # Turns already accepted (Telegram got its 200) get a chance to finish.
            await self.lanes.close(timeout=10.0)
            if self._output is not None:
                await self._output.courier.wait_empty(timeout=5.0)
                await self._output.close()

        return telegram_webhook


def parse_update(body: bytes) -> Optional[Dict[Text, Any]]:
    """The Update object in a webhook body, or None when it is not one."""
    try:
        update = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(update, dict):
        return None
    update_id = update.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return None
    return update


def _chat_key(update: Dict[Text, Any]) -> Hashable:
    """Which chat an update belongs to, so a chat's updates are handled in order."""
    messages = [update.get(kind) for kind in ("message", "edited_message", "channel_post")]
    query = update.get("callback_query")
    if isinstance(query, dict):
        messages.append(query.get("message"))
    for message in messages:
        if isinstance(message, dict) and isinstance(message.get("chat"), dict):
            return ("chat", str(message["chat"].get("id")))
    return ("other",)


def _keyboard_payloads(message: Dict[Text, Any]) -> List[Text]:
    """callback_data of every inline button of a message Telegram sent back to us."""
    markup = message.get("reply_markup") or {}
    rows = markup.get("inline_keyboard") or []
    return [
        b.get("callback_data")
        for row in rows
        if isinstance(row, list)
        for b in row
        if isinstance(b, dict)
    ]


def _first_time_in_group(out: SecureTelegramOutput, chat_id: Any) -> bool:
    """Whether this group gets its one note now; False (stay silent) if the file fails."""
    try:
        return out.outbox.first_time_in_group(chat_id)
    except sqlite3.Error as error:
        logger.error("Telegram outbox unwritable (%s); group note not sent", type(error).__name__)
        return False


def _open_outbox(path: Text) -> OutboxStore:
    """The outbox file; if it cannot be opened, an in-memory one (replies still go out,
    though not across a restart) and an error in the log naming the setting."""
    try:
        return OutboxStore(path)
    except (OSError, sqlite3.Error) as error:
        logger.error(
            "Telegram outbox file cannot be opened (%s: %s); check %s. Replies are "
            "kept in memory only",
            type(error).__name__,
            error,
            OUTBOX_PATH_ENV,
        )
        return OutboxStore(":memory:")


def _button_title(message: Dict[Text, Any], data: Text) -> Text:
    """The title of the button of ``message`` whose callback_data is ``data``."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    for row in rows:
        for button in row if isinstance(row, list) else []:
            if isinstance(button, dict) and button.get("callback_data") == data:
                return str(button.get("text") or "")
    return ""


async def _answer_query(
    out: SecureTelegramOutput, query: Dict[Text, Any], text: Optional[Text] = None
) -> None:
    """Stop the button's spinner (with a short note when ``text``); failures are harmless."""
    query_id = query.get("id")
    if query_id is None:
        return
    try:
        await out.answer_callback_query(query_id, text=text)
    except Exception as error:  # noqa: BLE001 - the press is handled all the same
        logger.warning("answerCallbackQuery failed: %s: %s", type(error).__name__, error)
