"""`make eval`: every quality measurement of the project in one run, printed as figures.

Parts: held-out intents; crisis recall and false alarms (detector alone, whole bot fresh,
whole bot in the middle of every exercise); the anonymiser on its corpus; scripted
multi-turn conversations; and, when there is one, the counsellors' marks exported from the
review app (``--marks PATH``, or an export unpacked to var/counsellor_marks/). Parts whose
subsystem is not present are skipped with a note.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.runner import run_parts

PARTS = [
    ("Held-out intents", "eval.intents"),
    ("Everyday and good news not read as distress", "eval.everyday_news"),
    ("Crisis detection", "eval.crisis"),
    ("Crisis through the whole bot (fresh and mid-exercise)", "eval.crisis_bot"),
    ("Anonymiser", "eval.anonymiser"),
    ("Scripted multi-turn conversations", "eval.conversations"),
]


MARKS_PART = ("Counsellors' marks from the review app", "eval.counsellor_marks")


def main(argv=None) -> int:
    """``python -m eval [part ...] [--marks PATH]``: every part, or the named ones."""
    from eval import counsellor_marks

    args = list(argv if argv is not None else sys.argv[1:])
    if "--marks" in args:
        i = args.index("--marks")
        if i + 1 >= len(args):
            print("error: --marks needs the path of a To teach export", file=sys.stderr)
            return 2
        counsellor_marks.EXPORT = Path(args[i + 1])
        del args[i : i + 2]
    parts = list(PARTS)
    if counsellor_marks.export_path() is not None:
        parts.append(MARKS_PART)
    return run_parts(parts, args)


if __name__ == "__main__":
    sys.exit(main())
