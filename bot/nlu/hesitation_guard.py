"""Replies that hold no answer yet get the `hesitate` intent, whatever the classifier guessed.

The classifier read "idk" as anxious (a grounding offer for a worry nobody named), "not sure" and
"no idea" as a yes (to "are you safe?" that said "I'm glad you're safe"), "maybe" and "perhaps"
as a no (an offer declined), "..." as goodbye and "hmm" as a no. None of these says any of that:
the person does not know yet, hesitates or is still thinking. The readers are strict whole-message
readers (bot/nlu/short_reply.py), so anything that tells more keeps the classifier's reading.

Runs after the FallbackClassifier, and never touches `crisis`: the crisis tiers run before it and
a crisis reading always stands. What `hesitate` then gets is in the rules: a gentle open reply
(actions/hesitation.py), a gentle check after an offer, and the "not safe" follow-up after
"are you safe?" (not knowing whether one is safe is not safe). Inside an exercise the form takes
it as the step's answer, where the validators read "idk" and "..." as before.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.short_reply import is_pause, is_tentative, is_unsure

HESITATE = "hesitate"
# A crisis reading always stands; a yes stays a yes ("i guess so", "sure i guess").
KEEP = frozenset({"crisis", "affirm"})
# An emoji alone can mean something the classifier knows (👍 yes, 👎 no, 👋 hello): a wordless
# message is a pause only when it was read as goodbye or not understood.
PAUSE_MISREADS = frozenset({"goodbye", "nlu_fallback"})


def hesitates(text: Text, intent: Text) -> bool:
    """Whether a message read as `intent` only says "I don't know", "maybe" or nothing yet."""
    if intent == "crisis" or not text or text.lstrip().startswith("/"):
        return False
    if is_unsure(text) and intent != "crisis":
        return True
    if is_pause(text):
        return intent in PAUSE_MISREADS or is_unsure(text)
    return is_tentative(text) and intent not in KEEP


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class HesitationGuard(GraphComponent):
    """Sets `hesitate` for a message that holds no answer yet (see the module docstring)."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "HesitationGuard":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if hesitates(message.get(TEXT) or "", intent.get("name") or ""):
                top = {"name": HESITATE, "confidence": 1.0}
                ranking = message.get(INTENT_RANKING_KEY) or [intent]
                rest = [dict(r) for r in ranking if r.get("name") != HESITATE]
                message.set(INTENT, top, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [top] + rest, add_to_output=True)
        return messages
