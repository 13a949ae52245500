"""Test sentences with their personal details marked in place: ``"call [[jo]] tonight"``.

Family tests of the anonymiser write what must be removed inside ``[[...]]``, so a sentence
reads as people type it and the spans cannot drift from the text."""

from __future__ import annotations

import re

from bot.privacy.anonymiser import find

_MARK = re.compile(r"\[\[(.+?)\]\]")


def unmark(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """The plain text and the (start, end) of each marked detail in it."""
    text, spans, pos = [], [], 0
    for m in _MARK.finditer(marked):
        text.append(marked[pos : m.start()])
        start = sum(len(t) for t in text)
        text.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), spans


def still_readable(marked: str, context=None) -> list[str]:
    """The marked details that the anonymiser leaves (partly) readable: [] when all are found."""
    text, spans = unmark(marked)
    mask = bytearray(len(text) + 1)
    for sp in find(text, context):
        for i in range(sp.start, sp.end):
            mask[i] = 1
    return [
        text[s:e] for s, e in spans if not all(mask[i] for i in range(s, e) if text[i].isalnum())
    ]


def touched(text: str) -> list[str]:
    """Words of ``text`` some placeholder took: [] for a look-alike whose words all stay."""
    mask = bytearray(len(text) + 1)
    for sp in find(text):
        for i in range(sp.start, sp.end):
            mask[i] = 1
    return [m.group(0) for m in re.finditer(r"\w+", text) if any(mask[m.start() : m.end()])]


def others_taken(marked: str) -> list[str]:
    """Words outside the marked details that some placeholder took: [] when only the details
    went (the words beside a detail must stay readable)."""
    text, spans = unmark(marked)
    mask = bytearray(len(text) + 1)
    for sp in find(text):
        for i in range(sp.start, sp.end):
            mask[i] = 1
    return [
        w.group(0)
        for w in re.finditer(r"\w+", text)
        if any(mask[w.start() : w.end()]) and not any(s <= w.start() < e for s, e in spans)
    ]
