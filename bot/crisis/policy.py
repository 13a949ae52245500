"""A policy that answers a crisis message first, in every state of the conversation.

Rules alone cannot guarantee this: while a form is active, Rasa's RulePolicy
predicts the form ("loop happy path") before any rule, and a free-text slot would
take the crisis message as an answer. This policy outranks it: when the latest
message has the ``crisis`` intent it predicts the static resources, then, for the kinds of
crisis where it changes what helps (the ``crisis_kind`` slot: medical emergency, abuse,
someone else at risk, harm to others, personal danger, psychosis), the guidance for that
kind, then ends any active form (clearing the form's slots, so nothing said in it is
kept), then asks whether the person is safe, then listens. Forms added later are covered with no
new rules. In the turns after "I'm not safe" it stays with the person (bot/crisis/aftercare.py).
It needs no training and no action server.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.policies.policy import PolicyPrediction, confidence_scores_for
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import (
    ACTION_DEACTIVATE_LOOP_NAME,
    ACTION_LISTEN_NAME,
    REQUESTED_SLOT,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.crisis import aftercare, resources
from bot.crisis.turns import actions_since_last_user_message
from bot.dialogue.fixed_policy import FixedPolicy

CRISIS_INTENT = "crisis"
RESOURCES = "utter_crisis_resources"
CHECK_SAFE = "utter_crisis_check_safe"
GUIDANCE = "utter_crisis_guidance"
KIND_SLOT = "crisis_kind"
GUIDED_KINDS = frozenset(resources.GUIDED_KINDS)


def _needs_guidance(tracker: DialogueStateTracker) -> bool:
    try:
        return tracker.get_slot(KIND_SLOT) in GUIDED_KINDS
    except Exception:  # no such slot in an older domain: the resources alone
        return False


def next_crisis_action(tracker: DialogueStateTracker) -> Optional[Text]:
    """The next step of the crisis response, or None when this policy has no say."""
    latest = tracker.latest_message
    if latest is None or (latest.intent or {}).get("name") != CRISIS_INTENT:
        return None
    if aftercare.safe_statement_in_context(tracker):
        return None  # "I'm safe now" answering the check: the safe follow-up, not a new crisis
    done = actions_since_last_user_message(tracker)
    if not done:
        return RESOURCES
    if RESOURCES not in done:
        # Something else already answered (e.g. a default action); stay out of the way.
        return None
    last = done[-1]
    if last == RESOURCES and GUIDANCE not in done and _needs_guidance(tracker):
        return GUIDANCE
    if last in (RESOURCES, GUIDANCE, ACTION_DEACTIVATE_LOOP_NAME):
        if tracker.active_loop_name:
            return ACTION_DEACTIVATE_LOOP_NAME
        return CHECK_SAFE
    if last == CHECK_SAFE:
        return ACTION_LISTEN_NAME
    return None


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class CrisisPolicy(FixedPolicy):
    """Deterministic crisis handling that outranks rules and forms."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Above RulePolicy (6) so that ties at confidence 1.0 go to the crisis response.
        return {"priority": 7}

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = next_crisis_action(tracker) or aftercare.next_aftercare_action(tracker)
        if action == GUIDANCE and action not in domain.action_names_or_texts:
            # A domain without the guidance response: go on as after the resources alone.
            action = ACTION_DEACTIVATE_LOOP_NAME if tracker.active_loop_name else CHECK_SAFE
        if action is None or action not in domain.action_names_or_texts:
            return self._prediction(self._default_predictions(domain))
        optional_events = []
        if action == ACTION_DEACTIVATE_LOOP_NAME and tracker.active_loop_name:
            # Forget what was typed into the interrupted exercise.
            form_slots = domain.required_slots_for_form(tracker.active_loop_name)
            optional_events = [SlotSet(slot, None) for slot in form_slots]
            optional_events.append(SlotSet(REQUESTED_SLOT, None))
        return self._prediction(
            confidence_scores_for(action, 1.0, domain),
            optional_events=optional_events,
            # Competes with (and outranks) RulePolicy's loop predictions, which are
            # "no user" predictions and would otherwise win by kind, not confidence.
            is_no_user_prediction=True,
        )
