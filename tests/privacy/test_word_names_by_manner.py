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


# A count's unit capitalised ("2 Weeks.", "3 Days later") is the unit, though "Weeks" and
# "Day" are surnames too; the same word after a first name is still the surname.
@pytest.mark.parametrize(
    "text",
    [
        "it's been 2 Weeks. i cant do this",
        "3 Days later he rang again like nothing happened",
        "clean for 10 Months now!!",
        "ITS BEEN 4 YEARS SINCE MUM DIED",
    ],
)
def test_a_counts_unit_stays(text):
    assert _touched(text) == []


@pytest.mark.parametrize(
    "marked",
    ["i met [[Jack Day]] 2 years ago", "its been 6 Months, [[Will]] still hasnt called"],
)
def test_names_beside_counts_still_go(marked):
    assert _left(marked) == []


# "X's been ..." then a "he"/"she" taking X up: the contracted auxiliaries are read like
# "is" and "has" ("bob is a wreck ... scared for him" already was).
@pytest.mark.parametrize(
    "marked",
    [
        "[[bob]]'s been a wreck since the funeral and i'm scared for him",
        "[[Pat]]'s been so off with me lately and she won't say why",
    ],
)
def test_contracted_been_then_taken_up(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "rose's been dying in the pot since june",
        "hope's been hard to find, my therapist says she gets it",
        "mark's been on my arm for weeks, i hate it",
    ],
)
def test_contracted_been_words_stay(text):
    assert _touched(text) == []
