"""The turns after a person said they are not safe: the bot stays with them.

After utter_crisis_followup_unsafe the ordinary dialogue used to take over at once ("ok" got
the exercise menu, "what now" a request to rephrase), and "I'm safe now", which the learned tier
reads as danger, brought a fresh crisis reply. Here, in those turns:

* a statement that the person is safe now (typed, or the check's "Yes" button) gets the safe
  follow-up;
* the first reply after the unsafe follow-up, whatever it is, gets utter_crisis_stay
  (acknowledge, the one step: call the emergency number or a line and tell someone near,
  "have you been able to reach someone?");
* after that, answers and small talk (yes, no, ok, thanks, a fallback, how they feel) get
  utter_crisis_stay_on, until the person asks for something (a theme, an exercise, information);
* "not sure", "idk" or "no idea" in answer to "are you safe right now?" gets the not-safe
  follow-up (the emergency numbers): not knowing whether one is safe is not safe, and the
  classifier read these as a yes ("I'm glad you're safe");
* a hedged answer to it ("i think so", "i guess im safe", "kinda", "yes but he's back at 6")
  gets utter_crisis_followup_unsure: the emergency number again and a question about the doubt.
  The rules took these as a yes too, and the bot was glad the person was safe;
* a new crisis message is never held here: the full crisis response comes first
  (bot/crisis/policy.py), except a bare "I'm safe now" in these turns or right after the
  check's question.
"""

from __future__ import annotations

import re
from typing import Optional, Text

from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.crisis.resources import CHECK_SAFE_QUESTION
from bot.crisis.turns import actions_since_last_user_message
from bot.nlu.short_reply import fold, is_unsure
from bot.rasa_compat.payload_guard import QUESTION

CHECK_SAFE = "utter_crisis_check_safe"
UNSAFE = "utter_crisis_followup_unsafe"
UNSURE = "utter_crisis_followup_unsure"
SAFE = "utter_crisis_followup_safe"
STAY = "utter_crisis_stay"
STAY_ON = "utter_crisis_stay_on"
AFTERCARE = (UNSAFE, STAY, STAY_ON)

# Asking for something leaves the aftercare (after its first reply): the person chose a
# direction. Everything else (answers, feelings, thanks, goodbyes, fallbacks) is held.
RELEASE_INTENTS = frozenset(
    {
        "anxious",
        "self_criticism",
        "limiting_belief",
        "explore_strengths",
        "decision_help",
        "loneliness",
        "request_exercise",
        "therapy_info",
        "delete_data",
        "bot_challenge",
        "ask_capabilities",
    }
)

_LEAD = r"(?:(?:ok(?:ay)?|k|yes|yeah|yea|yh|ya|yep|yup|alright|fine|sure|well|so|um+|i think|i guess|sí|si|vale|bueno|ya)\W+)*"
_EN = (
    r"(?:i'?m|i am|im|iam|am)\s+(?:(?:ok(?:ay)?|fine|alright)\s+(?:and|&)\s+)?"
    r"(?:safe|sfae|saf)(?:\s+(?:now|for now|right now|again|at the moment|atm|here|tho|though))?"
    r"(?:\W+(?:now|for now|right now|again))?"
    r"|(?:i'?m|i am|im) (?:ok(?:ay)?|fine|alright) now"
)
_ES = r"(?:ya\s+)?estoy\s+(?:a\s+salvo|segur[oa]|bien)(?:\s+(?:ya|ahora|ahora mismo))?"
_TAIL = r"(?:\W+(?:thanks|thank you|thx|ty|gracias|now|i promise|really))*"
SAFE_STATEMENT = re.compile(rf"{_LEAD}(?:{_EN}|{_ES}){_TAIL}\W*", re.IGNORECASE)
# Any word of danger or doubt keeps the message out of the statement's reach.
_DOUBT = re.compile(r"\b(not|no|n'?t|never|unsafe|don'?t|dont|nunca|ya no)\b", re.IGNORECASE)


# A yes that is not one: a hedge word, or a yes/safe followed by "but". English and Spanish.
_HEDGE = re.compile(
    r"\b(?:i think|i guess|i suppose|i hope|hope so|hopefully|maybe|mayb|perhaps|probably|prob"
    r"|prolly|kinda|kind of|sorta|sort of|mostly|more or less|somewhat|ish|depends|in a way"
    r"|not (?:really |totally |completely |entirely |fully |100% )?(?:sure|certain)"
    r"|not (?:completely|totally|entirely|fully|exactly|100%)|physically|technically|at the moment i guess"
    r"|(?:yes|yeah|yea|ya|yh|yep|yup|safe|ok|okay|fine|i am|i'?m|im) but"
    r"|creo que s[ií]|supongo|m[aá]s o menos|quiz[aá]s?|tal vez|a lo mejor|no del todo|s[ií] pero)\b"
)
# Longer than this, a reply tells something beyond the answer; the dialogue reads it.
_HEDGE_MAX_WORDS = 12


def says_safe(text: Optional[Text]) -> bool:
    """The whole message says the person is safe now ("ok im safe now", "estoy a salvo"),
    without a hedge ("i think im safe" is not sure)."""
    if not text:
        return False
    cleaned = fold(text)
    return (
        bool(SAFE_STATEMENT.fullmatch(cleaned))
        and not _DOUBT.search(cleaned)
        and not _HEDGE.search(cleaned)
    )


def hedges(text: Optional[Text]) -> bool:
    """A short answer that hedges ("i think so", "kinda", "yes but he's back tonight")."""
    if not text:
        return False
    cleaned = fold(text)
    return len(cleaned.split()) <= _HEDGE_MAX_WORDS and bool(_HEDGE.search(cleaned))


def _previous_bot_action(tracker: DialogueStateTracker) -> Optional[Text]:
    """The last action before the newest user message (action_listen skipped)."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                return None
            seen_user = True
            continue
        if seen_user and isinstance(event, ActionExecuted) and event.action_name:
            if event.action_name != ACTION_LISTEN_NAME:
                return event.action_name
    return None


def _pressed_safe(tracker: DialogueStateTracker) -> bool:
    latest = tracker.latest_message
    if latest is None or (latest.intent or {}).get("name") != "affirm":
        return False
    return any(
        e.get("entity") == QUESTION and e.get("value") == CHECK_SAFE_QUESTION
        for e in latest.entities or []
    )


def safe_statement_in_context(tracker: DialogueStateTracker) -> bool:
    """A bare "I'm safe now" answering the check or said in the aftercare turns: not a crisis."""
    latest = tracker.latest_message
    return (
        latest is not None
        and _previous_bot_action(tracker) in AFTERCARE + (CHECK_SAFE, UNSURE)
        and says_safe(latest.text)
    )


def next_aftercare_action(tracker: DialogueStateTracker) -> Optional[Text]:
    """The reply in the turns after "I'm not safe", or None when the aftercare has no say."""
    latest = tracker.latest_message
    if latest is None:
        return None
    done = actions_since_last_user_message(tracker)
    if done:
        # These replies end the turn (the safe follow-up does under its rule too).
        return (
            ACTION_LISTEN_NAME
            if done == [done[0]] and done[0] in (STAY, STAY_ON, SAFE, UNSAFE, UNSURE)
            else None
        )
    previous = _previous_bot_action(tracker)
    intent = (latest.intent or {}).get("name")
    if safe_statement_in_context(tracker):
        return SAFE
    if previous == CHECK_SAFE and intent != "crisis" and is_unsure(latest.text):
        return UNSAFE
    if previous == CHECK_SAFE and intent != "crisis" and hedges(latest.text):
        return UNSURE
    if previous not in AFTERCARE or intent == "crisis":
        return None
    if _pressed_safe(tracker):
        return SAFE
    if previous == UNSAFE:
        return STAY
    if intent in RELEASE_INTENTS:
        return None
    return STAY_ON
