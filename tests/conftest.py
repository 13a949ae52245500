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
from tests.support import servers

# Tests that build or load our graph components in this process get the same patches to Rasa
# as every server (bot.rasa_cli); the CrisisDetector refuses to run without them.
rasa_compat.install()


# Every file that talks to the session's bot stack (below) runs on one xdist worker: `make test`
# hands out work with --dist loadgroup, and a file is a group of its own unless it uses the stack,
# so the stack starts once per run instead of once per worker that happens to get such a file.
SHARED_STACK = "bot_stack"


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups
def pytest_collection_modifyitems(config, items):
    """Group the files for the workers, and hand out the slow ones first (stable otherwise).

    The workers take units of work (a file, or all the shared stack's files) in collection
    order (`make test` passes --no-loadscope-reorder: xdist would otherwise put the files with
    the most tests first, the quick parametrised ones). Longest first is the classic fix for
    that packing: a server-starting file that came last left one worker busy alone at the end.
    The shared stack's group is the longest (a Rasa start, the browser and the conversations)."""
    slow = {"browser": 1, "integration": 2}
    files: dict = {}
    for item in items:
        files.setdefault(item.path, []).append(item)
    rank, group = {}, {}
    for path, its in files.items():
        shares = any(SHARED_STACK in item.fixturenames for item in its)
        marks = [slow[m.name] for item in its for m in item.iter_markers() if m.name in slow]
        rank[path] = 0 if shares else min(marks, default=len(slow) + 1)
        group[path] = SHARED_STACK if shares else str(path.relative_to(config.rootpath))
    items.sort(key=lambda item: rank[item.path])
    for item in items:
        item.add_marker(pytest.mark.xdist_group(group[item.path]))


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
