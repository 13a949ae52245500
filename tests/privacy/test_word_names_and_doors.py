"""Names that are words told apart by the sentence, and homes found by their door or pub.

Written for these tests, typed the way people type. Families:
- a word-name followed by its own verb ("Storm stormed out", "Chase chased me");
- a word-name said of itself ("Angel isnt an angel", "Patience has no patience");
- a word-name that falls out with someone or moves out (only people do);
- someone's home left unsaid: "staying at faith's tonight", "round joy's after school";
- word-names Faker's lists lack (honey, glory), on the same cues as the others;
- a word-name right after a kin word and before what a person does ("my bf chance keep");
- a house number and a bare street, then the door to find ("12 Bramble, blue gate") or the
  town ("8 Heron, Kirkby Stephen");
- a house by its own name in Title Case, even opening the message ("Oak Lodge, Ferry Lane");
- a postcode's first half given alone ("M14 if you need it", "CF24 something");
- a pub by its one-word name ("down from the Crown") or by two things joined ("the Fox
  and Hounds").
Look-alikes keep every word: the same words used as words.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

WORD_NAMES = [
    "[[Storm]] stormed out after the row and hasnt come back",
    "[[Chase]] chased me all the way home from the bus stop",
    "[[Mark]] marked my essay down again for no reason",
    "[[Angel]] isnt an angel whatever mum thinks",
    "[[Patience]] has no patience with me at all",
    "[[Grace]] fell out with me over nothing and now nobody talks to me",
    "ever since [[grace]] moved out its been so quiet",
    "staying at [[faith]]'s tonight cos i cant go home",
    "im going round [[joy]]'s after school, dont tell mum",
    "slept at [[hope]]'s again, her mum doesnt mind",
    "me and my bf [[chance]] keep arguing about money",
    "my sister [[faith]] wont talk to me since the party",
    "[[Honey]] cried all night so i made her honey and lemon",
    "[[Glory]] keeps bragging about her glory days at school",
]


@pytest.mark.parametrize("marked", WORD_NAMES)
def test_word_names_read_from_the_sentence(marked):
    assert _left(marked) == []


KEPT_WORDS = [
    "the storm stormed through the town last night",
    "hope has no place in my life anymore",
    "joy is not a joy anymore, nothing is",
    "by god's grace i'm still here",
    "staying at home tonight cos i cant face anyone",
    "my only chance is to get out tonight",
    "my best chance keeps slipping away",
    "my bf will kill me if he finds out",
    "hope moved me to tears at the service",
    "we fell out over money and i feel sick",
    "i have no will to live, the will is gone",
    "honey and lemon is the only thing that helps my throat",
    "those were the glory days before everything went wrong",
    "Ocean levels are rising and it scares me",
]


@pytest.mark.parametrize("text", KEPT_WORDS)
def test_the_same_words_as_words_stay(text):
    assert _touched(text) == []


DOORS_AND_PUBS = [
    "[[12 Bramble]], blue gate, dogs in the garden",
    "[[43 marlborough]], top flat, the door sticks",
    "[[7 Kestrel]], side door, knock loud",
    "two doors down from the [[Crown]] on [[Station Road]]",
    "hes always drinking in the [[Plough]] til late",
    "the [[Fox and Hounds]] car park is where he waits for me",
    "[[8 Heron]], [[Kirkby Stephen]]",
    "[[Rosebank Cottage]], the one with the thatch",
    "[[Oak Lodge]], [[Ferry Lane]], come round the side",
    "[[M14]] if you need it",
    "its [[CF24]] something, near the park",
]


@pytest.mark.parametrize("marked", DOORS_AND_PUBS)
def test_homes_by_their_door_and_pubs_by_name(marked):
    assert _left(marked) == []


KEPT_PLACES = [
    "it was 20 minutes, the door was locked",
    "i waited 10 mins, front door was shut",
    "the crown of my head hurts from where he hit me",
    "the swan on the lake bit me lol",
    "the church bell rang at midnight",
    "to the railway bridge, thats where i go when its bad",
    "Care home staff were lovely to nan",
    "My cottage holiday got cancelled",
    "take the M6 if you want to avoid traffic",
]


@pytest.mark.parametrize("text", KEPT_PLACES)
def test_doors_and_pub_words_alone_stay(text):
    assert _touched(text) == []
