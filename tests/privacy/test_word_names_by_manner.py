"""A word-name placed somewhere and then said to treat people some way is a person (written
for these tests): "Dawn at the jobcentre was really kind", "grace at work is so rude to me".
Only words for how someone treats people count: "lovely", "nice" fit a beach as well as a
person, and "kind of" is no one's manner.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "[[Dawn]] at the jobcentre was really kind, first time in ages someone listened",
        "[[grace]] at work is so rude to me",
        "[[Mark]] at the gp's was really helpful tbh",
        "[[faith]] at church is always dismissive when i bring it up",
        "ugh [[Summer]] at college was SO patronising today",
    ],
)
def test_word_name_at_a_place_with_a_manner(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "Summer at the beach was lovely",
        "hope at this point is kind of gone",
        "dawn at the park was so nice and quiet",
        "will at the end of the day is what matters",
        "hope at school was really helpful for me, the posters and that",
    ],
)
def test_word_at_a_place_stays(text):
    assert _touched(text) == []
