"""The retired v14 set's false-alarm families (the exclusions added with tune_families_14n.tsv,
issues #12 and #16): a risk word inside a frame that makes it not-now or not-real must not
raise the lexicon, and the crisis told right next to each frame must still escalate.

The frames: a first attempt at a dish or a craft; beaten in a game or a race, told with a laugh
or a score; a place set at the table for someone; a death "announced" in joy at good news; a new
or someone else's medicine "working" as treatment; a risk word as the topic of a review, a report
or research nouns, and warning signs listed for a course; blood in business talk ("bleeding
cash"); "how not to die" as a safety lesson; "is X a real word" without quote marks; the old
thought named with how long it has been gone; a crisis lived through at an age and the helping
work done now. The crisis twins: a first or second attempt at ending it, a beating after a game,
a place and a time set, a goodbye after taking pills, pills "working" after the whole box,
warning signs that are "all me right now", the urge to bleed, an old thought that is back.

Every sentence here was written for this test (test_v14n_sentences_are_in_no_data_split checks
it), and each quiet one matched the lexicon before its exclusion (so each can fail). Only the
lexicon runs here; the learned tier's side of these families is in tune_families_14n.tsv and is
measured when the tier is retrained.
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

QUIET = params(
    {
        "craft_attempt": [
            "my first attempt at sourdough came out like a brick lol",
            "my first attempt at pastry, my nan would be horrified",
        ],
        "beaten_in_a_game": [
            "my dad and i did the crossword and he beat me again",
            "rematch at mario kart tonight, she beat me twice 😂",
        ],
        "place_at_the_table": [
            "we always set a place for grandad at christmas dinner",
            "at weddings we set a place for my nan with a candle",
        ],
        "joy_death": [
            "they followed me back 😭 dead lol please tell my friends i love them",
            "new album at midnight, i have perished. please tell my family i love them",
        ],
        "medicine_working": [
            "her new epilepsy meds are working, first seizure free month",
            "the tablets are working so well for my migraines",
            "his new blood pressure tablets are working, gp is happy",
        ],
        "topic_of_study": [
            "doing a systematic review of self harm interventions for adolescents, need search terms",
            "our briefing on domestic abuse funding got cut from the agenda",
            "safeguarding training today covered the warning signs of self-harm in primary kids",
            "any suicide prevalence data by county? its for a public health report",
            "the council's report into domestic violence across the borough came out today",
        ],
        "survival_lesson": [
            "mountain safety course, a whole day of how not to die on a hill",
            "watched a documentary on how not to die in the desert, fascinating",
        ],
        "word_question": [
            "is kms an actual word or just something teens type",
            "is unaliving a real term or just tiktok slang",
        ],
        "old_thought_gone": [
            "used to think about suicide loads at uni, haven't in years, therapy really works",
            "i used to want to die most mornings. havent felt it for months",
        ],
        "survivor_helping": [
            "was abused as a kid and now i volunteer at the children's helpline, full circle",
            "self-harming at school, now i'm a nurse on a teen ward",
        ],
    }
)

# The crisis that sits next to each frame: each exclusion must leave it loud.
STILL_CRISIS = params(
    {
        "attempt_twin": [
            "my first attempt was at 15, this would be my second",
            "my second attempt at ending it didn't work",
            "this is my last attempt, i've got the rope",
        ],
        "beaten_twin": [
            "after the game he beat me up in the car park",
            "my dad beat me after the football because we lost",
        ],
        "place_twin": [
            "i've set a place and a time, it's happening sunday",
            "i've picked the place to do it",
        ],
        "goodbye_twin": [
            "i've taken all of them. please tell my family i love them",
            "i'm dead inside. please tell my family i love them",
            "if i'm gone by morning please tell my mum i love her",
        ],
        "pills_twin": [
            "the pills are working now, i feel so sleepy, i took the whole box",
            "took all of them an hour ago, the meds are kicking in",
        ],
        "study_twin": [
            "i self harm and i need someone to talk to tonight",
            "the warning signs of suicide are all me right now, i've got the pills here",
            "i'm writing a report on my own self harm for my therapist, i cut again last night",
            "domestic violence is happening in my house right now, he's hitting mum",
        ],
        "bleed_twin": [
            "i need to bleed, it's the only thing that helps",
            "i want to bleed tonight",
        ],
        "lesson_twin": ["i don't know how not to die anymore"],
        "word_twin": [
            "i'm going to unalive myself tonight",
            "everyone would be better off, i should just die. is that a real word for how i feel",
        ],
        "old_thought_twin": [
            "i used to want to die and i haven't stopped, it's worse tonight",
            "i used to want to die. haven't felt that since i left him but tonight i want to die again",
        ],
        "survivor_twin": [
            "i was trafficked at 19 and now i'm being held again, they took my passport",
            "i was abused as a kid and now i'm being abused again by my husband",
        ],
    }
)


@pytest.mark.parametrize("text", QUIET)
def test_each_v14_false_alarm_frame_stays_quiet(text):
    assert_quiet(text)


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_a_crisis_next_to_a_v14_frame_still_escalates(text):
    assert_escalates(text)


def test_v14n_classes_are_crisis_or_everyday_as_meant():
    """tune_families_14n.tsv is in the tuning paths; its crisis twins are crisis classes and its
    frames everyday ones."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_14N_PATH,
        crisis={"warning_signs", "medical_emergency", "trapped_disaster", "suicidal_passive"},
        everyday={
            "farewells_moving",
            "wills_admin",
            "daily_news",
            "medical_mundane",
            "past_recovery",
            "relationships_ordinary",
            "hyperbole",
        },
        kinds={
            "medical_emergency": "medical",
            "trapped_disaster": "disaster",
            "personal_danger": "danger",
            "poisoning": "medical",
        },
        lines=(4, 16),
    )


def test_v14n_sentences_are_in_no_data_split():
    texts = [p.values[0] for p in QUIET + STILL_CRISIS]
    assert_in_no_data_split(texts)
