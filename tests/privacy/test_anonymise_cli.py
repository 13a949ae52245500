"""``python -m bot.anonymise`` as a pipe: one line out per line in, in order, flushed per line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3")


def test_one_for_one_in_order():
    lines = [
        "my boyfriend tom keeps texting me on 07700 900123",
        "",
        "i feel ok today",
        "email me: jess@example.com",
        "我的朋友不理我",
        "   ",
        "i go to lincoln high",
    ] + [f"message {i} from priya" for i in range(50)]
    result = subprocess.run(
        [sys.executable, "-m", "bot.anonymise"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        cwd=ROOT,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout.split("\n")
    assert out[-1] == "" and len(out) - 1 == len(lines)
    out = out[:-1]
    assert out[0] == "my boyfriend [NAME] keeps texting me on [PHONE]"
    assert out[1] == "" and out[2] == "i feel ok today" and out[3] == "email me: [EMAIL]"
    assert out[4] == "我的朋友不理我" and out[5] == "   " and out[6] == "i go to [ORG]"
    assert out[7:] == [f"message {i} from [NAME]" for i in range(50)]


def test_answers_each_line_before_the_next_arrives():
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.anonymise"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env=ENV,
        cwd=ROOT,
    )
    try:
        for text, expected in [
            ("hi im priya", "hi im [NAME]"),
            ("call 07700 900123", "call [PHONE]"),
        ]:
            proc.stdin.write(text + "\n")
            proc.stdin.flush()
            assert proc.stdout.readline() == expected + "\n"
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0


def test_the_anonymiser_runs_without_importing_tensorflow():
    """bot.lean_spacy keeps thinc from importing TensorFlow (10 CPU-s a process); the
    anonymiser gives the same answer without it."""
    code = (
        "import sys\n"
        "from bot.lean_spacy import keep_tensorflow_out\n"
        "assert keep_tensorflow_out()\n"
        "from bot.privacy.anonymiser import anonymise\n"
        "print(anonymise('my boyfriend tom keeps texting me on 07700 900123'))\n"
        "print(sys.modules.get('tensorflow') is None)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=240
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[:2] == [
        "my boyfriend [NAME] keeps texting me on [PHONE]",
        "True",
    ]


def test_keeping_tensorflow_out_is_a_no_op_once_it_is_imported():
    import tensorflow  # noqa: F401 - this pytest process has Rasa (and so TensorFlow) loaded

    from bot.lean_spacy import keep_tensorflow_out

    assert keep_tensorflow_out() is False
    assert sys.modules["tensorflow"] is not None
