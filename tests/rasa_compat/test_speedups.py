"""Our cheaper versions of two Rasa hot spots give Rasa's own results (bot/rasa_compat/speedups.py)."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_compat import speedups as rasa_speedups

GOOD = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "x", "value": None}],
        "responses": [{"text": "hi", "buttons": []}],
    },
    {},
]
BAD = [
    {"events": "not a list"},
    {"events": [{"name": "no event type"}]},
    {"responses": "text"},
]


@pytest.fixture
def action():
    return RemoteAction("action_test", EndpointConfig("http://127.0.0.1:1/webhook"))


@pytest.mark.parametrize("response", GOOD)
def test_good_responses_pass_both_ways(action, response):
    assert rasa_speedups._ORIGINAL_VALIDATE(action, response) is True
    assert rasa_speedups.validate_action_result(action, response) is True


@pytest.mark.parametrize("response", BAD)
def test_bad_responses_fail_both_ways_with_rasas_hint(action, response):
    with pytest.raises(ValidationError):
        rasa_speedups._ORIGINAL_VALIDATE(action, response)
    with pytest.raises(ValidationError) as caught:
        rasa_speedups.validate_action_result(action, response)
    assert "Failed to validate Action server response" in caught.value.message


def test_installed_by_importing_our_policy(action):
    import bot.dialogue.action_failure_policy  # noqa: F401

    assert RemoteAction._validate_action_result is rasa_speedups.validate_action_result
    assert action._validate_action_result(GOOD[1]) is True


@pytest.mark.parametrize(
    "name", ["user", "bot", "action", "slot", "active_loop", "session_started", "restart"]
)
def test_event_types_resolve_as_rasa_does(name):
    assert rasa_speedups.resolve_by_type(name) is rasa_speedups._ORIGINAL_RESOLVE(name)
    assert rasa_speedups.resolve_by_type(name) is rasa_speedups._ORIGINAL_RESOLVE(
        name
    )  # from memory


def test_unknown_event_types_still_fail_or_fall_back():
    from rasa.shared.core.events import Event, UserUttered

    with pytest.raises(ValueError):
        rasa_speedups.resolve_by_type("no_such_event")
    assert rasa_speedups.resolve_by_type("no_such_event", UserUttered) is UserUttered
    assert "no_such_event" not in rasa_speedups._RESOLVED
    import bot.dialogue.action_failure_policy  # noqa: F401

    assert Event.resolve_by_type("bot").type_name == "bot"
    from rasa.shared.core.events import SlotSet, deserialise_events

    events = [
        UserUttered("hi", {"name": "greet", "confidence": 1.0}).as_dict(),
        SlotSet("a", 1).as_dict(),
    ]
    assert [e.type_name for e in deserialise_events(events)] == ["user", "slot"]
