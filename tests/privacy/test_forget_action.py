"""``action_forget_me`` confirms the deletion and restarts the conversation."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.privacy import CONFIRMATION, ActionForgetMe


async def test_confirms_and_restarts():
    dispatcher = CollectingDispatcher()
    tracker = Tracker(
        "someone", {}, {"intent": {"name": "affirm"}}, [], False, None, {}, "action_listen"
    )
    events = await ActionForgetMe().run(dispatcher, tracker, {})
    assert ActionForgetMe().name() == "action_forget_me"
    assert [m["text"] for m in dispatcher.messages] == [CONFIRMATION]
    assert "deleted" in CONFIRMATION
    assert events == [{"event": "restart", "timestamp": None}]
