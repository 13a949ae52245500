"""Rasa's socket.io channel, fixed for the website widget.

Why a subclass: Rasa 3.6.21 calls ``sio.enter_room(...)`` without ``await``, but in
python-socketio 5.x (5.18 here) ``AsyncServer.enter_room`` is a coroutine, so with
``session_persistence: true`` the browser never joins its session's room and never receives a
reply (RasaHQ/rasa#13027). We re-register only the ``session_request`` handler, awaiting it;
everything else is Rasa's own code.

It also lets a deployment name the sites allowed to open the socket (``cors_allowed_origins``
in credentials.yml): engine.io then checks the Origin header and answers polling requests with
the matching CORS headers. Left out, any origin may connect (Rasa's behaviour), which is safe
because the channel carries no cookies or credentials.

credentials.yml:
    bot.channels.webchat.WebChatInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
      # cors_allowed_origins: ["https://www.example.org"]
"""

from __future__ import annotations

import logging
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

logger = logging.getLogger(__name__)


class WebChatInput(SocketIOInput):
    """socket.io input channel whose session persistence works with python-socketio 5."""

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

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None  # set by SocketIOInput.blueprint
        if self.cors_allowed_origins:
            sio.eio.cors_allowed_origins = list(self.cors_allowed_origins)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            if not isinstance(data, dict):
                data = {}
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not session_id or len(session_id) > 128:
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            logger.debug("socket.io session %s confirmed.", sid)

        return socketio_webhook
