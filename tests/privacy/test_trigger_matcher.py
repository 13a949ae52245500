"""The plain-Python trigger matcher gives exactly spaCy's ``Matcher`` matches.

``TokenAnalysis.trigger_matches`` replaced spaCy's ``Matcher`` for speed (it was the
largest single cost per message); the name, organisation and place recognizers read its
``(start, end)`` spans by kind, so any difference would change what they find.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.privacy.anonymiser import get
from bot.privacy.recognizers._tokens import _index_patterns, _walk

ROOT = Path(__file__).resolve().parents[2]

# Typed the way people type: lower case, no apostrophes, run-ons, optional words.
TEXTS = [
    "my baby sister is called rosa and my ex bf keeps texting",
    "me and my best mate went out, my older step brother's name is kai",
    "hi, its me again. im at work rn lol",
    "i'm fine. it's just my mum, she's called jen",
    "my new old friend , tom said hi",
    "talking to dave about it, then spoke with ana",
    "mr. smith and mrs jones at the school, dr patel too",
    "i work at tesco and i live in leeds but grew up in hull",
    "my little sis's name was sam",
    "our twin twin brother named alex",
    "i go by jay, known as jj, yours, kim",
    "",
    "...",
    "MY SISTER IS CALLED RUTH",
    "cheers, ben",
]


def _reference(analysis, text):
    doc = analysis.tokenizer(text)
    found = {}
    for match_id, s, e in analysis.reference_matcher()(doc):
        found.setdefault(analysis.vocab.strings[match_id], []).append((s, e))
    for spans in found.values():
        spans.sort()
    return doc, found


def _corpus_texts(limit=400):
    texts = []
    path = ROOT / "eval" / "data" / "pii_corpus.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines()[:limit]:
        if line.strip():
            texts.append(json.loads(line)["text"])
    return texts


@pytest.fixture(scope="module")
def analysis():
    return get().analysis


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_spacy_matcher(analysis, text):
    doc, want = _reference(analysis, text)
    assert analysis.trigger_matches([t.lower_ for t in doc]) == want


def test_same_matches_on_the_corpus(analysis):
    matcher = analysis.reference_matcher()
    for text in _corpus_texts():
        doc = analysis.tokenizer(text)
        want = {}
        for match_id, s, e in matcher(doc):
            want.setdefault(analysis.vocab.strings[match_id], []).append((s, e))
        for spans in want.values():
            spans.sort()
        assert analysis.trigger_matches([t.lower_ for t in doc]) == want, text


def test_view_finds_multiword_places_only_when_a_first_word_is_there(analysis):
    # the gate before the phrase matcher must not lose a multi-word place
    for text in ("she moved to new york last year", "im from milton keynes", "no places here"):
        doc = analysis.tokenizer(text)
        want = [(s, e) for _, s, e in analysis.phrases(doc)]
        assert analysis.view(text).matches.get("PLACE", []) == want


def test_walk_optional_and_repeated_steps():
    first = _index_patterns(
        {
            "K": [
                [
                    {"LOWER": "my"},
                    {"LOWER": {"IN": ["big", "little"]}, "OP": "*"},
                    {"LOWER": "sis"},
                    {"ORTH": ",", "OP": "?"},
                ]
            ]
        }
    )
    ((kind, steps, fixed),) = first["my"]
    assert not fixed
    assert kind == "K"
    low = "my big little sis , hi".split()
    assert sorted(_walk(steps, low, 1, len(low))) == [4, 5]
    assert _walk(steps, "my sis".split(), 1, 2) == [2]
    assert _walk(steps, "my brother".split(), 1, 2) == []


def test_patterns_must_open_on_a_required_step():
    with pytest.raises(ValueError):
        _index_patterns({"K": [[{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}]]})
    with pytest.raises(ValueError):
        _index_patterns({"K": [[{"ORTH": "Mr"}]]})


def test_a_long_run_of_optional_words_stays_linear(analysis):
    # "*" is walked step by step, not by recursion: no RecursionError, the name still found
    low = ["my"] + ["old"] * 5000 + ["sister", "jo"]
    assert (0, 5002) in analysis.trigger_matches(low)["KIN"]
