"""The families the retired v7 set found weakest (tune_families_7.tsv, the lexicon rules and
exclusions added with it): a life-threatening dare or trend done now and an essential medicine or
treatment cut off with harm showing must escalate through the lexicon alone; their look-alikes
(a dare that is safe or a joke, a trend talked about, medicine nearly run out but refilled, a
dream told as a dream) must not.

Every sentence here was written for this test: none is in the tuning, validation or held-out
data (test_sentences_are_in_no_data_split checks it). Only the lexicon runs here: the learned
tier's families are in tune_families_7.tsv and are measured when the tier is retrained.
"""

from __future__ import annotations

import pytest

from bot.crisis import learned, tiers
from bot.crisis.lexicon import get_lexicon
from tests.support.crisis_families import assert_in_no_data_split

# --- a dangerous dare or trend, now --------------------------------------------------------------

CHALLENGE = [
    # A game that cuts off air.
    "my lil brother n his mates r doing the pass out game in the shed rn",
    "year 8s are trying the blackout challenge at lunch, my daughter says she's next",
    "bet u cant last a minute with a carrier bag over ur head, go on",
    "gonna see who can hold the scarf round their neck longest, filming it for the gc",
    # Something deadly swallowed or sniffed for a dare.
    "he dared me to swallow a dishwasher tablet and i actually did, my throat is burning",
    "my mate chugged a whole bottle of vodka for a bet and hes not moving",
    "took like 15 piriton for a tiktok trend, everything is moving",
    "they're daring each other to huff deodorant in the toilets",
    "my son is doing the benadryl challenge with his friend tonight, i found the messages",
    # Stunts where one slip kills.
    "first time car surfing tonight, my mate drives and i stand on the roof",
    "tombstoning off the pier later with the lads, tide's well low",
    "we're gonna jump from the hotel balcony into the pool, 4th floor",
    "lads are playing chicken with the trains again down by the crossing",
    "climbing the scaffolding on the old mill for a pic, no harness obvs",
]

CHALLENGE_LOOK_ALIKES = [
    "our school sent a letter about the blackout challenge, how do i bring it up with him",
    "remember kids playing the choking game when we were at school, so grim looking back",
    "did the hot sauce challenge at the wings place, cried a bit then had milk lol",
    "dared my flatmate to eat a spoon of marmite straight, he gagged",
    "bet you couldn't down a pint in 5 seconds, go on then",
    "watched a doc about subway surfing in new york, made my palms sweat",
    "going surfing at the weekend with the club, can't wait",
    "charity abseil off the hospital roof next week, all harnessed up with instructors",
    "ice bucket challenge at work raised 300 quid, boss was soaked",
    "my toddler might have swallowed a fridge magnet, is that dangerous? he seems fine",
    "jumped off the diving board into the pool for the first time, 3m!!",
]


@pytest.mark.parametrize("text", CHALLENGE)
def test_a_dangerous_dare_now_escalates_through_the_lexicon(text):
    result = get_lexicon().match(text)
    assert result.matched and not result.negated, (text, result.categories)


@pytest.mark.parametrize("text", CHALLENGE_LOOK_ALIKES)
def test_a_safe_dare_or_a_trend_talked_about_stays_quiet(text):
    assert not get_lexicon().match(text).matched


# --- an essential medicine or treatment cut off, with harm showing -------------------------------

MEDS_CUT_OFF = [
    "run out of insulin since tuesday cant afford more, sugars are 28 and im being sick",
    "my mums oxygen cylinder is empty and the delivery didnt come, shes gasping",
    "pharmacy has no keppra till next week and my son had 2 seizures today",
    "stopped taking my lithium cos the clinic shut and now im hearing things",
    "he threw my inhaler out the window and i can barely breathe",
    "missed dialysis twice cos no transport and im so confused and swollen",
    "dad's parkinsons meds didnt arrive and hes gone rigid in the chair",
    "couldn't get my hydrocortisone over christmas, vomiting since last night, i have addisons",
    "been rationing my epilepsy meds for weeks and had a fit at work",
]

MEDS_LOOK_ALIKES = [
    "ran out of my insulin pens but the chemist had some, picked them up after work",
    "my epipen expires in june, how do i get a new one",
    "missed a dose of my seizure tablets last night, do i take two today?",
    "oxygen man came and swapped nan's cylinders, all good",
    "nearly out of my lithium, repeat is ordered for monday",
    "is it ok to keep my inhaler in the car in summer",
    "dialysis today was long but i watched a whole series, tired but fine",
    "the pharmacy had a shortage of my hrt so they gave me another brand, works the same",
]


@pytest.mark.parametrize("text", MEDS_CUT_OFF)
def test_essential_medicine_cut_off_with_harm_escalates_through_the_lexicon(text):
    result = get_lexicon().match(text)
    assert result.matched and "medical_emergency" in result.categories, (text, result.categories)


@pytest.mark.parametrize("text", MEDS_LOOK_ALIKES)
def test_medicine_refilled_or_asked_about_stays_quiet(text):
    assert not get_lexicon().match(text).matched


# --- dreams told as dreams: narrow exclusions, the wish beside each still matches ----------------

DREAMS = [
    "had a dream i died on a rollercoaster and woke up laughing",
    "dreamed that i was shot in a bank heist, too much gta",
    "in my dream i jumped off the eiffel tower and just floated down",
    "i died in my dream last night and then it turned into a cooking show",
]

STILL_CRISIS = [
    "i keep dreaming about dying and i don't want to wake up",
    "had a dream i died and honestly i wanted it to be real, i want to die",
    "i dream of killing myself every night",
]


@pytest.mark.parametrize("text", DREAMS)
def test_a_dream_told_as_a_dream_stays_quiet(text):
    assert not get_lexicon().match(text).matched


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_a_wish_beside_a_dream_still_matches(text):
    assert get_lexicon().match(text).matched


# --- the data and the wiring -----------------------------------------------------------------


def test_new_classes_are_crisis_or_everyday_as_meant():
    """dangerous_challenge and meds_cut_off are crisis classes with the medical guidance; the
    new hard-negative classes are everyday."""
    rows = learned.read_tsv(learned.TUNE_FAMILIES_7_PATH)
    classes = {c for c, _ in rows}
    assert {"dangerous_challenge", "meds_cut_off"} <= classes
    assert not {"dangerous_challenge", "meds_cut_off"} & learned.EVERYDAY_CATEGORIES
    assert tiers.kind_of("dangerous_challenge") == tiers.kind_of("meds_cut_off") == "medical"
    for everyday in ("dreams_ordinary", "diet_ordinary", "past_recovery", "perinatal_ordinary"):
        assert everyday in classes and everyday in learned.EVERYDAY_CATEGORIES
    assert learned.TUNE_FAMILIES_7_PATH in learned.TUNE_PATHS
    # About half the lines are hard negatives.
    everyday = sum(c in learned.EVERYDAY_CATEGORIES for c, _ in rows)
    assert 0.4 <= everyday / len(rows) <= 0.65


def test_sentences_are_in_no_data_split():
    """The sentences above test generalisation: none may be trained, tuned or held out on."""
    assert_in_no_data_split(
        CHALLENGE + CHALLENGE_LOOK_ALIKES + MEDS_CUT_OFF + MEDS_LOOK_ALIKES + DREAMS + STILL_CRISIS
    )
