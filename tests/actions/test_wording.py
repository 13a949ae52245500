"""The exercise wording files (data/exercises/*.yml): each registered exercise has one, under its
one name, and the loader refuses what would reach a person broken (a missing question, a
placeholder the code does not fill, an unknown key)."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

import actions.menu  # noqa: F401  (registers every exercise)
from actions import wording
from actions.exercise import EXERCISES, SHARED
from actions.wording import DATA_DIR, WordingError, load_exercise, placeholders
from bot import fast_yaml

ACTIONS_DIR = Path(wording.__file__).parent


def test_each_exercise_has_one_name_for_module_wording_form_and_slots():
    files = {p.stem for p in DATA_DIR.glob("*.yml")}
    assert files == set(EXERCISES) | {wording.SHARED}
    for name, ex in EXERCISES.items():
        assert (ACTIONS_DIR / f"{name}.py").exists(), name
        assert ex.form == f"{name}_form"
        assert ex.wording.name == name
        assert all(
            slot == f"{name}_{step.id}" for slot, step in zip(ex.slots, ex.steps, strict=False)
        )
    assert set(SHARED.menu) == set(EXERCISES)


def _payloads():
    for path in DATA_DIR.glob("*.yml"):
        for match in re.finditer(r'"exercise":\s*"?(\w+)', path.read_text(encoding="utf-8")):
            yield path.name, match.group(1)


def test_every_button_naming_an_exercise_names_a_registered_one():
    for file, name in _payloads():
        assert name in EXERCISES or name == "menu", f"{file}: {name}"


@pytest.fixture
def copy(tmp_path):
    """A writable copy of one wording file, edited by a function of its parsed content."""

    def make(name, edit):
        doc = fast_yaml.safe_load((DATA_DIR / f"{name}.yml").read_text(encoding="utf-8"))
        edit(doc)
        (tmp_path / f"{name}.yml").write_text(
            yaml.safe_dump(doc, sort_keys=False), encoding="utf-8"
        )
        return tmp_path

    return make


def load_reframe(directory):
    return load_exercise(
        "reframe",
        directory=directory,
        offered_for=("limiting_belief",),
        texts={
            "summary_openings": (),
            "summary_body": ("old", "new"),
            "when_belief_loosened": (),
            "when_belief_held": (),
        },
    )


def test_the_unchanged_copy_loads(copy):
    assert (
        load_reframe(copy("reframe", lambda doc: None)).steps == EXERCISES["reframe"].wording.steps
    )


def test_a_step_without_its_question_is_refused(copy):
    def drop(doc):
        del doc["steps"][1]["questions"]

    with pytest.raises(WordingError, match=r"reframe.yml: step 2: missing questions"):
        load_reframe(copy("reframe", drop))


def test_an_empty_question_is_refused(copy):
    def empty(doc):
        doc["steps"][0]["questions"][1] = "  "

    with pytest.raises(WordingError, match=r"step 1 \(belief\) questions #2: expected some words"):
        load_reframe(copy("reframe", empty))


@pytest.mark.parametrize(
    "where,text,problem",
    [
        ("question", "What does {beleif} mean to you?", r"unknown placeholder \{beleif\}"),
        (
            "question",
            "Before we start: {balanced}?",
            r"unknown placeholder \{balanced\}",
        ),  # a later answer
        ("summary", "You said {mood}.", r"unknown placeholder \{mood\}"),
        ("question", "Braces { left open", "malformed braces"),
        ("question", "Positional {} field", "use a plain"),
        ("question", "Formatted {belief!r}", "use a plain"),
    ],
)
def test_an_unknown_or_malformed_placeholder_is_refused(copy, where, text, problem):
    def edit(doc):
        if where == "question":
            doc["steps"][1]["questions"].append(text)
        else:
            doc["texts"]["summary_body"].append(text)

    with pytest.raises(WordingError, match=problem):
        load_reframe(copy("reframe", edit))


def test_a_missing_or_unknown_group_is_refused(copy):
    with pytest.raises(WordingError, match="missing when_belief_held"):
        load_reframe(copy("reframe", lambda doc: doc["texts"].pop("when_belief_held")))
    with pytest.raises(WordingError, match="unknown key extra"):
        load_reframe(copy("reframe", lambda doc: doc["texts"].update(extra=["hello"])))
    with pytest.raises(WordingError, match="unknown key question\\b"):
        load_reframe(copy("reframe", lambda doc: doc["steps"][0].update(question=["typo'd key"])))


def test_a_file_under_another_name_is_refused(tmp_path):
    shutil.copy(DATA_DIR / "reframe.yml", tmp_path / "reframe.yml")
    (tmp_path / "thoughts.yml").write_text((DATA_DIR / "reframe.yml").read_text(encoding="utf-8"))
    with pytest.raises(WordingError, match="one name everywhere"):
        load_exercise("thoughts", directory=tmp_path)
    with pytest.raises(WordingError, match="no such wording file"):
        load_exercise("missing", directory=tmp_path)


def test_every_loaded_template_uses_only_placeholders_the_code_fills():
    """The same check as at start-up, over what is loaded (answers, {context}, declared extras)."""
    for ex in EXERCISES.values():
        answers = {s.id for s in ex.wording.steps} | {"context"}
        for text in ex.wording.summaries:
            assert placeholders(text) <= answers
        for text in ex.wording.intros + ex.wording.closings:
            assert placeholders(text) == set()
