"""Training is cached and lean: what `bot.training` skips must be safe to skip."""

from __future__ import annotations

import fcntl
import subprocess
import threading

import pytest

from bot import fast_yaml, training


def test_every_policy_ignores_story_augmentation():
    """Training runs with `--augmentation 0`; a policy that learns from augmented stories
    (TEDPolicy, UnexpecTEDIntentPolicy) would silently lose its data, so adding one must
    revisit AUGMENTATION."""
    config = fast_yaml.safe_load((training.ROOT / "config.yml").read_text())
    names = [p["name"] for p in config["policies"]]
    assert names, "config.yml lists no policies"
    unknown = [n for n in names if n not in training.POLICIES_WITHOUT_AUGMENTATION]
    assert not unknown, (
        f"{unknown} may learn from augmented stories: set bot.training.AUGMENTATION "
        "(Rasa's default is 50) or add the policy to POLICIES_WITHOUT_AUGMENTATION"
    )


def _fake_training(tmp_path, monkeypatch) -> list:
    """Fakes the training `ensure_model` runs (an empty model file appears); returns the list
    the commands it runs are appended to."""
    calls = []

    def fake_run(cmd, **kwargs):
        calls.append(cmd)
        target = cmd[cmd.index("--out") + 1] + "/" + cmd[cmd.index("--fixed-model-name") + 1]
        open(target + ".tar.gz", "w").close()
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(training, "MODELS", tmp_path / "models")
    monkeypatch.setattr(training.subprocess, "run", fake_run)
    monkeypatch.setattr(training.spacy_pipeline, "ensure_built", lambda: None)
    return calls


def _training_command(tmp_path, monkeypatch) -> list:
    """The command `ensure_model` runs, with the training itself faked."""
    calls = _fake_training(tmp_path, monkeypatch)
    training.ensure_model(quiet=True)
    [cmd] = calls
    return cmd


def test_training_command_asks_for_no_augmentation(tmp_path, monkeypatch):
    calls = _fake_training(tmp_path, monkeypatch)
    path = training.ensure_model(quiet=True)
    assert path.exists() and len(calls) == 1
    cmd = calls[0]
    assert cmd[cmd.index("--augmentation") + 1] == str(training.AUGMENTATION) == "0"
    # A second call finds the cached model and trains nothing.
    assert training.ensure_model(quiet=True) == path and len(calls) == 1


def test_a_faked_training_never_waits_for_the_projects_training_lock(tmp_path, monkeypatch):
    """The lock sits beside the models folder it guards. With the project's lock held (a real
    training under way, as when `make test` trains while model-free tests run), a caller with a
    folder of its own goes on at once; it used to wait for that whole training."""
    project_lock = training.lock_path()
    project_lock.parent.mkdir(exist_ok=True)
    calls = _fake_training(tmp_path, monkeypatch)
    with open(project_lock, "w") as held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pass  # a real training holds it already: the same condition
        caller = threading.Thread(target=training.ensure_model, kwargs={"quiet": True}, daemon=True)
        caller.start()
        caller.join(timeout=20)
        assert not caller.is_alive(), "ensure_model waited for the project's training lock"
    assert len(calls) == 1 and calls[0][calls[0].index("--out") + 1] == str(tmp_path / "models")


@pytest.mark.parametrize("name", ["TEDPolicy", "UnexpecTEDIntentPolicy"])
def test_learning_policies_are_not_on_the_safe_list(name):
    assert name not in training.POLICIES_WITHOUT_AUGMENTATION


def test_training_skips_rasa_validation_only_while_the_strict_one_runs_elsewhere(
    tmp_path, monkeypatch
):
    """`bot.training` passes --skip-validation: Rasa's pre-training checks (warnings allowed)
    are a weaker copy of `rasa data validate --fail-on-warnings`, which `make test`
    (tests/project/test_rasa_checks.py) and `make validate` run over the same files."""
    if "--skip-validation" not in _training_command(tmp_path, monkeypatch):
        return  # Rasa validates before training: nothing skipped
    checks = (training.ROOT / "tests" / "project" / "test_rasa_checks.py").read_text()
    strict = ['"data",', '"validate",', '"--fail-on-warnings",', '"--data",']
    assert all(part in checks for part in strict), "the test suite no longer validates the data"
    makefile = (training.ROOT / "Makefile").read_text()
    assert "data validate --fail-on-warnings --config config.yml --domain domain.yml" in makefile
