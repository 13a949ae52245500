"""``action_forget_me``: tell the person their conversation is being deleted.

The deletion itself is not done here (the action server has no database access by
design): the tracker store (bot/privacy/tracker_store.py) deletes the sender's stored
events when it saves a turn that ran this action, and the review event broker deletes
the anonymised review rows. ``Restarted`` clears the in-memory conversation too, so
nothing said before is used for the rest of the chat.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import Restarted
from rasa_sdk.executor import CollectingDispatcher

CONFIRMATION = (
    "I've deleted this conversation. What you said here has been removed from my records, "
    "including the anonymised copy counsellors can review. If you'd like to talk again, "
    "I'm here whenever you want."
)


class ActionForgetMe(Action):
    def name(self) -> Text:
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=CONFIRMATION)
        return [Restarted()]
