"""Not knowing how to go on living, told as not knowing how not to die or how to stay alive.

"i don't know how not to die anymore" matched only by accident while the compiler merged
alternatives slot by slot ("not worth living|deserve to die" gave "not to die"); with exact
patterns it needs its own family. Look-alikes: staying alive in a game, on a budget, or keeping
plants alive; "stay alive" only counts where the thought ends.
"""

from __future__ import annotations

import pytest

from tests.support.crisis_families import assert_escalates, assert_quiet

HITS = [
    "i don't know how not to die anymore",
    "honestly dont even know how not to kill myself tonight",
    "i no longer know how to keep myself alive",
    "i don't know how to stay alive anymore",
    "i really dont know how to keep living",
]
LOOK_ALIKES = [
    "i don't know how to stay alive in minecraft past night 3",
    "dont know how to stay alive on this budget lol",
    "watched a tutorial on how not to die in elden ring",
    "i don't know how to keep living plants alive, rip basil",
    "i know how not to die in the first level now, easy",
]


@pytest.mark.parametrize("text", HITS)
def test_not_knowing_how_to_live_escalates(text):
    assert_escalates(text)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_its_look_alikes_stay_quiet(text):
    assert_quiet(text)
