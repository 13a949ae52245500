"""Train the Rasa model only when what it is built from has changed.

Training takes minutes on two cores, so the model is cached under ``models/`` by a
fingerprint of everything that shapes it: config, domain, training data and our own
graph components. ``ensure_model()`` is what ``make train`` and the tests call; a file
lock stops two processes from training the same model at once.

Run ``python -m bot.training`` to print the model path (training if needed).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bot.nlu import spacy_pipeline

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models"

# Everything the trained model depends on. Code of our graph components counts too:
# a change to the crisis detector or a policy must not be hidden by an old model.
FINGERPRINT_SOURCES = (
    "config.yml",
    "domain.yml",
    "data",
    "bot/nlu",
    "bot/dialogue",
    "bot/crisis",
    "bot/rasa_compat",
)

# Story augmentation (see ensure_model): 0, because no configured policy learns from it.
AUGMENTATION = 0
# Policies known to ignore augmented trackers (Rasa's own filter them out; ours read none).
POLICIES_WITHOUT_AUGMENTATION = frozenset(
    {
        "RulePolicy",
        "MemoizationPolicy",
        "AugmentedMemoizationPolicy",
        "bot.crisis.policy.CrisisPolicy",
        "bot.dialogue.action_failure_policy.ActionFailurePolicy",
    }
)


def _files() -> list[Path]:
    files: list[Path] = []
    for name in FINGERPRINT_SOURCES:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix in {".yml", ".yaml", ".py", ".json", ".txt"}
                and "__pycache__" not in p.parts
            )
    return files


def fingerprint() -> str:
    """A short hash of the model's sources (paths and contents)."""
    digest = hashlib.sha256()
    for path in _files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path(fp: str | None = None) -> Path:
    return MODELS / f"supportive-{fp or fingerprint()}.tar.gz"


def lock_path() -> Path:
    """The training lock, beside the models it guards: a caller with a models folder of its
    own (a test that fakes training) never waits for a real training of the project's."""
    return MODELS / ".train.lock"


def ensure_model(quiet: bool = False) -> Path:
    """Return the model for the current sources, training it first if it is missing."""
    spacy_pipeline.ensure_built()
    MODELS.mkdir(exist_ok=True)
    with open(lock_path(), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        target = model_path()
        if target.exists():
            return target
        cmd = [
            sys.executable,
            "-m",
            "bot.rasa_cli",
            "train",
            "--config",
            "config.yml",
            "--domain",
            "domain.yml",
            "--data",
            "data",
            "--out",
            str(MODELS),
            "--fixed-model-name",
            target.name[: -len(".tar.gz")],
            # Rasa makes 50 augmented copies of every story by default, but only ML policies
            # (TED) learn from them: RulePolicy and MemoizationPolicy drop augmented trackers,
            # and our own policies ignore trackers. Measured: the same rules and memorised turns
            # with and without, and 48 against 17 CPU-seconds for the dialogue part.
            # tests/project/test_training.py fails if a policy that would use them is added.
            "--augmentation",
            str(AUGMENTATION),
            # `rasa train` would first run the checks of `rasa data validate` (without
            # --fail-on-warnings), about 12 of its ~145 CPU-seconds here. `make test` runs the
            # stricter `rasa data validate --fail-on-warnings` beside the other tests
            # (tests/project/test_rasa_checks.py), and `make validate` alone, so training
            # skips the weaker copy. Data Rasa cannot read still fails the training.
            "--skip-validation",
        ]
        env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2")
        result = subprocess.run(
            cmd,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE if quiet else None,
            stderr=subprocess.STDOUT if quiet else None,
            text=True,
        )
        if result.returncode != 0 or not target.exists():
            if quiet and result.stdout:
                sys.stderr.write(result.stdout[-5000:])
            raise RuntimeError(f"rasa train failed (exit {result.returncode})")
        # Keep the folder small; keep a few recent models for servers still starting.
        models = sorted(MODELS.glob("supportive-*.tar.gz"), key=lambda p: p.stat().st_mtime)
        for old in models[:-3]:
            old.unlink(missing_ok=True)
        return target


if __name__ == "__main__":
    print(ensure_model())
