"""A throwaway RabbitMQ node for tests: Debian's rabbitmq-server in a temporary folder.

Nothing depends on a system service: each node gets its own folder (database, logs, Erlang
cookie), a unique node name, its own Erlang port mapper and free loopback ports, no plugins
(the management plugin stays off), and a random user instead of guest. ``RabbitMQ.stop()``
and ``start()`` stop and start the same node on the same ports with the same data, so a
test can take the broker away for a while and check that nothing was lost.

``make test`` installs the package when it is missing (the Makefile's ``deploy-deps``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Optional

from bot.deploy.nginx_config import free_port
from bot.deploy.services import spawn, stop_group

SERVER = Path("/usr/lib/rabbitmq/bin/rabbitmq-server")
EPMD = shutil.which("epmd") or "/usr/bin/epmd"


def available() -> bool:
    """True when rabbitmq-server is installed (``make deploy-deps``)."""
    return SERVER.exists()


class RabbitMQ:
    """One RabbitMQ node in ``directory`` on loopback; ``url`` is its AMQP URL."""

    def __init__(self, directory: Path) -> None:
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.dist_port = free_port()
        self.epmd_port = free_port()
        self.node = f"rabbit-test-{secrets.token_hex(4)}@localhost"
        self.user = "bot"
        self.password = secrets.token_hex(12)
        self.url = f"amqp://{self.user}:{self.password}@127.0.0.1:{self.port}/%2F"
        self.process: Optional[subprocess.Popen] = None
        self.log_path = self.dir / "server.log"
        self._write_config()

    def _write_config(self) -> None:
        (self.dir / "rabbitmq.conf").write_text(
            f"listeners.tcp.1 = 127.0.0.1:{self.port}\n"
            f"default_user = {self.user}\n"
            f"default_pass = {self.password}\n"
            "loopback_users = none\n"
            # tests run on a shared machine: do not refuse publishers over free memory/disk
            "vm_memory_high_watermark.relative = 0.9\n"
            "disk_free_limit.absolute = 1MB\n"
        )
        (self.dir / "enabled_plugins").write_text("[].\n")

    def env(self) -> dict:
        env = dict(os.environ)
        env.update(
            HOME=str(self.dir),  # the Erlang cookie
            RABBITMQ_NODENAME=self.node,
            RABBITMQ_NODE_IP_ADDRESS="127.0.0.1",
            RABBITMQ_NODE_PORT=str(self.port),
            RABBITMQ_DIST_PORT=str(self.dist_port),
            ERL_EPMD_PORT=str(self.epmd_port),
            ERL_EPMD_ADDRESS="127.0.0.1",
            RABBITMQ_CONFIG_FILE=str(self.dir / "rabbitmq.conf"),
            RABBITMQ_ENABLED_PLUGINS_FILE=str(self.dir / "enabled_plugins"),
            RABBITMQ_MNESIA_BASE=str(self.dir / "mnesia"),
            RABBITMQ_LOG_BASE=str(self.dir / "log"),
            RABBITMQ_CONF_ENV_FILE=str(self.dir / "rabbitmq-env.conf"),
            RABBITMQ_ADVANCED_CONFIG_FILE=str(self.dir / "advanced.config"),
            RABBITMQ_LOGS="-",  # to stdout, i.e. server.log
        )
        return env

    def start(self, timeout: float = 60.0) -> "RabbitMQ":
        if self.process is not None and self.process.poll() is None:
            return self
        if not available():
            raise RuntimeError("rabbitmq-server is not installed: run `make deploy-deps`")
        self.process = spawn([str(SERVER)], self.log_path, env=self.env(), cwd=self.dir)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"rabbitmq-server exited:\n{self.log_tail()}")
            if self.accepts_amqp():
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"rabbitmq-server did not answer within {timeout:.0f}s:\n{self.log_tail()}"
        )

    def accepts_amqp(self) -> bool:
        """True once the node answers the AMQP protocol header with its Connection.Start."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1.0) as sock:
                sock.sendall(b"AMQP\x00\x00\x09\x01")
                sock.settimeout(2.0)
                return sock.recv(1) == b"\x01"  # a method frame
        except OSError:
            return False

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the node (SIGTERM: a clean shutdown that keeps durable messages)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        stop_group(process, signal.SIGTERM, timeout=timeout)
        # the node's own port mapper (ERL_EPMD_PORT): started by the node, ended with it
        subprocess.run(
            [EPMD, "-port", str(self.epmd_port), "-kill"],
            env=self.env(),
            capture_output=True,
            timeout=10,
            check=False,
        )

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""
