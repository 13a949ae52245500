"""Rasa's socket.io channel for the website widget, made safe to run in public.

Rasa's SocketIOInput lets the browser choose its session id, and trusts the ``session_id`` in
every ``user_uttered``: any socket could listen to (``session_request`` with someone else's id)
or write into (``user_uttered`` with their id) another person's conversation, and ids of any
type and length each created a tracker. This subclass:

- issues every session id itself (128 random bits, 32 hex characters) with a resume token,
  HMAC-SHA256(server secret, id), that the widget keeps in sessionStorage; a
  ``session_request`` resumes a session only with its valid token, anything else gets a new id;
- binds each socket to the one session it was given: ``user_uttered`` speaks as that session
  (a different ``session_id`` in the event is refused), and replies go to that session's room;
- namespaces the conversation as ``web:<id>`` (bot/channels/boundary.py) and sends the text
  through the shared boundary (cleaned, capped, crisis-checked when over-long);
- accepts only a small dict as metadata;
- awaits ``enter_room`` (Rasa 3.6.21 does not, so with python-socketio 5 the browser never
  joined its room: RasaHQ/rasa#13027);
- lets a deployment name the sites allowed to open the socket (``cors_allowed_origins``).

The server secret: ``WEBCHAT_SECRET`` if set, else the file ``WEBCHAT_SECRET_FILE`` (default
``var/secrets/webchat.key``, made on first use, 0600), kept like the pseudonym key.

credentials.yml:
    bot.channels.webchat.WebChatInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true     # a reload resumes the session (with its token)
      # cors_allowed_origins: ["https://www.example.org"]
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import logging
import re
import secrets
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot import settings
from bot.channels import boundary

logger = logging.getLogger(__name__)

CHANNEL = "web"
SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
TOKEN = re.compile(r"^[0-9a-f]{64}$")
MAX_METADATA_BYTES = 2048

# Settings read from the environment (one place).
ENV_SECRET = "WEBCHAT_SECRET"
ENV_SECRET_FILE = "WEBCHAT_SECRET_FILE"
DEFAULT_SECRET_FILE = Path(__file__).resolve().parents[2] / "var" / "secrets" / "webchat.key"


@functools.lru_cache(maxsize=4)
def _secret_for(env_secret: Text, path: Text) -> bytes:
    if env_secret:
        return env_secret.encode("utf-8")
    from bot.privacy.pseudonym import _read_or_create  # the project's one way to keep a key

    return _read_or_create(Path(path))


def server_secret() -> bytes:
    return _secret_for(
        settings.WEBCHAT_SECRET.raw() or "",
        settings.WEBCHAT_SECRET_FILE.raw() or str(DEFAULT_SECRET_FILE),
    )


def resume_token(session_id: Text, secret: Optional[bytes] = None) -> Text:
    """HMAC-SHA256(server secret, session id): proof that a browser was given this session."""
    message = f"webchat-session:{session_id}".encode("ascii")
    return hmac.new(secret or server_secret(), message, hashlib.sha256).hexdigest()


def new_session() -> Tuple[Text, Text]:
    session_id = secrets.token_hex(16)
    return session_id, resume_token(session_id)


def verified_session(data: Any) -> Optional[Text]:
    """The session id in ``data`` when it is well-formed and its resume token is valid."""
    if not isinstance(data, dict):
        return None
    session_id, token = data.get("session_id"), data.get("resume_token")
    if not (
        isinstance(session_id, str)
        and SESSION_ID.match(session_id)
        and isinstance(token, str)
        and TOKEN.match(token)
    ):
        return None
    return session_id if hmac.compare_digest(token, resume_token(session_id)) else None


def clean_metadata(value: Any) -> Dict[Text, Any]:
    """Only a small JSON object is kept (the widget sends its region)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    if not isinstance(value, dict):
        return {}
    try:
        if len(json.dumps(value)) > MAX_METADATA_BYTES:
            return {}
    except (TypeError, ValueError):
        return {}
    return value


class WebChatInput(SocketIOInput):
    """socket.io input channel whose sessions are issued, proven and bound by the server."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        origins = credentials.get("cors_allowed_origins")
        if isinstance(origins, str):
            origins = [origins]
        channel.cors_allowed_origins = list(origins) if origins else []  # type: ignore[attr-defined]
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cors_allowed_origins: List[Text] = []
        self.socket_sessions: Dict[Text, Text] = {}

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None  # set by SocketIOInput.blueprint
        if self.cors_allowed_origins:
            sio.eio.cors_allowed_origins = list(self.cors_allowed_origins)
        namespace = self.namespace or "/"

        # socket id -> the session it was given; only ever set by session_request below.
        sessions: Dict[Text, Text] = self.socket_sessions

        async def bound_session(sid: Text) -> Optional[Text]:
            return sessions.get(sid)

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text) -> None:
            sessions.pop(sid, None)
            logger.debug("socket %s disconnected", sid)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any) -> None:
            session_id = verified_session(data) if self.session_persistence else None
            if session_id is None:
                session_id, token = new_session()
            else:
                token = resume_token(session_id)
            previous = await bound_session(sid)
            if previous and previous != session_id:
                await sio.leave_room(
                    sid, boundary.conversation_id(CHANNEL, previous), namespace=namespace
                )
            sessions[sid] = session_id
            await sio.enter_room(
                sid, boundary.conversation_id(CHANNEL, session_id), namespace=namespace
            )
            await sio.emit(
                "session_confirm",
                {"session_id": session_id, "resume_token": token},
                room=sid,
                namespace=namespace,
            )
            logger.debug("socket.io session confirmed for socket %s", sid)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any) -> Optional[Dict[Text, Text]]:
            session_id = await bound_session(sid)
            if session_id is None:
                logger.warning("Refused a socket.io message before session_request")
                return {"error": "no session: send session_request first"}
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                logger.warning("Refused a socket.io message that is not {message: string}")
                return {"error": "message must be a string"}
            claimed = data.get("session_id")
            if claimed is not None and claimed != session_id:
                logger.warning("Refused a socket.io message naming another session")
                return {"error": "session_id is not this socket's session"}
            output = SocketIOOutput(sio, self.bot_message_evt)
            await boundary.submit(
                data["message"],
                CHANNEL,
                session_id,
                output,
                on_new_message,
                metadata=clean_metadata(data.get(self.metadata_key)),
                input_channel=self.name(),  # "socketio", as the review store has always seen
            )
            return None

        return socketio_webhook
