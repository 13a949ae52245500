"""``python -m bot COMMAND``: the project's command line.

Each area plugs in its own subcommands through a ``register(subparsers)`` function
(``bot.privacy.cli``: purge; ``bot.review.cli``: counsellor, review-app). A module
that is missing or broken is skipped with a note, so one area cannot break the rest.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import List, Optional

MODULES = ("bot.privacy.cli", "bot.review.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot", description="Supportive chatbot tools")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # that area is not installed
            print(f"note: {name} unavailable: {exc}", file=sys.stderr)
            continue
        register = getattr(module, "register", None)
        if callable(register):
            register(subparsers)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    return int(func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
