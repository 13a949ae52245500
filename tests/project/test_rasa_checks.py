"""Rasa's own checks, run by `make test` in parallel with the other tests (pytest -n 2):
the training data validates with warnings as errors, and every test story is predicted
exactly by the trained model's policies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import servers

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def _rasa(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.rasa_cli", *args],
        cwd=ROOT,
        env=servers.base_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_training_data_validates_without_warnings():
    result = _rasa(
        "data",
        "validate",
        "--fail-on-warnings",
        "--config",
        "config.yml",
        "--domain",
        "domain.yml",
        "--data",
        "data",
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


def test_every_test_story_is_predicted_exactly(model, tmp_path):
    result = _rasa(
        "test",
        "core",
        "--stories",
        "tests/stories",
        "--model",
        str(model),
        "--fail-on-prediction-errors",
        "--no-plot",  # confusion-matrix images nobody reads here: most of its wall time
        "--out",
        str(tmp_path),
    )
    failed = tmp_path / "failed_test_stories.yml"
    report = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, report[:4000] or (result.stdout + result.stderr)[-4000:]
    assert "None of the test stories failed" in report
