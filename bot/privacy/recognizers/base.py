"""Typed candidates every recognizer returns, and the named score tiers the resolver ranks.

A recognizer finds one kind of detail and returns ``Candidate(start, end, label, score)``
character spans on the raw text; it never edits text. The resolver keeps the best
candidate where two overlap, so the score says how sure (and how specific) a finding is:
a checked shape (an email, a Luhn-valid card) outranks a context guess (a rare word after
"my friend"), which outranks a bare word found in a list.
"""

from __future__ import annotations

from enum import Enum, IntEnum
from typing import Iterable, List, NamedTuple, Protocol


class Label(str, Enum):
    """The placeholder types counsellors see, ``[NAME]`` ... ``[IP]``."""

    NAME = "NAME"
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    ADDRESS = "ADDRESS"
    POSTCODE = "POSTCODE"
    LOCATION = "LOCATION"
    DATE = "DATE"
    URL = "URL"
    HANDLE = "HANDLE"
    ID = "ID"
    ORG = "ORG"
    CARD = "CARD"
    IP = "IP"

    def __str__(self) -> str:  # "[NAME]", not "[Label.NAME]"
        return self.value


class Score(IntEnum):
    """Resolver ranks, highest first. Order matters; the numbers themselves do not."""

    EMAIL = 100
    EMAIL_DISGUISED = 99
    EMAIL_PARTS = 78
    URL = 95
    IP = 92
    IP6 = 91
    BARE_DOMAIN = 90
    ID_IN_CONTEXT = 89
    CARD_CHECKED = 88
    SSN = 87
    PAYMENT_IN_CONTEXT = 87
    NI_NUMBER = 86
    POSTCODE_IN_CONTEXT = 85
    ID_FIELD = 84
    POSTCODE = 83
    POSTCODE_CA = 82
    DATE_NUMERIC = 81
    ADDRESS_NUMBERED = 80
    ADDRESS_IN_CONTEXT = 79
    DATE_WORDS = 79
    DATE_OF_BIRTH = 78
    ADDRESS_LIVE_ON = 77
    HANDLE_TAGGED = 77
    HANDLE_AT = 76
    HANDLE_IN_CONTEXT = 75
    HANDLE_SHAPED = 74
    ADDRESS_NAMED = 72
    PHONE = 70
    NAME_TITLED = 70
    NAME_IN_CONTEXT = 68
    ORG_BEFORE_KIND = 67
    ORG_IN_CONTEXT = 66
    ADDRESS_DESCRIBED = 64
    PHONE_SPOKEN = 62
    NAME_WEAK_CONTEXT = 60
    ADDRESS_UNIT = 60
    LOCATION_IN_CONTEXT = 58
    NAME_AFTER_PLACE_WORD = 56
    LOCATION_PHRASE = 55
    LOCATION_WEAK_CONTEXT = 54
    NAME_BARE = 50
    PHONE_DIGIT_RUN = 50
    LOCATION_BARE = 48
    NAME_AS_SUBJECT = 45
    NUMBER_LONG_RUN = 45
    NAME_UNKNOWN_PROPER = 40
    NUMBER_LONG = 40
    NER = 30


class Candidate(NamedTuple):
    """One possible detail: ``text[start:end]`` is a ``label`` with this ``score``.

    A named tuple (immutable, cheap to make: recognizers make thousands a second)."""

    start: int
    end: int
    label: Label
    score: int


class Recognizer(Protocol):
    """Finds one kind of detail. ``view`` is the shared per-message analysis (``TextView``)."""

    name: str

    def find(self, view) -> Iterable[Candidate]:  # pragma: no cover - protocol
        ...


def cands(items, label: Label, score: int) -> List[Candidate]:
    """Candidates from ``(start, end)`` pairs."""
    return [Candidate(s, e, label, int(score)) for s, e in items]
