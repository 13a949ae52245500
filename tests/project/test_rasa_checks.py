"""Rasa's own checks, run by `make test` in parallel with the other tests (pytest -n 2):
the training data validates with warnings as errors, and every test story is predicted
exactly by the trained model's policies.

Both run in this test process, through the functions Rasa's command line calls for
`rasa data validate` and `rasa test core` (the same argument parser, the same defaults, our
patches to Rasa installed by tests/conftest.py as bot.rasa_cli installs them), rather than in two
`python -m bot.rasa_cli` subprocesses: each of those paid ~9 CPU-s importing Rasa again, which
this process has already imported. A failing check fails the same way: the command's
``SystemExit`` (validation errors, warnings counted as errors) or its exception (a wrong
prediction with --fail-on-prediction-errors) fails the test."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def _rasa(*args: str) -> None:
    """Run one Rasa command in this process as ``rasa <args>`` would; fail the test on a
    non-zero exit (the output is in pytest's captured output)."""
    from rasa.__main__ import create_argument_parser

    parsed: argparse.Namespace = create_argument_parser().parse_args(list(args))
    try:
        parsed.func(parsed)
    except SystemExit as stop:
        if stop.code not in (None, 0):
            pytest.fail(f"rasa {' '.join(args)} exited with {stop.code}")


def test_training_data_validates_without_warnings():
    _rasa(
        "data",
        "validate",
        "--fail-on-warnings",
        "--config",
        str(ROOT / "config.yml"),
        "--domain",
        str(ROOT / "domain.yml"),
        "--data",
        str(ROOT / "data"),
    )


def test_every_test_story_is_predicted_exactly(model, tmp_path):
    _rasa(
        "test",
        "core",
        "--stories",
        str(ROOT / "tests" / "stories"),
        "--model",
        str(model),
        "--fail-on-prediction-errors",
        "--no-plot",  # confusion-matrix images nobody reads here: most of its wall time
        "--out",
        str(tmp_path),
    )
    failed = tmp_path / "failed_test_stories.yml"
    assert failed.exists(), "rasa test core wrote no failed_test_stories.yml"
    assert "None of the test stories failed" in failed.read_text()
