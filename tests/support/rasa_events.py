"""Rasa tracker events as the event broker receives them (dicts), for broker and review tests."""

from __future__ import annotations


def user_event(sender, t, text, intent="vent", crisis=None, channel="socketio", confidence=0.9):
    """A user message with what the NLU understood (and a crisis category when given)."""
    parse = {"intent": {"name": intent, "confidence": confidence}, "entities": []}
    if crisis:
        parse["entities"] = [{"entity": "crisis_category", "value": crisis}]
    return {
        "sender_id": sender,
        "event": "user",
        "timestamp": t,
        "text": text,
        "input_channel": channel,
        "parse_data": parse,
    }


def bot_event(sender, t, text, buttons=()):
    """A bot message; ``buttons`` as (title, payload) pairs."""
    event = {"sender_id": sender, "event": "bot", "timestamp": t, "text": text}
    if buttons:
        event["data"] = {"buttons": [{"title": ti, "payload": p} for ti, p in buttons]}
    return event
