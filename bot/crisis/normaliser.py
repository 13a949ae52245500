"""The crisis lexicon's normaliser: one lowercase ASCII-ish form of a message before matching.

People in distress type fast, on phones, in capitals, with repeated or spaced letters, without
apostrophes, or in algospeak to get past filters; everything is folded to one form so that a
pattern written once covers all of those (used by bot/crisis/lexicon.py and the pattern compiler).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Iterable, List, Optional

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


class Normaliser:
    """Folds what people type into one matchable form (see the module docstring)."""

    def __init__(
        self, vocabulary: Iterable[str], lexicon_words: Iterable[str], lookup_table: Any = None
    ):
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

    # One Normaliser lives as long as the process (the cached lexicon), so caching on the
    # method (which keeps `self` alive) costs nothing extra.
    @functools.lru_cache(maxsize=4096)  # noqa: B019
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
