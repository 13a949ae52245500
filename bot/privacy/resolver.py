"""Merge overlapping candidates from every recognizer into final, non-overlapping spans.

Highest score first, then the longer span, then the earlier one. A lower candidate that
overlaps spans already kept keeps its uncovered pieces (a name that runs into a place
still loses its first word), because a missed detail costs more than a lost word.
Neighbouring spans of one label ("Grace" "Nguyen") merge into one placeholder, and so do
two candidates of one label that overlap: where a lower one runs on past a higher one
("0seven" + "7009o0321"), its piece is kept even if it cuts a word, since the two
together are one detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List

from bot.privacy.recognizers.base import Candidate, Label


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


def _label(c: Candidate) -> str:
    # a dict look-up, not the enum's ``value`` property: read for every candidate kept
    text = _LABEL_TEXT.get(c.label)
    return text if text is not None else str(c.label)


_LABEL_TEXT = {label: label.value for label in Label}


_FREE_RUNS = re.compile(b"\x00+")


def _key(c: Candidate):
    return (-c.score, c.start - c.end, c.start)


def resolve(text: str, candidates: Iterable[Candidate]) -> List[Span]:
    candidates = list(candidates)
    if not candidates:
        return []
    n = len(text)
    chosen = []
    taken = bytearray(n + 1)
    owner = [""] * (n + 1)  # the label each taken character went to
    if len(candidates) > 1:
        candidates.sort(key=_key)
    for c in candidates:
        start, end = c.start, c.end
        if end <= start or start < 0 or end > n:
            continue
        if taken.find(1, start, end) < 0:
            pieces = [(start, end)]
        else:
            # the runs of characters not taken yet (a scan in C, not a loop per character)
            pieces = [m.span() for m in _FREE_RUNS.finditer(taken, start, end)]
            # keep only pieces that hold a whole word's worth of letters or digits, or
            # that carry on a span of the same label
            label = _label(c)
            pieces = [
                (a, b)
                for a, b in pieces
                if _word_piece(text, a, b)
                or (
                    any(ch.isalnum() for ch in text[a:b])
                    and ((a > 0 and owner[a - 1] == label) or (b < n and owner[b] == label))
                )
            ]
        for a, b in pieces:
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b <= a:
                continue
            label = _label(c)
            taken[a:b] = b"\x01" * (b - a)
            owner[a:b] = [label] * (b - a)
            chosen.append((a, b, label))
    chosen.sort()
    merged: List[Span] = []
    for start, end, label in chosen:
        if merged:
            last = merged[-1]
            gap = text[last.end : start]
            if (
                last.label == label
                and (gap.strip(" ") == "" or (label == "NAME" and gap.strip(" ") == "-"))
                and len(gap) <= 2
            ):
                merged[-1] = Span(last.start, end, label)
                continue
        merged.append(Span(start, end, label))
    return merged


def _word_piece(text: str, a: int, b: int) -> bool:
    piece = text[a:b].strip()
    if not any(ch.isalnum() for ch in piece):
        return False
    # a piece cut out of the middle of a word is noise, not a detail
    left_cut = a > 0 and text[a - 1].isalnum() and text[a].isalnum()
    right_cut = b < len(text) and text[b].isalnum() and text[b - 1].isalnum()
    return not (left_cut or right_cut)
