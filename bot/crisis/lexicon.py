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
import hashlib
import json
import logging
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from bot import fast_yaml
from bot.crisis.cache_files import write_text_aside
from bot.crisis.normaliser import _WORD, Normaliser, _strip_marks, ordinary_words  # noqa: F401
from bot.crisis.patterns import (  # noqa: F401
    AnchoredMatcher,
    PatternCompiler,
    _PatternInfo,
    check_spec,
)

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data" / "crisis"
# The compiled lexicon of the project's own data (see CrisisLexicon), one JSON file per version.
CACHE_DIR = ROOT / "var" / "cache"
CACHE_FORMAT = 3

# Most urgent first: when several categories match, the first one here is reported.
CATEGORIES: Tuple[str, ...] = (
    "overdose",
    "substance_danger",
    "medical_emergency",
    "suicidal",
    "self_harm",
    "harm_to_others",
    "personal_danger",
    # Trapped or in danger from fire, smoke, flood, gas or a collapse now.
    "trapped_disaster",
    "missing_person",
    "sexual_violence",
    "abuse",
    # A death just found or witnessed before third_party_risk: a friend who "killed himself"
    # is a loss to get through now, not someone to look out for.
    "sudden_loss",
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
    "know",
    "knows",
    "knew",
    "sure",
    "if",
    "whether",
    "why",
    "how",
    "care",
    "cares",
    "stop",
    "help",
    "wait",
    "remember",
    "tell",
    "told",
    "believe",
    "pretend",
    "hide",
    "say",
    "notice",
    "noticed",
    "understand",
    "understands",
    "see",
    "sees",
    "think",
    "mind",
    "matter",
    "anymore",
    "but",
    "and",
    "because",
    "cause",
    "cuz",
    "so",
    "one",
    "body",
    "nobody",
    "else",
    "wish",
    "deny",
    "lie",
    "sabe",
    "se",
    "porque",
    "pero",
    "y",
    "entiende",
    "importa",
}
NEGATION_WINDOW = 4
# Tokens that may follow a pattern marked with a trailing `$` (end of the thought).
CLAUSE_END_FOLLOWERS = {
    "and",
    "but",
    "so",
    "i",
    "im",
    "tonight",
    "today",
    "now",
    "soon",
    "forever",
    "already",
    "anymore",
    "any",
    "please",
    "tbh",
    "honestly",
    "rn",
    "lol",
    "because",
    "cause",
    "cuz",
    "like",
    "idk",
    "ok",
    "okay",
    "just",
    "really",
    "either",
    "then",
    "though",
    "tho",
    "right",
    "anyway",
    "ever",
    "again",
    "this",
    "y",
    "ya",
    "tomorrow",
    "hoy",
    "esta",
    "pero",
    "porque",
    "nunca",
    "mas",
    "no",
    "all",
    "man",
    "manana",
    "bro",
    "guys",
    "x",
    "xx",
    "lmao",
    "haha",
    "mate",
    "ngl",
    "fr",
    "online",
}

# Tokens that may follow a pattern marked `$$` (the message ends here).
TEXT_END_FOLLOWERS = {
    "x",
    "xx",
    "xxx",
    "now",
    "rn",
    "tonight",
    "then",
    "i",
    "guess",
    "think",
    "sorry",
    "bye",
    "goodbye",
    "ok",
    "okay",
    "honestly",
    "tbh",
    "ngl",
    "fr",
}


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


def _index(value: Any, size: int) -> int:
    """A spec-table index read from the cache: an int in range, never negative (which Python
    would read from the end)."""
    if type(value) is not int or not 0 <= value < size:
        raise ValueError(f"bad spec index {value!r}")
    return value


class CrisisLexicon:
    """Built once from the data files; ``match(text)`` returns a CrisisResult."""

    def __init__(
        self,
        nlp: Language,
        data_dir: Path = DATA_DIR,
        languages: Sequence[str] = ("en", "es"),
        cache_dir: Optional[Path] = None,
    ):
        """``cache_dir``: where the compiled patterns are kept between processes; by default
        var/cache for the project's own data, and no cache for other data."""
        self.nlp = nlp
        if cache_dir is None and Path(data_dir).resolve() == DATA_DIR.resolve():
            cache_dir = CACHE_DIR
        # (kind, key, branches, check): "m" a pattern, "x" an exclusion or "u" the words that
        # block an exclusion (its ``u``, keyed like it); check is a factored
        # pattern's exact regex (patterns.PatternCompiler.compile), else None.
        self._compiled: List[Tuple[str, str, List[List[Dict[str, Any]]], Optional[str]]] = []
        words = self._load_cached(cache_dir, data_dir, languages) if cache_dir else None
        if words is None:
            words = self._load_sources(data_dir, languages)
            if cache_dir:
                self._save_cache(cache_dir, data_dir, languages, words)
        self._compiled = []
        table, vocab = None, set()
        try:
            table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
            vocab = {v for v in table.values() if isinstance(v, str)}
        except Exception:  # a pipeline without lookups still works, with a smaller vocabulary
            logger.warning(
                "crisis lexicon: no lemma lookup table; smaller normalisation vocabulary"
            )
        self.normalise = Normaliser(vocab, words, table, ordinary_words())

    def _reset(self) -> None:
        self.matcher = AnchoredMatcher(self.nlp.vocab)
        self.exclusions = AnchoredMatcher(self.nlp.vocab)
        self.blockers = AnchoredMatcher(self.nlp.vocab)
        self.info: Dict[str, _PatternInfo] = {}
        self.examples: List[Tuple[str, str, str]] = []  # (language, category, example)
        self._compiled = []

    def _load_sources(self, data_dir: Path, languages: Sequence[str]) -> set:
        """Compile the data files (about a second and a half); returns the vocabulary words."""
        self._reset()
        words: set = set()
        for lang in languages:
            words |= self._load_lexicon(data_dir / f"lexicon_{lang}.yml", lang)
            # Concept tier: word lists (macros) combined with windows; see its header.
            concepts = data_dir / f"concepts_{lang}.yml"
            if concepts.exists():
                words |= self._load_lexicon(concepts, lang, tag="c")
        words |= self._load_exclusions(data_dir / "exclusions.yml")
        return words

    # -- the compiled form, kept between processes ----------------------------------------
    # Every process that detects crises (each Rasa server, action server, test worker and
    # command line) compiled the same 15,000 branches from the same files. The compiled
    # branches are plain data, so they are kept as JSON (never pickle: reading the file runs no
    # code) named by a fingerprint of everything compiling reads: the data files, the code of
    # the compiler and normaliser, spaCy's version and the pipeline's tokenizer. A file that is
    # missing, unreadable, for other sources or malformed in any way is ignored and the sources
    # are compiled as before; a cache that cannot be written is skipped. Read from the cache,
    # every branch passes the same check as a compiled one (``AnchoredMatcher.add``), and the
    # result is the same lexicon (tests/crisis/test_lexicon_cache.py).
    @classmethod
    def _fingerprint(cls, nlp: Language, data_dir: Path, languages: Sequence[str]) -> str:
        import spacy

        from bot.crisis import normaliser, patterns

        digest = hashlib.sha256(f"{CACHE_FORMAT}|{spacy.__version__}|{list(languages)}".encode())
        names = [f"lexicon_{lang}.yml" for lang in languages]
        names += [f"concepts_{lang}.yml" for lang in languages] + ["exclusions.yml"]
        for name in names:
            path = Path(data_dir) / name
            digest.update(name.encode() + b"\0")
            digest.update(path.read_bytes() if path.exists() else b"-")
            digest.update(b"\0")
        for module_file in (patterns.__file__, normaliser.__file__, __file__):
            digest.update(Path(module_file).read_bytes() + b"\0")
        # The tokenizer splits the patterns' phrases: its exceptions and affix rules count
        # (Tokenizer.to_bytes() is not stable between processes, so its settings are hashed).
        tokenizer = nlp.tokenizer
        settings = [nlp.lang, sorted((k, repr(v)) for k, v in (tokenizer.rules or {}).items())]
        for name in (
            "prefix_search",
            "suffix_search",
            "infix_finditer",
            "token_match",
            "url_match",
        ):
            found = getattr(tokenizer, name, None)
            settings.append(getattr(getattr(found, "__self__", None), "pattern", repr(found)))
        digest.update(repr(settings).encode())
        return digest.hexdigest()[:24]

    def _load_cached(
        self, cache_dir: Path, data_dir: Path, languages: Sequence[str]
    ) -> Optional[set]:
        try:
            fingerprint = self._fingerprint(self.nlp, data_dir, languages)
            path = Path(cache_dir) / f"crisis_lexicon-{fingerprint}.json"
            if not path.is_file():
                return None
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT or data.get("fingerprint") != fingerprint:
                raise ValueError("another format or fingerprint")
            self._reset()
            # Each distinct token spec is stored once (about 5,000 for 230,000 tokens) and
            # checked once; branches are lists of indices into that table.
            specs = data["specs"]
            for spec in specs:
                check_spec(spec)
            for kind, key, branches, check in data["compiled"]:
                target = {"m": self.matcher, "x": self.exclusions, "u": self.blockers}[kind]
                resolved = [[specs[_index(i, len(specs))] for i in branch] for branch in branches]
                target.add(str(key), resolved, specs_checked=True, check=check)
            for key, (category, language, source, clause_end) in data["info"].items():
                if category not in CATEGORIES or clause_end not in (False, True, "text"):
                    raise ValueError(f"bad pattern info for {key}")
                self.info[key] = _PatternInfo(category, str(language), str(source), clause_end)
            if set(self.info) != {key for kind, key, _, _ in data["compiled"] if kind == "m"}:
                raise ValueError("patterns without info")
            self.examples = [(str(a), str(b), str(c)) for a, b, c in data["examples"]]
            words = data["words"]
            if not all(isinstance(w, str) for w in words):
                raise ValueError("bad words")
            return set(words)
        except Exception as error:  # noqa: BLE001 - any fault: compile from the sources
            logger.warning(
                "crisis lexicon: compiled cache not used (%s); compiling", type(error).__name__
            )
            return None

    def _save_cache(
        self, cache_dir: Path, data_dir: Path, languages: Sequence[str], words: set
    ) -> None:
        try:
            fingerprint = self._fingerprint(self.nlp, data_dir, languages)
            specs: List[Dict[str, Any]] = []
            index: Dict[str, int] = {}

            def intern(spec: Dict[str, Any]) -> int:
                name = json.dumps(spec, sort_keys=True)
                if name not in index:
                    index[name] = len(specs)
                    specs.append(spec)
                return index[name]

            compiled = [
                [kind, key, [[intern(spec) for spec in branch] for branch in branches], check]
                for kind, key, branches, check in self._compiled
            ]
            data = {
                "format": CACHE_FORMAT,
                "fingerprint": fingerprint,
                "specs": specs,
                "compiled": compiled,
                "info": {
                    key: [i.category, i.language, i.source, i.clause_end]
                    for key, i in self.info.items()
                },
                "examples": self.examples,
                "words": sorted(words),
            }
            cache_dir = Path(cache_dir)
            write_text_aside(
                cache_dir / f"crisis_lexicon-{fingerprint}.json",
                lambda out: json.dump(data, out, separators=(",", ":")),
            )
            for old in cache_dir.glob("crisis_lexicon-*.json"):
                if old.name != f"crisis_lexicon-{fingerprint}.json":
                    old.unlink(missing_ok=True)
        except Exception as error:  # noqa: BLE001 - a cache that cannot be written is skipped
            logger.info("crisis lexicon: compiled cache not written (%s)", type(error).__name__)

    # -- loading --------------------------------------------------------------------
    def _load_lexicon(self, path: Path, lang: str, tag: str = "") -> set:
        spec = fast_yaml.safe_load(path.read_text(encoding="utf-8"))
        compiler = PatternCompiler(self.nlp, spec.get("macros") or {})
        words = self._macro_words(spec.get("macros") or {})
        for category, entries in (spec.get("categories") or {}).items():
            if category not in CATEGORIES:
                raise ValueError(f"{path.name}: unknown category {category!r}")
            for i, entry in enumerate(entries):
                pattern = entry["p"]
                branches, clause_end, check = compiler.compile(pattern)
                key = f"{lang}|{category}|{tag}{i}"
                self.matcher.add(key, branches, check=check)
                self._compiled.append(("m", key, branches, check))
                self.info[key] = _PatternInfo(category, lang, pattern, clause_end)
                words |= set(re.findall(r"[a-z']+", _strip_marks(pattern)))
                for example in _as_list(entry.get("e")):
                    self.examples.append((lang, category, example))
        return words

    def _load_exclusions(self, path: Path) -> set:
        if not path.exists():
            return set()
        spec = fast_yaml.safe_load(path.read_text(encoding="utf-8"))
        compiler = PatternCompiler(self.nlp, spec.get("macros") or {}, exact=True)
        words = set()
        for i, entry in enumerate(spec.get("exclusions") or []):
            branches, _, check = compiler.compile(entry["p"])
            self.exclusions.add(f"x|{i}", branches, check=check)
            self._compiled.append(("x", f"x|{i}", branches, check))
            words |= set(re.findall(r"[a-z']+", entry["p"].replace("~", " ")))
            # ``u``: words that keep the message a crisis ("on myself", "tonight"); anywhere in
            # the message, they lift this exclusion (a frame read wide, blocked by its twin).
            for j, blocker in enumerate(_as_list(entry.get("u"))):
                branches, _, check = compiler.compile(blocker)
                self.blockers.add(f"x|{i}|{j}", branches, check=check)
                self._compiled.append(("u", f"x|{i}|{j}", branches, check))
                words |= set(re.findall(r"[a-z']+", blocker.replace("~", " ")))
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
            logger.error(
                "crisis lexicon failed on a message (%s); treating as unmatched",
                type(error).__name__,
            )
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
        strings = self.nlp.vocab.strings
        exclusions = self.exclusions(doc)
        # A blocker "x|i|j" lifts exclusion "x|i" for the whole message; looked for only when an
        # exclusion matched (most messages with a match have none).
        blocked = (
            {strings[m].rsplit("|", 1)[0] for m, _, _ in self.blockers(doc)}
            if exclusions
            else set()
        )
        excluded = [(s, e) for m, s, e in exclusions if strings[m] not in blocked]
        out = []
        for match_id, start, end in found:
            key = strings[match_id]
            info = self.info[key]
            if info.clause_end == "text" and not _ends_text(doc, end):
                continue
            if info.clause_end is True and not _ends_clause(doc, end):
                continue
            if any(s < end and start < e for s, e in excluded):
                continue
            span = doc[start:end]
            out.append(
                MatchSpan(
                    span.text,
                    span.start_char,
                    span.end_char,
                    info.category,
                    info.language,
                    info.source,
                    _negated(doc, start),
                )
            )
        return out


def _ends_clause(doc: Doc, end: int) -> bool:
    if end >= len(doc):
        return True
    nxt = doc[end]
    return nxt.is_punct or nxt.lower_ in CLAUSE_END_FOLLOWERS or nxt.is_space


def _ends_text(doc: Doc, end: int) -> bool:
    """Only punctuation, emoji or a sign-off follow: the phrase is the whole last thought
    ("tonight's the night." but not "tonight's the night, the finale is on")."""
    return all(
        t.is_punct or t.is_space or not t.text.isascii() or t.lower_ in TEXT_END_FOLLOWERS
        for t in doc[end:]
    )


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


_SPANISH = {
    "que",
    "quiero",
    "estoy",
    "de",
    "la",
    "el",
    "y",
    "mi",
    "por",
    "para",
    "los",
    "las",
    "una",
    "un",
    "es",
    "muy",
    "pero",
    "como",
    "con",
    "mas",
    "ya",
    "tengo",
    "yo",
    "nadie",
    "nada",
    "vida",
    "todo",
    "siento",
    "porque",
    "hoy",
    "esta",
}
_ENGLISH = {
    "the",
    "and",
    "i",
    "to",
    "my",
    "is",
    "it",
    "a",
    "of",
    "in",
    "you",
    "me",
    "that",
    "want",
    "am",
    "i'm",
    "feel",
    "this",
    "just",
    "so",
    "but",
    "with",
}


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


if __name__ == "__main__":  # quick manual check: python -m bot.crisis.lexicon "text"
    import json
    import sys

    print(json.dumps(detect(" ".join(sys.argv[1:])).as_dict(), indent=2))
