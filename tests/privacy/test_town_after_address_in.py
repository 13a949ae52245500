"""The town after a numbered address with "in" as well as a comma ("88 kings road in reading and
the landlord ..."), and a described chain that holds a detail found on its own no longer swallows
the words before it ("a room at 88 kings road in reading" keeps "a room at"). Written for these
tests; "in" before a feeling, a month or "the" keeps its words."""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "i rent a room at [[12 albert road]] in [[reading]] and the landlord walks in",
        "we're at [[7 church street]] in [[Shepton Mallet]], its so quiet here",
        "mums place is [[41 tennyson ave]] in [[bootle]] lol",
        "staying at [[3 hill view]] in [[Great Ayton]].",
    ],
)
def test_town_after_address_is_removed(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text, kept",
    [
        ("i rent a room at 12 albert road in reading and cry every night", ["room", "at", "in"]),
        ("moved to 22 kelvin street in tears honestly", ["in", "tears", "honestly"]),
        ("at 3 oak close in june we moved and it all went wrong", ["in", "june"]),
        ("i live at 4 rose avenue in a state of panic", ["in", "state", "panic"]),
    ],
)
def test_words_round_the_address_stay(text, kept):
    touched = _touched(text)
    assert not [w for w in kept if w in touched], touched
