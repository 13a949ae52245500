"""Names that are ordinary words, marked as people by the sentence (issue #14), written anew:

- said or felt towards someone with "to"/"at"/"with" ("kept apologising to bill for
  nothing", "so mad at drew."), never before the object of a verb ("sorry to mark the
  day") and never a word the conversation is about ("angry at hope");
- a possessive after "it's"/"was"/"for" ("it's may's party", "for rose's funeral");
- a clause opening on a filler ("so basically april is coming over").
"""

from __future__ import annotations

import pytest

from tests.support.marked import others_taken
from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    "i kept apologising to [[bill]] for nothing. he just stared",
    "im so mad at [[drew]]. he drew on my work again",
    "i was shouting at [[rob]] and he just laughed",
    "honestly im fuming with [[mark]] rn",
    "it's [[may]]'s party on saturday and i'm not invited",
    "we're saving for [[rose]]'s funeral and i cant afford it",
    "so basically [[april]] is coming over tomorrow and i havent cleaned",
    "spoke to mrs [[baker]] after class about it",
    "our teacher miss [[rose]] said i could leave early",
]

KEPT = [
    "i'm sorry to mark the day like this",
    "so angry at hope for letting me down, hope is a liar",
    "i'm mad at myself again",
    "talking to the doctor tomorrow about it",
    "it's may and i still havent done anything",
    "will it ever get better? i may try again tomorrow",
    "by grace of god i'm still here",
    "i'm sorry to bother you with this",
]


@pytest.mark.parametrize("marked", FOUND)
def test_found(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "marked",
    [
        "i kept apologising to [[bill]] for nothing. he just stared",
        "so angry at [[rob]]. he'd rob me blind if he could",
    ],
)
def test_only_the_name_goes(marked):
    assert others_taken(marked) == []


@pytest.mark.parametrize("text", KEPT)
def test_kept(text):
    assert _touched(text) == []
