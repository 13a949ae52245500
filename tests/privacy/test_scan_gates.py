"""Gates that skip a recognizer's scan when the message cannot hold a match: a pattern that
needs 13 digits is not run on "2 weeks ago"; the disguised-email patterns run only with the
mark each needs. A gate may only save time: every message gives the same output with the
gates as with every scan run."""

from __future__ import annotations

import re

import pytest

from bot.privacy.anonymiser import Anonymiser
from bot.privacy.recognizers import contacts, dates, ids, payment, places
from bot.privacy.recognizers.text import TextView, min_digits, ungated

MESSAGES = [
    # the digit gates let these through
    "card 4111 1111 1111 1111 exp 09/27",
    "my ssn is 123-45-6789 dont tell anyone",
    "NI number QQ 12 34 56 C",
    "sort code 12-34-56 and then 12345678",
    "im in Austin TX 78701 now",
    "born 03/04/2009",
    "ref ABC123456 from the council",
    # and skip these (too few digits for a card, an SSN, a zip, a date)
    "we met 2 weeks ago at 3pm",
    "my little bro is 7 and he cried all night",
    "it's been 10 days since i ate properly",
    "top 3 reasons i hate mondays lol",
    # disguised addresses: the family runs with its marks, not without
    "email jo.smith at gmail dot com",
    "its jo_at_hotmail",
    "n.oconnor at ucl ac uk",
    "kev_the_brick at harrowfoods",
    "ellie moon at outlook",
    "meet me at the park. bring snacks",
    "i was at my nans at the weekend",
    "write to jo at gmaıl dot com",  # a dotless ı: case-free matching reads it as "i"
    "ＪＯ＠ＧＭＡＩＬ．ＣＯＭ",
]


@pytest.fixture(scope="module")
def anonymiser():
    return Anonymiser(use_ner=False)


def test_same_output_with_and_without_the_gates(anonymiser):
    gated = [anonymiser.anonymise(t) for t in MESSAGES]
    with ungated():  # every gate open (the corpora-wide check: test_gates_never_miss.py)
        assert [anonymiser.anonymise(t) for t in MESSAGES] == gated


def test_the_digit_gate_skips_short_numbers_and_lets_long_ones_through():
    few = TextView("we met 2 weeks ago at 3pm")
    assert few.digits == 2
    assert few.digit_scan(payment.CARD) == () and few.digit_scan(ids.SSN) == ()
    card = TextView("card 4111 1111 1111 1111")
    assert card.digits == 16
    assert [m.group(0) for m in card.digit_scan(payment.CARD)] == ["4111 1111 1111 1111"]
    assert TextView("no digits at all").digits == 0


def test_fullwidth_digits_count_as_the_scan_sees_them():
    view = TextView("call ０７７００ ９００１２３")  # folded to ASCII digits
    assert view.digits == 11


@pytest.mark.parametrize(
    "pattern, least",
    [
        (r"\d{3}-\d{2}-\d{4}", 9),
        (r"(?:\d{4}|x)", 0),  # a branch without digits
        (r"[0-9a]", 0),  # a class that holds a letter
        (r"[^0-9]\d", 1),
        (r"(?<=\d)a", 0),  # a look-behind consumes nothing
        (r"7\d?(\d)+", 2),
        (r"(?:\d[ -]?){4,}", 4),
        (r"\d{2,3}?", 2),
    ],
)
def test_min_digits_reads_the_pattern(pattern, least):
    assert min_digits(re.compile(pattern)) == least


def test_every_gated_pattern_needs_the_digits_it_is_gated_on():
    # the gates read these figures; a change of a pattern changes its gate with it
    assert min_digits(payment.CARD) == 13
    assert min_digits(payment.SORT_THEN_ACCOUNT) == 14
    assert min_digits(ids.SSN) == 9
    assert min_digits(places.US_STATE_ZIP) == 5
    assert min_digits(dates.DATE_NUMERIC) == 4


def test_disguised_email_family_runs_what_the_marks_allow():
    def family(text):
        return contacts._disguised_family(TextView(text))

    assert family("i was at my nans at the weekend") == ()
    assert family("meet me at the park. bring snacks") == (
        contacts.EMAIL_DISGUISED,
        contacts.EMAIL_MARKED_LOCAL,
    )
    assert contacts.EMAIL_PROVIDER in family("ellie moon at outlook")
    assert contacts.EMAIL_PROVIDER in family("jo at g mail")
    assert contacts.EMAIL_JOINED in family("jo_at_hotmail")
    assert contacts.EMAIL_SPACED_TLD in family("n oconnor at ucl ac uk")
    # other than ASCII: every pattern that needs no mark runs
    assert family("jo at gmaıl") == contacts._DISGUISED_FAMILY[:4]
