"""Word-names in a name's slot (issue #14), written anew in people's registers:

- a possessive of what only a person has, wherever it stands ("every time jay's name comes
  up", "rose's voice"), never after a determiner ("the ship's name");
- "X is the most <adj> person": a graded adjective before the person noun;
- a nickname glossed by its real name ("rusty (real name ...)", "ace aka ...");
- the subject of a doing, then a pronoun that says who it was ("about penny taking my stuff.
  shes my sister"), never a thing that comes or goes ("about summer coming");
- a kin word used as a title, no "my" ("missing nana connie", "uncle dave picked me up");
- "X's called Guy" naming someone with a word for a person, and the same name again in
  lower case as a subject ("anyway guy is the problem"), never "a nice guy";
- a listed first name before a surname found on its own ("daisy miller from year 11").
"""

from __future__ import annotations

import pytest

from tests.support.marked import others_taken
from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    "every time [[jay]]'s name comes up at dinner mum goes quiet",
    "i still hear [[rose]]'s voice when i walk past the park",
    "cant stop reading [[penny]]'s texts from last year",
    "[[ray]] is the most selfish person ive ever lived with tbh",
    "honestly [[mark]] is the only mate i have left",
    "[[rusty]] (real name kevin) got me through the worst of it",
    "Ace, real name Adam, is the one i trust",
    "its all about [[penny]] borrowing my stuff without asking. shes my sister so i cant say owt",
    "idk what to do about [[bill]] shouting all the time. hes my stepdad",
    "constantly missing nana [[connie]] today",
    "uncle [[dave]] picked me up from the station and didnt say a word",
    "auntie [[sue]] said i could stay at hers",
    "my housemate's called [[Guy]] and honestly [[guy]] is the worst, he never washes up",
    "he is named [[Guy]]. guy keeps leaving his stuff everywhere",
    "[[daisy miller]] from my old school still messages me",
    "went to the cinema with [[ruby thompson]] and felt a bit better",
]

KEPT = [
    "the song's name was on the tip of my tongue",
    "hope is the most important thing i have right now",
    "its all about summer coming, she says its my fault",
    "its about hope fading. shes my sister though and i love her",
    "a rusty (old) bike is all i have to get to work",
    "nan said i could stay over tonight",
    "missing nana so much today",
    "my auntie is lovely but she doesnt get it",
    "nana will be fine, the doctors said so",
    "he's a nice guy but i dont fancy him",
    "she called a guy from work to come and help",
    "that left a mark on me honestly",
    "will power is not my strong point lol",
]


@pytest.mark.parametrize("marked", FOUND)
def test_found(marked):
    assert _left(marked) == []


@pytest.mark.parametrize("text", KEPT)
def test_kept(text):
    assert _touched(text) == []


@pytest.mark.parametrize(
    "marked",
    [
        "i hope [[Sarah]] is ok after last night",
        "honestly [[mark]] is the only mate i have left",
        "[[rusty]] (real name [[kevin]]) got me through the worst of it",
        "heather is all over the hills here and [[Heather]] used to pick it for me",
        "my mother-in-law [[Carol]] says im not grateful enough",
    ],
)
def test_only_the_name_goes(marked):
    assert others_taken(marked) == []
