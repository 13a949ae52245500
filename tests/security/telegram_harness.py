"""Our Telegram channel inside Rasa's Sanic app on a loopback port, and a raw HTTP client.

The webhook's body handling (what is read before the secret and the size are checked)
only shows over a real socket, so these tests talk HTTP byte by byte instead of using a
test client that hands the server a complete request.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any, AsyncIterator, Dict, List, Optional, Tuple

from bot.channels.telegram import SecureTelegramInput
from tests.channels.telegram_updates import BOT_NAME, SECRET, TOKEN
from tests.fakes.telegram_api import free_port

WEBHOOK = "/webhooks/telegram/webhook"
WEBHOOK_URL = "https://bot.example.org" + WEBHOOK


def credentials(api_url: str, **extra: Any) -> Dict[str, Any]:
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
    """Stands in for Rasa: records the texts that reach it; can be held mid-turn."""

    def __init__(self) -> None:
        self.received: List[Any] = []
        self.started: List[str] = []
        self.gate: Optional[asyncio.Event] = None  # set: turns wait until it is set

    async def __call__(self, message: Any) -> None:
        self.started.append(message.text)
        if self.gate is not None:
            await self.gate.wait()
        self.received.append(message)

    @property
    def texts(self) -> List[str]:
        return [m.text for m in self.received]


@contextlib.asynccontextmanager
async def webhook_server(channel: SecureTelegramInput, bot: Bot) -> AsyncIterator[int]:
    """Rasa's own app (configure_app) with only our channel, serving on a free port.

    Rasa's handler passes each message to ``app.ctx.agent.handle_message``; ``bot`` stands
    in for the agent. The webhook registration listener is not run (no after_start).
    """
    from rasa.core.run import configure_app
    from sanic import Sanic

    test_mode, Sanic.test_mode = Sanic.test_mode, True  # several apps of one name per process
    try:
        port = free_port()
        app = configure_app([channel], enable_api=False)
        app.ctx.agent = type("Agent", (), {"handle_message": staticmethod(bot)})()
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        await server.startup()
        try:
            yield port
        finally:
            await settle(channel)
            server.close()
            await server.wait_closed()
    finally:
        Sanic.test_mode = test_mode


async def raw_request(
    port: int,
    head: Dict[str, str],
    body: bytes = b"",
    *,
    chunks: Optional[List[bytes]] = None,
    method: str = "POST",
    path: str = WEBHOOK,
    timeout: float = 5.0,
) -> Tuple[int, float]:
    """Send a request (headers as given, then ``body`` or ``chunks``) and read the status.

    The body may be shorter than a declared Content-Length: the status must then come
    without the server waiting for the rest. Returns (status, seconds until it came);
    status 0 if the server closed without answering. Raises TimeoutError after ``timeout``.
    """
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    started = time.monotonic()
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}"]
        lines += [f"{name}: {value}" for name, value in head.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        try:
            if chunks is not None:
                for chunk in chunks:
                    writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    await writer.drain()
                writer.write(b"0\r\n\r\n")
            else:
                writer.write(body)
            await writer.drain()
        except (ConnectionResetError, BrokenPipeError):
            pass  # the server may answer and close before taking everything
        status_line = await asyncio.wait_for(reader.readline(), timeout)
        if not status_line:
            return 0, time.monotonic() - started
        return int(status_line.split()[1]), time.monotonic() - started
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


async def settle(channel: SecureTelegramInput, timeout: float = 10.0) -> None:
    """Wait until every accepted update has been handled."""
    lanes = getattr(channel, "lanes", None)
    if lanes is None:  # a channel that handles updates inside the request
        await asyncio.sleep(0.2)
        return
    assert await lanes.wait_idle(timeout), "updates still being handled"


def update_body(update: Dict[str, Any]) -> bytes:
    return json.dumps(update).encode()


async def post(port: int, update: Any, secret: Optional[str] = SECRET) -> int:
    """POST an update the way Telegram does; the status."""
    body = update if isinstance(update, bytes) else update_body(update)
    head = {"Content-Type": "application/json", "Content-Length": str(len(body))}
    if secret is not None:
        head["X-Telegram-Bot-Api-Secret-Token"] = secret
    status, _ = await raw_request(port, head, body)
    return status
