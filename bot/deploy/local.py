"""The whole production shape on this machine, as ordinary processes in one folder.

``make deploy`` (``python -m bot.deploy``) and the tests (tests/deploy/conftest.py) start it
through ``Shape``: PostgreSQL (two databases, two roles), Redis, RabbitMQ and the review
worker when they are available, the action servers and Rasa replicas of bot/deploy/shape.py
(each started with the same command as in deploy/compose.yaml and the systemd units) and
nginx with deploy/nginx/bot.conf. Every port is a free loopback port; secrets are made per
run. ``stop()`` ends everything it started, in reverse order.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

import yaml

from bot import fast_yaml
from bot.deploy import nginx_config, services, shape
from bot.deploy.nginx_config import free_port

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
IN_PROCESS_BROKER = "bot.privacy.broker.ReviewEventBroker"


@dataclass
class Proc:
    """One process of the shape, started from a command, with its log."""

    name: str
    command: List[str]
    env: Dict[str, str]
    log_path: Path
    port: Optional[int] = None
    health: Optional[str] = None
    process: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Proc":
        self.process = services.spawn(self.command, self.log_path, env=self.env, cwd=ROOT)
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def ready(self) -> bool:
        if self.health is None or self.port is None:
            return self.running()
        try:
            with urllib.request.urlopen(self.url + self.health, timeout=2) as response:
                return response.status < 500
        except urllib.error.HTTPError as error:
            return error.code < 500
        except OSError:
            return False

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise RuntimeError(f"{self.name} exited:\n{self.log_tail()}")
            if self.ready():
                return
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} not ready after {timeout:.0f}s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 20.0) -> None:
        if self.process is not None:
            services.stop_group(self.process, sig, timeout)

    def terminate(self) -> None:
        """Ask it to stop and return at once (``stop`` then waits): a shape stops in parallel."""
        if self.running():
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """As a crash would: SIGKILL, no clean-up."""
        self.stop(signal.SIGKILL)


def queue_broker_available() -> bool:
    """RabbitMQ can be part of the shape: its broker, worker and server are all installed."""
    from bot.deploy.rabbitmq import available

    return available()


@dataclass
class Shape:
    """Start with ``start()``; ``nginx.url`` is the public address."""

    directory: Path
    replicas: int = shape.REPLICAS
    use_rabbitmq: Optional[bool] = None  # None: when available
    extra_env: Mapping[str, str] = field(default_factory=dict)
    credentials: Optional[Path] = None  # default deploy/credentials.yml
    bench_rest: bool = False  # `make bench-scale`: REST through nginx too
    procs: List[Proc] = field(default_factory=list)
    # Servers to share (tests: one per session, this shape on databases of its own and
    # Redis database ``redis_db``); None: the shape starts its own and stops them with it.
    postgres: Any = None
    redis: Any = None
    redis_db: int = 0
    rabbitmq_url: Optional[str] = None
    nginx: Any = None
    rabbitmq: Any = None  # bot.deploy.rabbitmq.RabbitMQ, when part of the shape
    _owned: List[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.directory = Path(self.directory)
        self.logs = self.directory / "logs"
        self.secrets = {
            "ACTION_SERVER_TOKEN": secrets.token_hex(24),
            "WEBCHAT_SECRET": secrets.token_hex(32),
            "PSEUDONYM_KEY": secrets.token_hex(32),
            "REVIEW_SECRET_KEY": secrets.token_hex(32),
        }
        self.nginx_port = free_port()
        self.actions_port = free_port()  # nginx's internal port in front of the action servers

    # -- what to start ---------------------------------------------------------------------
    def base_env(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.update(
            PYTHONPATH=str(ROOT),
            TF_CPP_MIN_LOG_LEVEL="2",
            RASA_TELEMETRY_ENABLED="false",
            SANIC_REGISTER="False",
            **self.secrets,
            **self.postgres.env(),
            REDIS_URL=self.redis.url_for(self.redis_db),
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{self.actions_port}/webhook",
            RASA_INTERFACE="127.0.0.1",
            REVIEW_QUEUE="rasa_events",
            # The review app behind nginx; plain http on loopback here, so no Secure cookie.
            REVIEW_TRUST_PROXY="1",
            REVIEW_COOKIE_SECURE="0",
        )
        if self.rabbitmq_url:
            env["RABBITMQ_URL"] = self.rabbitmq_url
        env.update(self.extra_env)
        return env

    def endpoints(self) -> Path:
        """deploy/endpoints.yml itself; without RabbitMQ, its copy with the in-process broker
        writing the review database (the embedded default's broker)."""
        if self.rabbitmq_url:
            return DEPLOY / "endpoints.yml"
        endpoints = fast_yaml.safe_load((DEPLOY / "endpoints.yml").read_text(encoding="utf-8"))
        endpoints["event_broker"] = {"type": IN_PROCESS_BROKER, "url": self.postgres.review_url}
        path = self.directory / "endpoints.yml"
        path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
        return path

    def _proc(self, name: str, service: shape.Service, port: Optional[int], env: dict) -> Proc:
        command = [sys.executable, *service.command]
        if port is not None and "--port" in command:
            command[command.index("--port") + 1] = str(port)
        if "--host" in command:
            command[command.index("--host") + 1] = "127.0.0.1"
        if service.name.startswith("rasa"):
            command += ["--endpoints", str(self.endpoints())]
            if self.credentials:
                command += ["--credentials", str(self.credentials)]
        return Proc(name, command, env, self.logs / f"{name}.log", port, service.health)

    def start(self, timeout: float = 300.0) -> "Shape":
        self.directory.mkdir(parents=True, exist_ok=True)
        self.logs.mkdir(exist_ok=True)
        services.LOG_DIR = self.logs
        try:
            self._start(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, timeout: float) -> None:
        if self.postgres is None:
            self.postgres = services.start_postgres(self.directory / "postgres")
            self._owned.append(self.postgres)
        if self.redis is None:
            self.redis = services.start_redis(self.directory / "redis")
            self._owned.append(self.redis)
        wanted = queue_broker_available() if self.use_rabbitmq is None else self.use_rabbitmq
        if wanted:
            from bot.deploy.rabbitmq import RabbitMQ

            self.rabbitmq = RabbitMQ(self.directory / "rabbitmq").start()
            self.rabbitmq_url = self.rabbitmq.url
        env = self.base_env()
        by_name = shape.by_key()
        actions = [
            self._proc(name, by_name["actions"], free_port(), env)
            for name in shape.names(by_name["actions"], self.replicas)
        ]
        replicas = []
        for n, name in enumerate(shape.names(by_name["rasa"], self.replicas), start=1):
            port = free_port()
            replica_env = dict(
                env,
                RASA_PORT=str(port),
                TELEGRAM_REGISTER_WEBHOOK="1" if n == 1 else "0",
                TELEGRAM_OUTBOX_PATH=str(self.directory / f"telegram-outbox-{n}.sqlite3"),
                EVENT_OUTBOX_PATH=str(self.directory / f"event-outbox-{n}.sqlite3"),
            )
            replicas.append(self._proc(name, by_name["rasa"], port, replica_env))
        review = self._proc("review-app", by_name["review-app"], free_port(), env)
        workers = [review]
        if self.rabbitmq_url:
            workers.append(self._proc("review-worker", by_name["review-worker"], None, env))
        # Start them all at once: the replicas load the model side by side.
        for proc in actions + replicas + workers:
            self.procs.append(proc.start())
        self.nginx = services.start_nginx(
            [f"127.0.0.1:{p.port}" for p in replicas],
            [f"127.0.0.1:{p.port}" for p in actions],
            directory=self.directory / "nginx",
            port=self.nginx_port,
            actions_port=self.actions_port,
            bench_rest=self.bench_rest,
            review=f"127.0.0.1:{review.port}",
        )
        for proc in actions + replicas + workers:
            proc.wait_ready(timeout)

    # -- handles -------------------------------------------------------------------------
    @property
    def rasa(self) -> List[Proc]:
        return [p for p in self.procs if p.name.startswith("rasa-")]

    @property
    def review_app(self) -> Proc:
        return next(p for p in self.procs if p.name == "review-app")

    @property
    def actions(self) -> List[Proc]:
        return [p for p in self.procs if p.name.startswith("actions-")]

    def addresses(self) -> List[str]:
        lines = [
            f"Website widget socket.io (via nginx): {self.nginx.url}/socket.io/",
            f"Telegram webhook (via nginx):        {self.nginx.url}/webhooks/telegram/webhook",
        ]
        lines += [f"Rasa replica {p.name}:                {p.url}" for p in self.rasa]
        lines += [f"Action server {p.name}:            {p.url}" for p in self.actions]
        lines += [
            f"Counsellor review app (via nginx, Host {nginx_config.REVIEW_HOST}): {self.nginx.url}/"
            f" - directly: {self.review_app.url}/ (add an account: python -m bot counsellor add"
            " EMAIL, with this run's REVIEW_DB_URL)"
        ]
        lines += [
            f"PostgreSQL: 127.0.0.1:{self.postgres.port} (tracker as bot, review as review)",
            f"Redis: 127.0.0.1:{self.redis.port}",
            f"RabbitMQ: {self._safe(self.rabbitmq_url)}"
            if self.rabbitmq_url
            else "RabbitMQ: not part of this run (in-process review broker)",
            f"Logs: {self.logs}",
        ]
        return lines

    @staticmethod
    def _safe(url: Optional[str]) -> str:
        if not url or "@" not in url:
            return url or ""
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"

    def first_dead(self) -> Optional[Proc]:
        return next((p for p in self.procs if not p.running()), None)

    def stop(self) -> None:
        """Stop what this shape started (not the servers it was given), the processes in
        parallel."""
        for stop in (
            lambda: self.nginx and self.nginx.close(keep_logs=True),
            *[proc.terminate for proc in self.procs],
            *[proc.stop for proc in reversed(self.procs)],
            lambda: self.rabbitmq and self.rabbitmq.stop(),
            *[server.close for server in reversed(self._owned)],
        ):
            try:
                stop()
            except Exception as error:  # noqa: BLE001 - stop the rest whatever one does
                print(f"while stopping: {type(error).__name__}: {error}", file=sys.stderr)


def run(directory: Path, replicas: int = shape.REPLICAS) -> int:
    """``make deploy``: start, print the addresses, stop cleanly on Ctrl-C."""
    if directory.exists():
        shutil.rmtree(directory)
    current = Shape(directory, replicas)
    stopping = []

    def on_signal(*_: Any) -> None:
        stopping.append(True)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        print(f"Starting the production shape in {directory} ...", flush=True)
        current.start()
        print("\n" + "\n".join(current.addresses()) + "\nPress Ctrl-C to stop.\n", flush=True)
        while True:
            dead = current.first_dead()
            if dead is not None:
                print(f"{dead.name} stopped; stopping everything.\n{dead.log_tail(1500)}")
                return 1
            time.sleep(1)
    except KeyboardInterrupt:
        return 0
    finally:
        print("Stopping ...", flush=True)
        current.stop()
        print("Stopped.", flush=True)
