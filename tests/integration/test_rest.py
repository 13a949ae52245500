"""The bot over its REST channel, as people and scripts reach it."""

from __future__ import annotations

import re

import pytest

from actions.fallback import NEWS_REPLIES
from actions.menu import MENU_TEXTS
from bot import fast_yaml
from tests.support.servers import ROOT, press, send

pytestmark = pytest.mark.integration

RESOURCE_MARKERS = ("988", "116 123", "findahelpline", "911", "999", "112")


def texts(replies) -> list:
    return [r.get("text", "") for r in replies]


def has_resources(replies) -> bool:
    joined = " ".join(texts(replies))
    return any(marker in joined for marker in RESOURCE_MARKERS)


def test_greeting_says_it_is_a_bot_and_how_to_get_urgent_help(bot_stack, sender):
    replies = send(bot_stack.url, sender, "hi")
    assert replies, "no reply to a greeting"
    text = " ".join(texts(replies)).lower()
    assert "bot" in text
    assert "emergency" in text or "get help now" in text


@pytest.mark.parametrize(
    "message",
    [
        "hello",
        "asdfghjkl",
        "🙂",
        "what's the weather in paris",
        "i feel a bit meh",
        "can we do breathing",
        "how do i find a counsellor",
        "/greet",
        "?",
        "no",
    ],
)
def test_no_message_goes_unanswered(bot_stack, sender, message):
    assert send(bot_stack.url, sender, message), f"no reply to {message!r}"


def test_crisis_message_gets_the_resources_first(bot_stack, sender):
    replies = send(bot_stack.url, sender, "i dont want to be alive anymore")
    assert has_resources(replies[:1]), texts(replies)


def test_crisis_after_a_fallback(bot_stack, sender):
    send(bot_stack.url, sender, "blorp zzkk qwv")
    replies = send(bot_stack.url, sender, "honestly i just want to kill myself")
    assert has_resources(replies[:1]), texts(replies)


def test_crisis_text_behind_an_intent_prefix_is_still_detected(bot_stack, sender):
    replies = send(bot_stack.url, sender, "/vent i want to end my life")
    assert has_resources(replies[:1]), texts(replies)


def test_crisis_without_the_action_server(bot_stack, sender):
    """The resources are static responses: they must not need the action server."""
    bot_stack.actions.stop()
    try:
        replies = send(bot_stack.url, sender, "im going to kill myself tonight")
        assert has_resources(replies[:1]), texts(replies)
        # A part that needs the action server still gets a static answer, with resources.
        replies = send(
            bot_stack.url, sender + "-b", "i keep telling myself im worthless and stupid"
        )
        replies += send(bot_stack.url, sender + "-b", "yes")
        assert replies, "silence while the action server is down"
        assert has_resources(replies), texts(replies)
    finally:
        bot_stack.actions.restart()


def _share_news_texts() -> set:
    domain = fast_yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return {r["text"] for r in domain["responses"]["utter_share_news"]}


def assert_warm_and_no_exercise(replies) -> None:
    """One reply, glad or curious about the news (the news response, or the listener's question
    when NLU was unsure), no buttons and no exercise menu."""
    assert len(replies) == 1, texts(replies)
    text = replies[0].get("text", "")
    listener = [re.escape(t).replace(re.escape("{q}"), ".+") for t in NEWS_REPLIES]
    assert text in _share_news_texts() or any(re.fullmatch(p, text) for p in listener), text
    assert not replies[0].get("buttons"), replies
    assert text not in MENU_TEXTS and "exercise" not in text.lower(), text


@pytest.mark.parametrize(
    "news",
    ["my sister just had her baby, i'm an auntie!!", "made a curry from scratch tonight, so proud"],
)
def test_good_news_after_no_thanks_is_met_warmly_without_an_exercise(bot_stack, sender, news):
    offer = send(bot_stack.url, sender, "i keep beating myself up over every little mistake")
    declined = press(bot_stack.url, sender, offer, "No, thanks")
    assert declined and not any(r.get("buttons") for r in declined), declined
    assert_warm_and_no_exercise(send(bot_stack.url, sender, news))


def test_good_news_typed_after_a_typed_no_is_met_warmly(bot_stack, sender):
    send(bot_stack.url, sender, "i'm so anxious about my exam tomorrow")
    send(bot_stack.url, sender, "no thanks")
    assert_warm_and_no_exercise(send(bot_stack.url, sender, "got the promotion at work!!"))


def test_good_news_mid_conversation_answers_the_news_not_the_open_offer(bot_stack, sender):
    """An exercise offer is open; the person tells good news instead of answering it. The bot is
    glad with them, and a later "yes" is not taken as a yes to the old offer."""
    send(bot_stack.url, sender, "hi")
    offer = send(bot_stack.url, sender, "i've been feeling really low this week")
    assert any(r.get("buttons") for r in offer), texts(offer)
    assert_warm_and_no_exercise(
        send(bot_stack.url, sender, "oh but my best mate is visiting this weekend, can't wait")
    )
    later = send(bot_stack.url, sender, "yes")
    assert later and not any(t in MENU_TEXTS for t in texts(later)), texts(later)
