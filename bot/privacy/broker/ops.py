"""The typed review operations between the Rasa adapter, the spool and the writer.

One Rasa event becomes zero or more operations: a session began, a turn was said, an exercise
(form) started or ended, an action ran, the crisis slot was set, a person asked to be forgotten.
Every operation is already anonymised and its categorical fields checked against the project's
fixed sets (``clean``), so whatever holds one (queue, spool, database) holds only what the
review store may hold.

On the spool an operation is one JSON object, ``{"op": "<kind>", ...fields}``: the same shape
the broker wrote as plain dicts before the operations were typed, so a spool left by an older
version is read (and cleaned) like a new one.
"""

from __future__ import annotations

import enum
import json
import logging
import math
import time
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar, Dict, Mapping, Optional, Tuple, Type, Union

from bot.privacy import categories

logger = logging.getLogger(__name__)


class OpKind(str, enum.Enum):
    SESSION = "session"
    TURN = "turn"
    LOOP = "loop"
    ACTION = "action"
    CRISIS = "crisis"
    FORGET = "forget"


class Speaker(str, enum.Enum):
    USER = "user"
    BOT = "bot"


class TurnKind(str, enum.Enum):
    """How a person's turn came about: typed words, a button of the bot's, or the channel itself
    (the widget's hidden ``/greet`` when it opens, Telegram's ``/start``), which the person never
    wrote and counsellors do not see as a message."""

    TYPED = "typed"
    BUTTON = "button"
    CHANNEL = "channel"


def _finite_ts(value: Any) -> float:
    try:
        ts = float(value)
    except (TypeError, ValueError):
        return time.time()
    return ts if math.isfinite(ts) else time.time()


@dataclass(frozen=True)
class Op:
    """What every operation has: whose conversation (a pseudonym) and when (epoch seconds)."""

    kind: ClassVar[OpKind]
    pseudonym: str
    ts: float

    def clean(self) -> "Op":
        """The same operation with every categorical field inside its fixed set."""
        return replace(self, pseudonym=str(self.pseudonym)[:64], ts=_finite_ts(self.ts))

    def to_dict(self) -> Dict[str, Any]:
        data = {"op": self.kind.value}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, enum.Enum):
                value = value.value
            elif isinstance(value, tuple):
                value = list(value)
            data[f.name] = value
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass(frozen=True)
class SessionStarted(Op):
    kind: ClassVar[OpKind] = OpKind.SESSION


@dataclass(frozen=True)
class TurnSaid(Op):
    """A message, anonymised. ``buttons``: the titles the bot offered with it (bot turns);
    for a button press the person's ``text`` is the title they chose."""

    kind: ClassVar[OpKind] = OpKind.TURN
    speaker: Speaker = Speaker.USER
    text: str = ""
    intent: Optional[str] = None
    confidence: Optional[float] = None
    crisis: bool = False
    crisis_category: Optional[str] = None
    channel: Optional[str] = None
    turn_kind: TurnKind = TurnKind.TYPED
    buttons: Tuple[str, ...] = field(default_factory=tuple)

    def clean(self) -> "TurnSaid":
        base = super().clean()
        speaker = Speaker.BOT if _value(self.speaker) == "bot" else Speaker.USER
        crisis = bool(self.crisis)
        try:
            turn_kind = TurnKind(_value(self.turn_kind) or TurnKind.TYPED.value)
        except ValueError:
            turn_kind = TurnKind.TYPED
        return replace(
            base,
            speaker=speaker,
            text=self.text if isinstance(self.text, str) else "",
            intent=categories.intent(self.intent),
            confidence=categories.confidence(self.confidence),
            crisis=crisis,
            crisis_category=categories.crisis_category(self.crisis_category) if crisis else None,
            channel=categories.channel(self.channel),
            turn_kind=turn_kind if speaker is Speaker.USER else TurnKind.TYPED,
            buttons=tuple(b for b in (self.buttons or ()) if isinstance(b, str))[:20],
        )


@dataclass(frozen=True)
class LoopChanged(Op):
    """An exercise (form) became active (``name``) or none is active any more (``None``)."""

    kind: ClassVar[OpKind] = OpKind.LOOP
    name: Optional[str] = None

    def clean(self) -> "LoopChanged":
        return replace(super().clean(), name=categories.exercise(self.name))


@dataclass(frozen=True)
class ActionRan(Op):
    """An action ran. The writer needs it to tell an exercise that finished (its form ran last)
    from one that was cut short (``action_deactivate_loop`` ran last)."""

    kind: ClassVar[OpKind] = OpKind.ACTION
    name: Optional[str] = None

    def clean(self) -> "ActionRan":
        return replace(super().clean(), name=categories.action(self.name))


@dataclass(frozen=True)
class CrisisSlotSet(Op):
    kind: ClassVar[OpKind] = OpKind.CRISIS
    category: Optional[str] = None

    def clean(self) -> "CrisisSlotSet":
        return replace(
            super().clean(), category=categories.crisis_category(self.category) or "crisis"
        )


@dataclass(frozen=True)
class Forget(Op):
    """ "Delete my data": every review row of this pseudonym goes."""

    kind: ClassVar[OpKind] = OpKind.FORGET


def _value(x: Any) -> Any:
    return x.value if isinstance(x, enum.Enum) else x


BY_KIND: Dict[str, Type[Op]] = {
    cls.kind.value: cls
    for cls in (SessionStarted, TurnSaid, LoopChanged, ActionRan, CrisisSlotSet, Forget)
}


def from_dict(data: Mapping[str, Any]) -> Optional[Op]:
    """A cleaned operation from its JSON object (this version's or an older one's); None for
    anything that is not an operation (logged, never the content)."""
    if not isinstance(data, Mapping):
        return None
    cls = BY_KIND.get(str(data.get("op")))
    if cls is None or data.get("pseudonym") is None:
        logger.error("review spool: skipped a line that is not a review operation")
        return None
    names = {f.name for f in fields(cls)}
    kwargs = {}
    for key, value in data.items():
        if key in names:
            kwargs[key] = value
    if "buttons" in kwargs:
        buttons = kwargs["buttons"]
        kwargs["buttons"] = tuple(buttons) if isinstance(buttons, (list, tuple)) else ()
    kwargs.setdefault("ts", time.time())
    try:
        return cls(**kwargs).clean()
    except (TypeError, ValueError):
        logger.error("review spool: skipped a malformed %s operation", cls.kind.value)
        return None


def from_json(line: str) -> Optional[Op]:
    try:
        return from_dict(json.loads(line))
    except ValueError:
        logger.error("review spool: skipped a corrupt line")
        return None


AnyOp = Union[Op, Mapping[str, Any]]


def coerce(op: AnyOp) -> Optional[Op]:
    """An operation, cleaned, whether given typed or as a dict (older callers, older spools)."""
    if isinstance(op, Op):
        return op.clean()
    return from_dict(op)


__all__ = [
    "ActionRan",
    "CrisisSlotSet",
    "Forget",
    "LoopChanged",
    "Op",
    "OpKind",
    "SessionStarted",
    "Speaker",
    "TurnKind",
    "TurnSaid",
    "coerce",
    "from_dict",
    "from_json",
]
