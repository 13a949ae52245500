"""`make bench-scale`: the production shape with one and with two Rasa replicas behind nginx.

One start of the shape (bot/deploy/local.py: PostgreSQL, Redis, RabbitMQ and the review
worker, two action servers, two replicas, nginx) and a second nginx in front of the first
replica only, so both phases run against the same processes in the same run. In each phase,
simulated people talk at once over the widget's socket.io (websocket) and over REST (opened
through nginx for this benchmark only; deploy/ never exposes it). Figures, not asserts:
throughput, latency to the first reply (p50/p95/p99), whether every message was answered,
whether every event reached the review store exactly once (through RabbitMQ and the review
worker), and CPU seconds per message of the Rasa replicas and of the whole shape. On 2 cores two replicas
cannot be twice as fast; CPU per message is what a deployment plans capacity with.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import aiohttp
import sqlalchemy as sa
import yaml

from bench.report import percentile, table
from bench.rest_latency import MESSAGES
from bench.webchat_client import WebSocketUser
from bot import fast_yaml
from bot.deploy import services
from bot.deploy.local import DEPLOY, Shape
from bot.deploy.nginx_config import free_port
from bot.privacy.pseudonym import pseudonym

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(groups: Iterable[int]) -> float:
    """CPU time (user + system) of every live process in the given process groups."""
    groups = set(groups)
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) in groups:  # field 5 of stat: the process group
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def socket_person(url: str, n: int, count: int, out: Dict[str, list]) -> None:
    person = WebSocketUser(url)
    await person.connect()
    try:
        for i in range(count):
            replies, first = await person.say_timed(MESSAGES[(i + n) % len(MESSAGES)], 120, 0.4)
            out["latency"].append(first) if first is not None else out["unanswered"].append(i)
    finally:
        await person.close()
    out["senders"].append(f"web:{person.session['session_id']}")


async def rest_person(url: str, token: str, n: int, count: int, out: Dict[str, list]) -> None:
    sender = f"bench-{secrets.token_hex(6)}"
    headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        for i in range(count):
            started = time.perf_counter()
            async with session.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": sender, "message": MESSAGES[(i + n) % len(MESSAGES)]},
                headers=headers,
            ) as response:
                replies = await response.json() if response.status == 200 else []
            if replies:
                out["latency"].append(time.perf_counter() - started)
            else:
                out["unanswered"].append(i)
    out["senders"].append(f"rest:{sender}")


async def load(url: str, token: str, socket_users: int, rest_users: int, count: int):
    results = {kind: {"latency": [], "unanswered": [], "senders": []} for kind in ("ws", "rest")}
    started = time.perf_counter()
    await asyncio.gather(
        *(socket_person(url, n, count, results["ws"]) for n in range(socket_users)),
        *(rest_person(url, token, n, count, results["rest"]) for n in range(rest_users)),
    )
    return results, time.perf_counter() - started


def _count(url: str, query: str, **params) -> Optional[int]:
    engine = sa.create_engine(url)
    statement = sa.text(query)
    for name, value in params.items():
        if isinstance(value, (list, tuple)):
            statement = statement.bindparams(sa.bindparam(name, value, expanding=True))
    try:
        with engine.connect() as connection:
            return connection.execute(statement, params).scalar()
    except sa.exc.SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def review_delivery(shape: Shape, senders: List[str], timeout: float = 300.0) -> Dict[str, str]:
    """Did every message of these people reach the review store exactly once?

    Each user and bot event the replicas stored (and so published to RabbitMQ) becomes one
    row of ``review_turns`` through the review worker; a lost event shows as fewer rows, a
    redelivery written twice as more. Counted once the worker has caught up (or ``timeout``)."""
    key = bytes.fromhex(shape.secrets["PSEUDONYM_KEY"])
    pseudonyms = [pseudonym(sender, key=key) for sender in senders]

    def counts():
        sent = _count(
            shape.postgres.tracker_url,
            "SELECT count(*) FROM events WHERE type_name IN ('user', 'bot')"
            " AND sender_id IN :senders",
            senders=senders,
        )
        rows = _count(
            shape.postgres.review_url,
            "SELECT count(*) FROM review_turns t JOIN review_conversations c"
            " ON t.conversation_id = c.id WHERE c.pseudonym IN :pseudonyms",
            pseudonyms=pseudonyms,
        )
        return sent, rows

    deadline = time.monotonic() + timeout
    sent, rows = counts()
    while (None in (sent, rows) or rows < sent) and time.monotonic() < deadline:
        time.sleep(1)
        sent, rows = counts()
    return {
        "events sent": sent,
        "review rows": rows,
        "exactly once": "yes" if sent is not None and rows == sent else "NO",
    }


def events_written(shape: Shape) -> str:
    """All events stored so far, and how many of them the review worker wrote rows for (the
    rest, slots and bookkeeping actions, have nothing to review and are acknowledged only)."""
    stored = _count(shape.postgres.tracker_url, "SELECT count(*) FROM events")
    keyed = _count(shape.postgres.review_url, "SELECT count(*) FROM review_event_keys")
    return f"{stored} events stored, {keyed} of them written to the review store"


def credentials(directory: Path) -> Path:
    """deploy/credentials.yml plus the REST channel behind a token (this benchmark only)."""
    data = fast_yaml.safe_load((DEPLOY / "credentials.yml").read_text(encoding="utf-8"))
    data["bot.channels.rest.SecureRestInput"] = None
    path = directory / "credentials.bench.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--socket-users", type=int, default=12)
    parser.add_argument("--rest-users", type=int, default=6)
    parser.add_argument("--messages", type=int, default=12, help="per simulated person")
    args = parser.parse_args(argv)

    directory = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    token = secrets.token_hex(16)
    shape = Shape(
        directory,
        extra_env={"REST_CHANNEL_TOKEN": token},
        credentials=credentials(directory),
        bench_rest=True,
        use_rabbitmq=True,  # events through RabbitMQ and the review worker, as deployed
    )
    print(f"Starting the production shape in {directory} ...", flush=True)
    shape.start()
    one = None
    try:
        one = services.start_nginx(
            [f"127.0.0.1:{shape.rasa[0].port}"],
            [f"127.0.0.1:{p.port}" for p in shape.actions],
            directory=directory / "nginx-one",
            actions_port=free_port(),
            bench_rest=True,
        )
        rasa_groups = [p.process.pid for p in shape.rasa]
        all_groups = rasa_groups + [p.process.pid for p in shape.procs if p not in shape.rasa]
        all_groups += [shape.postgres.process.pid, shape.redis.process.pid]
        all_groups += [shape.rabbitmq.process.pid] if shape.rabbitmq else []
        all_groups += [shape.nginx.process.pid, one.process.pid]
        # Warm-up: each replica's first turns build lazily loaded parts.
        asyncio.run(load(shape.nginx.url, token, 2, 2, 3))
        rows = []
        for replicas, url in ((1, one.url), (2, shape.nginx.url)):
            print(f"{replicas} replica(s) ...", flush=True)
            cpu_rasa, cpu_all = cpu_seconds(rasa_groups), cpu_seconds(all_groups)
            results, elapsed = asyncio.run(
                load(url, token, args.socket_users, args.rest_users, args.messages)
            )
            cpu_rasa = cpu_seconds(rasa_groups) - cpu_rasa
            cpu_all = cpu_seconds(all_groups) - cpu_all
            total = sum(len(r["latency"]) + len(r["unanswered"]) for r in results.values())
            for kind, label in (("ws", "socket.io"), ("rest", "REST")):
                ms = [x * 1000 for x in results[kind]["latency"]]
                sent = len(ms) + len(results[kind]["unanswered"])
                rows.append(
                    {
                        "replicas": replicas,
                        "channel": label,
                        "messages": sent,
                        "answered": len(ms),
                        "msg/s": sent / elapsed,
                        "p50 ms": percentile(ms, 50),
                        "p95 ms": percentile(ms, 95),
                        "p99 ms": percentile(ms, 99),
                        "CPU s/msg rasa": cpu_rasa / total,
                        "CPU s/msg all": cpu_all / total,
                    }
                )
            for row, kind in ((rows[-2], "ws"), (rows[-1], "rest")):
                row.update(review_delivery(shape, results[kind]["senders"]))
            rows.append(
                {
                    "replicas": replicas,
                    "channel": "both",
                    "messages": total,
                    "msg/s": total / elapsed,
                    "CPU s/msg rasa": cpu_rasa / total,
                    "CPU s/msg all": cpu_all / total,
                }
            )
        print()
        print(
            table(
                rows,
                [
                    "replicas",
                    "channel",
                    "messages",
                    "answered",
                    "msg/s",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "CPU s/msg rasa",
                    "CPU s/msg all",
                    "events sent",
                    "review rows",
                    "exactly once",
                ],
            )
        )
        print(f"\nReview store: {events_written(shape)}.")
        memory = ", ".join(f"{p.name} {rss_mb(p.process.pid):.0f} MB" for p in shape.rasa)
        print(f"\nMemory (resident) after the run: {memory}; load average {os.getloadavg()[0]:.1f}")
        print(
            f"{os.cpu_count()} CPU cores; {args.socket_users} socket.io + {args.rest_users} REST"
            f" people, {args.messages} messages each, at once. 'answered': messages with at least"
            " one reply; 'events sent': this row's people's messages and the bot's replies as"
            " events stored and published to RabbitMQ; 'review rows': their turns in the review"
            " store, written by the review worker; 'exactly once': both equal."
        )
    finally:
        if one is not None:
            one.close()
        shape.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
