"""``text.opens``: a pattern with a look-ahead in front for the characters any of its matches
opens on, read from the pattern itself. A speed-up only: every pattern of the recognizers,
so opened, finds the same matches (spans and groups) as it does alone, on development
messages in several registers; a pattern it cannot read is left as it is."""

from __future__ import annotations

import re

import pytest

from bench.anonymiser import corpus_texts
from bot.privacy.anonymiser import get
from bot.privacy.recognizers import contacts, handles, ids, payment
from bot.privacy.recognizers.text import fold, opens

EXTRA = [
    "my insta is jess_xo and my snap is jessxo2",
    "ID number: AB123456C, ref no 99887766",
    "last four digits are 4 4 2 1",
    "K ſ İ ı and the kelvin sign",  # case-free matching reads these as k, s, i
    "  double  spaced   message  ",
    "",
    "a",
    "\n\nline\tbreaks\n",
]


def _patterns():
    import sys

    get()  # every recognizer module imported
    seen = {}
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("bot.privacy"):
            continue
        for key, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                seen.setdefault(id(value), (f"{name}.{key}", value))
    return list(seen.values())


def _texts():
    texts = [fold(t) for t in corpus_texts()] + EXTRA
    return texts + [t.lower() for t in texts] + [t.upper() for t in texts[::3]]


def _found(rx, text):
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


def test_every_recognizer_pattern_opened_finds_what_it_finds_alone():
    texts = _texts()
    opened = 0
    for name, rx in _patterns():
        fast = opens(rx)
        if fast is rx:
            continue
        opened += 1
        for text in texts:
            assert _found(fast, text) == _found(rx, text), (name, text)
    assert opened > 150  # most are read: the check is not an empty loop


@pytest.mark.parametrize(
    "rx",
    [
        contacts._PHONE_CUE,
        handles._PLATFORM_ANY,
        handles.HANDLE_INTRODUCED,
        ids.ID_CONTEXT,
        ids.ID_CUE,
        payment.LAST_FOUR,
    ],
)
def test_the_scans_that_use_it_are_opened(rx):
    assert rx.pattern.startswith("(?=[")


def test_what_it_reads_and_what_it_leaves():
    assert opens(re.compile(r"\b(?:cat|dog)s?\b")).pattern == r"(?=[cd])(?:\b(?:cat|dog)s?\b)"
    # optional openings let what follows open the match too
    assert opens(re.compile(r"\s*,?x")).pattern == r"(?=[\s,x])(?:\s*,?x)"
    assert opens(re.compile(r"(?<=\w)@{2,}")).pattern.startswith("(?=[@])")
    for left in (r"a*", r".x", r"(?:x|.)y", r"(?i:ab)c", r"(?i)ab", r"[^a]b"):
        rx = re.compile(left)
        assert opens(rx) is rx, left
    # case-free: the look-ahead takes the pattern's flags, so "K" opens "k" and the kelvin sign
    rx = opens(re.compile(r"k\d", re.IGNORECASE))
    assert [m.group() for m in rx.finditer("K1 k2 \u212a3")] == ["K1", "k2", "\u212a3"]
