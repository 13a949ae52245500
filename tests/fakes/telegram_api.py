"""A fake Telegram Bot API server for tests (aiohttp, loopback only).

It answers the methods our channel uses the way Telegram does (``{"ok": true, "result":
...}``), records every call (method and parameters), and can be told to fail: a 429 with
``retry_after``, a 500, any status. It runs in its own thread with its own event loop, so
both async unit tests and tests that drive a Rasa subprocess can use it, and it can be
created on a port first and started later ("Telegram comes back").
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional

from aiohttp import web

_JSON_FIELDS = ("reply_markup", "allowed_updates", "entities", "link_preview_options")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Call:
    """One request the fake received."""

    method: str
    params: Dict[str, Any]
    token: str
    at: float = field(default_factory=time.monotonic)
    status: int = 200
    result: Any = None  # what the fake answered (a sent message carries its message_id)


@dataclass
class _Failure:
    method: Optional[str]  # None: any method
    status: int
    description: str
    retry_after: Optional[int]
    times: int


class FakeTelegramAPI:
    """Records Bot API calls; ``fail(...)`` makes the next matching calls answer with errors."""

    def __init__(
        self, token: str, port: Optional[int] = None, bot_username: str = "supportive_test_bot"
    ):
        self.token = token
        self.port = port or free_port()
        self.bot_username = bot_username
        self.calls: List[Call] = []
        self._failures: List[_Failure] = []
        self._lock = threading.Lock()
        self._message_id = 1000
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._runner: Optional[web.AppRunner] = None
        self._thread: Optional[threading.Thread] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # ---- control ------------------------------------------------------------------

    def start(self) -> "FakeTelegramAPI":
        ready = threading.Event()
        errors: List[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._serve())
            except BaseException as error:  # noqa: BLE001 - reported to the starting thread
                errors.append(error)
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, name=f"fake-telegram-{self.port}", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Telegram API did not start")
        if errors:
            raise errors[0]
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
        self._loop = self._thread = None

    def __enter__(self) -> "FakeTelegramAPI":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def fail(
        self,
        method: Optional[str] = None,
        status: int = 500,
        description: str = "Internal Server Error",
        retry_after: Optional[int] = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (any method if None) with an error."""
        with self._lock:
            self._failures.append(_Failure(method, status, description, retry_after, times))

    def rate_limit(self, method: str, retry_after: int, times: int = 1) -> None:
        self.fail(method, 429, f"Too Many Requests: retry after {retry_after}", retry_after, times)

    def clear_failures(self) -> None:
        with self._lock:
            self._failures.clear()

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self._failures.clear()

    # ---- inspection ---------------------------------------------------------------

    def calls_to(self, method: str, chat_id: Any = None) -> List[Call]:
        with self._lock:
            calls = list(self.calls)
        return [
            c
            for c in calls
            if c.method == method
            and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
        ]

    def texts_to(self, chat_id: Any) -> List[str]:
        return [c.params.get("text", "") for c in self.calls_to("sendMessage", chat_id)]

    def wait_for(
        self, predicate: Callable[["FakeTelegramAPI"], bool], timeout: float = 30.0
    ) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return True
            time.sleep(0.05)
        return predicate(self)

    # ---- server -------------------------------------------------------------------

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    async def _handle(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params = await _read_params(request)
        call = Call(method, params, token)
        with self._lock:
            self.calls.append(call)
            failure = None if token != self.token else self._take_failure(method)
        if token != self.token:
            call.status = 401
            return _error(401, "Unauthorized")
        if failure is not None:
            call.status = failure.status
            return _error(failure.status, failure.description, failure.retry_after)
        call.result = self._result(method, params)
        return web.json_response({"ok": True, "result": call.result})

    def _take_failure(self, method: str) -> Optional[_Failure]:
        for failure in self._failures:
            if failure.method in (None, method):
                failure.times -= 1
                if failure.times <= 0:
                    self._failures.remove(failure)
                return failure
        return None

    def _result(self, method: str, params: Dict[str, Any]) -> Any:
        if method == "getMe":
            return {
                "id": int(self.token.split(":")[0]),
                "is_bot": True,
                "first_name": "Test bot",
                "username": self.bot_username,
            }
        if method in ("sendMessage", "editMessageReplyMarkup", "editMessageText"):
            with self._lock:
                self._message_id += 1
                message_id = params.get("message_id") or self._message_id
            message = {
                "message_id": int(message_id),
                "date": int(time.time()),
                "chat": {"id": _int_or_str(params.get("chat_id")), "type": "private"},
                "from": {
                    "id": int(self.token.split(":")[0]),
                    "is_bot": True,
                    "first_name": "Test bot",
                },
            }
            if "text" in params:
                message["text"] = params["text"]
            if isinstance(params.get("reply_markup"), dict):
                message["reply_markup"] = params["reply_markup"]
            return message
        if method == "getWebhookInfo":
            hooks = [c for c in self.calls if c.method == "setWebhook"]
            url = hooks[-1].params.get("url", "") if hooks else ""
            return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}
        return True


async def _read_params(request: web.Request) -> Dict[str, Any]:
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            body = {}
        params = dict(body) if isinstance(body, dict) else {}
    else:
        params = {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
        params.update(request.query)
    for key in _JSON_FIELDS:
        if isinstance(params.get(key), str):
            try:
                params[key] = json.loads(params[key])
            except ValueError:
                pass
    return params


def _int_or_str(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _error(status: int, description: str, retry_after: Optional[int] = None) -> web.Response:
    body: Dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)
