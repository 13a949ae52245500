"""`make generate`: write every generated file; `--check`: fail when any is stale.

Why one entry point: three generators used to follow three conventions (one wrote, one only
printed for a test to compare, one wrote from the tests folder). Now each generator is a
function that takes the current text of the files it owns and returns their new text; they run
in order over one in-memory view, so two generators can own parts of the same file
(domain.yml: the crisis responses between markers, the exercise slots and forms by key).

    python -m bot.generate           # write what changed
    python -m bot.generate --check   # exit 1 and name the stale files (run by make test)
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]

# module:function, in order. Each function: (read: Callable[[Path], str]) -> {path: new text}.
GENERATORS = (
    "bot.settings:generated_files",
    "bot.crisis.resources:generated_files",
    "actions.domain_spec:generated_files",
    "bot.dialogue.story_builder:generated_files",
)


def _resolve(spec: str) -> Callable[[Callable[[Path], str]], Dict[Path, str]]:
    module, function = spec.split(":")
    return getattr(importlib.import_module(module), function)


def build() -> Dict[Path, str]:
    """Every generated file's intended text (only files some generator owns)."""
    view: Dict[Path, str] = {}

    def read(path: Path) -> str:
        if path not in view:
            view[path] = path.read_text(encoding="utf-8") if path.exists() else ""
        return view[path]

    owned: Dict[Path, str] = {}
    for spec in GENERATORS:
        for path, text in _resolve(spec)(read).items():
            view[path] = owned[path] = text
    return owned


def stale_files(files: Optional[Dict[Path, str]] = None) -> List[Path]:
    files = build() if files is None else files
    return [
        path
        for path, text in files.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any file is stale")
    args = parser.parse_args(argv)
    files = build()
    stale = stale_files(files)
    names = ", ".join(str(p.relative_to(ROOT)) for p in stale)
    if args.check:
        if stale:
            print(f"generated files out of date: {names}\nrun: make generate", file=sys.stderr)
            return 1
        print(f"{len(files)} generated files up to date")
        return 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8")
    print(f"updated: {names}" if stale else f"{len(files)} generated files up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
