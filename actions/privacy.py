"""``action_forget_me``: tell the person their conversation is being deleted.

The deletion itself is not done here (the action server has no database access by
design): the tracker store (bot/privacy/tracker_store.py) deletes the sender's stored
events when it saves a turn that ran this action, and the review event broker deletes
the anonymised review rows. ``Restarted`` clears the in-memory conversation too, so
nothing said before is used for the rest of the chat.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.exercise import exercise_for_form

CONFIRM_QUESTION = "utter_confirm_delete"

CONFIRMATION = (
    "I've deleted this conversation. What you said here has been removed from my records, "
    "including the anonymised copy counsellors can review. If you'd like to talk again, "
    "I'm here whenever you want."
)


def paused_form(tracker: Tracker) -> Optional[Text]:
    """The exercise form the delete question interrupted (it stepped aside for it), if any."""
    asked = False
    users = 0
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            users += 1
            if asked or users > 1:
                return None
        elif kind == "action" and event.get("name") == CONFIRM_QUESTION:
            asked = True
        elif asked and kind == "action_execution_rejected":
            name = event.get("name")
            return name if exercise_for_form(name) else None
    return None


class ActionDeleteCancelled(Action):
    """A "no" to deleting: nothing is deleted, and an exercise the question interrupted goes
    on where it was (the form asks its question again, after a reply that asks nothing)."""

    def name(self) -> Text:
        return "action_delete_cancelled"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        form = paused_form(tracker)
        if form:
            # The form asks its step next: one question in the reply, not "what would you
            # like to do?" and then the step.
            dispatcher.utter_message(response="utter_delete_cancelled_resume")
            return [FollowupAction(form)]
        dispatcher.utter_message(response="utter_delete_cancelled")
        # Always one event: ActionFailurePolicy reads a custom action with none as failed.
        return [SlotSet("exercise_offered", None)]


class ActionForgetMe(Action):
    """Only after a yes to the delete question: typed, or its own button (an old button
    answering another question never gets here: bot/rasa_compat/payload_guard.py)."""

    def name(self) -> Text:
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=CONFIRMATION)
        return [Restarted()]
