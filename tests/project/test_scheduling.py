"""How `make test` shares the files between its two workers (tests/support/scheduling.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import scheduling

ROOT = Path("/repo")


class FakeItem:
    """What ``plan`` reads of a collected test, and the marks it adds."""

    def __init__(self, path: str, fixtures=(), marks=()):
        self.path = ROOT / path
        self.fixturenames = list(fixtures)
        self.marks = [getattr(pytest.mark, m) for m in marks]

    def iter_markers(self, name=None):
        return (m.mark for m in self.marks if name in (None, m.name))

    def add_marker(self, marker):
        self.marks.append(marker)

    def group(self) -> str:
        [name] = [m.args[0] for m in self.iter_markers("xdist_group")]
        return name


def _planned(items, model_ready=True):
    scheduling.plan(items, ROOT, model_ready=model_ready)
    return [(i.path.name, i.group()) for i in items]


def test_every_file_on_the_shared_stack_is_one_unit_and_the_rest_stay_whole():
    items = [
        FakeItem("tests/unit/test_a.py"),
        FakeItem("tests/integration/test_rest.py", ["model", "bot_stack"], ["integration"]),
        FakeItem("tests/integration/test_rest.py", ["sender"], ["integration"]),
        FakeItem("tests/browser/test_widget.py", ["fake_site"], ["browser"]),
        FakeItem("tests/browser/test_widget.py", ["real_stack", "bot_stack"], ["browser"]),
        FakeItem("tests/security/test_http_api.py", ["model"], ["integration"]),
    ]
    groups = dict(_planned(items))
    assert groups["test_rest.py"] == groups["test_widget.py"] == "bot_stack"
    assert groups["test_http_api.py"] == "tests/security/test_http_api.py"
    assert groups["test_a.py"] == "tests/unit/test_a.py"
    # a file never straddles two units
    assert len({i.group() for i in items if i.path.name == "test_widget.py"}) == 1


def test_files_parsing_in_process_share_one_unit_and_the_stack_wins():
    items = [
        FakeItem("tests/nlu/test_news.py", ["model", "parser"], ["integration"]),
        FakeItem("tests/nlu/test_families.py", ["parser"]),
        FakeItem("tests/nlu/test_mixed.py", ["parser", "bot_stack"], ["integration"]),
        FakeItem("tests/nlu/test_lexicon.py", ["nlp"]),
    ]
    groups = dict(_planned(items))
    assert groups["test_news.py"] == groups["test_families.py"] == "parser"
    assert groups["test_mixed.py"] == "bot_stack"
    assert groups["test_lexicon.py"] == "tests/nlu/test_lexicon.py"


def test_slow_units_come_first_and_order_is_kept_otherwise():
    items = [
        FakeItem("tests/a/test_unit1.py"),
        FakeItem("tests/b/test_servers.py", marks=["integration"]),
        FakeItem("tests/a/test_unit2.py"),
        FakeItem("tests/c/test_browser.py", marks=["browser"]),
        FakeItem("tests/d/test_stack.py", ["bot_stack"], ["integration"]),
        FakeItem("tests/b/test_servers.py", marks=["integration"]),
    ]
    assert [name for name, _ in _planned(items)] == [
        "test_stack.py",
        "test_browser.py",
        "test_servers.py",
        "test_servers.py",
        "test_unit1.py",
        "test_unit2.py",
    ]


def _fresh_clone_items():
    return [
        FakeItem("tests/a/test_unit1.py"),
        FakeItem("tests/b/test_api.py", ["model"], ["integration"]),
        FakeItem("tests/c/test_review_app.py", marks=["browser"]),
        FakeItem("tests/c/test_widget.py", ["model"], ["browser"]),
        FakeItem("tests/e/test_broker.py", marks=["integration"]),
        FakeItem("tests/d/test_stack.py", ["model", "bot_stack"], ["integration"]),
        FakeItem("tests/nlu/test_news.py", ["model", "parser"]),
        FakeItem("tests/a/test_unit2.py"),
    ]


def test_before_the_model_is_trained_units_needing_none_come_before_those_waiting_for_it():
    """A fresh clone: the shared stack's unit trains the model on one worker; the other runs
    units that need no model meanwhile, the units that need it after (slowest first still)."""
    assert [name for name, _ in _planned(_fresh_clone_items(), model_ready=False)] == [
        "test_stack.py",
        "test_review_app.py",
        "test_broker.py",
        "test_unit1.py",
        "test_unit2.py",
        "test_widget.py",
        "test_api.py",
        "test_news.py",
    ]
    # with the model trained, slowest first only
    assert [name for name, _ in _planned(_fresh_clone_items())] == [
        "test_stack.py",
        "test_review_app.py",
        "test_widget.py",
        "test_api.py",
        "test_broker.py",
        "test_unit1.py",
        "test_news.py",
        "test_unit2.py",
    ]


def test_every_worker_plans_with_the_same_answer_about_the_model():
    """The controller decides before the workers start; they inherit its answer."""
    assert os.environ[scheduling.MODEL_READY_ENV] in ("0", "1")


def test_make_test_hands_out_units_in_this_order():
    """xdist's default reorders units by their number of tests (quick parametrised files
    first); the order above holds only with --dist loadgroup and --no-loadscope-reorder."""
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    line = next(x for x in makefile.splitlines() if "bin/pytest" in x and "--dist" in x)
    assert "--dist loadgroup" in line and "--no-loadscope-reorder" in line
