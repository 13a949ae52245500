"""Known false alarms of the learned crisis tier, kept visible until fixed (strict xfail: each
test starts failing as "XPASS" the day the tier stops misreading its family).

Measured on the held-out intent set (352 ordinary messages): 7 (2%) get a crisis or unsure
reply from the learned tier alone. The families: anxiety described by its body symptoms
(racing heart, shaking) read as a medical emergency; questions about the bot itself; loneliness
and limiting beliefs said flatly. The lexicon finds none of these: a false alarm here costs a
person an unneeded crisis reply, never a missed one.
"""

import pytest

from bot.crisis import tiers

KNOWN = [
    "my heart is racing and my hands are shaking",
    "so you're not a real person?",
    "why would i use this",
    "i'll never be successful",
]


@pytest.mark.xfail(strict=True, reason="learned tier false alarm, see module docstring")
@pytest.mark.parametrize("text", KNOWN)
def test_ordinary_message_gets_no_crisis_reply(text):
    assert tiers.assess(text).band == "none"
