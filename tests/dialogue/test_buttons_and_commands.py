"""Whole conversations over the REST channel of the real bot: a button answers only the question
it was attached to, and the commands mean the same in every state, exercises included (one test
per exercise, from the registry, so a new exercise is covered without touching this file)."""

from __future__ import annotations

import pytest

import actions.menu  # noqa: F401  (registers every exercise)
from actions.exercise import EXERCISES
from tests.support.servers import api_url, button, press, send

pytestmark = pytest.mark.integration

OUTDATED = ("earlier question",)
CONFIRM_WORDS = ("delete",)
# An answer of each kind that no exercise reads as anything but an answer.
ANSWERS = {"text": "my garden in the spring", "scale": "5", "ack": "ok", "yesno": "yes please"}


def text_of(replies) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def is_outdated_note(replies) -> bool:
    return len(replies) == 1 and any(w in replies[0]["text"] for w in OUTDATED)


def events(stack, sender):
    import json
    import urllib.request

    path = f"/conversations/rest:{sender}/tracker"  # REST conversations are namespaced
    with urllib.request.urlopen(api_url(stack.url, path)) as r:
        return json.loads(r.read().decode())["events"]


def user_texts(stack, sender):
    return [e.get("text") for e in events(stack, sender) if e["event"] == "user"]


def test_an_old_yes_lets_try_while_asked_to_delete_erases_nothing(bot_stack, sender):
    offer = send(bot_stack.url, sender, "/anxious")
    confirm = send(bot_stack.url, sender, "/delete_data")
    assert any(w in text_of(confirm).lower() for w in CONFIRM_WORDS)
    # Telegram or a widget still showing the offer: its "Yes, let's try" is pressed.
    assert is_outdated_note(press(bot_stack.url, sender, offer, "/affirm"))
    assert user_texts(bot_stack, sender)[0] == "/anxious"  # nothing was erased
    # The delete question is still the open one: its own "No, keep it" answers it.
    kept = press(bot_stack.url, sender, confirm, "/deny")
    assert kept and not is_outdated_note(kept)
    assert user_texts(bot_stack, sender)[0] == "/anxious"


def test_an_old_yes_delete_it_after_no_starts_no_exercise_and_deletes_nothing(bot_stack, sender):
    offer = send(bot_stack.url, sender, "/anxious")
    confirm = send(bot_stack.url, sender, "/delete_data")
    press(bot_stack.url, sender, confirm, "/deny")
    assert is_outdated_note(press(bot_stack.url, sender, confirm, "/affirm"))
    assert is_outdated_note(press(bot_stack.url, sender, offer, "/affirm"))
    loops = [e for e in events(bot_stack, sender) if e["event"] == "active_loop" and e["name"]]
    assert loops == []  # no exercise started
    assert user_texts(bot_stack, sender)[0] == "/anxious"


def test_a_yes_to_the_delete_question_deletes(bot_stack, sender):
    send(bot_stack.url, sender, "hello")
    confirm = send(bot_stack.url, sender, "/delete")
    done = press(bot_stack.url, sender, confirm, "/affirm")
    assert "deleted" in text_of(done)
    assert "hello" not in user_texts(bot_stack, sender)


def _start(stack, sender, key):
    menu = send(stack.url, sender, "/request_exercise")
    return press(stack.url, sender, menu, f'/request_exercise{{"exercise":"{key}"}}')


def _finishes_after(stack, sender, key, steps):
    """Answers every step; the exercise must end (its closing asks what next) on the last."""
    for index, step in enumerate(steps):
        replies = send(stack.url, sender, ANSWERS[step.kind])
        ended = any(
            f'"question":"{key}_done"' in b["payload"]
            for r in replies
            for b in r.get("buttons") or []
        )
        assert ended == (index == len(steps) - 1), (index, replies)


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_commands_inside_an_exercise_are_commands_never_answers(bot_stack, sender, key):
    ex = EXERCISES[key]
    asked = _start(bot_stack, sender, key)
    assert asked, "the exercise asks its first question"
    for command in ("/help", "what can you do?", "/start"):
        replies = send(bot_stack.url, sender, command)
        assert len(replies) >= 2, (command, replies)  # a short answer, then the question again
    confirm = send(bot_stack.url, sender, "/delete")
    assert any(w in text_of(confirm).lower() for w in CONFIRM_WORDS)
    button(confirm, "/affirm")  # it asks, with its own buttons
    resumed = press(bot_stack.url, sender, confirm, "/deny")
    assert len(resumed) >= 2  # nothing deleted, and the exercise asks its question again
    again = send(bot_stack.url, sender, "delete my data")
    assert any(w in text_of(again).lower() for w in CONFIRM_WORDS)
    send(bot_stack.url, sender, "no")
    # None of it was taken as an answer: the exercise needs every one of its answers still.
    _finishes_after(bot_stack, sender, key, ex.steps)


@pytest.mark.parametrize("key", sorted(EXERCISES))
def test_resources_inside_an_exercise_bring_the_helplines(bot_stack, sender, key):
    _start(bot_stack, sender, key)
    replies = send(bot_stack.url, sender, "/resources")
    assert "988" in text_of(replies) and "116 123" in text_of(replies)
