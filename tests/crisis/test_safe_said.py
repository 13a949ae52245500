"""Safety said plainly is not danger; "not safe" and "safe, but..." still are.

The learned tier used to read "im safe" (p 0.80), "i feel safe here" and "home safe now, night all"
as a crisis: its tuning lines with "safe" were nearly all "not safe". tune_safe_said.tsv adds the
plain statements beside crisis twins. These sentences are not in that file: they check that the
family generalises, both tiers together, and that each twin still escalates.
"""

from __future__ import annotations

import pytest

from bot.crisis import learned, tiers
from bot.crisis.learned import CRISIS, NONE

pytestmark = pytest.mark.usefixtures("fresh_learned_tier")


SAFE_SAID = [
    "im safe atm",
    "i am safe now",
    "safe",
    "yep im safe, just sad",
    "I'm safe, just tired",
    "i feel safe in here",
    "home safe now, night all",
    "we are all safe, the flood missed us",
    "i feel safe with my gf",
    "im safe dw, just needed to vent",
    "is what i tell u kept safe?",
    "finally feel safe in my own home after the new locks",
    "stay safe everyone",
    "i'm safe and warm in bed",
    "got back safe from the festival",
]

STILL_A_CRISIS = [
    "i'm not safe",
    "dont feel safe at home",
    "im not safe from myself",
    "safe for now but tonight i'm going to do it",
    "i told the nurse i was safe but i lied, i still have the blade",
    "he's back and i dont feel safe, hes kicking the door",
    "not safe. want to die",
    "i'm safe from him but not from myself tonight",
]


def test_the_tuning_file_is_read_and_its_twins_are_crisis_classes():
    assert learned.TUNE_SAFE_SAID_PATH in learned.TUNE_PATHS
    rows = learned.read_tsv(learned.TUNE_SAFE_SAID_PATH)
    everyday = [m for c, m in rows if c in learned.EVERYDAY_CATEGORIES]
    crisis = [m for c, m in rows if c not in learned.EVERYDAY_CATEGORIES]
    assert len(everyday) >= 30 and len(crisis) >= 10
    assert not set(SAFE_SAID + STILL_A_CRISIS) & {m for _, m in rows}, "tests must be fresh"


@pytest.mark.parametrize("text", SAFE_SAID)
def test_safety_said_plainly_gets_no_alarm_and_no_question(text):
    assert tiers.assess(text).band == NONE, text


@pytest.mark.parametrize("text", STILL_A_CRISIS)
def test_not_safe_and_safe_but_still_escalate(text):
    assert tiers.assess(text).band == CRISIS, text


def test_with_the_tier_off_the_plain_statement_is_still_not_an_alarm(monkeypatch):
    """The lexicon alone (tier failed or switched off) never read "im safe" as danger."""
    monkeypatch.setenv(learned.ENV_ENABLED, "0")
    learned.get_learned_tier.cache_clear()
    assert tiers.assess("im safe").band == NONE
    assert tiers.assess("i'm not safe").band == CRISIS
