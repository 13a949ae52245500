"""What replicas share in Redis: the conversation lock (one turn at a time per conversation,
atomically across replicas) and the Telegram update ids already handled."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import threading
import time

import pytest
from rasa.core.lock_store import LockError

from bot.channels.telegram_queue import InMemorySeenUpdates, RedisSeenUpdates, seen_updates_for
from bot.deploy.lock_store import AtomicRedisLockStore
from bot.deploy.nginx_config import free_port
from tests.support import servers

pytestmark = pytest.mark.integration

LEASE = 1.0  # seconds; the shape runs with deploy/endpoints.yml's 5

# A replica's turn in a process of its own: take the lock, say so, hold it (the turn's work,
# asleep or busy) for HOLD seconds or until killed, release it, say so.
HOLDER = """
import asyncio, sys, time
from bot.deploy.lock_store import AtomicRedisLockStore
url, conversation, lease, hold, busy = sys.argv[1:6]
store = AtomicRedisLockStore(url=url, lease_seconds=float(lease))
async def turn():
    async with store.lock(conversation, wait_time_in_seconds=0.05):
        print("held", time.time(), flush=True)
        if busy == "busy":  # the event loop itself blocked, as by a long model prediction
            time.sleep(float(hold))
        else:
            await asyncio.sleep(float(hold))
        print("releasing", time.time(), flush=True)
asyncio.run(turn())
"""


def _holder(redis_server, conversation, hold, busy=False):
    """A process holding ``conversation``'s lock; returns it once the lock is taken."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, redis_server.url, conversation, str(LEASE), str(hold)]
        + ["busy" if busy else "asleep"],
        cwd=servers.ROOT,
        env=servers.base_env({}),
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    assert line.startswith("held"), f"the holder did not take the lock: {line!r}"
    return process


async def _take(store, conversation):
    """When (time.time()) ``store`` got the conversation's lock."""
    async with store.lock(conversation, wait_time_in_seconds=0.05):
        return time.time()


def _replica_turns(store, conversation, turns, log, guard, errors):
    async def run():
        for _ in range(turns):
            async with store.lock(conversation, wait_time_in_seconds=0.01):
                with guard:
                    log.append(("enter", threading.get_ident(), time.monotonic()))
                await asyncio.sleep(0.01)  # a turn's work, during which no other may run
                with guard:
                    log.append(("exit", threading.get_ident(), time.monotonic()))

    try:
        asyncio.run(run())
    except Exception as error:  # noqa: BLE001 - reported by the test
        errors.append(error)


def test_two_replicas_never_run_turns_of_one_conversation_at_once(redis_server):
    replicas = [AtomicRedisLockStore(url=redis_server.url) for _ in range(3)]
    log, guard, errors = [], threading.Lock(), []
    threads = [
        threading.Thread(target=_replica_turns, args=(s, "web:busy", 15, log, guard, errors))
        for s in replicas
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    kinds = [kind for kind, _, _ in log]
    assert kinds == ["enter", "exit"] * 45  # strictly one at a time, every turn ran
    assert replicas[0].red.exists("lock:web:busy") == 0  # released, nothing left behind


def test_a_lock_key_expires_when_its_replica_dies(redis_server):
    store = AtomicRedisLockStore(url=redis_server.url, lease_seconds=5)
    store.issue_ticket("web:crashed", 5)  # taken, never released: the replica was killed
    assert 0 < store.red.pttl("lock:web:crashed") <= 10_000


def test_a_killed_replicas_lock_lapses_within_its_lease(redis_server):
    holder = _holder(redis_server, "web:killed", hold=600)
    try:
        time.sleep(3 * LEASE)  # renewed meanwhile: still held long past one lease
        store = AtomicRedisLockStore(url=redis_server.url, lease_seconds=LEASE)
        assert store.get_lock("web:killed").is_someone_waiting()
        holder.send_signal(signal.SIGKILL)
        killed = time.time()
        holder.wait(10)
        taken = asyncio.run(_take(store, "web:killed"))
    finally:
        holder.kill()
        holder.wait(10)
    assert taken - killed < LEASE + 2  # not Rasa's 60 s lock lifetime
    assert store.red.exists("lock:web:killed") == 0


def test_a_lapsed_lease_is_taken_back_only_while_nobody_else_has_the_conversation(redis_server):
    """A replica starved of CPU for a whole lease: its turn keeps the lock if no other turn
    took it meanwhile, and never takes it back from one that did."""
    store = AtomicRedisLockStore(url=redis_server.url, lease_seconds=LEASE)
    first = store.issue_ticket("web:starved", 0.01)  # lapses at once
    time.sleep(0.05)
    assert store.renew_all([("web:starved", first)]) == []  # taken back
    lock = store.get_lock("web:starved")
    assert lock.now_serving == first and lock.tickets[0].expires > time.time() + LEASE / 2
    store.cleanup("web:starved", first)
    late = store.issue_ticket("web:taken", 0.05)
    other = store.issue_ticket("web:taken", LEASE)  # waiting, and serving once `late` lapsed
    time.sleep(0.1)
    assert store.get_lock("web:taken").now_serving == other
    assert store.renew_all([("web:taken", late), ("web:taken", other)]) == [("web:taken", late)]
    lock = store.get_lock("web:taken")
    assert lock.now_serving == other and lock.tickets[0].expires > time.time() + LEASE / 2


@pytest.mark.parametrize("busy", [False, True], ids=["awaiting", "event-loop-blocked"])
def test_a_live_turn_longer_than_its_lease_keeps_the_lock(redis_server, busy):
    conversation = f"web:slow-{busy}"
    holder = _holder(redis_server, conversation, hold=3 * LEASE, busy=busy)
    try:
        store = AtomicRedisLockStore(url=redis_server.url, lease_seconds=LEASE)
        taken = asyncio.run(_take(store, conversation))
        released = float(holder.stdout.readline().split()[1])
    finally:
        holder.wait(10)
    assert holder.returncode == 0
    assert taken >= released, "the second turn ran while the slow one still held the lock"


def test_redis_down_refuses_the_lock_quickly():
    store = AtomicRedisLockStore(url=f"redis://:x@127.0.0.1:{free_port()}/0")
    started = time.monotonic()
    with pytest.raises(LockError):
        store.issue_ticket("web:any")
    assert time.monotonic() - started < 5


async def test_an_update_seen_by_one_replica_is_not_handled_by_another(redis_server):
    first, second = (RedisSeenUpdates(redis_server.url, "123", ttl=60) for _ in range(2))
    assert await first.first_time(9001)
    assert not await second.first_time(9001)
    assert await second.first_time(9002)
    await first.forget(9002)  # refused after all (busy): a redelivery is handled
    assert await first.first_time(9002)
    assert 0 < await first.red.ttl("telegram:seen:123:9001") <= 60
    other_bot = RedisSeenUpdates(redis_server.url, "456", ttl=60)
    assert await other_bot.first_time(9001)


def test_redis_is_used_only_when_configured(redis_server, monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(seen_updates_for("123:abc"), InMemorySeenUpdates)
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    shared = seen_updates_for("123:secret-part")
    assert isinstance(shared, RedisSeenUpdates) and shared.prefix == "telegram:seen:123:"
