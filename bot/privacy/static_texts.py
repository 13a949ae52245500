"""The bot's own fixed texts: domain responses with no variables in them.

We wrote them, no user ever can, so the review copy keeps them whole. Without this the
anonymiser, which cannot tell our words from a user's, turned "UK and Ireland: Samaritans"
into "UK and [NAME]" and the helpline address into [URL] in every crisis reply a
counsellor reads. A bot text that quotes the person (custom actions do) never equals one of
these exactly, so it is still anonymised.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import FrozenSet

import yaml

logger = logging.getLogger(__name__)

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> FrozenSet[str]:
    domain = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    texts = set()
    for variations in (domain.get("responses") or {}).values():
        for variation in variations or []:
            text = variation.get("text") if isinstance(variation, dict) else None
            if isinstance(text, str) and text and "{" not in text:
                texts.add(text)
    return frozenset(texts)


def static_texts(path: Path = DOMAIN_FILE) -> FrozenSet[str]:
    """Every variable-free response text of the domain (empty, with a log line, if unreadable)."""
    try:
        return _load(str(path), path.stat().st_mtime)
    except (OSError, yaml.YAMLError, AttributeError):
        logger.exception(
            "could not read the bot's fixed texts from %s; anonymising all bot texts", path
        )
        return frozenset()


def is_static(text: object, path: Path = DOMAIN_FILE) -> bool:
    """True only for a text that is exactly one of the bot's fixed responses."""
    return isinstance(text, str) and text in static_texts(path)
