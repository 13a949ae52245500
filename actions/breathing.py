"""Box breathing for anxious moments: in 4, hold 4, out 4, hold 4, one step a message. Any reply
moves on. Its words: data/exercises/breathing.yml."""

from actions.exercise import from_wording, summary_and_closing
from actions.wording import load_exercise

WORDING = load_exercise("breathing")
BREATHING = from_wording(WORDING, summary_and_closing(WORDING))
