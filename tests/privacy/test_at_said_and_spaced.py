"""Handles whose "@" is said in words or typed with spaces round the marks.

Written for these tests, typed the way people type. Families:
- the "@" said in words when it will not type: "at sign moonlit underscore fern",
  "the at symbol then kaz dot draws";
- a handle after "@ " with spaces round its dots or underscores: "@ pip . paints".
Look-alikes keep every word: the sign talked about, "@" for "at" before a place.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    "my insta is [[at sign moonlit underscore fern]], the key on my phone is dead",
    "its [[the at symbol then kaz dot draws]] on tiktok if u wanna see",
    "pls check out [[@ pip . paints]] on insta, it keeps me going",
    "[[@ grey _ wolf _ 09]] on twitter, that's the one sending me stuff",
]


@pytest.mark.parametrize("marked", FOUND)
def test_said_and_spaced_handles_found(marked):
    assert _left(marked) == []


KEPT = [
    "the at sign on my keyboard is broken so i cant log in",
    "the at sign key stopped working, so annoying",
    "meet me @ the station at 6",
    "im @ home now, cant sleep",
    "i saw a sign at the park that made me cry",
]


@pytest.mark.parametrize("text", KEPT)
def test_look_alikes_keep_their_words(text):
    assert _touched(text) == []
