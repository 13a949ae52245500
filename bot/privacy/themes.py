"""The themes a conversation is about: the six themes of the article the bot is built on, and
crisis. One source of truth: the training data is already split by theme, one file a theme
(``data/nlu/<theme>.yml``), so an intent belongs to the theme of the file that teaches it, and an
exercise to the theme of the intents it is offered for (``offered_for`` in
``data/exercises/<exercise>.yml``).

Dialogue intents (greet, affirm, deny, nlu_fallback, request_exercise, ...) belong to no theme:
they stay on the turn, where a counsellor reads them, and never reach a conversation's themes.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

import yaml

from bot import fast_yaml

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"
EXERCISES_DIR = ROOT / "data" / "exercises"

CRISIS = "crisis"
# The article's six themes, each named as its training-data file, with the words counsellors
# read. Order: as the README lists them.
LABELS: Dict[str, str] = {
    "safe_haven": "safe haven",
    "strengths": "inner strengths",
    "limiting_beliefs": "limiting beliefs",
    "self_compassion": "self-compassion",
    "decisions": "decision-making",
    "connection": "meaningful connection",
    CRISIS: "crisis",
}
THEMES: Tuple[str, ...] = tuple(LABELS)


def _yaml(path: Path) -> Any:
    try:
        return fast_yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        logger.error("themes: could not read %s", path.name)
        return {}


@functools.lru_cache(maxsize=None)
def intent_themes() -> Dict[str, str]:
    """intent -> theme, from the intents each theme's NLU file teaches."""
    out: Dict[str, str] = {}
    for theme in THEMES:
        data = _yaml(NLU_DIR / f"{theme}.yml")
        for entry in (data.get("nlu") if isinstance(data, dict) else None) or []:
            if isinstance(entry, dict) and isinstance(entry.get("intent"), str):
                out[entry["intent"]] = theme
    return out


@functools.lru_cache(maxsize=None)
def exercise_themes() -> Dict[str, str]:
    """exercise form (``reframe_form``) -> theme, through the intents it is offered for."""
    by_intent = intent_themes()
    out: Dict[str, str] = {}
    for path in sorted(EXERCISES_DIR.glob("*.yml")):
        data = _yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            continue
        for intent in data.get("offered_for") or {}:
            theme = by_intent.get(intent)
            if theme:
                out[f"{data['name']}_form"] = theme
                break
    return out


def of_intent(intent: Optional[str]) -> Optional[str]:
    return intent_themes().get(intent or "")


def of_exercise(form: Optional[str]) -> Optional[str]:
    return exercise_themes().get(form or "")


def label(theme: str) -> str:
    return LABELS.get(theme, theme.replace("_", " "))


def is_theme(value: Optional[str]) -> bool:
    return value in LABELS
