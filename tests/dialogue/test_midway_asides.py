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
