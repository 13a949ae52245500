"""`make bench`: every benchmark of the project in one run, figures and ratios side by side.

Each part is a module in this folder with a ``main()``; parts whose subsystem is not
present are skipped with a note rather than failing the others.
"""
from __future__ import annotations

import importlib
import sys
import time

PARTS = [
    ("Crisis detector cost per message", "bench.crisis"),
    ("Anonymiser throughput", "bench.anonymiser"),
    ("Review app: list of 5,000 conversations", "bench.review_list"),
    ("REST latency against a bare rasa init bot", "bench.rest_latency"),
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
