"""The learned crisis tier: sentence encoder + a small classifier trained on the dev data.

Why: the lexicon only knows the phrasings someone wrote down (recall 0.5 on the development
set written outside the project). A pretrained sentence encoder (all-MiniLM-L6-v2, numpy forward
pass in ``bot.crisis.encoder``) maps new phrasings near the ones it was trained on; a
multinomial logistic regression over the 25 categories of eval/data/crisis_dev/tune.tsv (15
crisis, 10 everyday hard negatives) reads it. P(crisis) is the sum over the crisis categories.

A second view of the same message, a character n-gram model (TF-IDF over 2-5 letter pieces within
words, a multinomial logistic regression over the same categories), is averaged with it: it reads
slang, misspellings and word pieces ("unalive", "sewerslide", "purging") the encoder's word pieces
blur, for ~0.1 ms. Measured with thresholds chosen on validation (session 6): the average
generalises better than either view alone, on validation (recall 0.934 / false alarms 0.029 full,
against 0.888 / 0.034 for the encoder alone) and on the v2 sealed set, development data since
(0.826 / 0.014 against 0.781 / 0.020); the character view alone did worse on v2 (0.753 / 0.027).

How it combines with the lexicon (``decide``), with thresholds chosen on validation.tsv only:

* lexicon match and P(crisis) >= ``veto``  -> ``crisis`` (full crisis response);
* lexicon match and ``clear`` <= P(crisis) < ``veto`` -> ``gentle`` (the learned tier reads it
  as everyday talk: past recovery, homework, news). The resources still show, with the gentle
  intro ("if things feel heavier at any point, help is there"). ``veto`` is set low, so that
  at most VETO_COST of the crisis messages the lexicon catches on validation are toned down;
* lexicon match and P(crisis) < ``clear`` -> nothing: the learned tier is all but certain it
  is everyday talk (a proud "two years since i last cut", an essay on suicide prevention).
  Without it those false alarms cost 1 in 7 everyday messages on validation; ``clear`` is
  chosen so that at most CLEAR_COST of the lexicon's crisis catches on validation are lost
  (none: at 0.5% a retrained tier silenced "sat on the train tracks rn" in the untuned set).
  Only when the encoder read the whole message: a long one is at most toned down (``gentle``);
* lexicon match, P(crisis) < ``veto`` and P(past_recovery) >= ``recovery`` -> nothing: recovery
  told in the past tense with a time anchor ("a year clean today", "back then i wanted to die,
  now..."); chosen on validation so that no lexicon-caught crisis message there is silenced
  (relapse told against a recovery, "a year clean and i cut again", is tuning data of its own);
* no lexicon match and P(crisis) >= ``high`` -> ``crisis``;
* no lexicon match and ``low`` <= P(crisis) < ``high`` -> ``unsure`` (ask directly, resources
  visible);
* otherwise nothing.

The cascade (why: the full encoder costs ~10-20 ms a message on these cores, and most messages
are ordinary): a binary screen reads the mean-pooled states of the encoder's lower layers
(SCREEN_LAYERS), averaged with the character view's P(crisis), and below its threshold ends
the tier there (``none``) without running the upper layers (the character view votes so that
slang only it reads as risky is never cleared early; without its vote the screen had to clear
far less, measured below). The threshold is chosen on validation so that no crisis message there that the
full tier would flag is cleared (with a margin); a lexicon match always gets the full tier.

Failure: ``get_learned_tier()`` returns None when the tier is switched off, its weights are
missing, stale or unreadable, or the encoder package is absent; ``score`` may raise. Callers
(CrisisDetector) then use the lexicon alone, so the tier is never a single point of failure.

Weights live in ``bot/crisis/data/learned_tier.npz`` with the fingerprint of what produced them
(training data, encoder weights, this file's training code). Rebuild with
``python -m bot.crisis.learned --train``; ``--check`` exits 1 when the file is stale.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import logging
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from bot import fast_yaml, retired_sets, settings

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "learned_tier.npz"
TUNE_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune.tsv"
# More tuning data, written by family for the kinds of crisis (and hard negatives) the hidden
# sets found missing: same categories, plus personal_danger (stalking, someone trying to get in).
TUNE_FAMILIES_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families.tsv"
# Part 3: the weakest families of the v2 sealed set and the ones a new set adds (eating-disorder
# risk, carer abuse, forced marriage / trafficking, sextortion...), with idioms as hard negatives.
TUNE_FAMILIES_2_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_2.tsv"
# Part 4 (session 7): the families the retired v3 set found weakest (eating-disorder danger,
# stalking, warning signs without a risk word, self-harm as coping / relapse) and the hard
# negatives that still alarmed (proud recovery, fiction, hyperbole at siblings, DIY).
TUNE_FAMILIES_3_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_3.tsv"
# Part 5: the families the retired v4 set found weakest (plain "i'm in danger", nowhere to sleep
# tonight, a spiked drink), proud recovery with time anchors, and ordinary good news.
TUNE_FAMILIES_4_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_4.tsv"
# Part 6: the families the retired v5 set found weakest, four of them new classes (sudden_loss,
# substance_danger, missing_person, debt_threats), and its false alarms by family (hyperbole at
# a sibling, farewells and decluttering, wills and funerals, proud recovery, calm good days).
TUNE_FAMILIES_5_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_5.tsv"
# Part 7: the families the retired v6 set found weakest, mostly its false alarms by family (dark
# humour told among friends or blamed on a trivial cause, hyperbole, mundane ailments, farewells,
# weather that is prepared for or over), and two new crisis classes (trapped_disaster, perinatal).
TUNE_FAMILIES_6_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_6.tsv"
# Part 8: the families the retired v7 set found weakest: two new crisis classes
# (dangerous_challenge: a life-threatening dare or trend now; meds_cut_off: an essential medicine
# or treatment run out or cut off with harm near), eating-disorder danger signs, plans and
# warning signs with no risk word, coercive control; and its false alarms by family (dreams and
# nightmares told as dreams, proud recovery, pregnancy and newborn questions in scary words).
TUNE_FAMILIES_7_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_7.tsv"
# Part 9: the families the retired v8 set found weakest: two new crisis classes
# (cold_heat_exposure: cold or heat harming someone now; covert_signal: a call for help in
# disguise), euphemisms, warning signs, passive ideation, plans, perinatal emergencies; and its
# false alarms by family, three as new everyday classes (pets and pests, tattoos and piercings,
# grim jobs told as shop talk).
TUNE_FAMILIES_8_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_8.tsv"
# Part 10: the families the retired v9 set found weakest: a new crisis class (poisoning: an
# overdose or poisoning just taken by accident or of unknown intent, a child and a button battery
# or something from under the sink), calls for help in disguise, dangerous dares with the body
# harmed, warning signs with no risk word, eating-disorder danger, harm to others, nowhere to
# sleep tonight, self-harm happening now; and its false alarms by family, home and garden talk as
# a new everyday class (household_ordinary).
TUNE_FAMILIES_9_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_9.tsv"
# Part 11: the families the retired v10 set found weakest: stalking told by what the stalker does
# (personal_danger), a drink spiked and other acute emergencies (medical_emergency), euphemisms
# with a near time, warning signs, calls for help in disguise, harm to others, eating-disorder
# danger; and its false alarms by family (proud past recovery, farewells, idioms, study, sport),
# with the everyday twins of stalking and spiking (relationships_ordinary, diet_ordinary).
TUNE_FAMILIES_10_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_10.tsv"
# Part 12: what the retired v11 set found weakest through both tiers (validation_v11.tsv read with
# v10's and v9's, never copied): calls for help hidden in an ordinary request (covert_signal), a
# device or treatment gone (meds_cut_off), someone vulnerable not back (missing_person), warning
# signs without a risk word, the body failing with no emergency word (medical_emergency), a
# family or unit lost at once (sudden_loss), a stunt that has already hurt (dangerous_challenge);
# and their everyday twins (study, dark humour, farewells, weather preparations, dreams, beauty
# treatments, office idioms). No new class.
TUNE_FAMILIES_11_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_11.tsv"
# Part 13: what the retired v12 set found weakest through both tiers (validation_v12.tsv read with
# v11's and v10's, never copied): plans told by means, place and time without a risk word
# (suicide_plan), affairs put in order (warning_signs), euphemisms with a near end, calls for help
# in disguise (covert_signal), stalking told by what the stalker does (personal_danger), threats
# over a debt (debt_threats), self-harm told without "myself", dangerous dares; and their
# everyday twins (proud past recovery, bedtime and moving farewells, study, dark humour, dreams,
# a parent's or partner's ordinary rules). No new class.
TUNE_FAMILIES_12_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_12.tsv"
# Session 17: written by family for what the retired v13 set found weakest (its validation half
# read): a life-keeping medicine or device gone with no way to get more soon (meds_cut_off),
# trapped with a hazard happening now, a call for help while someone reads over the shoulder
# (covert_signal), a death just now with shock, carer abuse and neglect, forced labour,
# sextortion, eating-disorder danger signs, euphemisms with a finality cue; and their everyday
# twins (a prescription collected Monday, a lift stuck ten minutes, a nosy parent, a hamster's
# burial, a kind carer, a boss's pizza, wedding photos by tonight). No new class.
TUNE_FAMILIES_13_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_13.tsv"
# Part 14 ("13n", issues #12 and #16): the retired v13 set's false alarms by the frame that makes
# a risk word not-now or not-real (a past crisis disclosed or remembered, a population studied or
# an exam prompt, a term or translation asked about, a joke "so bad i want to die", a threat taken
# back, kit or the sun hurting the body, excitement in chest words, relief at a diagnosis, calm
# paperwork after a death), each next to the crisis it must not swallow (a relapse against a
# recovery, a joke that turns real, "i'm not joking", real chest pain, letters for after).
TUNE_FAMILIES_13N_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_13n.tsv"
# Part 15 (session 18): the retired v14 set's weak families by how they are said (a call for help
# from someone who cannot speak freely, trapped as a boat goes down or under rubble, housing gone
# with every office shut, "i said i was fine" before wanting to die, self-harm by a named means
# with its relief, a goodbye set to send itself...), each next to its everyday twin.
TUNE_FAMILIES_14_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_14.tsv"
# Part 16 ("14n", issues #12 and #16): the retired v14 set's false alarms, most of them the
# tier's own with no risk word (things given to someone who will use them, a last school day with
# where they go next, passwords and probate sorted, plans months away, living alone and loving it,
# a place named with no trip word, a worry that ended well, years without a drink or a bet), each
# next to the crisis it must not swallow (things given away "because i won't need them", a trip
# that is a plan, a fever with a floppy child, water rising in the house now).
TUNE_FAMILIES_14N_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_14n.tsv"
# Part 17 ("15", issue #12): the retired v15 set's weakest families through both tiers
# (euphemisms with a day, passive wishes through a diagnosis or the dead envied, a baby that has
# stopped moving, dares that can kill, heart pain told by where it goes, intimate images with a
# countdown, a recent assault told by what came after, final arrangements with a letter, blood
# from self-harm now), each next to its everyday twin.
TUNE_FAMILIES_15_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_15.tsv"

# Part 18 ("15n", issues #12 and #16): the retired v15 set's false alarms by frame, most of
# them the tier's own with no risk word (a trivial legacy "when i go", "deceased 💀" at a text, a
# parent's pill organiser, a door hung tomorrow, the house to myself tonight and loving it,
# first-date nerves, a living donor recovering, cops and robbers), each next to the crisis told
# in the same words (the house empty tonight with the pills counted, a beam that will hold me,
# pills sorted "for tonight", things let go "because i won't be here").
TUNE_FAMILIES_15N_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_15n.tsv"
# Part 19 ("16", issue #12): the retired v16 set's weakest families through both tiers, from its
# study half only (nowhere to sleep tonight after being put out, a life-keeping machine without
# power or a rescue medicine gone with its symptom, calls for help past someone who watches the
# screen, an attempt told by the body after it, affairs settled with no risk word) and v16's own new
# families (someone else about to end their life now and the writer asking what to do; voices,
# the television or a vision commanding harm; a plot to kill met with a weapon), each next to its
# everyday twin (a night at a friend's by plan, a power cut with nothing on the line, a goodbye
# before a flight, a satnav's voice, a horror podcast, first-aid training).
TUNE_FAMILIES_16_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_16.tsv"
# Session 20 (issues #12 and #16): the retired v16 set's false-alarm frames (a chore or DIY job
# with rope, bleach, ladders or pills "tonight", news and history about other people, training
# scenarios, joke markers, proud past recovery, good news with no risk word), each next to its
# crisis twin told in the same words (the self as the patient, "it's back", "for real").
TUNE_FAMILIES_16N_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_16n.tsv"
# Session 21: safety said plainly ("im safe", "got home safe", "i feel safe here"), which the tier
# read as danger because its "safe" lines were nearly all "not safe", beside crisis twins.
TUNE_SAFE_SAID_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_safe_said.tsv"
# Part 21 ("17", issue #12): the retired v17 set's weakest families through both tiers and the
# lexicon, from its study half only (a death just now and the person alone with it; self-harm told
# plainly as coping; an adult's sexual act on a child with the secret it demands) and v17's own new
# families (a vulnerable person missing right now; a child or dependent left alone without food,
# heat or an adult), each next to its everyday twin (a shoe or a dog lost, home alone by plan, a
# surprise kept secret, a death years ago, "pulling my hair out" over homework).
TUNE_FAMILIES_17_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_17.tsv"
# Session 21 (issues #12 and #16): the retired v17 set's false-alarm frames (a joke's frame or a
# catchphrase, a past told as past with a good present, a lyric or a novel about someone else, a
# death word asked about as a word, a diet, a fast or a weight cut for sport, a funeral planned
# for fun, good news the tier read as crisis), each next to its crisis twin told in the same words
# (the joke dropped, "it's back", "that's me", a weight cut with fainting, "it won't be long now").
TUNE_FAMILIES_17N_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_17n.tsv"
# Part 22 ("18", issue #12): the retired v18 set's weakest families through the whole bot, from
# its study half only (a signal agreed beforehand brought up now, an address given while watched;
# a death just told; stranded where the cold, heat or tide is the danger; one's own funeral made
# ready with the end near; self-harm hidden, ongoing, or the means in hand), each next to its
# everyday twin (a game's safe word, a celebrity's death, a cold commute, a joke funeral playlist).
TUNE_FAMILIES_18_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_18.tsv"
# Session 22 (issues #12 and #16): the retired v18 set's false-alarm frames (rest wished for with
# its end named, storms prepared for, plants and loose pills at home, things given away, meds
# working, happy secrets, old death jokes, first-aid homework, a poison drunk on stage), each next
# to its crisis twin told in the same words ("never wake up", "for good", "all my pills at once").
TUNE_FAMILIES_18N_PATH = ROOT / "eval" / "data" / "crisis_dev" / "tune_families_18n.tsv"
TUNE_PATHS = (
    TUNE_PATH,
    TUNE_FAMILIES_PATH,
    TUNE_FAMILIES_2_PATH,
    TUNE_FAMILIES_3_PATH,
    TUNE_FAMILIES_4_PATH,
    TUNE_FAMILIES_5_PATH,
    TUNE_FAMILIES_6_PATH,
    TUNE_FAMILIES_7_PATH,
    TUNE_FAMILIES_8_PATH,
    TUNE_FAMILIES_9_PATH,
    TUNE_FAMILIES_10_PATH,
    TUNE_FAMILIES_11_PATH,
    TUNE_FAMILIES_12_PATH,
    TUNE_FAMILIES_13_PATH,
    TUNE_FAMILIES_13N_PATH,
    TUNE_FAMILIES_14_PATH,
    TUNE_FAMILIES_14N_PATH,
    TUNE_FAMILIES_15_PATH,
    TUNE_FAMILIES_15N_PATH,
    TUNE_FAMILIES_16_PATH,
    TUNE_FAMILIES_16N_PATH,
    TUNE_SAFE_SAID_PATH,
    TUNE_FAMILIES_17_PATH,
    TUNE_FAMILIES_17N_PATH,
    TUNE_FAMILIES_18_PATH,
    TUNE_FAMILIES_18N_PATH,
)
# The bot's own training examples (greetings, thanks, exercise requests...): the everyday
# traffic the dev set has none of, as one class, BOT_CHAT. Not `crisis`, and not the intents of
# distress without risk (the dev set's ordinary_distress covers those): with them the class
# pulled passive ideation towards "everyday" (measured on validation: recall 0.883 vs 0.896).
NLU_DIR = ROOT / "data" / "nlu"
# The project's older crisis/everyday sets (one message a line), as two more classes. The
# untuned_* pair stays out: tests/nlu/test_crisis_sets.py checks generalisation on it.
OLD_SETS_DIR = ROOT / "tests" / "data" / "crisis"
OLD_CRISIS, OLD_EVERYDAY = "crisis_other", "everyday_other"
BOT_CHAT = "bot_chat"
# `anxious` is bot chat: without it "my heart is racing and my hands are shaking" (an anxious
# message the grounding offer answers) was read as a medical emergency (p 0.88).
NOT_BOT_CHAT = frozenset(
    {"crisis", "mood_low", "vent", "loneliness", "self_criticism", "limiting_belief"}
)
# Those distress intents (all but crisis) are a class of their own, BOT_DISTRESS (everyday):
# without them the bot's own core traffic was read as crisis (session 7: 8 of the 457
# held-out NLU messages got the full alarm and 1 the ask, "there's no one in my life" at 0.84, "i live
# alone and it's getting to me" at 0.80), and the ask band had no room below the full alarm.
# A class apart from BOT_CHAT, so that it does not pull passive ideation into bot chat.
BOT_DISTRESS = "bot_distress"
# Strangers' ordinary messages to the bot (eval/data/intents/stranger_dev.tsv, written in session
# 11 from the list of intents only): the tuning split of the intents sets, everyday by intent like
# the bot's own examples. Why: 18 of its 660 messages (goodbyes, thanks, grievances, worries about
# a boss) still got the crisis reply or the direct question from a tier whose everyday examples
# were all written by the project. The sealed intents set (eval/sealed/intents.tsv) measures it.
STRANGER_DEV_PATH = ROOT / "eval" / "data" / "intents" / "stranger_dev.tsv"
# Its lines that sit next to passive ideation: the direct question is a fair answer to them, so
# they are not taught as everyday.
STRANGER_NOT_EVERYDAY = frozenset(
    {
        "meh. just meh. like nothing matters much",
        "it's one of those days where everything feels pointless and dull",
        "i'm not okay, just really sad, but i'm safe",
        "I feel like nobody would notice if I didn't show up, nobody really knows me.",
    }
)
VALIDATION_PATH = ROOT / "eval" / "data" / "crisis_dev" / "validation.tsv"
# Validation, part 2: the families of tune_families_2.tsv, written separately after it.
VALIDATION_FAMILIES_PATH = ROOT / "eval" / "data" / "crisis_dev" / "validation_families.tsv"
# Validation, from part 3 on: the first half of every retired set split by category, version
# by version, the crisis set before its news set (validation_v3.tsv, validation_v4.tsv,
# validation_news_v4.tsv, ...; bot.retired_sets declares them). The second halves
# (heldout_v*.tsv, heldout_news_v*.tsv) are never used for a choice: they report before/after
# figures only.
VALIDATION_PATHS = (
    VALIDATION_PATH,
    VALIDATION_FAMILIES_PATH,
    *(halves.first for halves in retired_sets.crisis_and_news_halves()),
)
# What the bot hears all day: people telling it about their feelings (the held-out NLU sets,
# which neither DIET nor this tier trains on). The ask must stay rare there too: an
# "Are you safe right now?" after "some things take me longer but i get there" breaks the
# exercise it answers, and validation's everyday categories did not hold that register.
DOMAIN_PATHS = (
    ROOT / "tests" / "data" / "nlu" / "heldout.yml",
    ROOT / "tests" / "data" / "nlu" / "heldout_second.yml",
)

# The one environment setting of the learned tier: "0"/"off"/"false" switches it off (the
# lexicon alone then decides, as before the tier existed). Default: on.
ENV_ENABLED = "CRISIS_LEARNED_TIER"

# Training choices, picked on validation.tsv (`make eval` prints the figures): mean-pooled
# hidden states of layers 2, 3, 4 and 6 side by side, multinomial over the categories, C = 16
# (learned tier alone, tune data only: AUC 0.990 and recall 0.92 at 3% false alarms, against
# 0.937 and 0.59 for a crisis-vs-not regression on the last layer's sentence embedding).
LAYERS: Tuple[int, ...] = (2, 3, 4, 6)
C_REGULARISATION = 16.0
# The character view (see the module docstring): sklearn's TfidfVectorizer(analyzer="char_wb",
# ngram_range=CHAR_NGRAMS, min_df=CHAR_MIN_DF, sublinear_tf=True, max_features=...), re-done in
# numpy at run time by CharView (tests check it gives sklearn's vectors); weights stored as
# float16 to keep the file small.
CHAR_NGRAMS: Tuple[int, int] = (2, 5)
CHAR_MIN_DF = 2
CHAR_MAX_FEATURES = 20000
CHAR_C = 10.0
# The cascade's screen: crisis-vs-everyday over the pooled states of these lower layers (the
# encoder stops there for the messages it clears; layer 0, the input embeddings, is free).
# Picked on validation: `python -m eval.crisis_screens` prints the options side by side.
SCREEN_LAYERS: Tuple[int, ...] = (0, 1, 2)
# Session 12, on validation with v8's half in it (threshold chosen as below, so none of
# validation's flagged crisis messages is cleared): C = 4 cleared 0.265 of validation's everyday
# messages and 0.614 of ordinary bot traffic, C = 1 0.313 and 0.653, C = 16 0.258 and 0.636;
# none lost a flagged message of the retired v1 set (356). Layers (0, 1, 2, 3) cleared 0.329 /
# 0.684 for a sixth more of the encoder; (1, 2) 0.294 / 0.657.
SCREEN_C = 1.0
# The screen's threshold is this share of the lowest screen score, on validation, of a crisis
# message the full tier flags. Measured (eval.crisis_screens and the retired v1 set): 0.5 clears
# 47% of ordinary bot traffic (p50 then lands on the uncleared half, over the 10 ms budget) and
# loses none of v1's flagged crisis messages; 1.0 clears 60% and loses 1 of 351 there.
# Session 6, with the character view in the tier: the screen alone had to drop to 0.03 and
# cleared 27% of validation's everyday messages; with the character view voting, 0.20 clears
# 58% of them and 84% of ordinary bot traffic (bench: p50 6.3 ms CPU per ordinary message).
SCREEN_MARGIN = 1.0
# Budgets the thresholds are chosen for, on validation: the full crisis response on at most
# 3% of everyday messages; the direct question (with the resources) on at most 1% more, and on
# at most ASK_BUDGET_DOMAIN of the bot's own everyday messages. Session 7, measured before the
# last data batch: at 3% the ask would take validation's everyday messages shown the resources
# from 0.046 to 0.072 (the whole bot counts every band as a crisis reply) for 21 more crisis
# messages of 1,945. At 1% the retrained band (ask 0.46, full 0.50) asks 18 crisis and 11
# everyday messages of validation, none of the 457 held-out NLU messages, and 8 crisis and 1
# everyday message of the held-out v3 half: the unsure middle it is meant to be.
FULL_ALARM_BUDGET = 0.03
ASK_BUDGET = 0.01
ASK_BUDGET_DOMAIN = 0.005
VETO_COST = 0.01
CLEAR_COST = 0.0
# The recovery reading (Thresholds.recovery): the lowest P(past_recovery) that silences no
# lexicon-caught crisis message of validation, and never below RECOVERY_FLOOR (the class must be
# the tier's clear reading, not a share of a muddle).
RECOVERY_CLASS = "past_recovery"
RECOVERY_COST = 0.0
RECOVERY_FLOOR = 0.5

NEWS_CATEGORIES = frozenset(
    {
        "daily_routine",
        "family_news",
        "food_and_cooking",
        "good_mood",
        "health_and_exercise_positive",
        "hobbies",
        "mixed_but_ok",
        "new_happily_alone",
        "new_tired_but_happy",
        # v5's own news categories: happy news in dark slang, a worry that ended well.
        "new5_dark_hyperbole",
        "new5_worry_resolved",
        # v6's: happy news told with crying words, light-hearted complaints told as jokes.
        "new6_happy_tears",
        "new6_playful_grumbles",
        # v7's: moved to tears by fiction, something ended by their own choice and glad of it.
        "new7_sad_stories_enjoyed",
        "new7_glad_endings",
        # v8's: thrills chosen for fun told with fear words, farewells that are celebrations.
        "new8_scared_for_fun",
        "new8_proud_goodbyes",
        # v9's: looking forward told in anxious body words, milestones past an old hard time.
        "new9_excited_jitters",
        "new9_recovery_milestones",
        # v10's: a game or contest lost and enjoyed anyway, warm memories of someone long dead.
        "new10_happy_losers",
        "new10_fond_remembrance",
        # v11's: pain chosen and enjoyed (a tattoo, an ice bath, a chilli challenge), belongings
        # given away happily (decluttering, downsizing, donating).
        "new11_chosen_pain",
        "new11_giving_away_belongings",
        # v12's: killing and dying only inside games, fiction and play; blood, plasma, hair or an
        # organ given proudly.
        "new12_fiction_and_game_violence",
        "new12_body_donations",
        # v13's: relief at last at a diagnosis or an answer; the calm paperwork after a death.
        "new13_diagnosis_relief",
        "new13_death_admin",
        # v14's: wills, insurance and care wishes made calmly for ordinary reasons; proud news of
        # helping work that touches hard topics (first aid, lifeguarding, a listening line).
        "new14_future_paperwork",
        "new14_helper_roles",
        # v15's: a weird or dark dream told with amusement; a proud workday in a grim-sounding trade.
        "new15_odd_dreams",
        "new15_grim_trade_talk",
        # v16's: medication news told as good news; a big life change chosen with joy.
        "new16_meds_going_well",
        "new16_fresh_starts",
        # v17's: small mishaps told with injury words and laughed off; happy secrets kept with
        # lying and hiding words.
        "new17_mishaps_laughed_off",
        "new17_happy_secrets",
        # v18's: a small kindness from or to a stranger; enjoying the weather or a season.
        "new18_kind_strangers",
        "new18_weather_and_seasons",
        "pets_and_nature",
        "plans",
        "small_wins",
        "time_with_friends",
        "work_and_school_news",
    }
)

EVERYDAY_CATEGORIES = frozenset(
    {
        BOT_CHAT,
        BOT_DISTRESS,
        OLD_EVERYDAY,
        "hyperbole",
        "games_fiction_media",
        "news_and_study",
        "past_recovery",
        "cooking_sport_diy",
        "ordinary_distress",
        "medical_mundane",
        "daily_news",
        "relationships_ordinary",
        "dark_humour",
        # Everyday idioms with risk words ("hang out", "cut corners", "drowning in laundry").
        "idioms",
        # v3's name for the same family (validation_v3.tsv keeps v3's category names).
        "idioms_with_risk_words",
        # v4's new hard negatives (validation_v4.tsv keeps v4's category names).
        "new_everyday_lyrics_poetry_language",
        "new_everyday_pets_garden_pests",
        "new_everyday_tech_jargon",
        # v5's new hard negatives (validation_v5.tsv keeps v5's category names).
        "new5_everyday_farewells_moving_decluttering",
        "new5_everyday_wills_funerals_admin",
        "new5_everyday_work_finance_jargon",
        # v6's new hard negatives (validation_v6.tsv keeps v6's category names).
        "new6_everyday_first_aid_safety_training",
        "new6_everyday_history_heritage_religion",
        "new6_everyday_weather_emergency_prep",
        # v7's new hard negatives (validation_v7.tsv keeps v7's category names).
        "new7a_everyday_dreams_nightmares",
        "new7b_everyday_pregnancy_baby_mundane",
        # v8's new hard negatives (validation_v8.tsv keeps v8's category names).
        "new8a_everyday_beauty_bodymod",
        "new8b_everyday_grim_jobs_shop_talk",
        # v9's new hard negatives (validation_v9.tsv keeps v9's category names).
        "new9a_everyday_home_garden_kitchen",
        "new9b_everyday_games_fiction",
        # v10's new hard negatives (validation_v10.tsv keeps v10's category names).
        "new10a_everyday_sports_fitness_jargon",
        "new10b_everyday_tech_computing",
        # v11's new hard negatives (validation_v11.tsv keeps v11's category names).
        "new11a_everyday_study_research_topics",
        "new11b_everyday_tech_jargon",
        # v12's new hard negatives (validation_v12.tsv keeps v12's category names).
        "new12a_everyday_study_research_topics",
        "new12b_everyday_tech_computing_jargon",
        # v13's new hard negatives (validation_v13.tsv keeps v13's category names).
        "new13a_everyday_academic_research_topics",
        "new13b_everyday_tech_computing",
        # v14's new hard negatives (validation_v14.tsv keeps v14's category names).
        "new14a_everyday_recovery_reflection",
        "new14b_everyday_pets_animals",
        "new15a_everyday_household_method_words",
        "new15b_everyday_wills_funeral_admin",
        # v16's new hard negatives: calm talk of news and history about deaths; first-aid and
        # safety training that describes emergencies as scenarios.
        "new16a_everyday_news_current_events",
        "new16b_everyday_firstaid_safety_training",
        # v17's: wordplay, translation and crosswords about death words; dieting, fasting and
        # cutting for sport.
        "new17a_everyday_language_wordplay",
        "new17b_everyday_diet_fasting_fitness",
        # v18's: giving things away and goodbyes when moving on; wishes to sleep for days, go
        # off-grid or check out of a hotel.
        "new18a_everyday_moving_on_goodbyes",
        "new18b_everyday_rest_and_unplugging",
        # tune_families_5.tsv's hard negatives, one class a family: farewells and moving with an
        # ordinary reason, wills and funerals, grief that is not acute, ordinary drinking, money,
        # something lost and found, ordinary safety talk (fire drills, locked out).
        "farewells_moving",
        "wills_admin",
        "grief_ordinary",
        "substance_ordinary",
        "finance_ordinary",
        "missing_ordinary",
        "personal_ordinary",
        # tune_families_6.tsv's new hard-negative classes: storms, floods, fires and gas alarms
        # prepared for or over with everyone fine; the tiredness and worries of new parents; a
        # night away from home by choice or plan.
        "weather_ordinary",
        "perinatal_ordinary",
        "homeless_ordinary",
        # tune_families_7.tsv's new hard-negative classes: dreams and nightmares told as dreams;
        # healthy dieting and fasting (religion, a blood test, with a doctor).
        "dreams_ordinary",
        "diet_ordinary",
        # tune_families_8.tsv's new hard-negative classes: pets dying or put down and pests
        # killed; tattoos, piercings and shaving told in pain words; grim jobs told as shop talk
        # (funerals, morgues, paramedics, vets, pest control, helplines).
        "pets_pests_ordinary",
        "bodymod_ordinary",
        "grim_jobs_ordinary",
        # tune_families_9.tsv's new hard-negative class: cleaning products, weedkiller, knives,
        # axes and alarms at home, in the garden and the kitchen, childproofing.
        "household_ordinary",
        # The everyday news sets' categories (validation_news_v4.tsv): ordinary and good news.
        *NEWS_CATEGORIES,
    }
)

CRISIS = "crisis"
GENTLE = "gentle"
UNSURE = "unsure"
NONE = "none"


def enabled() -> bool:
    """Whether the learned tier is switched on (CRISIS_LEARNED_TIER, default on)."""
    return (settings.CRISIS_LEARNED_TIER.raw() or "1").lower() not in {"0", "off", "false", "no"}


@dataclass(frozen=True)
class LearnedScore:
    """P(crisis) and the most likely crisis category (a dev-set category id); ``screened``:
    the cascade's screen cleared the message (p_crisis is then the screen's probability)."""

    p_crisis: float
    category: str
    screened: bool = False
    # Whether the encoder read the whole message (it reads the first MAX_TOKENS word pieces):
    # a long message with the risk at its end must not be silenced by a reading of its head.
    whole: bool = True
    # P(RECOVERY_CLASS): the message reads as recovery told in the past tense (see Thresholds).
    p_recovery: float = 0.0


@dataclass(frozen=True)
class Thresholds:
    low: float
    high: float
    veto: float
    clear: float = 0.0
    # A lexicon match the tier reads below ``veto`` is silenced when P(past_recovery) reaches
    # this (1.0: never). Why: proud recovery told with a time anchor ("a year clean", "back
    # then i wanted to die, now...") names the old risk in the lexicon's words, and the tier's
    # crisis mass on it sits between ``clear`` and ``veto``, so the resources still showed (the
    # retired v4 set: 8 of 35 proud recoveries). Chosen on validation like ``clear``: no crisis
    # message the lexicon catches there is silenced by it (RECOVERY_COST).
    recovery: float = 1.0


@dataclass(frozen=True)
class Screen:
    """The cascade's first stage: a binary logistic regression over lower-layer states."""

    layers: Tuple[int, ...]
    weights: np.ndarray  # (features,)
    bias: float
    threshold: float

    def probability(self, features: np.ndarray) -> float:
        return float(1.0 / (1.0 + np.exp(-(float(self.weights @ features) + self.bias))))


_WHITE_SPACES = re.compile(r"\s\s+")

# Register: both views read a message lower-cased, without sentence punctuation or quotes
# (apostrophes inside words and decimal points stay: "i'm", "can't", "2.5mg"). Why: the bot's own examples are typed the way
# people chat (lower case, no full stops) while many crisis lines of the tuning data are written
# out properly, so the tier learned the register itself: "Hello. I was told to try this app by
# my sister." scored 0.56 and "hello i was told to try this app by my sister" 0.19; "I just
# wanted to say thank you for yesterday." 0.71. A stranger's ordinary message, typed with care,
# must score as the same words typed in a hurry (session 11, tests/crisis/test_learned_tier.py).
_REGISTER_MARKS = re.compile(
    r"(?<!\d)\.|\.(?!\d)|[,!?;:\"\u201c\u201d\u201e\u00ab\u00bb()\[\]{}\u2026]+|(?<![\w])['\u2018\u2019]|['\u2018\u2019](?![\w])"
)


def plain_register(text: str) -> str:
    """The message as both views read it: lower case, curly apostrophes straightened, sentence
    punctuation and quotes gone, one space between words (idempotent)."""
    lowered = (text or "").lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(_REGISTER_MARKS.sub(" ", lowered).split())


class CharView:
    """Character n-gram view: sublinear TF-IDF over the n-grams of each word padded with spaces
    (sklearn's ``char_wb`` analyzer, lowercased), L2-normalised, then a multinomial logistic
    regression over the same classes as the encoder's classifier."""

    def __init__(
        self,
        vocabulary: Sequence[str],
        idf: np.ndarray,
        weights: np.ndarray,
        bias: np.ndarray,
        ngrams: Tuple[int, int] = CHAR_NGRAMS,
    ) -> None:
        self.index = {gram: i for i, gram in enumerate(vocabulary)}
        self.idf = idf.astype(np.float32)
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.ngrams = (int(ngrams[0]), int(ngrams[1]))
        if self.weights.shape != (len(self.bias), len(self.index)) or self.idf.shape != (
            len(self.index),
        ):
            raise ValueError("learned tier character view weights do not fit its vocabulary")

    def grams(self, text: str) -> List[str]:
        low, high = self.ngrams
        out = []
        for word in _WHITE_SPACES.sub(" ", text.lower()).split():
            word = f" {word} "
            for n in range(low, high + 1):
                out.extend(word[i : i + n] for i in range(max(1, len(word) - n + 1)))
                if len(word) <= n:  # a short word counts once (sklearn's char_wb)
                    break
        return out

    def vector(self, text: str) -> Tuple[np.ndarray, np.ndarray]:
        """(vocabulary indices, TF-IDF values) of the message's known n-grams."""
        counts: Dict[int, int] = {}
        for gram in self.grams(text):
            i = self.index.get(gram)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = (1.0 + np.log(np.array([counts[i] for i in idx], dtype=np.float32))) * self.idf[
            idx
        ]
        return idx, values / np.linalg.norm(values)

    def probabilities(self, text: str) -> np.ndarray:
        idx, values = self.vector(plain_register(text))
        logits = self.weights[:, idx] @ values + self.bias
        logits = logits - logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()


def decide(
    lexicon_matched: bool, score: Optional[LearnedScore], thresholds: Optional[Thresholds]
) -> str:
    """CRISIS, UNSURE or NONE for one message (see the module docstring). Without a score
    (tier off or failed) the lexicon alone decides."""
    if score is None or thresholds is None:
        return CRISIS if lexicon_matched else NONE
    if lexicon_matched:
        if score.screened:  # never happens from tiers.assess; a lexicon match is never cleared
            return CRISIS
        if score.p_crisis >= thresholds.veto:
            return CRISIS
        if score.whole and score.p_recovery >= thresholds.recovery:
            return NONE
        return GENTLE if score.p_crisis >= thresholds.clear or not score.whole else NONE
    if score.screened:
        return NONE
    if score.p_crisis >= thresholds.high:
        return CRISIS
    if score.p_crisis >= thresholds.low:
        return UNSURE
    return NONE


# --- run time ----------------------------------------------------------------------------


class LearnedTier:
    """Encoder + classifier weights; ``score(text)`` costs one encoder pass."""

    def __init__(
        self,
        encoder,
        classes: Sequence[str],
        weights: np.ndarray,
        bias: np.ndarray,
        thresholds: Thresholds,
        layers: Sequence[int] = LAYERS,
        screen: Optional[Screen] = None,
        chars: Optional[CharView] = None,
    ) -> None:
        self.encoder = encoder
        self.chars = chars
        if chars is not None and chars.weights.shape[0] != len(classes):
            raise ValueError("learned tier character view has other classes")
        self.classes = list(classes)
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.thresholds = thresholds
        self.layers = tuple(layers)
        self.screen = screen
        if screen is not None and screen.weights.shape != (encoder.dim * len(screen.layers),):
            raise ValueError("learned tier screen weights do not fit the encoder")
        self.crisis_mask = np.array([c not in EVERYDAY_CATEGORIES for c in self.classes])
        if self.weights.shape != (len(self.classes), encoder.dim * len(self.layers)):
            raise ValueError("learned tier weights do not fit the encoder")

    def features(self, text: str) -> np.ndarray:
        return self.encoder.pooled_layers(plain_register(text), self.layers)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = self.weights @ features + self.bias
        logits = logits - logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()

    def score(self, text: str, full: bool = False) -> LearnedScore:
        """One pass of the cascade: the screen on the lower layers (unless ``full`` or there is
        no screen) and, when it does not clear the message, the upper layers and the classifier."""
        from bot.crisis.encoder import MAX_TOKENS, pool

        text = plain_register(text)
        ids = self.encoder.tokenizer.encode(text)
        whole = len(ids) < MAX_TOKENS
        states = None
        # The character view costs ~0.1 ms: it runs first and votes in the screen too, so that a
        # message only it reads as risky (slang, misspelling) is never cleared early.
        char_probs = self.chars.probabilities(text or "") if self.chars is not None else None
        if self.screen is not None and not full:
            states = self.encoder.layer_states(ids, upto=max(self.screen.layers))
            p_gate = self.screen.probability(pool(states, self.screen.layers))
            if char_probs is not None:
                p_gate = (p_gate + float(char_probs[self.crisis_mask].sum())) / 2
            if p_gate < self.screen.threshold:
                return LearnedScore(p_crisis=p_gate, category="", screened=True, whole=whole)
        states = self.encoder.layer_states(ids, upto=max(self.layers), resume=states)
        probs = self.probabilities(pool(states, self.layers))
        if char_probs is not None:
            probs = (probs + char_probs) / 2
        crisis_probs = np.where(self.crisis_mask, probs, -1.0)
        category = self.classes[int(crisis_probs.argmax())]
        return LearnedScore(
            p_crisis=float(probs[self.crisis_mask].sum()),
            category=category,
            whole=whole,
            p_recovery=self.p_recovery(probs),
        )

    def p_recovery(self, probs: np.ndarray) -> float:
        """P(RECOVERY_CLASS) of a probability vector over ``classes`` (0 without the class)."""
        if RECOVERY_CLASS not in self.classes:
            return 0.0
        return float(probs[self.classes.index(RECOVERY_CLASS)])


def fingerprint() -> str:
    """What the weights depend on: the training data, the encoder's weights, the training code."""
    from bot.crisis import encoder

    digest = hashlib.sha256()
    for path in (*TUNE_PATHS, *VALIDATION_PATHS, *DOMAIN_PATHS, STRANGER_DEV_PATH):
        digest.update(path.read_bytes())
    digest.update(json.dumps(bot_chat_examples()).encode())
    digest.update(json.dumps(bot_chat_examples(distress=True)).encode())
    digest.update(json.dumps(old_set_rows()).encode())
    digest.update(encoder.WEIGHTS_SHA256.encode())
    digest.update(
        json.dumps(
            [
                LAYERS,
                C_REGULARISATION,
                CHAR_NGRAMS,
                CHAR_MIN_DF,
                CHAR_MAX_FEATURES,
                CHAR_C,
                FULL_ALARM_BUDGET,
                ASK_BUDGET,
                ASK_BUDGET_DOMAIN,
                VETO_COST,
                CLEAR_COST,
                RECOVERY_CLASS,
                RECOVERY_COST,
                RECOVERY_FLOOR,
                SCREEN_LAYERS,
                SCREEN_C,
                SCREEN_MARGIN,
                "screen averaged with the character view",
                "plain register",
                sorted(NOT_BOT_CHAT),
                encoder.MAX_TOKENS,
                sorted(EVERYDAY_CATEGORIES),
            ]
        ).encode()
    )
    return digest.hexdigest()


def load(path: Path = WEIGHTS_PATH, check_fingerprint: bool = True) -> LearnedTier:
    """Load the encoder and the classifier; raises on anything missing or malformed, and on
    stale weights when check_fingerprint (the bot itself warns and uses them: an edit to
    data/nlu must not switch the tier off in a deployment; `make validate` and a test fail)."""
    from bot.crisis.encoder import get_encoder

    with np.load(path, allow_pickle=False) as data:
        stored = str(data["fingerprint"])
        try:
            current = fingerprint()
        except OSError:  # deployed without the training data: nothing to compare with
            if check_fingerprint:
                raise
            current = stored
        if stored != current:
            if check_fingerprint:
                raise ValueError(f"{path} is stale: run python -m bot.crisis.learned --train")
            logger.warning(
                "crisis learned tier weights are stale: run python -m bot.crisis.learned --train"
            )
        thresholds = Thresholds(*(float(x) for x in data["thresholds"]))  # 4 or 5 values
        screen = None
        if "screen_weights" in data:
            screen = Screen(
                tuple(int(x) for x in data["screen_layers"]),
                data["screen_weights"].astype(np.float32),
                float(data["screen_bias"]),
                float(data["screen_threshold"]),
            )
        chars = None
        if "char_vocabulary" in data:
            chars = CharView(
                [str(g) for g in data["char_vocabulary"]],
                data["char_idf"],
                data["char_weights"],
                data["char_bias"],
                tuple(int(x) for x in data["char_ngrams"]),
            )
        tier = LearnedTier(
            get_encoder(),
            [str(c) for c in data["classes"]],
            data["weights"],
            data["bias"],
            thresholds,
            tuple(int(x) for x in data["layers"]),
            screen,
            chars,
        )
    return tier


@functools.lru_cache(maxsize=1)
def get_learned_tier() -> Optional[LearnedTier]:
    """The process-wide tier, or None (logged once) when it is off or cannot load."""
    if not enabled():
        logger.info("crisis learned tier switched off (%s); the lexicon decides alone", ENV_ENABLED)
        return None
    try:
        started = time.perf_counter()
        tier = load(check_fingerprint=False)
        logger.info("crisis learned tier loaded in %.1f s", time.perf_counter() - started)
        return tier
    except Exception:
        logger.exception("crisis learned tier could not load; the lexicon decides alone")
        return None


# --- build time --------------------------------------------------------------------------


def read_tsv(path: Path) -> List[Tuple[str, str]]:
    """``category<TAB>message`` lines; '#' comments and blank lines skipped."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        category, message = line.split("\t", 1)
        rows.append((category.strip(), message))
    return rows


def validation_rows() -> List[Tuple[str, str]]:
    """(category, message) of every validation file (thresholds are chosen on these only)."""
    return [row for path in VALIDATION_PATHS for row in read_tsv(path)]


def bot_chat_examples(distress: bool = False) -> List[str]:
    """Examples of the BOT_CHAT intents in data/nlu/*.yml (with ``distress``: of the
    BOT_DISTRESS ones instead), sorted (stable across edits that only move examples between
    files)."""
    examples = set()
    for path in sorted(NLU_DIR.glob("*.yml")):
        for item in (fast_yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if not isinstance(item, dict) or item.get("intent") in (None, CRISIS):
                continue
            if (item.get("intent") in NOT_BOT_CHAT) != distress:
                continue
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    # Entity annotations "[text](entity)" keep their text.
                    examples.add(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:].strip()))
    return sorted(e for e in examples if e)


def stranger_rows() -> List[Tuple[str, str]]:
    """(BOT_CHAT or BOT_DISTRESS, message) of the strangers' intents dev set, but for the lines
    next to passive ideation (STRANGER_NOT_EVERYDAY)."""
    rows = []
    for intent, message in read_tsv(STRANGER_DEV_PATH):
        if message not in STRANGER_NOT_EVERYDAY and intent != CRISIS:
            rows.append((BOT_DISTRESS if intent in NOT_BOT_CHAT else BOT_CHAT, message))
    return rows


def old_set_rows() -> List[Tuple[str, str]]:
    """(class, message) from tests/data/crisis/*_crisis.txt / *_everyday.txt and the main
    crisis.txt / everyday.txt, except the untuned pair."""
    rows = []
    for path in sorted(OLD_SETS_DIR.glob("*.txt")):
        if path.name.startswith("untuned_"):
            continue
        label = OLD_CRISIS if path.stem.endswith("crisis") else OLD_EVERYDAY
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                rows.append((label, line.strip()))
    return rows


def domain_messages() -> List[str]:
    """The non-crisis examples of DOMAIN_PATHS (see there)."""

    messages = []
    for path in DOMAIN_PATHS:
        for item in (fast_yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if item.get("intent") in (None, "crisis"):
                continue
            for line in str(item.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    messages.append(line.strip()[2:].strip())
    return messages


def choose_thresholds(
    p: np.ndarray,
    lexicon: np.ndarray,
    is_crisis: np.ndarray,
    p_domain: Optional[np.ndarray] = None,
    lexicon_domain: Optional[np.ndarray] = None,
    p_recovery: Optional[np.ndarray] = None,
) -> Thresholds:
    """Thresholds on validation.

    veto: the highest that tones down at most VETO_COST of the crisis messages the lexicon
    catches; clear: the highest that silences at most CLEAR_COST of them. high: the lowest that keeps the full alarm within FULL_ALARM_BUDGET of everyday
    messages, or, when the lexicon's own false alarms already exceed it, that adds at most half
    the budget to them. low: the lowest that asks directly on at most ASK_BUDGET of everyday
    messages the other rules leave alone, and on at most ASK_BUDGET_DOMAIN of the bot's own
    everyday messages (``p_domain``, DOMAIN_PATHS) when given.
    """
    everyday = ~is_crisis
    grid = np.round(np.arange(0.01, 1.0, 0.01), 2)
    caught = p[lexicon & is_crisis]
    veto = 0.0
    for candidate in grid:
        if caught.size and (caught < candidate).mean() > VETO_COST:
            break
        veto = float(candidate)
    clear = 0.0
    for candidate in np.round(np.arange(0.001, veto, 0.001), 3):
        if caught.size and (caught < candidate).mean() > CLEAR_COST:
            break
        clear = float(candidate)
    kept = lexicon & (p >= veto)
    budget = max(FULL_ALARM_BUDGET, kept[everyday].mean() + FULL_ALARM_BUDGET / 2)
    high = 1.0
    for candidate in sorted(grid, reverse=True):
        full = kept | (~lexicon & (p >= candidate))
        if full[everyday].mean() > budget:
            break
        high = float(candidate)
    full = kept | (~lexicon & (p >= high))
    low = high
    for candidate in sorted(grid[grid < high], reverse=True):
        ask = ~lexicon & (p >= candidate) & (p < high)
        if ask[everyday].mean() > ASK_BUDGET:
            break
        if p_domain is not None and p_domain.size:
            asked = ~lexicon_domain & (p_domain >= candidate) & (p_domain < high)
            if asked.mean() > ASK_BUDGET_DOMAIN:
                break
        low = float(candidate)
    recovery = 1.0
    if p_recovery is not None:
        # Crisis messages the lexicon catches and the tier reads below veto: the recovery
        # reading may silence none of them (RECOVERY_COST of them at most).
        exposed = np.sort(p_recovery[lexicon & is_crisis & (p < veto)])[::-1]
        allowed = int(np.floor(RECOVERY_COST * max(1, int((lexicon & is_crisis).sum()))))
        worst = float(exposed[allowed]) if exposed.size > allowed else 0.0
        recovery = min(1.0, max(RECOVERY_FLOOR, float(np.ceil((worst + 1e-9) * 100) / 100)))
    return Thresholds(
        low=float(low), high=float(high), veto=float(veto), clear=float(clear), recovery=recovery
    )


def _features(encoder, messages: List[str]) -> np.ndarray:
    """Pooled states of every layer, (messages, layers + 1, dim), kept per message under var/
    by what they depend on (embedding ~7,000 messages takes minutes; adding a few dozen lines
    of data should cost seconds, so only messages not yet in the store are embedded)."""
    from bot.crisis import encoder as encoder_module

    key = hashlib.sha256(
        json.dumps([encoder_module.MAX_TOKENS, encoder_module.WEIGHTS_SHA256]).encode()
    ).hexdigest()[:16]
    store_path = ROOT / "var" / "crisis_tier" / f"store-{key}.npz"
    messages = [plain_register(m) for m in messages]
    store: Dict[str, np.ndarray] = {}
    if store_path.exists():
        with np.load(store_path, allow_pickle=False) as data:
            store = dict(zip((str(k) for k in data["keys"]), data["features"], strict=True))
    digest = [hashlib.sha256(m.encode("utf-8")).hexdigest() for m in messages]
    every = tuple(range(encoder.layers + 1))
    missing = {d: m for d, m in zip(digest, messages, strict=True) if d not in store}
    for d, message in missing.items():
        store[d] = encoder.pooled_layers(message, every).reshape(len(every), -1).astype(np.float32)
    if missing:
        store_path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(store)
        # Written aside and renamed, so that two trainings sharing var/ never read half a file.
        partial = store_path.with_name(f"{store_path.stem}.{os.getpid()}.partial.npz")
        np.savez(partial, keys=np.array(keys), features=np.stack([store[k] for k in keys]))
        os.replace(partial, store_path)
    return np.stack([store[d] for d in digest]).astype(np.float32)


def _side_by_side(features: np.ndarray, layers: Sequence[int]) -> np.ndarray:
    return features[:, list(layers), :].reshape(len(features), -1)


def training_rows() -> List[Tuple[str, str]]:
    """(class, message): the tuning files, the bot's own everyday chat, the older sets."""
    rows = [row for path in TUNE_PATHS for row in read_tsv(path)]
    rows += [(BOT_CHAT, m) for m in bot_chat_examples()]
    rows += [(BOT_DISTRESS, m) for m in bot_chat_examples(distress=True)]
    return rows + stranger_rows() + old_set_rows()


def previous_weights(path: Path = WEIGHTS_PATH) -> Dict[str, np.ndarray]:
    """The arrays of the weights file as it stands (stale or not), or {} when there is none:
    training starts each fit from them (``warm_start``)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except (OSError, ValueError):
        return {}


def warm_start(
    clf,
    labels: Sequence,
    old_classes: Sequence,
    old_weights: Optional[np.ndarray],
    old_bias: Optional[np.ndarray],
    n_features: int,
    columns: Optional[Tuple[np.ndarray, np.ndarray]] = None,
) -> bool:
    """Start ``clf``'s lbfgs from an earlier fit: the regularised loss is convex, so the optimum
    is the one a cold start reaches (within the solver's tolerance), and when a few hundred
    rows of ~19,000 changed it is reached in a fraction of the iterations (a cold fit took most
    of a 20-30 minute retrain). Classes new since then start at zero; ``columns`` = (new, old)
    indices of the features both fits share (the character view's vocabulary moves). Returns
    whether it warm-started (nothing to start from, or another shape: a cold start)."""
    if old_weights is None or old_bias is None or len(old_classes) == 0:
        return False
    classes = sorted({str(c) for c in labels})
    old_index = {str(c): i for i, c in enumerate(old_classes)}
    binary = len(classes) == 2
    rows = classes[1:] if binary else classes
    weights = np.atleast_2d(np.asarray(old_weights, dtype=np.float64))
    bias = np.atleast_1d(np.asarray(old_bias, dtype=np.float64))
    # A binary fit stores one row (its second class), a multinomial one a row per class: a
    # start of the other kind would be a different parametrisation, so it is a cold start.
    if binary != (len(old_classes) == 2) or weights.shape[0] != len(old_classes) - binary:
        return False
    new_cols, old_cols = columns if columns is not None else (np.arange(n_features),) * 2
    if columns is None and weights.shape[1] != n_features:
        return False
    coef = np.zeros((len(rows), n_features))
    intercept = np.zeros(len(rows))
    for i, name in enumerate(rows):
        j = old_index.get(name)
        if j is None:
            continue
        j -= 1 if binary else 0
        coef[i, new_cols] = weights[j, old_cols]
        intercept[i] = bias[j]
    clf.set_params(warm_start=True)
    clf.coef_, clf.intercept_ = coef, intercept
    return True


def warm_start_from(
    clf,
    labels: Sequence,
    previous: Dict[str, np.ndarray],
    kind: str,
    n_features: int,
    classes: Optional[Sequence] = None,
    columns: Optional[Tuple[np.ndarray, np.ndarray]] = None,
) -> bool:
    """``warm_start`` from the arrays the weights file stores for one of its fits:
    ``{kind}weights`` and ``{kind}bias`` (kind "" for the classifier, "screen_" and "char_"),
    with the file's classes unless ``classes`` is given (the screen's are always False/True)."""
    return warm_start(
        clf,
        labels,
        previous.get("classes", ()) if classes is None else classes,
        previous.get(f"{kind}weights"),
        previous.get(f"{kind}bias"),
        n_features,
        columns,
    )


def fit_screen(
    features: np.ndarray,
    is_crisis: np.ndarray,
    layers: Sequence[int],
    previous: Optional[Dict[str, np.ndarray]] = None,
):
    """The cascade's screen: crisis vs everyday, classes balanced (it must not miss)."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=SCREEN_C, max_iter=5000, class_weight="balanced")
    previous = previous or {}
    x = _side_by_side(features, layers)
    if tuple(int(v) for v in previous.get("screen_layers", ())) == tuple(layers):
        warm_start_from(clf, is_crisis, previous, "screen_", x.shape[1], ["False", "True"])
    clf.fit(x, is_crisis)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def fit_char_view(
    messages: List[str],
    labels: List[str],
    classes: List[str],
    previous: Optional[Dict[str, np.ndarray]] = None,
) -> Tuple[CharView, Dict[str, np.ndarray]]:
    """The character view, fitted with sklearn, as a CharView and the arrays that store it."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=CHAR_NGRAMS,
        min_df=CHAR_MIN_DF,
        max_features=CHAR_MAX_FEATURES,
        sublinear_tf=True,
        dtype=np.float32,
    )
    x = vectorizer.fit_transform([plain_register(m) for m in messages])
    clf = LogisticRegression(C=CHAR_C, max_iter=5000)
    previous = previous or {}
    if "char_vocabulary" in previous:
        old = {str(t): i for i, t in enumerate(previous["char_vocabulary"])}
        shared = [(i, old[t]) for t, i in vectorizer.vocabulary_.items() if t in old]
        columns = (
            tuple(np.array(c, dtype=int) for c in zip(*shared, strict=True)) if shared else None
        )
        if columns is not None:
            warm_start_from(clf, labels, previous, "char_", x.shape[1], columns=columns)
    clf.fit(x, labels)
    if [str(c) for c in clf.classes_] != list(classes):
        raise ValueError("the two views were fitted on different classes")
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    arrays = {
        "char_vocabulary": np.array(vocabulary),
        "char_idf": vectorizer.idf_.astype(np.float16),
        "char_weights": clf.coef_.astype(np.float16),
        "char_bias": clf.intercept_.astype(np.float32),
        "char_ngrams": np.array(CHAR_NGRAMS),
    }
    view = CharView(
        vocabulary, arrays["char_idf"], arrays["char_weights"], arrays["char_bias"], CHAR_NGRAMS
    )
    return view, arrays


def screen_threshold(p_screen: np.ndarray, flagged: np.ndarray) -> float:
    """SCREEN_MARGIN times the lowest screen score of a validation crisis message the full
    tier flags: the screen clears nothing on validation that the full tier would have shown."""
    if not flagged.any():
        return 0.0
    # Stored as float32: round down, so the lowest flagged message itself is never cleared.
    return float(np.nextafter(np.float32(SCREEN_MARGIN * p_screen[flagged].min()), np.float32(0)))


def train(out: Path = WEIGHTS_PATH) -> Dict[str, float]:
    """Embed the training rows and validation, fit on the former, choose thresholds on
    validation, save."""
    from sklearn.linear_model import LogisticRegression

    from bot.crisis.encoder import get_encoder
    from bot.crisis.lexicon import detect

    encoder = get_encoder()
    rows, validation = training_rows(), validation_rows()
    started = time.perf_counter()
    x_train = _features(encoder, [m for _, m in rows])
    x_val = _features(encoder, [m for _, m in validation])
    print(
        f"embedded {len(rows) + len(validation)} messages in {time.perf_counter() - started:.0f} s"
    )
    labels = [c for c, _ in rows]
    previous = previous_weights(out)
    clf = LogisticRegression(C=C_REGULARISATION, max_iter=5000)
    x_layers = _side_by_side(x_train, LAYERS)
    if tuple(int(v) for v in previous.get("layers", ())) == LAYERS:
        warm_start_from(clf, labels, previous, "", x_layers.shape[1])
    started = time.perf_counter()
    clf.fit(x_layers, labels)
    print(f"fitted the classifier in {time.perf_counter() - started:.0f} s", flush=True)
    is_crisis_train = np.array([c not in EVERYDAY_CATEGORIES for c in labels])
    started = time.perf_counter()
    screen_w, screen_b = fit_screen(x_train, is_crisis_train, SCREEN_LAYERS, previous)
    print(f"fitted the screen in {time.perf_counter() - started:.0f} s", flush=True)
    classes = [str(c) for c in clf.classes_]
    started = time.perf_counter()
    chars, char_arrays = fit_char_view([m for _, m in rows], labels, classes, previous)
    print(f"fitted the character view in {time.perf_counter() - started:.0f} s", flush=True)
    tier = LearnedTier(
        encoder, classes, clf.coef_, clf.intercept_, Thresholds(0.5, 0.5, 0.5), LAYERS
    )
    char_val = np.array([chars.probabilities(m) for _, m in validation])
    probs_val = np.array(
        [
            (tier.probabilities(x) + c) / 2
            for x, c in zip(_side_by_side(x_val, LAYERS), char_val, strict=True)
        ]
    )
    p = probs_val[:, tier.crisis_mask].sum(axis=1)
    p_recovery = np.array([tier.p_recovery(row) for row in probs_val])
    lexicon = np.array([detect(m).matched for _, m in validation])
    is_crisis = np.array([c not in EVERYDAY_CATEGORIES for c, _ in validation])
    domain = domain_messages()
    x_domain = _side_by_side(_features(encoder, domain), LAYERS)
    p_domain = np.array(
        [
            ((tier.probabilities(x) + chars.probabilities(m)) / 2)[tier.crisis_mask].sum()
            for x, m in zip(x_domain, domain, strict=True)
        ]
    )
    lexicon_domain = np.array([detect(m).matched for m in domain])
    thresholds = choose_thresholds(p, lexicon, is_crisis, p_domain, lexicon_domain, p_recovery)
    screen = Screen(SCREEN_LAYERS, screen_w, screen_b, 0.0)
    # The gate LearnedTier.score applies: the screen averaged with the character view.
    p_screen = np.array([screen.probability(x) for x in _side_by_side(x_val, SCREEN_LAYERS)])
    p_screen = (p_screen + char_val[:, tier.crisis_mask].sum(axis=1)) / 2
    flagged = is_crisis & ~lexicon & (p >= thresholds.low)
    threshold = screen_threshold(p_screen, flagged)
    cleared = ~lexicon & (p_screen < threshold)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        classes=np.array(classes),
        weights=clf.coef_.astype(np.float32),
        bias=clf.intercept_.astype(np.float32),
        layers=np.array(LAYERS),
        thresholds=np.array(
            [
                thresholds.low,
                thresholds.high,
                thresholds.veto,
                thresholds.clear,
                thresholds.recovery,
            ]
        ),
        screen_layers=np.array(SCREEN_LAYERS),
        screen_weights=screen_w,
        screen_bias=np.array(screen_b, dtype=np.float32),
        screen_threshold=np.array(threshold, dtype=np.float32),
        **char_arrays,
        fingerprint=np.array(fingerprint()),
    )
    print(
        f"thresholds on validation: {thresholds}; screen threshold {threshold:.4f} clears "
        f"{cleared[~is_crisis].mean():.3f} of everyday and {cleared[is_crisis].mean():.3f} of "
        f"crisis messages (none the full tier flags); wrote {out.relative_to(ROOT)}"
    )
    return {"low": thresholds.low, "high": thresholds.high, "veto": thresholds.veto}


def is_stale(path: Path = WEIGHTS_PATH) -> bool:
    """Whether the committed weights no longer match their inputs (or are missing)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return str(data["fingerprint"]) != fingerprint()
    except (OSError, KeyError, ValueError):
        return True


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="train or check the learned crisis tier")
    parser.add_argument("--train", action="store_true", help="retrain and write the weights")
    parser.add_argument("--check", action="store_true", help="exit 1 when the weights are stale")
    args = parser.parse_args(argv)
    if args.train:
        train()
        return 0
    if is_stale():  # --check, and the default
        print("learned crisis tier is stale: run python -m bot.crisis.learned --train")
        return 1
    print("learned crisis tier weights are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
