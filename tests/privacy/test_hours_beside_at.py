"""An hour said with "at" is a time, not an address's name part (written for these tests):
"meet me at 5 at gmail hq" reads "at" twice, once as the time and once as a place, and no
reading of "at" as "@" may take the hour. An ending said after it ("at 5 at gmail dot com")
or a name part that is not an hour ("jo5 at gmail") is still an address.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "text",
    [
        "meet me at 5 at gmail hq lol",
        "im free by 6pm at outlook tower, the cafe by the station",
        "see u around 10.30 at google campus x",
        "SHIFT ENDS AT 9 AT YAHOO, THEN HOME",
        "finish at half 4 at hotmail's old office",
    ],
)
def test_an_hour_beside_at_stays(text):
    assert [w for w in _touched(text) if w[:1].isdigit() or w.lower() in ("at", "half")] == []


@pytest.mark.parametrize(
    "marked",
    [
        "email me at [[5 at gmail dot com]]",
        "its [[jo5 at gmail]]",
        "my email is [[55 at gmail]] lol",
        "its [[m i l l y b 0 4 at gmail]]",
        "write to [[kai.5 at outlook]] after 6",
    ],
)
def test_addresses_with_numbers_still_go(marked):
    assert _left(marked) == []
