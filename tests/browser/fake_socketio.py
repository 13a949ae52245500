"""A stand-in for Rasa's socket.io channel, for deterministic widget rendering tests.

It speaks the same protocol as bot/channels/webchat.py (session_request -> a server-issued
session id and resume token in session_confirm, a room named after the session id; user_uttered -> bot_uttered, then the
acknowledgement), and answers each message with whatever the test scripted for it.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
from typing import Any, Callable, Dict, List, Optional

import socketio
from aiohttp import web


class FakeRasaSocketIO:
    """Runs a python-socketio AsyncServer on loopback in a background thread."""

    def __init__(self, reply: Optional[Callable[[str], List[Dict[str, Any]]]] = None) -> None:
        self.reply = reply or (lambda text: [{"text": f"You said: {text}"}])
        self.received: List[Dict[str, Any]] = []
        self.sessions: List[str] = []
        self.port: Optional[int] = None
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._runner: Optional[web.AppRunner] = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, port: int) -> "FakeRasaSocketIO":
        self.port = port
        self._thread.start()
        if not self._started.wait(15):
            raise RuntimeError("fake socket.io server did not start")
        return self

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins=[])
        self._sio = sio
        app = web.Application()
        sio.attach(app)

        tokens: Dict[str, str] = {}  # session id -> resume token, as bot/channels/webchat.py

        @sio.on("session_request")
        async def session_request(sid, data):
            data = data if isinstance(data, dict) else {}
            session_id = data.get("session_id")
            if session_id not in tokens or tokens[session_id] != data.get("resume_token"):
                session_id = secrets.token_hex(16)
                tokens[session_id] = secrets.token_hex(32)
            self.sessions.append(session_id)
            await sio.enter_room(sid, session_id)
            await sio.emit(
                "session_confirm",
                {"session_id": session_id, "resume_token": tokens[session_id]},
                room=sid,
            )

        @sio.on("user_uttered")
        async def user_uttered(sid, data):
            self.received.append(data)
            for message in self.reply(data.get("message", "")):
                await sio.emit("bot_uttered", message, room=data.get("session_id"))
            return None  # python-socketio sends the acknowledgement, as Rasa's handler does

        async def serve() -> None:
            # A short shutdown timeout: stop() drops open connections like a crashed server.
            self._runner = web.AppRunner(app, shutdown_timeout=0.5)
            await self._runner.setup()
            await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
            self._started.set()

        self._loop.run_until_complete(serve())
        self._loop.run_forever()

    def stop(self) -> None:
        if self._loop is None:
            return

        async def shutdown() -> None:
            await self._sio.shutdown()
            if self._runner is not None:
                await self._runner.cleanup()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(15)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(15)
        self._loop.close()
        self._loop = None
