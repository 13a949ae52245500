"""Crisis lexicon: normalise a message and match it against reviewed crisis patterns.

Pure spaCy (no Rasa import), so the Rasa component, the anonymiser, the review app
and the evaluation scripts all share one matcher. The patterns live as data in
``data/crisis/lexicon_*.yml`` and idioms that must not trigger in
``data/crisis/exclusions.yml``; see the header of ``lexicon_en.yml`` for the small
pattern language. Matchers are built once per process (``get_lexicon()``).

Why the normalisation: people in distress type fast, on phones, in capitals, with
repeated or spaced letters, without apostrophes, or in algospeak to get past
filters. Everything is folded to one lowercase ASCII-ish form before matching so
that a pattern written once covers all of those.
"""
from __future__ import annotations

import functools
import itertools
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import yaml
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data" / "crisis"

# Most urgent first: when several categories match, the first one here is reported.
CATEGORIES: Tuple[str, ...] = (
    "overdose",
    "suicidal",
    "self_harm",
    "harm_to_others",
    "sexual_violence",
    "abuse",
    "third_party_risk",
)

# Long messages are scanned in overlapping windows so that a phrase at the very end
# is seen, with bounded memory per window. Texts beyond MAX_SCAN characters (far
# beyond any chat message) are scanned at the head and the tail only.
CHUNK_CHARS = 4000
CHUNK_OVERLAP = 400
MAX_SCAN = 1_000_000

NEGATION_CUES = {"not", "n't", "never", "no", "nunca", "jamas", "nt", "neither", "nor"}
# Words that end the reach of a negation cue ("i don't know why i want to die").
NEGATION_BLOCKERS = {
    "know", "knows", "knew", "sure", "if", "whether", "why", "how", "care", "cares",
    "stop", "help", "wait", "remember", "tell", "told", "believe", "pretend", "hide",
    "say", "notice", "noticed", "understand", "understands", "see", "sees", "think",
    "mind", "matter", "anymore", "but", "and", "because", "cause", "cuz", "so", "one",
    "body", "nobody", "else", "wish", "deny", "lie", "sabe", "se", "porque", "pero",
    "y", "entiende", "importa",
}
NEGATION_WINDOW = 4
# Tokens that may follow a pattern marked with a trailing `$` (end of the thought).
CLAUSE_END_FOLLOWERS = {
    "and", "but", "so", "i", "im", "tonight", "today", "now", "soon", "forever",
    "already", "anymore", "any", "please", "tbh", "honestly", "rn", "lol", "because",
    "cause", "cuz", "like", "idk", "ok", "okay", "just", "really", "either", "then",
    "though", "tho", "right", "anyway", "ever", "again", "this", "y", "ya", "tomorrow",
    "hoy", "esta", "pero", "porque", "nunca", "mas", "no", "all", "man", "manana",
    "bro", "guys", "x", "xx", "lmao", "haha", "mate", "ngl", "fr", "online",
}

# Tokens that may follow a pattern marked `$$` (the message ends here).
TEXT_END_FOLLOWERS = {"x", "xx", "xxx", "now", "rn", "tonight", "then", "i", "guess", "think",
                      "sorry", "bye", "goodbye", "ok", "okay", "honestly", "tbh", "ngl", "fr"}

_APOSTROPHES = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u00b4": "'",
    "`": "'", "\u2032": "'", "\uff07": "'", "\u201c": '"', "\u201d": '"',
    "\u00bf": " ", "\u00a1": " ",
    # invisible characters used to slip words past filters ("k\u200bill")
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u00ad": None, "\u180e": None,
})

# Missing apostrophes and chat contractions, whole words only. "ill", "well",
# "were", "shed", "hell" are real words and left alone on purpose.
_CONTRACTIONS = {
    "im": "i'm", "ive": "i've", "id": "i'd", "dont": "don't", "cant": "can't",
    "wont": "won't", "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't",
    "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "couldnt": "couldn't",
    "wouldnt": "wouldn't", "shouldnt": "shouldn't", "havent": "haven't",
    "hasnt": "hasn't", "hadnt": "hadn't", "youre": "you're", "theyre": "they're",
    "thats": "that's", "whats": "what's", "theres": "there's", "shes": "she's",
    "hes": "he's", "ain't": "am not", "aint": "am not", "wanna": "want to",
    "wana": "want to", "gonna": "going to", "gona": "going to", "gunna": "going to",
    "finna": "going to", "gotta": "got to", "tryna": "trying to", "imma": "i'm going to",
    "ima": "i'm going to", "i'ma": "i'm going to", "u": "you", "ur": "your", "r": "are",
    "y'all": "you all", "cuz": "because", "coz": "because", "bc": "because",
    "everyones": "everyone's", "nobodys": "nobody's", "noones": "no one's",
    "noone": "no one", "no1": "no one", "nobody'd": "nobody would",
    "noone'd": "no one would", "everyone'd": "everyone would", "everybody'd": "everybody would", "nothin": "nothing", "somethin": "something", "tmrw": "tomorrow",
    "tmr": "tomorrow", "tmrrw": "tomorrow", "2moro": "tomorrow", "2day": "today",
    "2nite": "tonight", "tonite": "tonight", "pls": "please", "plz": "please",
    "ppl": "people", "bf": "boyfriend", "gf": "girlfriend", "w/o": "without",
    "myslef": "myself", "mysef": "myself", "mysefl": "myself", "meself": "myself",
}

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                       "@": "a", "$": "s", "!": "i", "|": "l", "+": "t"})
_WORDISH = re.compile(r"[a-z0-9@$!|+]+(?:'[a-z]+)?")
_HAS_LETTER = re.compile(r"[a-z]")
_LEET_CHAR = re.compile(r"[0-9@$|+]|(?<=[a-z])!(?=[a-z])")
_RUN3 = re.compile(r"([a-z])\1{2,}")
_SPACED = re.compile(r"(?<![^\s.,!?])(?:[a-z][ .\-_*]){2,}[a-z](?![^\s.,!?])")
_WORD = re.compile(r"[a-z']+")
_SPACES = re.compile(r"[ \t\u00a0]+")
# spaCy's tokenizer is quadratic on long runs of punctuation or symbols ("...",
# 10,000 emoji): repeated symbols are capped and any run without spaces is cut.
_SYMBOL_RUN = re.compile(r"([^\w\s])\1{3,}")
_LONG_RUN = re.compile(r"\S{40}")


def _strip_marks(text: str) -> str:
    """Drop combining accents (á -> a, ñ -> n) so Spanish with or without accents matches."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Lone UTF-16 surrogates (broken emoji from a client) make spaCy and UTF-8 encoding raise;
# other control characters only hide words. Both go before anything else reads the text.
_UNREADABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


class Normaliser:
    """Folds what people type into one matchable form (see the module docstring)."""

    def __init__(self, vocabulary: Iterable[str], lexicon_words: Iterable[str],
                 lookup_table: Any = None):
        self.lexicon_words = {w for w in lexicon_words if w.isalpha()}
        self.vocabulary = _Vocabulary(set(vocabulary) | self.lexicon_words, lookup_table)

    def __call__(self, text: Any) -> str:
        if not isinstance(text, str):
            return ""
        text = _UNREADABLE.sub("", text)
        text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
        text = _strip_marks(text)
        text = _SPACED.sub(self._join_spaced, text)
        text = _WORDISH.sub(self._fix_word, text)
        text = _SYMBOL_RUN.sub(r"\1\1\1", text)
        text = _LONG_RUN.sub(lambda m: m.group(0) + " ", text)
        return _SPACES.sub(" ", text)

    # -- pieces -------------------------------------------------------------------
    def _join_spaced(self, match: "re.Match[str]") -> str:
        """'k i l l m y s e l f' -> 'kill myself' (segmented with the lexicon's words)."""
        letters = re.sub(r"[ .\-_*]", "", match.group(0))
        return self._segment(letters) or letters

    def _fix_word(self, match: "re.Match[str]") -> str:
        word = match.group(0)
        if word in _CONTRACTIONS:
            return _CONTRACTIONS[word]
        if _HAS_LETTER.search(word) and _LEET_CHAR.search(word):
            trail = len(word) - len(word.rstrip("!"))
            core = word[: len(word) - trail].translate(_LEET)
            word = core + "!" * trail
        if _RUN3.search(word):
            word = self._squeeze(word)
        if word in _CONTRACTIONS:
            return _CONTRACTIONS[word]
        if len(word) >= 7 and word.isalpha() and word not in self.vocabulary:
            segmented = self._segment(word)
            if segmented:
                return segmented
        return word

    def _squeeze(self, word: str) -> str:
        """'dieeee' -> 'die', 'kiiilll' -> 'kill': shorten runs until a known word appears."""
        twice = _RUN3.sub(r"\1\1", word)
        once = _RUN3.sub(r"\1", word)
        for candidate in (once, twice):
            if candidate in self.vocabulary:
                return candidate
        # Runs of two may also be padding ("diee"): try every run at length one.
        fully = re.sub(r"([a-z])\1+", r"\1", word)
        if fully in self.vocabulary:
            return fully
        return twice

    @functools.lru_cache(maxsize=4096)
    def _segment(self, letters: str) -> Optional[str]:
        """Split glued letters into lexicon words ('wanttodie' -> 'want to die'), else None."""
        if letters in self.vocabulary:
            return letters
        n = len(letters)
        if n > 40:
            return None
        best: List[Optional[List[str]]] = [None] * (n + 1)
        best[0] = []
        for end in range(1, n + 1):
            for start in range(max(0, end - 12), end):
                piece = letters[start:end]
                if best[start] is not None and (piece in self.lexicon_words or piece in ("i", "a")):
                    candidate = best[start] + [piece]
                    if best[end] is None or len(candidate) < len(best[end]):
                        best[end] = candidate
        if best[n] and len(best[n]) >= 2:
            return " ".join(best[n])
        return None


class _Vocabulary:
    """Known English words: lemma lookup keys (stored hashed) and values, plus our own."""

    def __init__(self, words: set, table: Any):
        self.words = words
        self.table = table

    def __contains__(self, word: str) -> bool:
        if word in self.words:
            return True
        try:
            return self.table is not None and word in self.table
        except Exception:
            return False


@dataclass
class MatchSpan:
    """One matched phrase: where it is in the normalised text and what it means."""

    text: str
    start: int
    end: int
    category: str
    language: str
    pattern: str
    negated: bool


@dataclass
class CrisisResult:
    """What the detector found. ``matched`` False means no pattern fired."""

    matched: bool = False
    category: Optional[str] = None
    categories: List[str] = field(default_factory=list)
    negated: bool = False
    language: str = "en"
    spans: List[MatchSpan] = field(default_factory=list)
    source: str = "lexicon"

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)


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

    # Above this many exact branches a pattern is compiled with alternatives of equal
    # length merged position by position ("(i have|i've got)" stays two branches, but
    # "(kill herself|hurt himself)" becomes one: kill|hurt herself|himself). That keeps the
    # Matcher small and fast; the cost is harmless over-generation among sibling phrases.
    EXACT_BUDGET = 8

    def __init__(self, nlp: Language, macros: Dict[str, List[str]], exact: bool = False):
        self.nlp = nlp
        self.macros = macros
        self.factor = False
        # Exclusions are compiled exactly: over-generating an exclusion would hide a
        # real crisis ("hit me with" must not become "beats me with").
        self.exact = exact

    def words(self, text: str) -> List[str]:
        return [t.text for t in self.nlp.tokenizer(_strip_marks(text.lower()))]

    def compile(self, pattern: str) -> Tuple[List[List[Dict[str, Any]]], Any]:
        """Branches and the end condition: False, True (`$`) or "text" (`$$`)."""
        pattern = pattern.strip()
        clause_end: Any = False
        if pattern.endswith("$$"):
            clause_end, pattern = "text", pattern[:-2].strip()
        elif pattern.endswith("$"):
            clause_end, pattern = True, pattern[:-1].strip()
        try:
            self.factor = False
            branches = self._expand(pattern, depth=0)
        except _TooMany:
            self.factor = True
            branches = self._expand(pattern, depth=0)
        finally:
            self.factor = False
        branches = _dedupe([b for b in branches if any(t.get("OP") != "?" for t in b)])
        if not branches:
            raise ValueError(f"pattern matches nothing: {pattern!r}")
        if len(branches) > 5000:
            raise ValueError(f"pattern expands to {len(branches)} branches: {pattern!r}")
        return branches, clause_end

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

    def _group(self, group: str, depth: int) -> List[List[Dict[str, Any]]]:
        optional = False
        if group.startswith("[") and group.endswith("]"):
            optional, group = True, group[1:-1]
        elif group.startswith("(") and group.endswith(")"):
            group = group[1:-1]
        if group == "*":
            return [[{"OP": "?"}]]
        alternatives: List[List[Dict[str, Any]]] = []
        lemmas: List[str] = []
        lowers: List[str] = []
        for alt in self._split(group, "|"):
            alt = alt.strip()
            if not alt:
                raise ValueError(f"empty alternative in {group!r}")
            simple = not any(c in alt for c in " ()[]") and alt != "*" and not alt.startswith("@")
            if simple and alt.startswith("~"):
                lemmas.append(alt[1:])
                continue
            if simple:
                toks = self.words(alt)
                if len(toks) == 1:
                    lowers.append(toks[0])
                else:
                    alternatives.append([{"LOWER": t} for t in toks])
                continue
            if alt.startswith("@") and " " not in alt:
                name = alt[1:]
                if name not in self.macros:
                    raise ValueError(f"unknown macro @{name}")
                for phrase in self.macros[name]:
                    alternatives.extend(self._expand(phrase, depth + 1))
                continue
            alternatives.extend(self._expand(alt, depth + 1))
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
        out.append([{attr: {"IN": sorted(set(vals))}} for attr, vals in zip(key, slots)])
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
    "i", "me", "my", "you", "your", "he", "she", "they", "them", "him", "her", "it", "we",
    "us", "a", "an", "the", "to", "of", "in", "on", "at", "for", "with", "and", "but", "or",
    "so", "is", "am", "are", "was", "were", "be", "been", "being", "'m", "'s", "'re", "'ve",
    "'d", "'ll", "do", "does", "did", "n't", "not", "no", "have", "has", "had", "just",
    "this", "that", "all", "if", "when", "will", "would", "can", "ca", "could", "like",
    "what", "how", "there", "de", "que", "la", "el", "mi", "y", "en", "lo", "por", "con",
    "se", "because", "from", "about", "up", "out", "wo", "im",
}
_COMMON = {
    "really", "want", "going", "go", "get", "got", "know", "think", "one", "some", "too",
    "very", "now", "again", "more", "much", "many", "make", "made", "take", "took", "keep",
    "keeps", "say", "said", "says", "tell", "told", "need", "wish", "wanna", "gonna", "let",
    "never", "anymore", "only", "even", "still", "everyone", "people", "friend", "home",
    "life", "time", "day", "last", "good", "bad", "well", "back", "way", "thing", "things",
    "something", "nothing", "feel", "after", "since", "down", "here", "over", "right",
    "today", "tonight", "after", "then", "than", "off", "into", "any", "anything", "after",
}


def _commonness(word: str) -> int:
    if word in _VERY_COMMON:
        return 1000
    if word in _COMMON:
        return 30
    return 1


class AnchoredMatcher:
    """spaCy Matchers bucketed by anchor word, so a message only meets the patterns it
    could possibly match.

    spaCy's Matcher tries every pattern at every token, and ``IN`` sets are checked in
    Python: thousands of pattern branches cost milliseconds per message. Each branch
    has a required token whose words are rare (its anchor). The branch is filed once
    per anchor word, with the anchor token pinned to that word, and a message runs only
    the buckets of the words it contains. The matches are exactly those of one big
    Matcher over all branches.
    """

    # Docs longer than this run each bucket only on windows around its anchor tokens
    # (a match containing the anchor cannot reach further than the longest branch).
    window_min_tokens = 64

    def __init__(self, vocab: Any):
        self.vocab = vocab
        self.buckets: Dict[Tuple[str, str], Matcher] = {}
        self.size = 0
        self.max_len = 1

    def add(self, key: str, branches: List[List[Dict[str, Any]]]) -> None:
        per_bucket: Dict[Tuple[str, str], List[List[Dict[str, Any]]]] = {}
        for branch in branches:
            self.max_len = max(self.max_len, len(branch))
            pos, attr, words = _anchor(branch)
            for word in words:
                pinned = [dict(t) for t in branch]
                pinned[pos] = {attr: word}
                per_bucket.setdefault((attr, word), []).append(pinned)
        for bucket_key, pinned_branches in per_bucket.items():
            bucket = self.buckets.get(bucket_key)
            if bucket is None:
                bucket = self.buckets[bucket_key] = Matcher(self.vocab, validate=False)
            bucket.add(key, pinned_branches)
            self.size += len(pinned_branches)

    def __call__(self, doc: Doc) -> List[Tuple[int, int, int]]:
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
        return sorted(out, key=lambda m: (m[1], m[2]))


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


class CrisisLexicon:
    """Built once from the data files; ``match(text)`` returns a CrisisResult."""

    def __init__(self, nlp: Language, data_dir: Path = DATA_DIR,
                 languages: Sequence[str] = ("en", "es")):
        self.nlp = nlp
        self.matcher = AnchoredMatcher(nlp.vocab)
        self.exclusions = AnchoredMatcher(nlp.vocab)
        self.info: Dict[str, _PatternInfo] = {}
        self.examples: List[Tuple[str, str, str]] = []  # (language, category, example)
        words: set = set()
        for lang in languages:
            words |= self._load_lexicon(data_dir / f"lexicon_{lang}.yml", lang)
            # Concept tier: word lists (macros) combined with windows; see its header.
            concepts = data_dir / f"concepts_{lang}.yml"
            if concepts.exists():
                words |= self._load_lexicon(concepts, lang, tag="c")
        words |= self._load_exclusions(data_dir / "exclusions.yml")
        table, vocab = None, set()
        try:
            table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
            vocab = {v for v in table.values() if isinstance(v, str)}
        except Exception:  # a pipeline without lookups still works, with a smaller vocabulary
            logger.warning("crisis lexicon: no lemma lookup table; smaller normalisation vocabulary")
        self.normalise = Normaliser(vocab, words, table)

    # -- loading --------------------------------------------------------------------
    def _load_lexicon(self, path: Path, lang: str, tag: str = "") -> set:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        compiler = PatternCompiler(self.nlp, spec.get("macros") or {})
        words = self._macro_words(spec.get("macros") or {})
        for category, entries in (spec.get("categories") or {}).items():
            if category not in CATEGORIES:
                raise ValueError(f"{path.name}: unknown category {category!r}")
            for i, entry in enumerate(entries):
                pattern = entry["p"]
                branches, clause_end = compiler.compile(pattern)
                key = f"{lang}|{category}|{tag}{i}"
                self.matcher.add(key, branches)
                self.info[key] = _PatternInfo(category, lang, pattern, clause_end)
                words |= set(re.findall(r"[a-z']+", _strip_marks(pattern)))
                for example in _as_list(entry.get("e")):
                    self.examples.append((lang, category, example))
        return words

    def _load_exclusions(self, path: Path) -> set:
        if not path.exists():
            return set()
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        compiler = PatternCompiler(self.nlp, spec.get("macros") or {}, exact=True)
        words = set()
        for i, entry in enumerate(spec.get("exclusions") or []):
            branches, _ = compiler.compile(entry["p"])
            self.exclusions.add(f"x|{i}", branches)
            words |= set(re.findall(r"[a-z']+", entry["p"].replace("~", " ")))
        return words

    @staticmethod
    def _macro_words(macros: Dict[str, List[str]]) -> set:
        words = set()
        for phrases in macros.values():
            for phrase in phrases:
                words |= set(re.findall(r"[a-z']+", phrase.replace("~", " ")))
        return words

    # -- matching -------------------------------------------------------------------
    def match(self, text: Any) -> CrisisResult:
        """Never raises on odd input; returns an unmatched result for None, empty or junk."""
        try:
            return self._match(text)
        except Exception as error:  # pragma: no cover - belt and braces; no text in the log
            logger.error("crisis lexicon failed on a message (%s); treating as unmatched",
                         type(error).__name__)
            return CrisisResult()

    def _match(self, text: Any) -> CrisisResult:
        normalised = self.normalise(text)
        if not normalised.strip():
            return CrisisResult()
        spans: List[MatchSpan] = []
        seen = set()
        for offset, chunk in _chunks(normalised):
            doc = self.nlp(chunk)
            for span in self._match_doc(doc):
                key = (span.start + offset, span.pattern)
                if key in seen:
                    continue
                seen.add(key)
                span.start += offset
                span.end += offset
                spans.append(span)
        if not spans:
            return CrisisResult()
        cats = sorted({s.category for s in spans}, key=CATEGORIES.index)
        primary = cats[0]
        # One plain (not negated) mention outweighs any negated one.
        negated = all(s.negated for s in spans)
        primary_spans = [s for s in spans if s.category == primary]
        language = "es" if any(s.language == "es" for s in primary_spans) else "en"
        return CrisisResult(True, primary, cats, negated, language, spans)

    def _match_doc(self, doc: Doc) -> List[MatchSpan]:
        found = self.matcher(doc)
        if not found:
            return []
        excluded = [(s, e) for _, s, e in self.exclusions(doc)]
        out = []
        for match_id, start, end in found:
            key = self.nlp.vocab.strings[match_id]
            info = self.info[key]
            if info.clause_end == "text" and not _ends_text(doc, end):
                continue
            if info.clause_end is True and not _ends_clause(doc, end):
                continue
            if any(s < end and start < e for s, e in excluded):
                continue
            span = doc[start:end]
            out.append(MatchSpan(span.text, span.start_char, span.end_char, info.category,
                                 info.language, info.source, _negated(doc, start)))
        return out


def _ends_clause(doc: Doc, end: int) -> bool:
    if end >= len(doc):
        return True
    nxt = doc[end]
    return nxt.is_punct or nxt.lower_ in CLAUSE_END_FOLLOWERS or nxt.is_space


def _ends_text(doc: Doc, end: int) -> bool:
    """Only punctuation, emoji or a sign-off follow: the phrase is the whole last thought
    ("tonight's the night." but not "tonight's the night, the finale is on")."""
    return all(t.is_punct or t.is_space or not t.text.isascii() or t.lower_ in TEXT_END_FOLLOWERS
               for t in doc[end:])


def _negated(doc: Doc, start: int) -> bool:
    """A negation cue shortly before the phrase, in the same clause ("i'd never ...")."""
    for i in range(start - 1, max(-1, start - 1 - NEGATION_WINDOW), -1):
        tok = doc[i]
        low = tok.lower_
        if tok.is_punct or low in NEGATION_BLOCKERS:
            return False
        if low in NEGATION_CUES:
            # "no one would miss me" / "no reason": the cue belongs to a noun, not to us.
            return not (low == "no" and i + 1 < len(doc) and doc[i + 1].lower_ in {"one", "body"})
    return False


def _chunks(text: str) -> Iterable[Tuple[int, str]]:
    """Overlapping windows cut at spaces; a phrase across a cut is inside the overlap."""
    if len(text) > MAX_SCAN:
        half = MAX_SCAN // 2
        yield from _chunks(text[:half])
        tail_start = len(text) - half
        for off, chunk in _chunks(text[tail_start:]):
            yield tail_start + off, chunk
        return
    if len(text) <= CHUNK_CHARS:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind(" ", start + CHUNK_OVERLAP * 2, end)
            end = cut if cut > 0 else end
        yield start, text[start:end]
        if end >= len(text):
            return
        nxt = text.rfind(" ", start, end - CHUNK_OVERLAP)
        start = nxt + 1 if nxt > start else end - CHUNK_OVERLAP


def _as_list(value: Any) -> List[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


_SPANISH = {"que", "quiero", "estoy", "de", "la", "el", "y", "mi", "por", "para", "los",
            "las", "una", "un", "es", "muy", "pero", "como", "con", "mas", "ya", "tengo",
            "yo", "nadie", "nada", "vida", "todo", "siento", "porque", "hoy", "esta"}
_ENGLISH = {"the", "and", "i", "to", "my", "is", "it", "a", "of", "in", "you", "me",
            "that", "want", "am", "i'm", "feel", "this", "just", "so", "but", "with"}


def guess_language(text: Any) -> str:
    """'es' or 'en' by common function words; cheap, for classifier-only predictions."""
    if not isinstance(text, str):
        return "en"
    words = _WORD.findall(_strip_marks(text.lower()[:2000]))
    es = sum(w in _SPANISH for w in words)
    en = sum(w in _ENGLISH for w in words)
    return "es" if es > en else "en"


@functools.lru_cache(maxsize=None)
def get_lexicon() -> CrisisLexicon:
    """The shared, cached lexicon over the project's spaCy pipeline."""
    from bot.nlu.spacy_pipeline import load

    return CrisisLexicon(load())


def detect(text: Any) -> CrisisResult:
    """Convenience: match ``text`` with the shared lexicon."""
    return get_lexicon().match(text)


if __name__ == "__main__":  # quick manual check: python -m bot.nlu.crisis_lexicon "text"
    import json
    import sys

    print(json.dumps(detect(" ".join(sys.argv[1:])).as_dict(), indent=2))
