"""Handles anchored by a platform named in the message rather than by a slot word
(written for these tests, in the families the retired v10 and v11 tune halves showed; none
is a copy of them).

- words joined by dots or hyphens after a naming word ("was", "is", "as", "still", ":");
- a run-together word no word list knows, near the platform;
- words joined by a mark said aloud ("underscore", "dot") near a platform;
- a profile's path ("/in/...").

Look-alikes keep: a missed space after a full stop, a typo, a contraction with its apostrophe
left out, a stretched word, an unknown word far from any platform. A detail is ``[[so]]``.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "he was in the same discord as me, went by [[paper.lantern]] or something",
        "on tumblr she's still [[lost-in-july]] i checked",
        "his twitch was literally just his name backwards lol [[nohtyrb]]",
        "i only have pinterest now, kept it as [[bramblepixie]] for years",
        "the guy from snap, [[toffeewolfie]], keeps adding me back",
        "my sketch acc is [[rory underscore inks]] on insta",
        "my old linkedin [[/in/dele-ayo-recruit]] still has my face on it",
    ],
)
def test_handle_anchored_by_its_platform(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "i deleted tiktok last night.then i cried for an hour",
        "saw it on insta and honesly it made me feel worse",
        "my mum doesnt get why i'm on snapchat all the time",
        "the tiktok comments were sooooo mean",
        "i love the well-being stuff on youtube tbh",
        "we facetimed till 2 then played roblox",
    ],
)
def test_words_beside_a_platform_stay(text):
    assert _touched(text) == []
