"""Response selection that does not say the same thing twice in a row.

Rasa picks a response variation at random, so a person who gets the same kind of
reply twice can read the very same sentence again, which feels mechanical at the
moment it matters most. This generator avoids the texts of the last two bot
messages whenever another suitable variation exists; slot conditions and channel
filters still apply as in Rasa's own templated generator.

A long answer asked for twice (what therapy is and how to find it) was given again in
full, a different wording of the same paragraph. A response ``utter_x`` may have a
shorter ``utter_x_again``: once ``utter_x`` has been said in the conversation (since the
last restart), the shorter one is said instead.
"""

from __future__ import annotations

import copy
import random
from typing import Any, Dict, List, Optional, Text

from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered
from rasa.shared.core.trackers import DialogueStateTracker

RECENT_BOT_MESSAGES = 2
AGAIN_SUFFIX = "_again"


def said_before(tracker: DialogueStateTracker, utter_action: Text) -> bool:
    """Whether ``utter_action`` has run in this conversation since its last restart."""
    return any(
        isinstance(e, ActionExecuted) and e.action_name == utter_action
        for e in tracker.applied_events()
    )


def recent_bot_texts(tracker: DialogueStateTracker, count: int = RECENT_BOT_MESSAGES) -> List[str]:
    """The texts of the last ``count`` bot messages, newest first."""
    texts: List[str] = []
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            texts.append(event.text or "")
            if len(texts) == count:
                break
    return texts


class VaryingNLG(TemplatedNaturalLanguageGenerator):
    """Templated responses, avoiding a repeat of the previous bot texts."""

    def __init__(self, endpoint_config: Any = None, domain: Optional[Domain] = None) -> None:
        super().__init__((domain or Domain.empty()).responses)

    async def generate(
        self,
        utter_action: Text,
        tracker: DialogueStateTracker,
        output_channel: Text,
        **kwargs: Any,
    ) -> Optional[Dict[Text, Any]]:
        filled_slots = tracker.current_slot_values()
        if utter_action not in self.responses:
            return None
        again = f"{utter_action}{AGAIN_SUFFIX}"
        if again in self.responses and said_before(tracker, utter_action):
            utter_action = again
        candidates = ResponseVariationFilter(self.responses).responses_for_utter_action(
            utter_action, output_channel, filled_slots
        )
        if not candidates:
            return None
        recent = recent_bot_texts(tracker)
        chosen = choose_variation(candidates, recent, filled_slots, self._fill_response, kwargs)
        return chosen

    def _fill_response(
        self,
        response: Dict[Text, Any],
        filled_slots: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> Dict[Text, Any]:
        """Rasa's slot filling, except that a button's payload is left as written.

        Every payload carries JSON (``/affirm{"question":"offer_grounding"}``), which Rasa's
        interpolator takes for a ``{slot}`` placeholder: it logs an ERROR with a traceback for
        each button shown and returns the text unchanged. Payloads never name a slot, so they
        are set aside before filling and put back after; titles are still filled.
        """
        buttons = [b for b in response.get("buttons") or () if isinstance(b, dict)]
        payloads = [(b, b.pop("payload")) for b in buttons if "payload" in b]
        filled = super()._fill_response(response, filled_slots, **kwargs)
        for button, payload in payloads:
            button["payload"] = payload
        return filled


def choose_variation(candidates, recent, filled_slots, fill, kwargs) -> Dict[Text, Any]:
    """Fill every candidate, then prefer those whose text is not among ``recent``.

    Texts are compared after slot filling, since that is what the person reads.
    """
    filled = [fill(copy.deepcopy(c), filled_slots, **kwargs) for c in candidates]
    fresh = [r for r in filled if (r.get("text") or "") not in recent]
    # Never the immediately previous text if any alternative exists at all.
    if not fresh and recent:
        fresh = [r for r in filled if (r.get("text") or "") != recent[0]]
    return random.choice(fresh or filled)
