"""How `make test` shares the test files between its two xdist workers (tests/conftest.py).

A file is one unit of work (module-scoped servers start once), except that every file using the
session's bot stack joins one unit (and every file using the in-process NLU ``parser`` another), so that stack starts once per run rather than once per
worker that happens to get such a file. Units are handed out in collection order (`make test`
passes --dist loadgroup --no-loadscope-reorder), so the slow ones come first: the shared stack's
unit, then browser files, then the other server-starting files, then the rest. Longest first is
the classic fix for packing two workers; a slow file handed out last leaves one worker busy alone
at the end (before this, xdist's own reordering put the files with the most tests first, and a
browser file and `rasa test core` ran alone for the last minutes).

When the model is not trained yet (a fresh clone: `make test` leaves training to the first test
that needs the model), the shared stack's unit still comes first and trains it on one worker,
and the units that need no model come before the others that do, so the second worker runs them
meanwhile instead of waiting on the training lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest

# Set by tests/conftest.py in the controlling process before the workers start (they inherit
# it), so every worker plans the same order even if the model appears meanwhile.
MODEL_READY_ENV = "SUPPORTIVE_TEST_MODEL_READY"
MODEL = "model"
SHARED_STACK = "bot_stack"
# Files using the in-process NLU pipeline (tests/nlu/conftest.py's session-scoped ``parser``)
# also join one unit, so the model is loaded once per run rather than once per worker.
SHARED_PARSER = "parser"
SLOW_MARKS = {"browser": 1, "integration": 2}
REST = len(SLOW_MARKS) + 1


def plan(items: List[pytest.Item], root: Path, model_ready: bool = True) -> None:
    """Sort ``items`` slowest unit first (stable otherwise) and mark each with its xdist group;
    without ``model_ready``, the units needing the model (bar the shared stack's) go last."""
    files: Dict[Path, list] = {}
    for item in items:
        files.setdefault(item.path, []).append(item)
    rank, group = {}, {}
    for path, its in files.items():
        shares = any(SHARED_STACK in item.fixturenames for item in its)
        parses = any(SHARED_PARSER in item.fixturenames for item in its)
        waits = not model_ready and any(MODEL in item.fixturenames for item in its)
        marks = [SLOW_MARKS[m.name] for i in its for m in i.iter_markers() if m.name in SLOW_MARKS]
        rank[path] = (0, 0) if shares else (int(waits), min(marks, default=REST))
        group[path] = (
            SHARED_STACK if shares else SHARED_PARSER if parses else str(path.relative_to(root))
        )
    items.sort(key=lambda item: rank[item.path])
    for item in items:
        item.add_marker(pytest.mark.xdist_group(group[item.path]))
