"""Numbers said aloud, printed in groups, or given as a part (written for these tests, in the
families the retired v13 study half showed; none is a copy of it).

- zero said as the letter ("oh", "o", "owe"), a repeat joined on ("double-oh"), and a number
  told in pieces with "but then" between;
- an IBAN in the bank's groups in either case, stopping at its country's length;
- the letters-only start or end of a plate, said to be that part near a plate word.

Each family has look-alikes whose words must all stay: debts, times, counts, acronyms.
A detail is marked ``[[so]]``.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


# --- zero said as a letter, repeats joined on, "but then" ------------------------
@pytest.mark.parametrize(
    "marked",
    [
        "number: [[owe seven seven owe owe nine owe owe six six one]]",
        "its [[owe seven 7 double-owe 9 double-oh 3 4 5]] text after 6",
        "my mobile is [[seven seven double-oh nine double-oh, then 6 1 9]] with a zero first",
        "Mum's number is [[0 7 9 triple-1 2 3 4 5 6]]",
        "ring [[07700 900 but then 9 4 2]] at the end, the middle bit i forget",
        "NUMBER IS [[OWE SEVEN EIGHT DOUBLE-FIVE 4 3 2 1 OWE 9]]",
    ],
)
def test_phone_said_with_zero_sounds_and_joined_repeats(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "i owe seven hundred quid to my brother and its killing me",
        "i owe 250 to klarna and 80 to clearpay",
        "i owe you one honestly, thank you",
        "i rang 999 but then 2 hours later they came",
        "took 2 tablets but then 3 more at 9",
        "its a double-edged thing, oh well",
    ],
)
def test_debts_counts_and_sighs_stay(text):
    assert _touched(text) == []


# --- IBAN in groups, either case --------------------------------------------------
@pytest.mark.parametrize(
    "marked",
    [
        "[[gb33 lloy 3091 2247 1183 05]] sorry for lowercase",
        "[[es80 2100 4817 5613 0029 5574]] is my account in spain",
        "send it to [[DE89 3704 0044 0532 0130 00]] please",
        "iban: [[fr14 2004 1010 0505 0001 3m02 606]] thats my french one",
        "[[gb82 west 1234 5698 7654 32]] that was it",
    ],
)
def test_iban_in_groups_any_case(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "gb was 2020 when the year 2021 felt long too",
        "es is 12 and has been off school 3 weeks",
        "gb12 kids and 3 teachers went on the trip",
    ],
)
def test_group_like_words_stay(text):
    assert _touched(text) == []


def test_iban_groups_of_words_are_not_a_bank_code():
    """Letters alone make an IBAN group only as the bank's code right after the country:
    "es20 fans know 2019 2020 2021" has Spain's length and ten digits but is a sentence."""
    from bot.privacy.recognizers.payment import _iban_printed

    assert _iban_printed("es20 fans know 2019 2020 2021 were rough", 0, 24) == 0
    text = "gb33 lloy 3091 2247 1183 05 thanks"
    assert _iban_printed(text, 0, 22) == len("gb33 lloy 3091 2247 1183 05")


# --- the letters-only part of a plate ------------------------------------------
@pytest.mark.parametrize(
    "marked",
    [
        "he drives a blue fiesta and the reg ends in '[[NFE]]'. starts with [[BV65]] I'm sure",
        "plate starts with [[YD67]] and ends in something like [[UHP]], I only saw it once",
        "the motorbike, plate ends in '[[OXE]]', is always outside the flat",
        "car reg ending in [[KFD]] i think, silver golf",
        "the van's number plate begins with [[WR]] and thats all i got",
    ],
)
def test_plate_part_in_capitals(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "my car is a mess, the week starts with MOT stress",
        "the car ends in a ditch every time he drives",
        "the bike ride ends in town and starts with the big hill",
        "the van ends in LOL territory, my dad's driving is a joke",
        "my car ends with me crying in it most days",
    ],
)
def test_car_talk_stays(text):
    assert _touched(text) == []
