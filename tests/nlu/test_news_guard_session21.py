"""Session 21's families (news v17's and intents v10's study halves): a happy secret told in the
words of lying and hiding, a mishap told with the injury's words and laughed off, a funeral paid
for ahead told as a chore ticked off; and, the other way, a limiting belief about "people like
me", a mind that keeps changing, depression said lightly and a grievance about work left to the
teller, which must never read as news. Each beside the distress told with the same words. Fresh
sentences, none from a set."""

from __future__ import annotations

import pytest

from bot.nlu.news_guard import (
    belief_limits,
    death_planned,
    feels_low,
    happy_secret,
    mishap_laughed_off,
    told_trouble,
)
from tests.support.news_guard import intent_of

HAPPY_SECRETS = [
    "been hiding the new bike in the neighbours shed till xmas morning, kids have NO idea",
    "Lied to my wife about the weekend — we're actually flying to rome for our anniversary",
    "secretly learning sign language so i can surprise my deaf grandad at his 90th",
    "sneaking round to my mums every evening to paint her kitchen, she thinks im at the gym lol",
    "pretending i forgot her birthday but the party's all booked 🤫",
]
SECRETS_THAT_HURT = [
    "been hiding my drinking from my wife since christmas",
    "secretly skipping meals again and lying to my mum about it",
    "pretending i'm fine at my own birthday party, nobody knows how i feel",
    "hiding the bruises from everyone at work, he says it was my fault",
    "keeping my debts secret from my husband, the anniversary is next week and im terrified",
    "havent told anyone im gay yet lol, family party on sunday",
]


@pytest.mark.parametrize("text", HAPPY_SECRETS)
def test_a_secret_kept_for_a_glad_reveal_is_news(text):
    assert happy_secret(text), text
    assert intent_of(text, "loneliness") == "share_news", text


@pytest.mark.parametrize("text", SECRETS_THAT_HURT)
def test_a_secret_kept_about_harm_a_habit_money_or_a_feeling_keeps_its_theme(text):
    assert not happy_secret(text), text
    assert intent_of(text, "mood_low") == "mood_low", text


MISHAPS = [
    "went flying on the wet floor at tesco, just a bruise, an old lady gave me a round of applause",
    "stubbed my toe on the bed AGAIN and screamed so loud the dog left the room 😂",
    "tripped up the stairs at my own wedding reception lol everyone cheered",
    "walked straight into a lamppost while texting, lamppost survived, my ego didnt",
    "burnt the pancakes, set off the fire alarm, kids think im hilarious",
]
MISHAPS_THAT_HURT = [
    "slipped on the ice and broke my wrist, in a&e now lol",
    "tripped in the canteen and the whole table laughed at me",
    "fell over again, third time this week, getting dizzy a lot 😅",
    "burnt myself on the oven and just sat there crying, haha typical",
    "got pushed off my bike by some lads, they were laughing",
]


@pytest.mark.parametrize("text", MISHAPS)
def test_a_mishap_laughed_off_is_news(text):
    assert mishap_laughed_off(text), text
    assert intent_of(text, "vent") == "share_news", text


@pytest.mark.parametrize("text", MISHAPS_THAT_HURT)
def test_a_mishap_with_real_hurt_or_mockery_is_not_laughed_off(text):
    assert not mishap_laughed_off(text), text
    assert intent_of(text, "vent") == "vent", text


def test_a_funeral_paid_for_ahead_as_a_chore_ticked_off_is_news_but_never_a_goodbye():
    for text in (
        "paid off my prepaid funeral this morning, done and dusted, then went for a swim",
        "sorted funeral cover for the two of us, no fuss, took ten minutes",
    ):
        assert death_planned(text), text
        assert intent_of(text, "mood_low") == "share_news", text
    for text in (
        "sorted a prepaid funeral, done and dusted, nobody will need to bother when im gone",
        "paid for my funeral plan today because i dont think ill be around much longer",
        "the funeral director was kind, mum's plan was all paid up before she died",
    ):
        assert not death_planned(text), text
        assert intent_of(text, "mood_low") == "mood_low", text


def test_a_limiting_belief_about_people_like_me_is_never_news():
    for text in (
        "lads from my estate dont go to uni, simple as",
        "women like me don't become pilots",
        "people from my village never get anywhere",
    ):
        assert belief_limits(text), text
        assert intent_of(text, "share_news", "limiting_belief") == "limiting_belief", text
    for text in (
        "people like me love a long walk on a sunday",
        "met some lads from my old school at the match, great laugh",
    ):
        assert not belief_limits(text), text
        assert intent_of(text, "share_news", "limiting_belief") == "share_news", text


def test_a_mind_that_keeps_changing_is_a_choice_still_open_not_news():
    assert told_trouble("i keep changing my mind about the flat, help")
    assert told_trouble("kept changing my mind all week on which uni to pick")
    assert (
        intent_of("keeps changing my mind about the job offer tbh", "share_news", "decision_help")
        == "decision_help"
    )
    assert not told_trouble("changed my mind and got the blue one, love it")


def test_depression_said_lightly_is_low_and_depressing_weather_is_not():
    for text in (
        "im a bit depressed today, no big deal",
        "been feeling kinda depressed since the holidays ended",
    ):
        assert feels_low(text), text
        assert intent_of(text, "share_news", "mood_low") == "mood_low", text
    for text in (
        "this weather is so depressing lol, anyway baked a cake",
        "the film was depressing but brilliant",
    ):
        assert not feels_low(text), text


def test_so_mad_and_work_left_to_the_teller_are_grievances_and_mad_for_a_thing_is_not():
    for text in (
        "they did nothing and i did everything on the project, so unfair",
        "im so mad, my flatmate ate my leftovers",
        "really mad at my brother rn",
    ):
        assert told_trouble(text), text
        assert intent_of(text, "share_news", "vent") == "vent", text
    for text in ("so mad for this new album, on repeat all day", "im mad keen on climbing now"):
        assert not told_trouble(text), text
