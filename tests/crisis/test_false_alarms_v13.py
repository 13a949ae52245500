"""The retired v13 set's false-alarm families (the exclusions added with tune_families_13n.tsv,
issues #12 and #16): a risk word inside a frame that makes it not-now or not-real must not
raise the lexicon, and the crisis told right next to each frame must still escalate.

The frames: an absence with a trip or a shift for its reason; a past crisis disclosed, written to a younger self or remembered as "just a
memory"; a risk word quoted and asked about as a term or a translation; a joke, a date or a
haircut "so bad i want to die"; a threat taken back in the same breath; kit, a grappling class
or the sun hurting the body; letters for one's children "to open one day"; a population studied
("more likely to die by suicide"), an exam prompt ("'...' discuss"), a book about someone else
escaping abuse. The crisis twins: a disclosure of a recent attempt, a relapse told against a
recovery, a joke that turns real, a threat "i'm not joking", a burn "on purpose", letters "for
after i'm gone", excitement with a crushing chest.

Every sentence here was written for this test (test_v13n_sentences_are_in_no_data_split checks
it). Only the lexicon runs here; the learned tier's side of these families is in
tune_families_13n.tsv and is measured when the tier is retrained.
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

# Each of these matched the lexicon before its exclusion (so each can fail).
PAST_TOLD = [
    "told my therapist about my past self-harm for the first time in years and it felt ok",
    "been talking to my little sister about my old suicide attempt so she knows she can come to me",
    "opened up to my gf about my old self harm last week, she just hugged me",
    "posted about my teenage suicide attempts on insta for awareness day and got so much love",
    "dear younger self who wanted to die: you made it, we made it",
    "the night i wanted to jump off that bridge is a memory now, not a feeling",
    "the winter i kept trying to overdose feels like a lifetime ago",
    "talking to my year 11s about my self-harm history next week, nervous but ready",
    "that summer when i tried to overdose is all in the past, i'm doing my masters now",
]
TERM_OR_TRANSLATION = [
    'is "kms" a real word or just gen z slang',
    "is 'unaliving' even a word or just something tiktok invented",
    'in spanish is "suicidarse" the same as "commit suicide"',
    'translate "i want to kill myself" to french for my lyrics assignment?? its a song about a breakup',
    'what\'s the french for "suicide", doing a translation for class',
]
JOKE_TARGET = [
    "that meme was so bad i want to die lmao",
    "that pun was so bad i want to die",
    "the date was so cringe i wanted to die",
    "my presentation was so embarrassing i wanted to die",
    "this haircut is so bad i want to die 😩",
]
THREAT_TAKEN_BACK = [
    "i'm going to kill my husband. i'm not, but he ate my birthday cake",
    "gonna kill my brother (im not, ill just hide his charger)",
    "i'll murder her - i won't, obviously, but the dishes!!",
]
KIT_AND_SUN = [
    "burnt my legs at the beach yesterday, forgot suncream",
    "burnt my shoulders at the beach, lobster mode",
]
LETTERS_ONE_DAY = [
    "wrote a letter for my daughter to read on her wedding day, cried happy tears",
]
STUDY_FRAME = [
    "teenagers are less likely to self harm when they have one trusted adult, says the study",
    "young people are more likely to self harm in exam season, for my dissertation",
    "why are farmers more likely to take their own lives",
    "what happens to the families of people who died by suicide, for my psych essay",
    '"Suicide is a selfish act." Discuss. RE homework, i disagree with it',
    "'the media should never report suicide.' discuss (a level sociology)",
    "reading a book about a girl escaping an abusive family, so gripping",
    "documentary about a mother who leaves a violent husband, cried the whole way",
    "a film about a teen leaving an abusive home, any recs",
    "any rules on covering self harm in the school paper? doing a piece on mental health",
    "ipso guidance on reporting suicide says no method details, summarise it for my exam",
]
# An absence announced with an ordinary reason (a trip, a visit, a shift), after it or before it.
AWAY_FOR_A_REASON = [
    "won't be here next week, i'm on holiday",
    "wont be around next week, on hols with the girls",
    "wont be around tomorrow, at my nan's for the weekend",
    "i won't be around much longer, my shift ends at 5",
    "on holiday so i won't be here next week",
    "at my nan's all weekend so won't be around tomorrow",
    "won't be here next week cos we're on holiday",
    "wont be here tomorrow, at a wedding in york",
    "not going to be around next week, no wifi at the campsite",
]
QUIET = params(
    {
        "away_for_a_reason": AWAY_FOR_A_REASON,
        "past_told": PAST_TOLD,
        "term_or_translation": TERM_OR_TRANSLATION,
        "joke_target": JOKE_TARGET,
        "threat_taken_back": THREAT_TAKEN_BACK,
        "kit_and_sun": KIT_AND_SUN,
        "letters_one_day": LETTERS_ONE_DAY,
        "study_frame": STUDY_FRAME,
    }
)

# The crisis that sits next to each frame: each exclusion must leave it loud.
STILL_CRISIS = params(
    {
        "past_told_twin": [
            "i've never told anyone about my suicide attempt last month",
            "i told my mum about my suicide attempt last night",
            "my old self harm scars opened up when i cut again last night",
            "my younger self wanted to die and honestly so do i now",
            "dear younger self, i want to die again today",
            "i still think about the night i stood on the bridge and i want to go back there tonight",
            "two years clean and i relapsed last night, cut deep",
        ],
        "joke_twin": [
            "i joke about it but i really want to die",
            "lol i make jokes but i actually want to kill myself",
            "the joke is i want to die and nobody laughs",
            "everything is so bad i want to die",
            "it was so bad i want to die",
        ],
        "threat_twin": [
            "i'm going to kill him, i'm not joking",
            "im gonna kill her, not kidding anymore she hurt my kid",
            "i'll kill him, i'm not joking, i'm on my way to his house now",
        ],
        "kit_twin": [
            "i burn my thigh with a lighter when it gets bad",
            "burned my arm with the iron on purpose",
            "burnt my leg on the radiator on purpose so it looked like an accident",
            "he choked me till i passed out",
        ],
        "letters_twin": [
            "i've written letters for my kids to open after i'm gone",
            "wrote letters for my kids, they'll need them soon",
            "wrote letters for my kids to read on the day they find me",
        ],
        "study_twin": [
            "i'm more likely to kill myself than pass this year",
            "i'm more likely to self harm when i'm alone at night, like last night",
            "i told my mum about my first suicide attempt, she doesn't know about the second",
            "how do i report a suicide, my neighbour is hanging in his garden",
            "my self harm history doesnt matter, i cut again last night",
            "my suicidal years are back and i want to die",
            "my husband is abusive and i'm escaping tonight",
        ],
        # The quoted-prompt frame needs real quote marks: apostrophes and "explain" are not it.
        "quote_twin": [
            "i can't explain it, i just want to end my life tonight",
            "i don't know how to explain it but i'm going to kill myself",
            "he chokes me when we fight and then says it won't happen again",
        ],
        # No ordinary reason named ("at peace", "a better place"), or the trip before a "but".
        "away_twin": [
            "won't be here next week, i'm going to end it",
            "i won't be here tomorrow, i'm at peace with it",
            "won't be around much longer, off to a better place",
            "i wont be here by monday. i've got the pills",
            "wont be around much longer, my shift ends at 5 and then i'm going to kill myself",
        ],
        "excitement_twin": [
            "i'm so excited but my chest is crushing and my left arm is numb",
        ],
    }
)


@pytest.mark.parametrize("text", QUIET)
def test_each_v13_false_alarm_frame_stays_quiet(text):
    assert_quiet(text)


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_a_crisis_next_to_a_v13_frame_still_escalates(text):
    assert_escalates(text)


def test_v13n_classes_are_crisis_or_everyday_as_meant():
    """tune_families_13n.tsv is in the tuning paths; its crisis twins are crisis classes and its
    frames everyday ones."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_13N_PATH,
        crisis={
            "self_harm",
            "suicidal_passive",
            "harm_to_others",
            "medical_emergency",
            "warning_signs",
        },
        everyday={
            "past_recovery",
            "news_and_study",
            "dark_humour",
            "cooking_sport_diy",
            "relationships_ordinary",
            "daily_news",
            "medical_mundane",
            "wills_admin",
        },
        kinds={"medical_emergency": "medical", "harm_to_others": "harm_to_others"},
        lines=(10, 16),
    )


def test_v13n_sentences_are_in_no_data_split():
    texts = [p.values[0] for p in QUIET + STILL_CRISIS]
    assert_in_no_data_split(texts)
