"""Replace personal details in chat messages with typed placeholders.

Counsellors read what people said, never who said it. ``anonymise(text)`` returns the
message with names, contacts, places, schools, workplaces and accounts replaced by
``[NAME] [EMAIL] [PHONE] [ADDRESS] [POSTCODE] [LOCATION] [DATE] [URL] [HANDLE] [ID]
[ORG] [CARD] [IP]``; ``find(text)`` returns the spans.

How (cheap passes, all built once per process):
1. regexes and ``phonenumbers`` for structured details (``patterns.py``);
2. spaCy's tokenizer and ``Matcher`` (on the shared pipeline's vocab, without adding
   anything to the shared pipeline) for context triggers ("my sister ___", "my name
   is ___", "i work at ___", "___ high school", "i live in ___") and ``PhraseMatcher``
   for multi-word places;
3. name and place lists (``lexicon.py``) for bare mentions, where word frequencies keep
   ordinary words ("hope", "will", "reading") out unless the context names someone;
4. a statistical spaCy NER model's PERSON/GPE/LOC/ORG/FAC, only if one is installed.

Errs on the side of removing: a false placeholder costs a counsellor a word, a missed
name costs a person their privacy. Never raises: on an internal error it falls back to
the structured pass, and if even that fails it returns a fully redacted line.
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Tuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher, PhraseMatcher

from bot import settings
from bot.privacy import lexicon, patterns

logger = logging.getLogger(__name__)

LABELS = (
    "NAME", "EMAIL", "PHONE", "ADDRESS", "POSTCODE", "LOCATION", "DATE", "URL", "HANDLE", "ID", "ORG", "CARD", "IP",
)
REDACTED = "[REDACTED]"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


# --- vocabulary for context rules -------------------------------------------------

RELATIONS = frozenset(
    """
    mum mom mam mummy mommy mother dad daddy father papa mama sister sis brother bro sibling siblings
    twin friend friends bestie bff bf gf boyfriend girlfriend partner husband wife hubby fiance fiancee
    fiancé fiancée ex son daughter kid kids child baby cousin aunt auntie aunty uncle nan nana nanny gran
    granny grandma grandmother grandad granddad grandpa grandfather grandparent stepdad stepmum stepmom
    stepbrother stepsister stepson stepdaughter niece nephew teacher tutor therapist counsellor counselor
    psychologist psychiatrist doctor gp nurse boss manager supervisor colleague coworker co-worker
    flatmate roommate housemate neighbour neighbor mate mates pal buddy crush date lecturer professor
    coach headteacher principal classmate carer caseworker social worker pastor priest imam rabbi
    landlord landlady ex-boyfriend ex-girlfriend exbf exgf situationship fwb babe bae man girl guy
    """.split()
)
POSSESSIVES = frozenset("my our his her their your me ma mi".split())
REL_MODIFIERS = frozenset(
    "best older younger big little lil baby ex step twin new old former current other oldest youngest "
    "closest close online school work uni college real".split()
)
TITLES = frozenset("mr mr. mrs mrs. ms ms. miss mx mx. dr dr. prof prof. sir madam mister missus".split())
NAMING = (
    ("name", "is"), ("name", "'s"), ("name", "’s"), ("names",), ("called",), ("named",), ("call", "me"),
    ("known", "as"), ("goes", "by"), ("go", "by"), ("nickname", "is"), ("signed",), ("yours",),
)
COMM_VERBS = frozenset(
    """
    talk talking talked talks speak speaking spoke spoken chat chatting chatted text texting texted texts
    message messaging messaged dm dming dmed call calling called ring ringing rang tell telling told tells
    ask asking asked meet meeting met saw see seeing seen date dating dated kissed kiss hug hugged visit
    visiting visited thank thanked blocked block unfollowed ghosted ghosting dumped dump left leave marry
    married divorced fought argued arguing
    """.split()
)
COMM_PREPS = frozenset("to with at".split())
WEAK_BEFORE = frozenset("and with or".split())  # "me and priya", "with oluwaseun"
# After a word-like name ("will", "hope"): tokens that show it was a person, not a verb.
AFTER_PERSON = frozenset(
    """
    said says is was and has had told thinks thought keeps always never just who texted texts called calls
    wants wanted does did doesn't didn't isn't wasn't hates loves about again yesterday today too back
    because cos but or , . ! ? ; : 's ’s - ) lol x xx
    """.split()
)
GENERIC_WORKPLACES = frozenset(
    """
    home school work uni college hospital shop cafe café restaurant office factory warehouse bar pub club
    supermarket store nursery care weekends weekend night nights moment minute least all first last same place
    church gym library park bed sleep therapy counselling counseling doctor doctors dentist town city market
    mall centre center job jobs part time parttime full fulltime minimum wage lunch breakfast dinner night
    """.split()
)
STRONG_ORG_TRIGGER_WORDS = frozenset(
    "work works worked working job shift shifts intern interning volunteer volunteering employed manager "
    "apprenticeship placement fired sacked 'm ’m m im am".split()
)
MODALS = frozenset("will may can might must would should could shall did does do".split())
PLURAL_RELATIONS = frozenset(
    "friends parents kids children siblings cousins mates mates teachers grandparents sisters brothers "
    "aunts uncles neighbours neighbors colleagues coworkers flatmates roommates housemates".split()
)
SCHOOL_WORDS = frozenset(
    """
    school high college uni university academy primary secondary grammar elementary middle institute
    polytechnic sixth form prep comp comprehensive infants juniors
    """.split()
)
SCHOOL_MODIFIERS = frozenset(
    "catholic church community christian islamic jewish methodist baptist anglican memorial free international "
    "junior infant infants girls boys grammar high c e ce rc cofe of state public private county city "
    "technical tech day boarding independent".split()
)
ORG_TAIL_WORDS = frozenset(
    "hospital church mosque synagogue temple gurdwara surgery clinic ltd inc plc llc fc council "
    "library infirmary hospice".split()
)
ORG_TRIGGERS = (
    ("work", "at"), ("work", "for"), ("works", "at"), ("works", "for"), ("worked", "at"), ("worked", "for"),
    ("working", "at"), ("working", "for"), ("job", "at"), ("job", "with"), ("shift", "at"), ("shifts", "at"),
    ("intern", "at"), ("interning", "at"), ("volunteer", "at"), ("volunteering", "at"), ("employed", "by"),
    ("study", "at"), ("studying", "at"), ("studied", "at"), ("student", "at"), ("go", "to"), ("goes", "to"),
    ("went", "to"), ("going", "to"), ("attend",), ("attends",), ("attending",), ("enrolled", "at"),
    ("started", "at"), ("teacher", "at"), ("fired", "from"), ("sacked", "from"), ("expelled", "from"),
    ("excluded", "from"), ("year", "at"), ("apprenticeship", "at"), ("placement", "at"), ("manager", "at"),
    ("university", "of"), ("uni", "of"), ("'m", "at"), ("’m", "at"), ("m", "at"), ("im", "at"), ("am", "at"),
    ("at",),
)
LOC_TRIGGERS = (
    ("live", "in"), ("lives", "in"), ("living", "in"), ("lived", "in"), ("live", "near"), ("living", "near"),
    ("moved", "to"), ("move", "to"), ("moving", "to"), ("moved", "from"), ("from",), ("grew", "up", "in"),
    ("based", "in"), ("born", "in"), ("raised", "in"), ("near",), ("stay", "in"), ("staying", "in"),
    ("back", "in"), ("here", "in"), ("over", "in"), ("in",), ("to",), ("visiting",), ("outside",),
    ("around",), ("town", "called"), ("village", "called"), ("city", "of"),
)
STRONG_LOC_TRIGGER_WORDS = frozenset("live lives living lived moved move moving grew based born raised stay staying".split())
PLACE_MODIFIERS = frozenset(
    "new north south east west upper lower great little old lake port fort mount st saint san santa los las "
    "el la le east-end port-of".split()
)
DETERMINERS = frozenset("the a an this that these those some any".split())
PRONOUNS = frozenset(
    "i me my you your he him his she her we us our they them their it its myself yourself himself herself "
    "someone somebody anyone anybody everyone everybody nobody no-one noone people".split()
)
GENERIC_AFTER_FROM = frozenset(
    "school work home uni college church there here now then time bed hospital town abroad scratch".split()
)

_STOP = frozenset(STOP_WORDS) | PRONOUNS


SURNAME_PARTICLES = frozenset(
    "ó o' mac mc van von de da di del della der den du dos das al el bin ibn ben le la ter ten ni nic ui".split()
)
SUBJECT_VERBS = frozenset(
    """
    said says told tells texted texts keeps kept is was has had and thinks thought wants wanted
    called calls hates hate loves blocked ghosted left laughed shouted hit hurt makes made won't wont
    doesn't didn't never always just
    """.split()
)


def _rare(low: str) -> bool:
    """Not an English word we know (absent from, or very rare in, the frequency table)."""
    return (
        len(low) >= 3 and low not in _STOP and low not in lexicon.NEVER_BARE and lexicon.logprob(low) <= -16.5
        and not lexicon.is_inflected(low)
    )


def _is_alpha_word(text: str) -> bool:
    core = text.replace("-", "").replace("'", "").replace("’", "").replace(".", "")
    return bool(core) and core.isalpha()


def _is_cap(text: str) -> bool:
    return text[:1].isupper()


def _is_upper(text: str) -> bool:
    return len(text) > 1 and text.isupper()


class Anonymiser:
    """Holds the matchers (built once); ``find`` and ``anonymise`` are thread-safe reads."""

    def __init__(self, use_ner: Optional[bool] = None):
        from bot.nlu.spacy_pipeline import load

        shared = load()
        # Only the tokenizer and vocab of the shared pipeline are used; nothing is added
        # to it, so other users of ``load()`` see it unchanged.
        self.tokenizer = shared.tokenizer
        self.vocab = shared.vocab
        lexicon._probs()  # load the frequency table now, not on the first message
        self.names = lexicon.names()
        self.curated = lexicon.curated_names()
        self.places = lexicon.places()
        self._build_matchers()
        self.ner = None
        if use_ner is None:
            use_ner = settings.ANONYMISER_NER.get()
        if use_ner:
            self.ner = _load_ner()

    # -- building ---------------------------------------------------------------
    def _build_matchers(self) -> None:
        m = Matcher(self.vocab)
        rel = {"LOWER": {"IN": sorted(RELATIONS)}}
        poss = {"LOWER": {"IN": sorted(POSSESSIVES)}}
        mod = {"LOWER": {"IN": sorted(REL_MODIFIERS)}, "OP": "*"}
        m.add("KIN", [[poss, mod, rel], [poss, mod, rel, {"LOWER": {"IN": ["'s", "’s"]}}, {"LOWER": {"IN": ["name", "names"]}}, {"LOWER": {"IN": ["is", "was"]}, "OP": "?"}],
                      [poss, mod, rel, {"LOWER": {"IN": ["is", "was", "'s"]}, "OP": "?"}, {"LOWER": {"IN": ["called", "named"]}}],
                      [poss, mod, rel, {"ORTH": ","}]])
        m.add("TITLE", [[{"LOWER": {"IN": sorted(TITLES)}}, {"ORTH": ".", "OP": "?"}]])
        m.add("NAMING", [[{"LOWER": w} for w in seq] for seq in NAMING])
        m.add("IAM", [[{"LOWER": "i"}, {"LOWER": {"IN": ["'m", "m", "am", "’m"]}}], [{"LOWER": "im"}], [{"LOWER": "i'm"}],
                      [{"LOWER": {"IN": ["it", "this"]}}, {"LOWER": {"IN": ["'s", "is", "’s"]}}], [{"LOWER": "its"}],
                      [{"LOWER": {"IN": ["hi", "hey", "hello", "hiya", "yo", "bye", "thanks", "love", "luv", "regards", "cheers", "xoxo"]}}, {"ORTH": ",", "OP": "?"}]])
        m.add("COMM", [[{"LOWER": {"IN": sorted(COMM_VERBS)}}, {"LOWER": {"IN": sorted(COMM_PREPS)}, "OP": "?"}]])
        m.add("WEAK", [[{"LOWER": {"IN": sorted(WEAK_BEFORE)}}], [{"LOWER": "me"}, {"LOWER": "and"}]])
        m.add("ORGF", [[{"LOWER": w} for w in seq] for seq in ORG_TRIGGERS])
        m.add("LOCF", [[{"LOWER": w} for w in seq] for seq in LOC_TRIGGERS])
        self.matcher = m
        self.ids = {name: self.vocab.strings[name] for name in ("KIN", "TITLE", "NAMING", "IAM", "COMM", "WEAK", "ORGF", "LOCF")}
        pm = PhraseMatcher(self.vocab, attr="LOWER")
        multi = [p for p in self.places if " " in p or "-" in p]
        for i in range(0, len(multi), 2000):
            pm.add("PLACE", [self.tokenizer(p) for p in multi[i:i + 2000]])
        self.phrases = pm

    # -- helpers on tokens ----------------------------------------------------
    def _name_score(self, tok) -> str:
        """'strong' (a name, not a word), 'weak' (a name that is also a word) or ''."""
        low = tok.lower_
        if low not in self.names or len(low) < 2:
            return ""
        return "weak" if lexicon.is_wordlike(low) else "strong"

    def _bare_name(self, tok, sent_start: bool) -> bool:
        text = tok.text
        low = tok.lower_
        if len(low) < 3 or low not in self.names or low in lexicon.NEVER_BARE or not _is_alpha_word(text):
            return False
        if lexicon.is_wordlike(low):
            return False
        if _is_upper(text) or _is_cap(text):
            return (not sent_start) or lexicon.case_margin(low) <= -lexicon.WORDLIKE_MARGIN or lexicon.logprob(low) < -13.5
        # lower case: need a clear signal that people capitalise it (or that it is rare)
        lp = lexicon.logprob(low)
        return (lexicon.case_margin(low) <= -lexicon.LOWER_NAME_MARGIN and lp < -11.5) or lp <= -17.0

    def _bare_place(self, tok) -> bool:
        low = tok.lower_
        if len(low) < 3 or low not in self.places or low in lexicon.NEVER_BARE or lexicon.is_wordlike(low):
            return False
        if _is_cap(tok.text):
            return True
        lp = lexicon.logprob(low)
        return (lexicon.case_margin(low) <= -lexicon.LOWER_NAME_MARGIN and lp < -11.5) or lp <= -17.0

    def _subject_name(self, doc, i: int, sent_start) -> bool:
        """An unknown word opening a sentence and doing something: "quilu said", "Riri Kakosha is"."""
        if not (sent_start[i] or (i > 0 and doc[i - 1].lower_ in ("honestly", "ngl", "tbh", "and", "but", "cos", "because", "like", "when", "then"))):
            return False
        tok = doc[i]
        low = tok.lower_
        if not _is_alpha_word(tok.text) or not _rare(low):
            return False
        j = i + 1
        if j < len(doc) and _rare(doc[j].lower_) and _is_alpha_word(doc[j].text):
            j += 1
        return j < len(doc) and doc[j].lower_ in SUBJECT_VERBS

    def _unknown_proper(self, tok, sent_start: bool) -> bool:
        """A rare Title-case word mid-sentence: most likely a name we have no list for."""
        text = tok.text
        if sent_start or len(text) < 3 or not _is_cap(text) or _is_upper(text) or not _is_alpha_word(text):
            return False
        low = tok.lower_
        if low in _STOP or low in lexicon.NEVER_BARE:
            return False
        return lexicon.logprob(low) <= -15.5 and lexicon.logprob(text) <= -13.0

    def _slot_name_ok(self, tok, strength: str) -> bool:
        """May ``tok`` be (the start of) a name after a context of this strength?"""
        text, low = tok.text, tok.lower_
        if not _is_alpha_word(text) or low in PRONOUNS or low in RELATIONS:
            return False
        score = self._name_score(tok)
        if low in lexicon.NEVER_BARE:
            # "my name is May": a month or weekday only as a name right where a name goes
            if strength != "strong" or not (low in self.curated or _is_cap(text)) or low in PRONOUNS:
                return False
            score = "weak"
        if low in _STOP and strength not in ("kin", "comm"):
            # "to", "the", "back": a name only if written like one and known as one
            if not (_is_cap(text) and low in self.curated and not tok.is_sent_start):
                return False
        if strength == "strong":  # "my name is", "call me", "mrs"
            if score == "weak" and not _is_cap(text) and low not in self.curated:
                return self._person_follows(tok, ending_only=True)
            return bool(score) or _is_cap(text) or not lexicon.is_common_word(low)
        if strength == "kin":  # "my sister ___"
            if low in MODALS or (low in _STOP and score != "strong"):
                return (_is_cap(text) and not tok.is_sent_start) or (
                    low in self.curated and self._person_follows(tok)
                )
            if score == "weak":
                # "my dad mark", "my friend hope": a real first name after a singular relation
                plural = tok.i > 0 and tok.doc[tok.i - 1].lower_ in PLURAL_RELATIONS
                if plural or lexicon.logprob(low) > -9.5:  # very common words ("said"): need more
                    return (_is_cap(text) and not tok.is_sent_start) or self._person_follows(tok)
                if plural:
                    return _is_cap(text) or self._person_follows(tok)
                return _is_cap(text) or low in self.curated or self._person_follows(tok)
            if score:
                return True
            return (_is_cap(text) and not lexicon.is_common_word(low)) or (
                not lexicon.is_common_word(low) and lexicon.logprob(low) < -14.5 and not lexicon.is_inflected(low)
            )
        if strength == "comm":  # "talking to ___"
            if low in _STOP:  # "talking to will about it" yes, "no one to talk to" no
                return low in self.curated and self._name_score(tok) != "" and (
                    (_is_cap(text) and not tok.is_sent_start) or (
                        tok.i + 1 < len(tok.doc) and not tok.doc[tok.i + 1].is_punct and self._person_follows(tok)
                    )
                )
            if score == "strong":
                return True
            if score == "weak":
                if _is_cap(text) and not tok.is_sent_start:
                    return True
                if low not in self.curated:
                    return False
                at_end = tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].is_punct
                if at_end:  # "see ya", "speak soon": only a rarer word can end on a name
                    return lexicon.logprob(low) < -10.0
                return self._person_follows(tok)
            return (_is_cap(text) and not lexicon.is_common_word(low)) or _rare(low)
        if strength == "iam":  # "i'm ___"
            if score == "strong":
                return not lexicon.is_common_word(low) or _is_cap(text)
            if score == "weak":  # "I'm Grace" yes, "i'm good", "hey buddy" no
                return _is_cap(text) and not tok.is_sent_start and low in self.curated
            if _rare(low) and tok.i >= 2 and tok.doc[0].lower_ in ("hi", "hey", "hello", "hiya", "heya", "yo"):
                return True
            return _is_cap(text) and not lexicon.is_common_word(low) and lexicon.logprob(text) < -12
        if strength == "weak":  # "me and ___", "with ___"
            return score == "strong" or (score == "weak" and _is_cap(text) and not tok.is_sent_start)
        return False

    def _person_follows(self, tok, ending_only: bool = False) -> bool:
        doc = tok.doc
        if tok.i + 1 >= len(doc):
            return True
        nxt = doc[tok.i + 1].lower_
        if ending_only:
            return nxt in {",", ".", "!", "?", "and", "btw", "here", "lol", "x", "xx", "-", ":", ")", "from", "by"}
        return nxt in AFTER_PERSON or (doc[tok.i + 1].is_punct)

    def _extend_surname(self, doc, j: int, limit: int = 3) -> int:
        """From token j (exclusive end of a first name), swallow following surname tokens."""
        count = 0
        while j < len(doc) and count < limit:
            t = doc[j]
            if t.text in ("-",) and j + 1 < len(doc) and _is_alpha_word(doc[j + 1].text) and not doc[j].whitespace_:
                j += 2
                count += 1
                continue
            low = t.lower_
            if low in SURNAME_PARTICLES and j + 1 < len(doc) and _is_alpha_word(doc[j + 1].text) and (
                self._name_score(doc[j + 1]) or _is_cap(doc[j + 1].text) or _rare(doc[j + 1].lower_)
            ) and doc[j + 1].lower_ not in _STOP:
                j += 2
                count += 1
                continue
            if not _is_alpha_word(t.text) or low in _STOP or low in lexicon.NEVER_BARE:
                break
            score = self._name_score(t)
            if _is_upper(t.text) and not score:
                break
            if _rare(low) and not _is_upper(t.text):
                j += 1
                count += 1
                continue
            if (score == "strong") or (_is_cap(t.text) and not lexicon.is_common_word(low)) or (
                _is_cap(t.text) and score
            ):
                j += 1
                count += 1
                continue
            break
        return j

    # -- the token pass ---------------------------------------------------------
    def _token_spans(self, text: str) -> List[Tuple[int, int, str, int]]:
        # Runs of 64+ characters without a space are links, hashes or junk, never names; the
        # structured pass has seen them. Blank them (same length, same offsets) so the
        # tokenizer's affix search cannot go quadratic on them.
        if len(text) > 64 and _LONG_RUN.search(text):
            text = _LONG_RUN.sub(lambda m: " " * len(m.group(0)), text)
        doc = self.tokenizer(text)
        n = len(doc)
        out: List[Tuple[int, int, str, int]] = []
        if n == 0:
            return out

        def add(i: int, j: int, label: str, prio: int) -> None:
            if j > i:
                out.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), label, prio))

        tl = list(doc)
        sent_start = [False] * n
        sent_start[0] = True
        for i in range(1, n):
            prev = tl[i - 1].text
            if prev in (".", "!", "?", "\n", ":", "..."):
                sent_start[i] = True
            elif prev.endswith("\n") or (tl[i - 1].is_space and "\n" in prev):
                sent_start[i] = True

        claimed = [False] * n

        for match_id, s, e in self.matcher(doc):
            kind = self.vocab.strings[match_id]
            if kind in ("KIN", "TITLE", "NAMING", "IAM", "COMM", "WEAK"):
                strength = {"KIN": "kin", "TITLE": "strong", "NAMING": "strong", "IAM": "iam", "COMM": "comm", "WEAK": "weak"}[kind]
                j = e
                if kind == "KIN" and j < n and doc[j].lower_ in ("is", "was") and j + 1 < n and doc[j + 1].lower_ in ("called", "named"):
                    j += 2
                if kind == "TITLE" and j < n and doc[j].text == ".":
                    j += 1
                if j < n and doc[j].text in (":", "-", "\"", "'", "“") and kind in ("NAMING", "KIN"):
                    j += 1
                if kind == "IAM" and s > 0 and doc[s].lower_ in ("it", "this", "its") and doc[s - 1].lower_ not in ("hi", "hey", "hello", ",", "."):
                    # "it's tom" only right at a greeting; "it's hard" is common
                    if j < n and self._name_score(doc[j]) != "strong":
                        continue
                if kind == "IAM" and doc[s].lower_ in ("love", "luv", "from", "regards", "cheers", "xoxo", "thanks", "bye"):
                    strength = "weak" if doc[s].lower_ in ("from",) else "comm"
                if j < n and self._slot_name_ok(doc[j], strength):
                    end = self._extend_surname(doc, j + 1) if kind != "WEAK" else j + 1
                    if kind == "TITLE":
                        end = max(end, j + 1)
                        add(j, end, "NAME", 70)
                    else:
                        add(j, end, "NAME", 68 if strength in ("strong", "kin") else 60)
                    for k in range(j, end):
                        claimed[k] = True
            elif kind == "ORGF":
                self._org_forward(doc, e, add, claimed, include_from=s if doc[e - 1].lower_ == "of" else None,
                                  strong=doc[s].lower_ in STRONG_ORG_TRIGGER_WORDS and doc[e - 1].lower_ != "for")
            elif kind == "LOCF":
                self._loc_forward(doc, s, e, add, claimed, strong=doc[s].lower_ in STRONG_LOC_TRIGGER_WORDS)

        # schools / organisations named before their kind word: "lincoln high", "st mary's primary"
        for i in range(n):
            low = tl[i].lower_
            if low in SCHOOL_WORDS or low in ORG_TAIL_WORDS:
                self._org_backward(doc, i, add, claimed)

        # multi-word places
        for _, s, e in self.phrases(doc):
            toks = doc[s:e]
            if any(_is_cap(t.text) for t in toks) or any(
                not lexicon.is_wordlike(t.lower_) and t.lower_ not in _STOP for t in toks if t.is_alpha
            ):
                add(s, e, "LOCATION", 55)
                for k in range(s, e):
                    claimed[k] = True

        # bare names and places
        names, places = self.names, self.places
        for i in range(n):
            if claimed[i]:
                continue
            tok = tl[i]
            text_i = tok.text
            low = tok.lower_
            # fast path: a lower-case word that is no name, no place and a known word
            if not text_i[:1].isupper() and low not in names and low not in places and (
                low in _STOP or lexicon.logprob(low) > -16.5
            ):
                continue
            if tok.is_punct or tok.is_space or tok.like_num:
                continue
            if self._bare_name(tok, sent_start[i]):
                end = self._extend_surname(doc, i + 1)
                label = "LOCATION" if (tok.lower_ in self.places and _prev_is_loc_prep(doc, i)) else "NAME"
                add(i, end, label, 50)
                for k in range(i, end):
                    claimed[k] = True
            elif self._bare_place(tok):
                add(i, i + 1, "LOCATION", 48)
            elif self._subject_name(doc, i, sent_start):
                end = self._extend_surname(doc, i + 1)
                add(i, end, "NAME", 45)
                for k in range(i, end):
                    claimed[k] = True
            elif self._unknown_proper(tok, sent_start[i]):
                label = "LOCATION" if _prev_is_loc_prep(doc, i) else "NAME"
                end = self._extend_surname(doc, i + 1)
                add(i, end, label, 40)
                for k in range(i, end):
                    claimed[k] = True
        return out

    def _org_forward(self, doc, j: int, add, claimed, include_from: Optional[int] = None, strong: bool = False) -> None:
        """Tokens after "i work at", "i go to", "university of": a named place, not "the park"."""
        n = len(doc)
        if j >= n:
            return
        start = j
        if doc[j].lower_ in DETERMINERS:
            if j + 1 < n and _is_cap(doc[j + 1].text) and not lexicon.is_common_word(doc[j + 1].lower_):
                start = j = j + 1
            else:
                return
        toks = []
        school_at = -1
        while j < n and j - start < 6:
            t = doc[j]
            low = t.lower_
            if low in ("'s", "’s", "&", "st", "st.", "saint", "-") and j > start or low in ("st", "st.", "saint"):
                toks.append(j)
                j += 1
                continue
            if low in SCHOOL_WORDS or low in ORG_TAIL_WORDS:
                if j > start:
                    toks.append(j)
                    school_at = j
                    j += 1
                    continue
                break
            if not _is_alpha_word(t.text) or low in _STOP or low in lexicon.NEVER_BARE or low in GENERIC_WORKPLACES:
                break
            toks.append(j)
            j += 1
        if not toks:
            return
        if school_at >= 0:
            # "rush high school", "st luzoan's sixth form college": up to the kind word
            end = school_at + 1
            while end < n and doc[end].lower_ in SCHOOL_WORDS:
                end += 1
            span = list(range(start, end))
        else:
            span = list(toks)
            # drop trailing ordinary words ("tesco everyday")
            while span and doc[span[-1]].lower_ not in ("'s", "’s") and lexicon.is_common_word(doc[span[-1]].lower_) and not _is_cap(doc[span[-1]].text) and not (
                strong and span[-1] == span[0]
            ):
                span.pop()
            while span and doc[span[-1]].lower_ in ("of", "&", "st", "-"):
                span.pop()
            if not span:
                return
            distinctive = any(self._distinctive(doc[k], strong and k == span[0]) for k in span)
            if not distinctive:
                return
        s0, e0 = span[0], span[-1] + 1
        if include_from is not None:
            s0 = include_from
        add(s0, e0, "ORG", 66)
        for k in range(s0, e0):
            claimed[k] = True

    def _distinctive(self, tok, lenient: bool) -> bool:
        """A word that names one particular place: a name, a rare word, a capitalised non-word."""
        low = tok.lower_
        if low in ("'s", "’s", "st", "st.", "saint", "of", "&", "-") or not _is_alpha_word(tok.text):
            return False
        if _is_cap(tok.text) and (not lexicon.is_common_word(low) or lexicon.case_margin(low) < -1.0):
            return True
        if (low in self.names or low in self.places) and not lexicon.is_wordlike(low):
            return True
        if lexicon.logprob(low) < -14.0:
            return True
        # right after "i work at": any word that is not a generic workplace ("tesco", "starbucks")
        return lenient and low not in GENERIC_WORKPLACES and lexicon.logprob(low) < -12.0 and not lexicon.is_inflected(low)

    def _org_backward(self, doc, i: int, add, claimed) -> None:
        """Tokens before a school/org word that make it a particular one."""
        end = i + 1
        # "high school", "primary school": take the whole kind phrase
        while end < len(doc) and doc[end].lower_ in SCHOOL_WORDS and doc[end].lower_ not in ("of",):
            end += 1
        j = i
        distinctive = False
        while j > 0 and i - j < 5:
            t = doc[j - 1]
            low = t.lower_
            if low in ("'s", "’s", "st", "st.", "saint", "-", "&") or low in SCHOOL_WORDS or low in SCHOOL_MODIFIERS:
                j -= 1
                continue
            if not _is_alpha_word(t.text) or low in _STOP or low in lexicon.NEVER_BARE or low in RELATIONS:
                break
            if _is_cap(t.text) or low in self.names or low in self.places or not lexicon.is_common_word(low):
                if _is_cap(t.text) and not lexicon.is_common_word(low):
                    distinctive = True
                elif (low in self.names or low in self.places) and not lexicon.is_wordlike(low):
                    distinctive = True
                elif not lexicon.is_common_word(low) and lexicon.logprob(low) < -13.5:
                    distinctive = True
                elif _is_cap(t.text):
                    distinctive = distinctive or low not in ("catholic", "church", "community", "local", "state", "public", "private", "boys", "girls")
                j -= 1
                continue
            break
        while j < i and doc[j].lower_ in ("'s", "’s", "-", "&"):
            j += 1
        if distinctive and j < i:
            add(j, end, "ORG", 67)
            for k in range(j, end):
                claimed[k] = True

    def _loc_forward(self, doc, s: int, j: int, add, claimed, strong: bool) -> None:
        n = len(doc)
        if j >= n:
            return
        start = j
        if doc[j].lower_ == "the" and j + 1 < n and _is_cap(doc[j + 1].text):
            start = j = j + 1
        trigger = doc[s].lower_
        while j < n and j - start < 4:
            t = doc[j]
            low = t.lower_
            if not _is_alpha_word(t.text) or low in _STOP or low in lexicon.NEVER_BARE or low in GENERIC_AFTER_FROM:
                break
            if low in PLACE_MODIFIERS and j + 1 < n and _is_alpha_word(doc[j + 1].text) and doc[j + 1].lower_ not in _STOP and (
                _is_cap(doc[j + 1].text) or _rare(doc[j + 1].lower_) or doc[j + 1].lower_ in self.places
            ) and j - start < 2:
                j += 1
                continue
            known = low in self.places and not lexicon.is_wordlike(low)
            cap_rare = _is_cap(t.text) and not lexicon.is_common_word(low)
            if known or (cap_rare and (strong or trigger in ("from", "near", "in", "visiting", "outside", "around"))):
                j += 1
                continue
            if strong and not lexicon.is_common_word(low) and lexicon.logprob(low) < -14.0:
                j += 1
                continue
            if j > start and (_is_cap(t.text) or low in self.places):
                j += 1
                continue
            break
        if j > start:
            # "from Tom" is a name, not a place
            if j - start == 1 and doc[start].lower_ in self.names and doc[start].lower_ not in self.places:
                if trigger in ("from", "to", "near", "around") and not strong:
                    add(start, j, "NAME", 56)
                    claimed[start] = True
                    return
            add(start, j, "LOCATION", 58 if strong else 54)
            for k in range(start, j):
                claimed[k] = True

    # -- public -----------------------------------------------------------------
    def find(self, text: str) -> List[Span]:
        if not text:
            return []
        if len(text) > CHUNK:
            # Long input: work on whitespace-bounded pieces so every pass stays linear.
            spans: List[Span] = []
            for offset, piece in _chunks(text, CHUNK):
                spans.extend(Span(sp.start + offset, sp.end + offset, sp.label) for sp in self._find(piece))
            return spans
        return self._find(text)

    def _find(self, text: str) -> List[Span]:
        cands: List[Tuple[int, int, str, int]] = []
        try:
            cands.extend(patterns.find_structured(text))
        except Exception:
            logger.exception("structured pass failed")
            raise
        try:
            cands.extend(self._token_spans(text))
        except Exception:
            logger.exception("token pass failed; structured details only")
        if self.ner is not None:
            try:
                cands.extend(_ner_spans(self.ner, text))
            except Exception:
                logger.exception("NER pass failed")
        return _resolve(text, cands)

    def anonymise(self, text: str) -> str:
        if text is None:
            return ""
        if not isinstance(text, str):
            text = str(text)
        if not text:
            return ""
        try:
            spans = self.find(text)
        except Exception:
            logger.exception("anonymiser failed; redacting the whole message")
            return REDACTED
        return _apply(text, spans)


CHUNK = 4000
_LONG_RUN = re.compile(r"\S{64,}")
_SENTENCE_CUT = re.compile(r"[.!?\n]\s")
_WORD_CUT = re.compile(r"[A-Za-z]\s(?=[A-Za-z])")


def _chunks(text: str, size: int):
    """(offset, piece) pieces of at most ~size characters, cut at whitespace when possible."""
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + size)
        if end < n:
            # cut after a sentence, else between two words, never inside "07700 900123"
            window = text[pos + size // 2:end]
            cut = -1
            for rx in (_SENTENCE_CUT, _WORD_CUT):
                found = [m.end() for m in rx.finditer(window)]
                if found:
                    cut = pos + size // 2 + found[-1] - 1
                    break
            if cut > pos:
                end = cut + 1
            else:  # no whitespace: a junk run; small pieces keep the tokenizer linear
                end = min(n, pos + 400)
        yield pos, text[pos:end]
        pos = end


def _prev_is_loc_prep(doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ in ("in", "from", "to", "near", "at", "around", "outside", "visiting")


def _resolve(text: str, cands: Iterable[Tuple[int, int, str, int]]) -> List[Span]:
    """Keep the best non-overlapping spans; merge neighbours of one label."""
    chosen: List[Tuple[int, int, str]] = []
    taken = bytearray(len(text) + 1)
    for start, end, label, _prio in sorted(cands, key=lambda c: (-c[3], -(c[1] - c[0]), c[0])):
        if end <= start or start < 0 or end > len(text):
            continue
        if any(taken[start:end]):
            continue
        for k in range(start, end):
            taken[k] = 1
        chosen.append((start, end, label))
    chosen.sort()
    merged: List[Span] = []
    for start, end, label in chosen:
        if merged:
            last = merged[-1]
            gap = text[last.end:start]
            if last.label == label and (gap.strip(" ") == "" or (label == "NAME" and gap.strip(" ") == "-")) and len(gap) <= 2:
                merged[-1] = Span(last.start, end, label)
                continue
        merged.append(Span(start, end, label))
    return merged


def _apply(text: str, spans: Sequence[Span]) -> str:
    parts = []
    pos = 0
    for sp in spans:
        parts.append(text[pos:sp.start])
        parts.append(f"[{sp.label}]")
        pos = sp.end
    parts.append(text[pos:])
    return "".join(parts)


_NER_LABELS = {"PERSON": "NAME", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "ORG"}


def _load_ner():
    """A statistical English NER model if one is installed (never downloaded)."""
    name = settings.ANONYMISER_NER_MODEL.get()
    try:
        import importlib.util

        if importlib.util.find_spec(name) is None:
            return None
        import spacy

        return spacy.load(name, disable=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    except Exception:
        logger.info("no statistical NER model (%s); rules only", name)
        return None


def _ner_spans(nlp, text: str) -> List[Tuple[int, int, str, int]]:
    out = []
    for ent in nlp(text[:20000]).ents:
        label = _NER_LABELS.get(ent.label_)
        if label:
            out.append((ent.start_char, ent.end_char, label, 30))
    return out


_INSTANCE: Optional[Anonymiser] = None
_LOCK = threading.Lock()


def get() -> Anonymiser:
    """The process-wide anonymiser (built on first use)."""
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                _INSTANCE = Anonymiser()
    return _INSTANCE


def find(text) -> List[Span]:
    """Spans of personal details in ``text`` (empty for empty/None input)."""
    if text is None:
        return []
    if not isinstance(text, str):
        text = str(text)
    try:
        return get().find(text)
    except Exception:
        logger.exception("find failed")
        return [Span(0, len(text), "ID")] if text else []


def anonymise(text) -> str:
    """``text`` with personal details replaced by typed placeholders; never raises."""
    if text is None:
        return ""
    try:
        return get().anonymise(text)
    except Exception:
        logger.exception("anonymise failed")
        return REDACTED if text else ""
