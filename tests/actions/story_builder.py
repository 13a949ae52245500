"""Builds the Rasa test stories for every exercise from the exercise registry, so each step of
each exercise is covered: completed, stopped at each step, switched to another exercise and
a theme message midway, a "no" at the offer, goodbye and a bot question midway; and, in a
separate file, a crisis message at each step.

    .venv/bin/python -m tests.actions.story_builder      # rewrites the two story files

tests/actions/test_story_files.py fails when the committed files differ from this output."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

import actions.menu  # noqa: F401
from actions.exercise import EXERCISES, Exercise

ROOT = Path(__file__).resolve().parents[2]
EXERCISE_FILE = ROOT / "tests" / "stories" / "test_exercises.yml"
CRISIS_FILE = ROOT / "tests" / "stories" / "test_crisis_in_exercises.yml"

# The theme intent whose offer leads to each exercise (breathing: via the anxious offer's button).
OFFERED_BY = {"self_compassion": "self_criticism", "reframe": "limiting_belief", "strengths": "explore_strengths",
              "decision": "decision_help", "connection": "loneliness", "listen": "vent", "grounding": "anxious"}
# What people typically answer with (intents vary; answers are free text whatever the intent).
ANSWER_INTENTS = ["nlu_fallback", "self_criticism", "mood_low", "affirm", "out_of_scope", "vent"]
SWITCH_TO = {"breathing": "grounding"}


def _start(ex: Exercise) -> List[str]:
    if ex.key in OFFERED_BY:
        return [f"- intent: {OFFERED_BY[ex.key]}", "- action: action_offer_exercise", "- slot_was_set:",
                f"  - exercise_choice: {ex.key}", "- intent: affirm", f"- action: {ex.form}",
                f"- active_loop: {ex.form}"]
    return _request(ex.key, ex.form)


def _request(key: str, form: str) -> List[str]:
    return ["- intent: request_exercise", "  entities:", f"  - exercise: {key}",
            "- action: action_deactivate_loop", "- active_loop: null", "- action: action_choose_exercise",
            "- slot_was_set:", f"  - exercise_choice: {key}", f"- action: {form}", f"- active_loop: {form}"]


def _answers(ex: Exercise, count: int, first_intent: Optional[str] = None) -> List[str]:
    lines: List[str] = []
    for i in range(count):
        intent = first_intent if (first_intent and i == 0) else ANSWER_INTENTS[i % len(ANSWER_INTENTS)]
        lines += [f"- intent: {intent}", f"- action: {ex.form}"]
    return lines


def _finish(ex: Exercise) -> List[str]:
    return ["- active_loop: null", "- slot_was_set:", "  - requested_slot: null", f"- action: {ex.done_action}"]


def _story(name: str, lines: List[str]) -> str:
    body = "\n".join("      " + line for line in lines)
    return f'  - story: "{name}"\n    steps:\n{body}\n'


def exercise_stories() -> List[str]:
    stories: List[str] = []
    for ex in EXERCISES.values():
        n = len(ex.steps)
        stories.append(_story(f"{ex.key}: completed", _start(ex) + _answers(ex, n) + _finish(ex)))
        for k in range(n):
            stories.append(_story(
                f"{ex.key}: stopped at step {k + 1} ({ex.steps[k].slot})",
                _start(ex) + _answers(ex, k) + ["- intent: stop", "- action: action_deactivate_loop",
                                                "- active_loop: null", "- action: action_stop_exercise"]))
        other = EXERCISES[SWITCH_TO.get(ex.key, "breathing")]
        mid = max(1, n // 2)
        stories.append(_story(f"{ex.key}: switched to {other.key} midway",
                              _start(ex) + _answers(ex, mid) + _request(other.key, other.form)
                              + _answers(other, len(other.steps)) + _finish(other)))
        stories.append(_story(f"{ex.key}: the menu asked for midway, then a choice from it",
                              _start(ex) + _answers(ex, mid)
                              + ["- intent: request_exercise", "- action: action_deactivate_loop",
                                 "- active_loop: null", "- action: action_choose_exercise",
                                 "- slot_was_set:", "  - exercise_choice: null"]
                              + _request(other.key, other.form)))
        stories.append(_story(f"{ex.key}: a theme message midway is taken as an answer",
                              _start(ex) + _answers(ex, 1) + ["- intent: anxious", f"- action: {ex.form}",
                                                              "- intent: loneliness", f"- action: {ex.form}"]
                              + _answers(ex, max(0, n - 3)) + _finish(ex)
                              if n >= 3 else _start(ex)))
        stories.append(_story(f"{ex.key}: goodbye midway",
                              _start(ex) + _answers(ex, mid) + ["- intent: goodbye", "- action: action_deactivate_loop",
                                                                "- active_loop: null", "- action: action_end_exercise",
                                                                "- action: utter_goodbye"]))
        stories.append(_story(f"{ex.key}: asking whether this is a bot midway, then carrying on",
                              _start(ex) + _answers(ex, 1) + ["- intent: bot_challenge", "- action: utter_iamabot",
                                                              f"- action: {ex.form}"]
                              + _answers(ex, n - 1) + _finish(ex)))
        if ex.key in OFFERED_BY:
            stories.append(_story(
                f"{ex.key}: no at the offer is respected, then listening only",
                [f"- intent: {OFFERED_BY[ex.key]}", "- action: action_offer_exercise", "- slot_was_set:",
                 f"  - exercise_choice: {ex.key}", "- intent: deny", "- action: action_offer_declined",
                 "- slot_was_set:", "  - exercise_choice: null", "  - offer_declined: true",
                 "  - listen_turns: 0.0", f"- intent: {OFFERED_BY[ex.key]}", "- action: action_offer_exercise",
                 "- slot_was_set:", "  - exercise_choice: null", "  - listen_turns: 1.0",
                 "- intent: affirm", "- action: utter_ack_no_context"]))
            stories.append(_story(f"{ex.key}: stop at the offer",
                                  [f"- intent: {OFFERED_BY[ex.key]}", "- action: action_offer_exercise",
                                   "- slot_was_set:", f"  - exercise_choice: {ex.key}", "- intent: stop",
                                   "- action: action_deactivate_loop", "- active_loop: null",
                                   "- action: action_stop_exercise"]))
    # Flows that are not one exercise's.
    stories.append(_story("menu, then an exercise from its buttons",
                          ["- intent: request_exercise", "- action: action_deactivate_loop", "- active_loop: null",
                           "- action: action_choose_exercise", "- slot_was_set:", "  - exercise_choice: null"]
                          + _request("reframe", "reframe_form")))
    stories.append(_story("mood_low check-in, yes leads to listening",
                          ["- intent: mood_low", "- action: action_offer_exercise", "- slot_was_set:",
                           "  - exercise_choice: listen", "- intent: affirm", "- action: safe_haven_form",
                           "- active_loop: safe_haven_form"]))
    stories.append(_story("mood_great check-in, yes leads to strengths",
                          ["- intent: mood_great", "- action: action_offer_exercise", "- slot_was_set:",
                           "  - exercise_choice: strengths", "- intent: affirm", "- action: strengths_form",
                           "- active_loop: strengths_form"]))
    stories.append(_story("venting on after the offer to listen is a yes",
                          ["- intent: vent", "- action: action_offer_exercise", "- slot_was_set:",
                           "  - exercise_choice: listen", "- intent: vent", "- action: safe_haven_form",
                           "- active_loop: safe_haven_form"]))
    listen = EXERCISES["listen"]
    stories.append(_story("listening, the check-in, and talking on",
                          _start(listen) + _answers(listen, len(listen.steps)) + _finish(listen)
                          + ["- intent: vent", "- action: safe_haven_form", "- active_loop: safe_haven_form"]))
    stories.append(_story("anxious, then breathing instead from the offer's button",
                          ["- intent: anxious", "- action: action_offer_exercise", "- slot_was_set:",
                           "  - exercise_choice: grounding"] + _request("breathing", "breathing_form")))
    stories.append(_story("stop with nothing running",
                          ["- intent: greet", "- action: utter_greet", "- intent: stop",
                           "- action: action_deactivate_loop", "- active_loop: null",
                           "- action: action_stop_exercise"]))
    return stories


def crisis_stories() -> List[str]:
    stories: List[str] = []
    for ex in EXERCISES.values():
        for k, step in enumerate(ex.steps):
            stories.append(_story(
                f"{ex.key}: crisis at step {k + 1} ({step.slot})",
                _start(ex) + _answers(ex, k) + ["- intent: crisis", "- action: utter_crisis_resources",
                                                "- action: action_deactivate_loop", "- active_loop: null",
                                                "- action: utter_crisis_check_safe"]))
    return stories


HEADER = 'version: "3.1"\n\n# Generated by tests/actions/story_builder.py from the exercise registry; do not edit by hand.\n'


def render_exercises() -> str:
    return HEADER + "# Every exercise: completed, stopped at each step, switched, deny at the offer, interruptions.\nstories:\n" \
        + "\n".join(exercise_stories())


def render_crisis() -> str:
    return HEADER + ("# A crisis message at each step of each exercise: the crisis layer (CrisisPolicy) answers\n"
                     "# first, ends the exercise, then asks whether the person is safe. The shape lives here only.\n"
                     "stories:\n") + "\n".join(crisis_stories())


if __name__ == "__main__":
    EXERCISE_FILE.write_text(render_exercises())
    CRISIS_FILE.write_text(render_crisis())
    print(f"wrote {EXERCISE_FILE.relative_to(ROOT)} ({len(exercise_stories())} stories), "
          f"{CRISIS_FILE.relative_to(ROOT)} ({len(crisis_stories())} stories)")
