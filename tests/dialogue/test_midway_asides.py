"""Thanks or news said to the bot midway through an exercise is an aside, not the step's answer
(actions/exercise.interrupts, issue #16); thanks that is part of an answer, news told as an
answer and "ok thanks" to a "tell me when you're done" step stay answers."""

from __future__ import annotations

import pytest

from actions.exercise import interrupts


@pytest.mark.parametrize(
    "intent, text, kind",
    [
        ("thank", "thanks", "text"),
        ("thank", "Thank you so much x", "text"),
        ("thank", "ty that helps", "ack"),
        ("thank", "thanks", "ack"),
        ("thank", "aw thank u 🙏", "scale"),
        ("thank", "thx, this is really nice", "text"),
    ],
)
def test_thanks_said_to_the_bot_is_an_aside(intent, text, kind):
    assert interrupts(intent, text, kind) == "thank"


@pytest.mark.parametrize(
    "intent, text",
    [
        ("share_news", "omg i just got the job!!"),
        ("mood_great", "OMG I PASSED"),
        ("share_news", "guess what, i passed my driving test"),
        ("share_news", "btw my sister had her baby"),
        ("mood_great", "i just found out i got in!!"),
    ],
)
def test_news_breaking_in_is_an_aside(intent, text):
    assert interrupts(intent, text, "text") == "news"


@pytest.mark.parametrize(
    "intent, text, kind",
    [
        ("thank", "ok thanks", "ack"),  # done, to a "tell me when you're done" step
        ("thank", "done, thank you", "ack"),
        ("thank", "thanks to my mum i got through it", "text"),
        ("thank", "i'm thankful for my dog", "text"),
        ("mood_great", "i passed my exam last year and felt proud", "text"),
        ("share_news", "my sister got married in june", "text"),
        ("vent", "omg i just got fired", "text"),  # not news: the exercise's answer as before
        ("affirm", "thanks", "text"),  # only what NLU read as thanks
    ],
)
def test_answers_stay_answers(intent, text, kind):
    assert interrupts(intent, text, kind) is None


# Hard news told at a here-and-now step ("five things you can see", a breath) is heard: those
# steps never ask about the person's life. In any register, with or without "just".
@pytest.mark.parametrize(
    "intent, text",
    [
        ("vent", "my dog just died"),
        ("mood_low", "my mum just called, my grandad is in hospital"),
        ("nlu_fallback", "my dad passed away last night"),
        ("share_news", "omg my cat just got hit by a car"),
        ("vent", "i just got fired"),
        ("vent", "he just dumped me"),
        ("mood_low", "grandma died this morning"),
        ("vent", "My best friend was in a car accident"),
        ("affirm", "we lost the baby"),
    ],
)
def test_hard_news_at_a_here_and_now_step_is_heard(intent, text):
    assert interrupts(intent, text, "ack") == "hard_news"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("an ambulance siren, birds, the fridge", "ack"),  # sounds heard, not news
        ("the hospital across the road, a car, a tree", "ack"),
        ("a dead plant, my dog, the tv", "ack"),
        ("my phone just died lol", "ack"),
        ("my laptop died", "ack"),
        ("i lost my keys", "ack"),
        ("i got fired today and i cant stop crying", "text"),  # "what's the situation?"
        ("my dog died last year and i still blame myself", "text"),
    ],
)
def test_answers_that_mention_hard_things_stay_answers(text, kind):
    assert interrupts("vent", text, kind) is None


@pytest.mark.parametrize(
    "text",
    [
        "wait what",
        "huh?",
        "what do you mean",
        "Wait what do you mean",
        "i dont get it",
        "sorry what",
        "like what?",
        "what should i say",
        "i don't understand the question",
    ],
)
def test_not_understanding_the_question_is_an_aside_at_any_step(text):
    for kind in ("text", "ack", "yesno"):
        assert interrupts("nlu_fallback", text, kind) == "unclear"


@pytest.mark.parametrize(
    "text", ["confused", "what i see is a lamp", "i dont get why he left", "lost", "whatever"]
)
def test_answers_that_sound_puzzled_stay_answers(text):
    assert interrupts("nlu_fallback", text, "text") is None


@pytest.mark.parametrize("text", ["thanks", "ok thanks", "ty that helps", "thank you so much x"])
def test_the_goodbye_reader_and_the_forms_read_thanks_the_same_way(text):
    """One reader of thanks (actions/asides.py): what the forms set aside as thanks is never an
    answer hidden in a goodbye either."""
    from actions.exercise import EXERCISES
    from actions.menu import _goodbye_answer

    step = EXERCISES["self_compassion"].steps[0]
    assert _goodbye_answer(text, step) is None
    assert interrupts("thank", text, "text") == "thank"
