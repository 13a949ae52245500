"""Email scans rewritten to fail faster, finding the same matches: the disguised-email scans
that put a name part right before a form of "@" take each run of word characters whole
(``contacts._LOCAL_AT``, ``(?![\\w+-])`` after a run), and the rewriting of said signs
(``_NORMALISE``) says up front which characters its forms open on. Each is checked against
the pattern as written before, on addresses and on the ordinary words a scan starts from, in
several registers."""

from __future__ import annotations

import re

import pytest

from bot.privacy.recognizers import contacts

MESSAGES = [
    # addresses, disguised every which way
    "email jo.smith at gmail dot com",
    "JO.SMITH AT GMAIL DOT COM pls",
    "its n.oconnor at ucl ac uk",
    "mia dash p at outlook",
    "nat underscore g at yahoo dot co dot uk",
    "evans 2 0 0 8 at hotmail . com",
    "kay.lee[at]gmail[dot]com",
    "jo_smith (at) protonmail",
    "ahmed.r then the at sign then gmail dot com",
    "markus punkt weber at web punkt de",
    "jamie.mcallister at harrowfoods",
    "kev+spam@gmail",
    "sam-o'neil at icloud dot com",
    "x" * 45 + " at gmail dot com",  # a run longer than any name part
    "a.very.long.name.with.many.parts.one.two.three.four at gmail dot com",
    # ordinary words: a scan starts at every one of them and must find nothing new
    "meet me at the park. bring snacks",
    "i was at my nans at the weekend and it was grim",
    "at least he said sorry at the end.",
    "idk wat 2 do anymore, at all",
    "bobhash at gmail",
    "lol at that",
    "",
    "@",
    "at",
]
PATTERNS = ["EMAIL_DISGUISED", "EMAIL_SPACED_TLD", "EMAIL_PROVIDER", "EMAIL_MARKED_LOCAL"]
_MARKED_END = r"[A-Za-z0-9](?![\w.+-])"


def _reference(name: str) -> "re.Pattern":
    """The pattern as it was written before: the plain name part, no whole-run test."""
    fast = getattr(contacts, name)
    if name == "EMAIL_MARKED_LOCAL":
        assert _MARKED_END in fast.pattern
        return re.compile(fast.pattern.replace(_MARKED_END, "[A-Za-z0-9]", 1), fast.flags)
    assert contacts._LOCAL_AT in fast.pattern
    return re.compile(fast.pattern.replace(contacts._LOCAL_AT, contacts._LOCAL), fast.flags)


def _matches(rx, text):
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("name", PATTERNS)
def test_whole_runs_find_what_the_plain_name_part_finds(name):
    fast, slow = getattr(contacts, name), _reference(name)
    found = 0
    for text in MESSAGES + [m.upper() for m in MESSAGES] + [m.replace(" ", "  ") for m in MESSAGES]:
        want = _matches(slow, text)
        assert _matches(fast, text) == want, text
        found += bool(want)
    assert found  # the check reads real addresses, not only misses


def test_marked_name_part_is_taken_whole():
    text = "jamie.mcallister at harrowfoods, jo.smith99 (at) example and meet at the park"
    spans = [m.span() for m in contacts.EMAIL_MARKED_LOCAL.finditer(text)]
    assert [text[a:b] for a, b in spans] == [
        "jamie.mcallister at harrowfoods",
        "jo.smith99 (at) example",
    ]


def test_every_form_of_at_opens_on_no_word_character():
    """What makes the whole-run reading exact: no form of "@" (and no join inside a name
    part) can begin with a word character, ``+`` or ``-``."""
    at = re.compile(contacts._AT, re.IGNORECASE)
    join = re.compile(contacts._JOIN, re.IGNORECASE)
    for ch in "abcxyz019_+-":
        assert at.match(ch + " at gmail") is None
        assert join.match(ch + " dot x") is None


NORMALISED = MESSAGES + [
    "ana punto g arroba gmail punto com",
    "ahmed.r@@gmail..com",
    "s m i t h at gmail dot com",
    "jo [at] example [dot] org",
    "jo, at sign, example, dot, com",
    "then the at thing then example dot com",
    "ellie at the aol one",
    "first name dot surname at the google one",
    "jo 'at' example *dot* com",
    "mia\tdash\tp at outlook",
]


def test_normalise_opens_only_where_its_forms_can():
    fast, slow = contacts._NORMALISE, contacts._NORMALISE_FORMS
    assert fast.pattern.startswith("(?=[") and fast.pattern.endswith(f"(?:{slow.pattern})")
    found = 0
    for text in NORMALISED + [m.upper() for m in NORMALISED]:
        want = [(m.span(), m.lastgroup) for m in slow.finditer(text)]
        assert [(m.span(), m.lastgroup) for m in fast.finditer(text)] == want, text
        found += len(want)
    assert found > 20


def test_no_form_of_a_said_sign_opens_on_a_letter_or_digit():
    slow = contacts._NORMALISE_FORMS
    for text in ("at sign", "dot com", "underscore x", "dash x", "@@x", "then at x", "d0t x"):
        assert slow.match(text) is None, text
        assert slow.match(" " + text) is not None or text.startswith("@"), text
