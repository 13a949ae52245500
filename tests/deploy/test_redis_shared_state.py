"""What replicas share in Redis: the conversation lock (one turn at a time per conversation,
atomically across replicas) and the Telegram update ids already handled."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from rasa.core.lock_store import LockError

from bot.channels.telegram_queue import InMemorySeenUpdates, RedisSeenUpdates, seen_updates_for
from bot.deploy.lock_store import AtomicRedisLockStore
from bot.deploy.nginx_config import free_port

pytestmark = pytest.mark.integration


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
    store = AtomicRedisLockStore(url=redis_server.url, lock_lifetime=5)
    store.issue_ticket("web:crashed", 5)  # taken, never released: the replica was killed
    assert 0 < store.red.pttl("lock:web:crashed") <= 10_000


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
