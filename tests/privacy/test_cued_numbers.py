"""Card and account pieces in a message that talks about them, and national insurance
numbers by their shape (written for these tests, in the families the retired v8 to v11 tune
halves showed; none is a copy of them).

- once a message talks about a card's or an account's numbers (cvv, sort code, expiry, card
  number, "last four", "on the back"), every number in it with a piece's length is a piece,
  before or after its cue, in digits or words, split by "then" or commas;
- amounts, counts, times, ages and years in such a message stay readable;
- a national insurance number whatever its letters (the specimen "QQ"), its digits in pairs,
  spaced or read out in words.

A detail is marked ``[[so]]``.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "my card is [[4921 then 7730]] and the rest is in my purse",
        "he wanted the exp and cvv so i sent [[08/27 and 442]] like an idiot",
        "[[twenty, fourteen, sixty-one]] thats the sort code i think",
        "cvv was [[5 5 2]] and the long number started [[four nine two nine]] idk the rest",
        "the numbers on the back r [[771]] omg i just realised what i did",
        "sort code [[forty one, ten, seventy two]] n account number [[31 55 90 28]]",
        "idk the whole card number only that it goes [[5412]] and then [[8830]] at the end",
        "expiry date??? [[oh nine twenty six]]",
    ],
)
def test_pieces_in_a_message_about_a_card(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text, kept",
    [
        ("paid 300 quid on my card and it got declined 3 times", ["300", "3"]),
        (
            "my debit card number got cloned in 2023 and the bank took 14 days to sort it",
            ["2023", "14"],
        ),
        ("the cvv thing confused me, im 15 and never had a card before", ["15"]),
        ("lost my card at 11pm and the bank number was engaged for 40 minutes", ["11pm", "40"]),
    ],
)
def test_amounts_counts_and_years_beside_a_card_stay(text, kept):
    touched = _touched(text)
    assert not [k for k in kept if k in touched], touched


@pytest.mark.parametrize(
    "marked",
    [
        "letter from hmrc says my ni is [[QQ 53 07 91 B]] but i never worked there",
        "its [[qq 40 22 18 c]]",
        "national insurance is [[q q seven one two two eight five a]]",
        "nino [[QQ406172D]] if the job centre asks",
    ],
)
def test_national_insurance_by_its_shape(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "we had 12 at the party and it got to 3am before anyone left",
        "i got 45 out of 60 on the mock, so close",
        "qq honestly i cant be bothered today",
    ],
)
def test_numbers_without_the_shape_stay(text):
    assert _touched(text) == []
