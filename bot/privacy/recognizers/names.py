"""Names of people: after a naming context, and bare names from the lists.

Contexts ("my sister ___", "my name is ___", "talking to ___", "i'm ___", "me and ___",
titles) come from the shared ``TokenAnalysis``; a name that is also an English word
("hope", "will", "may") is taken only where the context or what follows says a person
("hope said", "will's mum", "hope and i"). A sentence may start in lower case.
"""

from __future__ import annotations

from typing import List

from bot.privacy import lexicon
from bot.privacy.recognizers._tokens import (
    _STOP,
    NAME_DISTINCT,
    RELATIONS,
    TITLES,
    Strength,
    _is_alpha_word,
    _prev_is_loc_prep,
)
from bot.privacy.recognizers.base import Candidate, Label, Score

_KIND_STRENGTH = {
    "KIN": Strength.KIN,
    "TITLE": Strength.STRONG,
    "NAMING": Strength.STRONG,
    "IAM": Strength.IAM,
    "COMM": Strength.COMM,
    "WEAK": Strength.WEAK,
}
# What a person does, right after their name: "hope said", "will texted me". Verbs a
# word like "hope" or "will" cannot be followed by as a word ("hope said" is never the verb).
PERSON_ACTS = frozenset(
    """
    said says told tells texted texts messaged messages rang called calls keeps thinks wants
    wanted hates hated loves loved blocked unblocked ghosted dumped laughed shouted yelled screamed
    slapped pushed kicked cried lied cheated promised replied replies posted snapped
    dmed dm'd reckons swears swore threatened bullies bullied ignores ignored invited
    """.split()
)
# Nouns for people: "doc said", "the guy texted" are not names.
PERSON_NOUNS = frozenset(
    "doc doctor guy girl man woman lady boy kid police cop officer nurse everyone someone somebody nobody anyone "
    "everybody people person stranger teacher sir miss bro sis dude mate".split()
)
# Stop words that are also first names often enough to act as one ("will said", "may texted").
STOPWORD_NAMES = frozenset("will may".split())
# Words after which a new clause (and so a subject) can start.
CLAUSE_OPENERS = frozenset(
    "and but so then cos coz because when if even also just honestly ngl tbh lol anyway plus "
    "yesterday today tonight".split()
)
# "will's mum", "hope's house": a possessive followed by a person's thing.
POSSESSED = RELATIONS | frozenset(
    "house place room flat party birthday phone car family parents number bedroom mom's mum's dad's".split()
)


class NameRecognizer:
    name = "names"

    def __init__(self, analysis):
        self.a = analysis

    def find(self, view) -> List[Candidate]:
        tv = view.tokens
        if tv is None or tv.n == 0:
            return []
        a = self.a
        doc, tl, n, sent_start = tv.doc, tv.tl, tv.n, tv.sent_start
        out: List[Candidate] = []
        claimed = [False] * n

        def add(i: int, j: int, label, score) -> None:
            if j > i:
                s, e = tv.char_span(i, j)
                out.append(Candidate(s, e, label, int(score)))

        triggers = []
        for kind in _KIND_STRENGTH:
            for s, e in tv.matches.get(kind, ()):
                triggers.append((s, e, kind))
        triggers.sort()
        for s, e, kind in triggers:
            strength = _KIND_STRENGTH[kind]
            j = e
            if (
                kind == "KIN"
                and j < n
                and doc[j].lower_ in ("is", "was")
                and j + 1 < n
                and doc[j + 1].lower_ in ("called", "named")
            ):
                j += 2
            if kind == "TITLE" and j < n and doc[j].text == ".":
                j += 1
            if j < n and doc[j].text in (":", "-", '"', "'", "“") and kind in ("NAMING", "KIN"):
                j += 1
            if (
                kind == "IAM"
                and s > 0
                and doc[s].lower_ in ("it", "this", "its")
                and doc[s - 1].lower_ not in ("hi", "hey", "hello", ",", ".")
            ):
                # "it's tom" only right at a greeting; "it's hard" is common
                if j < n and a._name_score(doc[j]) != NAME_DISTINCT:
                    continue
            if kind == "IAM" and doc[s].lower_ in (
                "love",
                "luv",
                "from",
                "regards",
                "cheers",
                "xoxo",
                "thanks",
                "bye",
            ):
                strength = Strength.WEAK if doc[s].lower_ in ("from",) else Strength.COMM
            if j < n and kind != "TITLE" and doc[j].lower_ in TITLES:
                continue  # "my teacher mrs patel": the title's own match takes the name
            if j < n and not claimed[j] and a._slot_name_ok(doc[j], strength):
                end = a._extend_surname(doc, j + 1) if kind != "WEAK" else j + 1
                if kind == "TITLE":
                    add(j, max(end, j + 1), Label.NAME, Score.NAME_TITLED)
                    end = max(end, j + 1)
                else:
                    score = (
                        Score.NAME_IN_CONTEXT
                        if strength in (Strength.STRONG, Strength.KIN)
                        else Score.NAME_WEAK_CONTEXT
                    )
                    add(j, end, Label.NAME, score)
                for k in range(j, end):
                    claimed[k] = True

        names, places, curated = a.names, a.places, a.curated
        lows = tv.low
        for i in range(n):
            if claimed[i]:
                continue
            low = lows[i]
            # fast path: a lower-case word that is no name, no place and a known word
            if (
                low not in names
                and low not in places
                and low not in curated
                and (low in _STOP or lexicon.logprob(low) > -16.5)
                and not tl[i].text[:1].isupper()
            ):
                continue
            tok = tl[i]
            if tok.is_punct or tok.is_space or tok.like_num:
                continue
            if a._bare_name(tok, sent_start[i]) or self._acting_name(tv, i):
                end = a._extend_surname(doc, i + 1)
                label = (
                    Label.LOCATION if (low in places and _prev_is_loc_prep(doc, i)) else Label.NAME
                )
                add(i, end, label, Score.NAME_BARE)
                for k in range(i, end):
                    claimed[k] = True
            elif a._subject_name(doc, i, sent_start):
                end = a._extend_surname(doc, i + 1)
                add(i, end, Label.NAME, Score.NAME_AS_SUBJECT)
                for k in range(i, end):
                    claimed[k] = True
            elif a._unknown_proper(tok, sent_start[i]) and not (
                low in places and _prev_is_loc_prep(doc, i)
            ):
                end = a._extend_surname(doc, i + 1)
                add(i, end, Label.NAME, Score.NAME_UNKNOWN_PROPER)
                for k in range(i, end):
                    claimed[k] = True
        return out

    def _acting_name(self, tv, i: int) -> bool:
        """A listed first name, even a word-like one, that acts as a person.

        "hope said i was fine", "i was at grace's house", "patience and i had a fight":
        the word opens a clause (or follows "and", "but", ...) and what comes next is
        something only a person does, so "the thought of", "doc said", "the server
        asked", "i never will" stay words.
        """
        a = self.a
        tok = tv.tl[i]
        low = tv.low[i]
        if (
            low not in a.curated
            or len(low) < 3
            or not _is_alpha_word(tok.text)
            or low in RELATIONS
            or low in PERSON_NOUNS
        ):
            return False
        if low in _STOP and low not in STOPWORD_NAMES:
            return False
        n = tv.n
        nxt = tv.low[i + 1] if i + 1 < n else ""
        prev = tv.low[i - 1] if i > 0 else ""
        opens = (
            tv.sent_start[i] or prev in CLAUSE_OPENERS or prev in (",", ";", "!", "?", ".", "...")
        )
        if nxt in ("'s", "’s") and i + 2 < n and tv.low[i + 2] in POSSESSED:
            return opens or prev in (
                "at",
                "to",
                "with",
                "from",
                "round",
                "over",
                "in",
                "stayed",
                "slept",
            )
        if not opens:
            return False
        if nxt in PERSON_ACTS:
            return True
        if (
            nxt == "and"
            and i + 2 < n
            and tv.low[i + 2] in ("i", "me")
            and (i + 3 >= n or tv.low[i + 3] not in ("will", "can", "do"))
        ):
            return True
        return False
