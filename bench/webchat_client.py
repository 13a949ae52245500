"""A socket.io user of the website widget's channel, as the widget speaks it (widget/widget.js).

Used by tests/deploy and ``make bench-scale``: connect (long-polling or websocket, with the
widget's per-socket ``sticky`` query argument that nginx routes on), ask for a session (or
resume one with its token), say something and collect the bot's replies. A turn has no end
marker on the wire, so ``say`` returns once the replies have been quiet for ``quiet`` seconds.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import Any, Dict, List, Optional, Sequence

import socketio


class WebChatUser:
    def __init__(
        self,
        base_url: str,
        transports: Sequence[str] = ("websocket",),
        session: Optional[Dict[str, str]] = None,
        sticky: Optional[str] = None,
    ) -> None:
        self.base_url = base_url
        self.transports = list(transports)
        self.session = dict(session) if session else None
        self.sticky = sticky or secrets.token_hex(8)
        self.client = socketio.AsyncClient(reconnection=False)
        self.replies: "asyncio.Queue[Dict[str, Any]]" = asyncio.Queue()
        self._confirmed: "asyncio.Future" = None  # type: ignore[assignment]

        @self.client.on("bot_uttered")
        async def on_bot_uttered(data: Any) -> None:
            await self.replies.put(data if isinstance(data, dict) else {"text": str(data)})

        @self.client.on("session_confirm")
        async def on_confirm(data: Any) -> None:
            if self._confirmed is not None and not self._confirmed.done():
                self._confirmed.set_result(data)

    @property
    def transport(self) -> str:
        return self.client.transport()

    async def connect(self, timeout: float = 30.0) -> Dict[str, str]:
        """Open the socket and get (or resume) a session: {session_id, resume_token}."""
        self._confirmed = asyncio.get_running_loop().create_future()
        await self.client.connect(
            f"{self.base_url}?sticky={self.sticky}",
            transports=self.transports,
            socketio_path="socket.io",
            wait_timeout=timeout,
        )
        await self.client.emit("session_request", self.session or {})
        self.session = await asyncio.wait_for(self._confirmed, timeout)
        return self.session

    async def say(
        self, text: str, timeout: float = 60.0, quiet: float = 1.5
    ) -> List[Dict[str, Any]]:
        """Send ``text``; the replies until none came for ``quiet`` s (``timeout`` for the first)."""
        replies, _ = await self.say_timed(text, timeout, quiet)
        return replies

    async def say_timed(
        self, text: str, timeout: float = 60.0, quiet: float = 1.5
    ) -> "tuple[List[Dict[str, Any]], Optional[float]]":
        """Like ``say``, with the seconds until the first reply (None: no reply)."""
        while not self.replies.empty():
            self.replies.get_nowait()
        started = time.perf_counter()
        await self.client.emit("user_uttered", {"message": text})
        replies: List[Dict[str, Any]] = []
        first: Optional[float] = None
        try:
            replies.append(await asyncio.wait_for(self.replies.get(), timeout))
            first = time.perf_counter() - started
            while True:
                replies.append(await asyncio.wait_for(self.replies.get(), quiet))
        except asyncio.TimeoutError:
            pass
        return replies, first

    async def close(self) -> None:
        try:
            await self.client.disconnect()
        except Exception:  # noqa: BLE001 - a socket to a killed replica is already gone
            pass


def texts(replies: Sequence[Dict[str, Any]]) -> str:
    return "\n".join(str(r.get("text", "")) for r in replies)
