"""REST latency and throughput of our bot against a bare `rasa init` bot, side by side.

Both bots run on this machine at the same time of the same run, with the same venv, so
the ratio is meaningful even on a shared, noisy machine where absolute numbers are not.
Ten simulated users each hold a conversation of realistic messages; every request's
latency is recorded. Then one long conversation measures whether latency grows with the
tracker's length (turn 20 against turn 300).
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.report import percentile, table
from tests.support import servers

MESSAGES = [
    "hi",
    "hey there",
    "im feeling really low today",
    "can we do a breathing exercise",
    "i keep thinking im not good enough",
    "yes",
    "no thanks",
    "what can you do",
    "are you a bot?",
    "my exam is tomorrow and im freaking out",
    "i feel so alone lately",
    "should i quit my job",
    "thanks",
    "stop",
    "how do i find a therapist",
    "i'm such an idiot",
    "ok",
    "bye",
]
USERS = 10
TOTAL = 500


async def _conversation(session, url, user, count, latencies):
    for i in range(count):
        message = MESSAGES[(i + user) % len(MESSAGES)]
        start = time.perf_counter()
        async with session.post(
            f"{url}/webhooks/rest/webhook", json={"sender": f"bench-{user}", "message": message}
        ) as resp:
            await resp.read()
            resp.raise_for_status()
        latencies.append(time.perf_counter() - start)


async def load(url: str, users: int = USERS, total: int = TOTAL):
    """Send ``total`` messages from ``users`` concurrent users; return (latencies, seconds)."""
    latencies: list = []
    per_user = total // users
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        # Warm up (first requests load lazily-built parts).
        for message in MESSAGES[:3]:
            async with session.post(
                f"{url}/webhooks/rest/webhook", json={"sender": "warmup", "message": message}
            ) as resp:
                await resp.read()
        start = time.perf_counter()
        await asyncio.gather(
            *(_conversation(session, url, u, per_user, latencies) for u in range(users))
        )
        elapsed = time.perf_counter() - start
    return latencies, elapsed


async def long_conversation(url: str, turns: int = 300, window: int = 10):
    """Latency around turn 20 and around the last turn of one long conversation."""
    latencies = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        for i in range(turns):
            start = time.perf_counter()
            async with session.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": "bench-long", "message": MESSAGES[i % len(MESSAGES)]},
            ) as resp:
                await resp.read()
            latencies.append(time.perf_counter() - start)
    early = statistics.median(latencies[20 - window // 2 : 20 + window // 2])
    late = statistics.median(latencies[-window:])
    return early, late


def build_bare_bot(directory: Path) -> Path:
    """`rasa init` in a temporary folder with the same venv; returns its trained model."""
    rasa = Path(sys.executable).with_name("rasa")
    directory.mkdir(parents=True, exist_ok=True)  # `rasa init --init-dir` refuses a missing folder
    subprocess.run(
        [str(rasa), "init", "--no-prompt", "--init-dir", str(directory)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        env=servers.base_env(),
    )
    models = sorted((directory / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError("rasa init produced no model")
    return models[-1]


def summarise(name, latencies, elapsed):
    ms = [x * 1000 for x in latencies]
    return {
        "bot": name,
        "requests": len(ms),
        "p50 ms": percentile(ms, 50),
        "p95 ms": percentile(ms, 95),
        "p99 ms": percentile(ms, 99),
        "req/s": len(ms) / elapsed,
    }


def main() -> None:
    ours_model = servers.ensure_model(quiet=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    print("Building the bare `rasa init` bot (trains once per run)...", flush=True)
    bare_model = build_bare_bot(tmp / "bare")

    actions = servers.start_action_server()
    ours_endpoints = servers.write_endpoints(tmp / "ours", actions.port)
    ours = servers.start_rasa(model=ours_model, endpoints=ours_endpoints)
    bare = servers.start_rasa(
        model=bare_model, endpoints=servers.write_endpoints(tmp / "bare-endpoints", None)
    )
    try:
        rows = []
        # Interleave the runs so that background noise hits both bots alike.
        results = {"ours": ([], 0.0), "bare": ([], 0.0)}
        for _round in range(2):
            for name, server in (("ours", ours), ("bare", bare)):
                lat, secs = asyncio.run(load(server.url, USERS, TOTAL // 2))
                results[name] = (results[name][0] + lat, results[name][1] + secs)
        for name in ("ours", "bare"):
            rows.append(summarise(name, *results[name]))
        ratio = {k: rows[0][k] / rows[1][k] for k in ("p50 ms", "p95 ms", "p99 ms", "req/s")}
        ratio.update(bot="ours/bare", requests="")
        rows.append(ratio)
        print("\nREST channel, 10 concurrent users")
        print(table(rows, ["bot", "requests", "p50 ms", "p95 ms", "p99 ms", "req/s"]))

        early, late = asyncio.run(long_conversation(ours.url))
        bare_early, bare_late = asyncio.run(long_conversation(bare.url))
        print("\nOne long conversation (median of 10 turns around each point)")
        print(
            table(
                [
                    {
                        "bot": "ours",
                        "turn 20 ms": early * 1000,
                        "turn 300 ms": late * 1000,
                        "300/20": late / early,
                    },
                    {
                        "bot": "bare",
                        "turn 20 ms": bare_early * 1000,
                        "turn 300 ms": bare_late * 1000,
                        "300/20": bare_late / bare_early,
                    },
                ],
                ["bot", "turn 20 ms", "turn 300 ms", "300/20"],
            )
        )
    finally:
        ours.stop()
        bare.stop()
        actions.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
