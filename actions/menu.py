"""What a theme intent leads to: the first reply that reflects what the person said and offers
the matching exercise (yes/no buttons), respecting a "no", the exercise menu, switching to
another exercise, and stopping politely with a choice of what to do next."""

from __future__ import annotations

import random
import re
from abc import ABC, abstractmethod
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

import actions.breathing  # noqa: F401  (registers the exercise)
import actions.connection  # noqa: F401
import actions.decision  # noqa: F401
import actions.grounding  # noqa: F401
import actions.reframe  # noqa: F401
import actions.safe_haven  # noqa: F401
import actions.self_compassion  # noqa: F401
import actions.strengths  # noqa: F401
from actions.asides import is_thanks
from actions.common import (
    bound,
    canonical_exercise,
    clean_text,
    echo,
    is_explicit_request,
    is_payload,
    last_bot_text,
    pick,
    pick_fresh,
    question_buttons,
    recent_bot_texts,
)
from actions.exercise import (
    EXERCISES,
    SHARED,
    Step,
    clear_exercise_slots,
    exercise_for_form,
    last_requested_slot,
)
from actions.safe_haven import acknowledgements, reflective_replies

# theme intent -> the exercise it offers and how (reflections with a quote, without, offers,
# buttons), from each exercise's `offered_for` in data/exercises/<name>.yml.
THEMES: Dict[str, Dict[str, Any]] = {
    intent: {
        "exercise": ex.key,
        "quoted": offer.reflections_quoting,
        "plain": offer.reflections,
        "offers": offer.offers,
        "buttons": offer.buttons,
    }
    for ex in EXERCISES.values()
    for intent, offer in ex.wording.offered_for.items()
}
SOFT_OFFERS = SHARED.texts["soft_offers"]
MENU_TEXTS = SHARED.texts["menu"]
MENU_BUTTONS = tuple((EXERCISES[key].wording.menu_button, key) for key in SHARED.menu)
SWITCH_TEXTS = SHARED.texts["switched"]
DECLINED = SHARED.texts["declined"]
DECLINED_LISTEN = SHARED.texts["declined_listening"]
CHECK_IN_EVERY = 3
CHECK_IN = SHARED.texts["listening_check_ins"]
CHECK_IN_BUTTONS = SHARED.buttons["listening_check_in"]
STOPPED = SHARED.texts["stopped"]
STOPPED_NOTHING = SHARED.texts["stopped_nothing"]
STOP_BUTTONS = SHARED.buttons["stopped"]
MENU_QUESTION = "menu"


def latest_intent(tracker: Tracker) -> Optional[Text]:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def latest_text(tracker: Tracker) -> Text:
    return clean_text((tracker.latest_message or {}).get("text"))


def interrupted_form(tracker: Tracker) -> Optional[Text]:
    """The form that rejected the latest message (the person left or switched inside it)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return None
        if event.get("event") == "action_execution_rejected":
            name = event.get("name")
            if exercise_for_form(name):
                return name
    return None


def requested_exercise(tracker: Tracker) -> Optional[Text]:
    """The exercise named by the latest message's `exercise` entity (canonical value, or a raw
    value such as "breathing instead" read by keywords), if it is one we have."""
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") != "exercise":
            continue
        key = canonical_exercise(entity.get("value")) or canonical_exercise(entity.get("text"))
        if key in EXERCISES:
            return key
    return None


def _utter(dispatcher: CollectingDispatcher, text: Text, buttons=(), question: Text = "") -> None:
    """One message; its buttons (if any) answer ``question``."""
    if buttons:
        dispatcher.utter_message(text=text, buttons=question_buttons(buttons, question))
    else:
        dispatcher.utter_message(text=text)


def _previous_action(tracker: Tracker) -> Optional[Text]:
    """The last action before the latest user message (ignoring listen and slot extraction)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
            continue
        if (
            seen_user
            and event.get("event") == "action"
            and event.get("name") not in ("action_listen", "action_extract_slots", None)
        ):
            return event.get("name")
    return None


# Which exercise was offered last (not featurised); every action of ours returns at least one
# event, because ActionFailurePolicy reads a custom action with no events as a failure.
OFFERED = "exercise_offered"
SAFE_HAVEN = "safe_haven"  # listening: its offer and a "no" to it are worded apart

# One offer action per offered exercise, so rules can tell which offer a "yes" answers, and the
# theme an offer falls back to when it runs for another intent (the first in its `offered_for`).
OFFER_ACTIONS = {
    key: f"action_offer_{key}" for key in dict.fromkeys(t["exercise"] for t in THEMES.values())
}
DEFAULT_THEME = {key: next(iter(EXERCISES[key].wording.offered_for)) for key in OFFER_ACTIONS}


class _OfferExercise(Action, ABC):
    """First reply to a theme intent: reflect what the person said, then offer the matching
    exercise with yes/no buttons. A second offer in a row (they kept talking) is softer."""

    key: Text

    @abstractmethod
    def name(self) -> Text:  # pragma: no cover
        ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        rng = random.Random()
        intent = latest_intent(tracker)
        if intent not in THEMES or THEMES[intent]["exercise"] != self.key:
            intent = DEFAULT_THEME[self.key]
        theme = THEMES[intent]
        text = latest_text(tracker)
        q = "" if is_payload(text) else echo(text, 90)
        reflections = theme["quoted"] if q else theme["plain"]
        if _previous_action(tracker) == self.name():
            label = EXERCISES[self.key].label if self.key != SAFE_HAVEN else "a short exercise"
            offers = [o.format(label=label) for o in SOFT_OFFERS]
        else:
            offers = theme["offers"]
        options = [f"{r.format(q=q)} {o}" for r in reflections for o in offers]
        message = pick_fresh(options, tracker.events, rng)
        _utter(dispatcher, message, theme["buttons"], self.name().replace("action_", "", 1))
        return [SlotSet(OFFERED, self.key)]


def _make_offer(key: Text, action_name: Text) -> type:
    return type(
        f"ActionOffer{key.title().replace('_', '')}",
        (_OfferExercise,),
        {"key": key, "name": (lambda self, n=action_name: n), "__module__": __name__},
    )


OFFER_CLASSES = {key: _make_offer(key, name) for key, name in OFFER_ACTIONS.items()}


class ActionListenReply(Action):
    """After a "no" to an offer: theme messages are only listened to (reflect, validate, one
    open question), with a gentle check-in every few turns. No exercise is pushed."""

    def name(self) -> Text:
        return "action_listen_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        rng = random.Random()
        text = latest_text(tracker)
        previous = last_bot_text(tracker.events)
        recent = recent_bot_texts(tracker.events)
        turns = int(tracker.get_slot("listen_turns") or 0) + 1
        if turns % CHECK_IN_EVERY == 0:
            options = [f"{a} {c}" for a in acknowledgements(text) for c in CHECK_IN]
            _utter(
                dispatcher,
                pick(options, avoid=recent, previous=previous, rng=rng),
                CHECK_IN_BUTTONS,
                "listening_check_in",
            )
        else:
            _utter(
                dispatcher,
                pick(reflective_replies(text, turns % 3), avoid=recent, previous=previous, rng=rng),
            )
        return [SlotSet("listen_turns", float(turns))]


class ActionOfferDeclined(Action):
    """A "no" to an offer is respected: no pushing, an offer to simply listen instead."""

    def name(self) -> Text:
        return "action_offer_declined"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        declined = _previous_action(tracker)
        options = DECLINED_LISTEN if declined == OFFER_ACTIONS[SAFE_HAVEN] else DECLINED
        _utter(
            dispatcher,
            pick_fresh(options, tracker.events),
        )
        return [SlotSet("offer_declined", True), SlotSet("listen_turns", 0.0)]


class ActionChooseExercise(Action):
    """request_exercise: go straight to the named exercise, or show the menu as buttons.
    Inside another exercise this is a switch: that exercise's answers are cleared first."""

    def name(self) -> Text:
        return "action_choose_exercise"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        rng = random.Random()
        text = latest_text(tracker)
        if (
            requested_exercise(tracker) is None
            and interrupted_form(tracker) is None
            and not is_payload(text)
            and not is_explicit_request(text)
        ):
            # NLU guessed request_exercise for words that ask for nothing ("I'm Tom, text me
            # on ..."): listen instead of showing a menu nobody asked for.
            options = reflective_replies(text, int(tracker.get_slot("listen_turns") or 0) % 3)
            _utter(
                dispatcher,
                pick_fresh(options, tracker.events, rng),
            )
            return [SlotSet("exercise_choice", None)]
        events: List[EventType] = clear_exercise_slots(tracker)
        events += [SlotSet("offer_declined", None), SlotSet("listen_turns", None)]
        if tracker.get_slot("exercise") is not None:
            events.append(SlotSet("exercise", None))
        choice = requested_exercise(tracker)
        old = exercise_for_form(interrupted_form(tracker))
        previous = last_bot_text(tracker.events)
        if choice:
            if old is not None and old.key != choice:
                _utter(
                    dispatcher,
                    pick(
                        [t.format(old=old.label) for t in SWITCH_TEXTS], previous=previous, rng=rng
                    ),
                )
            return events + [SlotSet("exercise_choice", choice)]
        buttons = [
            (title, f'/request_exercise{{"exercise":"{key}"}}') for title, key in MENU_BUTTONS
        ]
        text = pick(MENU_TEXTS, previous=previous, rng=rng)
        if old is not None:
            text = f"{rng.choice(SWITCH_TEXTS).format(old=old.label)} {text}"
        _utter(dispatcher, text, buttons, MENU_QUESTION)
        return events + [SlotSet("exercise_choice", None)]


# "done" after a grounding or breathing step means "I did it", but NLU reads it as stop.
DONE_WORDS = {
    "done",
    "finished",
    "did it",
    "i did it",
    "done it",
    "ok done",
    "okay done",
    "all done",
    "i'm done",
    "im done",
    "done that",
    "yep done",
    "yes done",
}


STOP_CUES = re.compile(
    r"\b(stop|quit|end (this|it|the|here|now)|(that'?s|thats|i'?ve had|ive had|had) enough|"
    r"enough (for (now|today|tonight)|of (this|that|it)|already)|^enough|don'?t want|do not want|"
    r"don'?t wanna|dont wanna|something else|leave (it|this)|exit|pause|later|not now|no more|cancel|"
    r"finish (this|it|here|now)|give up|can'?t do (this|it)|not in the mood|skip|move on|"
    r"change (the )?(subject|topic)|something different|(a |another )?different (exercise|thing|one|topic)|"
    r"not (helping|working)|no thanks|nah|bye)\b"
)
# Short ways of saying no or "I've had enough" that STOP_CUES leaves out; with neither, a message
# read as stop is an answer (a strength such as "persistence" was read as stop and ended the exercise).
REFUSAL_CUES = re.compile(
    r"\b(no+|nope|nah+|na|meh|not|don'?t|dont|can'?t|cant|won'?t|wont|rather|nvm|never ?mind|dumb|stupid|"
    r"pointless|boring|bored|whatever|ugh+|hate|sucks|useless|waste|stahp|halt|bail|forget it|leave me|"
    r"go away|shut up)\b"
    r"|^(ok |okay )?(i'?m |im |i am )?(all )?(done|finished|out|over it)\W*$"
)


def _answer_after_all(
    tracker: Tracker, old, answer_of: Callable[[Text, Step], Optional[Text]]
) -> Optional[List[EventType]]:
    """An exercise interrupted by NLU's stop or goodbye guess, when the message was an answer after
    all: the step is filled with ``answer_of(text, step)`` (None: a real stop or goodbye) and the
    same exercise carries on where it was (the form validates the answer when it comes back)."""
    if old is None:
        return None
    slot = last_requested_slot(tracker)
    if slot not in old.slots:
        return None
    value = answer_of(latest_text(tracker), old.step(slot))
    if value is None:
        return None
    return [SlotSet(slot, value), SlotSet("exercise_choice", old.key)]


def _stop_answer(text: Text, step: Step) -> Optional[Text]:
    """Read as stop but not a stop: "done" after a grounding or breathing step, or an answer with
    no word of stopping or refusing in it (NLU has read "persistence" and "i did finish my
    apprenticeship" as stop). "stop", "enough", "nah", "i don't want to do this" always stop."""
    lowered = text.lower().strip(" .!")
    if (
        lowered
        and not is_payload(text)
        and not STOP_CUES.search(lowered)
        and not REFUSAL_CUES.search(lowered)
    ):
        return bound(text)[0]
    if lowered in DONE_WORDS and step.kind == "ack":
        return lowered
    return None


# "ok i'm safe, can we continue": after a crisis message ended an exercise, the person asks to
# go back to it. NLU reads these as stop ("can we ..."), which answered "there's nothing we
# have to do", the opposite of what was asked.
CONTINUE_CUES = re.compile(
    r"\b(continue|carry on|keep going|go on with|resume|pick (it |this |that )?(back )?up|"
    r"where we (left off|were|stopped)|what we were doing|go back to (it|that|the exercise)|"
    r"back to (it|the exercise)|finish (it|that|the exercise))\b"
)
# A crisis reply: the crisis layer ends any exercise (bot/crisis/policy.py) and keeps its answers.
CRISIS_REPLY = "utter_crisis_resources"
# After these an exercise is over for good (finished, stopped, left or switched).
_ENDED = ("action_stop_exercise", "action_leave_exercise", "action_choose_exercise")


def crisis_interrupted(tracker: Tracker) -> Optional[Text]:
    """The exercise a crisis message ended, if nothing has finished, stopped or switched it
    since."""
    crisis_seen = False
    ended = _ENDED + tuple(ex.done_action for ex in EXERCISES.values())
    for event in reversed(tracker.events):
        kind, name = event.get("event"), event.get("name")
        if kind == "action" and name in ended:
            return None
        if kind == "action" and name == CRISIS_REPLY:
            crisis_seen = True
        if kind == "active_loop" and name and crisis_seen:
            ex = exercise_for_form(name)
            return ex.key if ex else None
    return None


class ActionStopExercise(Action):
    """stop: end whatever exercise was running, forget its answers, offer a choice.
    "/stop{"exercise": X}" (the switch button an exercise offers) ends it and starts X;
    "/stop{"exercise": "menu"}" ends it and shows the menu."""

    def name(self) -> Text:
        return "action_stop_exercise"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        rng = random.Random()
        old = exercise_for_form(interrupted_form(tracker))
        resumed = _answer_after_all(tracker, old, _stop_answer)
        if resumed is not None:
            return resumed
        if old is None and CONTINUE_CUES.search(latest_text(tracker).lower()):
            paused = crisis_interrupted(tracker)
            if paused is not None:
                # The stop rule with a chosen exercise starts its form, which asks the first
                # step still unanswered.
                return [SlotSet("exercise_choice", paused)]
        events = clear_exercise_slots(tracker) + [SlotSet(OFFERED, None)]
        for slot in ("listen_turns", "offer_declined"):
            if tracker.get_slot(slot) is not None:
                events.append(SlotSet(slot, None))
        previous = last_bot_text(tracker.events)
        target = requested_exercise(tracker)
        if target is not None:
            return events + [SlotSet("exercise_choice", target)]  # the new exercise speaks next
        wants_menu = any(
            e.get("entity") == "exercise" and e.get("value") == "menu"
            for e in (tracker.latest_message or {}).get("entities") or []
        )
        if wants_menu:
            buttons = [
                (title, f'/request_exercise{{"exercise":"{key}"}}') for title, key in MENU_BUTTONS
            ]
            _utter(dispatcher, pick(MENU_TEXTS, previous=previous, rng=rng), buttons, MENU_QUESTION)
            return events + [SlotSet("exercise_choice", None)]
        if old is not None:
            options = [t.format(label=old.label) for t in STOPPED]
        else:
            options = list(STOPPED_NOTHING)
        _utter(
            dispatcher,
            pick(options, avoid=recent_bot_texts(tracker.events), previous=previous, rng=rng),
            STOP_BUTTONS,
            "stopped",
        )
        return events + [SlotSet("exercise_choice", None)]


# A real goodbye says so in words; a message NLU read as goodbye without any of these (a list of
# things seen in grounding, "work is a nightmare") was an answer.
LEAVE_CUES = re.compile(
    r"\b(bye+|b+ye|byee+|goodbye|good ?night|night+|nite|gn|g[2t]g|gotta (go|run|sleep|bounce)|"
    r"(have|need|got) to (go|run|sleep|leave)|must go|i'?m (off|out|leaving|going)|heading (off|out)|"
    r"see (you|ya|u)|cya|later+|laters|ttyl|talk (to you |to u |2 u )?(later|soon|tomorrow)|"
    r"that'?s (all|it)( for (now|today|tonight))?|thats (all|it)|done for (now|today|tonight)|"
    r"logging off|log off|sign(ing)? off|take care|cheers|ciao|adios|farewell|peace out|"
    r"thanks?( you)?( so much)?( for (everything|today|tonight|the chat|chatting|talking|listening|your help))|"
    r"going to (bed|sleep)|off to (bed|sleep)|bed ?time|sleep now|ttfn|toodles|au revoir|sayonara|"
    r"hasta (luego|la vista|mañana|manana)|(until|till|til) (tomorrow|next time|later|then|soon)|"
    r"(better|should) (go|head off|get going|make a move)|(make|made) a move|head out|over and out|"
    r"(gotta|got to|have to|need to) (dip|bounce|head off|get going)|signing out|i'?m done for)\b"
)


def _goodbye_answer(text: Text, step: Step) -> Optional[Text]:
    """Read as goodbye but not a goodbye: no word of leaving in it and not the button."""
    lowered = text.lower().strip()
    if (
        not lowered
        or is_payload(text)
        or LEAVE_CUES.search(lowered)
        or is_thanks(lowered)
        or STOP_CUES.search(lowered)
    ):
        return None
    return bound(text)[0]


class ActionLeaveExercise(Action):
    """A goodbye inside an exercise. A real one (a word of leaving, or the "That's all for now"
    button) forgets the exercise's answers and the goodbye rule says goodbye; a message NLU only
    misread as goodbye fills the step and the exercise carries on (see data/rules/exercises.yml)."""

    def name(self) -> Text:
        return "action_leave_exercise"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        resumed = _answer_after_all(
            tracker, exercise_for_form(interrupted_form(tracker)), _goodbye_answer
        )
        if resumed is not None:
            return resumed
        # Always at least one event: an action with none counts as failed (ActionFailurePolicy).
        return clear_exercise_slots(tracker) + [
            SlotSet(OFFERED, None),
            SlotSet("exercise_choice", None),
        ]
