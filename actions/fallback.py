"""When NLU is unsure what a message means (`nlu_fallback`, outside an exercise).

A longer message is someone telling us something, often something that matters to them, so
we reflect their words and invite more rather than answer "I didn't understand". A short one
("asdf", "hmm?") gets the gentle rephrase with buttons (`utter_default`), unless it says the
person is back ("im back"), which is welcomed. When the classifier's
own best guess was news or a good mood and no feeling word says otherwise, the person is most
likely telling us about their day: they get a listener's question back, worded so that it fits
good and bad news alike, and no exercise is put in front of them. A loss, a hurt between people
("my sister deleted me off facebook") or a choice still open keeps the reflection with choices."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    clean_text,
    echo,
    feeling_in,
    is_meaningful,
    is_payload,
    last_bot_text,
    pick,
    pick_fresh,
    question_buttons,
    recent_bot_texts,
)
from bot.nlu.news_guard import resolved, told_trouble
from bot.nlu.short_reply import fold

MIN_WORDS = 5  # below this, a message is more likely noise or a fragment than something told...
# ...unless it holds words: "my girlfriend left me", "idk it just hurts" are told in three or
# four words, and "could you say it another way?" to them reads as not listening. Fillers do not
# count ("ok so um" is still a fragment).
MIN_TOLD_WORDS = 3
FILLERS = frozenset(
    "ok okay k kk so um umm uh uhh er hmm hm mm like idk dunno lol lmao ya yah yeah yep yes no nah "
    "nope well oh ah eh the a an and or but to of it is im i you u me my what huh".split()
)
# Short news is still news ("bath, book, bed", "pizza night"); one word is too little to tell.
MIN_NEWS_WORDS = 2
# The classifier's guesses that mean "telling us about their day" (the rules answer them without
# an exercise offer when the classifier is sure; so does this reply when it is not).
NEWS_GUESSES = frozenset({"share_news", "mood_great"})
# Below this the news guess is little better than any other, so the reply with choices stays.
MIN_NEWS_CONFIDENCE = 0.2
# Bad news told with no feeling word ("my dog died this morning") is never taken for news; the
# hospital, a scan or a failed test are not news to guess about either, unless the worry is told
# as over: home from hospital, the scan came back clear (news_guard.resolved). The news replies
# are neutral, so a guess that is wrong there still reads well.
UNSURE_NEWS = re.compile(
    r"\b((?<!out of )(?<!out of the )(?<!home from )(?<!home from the )(?<!discharged from )"
    r"(?<!discharged from the )hospital|ambulance|scan|let go|lost (the|my|our|his|her)|failed|"
    r"rejected|didn'?t get)\b"
)

REFLECTIONS = (
    'Thank you for telling me: "{q}". I want to be sure I understand you. Would you like to tell me '
    "more about it, or try something that might help?",
    '"{q}": I hear you, though I may not have understood all of it. Tell me more if you\'d like, or '
    "choose one of these:",
    "It sounds like there's a lot in that: \"{q}\". I'm listening. Would you like to keep talking, or "
    "try a short exercise?",
)
FEELING_REFLECTIONS = (
    "Feeling {f} sounds hard. I'd like to understand a bit better. Would you like to tell me more, or "
    "try something that might help?",
    "It sounds like you're feeling {f}. I'm listening, and there's no rush. Would you like to keep "
    "talking, or try a short exercise?",
)
# When the words are too long or too personal to say back (actions.common.echo).
PLAIN_REFLECTIONS = (
    "Thank you for telling me. I want to be sure I understand you. Would you like to tell me "
    "more about it, or try something that might help?",
    "I hear you, though I may not have understood all of it. Tell me more if you'd like, or "
    "choose one of these:",
)
# Neutral on purpose: the guess may be wrong, so nothing says "that sounds nice".
NEWS_REPLIES = (
    'Thanks for telling me: "{q}". How are you feeling about it?',
    '"{q}": I\'d like to hear a bit more about that, if you want to tell me.',
    "Thank you for sharing that with me. What has it been like for you?",
)
# "im back", "it's me again": someone coming back to the conversation. Asked to say it another
# way ("I'm not sure I understood"), they were told they had not been heard at all.
RETURNING = re.compile(
    r"^((hey|hi|hello|yo|ok(ay)?|so|um+|lol)[,.!]*\s+)*"
    r"((i'?m|im|i am) (back|here again|back again)|back( again)?|(it'?s|its) me( again)?|me again|"
    r"i came back|i'?ve come back|ive come back)"
    r"([,.!]*\s*(again|lol|haha|now|x+))*\W*$"
)
WELCOME_BACK = (
    "Welcome back, I'm glad you came back. How are you doing now?",
    "Hi again, good to see you. What's on your mind today?",
    "Welcome back. I'm here. How have things been since we last talked?",
)
# A question right after the bot explained therapy ("how much does it cost", "is it online?")
# follows that explanation up: it was reflected back as if it were something told. The short
# version of the information (utter_therapy_info_again) answers it and points onward.
THERAPY_ANSWERS = ("utter_therapy_info", "utter_therapy_info_again")
QUESTION = re.compile(
    r"\?\s*$|^(how|what|where|who|when|which|why|is|are|do|does|can|could|will|would|should|"
    r"and|but|so)\b"
)


def follows_up_therapy(tracker: Tracker, text: Text) -> bool:
    """The message is a question and the bot's last answer was the therapy information."""
    if not QUESTION.search(fold(text)):
        return False
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and event.get("event") == "action":
            name = event.get("name")
            if name not in ("action_listen", None):
                return name in THERAPY_ANSWERS
    return False


# Its buttons replace any exercise offer still open. Also, always one event: story tests do not
# run actions, and ActionFailurePolicy reads a custom action with no event as a failed one.
DONE: List[EventType] = [SlotSet("exercise_offered", None)]

BUTTONS = question_buttons(
    [
        ("I'd like to talk", '/request_exercise{"exercise":"safe_haven"}'),
        ("Try an exercise", "/request_exercise"),
        ("What can you do?", "/ask_capabilities"),
        ("Get help now", "/crisis"),
    ],
    "fallback",
)


def own_guess(parse_data: Dict[str, Any]) -> Dict[str, Any]:
    """The classifier's best intent behind an `nlu_fallback` (the ranking lists it after the
    fallback) with its confidence; empty when there is no ranking."""
    for entry in parse_data.get("intent_ranking") or []:
        if entry.get("name") not in (None, "nlu_fallback"):
            return entry
    return {}


def likely_news(parse_data: Dict[str, Any], text: Text) -> bool:
    """The unsure classifier leaned towards news or a good mood, and nothing in the words says
    it was bad news, a hard feeling, a hurt between people, being alone when it hurts or a
    choice still open (the same
    checks as bot/nlu/news_guard.py, which the ranking may not have been through)."""
    guess = own_guess(parse_data)
    return (
        guess.get("name") in NEWS_GUESSES
        and (guess.get("confidence") or 0.0) >= MIN_NEWS_CONFIDENCE
        and feeling_in(text) is None
        and not told_trouble(text)
        and not (UNSURE_NEWS.search(text.lower()) and not resolved(text))
        and len(text.split()) >= MIN_NEWS_WORDS
    )


def told_something(text: Text) -> bool:
    """A short message that still tells something: three words or more, two of them not
    fillers."""
    words = re.findall(r"[a-z']+", text.lower())
    content = [w for w in words if len(w) > 2 and w.strip("'") not in FILLERS]
    return len(text.split()) >= MIN_TOLD_WORDS and len(content) >= 2


class ActionFallbackReply(Action):
    """Reflect and invite more after a message NLU could not place; rephrase for short ones."""

    def name(self) -> Text:
        return "action_fallback_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        latest = tracker.latest_message or {}
        text = clean_text(latest.get("text"))
        if is_payload(text) or not is_meaningful(text):
            dispatcher.utter_message(response="utter_default")
            return DONE
        if RETURNING.match(fold(text)):
            dispatcher.utter_message(text=pick_fresh(WELCOME_BACK, tracker.events))
            return DONE
        if follows_up_therapy(tracker, text):
            dispatcher.utter_message(response="utter_therapy_info_again")
            return DONE
        said = echo(text)  # the words to say back, or "" (too long, too short or personal)
        if likely_news(latest, text):
            dispatcher.utter_message(
                text=pick(
                    [t.format(q=said) for t in NEWS_REPLIES if said or "{q}" not in t],
                    avoid=recent_bot_texts(tracker.events),
                    previous=last_bot_text(tracker.events),
                )
            )
            return DONE
        if len(text.split()) < MIN_WORDS and not told_something(text):
            dispatcher.utter_message(response="utter_default")
            return DONE
        feeling = feeling_in(text)
        options = (
            [t.format(f=feeling) for t in FEELING_REFLECTIONS]
            if feeling
            else [t.format(q=said) for t in REFLECTIONS]
            if said
            else list(PLAIN_REFLECTIONS)
        )
        dispatcher.utter_message(text=pick_fresh(options, tracker.events), buttons=BUTTONS)
        return DONE
