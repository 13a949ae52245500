"""Turning an exercise down in words NLU did not read as stop (actions/refusal.py): the form
ends and says so; answers that only sound negative stay answers."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.exercise import EXERCISES, STOPPED, action_class
from actions.refusal import is_refusal
from tests.actions.conftest import make_tracker, payloads, slot_events, texts

REFUSALS = [
    "can we not",
    "can we not do this right now",
    "ok can we stop",
    "lets not",
    "this isnt helping",
    "this isn't helping, i still feel sick",
    "its not working",
    "honestly this is pointless",
    "it doesnt help",
    "nah i dont wanna do this anymore",
    "i'd rather not",
    "Not in the mood",
    "im not feeling this",
    "THIS IS STUPID",
    "this is not working for me tbh",
    "could we skip this",
    "that didnt help",  # said of the step just done, in the past
    "it didn't help at all",
    "this wasnt helping tbh",
]
ANSWERS = [
    "no",
    "nah",
    "not really",
    "not sure",
    "idk",
    "i don't want to fail again",
    "i dont want to be alone",
    "nothing is working at work",
    "my job is not working out",
    "my back isnt working properly",
    "i feel like nothing helps",
    "stop being so hard on myself",
    "can we talk about my dad",
    "i would rather stay at home",
    "i cant do this exam",
    "a lamp, a chair, my phone",
    "the meds didnt help",
    "i talked to him but it didnt help",
    "/deny",
]


@pytest.mark.parametrize("text", REFUSALS)
def test_refusals_of_the_exercise_are_read(text):
    assert is_refusal(text)


@pytest.mark.parametrize("text", ANSWERS)
def test_negative_answers_are_not_refusals(text):
    assert not is_refusal(text)


async def _validate(ex, slot, text, intent="deny"):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text,
        intent=intent,
        slots={slot: text, "requested_slot": slot},
        active_loop=ex.form,
        events=[{"event": "slot", "name": "requested_slot", "value": slot}],
        extra_events=[{"event": "slot", "name": slot, "value": text}],
    )
    domain = {"forms": {ex.form: {"required_slots": ex.slots}}, "slots": {}}
    result = await action_class(f"validate_{ex.form}")().run(dispatcher, tracker, domain)
    return dispatcher, slot_events(result)


@pytest.mark.parametrize("key", sorted(EXERCISES))
async def test_a_refusal_at_the_first_step_ends_the_form_without_keeping_it(key):
    ex = EXERCISES[key]
    slot = ex.steps[0].slot
    dispatcher, slots = await _validate(ex, slot, "this isnt helping", intent="nlu_fallback")
    assert slots == {slot: None, "requested_slot": None}
    assert texts(dispatcher) == []


async def test_a_yes_no_step_takes_i_would_rather_not_as_its_answer():
    ex = EXERCISES["connection"]
    dispatcher, slots = await _validate(ex, "connection_draft_wanted", "i'd rather not")
    assert slots.get("connection_draft_wanted") == "no" and "requested_slot" not in slots


async def test_a_negative_answer_is_kept():
    ex = EXERCISES["self_compassion"]
    slot = ex.steps[0].slot
    _, slots = await _validate(ex, slot, "i don't want to fail again", intent="self_criticism")
    assert slots[slot] == "i don't want to fail again"


async def test_the_done_action_after_a_refusal_says_it_stopped_and_forgets_the_answers():
    ex = EXERCISES["grounding"]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "can we not",
        intent="deny",
        slots={ex.steps[0].slot: "a lamp, a cup", ex.steps[1].slot: None},
        events=[{"event": "slot", "name": "requested_slot", "value": ex.steps[1].slot}],
        extra_events=[
            {"event": "slot", "name": ex.steps[1].slot, "value": None},
            {"event": "slot", "name": "requested_slot", "value": None},
        ],
    )
    events = await action_class(ex.done_action)().run(dispatcher, tracker, {})
    said = texts(dispatcher)
    assert len(said) == 1 and said[0] in [t.format(label=ex.label) for t in STOPPED]
    assert "/goodbye" in payloads(dispatcher) and "a lamp" not in said[0]
    assert slot_events(events)[ex.steps[0].slot] is None


async def test_a_finished_exercise_still_sums_up():
    ex = EXERCISES["decision"]
    slots = {s.slot: f"answer {i}" for i, s in enumerate(ex.steps)}
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "i'd rather not",  # even an answer that reads like a refusal, once accepted
        slots=slots,
        events=[{"event": "slot", "name": "requested_slot", "value": ex.steps[-1].slot}],
        extra_events=[{"event": "slot", "name": "requested_slot", "value": None}],
    )
    await action_class(ex.done_action)().run(dispatcher, tracker, {})
    assert "answer 0" in texts(dispatcher)[0]
