"""`action_hesitation_reply`: the reply to a message that holds no answer yet, outside an
exercise and outside an offer ("idk", "not sure", "maybe", "...", "hmm", an emoji alone; read by
bot/nlu/hesitation_guard.py).

Such a message used to be read as a theme ("idk" got a grounding offer for a worry nobody named)
or as goodbye ("..." got "take care"). Here it gets a short, open reply that assumes no theme:
a pause gets time ("take your time"), not knowing gets permission not to know and an open
question. No buttons and no exercise: nothing is put in front of someone still thinking."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import clean_text, last_bot_text, pick
from bot.nlu.short_reply import is_pause

PAUSE_REPLIES = (
    "Take your time. I'm here whenever you're ready.",
    "No rush at all. I'm still here, and we can go at whatever pace suits you.",
    "That's okay, take all the time you need. Say whatever comes, whenever it comes.",
)
OPEN_REPLIES = (
    "That's okay, you don't have to know. Is there anything on your mind today, even something "
    "small?",
    "Not knowing is completely fine. We can just talk for a bit, about anything you like. How are "
    "things for you right now?",
    "That's alright. There's no right thing to say here. What's been going on for you lately?",
)
# One event always: ActionFailurePolicy reads a custom action with none as a failed one.
DONE: List[EventType] = [SlotSet("exercise_offered", None)]


class ActionHesitationReply(Action):
    """Time for a pause, an open question for not knowing (see the module docstring)."""

    def name(self) -> Text:
        return "action_hesitation_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        text = clean_text((tracker.latest_message or {}).get("text"))
        options = PAUSE_REPLIES if is_pause(text) else OPEN_REPLIES
        dispatcher.utter_message(text=pick(options, previous=last_bot_text(tracker.events)))
        return DONE
