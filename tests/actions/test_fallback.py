"""The reply when NLU is unsure (actions/fallback.py): reflect a longer message, rephrase a short one."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import BUTTONS, ActionFallbackReply
from tests.actions.conftest import ODD_TEXTS, bot_event, make_tracker


async def reply(text, events=None):
    dispatcher = CollectingDispatcher()
    result = await ActionFallbackReply().run(
        dispatcher, make_tracker(text, "nlu_fallback", events=events), {}
    )
    return dispatcher.messages, result


async def test_a_longer_message_is_reflected_in_the_persons_words_with_choices():
    text = "my flatmate ate my food again and then lied about it"
    messages, events = await reply(text)
    assert events == [
        {"event": "slot", "timestamp": None, "name": "exercise_offered", "value": None}
    ]
    assert len(messages) == 1 and text in messages[0]["text"]
    assert messages[0]["buttons"] == BUTTONS and "not sure I understood" not in messages[0]["text"]


async def test_a_feeling_word_is_named_rather_than_quoted():
    messages, _ = await reply("everyone keeps telling me what to do and i'm exhausted")
    assert "exhausted" in messages[0]["text"] and '"' not in messages[0]["text"]


@pytest.mark.parametrize(
    "text", ["asdf", "hmm?", "what", "🙂", "", "   ", '/nonsense{"a":1}', "ok so um"]
)
async def test_short_or_empty_messages_get_the_gentle_rephrase(text):
    messages, _ = await reply(text)
    assert [m.get("response") for m in messages] == ["utter_default"]


async def test_never_the_same_text_twice_in_a_row():
    text = "i dont even know how to explain what happened at work today"
    previous = None
    for _ in range(12):
        messages, _ = await reply(text, events=[bot_event(previous)] if previous else [])
        assert messages[0]["text"] != previous
        previous = messages[0]["text"]


@pytest.mark.parametrize("text", list(ODD_TEXTS.values()))
async def test_odd_input_gets_exactly_one_reply_and_a_long_quote_is_cut(text):
    messages, _ = await reply(text)
    assert len(messages) == 1
    assert len(messages[0].get("text") or "") < 600
