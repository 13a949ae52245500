"""Declarative exercises turned into rasa_sdk actions.

Each exercise's module reads its wording (data/exercises/<name>.yml, several variations per
step) and calls `from_wording(...)`, which builds an `Exercise` of `Step`s and registers it.
From that one description this module builds the three kinds of action a Rasa form needs:

- `action_ask_<slot>`: asks one step, reflecting earlier answers in the person's own words
  (shortened, never more than ~200 characters), never repeating the previous bot message;
- `validate_<form>`: accepts free text as it is (not empty, trimmed when absurdly long, with a
  kind note), reads 0-10 ratings typed as "7", "seven" or "7/10";
- `action_<key>_done`: the closing summary, then every slot of the exercise is cleared so
  nothing personal outlives the exercise.

The same registry feeds actions/domain_spec.py, which prints the domain entries, so the domain
and the action server cannot drift apart silently.
"""

from __future__ import annotations

import random
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.asides import is_hard_news, is_news_now, is_thanks, is_unclear
from actions.common import (
    MAX_ANSWER_CHARS,
    bound,
    canonical_exercise,
    clean_text,
    echo,
    is_explicit_request,
    is_meaningful,
    is_payload,
    last_bot_text,
    parse_scale,
    parse_yes_no,
    pick,
    pick_fresh,
    question_buttons,
    quote,
    recent_bot_texts,
    render,
)
from actions.refusal import is_refusal
from actions.wording import ExerciseWording, load_shared, placeholders
from bot.nlu.short_reply import fold, is_unsure

Buttons = Sequence[Tuple[str, str]]
Prompts = Union[Sequence[str], Callable[[Dict[str, Any], Tracker], Sequence[str]]]

# Intents that never fill an exercise answer: crisis (the crisis layer takes over), stop (leave;
# "/stop{"exercise": X}" leaves and starts X) and goodbye. Every other message is taken as an
# answer first, because short answers are often misread by NLU ("seven" as greet, "persistence" as
# bot_challenge, "reaching out to others" as request_exercise); the validation action then sets
# aside the few that are clearly not answers (see triage below).
NOT_ANSWER_INTENTS = ("crisis", "stop", "goodbye")

# The words every exercise shares (notes on odd answers, switch offers, asides, the menu) live in
# data/exercises/_shared.yml; the placeholders each group may use are declared here.
SHARED = load_shared(
    texts={
        "empty_answer": (),
        "unsure_answer": (),
        "long_answer": (),
        "not_a_number": (),
        "switch_offers": ("new", "old"),
        "menu_offers": ("old",),
        "aside_bot_challenge": (),
        "aside_therapy_info": (),
        "aside_ask_capabilities": (),
        "aside_greet": (),
        "aside_thank": (),
        "aside_news": (),
        "aside_hard_news": ("q",),
        "aside_unclear": (),
        "hesitant_offers": ("label", "label_cap"),
        "soft_offers": ("label",),
        "menu": (),
        "switched": ("old",),
        "declined": (),
        "declined_listening": (),
        "listening_check_ins": (),
        "stopped": ("label",),
        "stopped_nothing": (),
        "switch_button": ("new",),
        "menu_button": (),
    },
    buttons=("next", "stop", "hard_news", "listening_check_in", "stopped", "scale"),
)
EMPTY_NOTES = SHARED.texts["empty_answer"]
UNSURE_NOTES = SHARED.texts["unsure_answer"]
LONG_NOTES = SHARED.texts["long_answer"]
NUMBER_NOTES = SHARED.texts["not_a_number"]
SCALE_BUTTONS: Buttons = SHARED.buttons["scale"]

# Offered when an exercise ends: the person chooses what comes next.
NEXT_BUTTONS: Buttons = SHARED.buttons["next"]
# Said when an exercise is stopped midway (here for a refusal, in actions/menu.py for a stop).
STOPPED = SHARED.texts["stopped"]
STOPPED_BUTTONS: Buttons = SHARED.buttons["stopped"]


@dataclass(frozen=True)
class Step:
    """One question of an exercise, filled from the person's next message. `id` names the answer
    in the wording files ({situation}); `slot` is the Rasa slot, always `<exercise>_<id>`."""

    slot: str
    prompts: Prompts
    kind: str = "text"  # text | scale | yesno | ack
    buttons: Buttons = ()
    id: str = ""

    def templates(self, values: Dict[str, Any], tracker: Tracker) -> Sequence[str]:
        return self.prompts(values, tracker) if callable(self.prompts) else self.prompts


@dataclass(frozen=True)
class Exercise:
    """One guided exercise. Its one name (`key`) is the module, the wording file, the registry
    key, the `exercise` entity value, the form (`<key>_form`) and the slot prefix (`<key>_`)."""

    key: str  # e.g. "reframe"
    label: str  # how we name it to the person, e.g. "the thought exercise"
    steps: Sequence[Step]
    intros: Sequence[str]  # said before the first question, once per run
    finish: Callable[[Dict[str, Any], Dict[str, Any], random.Random, Tracker], List[Dict[str, Any]]]
    validators: Dict[str, Callable[..., Dict[str, Any]]] = field(default_factory=dict)
    wording: Optional[ExerciseWording] = None  # its file in data/exercises (menu titles, offers)

    @property
    def form(self) -> str:
        return f"{self.key}_form"

    @property
    def slots(self) -> List[str]:
        return [s.slot for s in self.steps]

    @property
    def done_action(self) -> str:
        return f"action_{self.key}_done"

    def step(self, slot: str) -> Step:
        return next(s for s in self.steps if s.slot == slot)


def slot_name(exercise: str, step_id: str) -> str:
    """The Rasa slot of one step's answer: the exercise's name, then the step's id."""
    return f"{exercise}_{step_id}"


EXERCISES: Dict[str, Exercise] = {}
_KEEP: List[type] = []  # strong references to the generated classes (subclass lists are weak)


def all_exercise_slots() -> List[str]:
    return [slot for ex in EXERCISES.values() for slot in ex.slots]


def clear_exercise_slots(tracker: Tracker, only: Optional[Sequence[str]] = None) -> List[EventType]:
    """SlotSet(None) for every exercise slot that holds something (nothing kept beyond the
    exercise); `only` limits it to some slots."""
    names = only if only is not None else all_exercise_slots()
    return [SlotSet(name, None) for name in names if tracker.get_slot(name) is not None]


def exercise_for_form(form: Optional[str]) -> Optional[Exercise]:
    for ex in EXERCISES.values():
        if ex.form == form:
            return ex
    return None


THEME_INTENTS = (
    "vent",
    "mood_low",
    "mood_great",
    "anxious",
    "self_criticism",
    "limiting_belief",
    "explore_strengths",
    "decision_help",
    "loneliness",
)


def _context_event(tracker: Tracker, lookback: int = 3) -> Optional[Dict[str, Any]]:
    """The person's theme message that led to this exercise (before the offer), if any.
    Never reaches into an earlier exercise's answers."""
    seen = 0
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") and seen:
            break  # an earlier exercise ran before this message: its answers are not context
        if event.get("event") != "user":
            continue
        seen += 1
        if seen > lookback:
            break
        text = clean_text(event.get("text"))
        intent = (event.get("parse_data") or {}).get("intent", {}).get("name")
        if text and not is_payload(text) and intent in THEME_INTENTS:
            return event
    return None


def context_text(tracker: Tracker, lookback: int = 3) -> str:
    """What the person said that led to this exercise, for reflecting back at its start."""
    event = _context_event(tracker, lookback)
    return clean_text(event.get("text")) if event else ""


def context_intent(tracker: Tracker, lookback: int = 3) -> Optional[str]:
    event = _context_event(tracker, lookback)
    return (event.get("parse_data") or {}).get("intent", {}).get("name") if event else None


def quoted_values(
    ex: Exercise, tracker: Tracker, extra: Optional[Dict[str, Any]] = None
) -> Dict[str, Any]:
    """The answers so far by step id ({situation}), shortened for quoting, and {context}."""
    values: Dict[str, Any] = {}
    for step in ex.steps:
        raw = tracker.get_slot(step.slot)
        values[step.id] = quote(raw) if raw is not None else ""
    values["context"] = quote(context_text(tracker))
    if extra:
        values.update(extra)
    return values


def raw_values(ex: Exercise, tracker: Tracker) -> Dict[str, Any]:
    return {step.id: tracker.get_slot(step.slot) for step in ex.steps}


# Actions after which an exercise starts afresh (and is introduced again if it runs).
_FRESH_START = ("action_stop_exercise", "action_leave_exercise", "action_choose_exercise")


def _introduced_in_this_run(tracker: Tracker, ex: Exercise) -> bool:
    """Whether the bot already said one of the exercise's intros since the exercise last started
    afresh. Read from the bot's own messages, because Rasa logs a form's questions under the
    form's name, not the ask action's: the first question asked again (after an aside, a switch
    offer, a "no" to deleting) must not introduce the exercise a second time."""
    intros = [i for i in ex.intros if i]
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") in (*_FRESH_START, ex.done_action):
            return False
        if event.get("event") == "bot" and any(
            (event.get("text") or "").startswith(i) for i in intros
        ):
            return True
    return False


def send_messages(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    messages: List[Dict[str, Any]],
    question: str,
) -> None:
    """Dispatch messages, making sure none equals the message just before it; their buttons
    answer ``question``."""
    previous = last_bot_text(tracker.events)
    for message in messages:
        text = message.get("text")
        if not text or text == previous:
            continue
        buttons = question_buttons(message.get("buttons", ()), question)
        if buttons:
            dispatcher.utter_message(text=text, buttons=buttons)
        else:
            dispatcher.utter_message(text=text)
        previous = text


class _AskStep(Action, ABC):
    """Base of the generated `action_ask_<slot>` actions (abstract: not registered itself)."""

    exercise: Exercise
    step_: Step

    @abstractmethod
    def name(self) -> str:  # pragma: no cover - generated subclasses define it
        ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        rng = random.Random()
        values = quoted_values(self.exercise, tracker)
        templates = [
            render(t, values)
            for t in not_quoting_unsure(self.step_.templates(values, tracker), values)
        ]
        first = self.step_ is self.exercise.steps[0]
        if (
            first
            and any(self.exercise.intros)
            and not _introduced_in_this_run(tracker, self.exercise)
        ):
            intro = pick(self.exercise.intros, rng=rng)
            if intro:
                templates = [f"{intro} {t}" for t in templates]
        text = pick_fresh(templates, tracker.events, rng)
        buttons = question_buttons(self.step_.buttons, self.step_.slot)
        if buttons:
            dispatcher.utter_message(text=text, buttons=buttons)
        else:
            dispatcher.utter_message(text=text)
        return []


def _note(dispatcher: CollectingDispatcher, tracker: Tracker, notes: Sequence[str]) -> None:
    dispatcher.utter_message(text=pick(notes, previous=last_bot_text(tracker.events)))


def not_quoting_unsure(templates: Sequence[str], values: Dict[str, Any]) -> Sequence[str]:
    """The wordings that do not quote a not-knowing answer back ('Keeping "idk" in mind...'): a
    second "idk" is accepted as the answer, but it is not the person's words to reflect. All of
    them when every wording quotes it (nothing better to say)."""
    unsure = {name for name, value in values.items() if is_unsure(value)}
    if not unsure:
        return templates
    kept = [t for t in templates if not placeholders(t) & unsure]
    return kept or templates


def _unsure_note_recently(tracker: Tracker) -> bool:
    return any(t in UNSURE_NOTES for t in recent_bot_texts(tracker.events, count=3))


def validate_text(
    value: Any,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    slot: str,
    limit: int = MAX_ANSWER_CHARS,
) -> Dict[str, Any]:
    """Accept free text as it is: refuse only emptiness, trim what is absurdly long."""
    text = clean_text(value if isinstance(value, str) else ("" if value is None else str(value)))
    if not is_meaningful(text) or is_payload(text):
        _note(dispatcher, tracker, EMPTY_NOTES)
        return {slot: None}
    # Not knowing gets one gentle word and the question again; a second "idk" is accepted
    # (never pushed twice).
    if is_unsure(text) and not _unsure_note_recently(tracker):
        _note(dispatcher, tracker, UNSURE_NOTES)
        return {slot: None}
    text, trimmed = bound(text, limit)
    if trimmed:
        _note(dispatcher, tracker, LONG_NOTES)
    return {slot: text}


def _number_note_recently(tracker: Tracker) -> bool:
    return any(t in NUMBER_NOTES for t in recent_bot_texts(tracker.events, count=3))


def validate_scale(
    value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str
) -> Dict[str, Any]:
    """A 0-10 rating; after one gentle retry the person's own words are accepted instead."""
    number = parse_scale(value if isinstance(value, str) else str(value or ""))
    if number is not None:
        return {slot: str(number)}
    if _number_note_recently(tracker) and is_meaningful(str(value or "")):
        text, _ = bound(str(value), 60)
        return {slot: text}
    _note(dispatcher, tracker, NUMBER_NOTES)
    return {slot: None}


def validate_ack(
    value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str
) -> Dict[str, Any]:
    """Steps that only need "ready"/"done": any reply moves on (kept short)."""
    text = clean_text(str(value or ""))
    if not text or is_payload(text):
        return {slot: "ok"}
    text, _ = bound(text, 300)
    return {slot: text}


def validate_yesno(
    value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str
) -> Dict[str, Any]:
    if value in ("yes", "no") and tracker.get_slot(slot) == value:
        return {slot: value}  # already answered (the form resumed after an aside)
    intent = (tracker.latest_message or {}).get("intent", {}).get("name")
    answer = parse_yes_no(str(value or ""), intent)
    return {slot: "yes" if answer else "no"}


_KIND_VALIDATORS = {
    "text": validate_text,
    "scale": validate_scale,
    "ack": validate_ack,
    "yesno": validate_yesno,
}


_BOT_QUESTION = re.compile(
    r"\b(are|r) (you|u)\b.*\b(bot|robot|human|real|person|ai|machine|computer)\b|"
    r"\b(is this|am i talking to) (a )?(bot|robot|human|real|person|ai)\b"
)
_THERAPY_QUESTION = re.compile(r"\b(therap|counsel|psycholog|psychiatr)")
_CAPABILITY_QUESTION = re.compile(
    r"\bwhat (can|do) (you|u) (do|help)|\bhow (can|do) (you|u) help\b|^(help|help me|/help)\W*$"
)
_DELETE_REQUEST = re.compile(
    r"\b(delete|erase|wipe|remove|forget)\b.*\b(data|conversation|chat|messages|"
    r"everything|this|me|history)\b"
)
_GREETING = re.compile(
    r"^(hi+|hello+|hey+|hiya|heya|yo|howdy|good (morning|afternoon|evening))( there| again)?\W*$"
)

NEWS_INTENTS = ("share_news", "mood_great")


# To a "tell me when you're done" step, "ok thanks" is done.
_DONE_LEAD = re.compile(r"^(ok|okay|k|done|yes|yep|yeah)\b")


def interrupts(intent: Optional[str], text: str, kind: str) -> Optional[str]:
    """The aside for a message said midway that is not the step's answer (actions/asides.py):
    thanks, news breaking in, hard news told at a here-and-now step, not understanding the
    question; or None when the message is the step's answer.

    Hard news ("my dog just died") is heard only at "ack" steps (the senses, a breath): they
    never ask about the person's life, so what happened cannot be their answer. At a step that
    asks about it ("what's the situation?") it is the answer, and the exercise reflects it."""
    folded = fold(text)
    if intent == "thank" and is_thanks(folded):
        return None if kind == "ack" and _DONE_LEAD.match(folded) else "thank"
    if is_hard_news(folded):  # never met as good news ("omg my cat just got hit by a car")
        return "hard_news" if kind == "ack" else None
    if intent in NEWS_INTENTS and is_news_now(folded):
        return "news"
    if is_unclear(folded):
        return "unclear"
    return None


SWITCH_OFFERS = SHARED.texts["switch_offers"]
MENU_OFFERS = SHARED.texts["menu_offers"]
ASIDES = {
    intent: SHARED.texts[f"aside_{intent}"]
    for intent in (
        "bot_challenge",
        "therapy_info",
        "ask_capabilities",
        "greet",
        "thank",
        "news",
        "hard_news",
        "unclear",
    )
}
# The bot's own command payloads (a button, or a typed /start or /help: see
# bot/rasa_compat/payload_guard.py COMMANDS): always the command, never an answer.
COMMAND_PAYLOADS = {"/greet": "greet", "/ask_capabilities": "ask_capabilities"}
DELETE_PAYLOAD = "/delete_data"
STOP_BUTTON = SHARED.buttons["stop"][0]
# Offered with the aside to hard news: pause the exercise and talk (listening), or stop.
HARD_NEWS_BUTTONS: Buttons = SHARED.buttons["hard_news"]


def _intent_and_text(tracker: Tracker) -> Tuple[Optional[str], str]:
    latest = tracker.latest_message or {}
    return ((latest.get("intent") or {}).get("name"), clean_text(latest.get("text")))


def _requested(tracker: Tracker) -> Optional[str]:
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "exercise":
            key = canonical_exercise(entity.get("value")) or canonical_exercise(entity.get("text"))
            if key:
                return key
    return None


def triage(ex: Exercise, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """True when the latest message is clearly not an answer to the exercise's question: an
    explicit request for another exercise (offer to switch, or to finish this one first), a
    genuine question about the bot, therapy or deleting data (a short answer), or thanks or news
    said to the bot midway (see interrupts). The form then asks
    its question again. Everything else is an answer, whatever the NLU thought."""
    intent, text = _intent_and_text(tracker)
    lowered = text.lower()
    previous = last_bot_text(tracker.events)
    command = COMMAND_PAYLOADS.get(text.split("{", 1)[0]) if is_payload(text) else None
    if command:
        dispatcher.utter_message(text=pick(ASIDES[command], previous=previous))
        return True
    if is_payload(text) and intent != "request_exercise":
        return False  # an old button: the text validators treat it as an empty answer
    if intent == "request_exercise" and (is_payload(text) or is_explicit_request(text)):
        new = _requested(tracker) or canonical_exercise(text)
        if new and new != ex.key and new in EXERCISES:
            options = [t.format(new=EXERCISES[new].label, old=ex.label) for t in SWITCH_OFFERS]
            title = pick(SHARED.texts["switch_button"]).format(
                new=EXERCISES[new].label.replace("the ", "", 1)
            )
            buttons = [(title, f'/stop{{"exercise":"{new}"}}')]
        else:
            options = [t.format(old=ex.label) for t in MENU_OFFERS]
            buttons = [(pick(SHARED.texts["menu_button"]), '/stop{"exercise":"menu"}')]
        buttons.append(STOP_BUTTON)
        dispatcher.utter_message(
            text=pick(options, previous=previous), buttons=question_buttons(buttons, "switch")
        )
        return True
    genuine = {
        "bot_challenge": bool(_BOT_QUESTION.search(lowered)),
        "therapy_info": "?" in text and bool(_THERAPY_QUESTION.search(lowered)),
        "ask_capabilities": bool(_CAPABILITY_QUESTION.search(lowered)),
        "greet": bool(_GREETING.match(lowered)),
    }
    if genuine.get(intent or ""):
        dispatcher.utter_message(text=pick_fresh(ASIDES[intent], tracker.events))
        return True
    # Thanks, news, hard news or not understanding the question, said midway: acknowledged and
    # the step asked again (in other words), not kept as the answer.
    requested = tracker.get_slot("requested_slot")
    kind = ex.step(requested).kind if requested in ex.slots else "text"
    aside = interrupts(intent, text, kind)
    if aside == "hard_news":
        options = [t.format(q=echo(text, 90)) for t in ASIDES[aside]]
        dispatcher.utter_message(
            text=pick_fresh(options, tracker.events),
            buttons=question_buttons(HARD_NEWS_BUTTONS, "hard_news"),
        )
        return True
    if aside:
        dispatcher.utter_message(text=pick_fresh(ASIDES[aside], tracker.events))
        return True
    return False


def is_delete_request(tracker: Tracker) -> bool:
    """The latest message asks to delete the conversation: the bot's own payload (a button,
    a typed /delete), or words that say so and that NLU read as delete_data (an answer NLU
    merely misread, "freedom and not having regrets", stays an answer)."""
    intent, text = _intent_and_text(tracker)
    if intent != "delete_data":
        return False
    return text.split("{", 1)[0] == DELETE_PAYLOAD or bool(_DELETE_REQUEST.search(text.lower()))


def typed_switch(ex: Exercise, tracker: Tracker) -> bool:
    """The latest message, typed (not an old button, which triage meets with a switch offer),
    asks for another exercise by name."""
    intent, text = _intent_and_text(tracker)
    if intent != "request_exercise" or is_payload(text) or not is_explicit_request(text):
        return False
    new = _requested(tracker) or canonical_exercise(text)
    return bool(new) and new != ex.key and new in EXERCISES


def last_requested_slot(tracker: Tracker) -> Optional[str]:
    """The step the form asked last (requested_slot is cleared when a form ends)."""
    for event in reversed(tracker.events):
        if (
            event.get("event") == "slot"
            and event.get("name") == "requested_slot"
            and event.get("value")
        ):
            return event["value"]
    return None


def refused_midway(ex: Exercise, tracker: Tracker) -> bool:
    """The latest message turned the exercise down (actions/refusal.py) instead of answering
    the step asked last: read the same way by the validation action, which ends the form, and by
    the done action, which then says so instead of summing up answers that were never given.
    A yes/no step's "i'd rather not" is its answer."""
    intent, text = _intent_and_text(tracker)
    slot = tracker.get_slot("requested_slot") or last_requested_slot(tracker)
    if intent in NOT_ANSWER_INTENTS or slot not in ex.slots or ex.step(slot).kind == "yesno":
        return False
    answered = tracker.get_slot(slot) is not None and not tracker.get_slot("requested_slot")
    return not answered and is_refusal(text)


class _ValidateExercise(FormValidationAction, ABC):
    """Base of the generated `validate_<form>` actions."""

    exercise: Exercise

    @abstractmethod
    def name(self) -> str:  # pragma: no cover
        ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        # A request to delete the conversation is never an answer: the form steps aside and
        # the rules ask to confirm (data/rules/privacy.yml), as they do in every other state.
        requested = tracker.get_slot("requested_slot")
        if requested in self.exercise.slots and is_delete_request(tracker):
            # (the request's words were taken as the answer when the turn began: not kept)
            return [SlotSet(requested, None), ActionExecutionRejected(self.exercise.form)]
        # "can we not", "this isn't helping": the exercise ends here, whatever NLU read (a stop
        # NLU saw went to the stop rule already). The form finishes early, and the done action
        # says it has stopped instead of summing up (see refused_midway).
        # Typed words that ask for another exercise by name ("actually can we do breathing
        # instead") switch at once: the rules for request_exercise leave this one and start that
        # one. (Offering the switch and asking again took the "yes" to the offer as the answer.)
        if requested in self.exercise.slots and typed_switch(self.exercise, tracker):
            return [SlotSet(requested, None), ActionExecutionRejected(self.exercise.form)]
        if requested in self.exercise.slots and refused_midway(self.exercise, tracker):
            return [SlotSet(requested, None), SlotSet("requested_slot", None)]
        return await super().run(dispatcher, tracker, domain)

    def domain_slots(self, domain: Dict[str, Any]) -> List[str]:
        # The slots are known from the exercise itself, so validation works even when the
        # domain sent by Rasa leaves out form details.
        return list(self.exercise.slots)

    def _validator(self, slot: str):
        step = self.exercise.step(slot)
        custom = self.exercise.validators.get(slot)

        async def validate(
            value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
        ) -> Dict[str, Any]:
            if not (step.kind == "scale" and parse_scale(str(value or "")) is not None):
                if triage(self.exercise, value, dispatcher, tracker):
                    return {slot: None}
            if custom is not None:
                return custom(value, dispatcher, tracker)
            return _KIND_VALIDATORS[step.kind](value, dispatcher, tracker, slot)

        return validate

    def __getattr__(self, item: str):
        if item.startswith("validate_"):
            slot = item[len("validate_") :]
            if slot in self.exercise.slots:
                return self._validator(slot)
        raise AttributeError(item)


class _ExerciseDone(Action, ABC):
    """Base of the generated `action_<key>_done` actions: summary, then forget the answers."""

    exercise: Exercise

    @abstractmethod
    def name(self) -> str:  # pragma: no cover
        ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        rng = random.Random()
        previous = last_bot_text(tracker.events)
        events = clear_exercise_slots(tracker) + [SlotSet("exercise_offered", None)]
        if tracker.get_slot("offer_declined"):
            events.append(SlotSet("offer_declined", None))
        if refused_midway(self.exercise, tracker):
            options = [t.format(label=self.exercise.label) for t in STOPPED]
            dispatcher.utter_message(
                text=pick(options, avoid=recent_bot_texts(tracker.events), previous=previous),
                buttons=question_buttons(STOPPED_BUTTONS, "stopped"),
            )
            return events
        for _ in range(20):  # variations are random: draw again if it would repeat the last text
            messages = self.exercise.finish(
                quoted_values(self.exercise, tracker),
                raw_values(self.exercise, tracker),
                rng,
                tracker,
            )
            if messages and messages[0].get("text") != previous:
                break
        send_messages(dispatcher, tracker, messages, f"{self.exercise.key}_done")
        return events


def _class_name(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def register(ex: Exercise) -> Exercise:
    """Record an exercise and generate its ask, validate and done actions."""
    if ex.key in EXERCISES:
        return EXERCISES[ex.key]
    EXERCISES[ex.key] = ex
    for step in ex.steps:
        action_name = f"action_ask_{step.slot}"
        cls = type(
            _class_name(action_name),
            (_AskStep,),
            {
                "exercise": ex,
                "step_": step,
                "name": (lambda self, n=action_name: n),
                "__module__": __name__,
            },
        )
        _KEEP.append(cls)
    validate_name = f"validate_{ex.form}"
    _KEEP.append(
        type(
            _class_name(validate_name),
            (_ValidateExercise,),
            {"exercise": ex, "name": (lambda self, n=validate_name: n), "__module__": __name__},
        )
    )
    _KEEP.append(
        type(
            _class_name(ex.done_action),
            (_ExerciseDone,),
            {"exercise": ex, "name": (lambda self, n=ex.done_action: n), "__module__": __name__},
        )
    )
    return ex


def action_class(name: str) -> type:
    """The generated action class with this name (for tests and the domain spec)."""
    for cls in _KEEP:
        if cls().name() == name:
            return cls
    raise KeyError(name)


def with_context(
    with_ctx: Sequence[str], without: Sequence[str]
) -> Callable[[Dict[str, Any], Tracker], Sequence[str]]:
    """Prompts that quote what the person just said when there is something to quote."""

    def prompts(values: Dict[str, Any], tracker: Tracker) -> Sequence[str]:
        context = values.get("context")
        if not context or context in (last_bot_text(tracker.events) or ""):
            return without  # nothing to quote, or the offer just quoted it: no echo twice running
        return with_ctx

    return prompts


def summary_message(
    options: Sequence[str], values: Dict[str, Any], rng: random.Random
) -> Dict[str, Any]:
    return {"text": render(rng.choice(list(not_quoting_unsure(options, values))), values)}


def closing_message(options: Sequence[str], rng: random.Random) -> Dict[str, Any]:
    return {"text": rng.choice(list(options)), "buttons": NEXT_BUTTONS}


def from_wording(
    wording: ExerciseWording,
    finish: Callable[
        [Dict[str, Any], Dict[str, Any], random.Random, Tracker], List[Dict[str, Any]]
    ],
    prompts: Optional[Dict[str, Prompts]] = None,
    validators: Optional[Dict[str, Callable[..., Dict[str, Any]]]] = None,
) -> Exercise:
    """Register an exercise whose words come from its wording file. A step asks its `questions`,
    or its `quoting_context` variant when there is something of the person's to quote;
    `prompts` (by step id) replaces that choice for steps whose code picks among variants.
    `validators` are by step id too."""
    prompts = prompts or {}
    steps = []
    for w in wording.steps:
        if w.id in prompts:
            asked: Prompts = prompts[w.id]
        elif "quoting_context" in w.when:
            asked = with_context(w.when["quoting_context"], w.questions)
        else:
            asked = w.questions
        buttons = w.buttons or (SCALE_BUTTONS if w.kind == "scale" else ())
        steps.append(
            Step(slot_name(wording.name, w.id), asked, kind=w.kind, buttons=buttons, id=w.id)
        )
    by_slot = {slot_name(wording.name, step_id): fn for step_id, fn in (validators or {}).items()}
    return register(
        Exercise(
            key=wording.name,
            label=wording.label,
            steps=tuple(steps),
            intros=wording.intros,
            finish=finish,
            validators=by_slot,
            wording=wording,
        )
    )


def summary_and_closing(wording: ExerciseWording):
    """The usual end: one summary in the person's words (if the exercise has any), one closing."""

    def finish(quoted, raw, rng, tracker):
        messages = [summary_message(wording.summaries, quoted, rng)] if wording.summaries else []
        return messages + [closing_message(wording.closings, rng)]

    return finish
