"""`make eval`: every quality measurement of the project in one run, printed as figures.

Parts: held-out intents; crisis recall and false alarms (detector alone, whole bot fresh,
whole bot in the middle of every exercise); the anonymiser on its corpus; scripted
multi-turn conversations. Parts whose subsystem is not present are skipped with a note.
"""

from __future__ import annotations

import sys

from bench.runner import run_parts

PARTS = [
    ("Held-out intents", "eval.intents"),
    ("Everyday and good news not read as distress", "eval.everyday_news"),
    ("Crisis detection", "eval.crisis"),
    ("Crisis through the whole bot (fresh and mid-exercise)", "eval.crisis_bot"),
    ("Anonymiser", "eval.anonymiser"),
    ("Scripted multi-turn conversations", "eval.conversations"),
]


def main(argv=None) -> int:
    return run_parts(PARTS, argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
