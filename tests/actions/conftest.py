"""Tracker fixtures for action tests: build rasa_sdk Trackers the way Rasa sends them."""

from __future__ import annotations

import json
import re
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


def meaning(button: Dict[str, str]) -> str:
    """What a button says without the question it answers: '/affirm',
    '/stop{"exercise":"breathing"}', or the title of a button whose answer is words."""
    match = re.match(r"^/(\w+)(\{.*\})?$", button["payload"])
    assert match, f"every button names its question: {button}"
    entities = json.loads(match.group(2) or "{}")
    assert isinstance(entities.pop("question", None), str), f"no question named: {button}"
    if match.group(1) == "answer":
        return button["title"]
    args = json.dumps(entities, separators=(",", ":")) if entities else ""
    return f"/{match.group(1)}{args}"


def questions(dispatcher: CollectingDispatcher) -> List[str]:
    """The question each button of the dispatched messages says it answers."""
    out = []
    for message in dispatcher.messages:
        for button in message.get("buttons") or []:
            meaning(button)  # (asserts the payload names one)
            out.append(json.loads("{" + button["payload"].split("{", 1)[1])["question"])
    return out


def payloads(dispatcher: CollectingDispatcher) -> List[str]:
    """What each button of the dispatched messages says (see ``meaning``)."""
    return [meaning(b) for m in dispatcher.messages for b in m.get("buttons") or []]


def slot_events(events) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
