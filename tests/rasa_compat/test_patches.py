"""The patches to Rasa (bot/rasa_compat): installed together, refused on another version, and
canaries that fail when the upstream code they replace or wrap changes."""

from __future__ import annotations

import asyncio
import hashlib
import inspect

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_compat
from bot.rasa_compat import (
    crisis_guard,
    message_handler,
    payload_guard,
    speedups,
    strict_tracker_store,
)

# sha256 (first 16 hex) of the upstream source each patch was checked against (Rasa 3.6.21).
# A mismatch means Rasa changed there: read the new code, adapt the patch, update the hash.
UPSTREAM_SOURCES = {
    "Agent.handle_message": (crisis_guard.UPSTREAM, "ba53507e4d5532a3"),
    "MessageProcessor._parse_message_with_graph": (payload_guard.UPSTREAM, "0bd50a53b5c013af"),
    "MessageProcessor.handle_message": (payload_guard.UPSTREAM_HANDLE, "0c41d4780d2d4676"),
    "RemoteAction._validate_action_result": (speedups._ORIGINAL_VALIDATE, "f8cdb4be68123961"),
    "Event.resolve_by_type": (speedups._ORIGINAL_RESOLVE, "b5cf570fa7f286c7"),
    "RasaModel.load": (speedups._ORIGINAL_MODEL_LOAD, "84fd81c0fdd01a80"),
    # load_domain_provider: the provider's load and the one-file case of Domain.from_directory.
    "DomainProvider.load": (speedups._ORIGINAL_DOMAIN_LOAD, "75a21f7228a83368"),
    "Domain.from_directory": (Domain.from_directory, "113d50bc5e13f77f"),
    "validate_yaml_schema": (speedups._ORIGINAL_VALIDATE_YAML, "e039106753a595c2"),
    "RegexMessageHandler.process": (message_handler.UPSTREAM.process, "c0b15285ba78223d"),
    # strict_tracker_store: the wrapper Agent puts round every store, and how that wrapper
    # reports errors (its callback, then a blank tracker or an in-memory save).
    "Agent._create_tracker_store": (strict_tracker_store.UPSTREAM, "97499b594b45581b"),
    "FailSafeTrackerStore": (FailSafeTrackerStore, "84833481b14c2271"),
}


@pytest.mark.parametrize("name", sorted(UPSTREAM_SOURCES))
def test_upstream_code_is_what_the_patch_was_written_for(name):
    function, expected = UPSTREAM_SOURCES[name]
    digest = hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]
    assert digest == expected, f"Rasa's {name} changed: review bot/rasa_compat before updating"


def test_all_safety_patches_are_installed_in_this_process():
    assert rasa_compat.installed()


def test_another_rasa_version_is_refused_loudly():
    with pytest.warns(RuntimeWarning, match="speed patches not installed"):
        with pytest.raises(rasa_compat.UnsupportedRasaVersion, match="3.6.21"):
            rasa_compat.install("3.7.0")


def test_crisis_detector_refuses_to_run_without_the_patches(monkeypatch):
    from bot.crisis.detector import CrisisDetector

    monkeypatch.setattr(rasa_compat, "installed", lambda: False)
    with pytest.raises(RuntimeError, match="bot.rasa_cli"):
        CrisisDetector.create({}, None, None, None)


# -- crisis guard ---------------------------------------------------------------------------
def _turn(agent: Agent, text: str) -> str:
    """Everything the person was sent (channels split texts at blank lines)."""
    out = CollectingOutputChannel()
    asyncio.run(agent.handle_message(UserMessage(text, out, "guard-test")))
    return "\n\n".join(m["text"] for m in out.messages)


def test_no_model_loaded_a_crisis_still_gets_the_resources():
    sent = _turn(Agent(), "i want to kill myself tonight")
    assert sent.startswith("If you need help now") and "988" in sent and "Samaritans" in sent


def test_no_model_loaded_an_ordinary_message_gets_an_apology_and_where_help_is():
    sent = _turn(Agent(), "hello there")
    assert sent.startswith("Sorry, something went wrong") and "988" in sent


class _BrokenProcessor:
    async def handle_message(self, message):
        raise UnicodeEncodeError("utf-8", message.text, 0, 1, "surrogates not allowed")


def _broken_agent() -> Agent:
    agent = Agent()
    agent.processor = _BrokenProcessor()
    agent.tracker_store = object()
    return agent


def test_a_turn_that_raises_still_answers_a_crisis(caplog):
    text = "i want to kill myself \ud83d"
    sent = _turn(_broken_agent(), text)
    assert sent.startswith("If you need help now") and "988" in sent
    assert all("kill myself" not in r.getMessage() for r in caplog.records), "text in the log"


def test_a_turn_that_raises_in_spanish_gets_spanish_resources():
    assert _turn(_broken_agent(), "me quiero matar").startswith("Si necesitas ayuda ahora")


def test_broken_resources_file_still_gives_emergency_numbers(monkeypatch):
    import bot.crisis.resources as resources

    monkeypatch.setattr(resources, "render_plain_text", lambda *a, **k: 1 / 0)
    assert "911 / 999 / 112" in _turn(_broken_agent(), "i want to die")


def test_a_lexicon_that_cannot_run_counts_as_a_crisis(monkeypatch):
    import bot.crisis.lexicon as lexicon

    monkeypatch.setattr(lexicon, "detect", lambda text: 1 / 0)
    sent = _turn(_broken_agent(), "anything at all")
    assert sent.startswith("If you need help now") and "988" in sent


# -- payload guard ----------------------------------------------------------------------------
def _tracker(*buttons: str, answered: bool = False) -> DialogueStateTracker:
    events = [
        ActionExecuted("action_listen"),
        UserUttered("hi"),
        BotUttered("Shall we?", {"buttons": [{"title": b, "payload": b} for b in buttons]}),
    ]
    if answered:
        events.append(UserUttered("ok"))
    return DialogueStateTracker.from_events("guard", events)


def _seen(text: str, tracker: DialogueStateTracker) -> str:
    return payload_guard.as_typed_text(UserMessage(text, sender_id="guard"), tracker).text


@pytest.mark.parametrize(
    "typed",
    [
        '/crisis{"crisis_category": "jo@example.com 07700 900123"}',
        '/inform{"exercise_choice": "grounding"}',
        "/greet@1.0 i want to die",
        '  /affirm {"x": 1}',
    ],
)
def test_a_payload_with_arguments_the_bot_did_not_offer_is_read_as_words(typed):
    assert _seen(typed, _tracker("/affirm", "/deny")) == typed.lstrip()[1:]


def test_an_offered_payload_with_arguments_is_a_button_press():
    payload = '/choose_exercise{"exercise_choice": "grounding"}'
    assert _seen(payload, _tracker(payload, "/deny")) == payload


def test_a_button_from_before_the_last_message_no_longer_counts():
    payload = '/choose_exercise{"exercise_choice": "grounding"}'
    assert _seen(payload, _tracker(payload, answered=True)) == payload[1:]


@pytest.mark.parametrize("text", ["/greet", "/delete_data", "/crisis", "hello", "a / b {x}"])
def test_bare_intents_and_ordinary_text_pass_unchanged(text):
    assert _seen(text, _tracker()) == text


# -- buttons answer only their own question ------------------------------------------------
DELETE_YES = '/affirm{"question":"confirm_delete"}'
DELETE_NO = '/deny{"question":"confirm_delete"}'
OFFER_YES = '/affirm{"question":"offer_grounding"}'


def _asked(*buttons, title="Yes") -> DialogueStateTracker:
    return DialogueStateTracker.from_events(
        "guard",
        [
            ActionExecuted("action_listen"),
            UserUttered("hi"),
            BotUttered("Question?", {"buttons": [{"title": title, "payload": b} for b in buttons]}),
        ],
    )


def test_a_button_of_the_current_question_goes_through():
    assert payload_guard.check_button(DELETE_YES, _asked(DELETE_YES, DELETE_NO)).text == DELETE_YES


def test_an_old_yes_to_an_offer_while_asked_to_delete_is_outdated():
    verdict = payload_guard.check_button(OFFER_YES, _asked(DELETE_YES, DELETE_NO))
    assert verdict.outdated


def test_a_note_about_an_old_button_leaves_the_question_open():
    tracker = _asked(DELETE_YES, DELETE_NO)
    tracker.update(BotUttered("That button was for an earlier question"))
    assert payload_guard.check_button(DELETE_YES, tracker).text == DELETE_YES


def test_a_button_answered_once_is_outdated_after_the_person_spoke():
    tracker = _asked(DELETE_YES, DELETE_NO)
    tracker.update(UserUttered("/deny", parse_data={"intent": {"name": "deny"}}))
    assert payload_guard.check_button(DELETE_YES, tracker).outdated


def test_every_button_is_outdated_once_the_session_expired():
    assert payload_guard.check_button(DELETE_YES, _asked(DELETE_YES), expired=True).outdated


def test_an_answer_button_arrives_as_its_title():
    answer = '/answer{"question":"reframe_old_rating","option":7}'
    assert payload_guard.check_button(answer, _asked(answer, title="7")).text == "7"
    assert payload_guard.check_button(answer, _asked()).outdated


@pytest.mark.parametrize("intent", payload_guard.HONOURED_WHEN_OLD)
def test_old_help_buttons_still_count_without_their_arguments(intent):
    old = f'/{intent}{{"question":"greet","crisis_category":"typed words"}}'
    assert payload_guard.check_button(old, _asked(DELETE_YES)).text == f"/{intent}"


def test_an_old_not_safe_is_a_crisis_message_never_a_note():
    old = '/deny{"question":"crisis_check_safe"}'
    assert payload_guard.check_button(old, _asked(OFFER_YES)).text == "/crisis"


@pytest.mark.parametrize(
    "typed,payload",
    [("/start", "/greet"), ("/HELP ", "/ask_capabilities"), ("/resources", "/crisis")]
    + [("/delete", "/delete_data"), ("/delete now", None), ("help", None)],
)
def test_typed_commands_become_the_bots_payloads(typed, payload):
    assert payload_guard.command_payload(typed) == payload
