"""The families the retired v18 set found weak (the lexicon rules of session 22): a signal agreed
beforehand brought up now, or an address given while someone watches; news of a death just
received, a baby's heartbeat gone late on, a fire or crash that took the family; stranded where
the weather is the danger with water, fuel or warmth running out; one's own funeral made ready
with the end near, a trip left unsaid, "won't have to worry about me after friday"; cuts hidden
while fresh, "i still cut", the means in hand with "stop me"; bleeding that will not stop, the
sudden worst headache, a fit after stopping drinking; a carer seen slapping residents. All must escalate through the lexicon
alone. Their look-alikes must not: a game-night safe word, an address for a parcel, a
celebrity's death or a phone that "died", a good scan, a traffic jam on a cold day, a joke
funeral playlist, a eulogy for a class, gardening cuts, a fringe, a nosebleed that stopped, a
hangover headache, a dry month gone well.

Every sentence here was written for this test: none is in the tuning, validation or held-out
data (test_v18_sentences_are_in_no_data_split checks it). Only the lexicon runs here: the learned
tier's families are in tune_families_18.tsv and are measured when the tier is retrained.
"""

from __future__ import annotations

import pytest

from bot.crisis import learned
from bot.crisis.lexicon import get_lexicon
from tests.support.crisis_families import (
    assert_escalates,
    assert_in_no_data_split,
    assert_quiet,
    assert_tune_file_wired,
    params,
)

COVERT = [
    "remember the code word we picked at christmas? marmalade. i need marmalade tonight pls",
    "Remember when we set up the signal?",
    "about our safe word... its happening, come",
    "cant talk, hes watching. 18 church lane, flat b",
    "9 mill street. she's right here reading over my shoulder",
]
COVERT_LOOK_ALIKES = [
    "remember the safe word from our board game night? we never used it lol",
    "remember when we talked about the signal strength in the new flat",
    "my new address is 12 station road, he's watching the kids while i unpack",
    "he's watching the football so i'll be quick, what's a good lasagne recipe",
]
LOSS = [
    "we just got told our son died at the festival",
    "only just had the call, my big brother was killed on his bike",
    "the midwife couldn't find the heartbeat. 37 weeks. i can't",
    "the flood took my mum and dad and i'm the only one left",
]
LOSS_LOOK_ALIKES = [
    "just found out my favourite actor died, gutted",
    "just found out my phone died cos the charger was broken",
    "the doctor just said there's a heartbeat! 8 weeks and all looks good",
    "the fire took my parents' old barn years ago, we rebuilt it",
]
EXPOSURE = [
    "car slid into a snow drift on the pass, petrol's nearly gone and it's getting dark",
    "we're stranded in the desert, ran out of water hours ago",
    "trapped by the tide on the rocks, soaked and shivering, kids with me",
    "no signal and the battery is nearly dead, stuck on the moor in fog",
]
EXPOSURE_LOOK_ALIKES = [
    "stuck in traffic on the motorway, it's freezing in this car lol",
    "planning a desert road trip, how much water should we take so we don't run out",
    "got stuck in the snow at the ski resort lol the lift queue was huge",
    "the tide is coming in so we moved the towels up the beach",
]
FINAL = [
    "sorted the flowers for my funeral this week, then i can rest",
    "Wrote my own obituary today so no one has to struggle with it",
    "nearly done now, i've picked the songs for my funeral",
    "family wont need to worry about me after saturday anyway",
    "thinking of taking the last train. you know which one",
    "i cant get through one more day. i just want it all to end",
]
FINAL_LOOK_ALIKES = [
    "made a playlist for my funeral lol, it's all bangers, my mates will love it",
    "we had to write our own eulogy in my leadership course, weirdly moving",
    "family won't have to worry about me after sunday, i'm moving in with friends",
    "i can't do another day of this heat, i want it over",
    "catching the bus to work, you know the one that's always late",
]
SELF_HARM = [
    "how can i hide the fresh cuts on my legs for gym on monday",
    "im 29 and i still cut.",
    "my best friend has cuts on her wrists she did with a pencil sharpener blade",
    "got the razor in my hand right now, talk me out of it",
    "was 3 years clean but im hiding fresh cuts for gym again",
]
SELF_HARM_LOOK_ALIKES = [
    "how do i cover cuts on my hands from gardening, i have a wedding saturday",
    "i still cut my own hair, saves loads",
    "my sister has burns on her arm from the oven at work",
    "holding the scissors over my fringe, talk me out of cutting it",
    "i used to hide my cuts for swimming, now i'm 4 years clean and a lifeguard",
]
MEDICAL = [
    "worst headache ever, came on suddenly and now my neck is stiff",
    "pressing a t-shirt on his leg for 15 mins and it's still gushing",
    "my uncle quit drinking two days ago and now he's having a seizure",
]
MEDICAL_LOOK_ALIKES = [
    "this exam gave me the worst headache of my life",
    "pressed a tissue on my nosebleed for 5 min and it stopped",
    "i stopped drinking cold turkey in january and feel great",
]
CARER = [
    "im a care assistant and ive seen the night staff slap residents",
    "my nan's nursing home, one carer keeps pinching patients when they're slow",
]
CARER_LOOK_ALIKES = [
    "the care home staff push residents to walk a bit every day, it's lovely",
    "the care home staff kick off the residents' bingo at 3 every friday",
]

FAMILIES = {
    "covert": COVERT,
    "loss": LOSS,
    "exposure": EXPOSURE,
    "final": FINAL,
    "self_harm": SELF_HARM,
    "medical": MEDICAL,
    "carer": CARER,
}
LOOK_ALIKES = {
    "covert": COVERT_LOOK_ALIKES,
    "loss": LOSS_LOOK_ALIKES,
    "exposure": EXPOSURE_LOOK_ALIKES,
    "final": FINAL_LOOK_ALIKES,
    "self_harm": SELF_HARM_LOOK_ALIKES,
    "medical": MEDICAL_LOOK_ALIKES,
    "carer": CARER_LOOK_ALIKES,
}
# Which categories each family may be named by: the guidance after the resources depends on it.
CATEGORY = {
    "covert": {"personal_danger"},
    "loss": {"sudden_loss"},
    "exposure": {"trapped_disaster"},
    "final": {"suicidal"},
    "self_harm": {"self_harm"},
    "medical": {"medical_emergency", "substance_danger"},
    "carer": {"abuse"},
}


@pytest.mark.parametrize("text", params(FAMILIES))
def test_each_v18_family_escalates_through_the_lexicon(text):
    assert_escalates(text)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_v18_family_is_named_for_its_guidance(family):
    for text in FAMILIES[family]:
        assert CATEGORY[family] & set(get_lexicon().match(text).categories), text


@pytest.mark.parametrize("text", params(LOOK_ALIKES))
def test_each_v18_familys_look_alikes_stay_quiet(text):
    assert_quiet(text)


def test_v18_classes_are_crisis_or_everyday_as_meant():
    """tune_families_18.tsv is in the tuning paths; its crisis classes are crisis with their
    guidance (a covert call danger, a death the loss guidance, exposure the disaster guidance);
    its hard-negative classes are everyday."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_18_PATH,
        crisis={"covert_signal", "sudden_loss", "cold_heat_exposure", "warning_signs", "self_harm"},
        everyday={"personal_ordinary", "grief_ordinary", "new6_everyday_weather_emergency_prep"},
        kinds={
            "covert_signal": "danger",
            "sudden_loss": "loss",
            "cold_heat_exposure": "disaster",
        },
        lines=(5, 5),
    )


def test_v18_sentences_are_in_no_data_split():
    assert_in_no_data_split(
        [t for texts in FAMILIES.values() for t in texts]
        + [t for texts in LOOK_ALIKES.values() for t in texts]
    )
