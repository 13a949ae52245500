"""Addresses whose pieces come apart (written for these tests): the ending said after the rest
in any joining ("...-at-gmx-dot-de", "... g mail . com"), an address written backwards ("moc
dot liamg ta 22nad"), the
provider's domain with its ending said apart from a name part found in the same message
("yahoo dot com"), and a letter glossed in brackets before "then" ("k (like kite) then ...").
A provider named bare, "ten", times and ordinary words stay."""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "my addy is [[t-o-m-a-s-dot-r-at-gmx-dot-de]] if u want",
        "ok here: [[k e l l y . b at g mail . com]] dont share it",
        "write to [[jo.k at outlook dot co dot uk]] pls",
        "lol backwards so bots cant read it [[moc dot liamg ta 22nad]]",
        "its [[ku.oc.oohay@nosaj]] backwards haha",
        "name part: [[beth.lowe]]. then the domain, [[yahoo dot com]].",
        "email is [[k (like kite) then rowley then 7 at web dot de]], my english not good",
    ],
)
def test_address_in_pieces_is_removed(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "i hate outlook, it crashes every time i try to write to my tutor",
        "my yahoo account got hacked and i feel sick about it",
        "went to bed at ten and woke at 3, so tired",
        "the dot com bubble is what my dad lost his money in",
        "its is then at the end of the day i feel numb",
        "i got a gmail one for school but never check it",
        "yahoo dot com was my first ever website lol",
        "ten to one she's at the pub again and im alone",
    ],
)
def test_look_alikes_stay(text):
    assert _touched(text) == []


@pytest.mark.parametrize(
    "text, provider",
    [
        ("its ritu_k_88 and it's a hotmail one", "hotmail"),
        ("send it to jay.p at example dot com not the gmail", "gmail"),
    ],
)
def test_bare_provider_beside_an_address_stays(text, provider):
    assert provider not in _touched(text)
