"""Numbers however they are written: digits, words, look-alike letters, odd separators.

People disguise numbers so a filter will not see them: "oh seven seven double oh nine
hundred", "0 sev3n s3ven", "O7700 9OO 123", "07_700~900", "plus four four", "sixty,
sixteen, thirteen". ``number_runs`` reads a message once and returns each run of number
pieces as the digits it spells, with the run's character span on the raw text, so the
phone, payment and id recognizers judge the same reading (length, Luhn sum, context).
"""

from __future__ import annotations

import functools
import re
from typing import List, NamedTuple, Optional, Tuple

DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "owe": "0",  # "owe seven seven owe owe nine": zero said as the letter, spelt by its sound
    "nought": "0",
    "naught": "0",
    "nil": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "for": None,  # never a digit on its own ("for" is too common); listed so leet skips it
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "niner": "9",
}
TEENS = {
    w: str(10 + i)
    for i, w in enumerate(
        "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {
    w: str(d)
    for w, d in (
        ("twenty", 2),
        ("thirty", 3),
        ("forty", 4),
        ("fourty", 4),
        ("fifty", 5),
        ("sixty", 6),
        ("seventy", 7),
        ("eighty", 8),
        ("ninety", 9),
    )
}
# The letter O said for zero: a piece only next to other number pieces ("oh well", "i owe you").
ZERO_SOUNDS = frozenset({"o", "oh", "owe"})
REPEATS = {"double": 2, "dbl": 2, "triple": 3, "treble": 3, "tripple": 3, "quadruple": 4}
SCALES = {"hundred": 2, "thousand": 3}
PLUS_WORDS = frozenset({"plus"})
# Words every run may be read through when a number piece follows ("0161 and then 496").
JOINERS = frozenset({"and", "then", "dash", "hyphen", "space"})
# Separators inside a run: spaces and any of these between pieces.
# (and the marks that make a digit a keycap emoji, "0️⃣7️⃣": variation selector, keycap)
SEPARATORS = frozenset("-_~.·,/()+|*\ufe0f\u20e3")
# A digit said with how many times it comes: "two sevens", "2 zeros", "three ohs".
PLURAL_DIGITS = {
    "zeros": "0",
    "zeroes": "0",
    "ohs": "0",
    "os": "0",
    "noughts": "0",
    "ones": "1",
    "twos": "2",
    "threes": "3",
    "fours": "4",
    "fives": "5",
    "sixes": "6",
    "sevens": "7",
    "eights": "8",
    "nines": "9",
}
# Digits written as letters inside a number word: "sev3n", "s1x", "f0ur", "n1ne", "0ne".
_LEET = str.maketrans({"3": "e", "1": "i", "0": "o", "4": "a", "5": "s", "7": "t", "8": "b"})
# Letters written for digits inside a digit group: "O7700", "2O19", "O l 2".
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "i": "1"})

_TOKEN = re.compile(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]")

# Words that are a number piece by themselves, for splitting "0seven7hundred".
_WORD_PIECES = frozenset(
    [w for w, v in DIGIT_WORDS.items() if v is not None and len(w) > 2]
    + list(TEENS)
    + list(TENS)
    + list(REPEATS)
    + list(SCALES)
)

# Every word a number can be written with (for cheap "could there be a number?" gates).
NUMBER_WORDS = frozenset(
    [w for w, v in DIGIT_WORDS.items() if v is not None]
    + list(TEENS)
    + list(TENS)
    + list(REPEATS)
    + list(SCALES)
)


class NumberRun(NamedTuple):
    """``text[start:end]`` spells ``digits``; ``words`` pieces of it were words or disguised."""

    start: int
    end: int
    digits: str
    words: int
    plus: bool


# a pure function of the token, asked of every token of every message with a number:
# remembered (bounded; a token's answer never changes)
@functools.lru_cache(maxsize=65536)
def _word_digits(tok: str) -> Optional[str]:
    """The digits a single token spells, or None if it is no number piece."""
    if tok.isdigit():
        return tok
    low = tok.lower()
    if low in DIGIT_WORDS:
        return DIGIT_WORDS[low]
    if low in TEENS:
        return TEENS[low]
    if low in TENS:
        return TENS[low] + "0"
    if not tok.isalpha():
        # "2O19", "O7700": digits with look-alike letters
        swapped = tok.translate(_LOOKALIKE)
        if swapped.isdigit():
            return swapped
        # "sev3n", "s1x": a number word with digits for letters
        leet = low.translate(_LEET)
        word = DIGIT_WORDS.get(leet) or TEENS.get(leet)
        if word:
            return word
        if leet in TENS:
            return TENS[leet] + "0"
        # "0seven7009o0321", "07nine00nine00one23": digits and number words glued together
        return _glued_digits(low)
    if len(low) >= 6 and low[:3] in _SPELLED_STARTS and _SPELLED_COMPOUND.fullmatch(low):
        # "ninehundred", "twentyfour", "sevenseven": number words typed as one
        return _compound_digits(low)
    return None


def _compound_digits(low: str) -> Optional[str]:
    out: List[str] = []
    tens_open = False
    for m in _SPELLED_PIECE.finditer(low):
        w = m.group(0)
        if w in SCALES:
            if not out or len(out[-1]) != 1:
                return None
            out[-1] += "0" * SCALES[w]
            tens_open = False
            continue
        value = DIGIT_WORDS.get(w) or TEENS.get(w) or (TENS[w] + "0" if w in TENS else None)
        if value is None:
            return None
        if tens_open and w in DIGIT_WORDS and value != "0":
            out[-1] = out[-1][0] + value
            tens_open = False
        else:
            out.append(value)
            tens_open = w in TENS
    return "".join(out) if len(out) >= 1 and len("".join(out)) >= 2 else None


_GLUED_WORDS = sorted(
    [w for w, v in DIGIT_WORDS.items() if v is not None and len(w) > 1] + list(TEENS) + list(TENS),
    key=len,
    reverse=True,
)
_GLUED = re.compile(r"\d+|[ol](?=\d|$)|" + "|".join(_GLUED_WORDS))


def _glued_digits(low: str) -> Optional[str]:
    """The digits of a token made only of digit groups, number words and look-alike letters
    between digits, with at least one digit and one word or letter ("gr8", "mp3" are not)."""
    if not (low[:1].isalnum() and any(c.isdigit() for c in low) and any(c.isalpha() for c in low)):
        return None
    out, pos, words = [], 0, 0
    for m in _GLUED.finditer(low):
        if m.start() != pos:
            return None
        piece = m.group(0)
        if piece.isdigit():
            out.append(piece)
        else:
            words += 1
            out.append(
                _LOOKALIKE_LOW.get(piece)
                or DIGIT_WORDS.get(piece)
                or TEENS.get(piece)
                or TENS[piece] + "0"
            )
        pos = m.end()
    if pos != len(low) or not words:
        return None
    digits = "".join(out)
    return digits if len(digits) >= 2 else None


_LOOKALIKE_LOW = {"o": "0", "l": "1"}
_SPELLED_WORDS = sorted(
    [w for w, v in DIGIT_WORDS.items() if v is not None and len(w) > 2]
    + list(TEENS)
    + list(TENS)
    + list(SCALES),
    key=len,
    reverse=True,
)
_SPELLED_PIECE = re.compile("|".join(_SPELLED_WORDS))
_SPELLED_STARTS = frozenset(w[:3] for w in _SPELLED_WORDS)
# two or more number words and nothing else
_SPELLED_COMPOUND = re.compile("(?:" + "|".join(_SPELLED_WORDS) + "){2,}")


@functools.lru_cache(maxsize=65536)
def _is_piece(tok: str) -> bool:
    return _word_digits(tok) is not None or tok.lower() in REPEATS


def number_runs(text: str, min_digits: int = 3) -> List[NumberRun]:
    """Runs of number pieces in ``text`` (left to right), each at least ``min_digits`` long.

    A run is number pieces separated by spaces, separator characters or joiner words;
    "double"/"triple" repeat the next piece, "hundred"/"thousand" pad the one before,
    a tens word takes a following unit ("sixty two" is 62). A bare "o"/"oh" only counts
    next to other pieces, so "oh well" and "o.k." never start a run.
    """
    runs: List[NumberRun] = []
    toks: List[Tuple[int, int, str]] = [
        (m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)
    ]
    if _GLUE_GATE.search(text):
        toks = [
            part
            for s, e, tok in toks
            for part in (
                _glued(s, tok)
                if len(tok) > 3 and not tok.isdigit() and not tok.isalpha()
                else ((s, e, tok),)
            )
        ]
    i, n = 0, len(toks)
    while i < n:
        start, end, tok = toks[i]
        plus = tok == "+" or tok.lower() in PLUS_WORDS
        if not plus and not _is_piece(tok):
            i += 1
            continue
        first = i + 1 if plus else i
        if first >= n:
            break
        digits, words, last_end, k = _read(toks, first, text)
        if digits and len(digits) >= min_digits:
            runs.append(NumberRun(start if plus else toks[first][0], last_end, digits, words, plus))
            i = k
            continue
        i += 1
    return runs


_GLUE_GATE = re.compile(r"\d[A-Za-z]{3}|[A-Za-z]{3}\d")
_GLUED_PART = re.compile(r"\d+|[A-Za-z]+")


def _glued(start: int, tok: str) -> List[Tuple[int, int, str]]:
    """Digits and number words typed as one ("0seven7hundred", "four4four") are read as
    separate pieces; any other mix of letters and digits ("s3921044", "4g") stays one token."""
    parts = [(m.start(), m.end(), m.group(0)) for m in _GLUED_PART.finditer(tok)]
    if all(p.isdigit() or p.lower() in _WORD_PIECES for _, _, p in parts):
        return [(start + a, start + b, p) for a, b, p in parts]
    return [(start, start + len(tok), tok)]


def _read(toks, i: int, text: str) -> Tuple[str, int, int, int]:
    """Read one run from token ``i``; returns (digits, word pieces, end char, next token)."""
    n = len(toks)
    out: List[str] = []
    words = 0
    repeat = 1
    last_end = toks[i][0]
    tens_open = False  # the last piece was a tens word ("sixty") that a unit may complete
    k = i
    pieces = 0
    while k < n:
        s, e, tok = toks[k]
        if pieces and s > last_end and "\n" in text[last_end:s]:
            break
        low = tok.lower()
        if low in REPEATS:
            # "double oh", "double-oh", "double_7": the repeated piece may be joined on
            k2 = k + 1
            if k2 + 1 < n and toks[k2][2] in SEPARATORS and toks[k2][1] == toks[k2 + 1][0]:
                k2 += 1
            if k2 < n and _word_digits(toks[k2][2]) is not None:
                repeat = REPEATS[low]
                words += 1
                k = k2
                continue
            break
        if (
            low in SCALES
            and pieces
            and out
            # "nine hundred"; "seventy-seven hundred", "nineteen hundred": a number said in
            # hundreds pads a two-digit piece too
            and (
                len(out[-1]) == 1 or (len(out[-1]) == 2 and low == "hundred" and out[-1][0] != "0")
            )
        ):
            out[-1] = out[-1] + "0" * SCALES[low]
            words += 1
            last_end = e
            tens_open = False
            k += 1
            continue
        value = _word_digits(tok)
        if value is None:
            if pieces and (
                tok in SEPARATORS
                or low in JOINERS
                or (low == "but" and k + 1 < n and toks[k + 1][2].lower() == "then")
            ):
                # only if another piece follows
                k2 = k + 1
                while k2 < n and (
                    toks[k2][2] in SEPARATORS
                    or toks[k2][2].lower() in JOINERS
                    # "07700 900 but then 9 4 2": "but" only ahead of "then"
                    or (
                        toks[k2][2].lower() == "but"
                        and k2 + 1 < n
                        and toks[k2 + 1][2].lower() == "then"
                    )
                ):
                    k2 += 1
                if k2 < n and k2 - k <= 3 and _is_piece(toks[k2][2]):
                    k = k2
                    continue
                if (
                    k2 == k + 1
                    and tok == "-"
                    and k2 < n
                    and toks[k2][2].lower() in SCALES
                    and len(out[-1]) == 1
                ):
                    k = k2  # "nine-hundred": the scale pads the digit as it does after a space
                    continue
            break
        is_word = not tok.isdigit()
        if (
            len(value) == 1
            and value in "234"
            and k + 1 < n
            and toks[k + 1][2].lower() in PLURAL_DIGITS
        ):
            # "two sevens" -> 77, "2 zeros" -> 00
            out.append(PLURAL_DIGITS[toks[k + 1][2].lower()] * int(value) * repeat)
            tens_open = False
            repeat = 1
            words += 2
            pieces += 1
            last_end = toks[k + 1][1]
            k += 2
            continue
        if low in ZERO_SOUNDS and not pieces:
            # "o"/"oh" opens a run only when a number piece follows ("O-seven", "oh 7")
            k2 = k + 1
            if (
                k2 < n and toks[k2][2] in SEPARATORS and toks[k2][1] == toks[k2 + 1][0]
                if k2 + 1 < n
                else False
            ):
                k2 += 1
            elif k2 + 1 < n and toks[k2][2] == "," and toks[k2 + 1][2].lower() in REPEATS:
                k2 += 1  # "oh, double seven, double oh, ...": read out with a pause after each
            if k2 >= n or not _is_piece(toks[k2][2]):
                break
        if tens_open and is_word and low in DIGIT_WORDS and value != "0" and out:
            out[-1] = out[-1][0] + value  # "sixty two" -> 62
            tens_open = False
        else:
            out.append(value * repeat)
            tens_open = low in TENS
        repeat = 1
        words += is_word
        pieces += 1
        last_end = e
        k += 1
    return "".join(out), words, last_end, k


def counting(digits: str) -> bool:
    """ "one two three ... ten", "ten nine eight ...": someone counting (a breathing or grounding
    exercise), not a number: the digits are whole numbers in a row, up or down, at least five."""
    if len(digits) < 5:
        return False
    for width in (1, 2):
        if len(digits) < width or (width > 1 and digits[0] == "0"):
            continue
        first = int(digits[:width])
        for step in (1, -1):
            spelled, value, count = "", first, 0
            while len(spelled) < len(digits) and value >= 0:
                spelled += str(value)
                value += step
                count += 1
            if spelled == digits and count >= 5:
                return True
    return False
