"""An email's marks disguised any way, read through one rewriting (written for these tests,
in the family the retired v7 to v11 tune halves showed; none is a copy of them): the marks
said in words, in brackets, braces or stars, with "then" or "the at thing" round them, with
a digit for a letter ("d0t"), and the name part's letters spaced out. Look-alikes keep:
"at" a place, a provider as a workplace, "it's at" with the name given before.
A detail is marked ``[[so]]``.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "ok its [[dani.k, then the at thing, then example dot net]] dont laugh",
        "pls use [[r.mensah at example d0t org]] not my work one",
        "send stuff to [[leo (underscore) v (at) example (dot) com]] when u can",
        "its [[m o r g a n at hotmail]] the spaces r just me being paranoid",
        "[[kit*underscore*b *at* example *dot* co *dot* uk]] thats me",
        "mine is [[sol.r and then the at sign and then proton dot me]]",
    ],
)
def test_email_through_its_disguised_marks(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "my mum is at work till 6 then at home dot dot dot",
        "im at work then at home then at my nans",
        "we met at school.then everything went wrong",
        "she said the dot at the end of my text was passive aggressive",
        "i left my bag at the station, point is i was a mess",
    ],
)
def test_at_and_dot_in_ordinary_words_stay(text):
    assert _touched(text) == []
