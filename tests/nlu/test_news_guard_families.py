"""Good news told in distress words, session 17's families (news v13's weakest): looking forward
told through the body with no word for joy, a diagnosis that answered a question, a death planned
for calmly by the living, a recovery milestone, and pleasure said in a few more of its usual forms. Each beside the
distress told with the same words, which must keep its theme. Fresh sentences, none from a set."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.news_guard import (
    death_planned,
    diagnosis_relief,
    good_news_framing,
    looking_forward,
    milestone,
    tells_hurt,
    tells_loss,
)
from tests.support.news_guard import guarded

THEME_RANKING = [
    {"name": "mood_low", "confidence": 0.77},
    {"name": "share_news", "confidence": 0.12},
    {"name": "anxious", "confidence": 0.07},
    {"name": "mood_great", "confidence": 0.04},
]


def intent_of(text):
    return guarded(text, THEME_RANKING).get(INTENT)["name"]


# The body's alarm and a wanted event soon, no word for joy.
LOOKING_FORWARD = [
    "cant eat a thing, we pick up the new puppy tmrw",
    "Heart thudding away. My first gig with the new band is on Saturday.",
    "been awake since 4, flying home to see my grandad in a few hours",
    "legs wont stop jiggling under the desk, honeymoon starts friday!!",
    "mind racing at 1am, the keys to our own place are ours tomorrow",
    "stomach's all fluttery, my best mate lands in 2 hours and i havent seen her since uni",
    "i literally cant sit still, cast off next week and i can ride my bike again",
]
# The same body, an event dreaded, or fear or sorrow beside it.
LOOKING_AHEAD_IN_DISTRESS = [
    "cant eat a thing, driving test tomorrow",
    "heart pounding, results come out in the morning",
    "stomach in knots, first date tonight and i'm terrified he won't turn up",
    "can't sleep, moving into the new flat tomorrow and i'll be completely alone there",
    "cant stop shaking, the wedding was in 3 weeks and now its called off",
    "i always get so nervous before parties and theres one tonight",
    "brain wont switch off, my surgery is on friday",
]


@pytest.mark.parametrize("text", LOOKING_FORWARD)
def test_the_body_before_a_wanted_event_is_news(text):
    assert looking_forward(text)
    assert intent_of(text) == "share_news"


@pytest.mark.parametrize("text", LOOKING_AHEAD_IN_DISTRESS)
def test_the_body_before_a_dreaded_or_lost_event_keeps_its_theme(text):
    assert not looking_forward(text)
    assert intent_of(text) == "mood_low"


# A diagnosis told as an answer.
DIAGNOSIS_RELIEF = [
    "finally got my dyspraxia diagnosis at 40 and it explains sooo much",
    "Got diagnosed with ADHD on Thursday. I'm not lazy, I never was. What a relief.",
    "coeliac diagnosis came back positive, so it wasn't in my head after all",
    "my daughters dyslexia assessment says she needs extra time, the school are on it, so glad",
    "diagnosed with hypothyroidism, proper meds now and i feel like me again, so happy",
]
DIAGNOSIS_IN_DISTRESS = [
    "i got the diagnosis and im terrified",
    "finally got diagnosed today and i just cried in the car",
    "diagnosed with cancer, at least there's finally a plan",
    "still waiting for a diagnosis, nobody can tell me anything",
    "the diagnosis explains nothing and i'm so angry",
    "got my autism diagnosis and honestly i'm not relieved at all",
]


@pytest.mark.parametrize("text", DIAGNOSIS_RELIEF)
def test_a_diagnosis_that_answered_a_question_is_news(text):
    assert diagnosis_relief(text)
    assert not tells_loss(text)
    assert intent_of(text) == "share_news"


@pytest.mark.parametrize("text", DIAGNOSIS_IN_DISTRESS)
def test_a_diagnosis_feared_grieved_or_serious_keeps_its_theme(text):
    assert not diagnosis_relief(text)
    assert not good_news_framing(text)
    assert intent_of(text) == "mood_low"


# A death planned for, calmly, by the living: with a laugh, pride or satisfaction shared.
DEATH_PLANNED = [
    "chose the songs for my funeral tonight lol, my husband says abba is not dignified",
    "Mum's written her own funeral plan and it's hilarious, she wants everyone in pink. we were in stitches",
    "made my will at 30 bc we bought a house, feel weirdly grown up",
    "picked out a wicker coffin with my gran for fun, she's very happy with it",
    "sat down with the solicitor and did our living wills, then laughed about it over lunch",
]
# A death that happened, grief beside the task, or affairs put in order (a warning sign).
DEATH_IN_DISTRESS = [
    "finally sorted the funeral, now i just feel empty",
    "planning dad's funeral lol what else can i do, he died on sunday",
    "wrote my will today. just wanted it done before the weekend",
    "made a playlist for my funeral lol, sent it to my sister just in case",
    "updated my will and left my passwords with my brother, everything's in order now",
    "picked my funeral song today, i'm so sad thinking about it",
    "gave away all my books and wrote my will, feels good to have it sorted",
]


@pytest.mark.parametrize("text", DEATH_PLANNED)
def test_a_death_planned_calmly_by_the_living_is_news(text):
    assert death_planned(text)
    assert not tells_loss(text)
    assert intent_of(text) in {"share_news", "mood_great"}


@pytest.mark.parametrize("text", DEATH_IN_DISTRESS)
def test_grief_and_affairs_put_in_order_are_never_promoted(text):
    assert not death_planned(text)
    assert not good_news_framing(text)
    assert intent_of(text) == "mood_low"


# Pleasure said in more of its usual forms, and a fright wanted again or ended in an offer.
GOOD_SAID_MORE = [
    "skipped the party on purpose and stayed in. feeling great",
    "Thought I'd hate the quiet once the kids moved out. I adore it.",
    "new short haircut, i absolutely love it",
    "long shift, then pizza and the match, ended on a high",
    "was petrified at the top of the zipline. would do it again tomorrow",
    "convinced i'd flunked the second interview and they offered me the job this morning",
]
GOOD_WORDS_UNDONE = [
    "everyone says i should be feeling great but i'm not",
    "i used to love it, now i dread every shift",
    "was terrified on the zipline and i'm never doing it again",
    "they offered me the job but i'm still worried sick about the move",
    "gave all my stuff away and i love it, nothing left to worry about",
]


@pytest.mark.parametrize("text", GOOD_SAID_MORE)
def test_pleasure_said_outright_is_news(text):
    assert good_news_framing(text)
    assert intent_of(text) == "share_news"


@pytest.mark.parametrize("text", GOOD_WORDS_UNDONE)
def test_pleasure_denied_or_turned_back_keeps_its_theme(text):
    assert not good_news_framing(text)
    assert intent_of(text) == "mood_low"


def test_what_i_want_told_is_not_a_request():
    text = "told my sister what i want for my birthday and she laughed, i love it"
    assert good_news_framing(text)
    assert not good_news_framing("i want a new job, i love it here less every day")


# A recovery milestone: time free of the old trouble, or the old inability told against today.
MILESTONES = [
    "18 months without a cigarette as of this morning, treated myself to new trainers",
    "Three years off the booze today. Took the kids to the zoo to celebrate.",
    "a year ago i couldnt answer the door, today i hosted book club at mine",
    "4 years free from that awful relationship, got my own place and a cat called Pickle",
]
# The same count told at a relapse, with an urge, or with the milestone turned back.
MILESTONE_IN_DISTRESS = [
    "relapsed last night after 9 months clean",
    "two years sober and the craving is back worse than ever",
    "6 months clean and i'm about to throw it all away",
    "a year sober but i still feel empty every day",
    "5 weeks without a drink and honestly it's so hard",
    "3 months sober, got drunk at the works do last night",
]


@pytest.mark.parametrize("text", MILESTONES)
def test_a_recovery_milestone_is_news(text):
    assert milestone(text)
    assert intent_of(text) in {"share_news", "mood_great"}


@pytest.mark.parametrize("text", MILESTONE_IN_DISTRESS)
def test_a_relapse_or_an_urge_beside_the_count_keeps_its_theme(text):
    assert not milestone(text)
    assert intent_of(text) == "mood_low"


def test_a_row_in_a_day_that_ended_well_is_mended():
    assert not tells_hurt(
        "argued with my flatmate about the bins, then pizza and it ended on a high"
    )
    assert tells_hurt("argued with my flatmate about the bins again, the evening ended in silence")


def test_a_proud_parent_with_a_quiet_house_is_news():
    assert good_news_framing(
        "Daughter started her nursing degree 300 miles away. Proud dad. Very quiet kitchen."
    )
    assert not good_news_framing(
        "proud mum, but the house is so empty without her and i can't stop crying"
    )
