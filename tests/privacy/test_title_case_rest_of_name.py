"""A name found in part grows over the rest of it (written for these tests): the capitalised
word before it mid-sentence ("The Three Horseshoes", "Holy Cross"), and a kind of site after a
named place ("Hartley's garden centre"). A capital that says nothing of a name stays: a
sentence's first word, a relation, a day, a month, "God", "I"."""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "he drinks at The [[Three Horseshoes]] every friday and comes back angry",
        "i go to [[Holy Trinity]] in [[Leeds]], year 10 and i hate it",
        "he works nights at [[Wilkinson's garden centre]] so the house is empty",
        "she was at [[Oakfield library]] all day avoiding me",
    ],
)
def test_rest_of_name_is_removed(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text, kept",
    [
        ("I told Mum Sarah was coming and she lost it", ["told", "Mum"]),
        ("on Monday Sarah came round and i cried", ["Monday"]),
        ("Thank God Sarah came, i was in a bad way", ["Thank", "God"]),
        ("Sarah came round. Honestly it helped", ["Honestly"]),
        ("in June Kelly left and i have been low since", ["June"]),
        ("the garden centre was packed and i panicked", ["garden", "centre", "packed"]),
        ("i texted Sarah Monday night and she ignored me", ["Monday"]),
        ("i saw Jake. Then i went home and cried", ["Then"]),
    ],
)
def test_capitals_that_are_no_name_stay(text, kept):
    touched = _touched(text)
    assert not [w for w in kept if w in touched], touched
