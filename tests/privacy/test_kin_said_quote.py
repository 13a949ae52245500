"""A verb of saying right after "my <kin>", with the words said opening after it (written for
these tests): "my mum said 'we need to talk'" is what she said, not a mother called Said. A
name in that slot still goes when it is written like one or something a person does follows."""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable, touched


@pytest.mark.parametrize(
    "text",
    [
        "my mum said 'at least you have a roof over your head' and i just went quiet",
        "the way my mum said 'we need to talk' and it was awful",
        'my boss said "quick call" and it was 2 hours',
        "my little sister said 'skibidi' to the priest lmao",
        "my dad says: stop being dramatic",
        "my nan said “youll be fine” but i wont",
    ],
)
def test_the_verb_before_a_quote_stays(text):
    assert touched(text) == []


@pytest.mark.parametrize(
    "marked",
    [
        "my friend [[Said]] 'hi' to me in the corridor",
        "my brother [[Said]] said 'leave it' and walked off",
        "my best friend [[Mark]]: he's the only one who gets it",
        "my dad [[mark]] keeps shouting at me",
    ],
)
def test_a_name_in_that_slot_still_goes(marked):
    assert still_readable(marked) == []
