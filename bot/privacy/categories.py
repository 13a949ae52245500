"""The fixed vocabularies of every categorical field in the review store.

Why: a categorical field (crisis category, channel, intent, exercise) is shown and
exported as a label, never anonymised as text. If a person can choose its value
(``/crisis{"crisis_category": "jo@example.com"}``, an ``input_channel`` in a REST
body), raw personal data would reach the review store around the anonymiser. So each
value is checked against the set of values the project itself defines, and anything
else becomes ``OTHER``. The sets are derived from the project's own files, never
from what arrives:

- intents: ``domain.yml`` ``intents`` (plus Rasa's ``nlu_fallback``);
- exercises (form names): ``domain.yml`` ``forms``;
- actions: ``domain.yml`` ``actions``, ``forms`` and ``responses``, plus Rasa's default actions;
- crisis categories: the ``categories`` of ``data/crisis/lexicon_*.yml`` and
  ``concepts_*.yml``, the learned tier's crisis classes (the ``classes`` stored in
  ``bot/crisis/data/learned_tier.npz``), plus the detector's fixed ``unspecified``/``help_requested``;
- channels: the input channels named in ``credentials.yml`` (plus ``cmdline``).

A file that cannot be read gives an empty set (everything becomes ``OTHER``, logged):
losing a label is better than storing what someone typed.
"""

from __future__ import annotations

import functools
import glob
import logging
import math
from pathlib import Path
from typing import Any, FrozenSet, Optional

import yaml

from bot import fast_yaml

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
OTHER = "other"

# Names Rasa or our own components give that no project file lists.
EXTRA_INTENTS = frozenset({"nlu_fallback"})
# bot/crisis/detector.py: CATEGORY_CLASSIFIER, CATEGORY_REQUESTED; "crisis" is the
# broker's own marker for a crisis without a category.
EXTRA_CRISIS = frozenset({"unspecified", "help_requested", "crisis"})
# Rasa's short channel names for the entries credentials.yml may use (rasa/core/channels).
SHORT_CHANNELS = {
    "rest": "rest",
    "socketio": "socketio",
    "telegram": "telegram",
    "callback": "callback",
}
EXTRA_CHANNELS = frozenset({"cmdline", "rest"})


def _yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return fast_yaml.safe_load(fh) or {}
    except (OSError, yaml.YAMLError):
        logger.error("review vocabulary: could not read %s", path.name)
        return {}


def _names(entries: Any) -> set:
    """Names in a domain list (``- greet`` or ``- greet: {use_entities: ...}``) or mapping."""
    out = set()
    if isinstance(entries, dict):
        return {str(k) for k in entries}
    for entry in entries or []:
        if isinstance(entry, str):
            out.add(entry)
        elif isinstance(entry, dict):
            out.update(str(k) for k in entry)
    return out


@functools.lru_cache(maxsize=None)
def _domain() -> dict:
    data = _yaml(ROOT / "domain.yml")
    return data if isinstance(data, dict) else {}


@functools.lru_cache(maxsize=None)
def intents() -> FrozenSet[str]:
    return frozenset(_names(_domain().get("intents"))) | EXTRA_INTENTS


@functools.lru_cache(maxsize=None)
def exercises() -> FrozenSet[str]:
    return frozenset(_names(_domain().get("forms")))


@functools.lru_cache(maxsize=None)
def actions() -> FrozenSet[str]:
    from rasa.shared.core.constants import DEFAULT_ACTION_NAMES

    domain = _domain()
    names = _names(domain.get("actions")) | _names(domain.get("responses"))
    return frozenset(names) | exercises() | frozenset(DEFAULT_ACTION_NAMES)


@functools.lru_cache(maxsize=None)
def crisis_categories() -> FrozenSet[str]:
    found = set()
    for pattern in ("lexicon_*.yml", "concepts_*.yml"):
        for path in sorted(glob.glob(str(ROOT / "data" / "crisis" / pattern))):
            data = _yaml(Path(path))
            if isinstance(data, dict):
                found |= _names(data.get("categories"))
    return frozenset(found) | _learned_classes() | EXTRA_CRISIS


def _learned_classes() -> FrozenSet[str]:
    """The learned tier's crisis class names (it names a crisis by its class: ``debt_threats``,
    ``homeless_tonight``), read from its weights file without loading the encoder."""
    try:
        import numpy as np

        from bot.crisis.learned import EVERYDAY_CATEGORIES, WEIGHTS_PATH

        with np.load(WEIGHTS_PATH, allow_pickle=False) as data:
            return frozenset(str(c) for c in data["classes"]) - EVERYDAY_CATEGORIES
    except Exception:  # noqa: BLE001 - a missing or unreadable file loses labels, never data
        logger.error("review vocabulary: could not read the learned tier's classes")
        return frozenset()


def _channel_name(key: str) -> Optional[str]:
    if key in SHORT_CHANNELS:
        return SHORT_CHANNELS[key]
    if "." not in key:
        return key
    module, _, cls = key.rpartition(".")
    try:
        import importlib

        return str(getattr(importlib.import_module(module), cls).name())
    except Exception:
        logger.error("review vocabulary: could not load the channel class %s", key)
        return None


@functools.lru_cache(maxsize=None)
def channels() -> FrozenSet[str]:
    data = _yaml(ROOT / "credentials.yml")
    names = {_channel_name(str(k)) for k in (data if isinstance(data, dict) else {})}
    return frozenset(n for n in names if n) | EXTRA_CHANNELS


def load_all() -> None:
    """Read every vocabulary now (at start-up), not on the first message."""
    intents(), exercises(), actions(), crisis_categories(), channels()


def _check(value: Any, allowed: FrozenSet[str], field: str) -> Optional[str]:
    """None stays None (no value); a known value stays; anything else is ``OTHER``."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and (value in allowed or value == OTHER):
        return value
    logger.warning("review store: an unknown %s was stored as %r", field, OTHER)  # never the value
    return OTHER


def intent(value: Any) -> Optional[str]:
    return _check(value, intents(), "intent")


def exercise(value: Any) -> Optional[str]:
    return _check(value, exercises(), "exercise")


def action(value: Any) -> Optional[str]:
    return _check(value, actions(), "action")


def crisis_category(value: Any) -> Optional[str]:
    return _check(value, crisis_categories(), "crisis category")


def channel(value: Any) -> Optional[str]:
    return _check(value, channels(), "channel")


def confidence(value: Any) -> Optional[float]:
    """A probability, or None (bools, NaN, out-of-range numbers are not confidences)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        return None
    return value
