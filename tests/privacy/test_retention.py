"""Forgetting and retention: remove what they should, nothing else, and never write it back."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Restarted,
    SessionStarted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import retention
from bot.privacy.broker import ReviewEventBroker
from bot.privacy.pseudonym import pseudonym
from bot.privacy.tracker_store import PrivacySQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]
DAY = 86400.0


@pytest.fixture(autouse=True)
def fixed_key(monkeypatch):
    monkeypatch.setenv("PSEUDONYM_KEY", "cd" * 32)


def store(tmp_path, broker=None, **kw):
    return PrivacySQLTrackerStore(
        domain=Domain.empty(),
        dialect="sqlite",
        db=str(tmp_path / "tracker.db"),
        event_broker=broker,
        **kw,
    )


def conversation(sender, text, t0):
    tracker = DialogueStateTracker(sender, [])
    for ev in [
        SessionStarted(timestamp=t0),
        ActionExecuted("action_listen", timestamp=t0 + 1),
        UserUttered(text, {"name": "greet", "confidence": 0.9}, timestamp=t0 + 2),
        BotUttered("hello, I'm a bot", timestamp=t0 + 3),
        ActionExecuted("action_listen", timestamp=t0 + 4),
    ]:
        tracker.update(ev)
    return tracker


def rows(db: Path, sender=None):
    con = sqlite3.connect(db)
    try:
        q = (
            "select sender_id, type_name, data from events"
            + (" where sender_id=?" if sender else "")
            + " order by id"
        )
        return con.execute(q, (sender,) if sender else ()).fetchall()
    finally:
        con.close()


async def forget(st, tracker, t):
    tracker.update(UserUttered("yes", {"name": "affirm", "confidence": 1.0}, timestamp=t))
    tracker.update(ActionExecuted("action_forget_me", timestamp=t + 1))
    tracker.update(BotUttered("I've deleted this conversation.", timestamp=t + 2))
    tracker.update(Restarted(timestamp=t + 3))
    tracker.update(ActionExecuted("action_listen", timestamp=t + 4))
    await st.save(tracker)


async def test_forget_deletes_that_sender_only_and_never_rewrites(tmp_path):
    now = time.time()
    st = store(tmp_path)
    alice = conversation("alice", "my name is Priya and my number is 07700 900123", now)
    bob = conversation("bob", "i'm bob from leeds", now)
    await st.save(alice)
    await st.save(bob)
    assert len(rows(tmp_path / "tracker.db", "alice")) == 5
    await forget(st, alice, now + 10)
    assert rows(tmp_path / "tracker.db", "alice") == []
    assert len(rows(tmp_path / "tracker.db", "bob")) == 5
    # the same in-memory tracker saved again (and again) must not bring the old events back
    await st.save(alice)
    alice.update(
        UserUttered("hello again", {"name": "greet", "confidence": 1.0}, timestamp=now + 20)
    )
    await st.save(alice)
    stored = rows(tmp_path / "tracker.db", "alice")
    assert all("Priya" not in data and "07700" not in data for _, _, data in stored)
    assert any("hello again" in data for _, _, data in stored)
    # and a fresh retrieve starts from nothing of the old conversation
    tracker = await st.retrieve("alice")
    assert tracker is None or all(
        getattr(e, "text", None) != "my name is Priya and my number is 07700 900123"
        for e in tracker.events
    )


async def test_forget_also_removes_review_rows_through_the_broker(tmp_path):
    now = time.time()
    broker = ReviewEventBroker(
        url=f"sqlite:///{tmp_path / 'review.db'}", spool_path=str(tmp_path / "spool.jsonl")
    )
    st = store(tmp_path, broker=broker)
    alice = conversation("alice", "my name is Priya", now)
    bob = conversation("bob", "my name is Tom", now)
    await st.save(alice)
    await st.save(bob)
    assert broker.flush()
    con = sqlite3.connect(tmp_path / "review.db")
    assert {p for (p,) in con.execute("select pseudonym from review_conversations")} == {
        pseudonym("alice"),
        pseudonym("bob"),
    }
    await forget(st, alice, now + 10)
    assert broker.flush()
    broker.stop()
    assert {p for (p,) in con.execute("select pseudonym from review_conversations")} == {
        pseudonym("bob")
    }
    texts = [t for (t,) in con.execute("select text from review_turns")]
    assert "my name is [NAME]" in texts and not any("deleted" in t for t in texts)
    con.close()


async def test_retention_purges_old_events_only(tmp_path):
    now = time.time()
    st = store(tmp_path, retention_days=30)
    await st.save(conversation("old", "from long ago", now - 40 * DAY))
    await st.save(conversation("new", "from today", now - 1 * DAY))
    mixed = conversation("mixed", "old part", now - 31 * DAY)
    mixed.update(UserUttered("recent part", {"name": "greet"}, timestamp=now - 29 * DAY))
    await st.save(mixed)
    removed = st.purge_now()
    assert removed == 10
    db = tmp_path / "tracker.db"
    assert rows(db, "old") == []
    assert len(rows(db, "new")) == 5
    left = rows(db, "mixed")
    assert len(left) == 1 and "recent part" in left[0][2]


async def test_purge_task_starts_lazily_on_save(tmp_path):
    now = time.time()
    st = store(tmp_path, retention_days=30, purge_interval=3600)
    assert st._purge_task is None
    await st.save(conversation("old", "from long ago", now - 40 * DAY))
    assert st._purge_task is not None
    for _ in range(100):
        await asyncio.sleep(0.05)
        if not rows(tmp_path / "tracker.db", "old"):
            break
    assert rows(tmp_path / "tracker.db", "old") == []
    st._purge_task.cancel()


def test_delete_review_removes_one_pseudonym(tmp_path):
    url = f"sqlite:///{tmp_path / 'review.db'}"
    broker = ReviewEventBroker(url=url, spool_path=str(tmp_path / "spool.jsonl"))
    for sender in ("a", "b"):
        broker.publish({"sender_id": sender, "event": "session_started", "timestamp": 1.0})
        broker.publish(
            {"sender_id": sender, "event": "user", "text": "hi", "timestamp": 2.0, "parse_data": {}}
        )
    assert broker.flush()
    broker.stop()
    assert retention.delete_review(url, pseudonym("a")) == 1
    assert retention.delete_review(url, pseudonym("a")) == 0
    con = sqlite3.connect(tmp_path / "review.db")
    assert con.execute("select count(*) from review_turns").fetchone()[0] == 1


def test_purge_cli(tmp_path):
    async def fill():
        st = store(tmp_path)
        await st.save(conversation("old", "x", time.time() - 10 * DAY))
        await st.save(conversation("new", "y", time.time()))

    asyncio.run(fill())
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "purge", "--days", "7", "--tracker-db-url", url],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Purged 5 tracker events older than 7 days" in result.stdout
    assert (
        rows(tmp_path / "tracker.db", "old") == []
        and len(rows(tmp_path / "tracker.db", "new")) == 5
    )
    # default retention (30 days) keeps the 10-day-old ... nothing left to purge now
    env["TRACKER_DB_URL"] = url
    result = subprocess.run(
        [sys.executable, "-m", "bot", "purge"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=240,
    )
    assert "Purged 0 tracker events older than 30 days" in result.stdout


def test_purge_cli_without_a_database(tmp_path):
    from types import SimpleNamespace

    from bot.privacy.cli import cmd_purge

    missing = tmp_path / "nope" / "tracker.db"
    assert cmd_purge(SimpleNamespace(days=None, tracker_db_url=f"sqlite:///{missing}")) == 0
    assert not missing.exists()


def test_purge_on_missing_table_is_harmless(tmp_path):
    assert retention.purge_tracker_events(f"sqlite:///{tmp_path / 'empty.db'}", 30) == 0
    assert retention.delete_sender(f"sqlite:///{tmp_path / 'empty.db'}", "x") == 0
