"""Families of details told the way people tell a friend (written for these tests).

Places given by description and tied to the person ("i work at the nandos in the trafford
centre"), names that are ordinary words read from the sentence's grammar ("mrs rich
shouted", "jack, you there?"), card pieces, ids and plates of many shapes, handles of
several words or spelled out, emails read out in pieces. Each family has messages that
must lose the detail and look-alike messages whose words must all stay: crisis and
feeling words above all ("i'm at the bridge by the river" must reach the counsellor).
A detail is marked ``[[so]]``; it is removed when every letter and digit of it is inside
a placeholder.
"""

from __future__ import annotations

import pytest

from bot.privacy.anonymiser import anonymise
from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

# --- places described and tied to the person -----------------------------------
DESCRIBED_PLACES = [
    "my dad works at [[the sugar factory in bury st edmunds]]",
    "i work at [[the nandos in the trafford centre]]",
    "mum runs [[the hair salon next to the post office in ashby]], everyone knows her",
    "she works at [[the greggs on the high street in bolton]]",
    "we live in [[the flats by the train station in crewe]]",
    "i clean at [[the hilton by the airport]] and the shifts are killing me",
    "i'm at [[the mcdonalds by the bus station]]",
    "meet me at [[the costa in the bullring]]",
    "the bus drops me off at [[the co-op in brinsworth]] and i walk the rest",
    "i volunteer at [[the food bank in dewsbury]]",
    "i'm in [[cedar ward at st james's]], visiting is 2 till 8",
    "we moved into [[plot 47 on the new barratt estate off the a38]], still boxes everywhere",
    "i live in [[the travelodge by junction 9]] for now",
    "theres a bench at [[the top of primrose hill]] where i sit when it gets bad",
    "my school is [[kendriya vidyalaya no 2 in delhi cantt]], class 11",
    "i study at [[uni of bath]] and hate it",
    "she goes to [[ravenswood girls]], same as i did",
    "the bullies wait for me outside [[st anne's]] every day",
    "i grew up in [[little snoring]], tiny village, everyone knew everyone",
    "we moved to [[north ferriby]] last year",
    "thats my aunt in [[ny]]",
    "i work at [[morrisons near junction 4]]",
    "IM AT [[THE COSTA IN THE BULLRING]]",
    "i wrk at [[the nandoz in the traford centre]] lol",
]


@pytest.mark.parametrize("marked", DESCRIBED_PLACES)
def test_described_places_are_removed(marked):
    assert _left(marked) == []


# Everyday places with nothing that pins them down, and places people go to hurt
# themselves: every word stays.
KEPT_PLACES = [
    "i work at the shop",
    "i go to the gym in the morning",
    "i'm in the car with my mum",
    "i'm at the bridge by the river",
    "i'm on the roof of the car park",
    "i'm standing at the edge of the cliff",
    "i'm at the station by the tracks",
    "i live in great pain every day",
    "i'm in little pieces tonight",
    "i live in fear of him",
    "i'm at home in bed",
    "i work at the hospital on nights",
    "i'm in a really dark place right now",
    "i'm going to the doctors in town tomorrow",
    "i'm in the middle of nowhere",
    "walked to the top of the hill without stopping",
    "i got hit by a car and i'm on the side of the road",
    "i've been sleeping in a doorway for 3 nights",
    "my husband snores so loud i'm sleeping on the sofa",
    "i'm stuck at level 42 on this game",
    "i volunteer at the shop on saturdays",
    "we sang la la la in the car",
    # a crisis lexicon word after a village's modifier, with no verb of living before it
    "he's making little snoring noises and i can't wake him",
]


@pytest.mark.parametrize("text", KEPT_PLACES)
def test_everyday_and_crisis_places_are_kept(text):
    assert _touched(text) == []


# --- names that are ordinary words, read from the grammar ----------------------
NAMES = [
    "spoke to mrs [[shepherd]] at school about the bullying",
    "the teacher miss [[green]] said my essay was good",
    "ask miss [[hill]] she knows",
    "mrs [[rich]] shouted at me",
    "my teacher mr [[baker]] is nice",
    "my grandad [[jack brown]] passed away on friday",
    "my cousin [[robin brown]] died",
    "the girl who bullies me is called [[amber white]]",
    "[[rose]] and [[lily]] are my twins",
    "[[summer]] and [[autumn]] are my little sisters",
    "[[jack]], you there?",
    "[[sky]] my little one wont sleep",
]


@pytest.mark.parametrize("marked", NAMES)
def test_names_that_are_words(marked):
    assert _left(marked) == []


KEPT_NAME_WORDS = [
    "i really miss home",
    "miss school so much",
    "i feel hope and joy are gone",
    "the sky is getting light and i still havent slept",
    "green is my favourite colour",
    "hope, you said it gets better?",
    "love, you there?",
]


@pytest.mark.parametrize("text", KEPT_NAME_WORDS)
def test_name_words_used_as_words_are_kept(text):
    assert _touched(text) == []


def test_miss_as_a_verb_stays_readable():
    # the person missed is a name, the verb is not
    out = anonymise("i miss dawn so much")
    assert "miss" in out and "dawn" not in out


# --- card pieces ---------------------------------------------------------------
CARD_PIECES = [
    "wrong card, use the one ending in [[0921]] not [[5530]]",
    "the visa is ...[[4417]] and the mastercard is ...[[9013]]",
    "the payment failed on card x-[[8390]] again",
    "card ending [[1234]], or [[5678]] maybe",
    "he took my card, its the one with [[4417]] on the end",
    "i paid with my debit card ([[4417]])",
    "ifsc [[SBIN0001234]], acct [[30012345678]]",
    "my swift code is [[deutdeff500]]",
    "xx [[9912]] is my debit card",
]


@pytest.mark.parametrize("marked", CARD_PIECES)
def test_card_pieces(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "i waited...2019 was hard",
        "my card expired in 2024 so i got a new one",
        "happy 2025 everyone",
    ],
)
def test_years_near_card_words_are_kept(text):
    assert _touched(text) == []


# --- ids and plates ------------------------------------------------------------
IDS = [
    "he drives a red fiesta [[KP 66]] ... cant remember the rest",
    "the van that follows me is [[FN 23 OVA]]",
    "my matric number is [[UNILAG/2019/0456]]",
    "ni no is [[queen queen one two, three four, five six, see]]",
    "my ni number is [[alpha bravo one two three four five six charlie]]",
    "uk licence [[JONES 610155 J99 AB]] for the insurance",
    "[[SK 63 PLU]] thats the car",
    "the taxi was [[KP66 XYZ]]",
    "my matric no is [[19/0456]]",
    "his car was [[191-D-12345]] i think",
    "he drives a black merc, [[ABC 1234]]",
    "pps [[1234567TA]] for the dole office",
    "codice fiscale [[RSSMRA85T10A562S]]",
    "a german car [[B-MW 1234]] followed me",
    "the truck [[KAA 123A]] nearly hit me",
]


@pytest.mark.parametrize("marked", IDS)
def test_ids_and_plates(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    ["i scored 24/7 on my car test lol", "covid-19 was awful", "i love my car, its 15 years old"],
)
def test_numbers_that_are_no_ids_are_kept(text):
    assert _touched(text) == []


# --- handles -------------------------------------------------------------------
HANDLES = [
    "i'm [[the real kev]] on twitter",
    "fortnite name is [[Soggy Waffle 77]] add me",
    "league ign [[Jinx Main Forever]], we can duo",
    "add me on snap, username [[ben dot c dot 23]]",
    "his insta is [[mark underscore jones 97]]",
    "my ig is [[j e s s b x o]]",
    "my tumblr url is [[sadgirlaesthetic]]",
]


@pytest.mark.parametrize("marked", HANDLES)
def test_handles(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "i'm always on tiktok at night",
        "im the only one on discord who cares",
        "i'm so sad on instagram lately",
    ],
)
def test_platform_talk_is_kept(text):
    assert _touched(text) == []


# --- emails read out -----------------------------------------------------------
EMAILS = [
    "my mums email is [[margaret dot hale fifty six at btinternet dot com]], she wants it",
    "write it down: [[n, i, a, m, h, at, gmail, dot, com]]",
    "my email is jess [[brown 92 at hotmail dot co dot uk]]",
    "mail me: [[jess.brown arroba gmail punto com]]",
]


@pytest.mark.parametrize("marked", EMAILS)
def test_emails_read_out(marked):
    assert _left(marked) == []


def test_counting_with_commas_is_no_email():
    assert _touched("i was at home, one, two at school, dot") == []


# --- phones and numbers typed as one word ---------------------------------------
def test_number_words_typed_as_one():
    assert _left("new one is [[07700 ninehundred 447]]") == []


def test_words_made_of_number_letters_stay_words():
    from bot.privacy.recognizers.numbers import _word_digits

    assert _word_digits("ninehundred") == "900"
    assert _word_digits("twentyfour") == "24"
    for word in ("someone", "oneself", "often", "noone", "tone"):
        assert _word_digits(word) is None


# --- failure modes ---------------------------------------------------------------
JUNK = [
    "",
    " ",
    "at the " * 400,
    "the top of " * 300,
    "i live in " + "the x by " * 200,
    "st " * 500,
    "mrs " * 300,
    "card ...1234 " * 200,
    "my ig is " + "a " * 500,
    "\u0000\ufffd\U0001f600 at, at, at, dot, dot",
    "A/1/1/1/1/1/1/1/1",
]


@pytest.mark.parametrize("text", JUNK)
def test_never_raises_on_junk(text):
    out = anonymise(text)
    assert isinstance(out, str)
    assert out != "[REDACTED]" or not text.strip()


FEELINGS = [
    "i feel so alone and i want to die",
    "i'm at the end of my rope, i can't do this anymore",
    "i live in constant fear and shame",
    "i'm in so much pain, i keep thinking about suicide",
    "i work at hiding how hopeless i feel",
]


@pytest.mark.parametrize("text", FEELINGS)
def test_feelings_words_survive(text):
    assert _touched(text) == []
