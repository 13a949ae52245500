"""Names that are ordinary words told apart by their clause, and places given in pieces
(written for these tests, the way people type: lower case, no apostrophes, run on).

A name that is also a word ("Penny", "joy", "will") is a person when the clause says so:
what it is said to be ("joy is the only person who"), what it does after any auxiliary
or negation ("Penny wont give me", "ivy never listens"), the same word used as a word
elsewhere ("... a penny"), a he/she taking it up, being spoken to ("sorry rose,", "love
you grace"). Words the talk is about (hope, grace, will, joy) need more than one of these,
so "hope is all i have left" and "you gave me hope" reach the counsellor whole.

Places in pieces: a postcode's first half alone ("SK4 if that helps", "n16 postcode"),
a house number then a description ("number 17, the one with the trampoline", "23a above
the nail bar"), a door's number ("im in 7b"), named sites and pubs ("Harlows garage",
"Lower Barn Farm", "at the red lion"), a Title-case place after a word of position ("past
Cold Ashby"). Look-alikes keep every word: grades, vitamins, consoles, roads, rankings,
class groups, a black horse in a field, and the places people go to hurt themselves.

A detail is marked ``[[so]]``; it is removed when every letter and digit of it is inside
a placeholder.
"""

from __future__ import annotations

import pytest

from bot.privacy.anonymiser import anonymise
from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

# --- names that are words, read from the clause ------------------------------------
NAMES_BY_CLAUSE = [
    # what it is said to be
    "[[joy]] is the only person who brings me any joy rn",
    "[[Patience]] is someone i trust",
    "[[Sky]] is a girl in my class who bullies me",
    "[[Destiny]] was the girl who started all the rumours",
    "honestly [[Will]] is the only one who gets it",
    # what it does, after auxiliaries and negations
    "[[Penny]] wont give me a penny towards the kids",
    "[[Crystal]] doesn't talk to me anymore",
    "[[ivy]] never listens to anything i say",
    "[[Faith]] has blocked me everywhere",
    "[[Rose]] didnt come, she sent a rose instead",
    "[[penny]] owes me money and wont pay it back",
    "[[art]] hasnt spoken to me in weeks",
    "[[Hope]] never answers, i've lost all hope with her",
    "[[HOLLY]] WONT TALK TO ME SINCE CHRISTMAS",
    # the word used as a word, or as a verb, elsewhere; a she/he taking it up
    "[[Sunny]] isnt very sunny these days, shes really down",
    "[[Will]] doesnt get it. i dont have the will",
    "the will reading was awful, [[will]] didnt even turn up",
    "[[grant]] didnt grant me any time off",
    # objects taken up, subjects joined to me
    "i cant stand [[lance]], he thinks hes all that",
    "[[ray]] n me fell out",
    # spoken to
    "sorry [[rose]], i didnt mean it",
    "love you [[grace]]",
    "thanks for listening [[grace]] x",
]


@pytest.mark.parametrize("marked", NAMES_BY_CLAUSE)
def test_names_read_from_their_clause(marked):
    assert _left(marked) == []


# The same words as words: every word stays (theme words above all).
WORDS_IN_CLAUSES = [
    "hope is all i have left",
    "joy is hard to find these days",
    "faith is the only thing keeping me going",
    "hope is the only thing that keeps me going",
    "art is the only thing that helps",
    "summer is the worst time for me",
    "my will to live is gone",
    "destiny is a lie",
    "a penny for my thoughts lol",
    "rich people dont understand",
    "sunny days make it worse somehow",
    "i hope you can help",
    "thanks for the hope",
    "you gave me hope",
    "i know you will",
    "sorry, will do",
    "hi, hope you are ok",
    "thanks hope that helps",
    "love you mum x",
    "Hope is all I have. Without hope there is nothing",
    "hope never dies they say",
    "hope keeps me going",
    "Joy wasnt there for me when i needed it",
]


@pytest.mark.parametrize("text", WORDS_IN_CLAUSES)
def test_words_in_clauses_are_kept(text):
    assert _touched(text) == []


def test_only_the_name_goes_when_the_word_comes_back():
    out = anonymise("Penny wont give me a penny towards the kids")
    assert out.startswith("[NAME]") and "a penny" in out


# --- places given in pieces ----------------------------------------------------------
PLACES_IN_PIECES = [
    # a postcode's first half, with or without the word
    "[[SK4]] if that helps, im in a bad way",
    "[[n16]] postcode, near the overground",
    "[[ex4]] postcode, by the uni",
    "postcode is [[bs5 9]] something i cant remember the rest",
    "im in [[LS6]], near the park",
    "we're [[M14]] way",
    "its in the [[G12]] area",
    "[[wv10]], near the molineux",
    "first bit of my postcode is [[ng7]]",
    # a house number, then a description
    "[[number 17]], the one with the trampoline, [[Orchard Close]]",
    "[[23a]] above the nail bar on [[Kings Parade]]",
    "[[12b]], the one with the red door",
    "its [[41]], the house with the blue door",
    "im in [[7b]]",
    "we're [[number 8]] on the new estate behind the rugby club",
    # named sites, streets without "road", pubs
    "third house on the left after [[Harlows garage]] on [[Bridge End]]",
    "the farm past [[Cold Ashby]] crossroads, [[Lower Barn Farm]]",
    "i work at [[Pro-Fix Autos]] on the trading estate",
    "we live past the Shell garage on [[Hollins End]]",
    "its the second cottage after the [[Old Forge]]",
    "come find me at the [[wheatsheaf]], ill be the one crying",
    "im at the [[red lion]] most nights",
    "hes at the [[kings head]] on a friday",
    "drinking in the [[rose and crown]] again",
]


@pytest.mark.parametrize("marked", PLACES_IN_PIECES)
def test_places_given_in_pieces(marked):
    assert _left(marked) == []


PIECES_THAT_ARE_NO_PLACE = [
    "i got a B4 in maths",
    "i need vitamin D3 and B12",
    "i have a B12 deficiency",
    "M8 you wont believe this",
    "the A1 was closed",
    "my iphone 12 died",
    "i failed my A2 exams",
    "the rise in CO2 levels scares me",
    "SO2 emissions are up",
    "we're in S6 at school",
    "i was in year 9 when it started",
    "number 1 rule: dont trust anyone",
    "we're number 1 in the league",
    "im number 3 on the waiting list",
    "i'm in 10a for maths",
    "5, the one with the most likes",
    "i scored 23 above the average",
    "2 above the limit lol",
    "she looked at the black horse in the field",
    "i stared at the white swan on the lake",
    "in the red cross tent",
    "we live in the middle of nowhere",
]


@pytest.mark.parametrize("text", PIECES_THAT_ARE_NO_PLACE)
def test_pieces_that_are_no_place_are_kept(text):
    assert _touched(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "im at the bridge past the old forge",
        "standing on the multistorey behind the red lion",
    ],
)
def test_places_people_go_to_hurt_themselves_stay_readable(text):
    # the landmark may go, the danger word must reach the counsellor
    out = anonymise(text)
    for word in ("bridge", "multistorey"):
        if word in text:
            assert word in out


def test_a_direction_is_no_landmark():
    # "on the left" says which way to turn; the garage and the street are the details
    text = "third house on the left after Harlows garage on Bridge End"
    assert _left("third house on the left after [[Harlows garage]] on [[Bridge End]]") == []
    out = anonymise(text)
    assert out.startswith("third house on the left after ")


@pytest.mark.parametrize(
    "marked",
    ["my room number is [[214]]", "our flat's [[4b]]", "room is [[214]] in [[Cavendish Hall]]"],
)
def test_a_room_or_flat_number_given_in_a_sentence(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "the room is 20 degrees and i cant sleep",
        "my flat is 5 mins from the station",
        "my room was 2 doors down from his",
        "my flat is 3 years old",
    ],
)
def test_room_measures_are_kept(text):
    assert _touched(text) == []


def test_a_closing_word_after_a_noun_is_no_name():
    assert _touched("had a long bath and an early night, bliss") == []


@pytest.mark.parametrize(
    "marked",
    ["the white van outside [[19 Birch]], that's us", "he waits outside [[7 Holly]] every night"],
)
def test_a_house_by_its_number_after_a_word_of_position(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text", ["i was behind 2 people in the queue", "near 10 minutes from here", "near 20 years old"]
)
def test_counts_after_a_word_of_position_are_kept(text):
    assert _touched(text) == []
