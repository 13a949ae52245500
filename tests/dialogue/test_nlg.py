"""Replies must not repeat the previous bot text when another variation exists."""

from __future__ import annotations

import asyncio

from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.nlg import VaryingNLG


def generate(nlg, domain, name, *events):
    t = DialogueStateTracker.from_events("s", list(events), domain.slots)
    return asyncio.run(nlg.generate(name, t, "rest"))


def test_never_repeats_the_last_two_texts_when_it_can(domain):
    nlg = VaryingNLG(domain=domain)
    for _ in range(50):
        out = generate(nlg, domain, "utter_greet", BotUttered("hi one"), BotUttered("hi two"))
        assert out["text"] == "hi three"


def test_avoids_the_previous_text_when_only_two_variations(domain):
    nlg = VaryingNLG(domain=domain)
    for _ in range(30):
        out = generate(
            nlg, domain, "utter_named", SlotSet("belief", "sam"), BotUttered("hello sam")
        )
        assert out["text"] == "hey sam"


def test_single_variation_is_still_said(domain):
    nlg = VaryingNLG(domain=domain)
    assert generate(nlg, domain, "utter_single", BotUttered("only me"))["text"] == "only me"


def test_unknown_response_gives_none(domain):
    assert generate(VaryingNLG(domain=domain), domain, "utter_missing") is None
