"""The exercise test stories cover every step (that they are up to date: tests/project)."""

from bot.dialogue import story_builder


def test_every_step_of_every_exercise_has_a_stop_and_a_crisis_story():
    exercises = story_builder.render_exercises()
    crisis = story_builder.render_crisis()
    for ex in story_builder.EXERCISES.values():
        for k, step in enumerate(ex.steps):
            assert f"{ex.key}: stopped at step {k + 1} ({step.slot})" in exercises
            assert f"{ex.key}: crisis at step {k + 1} ({step.slot})" in crisis
