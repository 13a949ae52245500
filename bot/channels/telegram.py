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
- turns buttons into inline keyboards, removes a keyboard once pressed, splits long
  replies, retries after 429s, and never lets a failed reply lose the user's message;
- talks only in private chats; nothing from a group reaches the bot or its stores.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import re
from typing import Any, Awaitable, Callable, Dict, Hashable, List, Optional, Text

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer, check_token
from aiogram.utils import exceptions as tg_errors
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import telegram_texts as texts
from bot.channels.split_text import split_message
from bot.channels.telegram_queue import ChatLanes, InMemorySeenUpdates, SeenUpdates

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's own rule for secret_token; we also ask for enough length to resist guessing.
_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,256}$")
# Updates we ask Telegram for: anything else is never sent to the webhook.
ALLOWED_UPDATES = ["message", "edited_message", "channel_post", "callback_query"]
# Telegram allows 1-64 bytes of callback_data per inline button.
_CALLBACK_DATA_LIMIT = 64
_PRIVATE = "private"

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

UserMessageHandler = Callable[[UserMessage], Awaitable[Any]]


class SecureTelegramOutput(TelegramOutput):
    """Rasa's Telegram output with a configurable API server, 429 retries and safe sends."""

    def __init__(
        self,
        access_token: Text,
        api_url: Optional[Text] = None,
        max_retries: int = 3,
        max_retry_after: float = 30.0,
        request_timeout: float = 20.0,
    ) -> None:
        server = TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION
        # TelegramOutput.__init__ takes only the token; go to aiogram's Bot for the server.
        Bot.__init__(self, access_token, server=server, timeout=request_timeout)
        self.max_retries = max_retries
        self.max_retry_after = max_retry_after

    async def request(self, method: Text, data: Optional[Dict] = None, files: Optional[Dict] = None,
                      **kwargs: Any) -> Any:
        """Every Bot API call: wait and retry when Telegram says 429 (retry_after)."""
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

    async def send_message(self, chat_id: Any, text: Text, **kwargs: Any) -> Any:
        """Send ``text``, split into parts within Telegram's limit; a keyboard goes on the last."""
        parts = split_message(text)
        if not parts:
            return None
        reply_markup = kwargs.pop("reply_markup", None)
        result = None
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            result = await super().send_message(
                chat_id, part, reply_markup=reply_markup if last else None, **kwargs
            )
        return result

    async def send_text_with_buttons(
        self,
        recipient_id: Text,
        text: Text,
        buttons: List[Dict[Text, Any]],
        button_type: Optional[Text] = None,
        **kwargs: Any,
    ) -> None:
        """Inline keyboard; one button per row unless two short ones fit side by side."""
        safe_buttons = [_telegram_button(b) for b in buttons if isinstance(b, dict)]
        if button_type is None:
            short = len(safe_buttons) <= 2 and all(len(b["title"]) <= 16 for b in safe_buttons)
            button_type = "inline" if short else "vertical"
        await super().send_text_with_buttons(
            recipient_id, text, safe_buttons, button_type=button_type, **kwargs
        )

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        """Send one bot message; a failure is logged, never raised.

        Rasa saves the tracker only after all replies went out, so an exception here
        would lose the user's message along with the reply.
        """
        try:
            await super().send_response(recipient_id, message)
        except Exception as error:  # noqa: BLE001 - any failure must not reach Rasa's processor
            logger.error("Telegram reply not delivered: %s: %s", type(error).__name__, error)

    async def send_plain(self, chat_id: Any, text: Text) -> bool:
        """A channel-made message (command answers, notices); True when it went out."""
        try:
            await self.send_message(chat_id, text)
            return True
        except Exception as error:  # noqa: BLE001 - the webhook must still answer Telegram
            logger.error("Telegram notice not delivered: %s: %s", type(error).__name__, error)
            return False


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
            value = os.environ.get(variable, "")
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
            value = os.environ.get(variable, "").strip() or default
        try:
            limits[key] = int(str(value).strip())
        except ValueError:
            limits[key] = value
    return limits


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
        return ("TELEGRAM_WEBHOOK_SECRET not set (without it anyone could post fake updates; "
                "generate one: python -c 'import secrets; print(secrets.token_urlsafe(32))')")
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
        from bot.crisis.lexicon import detect

        result = detect(text)
    except Exception as error:  # noqa: BLE001 - fail towards sending the resources
        logger.error("Crisis check of an edited message failed (%s); sending the resources",
                     type(error).__name__)
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
            max_retry_after=float(options.get("max_retry_after", 30.0)),
            max_update_bytes=limits["max_update_bytes"],
            max_pending_updates=limits["max_pending_updates"],
            seen_updates=InMemorySeenUpdates(
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
        max_retry_after: float = 30.0,
        max_update_bytes: int = LIMITS_FROM_ENV["max_update_bytes"][1],
        max_pending_updates: int = LIMITS_FROM_ENV["max_pending_updates"][1],
        seen_updates: Optional[SeenUpdates] = None,
        disabled_reason: Optional[Text] = None,
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
            self._output = SecureTelegramOutput(
                self.access_token, api_url=self.api_url, max_retry_after=self.max_retry_after
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
                logger.error("Telegram webhook not registered: token refused (%s); "
                             "check TELEGRAM_TOKEN. Not retrying.", error)
                return False
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - network down, 5xx, bad URL: retry
                log = logger.error if isinstance(error, tg_errors.BadRequest) else logger.warning
                log("Telegram webhook registration failed (attempt %d: %s: %s); retrying in %.1fs",
                    attempt, type(error).__name__, error, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.retry_max_delay)

    # ---- updates ---------------------------------------------------------------------

    async def handle_update(self, update: Dict[Text, Any], on_new_message: UserMessageHandler) -> None:
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

    async def _handle_message(self, message: Dict[Text, Any], kind: Text,
                              out: SecureTelegramOutput, on_new_message: UserMessageHandler) -> None:
        chat = message.get("chat") or {}
        chat_id = chat.get("id")
        if chat_id is None:
            return
        if chat.get("type") != _PRIVATE:
            # Groups and channels: a short note, and nothing else; no text is read or logged.
            if kind != "edited_message":
                await out.send_plain(chat_id, texts.PRIVATE_ONLY)
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
                await out.send_plain(chat_id, texts.NOT_TEXT)
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

    async def _handle_edit(self, message: Dict[Text, Any], chat_id: Any,
                           out: SecureTelegramOutput) -> None:
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

    async def _handle_button(self, query: Dict[Text, Any], out: SecureTelegramOutput,
                             on_new_message: UserMessageHandler) -> None:
        """Answer the press, remove the keyboard, then send the payload to the bot."""
        query_id = query.get("id")
        if query_id is not None:
            try:
                await out.answer_callback_query(query_id)
            except Exception as error:  # noqa: BLE001 - the press still counts
                logger.warning("answerCallbackQuery failed: %s: %s", type(error).__name__, error)
        message = query.get("message") or {}
        chat = message.get("chat") or {}
        data = query.get("data")
        if chat.get("type") != _PRIVATE or chat.get("id") is None or not isinstance(data, str):
            return
        if data not in _keyboard_payloads(message):
            # Not one of this message's buttons: a forged query, or the keyboard is already
            # gone (a second press that raced the removal).
            logger.warning("Ignoring a button press that matches no button of its message")
            return
        try:
            await out.edit_message_reply_markup(chat_id=chat["id"], message_id=message.get("message_id"))
        except tg_errors.MessageNotModified:
            logger.info("Ignoring a second press of an already used keyboard")
            return
        except Exception as error:  # noqa: BLE001 - e.g. too old to edit: the press still counts
            logger.warning("Could not remove a pressed keyboard: %s: %s", type(error).__name__, error)
        await self._to_bot(data, chat["id"], out, on_new_message)

    async def _words_to_bot(self, typed: Text, chat_id: Any, out: SecureTelegramOutput,
                            on_new_message: UserMessageHandler) -> bool:
        """Typed text, as words: it can never be read as an ``/intent{...}`` payload.

        Returns False when nothing but slashes and spaces was typed (nothing is sent).
        """
        words = as_words(typed)
        if not words:
            return False
        await self._to_bot(words, chat_id, out, on_new_message)
        return True

    async def _to_bot(self, text: Text, chat_id: Any, out: SecureTelegramOutput,
                      on_new_message: UserMessageHandler) -> None:
        """Hand a message to Rasa. Only the channel's own payloads and the callback data
        of the bot's own buttons come here directly; typed text goes via _words_to_bot."""
        try:
            await on_new_message(
                UserMessage(text, out, str(chat_id), input_channel=self.name(), metadata=None)
            )
        except Exception as error:  # noqa: BLE001 - logged; Telegram must not redeliver
            logger.exception("The bot failed on a Telegram message: %s", type(error).__name__)

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

    async def accept_update(self, update: Dict[Text, Any],
                            on_new_message: UserMessageHandler) -> HTTPResponse:
        """Queue a checked update and answer at once: 200 (also for a repeat), or 503 when
        too many updates wait (Telegram delivers it again later)."""
        update_id = update["update_id"]
        try:
            first_time = await self.seen_updates.first_time(update_id)
        except Exception as error:  # noqa: BLE001 - a repeat is better than a lost message
            logger.warning("Seen-updates store failed (%s); handling the update anyway",
                           type(error).__name__)
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
            logger.warning("Too many Telegram updates waiting (%d); asking Telegram to retry",
                           self.lanes.pending)
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
            return response.json({"status": "ok", "webhook_registered": self.webhook_registered,
                                  "pending_updates": self.lanes.pending})

        # stream=True: Sanic calls us after the headers, before reading the body, so the
        # secret and the size are checked before a single body byte is read.
        @telegram_webhook.route("/webhook", methods=["POST"], stream=True)
        async def webhook(request: Request) -> HTTPResponse:
            if not self.secret_matches(request.headers.get(SECRET_HEADER)):
                logger.warning("Refused a Telegram webhook call with a wrong or missing secret")
                return self._refuse(request, "forbidden", 403)
            body = await self._read_body(request)
            if body is None:
                logger.warning("Refused a Telegram webhook body over %d bytes", self.max_update_bytes)
                return self._refuse(request, "payload too large", 413)
            update = parse_update(body)
            if update is None:
                logger.warning("Refused a malformed Telegram webhook body")
                return response.text("bad request", status=400)
            return await self.accept_update(update, on_new_message)

        @telegram_webhook.listener("after_server_start")
        async def start_registration(app: Any, loop: Any) -> None:
            # In the background: Rasa serves its other channels while Telegram is unreachable.
            self._registration = asyncio.ensure_future(self.register_webhook())

        @telegram_webhook.listener("before_server_stop")
        async def stop_registration(app: Any, loop: Any) -> None:
            if self._registration is not None and not self._registration.done():
                self._registration.cancel()
            # Turns already accepted (Telegram got its 200) get a chance to finish.
            await self.lanes.close(timeout=10.0)
            if self._output is not None and self._output._session is not None:
                await self._output._session.close()

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
    return [b.get("callback_data") for row in rows if isinstance(row, list)
            for b in row if isinstance(b, dict)]
