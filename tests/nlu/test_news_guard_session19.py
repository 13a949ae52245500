"""Session 19's families (news v15's and intents v8's study halves): a dream told as a story, a
decision already made, an ordeal over, a setback told with its silver lining, sorrow in art
enjoyed, a laughing "why" about the way of the world, death as the teller's trade, good said
after a "but", joy said by its cause, a grievance told as a story; and the requests the guard
must still see. Each beside the distress told with the same words. Fresh sentences, none from a
set."""

from __future__ import annotations

import pytest

from bot.nlu.news_guard import (
    annoyed,
    decision_made,
    dream_told,
    good_news_framing,
    good_said,
    helping_others,
    ordeal_over,
    playful_grumble,
    requests,
    sad_art_enjoyed,
    silver_lining,
    tells_loss,
    tells_news,
)
from tests.support.news_guard import intent_of

DREAMS = [
    "dreamt my cat could talk and she was SO rude lol",
    "had the weirdest dream, i was a waiter on a pirate ship",
    "Dreamed I was back at school sitting an exam in my pyjamas, brains are funny",
]
DREAMS_THAT_HURT = [
    "had a nightmare about the accident again, cant get back to sleep",
    "dreamt my late dad was at the door, woke up crying",
    "i keep having the same dream where everyone leaves, every night now",
]


@pytest.mark.parametrize("text", DREAMS)
def test_a_dream_told_as_a_story_is_news(text):
    assert dream_told(text)
    assert intent_of(text, "anxious") == "share_news"


@pytest.mark.parametrize("text", DREAMS_THAT_HURT)
def test_a_nightmare_or_a_dream_of_the_dead_keeps_its_theme(text):
    assert not good_news_framing(text)
    assert intent_of(text, "anxious") == "anxious"


DECIDED = [
    "we've decided to go camping in the lakes for half term",
    "Decision made: i'm doing the pottery course. i finally decided!",
    "we finally decided on a name for the puppy, biscuit",
]
DECISIONS_STILL_HARD = [
    "i've decided to leave my job but i'm terrified",
    "we decided to split up and i dont know if it was right",
    "i decided to stop taking my meds",
    "i've decided to go travelling alone, not sure if its the right thing",
]


@pytest.mark.parametrize("text", DECIDED)
def test_a_decision_made_is_news(text):
    assert decision_made(text), text
    assert intent_of(text, "decision_help") == "share_news"


@pytest.mark.parametrize("text", DECISIONS_STILL_HARD)
def test_a_decision_doubted_feared_or_an_end_keeps_its_theme(text):
    assert not decision_made(text)
    assert intent_of(text, "decision_help") == "decision_help"


def test_an_ordeal_over_is_news_unless_it_is_missed_or_ends_badly():
    for text in (
        "the kitchen renovation is finally done, no more takeaways!!",
        "dissertation submitted. free at last",
        "never have to deal with that letting agent again, keys handed back",
    ):
        assert ordeal_over(text), text
        assert intent_of(text, "limiting_belief") == "share_news", text
    for text in (
        "my exams are over but i miss everyone already",
        "the court case is over and i feel empty",
    ):
        assert not ordeal_over(text), text
        assert intent_of(text, "limiting_belief") == "limiting_belief", text


def test_a_setback_told_with_its_silver_lining_is_news():
    for text in (
        "burnt the roast, lesson learned, we had chips instead",
        "didnt get picked for the team but coach said try again next season, so thats something",
        "failed my theory by one point, not the end of the world",
    ):
        assert silver_lining(text), text
        assert intent_of(text, "limiting_belief") == "share_news", text
    for text in (
        "lost my job, at least nobody will miss me there, so thats something",
        "i always mess it up, lesson learned i guess",
        "been feeling low for weeks, not the end of the world i suppose",
    ):
        assert not silver_lining(text), text
        assert intent_of(text, "limiting_belief") == "limiting_belief", text


def test_sorrow_in_art_enjoyed_is_news_and_grief_beside_it_is_not():
    for text in (
        "sad 80s ballads are my comfort music, hurts so good",
        "watched the most tragic film ever, so sad so good",
        "i love a good cry at a weepy book on a sunday",
    ):
        assert sad_art_enjoyed(text), text
        assert intent_of(text) == "share_news", text
    for text in (
        "i listen to the songs from my mums funeral every night, so sad so good",
        "sad films are my comfort watch since she left, i'm so alone",
    ):
        assert not good_news_framing(text), text
        assert intent_of(text) == "mood_low", text


def test_a_laughing_why_about_the_world_is_no_theme_and_no_request():
    for text in (
        "why do toddlers only nap on the days you have nothing planned 😅",
        "why does every printer know when you're in a rush lol",
    ):
        assert playful_grumble(text), text
        assert intent_of(text, "loneliness", "share_news") == "share_news", text
    for text in (
        "why does nobody ever text me back lol",
        "why do i always ruin everything 😅",
        "why does everyone leave, i feel so down lol",
        "why is the sky blue",
    ):
        assert not playful_grumble(text), text
        assert intent_of(text, "loneliness", "share_news") == "loneliness", text


def test_death_as_the_tellers_trade_is_no_loss_but_a_loss_told_there_is():
    for text in (
        "second week of my placement at the crematorium, the team are lovely",
        "started training at a funeral home, felt really rewarding today",
    ):
        assert not tells_loss(text), text
    assert intent_of("started training at a funeral home, felt really rewarding today") == (
        "share_news"
    )
    for text in (
        "i work at the funeral home and today it was my own nan's funeral",
        "at the funeral home for my brothers service, worst day of my life",
    ):
        assert tells_loss(text), text
        assert intent_of(text) == "mood_low", text


def test_good_said_after_a_but_is_the_turn_to_it():
    for text in (
        "spin class is basically a war crime but i feel amazing after",
        "queue was ridiculous but so chuffed with what i got",
        "my step count makes me so happy",
        "got a little pay rise at my review",
        "so relieved it was just a sprained wrist",
        "my mum handed over her allotment to me today, big moment",
    ):
        assert good_said(text), text
        assert intent_of(text, "anxious") == "share_news", text
    for text in (
        "the month has been awful but today i feel great",
        "i got a pay rise but i still feel empty",
        "over the moon for her, though i'm lonely",
        "can't feel nice about anything anymore",
    ):
        assert not good_news_framing(text), text
        assert intent_of(text, "anxious") == "anxious", text


def test_helping_lonely_people_is_news_and_a_lonely_helper_is_not():
    assert helping_others("volunteering with lonely older people twice a week, they're hilarious")
    assert intent_of("my dad trained as a befriender for isolated pensioners") == "share_news"
    assert intent_of("i volunteer at the food bank but i'm lonely when i get home") == "mood_low"


def test_told_news_is_not_out_of_scope_whatever_the_next_guess():
    """Out of scope is for requests: told news goes to the next guess (news, or "not sure" when it
    is weak), not only when news is second."""
    for text in (
        "sold my old bike to a lad down the road, he rode it off grinning",
        "my first go at a climbing wall, never again. ok maybe once more",
    ):
        assert tells_news(text), text
        assert intent_of(text, "out_of_scope", "deny") == "deny", text
    for text in ("book me a taxi for 6", "my laptop keeps freezing, can you fix it"):
        assert intent_of(text, "out_of_scope", "deny") == "out_of_scope", text


def test_an_imperative_opens_its_clause_and_a_how_to_learnt_asks_nothing():
    for text in (
        "book me a table for two",
        "ok, find me a recipe for flapjacks",
        "just give me the answer",
        "how do i reset my router",
    ):
        assert requests(text), text
    for text in (
        "the new playlist makes me want to dance",
        "it was just to give me the keys",
        "learned how to change a tyre at the garage today",
        "figured out how to use the sewing machine!",
    ):
        assert not requests(text), text


def test_a_grievance_told_as_a_story_is_not_news():
    for text in (
        "queued for an hour at the post office then they sent me home with nothing, so frustrating",
        "my tutor didn't even read my draft before marking it",
        "my girlfriend forgot my birthday and went out with her mates",
        "stayed two hours late without pay again",
    ):
        assert annoyed(text), text
        assert intent_of(text, "share_news", "vent") == "vent", text
    for text in (
        "my cat is so annoying lol, sat on my laptop all morning",
        "my mum forgot my birthday but turned up with cake the next day and it was lovely",
    ):
        assert not annoyed(text), text
