"""`make eval`: every quality measurement of the project in one run, printed as figures.

Parts: held-out intents; crisis recall and false alarms (detector alone, whole bot fresh,
whole bot in the middle of every exercise); the anonymiser on its corpus; scripted
multi-turn conversations. Parts whose subsystem is not present are skipped with a note.
"""
from __future__ import annotations

import importlib
import sys
import time

PARTS = [
    ("Held-out intents", "eval.intents"),
    ("Crisis detection", "eval.crisis"),
    ("Crisis through the whole bot (fresh and mid-exercise)", "eval.crisis_bot"),
    ("Anonymiser", "eval.anonymiser"),
    ("Scripted multi-turn conversations", "eval.conversations"),
]


def main(argv=None) -> int:
    wanted = set(argv or sys.argv[1:])
    failures = 0
    for title, module_name in PARTS:
        if wanted and module_name.split(".")[-1] not in wanted:
            continue
        print(f"\n=== {title} ({module_name}) ===", flush=True)
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            print(f"skipped: {error}")
            continue
        start = time.perf_counter()
        saved_argv, sys.argv = sys.argv, [module_name]
        try:
            module.main()
        except Exception as error:  # one broken part must not hide the others' figures
            failures += 1
            print(f"FAILED: {error!r}")
        finally:
            sys.argv = saved_argv
        print(f"({time.perf_counter() - start:.1f}s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
