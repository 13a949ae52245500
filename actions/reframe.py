"""Reframing a limiting belief: a short thought record in the person's own words, with
0-10 ratings of the old and the new thought and a summary at the end.
Its words: data/exercises/reframe.yml."""

from actions.common import render
from actions.exercise import closing_message, from_wording
from actions.wording import load_exercise

WORDING = load_exercise(
    "reframe",
    offered_for=("limiting_belief",),
    texts={
        "summary_openings": (),
        "summary_body": ("old", "new"),  # the two ratings, e.g. "7/10"
        "when_belief_loosened": (),
        "when_belief_held": (),
    },
)
TEXTS = WORDING.texts


def _rating(value):
    if value is None:
        return "not rated"
    return f"{value}/10" if str(value).isdigit() else f'"{value}"'


def finish(quoted, raw, rng, tracker):
    values = dict(
        quoted,
        old=_rating(quoted.get("old_rating") or None),
        new=_rating(quoted.get("new_rating") or None),
    )
    text = (
        rng.choice(TEXTS["summary_openings"])
        + "\n"
        + render(rng.choice(TEXTS["summary_body"]), values)
    )
    old, new = raw.get("old_rating"), raw.get("new_rating")
    shifted = str(old).isdigit() and str(new).isdigit() and int(new) >= int(old)
    comment = rng.choice(TEXTS["when_belief_loosened" if shifted else "when_belief_held"])
    closing = closing_message(WORDING.closings, rng)
    closing["text"] = f"{comment} {closing['text']}"
    return [{"text": text}, closing]


REFRAME = from_wording(WORDING, finish)
