"""The crisis lexicon's normaliser: one lowercase ASCII-ish form of a message before matching.

People in distress type fast, on phones, in capitals, with repeated or spaced letters, without
apostrophes, or in algospeak to get past filters; everything is folded to one form so that a
pattern written once covers all of those (used by bot/crisis/lexicon.py and the pattern compiler).
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
import re
import unicodedata
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from bot.crisis.cache_files import write_text_aside

logger = logging.getLogger(__name__)

_APOSTROPHES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u2032": "'",
        "\uff07": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00bf": " ",
        "\u00a1": " ",
        # invisible characters used to slip words past filters ("k\u200bill")
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
        "\u180e": None,
    }
)

# Missing apostrophes and chat contractions, whole words only. "ill", "well",
# "were", "shed", "hell" are real words and left alone on purpose.
_CONTRACTIONS = {
    "im": "i'm",
    "ive": "i've",
    "id": "i'd",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "youre": "you're",
    "theyre": "they're",
    "thats": "that's",
    "whats": "what's",
    "theres": "there's",
    "shes": "she's",
    "hes": "he's",
    "ain't": "am not",
    "aint": "am not",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gona": "going to",
    "gunna": "going to",
    "finna": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "imma": "i'm going to",
    "ima": "i'm going to",
    "i'ma": "i'm going to",
    "u": "you",
    "ur": "your",
    "r": "are",
    "y'all": "you all",
    "cuz": "because",
    "coz": "because",
    "bc": "because",
    "everyones": "everyone's",
    "nobodys": "nobody's",
    "noones": "no one's",
    "noone": "no one",
    "no1": "no one",
    "nobody'd": "nobody would",
    "noone'd": "no one would",
    "everyone'd": "everyone would",
    "everybody'd": "everybody would",
    "nothin": "nothing",
    "somethin": "something",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrrw": "tomorrow",
    "2moro": "tomorrow",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "pls": "please",
    "plz": "please",
    "ppl": "people",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "w/o": "without",
    "myslef": "myself",
    "mysef": "myself",
    "mysefl": "myself",
    "meself": "myself",
}

_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "|": "l",
        "+": "t",
    }
)
_WORDISH = re.compile(r"[a-z0-9@$!|+]+(?:'[a-z]+)?")
_HAS_LETTER = re.compile(r"[a-z]")
_LEET_CHAR = re.compile(r"[0-9@$|+]|(?<=[a-z])!(?=[a-z])")
# A number with its unit is not leetspeak: "3am", "2nd", "20mg", "15yo", "4hrs" stay as typed
# (read as leet, "3am" became "eam" and no time word next to a digit could ever match).
_NUMBER_UNIT = re.compile(
    r"\d+(?::\d\d)?(?:am|pm|st|nd|rd|th|h|hr|hrs|min|mins|yo|yrs|mg|ml|kg|kgs|k|s|x|lb|lbs|kcal|cal)"
)
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
_UNREADABLE = re.compile(
    "[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


# -- ordinary words: when may glued letters be split? ----------------------------------------
# Glued or spaced letters are split into words so that 'wanttodie', 'imgonnakillmyself' and
# 'k i l l m y s e l f' read as phrases. Split freely, ordinary words were shredded into
# whatever lexicon words fit ('together' -> 'to get her', 'basically' -> 'b asi call y',
# 'halloween' -> 'hall owe en'), which made false matches and hid real ones. A split is kept
# only when it is a plausible reading:
#   - the word is not an ordinary word nor one with an everyday prefix or ending ('together',
#     'worthless'; 'unbothered', 'rewatched');
#   - every piece is a lexicon word and a real word of ONE language (English or Spanish): a
#     closed list of one- and two-letter words ('i', 'a', 'to', 'me'; 'y', 'de', 'me'), or a word
#     of three or more letters common in that language and not much more common in the other
#     ('red' is Spanish too, 'bot' is not), or a lexicon coinage no word list knows ('unalive');
#   - no English piece is a word ending ('child mind ing'), at least one piece has four letters
#     or more ('to as tie', 'zoo mi es' are coincidences of short words), and a single letter
#     is followed by a word of three letters or more or by one that can follow it ('i am',
#     'y no', 'a mi'), never by nothing or another particle ('monster a', 'wall a hi',
#     'stay cat i on');
#   - among plausible readings, the fewest pieces, then the fewest single letters ('ya no',
#     not 'y ano'), then the most common words.
# Ordinary words come from the word log-probabilities that spacy-lookups-data (already pinned
# for the lemmatizer) ships for English and Spanish (a million entries each, from web text).
ORDINARY_FLOOR = -17.0  # at least this common: a word, never split
PIECE_FLOOR = -14.0  # a piece of three or more letters must be at least this common
HOME_MARGIN = 2.0  # ... and at most this much (log) rarer than in the other language
SHORT_WORDS = {
    "en": frozenset(
        "i a am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we".split()
    ),
    "es": frozenset(
        "a o y al da de di el en es ha he la le lo me mi ni no os se si su te ti tu un va ve "
        "ya yo".split()
    ),
}
# Chat spellings that may be glued into a phrase ('imgonnakillmyself'); expanded once split.
GLUED_CONTRACTIONS = frozenset(
    "im ive dont cant wont didnt wanna gonna gotta tryna imma noone nobodys tmrw tonite".split()
)
_WORD_LIST_LANGUAGES = ("en", "es")
# An ordinary word with one of these in front or behind is a word too, not a phrase.
_PREFIXES = ("un", "re", "dis", "non", "pre", "mis", "over", "under", "out", "anti", "super")
_SUFFIXES = ("s", "es", "d", "ed", "ing", "er", "ers", "ly", "ness", "less", "ful", "able")
_AFTER_LETTER = frozenset("am do no me mi yo te se lo la le".split())
_ENDINGS = frozenset(("ing", "ings", "ed", "er", "ers", "es", "ies", "est", "ly", "ness", "ion"))
_CACHE = Path(__file__).resolve().parents[2] / "var" / "cache"


def ordinary_words(cache_dir: Optional[Path] = _CACHE) -> Dict[str, Dict[str, float]]:
    """{language: {word: log probability}} for alphabetic words at or above ORDINARY_FLOOR,
    accents stripped; {} when spacy-lookups-data is missing. Reading its two lists takes about
    ten seconds, so the filtered lists (about 6 MB) are kept in ``cache_dir`` by version."""
    try:
        import importlib.metadata

        import spacy_lookups_data

        version = importlib.metadata.version("spacy-lookups-data")
    except Exception:  # pragma: no cover - it is pinned in requirements.txt
        logger.warning("crisis normaliser: no spacy-lookups-data; glued words split less")
        return {}
    return _ordinary_words(Path(spacy_lookups_data.__file__).parent / "data", version, cache_dir)


@functools.lru_cache(maxsize=None)
def _ordinary_words(
    data: Path, version: str, cache_dir: Optional[Path]
) -> Dict[str, Dict[str, float]]:
    cache = cache_dir / f"ordinary_words-{version}-{ORDINARY_FLOOR}.tsv" if cache_dir else None
    words: Dict[str, Dict[str, float]] = {lang: {} for lang in _WORD_LIST_LANGUAGES}
    try:
        if cache and cache.is_file():
            for line in cache.read_text(encoding="utf-8").splitlines():
                lang, word, prob = line.split("\t")
                words[lang][word] = float(prob)
            return words
    except Exception:  # an unreadable cache is rebuilt
        words = {lang: {} for lang in _WORD_LIST_LANGUAGES}
    for lang in _WORD_LIST_LANGUAGES:
        path = data / f"{lang}_lexeme_prob.json.gz"
        if not path.is_file():
            continue
        for word, prob in json.loads(gzip.decompress(path.read_bytes())).items():
            if isinstance(prob, float) and prob >= ORDINARY_FLOOR:
                word = _strip_marks(word.lower())
                if word.isalpha() and word.isascii() and prob > words[lang].get(word, -99.0):
                    words[lang][word] = prob
    if cache:

        def write(out) -> None:
            for lang, table in words.items():
                out.writelines(f"{lang}\t{w}\t{p!r}\n" for w, p in table.items())

        try:
            write_text_aside(cache, write)
        except OSError:  # a cache that cannot be written is skipped
            pass
    return words


class Normaliser:
    """Folds what people type into one matchable form (see the module docstring)."""

    def __init__(
        self,
        vocabulary: Iterable[str],
        lexicon_words: Iterable[str],
        lookup_table: Any = None,
        ordinary: Optional[Mapping[str, Mapping[str, float]]] = None,
    ):
        """``ordinary``: {language: {word: log probability}} (see ordinary_words)."""
        self.lexicon_words = {w for w in lexicon_words if w.isalpha()}
        self.vocabulary = _Vocabulary(set(vocabulary) | self.lexicon_words, lookup_table)
        ordinary = ordinary or {}
        # Only words of 7+ letters are ever split, so only they need remembering as ordinary.
        self.ordinary_long = frozenset(
            w for table in ordinary.values() for w in table if len(w) >= 7
        )
        listed = {w for table in ordinary.values() for w in table}
        # Stems of derived words ('bother' in 'unbothered'): common ones only.
        self.ordinary_short = frozenset(
            w for table in ordinary.values() for w, p in table.items() if p >= PIECE_FLOOR
        )
        # The pieces a split may use, per language, with their log probability.
        self.pieces: Dict[str, Dict[str, float]] = {}
        for lang, short in SHORT_WORDS.items():
            table = ordinary.get(lang, {})
            others = [t for other, t in ordinary.items() if other != lang]
            pieces = {w: table.get(w, -20.0) for w in short}
            if lang == "en":
                pieces.update((w, table.get(w, -20.0)) for w in GLUED_CONTRACTIONS)
            for word in self.lexicon_words:
                if len(word) < 3 or (lang == "en" and word in _ENDINGS):
                    continue
                prob = table.get(word, -99.0)
                elsewhere = max((t.get(word, -99.0) for t in others), default=-99.0)
                if prob >= PIECE_FLOOR and prob >= elsewhere - HOME_MARGIN:
                    pieces[word] = prob
                elif word not in listed and (len(word) >= 4 or not listed):
                    # a coinage ('unalive'), or any lexicon word when there are no word lists
                    pieces[word] = -20.0
            self.pieces[lang] = pieces

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
        if _NUMBER_UNIT.fullmatch(word):
            return word
        if _HAS_LETTER.search(word) and _LEET_CHAR.search(word):
            trail = len(word) - len(word.rstrip("!"))
            core = word[: len(word) - trail].translate(_LEET)
            word = core + "!" * trail
        if _RUN3.search(word):
            word = self._squeeze(word)
        if word in _CONTRACTIONS:
            return _CONTRACTIONS[word]
        if len(word) >= 7 and word.isalpha() and word not in self.vocabulary:
            # A plural the lexicon only knows in the singular ('pensamientos suicidas': the
            # lemma table is English) reads as the singular.
            if word.endswith("s") and not word.endswith("ss") and word[:-1] in self.lexicon_words:
                return word[:-1]
        if len(word) >= 7 and word.isalpha() and not self._is_word(word):
            segmented = self._segment(word)
            if segmented:
                return segmented
        return word

    def _is_word(self, word: str) -> bool:
        """A known word, or an ordinary one with an everyday prefix or ending ('unbothered')."""
        if word in self.vocabulary or word in self.ordinary_long:
            return True
        known = self._ordinary_stem
        return any(word.startswith(p) and known(word[len(p) :]) for p in _PREFIXES) or any(
            word.endswith(s) and known(word[: -len(s)]) for s in _SUFFIXES
        )

    def _ordinary_stem(self, stem: str) -> bool:
        return len(stem) >= 4 and (stem in self.ordinary_long or stem in self.ordinary_short)

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

    # One Normaliser lives as long as the process (the cached lexicon), so caching on the
    # method (which keeps `self` alive) costs nothing extra.
    @functools.lru_cache(maxsize=4096)  # noqa: B019
    def _segment(self, letters: str) -> Optional[str]:
        """Split glued letters into words ('wanttodie' -> 'want to die') when that is a
        plausible reading (see ORDINARY_FLOOR above), else None."""
        if self._is_word(letters):
            return letters
        if len(letters) > 40:
            return None
        best: Optional[_Reading] = None
        for pieces in self.pieces.values():
            found = _split(letters, pieces)
            if found and (best is None or found[:3] < best[:3]):
                best = found
        if best is None or len(best[3]) < 2:
            return None
        pieces = best[3]
        if max(len(p) for p in pieces) < 4 or len(pieces[-1]) == 1:
            return None
        for piece, after in zip(pieces, pieces[1:], strict=False):
            if len(piece) == 1 and len(after) < 3 and after not in _AFTER_LETTER:
                return None
        return " ".join(_CONTRACTIONS.get(p, p) if p in GLUED_CONTRACTIONS else p for p in pieces)


# (pieces, single letters, minus the summed log probability, the pieces)
_Reading = Tuple[int, int, float, List[str]]


def _split(letters: str, pieces: Mapping[str, float]) -> Optional[_Reading]:
    """The best reading of ``letters`` as ``pieces`` (the fewest pieces, then single letters,
    then the most common words), or None."""
    n = len(letters)
    best: List[Optional[_Reading]] = [None] * (n + 1)
    best[0] = (0, 0, 0.0, [])
    for end in range(1, n + 1):
        for start in range(max(0, end - 14), end):
            before = best[start]
            piece = letters[start:end]
            if before is None or piece not in pieces:
                continue
            candidate = (
                before[0] + 1,
                before[1] + (end - start == 1),
                before[2] - pieces[piece],
                before[3] + [piece],
            )
            now = best[end]
            if now is None or candidate[:3] < now[:3]:
                best[end] = candidate
    return best[n]


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
