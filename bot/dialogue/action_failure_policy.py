"""A policy that keeps the bot answering when the action server cannot be reached.

When a custom action fails (the action server is down or errors), Rasa logs the
action as executed with no events and carries on, so the person would get silence.
Every one of our custom actions produces at least one event (a message or a slot),
so a custom action followed by nothing is a failure: this policy then says a static
apology with the help resources (``utter_action_unavailable``), ends any active form
so it is not retried in a loop, and listens. It needs no training.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.policies.policy import PolicyPrediction, confidence_scores_for
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import UTTER_PREFIX
from rasa.shared.core.constants import ACTION_LISTEN_NAME, DEFAULT_ACTION_NAMES, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.fixed_policy import FixedPolicy

APOLOGY = "utter_action_unavailable"


def failed_custom_action(tracker: DialogueStateTracker, domain: Domain) -> Optional[Text]:
    """The custom action that just ran without producing any event, if there is one."""
    if not tracker.events:
        return None
    last = tracker.events[-1]
    if not isinstance(last, ActionExecuted) or not last.action_name:
        return None
    name = last.action_name
    if name.startswith(UTTER_PREFIX) or name in DEFAULT_ACTION_NAMES:
        return None
    if name in domain.user_actions or name in domain.form_names:
        return name
    return None


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class ActionFailurePolicy(FixedPolicy):
    """Static apology and resources after a custom action failed."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Above RulePolicy (6) and CrisisPolicy (7): after a failure nothing else is sane.
        return {"priority": 8}

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        if APOLOGY in domain.action_names_or_texts:
            if failed_custom_action(tracker, domain):
                events = []
                if tracker.active_loop_name:
                    events = [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]
                return self._prediction(
                    confidence_scores_for(APOLOGY, 1.0, domain),
                    optional_events=events,
                    is_no_user_prediction=True,
                )
            if tracker.latest_action_name == APOLOGY:
                return self._prediction(
                    confidence_scores_for(ACTION_LISTEN_NAME, 1.0, domain),
                    is_no_user_prediction=True,
                )
        return self._prediction(self._default_predictions(domain))
