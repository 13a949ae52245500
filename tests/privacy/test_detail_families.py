"""Families of disguised details, typed the way people type (written for these tests).

Each family has messages that must lose the detail and look-alike messages whose words
must all stay (counsellors read them). Every detail is marked ``[[so]]``; a case passes
when every letter and digit of each marked detail is inside a placeholder and, in the
"kept" cases, no word is touched at all.
"""

from __future__ import annotations

import pytest

from bot.privacy.anonymiser import anonymise, find
from tests.support.marked import still_readable as _removed

# --- phone numbers with digits and number words glued together --------------------
GLUED_PHONES = [
    "text me on [[07eight00 900one23]] after work",
    "its [[0seven7seven00nine00four56]] dont tell my mum",
    "ring [[o7nine11 two22 three33]] pls",
    "my number: [[+44seven700900one2three]]",
]


@pytest.mark.parametrize("marked", GLUED_PHONES)
def test_glued_phone_numbers(marked):
    assert _removed(marked) == []


# --- emails with the sign said in words, country endings, a bare domain word -------
EMAILS = [
    "its [[sam.k then the at sign then outlook dot com]] if u need it",
    "write to [[jonas_w at symbol web dot de]] thats my german one",
    "email me: [[marta.r at wp dot pl]]",
    "you can email my therapist at [[drnina at mindfulbridgeclinic]] she said its fine",
    "send it to [[ola at posteo dot de]] please",
]


@pytest.mark.parametrize("marked", EMAILS)
def test_disguised_emails(marked):
    assert _removed(marked) == []


# --- handles named by their place, not by an "@" ----------------------------------
HANDLES = [
    "i go by [[moth_in_june]] on most sites",
    "shes called [[kayz_2009]] on whatsapp",
    "my soundcloud is [[lil frost v]], its sad songs mostly",
    "add me on league, summoner name is [[Pale Comet Rising]]",
    "paypal me @ [[@dan-the-van-88]] and ill pay u back",
]


@pytest.mark.parametrize("marked", HANDLES)
def test_handles_by_context(marked):
    assert _removed(marked) == []


# --- identity numbers named by initials or a role, plates read in pieces -------------
IDS = [
    "my PPS number [[7654321KA]] if the form needs it",
    "im patient [[4 4 1 9 2]] on the ward",
    "the van plate starts with [[K, K P 21 then J R X]]",
    "SIN number is [[046 454 286]]",
]


@pytest.mark.parametrize("marked", IDS)
def test_ids_and_plates(marked):
    assert _removed(marked) == []


# --- names after "i think", places by description ------------------------------------
NAMES_AND_PLACES = [
    "i think [[jade]] likes me but idk",
    "i swear [[rowan]] texted him first",
    "we moved to [[Sector 62]] last year",
    "the cottage [[off Mill Hollow]] is where my nan lives",
    "our flat is in the old tannery building [[on Quay Side]]",
]


@pytest.mark.parametrize("marked", NAMES_AND_PLACES)
def test_names_and_places(marked):
    assert _removed(marked) == []


def test_full_name_given_after_being_asked():
    assert _removed("[[Dana]]. [[Dana Whitlock]]", ["what was her name"]) == []
    assert _removed("its [[ravi shah]]", ["who is he"]) == []


# --- look-alikes that are ordinary text: every word must stay -------------------------
KEPT = [
    "i did 2nite what i said i would, top10 worst days",
    "we are in phase 3 of the move now",
    "Stage 2 of grief is anger apparently",
    "i was at the park then at home, at least i tried",
    "i think hope helps a bit",
    "i feel like nobody likes me",
    "my insta is private",
    "i have no 20 quid left",
    "my house number is on the door",
    "he stayed home on Monday",
    "i want to die and i think nobody cares",
    "i read on some sites that it gets better",
    "she is patient 3 of 5 today",
    "folow me on tiktok @lena_sings tbh",
]


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_words_are_kept(text):
    spans = find(text)
    if "@" in text:  # only the @handle goes
        assert [text[s.start : s.end] for s in spans] == ["@lena_sings"]
    else:
        assert spans == [], [text[s.start : s.end] for s in spans]


def test_crisis_words_survive_next_to_details():
    out = anonymise("i think jade likes me but i want to kill myself, call 07eight00 900one23")
    for word in ("kill", "myself", "want", "likes"):
        assert word in out
    assert "jade" not in out and "900one23" not in out


@pytest.mark.parametrize(
    "junk", ["0" * 5000, "one" * 3000, "at " * 3000, "@-" * 2000, "sector 1 " * 800]
)
def test_long_junk_never_raises(junk):
    assert isinstance(anonymise(junk), str)


def test_a_name_after_thousands_of_modifiers_still_goes():
    text = "my " + "old " * 3000 + "sister Priyanka said hi"
    assert "Priyanka" not in anonymise(text)
