"""The turns after "I'm not safe" (bot/crisis/aftercare.py), through CrisisPolicy on the real
domain: the bot stays with the person, "I'm safe now" gets the safe follow-up, and a new crisis
message still gets the full resources."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.crisis.aftercare import hedges, says_safe
from bot.crisis.policy import CrisisPolicy

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def real_domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def user(intent: str, text: str = "x", entities=None) -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 1.0}, entities=entities or [])


def unsafe_answer() -> list:
    return [
        user("crisis", "i want to end it"),
        ActionExecuted("utter_crisis_resources"),
        ActionExecuted("utter_crisis_check_safe"),
        ActionExecuted(ACTION_LISTEN_NAME),
        user("deny", "No, I'm not safe"),
        ActionExecuted("utter_crisis_followup_unsafe"),
        ActionExecuted(ACTION_LISTEN_NAME),
    ]


def turn(policy, domain, events, message: UserUttered) -> list:
    """Play one user turn through the policy; the actions it runs until it listens."""
    events.append(message)
    ran = []
    for _ in range(5):
        t = DialogueStateTracker.from_events(
            "s", [ActionExecuted(ACTION_LISTEN_NAME), *events], domain.slots
        )
        p = policy.predict_action_probabilities(t, domain)
        action = (
            domain.action_names_or_texts[p.max_confidence_index] if max(p.probabilities) else ""
        )
        if not action:
            return ran + ["<no opinion>"]
        events.append(ActionExecuted(action))
        if action == ACTION_LISTEN_NAME:
            return ran
        ran.append(action)
    raise AssertionError(f"no listen after {ran}")


@pytest.mark.parametrize(
    "message",
    [
        user("affirm", "ok"),
        user("deny", "no"),
        user("nlu_fallback", "what now"),
        user("thank", "thx"),
        user("goodbye", "bye"),
        user("mood_low", "i feel awful"),
        user("request_exercise", "can we do an exercise"),  # asked first thing: still held once
    ],
)
def test_the_first_turn_after_not_safe_stays_with_the_person(real_domain, make_policy, message):
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()
    assert turn(policy, real_domain, events, message) == ["utter_crisis_stay"]


def test_later_turns_keep_the_step_until_the_person_asks_for_something(real_domain, make_policy):
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()
    assert turn(policy, real_domain, events, user("affirm", "ok")) == ["utter_crisis_stay"]
    assert turn(policy, real_domain, events, user("deny", "no not yet")) == ["utter_crisis_stay_on"]
    assert turn(policy, real_domain, events, user("nlu_fallback", "idk what now")) == [
        "utter_crisis_stay_on"
    ]
    # Asking for something leaves it to the ordinary dialogue.
    assert turn(policy, real_domain, events, user("therapy_info", "what is therapy")) == [
        "<no opinion>"
    ]


@pytest.mark.parametrize(
    "text",
    ["ok im safe now", "i'm safe now", "Im safe", "yeah i am safe now thanks", "ya estoy a salvo"],
)
def test_safe_now_after_not_safe_gets_the_safe_followup_not_a_new_crisis(
    real_domain, make_policy, text
):
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()
    # The learned tier reads these as danger: the detector labels them crisis.
    assert turn(policy, real_domain, events, user("crisis", text)) == ["utter_crisis_followup_safe"]
    # And the aftercare is over: the next message is ordinary dialogue again.
    assert turn(policy, real_domain, events, user("affirm", "ok")) == ["<no opinion>"]


def test_safe_now_after_the_stay_reply_and_the_safe_button(real_domain, make_policy):
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()
    turn(policy, real_domain, events, user("nlu_fallback", "what now"))
    assert turn(policy, real_domain, events, user("crisis", "ok im safe")) == [
        "utter_crisis_followup_safe"
    ]
    events = unsafe_answer()
    pressed = user("affirm", "/affirm", [{"entity": "question", "value": "crisis_check_safe"}])
    assert turn(policy, real_domain, events, pressed) == ["utter_crisis_followup_safe"]


def test_typed_safe_answer_to_the_check_is_not_a_new_crisis(real_domain, make_policy):
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()[:4]
    assert turn(policy, real_domain, events, user("crisis", "im safe")) == [
        "utter_crisis_followup_safe"
    ]


@pytest.mark.parametrize(
    "text",
    ["i'm not safe", "still not safe", "im safe now but i want to kill myself", "i took pills"],
)
def test_a_crisis_message_in_those_turns_still_gets_the_full_resources(
    real_domain, make_policy, text
):
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()
    turn(policy, real_domain, events, user("affirm", "ok"))
    ran = turn(policy, real_domain, events, user("crisis", text))
    assert ran[0] == "utter_crisis_resources" and ran[-1] == "utter_crisis_check_safe"


def test_outside_those_turns_the_aftercare_says_nothing(real_domain, make_policy):
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()[:4]
    events += [user("affirm", "yes"), ActionExecuted("utter_crisis_followup_safe")]
    events.append(ActionExecuted(ACTION_LISTEN_NAME))
    assert turn(policy, real_domain, events, user("affirm", "ok")) == ["<no opinion>"]
    # With nothing before it, "im safe" is whatever the detector says: a crisis here.
    assert turn(policy, real_domain, [], user("crisis", "im safe"))[0] == "utter_crisis_resources"


@pytest.mark.parametrize(
    "guess, text",
    [("affirm", "not sure"), ("affirm", "idk"), ("nlu_fallback", "no idea tbh"), ("deny", "dunno")],
)
def test_not_knowing_whether_one_is_safe_gets_the_not_safe_followup(
    real_domain, make_policy, guess, text
):
    """Whatever the classifier guessed ("not sure" read as a yes said "I'm glad you're safe")."""
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()[:4]
    assert turn(policy, real_domain, events, user(guess, text)) == ["utter_crisis_followup_unsafe"]


@pytest.mark.parametrize(
    "guess, text",
    [
        ("affirm", "i think so"),
        ("affirm", "i guess"),
        ("affirm", "yeah i guess so"),
        ("affirm", "i think im safe"),
        ("affirm", "kinda"),
        ("mood_low", "sorta. not really"),
        ("affirm", "probably lol"),
        ("affirm", "mostly"),
        ("affirm", "safe-ish"),
        ("affirm", "yes but he comes home at 6"),
        ("affirm", "physically yes"),
        ("nlu_fallback", "hopefully"),
        ("deny", "not completely"),
        ("affirm", "creo que sí"),
        ("affirm", "I Guess So."),
    ],
)
def test_a_hedged_answer_to_the_check_gets_the_unsure_followup(
    real_domain, make_policy, guess, text
):
    """A hedged yes is not a yes: the rules said "I'm glad you're safe" to "i guess so"."""
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()[:4]
    assert turn(policy, real_domain, events, user(guess, text)) == ["utter_crisis_followup_unsure"]


def test_after_the_unsure_followup_a_plain_safe_is_heard_and_a_crisis_still_escalates(
    real_domain, make_policy
):
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()[:4]
    assert turn(policy, real_domain, events, user("affirm", "i think so")) == [
        "utter_crisis_followup_unsure"
    ]
    events.append(ActionExecuted(ACTION_LISTEN_NAME))
    safe_now = list(events)
    assert turn(policy, real_domain, safe_now, user("crisis", "ok im safe now")) == [
        "utter_crisis_followup_safe"
    ]
    ran = turn(policy, real_domain, events, user("crisis", "he's back and he has a knife"))
    assert ran[0] == "utter_crisis_resources"


def test_a_hedge_outside_the_check_is_left_to_the_dialogue(real_domain, make_policy):
    """ "i think so" to an exercise's question is an answer, not doubt about safety."""
    policy = make_policy(CrisisPolicy)
    events = [user("anxious", "im anxious"), ActionExecuted("utter_share_news")]
    events.append(ActionExecuted(ACTION_LISTEN_NAME))
    assert turn(policy, real_domain, events, user("affirm", "i think so")) == ["<no opinion>"]


@pytest.mark.parametrize(
    "text, hedged",
    [
        ("i think so", True),
        ("i suppose", True),
        ("prolly", True),
        ("more or less", True),
        ("im ok but scared", True),
        ("tal vez", True),
        ("yes", False),
        ("yeah im safe", False),
        ("sure", False),
        ("no", False),
        ("no problem", False),
        ("problem solved, im home", False),
        ("i mean yeah", False),
        # A long reply tells something beyond the answer: the dialogue reads it.
        (
            "i think so, my sister is here now and she took the tablets away, we're watching tv",
            False,
        ),
        ("", False),
    ],
)
def test_hedges_reads_a_short_hedged_answer(text, hedged):
    assert hedges(text) is hedged


def test_a_real_yes_to_the_check_is_left_to_the_rules(real_domain, make_policy):
    """The aftercare has no say over "yes" (the rule gives the safe follow-up)."""
    policy = make_policy(CrisisPolicy)
    events = unsafe_answer()[:4]
    assert turn(policy, real_domain, events, user("affirm", "yes")) == ["<no opinion>"]


@pytest.mark.parametrize(
    "text,safe",
    [
        ("ok im safe now", True),
        ("OK I'M SAFE", True),
        ("i am safe for now", True),
        ("im ok and safe now thanks", True),
        ("estoy a salvo ahora", True),
        ("im fine now", True),
        ("i think im safe", False),  # hedged: the unsure follow-up
        ("i guess im safe now", False),
        ("im not safe", False),
        ("i'm safe? idk", False),
        ("im safe but i dont want to be", False),
        ("i don't feel safe", False),
        ("ok im safe, can we continue", False),  # asks to go on: resumes an exercise elsewhere
        ("ya no estoy a salvo", False),
        ("safe", False),
        ("", False),
    ],
)
def test_says_safe_reads_only_a_whole_statement_of_safety(text, safe):
    assert says_safe(text) is safe
