"""The committed exercise test stories are exactly what the builder makes from the registry."""
from tests.actions import story_builder


def test_exercise_stories_are_up_to_date():
    assert story_builder.EXERCISE_FILE.read_text() == story_builder.render_exercises(), \
        "run: .venv/bin/python -m tests.actions.story_builder"


def test_crisis_stories_are_up_to_date():
    assert story_builder.CRISIS_FILE.read_text() == story_builder.render_crisis(), \
        "run: .venv/bin/python -m tests.actions.story_builder"


def test_every_step_of_every_exercise_has_a_stop_and_a_crisis_story():
    exercises = story_builder.render_exercises()
    crisis = story_builder.render_crisis()
    for ex in story_builder.EXERCISES.values():
        for k, step in enumerate(ex.steps):
            assert f"{ex.key}: stopped at step {k + 1} ({step.slot})" in exercises
            assert f"{ex.key}: crisis at step {k + 1} ({step.slot})" in crisis
