"""Run a list of measurement parts in one go (shared by `make eval` and `make bench`).

Each part is a module with a ``main()``. A part whose subsystem is not present is skipped
with a note, and one that fails is reported without hiding the other parts' figures.
"""

from __future__ import annotations

import importlib
import sys
import time
from typing import Optional, Sequence, Tuple


def run_parts(parts: Sequence[Tuple[str, str]], argv: Optional[Sequence[str]] = None) -> int:
    """Run each (title, module) whose last name is in ``argv`` (all when empty)."""
    wanted = set(argv or ())
    failures = 0
    for title, module_name in parts:
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
