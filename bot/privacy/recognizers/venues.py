"""A place named next to the kind of place it is: the venue's kind introduces its name.

People name the pub, gym, church or bar where they can be found by saying what it is first,
or right after: "my boxing gym Knockout ABC", "the bar i work at, Lucky Finn's, on ...",
"the pub i keep ending up in is the Weaver's Rest", "our church is called New Life",
"Kerrigan's, the pub by the canal", "at sixth form (Queen Elizabeth's)". The name is in Title
Case (that is what says it is a name) and the kind word ties it to a place; no word list of
venues' names could hold them.

Read by structure, case-sensitively for the name:

- apposition: a kind word with its determiner, then the name ("my gym Iron Temple");
- a kind word, a short clause about it, then a comma or "is (called) (the)", then the name
  ("the cafe we go to, Bean There,", "the club she goes to is Pulse");
- "is called" / "called" right after the kind ("a bar called The Vault");
- the name first, then a comma and the kind with its determiner ("Kerrigan's, the pub by ...");
- the name in brackets right after the kind ("sixth form (Queen Elizabeth's)").

"my gym Monday was dead" (a day), "the pub I mean" ("I"), "the bar, Jess said" (a name with a
verb after it is a person), "the club is Great" (one word that English has, capitalised only
for stress) keep.
"""

from __future__ import annotations

import re
from typing import List

from bot.privacy import lexicon
from bot.privacy.recognizers._tokens import _STOP, MONTH_NAMES
from bot.privacy.recognizers.base import Candidate, Label, Score

# Kinds of place people are found at, which a name can stand beside.
_KINDS = (
    "pub bar club nightclub gym church chapel mosque temple gurdwara synagogue cafe café restaurant "
    "shop salon barbers hotel hostel school academy college nursery surgery clinic takeaway chippy "
    "diner bakery studio dojo academy centre center local venue workplace office firm warehouse "
    "factory store"
).split()
_KIND_WORDS = frozenset(_KINDS) | frozenset(("form",))
_KIND = r"(?:" + "|".join(sorted(set(_KINDS), key=len, reverse=True)) + r"|sixth\s+form)"
# A name: one to four words, each capitalised (or all capitals: "ABC"), possessives allowed,
# "and"/"&"/"of"/"the" inside ("Crown and Anchor", "Church of Christ").
_WORD = r"[A-Z][\w'’&-]*"
_NAME = (
    r"(?P<name>(?:The\s+)?" + _WORD + r"(?:\s+(?:(?:and|&|of|the|de|la)\s+)?" + _WORD + r"){0,3})"
)
_DET = r"(?:my|our|his|her|their|the|this|that|a|an|at|to|from|mums?|dads?)"
_MODS = r"(?:[a-z][\w'-]*\s+){0,2}?"
_CLAUSE = r"(?:(?:i|we|he|she|they|you|my\s+\w+)\s+[a-z'’]+(?:\s+[a-z'’]+){0,5}?)"
APPOSED = re.compile(
    r"\b(?i:" + _DET + r")\s+" + _MODS + r"(?i:" + _KIND + r")"
    r"(?:\s+" + _CLAUSE + r")?"
    r"(?:\s*,\s*|\s+(?i:is|was|'s|’s)\s+(?:(?i:called|named)\s+)?(?:(?i:the)\s+)?|\s+(?i:called|named)\s+|\s+|\s*\(\s*)"
    + _NAME
)
NAME_THEN_KIND = re.compile(
    _NAME + r"\s*,\s+(?i:the|my|our|a)\s+" + _MODS + r"(?i:" + _KIND + r")\b"
)
# A church named by its congregation, its kind as the name's last word: "Glory Tabernacle
# Assembly", "Living Faith Ministries", "Grace Fellowship", "Elim Pentecostal Church" (a
# capitalised word before the kind, mid-sentence or not: "the Assembly voted" has none).
_CONGREGATIONS = (
    "tabernacle assembly assemblies ministries ministry fellowship chapel parish mission pentecostal "
    "gospel cathedral basilica kingdom".split()
)
_CONGREGATION_WORDS = frozenset(_CONGREGATIONS)
CONGREGATION = re.compile(
    r"(?P<name>(?:" + _WORD + r"\s+){1,3}(?:" + "|".join(w.title() for w in _CONGREGATIONS) + r")"
    r"(?:\s+(?:Church|Hall|Centre|of\s+God|of\s+Christ))?)\b"
)
# Words a capital says nothing of: days, months, kin, "I", sentence words.
_NOT_NAME = MONTH_NAMES | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday i im ive id ill mum mom dad nan gran "
    "god jesus christmas easter ok okay yes no so but and then tbh lol omg mr mrs ms miss dr sir".split()
)
# After a person's name a verb follows ("the bar, Jess said"): then it is no venue.
_PERSON_AFTER = re.compile(
    r"\s+(?:said|says|told|asked|thinks|knows|was|is|does|did|has|had|and\s+i)\b", re.IGNORECASE
)


def _name_ok(text: str, start: int, end: int) -> bool:
    words = text[start:end].split()
    if words[0].lower() == "the":
        words = words[1:]
    if not words or words[0].lower().strip("'’") in _NOT_NAME:
        return False
    if all(w.lower() in _STOP for w in words):
        return False
    if len(words) == 1:
        low = words[0].lower()
        stem = re.sub(r"(?:'s|’s|s')$", "", low)
        # one word: a possessive ("Kerrigan's"), all capitals, or a word English does not have
        if not (
            stem != low
            or (words[0].isupper() and len(words[0]) > 1)
            or not lexicon.is_common_word(low)
        ):
            return False
        if stem == low and _PERSON_AFTER.match(text, end):
            return False
    return True


class VenueRecognizer:
    """Venues named beside their kind (module docstring)."""

    name = "venues"

    def find(self, view) -> List[Candidate]:
        kinds = not view.words.isdisjoint(_KIND_WORDS)
        congregation = not view.words.isdisjoint(_CONGREGATION_WORDS)
        if not (kinds or congregation):
            return []
        text = view.folded
        out: List[Candidate] = []
        for rx in ((APPOSED, NAME_THEN_KIND) if kinds else ()) + (
            (CONGREGATION,) if congregation else ()
        ):
            for m in rx.finditer(text):
                s, e = m.start("name"), m.end("name")
                before = text[:s].rstrip()
                if rx is NAME_THEN_KIND and before and before[-1] not in ",.!?:;(":
                    continue  # the name opens its clause: "Kerrigan's, the pub by the canal"
                if _name_ok(text, s, e):
                    out.append(Candidate(s, e, Label.LOCATION, Score.ADDRESS_NAMED))
        return out
