"""Places told by position: found place spans grown over what pins them down further.

Runs after ``places.join_places`` on the resolved spans. A place found on its own is often
only half of where someone is: the numbered part of it they are in ("bay 4 on ward 22",
"Block C of Cavendish Hall", "Oakwood Care Home now, room 12"), the house number and flat
position before a street named without its suffix ("2/1, 48 Dumbarton"), the "The" of a
premises written as a name ("is The Plough"), or the named landmark it is near ("off the A38
near the Amazon warehouse"). Each reads the structure around a span already found, so text
with no place in it is never touched.
"""

from __future__ import annotations

import re

_PLACE_LABELS = frozenset({"ADDRESS", "LOCATION", "ORG"})
_DIGIT = re.compile(r"\d")
# The numbered parts of a building people are placed in.
_UNIT = (
    r"(?i:bay|bed|room|rm|ward|block|wing|floor|flat|unit|cell|cubicle|bunk|pod|cabin|level|"
    r"landing|corridor|stair|staircase|house)"
)
# A unit and its number or capital letter: "bay 4", "room 12b", "Block C" ("flat a" is no unit).
_UNIT_NUMBER = _UNIT + r"\s+(?:\d{1,4}[a-zA-Z]?|[A-Z])\b"
# The unit before the place it is in: "bay 4 on ward 22", "Block C of Cavendish Hall".
UNIT_BEFORE = re.compile(r"\b" + _UNIT_NUMBER + r"\s+(?i:on|of|in|at)\s+(?i:the\s+)?$")
# The unit after the place, past a comma: "Oakwood Care Home now, room 12", "the Royal, ward 7".
UNIT_AFTER = re.compile(
    r"(?:\s+(?i:now|still|currently|too|again))?\s*,\s*(" + _UNIT_NUMBER + r")(?![/.:]\d)"
)
# A house number (and a tenement's floor/door position) before a street named bare:
# "the flat is 2/1, 48 Dumbarton", "we're at 12 Bramhall" (after a word that places it).
NUMBER_BEFORE = re.compile(
    r"(?:^|[,;:(]|\b(?i:is|at|in|to|flat|address|addy|its|it's|on|live|lives))\s*"
    r"((\d{1,2}/\d{1,2},?\s+)?\d{1,4}[a-z]?)\s+$"
)
# Before a word found as a person's name the number makes it a street only with a home's
# word or a tenement position: "the flat is 3/2, 17 Paisley", "address is 9 Holden".
_HOME_CUE = re.compile(r"\b(?i:flat|house|address|addy|live|lives|living|home)\b")
_ONE_TITLE_WORD = re.compile(r"[A-Z][a-z'-]+")
# "The Plough", "The Vaults": a capital "The" mid-sentence makes the name a premises'.
_THE_BEFORE = re.compile(
    r"\b(?:(?i:at|in|to|from|outside|near|by|behind|opposite|into|past)|(?P<be>is|was|'s))\s+The $"
)
# A premises by its name alone, "The" and all, where a place goes: "drinks at The Anchor",
# "meet outside The Vaults", "the only pub open is The Anchor" (a going-out word before "is").
THE_PREMISES = re.compile(
    r"\b(?:(?i:at|in|to|from|outside|near|by|behind|opposite|into|past)|(?P<be>is|was|'s))\s+"
    r"(The(?:\s+[A-Z][a-z'-]+){1,3})\b"
)
_TITLE_NEXT = re.compile(r" [A-Z]")
_GOING_OUT = re.compile(r"\b(?i:place|pub|bar|club|local|venue|spot|open|drink|drinks|meet)\b")
# A named landmark the place is near: "near the Amazon warehouse", "by the Tesco Extra car park".
LANDMARK_AFTER = re.compile(
    r"\s+(?i:near|by|next\s+to|opposite|behind|beside|outside|across\s+from)\s+(?i:the)\s+"
    r"(?:[A-Z][\w'&-]*\s+){1,3}[a-z]{3,}(?:\s+(?i:park|centre|center|estate))?\b"
)


def extend_positions(text: str, spans):
    """Place spans taken over the units, numbers, article and landmark that position them."""
    from bot.privacy.resolver import Span

    if "The " in text:
        spans = sorted([*spans, *_premises(text, spans, Span)], key=lambda sp: sp.start)
    if not spans:
        return spans
    out = []
    for sp in spans:
        if sp.label in _PLACE_LABELS or sp.label == "NAME":
            start, end, label = sp.start, sp.end, sp.label
            if label == "NAME":
                the = _THE_BEFORE.search(text, max(0, start - 16), start)
                if (
                    the is not None
                    and " " not in text[start:end]
                    and not _TITLE_NEXT.match(text, end)  # "The Bell Jar" is a book
                    and (not the.group("be") or _GOING_OUT.search(text, max(0, start - 64), start))
                ):
                    start, label = the.end() - 4, "LOCATION"
            else:
                unit = UNIT_BEFORE.search(text, max(0, start - 40), start)
                if unit is not None and (
                    # found on its own, "room 214" stays apart from the hall it is "in";
                    # "Block C of Cavendish Hall" is one name
                    not (out and out[-1].end > unit.start())
                    or re.search(r"\s(?i:of)\s+(?:(?i:the)\s+)?$", unit.group(0)) is not None
                ):
                    start, label = unit.start(), "ADDRESS"
                number = (
                    NUMBER_BEFORE.search(text, max(0, start - 24), start)
                    if _DIGIT.search(text, max(0, start - 24), start)
                    else None
                )
                if (
                    unit is None
                    and number is not None
                    and _ONE_TITLE_WORD.fullmatch(text[start:end])
                ):
                    start, label = number.start(1), "ADDRESS"
            if (
                label == "NAME"
                and _DIGIT.search(text, max(0, start - 24), start)
                and _ONE_TITLE_WORD.fullmatch(text[start:end])
            ):
                number = NUMBER_BEFORE.search(text, max(0, start - 24), start)
                if number is not None and (
                    number.group(2) or _HOME_CUE.search(text, max(0, start - 40), start)
                ):
                    start, label = number.start(1), "ADDRESS"
            landmark = LANDMARK_AFTER.match(text, end)
            if label == "ADDRESS" and landmark is not None:
                end = landmark.end()
            while out and out[-1].end > start:
                start = min(start, out[-1].start)
                out.pop()
            sp = Span(start, end, label)
            after = UNIT_AFTER.match(text, end) if label != "NAME" else None
            out.append(sp)
            if after is not None:
                out.append(Span(after.start(1), after.end(1), "ADDRESS"))
            continue
        if out and out[-1].end > sp.start:
            if out[-1].end >= sp.end:
                continue  # taken by a place grown over it
            sp = Span(out[-1].end, sp.end, sp.label)  # its tail past the place stays its own
        out.append(sp)
    return out


def _premises(text: str, spans, Span) -> list:
    """Named premises ("The Anchor") no recognizer found, where nothing else was found."""
    out = []
    for m in THE_PREMISES.finditer(text):
        start, end = m.start(2), m.end(2)
        if any(sp.start < end and start < sp.end for sp in spans):
            continue
        if m.group("be") and not _GOING_OUT.search(text, max(0, start - 60), start):
            continue
        out.append(Span(start, end, "LOCATION"))
    return out
