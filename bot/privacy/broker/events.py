"""Rasa event dicts -> typed review operations, anonymised (the adapter's one job).

Raw text never leaves this module: a person's words go through the anonymiser, a bot text is kept
whole only when it is exactly one of the bot's fixed responses, a button title only when it is
exactly one of the bot's own titles (anything else is anonymised too), and every categorical
field is checked against the project's fixed sets (``Op.clean``). Never raises for odd events
beyond what ``publish`` catches; an event it does not need gives no operation.
"""

from __future__ import annotations

import re
import time
from typing import Any, Dict, List, Optional, Sequence

from bot.privacy import categories, static_texts
from bot.privacy import pseudonym as pseudonyms
from bot.privacy.broker.memory import OfferedButtons, RecentTexts
from bot.privacy.broker.ops import (
    ActionRan,
    CrisisSlotSet,
    Forget,
    LoopChanged,
    Op,
    SessionStarted,
    Speaker,
    TurnKind,
    TurnSaid,
)

FORGET_ACTION = "action_forget_me"
CRISIS_ENTITY = "crisis_category"
# Actions that say nothing about how a conversation went (every turn has them).
QUIET_ACTIONS = frozenset({"action_listen", "action_extract_slots", "action_session_start"})
# A bare "/intent": what channels send on their own (the widget's "/greet" when it opens).
BARE_PAYLOAD = re.compile(r"^\s*/([A-Za-z0-9_]+)\s*$")

RECENT = RecentTexts()
OFFERED = OfferedButtons()


def _anon(text: Any, context: Sequence[str] = ()) -> str:
    from bot.privacy.anonymiser import anonymise

    return anonymise(
        text if isinstance(text, str) else ("" if text is None else str(text)),
        context=list(context),
    )


def _title(title: Any) -> str:
    """A button title as counsellors may read it: the bot's own whole, anything else anonymised."""
    return title if static_texts.is_static_title(title) else _anon(title)


def crisis_of(parse_data: Dict[str, Any]) -> Optional[str]:
    """The crisis category the crisis detector put in parse_data, or None.

    The value is checked against the project's categories: anything else is
    ``categories.OTHER`` (still a crisis, never the typed text)."""
    category = None
    for ent in parse_data.get("entities") or []:
        if isinstance(ent, dict) and ent.get("entity") == CRISIS_ENTITY:
            category = ent.get("value") or "crisis"
    crisis = parse_data.get("crisis")
    if category is None and crisis:
        if isinstance(crisis, dict):
            if crisis.get("matched") is False:
                return None
            category = crisis.get("category") or crisis.get("name") or "crisis"
        elif isinstance(crisis, str):
            category = crisis
        else:
            category = "crisis"
    return None if category is None else categories.crisis_category(category)


def _user_turn(sender: str, base: Dict[str, Any], event: Dict[str, Any]) -> TurnSaid:
    parse = event.get("parse_data") if isinstance(event.get("parse_data"), dict) else {}
    intent_data = parse.get("intent") if isinstance(parse.get("intent"), dict) else {}
    category = crisis_of(parse)
    raw = event.get("text")
    chosen = OFFERED.chosen(sender, raw)
    if chosen is not None:
        kind, text = TurnKind.BUTTON, _title(chosen)
    elif (
        isinstance(raw, str)
        and category is None
        and (m := BARE_PAYLOAD.match(raw))
        and m.group(1) in categories.intents()
    ):
        # Sent by the channel, not written by the person; a crisis is never hidden this way.
        kind, text = TurnKind.CHANNEL, ""
    else:
        kind, text = TurnKind.TYPED, _anon(raw, RECENT.before(sender))
    RECENT.add(sender, raw)
    return TurnSaid(
        **base,
        speaker=Speaker.USER,
        text=text,
        intent=intent_data.get("name") or None,
        confidence=intent_data.get("confidence"),
        crisis=category is not None,
        crisis_category=category,
        channel=event.get("input_channel") or None,
        turn_kind=kind,
    )


def _bot_turn(sender: str, base: Dict[str, Any], event: Dict[str, Any]) -> TurnSaid:
    text = event.get("text")
    RECENT.add(sender, text)  # a bot question ("what's your username?") is context too
    data = event.get("data") if isinstance(event.get("data"), dict) else {}
    buttons = [
        b
        for b in (data.get("buttons") or []) + (data.get("quick_replies") or [])
        if isinstance(b, dict)
    ]
    OFFERED.offer(sender, buttons)
    return TurnSaid(
        **base,
        speaker=Speaker.BOT,
        # Our fixed responses (crisis resources, greetings) stay whole; anything else may quote
        # the person.
        text=text if static_texts.is_static(text) else _anon(text),
        buttons=tuple(_title(b.get("title")) for b in buttons if b.get("title")),
    )


def to_ops(event: Dict[str, Any]) -> List[Op]:
    """One Rasa event dict as anonymised, validated review operations."""
    sender = event.get("sender_id")
    if sender is None:
        return []
    kind = event.get("event")
    ts = event.get("timestamp")
    base = {"pseudonym": pseudonyms.pseudonym(sender), "ts": ts if ts is not None else time.time()}
    op: Optional[Op] = None
    if kind == "session_started":
        op = SessionStarted(**base)
    elif kind == "user":
        op = _user_turn(sender, base, event)
    elif kind == "bot":
        op = _bot_turn(sender, base, event)
    elif kind == "active_loop":
        op = LoopChanged(**base, name=event.get("name"))
    elif kind == "slot" and event.get("name") == CRISIS_ENTITY and event.get("value"):
        op = CrisisSlotSet(**base, category=event.get("value"))
    elif kind == "action" and event.get("name") == FORGET_ACTION:
        RECENT.forget(sender)
        OFFERED.forget(sender)
        op = Forget(**base)
    elif kind == "action" and event.get("name") and event.get("name") not in QUIET_ACTIONS:
        op = ActionRan(**base, name=event.get("name"))
    return [op.clean()] if op is not None else []
