"""The retired v16 study half's families, written anew for these tests in the ways people type.

- a home told apart from its neighbours after the place itself: the floor or unit ("17
  Cranmore, upstairs flat"), the colour of its door, "the one with the ramp"; and the kinds
  of home ("the semi", "a maisonette") as sites a place chain starts from; an address
  written line by line ("the old forge, church lane, upper slaughter"); a school named in
  its own language ("ysgol glan y mor", "gaelscoil na mara");
- a word-name after "her name was"/"nickname was", as the subject of a clause inside the
  sentence ("what autumn said", "since robin texted"), or taken up at once by a pronoun that
  says who it was ("i think of robin, she was my best mate");
- an email with its signs typed twice ("ahmed.r@@gmail..com"), its dot and at said in
  another language ("punkt", "punto", "arroba", "malpa"), each sign told as a step ("then a
  dot then"), and the provider told by the company ("at the aol one");
- a plate typed a character at a time ("W A 1 2 X Y Z", "GY 16 O O P"), with its number in
  words ("LX ten ABC"), its end given with no "in" ("reg ending 'WXM'"), and an id printed in
  groups that starts with letters and ends on a check letter ("ABCPK 1234 F").
Look-alikes beside them keep every word.
"""

from __future__ import annotations

import pytest

from tests.support.marked import others_taken
from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    # a home told apart from its neighbours
    "[[17 Cranmore]], [[upstairs flat]]. I keep the curtains shut all day now",
    "were at [[number 12]], [[top floor]], buzz twice",
    "its [[flat 3 Kelso Court]], [[ground floor flat]]",
    "we're on [[Kirkby Road]], [[the one with the big hedge]]",
    "i live in [[the cottage past the duck pond in Lower Slaughby]], [[green door]], no number",
    "i live in [[the semi next to the Methodist church on Station]], [[the one with the ramp]]",
    "we moved into [[the maisonette above the chippy on Dunmore]]",
    # an address written line by line, and a school named in its own language
    "me and my mum live at [[the old forge, church lane, upper slaughter]]. sounds posh",
    "we live at [[the old rectory, Mill Road, little haddon]]",
    "im staying at [[rose cottage, station road]]",
    "i go to [[ysgol glan y mor]], its welsh medium so sorry if my english is weird",
    "she goes to [[gaelscoil na mara]] in the town",
    "my kid is at [[coláiste na trócaire]] and hates it",
    # word-names
    "i miss my nan so much. her name was [[daisy]] and she grew daisies along the fence",
    "my dogs name was [[rocky]], i still cant say it",
    "my old nickname was [[sunny]] lol",
    "i keep thinking about what [[autumn]] said to me before she left",
    "ever since [[robin]] texted me i cant sleep",
    "idk how [[willow]] lied to me like that",
    "whenever i see a robin i think of [[robin]], she was my best mate at school",
    "i dream about [[hunter]] - he used to be my best friend",
    # emails
    "pls dont share this but [[ahmed.r@@gmail..com]] (the doubles stop spam)",
    "its [[kay.m@@@outlook...com]] lol",
    "can you just mail the link, [[markus punkt weber at web punkt de]], sorry german keyboard",
    "its [[ana punto g arroba gmail punto com]]",
    "email is [[jan kropka kowal malpa wp punkt pl]]",
    "Email me? It's [[harry then a dot then pearce at the aol one]]. yes i still use aol",
    "she's [[sam then an underscore then k at the google email]]",
    "reach me on [[lee and then a dash then ford at hotmail dot com]]",
    # plates and ids
    "my car got towed, its a red fiesta, reg is [[W A 1 2 X Y Z]], i need it for work",
    "the car that keeps circling the estate is a blue astra, [[GY 16 O O P]]",
    "my car is the white corsa, reg ending '[[WXM]]', something like [[EA15 WXM]]",
    "the lorry was an [[LX ten ABC]] plate, so close to mine",
    "his van is [[KP one six XRT]] i think",
    "pan card is [[ABCPK 1234 F]], my boss says he needs it",
    "my id number is [[AB 123456 C]] if that helps",
]

# Look-alikes: the same shapes with nothing personal in them.
KEPT = [
    # a feature after a person, a danger place, or with no home in the talk
    "I told Mum, the one with the temper, and she laughed",
    "i live with Mum, the one with the dog",
    "i went to the bridge, the one with the railings",
    "we painted the house, green door and all",
    "i rang the Vet, the one with the red hair",
    "i live in fear, station road is where it happened",
    "i work at the shop, main street was busy today",
    "we played in the gymnasium today and it was cold",
    "me dicen que van a mandar mis fotos a toda mi escuela mañana",
    "mi colegio me odia y no se que hacer",
    # word-names as words
    "his name was mud after that",
    "the name was the worst part",
    "i lost all hope, she was my only friend and she died",
    "i saw a robin, she was my favourite bird",
    "i think of summer, it was my favourite time",
    "since hope keeps fading i dont know what to do",
    "nobody knows what hope means to me",
    # marks doubled or said, with no address
    "i was so tired.. gmail keeps crashing @@ lol",
    "i think at the end of the day we are at the point of no return",
    "my dad was at the aol one for years before it closed",
    "Mine's just first name dot surname at the google one, if you need the forms",
    # capitals and number words that are no plate
    "i got an A in maths and a B in english, the car was fine",
    "the film had a good ending OK, my car is fine",
    "I A 12 is a motorway sign",
    "my car is ten years old and the van is one too",
]


@pytest.mark.parametrize("marked", FOUND)
def test_found(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "marked",
    [
        "i live in [[the semi next to the Methodist church on Station]], [[the one with the ramp]]",
        "Email me? It's [[harry then a dot then pearce at the aol one]]. yes i still use aol",
        "her name was [[daisy]] and she grew daisies along the fence",
    ],
)
def test_only_the_detail_goes(marked):
    assert others_taken(marked) == []


@pytest.mark.parametrize("text", KEPT)
def test_kept(text):
    assert _touched(text) == []
