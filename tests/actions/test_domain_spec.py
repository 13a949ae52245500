"""domain.yml and the rules hold exactly what the action server serves (one source of truth)."""

from pathlib import Path

from actions import domain_spec
from actions.exercise import EXERCISES, NOT_ANSWER_INTENTS
from actions.menu import OFFER_ACTIONS
from bot import fast_yaml

ROOT = Path(__file__).resolve().parents[2]


def load(path):
    return fast_yaml.safe_load((ROOT / path).read_text())


def test_domain_has_every_exercise_slot_form_and_action():
    domain = load("domain.yml")
    for name, spec in domain_spec.slots().items():
        assert domain["slots"][name] == spec, name
    assert {
        k: v for k, v in domain["forms"].items() if k in domain_spec.forms()
    } == domain_spec.forms()
    assert set(domain_spec.action_names()) <= set(domain["actions"])


def test_crisis_and_stop_never_fill_an_answer():
    assert {"crisis", "stop"} <= set(NOT_ANSWER_INTENTS)
    domain = load("domain.yml")
    for ex in EXERCISES.values():
        for slot in ex.slots:
            [mapping] = domain["slots"][slot]["mappings"]
            assert mapping["type"] == "from_text"
            assert {"crisis", "stop"} <= set(mapping["not_intent"])
            assert mapping["conditions"] == [{"active_loop": ex.form, "requested_slot": slot}]


def test_every_form_can_start_finish_and_be_left():
    rules = load("data/rules/exercises.yml")["rules"] + load("data/rules/themes.yml")["rules"]
    steps = [rule["steps"] for rule in rules]
    for ex in EXERCISES.values():
        assert any({"action": ex.done_action} in s and {"action": ex.form} in s for s in steps), (
            ex.key
        )
        if ex.key in OFFER_ACTIONS:
            assert any(
                {"intent": "affirm"} in s
                and {"action": ex.form} in s
                and {"action": OFFER_ACTIONS[ex.key]} in s
                for s in steps
            ), ex.key
        assert any(
            {"intent": "request_exercise"} in s and {"action": ex.form} in s for s in steps
        ), ex.key
    assert any({"intent": "stop"} in s and {"action": "action_deactivate_loop"} in s for s in steps)
