"""Rasa's command line with our patches to Rasa installed first (``bot.rasa_compat``).

Use it wherever ``rasa`` would be used: ``python -m bot.rasa_cli train``, ``... run``,
``... test core``, ``... data validate``, ``... shell``. Plain ``rasa`` would train a model
without the crisis re-check of ``/intent`` payloads and serve without the safety patches;
our CrisisDetector refuses to train then, so the mistake cannot pass unnoticed.
"""

from __future__ import annotations

import sys


def main() -> None:
    from bot import rasa_compat

    rasa_compat.install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
