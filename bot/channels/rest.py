"""The REST channel for local development, scripts and tests; off or token-protected in public.

Rasa's RestInput takes ``sender`` as the conversation id as is, so a POST naming a Telegram
user's id could read and erase that person's conversation; a body that is a list, null or
lacks ``message`` ends in a 500 or an empty reply; failures log the message text. This subclass:

- namespaces every conversation as ``rest:<sender>`` (bot/channels/boundary.py), so REST can
  never name a widget or Telegram conversation; replies show the sender as it was sent;
- checks ``Authorization: Bearer <REST_CHANNEL_TOKEN>`` when that variable is set, and is off
  (403) when ``REST_CHANNEL_REQUIRE_TOKEN`` is 1 (a production configuration) without a token;
- answers a malformed body with 400 and a JSON error naming the problem;
- sends the text through the shared boundary (cleaned, capped, crisis-checked) and never logs
  it; ``input_channel`` in the body is ignored.

credentials.yml:  bot.channels.rest.SecureRestInput:   (served at /webhooks/rest/webhook)
"""

from __future__ import annotations

import hmac
import logging
import re
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.channels import boundary

logger = logging.getLogger(__name__)

CHANNEL = "rest"
SENDER = re.compile(r"^[A-Za-z0-9_.@-]{1,128}$")

# Settings read from the environment (one place).
ENV_TOKEN = "REST_CHANNEL_TOKEN"
ENV_REQUIRE_TOKEN = "REST_CHANNEL_REQUIRE_TOKEN"


def _truthy(value: Optional[Text]) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


class BodyError(ValueError):
    """A request body the channel refuses, with the reason given back to the caller."""


def parse_body(body: Any) -> Dict[Text, Any]:
    """``{"sender": str, "message": str, "metadata"?: object}`` or a BodyError saying why not."""
    if not isinstance(body, dict):
        raise BodyError('the body must be a JSON object: {"sender": ..., "message": ...}')
    sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender:
        raise BodyError("'sender' is required and must be a non-empty string")
    if not SENDER.match(sender):
        raise BodyError("'sender' must be 1-128 characters of A-Z, a-z, 0-9, _ . @ -")
    if not isinstance(message, str):
        raise BodyError("'message' is required and must be a string")
    if metadata is not None and not isinstance(metadata, dict):
        raise BodyError("'metadata' must be a JSON object when given")
    return {"sender": sender, "message": message, "metadata": metadata}


class SecureRestInput(RestInput):
    """Rasa's REST channel with namespaced ids, an optional token and strict bodies."""

    @classmethod
    def name(cls) -> Text:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        token = str(credentials.get("token") or settings.REST_CHANNEL_TOKEN.raw() or "").strip()
        require = _truthy(
            str(credentials.get("require_token") or settings.REST_CHANNEL_REQUIRE_TOKEN.raw() or "")
        )
        return cls(token=token or None, require_token=require)

    def __init__(self, token: Optional[Text] = None, require_token: bool = False) -> None:
        self.token = token
        self.require_token = require_token
        if require_token and not token:
            logger.warning("REST channel off: %s=1 but %s is not set", ENV_REQUIRE_TOKEN, ENV_TOKEN)

    def authorised(self, request: Request) -> bool:
        if not self.token:
            return not self.require_token
        header = request.headers.get("Authorization") or ""
        scheme, _, provided = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            provided.strip().encode("utf-8"), self.token.encode("utf-8")
        )

    async def handle(
        self, request: Any, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> HTTPResponse:
        """One POST: token, body, boundary; 403/400 with a JSON error, else the bot's replies."""
        if not self.authorised(request):
            return response.json(
                {"error": "forbidden: the REST channel needs its token"}, status=403
            )
        try:
            body = request.json
        except Exception:  # noqa: BLE001 - sanic raises on malformed JSON
            return response.json({"error": "the body is not valid JSON"}, status=400)
        try:
            fields = parse_body(body)
        except BodyError as error:
            return response.json({"error": str(error)}, status=400)
        collector = CollectingOutputChannel()
        output = boundary.LocalIdOutput(collector, CHANNEL)
        try:
            await boundary.submit(
                fields["message"],
                CHANNEL,
                fields["sender"],
                output,
                on_new_message,
                metadata=fields["metadata"],
            )
        except CancelledError:
            logger.error("REST message timed out")
        except Exception as error:  # noqa: BLE001 - logged without the text
            logger.exception("REST message failed: %s", type(error).__name__)
        return response.json(collector.messages)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint("custom_webhook_SecureRestInput", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.handle(request, on_new_message)

        return webhook
