"""Places told by their position (issue #14), written anew in people's registers:

- a numbered unit of a place ("bed 3 on Jubilee Ward", "Block B of Ashworth House", "the
  Royal now, ward 9"), the whole of it taken;
- a house number and a tenement position before a street written bare ("3/2, 17 Paisley");
- a premises written as a name with a capital "The" mid-sentence ("only open one is The Anchor");
- a home in something on a British numbered road ("we live in the flats off the M62"), and
  the named landmark after it ("near the Asda superstore");
- "at the <premises> by <named place>", and a home "over" a shop;
and the look-alikes kept: a time "over the weekend", a grade "an A1", a score "2 Leeds 1",
"The Office" said of a show, "the car in Leeds".
"""

from __future__ import annotations

import pytest

from tests.support.marked import others_taken
from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    "we met outside [[The Vaults]] last night and it went badly",
    "dad's in [[bed 3 on Jubilee Ward]] and they wont let us stay past 8",
    "im in [[Block B of Ashworth House]] and nobody talks to me",
    "mums at St James now, [[ward 9]], and shes not eating",
    "the flat is [[3/2, 17 Paisley]] and its freezing all the time",
    "the only pub still open round here is [[The Anchor]] and my ex drinks there",
    "we live in the [[flats off the M62 near the Asda superstore]] and its grim",
    "i waited at the [[chippy by Leeds station]] for an hour and he never came",
    "my nan lives in the [[flat over the chemist on Hyde Road]], i go every sunday",
    "we're stuck in the [[bungalow over the launderette on Mill Lane]]",
]

KEPT = [
    "i got an A1 in my exam and still felt nothing",
    "i love The Office so much, its my comfort show",
    "talked over the phone with my mum for ages",
    "we won 2 nil and i still felt empty",
    "my favourite show is The Crown honestly",
    "she is 17 and her sister is 15",
    "stuck on the M25 for two hours and had a panic attack in the middle lane",
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
        "i watched the match over the weekend in [[Leeds]] with my brother",
        "i was in the car in [[Leeds]] all night crying",
        "talked over the phone with my mum in [[Leeds]] for ages",
        "[[room 214]] in [[Carrow Hall]] is where ill be, the uni halls",
        "reading The [[Bell]] Jar made me feel less alone",
    ],
)
def test_only_the_place_goes(marked):
    assert others_taken(marked) == []
