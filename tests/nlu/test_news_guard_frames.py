"""Good news told in distress words, session 18's families (news v14's and intents v7's study
halves): tears at a glad occasion, an ending the teller chose told with relief, a scare told by
its small outcome, helping others, a glad plan or a new start, and a few forms of pleasure and
of trouble said outright. Each beside the distress told with the same words (much of it in the
past tense), which must keep its theme. Fresh sentences, none from a set."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT

from bot.nlu.news_guard import (
    asks,
    benign_outcome,
    glad_ending,
    glad_plan,
    good_news_framing,
    grumbles,
    happy_tears,
    helping_others,
    looking_forward,
    milestone,
    tells_loss,
    told_trouble,
)
from tests.support.news_guard import guarded

THEME_RANKING = [
    {"name": "mood_low", "confidence": 0.71},
    {"name": "vent", "confidence": 0.16},
    {"name": "share_news", "confidence": 0.09},
    {"name": "mood_great", "confidence": 0.04},
]
NEWS_RANKING = [
    {"name": "share_news", "confidence": 0.62},
    {"name": "vent", "confidence": 0.3},
    {"name": "mood_low", "confidence": 0.08},
]


def intent_of(text, ranking=THEME_RANKING):
    return guarded(text, ranking).get(INTENT)["name"]


# Tears at a glad occasion or at a story chosen for its tears.
HAPPY_TEARS = [
    "bawled my eyes out at my brothers wedding, the vows got me",
    "we heard the heartbeat at the 12 week ultrasound and i was in bits, crying like an idiot",
    "My son's graduation today. Tears everywhere, mostly mine.",
    "watched coco with the kids and we all sobbed, what a film",
    "the whole office clapped at my leaving do and i welled up",
    "she said yes!! we both cried",
]
# Tears with sorrow, fear, harm or exhaustion beside them: never news.
TEARS_IN_DISTRESS = [
    "cried at my cousins wedding because everyone had someone and i'm alone",
    "i cried all the way home from the hospital",
    "cried myself to sleep after watching our wedding video, i miss him",
    "the baby won't settle and i cried in the bath again",
    "i sobbed through the whole film, i cant stop crying every night lately",
    "my dad shouted at me at my graduation and i cried in the toilets",
]


@pytest.mark.parametrize("text", HAPPY_TEARS)
def test_tears_at_a_glad_occasion_are_news(text):
    assert happy_tears(text)
    assert intent_of(text) == "share_news"


@pytest.mark.parametrize("text", TEARS_IN_DISTRESS)
def test_tears_with_sorrow_beside_them_keep_their_theme(text):
    assert not good_news_framing(text)
    assert intent_of(text) == "mood_low"


# An ending the teller chose, told with relief.
GLAD_ENDINGS = [
    "broke up with him last month and honestly i feel so much lighter",
    "quit the job that was grinding me down, feel freer already",
    "Cut ties with that friend who only ever took. Feel calmer than I have in years.",
    "moved out of the damp flat and i'm so relieved",
    "deleted the apps, no regrets",
]
# The same endings with hurt, loss, regret or a but: never news, and a break-up is still a loss.
ENDINGS_THAT_HURT = [
    "broke up with him last month and i feel so empty",
    "quit my job and i'm relieved but scared about money",
    "cut ties with everyone, feel calmer now",
    "moved out and i miss the old place so much",
    "broke up with my girlfriend, should feel relieved but i just cry",
]


@pytest.mark.parametrize("text", GLAD_ENDINGS)
def test_an_ending_chosen_and_told_with_relief_is_news(text):
    assert glad_ending(text)
    assert not tells_loss(text)
    assert intent_of(text) == "share_news"


@pytest.mark.parametrize("text", ENDINGS_THAT_HURT)
def test_an_ending_told_with_hurt_or_regret_keeps_its_theme(text):
    assert not good_news_framing(text)
    assert intent_of(text) == "mood_low"


def test_a_break_up_told_without_relief_is_still_a_loss():
    assert tells_loss("we broke up last night")
    assert tells_loss("broke up with me by text, i feel awful")


# A scare told by its small outcome, no word for the fear.
BENIGN = [
    "x-ray clear, just a sprain, hobbling about with a bag of peas on it",
    "fell off the ladder but nothing broken, just bruised",
    "my sons fever is down and he's asking for toast, it was just a virus",
    "the flood warning was lifted overnight",
    "left my bag on the train and it got handed in with everything still in it!!",
]
# The outcome negated, only hoped for, or the worry still here.
NOT_BENIGN_YET = [
    "waiting on the x-ray, hoping it's just a sprain",
    "they said it was just a virus but he's still getting worse and i'm still worried sick",
    "scan results aren't clear, they want to see me again",
    "praying it's nothing serious",
]


@pytest.mark.parametrize("text", BENIGN)
def test_a_scare_told_by_its_small_outcome_is_news(text):
    assert benign_outcome(text)
    assert intent_of(text) == "share_news"


@pytest.mark.parametrize("text", NOT_BENIGN_YET)
def test_an_outcome_hoped_for_or_undone_keeps_its_theme(text):
    assert not good_news_framing(text)
    assert intent_of(text) == "mood_low"


# Helping others: a role, a donation or a training.
HELPING = [
    "started volunteering at the food bank on saturdays, love it",
    "gave blood for the 10th time today, got a little badge",
    "did my mental health first aid training at work, really good course",
    "signed up as a befriender for older people in my area",
    "Our street raised £600 for the hospice with a cake sale",
]
# Harm seen while helping, everything given away, a last act, or the teller's own trouble.
HELPING_UNDONE = [
    "saw a volunteer hit one of the residents at the home and i dont know who to tell",
    "donated all my things to charity, i won't need them where i'm going",
    "volunteering at the shelter but i feel so empty all the time",
    "gave blood and now i've got a crushing pain in my chest",
]


@pytest.mark.parametrize("text", HELPING)
def test_helping_others_is_news(text):
    assert helping_others(text)
    assert intent_of(text) == "share_news"


@pytest.mark.parametrize("text", HELPING_UNDONE)
def test_harm_seen_or_belongings_given_away_keep_their_theme(text):
    assert not good_news_framing(text)
    assert intent_of(text) == "mood_low"


# A wanted event planned or begun.
GLAD_PLANS = [
    "me and the girls are planning a trip to lisbon in may",
    "just booked our honeymoon!!",
    "Moved into our new house on friday, boxes everywhere",
    "got the keys today",
    "we're going on holiday to crete next week",
]
# A plan that tells harm, an end or a forced event, or a new start that hurts.
PLANS_UNDONE = [
    "booked my one way ticket for tonight, nobody will miss me",
    "i'm going to kill him when he gets home, he's booked a trip on my birthday",
    "my parents are planning my wedding to a man i've never met and i can't leave",
    "moved into my new flat and i don't know anyone here, it's so lonely",
    "planning a trip to see my dad in hospital, they say it's the last chance",
]


@pytest.mark.parametrize("text", GLAD_PLANS)
def test_a_glad_plan_or_a_new_start_is_news(text):
    assert glad_plan(text)
    assert intent_of(text) == "share_news"


@pytest.mark.parametrize("text", PLANS_UNDONE)
def test_a_plan_of_harm_or_a_new_start_that_hurts_keeps_its_theme(text):
    assert not good_news_framing(text)
    assert intent_of(text) == "mood_low"


def test_pleasure_said_in_a_few_more_forms_is_news():
    for text in (
        "did a 5k this morning, feel so much better",
        "pay rise came through, i may combust with joy",
        "sold my car and bought a camper van, never felt freer",
    ):
        assert intent_of(text) == "share_news", text
    for text in ("i don't feel much better", "should feel much better by now but i dont"):
        assert intent_of(text) == "mood_low", text


def test_the_old_trouble_gone_is_a_milestone():
    assert milestone("six months of therapy and my panic attacks are basically gone")
    assert intent_of("my nightmares have finally stopped") == "share_news"
    assert not milestone("my panic attacks are gone but i've started drinking again")


def test_tonights_the_night_is_soon():
    assert looking_forward("tonights my first gig, butterflies everywhere")


def test_a_thing_that_trolls_the_teller_is_a_grumble_not_out_of_scope():
    ranking = [
        {"name": "out_of_scope", "confidence": 0.66},
        {"name": "share_news", "confidence": 0.3},
    ]
    text = "every time i wash the car it rains, the weather is trolling me"
    assert grumbles(text)
    assert intent_of(text, ranking) == "share_news"


# Trouble said outright, which the news guard must not meet as news: a grievance with a repeat
# or work not shared, a low season, "not great" as the whole answer.
TROUBLE = [
    "my housemate used my shampoo AGAIN and acted like it was nothing",
    "group assignment and the other two did absolutely nothing",
    "i always get low in january",
    "not great tbh",
    "im not doing well today",
]


@pytest.mark.parametrize("text", TROUBLE)
def test_trouble_said_outright_is_not_news(text):
    assert told_trouble(text)
    assert intent_of(text, NEWS_RANKING) == "vent"


def test_not_great_at_a_skill_and_not_the_best_day_are_not_trouble():
    for text in (
        "im not great at baking but the cake came out fine",
        "not the best day but not a bad one either, had a nice dinner",
        "my flatmate used my shampoo again lol, smells amazing on her",
    ):
        assert not told_trouble(text), text
        assert intent_of(text, NEWS_RANKING) == "share_news", text


# A request for an exercise said as a wish or asked in a first clause: never news.
EXERCISE_REQUESTS = [
    "i want to try a short meditation",
    "I'd like to do a breathing exercise",
    "we could do with a grounding technique rn",
    "got any tips for nerves? big presentation in 10 mins",
]


@pytest.mark.parametrize("text", EXERCISE_REQUESTS)
def test_a_wish_for_an_exercise_is_a_request_not_news(text):
    assert asks(text)
    ranking = [
        {"name": "share_news", "confidence": 0.55},
        {"name": "request_exercise", "confidence": 0.4},
    ]
    assert intent_of(text, ranking) == "request_exercise"


def test_an_exercise_told_as_done_or_wished_in_the_past_is_news():
    for text in (
        "i wanted to try meditation for ages and finally did 10 days in a row",
        "did a breathing exercise before my driving test and passed!",
    ):
        assert not asks(text), text
        assert intent_of(text, NEWS_RANKING) == "share_news", text
