"""An email's name part with its provider told by the company, not the domain.

Written for these tests, typed the way people type: "rosie.k then the google one", "its
tomasz_w on the microsoft one". The name part is the detail; the company alone finds no
one, so it stays. Look-alikes keep every word: the company's app or account talked about,
a word with digits that is no address ("covid19").
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    "email is [[rosie.k]] then the google one, the red and blue logo",
    "its [[tomasz_w]] on the microsoft one but i barely check it",
    "mine's [[jaz.b.2004]] at the yahoo one lol old school",
    "my addy is [[kira88]] with the apple email",
]


@pytest.mark.parametrize("marked", FOUND)
def test_described_provider_name_part_found(marked):
    assert _left(marked) == []


KEPT = [
    "i use the google one for everything, its easier",
    "i had covid19 then the apple one died on me",
    "version 2.0 on the microsoft one keeps crashing",
    "my mum only trusts the yahoo one for some reason",
]


@pytest.mark.parametrize("text", KEPT)
def test_look_alikes_keep_their_words(text):
    assert _touched(text) == []


# The name part, then the provider named bare after "then", and "at"/"dot" in quotes or
# stars (issue 14, session 13; fresh sentences, none copied from a set).
THEN_OR_QUOTED = [
    "its [[jessamynx]] and then its gmail, dont laugh",
    "starts [[kezzabeans]] then hotmail i think",
    "[[t.oduya]], then outlook",
    "email me at [[rhi.morgan 'at' gmail 'dot' com]] pls",
    'its [[k_obi "at" hotmail "dot" co "dot" uk]] lol autocorrect',
    "[[sammi.j *at* outlook *dot* com]] is the one i check",
    # the sign itself said with "the" between "then"s (session 17)
    "its [[theo_b99 then the @ then gmail]]",
    "ok so [[kaz.m then the @ then hotmail dot co dot uk]] yeah",
]


@pytest.mark.parametrize("marked", THEN_OR_QUOTED)
def test_name_part_then_provider_and_quoted_signs_found(marked):
    assert _left(marked) == []


THEN_OR_QUOTED_KEPT = [
    "i tried my mum then gmail then just gave up",
    "checked work then yahoo news, nothing",
    "i lost it then its gmail again asking for a code",
    "she said 'at' least try and i lost it",
    "'at' the end of the day nobody cares",
    "i went to the @ then home, the pub i mean",
]


@pytest.mark.parametrize("text", THEN_OR_QUOTED_KEPT)
def test_then_provider_and_quoted_look_alikes_kept(text):
    assert _touched(text) == []


@pytest.mark.parametrize(
    "text, kept",
    [
        ("its jen.kaur at the microsoft one i think", "at the microsoft one"),
        ("lol its skatermum_22 at the outlook one dont judge", "at the outlook one"),
    ],
)
def test_described_provider_keeps_at_the(text, kept):
    from bot.privacy.anonymiser import anonymise

    out = anonymise(text)
    assert "[EMAIL]" in out and kept in out, out
