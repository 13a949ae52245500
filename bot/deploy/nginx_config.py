"""deploy/nginx/bot.conf with the addresses of this machine's replicas, for tests and
``make deploy``.

The file in deploy/ is the one a deployment installs; here only its upstream ``server`` lines
and its ``listen`` ports are rewritten, so what the tests prove is what production runs.
``write_standalone`` wraps it in the few top-level lines nginx needs to run from a temporary
folder as an ordinary process (no /etc/nginx, no system service).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Dict, Optional, Sequence

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "bot.conf"
DEFAULT_LISTEN = "listen 80 default_server;"  # the bot
PUBLIC_LISTEN = "listen 80;"  # the review app's host name
REVIEW_HOST = "review.example.org"  # the review app's server_name in bot.conf
ACTIONS_LISTEN = "listen 5055;"
_UPSTREAM = re.compile(r"(upstream\s+(\w+)\s*\{)(.*?)(\})", re.S)
_SERVER_LINE = re.compile(r"^\s*server\s+\S+[^;\n]*;\s*\n", re.M)


def upstream_servers(text: str) -> Dict[str, list]:
    """{upstream name: [address, ...]} as written in a configuration."""
    found = {}
    for match in _UPSTREAM.finditer(text):
        body = match.group(3)
        found[match.group(2)] = re.findall(r"^\s*server\s+(\S+?)[\s;]", body, re.M)
    return found


# `make bench-scale` only: REST users through nginx to any replica (never in deploy/).
BENCH_REST = """    location = /webhooks/rest/webhook {
        proxy_pass http://rasa_any;
        proxy_http_version 1.1;
        proxy_read_timeout 120s;
    }

"""
_CATCH_ALL = "    location / {\n        return 404;"


def render(
    rasa: Sequence[str],
    actions: Sequence[str],
    public_port: int,
    actions_port: int,
    template: Path = TEMPLATE,
    bench_rest: bool = False,
    review: Optional[str] = None,
) -> str:
    """bot.conf with ``rasa`` (host:port) behind both Rasa upstreams and ``actions`` behind the
    action servers' one, listening on loopback ``public_port`` and ``actions_port``."""
    if not rasa:
        raise ValueError("at least one Rasa replica is needed")
    text = template.read_text(encoding="utf-8")
    addresses = {
        "rasa_sticky": rasa,
        "rasa_any": rasa,
        "actions": actions or ["127.0.0.1:9"],
        "review_app": [review or "127.0.0.1:9"],
    }

    def rewrite(match: re.Match) -> str:
        servers = addresses.get(match.group(2))
        if servers is None:
            return match.group(0)
        body = _SERVER_LINE.sub("", match.group(3))
        options = "max_fails=1 fail_timeout=10s"
        lines = "".join(f"    server {address} {options};\n" for address in servers)
        return match.group(1) + body.rstrip(" ") + lines + match.group(4)

    text = _UPSTREAM.sub(rewrite, text)
    for old, new in (
        (DEFAULT_LISTEN, f"listen 127.0.0.1:{public_port} default_server;"),
        (PUBLIC_LISTEN, f"listen 127.0.0.1:{public_port};"),
        (ACTIONS_LISTEN, f"listen 127.0.0.1:{actions_port};"),
    ):
        if old not in text:
            raise ValueError(f"{template} no longer has `{old}`: update nginx_config.py")
        text = text.replace(old, new)
    if bench_rest:
        text = text.replace(_CATCH_ALL, BENCH_REST + _CATCH_ALL, 1)
    return text


def write_standalone(
    directory: Path,
    public_port: int,
    rasa: Sequence[str],
    actions: Sequence[str] = (),
    actions_port: int = 0,
    bench_rest: bool = False,
    review: Optional[str] = None,
) -> Path:
    """A complete nginx.conf in ``directory`` running bot.conf from there; returns its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    actions_port = actions_port or free_port()
    config_text = render(
        rasa, actions, public_port, actions_port, bench_rest=bench_rest, review=review
    )
    (directory / "bot.conf").write_text(config_text)
    # As root, nginx's workers run as nobody: their temp folders must be theirs, in a place
    # they can reach (``directory`` may sit below a folder only root may enter).
    temp_root = directory
    user = ""
    if os.geteuid() == 0:
        user = "user nobody nogroup;\n"
        temp_root = Path(tempfile.mkdtemp(prefix="nginx-temp-"))
        shutil.chown(temp_root, "nobody", "nogroup")
        (directory / "temp-folder").write_text(str(temp_root))
    temp = "".join(
        f"    {kind}_temp_path {temp_root / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = directory / "nginx.conf"
    config.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {directory / 'nginx.pid'};\n"
        f"error_log {directory / 'error.log'} warn;\n"
        "events { worker_connections 4096; }\n"
        "http {\n"
        # Which replica served which socket (tests check stickiness from it); no message text
        # is ever in a URL, and the sticky key is random per socket.
        "    log_format routed '$msec $arg_sticky $upstream_addr $status \"$request_method $uri\"';\n"
        f"    access_log {directory / 'access.log'} routed;\n"
        f"{temp}"
        f"    include {directory / 'bot.conf'};\n"
        "}\n"
    )
    return config


def free_port() -> int:
    """A TCP port on loopback that is free right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
