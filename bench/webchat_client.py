"""A socket.io user of the website widget's channel, as the widget speaks it (widget/widget.js).

Used by tests/deploy and ``make bench-scale``: connect (long-polling or websocket, with the
widget's per-socket ``sticky`` query argument that nginx routes on), ask for a session (or
resume one with its token), say something and collect the bot's replies. A turn has no end
marker on the wire, so ``say`` returns once the replies have been quiet for ``quiet`` seconds.

Long-polling goes through python-socketio's client. Its websocket transport needs a newer
aiohttp than Rasa 3.6 allows (``aiohttp.ClientWSTimeout``), so the websocket user speaks the
few frames of Engine.IO 4 / Socket.IO 5 it needs itself over ``websockets``.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from typing import Any, Dict, List, Optional, Sequence

import socketio
import websockets


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
        # A browser waits for a slow POST; python-socketio gives up after 5 s and disconnects.
        self.client = socketio.AsyncClient(reconnection=False, request_timeout=60)
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


class WebSocketUser(WebChatUser):
    """The same user over a plain websocket (Engine.IO 4 frames: 0 open, 2/3 ping/pong,
    40 connect, 42 event)."""

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        super().__init__(base_url, transports=("websocket",), **kwargs)
        self._socket: Any = None
        self._reader: Optional[asyncio.Task] = None

    @property
    def transport(self) -> str:
        return "websocket"

    async def connect(self, timeout: float = 30.0) -> Dict[str, str]:
        self._confirmed = asyncio.get_running_loop().create_future()
        url = self.base_url.replace("http://", "ws://").replace("https://", "wss://")
        self._socket = await asyncio.wait_for(
            websockets.connect(
                f"{url}/socket.io/?EIO=4&transport=websocket&sticky={self.sticky}",
                max_size=2**22,
            ),
            timeout,
        )
        opened = await asyncio.wait_for(self._socket.recv(), timeout)
        if not str(opened).startswith("0"):
            raise ConnectionError(f"not an Engine.IO open packet: {opened!r}")
        await self._socket.send("40")
        self._connected = asyncio.get_running_loop().create_future()
        self._reader = asyncio.ensure_future(self._read())
        await asyncio.wait_for(self._connected, timeout)
        await self._emit("session_request", self.session or {})
        self.session = await asyncio.wait_for(self._confirmed, timeout)
        return self.session

    async def _emit(self, event: str, data: Any) -> None:
        await self._socket.send("42" + json.dumps([event, data]))

    async def _read(self) -> None:
        try:
            async for frame in self._socket:
                if frame == "2":
                    await self._socket.send("3")
                elif frame.startswith("40") and not self._connected.done():
                    self._connected.set_result(True)
                elif frame.startswith("42"):
                    event, *args = json.loads(frame[2:])
                    data = args[0] if args else None
                    if event == "bot_uttered":
                        await self.replies.put(data if isinstance(data, dict) else {"text": data})
                    elif event == "session_confirm" and not self._confirmed.done():
                        self._confirmed.set_result(data)
        except websockets.ConnectionClosed:
            pass

    async def say_timed(
        self, text: str, timeout: float = 60.0, quiet: float = 1.5
    ) -> "tuple[List[Dict[str, Any]], Optional[float]]":
        while not self.replies.empty():
            self.replies.get_nowait()
        started = time.perf_counter()
        await self._emit("user_uttered", {"message": text})
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
        if self._socket is not None:
            try:
                await self._socket.close()
            except websockets.ConnectionClosed:  # a killed replica sends no close frame
                pass
        if self._reader is not None:
            self._reader.cancel()


def user(base_url: str, transport: str = "websocket", **kwargs: Any) -> WebChatUser:
    """A widget user over ``transport`` ("websocket" or "polling")."""
    if transport == "websocket":
        return WebSocketUser(base_url, **kwargs)
    return WebChatUser(base_url, transports=("polling",), **kwargs)


def texts(replies: Sequence[Dict[str, Any]]) -> str:
    return "\n".join(str(r.get("text", "")) for r in replies)
