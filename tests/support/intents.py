"""The classifier's own guess for a message, as eval.intents scores it (shared by the NLU
family tests)."""

from __future__ import annotations


def own_guess(parser, text: str) -> str:
    """The classifier's top intent, looking through an "I'm not sure" fallback."""
    from eval.intents import own_guess as guess

    return guess(parser.parse(text))
