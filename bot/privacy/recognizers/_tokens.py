"""Shared token analysis for the name, organisation and place recognizers.

Built once per process: spaCy's tokenizer and ``Matcher`` on the shared pipeline's vocab
(nothing is added to the shared pipeline), the trigger phrases ("my sister ___", "i work
at ___", "i live in ___"), the multi-word place ``PhraseMatcher``, and the name and place
lists (``lexicon.py``). Per message, ``view(text)`` tokenizes once and runs the matchers
once; each recognizer reads the same ``TokenView``.

The word tests here are what keep ordinary words ("hope", "will", "reading") out unless
the context names someone: word frequencies say how often a word is written in lower case.
"""

from __future__ import annotations

import functools
from typing import Dict, List, Optional, Tuple

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher, PhraseMatcher

from bot.privacy import lexicon
from bot.privacy.recognizers._lightdoc import LightDoc, LightTokenizer
from bot.privacy.recognizers.base import Label, Score

NAME_DISTINCT = "distinct"  # a name that is not an English word (priya, oluwaseun)
NAME_WORDLIKE = "wordlike"  # a name that is also a word (hope, will, mark)

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
# Kin words used as a title before the name, with no "my": "missing nana connie", "auntie
# sue said", "uncle dave's", "grandad joe" (the family's own way of naming them).
KIN_TITLES = frozenset(
    "nana nanna nan nanny gran granny grandma grandad granddad grandpa gramps auntie aunty aunt "
    "uncle".split()
)
REL_MODIFIERS = frozenset(
    "best older younger big little lil baby ex step twin new old former current other oldest youngest "
    "closest close online school work uni college real".split()
)
TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss mx mx. dr dr. prof prof. sir madam mister missus".split()
)
NAMING = (
    ("name", "is"),
    ("name", "was"),  # "her name was daisy": the name of someone gone, or before a change
    ("name", "used", "to", "be"),
    ("nickname", "was"),
    ("nicknamed",),
    ("name", "'s"),
    ("name", "’s"),
    ("names",),
    ("called",),
    ("named",),
    ("call", "me"),
    ("known", "as"),
    ("goes", "by"),
    ("go", "by"),
    ("nickname", "is"),
    ("signed",),
    ("yours",),
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
MONTH_NAMES = frozenset(
    "january february march april may june july august september october november december".split()
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
    ("work", "at"),
    ("work", "for"),
    ("works", "at"),
    ("works", "for"),
    ("worked", "at"),
    ("worked", "for"),
    ("working", "at"),
    ("working", "for"),
    ("job", "at"),
    ("job", "with"),
    ("shift", "at"),
    ("shifts", "at"),
    ("intern", "at"),
    ("interning", "at"),
    ("volunteer", "at"),
    ("volunteering", "at"),
    ("employed", "by"),
    ("study", "at"),
    ("studying", "at"),
    ("studied", "at"),
    ("student", "at"),
    ("go", "to"),
    ("goes", "to"),
    ("went", "to"),
    ("going", "to"),
    ("attend",),
    ("attends",),
    ("attending",),
    ("enrolled", "at"),
    ("started", "at"),
    ("teacher", "at"),
    ("fired", "from"),
    ("sacked", "from"),
    ("expelled", "from"),
    ("excluded", "from"),
    ("year", "at"),
    ("apprenticeship", "at"),
    ("placement", "at"),
    ("manager", "at"),
    ("university", "of"),
    ("uni", "of"),
    ("'m", "at"),
    ("’m", "at"),
    ("m", "at"),
    ("im", "at"),
    ("am", "at"),
    ("at",),
)
LOC_TRIGGERS = (
    ("live", "in"),
    ("lives", "in"),
    ("living", "in"),
    ("lived", "in"),
    ("live", "near"),
    ("living", "near"),
    ("moved", "to"),
    ("move", "to"),
    ("moving", "to"),
    ("moved", "from"),
    ("from",),
    ("grew", "up", "in"),
    ("based", "in"),
    ("born", "in"),
    ("raised", "in"),
    ("near",),
    ("stay", "in"),
    ("staying", "in"),
    ("back", "in"),
    ("here", "in"),
    ("over", "in"),
    ("in",),
    ("to",),
    ("visiting",),
    ("outside",),
    ("around",),
    ("town", "called"),
    ("village", "called"),
    ("town", "is"),
    ("village", "is"),
    ("hometown", "is"),
    ("city", "is"),
    ("estate", "is"),
    ("area", "is"),
    ("neighbourhood", "is"),
    ("neighborhood", "is"),
    ("city", "of"),
)
_STAY_VERBS = frozenset("staying stay stays stayed living live lives sleeping kipping".split())
STRONG_LOC_TRIGGER_WORDS = frozenset(
    "live lives living lived moved move moving grew based born raised stay staying stays stayed sleeping kipping "
    "town village hometown city "
    "estate area neighbourhood neighborhood".split()
)
PLACE_MODIFIERS = frozenset(
    "new north south east west upper lower great little old lake port fort mount st saint san santa los las "
    "el la le east-end port-of much market chipping kings king's bishops bishop's castle nether middle long "
    "high steeple church west-end".split()
)
DETERMINERS = frozenset("the a an this that these those some any".split())


# Shops and chains with a branch in every town: "i was at tesco", "went to greggs" says where
# anyone might be, not who; only working there ("i work at tesco") is read as a workplace.
def chain_alone(doc, i: int) -> bool:
    """A national chain at ``i`` named alone: no branch is said ("the Co-op in Thornbury",
    "the Spar on the corner", "sainsburys, the big one" name one)."""
    if doc[i].lower_ not in NATIONAL_CHAINS:
        return False
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if nxt in _BRANCH_AFTER:
        return False
    return not (nxt == "," and i + 2 < len(doc) and doc[i + 2].lower_ in ("the", "one"))


_BRANCH_AFTER = frozenset("in on near by off opposite behind next beside across round".split())
NATIONAL_CHAINS = frozenset(
    """
    tesco tescos asda aldi lidl morrisons sainsburys sainsbury's waitrose spar coop co-op iceland greggs
    mcdonalds mcdonald's maccies maccys kfc nandos subway costa starbucks primark boots superdrug argos
    currys poundland wilko ikea wetherspoons spoons b&m
    """.split()
)
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


def _run_together(low: str) -> bool:
    """Two words joined at a full stop with no space ("school.then", "me.so")."""
    parts = low.split(".")
    return len(parts) > 1 and all(p in _STOP or lexicon.is_common_word(p) for p in parts if p)


@functools.lru_cache(maxsize=65536)  # a pure test of a word, read many times a message
def _rare(low: str) -> bool:
    """Not an English word we know (absent from, or very rare in, the frequency table)."""
    return (
        len(low) >= 3
        and not _run_together(low)
        and low not in _STOP
        and low not in lexicon.NEVER_BARE
        and lexicon.logprob(low) <= -16.5
        and not lexicon.is_inflected(low)
    )


@functools.lru_cache(maxsize=65536)
def _is_alpha_word(text: str) -> bool:
    core = text.replace("-", "").replace("'", "").replace("’", "").replace(".", "")
    return bool(core) and core.isalpha()


def _is_cap(text: str) -> bool:
    return text[:1].isupper()


def _is_upper(text: str) -> bool:
    return len(text) > 1 and text.isupper()


# What two people do together, after "me and ___": "me and hope are done".
PAIR_ACTS = frozenset(
    "are were have had went go used got broke ended fell split fought argued talk talked hang hung met kissed dated "
    "always never still both".split()
)


# Verbs whose object is a person ("told mark", "asked grace"); a bare word-like first
# name right after one of them is the person, not the word.
PERSON_OBJECT_VERBS = frozenset(
    "told tell tells asked ask asks texted text texts messaged message called call rang ring met meet "
    "blocked block dumped kissed hugged miss missed invited".split()
)


def _speech_opens(tok) -> bool:
    """A lower-case verb form with a quote or colon opening after it: "my mum said 'we need to
    talk'", "my boss says: quick call". What opens there is speech, not the end of a name ("my
    mum said" is not a mother called Said)."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or not tok.text.islower():
        return False
    nxt = doc[tok.i + 1]
    low = tok.lower_
    return (
        nxt.text in ("'", '"', "“", "‘", ":")
        and (lexicon.is_past_verb(low) or lexicon.is_inflected(low))
        and tok.i + 2 < len(doc)
        and not doc[tok.i + 2].is_punct
    )


# What follows the word, not the name: "called back", "told off", "met up".
# After "my bf ___", what says the word is the person: "my bf chance keeps lying", "my
# sister hope wont talk to me" ("my best chance is", "my only hope now" have no relation).
KIN_NAME_FOLLOW = frozenset(
    """
    keep kept wont won't cant can't never still got gets went goes came comes left moved lives lived works
    worked knows knew texted messaged rang called blocked dumped cheated lied shouted hit hits slapped
    """.split()
)
NOT_AFTER_NAME = frozenset("back up out off over home in on down away again".split())
# Going out or meeting with someone: "went with ___", "hanging out with ___".
GOING_WITH = frozenset(
    """
    went go goes going gone came come comes coming hang hanging hung hangs chill chilling chilled met meet
    meeting walked walk walking stayed stay staying sat sit sitting slept played playing dance danced
    dancing drove travelled traveled shopping live lived living moved
    """.split()
)
# What follows a companion: where, when, with whom else, or the clause's end.
AFTER_COMPANION = frozenset(
    """
    to at into in on after before last yesterday today tonight tomorrow this every and but cos because so
    then when while for the after lol x xx rn tbh ngl again instead n &
    """.split()
)


class Strength:
    """How strongly a trigger says "a name comes next" (named, not bare strings)."""

    STRONG = "strong"  # "my name is", "call me", "mrs"
    KIN = "kin"  # "my sister ___"
    COMM = "comm"  # "talking to ___"
    IAM = "iam"  # "i'm ___", "hi ___"
    WEAK = "weak"  # "me and ___", "with ___"


_SENTENCE_ENDS = frozenset((".", "!", "?", "\n", ":", "..."))


class TokenView:
    """One tokenized message: tokens, sentence starts and trigger matches by kind."""

    __slots__ = ("doc", "tl", "n", "sent_start", "matches", "low", "texts")

    def __init__(self, doc, matches: Dict[str, List[Tuple[int, int]]]):
        self.doc = doc
        if isinstance(doc, LightDoc):  # its token texts are lists already
            # a plain list: ``tl[i]`` is read tens of times a message by every recognizer
            tl = self.tl = doc.all_tokens()
            texts = self.texts = doc.texts
            self.low = doc.lows
        else:
            tl = self.tl = list(doc)
            texts = self.texts = [t.text for t in tl]
            self.low = [t.lower() for t in texts]
        n = self.n = len(tl)
        self.matches = matches
        # a token opens a sentence after an end mark or a line break; one comprehension
        # (no Python-level index loop), the line-break test only where a token holds one
        ends = _SENTENCE_ENDS
        self.sent_start = (
            [True]
            + [
                prev in ends or ("\n" in prev and (prev.endswith("\n") or tl[k].is_space))
                for k, prev in enumerate(texts[:-1])
            ]
            if n
            else []
        )

    def char_span(self, i: int, j: int) -> Tuple[int, int]:
        doc = self.doc
        if isinstance(doc, LightDoc):
            return doc.idxs[i], doc.idxs[j - 1] + len(doc.texts[j - 1])
        return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


def trigger_patterns() -> Dict[str, list]:
    """The trigger phrases by kind, written as spaCy ``Matcher`` patterns (``LOWER``/``ORTH``
    steps, ``OP`` ``?`` or ``*``): read by ``TokenAnalysis.trigger_matches``."""
    pats: Dict[str, list] = {}

    def _add(kind: str, patterns: list) -> None:
        pats[kind] = patterns

    rel = {"LOWER": {"IN": sorted(RELATIONS)}}
    poss = {"LOWER": {"IN": sorted(POSSESSIVES)}}
    mod = {"LOWER": {"IN": sorted(REL_MODIFIERS)}, "OP": "*"}
    _add(
        "KIN",
        [
            [poss, mod, rel],
            [
                poss,
                mod,
                rel,
                {"LOWER": {"IN": ["'s", "’s"]}},
                {"LOWER": {"IN": ["name", "names"]}},
                {"LOWER": {"IN": ["is", "was"]}, "OP": "?"},
            ],
            [
                poss,
                mod,
                rel,
                {"LOWER": {"IN": ["is", "was", "'s"]}, "OP": "?"},
                {"LOWER": {"IN": ["called", "named"]}},
            ],
            [poss, mod, rel, {"ORTH": ","}],
            [{"LOWER": {"IN": sorted(KIN_TITLES)}}],
        ],
    )
    _add("TITLE", [[{"LOWER": {"IN": sorted(TITLES)}}, {"ORTH": ".", "OP": "?"}]])
    _add("NAMING", [[{"LOWER": w} for w in seq] for seq in NAMING])
    _add(
        "IAM",
        [
            [{"LOWER": "i"}, {"LOWER": {"IN": ["'m", "m", "am", "’m"]}}],
            [{"LOWER": "im"}],
            [{"LOWER": "i'm"}],
            [{"LOWER": {"IN": ["it", "this"]}}, {"LOWER": {"IN": ["'s", "is", "’s"]}}],
            [{"LOWER": "its"}],
            [
                {
                    "LOWER": {
                        "IN": [
                            "hi",
                            "hey",
                            "hello",
                            "hiya",
                            "yo",
                            "bye",
                            "thanks",
                            "love",
                            "luv",
                            "regards",
                            "cheers",
                            "xoxo",
                        ]
                    }
                },
                {"ORTH": ",", "OP": "?"},
            ],
        ],
    )
    _add(
        "COMM",
        [
            [
                {"LOWER": {"IN": sorted(COMM_VERBS)}},
                {"LOWER": {"IN": sorted(COMM_PREPS)}, "OP": "?"},
            ]
        ],
    )
    _add("WEAK", [[{"LOWER": {"IN": sorted(WEAK_BEFORE)}}], [{"LOWER": "me"}, {"LOWER": "and"}]])
    _add("ORGF", [[{"LOWER": w} for w in seq] for seq in ORG_TRIGGERS])
    # "staying at my cousins in hulme", "living at my nan's in ballinrobe": a relative's home
    # in a place is where the person is, as "staying in ___" is
    at_relatives = [
        {"LOWER": {"IN": sorted(_STAY_VERBS)}},
        {"LOWER": "at"},
        poss,
        {"LOWER": {"IN": sorted(RELATIONS | {r + "s" for r in RELATIONS})}},
        {"LOWER": {"IN": ["'s", "’s"]}, "OP": "?"},
        {"LOWER": "in"},
    ]
    _add("LOCF", [[{"LOWER": w} for w in seq] for seq in LOC_TRIGGERS] + [at_relatives])
    return pats


def _step_words(step: dict) -> frozenset:
    value = step.get("LOWER", step.get("ORTH"))
    if "ORTH" in step and any(ch.isalpha() for ch in step["ORTH"]):
        raise ValueError("ORTH steps are read in lower case: letters would change meaning")
    return frozenset(value["IN"]) if isinstance(value, dict) else frozenset([value])


def _index_patterns(patterns: Dict[str, list]) -> Dict[str, list]:
    """token -> [(kind, remaining steps)] for every pattern whose first step takes the token."""
    first: Dict[str, list] = {}
    for kind, pats in patterns.items():
        for pat in pats:
            steps = tuple((_step_words(st), st.get("OP", "")) for st in pat)
            head_words, head_op = steps[0]
            if head_op:
                raise ValueError("a trigger pattern opens on a required step")
            fixed = not any(op for _, op in steps)
            for w in head_words:
                first.setdefault(w, []).append((kind, steps[1:], fixed))
    return first


def _walk(steps, low: List[str], i: int, n: int) -> List[int]:
    """Every end at which ``steps`` match ``low`` from ``i`` (``?``: once or not; ``*``: any).

    One pattern walked by the trie's own stepper (``_walk_trie``), which is what matching
    runs; it steps over the set of positions reached (no recursion: "my old old old ...
    sister" a thousand times over stays linear per start)."""
    if not steps:
        return [i]
    found: Dict[str, list] = {}
    _walk_trie(_build_tries({"": [("", steps, False)]})[""][1], [i], low, n, i, found)
    return [end for _, end in found.get("", [])]


def _build_tries(first: Dict[str, list]) -> Dict[str, tuple]:
    """token -> (kinds that end on it, children): the patterns opening on a token merged
    into a trie, so patterns that share their first steps ("my (best) sister", "my
    sister's name is", "my sister called", "my sister,") walk those steps once.

    A child is ``{(words, op): [kinds that end there, its children]}``."""
    tries: Dict[str, tuple] = {}
    for word, pats in first.items():
        ends: List[str] = []
        children: dict = {}
        for kind, steps, _fixed in pats:
            if not steps:
                if kind not in ends:
                    ends.append(kind)
                continue
            level = children
            node = None
            for step in steps:
                node = level.setdefault(step, [[], {}])
                level = node[1]
            if kind not in node[0]:
                node[0].append(kind)
        tries[word] = (tuple(ends), _freeze(children))
    return tries


def _freeze(children: dict) -> tuple:
    return tuple(
        (words, op, tuple(kinds), _freeze(sub)) for (words, op), (kinds, sub) in children.items()
    )


def _walk_trie(children: tuple, positions: List[int], low: List[str], n: int, i: int, found):
    """Each child step from ``positions`` (``?``: once or not; ``*``: any), recording (i, end) for the
    kinds that end there, then on into its children."""
    for words, op, kinds, sub in children:
        if op == "":
            if len(positions) == 1:
                p = positions[0]
                if p >= n or low[p] not in words:
                    continue
                reached = [p + 1]
            else:
                reached = [p + 1 for p in positions if p < n and low[p] in words]
                if not reached:
                    continue
        else:
            reached = []
            for p in positions:
                if op == "?":
                    reached.append(p)
                    if p < n and low[p] in words:
                        reached.append(p + 1)
                else:  # "*"
                    reached.append(p)
                    while p < n and low[p] in words:
                        p += 1
                        reached.append(p)
            if len(reached) > 1:
                reached = list(dict.fromkeys(reached))
        for kind in kinds:
            spans = found.get(kind)
            if spans is None:
                spans = found[kind] = []
            spans.extend((i, e) for e in reached)
        if sub:
            _walk_trie(sub, reached, low, n, i, found)


class TokenAnalysis:
    """Lists and matchers built once; ``view`` is a thread-safe read."""

    def __init__(self):
        from bot.nlu.spacy_pipeline import load

        shared = load()
        # Only the tokenizer and vocab of the shared pipeline are used; nothing is added
        # to it, so other users of ``load()`` see it unchanged.
        self.tokenizer = shared.tokenizer
        self.vocab = shared.vocab
        # spaCy's tokens without a spaCy Doc per message (the same tokens: ``_lightdoc``)
        self.light = LightTokenizer(shared.tokenizer)
        lexicon._probs()  # load the frequency table now, not on the first message
        self.names = lexicon.names()
        self.curated = lexicon.curated_names()
        self.places = lexicon.places()
        self._build_matchers()

    def view(self, text: str) -> TokenView:
        doc = self.light(text)
        tv = TokenView(doc, {})
        if tv.n:
            matches = self.trigger_matches(tv.low)
            # multi-word places: every one holds a space or a hyphen, so a message of
            # one-word tokens with no listed first word cannot match
            if not self._place_firsts.isdisjoint(tv.low):
                phrases = self.place_phrases(tv.low)
                if phrases:
                    matches["PLACE"] = phrases
            tv.matches = matches
        return tv

    def trigger_matches(self, low: List[str]) -> Dict[str, List[Tuple[int, int]]]:
        """The trigger phrases in a message's lower-case tokens: ``{kind: [(start, end)]}``.

        The same matches spaCy's ``Matcher`` gives for these patterns (every length an
        optional step allows, ordered by start then end within a kind), read in plain
        Python: a dict from a token to the patterns that can open on it, merged into a
        trie (``_build_tries``: the four "my ___ sister ..." patterns walk "my (old)
        sister" once), then a walk of the few steps left. spaCy's Matcher cost more than
        the rest of the token analysis together (``tests/privacy/test_trigger_matcher.py``
        checks both agree).
        """
        found: Dict[str, List[Tuple[int, int]]] = {}
        n = len(low)
        tries = self._tries
        for i in range(n):
            root = tries.get(low[i])
            if root is None:
                continue
            ends, children = root
            for kind in ends:
                spans = found.get(kind)
                if spans is None:
                    spans = found[kind] = []
                spans.append((i, i + 1))
            if children:
                _walk_trie(children, [i + 1], low, n, i, found)
        return {kind: sorted(set(spans)) for kind, spans in found.items()}

    def _build_matchers(self) -> None:
        self.patterns = trigger_patterns()
        self._first = _index_patterns(self.patterns)
        self._tries = _build_tries(self._first)
        pm = PhraseMatcher(self.vocab, attr="LOWER")
        multi = [p for p in self.places if " " in p or "-" in p]
        docs = [self.tokenizer(p) for p in multi]
        for i in range(0, len(docs), 2000):
            pm.add("PLACE", docs[i : i + 2000])
        self.phrases = pm  # the reference for ``place_phrases`` (and its tests)
        self._place_firsts = frozenset(
            d[0].lower_ for p, d in zip(multi, docs, strict=True) if p.strip() and d[0].lower_
        )
        # the same phrases as lower-case token tuples, by first token: the lengths to try
        phrases = {tuple(t.lower_ for t in d) for d in docs if len(d)}
        lengths: Dict[str, set] = {}
        for ph in phrases:
            lengths.setdefault(ph[0], set()).add(len(ph))
        self._phrase_set = frozenset(phrases)
        self._phrase_lengths = {w: tuple(sorted(ls)) for w, ls in lengths.items()}

    def place_phrases(self, low: List[str]) -> List[Tuple[int, int]]:
        """The multi-word places in a message's lower-case tokens, as ``(start, end)`` in
        the order spaCy's ``PhraseMatcher`` (``self.phrases``) gives them; read in plain
        Python so no spaCy ``Doc`` is needed."""
        out: List[Tuple[int, int]] = []
        lengths, phrases, n = self._phrase_lengths, self._phrase_set, len(low)
        for i in range(n):
            sizes = lengths.get(low[i])
            if sizes is None:
                continue
            for size in sizes:
                if i + size > n:
                    break
                if tuple(low[i : i + size]) in phrases:
                    out.append((i, i + size))
        return out

    def reference_matcher(self) -> Matcher:
        """spaCy's ``Matcher`` on the same patterns (``trigger_matches`` is checked against it)."""
        m = Matcher(self.vocab)
        for kind, pats in self.patterns.items():
            m.add(kind, pats)
        return m

    # -- helpers on tokens ----------------------------------------------------
    def _name_score(self, tok) -> str:
        """NAME_DISTINCT, NAME_WORDLIKE or '' (not a name we know)."""
        low = tok.lower_
        if low not in self.names or len(low) < 2:
            return ""
        return NAME_WORDLIKE if lexicon.is_wordlike(low) else NAME_DISTINCT

    def _bare_name(self, tok, sent_start: bool) -> bool:
        text = tok.text
        low = tok.lower_
        if (
            len(low) < 3
            or low not in self.names
            or low in lexicon.NEVER_BARE
            or not _is_alpha_word(text)
        ):
            return False
        if lexicon.is_wordlike(low):
            return False
        if _is_upper(text) or _is_cap(text):
            return (
                (not sent_start)
                or lexicon.case_margin(low) <= -lexicon.WORDLIKE_MARGIN
                or lexicon.logprob(low) < -13.5
            )
        # lower case: need a clear signal that people capitalise it (or that it is rare)
        lp = lexicon.logprob(low)
        return (
            lexicon.case_margin(low) <= -lexicon.LOWER_NAME_MARGIN and lp < -11.5
        ) or lp <= -17.0

    def _bare_place(self, tok) -> bool:
        low = tok.lower_
        if (
            len(low) < 3
            or low not in self.places
            or low in lexicon.NEVER_BARE
            or lexicon.is_wordlike(low)
        ):
            return False
        if _is_cap(tok.text):
            return True
        lp = lexicon.logprob(low)
        return (
            lexicon.case_margin(low) <= -lexicon.LOWER_NAME_MARGIN and lp < -11.5
        ) or lp <= -17.0

    def _subject_name(self, doc, i: int, sent_start) -> bool:
        """An unknown word opening a sentence and doing something: "quilu said", "Riri Kakosha is"."""
        if not (
            sent_start[i]
            or (
                i > 0
                and doc[i - 1].lower_
                in (
                    "honestly",
                    "ngl",
                    "tbh",
                    "and",
                    "but",
                    "cos",
                    "because",
                    "like",
                    "when",
                    "then",
                )
            )
        ):
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
        if (
            sent_start
            or len(text) < 3
            or not _is_cap(text)
            or _is_upper(text)
            or not _is_alpha_word(text)
        ):
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
        if (
            strength == Strength.WEAK
            and low in ("will", "may")
            and tok.i + 1 < len(tok.doc)
            and not tok.doc[tok.i + 1].is_punct
            and self._companion(tok)
        ):
            return True  # "went with will to the shops": no verb or month goes after "with" there
        if (
            strength == Strength.WEAK
            and low in self.curated
            and low in MONTH_NAMES | MODALS
            and tok.i >= 2
            and tok.doc[tok.i - 2].lower_ == "me"
            and tok.doc[tok.i - 1].lower_ in ("and", "n", "&")
            and tok.i + 1 < len(tok.doc)
            and tok.doc[tok.i + 1].lower_ in PAIR_ACTS
        ):
            return True  # "me and may are done", "me n april went": no modal goes after "me and"
        if low in lexicon.NEVER_BARE:
            # "my name is May": a month or weekday only as a name right where a name goes
            # ("my friend april is", "i told june about it": a listed first name where a
            # person's name goes, followed by what follows a person)
            if low in PRONOUNS or not (low in self.curated or _is_cap(text)):
                return False
            if strength != Strength.STRONG and not (
                strength in (Strength.KIN, Strength.COMM)
                and low in self.curated
                and low not in MODALS
                # "my little sister april turns 8": right after a relation, a month that
                # is a first name is the person
                and ((strength == Strength.KIN and low in MONTH_NAMES) or self._person_follows(tok))
            ):
                return False
            score = NAME_WORDLIKE
        if low in _STOP and strength not in (Strength.KIN, Strength.COMM):
            # "to", "the", "back": a name only if written like one and known as one
            pair = (
                strength == Strength.WEAK
                and low in self.curated
                and tok.i >= 2
                and tok.doc[tok.i - 2].lower_ == "me"
                and tok.i + 1 < len(tok.doc)
                and tok.doc[tok.i + 1].lower_ in PAIR_ACTS
            )  # "me and will broke up": two people doing something together
            if not (pair or (_is_cap(text) and low in self.curated and not tok.is_sent_start)):
                return False
        if strength == Strength.STRONG:  # "my name is", "call me", "mrs"
            if score == NAME_WORDLIKE and not _is_cap(text) and low not in self.curated:
                return self._person_follows(tok, ending_only=True)
            return bool(score) or _is_cap(text) or not lexicon.is_common_word(low)
        if strength == Strength.KIN:  # "my sister ___"
            if low in MODALS or (low in _STOP and score != NAME_DISTINCT):
                return (_is_cap(text) and not tok.is_sent_start) or (
                    low in self.curated and self._person_follows(tok)
                )
            if score == NAME_WORDLIKE:
                # "my dad mark", "my friend hope": a real first name after a singular relation
                plural = tok.i > 0 and tok.doc[tok.i - 1].lower_ in PLURAL_RELATIONS
                if plural or lexicon.logprob(low) > -9.5:  # very common words ("said"): need more
                    return (
                        (_is_cap(text) and not tok.is_sent_start)
                        or (self._person_follows(tok) and not _speech_opens(tok))
                        or (
                            not plural
                            and low in self.curated
                            and tok.i + 1 < len(tok.doc)
                            and tok.doc[tok.i + 1].lower_ in KIN_NAME_FOLLOW
                        )
                    )
                if plural:
                    return _is_cap(text) or self._person_follows(tok)
                return _is_cap(text) or low in self.curated or self._person_follows(tok)
            if score:
                return True
            return (_is_cap(text) and not lexicon.is_common_word(low)) or (
                not lexicon.is_common_word(low)
                and lexicon.logprob(low) < -14.5
                and not lexicon.is_inflected(low)
            )
        if strength == Strength.COMM:  # "talking to ___"
            if low in _STOP:  # "talking to will about it" yes, "no one to talk to" no
                return (
                    low in self.curated
                    and self._name_score(tok) != ""
                    and (
                        (_is_cap(text) and not tok.is_sent_start)
                        or (
                            tok.i + 1 < len(tok.doc)
                            and not tok.doc[tok.i + 1].is_punct
                            and self._person_follows(tok)
                        )
                    )
                )
            if score == NAME_DISTINCT:
                return True
            if score == NAME_WORDLIKE:
                if _is_cap(text) and not tok.is_sent_start:
                    return True
                if low not in self.curated:
                    return False
                at_end = tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].is_punct
                if at_end:  # "see ya", "speak soon": only a rarer word can end on a name
                    return lexicon.logprob(low) < -10.0
                if self._person_follows(tok):
                    return True
                # "i told mark everything", "asked grace to help": a verb whose object is a
                # person, then a bare singular word that is a listed first name
                verb = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
                nxt = tok.doc[tok.i + 1].lower_
                before_verb = tok.doc[tok.i - 2].lower_ if tok.i > 1 else ""
                return (
                    verb in PERSON_OBJECT_VERBS
                    and low not in MODALS
                    and nxt not in NOT_AFTER_NAME
                    and before_verb not in DETERMINERS
                    and before_verb not in POSSESSIVES
                )
            return (_is_cap(text) and not lexicon.is_common_word(low)) or _rare(low)
        if strength == Strength.IAM:  # "i'm ___"
            if score == NAME_DISTINCT:
                return not lexicon.is_common_word(low) or _is_cap(text)
            if score == NAME_WORDLIKE:  # "I'm Grace" yes, "i'm good", "hey buddy" no
                return _is_cap(text) and not tok.is_sent_start and low in self.curated
            if (
                _rare(low)
                and tok.i >= 2
                and tok.doc[0].lower_ in ("hi", "hey", "hello", "hiya", "heya", "yo")
            ):
                return True
            return _is_cap(text) and not lexicon.is_common_word(low) and lexicon.logprob(text) < -12
        if strength == Strength.WEAK:  # "me and ___", "with ___"
            if (
                score == NAME_WORDLIKE
                and low in self.curated
                and low not in MODALS
                and low not in lexicon.THEME_WORDS
                and low not in lexicon.NEVER_BARE
                and self._companion(tok)
            ):
                return True  # "went out with rose last night", "hanging with ash after school"
            if (
                score == NAME_WORDLIKE
                and low in self.curated
                and tok.i >= 2
                and tok.doc[tok.i - 2].lower_ == "me"
                and (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in PAIR_ACTS)
            ):
                return True  # "me and hope are done", "me and will went out"
            return score == NAME_DISTINCT or (
                score == NAME_WORDLIKE and _is_cap(text) and not tok.is_sent_start
            )
        return False

    def _companion(self, tok) -> bool:
        """ "went with rose to the cinema", "chilling with ash rn": "with" after a verb of going
        out or meeting, and after the word what follows a companion (where, when, the end),
        not what follows a thing ("decorated with rose petals", "covered with ash from")."""
        doc, i = tok.doc, tok.i
        if i < 2 or doc[i - 1].lower_ not in ("with", "w"):
            return False
        before = doc[i - 2].lower_
        if before not in GOING_WITH and not (
            before in ("out", "up", "round", "over", "about", "around")
            and i >= 3
            and doc[i - 3].lower_ in GOING_WITH
        ):
            return False
        if i + 1 >= len(doc):
            return True
        nxt = doc[i + 1].lower_
        return doc[i + 1].is_punct or nxt in AFTER_COMPANION

    def _person_follows(self, tok, ending_only: bool = False) -> bool:
        doc = tok.doc
        if tok.i + 1 >= len(doc):
            return True
        nxt = doc[tok.i + 1].lower_
        if ending_only:
            return nxt in {
                ",",
                ".",
                "!",
                "?",
                "and",
                "btw",
                "here",
                "lol",
                "x",
                "xx",
                "-",
                ":",
                ")",
                "from",
                "by",
            }
        return nxt in AFTER_PERSON or (doc[tok.i + 1].is_punct)

    def _extend_surname(self, doc, j: int, limit: int = 3) -> int:
        """From token j (exclusive end of a first name), swallow following surname tokens."""
        count = 0
        while j < len(doc) and count < limit:
            t = doc[j]
            if (
                t.text in ("-",)
                and j + 1 < len(doc)
                and _is_alpha_word(doc[j + 1].text)
                and not doc[j].whitespace_
            ):
                j += 2
                count += 1
                continue
            low = t.lower_
            if (
                low in SURNAME_PARTICLES
                and j + 1 < len(doc)
                and _is_alpha_word(doc[j + 1].text)
                and (
                    self._name_score(doc[j + 1])
                    or _is_cap(doc[j + 1].text)
                    or _rare(doc[j + 1].lower_)
                )
                and doc[j + 1].lower_ not in _STOP
            ):
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
            if (
                (score == NAME_DISTINCT)
                or (_is_cap(t.text) and not lexicon.is_common_word(low))
                or (_is_cap(t.text) and score)
            ):
                j += 1
                count += 1
                continue
            break
        return j

    def _org_forward(
        self, doc, j: int, add, claimed, include_from: Optional[int] = None, strong: bool = False
    ) -> None:
        """Tokens after "i work at", "i go to", "university of": a named place, not "the park"."""
        n = len(doc)
        if j >= n:
            return
        start = j
        if doc[j].lower_ in DETERMINERS:
            if (
                j + 1 < n
                and _is_cap(doc[j + 1].text)
                and not lexicon.is_common_word(doc[j + 1].lower_)
            ):
                start = j = j + 1
            else:
                return
        toks = []
        school_at = -1
        while j < n and j - start < 6:
            t = doc[j]
            low = t.lower_
            if (
                low in ("'s", "’s", "&", "st", "st.", "saint", "-")
                and j > start
                or low in ("st", "st.", "saint")
            ):
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
            if (
                not _is_alpha_word(t.text)
                or low in _STOP
                or low in lexicon.NEVER_BARE
                or low in GENERIC_WORKPLACES
            ):
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
            while (
                span
                and doc[span[-1]].lower_ not in ("'s", "’s")
                and lexicon.is_common_word(doc[span[-1]].lower_)
                and not _is_cap(doc[span[-1]].text)
                and not (strong and span[-1] == span[0])
            ):
                span.pop()
            while span and doc[span[-1]].lower_ in ("of", "&", "st", "-"):
                span.pop()
            if not span:
                return
            if not strong and len(span) == 1 and chain_alone(doc, span[0]):
                return  # "i was at tesco when it happened", "at a Tesco meal deal": any branch
            distinctive = any(self._distinctive(doc[k], strong and k == span[0]) for k in span)
            if not distinctive:
                return
        s0, e0 = span[0], span[-1] + 1
        if include_from is not None:
            s0 = include_from
        add(s0, e0, Label.ORG, Score.ORG_IN_CONTEXT)
        for k in range(s0, e0):
            claimed[k] = True

    def _distinctive(self, tok, lenient: bool) -> bool:
        """A word that names one particular place: a name, a rare word, a capitalised non-word."""
        low = tok.lower_
        if _run_together(low):
            return False
        if low in ("'s", "’s", "st", "st.", "saint", "of", "&", "-") or not _is_alpha_word(
            tok.text
        ):
            return False
        if _is_cap(tok.text) and (
            not lexicon.is_common_word(low) or lexicon.case_margin(low) < -1.0
        ):
            return True
        if (low in self.names or low in self.places) and not lexicon.is_wordlike(low):
            return True
        if lexicon.logprob(low) < -14.0:
            return True
        # right after "i work at": any word that is not a generic workplace ("tesco", "starbucks")
        return (
            lenient
            and low not in GENERIC_WORKPLACES
            and lexicon.logprob(low) < -12.0
            and not lexicon.is_inflected(low)
        )

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
            if (
                low in ("'s", "’s", "st", "st.", "saint", "-", "&")
                or low in SCHOOL_WORDS
                or low in SCHOOL_MODIFIERS
            ):
                j -= 1
                continue
            if (
                not _is_alpha_word(t.text)
                or low in _STOP
                or low in lexicon.NEVER_BARE
                or low in RELATIONS
            ):
                break
            if (
                _is_cap(t.text)
                or low in self.names
                or low in self.places
                or not lexicon.is_common_word(low)
            ):
                if _is_cap(t.text) and not lexicon.is_common_word(low):
                    distinctive = True
                elif (low in self.names or low in self.places) and not lexicon.is_wordlike(low):
                    distinctive = True
                elif not lexicon.is_common_word(low) and lexicon.logprob(low) < -13.5:
                    distinctive = True
                elif _is_cap(t.text):
                    distinctive = distinctive or low not in (
                        "catholic",
                        "church",
                        "community",
                        "local",
                        "state",
                        "public",
                        "private",
                        "boys",
                        "girls",
                    )
                j -= 1
                continue
            break
        while j < i and doc[j].lower_ in ("'s", "’s", "-", "&"):
            j += 1
        if distinctive and j < i:
            add(j, end, Label.ORG, Score.ORG_BEFORE_KIND)
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
            if (
                j == start
                and low in PLACE_MODIFIERS
                and _is_cap(t.text)
                and j + 1 < n
                and _is_cap(doc[j + 1].text)
                and _is_alpha_word(doc[j + 1].text)
            ):
                j += 1  # "Much Wenlock", "Market Harborough": a modifier that is a stop word
                continue
            if (
                not _is_alpha_word(t.text)
                or low in _STOP
                or low in lexicon.NEVER_BARE
                or low in GENERIC_AFTER_FROM
            ):
                break
            if (
                low in PLACE_MODIFIERS
                and j + 1 < n
                and _is_alpha_word(doc[j + 1].text)
                and doc[j + 1].lower_ not in _STOP
                and (
                    _is_cap(doc[j + 1].text)
                    or _rare(doc[j + 1].lower_)
                    or doc[j + 1].lower_ in self.places
                )
                and j - start < 2
            ):
                j += 1
                continue
            known = low in self.places and not lexicon.is_wordlike(low)
            cap_rare = _is_cap(t.text) and not lexicon.is_common_word(low)
            if known or (
                cap_rare
                and (strong or trigger in ("from", "near", "in", "visiting", "outside", "around"))
            ):
                j += 1
                continue
            if strong and not lexicon.is_common_word(low) and lexicon.logprob(low) < -14.0:
                j += 1
                continue
            if j > start and (_is_cap(t.text) or low in self.places):
                j += 1
                continue
            break
        if j - start == 1 and not strong and chain_alone(doc, start):
            return  # "went to Greggs", "outside Tesco": a branch in every town
        if j > start:
            # "from Tom" is a name, not a place
            if (
                j - start == 1
                and doc[start].lower_ in self.names
                and doc[start].lower_ not in self.places
            ):
                if trigger in ("from", "to", "near", "around") and not strong:
                    add(start, j, Label.NAME, Score.NAME_AFTER_PLACE_WORD)
                    claimed[start] = True
                    return
            add(
                start,
                j,
                Label.LOCATION,
                Score.LOCATION_IN_CONTEXT if strong else Score.LOCATION_WEAK_CONTEXT,
            )
            for k in range(start, j):
                claimed[k] = True


def _prev_is_loc_prep(doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ in (
        "in",
        "from",
        "to",
        "near",
        "at",
        "around",
        "outside",
        "visiting",
    )
