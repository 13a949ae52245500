"""Safe haven: reflective listening for a few turns. Each reply acknowledges what the person
said (naming a feeling or quoting a few of their words), validates it and asks one open
question; it never rushes to advice. After three turns it asks whether they want to keep
talking or try an exercise. `reflective_replies` is also used when someone declines an
exercise and just wants to be heard (actions/menu.py)."""

import itertools
from typing import List, Optional, Sequence

from actions.common import clean_text, feeling_in, is_payload, last_bot_text, quote
from actions.exercise import Exercise, Step, register

ACK_FEELING = (
    "It sounds like you're feeling {feeling}.",
    "Feeling {feeling} like that is a lot to carry.",
    "I can hear how {feeling} you've been feeling.",
)
ACK_QUOTE = (
    "When you say \"{q}\", I can hear how much this matters.",
    "Thank you for telling me that: \"{q}\".",
    "\"{q}\": that sounds really hard.",
)
ACK_PLAIN = (
    "That sounds like a lot.",
    "Thank you for telling me all of this.",
    "I'm really glad you're putting this into words.",
)
VALIDATIONS = (
    "It makes sense that you'd feel this way.",
    "Anyone in your place might feel the same.",
    "There's nothing wrong with feeling like this.",
)
QUESTIONS = (
    ("What's been the hardest part?", "How long has it been like this?", "What's weighing on you most right now?"),
    ("How has this been affecting you day to day?", "What do you wish the people around you understood about it?",
     "What goes through your mind when it's at its worst?"),
    ("What do you need most right now?", "Has anything helped, even a little?",
     "How are you looking after yourself through all this?"),
)


def acknowledgements(text: Optional[str]) -> Sequence[str]:
    text = clean_text(text)
    if not text or is_payload(text):
        return ACK_PLAIN
    feeling = feeling_in(text)
    if feeling:
        return tuple(a.format(feeling=feeling) for a in ACK_FEELING)
    q = quote(text, 70)
    if q and 3 <= len(q.split()) <= 12 and not q.endswith("…"):
        return tuple(a.format(q=q) for a in ACK_QUOTE)
    return ACK_PLAIN


def reflective_replies(text: Optional[str], turn: int) -> List[str]:
    """Every combination of acknowledgement, validation and open question for this turn."""
    questions = QUESTIONS[min(max(turn, 0), len(QUESTIONS) - 1)]
    return [f"{a} {v} {q}" for a, v, q in itertools.product(acknowledgements(text), VALIDATIONS, questions)]


def _first_prompts(values, tracker):
    context = values.get("context")
    if context and context in (last_bot_text(tracker.events) or ""):
        return [f"{r} I'm listening." for r in reflective_replies("", 0)]  # the offer just quoted it
    if context:
        return [f"{r} I'm listening." for r in reflective_replies(context, 0)]
    return (
        "I'm here and I'm listening, with no judgement. What's on your mind?",
        "Take your time. Tell me whatever you'd like, in your own words.",
        "I'm all ears. What's been going on for you?",
    )


def _reply_to(slot: str, turn: int):
    def prompts(values, tracker):
        return reflective_replies(tracker.get_slot(slot), turn)

    return prompts


STEPS = (
    Step("sh_first", _first_prompts),
    Step("sh_second", _reply_to("sh_first", 1)),
    Step("sh_third", _reply_to("sh_second", 2)),
)
INTROS = ("",)  # the first reply already opens gently; no extra preamble

CHECK_INS = (
    "Thank you for trusting me with all of this. Would you like to keep talking, or would it help to try a short exercise?",
    "I'm glad you've been able to share this. We can keep talking for as long as you like, or try something small that might help. What would you prefer?",
    "I really appreciate you opening up. Do you want to carry on talking, or try an exercise together?",
)
CHECK_IN_BUTTONS = (
    ("Keep talking", '/request_exercise{"exercise":"listen"}'),
    ("Try an exercise", "/request_exercise"),
    ("That's all for now", "/goodbye"),
)


def finish(quoted, raw, rng, tracker):
    ack = rng.choice(list(acknowledgements(raw.get("sh_third"))))
    return [{"text": f"{ack} {rng.choice(CHECK_INS)}", "buttons": CHECK_IN_BUTTONS}]


SAFE_HAVEN = register(Exercise(
    key="listen", form="safe_haven_form", label="our talk",
    steps=STEPS, intros=INTROS, finish=finish,
))
