"""Names that are ordinary words, told apart by a group the person is in or by an age.

Written for these tests, typed the way people type. Families:
- a word-name, then the group the person is in, then what they did: "Dawn in my form
  laughed", "river in year 10 keeps messaging me";
- a word-name with an age: "Sky's only 9", "Autumn turned 16 and". A child's name with
  their age is enough to find a family.
Look-alikes keep every word: the same words as words, with measures rather than ages.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    "[[Dawn]] in my form laughed at me in front of everyone",
    "[[willow]] in year 10 keeps messaging me horrible stuff",
    "honestly [[Summer]] in our class told the whole group my secret",
    "my little one? [[Sky]]'s only 9 and already gets anxious",
    "[[Autumn]] turned 16 and wont speak to me anymore",
    "[[Ivy]] is 7, she doesnt get why daddy left",
]


@pytest.mark.parametrize("marked", FOUND)
def test_word_names_found_by_group_or_age(marked):
    assert _left(marked) == []


KEPT = [
    "summer in the city was the last time i felt happy",
    "in april i nearly gave up",
    "the sky is grey again and so am i",
    "april is 30 days and every one of them hurt",
    "may is 5 weeks away and i dread it",
    "hope is 1 thing i havent got",
    "autumn in my town is so depressing",
]


@pytest.mark.parametrize("text", KEPT)
def test_look_alikes_keep_their_words(text):
    assert _touched(text) == []
