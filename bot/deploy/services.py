"""PostgreSQL, Redis and nginx as ordinary processes in a folder, for tests and ``make deploy``.

Each starts from the Debian binaries in a temporary folder on a free loopback port and is
stopped afterwards; nothing depends on a system service. PostgreSQL refuses to run as root, so
as root it runs as the system user ``pgtest`` (created when missing). The databases, roles and
nginx configuration come from ``deploy/`` itself, so tests exercise the files a deployment
uses (tests/deploy/test_compose.py checks compose.yaml names the same).
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Optional, Sequence

from bot.deploy.nginx_config import free_port

ROOT = Path(__file__).resolve().parents[2]
# Where the servers' logs go; ``make deploy`` points it at its own folder.
LOG_DIR = ROOT / "var" / "test-logs"

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_USER = "pgtest"
DEPLOY = ROOT / "deploy"


class ServiceUnavailable(RuntimeError):
    """A binary the production shape needs is not installed (``make deploy-deps`` installs it)."""


def die_with_parent() -> None:
    """preexec_fn: the kernel ends this process when the one that started it dies, so a test
    run or `make deploy` killed outright leaves no server behind (Linux prctl)."""
    import ctypes

    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:  # pragma: no cover - not Linux: stop() still ends it
        pass


def spawn(
    command: Sequence[str], log_path: Path, env: Optional[Dict[str, str]] = None, cwd=None
) -> subprocess.Popen:
    """Start a server in a process group of its own (``stop_group`` ends it and its children),
    its output appended to ``log_path``, ended by the kernel if we die."""
    with open(log_path, "a") as log:
        return subprocess.Popen(
            list(command),
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )


def start_listening(
    name: str,
    command: Sequence[str],
    log_path: Path,
    port: int,
    timeout: float,
    log_tail: Callable[[], str],
) -> subprocess.Popen:
    """``spawn`` a server and wait until it accepts TCP on ``port``; raise with its log if not."""
    process = spawn(command, log_path)
    if not _wait_port(port, timeout, lambda: process.poll() is None):
        stop_group(process, timeout=5)
        raise RuntimeError(f"{name} did not start:\n{log_tail()}")
    return process


def _wait_port(port: int, timeout: float, alive: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def stop_group(
    process: Optional[subprocess.Popen], sig: int = signal.SIGTERM, timeout=15.0
) -> None:
    """Signal a server's process group and wait; SIGKILL if it has not gone by ``timeout``."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


# --- PostgreSQL ------------------------------------------------------------------------------


def _pg_user() -> Optional[str]:
    """The user PostgreSQL runs as: ``pgtest`` when we are root (created if needed)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
        )
    return PG_USER


def _as(user: Optional[str], command: Sequence[str]) -> list:
    return ["runuser", "-u", user, "--", *command] if user else list(command)


class DatabaseUrls:
    """URLs of the tracker and review databases, each for the role that owns it."""

    names: Dict[str, str]  # role -> its database

    def server_url(self, role: str, database: str, driver: str = "postgresql") -> str:
        raise NotImplementedError

    def url(self, role: str, database: Optional[str] = None, driver: str = "postgresql") -> str:
        """SQLAlchemy URL for ``role`` (``bot`` or ``review``) on its own database by default."""
        return self.server_url(role, database or self.names.get(role, role), driver)

    @property
    def tracker_url(self) -> str:
        return self.url("bot")

    @property
    def review_url(self) -> str:
        return self.url("review")

    def env(self) -> Dict[str, str]:
        """The variables a replica and the review worker read (deploy/env.example)."""
        return {"TRACKER_DB_URL": self.tracker_url, "REVIEW_DB_URL": self.review_url}


@dataclass
class Postgres(DatabaseUrls):
    """A PostgreSQL cluster with the two databases and two roles of deploy/postgres/."""

    port: int
    directory: Path
    superuser_password: str
    passwords: Dict[str, str]
    user: Optional[str]
    process: Optional[subprocess.Popen] = None
    log_path: Path = field(default_factory=Path)
    names: Dict[str, str] = field(default_factory=lambda: {"bot": "tracker", "review": "review"})

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def server_url(self, role: str, database: str, driver: str = "postgresql") -> str:
        password = self.passwords[role] if role in self.passwords else self.superuser_password
        return f"{driver}://{role}:{password}@127.0.0.1:{self.port}/{database}"

    def databases(self, suffix: str) -> "Databases":
        """A fresh pair ``tracker_<suffix>`` / ``review_<suffix>`` with the same roles and
        permissions as init-databases.sh's, so tests share one cluster without sharing data."""
        import sqlalchemy as sa

        pair = Databases(self, f"tracker_{suffix}", f"review_{suffix}")
        tracker, review = pair.names["bot"], pair.names["review"]
        engine = sa.create_engine(
            self.url("postgres", "postgres"),
            isolation_level="AUTOCOMMIT",
            poolclass=sa.pool.NullPool,
        )
        try:
            with engine.connect() as connection:
                for database, role in ((tracker, "bot"), (review, "review")):
                    connection.execute(sa.text(f'CREATE DATABASE "{database}" OWNER {role}'))
                    connection.execute(sa.text(f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC'))
                    connection.execute(
                        sa.text(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {role}')
                    )
        finally:
            engine.dispose()
        return pair

    def start(self, timeout: float = 60.0) -> "Postgres":
        self.process = start_listening(
            "PostgreSQL",
            _as(
                self.user,
                [
                    str(PG_BIN / "postgres"),
                    "-D",
                    str(self.data),
                    "-p",
                    str(self.port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    f"unix_socket_directories={self.directory}",
                    "-c",
                    "fsync=off",  # a throwaway test cluster: speed over crash safety
                    "-c",
                    "max_connections=100",  # PostgreSQL's default, which the pools must fit
                ],
            ),
            self.log_path,
            self.port,
            timeout,
            self.log_tail,
        )
        # Accepting TCP is not yet accepting logins while it recovers; ask until it does.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = subprocess.run(
                [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)],
                capture_output=True,
            )
            if ready.returncode == 0:
                return self
            time.sleep(0.2)
        raise RuntimeError(f"PostgreSQL not ready:\n{self.log_tail()}")

    def stop(self, fast: bool = True) -> None:
        """Stop the server (SIGINT: PostgreSQL's fast shutdown, closing every connection)."""
        stop_group(self.process, signal.SIGINT if fast else signal.SIGTERM, timeout=30)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class Databases(DatabaseUrls):
    """A tracker and a review database of their own on a shared ``Postgres`` (its roles, its
    process: ``stop``/``start`` act on the whole cluster)."""

    def __init__(self, server: Postgres, tracker: str, review: str) -> None:
        self.server = server
        self.names = {"bot": tracker, "review": review}

    def server_url(self, role: str, database: str, driver: str = "postgresql") -> str:
        return self.server.server_url(role, database, driver)

    def __getattr__(self, name: str):
        return getattr(self.server, name)  # port, process, stop, start, passwords, ...


def start_postgres(directory: Optional[Path] = None) -> Postgres:
    """initdb a fresh cluster, start it, and run deploy/postgres/init-databases.sh on it.

    ``close()`` removes the cluster's folder (``stop()`` keeps it for a restart)."""
    if not (PG_BIN / "postgres").exists():
        raise ServiceUnavailable(f"PostgreSQL binaries not found in {PG_BIN}")
    user = _pg_user()
    # As another user, the cluster needs a folder that user can reach: its own under /tmp
    # (a caller's folder may sit below one only root may enter).
    directory = Path(tempfile.mkdtemp(prefix="pg-") if user or not directory else directory)
    directory.mkdir(parents=True, exist_ok=True)
    superuser_password = secrets.token_hex(16)
    passwords = {"bot": secrets.token_hex(16), "review": secrets.token_hex(16)}
    pwfile = directory / "pwfile"
    pwfile.write_text(superuser_password + "\n")
    if user:
        shutil.chown(directory, user)
        shutil.chown(pwfile, user)
    os.chmod(directory, 0o700)
    subprocess.run(
        _as(
            user,
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(directory / "data"),
                "-U",
                "postgres",
                "--pwfile",
                str(pwfile),
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        ),
        check=True,
        capture_output=True,
    )
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    server = Postgres(
        free_port(),
        directory,
        superuser_password,
        passwords,
        user,
        log_path=Path(tempfile.mkstemp(prefix="postgres-", suffix=".log", dir=LOG_DIR)[1]),
    )
    server.start()
    init = subprocess.run(
        ["sh", str(DEPLOY / "postgres" / "init-databases.sh")],
        env={
            **_path_env(),
            "PGHOST": "127.0.0.1",
            "PGPORT": str(server.port),
            "PGUSER": "postgres",
            "PGPASSWORD": superuser_password,
            "PGDATABASE": "postgres",
            "TRACKER_DB_PASSWORD": passwords["bot"],
            "REVIEW_DB_PASSWORD": passwords["review"],
        },
        capture_output=True,
        text=True,
    )
    if init.returncode != 0:
        server.close()
        raise RuntimeError(f"init-databases.sh failed:\n{init.stdout}\n{init.stderr}")
    return server


def _path_env() -> Dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{PG_BIN}:{env.get('PATH', '')}"
    return env


# --- Redis -----------------------------------------------------------------------------------


@dataclass
class Redis:
    port: int
    password: str
    directory: Path
    process: Optional[subprocess.Popen] = None
    log_path: Path = field(default_factory=Path)

    @property
    def url(self) -> str:
        return self.url_for(0)

    def url_for(self, db: int) -> str:
        """The URL of Redis's logical database ``db`` (0-15): tests sharing one server each
        take their own."""
        return f"redis://:{self.password}@127.0.0.1:{self.port}/{db}"

    def start(self, timeout: float = 20.0) -> "Redis":
        binary = shutil.which("redis-server")
        if not binary:
            raise ServiceUnavailable("redis-server is not installed (make deploy installs it)")
        self.process = start_listening(
            "Redis",
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "no",
                "--requirepass",
                self.password,
            ],
            self.log_path,
            self.port,
            timeout,
            lambda: self.log_path.read_text(errors="replace")[-2000:],
        )
        return self

    def stop(self) -> None:
        stop_group(self.process)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def start_redis(directory: Optional[Path] = None) -> Redis:
    directory = Path(directory or tempfile.mkdtemp(prefix="redis-"))
    directory.mkdir(parents=True, exist_ok=True)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    server = Redis(
        free_port(),
        secrets.token_hex(16),
        directory,
        log_path=Path(tempfile.mkstemp(prefix="redis-", suffix=".log", dir=LOG_DIR)[1]),
    )
    return server.start()


# --- nginx -----------------------------------------------------------------------------------


@dataclass
class Nginx:
    port: int
    directory: Path
    config: Path
    process: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def error_log(self) -> str:
        try:
            return (self.directory / "error.log").read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def stop(self) -> None:
        # Graceful (finish open requests), but not for as long as a websocket stays open.
        stop_group(self.process, signal.SIGQUIT, timeout=3)

    def close(self, keep_logs: bool = False) -> None:
        self.stop()
        marker = self.directory / "temp-folder"
        if marker.exists():
            shutil.rmtree(marker.read_text().strip(), ignore_errors=True)
        if not keep_logs:
            shutil.rmtree(self.directory, ignore_errors=True)


def start_nginx(
    rasa_servers: Sequence[str],
    action_servers: Sequence[str] = (),
    directory: Optional[Path] = None,
    port: Optional[int] = None,
    actions_port: int = 0,
    bench_rest: bool = False,
    review: Optional[str] = None,
) -> Nginx:
    """nginx running deploy/nginx/bot.conf in front of ``rasa_servers`` (host:port)."""
    from bot.deploy import nginx_config

    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise ServiceUnavailable("nginx is not installed (make deploy installs it)")
    directory = Path(directory or tempfile.mkdtemp(prefix="nginx-"))
    directory.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config = nginx_config.write_standalone(
        directory, port, rasa_servers, action_servers, actions_port, bench_rest, review
    )
    server = Nginx(port, directory, config)
    server.process = start_listening(
        "nginx",
        [binary, "-p", str(directory), "-c", str(config), "-e", str(directory / "error.log")],
        directory / "stdout.log",
        port,
        20,
        server.error_log,
    )
    return server
