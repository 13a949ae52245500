"""Safe haven: reflective listening for a few turns. Each reply acknowledges what the person
said (naming a feeling or quoting a few of their words), validates it and asks one open
question; it never rushes to advice. After three turns it asks whether they want to keep
talking or try an exercise. `reflective_replies` is also used when someone declines an
exercise and just wants to be heard (actions/menu.py). Its words: data/exercises/safe_haven.yml."""

import itertools
from typing import List, Optional, Sequence

from actions.common import clean_text, echo, feeling_in, is_payload, last_bot_text
from actions.exercise import from_wording, slot_name
from actions.wording import load_exercise

NAME = "safe_haven"
WORDING = load_exercise(
    NAME,
    when={"first": ("reflecting",)},
    offered_for=("vent", "mood_low"),
    buttons=("check_in",),
    texts={
        "acknowledge_feeling": ("feeling",),  # {feeling}: a feeling word they used
        "acknowledge_words": ("q",),  # {q}: a few of their words
        "acknowledge_plainly": (),
        "validations": (),
        "check_ins": (),
    },
)
TEXTS = WORDING.texts
ACK_FEELING, ACK_QUOTE, ACK_PLAIN = (
    TEXTS[k] for k in ("acknowledge_feeling", "acknowledge_words", "acknowledge_plainly")
)
VALIDATIONS = TEXTS["validations"]
# The open question of each turn: the first reflects what led here, then one per later step.
QUESTIONS = (WORDING.step("first").when["reflecting"],) + tuple(
    s.questions for s in WORDING.steps[1:]
)


def acknowledgements(text: Optional[str]) -> Sequence[str]:
    text = clean_text(text)
    if not text or is_payload(text):
        return ACK_PLAIN
    feeling = feeling_in(text)
    if feeling:
        return tuple(a.format(feeling=feeling) for a in ACK_FEELING)
    q = echo(text, 70)
    if q and len(q.split()) <= 12:
        return tuple(a.format(q=q) for a in ACK_QUOTE)
    return ACK_PLAIN


def reflective_replies(text: Optional[str], turn: int) -> List[str]:
    """Every combination of acknowledgement, validation and open question for this turn."""
    questions = QUESTIONS[min(max(turn, 0), len(QUESTIONS) - 1)]
    return [
        f"{a} {v} {q}"
        for a, v, q in itertools.product(acknowledgements(text), VALIDATIONS, questions)
    ]


def _first_prompts(values, tracker):
    context = values.get("context")
    if context and context in (last_bot_text(tracker.events) or ""):
        return reflective_replies("", 0)  # the offer just quoted it
    if context:
        return reflective_replies(context, 0)
    return WORDING.step("first").questions


def _reply_to(step_id: str, turn: int):
    def prompts(values, tracker):
        return reflective_replies(tracker.get_slot(slot_name(NAME, step_id)), turn)

    return prompts


def finish(quoted, raw, rng, tracker):
    ack = rng.choice(list(acknowledgements(raw.get("third"))))
    return [
        {"text": f"{ack} {rng.choice(TEXTS['check_ins'])}", "buttons": WORDING.buttons["check_in"]}
    ]


SAFE_HAVEN = from_wording(
    WORDING,
    finish,
    prompts={
        "first": _first_prompts,
        "second": _reply_to("first", 1),
        "third": _reply_to("second", 2),
    },
)
