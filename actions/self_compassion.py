"""Self-compassion break: noticing the suffering, remembering that struggle is human, offering
oneself kindness, with "what would you say to a friend?" and the person's words reflected back.
Its words: data/exercises/self_compassion.yml."""

from actions.exercise import from_wording, summary_and_closing
from actions.wording import load_exercise

WORDING = load_exercise("self_compassion", offered_for=("self_criticism",))
SELF_COMPASSION = from_wording(WORDING, summary_and_closing(WORDING))
