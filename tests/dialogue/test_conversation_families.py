"""Conversations as a stranger holds them (issue #16), over the REST channel of the real bot:
one test per family of defect found by talking to it. Themes and the first "yes" are button
payloads, so NLU accuracy decides nothing there; what the person then types is typed."""

from __future__ import annotations

import pytest

import actions.menu  # noqa: F401  (registers every exercise)
from actions.exercise import ASIDES, EXERCISES, STOPPED
from tests.support.servers import press, send

pytestmark = pytest.mark.integration


def text_of(replies) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def payloads(replies) -> list:
    return [b["payload"] for r in replies for b in r.get("buttons") or []]


def stopped_texts(key: str) -> list:
    return [t.format(label=EXERCISES[key].label) for t in STOPPED]


def starts_with_intro(text: str, key: str) -> bool:
    return any(text.startswith(i) for i in EXERCISES[key].intros)


@pytest.mark.parametrize(
    "refusal", ["can we not", "this isnt helping tbh", "nah im not feeling this", "that didnt help"]
)
def test_a_refusal_midway_stops_the_exercise_and_nothing_more_is_asked(bot_stack, sender, refusal):
    send(bot_stack.url, sender, "/anxious")
    send(bot_stack.url, sender, "/affirm")
    send(bot_stack.url, sender, "a lamp, a chair, my phone, the window, a cup")
    replies = send(bot_stack.url, sender, refusal)
    assert text_of(replies) in stopped_texts("grounding")
    assert any(p.startswith("/goodbye") for p in payloads(replies))
    # The exercise is over: the next message is not taken as the next step's answer.
    after = send(bot_stack.url, sender, "my feet on the floor")
    assert not any(w in text_of(after).lower() for w in ("three things", "hear"))


def test_a_negative_answer_is_still_an_answer(bot_stack, sender):
    send(bot_stack.url, sender, "/self_criticism")
    send(bot_stack.url, sender, "/affirm")
    replies = send(bot_stack.url, sender, "i dont want to fail again")
    # Kept as the situation: the next step asks what they feel (every wording of it does; two of
    # the three quote the answer back, the third does not, so the quote cannot be required).
    step = replies[-1]["text"].lower()
    assert "feel" in step and "stop" not in step
    assert "fail again" in step or "i hear you" in step


def test_a_question_asked_midway_does_not_bring_a_second_introduction(bot_stack, sender):
    send(bot_stack.url, sender, "/self_criticism")
    first = send(bot_stack.url, sender, "/affirm")
    assert starts_with_intro(first[-1]["text"], "self_compassion")
    replies = send(bot_stack.url, sender, "wait are you a bot?")
    assert "bot" in replies[0]["text"].lower()
    assert not starts_with_intro(replies[-1]["text"], "self_compassion")


def test_typed_words_asking_for_another_exercise_switch_and_the_next_answer_belongs_to_it(
    bot_stack, sender
):
    send(bot_stack.url, sender, "/anxious")
    send(bot_stack.url, sender, "/affirm")
    replies = send(bot_stack.url, sender, "actually can we do breathing instead")
    assert "breath" in replies[-1]["text"].lower()
    assert not any(p.startswith("/stop") for p in payloads(replies))  # no offer to say yes to
    replies = send(bot_stack.url, sender, "ok")
    assert "4" in replies[-1]["text"] and "five things" not in text_of(replies)


def test_safe_after_a_crisis_midway_and_asking_to_continue_takes_the_exercise_up(bot_stack, sender):
    send(bot_stack.url, sender, "/anxious")
    send(bot_stack.url, sender, "/affirm")
    crisis = send(bot_stack.url, sender, "i want to kill myself")
    assert any("/affirm" in p for p in payloads(crisis))  # "are you safe?"
    press(bot_stack.url, sender, crisis, "/affirm")
    replies = send(bot_stack.url, sender, "ok im safe, can we continue")
    assert "five things" in text_of(replies).lower()
    assert "nothing we have to do" not in text_of(replies)


@pytest.mark.parametrize("told", ["my girlfriend left me", "idk it just hurts"])
def test_a_short_message_that_tells_something_is_not_asked_to_be_rephrased(bot_stack, sender, told):
    send(bot_stack.url, sender, "/mood_low")
    send(bot_stack.url, sender, "/deny")
    replies = send(bot_stack.url, sender, told)
    said = text_of(replies).lower()
    assert replies and "another way" not in said and "not sure i understood" not in said


# After "No, I'm not safe" (bot/crisis/aftercare.py): the bot stays with the person.
def _not_safe(url, sender) -> list:
    crisis = send(url, sender, "i want to kill myself")
    unsafe = press(url, sender, crisis, "/deny")
    assert "emergency" in text_of(unsafe).lower()
    return unsafe


def _staying(replies) -> bool:
    """Short and calm: the step again and a question, no exercise menu, no cheerful offer."""
    said = text_of(replies)
    return (
        ("I'm here with you" in said or "I'm still here with you" in said)
        and "call" in said
        and said.rstrip().endswith("?")
        and not payloads(replies)
        and not any(w in said.lower() for w in ("exercise", "what would you like", "another way"))
    )


@pytest.mark.parametrize("first", ["ok", "what now", "k", "i dont know what to do"])
def test_the_turns_after_not_safe_stay_with_the_person(bot_stack, sender, first):
    _not_safe(bot_stack.url, sender)
    replies = send(bot_stack.url, sender, first)
    assert _staying(replies), text_of(replies)
    assert "reach someone" in text_of(replies)
    again = send(bot_stack.url, sender, "no")
    assert _staying(again) and "Is anyone with you" in text_of(again)


@pytest.mark.parametrize("safe_now", ["ok im safe now", "i'm safe now", "Im safe"])
def test_safe_now_after_not_safe_gets_the_safe_followup(bot_stack, sender, safe_now):
    _not_safe(bot_stack.url, sender)
    replies = send(bot_stack.url, sender, safe_now)
    said = text_of(replies)
    assert "glad you're safe" in said and "numbers" in said
    assert "Are you safe right now" not in said and not payloads(replies)


def test_a_new_crisis_message_after_not_safe_still_gets_the_full_resources(bot_stack, sender):
    _not_safe(bot_stack.url, sender)
    send(bot_stack.url, sender, "ok")
    replies = send(bot_stack.url, sender, "i took a lot of pills")
    assert "findahelpline" in text_of(replies) or "988" in text_of(replies)
    assert any("/deny" in p for p in payloads(replies))  # "are you safe?" asked again


@pytest.mark.parametrize(
    "aside, kind",
    [
        ("thanks", "thank"),
        ("thank you so much x", "thank"),
        ("omg i just got the job!!", "news"),
        ("guess what, i passed my driving test", "news"),
    ],
)
def test_thanks_or_news_midway_is_acknowledged_and_the_step_asked_again(
    bot_stack, sender, aside, kind
):
    send(bot_stack.url, sender, "/anxious")
    send(bot_stack.url, sender, "/affirm")
    replies = send(bot_stack.url, sender, aside)
    assert replies[0]["text"] in ASIDES[kind], text_of(replies)
    assert any(w in replies[-1]["text"].lower() for w in ("five things", "see"))
    # The step was not answered: the real answer moves on to the next one.
    after = send(bot_stack.url, sender, "a lamp, a chair, my phone, the window, a cup")
    assert any(w in text_of(after).lower() for w in ("four things", "feel", "touch"))


def test_ok_thanks_to_a_tell_me_when_done_step_is_done(bot_stack, sender):
    send(bot_stack.url, sender, "/anxious")
    send(bot_stack.url, sender, "/affirm")
    replies = send(bot_stack.url, sender, "ok thanks")
    assert replies[0]["text"] not in ASIDES["thank"]
    assert any(w in text_of(replies).lower() for w in ("four things", "feel", "touch"))


@pytest.mark.parametrize("no", ["no", "nope keep it"])
def test_a_cancelled_delete_midway_asks_one_question_the_step(bot_stack, sender, no):
    send(bot_stack.url, sender, "/anxious")
    send(bot_stack.url, sender, "/affirm")
    send(bot_stack.url, sender, "/delete_data")
    replies = send(bot_stack.url, sender, no)
    assert len(replies) == 2 and "?" not in replies[0]["text"]
    assert "What would you like to do" not in text_of(replies)
    assert any(w in replies[-1]["text"].lower() for w in ("five things", "see"))


def test_a_cancelled_delete_outside_an_exercise_still_says_nothing_was_deleted(bot_stack, sender):
    send(bot_stack.url, sender, "/delete_data")
    replies = send(bot_stack.url, sender, "no")
    assert len(replies) == 1
    assert "delete" in text_of(replies).lower() or "stays" in text_of(replies)


def test_therapy_information_asked_twice_is_shorter_the_second_time(bot_stack, sender):
    first = send(bot_stack.url, sender, "what is therapy?")
    assert "GP" in text_of(first)
    second = send(bot_stack.url, sender, "how do i find a therapist?")
    assert "GP" in text_of(second)
    assert len(text_of(second)) < len(text_of(first)) * 0.6
    assert text_of(second).rstrip().endswith("?")  # it points onward


def test_what_the_bot_can_do_asked_twice_is_shorter_the_second_time(bot_stack, sender):
    first = send(bot_stack.url, sender, "/ask_capabilities")
    second = send(bot_stack.url, sender, "/ask_capabilities")
    assert "exercise" in text_of(first).lower() and "exercise" in text_of(second).lower()
    assert len(text_of(second)) < len(text_of(first)) * 0.6
    assert payloads(second)  # the choices are still there


@pytest.mark.parametrize(
    "before", [["/anxious", "/affirm", "thanks"], ["/anxious", "/affirm", "guess what, i passed"]]
)
def test_a_crisis_after_an_aside_still_escalates(bot_stack, sender, before):
    for message in before:
        send(bot_stack.url, sender, message)
    replies = send(bot_stack.url, sender, "i want to end my life")
    assert "988" in text_of(replies) or "findahelpline" in text_of(replies)
    assert any("/deny" in p for p in payloads(replies))


@pytest.mark.parametrize("unsure", ["not sure", "idk", "no idea tbh"])
def test_not_knowing_whether_one_is_safe_is_not_taken_as_safe(bot_stack, sender, unsure):
    crisis = send(bot_stack.url, sender, "i want to kill myself")
    assert any("/deny" in p for p in payloads(crisis))
    replies = send(bot_stack.url, sender, unsure)
    assert "glad you're safe" not in text_of(replies)
    assert "emergency" in text_of(replies).lower()


@pytest.mark.parametrize("hedged", ["i think so", "kinda", "yeah i guess"])
def test_a_hedged_answer_to_are_you_safe_is_not_taken_as_safe(bot_stack, sender, hedged):
    crisis = send(bot_stack.url, sender, "i want to kill myself")
    assert any("/deny" in p for p in payloads(crisis))
    replies = send(bot_stack.url, sender, hedged)
    said = text_of(replies)
    assert "glad you're safe" not in said
    assert "not completely sure" in said and ("911" in said or "112" in said)


@pytest.mark.parametrize(
    "news", ["my dog just died", "my mum is in hospital, they just called me", "i just got fired"]
)
def test_hard_news_told_at_a_senses_step_is_heard_and_a_pause_offered(bot_stack, sender, news):
    send(bot_stack.url, sender, "/anxious")
    send(bot_stack.url, sender, "/affirm")
    replies = send(bot_stack.url, sender, news)
    assert news in replies[0]["text"] and "sorry" in replies[0]["text"].lower()
    assert any("safe_haven" in p for p in payloads(replies))  # pause and talk
    assert "five things" in replies[-1]["text"].lower()  # the step still open, not answered
    # Pausing leaves the exercise and starts listening: what is told next is listened to.
    talk = press(bot_stack.url, sender, replies, "Pause and talk")
    assert talk and "five things" not in text_of(talk).lower()
    heard = text_of(send(bot_stack.url, sender, "we had him since i was a kid")).lower()
    assert "?" in heard and not any(w in heard for w in ("four things", "touch", "feel right"))


def test_after_hard_news_an_ordinary_answer_is_still_taken(bot_stack, sender):
    send(bot_stack.url, sender, "/anxious")
    send(bot_stack.url, sender, "/affirm")
    send(bot_stack.url, sender, "my grandad just passed away")
    replies = send(bot_stack.url, sender, "a lamp, my bed, a cup, the door, the window")
    assert any(w in text_of(replies).lower() for w in ("four things", "feel", "touch"))


@pytest.mark.parametrize("puzzled", ["wait what", "huh?", "what do you mean"])
def test_not_understanding_a_step_gets_it_again_in_other_words_not_quoted(
    bot_stack, sender, puzzled
):
    send(bot_stack.url, sender, "/self_criticism")
    asked = send(bot_stack.url, sender, "/affirm")[-1]["text"]
    replies = send(bot_stack.url, sender, puzzled)
    assert puzzled not in text_of(replies)  # not kept as the answer and quoted back
    assert len(replies) == 2 and replies[-1]["text"] != asked
    assert "?" in replies[-1]["text"]
    after = send(bot_stack.url, sender, "i failed my exam")
    assert "feel" in after[-1]["text"].lower()  # the situation was taken: step two


def test_asides_said_twice_running_are_not_word_for_word_the_same(bot_stack, sender):
    send(bot_stack.url, sender, "/anxious")
    send(bot_stack.url, sender, "/affirm")
    first = send(bot_stack.url, sender, "hi")
    second = send(bot_stack.url, sender, "hello again")
    assert first[0]["text"] in ASIDES["greet"] and second[0]["text"] in ASIDES["greet"]
    assert first[0]["text"] != second[0]["text"]


def test_listening_replies_do_not_repeat_a_sentence_of_the_turn_before(bot_stack, sender):
    from actions.common import sentences

    send(bot_stack.url, sender, "/mood_low")
    send(bot_stack.url, sender, "/deny")
    previous = set()
    for said in ("my friends never text me back", "idk", "i just feel invisible"):
        reply = text_of(send(bot_stack.url, sender, said))
        assert not previous & set(sentences(reply)), reply
        previous = set(sentences(reply))
