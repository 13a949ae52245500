"""Identity numbers and plates printed in parts (written for these tests): a number after its
cue word with a filler between ("my NI number finally, ...", "hospital number here, ..."),
groups after the first ("CM9201 0104 5H2"), digits with a check letter after a cue in another
language ("dni es 12345678Z"), an older plate spaced out ("Y 884 TVR") and a plate with a
letter after its digits ("WK 9920E"). Times, doses, money and years after the same words stay.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "finally got my ni number now, [[Q Q one two, three four, five six, D]] so i can start work",
        "my NI number finally, [[QQ 12 34 56, A]] and the job centre still lost it",
        "the hospital number here, [[KT4 118 2290]], its on the discharge letter",
        "my patient number here is [[AB7 552 1093]] if that helps",
        "her national id is [[XT4410 2210 8K7]] and he took it off her",
        "my ID is [[PK2210 9981]] but please dont keep it",
        "mi numero de dni es [[48291734K]] no tengo mas",
        "my passport number ist [[C4H7J2K19]] sorry german keyboard",
        "i saw the plate. [[R 552 KLM]]. white van",
        "got the reg of the car, [[A 12 BCD]], he follows me home",
        "the van is registered [[KM 4410F]] and its outside my flat again",
        "his car plate [[ABC 123D]] keeps showing up on my road",
    ],
)
def test_id_in_parts_is_removed(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "my id is fine, i just feel so alone tonight",
        "qq 12 34 56, a bit later i felt better",
        "the car was parked there at 10 PM and i cried",
        "my hospital number here is somewhere in a drawer, i feel awful",
        "the plate. I 100 percent saw it smash",
        "the car is registered to my mum so its fine",
        "i take 20 MG of sertraline now and the car costs £200 a month",
        "my NI number finally came through in 2019, 2020, 2021 nothing changed",
    ],
)
def test_look_alikes_stay(text):
    assert _touched(text) == []
