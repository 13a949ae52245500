"""The families the retired v17 set found weak (the lexicon rules added with
tune_families_17.tsv): someone who cannot look after themselves (a child told by age, a toddler, a
person with dementia, autism or a low mood) gone right now; a child or dependent left alone with
the food, the heat or the light running out; an adult's sexual act on or demand of a child with
the secret it demands; a death just now and where it leaves the person; self-harm told plainly
as coping, without "myself". All must escalate through the lexicon alone. Their look-alikes must
not: a shoe or a dog lost, a child at a sleepover, home alone by plan, tea left in the fridge, money
for a present kept secret, a coach fixing a stance, a death years ago or in a film, "pulling my hair
out" over homework, a haircut, a scab from a bike fall, scars from the past told with pride.

Every sentence here was written for this test: none is in the tuning, validation or held-out
data (test_v17_sentences_are_in_no_data_split checks it). Only the lexicon runs here: the learned
tier's families are in tune_families_17.tsv and are measured when the tier is retrained.
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

MISSING = [
    "my 3 year old was beside me at the till and now i cant find her anywhere",
    "PLEASE my little boy was on the slide and now he's gone",
    "mum has alzheimers and shes wandered off from the day centre, nobody knows where she is",
    "my son is 10 and never arrived at his dads, its been 3 hours",
    "my brother's been really low and hasn't been seen since last night",
    "the front door is wide open and our 2 yr old isn't in the house",
    "lost my little girl at the funfair, she's 5, please",
]
MISSING_LOOK_ALIKES = [
    "cant find my 3 year old's wellies anywhere, we'll be late for forest school",
    "our dog ran off at the beach, found him by the ice cream van",
    "my 8 year old is at a sleepover tonight, the house is so quiet",
    "my nan has dementia and we took her to the garden centre, she loved it",
    "haven't seen her in 5 years, my best friend lands tomorrow!!",
]
ALONE = [
    "im 9 and mum hasnt come back since saturday. theres no food left",
    "dad's been gone for 3 days and the heating is off and my baby sister is cold",
    "the kids next door are on their own again and they were asking me for food",
    "we've been alone since tuesday, i gave my brother the last biscuit",
]
ALONE_LOOK_ALIKES = [
    "home alone tonight and loving it, pizza and a horror film",
    "mum's at work till 7, there's lasagne in the fridge for us",
    "parents away for the weekend, my gran's staying over to look after us",
    "the lights went out in the storm so we had a candlelit tea with dad",
]
SECRET = [
    "my mums boyfriend touches me when shes at work and says its our little secret",
    "the youth leader makes me do things in the office and says no one would believe me",
    "a guy on roblox keeps asking if im alone and what im wearing, im 11",
    "my stepdad does stuff to me at night and said if i tell he'll leave mum",
]
SECRET_LOOK_ALIKES = [
    "mum gave me money for dad's present and said to keep it a secret till sunday",
    "grandad gave my son a fiver and told him to keep it a secret from his mum",
    "my coach fixed my grip on the bat, he's really helpful",
    "my little sister made me promise not to tell anyone she still sucks her thumb",
    "i'm 12 and my mum wants me to come home by 8 on school nights",
]
LOSS = [
    "my dad died in a crash tonight and i'm alone in the house",
    "just lost my husband to a heart attack, i don't know how to tell the kids",
    "we lost the baby this morning. i have to go home to the nursery we painted",
    "our house burnt down tonight and my nan didn't get out. i'm the only one who made it",
]
LOSS_LOOK_ALIKES = [
    "my grandad died twelve years ago today, we still make his favourite cake",
    "the main character dies at the end and i'm not ok lol",
    "my aunt passed away last year and we scattered her ashes today, it was peaceful",
]
SELF_HARM = [
    "its been 5 days since i last cut and i want to so much",
    "i keep reopening the cuts on my arm so they stay raw",
    "how do i hide the cuts on my wrists for swimming tomorrow",
    "i bang my head against the wall when it all gets too much",
    "pulled my hair out till it bled again last night",
    "idk how to stop cutting, nothing works",
]
SELF_HARM_LOOK_ALIKES = [
    "pulling my hair out over this maths homework",
    "cut my fringe yesterday and it's a disaster",
    "a decade since i last cut and my scars have faded, proud of me",
    "we need to stop cutting corners on this project",
    "my toddler keeps picking at the scab on his knee from the park",
]

FAMILIES = {
    "missing": MISSING,
    "alone": ALONE,
    "secret": SECRET,
    "loss": LOSS,
    "self_harm": SELF_HARM,
}
LOOK_ALIKES = {
    "missing": MISSING_LOOK_ALIKES,
    "alone": ALONE_LOOK_ALIKES,
    "secret": SECRET_LOOK_ALIKES,
    "loss": LOSS_LOOK_ALIKES,
    "self_harm": SELF_HARM_LOOK_ALIKES,
}
# Which category each family names: the guidance that follows the resources depends on it.
CATEGORY = {
    "missing": "missing_person",
    "alone": "abuse",
    "secret": "sexual_violence",
    "loss": "sudden_loss",
    "self_harm": "self_harm",
}


@pytest.mark.parametrize("text", params(FAMILIES))
def test_each_v17_family_escalates_through_the_lexicon(text):
    assert_escalates(text)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_each_v17_family_is_named_for_its_guidance(family):
    for text in FAMILIES[family]:
        assert CATEGORY[family] in get_lexicon().match(text).categories, text


@pytest.mark.parametrize("text", params(LOOK_ALIKES))
def test_each_v17_familys_look_alikes_stay_quiet(text):
    assert_quiet(text)


def test_v17_classes_are_crisis_or_everyday_as_meant():
    """tune_families_17.tsv is in the tuning paths; its crisis classes are crisis with their
    guidance (a missing person the police, a child alone or abused child protection, a death the
    loss guidance); its hard-negative classes are everyday."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_17_PATH,
        crisis={"missing_person", "child_abuse", "sexual_abuse", "sudden_loss", "self_harm"},
        everyday={
            "missing_ordinary",
            "personal_ordinary",
            "relationships_ordinary",
            "grief_ordinary",
        },
        kinds={
            "missing_person": "missing",
            "child_abuse": "abuse",
            "sexual_abuse": "abuse",
            "grooming_exploitation": "abuse",
            "sudden_loss": "loss",
        },
        lines=(5, 7),
    )


def test_v17_sentences_are_in_no_data_split():
    assert_in_no_data_split(
        [t for texts in FAMILIES.values() for t in texts]
        + [t for texts in LOOK_ALIKES.values() for t in texts]
    )
