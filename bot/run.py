"""Start everything `make run` needs, print where it is, and stop it all on Ctrl-C.

One command for a person trying the bot: the action server (5055), the Rasa server
(5005: REST, socket.io, Telegram when configured, HTTP API), the widget's demo site
and the counsellor review app when those parts are present. Each runs as its own
process; if one dies, everything is stopped so nothing half-works unnoticed.
``--shell`` talks to the bot in the terminal instead of starting the web parts.
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

from bot.training import ensure_model

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _env() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2",
                RASA_TELEMETRY_ENABLED="false")


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
    parser.add_argument("--rasa-port", type=int, default=int(os.environ.get("RASA_PORT", 5005)))
    parser.add_argument("--actions-port", type=int, default=int(os.environ.get("ACTIONS_PORT", 5055)))
    parser.add_argument("--widget-port", type=int, default=int(os.environ.get("WIDGET_PORT", 8080)))
    parser.add_argument("--review-port", type=int, default=int(os.environ.get("REVIEW_PORT", 8081)))
    args = parser.parse_args(argv)

    model = ensure_model()
    (ROOT / "var").mkdir(exist_ok=True)
    env = _env()
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

    start("actions", [str(BIN / "rasa"), "run", "actions", "--actions", "actions",
                      "--port", str(args.actions_port)])
    try:
        if not _wait(f"http://127.0.0.1:{args.actions_port}/health", 120):
            print("The action server did not start; see the log above.", file=sys.stderr)
            return 1
        if args.shell:
            shell = subprocess.run(
                [str(BIN / "rasa"), "shell", "--model", str(model), "--endpoints", "endpoints.yml"],
                cwd=ROOT, env=env,
            )
            return shell.returncode
        start("rasa", [str(BIN / "rasa"), "run", "--enable-api", "--cors", "*",
                       "--model", str(model), "--port", str(args.rasa_port),
                       "--credentials", "credentials.yml", "--endpoints", "endpoints.yml"])
        urls = [f"Bot (REST):      http://localhost:{args.rasa_port}/webhooks/rest/webhook"]
        if _has_module("bot.channels.widget_site") and (ROOT / "widget").is_dir():
            start("widget", [sys.executable, "-m", "bot.channels.widget_site",
                             "--port", str(args.widget_port),
                             "--rasa-url", f"http://localhost:{args.rasa_port}"])
            urls.append(f"Chat widget demo: http://localhost:{args.widget_port}/")
        if _has_module("bot.review"):
            start("review", [sys.executable, "-m", "bot.review", "--port", str(args.review_port)])
            urls.append(f"Counsellor review app: http://localhost:{args.review_port}/ "
                        "(add an account: .venv/bin/python -m bot counsellor add EMAIL)")
        if not _wait(f"http://127.0.0.1:{args.rasa_port}/status", 300):
            print("Rasa did not start; see the log above.", file=sys.stderr)
            return 1
        print("\n" + "\n".join(urls) + "\nPress Ctrl-C to stop.\n", flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while True:
            for name, proc in procs:
                if proc.poll() is not None:
                    print(f"{name} stopped (exit {proc.returncode}); stopping everything.",
                          file=sys.stderr)
                    return proc.returncode or 1
            time.sleep(1)
    except KeyboardInterrupt:
        return 0
    finally:
        stop_all()


if __name__ == "__main__":
    sys.exit(main())
