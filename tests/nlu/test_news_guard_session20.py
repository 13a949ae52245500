"""Session 20's families (news v16's and intents v9's study halves): a fresh start chosen and
looked forward to, hunger told as violence, the body's alarm set off by good news, a dream told by
its night, a milestone counted from the last attack, a diagnosis told as being told, a storm that
passed the town by, someone else's joy and a good day had, a happy mess at a glad occasion, a
grumble disowned or blamed on a thing, a glad plan with company asked round; and the grievances
and the loneliness that must not read as news. Each beside the distress told with the same words.
Fresh sentences, none from a set."""

from __future__ import annotations

import pytest

from bot.nlu.news_guard import (
    annoyed,
    craving,
    diagnosis_relief,
    disowned_grumble,
    dream_told,
    fresh_start,
    glad_plan,
    good_news_framing,
    good_said,
    grumbles,
    happy_tears,
    jitters_of_good_news,
    milestone,
    tells_lonely,
    turned_on_self,
    worry_resolved,
)
from tests.support.news_guard import intent_of

FRESH_STARTS = [
    "packed up the flat and moving to lisbon next month, new chapter, cant wait!!",
    "Starting over at 52 — new career in landscaping and honestly I'm loving it",
    "quit the bank to retrain as a plumber, first week done and i'm buzzing",
    "bye bye city life, hello hens and muddy boots",
]
FRESH_STARTS_FLED = [
    "need a fresh start somewhere nobody can find me, i won't be coming back",
    "starting over after the divorce and i feel so alone in the new place",
    "new life? i just want to disappear, im so ready to go",
    "had to leave everything behind because of him, fresh start they call it",
]


@pytest.mark.parametrize("text", FRESH_STARTS)
def test_a_fresh_start_looked_forward_to_is_news(text):
    assert fresh_start(text), text
    assert intent_of(text, "loneliness") == "share_news"


@pytest.mark.parametrize("text", FRESH_STARTS_FLED)
def test_a_fresh_start_fled_forced_or_feared_keeps_its_theme(text):
    assert not fresh_start(text), text
    assert intent_of(text, "loneliness") == "loneliness"


def test_hunger_told_as_violence_is_news_but_not_for_a_person_rest_or_an_end():
    for text in (
        "that lasagne was unreal, i would literally kill for seconds",
        "omg these brownies are to die for",
        "id murder a bacon roll rn. actually id kill for a bacon roll",
    ):
        assert craving(text), text
        assert intent_of(text, "vent") == "share_news", text
    for text in (
        "i'd kill for some sleep, the baby's been up every hour",
        "i would die for a way out of all this",
        "id kill for someone to actually care",
        "i could kill him for what he said",
    ):
        assert not craving(text), text
        assert intent_of(text, "vent") == "vent", text


def test_the_bodys_alarm_set_off_by_good_news_is_news():
    for text in (
        "hands still trembling, she said YES!! we're engaged",
        "heart was going like mad opening the email and i got in",
        "legs like jelly, i passed my test first time",
    ):
        assert jitters_of_good_news(text), text
        assert intent_of(text, "anxious") == "share_news", text
    for text in (
        "still shaking, i passed out on the bus and nobody helped",
        "heart pounding, they offered me the job but i'm terrified i'll fail",
        "shaking all over, i got in but i don't think i can do it",
    ):
        assert not good_news_framing(text), text
        assert intent_of(text, "anxious") == "anxious", text


def test_the_alarm_that_can_barely_sit_still_is_the_bodys():
    assert (
        intent_of(
            "open house at the shelter tmrw and we can barely sit still, so excited", "anxious"
        )
        == "share_news"
    )
    assert (
        intent_of("can hardly sleep, so anxious about the results tomorrow", "anxious") == "anxious"
    )


def test_a_dream_told_by_its_night_is_news_and_a_bad_one_is_not():
    for text in (
        "dream last night: i was teaching my gran to skateboard",
        "Weird dream, the moon was made of cheese and my boss was a mouse",
    ):
        assert dream_told(text), text
        assert intent_of(text, "out_of_scope") == "share_news", text
    for text in (
        "dream last night: my brother was alive again and i woke up sobbing",
        "weird dream again, same one every night, someone chasing me",
    ):
        assert not dream_told(text), text
        assert intent_of(text, "out_of_scope") != "share_news", text


def test_a_milestone_counted_from_the_last_attack_is_news_unless_it_came_back():
    for text in (
        "six months since my last panic attack!! never thought id say that",
        "2 years since my last seizure, got my licence back today",
    ):
        assert milestone(text), text
        assert intent_of(text, "anxious") == "share_news", text
    for text in (
        "a year since my last panic attack and now they're back worse than ever",
        "three weeks since my last drink and the cravings are unbearable",
    ):
        assert not milestone(text), text
        assert intent_of(text, "anxious") == "anxious", text


def test_a_diagnosis_told_as_being_told_is_relief_unless_feared_or_serious():
    for text in (
        "got told i have dyslexia at 30, so im not thick after all, makes so much sense",
        "turns out i'm autistic and honestly everything finally makes sense",
    ):
        assert diagnosis_relief(text), text
        assert intent_of(text, "limiting_belief") == "share_news", text
    for text in (
        "got told i have MS and im terrified",
        "found out i have a tumour, they said it explains the headaches",
        "got told i have to move out by friday",
    ):
        assert not diagnosis_relief(text), text
        assert intent_of(text, "limiting_belief") == "limiting_belief", text


def test_a_storm_that_passed_the_town_by_is_news_and_one_that_hit_is_not():
    for text in (
        "the wildfire turned away from our valley overnight, everybody is safe",
        "storm missed us completely!! kids are fine, garden furniture not so much lol",
        "tree came down on the road but nobody was hurt",
    ):
        assert worry_resolved(text) or good_news_framing(text), text
        assert intent_of(text, "loneliness") == "share_news", text
    for text in (
        "everyone is safe except my dog, we cant find him",
        "the flood took the ground floor, everyone's fine but i cant stop crying",
        "the fire passed through our street last night and took the house",
    ):
        assert not good_news_framing(text), text
        assert intent_of(text, "loneliness") == "loneliness", text


def test_someone_elses_joy_and_a_good_day_had_are_news():
    for text in (
        "my son rang from uni all excited, he got into the football team",
        "came dead last in the fun run but the kids absolutely loved it",
        "had a lovely day at the beach with my nan",
        "small win: booked the dentist at last",
        "my heart is so full after the christening",
        "first driving lesson in 20 yrs and didnt embarrass myself",
    ):
        assert good_said(text), text
        assert intent_of(text, "loneliness") == "share_news", text
    for text in (
        "she was all excited to move out and now i'm alone in this big house",
        "everyone else had a lovely day, i sat on my own",
        "my heart is full of dread about tomorrow",
        "not one small win in months, nothing goes right",
        "didnt embarrass myself for once but i still hate myself",
    ):
        assert not good_news_framing(text), text
        assert intent_of(text, "loneliness") == "loneliness", text


def test_a_happy_mess_at_a_glad_occasion_is_tears_of_joy_and_a_mess_alone_is_not():
    text = "watched my boy graduate and i'm an absolute mess, happy tears all day"
    assert not turned_on_self(text)
    assert intent_of(text, "self_criticism") == "share_news"
    text = "i'm such a mess, cried at the wedding because everyone has someone but me"
    assert not happy_tears(text)
    assert intent_of(text, "self_criticism") == "self_criticism"
    text = "i am a mess, i ruin everything"
    assert turned_on_self(text)
    assert intent_of(text, "self_criticism") == "self_criticism"


def test_a_grumble_disowned_or_blamed_on_a_thing_is_no_theme_and_no_request():
    text = "asked for a medium pizza and got a wagon wheel. not complaining, just baffled"
    assert disowned_grumble(text)
    assert intent_of(text, "vent", "share_news") == "share_news"
    for text in (
        "not complaining, just exhausted and lonely all the time",
        "not complaining but my manager is a nightmare and im fuming",
    ):
        assert not disowned_grumble(text), text
        assert intent_of(text, "vent", "share_news") == "vent", text
    assert grumbles("the photocopier jammed again, i swear it hates me")
    assert (
        intent_of("the photocopier jammed again, i swear it hates me", "out_of_scope", "vent")
        == "vent"
    )
    assert (
        intent_of("can you fix my printer, it hates me", "out_of_scope", "vent") == "out_of_scope"
    )


def test_a_glad_plan_with_company_asked_round_is_news_and_a_dreaded_one_is_not():
    text = "gonna tidy the garden saturday then have mates round for a barbecue"
    assert glad_plan(text)
    assert intent_of(text, "vent") == "share_news"
    for text in (
        "having the family over for a bbq sunday and i'm already dreading it",
        "inviting people round for my birthday but no one will come",
    ):
        assert not glad_plan(text), text
        assert intent_of(text, "vent") == "vent", text


def test_grievances_of_a_shared_home_or_work_are_not_news():
    for text in (
        "my housemate never cleans up after herself and leaves the dishes for a week",
        "when i brought it up he just rolled his eyes at me",
        "got passed over for the team lead role again, third time",
    ):
        assert annoyed(text), text
        assert intent_of(text, "share_news", "vent") == "vent", text
    for text in (
        "my flatmate cleaned the whole kitchen as a surprise, legend",
        "my son never cleans his room lol but he cooked us dinner tonight",
    ):
        assert not annoyed(text), text


def test_alone_in_the_world_is_loneliness_not_news():
    for text in ("feel like i'm on my own in this world", "im all alone in the world now"):
        assert tells_lonely(text), text
        assert intent_of(text, "mood_great", "loneliness") == "loneliness", text
    assert not tells_lonely("on my own in the world's biggest ball pit lol")
