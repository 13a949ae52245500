"""Regressions for exercise names and wording.

- A placeholder misspelt in an exercise's wording used to reach a person as the word "that"
  (a lenient formatter filled unknown names); the wording files are now checked when the action
  server starts, and a bad one stops it with the file and place named.
- Renaming the listening exercise to `safe_haven` must not strand old conversations: a button or
  slot from before still carrying "listen" leads to the same exercise.
"""

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

import actions.menu  # noqa: F401  (registers every exercise)
from actions.common import canonical_exercise
from actions.menu import ActionChooseExercise
from actions.wording import DATA_DIR, WordingError, load_exercise
from bot import fast_yaml
from tests.actions.conftest import make_tracker


def test_a_misspelt_placeholder_stops_loading_instead_of_saying_that(tmp_path):
    doc = fast_yaml.safe_load((DATA_DIR / "decision.yml").read_text(encoding="utf-8"))
    doc["steps"][1]["questions"] = ['So it\'s between "{opitons}". What matters most?']
    (tmp_path / "decision.yml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(
        WordingError, match=r"decision.yml: step 2 \(values\).*unknown placeholder \{opitons\}"
    ):
        load_exercise("decision", directory=tmp_path, offered_for=("decision_help",))


@pytest.mark.parametrize("old", ["listen", "Listen", " listen "])
def test_the_former_name_listen_still_leads_to_safe_haven(old):
    assert canonical_exercise(old) == "safe_haven"


async def test_an_old_just_talk_button_starts_safe_haven():
    tracker = make_tracker(
        '/request_exercise{"exercise":"listen"}',
        "request_exercise",
        entities=[{"entity": "exercise", "value": "listen"}],
    )
    events = await ActionChooseExercise().run(CollectingDispatcher(), tracker, {})
    assert {
        "event": "slot",
        "name": "exercise_choice",
        "value": "safe_haven",
        "timestamp": None,
    } in events
