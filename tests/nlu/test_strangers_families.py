"""What strangers type for three intents, through the trained model (session 12).

Why (issue 16 part 1): the strangers' sets (eval/data/intents/) showed vent weak, a grievance
told to be heard read as share_news ("lovely to hear!") or as another theme; share_news claiming
worries, choices and self-blame told with a day's events; and questions about what happens to
the words written here (kept, read, trained on) read as strengths or "are you a bot". Each family
has its look-alike the other way: a small annoyance told with a good turn is news, and who is
typing right now is bot_challenge. None of these messages is in the training data, a held-out
set or a dev set; each family is checked on its own, at most one miss each (DIET moves by a
message or so between trainings).
"""

from __future__ import annotations

import pytest

from tests.support.intents import own_guess

pytestmark = pytest.mark.integration  # needs the trained model (trained once per test session)

FAMILIES = {
    "vent": [
        "so irritated, my flatmate had a party while i was away and didnt clean a thing",
        "my boss made me stay late again and then moaned that i was tired, actually seething",
        "the optician cancelled my appointment for the third time and i took the day off for it",
        "my sister borrows my stuff without asking and gives it back broken every time",
        "worst shift ever, a customer threw his change at me and my manager did nothing",
        "honestly my group chat is so two faced, nice to your face then screenshots everything",
    ],
    "delete_data": [
        "does anyone at your company read what i put here",
        "will these messages still be there next year",
        "is what i tell u kept on a server",
        "can my work see this chat",
        "do my chats get used to train it",
    ],
    "share_news": [
        "the parking ticket was a mistake and they've cancelled it, result",
        "was nervous about meeting his parents but his mum hugged me straight away",
        "my new boss brought cake in for everyone on her first day, good sign",
        "nearly missed the ferry but we sprinted on with a minute to spare lol",
        "the kids were a nightmare at bedtime but they're asleep now and i've got a brew",
    ],
}

# Not news, whichever theme it reaches: a worry ahead told with its event, a choice told as its
# options, self-blame told with the day's event.
NOT_NEWS = [
    "my stomach is churning about the court date on tuesday",
    "two offers on the table and i honestly dont know what to do",
    "i'm such a rubbish son, forgot to ring my mum on her birthday",
    "been so sad these days and i dont even know why",
]


@pytest.mark.parametrize(
    "intent",
    [
        "delete_data",
        # A strict xfail until the last retrain of session 12 (a worry with its good turn read as
        # anxious, a fine "cancelled" as stop): it now passes.
        "share_news",
        "vent",
    ],
)
def test_each_family_reaches_its_intent(parser, intent):
    read = [(t, own_guess(parser, t)) for t in FAMILIES[intent]]
    wrong = [r for r in read if r[1] != intent]
    assert len(wrong) <= 1, wrong


@pytest.mark.parametrize("text", NOT_NEWS)
def test_worries_choices_and_self_blame_told_with_events_are_not_news(parser, text):
    assert parser.parse(text)["intent"]["name"] not in {"share_news", "mood_great"}
