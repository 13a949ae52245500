"""Issue #12: families that matched only by accident while factored lexicon patterns merged
alternatives slot by slot, now written as exact patterns (data/crisis/lexicon_en.yml, "issue
#12"): threatened with a weapon by anyone, not being around for what needs someone later, not
wanting to be on the planet past a near day, pills saved up, a vulnerable person not back or
run off, no heating with the body failing, an adult who wants to be a child's first, a drink at
a do and then out of it with someone pushing. Each must escalate through the lexicon alone;
their everyday look-alikes must not. Every sentence was written for this test."""

from __future__ import annotations

import pytest

from tests.support.crisis_families import (
    assert_escalates,
    assert_in_no_data_split,
    assert_quiet,
    params,
)

HITS = {
    "weapon": [
        "my 15yo threatened me with a kitchen knife when i took his xbox",
        "He THREATENED ME WITH A KNIFE again last nite",
        "my flatmate's been threatening us with a hammer all evening",
        "the neighbour pulled a knife on me on the landing",
        "i just got threatened with a gun outside the chippy",
    ],
    "not_around": [
        "can someone take my rabbit, i won't be around to feed her",
        "im not going to be around to see next christmas tbh",
        "dont worry u wont have me around, i won't be around to bother anyone soon",
        "i dont want to be around in a few years, no point",
    ],
    "planet": [
        "i do not want to be on this earth after my birthday",
        "honestly dont wanna be in this world past friday",
    ],
    "pills_saved": [
        "i've got a box of paracetamol saved up now",
        "have enough saved up now, counted them twice. tonight's the night",
    ],
    "missing": [
        "my autistic daughter ran out of the house barefoot and we cant see her",
        "grandad has dementia and got off the bus somewhere, no idea where",
        "he left for the gym 6 hours ago and still isn't back, phone goes straight to voicemail",
        "my 14 yo went to meet someone she met on discord and still not back",
    ],
    "cold": [
        "no heating for days and my grandad is so cold he can barely talk",
        "it's -7 and mum's lips are blue, the boiler died",
        "heating's broken and my little one is shivering and slurring",
    ],
    "grooming": [
        "a 24 year old on roblox keeps saying he wants to be my first, i'm 13",
        "im in year 7 and this older guy says he'll take my virginity",
    ],
    "spiked": [
        "had one glass at the office party and now i'm totally out of it",
        "im so out of it and this man keeps offering to drive me home",
        "i feel drunk times ten after one drink, something's wrong",
    ],
}

LOOK_ALIKES = {
    "weapon": [
        "my mum threatened to throw my phone in the bin",
        "the bank threatened me with court if i don't pay",
        "she threatened me with a tickle fight lol",
        "my brother held a knife to the cake like it was a crime scene",
    ],
    "not_around": [
        "not going to be around this weekend, off to spain",
        "i won't be around to water them next week, we're on holiday, can you?",
        "won't be around to see the match, working late",
    ],
    "planet": ["i don't want to be on this planet after that cringe episode lmao"],
    "pills_saved": [
        "saved up enough for a ps5",
        "i've got enough saved up now for a deposit on a flat",
    ],
    "missing": [
        "my cat hasn't come back since friday",
        "my autistic son ran out of crisps and had a meltdown",
        "he met online and isn't back on the dating apps since",
    ],
    "cold": [
        "the heating broke, we're living in the arctic now",
        "no heating in the office so everyone's in coats, barely talk to each other",
        "it's -5 outside, heating's on, we're cosy",
    ],
    "grooming": [
        "my boyfriend wants to be my first and i'm nervous, we're both 17",
        "i'm 13 and my first concert is next week!!",
    ],
    "spiked": [
        "out of it after the night shift",
        "had a pint at the pub and i'm totally out of it, long week",
        "completely out of it after surgery, my husband is driving me home",
    ],
}


@pytest.mark.parametrize("text", params(HITS))
def test_family_escalates(text):
    assert_escalates(text)


@pytest.mark.parametrize("text", params(LOOK_ALIKES))
def test_look_alike_stays_quiet(text):
    assert_quiet(text)


def test_sentences_are_in_no_data_split():
    assert_in_no_data_split([t for f in (HITS, LOOK_ALIKES) for ts in f.values() for t in ts])
