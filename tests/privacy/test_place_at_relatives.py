"""Where someone is staying, told as a relative's home in a place (written for these tests):
"staying at my cousins in hulme", "kipping at my nan's in ballinrobe". What follows "in" is a
place only when the place reader would take it after "staying in": "in bed", "in a mess", "in
the meantime", "in town", "in peace" stay."""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "staying at my aunties in [[fallowfield]] till mum calms down",
        "im living at my nan's in [[ballinasloe]] now, its so quiet",
        "Staying at my dads in [[Leeds]] this week and he drinks",
        "kipping at my mates in [[wythenshawe]] for a bit",
    ],
)
def test_place_of_a_relatives_home_is_removed(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "staying at my cousins in bed all day, cant face anything",
        "living at my mums in a mess tbh",
        "staying at my aunties in the meantime",
        "staying at my mates in town for now",
        "i just want to stay at my nans in peace",
        "staying at my dads in 2 weeks, dreading it",
    ],
)
def test_look_alikes_stay(text):
    assert _touched(text) == []
