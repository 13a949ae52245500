"""The one normalisation of a short reply (bot/nlu/short_reply.fold) and the readers of replies
that hold no answer yet (issue #16). The refusal reader, the not-knowing reader and the "I'm safe
now" reader each had their own copy of the normalisation; the copies are kept here, verbatim, as
the reference the shared helper must agree with."""

from __future__ import annotations

import re

import pytest

from actions.common import clean_text
from actions.refusal import is_refusal
from bot.crisis.aftercare import _DOUBT, SAFE_STATEMENT, says_safe
from bot.nlu.short_reply import NOT_SURE, fold, is_unsure


def _old_refusal_form(text):
    lowered = clean_text(text).lower().replace("’", "'")
    return re.sub(r"\s+", " ", lowered).strip()


def _old_is_unsure(text):
    return isinstance(text, str) and bool(NOT_SURE.match(text.lower().replace("’", "'")))


def _old_says_safe(text):
    if not text:
        return False
    cleaned = " ".join(text.lower().replace("’", "'").split())
    return bool(SAFE_STATEMENT.fullmatch(cleaned)) and not _DOUBT.search(cleaned)


BASE = [
    "idk",
    "IDK",
    "i dont know",
    "I don’t know",
    "i’m not sure",
    "Not Sure really",
    "no idea lol",
    "hmm",
    "???",
    "nothing comes to mind",
    "can’t think of anything",
    "idk what to do about my job",
    "can we not",
    "Can We NOT",
    "this isn’t helping",
    "this isnt helping, i still feel sick",
    "i’d rather not",
    "I'd  rather   not",
    "please stop",
    "no",
    "i don’t want to fail again",
    "ok im safe now",
    "I’m safe now",
    "i'm safe",
    "Im  SAFE  thanks",
    "ya estoy a salvo",
    "i’m not safe",
    "im safe but not really",
    "i am ok and safe now",
    "",
    "   ",
    "\tidk\t",
]
# Each line as people type it, and with the spacing a chat window may send.
CORPUS = sorted(
    {v for t in BASE for v in (t, t.upper(), t.replace("'", "’"), f"{t} ", t.replace(" ", "  "))}
)


@pytest.mark.parametrize("text", CORPUS)
def test_the_refusal_reader_sees_what_it_saw_before(text):
    assert fold(clean_text(text)) == _old_refusal_form(text)


@pytest.mark.parametrize("text", CORPUS)
def test_the_safe_reader_accepts_what_it_accepted_before(text):
    assert says_safe(text) == _old_says_safe(text)


@pytest.mark.parametrize("text", CORPUS)
def test_the_not_knowing_reader_accepts_what_it_accepted_before(text):
    # Its callers pass cleaned text (a validated answer, a quoted slot value).
    assert is_unsure(clean_text(text)) == _old_is_unsure(clean_text(text))


def test_the_readers_still_tell_hits_from_answers():
    assert is_unsure("I don’t know") and is_unsure("no idea tbh") and is_unsure("hmm")
    assert not is_unsure("idk what to do about my job") and not is_unsure("nothing is working")
    assert is_refusal("this isn’t helping") and is_refusal("Can We NOT")
    assert not is_refusal("i don't want to fail again") and not is_refusal("no")
    assert says_safe("I’m safe now") and says_safe("Im  SAFE  thanks")
    assert not says_safe("i’m not safe") and not says_safe("im safe but not really")


def test_fold_is_the_one_normalisation():
    assert fold("  I’M   Not\tSure ") == "i'm not sure"
    assert fold(None) == "" and fold("") == ""


def test_the_corpus_is_varied():
    # The equivalence tests above would prove little on a handful of lines.
    assert len(CORPUS) > 100 and any("’" in t for t in CORPUS) and any("  " in t for t in CORPUS)
