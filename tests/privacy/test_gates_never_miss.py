"""No scan gate ever skips a scan that would have found something.

Every recognizer must give the same candidates on a message with the gates on as with all of
them open (``text.ungated()``: the one switch every gate reads), over the project's PII corpora
(our corpus, the developer's adversarial set, the retired sets read whole and the study halves
of the split ones; never a held-out half) and variants of each message made to sit on the
gates' edges: case changed, digits spelled as words or typed as look-alike letters, digit
groups run together, "@" and "." said as words, a non-ASCII letter in it, and a cue said before
it (the context pass reads "my number is " + the reply). A recognizer gate added later (a new
cue behind a word or mark test) is held to the same rule once it reads ``view.gated``.
"""

from __future__ import annotations

import re
from typing import Iterator, List

import pytest

from bot.privacy.anonymiser import _CUES, Anonymiser
from bot.privacy.recognizers.text import TextView, ungated
from eval.anonymiser import (
    CORPUS,
    DEV_ADVERSARIAL,
    SPLITS,
    WHOLE,
    load_jsonl,
    load_marked,
    with_pair_context,
)

_SPOKEN = "oh one two three four five six seven eight nine".split()
_LOOKALIKE = str.maketrans("01", "Ol")
_PREFIXES = [prefix for _rx, _label, prefix in _CUES]


def corpus_messages() -> List[str]:
    """Every message of the PII corpora a helper may study, each once."""
    rows = load_jsonl(CORPUS) + load_marked(DEV_ADVERSARIAL)
    for _version, path in WHOLE:
        rows += load_jsonl(path)
    for _version, path, split in SPLITS:
        tune, _held_out = split(with_pair_context(load_jsonl(path)))
        rows += tune
    seen, out = set(), []
    for row in rows:
        for text in [row["text"], *(row.get("context") or [])]:
            if text not in seen:
                seen.add(text)
                out.append(text)
    return out


def variants(k: int, text: str) -> Iterator[str]:
    """The message and its variants (the case change and the non-ASCII letter taken in turn,
    so the whole run stays under a minute of CPU)."""
    yield text
    yield (str.upper, str.lower, str.title)[k % 3](text)
    if any(c.isdigit() for c in text):
        yield re.sub(r"\d", lambda m: f" {_SPOKEN[int(m.group(0))]} ", text)
        yield text.translate(_LOOKALIKE)
        yield re.sub(r"(?<=\d)[\s.-](?=\d)", "", text)
    if "@" in text or "." in text:
        yield text.replace("@", " at ").replace(".", " dot ")
    if k % 2:
        yield text.replace("i", "\u0131", 1) + " \u2728"
    yield _PREFIXES[k % len(_PREFIXES)] + text


@pytest.fixture(scope="module")
def anonymiser():
    return Anonymiser(use_ner=False)


def _found(rec, view) -> list:
    return sorted(rec.find(view))


def test_no_gate_skips_a_scan_that_would_find_something(anonymiser):
    recs, analysis = anonymiser.recognizers, anonymiser.analysis
    texts = corpus_messages()
    assert len(texts) > 3000  # the corpora are there
    misses = []
    seen = set()
    for k, base in enumerate(texts):
        for text in variants(k, base):
            if text in seen or not text:
                continue
            seen.add(text)
            gated = TextView(text, analysis)
            got = [_found(rec, gated) for rec in recs]
            with ungated():
                open_view = TextView(text, analysis)
                open_view._tokens = gated.tokens  # the tokens read no gate: made once
                want = [_found(rec, open_view) for rec in recs]
            for rec, a, b in zip(recs, got, want, strict=True):
                if a != b:
                    misses.append(f"{rec.name}: {text!r}\n  gated {a}\n  open  {b}")
    assert not misses, f"{len(misses)} gated scans differ:\n" + "\n".join(misses[:10])


def test_the_switch_opens_every_gate():
    # a message the gates skip scans on: with them open, the scans run
    view = TextView("we met 2 weeks ago at the park")
    from bot.privacy.recognizers import contacts, payment

    assert view.digit_scan(payment.CARD) == ()
    assert contacts._disguised_family(view) != contacts._DISGUISED_FAMILY
    with ungated():
        open_view = TextView("we met 2 weeks ago at the park")
        assert open_view.digit_scan(payment.CARD) != ()
        assert contacts._disguised_family(open_view) == contacts._DISGUISED_FAMILY
    assert TextView.gated
