"""When a custom action produced nothing (action server down), the bot still answers."""

from __future__ import annotations

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.action_failure_policy import ActionFailurePolicy


def run(policy, domain, *events):
    t = DialogueStateTracker.from_events(
        "s",
        [ActionExecuted(ACTION_LISTEN_NAME), UserUttered("hi", {"name": "greet"}), *events],
        domain.slots,
    )
    prediction = policy.predict_action_probabilities(t, domain)
    name = (
        domain.action_names_or_texts[prediction.max_confidence_index]
        if max(prediction.probabilities) > 0
        else ""
    )
    return name, prediction


def test_custom_action_without_events_gets_the_static_apology(domain, make_policy):
    name, prediction = run(make_policy(ActionFailurePolicy), domain, ActionExecuted("action_offer"))
    assert name == "utter_action_unavailable"
    assert prediction.is_no_user_prediction


def test_failed_form_is_ended_so_it_is_not_retried_in_a_loop(domain, make_policy):
    name, prediction = run(
        make_policy(ActionFailurePolicy),
        domain,
        ActiveLoop("reframe_form"),
        ActionExecuted("reframe_form"),
    )
    assert name == "utter_action_unavailable"
    assert any(isinstance(e, ActiveLoop) and e.name is None for e in prediction.optional_events)


def test_listens_after_the_apology(domain, make_policy):
    name, _ = run(
        make_policy(ActionFailurePolicy),
        domain,
        ActionExecuted("action_offer"),
        ActionExecuted("utter_action_unavailable"),
    )
    assert name == ACTION_LISTEN_NAME


def test_successful_actions_and_responses_are_left_alone(domain, make_policy):
    policy = make_policy(ActionFailurePolicy)
    assert run(policy, domain, ActionExecuted("action_offer"), BotUttered("hello"))[0] == ""
    assert run(policy, domain, ActionExecuted("utter_greet"))[0] == ""
    assert run(policy, domain, ActionExecuted(ACTION_LISTEN_NAME))[0] == ""
