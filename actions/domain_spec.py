"""Prints the exercise entries of domain.yml (slots, forms, actions) from the exercise
registry, so the domain and the action server stay in step:

    .venv/bin/python -m actions.domain_spec slots|forms|actions

tests/actions/test_domain_spec.py checks that domain.yml holds exactly these entries."""

from __future__ import annotations

import sys
from typing import Any, Dict, List

from actions.menu import OFFER_ACTIONS  # (importing menu imports every exercise family)
from actions.exercise import EXERCISES, NOT_ANSWER_INTENTS

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
        "exercise": {"type": "text", "influence_conversation": False,
                     "mappings": [{"type": "from_entity", "entity": "exercise"}]},
        "exercise_choice": {"type": "categorical", "values": list(EXERCISES),
                            "influence_conversation": True, "mappings": [{"type": "custom"}]},
        # Featurised: after a "no" to an offer, rules answer theme messages by listening only.
        "offer_declined": {"type": "bool", "influence_conversation": True,
                           "mappings": [{"type": "custom"}]},
        "exercise_offered": {"type": "text", "influence_conversation": False,
                             "mappings": [{"type": "custom"}]},
        "listen_turns": {"type": "float", "influence_conversation": False,
                         "mappings": [{"type": "custom"}]},
    }
    for ex in EXERCISES.values():
        for slot in ex.slots:
            out[slot] = {"type": "text", "influence_conversation": False, "mappings": [{
                "type": "from_text", "not_intent": list(NOT_ANSWER_INTENTS),
                "conditions": [{"active_loop": ex.form, "requested_slot": slot}]}]}
    return out


def forms() -> Dict[str, Any]:
    return {ex.form: {"required_slots": list(ex.slots)} for ex in EXERCISES.values()}


def action_names() -> List[str]:
    names = list(MENU_ACTIONS)
    for ex in EXERCISES.values():
        names += [f"action_ask_{slot}" for slot in ex.slots]
        names += [f"validate_{ex.form}", ex.done_action]
    return names


def _yaml_slots(indent: str = "  ") -> str:
    lines: List[str] = []
    for name, spec in slots().items():
        lines.append(f"{indent}{name}:")
        lines.append(f"{indent}  type: {spec['type']}")
        if "values" in spec:
            lines.append(f"{indent}  values: [{', '.join(spec['values'])}]")
        lines.append(f"{indent}  influence_conversation: {str(spec['influence_conversation']).lower()}")
        lines.append(f"{indent}  mappings:")
        for m in spec["mappings"]:
            lines.append(f"{indent}    - type: {m['type']}")
            if "entity" in m:
                lines.append(f"{indent}      entity: {m['entity']}")
            if "not_intent" in m:
                lines.append(f"{indent}      not_intent: [{', '.join(m['not_intent'])}]")
            for c in m.get("conditions", []):
                lines.append(f"{indent}      conditions:")
                lines.append(f"{indent}        - active_loop: {c['active_loop']}")
                lines.append(f"{indent}          requested_slot: {c['requested_slot']}")
    return "\n".join(lines)


def _yaml_forms() -> str:
    lines = ["forms:"]
    for form, spec in forms().items():
        lines.append(f"  {form}:")
        lines.append("    required_slots:")
        lines += [f"      - {s}" for s in spec["required_slots"]]
    return "\n".join(lines)


def _yaml_actions(indent: str = "  ") -> str:
    return "\n".join(f"{indent}- {a}" for a in action_names())


if __name__ == "__main__":
    part = sys.argv[1] if len(sys.argv) > 1 else "slots"
    print({"slots": _yaml_slots, "forms": _yaml_forms, "actions": _yaml_actions}[part]())
