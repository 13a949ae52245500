"""Builds the exercise stories from the exercise registry (actions/), so the dialogue data and
the action server cannot drift apart:

- training stories (data/stories/exercises.yml): the paths a conversation takes through each
  exercise (offer accepted and completed, declined, stopped, switched, resumed after a question),
  for MemoizationPolicy to remember beside the rules;
- test stories (tests/stories/): every step covered: completed, stopped at each step, switched
  to another exercise and a theme message midway, a "no" at the offer, goodbye (and an answer
  misread as goodbye) and a bot question midway; and, in a separate file, a crisis message at
  each step.

    make generate      # rewrites the two story files (bot/generate.py calls generated_files)

Stories list the slot events our actions return (Rasa does not run actions in story tests,
and ActionFailurePolicy reads a custom action followed by no event as a failed action).
`make test` fails when the committed files differ from this output."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import actions.menu  # noqa: F401
from actions.exercise import EXERCISES, Exercise
from actions.menu import DEFAULT_THEME, OFFER_ACTIONS

ROOT = Path(__file__).resolve().parents[2]
TRAINING_FILE = ROOT / "data" / "stories" / "exercises.yml"
EXERCISE_FILE = ROOT / "tests" / "stories" / "test_exercises.yml"
CRISIS_FILE = ROOT / "tests" / "stories" / "test_crisis_in_exercises.yml"

# The theme intent whose offer leads to each exercise (breathing: via the anxious offer's button).
OFFERED_BY = dict(DEFAULT_THEME)
# What people typically answer with (intents vary; answers are free text whatever the intent).
ANSWER_INTENTS = ["nlu_fallback", "self_criticism", "mood_low", "affirm", "out_of_scope", "vent"]
SWITCH_TO = {"breathing": "grounding"}


def _offer(key: str, intent: Optional[str] = None) -> List[str]:
    return [
        f"- intent: {intent or OFFERED_BY[key]}",
        f"- action: {OFFER_ACTIONS[key]}",
        "- slot_was_set:",
        f"  - exercise_offered: {key}",
    ]


def _activate(ex: Exercise) -> List[str]:
    return [
        f"- action: {ex.form}",
        f"- active_loop: {ex.form}",
        "- slot_was_set:",
        f"  - requested_slot: {ex.steps[0].slot}",
    ]


def _start(ex: Exercise) -> List[str]:
    if ex.key in OFFERED_BY:
        return _offer(ex.key) + ["- intent: affirm"] + _activate(ex)
    return _request(ex)


def _request(ex: Exercise) -> List[str]:
    return [
        "- intent: request_exercise",
        "  entities:",
        f"  - exercise: {ex.key}",
        "- action: action_deactivate_loop",
        "- active_loop: null",
        "- action: action_choose_exercise",
        "- slot_was_set:",
        f"  - exercise_choice: {ex.key}",
    ] + _activate(ex)


def _answers(ex: Exercise, start: int, count: int, intents: Sequence[str] = ()) -> List[str]:
    """`count` answers from step `start`; the form asks the next step (or completes)."""
    lines: List[str] = []
    for i in range(start, start + count):
        intent = (
            intents[i - start]
            if i - start < len(intents)
            else ANSWER_INTENTS[i % len(ANSWER_INTENTS)]
        )
        lines += [
            f"- intent: {intent}",
            f"- action: {ex.form}",
            "- slot_was_set:",
            f'  - {ex.steps[i].slot}: "answer {i + 1}"',
        ]
        if i + 1 < len(ex.steps):
            lines += [f"  - requested_slot: {ex.steps[i + 1].slot}"]
        else:
            lines += [
                "- active_loop: null",
                "- slot_was_set:",
                "  - requested_slot: null",
                f"- action: {ex.done_action}",
                "- slot_was_set:",
                "  - exercise_offered: null",
            ]
    return lines


def _all_answers(ex: Exercise, start: int = 0) -> List[str]:
    return _answers(ex, start, len(ex.steps) - start)


STOP = [
    "- intent: stop",
    "- action: action_deactivate_loop",
    "- active_loop: null",
    "- action: action_stop_exercise",
    "- slot_was_set:",
    "  - exercise_offered: null",
    "  - exercise_choice: null",
]


def _aside(ex: Exercise, step: int, intent: str, entity: Optional[str] = None) -> List[str]:
    """A message that is not an answer: the validation action sets it aside, the form asks again."""
    lines = [f"- intent: {intent}"]
    if entity:
        lines += ["  entities:", f"  - exercise: {entity}"]
    return lines + [
        f"- action: {ex.form}",
        "- slot_was_set:",
        f"  - requested_slot: {ex.steps[step].slot}",
    ]


def _switch_button(target: str) -> List[str]:
    """The switch button ("/stop{"exercise": X}"): stop this exercise, start X (or the menu)."""
    lines = [
        "- intent: stop",
        "  entities:",
        f"  - exercise: {target}",
        "- action: action_deactivate_loop",
        "- active_loop: null",
        "- action: action_stop_exercise",
        "- slot_was_set:",
        "  - exercise_offered: null",
    ]
    if target == "menu":
        return lines + ["  - exercise_choice: null"]
    return lines + [f"  - exercise_choice: {target}"] + _activate(EXERCISES[target])


CRISIS = [
    "- intent: crisis",
    "- action: utter_crisis_resources",
    "- action: action_deactivate_loop",
    "- active_loop: null",
    "- action: utter_crisis_check_safe",
]
MENU = [
    "- intent: request_exercise",
    "- action: action_deactivate_loop",
    "- active_loop: null",
    "- action: action_choose_exercise",
    "- slot_was_set:",
    "  - exercise_choice: null",
]


SAMPLE_ANSWER = '"work is a nightmare"'


def _resumed_after(ex: Exercise, step: int) -> List[str]:
    """After a misread answer filled `step` and the form came back: the next question, the rest."""
    return ["- slot_was_set:", f"  - requested_slot: {ex.steps[step + 1].slot}"] + _answers(
        ex, step + 1, len(ex.steps) - step - 1
    )


def _story(name: str, lines: List[str]) -> str:
    body = "\n".join("      " + line for line in lines)
    return f'  - story: "{name}"\n    steps:\n{body}\n'


def _midway(ex: Exercise) -> Tuple[int, Exercise]:
    """The step where stories interrupt an exercise, and the exercise they switch to."""
    return max(1, len(ex.steps) // 2), EXERCISES[SWITCH_TO.get(ex.key, "breathing")]


def _switched_midway(ex: Exercise) -> str:
    """Asked for another exercise midway, then switched by the offer's button (test and
    training stories alike)."""
    mid, other = _midway(ex)
    return _story(
        f"{ex.key}: switched to {other.key} midway",
        _start(ex)
        + _answers(ex, 0, mid)
        + _aside(ex, mid, "request_exercise", other.key)
        + _switch_button(other.key)
        + _all_answers(other),
    )


def exercise_stories() -> List[str]:
    stories: List[str] = []
    for ex in EXERCISES.values():
        n = len(ex.steps)
        mid, other = _midway(ex)
        stories.append(_story(f"{ex.key}: completed", _start(ex) + _all_answers(ex)))
        for k in range(n):
            stories.append(
                _story(
                    f"{ex.key}: stopped at step {k + 1} ({ex.steps[k].slot})",
                    _start(ex) + _answers(ex, 0, k) + STOP,
                )
            )
        stories.append(_switched_midway(ex))
        stories.append(
            _story(
                f"{ex.key}: asked for {other.key} midway, then carried on",
                _start(ex)
                + _answers(ex, 0, mid)
                + _aside(ex, mid, "request_exercise", other.key)
                + _all_answers(ex, mid),
            )
        )
        stories.append(
            _story(
                f"{ex.key}: the menu asked for midway, then a choice from it",
                _start(ex)
                + _answers(ex, 0, mid)
                + _aside(ex, mid, "request_exercise")
                + _switch_button("menu")
                + _request(other),
            )
        )
        stories.append(
            _story(
                f"{ex.key}: theme messages midway are taken as answers",
                _start(ex)
                + _answers(ex, 0, 1)
                + _answers(ex, 1, 2, ["anxious", "loneliness"])
                + _all_answers(ex, 3),
            )
        )
        stories.append(
            _story(
                f"{ex.key}: goodbye midway",
                _start(ex)
                + _answers(ex, 0, mid)
                + [
                    "- intent: goodbye",
                    "- action: action_deactivate_loop",
                    "- active_loop: null",
                    "- action: action_leave_exercise",
                    "- slot_was_set:",
                    "  - exercise_offered: null",
                    "  - exercise_choice: null",
                    "- action: utter_goodbye",
                ],
            )
        )
        answer = ex.steps[mid]
        stories.append(
            _story(
                f"{ex.key}: an answer misread as goodbye midway fills the step and carries on",
                _start(ex)
                + _answers(ex, 0, mid)
                + [
                    "- intent: goodbye",
                    "- action: action_deactivate_loop",
                    "- active_loop: null",
                    "- action: action_leave_exercise",
                    "- slot_was_set:",
                    f"  - {answer.slot}: {SAMPLE_ANSWER}",
                    f"  - exercise_choice: {ex.key}",
                    f"- action: {ex.form}",
                    f"- active_loop: {ex.form}",
                ]
                + _resumed_after(ex, mid),
            )
        )
        stories.append(
            _story(
                f"{ex.key}: asking whether this is a bot midway, then carrying on",
                _start(ex)
                + _answers(ex, 0, 1)
                + _aside(ex, 1, "bot_challenge")
                + _aside(ex, 1, "greet")
                + _all_answers(ex, 1),
            )
        )
        if ex.key in OFFERED_BY:
            stories.append(
                _story(
                    f"{ex.key}: no at the offer is respected, then listening only",
                    _offer(ex.key)
                    + [
                        "- intent: deny",
                        "- action: action_offer_declined",
                        "- slot_was_set:",
                        "  - offer_declined: true",
                        "  - listen_turns: 0.0",
                        f"- intent: {OFFERED_BY[ex.key]}",
                        "- action: action_listen_reply",
                        "- slot_was_set:",
                        "  - listen_turns: 1.0",
                        "- intent: mood_low",
                        "- action: action_listen_reply",
                        "- slot_was_set:",
                        "  - listen_turns: 2.0",
                        "- intent: affirm",
                        "- action: utter_ack_no_context",
                    ],
                )
            )
            stories.append(_story(f"{ex.key}: stop at the offer", _offer(ex.key) + STOP))
    listen, strengths = EXERCISES["safe_haven"], EXERCISES["strengths"]
    stories.append(
        _story("menu, then an exercise from its buttons", MENU + _request(EXERCISES["reframe"]))
    )
    stories.append(
        _story(
            "mood_low check-in, yes leads to listening",
            _offer("safe_haven", "mood_low") + ["- intent: affirm"] + _activate(listen),
        )
    )
    stories.append(
        _story(
            "mood_great check-in, yes leads to strengths",
            _offer("strengths", "mood_great") + ["- intent: affirm"] + _activate(strengths),
        )
    )
    stories.append(
        _story(
            "venting on after the offer to listen is a yes",
            _offer("safe_haven") + ["- intent: vent"] + _activate(listen),
        )
    )
    stories.append(
        _story(
            "listening, the check-in, and talking on",
            _start(listen) + _all_answers(listen) + ["- intent: vent"] + _activate(listen),
        )
    )
    stories.append(
        _story(
            "anxious, then breathing instead from the offer's button",
            _offer("grounding") + _request(EXERCISES["breathing"]),
        )
    )
    stories.append(
        _story(
            "after a no, asking for an exercise by name starts it",
            _offer("reframe")
            + [
                "- intent: deny",
                "- action: action_offer_declined",
                "- slot_was_set:",
                "  - offer_declined: true",
                "  - listen_turns: 0.0",
            ]
            + _request(EXERCISES["grounding"]),
        )
    )
    breathing = EXERCISES["breathing"]
    stories.append(
        _story(
            "breathing: 'done' (read as stop) carries on with the next step",
            _request(breathing)
            + _answers(breathing, 0, 1)
            + [
                "- intent: stop",
                "- action: action_deactivate_loop",
                "- active_loop: null",
                "- action: action_stop_exercise",
                "- slot_was_set:",
                f"  - {breathing.slots[1]}: done",
                "  - exercise_choice: breathing",
                "- action: breathing_form",
                "- active_loop: breathing_form",
                "- slot_was_set:",
                f"  - requested_slot: {breathing.slots[2]}",
            ]
            + _all_answers(breathing, 2),
        )
    )
    stories.append(
        _story("stop with nothing running", ["- intent: greet", "- action: utter_greet"] + STOP)
    )
    return stories


def crisis_stories() -> List[str]:
    stories: List[str] = []
    for ex in EXERCISES.values():
        for k, step in enumerate(ex.steps):
            stories.append(
                _story(
                    f"{ex.key}: crisis at step {k + 1} ({step.slot})",
                    _start(ex) + _answers(ex, 0, k) + CRISIS,
                )
            )
    return stories


HEADER = 'version: "3.1"\n\n# Generated by bot/dialogue/story_builder.py from the exercise registry (make generate); do not edit by hand.\n'


def render_exercises() -> str:
    return (
        HEADER
        + (
            "# Every exercise: completed, stopped at each step, switched, deny at the offer, interruptions.\n"
            "stories:\n"
        )
        + "\n".join(exercise_stories())
    )


def render_crisis() -> str:
    return (
        HEADER
        + (
            "# A crisis message at each step of each exercise: the crisis layer (CrisisPolicy) answers\n"
            "# first, ends the exercise, then asks whether the person is safe. The shape lives here only.\n"
            "stories:\n"
        )
        + "\n".join(crisis_stories())
    )


def training_stories() -> List[str]:
    """The paths a conversation takes through each exercise, for MemoizationPolicy."""
    stories: List[str] = []
    for ex in EXERCISES.values():
        mid, other = _midway(ex)
        stories.append(_story(f"{ex.key}: accepted and completed", _start(ex) + _all_answers(ex)))
        if ex.key in OFFERED_BY:
            stories.append(
                _story(
                    f"{ex.key}: declined at the offer",
                    _offer(ex.key)
                    + [
                        "- intent: deny",
                        "- action: action_offer_declined",
                        "- slot_was_set:",
                        "  - offer_declined: true",
                        "  - listen_turns: 0.0",
                    ],
                )
            )
        stories.append(
            _story(
                f"{ex.key}: stopped after the first answer", _start(ex) + _answers(ex, 0, 1) + STOP
            )
        )
        stories.append(_switched_midway(ex))
        stories.append(
            _story(
                f"{ex.key}: a question midway, then resumed",
                _start(ex)
                + _answers(ex, 0, 1)
                + _aside(ex, 1, "bot_challenge")
                + _all_answers(ex, 1),
            )
        )
    return stories


def render_training() -> str:
    return (
        HEADER
        + (
            "# The paths through each exercise; one-turn behaviour lives in data/rules/.\n"
            "stories:\n"
        )
        + "\n".join(training_stories())
    )


def generated_files(read: Callable[[Path], str]) -> Dict[Path, str]:
    """The training stories and the two test story files (bot/generate.py)."""
    return {
        TRAINING_FILE: render_training(),
        EXERCISE_FILE: render_exercises(),
        CRISIS_FILE: render_crisis(),
    }
