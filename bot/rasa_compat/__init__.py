"""Every change we make to Rasa's internals, in one fenced place, installed from one call.

Rasa 3.6 has no extension points for these, so each is a patch of a named upstream function
or class, with its reason and a canary test that fails when upstream changes
(tests/rasa_compat/):

- ``message_handler`` (safety): the ``/intent`` handler re-applies the crisis override.
- ``payload_guard`` (safety): a ``/intent{...}`` payload counts only when the bot offered it.
- ``crisis_guard`` (safety): no model, or a turn that raises, still answers with the static
  crisis resources.
- ``strict_tracker_store`` (safety): a tracker store declaring ``fail_closed`` fails the turn
  (the crisis guard answers) instead of Rasa silently starting a blank conversation in memory.
- ``speedups`` (speed): three hot spots of the server (two per turn, one at start-up) made
  cheap with the same results.

``install()`` is called by ``python -m bot.rasa_cli`` (Rasa's command line with these
installed), which is how the Makefile, ``bot.run``, training and the tests start Rasa. On
another Rasa version the speed patches step aside with a warning and the safety patches refuse
to run: they were checked against exactly this version's code.
"""

from __future__ import annotations

import logging
import warnings

import rasa

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"


class UnsupportedRasaVersion(RuntimeError):
    """The safety patches were written for another Rasa version."""


def install(version: str | None = None) -> None:
    """Install every patch (idempotent); raise on a Rasa version they were not checked on."""
    version = version or rasa.__version__
    if version != RASA_VERSION:
        warnings.warn(
            f"bot.rasa_compat: Rasa {version} is not {RASA_VERSION}; speed patches not installed",
            RuntimeWarning,
            stacklevel=2,
        )
        raise UnsupportedRasaVersion(
            f"the safety patches in bot/rasa_compat were checked on Rasa {RASA_VERSION}, not "
            f"{version}: review each against the new code, then update RASA_VERSION"
        )
    from bot.rasa_compat import (
        crisis_guard,
        message_handler,
        payload_guard,
        speedups,
        strict_tracker_store,
    )

    message_handler.install()
    payload_guard.install()
    crisis_guard.install()
    strict_tracker_store.install()
    speedups.install()


def installed() -> bool:
    """Whether the safety patches are in place in this process."""
    from bot.rasa_compat import crisis_guard, message_handler, payload_guard, strict_tracker_store

    return (
        message_handler.installed()
        and payload_guard.installed()
        and crisis_guard.installed()
        and strict_tracker_store.installed()
    )
