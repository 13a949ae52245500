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

from bot import fast_yaml

logger = logging.getLogger(__name__)

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> FrozenSet[str]:
    domain = fast_yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
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


EXERCISES_DIR = DOMAIN_FILE.parent / "data" / "exercises"


def _titles_in(node, out: set) -> None:
    """Every ``title`` of a button (a mapping with a title and a payload), anywhere in ``node``."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str) and "payload" in node:
            out.add(node["title"])
        for value in node.values():
            _titles_in(value, out)
    elif isinstance(node, list):
        for value in node:
            _titles_in(value, out)


@functools.lru_cache(maxsize=4)
def _load_titles(domain: str, exercises: str, stamp: tuple) -> FrozenSet[str]:
    titles: set = set()
    _titles_in(fast_yaml.safe_load(Path(domain).read_text(encoding="utf-8")) or {}, titles)
    labels, templates = [], []
    for path in sorted(Path(exercises).glob("*.yml")):
        data = fast_yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        _titles_in(data, titles)
        if isinstance(data.get("menu_button"), str):
            titles.add(data["menu_button"])
        if isinstance(data.get("label"), str):
            labels.append(data["label"])
        texts = data.get("texts") if isinstance(data.get("texts"), dict) else {}
        titles.update(t for t in texts.get("menu_button") or [] if isinstance(t, str))
        templates += [t for t in texts.get("switch_button") or [] if isinstance(t, str)]
    # "Switch to {new}": the actions fill in an exercise's label without its "the ".
    for template in templates:
        for name in labels:
            try:
                titles.add(template.format(new=name.replace("the ", "", 1)))
            except (KeyError, IndexError, ValueError):
                pass
    return frozenset(t for t in titles if "{" not in t)


def button_titles(path: Path = DOMAIN_FILE, exercises: Path = EXERCISES_DIR) -> FrozenSet[str]:
    """Every button title the bot's own files define (domain responses, exercise wording)."""
    try:
        stamp = (
            path.stat().st_mtime,
            max((p.stat().st_mtime for p in exercises.glob("*.yml")), default=0),
        )
        return _load_titles(str(path), str(exercises), stamp)
    except (OSError, yaml.YAMLError, AttributeError):
        logger.exception("could not read the bot's button titles; anonymising all of them")
        return frozenset()


def is_static_title(text: object) -> bool:
    """True only for a text that is exactly one of the bot's own button titles."""
    return isinstance(text, str) and text in button_titles()
