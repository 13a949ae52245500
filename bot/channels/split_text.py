"""Split a long reply into parts that fit a messenger's length limit.

Telegram refuses messages over 4,096 characters. A reply cut in the middle of a word or
sentence reads badly, so parts end at a sentence boundary when one fits, else at
whitespace, and only a single word longer than the limit is ever cut inside.
"""

from __future__ import annotations

import re
from typing import List

TELEGRAM_LIMIT = 4096

# The end of a sentence: terminal punctuation, optional closing quotes or brackets, then
# whitespace; or a line break (a list item or a new paragraph is a boundary too).
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*\s+|\n\s*")
_WHITESPACE = re.compile(r"\s+")


def utf16_length(text: str) -> int:
    """Length as Telegram may count it (UTF-16 code units), never less than len(text)."""
    return len(text.encode("utf-16-le")) // 2


def _longest_prefix(text: str, limit: int) -> int:
    """Index of the longest prefix of ``text`` whose UTF-16 length is at most ``limit``."""
    if utf16_length(text) <= limit:
        return len(text)
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def _cut_point(text: str, end: int) -> int:
    """Where to end a part of at most ``end`` characters: sentence end, else whitespace.

    The window looks one character past ``end`` so that a boundary falling exactly at the
    limit counts (the whitespace after it is dropped from the part anyway).
    """
    window = text[: end + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.start() > 0]
    if ends:
        return ends[-1]
    spaces = [m.start() for m in _WHITESPACE.finditer(window) if m.start() > 0]
    if spaces:
        return spaces[-1]
    return end  # a single word longer than the limit: cut inside it


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> List[str]:
    """Parts of ``text`` (stripped), each at most ``limit`` UTF-16 units; [] for blank text."""
    if limit < 1:
        raise ValueError("limit must be positive")
    remaining = text.strip()
    parts: List[str] = []
    while remaining:
        # At least one character per part, even a 2-unit emoji against a limit of 1.
        end = max(_longest_prefix(remaining, limit), 1)
        if end >= len(remaining):
            parts.append(remaining)
            break
        cut = _cut_point(remaining, end)
        head = remaining[:cut].rstrip()
        if not head:  # cannot happen (remaining is stripped), but never loop forever
            head, cut = remaining[:end], end
        parts.append(head)
        remaining = remaining[cut:].lstrip()
    return parts
