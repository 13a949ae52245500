"""A tracker store that cannot be reached fails the turn instead of starting a blank one.

Why: Rasa 3.6's ``Agent`` wraps every tracker store in ``FailSafeTrackerStore``. When the
database is down, its ``retrieve`` returns None (the turn starts a new, empty conversation) and
its ``save`` keeps the turn in this process's memory only. With several replicas on PostgreSQL
that means a person mid-exercise is greeted as a stranger, the bot acknowledges a turn that is
never stored, and the next replica knows nothing of it.

How: ``Agent._create_tracker_store`` is wrapped. When the store inside declares
``fail_closed = True`` (bot/privacy/tracker_store.py does), the wrapper's error callback
re-raises, so the error reaches ``Agent.handle_message`` and the crisis guard
(crisis_guard.py) answers: the static crisis resources for a crisis, an apology with the
resources otherwise. Once the database is back the next turn continues the stored
conversation. Stores without the flag keep Rasa's behaviour. Canary test:
tests/rasa_compat/test_strict_tracker_store.py.
"""

from __future__ import annotations

from typing import Any

from rasa.core.agent import Agent
from rasa.core.tracker_store import FailSafeTrackerStore

UPSTREAM = Agent._create_tracker_store


def _reraise(error: Exception) -> None:
    raise error


def _create_tracker_store(store: Any, domain: Any) -> Any:
    wrapped = UPSTREAM(store, domain)
    if isinstance(wrapped, FailSafeTrackerStore) and getattr(store, "fail_closed", False):
        wrapped._on_tracker_store_error = _reraise
    return wrapped


_create_tracker_store.__wrapped__ = UPSTREAM  # type: ignore[attr-defined]


def install() -> None:
    """Idempotent."""
    Agent._create_tracker_store = staticmethod(_create_tracker_store)


def installed() -> bool:
    return Agent.__dict__["_create_tracker_store"].__func__ is _create_tracker_store
