"""The retired v15 set's false-alarm families (the exclusions added with tune_families_15n.tsv,
issues #12 and #16): a risk word inside a frame that makes it not-self, not-now or not-real must
not raise the lexicon, and the crisis told in the same words must still escalate.

The frames: a thing (not a person) that falls into the sea or off a bridge; a bungee jump off a
bridge; out of breath from laughing; cutting weight for a weigh-in; choked out in a grappling
class; a person in crisis approached in a training drill; things that no longer exist; a product
or the sun that burned the skin; letters to a class or a team for an occasion; stabbed in the
back by a colleague or a friend; "is it about suicide?" of a line or a poem; an old quote used as
a screen name; the urge counted as gone for months; rope bought with its gear or purpose; a count
of time clean; what records code or count; "not suicidal anymore" with how long. The crisis twins: a person who wants to fall
or jump, breathless with blue lips, "need to cut" with no weigh-in, a partner who chokes, a friend
who is suicidal, "i wish i didn't exist", a lighter on the skin, letters for after, stabbed and
bleeding, "i think about suicide", the urge back tonight, rope "for tonight", a relapse after a
count, "not suicidal anymore, i've decided".

Every sentence here was written for this test (test_v15n_sentences_are_in_no_data_split checks
it), and each quiet one matched the lexicon before its exclusion (so each can fail). Only the
lexicon runs here; the learned tier's side of these families is in tune_families_15n.tsv and is
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
        "thing_falls": [
            "dreamt the moon fell into the sea and everyone clapped lol",
            "my phone fell off the bridge into the canal, 3 days old 😭",
            "the frisbee fell into the lake again, the dog was thrilled",
        ],
        "bungee": [
            "did a bungy jump off a bridge in queenstown for my 30th!!",
            "did a bungee jump from the crane at the fair, screamed the whole way",
        ],
        "laughing_breath": [
            "my nephew's impression of my dad, i literally could not breathe from laughing",
            "cant breathe from laughing at this video",
        ],
        "weight_cut": [
            "need to cut weight for the comp, living on chicken and rice",
            "i need to cut some water before the weigh in, sauna suit time",
        ],
        "grappling": [
            "first no gi class and i got choked out by a 60 year old, humbling",
            "mma sparring and i got choked out in the first round lol",
        ],
        "training_drill": [
            "in our crisis negotiation module we practised talking to a suicidal caller with an actor",
            "paramedic course role play today: responding to a self harming teenager, nerve wracking",
        ],
        "things_gone": [
            "writing a list of sweets that don't exist anymore, wispa gold anyone",
            "remember cinemas that don't exist anymore? the odeon on high street",
        ],
        "product_burn": [
            "that cheap fake tan burned my skin lol never again",
        ],
        "class_letters": [
            "wrote letters to my pupils for the last day, half of them made me cry",
            "writing letters to my scouts for the end of term camp",
        ],
        "backstab": [
            "my colleague stabbed me in the back in the meeting, took credit for the whole thing",
            "my mate literally stabbed me in the back over a girl",
        ],
        "text_question": [
            "is the poem actually about suicide or just about winter? teacher won't say",
            "was the song really about suicide? the band said it's about a breakup",
        ],
        "screen_name": [
            'had "i want to die" as my msn name for a whole year lol',
            "had 'nobody would miss me' as my myspace headline in 2007, cringe",
        ],
        "urge_gone": [
            "havent had a single self harm urge in six months, counting properly",
            "not had any suicidal thoughts since christmas, still going to therapy tho",
        ],
        "rope_gear": [
            "ordered rope and a harness for my first outdoor climb, eek",
            "bought rope for a tyre swing, the kids are going to lose it",
        ],
        "clean_count": [
            "8 months clean from self harm, proud of myself",
            "365 days clean from sh today, never thought i'd see it",
        ],
        "records_code": [
            "how do coroners record suicide in death certificates, for my dissertation",
            "how do gps code self-harm in their records",
        ],
        "not_anymore_for_ages": [
            "not suicidal anymore, havent felt that way in months, thank you therapy",
        ],
    }
)

# The crisis told in the same words next to each frame: each exclusion must leave it loud.
STILL_CRISIS = params(
    {
        "falls_twin": [
            "i want to fall into the sea and not come back up",
            "i keep thinking i'll just jump off the bridge on my way home",
        ],
        "bungee_twin": ["gonna jump off the bridge tonight, no rope no nothing"],
        "breath_twin": [
            "i cant breathe and my lips are going blue",
            "my lips are going blue and i cant breathe",
        ],
        "cut_twin": [
            "i need to cut, it's the only thing that helps",
            "need to cut tonight so bad",
        ],
        "choke_twin": [
            "my boyfriend choked me until i passed out last night",
            "he choked me after training because i was late",
        ],
        "drill_twin": [
            "my best friend is suicidal and won't talk to anyone",
            "i'm suicidal and i've got a plan",
        ],
        "exist_twin": ["i wish i didn't exist, everyone would be better off"],
        "burn_twin": ["i burned my skin with a lighter again tonight"],
        "letters_twin": [
            "wrote letters to my family for after i'm gone",
            "wrote goodbye letters to my kids, they're for after i'm gone",
        ],
        "stab_twin": ["he stabbed me in the back with a kitchen knife, there's so much blood"],
        "text_twin": [
            "i think about suicide every day",
            "is it normal to think about suicide all the time",
        ],
        "screen_twin": [
            "i'm so tired of being here",
            "honestly nobody would miss me if i was gone, not one person",
        ],
        "urge_twin": [
            "i haven't had a self harm urge in months but tonight i cut again",
            "no urges for ages and now i've got the blade out",
        ],
        "rope_twin": [
            "bought rope for tonight, i know where",
            "bought rope and i know which tree",
        ],
        "clean_twin": [
            "a year clean from self harm and tonight i cut again",
            "two years clean from self harm and i relapsed tonight, there's blood everywhere",
            "a year clean from self harm and i want to do it so badly tonight",
        ],
        "records_twin": ["i self harm and it's all in my records, nobody does anything"],
        "anymore_twin": ["not suicidal anymore, i've just made my mind up to kill myself"],
    }
)


@pytest.mark.parametrize("text", QUIET)
def test_each_v15_false_alarm_frame_stays_quiet(text):
    assert_quiet(text)


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_a_crisis_next_to_a_v15_frame_still_escalates(text):
    assert_escalates(text)


def test_v15n_classes_are_crisis_or_everyday_as_meant():
    """tune_families_15n.tsv is in the tuning paths; its crisis twins are crisis classes and its
    frames everyday ones."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_15N_PATH,
        crisis={
            "warning_signs",
            "suicide_plan",
            "suicidal_passive",
            "personal_danger",
            "self_harm",
            "medical_emergency",
            "harm_to_others",
        },
        everyday={
            "dark_humour",
            "hyperbole",
            "household_ordinary",
            "past_recovery",
            "daily_news",
            "medical_mundane",
            "games_fiction_media",
            "wills_admin",
            "news_and_study",
            "dreams_ordinary",
        },
        kinds={
            "medical_emergency": "medical",
            "personal_danger": "danger",
            "harm_to_others": "harm_to_others",
        },
        lines=(3, 16),
    )


def test_v15n_sentences_are_in_no_data_split():
    texts = [p.values[0] for p in QUIET + STILL_CRISIS]
    assert_in_no_data_split(texts)
