"""Phone numbers typed as keycap emoji ("6️⃣1️⃣7️⃣ ...") or in digits then words joined by
hyphens ("07700-nine-hundred-two-two-nine"), and years in a row, which are no phone number
("2019, 2020, 2021", "1998 2004 2011"). Written for these tests."""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "my number [[4️⃣1️⃣5️⃣ 5️⃣5️⃣5️⃣ 0️⃣1️⃣3️⃣2️⃣]] text only pls",
        "text me [[0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣4️⃣4️⃣1️⃣]] if ur free",
        "he keeps ringing from [[07700-nine-hundred-four-one-one]] at night",
        "its [[0161-four-hundred-two-two-seven]] but dont call after 9",
    ],
)
def test_disguised_phone_is_removed(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "it came through in 2019, 2020, 2021 and nothing changed",
        "we moved in 1998 2004 2011 and every time it got worse",
        "bad years: 2016/2017/2018, i barely remember them",
        "i was sectioned in 2012 and 2015 & 2020",
        "i scored 5️⃣ out of 🔟 today on the mood thing",
        "took 2 x 50mg at 10pm and it cost £12.99",
        "she died nine-hundred days ago and i still feel empty",
    ],
)
def test_look_alikes_stay(text):
    assert _touched(text) == []
