"""Start the real servers (action server, Rasa) for integration tests.

Tests talk to the bot the way people do, over HTTP, so they need the real processes.
Each helper here starts one process on a loopback port, waits until it answers, and
returns a handle that stops it (and keeps its log for the failure message).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional, Sequence

from bot.training import ensure_model, model_path  # noqa: F401  (re-exported for tests)

ROOT = Path(__file__).resolve().parents[2]
LOG_DIR = ROOT / "var" / "test-logs"
# Per test run: the action server's shared token, and the token of Rasa's HTTP API (tests that
# read a tracker pass it; the API is never open, in tests as in production).
ACTION_TOKEN = secrets.token_urlsafe(24)
API_TOKEN = secrets.token_urlsafe(24)


def free_port() -> int:
    """A TCP port on loopback that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, timeout: float = 2.0) -> Optional[int]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return None


@dataclass
class Server:
    """A server process we started; ``stop()`` ends it and its children."""

    name: str
    url: str
    port: int
    process: subprocess.Popen
    log_path: Path
    health_path: str = "/"
    command: Sequence[str] = field(default_factory=list)
    env: Mapping[str, str] = field(default_factory=dict)

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def is_running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 15.0) -> None:
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)

    def restart(self, timeout: float = 180.0) -> "Server":
        """Start the same command again on the same port (after ``stop()``)."""
        self.stop()
        new = _spawn(self.name, self.command, self.port, self.env, self.health_path, timeout)
        self.process, self.log_path = new.process, new.log_path
        return self

    def wait_ready(self, timeout: float) -> "Server":
        """Poll the health path until it answers below 500; stop it and raise on a crash or
        after ``timeout`` (with its log)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}"
                )
            status = _get(self.url + self.health_path)
            if status is not None and status < 500:
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"{self.name} did not answer within {timeout:.0f}s:\n{self.log_tail()}")


def _spawn(
    name: str,
    command: Sequence[str],
    port: int,
    env: Mapping[str, str],
    health_path: str,
    timeout: float,
    wait: bool = True,
) -> Server:
    """Start ``command``; with ``wait``, return once it answers (else call ``wait_ready``)."""
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = Path(tempfile.mkstemp(prefix=f"{name}-{port}-", suffix=".log", dir=LOG_DIR)[1])
    log = open(log_path, "w")
    process = subprocess.Popen(
        list(command),
        cwd=ROOT,
        env=dict(env),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    server = Server(
        name,
        f"http://127.0.0.1:{port}",
        port,
        process,
        log_path,
        health_path,
        list(command),
        dict(env),
    )
    return server.wait_ready(timeout) if wait else server


def base_env(extra: Optional[Mapping[str, str]] = None) -> dict:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(ROOT),
        TF_CPP_MIN_LOG_LEVEL="2",
        SANIC_REGISTER="False",
        # Rasa would otherwise try to reach its telemetry service at start-up.
        RASA_TELEMETRY_ENABLED="false",
    )
    if extra:
        env.update(extra)
    return env


def start_action_server(
    port: Optional[int] = None,
    env: Optional[Mapping[str, str]] = None,
    timeout: float = 120.0,
    wait: bool = True,
) -> Server:
    """Start our action server (rasa_sdk behind the shared token, actions/server.py).

    ``wait=False`` returns at once, its port known: Rasa needs the action server only when a
    message comes, so a stack starts both and then waits for both (``wait_ready``)."""
    port = port or free_port()
    command = [sys.executable, "-m", "actions.server", "--port", str(port)]
    environment = base_env({"ACTION_SERVER_TOKEN": ACTION_TOKEN, **(env or {})})
    return _spawn("actions", command, port, environment, "/health", timeout, wait)


def write_endpoints(
    directory: Path,
    action_port: Optional[int],
    tracker_db: Optional[Path] = None,
    review_db: Optional[Path] = None,
    extra: str = "",
    broker: Optional[Mapping[str, object]] = None,
) -> Path:
    """Write an endpoints file pointing at this test's own action server and databases.

    The tracker store and the review broker use files in ``directory`` so tests never
    touch the developer's ``var/`` databases. ``broker``: another event broker's entry
    (the production queue broker) instead of the project's.
    """
    directory.mkdir(parents=True, exist_ok=True)
    tracker_db = tracker_db or directory / "tracker.db"
    lines = []
    if action_port:
        lines += [
            "action_endpoint:",
            f'  url: "http://127.0.0.1:{action_port}/webhook"',
            "  headers:",
            f'    X-Action-Token: "{ACTION_TOKEN}"',
        ]
    lines += _store_lines(tracker_db, review_db, broker)
    lines += ["nlg:", "  type: bot.dialogue.nlg.VaryingNLG"]
    path = directory / "endpoints.yml"
    path.write_text("\n".join(lines) + "\n" + extra)
    return path


def _store_lines(
    tracker_db: Path, review_db: Optional[Path], broker: Optional[Mapping[str, object]] = None
) -> list:
    """Tracker store and event broker entries, mirroring the project's endpoints.yml."""
    from yaml import safe_load

    project = safe_load((ROOT / "endpoints.yml").read_text()) or {}
    tracker = dict(project.get("tracker_store") or {"type": "SQL", "dialect": "sqlite"})
    tracker["db"] = str(tracker_db)
    lines = ["tracker_store:"] + [f"  {k}: {_yaml_value(v)}" for k, v in tracker.items()]
    broker = dict(broker) if broker else project.get("event_broker")
    if broker:
        broker = dict(broker)
        if review_db is not None:
            broker["url"] = f"sqlite:///{review_db}"
        lines += ["event_broker:"] + [f"  {k}: {_yaml_value(v)}" for k, v in broker.items()]
    return lines


def _yaml_value(value) -> str:
    import json

    return json.dumps(value) if not isinstance(value, (int, float, bool)) else str(value).lower()


def write_credentials(directory: Path, text: Optional[str] = None) -> Path:
    """Write a credentials file (default: the project's own, minus Telegram)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "credentials.yml"
    path.write_text(
        text
        if text is not None
        else (
            "bot.channels.rest.SecureRestInput:\nbot.channels.webchat.WebChatInput:\n  user_message_evt: user_uttered\n"
            "  bot_message_evt: bot_uttered\n  session_persistence: true\n"
        )
    )
    return path


def start_rasa(
    port: Optional[int] = None,
    model: Optional[Path] = None,
    credentials: Optional[Path] = None,
    endpoints: Optional[Path] = None,
    env: Optional[Mapping[str, str]] = None,
    extra_args: Sequence[str] = (),
    timeout: float = 240.0,
    server_args: Optional[Sequence[str]] = None,
) -> Server:
    """Start ``rasa run`` on loopback ``port`` and wait until it serves.

    The HTTP API is on, behind ``API_TOKEN`` (``api_url`` adds it), so tests can read trackers;
    ``server_args`` replaces that (and the interface) with the caller's own, e.g. make run's.

    ``endpoints`` defaults to a temporary file with no action server (so tests must pass
    one to use custom actions); ``credentials`` to REST + socket.io.
    """
    port = port or free_port()
    model = model or ensure_model(quiet=True)
    tmp = Path(tempfile.mkdtemp(prefix="rasa-", dir=LOG_DIR if LOG_DIR.exists() else None))
    credentials = credentials or write_credentials(tmp)
    endpoints = endpoints or write_endpoints(tmp, action_port=None)
    if server_args is None:
        # Test pages (widget demo, fakes) are served from random ports, so any origin may call;
        # make run's own CORS list is tested in tests/security/test_http_api.py.
        # "--auth-token=": a token that starts with "-" would be read as an option.
        server_args = [
            "--enable-api",
            f"--auth-token={API_TOKEN}",
            "--interface",
            "127.0.0.1",
            "--cors",
            "*",
        ]
    command = [
        sys.executable,
        "-m",
        "bot.rasa_cli",
        "run",
        *server_args,
        "--model",
        str(model),
        "--port",
        str(port),
        "--credentials",
        str(credentials),
        "--endpoints",
        str(endpoints),
        *extra_args,
    ]
    return _spawn("rasa", command, port, base_env(env), "/", timeout)


def api_url(server_url: str, path: str) -> str:
    """A URL of Rasa's HTTP API with the test run's token."""
    return f"{server_url}{path}{'&' if '?' in path else '?'}token={API_TOKEN}"


def send(
    server_url: str,
    sender: str,
    message: str,
    metadata: Optional[dict] = None,
    timeout: float = 60.0,
) -> list:
    """Send one message over the REST channel and return the bot's replies."""
    import json

    body = {"sender": sender, "message": message}
    if metadata:
        body["metadata"] = metadata
    request = urllib.request.Request(
        server_url + "/webhooks/rest/webhook",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode())


def button(replies: list, wanted: str) -> dict:
    """The button among ``replies`` whose title is ``wanted``, or whose payload means it
    without the question it answers ('/affirm', '/stop{"exercise":"breathing"}')."""
    import json
    import re

    for reply in replies:
        for candidate in reply.get("buttons") or []:
            payload = candidate.get("payload", "")
            match = re.match(r"^(/\w+)(\{.*\})?$", payload)
            meaning = payload
            if match:
                entities = json.loads(match.group(2) or "{}")
                entities.pop("question", None)
                meaning = match.group(1) + (
                    json.dumps(entities, separators=(",", ":")) if entities else ""
                )
            if wanted in (candidate.get("title"), meaning):
                return candidate
    raise AssertionError(f"no button {wanted!r} in {replies}")


def press(server_url: str, sender: str, replies: list, wanted: str) -> list:
    """Press a button of ``replies`` (see ``button``) the way a channel does: send its payload."""
    return send(server_url, sender, button(replies, wanted)["payload"])
