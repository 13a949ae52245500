"""Shared fixtures: the trained model and one running bot stack for the whole session.

Starting Rasa costs tens of seconds, so integration tests share one stack (action
server + Rasa with REST and socket.io, databases in a temporary folder). Tests that
need to stop or reconfigure servers start their own with tests/support/servers.py.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from bot import rasa_compat
from tests.support import scheduling, servers

# Tests that build or load our graph components in this process get the same patches to Rasa
# as every server (bot.rasa_cli); the CrisisDetector refuses to run without them.
rasa_compat.install()


def pytest_configure(config):
    """Whether the model is trained already, decided once before xdist starts its workers (they
    inherit the environment): the order of units depends on it and must be the same in each."""
    if scheduling.MODEL_READY_ENV not in os.environ:
        ready = bool(os.environ.get("WIDGET_TEST_MODEL")) or servers.model_path().exists()
        os.environ[scheduling.MODEL_READY_ENV] = "1" if ready else "0"


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups
def pytest_collection_modifyitems(config, items):
    """Slow units of work first, and the shared bot stack's files together on one worker
    (tests/support/scheduling.py)."""
    ready = os.environ.get(scheduling.MODEL_READY_ENV, "1") == "1"
    scheduling.plan(items, config.rootpath, model_ready=ready)


@pytest.fixture(scope="session")
def model() -> Path:
    """The trained model (trained first if the sources changed); WIDGET_TEST_MODEL names a
    trained model to reuse instead (e.g. while others keep changing the data)."""
    reuse = os.environ.get("WIDGET_TEST_MODEL")
    return Path(reuse) if reuse else servers.ensure_model(quiet=True)


@pytest.fixture(scope="session")
def bot_stack(model, tmp_path_factory):
    """A running action server and Rasa server, with the project's privacy tracker store and
    review broker on files in ``.dir`` (tracker.db, review.db, spool.jsonl); yields an object
    with .url, .actions, .dir and .key (the pseudonym key, so tests can find a person's rows)."""
    directory = tmp_path_factory.mktemp("stack")
    key = uuid.uuid4().hex * 2
    env = {"PSEUDONYM_KEY": key, "REVIEW_SPOOL_PATH": str(directory / "spool.jsonl")}
    # Both start at once (Rasa asks the action server only when a message comes).
    actions = servers.start_action_server(env=env, wait=False)
    endpoints = servers.write_endpoints(
        directory, action_port=actions.port, review_db=directory / "review.db"
    )
    rasa = None
    try:
        rasa = servers.start_rasa(model=model, endpoints=endpoints, env=env)
        actions.wait_ready(timeout=120)
    except Exception:
        if rasa is not None:
            rasa.stop()
        actions.stop()
        raise

    class Stack:
        url = rasa.url
        dir = directory

    Stack.rasa, Stack.actions, Stack.key = rasa, actions, key
    yield Stack
    rasa.stop()
    actions.stop()


@pytest.fixture
def fresh_learned_tier(monkeypatch):
    """The crisis learned tier as the test's own environment sets it: CRISIS_LEARNED_TIER unset
    (on), the loaded tier dropped before and after, so a test that switches it off or loads
    other weights leaves nothing behind for the next."""
    from bot.crisis import learned

    monkeypatch.delenv(learned.ENV_ENABLED, raising=False)
    learned.get_learned_tier.cache_clear()
    yield
    learned.get_learned_tier.cache_clear()


@pytest.fixture
def sender() -> str:
    """A fresh conversation id per test."""
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture(scope="session")
def rabbitmq(tmp_path_factory):
    """One RabbitMQ node for the test session (bot/deploy/rabbitmq.py); a missing
    rabbitmq-server is a failure (`make deploy-deps` installs it). Tests use their own queue
    names; a test that stops the node starts it again before it ends."""
    from bot.deploy.rabbitmq import RabbitMQ

    node = RabbitMQ(tmp_path_factory.mktemp("rabbitmq")).start()
    yield node
    node.stop()
