"""Start everything `make run` needs, print where it is, and stop it all on Ctrl-C.

One command for a person trying the bot: the action server (5055), the Rasa server
(5005: REST, socket.io, Telegram when configured), the widget's demo site and the
counsellor review app when those parts are present. Each runs as its own process; if one
dies, everything is stopped so nothing half-works unnoticed. ``--shell`` talks to the bot
in the terminal instead of starting the web parts.

Safe by default (README, "Deploying safely"): every server listens on 127.0.0.1; Rasa's HTTP
API (which reads, rewrites and unloads conversations and models) stays off unless
``RASA_ENABLE_API`` is set, and then only with a token or JWT secret; the browser may call
Rasa only from the widget's origins (``RASA_CORS_ORIGINS``); the action server answers only
requests carrying the shared ``ACTION_SERVER_TOKEN``, which this module writes into a runtime
copy of endpoints.yml under var/ (never into git).

``--replica`` is the production mode (README, "Production deployment"): one Rasa server, one
Sanic worker, with deploy/endpoints.yml (PostgreSQL, Redis lock, RabbitMQ) and
deploy/credentials.yml (socket.io and Telegram; no REST channel). It starts nothing else and
refuses to start when a shared store is missing, because a replica on SQLite or with an
in-process lock would silently split conversations between replicas. systemd, compose.yaml,
``make deploy`` and the tests all start replicas with this one command.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from bot import fast_yaml, settings
from bot.training import ensure_model, model_path

ROOT = Path(__file__).resolve().parents[1]


DEPLOY = ROOT / "deploy"
ACTION_TOKEN_FILE = "action_server_token"
RUNTIME_ENDPOINTS = ROOT / "var" / "endpoints.runtime.yml"


def _env(action_token: str) -> dict:
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        TF_CPP_MIN_LOG_LEVEL="2",
        RASA_TELEMETRY_ENABLED="false",
        ACTION_SERVER_TOKEN=action_token,
    )


def write_runtime_endpoints(
    action_port: int,
    action_token: str,
    source: Path = ROOT / "endpoints.yml",
    target: Path = RUNTIME_ENDPOINTS,
) -> Path:
    """endpoints.yml with the action server's port and the token header Rasa must send."""
    endpoints = fast_yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    action = dict(endpoints.get("action_endpoint") or {})
    action["url"] = f"http://127.0.0.1:{action_port}/webhook"
    action["headers"] = {**(action.get("headers") or {}), "X-Action-Token": action_token}
    endpoints["action_endpoint"] = action
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        yaml.safe_dump(endpoints, handle, sort_keys=False)
    return target


def rasa_server_args(rasa_port: int, widget_port: int) -> list[str]:
    """``rasa run`` options: loopback, CORS for the widget only, the API off or behind a secret."""
    origins = settings.RASA_CORS_ORIGINS.get() or [
        f"http://localhost:{widget_port}",
        f"http://127.0.0.1:{widget_port}",
    ]
    args = [
        "--interface",
        settings.RASA_INTERFACE.get(),
        "--port",
        str(rasa_port),
        "--cors",
        *origins,
    ]
    if settings.RASA_ENABLE_API.get():
        token, jwt = settings.RASA_API_TOKEN.get(), settings.RASA_JWT_SECRET.get()
        if not token and not jwt:
            raise settings.SettingError(
                "RASA_ENABLE_API is on but neither RASA_API_TOKEN nor RASA_JWT_SECRET is set: "
                "the HTTP API would let anyone read and change conversations"
            )
        args.append("--enable-api")
        if token:
            args += ["--auth-token", token]
        if jwt:
            args += ["--jwt-secret", jwt, "--jwt-method", "HS256"]
    return args


def replica_problems() -> list[str]:
    """What keeps this process from being one of several replicas (empty: nothing)."""
    problems = []
    tracker = settings.TRACKER_DB_URL.get() or ""
    if not tracker.startswith("postgresql"):
        problems.append("TRACKER_DB_URL must name a PostgreSQL database (postgresql://...)")
    for setting, why in (
        (settings.REDIS_URL, "the conversation lock and Telegram's update ids"),
        (settings.ACTION_SERVER_TOKEN, "the action servers' shared token"),
        (settings.ACTION_ENDPOINT_URL, "where the action servers are"),
        (settings.WEBCHAT_SECRET, "the widget's resume tokens, the same on every replica"),
    ):
        if not setting.is_set():
            problems.append(f"{setting.name} is not set ({why})")
    return problems


def replica_command(
    port: int,
    model: Path,
    endpoints: Path = DEPLOY / "endpoints.yml",
    credentials: Path = DEPLOY / "credentials.yml",
) -> list[str]:
    """``rasa run`` for one replica: the API off unless asked (with its secret), one worker."""
    return [
        sys.executable,
        "-m",
        "bot.rasa_cli",
        "run",
        *rasa_server_args(port, settings.WIDGET_PORT.get()),
        "--model",
        str(model),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
    ]


def run_replica(args: argparse.Namespace) -> int:
    problems = replica_problems()
    if problems:
        print("error: not starting a replica:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    # A replica never trains (two would race, and a start would take minutes): the model for
    # this code must be in models/ already (`make model`).
    model = model_path()
    if not model.exists():
        print(f"error: no trained model {model.name} in models/: run `make model`", file=sys.stderr)
        return 2
    try:
        command = replica_command(
            args.rasa_port, model, Path(args.endpoints), Path(args.credentials)
        )
    except settings.SettingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    os.chdir(ROOT)
    # One Sanic worker: a socket.io session lives in one process (nginx keeps it there).
    # exec: systemd and compose supervise Rasa itself.
    os.execve(sys.executable, command, dict(os.environ, SANIC_WORKERS="1"))


def _wait(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except Exception:
            time.sleep(0.5)
    return False


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="talk to the bot in the terminal")
    parser.add_argument("--rasa-port", type=int, default=settings.RASA_PORT.get())
    parser.add_argument("--actions-port", type=int, default=settings.ACTIONS_PORT.get())
    parser.add_argument("--widget-port", type=int, default=settings.WIDGET_PORT.get())
    parser.add_argument("--review-port", type=int, default=settings.REVIEW_PORT.get())
    parser.add_argument(
        "--replica",
        action="store_true",
        help="production: start one Rasa replica on the shared stores of deploy/endpoints.yml",
    )
    parser.add_argument("--endpoints", default=str(DEPLOY / "endpoints.yml"), help="--replica")
    parser.add_argument("--credentials", default=str(DEPLOY / "credentials.yml"), help="--replica")
    args = parser.parse_args(argv)
    if args.replica:
        return run_replica(args)

    try:
        rasa_args = rasa_server_args(args.rasa_port, args.widget_port)
    except settings.SettingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    model = ensure_model()
    (ROOT / "var").mkdir(exist_ok=True)
    action_token = settings.stored_secret(settings.ACTION_SERVER_TOKEN, ACTION_TOKEN_FILE)
    endpoints = write_runtime_endpoints(args.actions_port, action_token)
    env = _env(action_token)
    procs: list[tuple[str, subprocess.Popen]] = []

    def start(name: str, cmd: list[str]) -> subprocess.Popen:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
        procs.append((name, proc))
        return proc

    def stop_all(*_args) -> None:
        for _name, proc in reversed(procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for _name, proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)

    start("actions", [sys.executable, "-m", "actions.server", "--port", str(args.actions_port)])
    try:
        if not _wait(f"http://127.0.0.1:{args.actions_port}/health", 120):
            print("The action server did not start; see the log above.", file=sys.stderr)
            return 1
        if args.shell:
            shell = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bot.rasa_cli",
                    "shell",
                    "--model",
                    str(model),
                    "--endpoints",
                    str(endpoints),
                ],
                cwd=ROOT,
                env=env,
            )
            return shell.returncode
        start(
            "rasa",
            [
                sys.executable,
                "-m",
                "bot.rasa_cli",
                "run",
                *rasa_args,
                "--model",
                str(model),
                "--credentials",
                "credentials.yml",
                "--endpoints",
                str(endpoints),
            ],
        )
        urls = [f"Bot (REST):      http://localhost:{args.rasa_port}/webhooks/rest/webhook"]
        if _has_module("bot.channels.widget_site") and (ROOT / "widget").is_dir():
            start(
                "widget",
                [
                    sys.executable,
                    "-m",
                    "bot.channels.widget_site",
                    "--port",
                    str(args.widget_port),
                    "--rasa-url",
                    f"http://localhost:{args.rasa_port}",
                ],
            )
            urls.append(f"Chat widget demo: http://localhost:{args.widget_port}/")
        if _has_module("bot.review"):
            start("review", [sys.executable, "-m", "bot.review", "--port", str(args.review_port)])
            urls.append(
                f"Counsellor review app: http://localhost:{args.review_port}/ "
                "(add an account: .venv/bin/python -m bot counsellor add EMAIL)"
            )
        if not _wait(f"http://127.0.0.1:{args.rasa_port}/", 300):
            print("Rasa did not start; see the log above.", file=sys.stderr)
            return 1
        print("\n" + "\n".join(urls) + "\nPress Ctrl-C to stop.\n", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while True:
            for name, proc in procs:
                if proc.poll() is not None:
                    print(
                        f"{name} stopped (exit {proc.returncode}); stopping everything.",
                        file=sys.stderr,
                    )
                    return proc.returncode or 1
            time.sleep(1)
    except KeyboardInterrupt:
        return 0
    finally:
        stop_all()


if __name__ == "__main__":
    sys.exit(main())
