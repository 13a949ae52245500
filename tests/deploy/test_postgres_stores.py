"""The tracker and review stores on PostgreSQL: two databases, two roles, a pool that fits
PostgreSQL's connection limit and survives a restart, and no silent blank conversation while
the database is away."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from rasa.core.agent import Agent
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.tracker_store import FORGET_ACTION, PrivacySQLTrackerStore

pytestmark = pytest.mark.integration


def _refused(url: str) -> str:
    engine = sa.create_engine(url)
    try:
        with pytest.raises(sa.exc.OperationalError) as error:
            engine.connect()
        return str(error.value)
    finally:
        engine.dispose()


def test_the_review_role_cannot_even_connect_to_the_tracker_database(postgres):
    assert 'permission denied for database "tracker"' in _refused(postgres.url("review", "tracker"))


def test_the_bot_role_cannot_connect_to_the_review_database(postgres):
    assert 'permission denied for database "review"' in _refused(postgres.url("bot", "review"))


def test_each_role_works_on_its_own_database(postgres):
    for url, user, database in (
        (postgres.tracker_url, "bot", "tracker"),
        (postgres.review_url, "review", "review"),
    ):
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            row = connection.execute(sa.text("select current_user, current_database()")).one()
        engine.dispose()
        assert tuple(row) == (user, database)


@pytest.fixture
def store(postgres, monkeypatch):
    monkeypatch.setenv("TRACKER_DB_POOL_SIZE", "3")
    monkeypatch.setenv("TRACKER_DB_MAX_OVERFLOW", "2")
    tracker_store = PrivacySQLTrackerStore(Domain.empty(), host=postgres.tracker_url)
    yield tracker_store
    tracker_store.engine.dispose()


@pytest.mark.parametrize("driver", ["postgresql", "postgresql+psycopg2"])
def test_the_pool_is_sized_from_settings_whatever_the_dialect_is_called(
    postgres, monkeypatch, driver
):
    monkeypatch.setenv("TRACKER_DB_POOL_SIZE", "3")
    monkeypatch.setenv("TRACKER_DB_MAX_OVERFLOW", "2")
    store = PrivacySQLTrackerStore(Domain.empty(), host=postgres.url("bot", driver=driver))
    try:
        pool = store.engine.pool
        assert (pool.size(), pool._max_overflow, pool._pre_ping) == (3, 2, True)
    finally:
        store.engine.dispose()
    # Rasa's own store configured by its endpoint keys: with the driver spelled out its pool
    # settings do not apply at all, and spelled "postgresql" it asks for 50 + 100 per process.
    rasa = SQLTrackerStore(
        Domain.empty(),
        dialect=driver,
        host="127.0.0.1",
        port=postgres.port,
        db="tracker",
        username="bot",
        password=postgres.passwords["bot"],
    )
    try:
        expected = (5, 10) if "+" in driver else (50, 100)
        assert (rasa.engine.pool.size(), rasa.engine.pool._max_overflow) == expected
    finally:
        rasa.engine.dispose()


def _conversation(sender: str) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        sender,
        [
            ActionExecuted("action_listen"),
            UserUttered("hello", {"name": "greet", "confidence": 1.0}),
            ActionExecuted("utter_greet"),
            BotUttered("hi there"),
            ActionExecuted("action_listen"),
        ],
    )


async def test_conversations_are_stored_retrieved_and_forgotten(store):
    await store.save(_conversation("web:keep"))
    tracker = _conversation("web:forget")
    await store.save(tracker)
    assert [e.text for e in (await store.retrieve("web:keep")).events if e.type_name == "user"]
    tracker.update(ActionExecuted(FORGET_ACTION))
    await store.save(tracker)
    assert await store.retrieve("web:forget") is None
    assert len((await store.retrieve("web:keep")).events) == 5


async def test_the_retention_purge_runs_on_postgres(store):
    old = _conversation("web:old")
    for event in old.events:
        event.timestamp = time.time() - 40 * 86400
    await store.save(old)
    await store.save(_conversation("web:new"))
    assert store.purge_now() == 5
    assert await store.retrieve("web:old") is None
    assert await store.retrieve("web:new") is not None


async def test_a_restarted_database_is_picked_up_and_an_absent_one_fails_the_turn(store, postgres):
    await store.save(_conversation("web:restart"))
    guarded = Agent._create_tracker_store(store, Domain.empty())  # as Rasa wraps every store
    postgres.stop()
    try:
        # Rasa's FailSafeTrackerStore would return None here (a blank conversation); ours
        # lets the error reach the turn, where the crisis guard answers.
        with pytest.raises(sa.exc.OperationalError):
            await guarded.retrieve("web:restart")
        with pytest.raises(sa.exc.OperationalError):
            await guarded.save(_conversation("web:while-down"))
    finally:
        postgres.start()
    # The pool's connections died with the server; pre-ping replaces them, no Rasa restart.
    tracker = await guarded.retrieve("web:restart")
    assert tracker is not None and len(tracker.events) == 5
    await guarded.save(_conversation("web:after"))
    assert await store.retrieve("web:while-down") is None
