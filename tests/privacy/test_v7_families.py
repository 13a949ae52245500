"""Families the retired v7 corpus found weak, with fresh sentences typed as people type.

Places: a flat given with "no.", a numbered plot or pitch on a site, a floor of a named
building, the gate or door of a numbered house, pubs with a capital "The", with no "the",
or given as the whole reply. Names that are words: a role before the name with no "my",
someone "at" a place doing what people do, "wont stop texting", "his name is guy".
Look-alikes keep every word: counts, feelings, game levels, films, words used as words.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

PLACES = [
    "addy is [[flat no. 14]], the tall block by the shops",
    "i'm in [[Apartment No 7]] if anyone asks",
    "we're in the caravan at [[plot 41]] near the clubhouse",
    "our tent is on [[pitch 12]], come find us",
    "boat's at [[berth 6]] if u need me",
    "[[Level 2 of Harbour House]] is where i work, the toilets are where i hide",
    "im on the [[5th floor of Carlton Tower]] and i dont feel safe",
    "front door of [[22 larchfield]], just leave it on the step",
    "side gate of [[7 oakhurst]], its open dont worry",
    "hes drinking at [[The Plough]] again im sure of it",
    "she's at [[The Crown]] tonight with her mates",
    "[[Dog and Duck]], thats where he'll be till closing",
    "meet me by [[Fox & Hounds]] after work?",
]


def test_pub_given_as_the_reply():
    assert _left("the [[red lion]], [[shepton]]", context=["pub she works at"]) == []
    assert _left("the [[golden fleece]]") == []


PLACES_KEPT = [
    "i lost the plot 2 times today at work",
    "out of 10 people in my class only 2 talk to me",
    "the back of 2 weeks ago was the worst i have felt",
    "im on level 4 of the game and i cant stop crying lol",
    "level 3 of anxiety today, floor 2 of my brain is on fire",
    "the black swan was such a scary film",
    "bread and butter is all i can keep down",
    "the crown of my head hurts from stress",
    "pitch black in here and i cant sleep",
    "a pack of 20 and im still not calm",
]


NAMES = [
    "his name is [[guy]] and he wont leave me alone",
    "her names [[bob]] lol i know",
    "supervisor [[dawn]] keeps picking on me in front of everyone",
    "manager [[mark]] said im on my last warning",
    "[[ruby]] at the chemist keeps asking if im ok",
    "[[jack]] at work told everyone what i said",
    "[[ray]] wont stop messaging me and i said no",
    "[[rose]] keeps on calling, started calling at 3am",
    "[[grant]] wont stop following me home",
]


NAMES_KEPT = [
    "this guy at work keeps staring at me",
    "hope at this point keeps me going",
    "dawn at the beach is the only time i feel calm",
    "i wont stop trying, i promise",
    "teacher will mark it tomorrow and i'll fail",
    "the manager said im on my last warning",
    "guy at the shop was so rude",
    "mark my words im done with all of it",
]


IDS = [
    "only saw the start, like [[LK7]] and the rest was muddy",
    "[[R 4 2]] something, it drove off too fast",
    "the van was grey, ending in [[VXT]] i think, starts with [[N7]]",
    "my pip claim ref for the tribunal is [[PIP-4418203]]",
    "the incident number the police gave me is [[44/128830/25]]",
    "silver astra, [[papa tango six two bravo echo]]",
    "my cousins car has a dutch plate [[GH-XK 482]]",
]


IDS_KEPT = [
    "rated the day 3/10, the rest of the week worse",
    "we lost 3-1 and the rest of the night was awful",
    "something like 2 hours and then the rest of the day in bed",
    "charlie and oscar took me to golf at the hotel one day",
    "part of it is the 24/7 worry, the rest is money",
    "ends in 3 weeks and i dont know what then",
    "got 68 something in maths and cried, the rest were higher",
    "starts with a panic attack most mornings",
]


@pytest.mark.parametrize("text", IDS_KEPT)
def test_ids_v7_lookalikes_keep_every_word(text):
    assert [w for w in _touched(text) if w.lower() not in ("charlie", "oscar")] == []


EMAILS = [
    "its [[tоm.rеid@mаil.cоm]] but with the weird letters lol",
    "[[kez_99 hashtag hotmail dot co dot uk]] sorry i mean at",
    "send it to [[lily.moss 🐸 outlook 🐸 com]], frog means at and dot",
    "write to [[dan.okoye @ brigh tmail . com]] if u want",
]


EMAILS_KEPT = [
    "im so tired 😭 everything 😭 com on, just let me sleep",
    "i hate #mondays so much dot com",
    "me @ the party in . uk was a mess",
    "ok so #1 priority is sleep . com pls",
]


PHONES = [
    "[[0️⃣7️⃣9️⃣1️⃣1️⃣ 2️⃣3️⃣4️⃣ 5️⃣6️⃣7️⃣]] text me there",
    "oh seven, then [[three nines, two zeros, 4 5 6, 7 8 1]] thats mine",
    "desk phone is [[0113 496 0321 option 2]], ask for the ward",
    "[[eight four four three two]] is the end of it, start is [[07911]]",
    "my first 5 are [[07911 then 4 then 3 zeros then 218]]",
]


PHONES_KEPT = [
    "two twos are four and i still failed the test",
    "i got 2 sevens and a six in my gcses",
    "the end is near, first 5 days were hell",
    "i have 3 options and 2 ones are bad",
    "press 1 for yes they said, i hung up",
]


PAYMENT = [
    "s/c [[20 44 91]] and the acc is [[31926819]]",
    "he said send it to [[11 22 07]] then [[55012384]] asap",
    "iban is on the letter: [[DE 89 3704 0044 0532 0130 00]]",
]


PAYMENT_KEPT = [
    "i slept 10 11 12 hours then 20 minutes and still tired",
    "year 10 11 and 12 were the worst years of my life",
    "at 12 30 45 i was still awake",
]


HANDLES = [
    "i post drawings on tumblr, inkymothwings",
    "deviantart is where my art lives, mines hollowfoxstudio",
]


HANDLES_KEPT = [
    "i deleted insta, obviously",
    "my insta got hacked, its overwhelming",
    "i post on pinterest, mines mostly quotes",
]


BROADER = [
    "[[pitch 9]] at the holiday park, the tent with the bunting",
    "im on [[ward 3]] again, the nurses are kind at least",
    "[[Fox and Hounds]], ashby, thats his local",
    "[[nigel]] wont leave me alone since the party",
    "[[dean]] at the job centre keeps on at me about forms",
    "its [[m.kaur 🔥 example 🔥 co 🔥 uk]] (fire means dot)",
    "[[sam hash tag example dot org]] i mean at not hash tag",
    "[[rosie.b @ out look . com]] thats the one",
]


BROADER_KEPT = [
    "i was in bed 2 days and couldnt move",
    "hope wont leave me alone, it keeps coming back",
    "grief wont let me sleep at all",
    "the bay 2 of us swam in was freezing",
    "keeps on at me, the voice in my head",
]


# Each family and its look-alikes, one test each way (ids name the family).
FAMILIES = {
    "places": PLACES,
    "names": NAMES,
    "ids": IDS,
    "emails": EMAILS,
    "phones": PHONES,
    "payment": PAYMENT,
    "handles": HANDLES,
    "broader": BROADER,
}
KEPT = {
    "places_kept": PLACES_KEPT,
    "names_kept": NAMES_KEPT,
    "emails_kept": EMAILS_KEPT,
    "phones_kept": PHONES_KEPT,
    "payment_kept": PAYMENT_KEPT,
    "handles_kept": HANDLES_KEPT,
    "broader_kept": BROADER_KEPT,
}


@pytest.mark.parametrize(
    "marked",
    [pytest.param(m, id=f"{k}-{i}") for k, rows in FAMILIES.items() for i, m in enumerate(rows)],
)
def test_v7_families_are_found(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [pytest.param(m, id=f"{k}-{i}") for k, rows in KEPT.items() for i, m in enumerate(rows)],
)
def test_v7_lookalikes_keep_every_word(text):
    assert _touched(text) == []
