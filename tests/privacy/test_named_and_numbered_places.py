"""Places named the way their own signs name them, numbers given after the place, and
bank accounts printed in groups.

Written for these tests, typed the way people type. Families:
- an IBAN printed in groups of four with its country's length, whether or not its check
  digits add up (copied with a slip, or made up by whoever asks for money);
- a pub's "the" is part of its name, in either case ("outside the Rose and Crown"), and a
  pub given alone as a reply ("the Swan");
- a prison, base or ship named after its kind ("hmp leyhill", "HMYOI Cookham Wood",
  "RAF Coningsby"): the prefix goes with the name;
- a home numbered like a flat, written as a name ("Cottage 6", "Plot 31");
- the door's number after the place ("the far end of Birch Rise, number 11", "Ashdene, 7")
  where the message speaks of a home.
Look-alikes keep every word: the same words used as words, ages, times and measures.
"""

from __future__ import annotations

import pytest

from bot.privacy.anonymiser import anonymise
from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    "he made me send it to [[GB71 MIDL 4005 1532 8816 29]] and now its gone",
    "[[NL02 ABNA 0417 1643 00]] is the account he gave",
    "we always end up at [[the Rose and Crown]] on fridays, its the only place i feel normal",
    "he waits for me outside [[the Hare and Hounds]] after his shift",
    "[[the Swan]]",
    "my brother got moved to [[hmp leyhill]] and nobody told us",
    "my son is in [[HMYOI Cookham Wood]], he is only 17",
    "my partner's posted at [[RAF Coningsby]] so im on my own with the kids",
    "we got put in [[Cottage 6]] at the back of the holiday park, its damp",
    "[[Plot 31]], the new build with no fence yet",
    "i live at the far end of [[Birch Rise, number 11]]",
    "our address is [[Ashdene]], 7 - its a house name thing",
]


@pytest.mark.parametrize("marked", FOUND)
def test_named_and_numbered_places_found(marked):
    assert _left(marked) == []


KEPT = [
    "the code is GB18 BARC lol",
    "the crown of my head hurts from crying",
    "my dad was in the army for 20 years",
    "he did time in hmp for 3 years and came out worse",
    "a house 5 mins from school would change everything",
    "a cottage 20 mins from the sea would be a dream",
    "i live in a house with 4 people and no lock on the door",
    "im from a small town, 16 and so lonely",
    "plot twist, i actually passed",
    "House rules say no phones after 9, its so unfair",
    "i moved to a new town, 2 weeks ago and i hate it",
]


@pytest.mark.parametrize("text", KEPT)
def test_look_alikes_keep_their_words(text):
    assert _touched(text) == []


# Session 13 (issue 14, v9 tune half's families; fresh sentences): the town after a numbered
# address and a comma, a house known by its name given as the address, a named chapel or
# library, a postcode's first half then the city it is in.
TOWN_AND_NAMED_HOUSE = [
    "i live at [[22 Hollybush]], [[Great Ayton]]",
    "its [[14 larkspur road]], [[kirkby stephen]]",
    "we're at [[7 Elm Close]], [[Thirsk]]. its ok i guess",
    "my address is [[12 rose lane]], [[stoke-on-trent]]",
    "my addy is [[The Old Forge]], [[Nether Wallop]]",
    "we live at [[Rose Cottage]], [[Hawes]]",
    "his mum lives behind the [[Methodist chapel]] in town",
    "i hide in [[Central Library]] most days",
    "im in [[G12]] in glasgow, anything near me",
    "we moved to [[m14]] in manchester last year",
]


@pytest.mark.parametrize("marked", TOWN_AND_NAMED_HOUSE)
def test_town_after_address_and_named_houses_found(marked):
    assert _left(marked) == []


TOWN_AND_NAMED_HOUSE_KEPT = [
    "i live at home, its fine",
    "my address is the same as before",
    "i cried in the old chapel at my nans funeral",
    "studying at the library all day and i still failed",
    "i got a B4 in maths",
    "is it bad i need vitamin D3 in winter",
    "we're #12 in the league lol",
]


@pytest.mark.parametrize("text", TOWN_AND_NAMED_HOUSE_KEPT)
def test_town_and_named_house_look_alikes_kept(text):
    assert _touched(text) == []


@pytest.mark.parametrize(
    "text, after",
    [
        ("4 maple close, sorry for the typo earlier", "sorry for the typo earlier"),
        ("i live at 9 elm close, in the end nothing changed", "in the end nothing changed"),
        ("we're at 3 kent rd, feeling low tbh", "feeling low tbh"),
    ],
)
def test_words_after_an_address_that_are_no_town_kept(text, after):
    assert anonymise(text).endswith(after)
