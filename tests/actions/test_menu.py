"""First replies to theme intents, the menu, switching and stopping (actions/menu.py)."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.menu import (
    DECLINED,
    DECLINED_LISTEN,
    MENU_BUTTONS,
    OFFER_ACTIONS,
    OFFER_CLASSES,
    THEMES,
    ActionChooseExercise,
    ActionLeaveExercise,
    ActionListenReply,
    ActionOfferDeclined,
    ActionStopExercise,
)
from tests.actions.conftest import (
    LONG_TEXT,
    ODD_TEXTS,
    action_event,
    bot_event,
    make_tracker,
    payloads,
    slot_events,
    texts,
    user_event,
)

THEME_MESSAGES = {
    "vent": "my boss shouted at me in front of everyone today",
    "mood_low": "feeling really down today tbh",
    "mood_great": "had such a good day, got the job!!",
    "anxious": "my heart is racing and i cant calm down",
    "self_criticism": "i'm such an idiot, i ruin everything",
    "limiting_belief": "i'll never be good enough to get promoted",
    "explore_strengths": "what am i actually good at",
    "decision_help": "should i move to leeds or stay in london",
    "loneliness": "i have no one to talk to anymore",
}
EXPECTED = {
    "vent": "safe_haven",
    "mood_low": "safe_haven",
    "mood_great": "strengths",
    "anxious": "grounding",
    "self_criticism": "self_compassion",
    "limiting_belief": "reframe",
    "explore_strengths": "strengths",
    "decision_help": "decision",
    "loneliness": "connection",
}


def offer(intent):
    return OFFER_CLASSES[EXPECTED[intent]]()


async def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


@pytest.mark.parametrize("intent", sorted(THEMES))
async def test_every_theme_gets_a_reflection_and_a_yes_no_offer(intent):
    text = THEME_MESSAGES[intent]
    dispatcher, events = await run(offer(intent), make_tracker(text, intent))
    [message] = texts(dispatcher)
    if (
        intent != "mood_great"
    ):  # a good mood is not quoted (a misread sad message must not be echoed cheerfully)
        assert text.rstrip("!") in message  # their own words, reflected
    assert "/affirm" in payloads(dispatcher) and "/deny" in payloads(dispatcher)
    assert slot_events(events) == {"exercise_offered": EXPECTED[intent]}


@pytest.mark.parametrize("intent", sorted(THEMES))
async def test_offers_never_repeat_the_previous_text(intent):
    previous = None
    for _ in range(15):
        events = [bot_event(previous)] if previous else []
        dispatcher, _ = await run(
            offer(intent), make_tracker(THEME_MESSAGES[intent], intent, events=events)
        )
        [message] = texts(dispatcher)
        assert message != previous
        previous = message


@pytest.mark.parametrize("kind", sorted(ODD_TEXTS))
async def test_offer_copes_with_odd_messages(kind):
    dispatcher, _ = await run(offer("vent"), make_tracker(ODD_TEXTS[kind], "vent"))
    [message] = texts(dispatcher)
    assert len(message) < 400 and LONG_TEXT[:200] not in message


async def test_offer_after_a_button_does_not_quote_the_payload():
    dispatcher, _ = await run(offer("vent"), make_tracker("/vent", "vent"))
    assert "/vent" not in texts(dispatcher)[0]


async def test_a_second_offer_in_a_row_is_softer():
    first_events = [
        user_event("i'm so anxious", "anxious"),
        action_event("action_offer_grounding"),
        bot_event("earlier offer"),
    ]
    tracker = make_tracker("my chest is tight and i keep shaking", "anxious", events=first_events)
    dispatcher, events = await run(offer("anxious"), tracker)
    message = texts(dispatcher)[0]
    assert "whenever you like" in message or "just say yes" in message or "no rush" in message
    assert "my chest is tight" in message


async def test_an_offer_reached_from_another_intent_still_offers_its_own_exercise():
    dispatcher, events = await run(OFFER_CLASSES["reframe"](), make_tracker("hmm", "nlu_fallback"))
    assert "/affirm" in payloads(dispatcher) and slot_events(events) == {
        "exercise_offered": "reframe"
    }


async def test_deny_is_respected_and_turns_to_listening():
    before = [
        user_event("i always fail", "limiting_belief"),
        action_event(OFFER_ACTIONS["reframe"]),
        bot_event("offer"),
    ]
    dispatcher, events = await run(
        ActionOfferDeclined(), make_tracker("no thanks", "deny", events=before)
    )
    assert texts(dispatcher)[0] in DECLINED
    assert slot_events(events) == {"offer_declined": True, "listen_turns": 0.0}
    before = [
        user_event("ugh", "vent"),
        action_event(OFFER_ACTIONS["safe_haven"]),
        bot_event("offer"),
    ]
    dispatcher, _ = await run(ActionOfferDeclined(), make_tracker("no", "deny", events=before))
    assert texts(dispatcher)[0] in DECLINED_LISTEN


async def test_after_a_no_theme_messages_are_only_listened_to_with_a_check_in_now_and_then():
    slots = {"offer_declined": True, "listen_turns": 0.0}
    seen_check_in = False
    previous = None
    for turn in range(1, 7):
        events = [bot_event(previous)] if previous else []
        tracker = make_tracker(
            "i just feel so tired of everything", "mood_low", slots=slots, events=events
        )
        dispatcher, result = await run(ActionListenReply(), tracker)
        got = slot_events(result)
        assert got == {"listen_turns": float(turn)}
        assert "/affirm" not in payloads(dispatcher)  # no pushing
        assert "tired" in texts(dispatcher)[0] and texts(dispatcher)[0] != previous
        if turn % 3 == 0:
            assert "/request_exercise" in payloads(dispatcher)
            seen_check_in = True
        else:
            assert payloads(dispatcher) == []
        slots["listen_turns"] = got["listen_turns"]
        previous = texts(dispatcher)[0]
    assert seen_check_in


async def test_menu_lists_every_exercise_as_buttons():
    dispatcher, events = await run(
        ActionChooseExercise(), make_tracker("show me an exercise", "request_exercise")
    )
    assert len(payloads(dispatcher)) == len(MENU_BUTTONS) == 8
    assert all(p.startswith('/request_exercise{"exercise":') for p in payloads(dispatcher))
    assert slot_events(events)["exercise_choice"] is None


@pytest.mark.parametrize(
    "key",
    [
        "self_compassion",
        "reframe",
        "strengths",
        "decision",
        "connection",
        "grounding",
        "breathing",
        "safe_haven",
    ],
)
async def test_naming_an_exercise_goes_straight_to_it(key):
    tracker = make_tracker(
        "can we do that one", "request_exercise", entities=[{"entity": "exercise", "value": key}]
    )
    dispatcher, events = await run(ActionChooseExercise(), tracker)
    assert slot_events(events)["exercise_choice"] == key
    assert texts(dispatcher) == []  # the exercise's first question follows


async def test_an_unknown_exercise_value_shows_the_menu():
    tracker = make_tracker(
        "let's do yoga", "request_exercise", entities=[{"entity": "exercise", "value": "yoga"}]
    )
    dispatcher, events = await run(ActionChooseExercise(), tracker)
    assert slot_events(events)["exercise_choice"] is None and len(payloads(dispatcher)) == 8


async def test_switching_mid_exercise_says_so_and_forgets_the_old_answers():
    tracker = make_tracker(
        "can we do breathing instead",
        "request_exercise",
        entities=[{"entity": "exercise", "value": "breathing"}],
        slots={"reframe_belief": "i'm useless", "requested_slot": "reframe_evidence_for"},
        active_loop="reframe_form",
        extra_events=[{"event": "action_execution_rejected", "name": "reframe_form"}],
    )
    dispatcher, events = await run(ActionChooseExercise(), tracker)
    got = slot_events(events)
    assert got["reframe_belief"] is None and got["exercise_choice"] == "breathing"
    assert "thought exercise" in texts(dispatcher)[0] or "switch" in texts(dispatcher)[0]


async def test_stop_inside_an_exercise_names_it_clears_it_and_offers_a_choice():
    tracker = make_tracker(
        "i dont want to do this",
        "stop",
        slots={
            "self_compassion_situation": "i failed my exam",
            "self_compassion_feeling": "ashamed",
        },
        extra_events=[
            {"event": "action_execution_rejected", "name": "self_compassion_form"},
            action_event("action_deactivate_loop"),
            {"event": "active_loop", "name": None},
        ],
    )
    dispatcher, events = await run(ActionStopExercise(), tracker)
    assert "self-compassion" in texts(dispatcher)[0]
    assert {"/request_exercise", "/goodbye"} <= set(payloads(dispatcher))
    assert slot_events(events) == {
        "self_compassion_situation": None,
        "self_compassion_feeling": None,
        "exercise_offered": None,
        "exercise_choice": None,
    }


async def test_stop_outside_an_exercise_is_calm_and_never_repeats():
    previous = None
    for _ in range(10):
        events = [bot_event(previous)] if previous else []
        dispatcher, result = await run(
            ActionStopExercise(), make_tracker("stop", "stop", events=events)
        )
        assert (
            texts(dispatcher)[0] != previous
            and "exercise" not in texts(dispatcher)[0].split(".")[0]
        )
        assert slot_events(result) == {"exercise_offered": None, "exercise_choice": None}
        previous = texts(dispatcher)[0]


def _goodbye_in_grounding(text):
    return make_tracker(
        text,
        "goodbye",
        slots={"grounding_see": "a lamp"},
        events=[{"event": "slot", "name": "requested_slot", "value": "grounding_touch"}],
        extra_events=[{"event": "action_execution_rejected", "name": "grounding_form"}],
    )


@pytest.mark.parametrize(
    "text",
    [
        "bye",
        "Goodbye!",
        "ok gtg",
        "gotta go, thanks for listening",
        "good night",
        "night x",
        "thats all for now",
        "see ya later",
        "ttyl",
        "thanks",
        "thank u so much",
        "im off to bed",
        "/goodbye",
        "i want to stop now, bye",
        "until tomorrow",
        "till next time",
        "ttfn",
        "au revoir",
        "i'd better go",
        "time i made a move",
        "over and out",
        "i gotta dip",
    ],
)
async def test_a_real_goodbye_mid_exercise_is_silent_and_clears(text):
    dispatcher, events = await run(ActionLeaveExercise(), _goodbye_in_grounding(text))
    assert texts(dispatcher) == []  # the goodbye rule says goodbye next
    assert slot_events(events) == {
        "grounding_see": None,
        "exercise_offered": None,
        "exercise_choice": None,
    }


@pytest.mark.parametrize(
    "text",
    [
        "lamp, cup, door, rug, phone",
        "work is a nightmare",
        "my socks and the sofa",
        "the ceiling fan",
        "birds outside",
        "byron my cat",
    ],
)
async def test_an_answer_misread_as_goodbye_fills_the_step_and_carries_on(text):
    dispatcher, events = await run(ActionLeaveExercise(), _goodbye_in_grounding(text))
    assert texts(dispatcher) == []  # the form asks its next question
    assert slot_events(events) == {"grounding_touch": text, "exercise_choice": "grounding"}


async def test_goodbye_outside_an_exercise_just_clears():
    dispatcher, events = await run(ActionLeaveExercise(), make_tracker("lamp and cup", "goodbye"))
    assert texts(dispatcher) == [] and slot_events(events)["exercise_choice"] is None


async def test_the_switch_button_stops_and_starts_the_named_exercise_silently():
    tracker = make_tracker(
        '/stop{"exercise":"breathing"}',
        "stop",
        entities=[{"entity": "exercise", "value": "breathing"}],
        slots={"reframe_belief": "i'm useless"},
        extra_events=[{"event": "action_execution_rejected", "name": "reframe_form"}],
    )
    dispatcher, events = await run(ActionStopExercise(), tracker)
    assert texts(dispatcher) == []  # the breathing exercise's first question comes next
    assert (
        slot_events(events)["exercise_choice"] == "breathing"
        and slot_events(events)["reframe_belief"] is None
    )


async def test_the_menu_button_stops_and_shows_the_menu():
    tracker = make_tracker(
        '/stop{"exercise":"menu"}',
        "stop",
        entities=[{"entity": "exercise", "value": "menu"}],
        extra_events=[{"event": "action_execution_rejected", "name": "decision_form"}],
    )
    dispatcher, events = await run(ActionStopExercise(), tracker)
    assert len(payloads(dispatcher)) == 8 and slot_events(events)["exercise_choice"] is None


async def test_raw_entity_values_are_read_by_keyword():
    tracker = make_tracker(
        "lets do grounding instead",
        "request_exercise",
        entities=[{"entity": "exercise", "value": "grounding instead"}],
    )
    _, events = await run(ActionChooseExercise(), tracker)
    assert slot_events(events)["exercise_choice"] == "grounding"


@pytest.mark.parametrize("text", ["done", "Done!", "finished", "did it"])
async def test_done_during_breathing_carries_on_instead_of_stopping(text):
    tracker = make_tracker(
        text,
        "stop",
        slots={"breathing_ready": "ready"},
        events=[{"event": "slot", "name": "requested_slot", "value": "breathing_in"}],
        extra_events=[
            {"event": "action_execution_rejected", "name": "breathing_form"},
            {"event": "slot", "name": "requested_slot", "value": None},
        ],
    )
    dispatcher, events = await run(ActionStopExercise(), tracker)
    assert texts(dispatcher) == []
    assert slot_events(events) == {
        "breathing_in": text.lower().strip("!"),
        "exercise_choice": "breathing",
    }


async def test_done_in_a_free_text_exercise_still_stops():
    tracker = make_tracker(
        "done",
        "stop",
        slots={"reframe_belief": "i'm useless"},
        events=[{"event": "slot", "name": "requested_slot", "value": "reframe_evidence_for"}],
        extra_events=[{"event": "action_execution_rejected", "name": "reframe_form"}],
    )
    dispatcher, events = await run(ActionStopExercise(), tracker)
    assert slot_events(events)["exercise_choice"] is None and texts(dispatcher)


@pytest.mark.parametrize(
    "text,stops",
    [
        ("i did finish my apprenticeship and i've kept this job for 3 years", False),
        ("stop", True),
        ("i dont want to do this", True),
        ("can we do something else", True),
        ("this is not helping me at all right now", True),
        ("i want to stop now please thank you", True),
        ("enough", True),
        ("finished", True),
        ("persistence", False),
        ("my sister", False),
        ("nah", True),
        ("nope", True),
        ("meh", True),
        ("no", True),
        ("not feeling it", True),
        ("nvm", True),
        ("this is dumb", True),
        ("im out", True),
        ("forget it", True),
        ("quit", True),
        ("i'm done", True),
        ("i feel exhausted and like nothing i do is ever enough", False),
        ("i want a different job", False),
        ("thats enough for today", True),
        ("can we do a different exercise", True),
        ("enough already", True),
    ],
)
async def test_an_answer_misread_as_stop_carries_on_but_real_stops_stop(text, stops):
    tracker = make_tracker(
        text,
        "stop",
        slots={"reframe_belief": "i always fail"},
        events=[{"event": "slot", "name": "requested_slot", "value": "reframe_evidence_against"}],
        extra_events=[{"event": "action_execution_rejected", "name": "reframe_form"}],
    )
    dispatcher, events = await run(ActionStopExercise(), tracker)
    got = slot_events(events)
    if stops:
        assert (
            got["exercise_choice"] is None and got["reframe_belief"] is None and texts(dispatcher)
        )
    else:
        assert (
            got == {"reframe_evidence_against": text, "exercise_choice": "reframe"}
            and texts(dispatcher) == []
        )


def _crisis_midway(form="grounding_form", after=()):
    """Events of a grounding run that a crisis message ended, then "yes, I'm safe"."""
    return [
        {"event": "active_loop", "name": form},
        user_event("i want to kill myself", "crisis"),
        action_event("utter_crisis_resources"),
        action_event("action_deactivate_loop"),
        {"event": "active_loop", "name": None},
        action_event("utter_crisis_check_safe"),
        user_event("yes im safe", "affirm"),
        action_event("utter_crisis_followup_safe"),
        *after,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ok im safe, can we continue",
        "can we carry on",
        "lets keep going",
        "can we go back to where we left off",
        "can we finish the exercise",
    ],
)
async def test_asking_to_continue_after_a_crisis_takes_the_exercise_up_again(text):
    tracker = make_tracker(text, "stop", events=_crisis_midway())
    dispatcher, events = await run(ActionStopExercise(), tracker)
    assert slot_events(events) == {"exercise_choice": "grounding"}
    assert texts(dispatcher) == []  # the form speaks next


@pytest.mark.parametrize(
    "text,after",
    [
        ("can we continue", [action_event("action_stop_exercise")]),  # stopped since
        ("can we continue", [action_event("action_grounding_done")]),  # finished since
        ("can we stop", []),  # no wish to continue
        ("i want to stop", []),
    ],
)
async def test_a_stop_after_a_crisis_or_an_exercise_already_over_is_a_stop(text, after):
    tracker = make_tracker(text, "stop", events=_crisis_midway(after=after))
    dispatcher, events = await run(ActionStopExercise(), tracker)
    assert slot_events(events)["exercise_choice"] is None
    assert "/goodbye" in payloads(dispatcher)


async def test_continue_with_no_crisis_before_starts_nothing():
    tracker = make_tracker("can we continue", "stop", events=[user_event("hi", "greet")])
    _, events = await run(ActionStopExercise(), tracker)
    assert slot_events(events)["exercise_choice"] is None
