"""Organisations: schools, workplaces, clinics, named after a context or before their kind.

"i work at ___", "i go to ___", "university of ___" (forward) and "lincoln high",
"st mary's primary", "Northfield surgery" (backward from the kind word).
"""

from __future__ import annotations

import re
from typing import List

from bot.privacy import lexicon
from bot.privacy.recognizers._tokens import (
    _STOP,
    ORG_TAIL_WORDS,
    SCHOOL_WORDS,
    STRONG_ORG_TRIGGER_WORDS,
)
from bot.privacy.recognizers.base import Candidate, Label, Score

# Where someone works, named in lower case after the job ("i work at the big tesco in
# longsight", "mum cleans at the holiday inn", "nurse at st thomas' hospital"): the words
# after "at"/"for" up to the next preposition or the end of the clause.
_JOB = (
    r"(?:work(?:s|ed|ing)?|job|jobs|shifts?|clean(?:s|ed|ing)?|volunteer(?:s|ed|ing)?|nurse|carer|cashier|"
    r"cleaner|manager|waitress|waiter|chef|cook|porter|receptionist|intern(?:ing)?|placement|apprentice(?:ship)?|"
    r"employed|temping|stacking\s+shelves|on\s+the\s+tills)"
)
WORKPLACE = re.compile(
    r"\b"
    + _JOB
    + r"\s+(?:(?:nights|days|weekends|evenings|mornings|part[\s-]?time|full[\s-]?time|there|now|"
    r"currently|still|shifts)\s+)?(?:at|for|in)\s+(?:the\s+)?(?:(?:big|little|local|new|old|main|small|same|"
    r"one|huge|tiny|24\s?hour)\s+)?"
    r"((?:[a-z0-9][\w'&.-]*\s+){0,2}?[a-z0-9][\w'&.-]*)"
    r"(?=\s*(?:[,.!?;:)]|$|\s+(?:in|on|by|near|at|off|and|but|so|as|for|since|because|cos|now|lol|which|where|"
    r"opposite|behind|next|round|with|until|till|from|every|each|twice|most|all|again|tho|though|too)\b))",
    re.IGNORECASE,
)
# A named institution in lower case: a qualifier (not a generic one) before its kind,
# "the royal infirmary", "the holiday inn", "kingsmead primary", "st thomas' hospital".
INSTITUTION = re.compile(
    r"\b((?:st\.?\s+|saint\s+)?(?:[a-z][\w'&-]*\s+){0,2}[a-z][\w'&-]*\s+)"
    r"(hospital|infirmary|hospice|inn|primary|academy|depot|warehouse|retail\s+park)\b",
    re.IGNORECASE,
)
_JOB_KINDS = frozenset(
    "hospital infirmary hospice inn hotel primary academy college school depot warehouse factory surgery clinic "
    "centre center store shop supermarket cafe restaurant pub bar office site plant care home".split()
)
# Words that say which kind of place, not which one: "the local hospital", "a big warehouse".
_GENERIC = frozenset(
    """
    local big little small new old nearest main same general mental psych psychiatric children's childrens kids
    private nhs other first next last every another best worst good bad nice only whole huge tiny nearby
    secondary high junior infant infants nursery sixth form boarding special catholic state public independent
    university city town village county district community regional national women's womens maternity
    amazon mum's mums dad's dads my our your his her their this that these those any some no a an the
    """.split()
)
_NOT_WORKPLACES = frozenset(
    "home moment night weekend weekends minute it all least most first last times time same school uni college "
    "work office mine yours theirs hers his ours a an the this that my me you him her them us shop shops till "
    "tills desk computer weekends hospital hospitals".split()
)
_GATE_WORDS = frozenset(
    "work works worked working job jobs shift shifts clean cleans cleaned cleaning volunteer volunteers "
    "volunteered volunteering nurse carer cashier cleaner manager waitress waiter chef cook porter receptionist "
    "intern interning placement apprentice apprenticeship employed temping stacking tills".split()
)
_UNNAMED_KINDS = frozenset("warehouse depot factory site office plant store shop".split())
_PREPOSITIONS = frozenset(
    "past through near opposite behind beside outside inside towards toward by across along round around "
    "from at to in on into onto off over under".split()
)
_NAMED_KINDS = frozenset("hospital infirmary hospice inn primary academy".split())
_INSTITUTION_WORDS = frozenset(
    "hospital infirmary hospice inn primary academy depot warehouse retail".split()
)

_KIND_WORDS = SCHOOL_WORDS | ORG_TAIL_WORDS


class OrganisationRecognizer:
    name = "organisations"

    def __init__(self, analysis):
        self.a = analysis

    def find(self, view) -> List[Candidate]:
        tv = view.tokens
        if tv is None or tv.n == 0:
            return []
        a, doc, n = self.a, tv.doc, tv.n
        out: List[Candidate] = []
        claimed = [False] * n

        def add(i: int, j: int, label, score) -> None:
            if j > i:
                s, e = tv.char_span(i, j)
                out.append(Candidate(s, e, label, int(score)))

        for s, e in tv.matches.get("ORGF", ()):
            a._org_forward(
                doc,
                e,
                add,
                claimed,
                include_from=s if doc[e - 1].lower_ == "of" else None,
                strong=doc[s].lower_ in STRONG_ORG_TRIGGER_WORDS and doc[e - 1].lower_ != "for",
            )
        if not view.words.isdisjoint(_KIND_WORDS):
            for i, low in enumerate(tv.low):
                if low in _KIND_WORDS:
                    a._org_backward(doc, i, add, claimed)
        words = view.words
        if not words.isdisjoint(_GATE_WORDS):
            out.extend(_workplaces(view.folded))
        if not words.isdisjoint(_INSTITUTION_WORDS):
            out.extend(_institutions(view.folded))
        return out


_WHEN_WORDS = frozenset(
    "tomorrow tmrw tmr tmw tonight today then sharp oclock o'clock every each latest again "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d\d)?(?:am|pm|ish)?\.?")


def _workplaces(text: str) -> List[Candidate]:
    out = []
    for m in WORKPLACE.finditer(text):
        words = m.group(1).split()
        lows = [w.lower().strip("'") for w in words]
        if lows[0] in _NOT_WORKPLACES or lows[0] in _STOP or lows[0] in _GENERIC:
            continue
        if _CLOCK.fullmatch(lows[0]) and (
            len(lows) == 1
            or not lows[0].rstrip(".").isdigit()
            or lows[1].strip(".,!?") in _WHEN_WORDS
        ):
            continue  # "work at 8 tomorrow", "shift at 7.30": a time, not a place
        if lows[0].isdigit() and len(lows) > 1 and lows[1].strip(".,!?") in lexicon.COUNT_UNITS:
            continue  # "clean for 10 Months now": a count, not a firm
        named = any(
            w0[:1].isupper() or (not lexicon.is_common_word(w) and lexicon.logprob(w) < -13.0)
            for w, w0 in zip(lows, words, strict=True)
            if w not in _STOP
        )
        # all common words: only with a kind of place at the end that something names
        kinded = len(lows) > 1 and lows[-1] in _JOB_KINDS and lows[0] not in _GENERIC
        end = m.end(1)
        if named and len(lows) > 1 and lows[-1] in _UNNAMED_KINDS:
            end = m.start(1) + m.group(1).rindex(words[-1]) - 1  # "Brackley Logistics" warehouse
        if named or kinded:
            out.append(Candidate(m.start(1), end, Label.ORG, int(Score.ORG_IN_CONTEXT)))
    return out


def _institutions(text: str) -> List[Candidate]:
    out = []
    for m in INSTITUTION.finditer(text):
        words = m.group(1).split()
        # the name is the words right before the kind, back to the first small or generic
        # word ("friends at casey primary", "walk home past greenfield academy")
        k = len(words)
        while k > 0:
            w = words[k - 1].lower()
            if w.rstrip(".") in ("st", "saint"):
                k -= 1
                continue
            if (
                w in _GENERIC
                or w in _STOP
                or w in _PREPOSITIONS
                or lexicon.is_past_verb(w)
                or (w.endswith("ing") and lexicon.is_common_word(w))
            ):
                break
            k -= 1
        words = words[k:]
        if not words:
            continue
        low = words[-1].lower()
        if lexicon.is_past_verb(low) or low.endswith("ing") or low in lexicon.THEME_WORDS:
            continue  # "went hospital", "visiting hospital": not a name
        start = m.start(1) + [w.start() for w in re.finditer(r"\S+", m.group(1))][k]
        # a depot or warehouse is named by its firm ("the dhl depot"), a hospital by its name
        end = m.end(2) if m.group(2).lower() in _NAMED_KINDS else m.start(2) - 1
        out.append(Candidate(start, end, Label.ORG, int(Score.ORG_BEFORE_KIND)))
    return out
