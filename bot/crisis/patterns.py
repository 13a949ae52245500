"""The crisis lexicon's pattern compiler and matcher: the small pattern language of
data/crisis/lexicon_*.yml compiled to spaCy Matcher branches, bucketed by a rare anchor word so
that a message only meets the patterns that could match it (used by bot/crisis/lexicon.py).
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from bot.crisis.normaliser import _strip_marks

logger = logging.getLogger(__name__)


@dataclass
class _PatternInfo:
    category: str
    language: str
    source: str
    clause_end: Any  # False, True (`$`: the thought ends) or "text" (`$$`: the message ends)


class _TooMany(Exception):
    """Exact expansion of a pattern would be too large; compile it factored instead."""


class PatternCompiler:
    """Turns the lexicon's little pattern language into spaCy Matcher patterns.

    Groups are separated by spaces. ``a|b`` alternatives (LOWER), ``~a`` a lemma,
    ``(a b|c d)`` alternatives of several words, ``[x|y z]`` optional, ``@macro`` a
    named list of phrases, ``*`` any one optional token, ``$`` (last) the thought ends
    here (punctuation, end of text or a small set of fillers).
    """

    # Above this many exact branches a pattern is compiled "factored": alternatives of equal
    # length merged position by position ("(i have|i've got)" stays two branches, but
    # "(kill herself|hurt himself)" becomes one: kill|hurt herself|himself). That keeps the
    # Matcher small and fast, but the merged branches also match mixtures of sibling phrases
    # ("(stop breathing|join my)" reads "stop my"). So a factored pattern comes with its exact
    # meaning as a regular expression over a span's tokens (``exact_regex``), and the matcher
    # keeps only the candidate spans that it accepts (``AnchoredMatcher``): the Matcher finds,
    # the regex decides. A full expansion would be up to 600,000 branches for one pattern.
    EXACT_BUDGET = 8

    def __init__(self, nlp: Language, macros: Dict[str, List[str]], exact: bool = False):
        self.nlp = nlp
        self.macros = macros
        self.factor = False
        # Exclusions are compiled exactly: over-generating an exclusion would hide a
        # real crisis ("hit me with" must not become "beats me with").
        self.exact = exact
        self._words: Dict[str, Tuple[str, ...]] = {}

    def words(self, text: str) -> List[str]:
        # Memoised: macros are expanded wherever they are used, so the same phrases come
        # back tens of thousands of times while the lexicon is built (half its compile time).
        toks = self._words.get(text)
        if toks is None:
            toks = self._words[text] = tuple(
                t.text for t in self.nlp.tokenizer(_strip_marks(text.lower()))
            )
        return list(toks)

    def compile(self, pattern: str) -> Tuple[List[List[Dict[str, Any]]], Any, Optional[str]]:
        """Branches, the end condition (False, True for `$`, "text" for `$$`) and, for a
        pattern compiled factored, the regex of its exact meaning (``exact_regex``; None when
        the branches are exact)."""
        pattern = pattern.strip()
        clause_end = _clause_end(pattern)
        pattern = pattern.rstrip("$").strip()
        check = None
        try:
            self.factor = False
            branches = self._expand(pattern, depth=0)
        except _TooMany:
            self.factor = True
            branches = self._expand(pattern, depth=0)
            check = self.exact_regex(pattern)
        finally:
            self.factor = False
        branches = _dedupe([b for b in branches if any(t.get("OP") != "?" for t in b)])
        if not branches:
            raise ValueError(f"pattern matches nothing: {pattern!r}")
        if len(branches) > 5000:
            raise ValueError(f"pattern expands to {len(branches)} branches: {pattern!r}")
        return branches, clause_end, check

    def exact_regex(self, pattern: str) -> str:
        """The exact meaning of ``pattern`` (without its `$`) as a regular expression that
        must match the whole of ``token_text(span)``: what the exact expansion's branches
        match, without expanding the product. Mirrors ``_expand``/``_group`` group by group;
        like ``compile``, a branch made only of optional single tokens matches nothing."""
        required, _ = self._exact_seq(pattern.strip().rstrip("$").strip(), depth=0)
        if required is None:
            raise ValueError(f"pattern matches nothing: {pattern!r}")
        return required

    # Each sub-pattern's meaning is a pair (required, optional) of regexes: the paths through
    # it that hold at least one required token, and those made only of optional single tokens
    # (None where there are no such paths). A branch is kept only with a required token.
    def _exact_seq(self, pattern: str, depth: int) -> Tuple[Optional[str], Optional[str]]:
        if depth > 6:
            raise ValueError(f"pattern nests too deeply: {pattern!r}")
        groups = [self._exact_group(g, depth) for g in self._split(pattern, None)]
        alternatives, prefix = [], []
        for i, (required, optional) in enumerate(groups):
            if required is not None:
                rest = [_alternation([r, o]) for r, o in groups[i + 1 :]]
                alternatives.append(_concat(prefix + [required] + rest))
            if optional is None:
                break
            prefix.append(optional)
        else:
            return _alternation(alternatives), _concat(prefix)
        return _alternation(alternatives), None

    def _exact_group(self, group: str, depth: int) -> Tuple[Optional[str], Optional[str]]:
        optional, parts = self._alternatives(group)
        if parts is None:
            return None, _ANY_OPT
        required: List[Optional[str]] = []
        optionals: List[Optional[str]] = []
        lemmas: List[str] = []
        lowers: List[str] = []
        for kind, value in parts:
            if kind == "lemma":
                lemmas.append(value)
            elif kind == "lower":
                lowers.append(value)
            elif kind == "words":
                required.append("".join(_token_regex("LOWER", [t]) for t in value))
            else:
                for phrase in value:
                    r, o = self._exact_seq(phrase, depth + 1)
                    required.append(r)
                    optionals.append(o)
        singles = []
        if lowers:
            singles.append(_token_regex("LOWER", lowers))
        if lemmas:
            singles.append(_token_regex("LEMMA", lemmas))
        if optional and not required and len(singles) == 1:
            return None, f"(?:{singles[0]})?"
        required.extend(singles)
        if optional:
            optionals.append("")
        return _alternation(required), _alternation(optionals)

    @staticmethod
    def _split(text: str, sep: str) -> List[str]:
        """Split at `sep` outside brackets (`sep` None = whitespace)."""
        parts, depth, cur = [], 0, []
        for ch in text:
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
                if depth < 0:
                    raise ValueError(f"unbalanced brackets in {text!r}")
            if depth == 0 and ((sep is None and ch.isspace()) or ch == sep):
                parts.append("".join(cur))
                cur = []
            else:
                cur.append(ch)
        if depth != 0:
            raise ValueError(f"unbalanced brackets in {text!r}")
        parts.append("".join(cur))
        return [p for p in parts if p != ""] if sep is None else parts

    def _expand(self, pattern: str, depth: int) -> List[List[Dict[str, Any]]]:
        if depth > 6:
            raise ValueError(f"pattern nests too deeply: {pattern!r}")
        groups = [self._group(g, depth) for g in self._split(pattern, None)]
        total = 1
        for g in groups:
            total *= len(g)
        if not self.factor and not self.exact and total > self.EXACT_BUDGET:
            raise _TooMany()
        return [list(itertools.chain.from_iterable(combo)) for combo in itertools.product(*groups)]

    def _alternatives(self, group: str) -> Tuple[bool, Optional[List[Tuple[str, Any]]]]:
        """A group's brackets and alternatives, read once for both compilers (the Matcher's
        branches and the exact regex): (optional, None) for `*`, else (optional, parts), each
        part ("lemma", word), ("lower", word), ("words", [word, ...]) or ("phrases", [pattern,
        ...]) for a macro's phrases or one alternative that is itself a pattern."""
        optional = False
        if group.startswith("[") and group.endswith("]"):
            optional, group = True, group[1:-1]
        elif group.startswith("(") and group.endswith(")"):
            group = group[1:-1]
        if group == "*":
            return optional, None
        parts: List[Tuple[str, Any]] = []
        for alt in self._split(group, "|"):
            alt = alt.strip()
            if not alt:
                raise ValueError(f"empty alternative in {group!r}")
            simple = not any(c in alt for c in " ()[]") and alt != "*" and not alt.startswith("@")
            if simple and alt.startswith("~"):
                parts.append(("lemma", alt[1:]))
            elif simple:
                toks = self.words(alt)
                parts.append(("lower", toks[0]) if len(toks) == 1 else ("words", toks))
            elif alt.startswith("@") and " " not in alt:
                name = alt[1:]
                if name not in self.macros:
                    raise ValueError(f"unknown macro @{name}")
                parts.append(("phrases", self.macros[name]))
            else:
                parts.append(("phrases", [alt]))
        return optional, parts

    def _group(self, group: str, depth: int) -> List[List[Dict[str, Any]]]:
        optional, parts = self._alternatives(group)
        if parts is None:
            return [[{"OP": "?"}]]
        alternatives: List[List[Dict[str, Any]]] = []
        lemmas: List[str] = []
        lowers: List[str] = []
        for kind, value in parts:
            if kind == "lemma":
                lemmas.append(value)
            elif kind == "lower":
                lowers.append(value)
            elif kind == "words":
                alternatives.append([{"LOWER": t} for t in value])
            else:
                for phrase in value:
                    alternatives.extend(self._expand(phrase, depth + 1))
        singles = []
        if lowers:
            singles.append({"LOWER": {"IN": sorted(set(lowers))}})
        if lemmas:
            singles.append({"LEMMA": {"IN": sorted(set(lemmas))}})
        if optional and not alternatives and len(singles) == 1:
            return [[dict(singles[0], OP="?")]]
        alternatives.extend([s] for s in singles)
        if self.factor:
            alternatives = _merge_by_length(alternatives)
        if optional:
            alternatives.append([])
        return alternatives


def _clause_end(pattern: str) -> Any:
    """False, True (`$`: the thought ends) or "text" (`$$`: the message ends)."""
    if pattern.endswith("$$"):
        return "text"
    return pattern.endswith("$")


# How ``exact_regex`` sees a span: each token as its lower form and its lemma, "lower\x1flemma\x1e"
# (control characters in a token are blanked so that they cannot fake a boundary).
_SEP, _END = "\x1f", "\x1e"
_BLANK = str.maketrans({_SEP: "\x00", _END: "\x00"})
_ANY = f"[^{_END}]*{_END}"
_ANY_OPT = f"(?:{_ANY})?"


def token_text(tokens: Any) -> str:
    """The string ``exact_regex`` patterns match: a span (or list of tokens), token by token."""
    return "".join(
        f"{t.lower_.translate(_BLANK)}{_SEP}{t.lemma_.translate(_BLANK)}{_END}" for t in tokens
    )


def _token_regex(attr: str, words: List[str]) -> str:
    """One token whose LOWER (or LEMMA) is one of ``words``."""
    words = sorted(set(words))
    one = re.escape(words[0]) if len(words) == 1 else f"(?:{'|'.join(map(re.escape, words))})"
    if attr == "LOWER":
        return f"{one}{_SEP}[^{_END}]*{_END}"
    return f"[^{_SEP}{_END}]*{_SEP}{one}{_END}"


def _alternation(parts: List[Optional[str]]) -> Optional[str]:
    """Any one of ``parts`` (None: no path; "": the empty path); None when there is none."""
    found = list(dict.fromkeys(p for p in parts if p is not None))
    if not found:
        return None
    empty = "" in found
    found = [p for p in found if p]
    if not found:
        return ""
    inner = found[0] if len(found) == 1 else f"(?:{'|'.join(found)})"
    return f"(?:{inner})?" if empty else inner


def _concat(parts: List[str]) -> str:
    """``parts`` one after another; a run of k optional any-tokens (`* * *`) becomes one
    bounded repeat, which the regex engine tries in linear rather than combinatorial time."""
    out, run = [], 0
    for part in parts + [None]:
        if part == _ANY_OPT:
            run += 1
            continue
        if run:
            out.append(_ANY_OPT if run == 1 else f"(?:{_ANY}){{0,{run}}}")
            run = 0
        if part:
            out.append(part)
    return "".join(out)


def _spec_values(spec: Dict[str, Any]) -> Optional[Tuple[str, List[str]]]:
    """('LOWER', [...]) for a plain literal/IN spec, None for anything else."""
    if "OP" in spec or len(spec) != 1:
        return None
    attr, value = next(iter(spec.items()))
    if isinstance(value, str):
        return attr, [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return attr, list(value["IN"])
    return None


def _merge_by_length(alternatives: List[List[Dict[str, Any]]]) -> List[List[Dict[str, Any]]]:
    """Merge same-length, same-attribute alternatives into one branch of IN sets."""
    merged: Dict[Tuple, List[List[str]]] = {}
    out: List[List[Dict[str, Any]]] = []
    for alt in alternatives:
        values = [_spec_values(t) for t in alt]
        if not alt or any(v is None for v in values):
            out.append(alt)
            continue
        key = tuple(v[0] for v in values)
        slot = merged.setdefault(key, [[] for _ in values])
        for pos, (_, vals) in enumerate(values):
            slot[pos].extend(vals)
    for key, slots in merged.items():
        out.append(
            [{attr: {"IN": sorted(set(vals))}} for attr, vals in zip(key, slots, strict=False)]
        )
    return out


def _dedupe(branches: List[List[Dict[str, Any]]]) -> List[List[Dict[str, Any]]]:
    seen, out = set(), []
    for b in branches:
        key = repr(b)
        if key not in seen:
            seen.add(key)
            out.append(b)
    return out


# How common a word is in chat, to choose anchors (see AnchoredMatcher): the anchor of a
# pattern branch is its required token whose words are, together, least common.
_VERY_COMMON = {
    "i",
    "me",
    "my",
    "you",
    "your",
    "he",
    "she",
    "they",
    "them",
    "him",
    "her",
    "it",
    "we",
    "us",
    "a",
    "an",
    "the",
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "and",
    "but",
    "or",
    "so",
    "is",
    "am",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "'m",
    "'s",
    "'re",
    "'ve",
    "'d",
    "'ll",
    "do",
    "does",
    "did",
    "n't",
    "not",
    "no",
    "have",
    "has",
    "had",
    "just",
    "this",
    "that",
    "all",
    "if",
    "when",
    "will",
    "would",
    "can",
    "ca",
    "could",
    "like",
    "what",
    "how",
    "there",
    "de",
    "que",
    "la",
    "el",
    "mi",
    "y",
    "en",
    "lo",
    "por",
    "con",
    "se",
    "because",
    "from",
    "about",
    "up",
    "out",
    "wo",
    "im",
}
_COMMON = {
    "really",
    "want",
    "going",
    "go",
    "get",
    "got",
    "know",
    "think",
    "one",
    "some",
    "too",
    "very",
    "now",
    "again",
    "more",
    "much",
    "many",
    "make",
    "made",
    "take",
    "took",
    "keep",
    "keeps",
    "say",
    "said",
    "says",
    "tell",
    "told",
    "need",
    "wish",
    "wanna",
    "gonna",
    "let",
    "never",
    "anymore",
    "only",
    "even",
    "still",
    "everyone",
    "people",
    "friend",
    "home",
    "life",
    "time",
    "day",
    "last",
    "good",
    "bad",
    "well",
    "back",
    "way",
    "thing",
    "things",
    "something",
    "nothing",
    "feel",
    "after",
    "since",
    "down",
    "here",
    "over",
    "right",
    "today",
    "tonight",
    "then",
    "than",
    "off",
    "into",
    "any",
    "anything",
}


def _commonness(word: str) -> int:
    if word in _VERY_COMMON:
        return 1000
    if word in _COMMON:
        return 30
    return 1


# What the compiler writes into a token spec, and so all a branch may hold (checked when a branch
# is filed, because its bucket's spaCy Matcher is only built when a message first needs it).
_SPEC_ATTRS = frozenset({"LOWER", "LEMMA"})
_SPEC_OPS = frozenset({"?", "*", "+", "!"})


def _check_branch(branch: List[Dict[str, Any]], specs_checked: bool = False) -> None:
    """Raise ValueError unless every token spec is one the compiler makes (LOWER or LEMMA, a
    string or {"IN": [strings]}, optionally with an OP): what spaCy's Matcher.add accepts.
    ``specs_checked``: each spec has passed ``check_spec`` already (the lexicon's cache holds
    each distinct spec once, and checks it once); the branch itself must still be a non-empty
    list."""
    if not isinstance(branch, list) or not branch:
        raise ValueError("empty pattern branch")
    if not specs_checked:
        for spec in branch:
            check_spec(spec)


def check_spec(spec: Any) -> None:
    """Raise ValueError unless ``spec`` is a token spec the compiler makes (``_check_branch``)."""
    if not isinstance(spec, dict) or not spec:
        raise ValueError(f"bad token spec {spec!r}")
    for attr, value in spec.items():
        if attr == "OP":
            ok = value in _SPEC_OPS
        elif attr in _SPEC_ATTRS:
            ok = isinstance(value, str) or (
                isinstance(value, dict)
                and set(value) == {"IN"}
                and isinstance(value["IN"], list)
                and set(map(type, value["IN"])) <= {str}
            )
        else:
            ok = False
        if not ok:
            raise ValueError(f"bad token spec {spec!r}")


class _LazyBuckets(Mapping):
    """The anchor buckets: anchor -> spaCy Matcher, each Matcher built on first use.

    Building all 1,700 Matchers of the lexicon (``Matcher.add`` for 15,000 branches) took about
    two thirds of its 5 CPU-seconds of start-up in every process (each Rasa server, action
    server, test worker, command line); a message needs the few buckets of its own words. The
    branches are checked when filed (``_check_branch``), so a bad pattern still fails at start-up,
    not on a message. A bucket holds the same branches in the same order as when it was built
    eagerly, so the matches are the same. ``build_all()`` builds every bucket now.
    """

    def __init__(self, vocab: Any):
        self.vocab = vocab
        self._pending: Dict[Tuple[str, str], List[Tuple[str, List[List[Dict[str, Any]]]]]] = {}
        self._built: Dict[Tuple[str, str], Matcher] = {}
        self._lock = threading.Lock()

    def file(
        self,
        bucket_key: Tuple[str, str],
        key: str,
        branches: List[List[Dict]],
        checked: bool = False,
    ) -> None:
        """File ``branches`` under ``key`` in a bucket; ``checked``: the caller has run
        ``_check_branch`` on them (AnchoredMatcher.add checks each branch before pinning it)."""
        if not checked:
            for branch in branches:
                _check_branch(branch)
        with self._lock:
            self._pending.setdefault(bucket_key, []).append((key, branches))
            built = self._built.get(bucket_key)
            if built is not None:
                built.add(key, branches)

    def __getitem__(self, bucket_key: Tuple[str, str]) -> Matcher:
        matcher = self._built.get(bucket_key)
        if matcher is not None:
            return matcher
        with self._lock:
            matcher = self._built.get(bucket_key)
            if matcher is None:
                entries = self._pending[bucket_key]  # KeyError for an unknown anchor
                matcher = Matcher(self.vocab, validate=False)
                for key, branches in entries:
                    matcher.add(key, branches)
                self._built[bucket_key] = matcher
        return matcher

    def __contains__(self, bucket_key: object) -> bool:
        return bucket_key in self._pending

    def __iter__(self) -> Iterator[Tuple[str, str]]:
        return iter(list(self._pending))

    def __len__(self) -> int:
        return len(self._pending)

    @property
    def built(self) -> int:
        """How many buckets have a Matcher so far."""
        return len(self._built)

    def build_all(self) -> None:
        for bucket_key in self:
            self[bucket_key]


class AnchoredMatcher:
    """spaCy Matchers bucketed by anchor word, so a message only meets the patterns it
    could possibly match.

    spaCy's Matcher tries every pattern at every token, and ``IN`` sets are checked in
    Python: thousands of pattern branches cost milliseconds per message. Each branch
    has a required token whose words are rare (its anchor). The branch is filed once
    per anchor word, with the anchor token pinned to that word, and a message runs only
    the buckets of the words it contains. The matches are exactly those of one big
    Matcher over all branches. A bucket's Matcher is built when a message first needs it
    (``_LazyBuckets``). A key added with a ``check`` (a factored pattern's exact regex,
    ``PatternCompiler.exact_regex``) keeps only the spans that the regex accepts.
    """

    # Docs longer than this run each bucket only on windows around its anchor tokens
    # (a match containing the anchor cannot reach further than the longest branch).
    window_min_tokens = 64

    def __init__(self, vocab: Any):
        self.vocab = vocab
        self.buckets = _LazyBuckets(vocab)
        self.size = 0
        self.max_len = 1
        # match id -> the exact regex of a factored pattern (``check`` of ``add``), compiled
        # when a candidate first needs it: compiling all 600 (half a megabyte of regex) costs
        # seconds of start-up in every process, and a message meets a handful.
        self.checks: Dict[int, str] = {}
        self._compiled_checks: Dict[int, Optional[re.Pattern]] = {}

    def add(
        self,
        key: str,
        branches: List[List[Dict[str, Any]]],
        specs_checked: bool = False,
        check: Optional[str] = None,
    ) -> None:
        """File each branch under its anchor words (class docstring); ``specs_checked`` as in
        ``_check_branch``; ``check``: the regex a span's ``token_text`` must match in full."""
        if check is not None:
            if not isinstance(check, str):
                raise ValueError(f"bad check for {key}")
            self.checks[self.vocab.strings.add(key)] = check
        per_bucket: Dict[Tuple[str, str], List[List[Dict[str, Any]]]] = {}
        for branch in branches:
            # Checked once here rather than once per anchor word in its bucket: a pinned copy
            # differs only by its anchor, {LOWER or LEMMA: a string}, which is always valid.
            _check_branch(branch, specs_checked)
            self.max_len = max(self.max_len, len(branch))
            pos, attr, words = _anchor(branch)
            for word in words:
                # The other token specs are shared, not copied: spaCy's Matcher only reads them.
                pinned = list(branch)
                pinned[pos] = {attr: word}
                per_bucket.setdefault((attr, word), []).append(pinned)
        for bucket_key, pinned_branches in per_bucket.items():
            self.buckets.file(bucket_key, key, pinned_branches, checked=True)
            self.size += len(pinned_branches)

    def __call__(self, doc: Doc) -> List[Tuple[int, int, int]]:
        """(match id, start, end) of every span a pattern matches, by position."""
        out = self.candidates(doc)
        if self.checks and out:
            out = self._exact(doc, out)
        return sorted(out, key=lambda m: (m[1], m[2]))

    def candidates(self, doc: Doc) -> set:
        """What the Matchers find, before the checks of factored patterns."""
        positions: Dict[Tuple[str, str], List[int]] = {}
        buckets = self.buckets
        for i, token in enumerate(doc):
            for key in (("LOWER", token.lower_), ("LEMMA", token.lemma_)):
                if key in buckets:
                    positions.setdefault(key, []).append(i)
        out = set()
        n = len(doc)
        for key, where in positions.items():
            bucket = buckets[key]
            if n <= self.window_min_tokens:
                out.update(bucket(doc))
                continue
            for start, end in _windows(where, self.max_len, n):
                out.update((m, a + start, b + start) for m, a, b in bucket(doc[start:end]))
        return out

    def _exact(self, doc: Doc, found: set) -> set:
        """The candidate spans of factored patterns that their exact regex accepts."""
        texts: List[str] = []
        kept = set()
        for match in found:
            check = self._check(match[0]) if match[0] in self.checks else None
            if check is not None:
                if not texts:
                    texts = [token_text((t,)) for t in doc]
                if not check.fullmatch("".join(texts[match[1] : match[2]])):
                    continue
            kept.add(match)
        return kept

    def _check(self, match_id: int) -> Optional[re.Pattern]:
        """The compiled check; None (keep the Matcher's candidates: a false alarm rather than a
        missed crisis) for a regex that does not compile, which tests/crisis rules out for the
        project's lexicon."""
        try:
            return self._compiled_checks[match_id]
        except KeyError:
            pass
        try:
            compiled: Optional[re.Pattern] = re.compile(self.checks[match_id])
        except re.error:
            logger.error("crisis lexicon: a pattern's exact check does not compile; unchecked")
            compiled = None
        self._compiled_checks[match_id] = compiled
        return compiled


def _windows(positions: List[int], reach: int, length: int) -> List[Tuple[int, int]]:
    """Merged [start, end) token windows of +-reach around each position."""
    merged: List[List[int]] = []
    for p in positions:
        start, end = max(0, p - reach), min(length, p + reach + 1)
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _anchor(branch: List[Dict[str, Any]]) -> Tuple[int, str, List[str]]:
    """The required token of a branch whose words are rarest: (position, attr, words)."""
    best, best_score = None, None
    for pos, spec in enumerate(branch):
        if spec.get("OP") in ("?", "*"):
            continue
        values = _spec_values(spec)
        if values is None:
            continue
        attr, words = values
        score = (sum(_commonness(w) for w in words), len(words))
        if best_score is None or score < best_score:
            best, best_score = (pos, attr, sorted(set(words))), score
    if best is None:
        raise ValueError(f"pattern branch has no required literal token: {branch}")
    return best
