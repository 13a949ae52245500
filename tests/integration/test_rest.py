"""The bot over its REST channel, as people and scripts reach it."""

from __future__ import annotations

import pytest

from tests.support.servers import send

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
