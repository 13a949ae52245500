"""Grounding for anxious moments: 5-4-3-2-1 through the senses, one step a message. Any reply
moves on ("done", "ok", or what they noticed). Its words: data/exercises/grounding.yml."""

from actions.exercise import from_wording, summary_and_closing
from actions.wording import load_exercise

WORDING = load_exercise("grounding", offered_for=("anxious",))
GROUNDING = from_wording(WORDING, summary_and_closing(WORDING))
