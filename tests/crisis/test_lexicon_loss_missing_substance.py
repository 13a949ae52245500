"""The lexicon families added for what the retired v5 set found weakest (data/crisis/
lexicon_en.yml, `sudden_loss`, `missing_person`, `substance_danger`) and the everyday frames
that share their words (data/crisis/exclusions.yml).

Every message here was written for this test, typed the way people type (none is a v5 line or
a lexicon example). Each family has hard negatives that share its words: a death told as news,
grief or admin, "missing" someone, lost shoes, hair dyed blue, "blue in the face", "killed
himself laughing", a threat at a sibling with the joke said out loud. A false alarm costs an
unneeded crisis reply; a miss costs someone the resources and the guidance for their situation.
"""

import pytest

from bot.crisis import tiers
from bot.crisis.lexicon import detect
from bot.crisis.resources import GUIDED_KINDS, guidance_text

LOSS = [
    "i just found my dad hanging in the shed",
    "found my flatmate dead this morning, theres pills everywhere",
    "came home to my husband not breathing on the kitchen floor",
    "my girlfriend died in my arms and i cant stop shaking",
    "my little brother got stabbed right in front of me tonight",
    "i watched my mum die at the bus stop, i tried cpr",
    "saw a guy get hit by a train on my way to work",
    "my best mate hanged himself last night",
    "police came, my son took his own life",
    "my twin brother shot himself",
    "i found my sister. she was already cold",
]

LOSS_NEGATIVES = [
    "found my dad's old letters in the loft, so emotional",
    "came home to my brother dead asleep on the sofa lol",
    "my dad killed himself laughing at the dog video",
    "she really shot herself in the foot with that comment",
    "my grandma passed away peacefully last night, she was 94",
    "registering my dad's death next week, what do i need",
    "i watched the guy die in breaking bad, best episode",
    "my phone died in my hand lol",
    "the hero takes his own life in the last chapter, why did the author do that",
]

MISSING = [
    "my 6 year old is missing",
    "our son has been missing for two days",
    "my sister has been missing since friday and shes not answering",
    "cant find my daughter anywhere",
    "we cannot find my grandad anywhere, hes 90",
    "lost my little boy at the park",
    "lost my 3 year old in the shopping centre",
    "my nan has dementia and wandered off in the night",
]

MISSING_NEGATIVES = [
    "my son is missing his dad since the divorce",
    "my sister is missing out on the school trip",
    "cant find my daughter's school shoes, late again",
    "lost my son to cancer in 2019, thinking of him today",
    "my cat is missing again, she always comes back",
    "one of my socks is missing",
    "my 6 year old is missing a front tooth, so cute",
]

SUBSTANCE = [
    "his lips are going blue",
    "my gf went blue after using",
    "she's turning grey and wont wake up",
    "im using alone tonight",
    "about to inject alone again",
    "i'm using alone, if i go quiet you know why",
    "been detoxing off booze 3 days and im seeing things",
    "stopped drinking on monday and now im hallucinating",
    "cold turkey off the drink and i think i just had a fit",
]

SUBSTANCE_NEGATIVES = [
    "my hair went blue after the dye lol",
    "argued with him till i was blue in the face",
    "my toes go blue in winter, bad circulation",
    "stopped drinking coffee and now i have a headache",
    "quit drinking for lent, day 4, feeling great",
    "i like going to the cinema alone tonight",
]

HYPERBOLE_NEGATIVES = [
    "my brother ate my cake, i will murder him lol",
    "my boss booked a friday 5pm meeting, i'm going to kill him. politely",
    "my husband snores like a train im going to smother him with a pillow lol",
    "my sister stole my top again i'll kill her haha",
    'what does "kms" mean, my little brother keeps typing it',
    "whats unalive stand for",
]

HYPERBOLE_STILL_CRISIS = [
    "i want to kill him, he hurt my little sister",
    "i'm going to kill myself lol",
    "i'm actually going to kill him",
    "what does it mean if i want to kms",
]


@pytest.mark.parametrize("text", LOSS)
def test_a_death_found_or_witnessed_now_matches(text):
    result = detect(text)
    assert result.matched and result.category == "sudden_loss", (text, result.categories)


@pytest.mark.parametrize("text", MISSING)
def test_someone_missing_now_matches(text):
    result = detect(text)
    assert result.matched and result.category == "missing_person", (text, result.categories)


@pytest.mark.parametrize("text", SUBSTANCE)
def test_substance_danger_matches(text):
    result = detect(text)
    assert result.matched and result.category == "substance_danger", (text, result.categories)


@pytest.mark.parametrize(
    "text", LOSS_NEGATIVES + MISSING_NEGATIVES + SUBSTANCE_NEGATIVES + HYPERBOLE_NEGATIVES
)
def test_near_misses_stay_quiet(text):
    assert not detect(text).matched, (text, detect(text).categories)


@pytest.mark.parametrize("text", HYPERBOLE_STILL_CRISIS)
def test_the_joke_frame_does_not_hide_a_threat_or_risk(text):
    assert detect(text).matched, text


def test_wanting_to_follow_is_reported_as_suicidal_first():
    """Wanting to die after a death is the more urgent category (CATEGORIES order)."""
    result = detect("my wife died in my arms tonight and i want to die too")
    assert result.categories[0] == "suicidal" and "sudden_loss" in result.categories


def test_the_families_get_their_guidance():
    """Each family gets its own guidance after the resources, with the learned tier off (the
    lexicon alone decides); the text names the emergency number and the family's first step."""
    assert tiers.assess("i found my dad hanging", use_learned=False).kind == "loss"
    assert tiers.assess("my toddler is missing", use_learned=False).kind == "missing"
    assert tiers.assess("his lips are going blue", use_learned=False).kind == "substance"
    assert {"loss", "missing", "substance"} <= set(GUIDED_KINDS)
    assert "999" in guidance_text("loss", "GB", "en") and "own" in guidance_text("loss", "GB", "en")
    assert "24 hours" in guidance_text("missing", "US", "en")
    assert "naloxone" in guidance_text("substance", "AU", "en")
    assert "000" in guidance_text("substance", "AU", "en")


def test_the_learned_classes_get_the_same_guidance():
    """The learned tier's new classes (tune_families_5.tsv) route to the same kinds."""
    assert tiers.kind_of("sudden_loss") == "loss"
    assert tiers.kind_of("missing_person") == "missing"
    assert tiers.kind_of("substance_danger") == "substance"
    assert tiers.kind_of("debt_threats") == "danger"
