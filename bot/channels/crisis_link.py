"""The only place the Telegram channel reaches into the crisis code.

Why one place: the crisis modules are moving (bot/nlu/ -> bot/crisis/); when they do, the
module names below are the only lines to change. Modules are looked up at call time, so a
test that replaces a function in the crisis module (or a broken module) is seen here too.
"""

from __future__ import annotations

import importlib
from typing import Any, Optional

# The crisis modules this channel uses (change here when they move).
LEXICON = "bot.crisis.lexicon"  # detect(text) -> result with .matched, .language
DETECTOR = "bot.crisis.detector"  # normalise_region(value) -> region or None
RESOURCES = "bot.crisis.resources"  # render_plain_text(region, language) -> str
FALLBACK = "bot.crisis.fallback_text"  # FALLBACK_TEXT, generated from resources.yml


def detect(text: str) -> Any:
    """The crisis lexicon's reading of ``text`` (raises when the lexicon cannot run)."""
    return importlib.import_module(LEXICON).detect(text)


def normalise_region(value: Any) -> Optional[str]:
    return importlib.import_module(DETECTOR).normalise_region(value)


def render_plain_text(region: Optional[str], language: str) -> str:
    return importlib.import_module(RESOURCES).render_plain_text(region, language)


def fallback_text() -> str:
    """The general resources, generated from resources.yml by `make generate`: for when the
    YAML file itself cannot be read at run time."""
    return importlib.import_module(FALLBACK).FALLBACK_TEXT
