"""The recognizers' ``IGNORECASE`` patterns scanned on lower-case text (``_casefree``) find
exactly what the patterns find: the same matches on every development message, as typed, in
lower case and in capitals; the plain scan wherever the fast one might differ."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.privacy.anonymiser import anonymise, get
from bot.privacy.recognizers import _casefree
from bot.privacy.recognizers._casefree import CaseFreePattern, case_free, lower_pattern
from bot.privacy.recognizers.text import fold

DATA = Path(__file__).resolve().parents[2] / "eval" / "data"


def _messages():
    texts = [
        json.loads(line)["text"]
        for line in (DATA / "pii_corpus.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for line in (DATA / "pii_adversarial_dev.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            texts.append(line.split("\t")[1].replace("[[", "").replace("]]", ""))
    texts += [
        "Call Me On 07700 900123 Or Email JO.SMITH AT GMAIL DOT COM",
        "my insta is @Jess_XO and my snap is jessxo",
        "I Live At 42 Acacia Avenue, Leeds LS6 2AB",
        "Flat 3B, Block C, Tower Hamlets",
        "mrs O'Neil said my NHS number is 943 476 5919",
    ]
    return [fold(t) for t in texts]


def _swapped():
    get()  # builds the recognizers, which swaps their patterns
    return [p for p in _casefree._SWAPPED.values() if isinstance(p, CaseFreePattern)]


def _spans(it):
    return [(m.span(), m.groups(), m.group(0)) for m in it]


def test_most_case_insensitive_patterns_are_swapped():
    assert len(_swapped()) > 100


def test_every_swapped_pattern_finds_what_it_found_on_every_dev_message():
    patterns = _swapped()
    texts = _messages()
    assert len(texts) > 600
    for text in texts:
        for variant in (text, text.lower(), text.upper()):
            for fast in patterns:
                assert _spans(fast.finditer(variant)) == _spans(fast.rx.finditer(variant)), (
                    fast.rx.pattern[:80],
                    variant,
                )
                a, b = fast.search(variant), fast.rx.search(variant)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_non_ascii_text_keeps_the_plain_scan():
    # the Kelvin sign and the long s fold to "k" and "s" under IGNORECASE: no ASCII twin can
    # see that, so text that is not ASCII is scanned by the pattern itself
    fast = case_free(re.compile(r"\bkiss\b", re.IGNORECASE))
    assert isinstance(fast, CaseFreePattern)
    assert fast.search("a \u212aiss") is not None
    assert [m.span() for m in fast.finditer("\u212ai\u017fs KISS kiss")] == [
        (0, 4),
        (5, 9),
        (10, 14),
    ]


def test_a_capital_message_is_still_caught():
    # found before by IGNORECASE on the capitals; must still be
    assert anonymise("MY EMAIL IS JO.SMITH@GMAIL.COM") == "MY EMAIL IS [EMAIL]"
    assert "07700" not in anonymise("CALL ME ON 07700 900123 TONIGHT")
    assert "LS6 2AB" not in anonymise("I LIVE AT 42 ACACIA AVENUE, LEEDS LS6 2AB")


@pytest.mark.parametrize(
    "pattern, lowered",
    [
        (r"\bNHS\s+No\.?", r"\bnhs\s+no\.?"),
        (r"[A-Z][a-z]+\S", r"[a-z][a-z]+\S"),
        (r"[B-HJ-Z]\d", r"[b-hj-z]\d"),
        (r"(?P<Name>x)(?P=Name)", r"(?P<Name>x)(?P=Name)"),
        (r"\W\B\D", r"\W\B\D"),
    ],
)
def test_lower_casing_keeps_escapes_and_group_names(pattern, lowered):
    assert lower_pattern(pattern) == lowered


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?-i:Mr)\s+\w+",  # case-sensitive inside: lower-casing would change it
        r"[A-z]",  # a range across the cases takes [ \ ] ^ _ ` too
        r"[0-z]",
        r"\x41bc",  # a letter named by its code
        r"stra\u00dfe",
        "stra\u00dfe",  # a letter with a non-ASCII case folding (sharp s)
    ],
)
def test_patterns_lower_casing_could_change_are_left_alone(pattern):
    assert lower_pattern(pattern) is None
    rx = re.compile(pattern, re.IGNORECASE)
    assert case_free(rx) is rx


def test_patterns_told_apart_by_identity_stay_one_object():
    # payment reads "rx is LAST_FOUR" over its table of gated patterns
    get()
    from bot.privacy.recognizers import payment

    assert any(rx is payment.LAST_FOUR for rx, _ in payment._GATED)
    assert any(cue is payment._EXPIRY_CUE for cue, _ in payment._PIECE_CUES)
