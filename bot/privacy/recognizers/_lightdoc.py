"""spaCy's tokenization of a message without building a spaCy ``Doc`` each time.

spaCy's tokenizer reads a text as chunks between single spaces (the loop in
``Tokenizer._tokenize_affixes``) and splits each chunk on its own: the same chunk gives
the same tokens wherever it stands (spaCy's own per-chunk cache relies on it, but skips
every chunk after a special case such as "cant" or "im", so most chat messages were split
afresh each time). ``LightTokenizer`` keeps each chunk's split, taken from real spaCy
``Doc``s, and lays a message out from them as plain lists (token texts, lower case,
offsets) and, on demand, ``LightToken``s with the attributes the recognizers read: ``text
lower_ i idx doc whitespace_ is_punct is_space like_num is_alpha is_sent_start``. A
message with a chunk not seen before is tokenized by spaCy as before (and teaches the
cache its chunks).

Anything else a recognizer asks of a token or a doc (``tok.shape_``, ``doc.vocab``) is
read from the real spaCy ``Doc``, built on first need: a rule that reads another
attribute is correct, only slower. ``tests/privacy/test_light_tokens.py`` checks the light
tokens against spaCy's on every development message and on odd spacing.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

# Runs of whitespace and of anything else: spaCy's chunk loop tests ``str.isspace``,
# which is what ``\s`` matches in a ``str`` pattern.
_RUNS = re.compile(r"\s+|\S+")
# One chunk's tokens: (offsets in the chunk, texts, lower-case texts, lexeme flags)
Entry = Tuple[Tuple[int, ...], Tuple[str, ...], Tuple[str, ...], Tuple[tuple, ...]]
CACHE_LIMIT = 30_000  # chunks kept of each kind: ~320 bytes each, under 20 MB when full


class LightToken:
    """One token: the attributes of spaCy's ``Token`` that the recognizers read."""

    __slots__ = (
        "doc",
        "i",
        "text",
        "lower_",
        "idx",
        "whitespace_",
        "is_punct",
        "is_space",
        "like_num",
        "is_alpha",
        "is_sent_start",
    )

    def __getattr__(self, name: str):
        # only called for attributes not in the slots: spaCy's own token answers
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.doc.spacy[self.i], name)

    def __len__(self) -> int:
        return len(self.text)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


class LightSpan(list):
    """``doc[i:j]``: the light tokens; anything else is read from spaCy's ``Span``."""

    def __init__(self, doc: "LightDoc", start: int, stop: int):
        super().__init__(doc[k] for k in range(start, stop))
        self._where = (doc, start, stop)

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_where":
            raise AttributeError(name)
        doc, start, stop = self._where
        return getattr(doc.spacy[start:stop], name)


class LightDoc:
    """A message's tokens as lists; ``doc[i]`` makes the ``LightToken`` on first use and
    ``spacy`` is the real ``Doc`` (built on first use)."""

    __slots__ = (
        "text",
        "texts",
        "lows",
        "idxs",
        "spaces",
        "flags",
        "first_sent_start",
        "_toks",
        "_spacy",
        "_tokenizer",
    )

    def __len__(self) -> int:
        return len(self.texts)

    def __iter__(self):
        return iter([self[i] for i in range(len(self.texts))])

    def __getitem__(self, i):
        tok = self._toks[i]  # read many times a message: the made token comes back first
        if tok is not None and tok.__class__ is LightToken:
            return tok
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self.texts))
            if step != 1:
                return self.spacy[i]
            return LightSpan(self, start, max(start, stop))
        if tok is None:
            if i < 0:
                i += len(self.texts)
            tok = LightToken.__new__(LightToken)
            tok.doc = self
            tok.i = i
            tok.text = self.texts[i]
            tok.lower_ = self.lows[i]
            tok.idx = self.idxs[i]
            tok.whitespace_ = " " if self.spaces[i] else ""
            tok.is_punct, tok.is_space, tok.like_num, tok.is_alpha = self.flags[i]
            tok.is_sent_start = self.first_sent_start if i == 0 else None
            self._toks[i] = tok
        return tok

    def all_tokens(self) -> list:
        """Every ``LightToken`` of the message, made in one pass (the recognizers read every
        token of every message, so making them one at a time on first ``doc[i]`` only added a
        Python call per read); the list ``doc[i]`` reads, so a token is the same object
        either way."""
        toks = self._toks
        if None in toks:
            texts, lows, idxs, spaces, flags = (
                self.texts,
                self.lows,
                self.idxs,
                self.spaces,
                self.flags,
            )
            new = LightToken.__new__
            for i, tok in enumerate(toks):
                if tok is None:
                    tok = new(LightToken)
                    tok.doc = self
                    tok.i = i
                    tok.text = texts[i]
                    tok.lower_ = lows[i]
                    tok.idx = idxs[i]
                    tok.whitespace_ = " " if spaces[i] else ""
                    tok.is_punct, tok.is_space, tok.like_num, tok.is_alpha = flags[i]
                    tok.is_sent_start = self.first_sent_start if i == 0 else None
                    toks[i] = tok
        return toks

    @property
    def spacy(self):
        if self._spacy is None:
            self._spacy = self._tokenizer(self.text)
        return self._spacy

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.spacy, name)


def _new_doc(text: str, tokenizer, spacy_doc=None) -> LightDoc:
    doc = LightDoc.__new__(LightDoc)
    doc.text = text
    doc._tokenizer = tokenizer
    doc._spacy = spacy_doc
    doc.first_sent_start = None
    return doc


def chunks(text: str) -> List[Tuple[int, int, bool]]:
    """(start, end, a space follows) for each chunk, exactly as spaCy's loop cuts them:
    a run of text, or of whitespace less the single space that ends the token before."""
    out: List[Tuple[int, int, bool]] = []
    start = 0
    for m in _RUNS.finditer(text):
        i = m.start()
        if i == 0:
            continue
        if start < i:
            out.append((start, i, False))
        if text[i] == " ":
            if out:
                s, e, _ = out[-1]
                out[-1] = (s, e, True)
            start = i + 1
        else:
            start = i
    if start < len(text):
        out.append((start, len(text), False))
    return out


_FLAGS: Dict[tuple, tuple] = {}  # the few distinct flag tuples, shared by every entry
_AT_START = (0,)


def _flags(t) -> tuple:
    key = (t.is_punct, t.is_space, t.like_num, t.is_alpha)
    return _FLAGS.setdefault(key, key)


class LightTokenizer:
    """spaCy's tokenization, laid out from remembered chunks. Thread-safe: the caches
    are only read, or given whole new entries."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self._cache: Dict[str, Entry] = {}
        # The first chunk of a message: spaCy marks its first token as a sentence start
        # unless a special case replaced it (" hi"), so it is kept apart with that mark.
        self._first: Dict[str, Tuple[Entry, Optional[bool]]] = {}

    def __call__(self, text: str) -> LightDoc:
        if not text:
            return self._spacy_doc(text)
        if " " not in text[0] + text[-1] and "  " not in text and text.isprintable():
            # the usual message: its only whitespace is single spaces between chunks
            # (``str.isprintable`` is false for every other character ``isspace`` takes)
            doc = self._words(text)
            return doc if doc is not None else self._spacy_doc(text)
        cuts = chunks(text)
        first = self._first.get(text[cuts[0][0] : cuts[0][1]]) or self._learn(
            text[cuts[0][0] : cuts[0][1]], True
        )
        if first is None:
            return self._spacy_doc(text)
        cache = self._cache
        texts: List[str] = []
        lows: List[str] = []
        idxs: List[int] = []
        spaces: List[bool] = []
        flags: List[tuple] = []
        entry = first[0]
        for start, end, space in cuts:
            if entry is None:
                chunk = text[start:end]
                entry = cache.get(chunk)
                if entry is None:
                    learned = self._learn(chunk, False)
                    if learned is None:
                        return self._spacy_doc(text)
                    entry = learned[0]
            rel, t, low, fl = entry
            texts += t
            lows += low
            flags += fl
            if len(rel) == 1:
                idxs.append(start)
                spaces.append(space)
            else:
                idxs += [start + r for r in rel]
                spaces += [False] * (len(rel) - 1)
                spaces.append(space)
            entry = None
        doc = _new_doc(text, self.tokenizer)
        doc.texts, doc.lows, doc.idxs, doc.spaces, doc.flags = texts, lows, idxs, spaces, flags
        doc.first_sent_start = first[1]
        doc._toks = [None] * len(texts)
        return doc

    def _words(self, text: str) -> Optional[LightDoc]:
        """``__call__`` for a text whose chunks are ``text.split(" ")`` (new ones learned);
        None if a chunk's tokens do not lie inside it."""
        words = text.split(" ")
        first = self._first.get(words[0]) or self._learn(words[0], True)
        if first is None:
            return None
        get = self._cache.get
        entries = [first[0]]
        entries += [get(w) for w in words[1:]]
        if None in entries:
            for k in range(1, len(words)):
                if entries[k] is None:
                    learned = self._learn(words[k], False)
                    if learned is None:
                        return None
                    entries[k] = learned[0]
        texts: List[str] = []
        lows: List[str] = []
        flags: List[tuple] = []
        idxs: List[int] = []
        spaces: List[bool] = []
        start = 0
        for w, (rel, t, low, fl) in zip(words, entries, strict=True):
            texts += t
            lows += low
            flags += fl
            if len(rel) == 1:
                idxs.append(start)
                spaces.append(True)
            else:
                idxs += [start + r for r in rel]
                spaces += [False] * (len(rel) - 1)
                spaces.append(True)
            start += len(w) + 1
        spaces[-1] = False
        doc = _new_doc(text, self.tokenizer)
        doc.texts, doc.lows, doc.idxs, doc.spaces, doc.flags = texts, lows, idxs, spaces, flags
        doc.first_sent_start = first[1]
        doc._toks = [None] * len(texts)
        return doc

    def _learn(self, chunk: str, first: bool) -> Optional[Tuple[Entry, Optional[bool]]]:
        """One new chunk, tokenized by spaCy on its own (as it is inside any text), and
        remembered; None if its tokens do not lie inside it (never seen: then the whole
        message is read by spaCy)."""
        toks = list(self.tokenizer(chunk))
        if (
            not toks
            or "".join([t.text for t in toks]) != chunk
            or any(t.whitespace_ for t in toks)
            or any(t.is_sent_start is not None for t in toks[1:])
        ):
            return None
        # shared objects where they can be (a few hundred bytes a chunk, not a kilobyte)
        texts = (chunk,) if len(toks) == 1 else tuple([t.text for t in toks])
        lows = tuple([t.lower_ for t in toks])
        if lows == texts:
            lows = texts
        entry = (
            _AT_START if len(toks) == 1 else tuple([t.idx for t in toks]),
            texts,
            lows,
            tuple([_flags(t) for t in toks]),
        )
        learned = (entry, toks[0].is_sent_start)
        if first:
            if len(self._first) < CACHE_LIMIT:
                self._first[chunk] = learned
        elif len(self._cache) < CACHE_LIMIT:
            self._cache[chunk] = entry
        return learned

    def _spacy_doc(self, text: str) -> LightDoc:
        """A message read by spaCy as a whole (nothing remembered)."""
        sdoc = self.tokenizer(text)
        doc = _new_doc(text, self.tokenizer, sdoc)
        toks = list(sdoc)
        doc.texts = [t.text for t in toks]
        doc.lows = [t.lower_ for t in toks]
        doc.idxs = [t.idx for t in toks]
        doc.spaces = [bool(t.whitespace_) for t in toks]
        doc.flags = [_flags(t) for t in toks]
        doc.first_sent_start = toks[0].is_sent_start if toks else None
        doc._toks = [None] * len(toks)
        return doc
