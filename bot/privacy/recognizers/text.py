"""One message, analysed once and shared by every recognizer.

``folded`` is the text with look-alike characters mapped to plain ASCII one character
for one character (fullwidth ``＠`` and ``１``, curly quotes, odd dashes and spaces), so
offsets found on it are offsets in the raw text; recognizers match on ``folded``.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from typing import Dict, Iterator, List, Optional, Tuple

try:  # the parser behind ``re`` (``re._parser`` from Python 3.11)
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse

BRANCH, CATEGORY, CATEGORY_DIGIT, IN, LITERAL = (
    _sre_parse.BRANCH,
    _sre_parse.CATEGORY,
    _sre_parse.CATEGORY_DIGIT,
    _sre_parse.IN,
    _sre_parse.LITERAL,
)
AT, ASSERT, ASSERT_NOT = _sre_parse.AT, _sre_parse.ASSERT, _sre_parse.ASSERT_NOT
MAX_REPEAT, MIN_REPEAT, RANGE, SUBPATTERN = (
    _sre_parse.MAX_REPEAT,
    _sre_parse.MIN_REPEAT,
    _sre_parse.RANGE,
    _sre_parse.SUBPATTERN,
)

_FOLD_EXTRA = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u200b": " ",
    "\u3000": " ",
    "\u2024": ".",
    "\u00b7": ".",
    "\u2022": ".",
    "\u3002": ".",
    "\uff61": ".",
    # a circled "a" stands in for "@" ("ryan_b ⓐ outlook . com"); NFKC would make it "a"
    "\u24d0": "@",
    "\u24b6": "@",
    "\ufe6b": "@",
}
_LONG_RUN = re.compile(r"\S{64,}")
_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
# Three digits, or digits joined by separators, or a look-alike letter among digits.
_NUMBERISH = re.compile(r"\d[^A-Za-z\n]{0,3}\d[^A-Za-z\n]{0,3}\d|\d[OoIl]|[OoIl]\d")


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _FOLD_EXTRA:
        return _FOLD_EXTRA[ch]
    norm = unicodedata.normalize("NFKC", ch)
    if len(norm) == 1 and norm.isascii():
        return norm
    return ch


def fold(text: str) -> str:
    """Same length as ``text``; non-ASCII look-alikes replaced by their ASCII form."""
    if text.isascii():
        return text
    return "".join(_fold_char(c) if not c.isascii() else c for c in text)


def _digit_class(items) -> bool:
    """A character set every member of which is a digit (``\\d``, ``[0-9]``, ``7``)."""
    for op, av in items:
        if op is LITERAL and chr(av).isdecimal():
            continue
        if op is RANGE and 48 <= av[0] and av[1] <= 57:
            continue
        if op is CATEGORY and av is CATEGORY_DIGIT:
            continue
        return False
    return True


def _least_digits(parsed) -> int:
    total = 0
    for op, av in parsed:
        if op is LITERAL:
            total += chr(av).isdecimal()
        elif op is IN:
            total += _digit_class(av)
        elif op is MAX_REPEAT or op is MIN_REPEAT:
            total += av[0] * _least_digits(av[2])
        elif op is SUBPATTERN:
            total += _least_digits(av[-1])
        elif op is BRANCH:
            total += min(_least_digits(alt) for alt in av[1])
        # anything else (a look-around, a back-reference, an anchor, a possessive or atomic
        # group) counts none: the figure stays a floor
    return total


# id(pattern) -> (pattern, its floor). Kept by the pattern's id, not in an lru_cache: hashing a
# compiled pattern re-reads its whole source and code (~2 us, several times a message). The
# pattern is held so that its id stays its own.
_FLOORS: Dict[int, Tuple["re.Pattern", int]] = {}


def min_digits(pattern: "re.Pattern") -> int:
    """The fewest digits (``\\d`` characters) any match of ``pattern`` holds, read from the
    pattern itself (once): a message with fewer digits cannot match it, so the scan can be
    skipped without changing what is found, and the gate follows any edit of the pattern."""
    floor = _FLOORS.get(id(pattern))
    if floor is None or floor[0] is not pattern:
        floor = _FLOORS[id(pattern)] = (
            pattern,
            _least_digits(_sre_parse.parse(pattern.pattern, pattern.flags)),
        )
    return floor[1]


# --- the characters a match can open on ----------------------------------------------

_CATEGORY_SOURCE = {
    _sre_parse.CATEGORY_DIGIT: r"\d",
    _sre_parse.CATEGORY_NOT_DIGIT: r"\D",
    _sre_parse.CATEGORY_SPACE: r"\s",
    _sre_parse.CATEGORY_NOT_SPACE: r"\S",
    _sre_parse.CATEGORY_WORD: r"\w",
    _sre_parse.CATEGORY_NOT_WORD: r"\W",
}
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


class _Unread(Exception):
    """A construct ``_opening`` does not read: the pattern is left as it is."""


def _class_items(items) -> str:
    out = []
    for op, av in items:
        if op is LITERAL:
            out.append(re.escape(chr(av)))
        elif op is RANGE:
            out.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif op is CATEGORY and av in _CATEGORY_SOURCE:
            out.append(_CATEGORY_SOURCE[av])
        else:  # a negated class: no union with it is written
            raise _Unread(op)
    return "".join(out)


def _opening(parsed, out: List[str]) -> bool:
    """Add to ``out`` (as class items) every character a match of the sequence ``parsed`` can
    open on; True if the sequence can match nothing, so what follows it can open the match
    too. Look-arounds and anchors consume nothing and are passed over."""
    for op, av in parsed:
        if op is LITERAL:
            out.append(re.escape(chr(av)))
            return False
        if op is IN:
            out.append(_class_items(av))
            return False
        if op is AT or op is ASSERT or op is ASSERT_NOT:
            continue
        if op is SUBPATTERN:
            if av[1] or av[2]:  # flags of its own ("(?i:...)"): the class would not carry them
                raise _Unread(op)
            if not _opening(av[-1], out):
                return False
        elif op is BRANCH:
            empty = False
            for alt in av[1]:
                empty = _opening(alt, out) or empty
            if not empty:
                return False
        elif op is MAX_REPEAT or op is MIN_REPEAT:
            if not _opening(av[2], out) and av[0] > 0:
                return False
        else:  # ".", a back-reference, a conditional, a negated literal: not read
            raise _Unread(op)
    return True


def opens(pattern: "re.Pattern") -> "re.Pattern":
    """``pattern`` with a look-ahead in front for the characters any match opens on (read
    from the pattern itself), or ``pattern`` unchanged where that cannot be read. The same
    matches, groups and spans; but where every form of a long alternation opens with
    ``\\s*``, ``\\b`` or a word (``\\b(?:insta|snap|tiktok|...)``) a scan tries them all at every
    position of the text, and the look-ahead fails there in one test instead."""
    source = pattern.pattern
    if not isinstance(source, str) or _GLOBAL_FLAGS.match(source):
        return pattern
    parsed = _sre_parse.parse(source, pattern.flags)
    items: List[str] = []
    try:
        if parsed.getwidth()[0] == 0 or _opening(parsed, items):
            return pattern  # it can match nothing: it opens anywhere
    except _Unread:
        return pattern
    return re.compile("(?=[" + "".join(items) + "])(?:" + source + ")", pattern.flags)


@contextlib.contextmanager
def ungated() -> Iterator[None]:
    """Every scan gate open (``TextView.gated`` false) inside the block: the reference the
    gates are tested against (a gate may only save time, never change what is found). For
    tests and checks only: it flips a class-wide switch, so other threads see it too."""
    TextView.gated = False
    try:
        yield
    finally:
        TextView.gated = True


class TextView:
    """The raw text, its folded form and (built on first use) the token analysis.

    ``gated``: whether the cheap "could this scan find anything?" gates may skip a scan
    (``digit_scan``, the skip in ``numbers``, and any recognizer gate that reads it). Every
    gate reads this one switch, so ``ungated()`` turns them all off at once and a test can
    check that no gate ever skips a scan that would have found something."""

    gated = True  # class-wide; ``ungated()`` clears it

    __slots__ = (
        "text",
        "folded",
        "lower",
        "has_digit",
        "words",
        "_tokens",
        "_analysis",
        "_numbers",
        "_digits",
    )

    def __init__(self, text: str, analysis=None):
        self.text = text
        folded = self.folded = fold(text)
        lower = self.lower = folded.lower()
        self.has_digit = _DIGIT.search(folded) is not None
        # The lower-case words of the message, for cheap "could this recognizer fire?"
        # gates. Every message needs them and recognizers read them some 25 times a
        # message: a plain attribute, not a property.
        self.words: frozenset = frozenset(_WORD.findall(lower))
        self._analysis = analysis
        self._tokens: Optional[object] = None
        self._numbers: Optional[list] = None
        self._digits: Optional[int] = None

    @property
    def digits(self) -> int:
        """How many digits (``\\d`` characters) the folded text holds."""
        if self._digits is None:
            self._digits = len(_DIGIT.findall(self.folded)) if self.has_digit else 0
        return self._digits

    def digit_scan(self, pattern: "re.Pattern"):
        """``pattern.finditer(self.folded)``, or nothing when the message holds fewer digits
        than any match of ``pattern`` does (``min_digits``): a card needs 13, a US SSN 9, and
        most numbers people mention ("2 weeks", "at 3am") have one or two."""
        if self.gated and self.digits < min_digits(pattern):
            return ()
        return pattern.finditer(self.folded)

    @property
    def numbers(self) -> list:
        """Runs of number pieces of 3+ digits however written (``numbers.number_runs``), read once."""
        if self._numbers is None:
            from bot.privacy.recognizers.numbers import NUMBER_WORDS, number_runs

            # most messages hold no number longer than "15" or "3am": skip the reading
            if (
                self.gated
                and self.words.isdisjoint(NUMBER_WORDS)
                and not _NUMBERISH.search(self.folded)
            ):
                self._numbers = []
            else:
                self._numbers = number_runs(self.folded, 3)
        return self._numbers

    @property
    def tokens(self):
        """The ``TokenView`` (spaCy tokens, sentence starts, trigger matches), or None."""
        if self._tokens is None and self._analysis is not None:
            text = self.folded
            # Runs of 64+ characters without a space are links, hashes or junk, never
            # names; blank them (same offsets) so the tokenizer cannot go quadratic.
            if len(text) > 64 and _LONG_RUN.search(text):
                text = _LONG_RUN.sub(lambda m: " " * len(m.group(0)), text)
            self._tokens = self._analysis.view(text)
        return self._tokens
