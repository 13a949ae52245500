"""Every response the bot can say is checked against phrases that safe-messaging
guidance (Samaritans' media guidelines, WHO, reportingonsuicide.org) rules out:
criminal or "success" framing of suicide, method details, judgement, minimising,
and promises of confidentiality the bot cannot keep.

Matching uses word boundaries, so "help" is not "hang" and "pillow" is not "pill".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest

from bot import fast_yaml

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_FILE = ROOT / "domain.yml"

RULED_OUT = [
    # framing: suicide is not a crime or a success/failure
    "commit suicide",
    "commits suicide",
    "committed suicide",
    "committing suicide",
    "successful suicide",
    "successful attempt",
    "unsuccessful attempt",
    "failed attempt",
    "failed suicide",
    "suicide victim",
    "victim of suicide",
    "suicide epidemic",
    # method details
    "pill",
    "pills",
    "tablets",
    "overdose on",
    "overdosing on",
    "lethal",
    "lethal dose",
    "hang",
    "hanging",
    "hanged",
    "noose",
    "rope",
    "jump off",
    "jumping off",
    "jump from",
    "slit",
    "wrists",
    "razor",
    "blade",
    "gun",
    "firearm",
    "poison",
    "bleach",
    "suffocate",
    "how to kill",
    "ways to die",
    "painless",
    # judgement, blame and minimising
    "you should be ashamed",
    "shameful",
    "selfish",
    "coward",
    "cowardly",
    "attention seeking",
    "attention-seeking",
    "drama queen",
    "dramatic",
    "overreacting",
    "just cheer up",
    "cheer up",
    "snap out of it",
    "get over it",
    "man up",
    "it's not that bad",
    "others have it worse",
    "could be worse",
    "think of your family",
    "you have so much to live for",
    # confidentiality the bot cannot promise
    "promise not to tell",
    "this is confidential",
    "completely confidential",
    "strictly confidential",
    "won't tell anyone",
    "will not tell anyone",
    "our secret",
    "keep this secret",
    "your secret is safe",
    "nobody will ever know",
    "no one will ever know",
]

_SKIP_KEYS = {"condition", "payload", "channel", "id", "metadata"}


def _pattern(phrase: str) -> "re.Pattern[str]":
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w'’])" + r"\s+".join(words) + r"(?![\w'’])", re.IGNORECASE)


PATTERNS = [(p, _pattern(p)) for p in RULED_OUT]


def violations(text: str) -> List[str]:
    normalised = text.replace("’", "'")
    return [phrase for phrase, pattern in PATTERNS if pattern.search(normalised)]


def _strings(value, path: str) -> Iterator[Tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _SKIP_KEYS:
                yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def domain_texts(path: Path = DOMAIN_FILE) -> List[Tuple[str, str]]:
    domain = fast_yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = []
    for name, variations in (domain.get("responses") or {}).items():
        texts.extend(_strings(variations, name))
    return texts


def other_crisis_texts() -> List[Tuple[str, str]]:
    """What the widget panel and Telegram's /resources show, generated from the same data."""
    from bot.crisis import resources as cr

    widget = json.loads(cr.WIDGET_FILE.read_text(encoding="utf-8"))
    texts = list(_strings(widget, "widget"))
    for region in [None] + cr.known_regions():
        for language in ("en", "es"):
            texts.append((f"telegram[{region},{language}]", cr.render_plain_text(region, language)))
    return texts


ALL_TEXTS = domain_texts() + other_crisis_texts()


def test_there_are_texts_to_check():
    names = {path.split(".")[0].split("[")[0] for path, _ in ALL_TEXTS}
    assert "utter_crisis_resources" in names
    assert len(ALL_TEXTS) > 50


@pytest.mark.parametrize("path, text", ALL_TEXTS, ids=[p for p, _ in ALL_TEXTS])
def test_response_follows_safe_messaging(path, text):
    assert violations(text) == [], f"{path}: {text!r}"


# -- the check itself can fail, and does not over-fire -------------------------------------------
@pytest.mark.parametrize(
    "bad",
    [
        "Please don't commit suicide.",
        "Many people have COMMITTED  SUICIDE this year",
        "It was a failed attempt.",
        "Don't take those pills.",
        "You should be ashamed of yourself.",
        "That's a bit selfish, isn't it?",
        "Just cheer up!",
        "I promise not to tell anyone.",
        "This is confidential, I won’t tell anyone.",
        "Hang in there.",
        "Don't jump off anything.",
    ],
)
def test_self_check_bad_texts_are_caught(bad):
    assert violations(bad), bad


@pytest.mark.parametrize(
    "good",
    [
        "Help is available right now.",
        "You can call 988 or text SHOUT to 85258.",
        "Put a pillow behind you and breathe slowly.",
        "I'm a bot, so I can't call anyone for you.",
        "Samaritans: call 116 123, free, day or night.",
        "Change can feel hard; what would be a small step?",
        "Your conversation is stored in anonymised form for counsellors to review.",
    ],
)
def test_self_check_good_texts_pass(good):
    assert violations(good) == [], good


def test_self_check_a_bad_domain_is_caught(tmp_path):
    """The collector reads texts and button titles: one bad response is found."""
    bad = tmp_path / "domain.yml"
    bad.write_text(
        'version: "3.1"\nresponses:\n  utter_bad:\n    - text: "cheer up, it\'s not that bad"\n'
        '      buttons:\n        - title: "get over it"\n          payload: "/deny"\n'
    )
    found = [v for _, text in domain_texts(bad) for v in violations(text)]
    assert {"cheer up", "it's not that bad", "get over it"} <= set(found)
