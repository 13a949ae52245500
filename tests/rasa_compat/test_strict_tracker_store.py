"""bot/rasa_compat/strict_tracker_store.py through ``Agent`` itself, the one place Rasa wraps a
tracker store: a store declaring ``fail_closed`` fails the turn, any other keeps Rasa's
fail-safe. The upstream code it relies on is pinned by source hash in test_patches.py."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.agent import Agent
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker


class _UnreachableStore(InMemoryTrackerStore):
    fail_closed = True

    async def retrieve(self, sender_id):
        raise ConnectionError("database is down")

    async def save(self, tracker):
        raise ConnectionError("database is down")


def test_an_agent_fails_the_turn_when_a_fail_closed_store_is_unreachable():
    """Through Agent itself, its one call site: no blank conversation, no in-memory save."""
    agent = Agent(domain=Domain.empty(), tracker_store=_UnreachableStore(Domain.empty()))
    assert isinstance(agent.tracker_store, FailSafeTrackerStore)
    with pytest.raises(ConnectionError):
        asyncio.run(agent.tracker_store.retrieve("web:someone"))
    with pytest.raises(ConnectionError):
        asyncio.run(agent.tracker_store.save(DialogueStateTracker("web:someone", [])))


def test_a_store_without_the_flag_keeps_rasas_fail_safe_behaviour():
    class Flaky(_UnreachableStore):
        fail_closed = False

    agent = Agent(domain=Domain.empty(), tracker_store=Flaky(Domain.empty()))
    assert asyncio.run(agent.tracker_store.retrieve("web:someone")) is None
