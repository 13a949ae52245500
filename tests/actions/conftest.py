"""Tracker fixtures for action tests: build rasa_sdk Trackers the way Rasa sends them."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.menu  # noqa: F401  (registers every exercise)
from actions import domain_spec

LONG_TEXT = (
    "I keep going over everything I said at work and it feels like it will never stop " * 80
)[:5000]
ODD_TEXTS = {
    "emoji": "😢😢",
    "long": LONG_TEXT,
    "other_language": "je me sens tellement nul, je rate tout",
    "japanese": "自分はダメだと思う",
    "typos": "i feel liek evrythin is my fualt tbh",
}


def user_event(
    text: str,
    intent: str = "nlu_fallback",
    entities: Optional[list] = None,
    confidence: float = 0.9,
) -> Dict[str, Any]:
    return {
        "event": "user",
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": confidence},
            "entities": entities or [],
            "text": text,
        },
    }


def bot_event(text: str) -> Dict[str, Any]:
    return {"event": "bot", "text": text}


def action_event(name: str) -> Dict[str, Any]:
    return {"event": "action", "name": name}


def make_tracker(
    text: str = "",
    intent: str = "nlu_fallback",
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    entities: Optional[list] = None,
    active_loop: Optional[str] = None,
    extra_events: Optional[List[Dict[str, Any]]] = None,
) -> Tracker:
    """A tracker whose latest message is `text` with `intent`. `events` go before that message,
    `extra_events` after it (e.g. slots extracted from it, a form rejection)."""
    latest = user_event(text, intent, entities)
    all_events = list(events or []) + [latest] + list(extra_events or [])
    all_slots = {name: None for name in domain_spec.slots()}
    all_slots.update(slots or {})
    return Tracker(
        sender_id="test",
        slots=all_slots,
        latest_message=latest["parse_data"] | {"text": text},
        events=all_events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def domain() -> Dict[str, Any]:
    return {
        "slots": domain_spec.slots(),
        "forms": domain_spec.forms(),
        "actions": domain_spec.action_names(),
    }


def texts(dispatcher: CollectingDispatcher) -> List[str]:
    return [m.get("text") for m in dispatcher.messages]


def payloads(dispatcher: CollectingDispatcher) -> List[str]:
    return [b["payload"] for m in dispatcher.messages for b in m.get("buttons") or []]


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
