"""Decision-making: the options in the person's words, what matters most, how each option
fits that, and the smallest next step; a summary at the end.
Its words: data/exercises/decision.yml."""

from actions.exercise import from_wording, summary_and_closing
from actions.wording import load_exercise

WORDING = load_exercise("decision", offered_for=("decision_help",))
DECISION = from_wording(WORDING, summary_and_closing(WORDING))
