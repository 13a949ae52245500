"""A word-name with its kin or role right after it, as the subject of the verb that follows
(written for these tests): "Win my cousin wins at everything", "Patience my landlady wan
throw me out", and closed on both sides for a theme word: "Rain, my ex, turned up". A verb
that takes a clause before "my X" is a wish or a prayer, not a person ("Hope my brother wins
tonight"), and an aside that is not closed keeps the word ("Rain, my ex says, never lasts")."""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "[[Win]] my cousin wins at literally everything and i always lose",
        "[[Patience]] my landlady wan throw me out by friday abeg",
        "[[Rain]], my ex, turned up outside college again",
        "[[Storm]] my ex turned up at 2am drunk",
        "[[River]] my brother gets all the attention, always has",
        "[[Sunny]] my stepsister texts me horrible stuff daily",
    ],
)
def test_word_name_apposed_is_removed(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hope my brother wins tonight, hes been training for months",
        "Pray my sister gets in, she deserves it",
        "Rain, my ex says, never lasts up here",
        "Rain my ex keeps on about, i hate the weather",
        "Love my cousin, she gets me",
        "Mark my words he will regret it",
        "Trust my dad wants to help but he doesnt get it",
        "i want to win something for once in my life",
        "patience is running out, i feel hopeless",
    ],
)
def test_look_alikes_stay(text):
    assert _touched(text) == []
