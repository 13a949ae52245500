"""`make bench`: every benchmark of the project in one run, figures and ratios side by side.

Each part is a module in this folder with a ``main()``; parts whose subsystem is not
present are skipped with a note rather than failing the others.
"""

from __future__ import annotations

import sys

from bench.runner import run_parts

PARTS = [
    ("Crisis detector cost per message", "bench.crisis"),
    ("Anonymiser throughput", "bench.anonymiser"),
    ("Review app: list of 5,000 conversations", "bench.review_list"),
    ("REST latency against a bare rasa init bot", "bench.rest_latency"),
]


def main(argv=None) -> int:
    return run_parts(PARTS, argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
