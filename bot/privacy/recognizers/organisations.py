"""Organisations: schools, workplaces, clinics, named after a context or before their kind.

"i work at ___", "i go to ___", "university of ___" (forward) and "lincoln high",
"st mary's primary", "Northfield surgery" (backward from the kind word).
"""

from __future__ import annotations

from typing import List

from bot.privacy.recognizers._tokens import ORG_TAIL_WORDS, SCHOOL_WORDS, STRONG_ORG_TRIGGER_WORDS
from bot.privacy.recognizers.base import Candidate

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
        return out
