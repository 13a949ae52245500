"""The exercise entries of domain.yml (slots, forms, actions), from the exercise registry, so
the domain and the action server stay in step. ``make generate`` writes them into domain.yml
(``generated_files``); ``make test`` fails while domain.yml differs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Callable, Dict, List

from actions.exercise import EXERCISES, NOT_ANSWER_INTENTS
from actions.menu import OFFER_ACTIONS  # (importing menu imports every exercise family)

DOMAIN_FILE = Path(__file__).resolve().parents[1] / "domain.yml"

MENU_ACTIONS = list(OFFER_ACTIONS.values()) + [
    "action_listen_reply",
    "action_offer_declined",
    "action_choose_exercise",
    "action_stop_exercise",
    "action_leave_exercise",
    "action_fallback_reply",
]


def slots() -> Dict[str, Any]:
    out: Dict[str, Any] = {
        "exercise": {
            "type": "text",
            "influence_conversation": False,
            "mappings": [{"type": "from_entity", "entity": "exercise"}],
        },
        "exercise_choice": {
            "type": "categorical",
            "values": list(EXERCISES),
            "influence_conversation": True,
            "mappings": [{"type": "custom"}],
        },
        # Featurised: after a "no" to an offer, rules answer theme messages by listening only.
        "offer_declined": {
            "type": "bool",
            "influence_conversation": True,
            "mappings": [{"type": "custom"}],
        },
        "exercise_offered": {
            "type": "text",
            "influence_conversation": False,
            "mappings": [{"type": "custom"}],
        },
        "listen_turns": {
            "type": "float",
            "influence_conversation": False,
            "mappings": [{"type": "custom"}],
        },
    }
    for ex in EXERCISES.values():
        for slot in ex.slots:
            out[slot] = {
                "type": "text",
                "influence_conversation": False,
                "mappings": [
                    {
                        "type": "from_text",
                        "not_intent": list(NOT_ANSWER_INTENTS),
                        "conditions": [{"active_loop": ex.form, "requested_slot": slot}],
                    }
                ],
            }
    return out


def forms() -> Dict[str, Any]:
    return {ex.form: {"required_slots": list(ex.slots)} for ex in EXERCISES.values()}


def action_names() -> List[str]:
    names = list(MENU_ACTIONS)
    for ex in EXERCISES.values():
        names += [f"action_ask_{slot}" for slot in ex.slots]
        names += [f"validate_{ex.form}", ex.done_action]
    return names


def _round_trip_yaml():
    """ruamel in round-trip mode, set up so that an unchanged domain.yml dumps byte for byte."""
    import ruamel.yaml

    yaml = ruamel.yaml.YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def generated_files(read: Callable[[Path], str]) -> Dict[Path, str]:
    """domain.yml with every exercise slot, form and action as the registry says (by key:
    entries that already match are left untouched, so the rest of the file keeps its form)."""
    yaml = _round_trip_yaml()
    domain = yaml.load(read(DOMAIN_FILE))
    for section, wanted in (("slots", slots()), ("forms", forms())):
        for name, spec in wanted.items():
            if domain[section].get(name) != spec:
                domain[section][name] = spec
    for name in action_names():
        if name not in domain["actions"]:
            domain["actions"].append(name)
    out = io.StringIO()
    yaml.dump(domain, out)
    return {DOMAIN_FILE: out.getvalue()}
