"""Asking about one's own strengths is not asking what the bot can do, through the trained model.

Why (issue 16): after the news data grew, the held-out F1 fell mostly on three boundaries:
"what am i good at" asked in the words of "what can you do" (ask_capabilities) or of a career or
personality question (out_of_scope), and "are you a bot" asked with doubt or feeling ("is anyone
actually there", read as loneliness or vent). Whose abilities decides: the person's own are
explore_strengths, the bot's are ask_capabilities, the world's are out of scope (except when the
word "strength" or "skill" names them: a known gap, WHOSE_STRENGTHS). None of these
messages is in the training data or a held-out set; each family is checked on its own, at most
one miss each (DIET moves by a message or so between trainings).
"""

from __future__ import annotations

import pytest

from tests.support.intents import own_guess

pytestmark = pytest.mark.integration  # needs the trained model (trained once per test session)

FAMILIES = {
    # The person's own strengths, in the words of abilities, skills and "what can i do".
    "explore_strengths": [
        "what stuff am i decent at",
        "what are my strong suits do you reckon",
        "what abilities would you say i have",
        "i wanna know what i do well",
        "help me see what i'm capable of",
        "what am i good at as a partner",
        "what skills have i got that i dont notice",
        "i need to list my strengths for my review at work",
    ],
    # The bot's own abilities, in the same words: its twin.
    "ask_capabilities": [
        "what stuff are you decent at",
        "what are you actually able to do",
        "what kinds of things can you help with",
        "tell me what you can help with",
        "what would you say youre best at",
    ],
    # Careers, cvs and tests about the world: out of scope.
    "out_of_scope": [
        "give me a myers briggs quiz",
        "write my personal statement for me",
        "what are the advantages of solar panels",
        "average wage for an electrician uk",
        "find me a template for a cv",
    ],
    # Is it a bot, asked with doubt or feeling.
    "bot_challenge": [
        "hang on is this a real human or an ai",
        "is there actually anyone reading this",
        "am i typing to a machine right now",
        "be straight with me, are you a computer program",
        "are you a real someone or an app",
        "is this just automated replies",
    ],
}
# Whose strengths: the bot's or the world's, named with the word "strength", "strong" or "skill".
# DIET without a transformer reads a bag of words, and that word is in nearly every
# explore_strengths example; "what are your strengths", trained as ask_capabilities, is still read
# as the person's own (session 10). Known gap: the answer is the strengths exercise offered to
# someone who asked about the bot or a dog breed, a wrong turn but not a harmful one.
WHOSE_STRENGTHS = [
    "what are your strong points as a bot",
    "what skills have you got",
    "what strengths do you have as a chatbot",
    "what are the strengths of a border collie",
    "what's the strongest metal",
    "what skills does a pilot need",
]


@pytest.mark.parametrize("theme", sorted(FAMILIES))
def test_each_family_reaches_its_intent(parser, theme):
    read = [(t, own_guess(parser, t)) for t in FAMILIES[theme]]
    wrong = [r for r in read if r[1] != theme]
    assert len(wrong) <= 1, wrong


def test_own_strengths_are_never_read_as_what_the_bot_can_do(parser):
    """The costly miss: "what am i good at" answered with the bot's menu."""
    read = [(t, own_guess(parser, t)) for t in FAMILIES["explore_strengths"]]
    assert not [r for r in read if r[1] == "ask_capabilities"], read


@pytest.mark.xfail(
    strict=True,
    reason="the word 'strength' or 'skill' outweighs whose they are (see WHOSE_STRENGTHS)",
)
def test_the_bots_or_the_worlds_strengths_are_not_the_persons_own(parser):
    read = [(t, own_guess(parser, t)) for t in WHOSE_STRENGTHS]
    assert not [r for r in read if r[1] == "explore_strengths"], read


def test_what_the_bot_can_do_is_never_read_as_own_strengths(parser):
    read = [(t, own_guess(parser, t)) for t in FAMILIES["ask_capabilities"]]
    assert not [r for r in read if r[1] == "explore_strengths"], read
