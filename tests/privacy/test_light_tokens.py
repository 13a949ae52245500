"""The light token layer gives exactly spaCy's tokens, and the plain-Python place phrases
exactly spaCy's ``PhraseMatcher`` matches.

``TokenAnalysis.view`` lays a message out from remembered chunk splits instead of building
a spaCy ``Doc`` (``recognizers/_lightdoc.py``); the name, organisation and place
recognizers read those tokens, so any difference (a token, an offset, a flag, the first
token's sentence start) would change what they find. Checked on every development message
(each read twice: once to learn its chunks, once from the cache) and on odd spacing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.privacy.anonymiser import get
from bot.privacy.recognizers._lightdoc import LightTokenizer, chunks

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "eval" / "data"

ODD = [
    "",
    " ",
    "  ",
    "\n",
    " hi",
    "  hi  there  ",
    "hi\n\nthere",
    "a \n b",
    "end. ",
    "\thello\tworld\t",
    "Mr. Smith's e.g. :) a.m. ok",
    "i cant , wont dont.im fine!!",
    "lol :) :( :-) <3 xD",
    "my  mum\u00a0said  ok",
    "co-op.uk and stoke-on-trent's",
    "email me at jo.smith@gmail.com or ring 07700 900123",
    "WHAT?! no...   yes",
    "it's 5pm, 10km, 3am & £20",
    "\u2019s \u201cquoted\u201d \u2014 dash",
    "emoji 😭😭 here🙏",
]


def _texts():
    out = list(ODD)
    for path in sorted(DATA.rglob("*")):
        if path.suffix not in (".jsonl", ".tsv") or "sealed" in path.relative_to(DATA).parts[:1]:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if path.suffix == ".jsonl":
                out.append(json.loads(line)["text"])
            else:
                cols = line.split("\t")
                if len(cols) > 1:
                    out.append(cols[1].replace("[[", "").replace("]]", ""))
    # Retired sets sit both whole and split in halves: each text once is the same check.
    return list(dict.fromkeys(out))


def _spacy_tokens(doc):
    return [
        (
            t.text,
            t.lower_,
            t.i,
            t.idx,
            t.whitespace_,
            t.is_punct,
            t.is_space,
            t.like_num,
            t.is_alpha,
            t.is_sent_start,
        )
        for t in doc
    ]


@pytest.fixture(scope="module")
def analysis():
    return get().analysis


def test_light_tokens_are_spacys_on_every_dev_message(analysis):
    light = LightTokenizer(analysis.tokenizer)  # a fresh cache: learn, then read
    texts = _texts()
    assert len(texts) > 1000
    wants = [_spacy_tokens(analysis.tokenizer(text)) for text in texts]
    for rnd in range(2):
        for text, want in zip(texts, wants, strict=True):
            doc = light(text)
            assert _spacy_tokens(doc) == want, (rnd, text)
            assert doc.texts == [w[0] for w in want]
            assert doc.lows == [w[0].lower() for w in want]


def test_chunks_learned_in_one_message_lay_out_another(analysis):
    light = LightTokenizer(analysis.tokenizer)
    light("hey, my mum cant cope lol")
    light("ok so")
    # every chunk of this one is known now, none of it from this text
    doc = light("ok my mum lol")
    assert doc._spacy is None
    assert _spacy_tokens(doc) == _spacy_tokens(analysis.tokenizer("ok my mum lol"))


def test_chunks_cut_where_spacy_cuts():
    assert chunks("a b") == [(0, 1, True), (2, 3, False)]
    assert chunks("a   b") == [(0, 1, True), (2, 4, False), (4, 5, False)]
    assert chunks(" a") == [(0, 1, False), (1, 2, False)]
    assert chunks("a\n b") == [(0, 1, False), (1, 3, False), (3, 4, False)]
    assert chunks("a ") == [(0, 1, True)]


def test_other_attributes_and_slices_come_from_spacy(analysis):
    doc = analysis.light("Sarah went to Leeds yesterday")
    sdoc = analysis.tokenizer("Sarah went to Leeds yesterday")
    assert doc[0].shape_ == sdoc[0].shape_ == "Xxxxx"
    assert [t.text for t in doc[1:4]] == ["went", "to", "Leeds"]
    assert doc[1:4].text == "went to Leeds"
    assert doc[-1].text == "yesterday" and doc[-1].i == 4
    assert doc.vocab is sdoc.vocab


def test_place_phrases_are_the_phrase_matchers(analysis):
    for text in _texts() + [
        "she moved to new york last year",
        "im from milton keynes",
        "stoke-on-trent or stoke on trent, new new york york",
        "no places here",
    ]:
        doc = analysis.tokenizer(text)
        want = [(s, e) for _, s, e in analysis.phrases(doc)]
        assert analysis.place_phrases([t.lower_ for t in doc]) == want, text


def test_a_full_cache_stops_growing_and_still_gives_spacys_tokens(analysis, monkeypatch):
    from bot.privacy.recognizers import _lightdoc

    monkeypatch.setattr(_lightdoc, "CACHE_LIMIT", 3)
    light = LightTokenizer(analysis.tokenizer)
    texts = ["my mum cant cope", "jo  said hi\nto me", "ok so what now lol", "ring 07700 900123"]
    for text in texts * 2:
        assert _spacy_tokens(light(text)) == _spacy_tokens(analysis.tokenizer(text)), text
    assert len(light._cache) <= 3 and len(light._first) <= 3


def test_a_chunk_spacy_would_not_keep_inside_itself_sends_the_message_to_spacy(analysis):
    light = LightTokenizer(analysis.tokenizer)
    light._learn = lambda chunk, first: None  # as if a chunk's tokens ran past it
    for text in ("hi there", "a  b\nc"):
        doc = light(text)
        assert doc._spacy is not None
        assert _spacy_tokens(doc) == _spacy_tokens(analysis.tokenizer(text))
