"""Inner strengths: a hard time the person got through, what helped, the strength behind it
(examples as buttons), and one way to use it this week. Its words: data/exercises/strengths.yml."""

from actions.exercise import context_intent, from_wording, summary_and_closing
from actions.wording import load_exercise

WORDING = load_exercise(
    "strengths",
    when={"hard_time": ("after_a_good_day",)},
    offered_for=("mood_great", "explore_strengths"),
)
_HARD_TIME = WORDING.step("hard_time")


def _first_prompts(values, tracker):
    if context_intent(tracker) == "mood_great":  # coming from a good day: start from what went well
        return _HARD_TIME.when["after_a_good_day"]
    return _HARD_TIME.questions


STRENGTHS = from_wording(
    WORDING, summary_and_closing(WORDING), prompts={"hard_time": _first_prompts}
)
