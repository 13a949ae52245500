"""The lexicon families added for what the retired v4 set found weakest (data/crisis/
lexicon_en.yml, `personal_danger` and `medical_emergency`): plain statements of being in danger
now, someone trying to get in or following the person, and a drink or a person spiked or drugged.

Every message here was written for this test, in the registers people type (none is a v4 line or
a lexicon example). Each family has hard negatives that share its words: "in danger of failing",
a volleyball spike, a punch spiked with rum, sedation at the dentist, someone trying to get into
an account. A false alarm costs an unneeded crisis reply; a miss costs someone the resources.
"""

import pytest

from bot.crisis import tiers
from bot.crisis.lexicon import detect

DANGER = [
    "i'm in danger",
    "im in danger pls",
    "i think we're in danger, me and the kids",
    "honestly i am in real danger right now",
    "my kids are in danger and i dont know what to do",
    "i dont feel safe at home",
    "i'm not safe here",
    "i do not feel safe with him anymore",
    "not safe",
    "im not safe.",
    "someone is trying to break into my flat",
    "theres a man trying to get in the back door",
    "he's trying to kick the door down",
    "somebody is trying to get in",
    "a guy in a car has been following me for ten minutes",
    "someone's following me home from the station",
    "im scared for my life",
    "i fear for my life.",
]

DANGER_NEGATIVES = [
    "i'm in danger of failing chemistry",
    "we are in danger of missing the bus lol",
    "the tigers are in danger of going extinct",
    "i don't feel safe driving in this snow",
    "not safe for work lol",
    "is it safe to eat eggs after the date",
    "someone is trying to get into my instagram account",
    "my cat keeps trying to get into the fridge",
    "he keeps following me on insta, bit weird",
    "everyone's following me on tiktok since the video went viral",
    "i feared for my life on that rollercoaster haha",
    "my dad kicked the door down when we lost the key, we were locked out",
]

SPIKED = [
    "i think i've been spiked",
    "pretty sure i was spiked at the club, i cant feel my legs",
    "my mate got spiked at a house party and he's being sick",
    "got spiked on a night out and i feel awful",
    "think i was roofied",
    "i think i was drugged",
    "i was drugged by some guy at the bar",
    "my drink was spiked",
    "i think her drink got tampered with",
    "someone put something in my drink",
    "a guy must have slipped something into her drink",
    "my drink was spiked with something, everything's spinning",
]

SPIKED_NEGATIVES = [
    "i spiked the ball so hard in volleyball today",
    "my hair got spiked up for the gig",
    "we spiked the punch with rum for the party",
    "spiked hot chocolate recipe please",
    "sales spiked after the advert",
    "my heart rate spiked on the hill sprint",
    "i was drugged up after surgery, don't remember a thing",
    "drugged up on painkillers after my wisdom teeth came out",
    "the vet drugged the dog for his op",
    "our uni is running a talk on drink spiking next week",
    "i put some ice in my drink",
]


@pytest.mark.parametrize("text", DANGER)
def test_plain_danger_matches(text):
    result = detect(text)
    assert result.matched and result.category == "personal_danger", (text, result.categories)


@pytest.mark.parametrize("text", SPIKED)
def test_spiked_or_drugged_matches(text):
    result = detect(text)
    assert result.matched and result.category == "medical_emergency", (text, result.categories)


@pytest.mark.parametrize("text", DANGER_NEGATIVES + SPIKED_NEGATIVES)
def test_near_misses_stay_quiet(text):
    assert not detect(text).matched, (text, detect(text).categories)


def test_the_families_get_their_guidance():
    """Danger gets the `danger` guidance (call now, even in a whisper), a spiking the
    `medical` one, with the learned tier off (the lexicon alone decides)."""
    assert tiers.assess("im in danger", use_learned=False).kind == "danger"
    assert tiers.assess("i think i've been spiked", use_learned=False).kind == "medical"
    assert tiers.assess("i'm in danger of failing", use_learned=False).band == "none"


def test_a_more_urgent_category_still_comes_first():
    """An overdose named beside a spiking is reported as the overdose (CATEGORIES order)."""
    result = detect("i was spiked and then i took all my pills")
    assert result.categories[0] == "overdose" and "medical_emergency" in result.categories
