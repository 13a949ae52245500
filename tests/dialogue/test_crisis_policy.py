"""CrisisPolicy must answer a crisis first in every state, forms included."""

from __future__ import annotations

from rasa.shared.core.constants import ACTION_DEACTIVATE_LOOP_NAME, ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.crisis.policy import CrisisPolicy, next_crisis_action


def user(intent: str, text: str = "x") -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 1.0})


def tracker(domain, *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "s", [ActionExecuted(ACTION_LISTEN_NAME), *events], domain.slots
    )


def predicted(policy, t, domain) -> str:
    prediction = policy.predict_action_probabilities(t, domain)
    if max(prediction.probabilities) == 0:
        return ""
    return domain.action_names_or_texts[prediction.max_confidence_index]


def test_crisis_outside_a_form_runs_resources_then_check_then_listen(domain, make_policy):
    policy = make_policy(CrisisPolicy)
    events = [user("crisis")]
    expected = ["utter_crisis_resources", "utter_crisis_check_safe", ACTION_LISTEN_NAME]
    for action in expected:
        t = tracker(domain, *events)
        assert predicted(policy, t, domain) == action
        events.append(ActionExecuted(action))


def test_crisis_inside_a_form_ends_the_form_and_clears_its_slots(domain, make_policy):
    policy = make_policy(CrisisPolicy)
    events = [
        user("greet"),
        ActionExecuted("reframe_form"),
        ActiveLoop("reframe_form"),
        SlotSet("requested_slot", "belief"),
        ActionExecuted(ACTION_LISTEN_NAME),
        user("crisis", "i want to die"),
        SlotSet("belief", "i want to die"),
    ]
    t = tracker(domain, *events)
    prediction = policy.predict_action_probabilities(t, domain)
    assert domain.action_names_or_texts[prediction.max_confidence_index] == "utter_crisis_resources"
    # Must be able to beat RulePolicy's loop prediction, which is a "no user" prediction.
    assert prediction.is_no_user_prediction and prediction.policy_priority > 6

    events.append(ActionExecuted("utter_crisis_resources"))
    t = tracker(domain, *events)
    prediction = policy.predict_action_probabilities(t, domain)
    assert (
        domain.action_names_or_texts[prediction.max_confidence_index] == ACTION_DEACTIVATE_LOOP_NAME
    )
    cleared = {
        e.key for e in prediction.optional_events if isinstance(e, SlotSet) and e.value is None
    }
    assert {"belief", "requested_slot"} <= cleared

    events += [ActionExecuted(ACTION_DEACTIVATE_LOOP_NAME), ActiveLoop(None)]
    assert predicted(policy, tracker(domain, *events), domain) == "utter_crisis_check_safe"


def test_no_opinion_on_other_intents(domain, make_policy):
    policy = make_policy(CrisisPolicy)
    assert predicted(policy, tracker(domain, user("greet")), domain) == ""
    assert next_crisis_action(tracker(domain)) is None


def test_no_opinion_once_crisis_turn_is_answered_by_something_else(domain, make_policy):
    policy = make_policy(CrisisPolicy)
    t = tracker(domain, user("crisis"), ActionExecuted("utter_greet"))
    assert predicted(policy, t, domain) == ""


def test_a_new_crisis_message_after_the_check_starts_again(domain, make_policy):
    policy = make_policy(CrisisPolicy)
    t = tracker(
        domain,
        user("crisis"),
        ActionExecuted("utter_crisis_resources"),
        ActionExecuted("utter_crisis_check_safe"),
        ActionExecuted(ACTION_LISTEN_NAME),
        user("crisis"),
    )
    assert predicted(policy, t, domain) == "utter_crisis_resources"
