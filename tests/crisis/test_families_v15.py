"""The families the retired v15 set found weak (the lexicon rules added with
tune_families_15.tsv): a baby that has stopped moving late in pregnancy, heart pain told by where
it goes with sweat or dizziness, dares that can kill told by who wins or by a burning challenge
about to be done, a cut carved for a dare, a task game whose last task is death, bleach on
fresh cuts, intimate images with a countdown, a recent assault told by what came after (washing
it off and asking about reporting, clothes undone on waking, "forced me" ending the thought,
touched and not let out), passive wishes through a diagnosis hoped for, the dead envied or
fading out, euphemisms with a day ("out of everyone's hair by...", "goodnight forever"), held in
a room at a party, chased now, must escalate through the lexicon alone; their look-alikes (first
kicks not felt yet, a sleeping newborn, a gym ache into the neck, an eating contest, a challenge
on the news, salt on cuts of meat, a boss who forced overtime, jeans still on after a wedding,
moving out by a day, a dog chasing, a toddler who won't let a parent leave) must not.

Every sentence here was written for this test: none is in the tuning, validation or held-out
data (test_v15_sentences_are_in_no_data_split checks it). Only the lexicon runs here: the learned
tier's families are in tune_families_15.tsv and are measured when the tier is retrained.
"""

from __future__ import annotations

import pytest

from bot.crisis import learned
from tests.support.crisis_families import (
    assert_escalates,
    assert_in_no_data_split,
    assert_quiet,
    assert_tune_file_wired,
    params,
)

PERINATAL = [
    "33 weeks pregnant and the baby hasnt moved since this morning",
    "im 29 wks and my bump has stopped kicking since last night",
    "haven't felt the baby move all day and i'm 38 weeks, is that bad",
    "Due date is next week and she has not moved for hours.",
]
PERINATAL_LOOK_ALIKES = [
    "haven't felt the baby kick yet, only 14 weeks along",
    "newborn hasn't moved from my chest all afternoon, best cuddles",
    "the baby has stopped kicking me in the ribs since she dropped, such a relief at 39 weeks lol",
]
HEART = [
    "clammy and sick, ache spreading into my left arm",
    "Pain shooting up into my jaw and i'm sweating buckets, 61 and on my own",
    "pressure in my chest going down my arm and i feel faint",
]
HEART_LOOK_ALIKES = [
    "my back aches going into my shoulder after deadlifts",
    "toothache pain spreading into my jaw, booked the dentist",
    "sweaty after the run and my calf pain is going down into my ankle",
]
DARE = [
    "whoever necks the most mouthwash wins, we're at lily's",
    "see who can swallow the most paracetamol, the boys are counting",
    "we're about to do the fire challenge in the garden, got the lighter",
    "my mate dared me to carve his initials into my wrist",
    "this app game has 50 steps and the final task is to kill yourself",
]
DARE_LOOK_ALIKES = [
    "whoever eats the most mince pies wins a bottle of wine",
    "the school warned parents about the fire challenge in the newsletter",
    "my little brother dared me to draw a dinosaur on my arm with a sharpie",
    "the last level of the game is to beat yourself in a time trial",
]
SELF_HARM = [
    "put vinegar on my fresh cuts so it stings more",
    "poured bleach into the new cuts earlier and now it's throbbing",
]
SELF_HARM_LOOK_ALIKES = [
    "rub salt on the cuts of pork belly before roasting",
    "cleaned the grazes with dettol wipes, he's fine now",
]
SEXTORTION = [
    "they have my nudes and the countdown says 2 hours",
    "the timer ends at midnight, then my intimate pics go to my work",
    "Tick tock he keeps writing, with my naked photos attached",
]
SEXTORTION_LOOK_ALIKES = [
    "the countdown timer for the new album is killing me",
    "photo contest deadline tonight, need to pick my best pics",
]
ASSAULT = [
    "it happened 2 hours ago and ive showered, can they still do a rape kit",
    "came to in the back of a van with my underwear gone",
    "woke up at his flat with my jeans pulled down and no memory of getting there",
    "last night my date forced me.",
    "the guy groped me and wouldn't let me get out of the car",
    "keep scrubbing my skin, it was last night and i can still feel his hands",
]
ASSAULT_LOOK_ALIKES = [
    "my boss forced me to do the stocktake on my day off",
    "woke up with my jeans still on after the wedding lol",
    "showered and then reported my stolen bike online",
    "scrubbing my skin with the new coffee scrub, feel so fresh",
]
PASSIVE = [
    "if they gave me a terminal diagnosis i'd be glad tbh",
    "envious of people who died, they don't have to do any of this",
    "if i just disappeared no one would have to deal with me",
    "i'll be out of everybody's hair for good soon",
    "gnight forever everyone",
]
PASSIVE_LOOK_ALIKES = [
    "my grandad's terminal diagnosis was almost a relief, he'd been ill so long",
    "i'll be out of your hair by 6, just packing the van",
    "jealous of people who died before email was invented lol",
    "goodnight forever to weekends, the new job starts at 6am",
]
DANGER = [
    "at a house party and two men won't let me leave the bedroom",
    "being chased right now, hiding behind a bin",
]
DANGER_LOOK_ALIKES = [
    "being chased round the park by a very happy spaniel rn",
    "my toddler won't let me leave the room until i read three stories",
]

FAMILIES = {
    "perinatal": PERINATAL,
    "heart": HEART,
    "dare": DARE,
    "self_harm": SELF_HARM,
    "sextortion": SEXTORTION,
    "assault": ASSAULT,
    "passive": PASSIVE,
    "danger": DANGER,
}
LOOK_ALIKES = {
    "perinatal": PERINATAL_LOOK_ALIKES,
    "heart": HEART_LOOK_ALIKES,
    "dare": DARE_LOOK_ALIKES,
    "self_harm": SELF_HARM_LOOK_ALIKES,
    "sextortion": SEXTORTION_LOOK_ALIKES,
    "assault": ASSAULT_LOOK_ALIKES,
    "passive": PASSIVE_LOOK_ALIKES,
    "danger": DANGER_LOOK_ALIKES,
}


@pytest.mark.parametrize("text", params(FAMILIES))
def test_each_v15_family_escalates_through_the_lexicon(text):
    assert_escalates(text)


@pytest.mark.parametrize("text", params(LOOK_ALIKES))
def test_each_v15_familys_look_alikes_stay_quiet(text):
    assert_quiet(text)


def test_v15_classes_are_crisis_or_everyday_as_meant():
    """tune_families_15.tsv is in the tuning paths; its crisis classes are crisis (a dare and a
    baby not moving keep the medical guidance, a recent assault the abuse guidance); its
    hard-negative classes are everyday."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_15_PATH,
        crisis={
            "euphemism",
            "suicidal_passive",
            "perinatal",
            "dangerous_challenge",
            "medical_emergency",
            "sextortion",
            "sexual_abuse",
            "warning_signs",
            "self_harm",
            "personal_danger",
        },
        everyday={
            "perinatal_ordinary",
            "medical_mundane",
            "personal_ordinary",
            "cooking_sport_diy",
            "wills_admin",
        },
        kinds={
            "dangerous_challenge": "medical",
            "sexual_abuse": "abuse",
            "personal_danger": "danger",
        },
        lines=(3, 10),
    )


def test_v15_sentences_are_in_no_data_split():
    assert_in_no_data_split(
        [t for texts in FAMILIES.values() for t in texts]
        + [t for texts in LOOK_ALIKES.values() for t in texts]
    )
