"""Case-insensitive patterns scanned case-sensitively on lower-case text (same matches, faster).

Python's ``re`` with ``IGNORECASE`` folds every character it compares and cannot skip
ahead on a literal, so the recognizers' many ``IGNORECASE`` scans cost three to four times
a case-sensitive scan of the same text. For an ASCII text the two agree exactly: every
comparison of ``IGNORECASE`` is a comparison of the lower-case forms, so ``twin`` (the same
pattern, its letters lower-cased, without the flag) finds on ``text.lower()`` the matches,
at the same places, that the pattern finds on ``text``. ``CaseFreePattern`` scans that way
and hands back the pattern's own match at each place (``rx.match(text, start)``: the match a
search finds at a place is the match that starts there), so callers see the very match
objects they saw before. Non-ASCII text, and any pattern whose lower-casing could change its
meaning (``(?-i:``, an escape naming a character, a range across cases), keep the plain
scan. ``tests/privacy/test_casefree.py`` checks both agree on every development message.
"""

from __future__ import annotations

import re
import sys
from typing import Optional

_MAX = sys.maxsize
# the last text lower-cased: every recognizer scans the same folded text of one message
_LAST = ("", "")


def _lower(text: str) -> Optional[str]:
    """``text.lower()`` for an ASCII text (None otherwise), remembered for the next pattern."""
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    if not text.isascii():
        return None
    low = text.lower()
    _LAST = (text, low)
    return low


def lower_pattern(pattern: str) -> Optional[str]:
    """``pattern`` with its letters lower-cased where that keeps its case-insensitive meaning
    on lower-case ASCII text; None where it might not (the pattern then keeps its plain scan)."""
    if "(?-" in pattern or "(?x" in pattern or "(?L" in pattern or "(?u" in pattern:
        return None
    out = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return None
            nxt = pattern[i + 1]
            if nxt in "xuUN0" or (nxt.isdigit() and in_class):
                return None  # a character named by its code: leave the pattern alone
            out.append(pattern[i : i + 2])  # \S \W \b \d \1 ...: no letter to fold
            i += 2
            continue
        if not in_class and pattern.startswith("(?P<", i):
            end = pattern.find(">", i)
            if end < 0:
                return None
            out.append(pattern[i : end + 1])  # a group's name is no text to match
            i = end + 1
            continue
        if not in_class and pattern.startswith("(?P=", i):
            end = pattern.find(")", i)
            if end < 0:
                return None
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        if not in_class and c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("]")
                i += 1
            continue
        if in_class and c == "]":
            in_class = False
            out.append(c)
            i += 1
            continue
        if in_class and c == "-" and out and i + 1 < n and pattern[i + 1] != "]":
            lo, hi = pattern[i - 1], pattern[i + 1]
            if hi == "\\" or lo in "[^":
                return None
            # a range: both ends letters of one case, or no letter between them
            if lo.isalpha() or hi.isalpha():
                if not (lo.isascii() and hi.isascii() and lo.isalpha() and hi.isalpha()):
                    return None
                if lo.isupper() != hi.isupper():
                    return None
            elif ord(lo) <= ord("z") and ord(hi) >= ord("A"):
                return None
            out.append(c)
            i += 1
            continue
        if not c.isascii() and (c.lower() != c or c.upper() != c):
            return None  # a non-ASCII letter: its case folding is not ASCII's
        if in_class and c.isascii() and c.isupper():
            out.append(c.lower())
        elif not in_class and c.isascii() and c.isupper():
            # a literal capital outside a class; "(?i" flags are letters too
            out.append(c.lower())
        else:
            out.append(c)
        i += 1
    if in_class:
        return None
    return "".join(out)


class CaseFreePattern:
    """An ``IGNORECASE`` pattern whose scans of ASCII text run case-sensitively on the lower
    case (``search``, ``finditer``); anything else is the pattern's own."""

    __slots__ = ("rx", "twin")

    def __init__(self, rx: "re.Pattern", twin: "re.Pattern"):
        self.rx = rx
        self.twin = twin

    def search(self, string, pos=0, endpos=_MAX):
        low = _lower(string) if isinstance(string, str) else None
        if low is None:
            return self.rx.search(string, pos, endpos)
        m = self.twin.search(low, pos, endpos)
        return None if m is None else self.rx.match(string, m.start(), endpos)

    def finditer(self, string, pos=0, endpos=_MAX):
        low = _lower(string) if isinstance(string, str) else None
        if low is None:
            return self.rx.finditer(string, pos, endpos)
        if low is string:  # already lower case: the twin's matches are the matches
            return self.twin.finditer(string, pos, endpos)
        return self._iter(string, low, pos, endpos)

    def _iter(self, string, low, pos, endpos):
        match = self.rx.match
        for m in self.twin.finditer(low, pos, endpos):
            yield match(string, m.start(), endpos)

    def match(self, string, pos=0, endpos=_MAX):
        return self.rx.match(string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=_MAX):
        return self.rx.fullmatch(string, pos, endpos)

    def __getattr__(self, name):
        return getattr(self.rx, name)

    def __repr__(self) -> str:
        return f"CaseFreePattern({self.rx!r})"


_SWAPPED: dict = {}  # pattern -> its CaseFreePattern (or itself): one object per pattern


def case_free(rx):
    """``rx`` as a ``CaseFreePattern`` when it is ``IGNORECASE`` and lower-casing is safe;
    the same object every time (code that tells patterns apart by ``is`` still can)."""
    if not isinstance(rx, re.Pattern) or not (rx.flags & re.IGNORECASE):
        return rx
    fast = _SWAPPED.get(rx)
    if fast is not None:
        return fast
    fast = rx
    if isinstance(rx.pattern, str):
        lowered = lower_pattern(rx.pattern)
        if lowered is not None:
            try:
                twin = re.compile(lowered, rx.flags & ~re.IGNORECASE)
            except re.error:
                twin = None
            if twin is not None and twin.groups == rx.groups and twin.groupindex == rx.groupindex:
                fast = CaseFreePattern(rx, twin)
    _SWAPPED[rx] = fast
    return fast


def _swap(value, depth: int = 0):
    """``value`` with every pattern in it (tuples, lists and dicts, a few levels deep) swapped."""
    if isinstance(value, re.Pattern):
        return case_free(value)
    if depth > 3:
        return value
    if value.__class__ is tuple:
        items = tuple([_swap(v, depth + 1) for v in value])
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if value.__class__ is list:
        for k, v in enumerate(value):
            new = _swap(v, depth + 1)
            if new is not v:
                value[k] = new
    elif value.__class__ is dict:
        for k, v in list(value.items()):
            new = _swap(v, depth + 1)
            if new is not v:
                value[k] = new
    return value


def speed_up(module) -> None:
    """Swap the ``IGNORECASE`` patterns a module holds (alone or in its tuples, lists and
    dicts) for ``CaseFreePattern``s, one per pattern across every module."""
    for name, value in list(vars(module).items()):
        if name.startswith("__"):
            continue
        new = _swap(value)
        if new is not value:
            setattr(module, name, new)
