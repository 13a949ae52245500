"""What the tracker says about the turn in progress: shared by the crisis policy and the
aftercare, which both must know what has already been done since the person last wrote."""

from __future__ import annotations

from typing import List, Text

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker


def actions_since_last_user_message(tracker: DialogueStateTracker) -> List[Text]:
    """Names of the actions run after the newest user message, oldest first."""
    names: List[Text] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, ActionExecuted) and event.action_name:
            names.append(event.action_name)
    return list(reversed(names))
