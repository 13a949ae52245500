"""Meaningful connection: who feels safe to reach out to, one small step, and help drafting a
first message if the person wants it. Its words: data/exercises/connection.yml."""

import re

from actions.common import clean_text, parse_yes_no, render
from actions.exercise import closing_message, from_wording, slot_name
from actions.wording import load_exercise

NAME = "connection"
WORDING = load_exercise(
    NAME,
    when={"step": ("nobody_named",)},
    offered_for=("loneliness",),
    texts={"drafts": ("draft",)},
)  # {draft}: their words, as a sentence
PERSON, DRAFT_WANTED, DRAFT = (slot_name(NAME, s) for s in ("person", "draft_wanted", "draft"))

NO_DRAFT = "-"
_NOBODY = re.compile(
    r"^\s*(no|nope|nah)?\W*(no ?one|nobody|noone|no-one|none|not really|not anyone|there'?s no ?one|"
    r"i (really )?(don'?t|dont) (know|have anyone|have any ?one|have anybody)|idk|dunno|not sure|"
    r"no friends|i have no ?one|i'?ve got no ?one|nobody really|no)\b"
)


def nobody(text) -> bool:
    """True when the person says there is no one (that's okay, and the next step adapts)."""
    return bool(_NOBODY.search(clean_text(text).lower())) if text else False


def _step_prompts(values, tracker):
    step = WORDING.step("step")
    return step.when["nobody_named"] if nobody(tracker.get_slot(PERSON)) else step.questions


def validate_draft_wanted(value, dispatcher, tracker):
    """Yes or no (anything unclear counts as no: we never push); a no skips the draft step."""
    intent = (tracker.latest_message or {}).get("intent", {}).get("name")
    wanted = parse_yes_no(str(value or ""), intent)
    if wanted:
        return {DRAFT_WANTED: "yes"}
    return {DRAFT_WANTED: "no", DRAFT: NO_DRAFT}


def _sentence(text: str) -> str:
    text = text.strip().rstrip("…").strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def finish(quoted, raw, rng, tracker):
    messages = []
    draft = raw.get("draft")
    if raw.get("draft_wanted") == "yes" and draft and draft != NO_DRAFT:
        messages.append(
            {
                "text": render(
                    rng.choice(WORDING.texts["drafts"]), {"draft": _sentence(quoted["draft"])}
                )
            }
        )
    messages.append({"text": render(rng.choice(WORDING.summaries), quoted)})
    messages.append(closing_message(WORDING.closings, rng))
    return messages


CONNECTION = from_wording(
    WORDING,
    finish,
    prompts={"step": _step_prompts},
    validators={"draft_wanted": validate_draft_wanted},
)
