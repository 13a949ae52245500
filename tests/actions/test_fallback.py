"""The reply when NLU is unsure (actions/fallback.py): reflect a longer message, rephrase a short one."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import BUTTONS, NEWS_REPLIES, ActionFallbackReply
from tests.actions.conftest import ODD_TEXTS, action_event, bot_event, make_tracker


async def reply(text, events=None, guess=None, confidence=0.38):
    """The fallback reply; ``guess`` is the classifier's own best intent behind the fallback."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "nlu_fallback", events=events)
    if guess:
        tracker.latest_message["intent_ranking"] = [
            {"name": "nlu_fallback", "confidence": 0.45},
            {"name": guess, "confidence": confidence},
            {"name": "mood_low", "confidence": 0.05},
        ]
    result = await ActionFallbackReply().run(dispatcher, tracker, {})
    return dispatcher.messages, result


EXERCISE_WORDS = ("exercise", "try something", "might help")


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


@pytest.mark.parametrize(
    "text, guess",
    [
        ("signed up for the community choir, first rehearsal thursday", "share_news"),
        ("the tortoise finally came out of his box for spring", "share_news"),
        ("bath, book, bed", "share_news"),
        ("pizza night 🍕", "share_news"),
        ("such a warm fuzzy feeling today", "mood_great"),
    ],
)
async def test_likely_news_gets_a_listeners_question_and_no_exercise(text, guess):
    """Low confidence with news as the best guess: a question back, no buttons, no exercise
    pushed, and nothing that would jar if the guess were wrong ("that sounds nice")."""
    messages, events = await reply(text, guess=guess)
    assert len(messages) == 1 and not messages[0].get("buttons")
    body = messages[0]["text"]
    assert body in {t.format(q=text) for t in NEWS_REPLIES}
    assert "?" in body or "tell me" in body
    assert not any(word in body.lower() for word in EXERCISE_WORDS)
    assert "nice" not in body.lower() and "lovely" not in body.lower()
    assert events == [
        {"event": "slot", "timestamp": None, "name": "exercise_offered", "value": None}
    ]


async def test_a_feeling_word_outweighs_a_news_guess():
    messages, _ = await reply(
        "went to the party but i felt so lonely the whole time", guess="share_news"
    )
    assert "lonely" in messages[0]["text"] and messages[0]["buttons"] == BUTTONS


@pytest.mark.parametrize(
    "text",
    [
        "my dog died this morning",
        "got made redundant today",
        "the scan found something and they want me back in",
        "we lost the house sale at the last minute",
    ],
)
async def test_bad_news_is_never_taken_for_news_even_when_the_guess_is(text):
    messages, _ = await reply(text, guess="share_news")
    assert messages[0].get("text") not in {t.format(q=text) for t in NEWS_REPLIES}
    assert messages[0].get("buttons") or messages[0].get("response") == "utter_default"


# A hurt between people, being alone when it hurts, or a choice still open, even when the unsure classifier leaned to news
# (bot/nlu/news_guard.py's checks, read here too): the reflection with choices, never a
# question that treats it as news about the day.
@pytest.mark.parametrize(
    "text",
    [
        "my sister deleted me off facebook after the christening",
        "my so called mate left me on read all weekend",
        "had a massive row with my dad at the bbq",
        "thanks for nothing, my cousin told everyone my news before i could",
        "thinking of moving back to my mums but not sure tho",
        "did the big shop on my own as usual, got no one to go with anymore",
    ],
)
async def test_a_hurt_or_an_open_choice_is_never_taken_for_news(text):
    messages, _ = await reply(text, guess="share_news", confidence=0.4)
    assert messages[0].get("text") not in {t.format(q=text) for t in NEWS_REPLIES}
    assert messages[0].get("buttons") == BUTTONS


# Things that "die" and limbs that are "dead" are not a loss: still a listener's question.
@pytest.mark.parametrize(
    "text",
    [
        "phone died on the bus so i just looked out the window, quite nice actually",
        "legs are dead after the hike up snowdon",
        "came dead last at the quiz with my work lot",
    ],
)
async def test_a_thing_that_died_is_still_news(text):
    messages, _ = await reply(text, guess="share_news", confidence=0.4)
    assert messages[0]["text"] in {t.format(q=text) for t in NEWS_REPLIES}
    assert not messages[0].get("buttons")


# A worry told as over (home from hospital, the scan clear) is news to ask about; the same words
# while it is not over keep the reflection with choices.
@pytest.mark.parametrize(
    "text",
    [
        "grandma's home from hospital and back on her crosswords",
        "the scan came back clear, off for a celebratory curry",
    ],
)
async def test_a_worry_told_as_over_gets_a_listeners_question(text):
    messages, _ = await reply(text, guess="share_news", confidence=0.4)
    assert messages[0]["text"] in {t.format(q=text) for t in NEWS_REPLIES}
    assert not messages[0].get("buttons")


@pytest.mark.parametrize(
    "text",
    [
        "grandma's back in hospital with her chest again",
        "the scan didn't come back clear so they're doing more tests",
        "hoping the scan comes back clear on monday",
    ],
)
async def test_a_worry_not_over_keeps_the_reflection_with_choices(text):
    messages, _ = await reply(text, guess="share_news", confidence=0.4)
    assert messages[0].get("text") not in {t.format(q=text) for t in NEWS_REPLIES}
    assert messages[0].get("buttons") == BUTTONS


async def test_a_weak_news_guess_keeps_the_reflection_with_choices():
    text = "so that happened at my cousins place this afternoon"
    messages, _ = await reply(text, guess="share_news", confidence=0.06)
    assert text in messages[0]["text"] and messages[0]["buttons"] == BUTTONS


@pytest.mark.parametrize("guess", ["mood_low", "vent", "out_of_scope", None])
async def test_other_guesses_keep_the_reflection_with_choices(guess):
    text = "my flatmate ate my food again and then lied about it"
    messages, _ = await reply(text, guess=guess)
    assert text in messages[0]["text"] and messages[0]["buttons"] == BUTTONS


@pytest.mark.parametrize("text", ["yay", "asdf", '/share_news{"a":1}', "   "])
async def test_one_word_or_a_payload_is_too_little_to_call_news(text):
    messages, _ = await reply(text, guess="share_news")
    assert [m.get("response") for m in messages] == ["utter_default"]


async def test_news_replies_never_repeat_back_to_back():
    text = "made my first loaf of bread"
    previous = None
    for _ in range(8):
        events = [bot_event(previous)] if previous else []
        messages, _ = await reply(text, events=events, guess="share_news")
        assert messages[0]["text"] != previous
        previous = messages[0]["text"]


async def test_a_message_with_a_phone_number_is_not_read_back():
    messages, _ = await reply("i'm tom btw, you can text me on 07700 900123 if you need")
    assert len(messages) == 1 and "07700" not in messages[0]["text"]
    assert "tom" not in messages[0]["text"]


@pytest.mark.parametrize(
    "text",
    ["my girlfriend left me", "idk it just hurts", "lost my job today", "cant stop crying tbh"],
)
async def test_a_short_message_that_tells_something_is_listened_to(text):
    messages, _ = await reply(text)
    assert messages[0].get("response") != "utter_default"
    assert messages[0]["buttons"] == BUTTONS and "say it another way" not in messages[0]["text"]


@pytest.mark.parametrize(
    "text", ["im back", "I'm back!", "hey im back", "its me again", "back again lol", "me again"]
)
async def test_someone_coming_back_is_welcomed_not_asked_to_rephrase(text):
    messages, _ = await reply(text)
    assert messages[0].get("response") != "utter_default"
    assert "back" in messages[0]["text"].lower() or "again" in messages[0]["text"].lower()
    assert "understood" not in messages[0]["text"] and not messages[0].get("buttons")


@pytest.mark.parametrize(
    "text",
    ["im back at work and its awful, my manager ignores me", "back pain again and i cant sleep"],
)
async def test_being_back_somewhere_is_still_something_told(text):
    messages, _ = await reply(text)
    assert messages[0]["buttons"] == BUTTONS  # reflected with choices, as before


@pytest.mark.parametrize("text", ["how much does it cost", "is it online?", "and where do i go"])
async def test_a_question_right_after_the_therapy_information_follows_it_up(text):
    events = [
        action_event("utter_therapy_info"),
        bot_event("Therapy is ..."),
        action_event("action_listen"),
    ]
    messages, _ = await reply(text, events=events)
    assert [m.get("response") for m in messages] == ["utter_therapy_info_again"]


@pytest.mark.parametrize(
    "text, before",
    [
        ("how much does it cost", "utter_greet"),  # no therapy information just given
        ("my flatmate ate my food again and lied", "utter_therapy_info"),  # not a question
    ],
)
async def test_other_messages_after_it_are_reflected_as_before(text, before):
    events = [action_event(before), bot_event("..."), action_event("action_listen")]
    messages, _ = await reply(text, events=events)
    assert messages[0].get("response") != "utter_therapy_info_again"
