"""The shared text helpers: numbers as people type them, safe reflection, no repeats."""

import random

import pytest

from actions.common import (
    MAX_ANSWER_CHARS,
    bound,
    clean_text,
    echo,
    feeling_in,
    is_meaningful,
    parse_scale,
    parse_yes_no,
    pick,
    quote,
)
from tests.actions.conftest import LONG_TEXT


@pytest.mark.parametrize(
    "text,expected",
    [
        ("7", 7),
        ("seven", 7),
        ("7/10", 7),
        ("7 / 10", 7),
        ("7 out of 10", 7),
        ("about a 6", 6),
        ("6.5", 7),
        ("6,5", 7),
        ("70%", 7),
        ("SEVEN", 7),
        ("ten", 10),
        ("0", 0),
        ("zero", 0),
        ("not at all", 0),
        ("completely", 10),
        ("maybe 3 tbh", 3),
        ("10/10", 10),
        ("  4  ", 4),
    ],
)
def test_parse_scale_reads_what_people_type(text, expected):
    assert parse_scale(text) == expected


@pytest.mark.parametrize(
    "text", ["", "11", "15/10", "banana", "😢", "sieben", "200%", None, "a lot"]
)
def test_parse_scale_refuses_what_is_not_a_rating(text):
    assert parse_scale(text) is None


def test_clean_text_collapses_whitespace_and_control_characters():
    assert clean_text("  hi\n\tthere\u0000 \u202e ") == "hi there"
    assert clean_text(None) == ""


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", False),
        ("   ", False),
        ("...", False),
        ("?!", False),
        ("😢", True),
        ("ok", True),
        ("自分はダメ", True),
        ("7", True),
    ],
)
def test_is_meaningful(text, expected):
    assert is_meaningful(text) is expected


def test_bound_trims_absurdly_long_text_on_a_word():
    text, trimmed = bound(LONG_TEXT)
    assert trimmed and len(text) <= MAX_ANSWER_CHARS + 1 and text.endswith("…")
    assert bound("short")[1] is False


def test_quote_never_echoes_more_than_the_limit():
    q = quote(LONG_TEXT)
    assert len(q) <= 120 and q.endswith("…")
    assert quote(LONG_TEXT, limit=500) and len(quote(LONG_TEXT, limit=500)) <= 200


def test_quote_skips_payloads_and_neutralises_quote_marks():
    assert quote("/affirm") == ""
    assert '"' not in quote('he said "you are useless"')
    assert quote("i'm not good enough.") == "i'm not good enough"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("i feel so exhausted all the time", "exhausted"),
        ("im lonely af", "lonely"),
        ("I'm not sad, just tired", "tired"),
        ("i am not sad", None),
        ("work was fine", None),
        ("feeling really overwhelmed", "overwhelmed"),
    ],
)
def test_feeling_in_names_feelings_but_not_negated_ones(text, expected):
    assert feeling_in(text) == expected


@pytest.mark.parametrize(
    "text,intent,expected",
    [
        ("yes please", None, True),
        ("yeah", None, True),
        ("sure, why not", None, True),
        ("no thanks", None, False),
        ("nah", None, False),
        ("not really", None, False),
        ("perhaps", None, None),
        ("", None, None),
        ("whatever", "affirm", True),
        ("hmm", "deny", False),
    ],
)
def test_parse_yes_no(text, intent, expected):
    assert parse_yes_no(text, intent) is expected


def test_pick_never_repeats_the_previous_text_when_another_exists():
    options = ["a", "b", "c"]
    rng = random.Random(1)
    for previous in options:
        for _ in range(50):
            assert pick(options, previous=previous, rng=rng) != previous


def test_pick_prefers_fresh_options_and_falls_back_when_all_used():
    rng = random.Random(2)
    assert pick(["a", "b", "c"], avoid=["a", "b"], rng=rng) == "c"
    assert pick(["a", "b"], avoid=["a", "b"], previous="a", rng=rng) == "b"
    with pytest.raises(ValueError):
        pick([])


def test_pick_prefers_options_that_repeat_no_sentence_said_lately():
    """Replies built from parts: a new whole must not repeat, word for word, a sentence of one
    of the last replies ("I'm really glad you're putting this into words." twice running)."""
    said = "I'm really glad you're putting this into words. It makes sense. What do you need?"
    options = [
        "I'm really glad you're putting this into words. Anyone might feel the same. Why?",
        "That sounds like a lot. It makes sense. How long has it been like this?",
        "That sounds like a lot. Anyone might feel the same. How long has it been like this?",
    ]
    rng = random.Random(3)
    for _ in range(30):
        assert pick(options, avoid=[said], rng=rng) == options[2]
    # When every option repeats something, a fresh whole is still chosen over nothing.
    assert pick(options[:1], avoid=[said], rng=rng) == options[0]


@pytest.mark.parametrize(
    "text, said_back",
    [
        ("i just feel like im not good enough", "i just feel like im not good enough"),
        ("not great tbh", "not great tbh"),
        ("ugh", ""),  # too short to be a quote
        ("i'm tom, text me on 07700 900123", ""),  # a detail is never read back
        ("my email is jo at example dot com or jo@example.com", ""),
        ("see www.example.org for what happened", ""),
        (
            "so basically my week started badly and then on tuesday my boss called me in and "
            "told me everything i'd done was wrong",
            "",
        ),  # too long to say back whole: a plain reflection reads better
    ],
)
def test_echo_says_back_only_short_plain_words(text, said_back):
    assert echo(text) == said_back
