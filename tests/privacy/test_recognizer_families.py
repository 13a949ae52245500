"""Each recognizer on the families of details the v2 adversarial set found weak (issue #14).

Per recognizer: typed candidates it must return on the way people type (ids spaced or in
words, houses without a street word, word-like names, handles named by context, phone
numbers in pieces), and ordinary sentences of the same shape it must leave alone: the
words counsellors read (hope, may, grace, will, mark; times, prices, doses, scores; crisis
and feeling words) are as important as the details. Sentences are written for these
tests, not taken from any sealed set.
"""

from __future__ import annotations

import pytest

from bot.privacy.anonymiser import anonymise, get
from bot.privacy.recognizers.base import Label
from bot.privacy.recognizers.contacts import EmailRecognizer, PhoneRecognizer
from bot.privacy.recognizers.handles import HandleRecognizer
from bot.privacy.recognizers.ids import IdRecognizer
from bot.privacy.recognizers.names import NameRecognizer
from bot.privacy.recognizers.organisations import OrganisationRecognizer
from bot.privacy.recognizers.payment import PaymentRecognizer
from bot.privacy.recognizers.places import AddressRecognizer, PlaceRecognizer
from bot.privacy.recognizers.text import TextView
from tests.support.marked import touched as _touched


def spans(recognizer, text: str, label: Label):
    """The pieces of ``text`` the recognizer returns with ``label``."""
    view = TextView(text, get().analysis)
    return [text[c.start : c.end] for c in recognizer.find(view) if c.label == label]


def covers(recognizer, text: str, detail: str, label: Label) -> bool:
    start = text.index(detail)
    end = start + len(detail)
    view = TextView(text, get().analysis)
    return any(
        c.label == label and c.start <= start and end <= c.end for c in recognizer.find(view)
    )


def kept(text: str, *words: str) -> None:
    out = anonymise(text)
    for w in words or (text,):
        assert w in out, f"{w!r} was removed from {text!r}: {out!r}"


@pytest.fixture(scope="module")
def analysis():
    return get().analysis


# --- ids and plates ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, detail",
    [
        ("my ni is t m 4 4 0 1 2 9 b", "t m 4 4 0 1 2 9 b"),  # spaced out
        ("national insurance: zx-19-44-02-c", "zx-19-44-02-c"),  # hyphenated
        ("reg is yk sixty one rtz", "yk sixty one rtz"),  # partly in words
        ("plate, HG 12 PQ 7781", "HG 12 PQ 7781"),  # Indian shape after a comma
        ("passport no is p 55 208 113", "p 55 208 113"),
        ("matriculation number: m2290311k", "m2290311k"),
        ("my works number is 77 410 2", "77 410 2"),
    ],
)
def test_ids_after_their_cue_however_written(text, detail):
    assert covers(IdRecognizer(), text, detail, Label.ID), spans(IdRecognizer(), text, Label.ID)


@pytest.mark.parametrize(
    "text, detail",
    [
        ("saw it again, GT-508-KL, same car", "GT-508-KL"),  # French plate in capitals
        ("it was a red one KA 05 MN 2231", "KA 05 MN 2231"),  # Indian plate
        ("the okada was ABJ 552 QT", "ABJ 552 QT"),  # Nigerian plate
        ("a truck 4XYZ829 nearly hit me", "4XYZ829"),  # US plate
        ("my login is w7730019", "w7730019"),  # a letter and seven digits
    ],
)
def test_id_shapes_without_a_cue(text, detail):
    assert covers(IdRecognizer(), text, detail, Label.ID)


@pytest.mark.parametrize(
    "text",
    [
        "the plates are 3 for 5 quid",
        "school is 20 mins away",
        "my id is fine i found it",
        "i took 2 of the 50mg ones at 10pm",
        "we lost 2-3 in the final",
        "covid19 was a bad time, ps5 helped",
        "my uni is 2 hours away",
    ],
)
def test_ids_leave_ordinary_numbers(text):
    assert spans(IdRecognizer(), text, Label.ID) == []


# --- places given by description ---------------------------------------------------


@pytest.mark.parametrize(
    "text, detail",
    [
        ("23 wexcombe, near the rec", "23 wexcombe"),
        ("flat 9, 14 tarnbrook, over the vape shop", "flat 9, 14 tarnbrook"),
        ("5c hollinbrook, the house with the trampoline", "5c hollinbrook"),
        ("number 8 on the parade, opposite the bakery", "number 8 on the parade"),
        ("we're the bungalow on linacre, number 21", "the bungalow on linacre, number 21"),
        ("the blue house on the corner of ash and birch", "on the corner of ash and birch"),
        ("unit 3 at 19 Cressley", "3 at 19 Cressley"),
        ("my addy is 7", "7"),
    ],
)
def test_houses_without_a_street_word(text, detail):
    assert covers(AddressRecognizer(), text, detail, Label.ADDRESS), spans(
        AddressRecognizer(), text, Label.ADDRESS
    )


@pytest.mark.parametrize(
    "text, detail",
    [
        ("we're staying in hulme now", "hulme"),
        ("my gran is from thrissur, kerala", "thrissur, kerala"),
        ("she lives near long crendon", "long crendon"),
    ],
)
def test_towns_in_lower_case_after_in_or_from(text, detail, analysis):
    assert covers(PlaceRecognizer(analysis), text, detail, Label.LOCATION)


def test_a_name_after_from_stays_a_name():
    out = anonymise("a message from priya")
    assert out == "a message from [NAME]", out


@pytest.mark.parametrize(
    "text, detail",
    [
        ("my sister works at the big lidl in openshaw", "lidl"),
        ("he cleans at the travelodge by the motorway", "travelodge"),
        ("i do nights at the royal infirmary", "royal infirmary"),
        ("she's a nurse at st mungo's hospital", "st mungo's hospital"),
        ("i go to birchfield academy", "birchfield academy"),
    ],
)
def test_workplaces_and_institutions_in_lower_case(text, detail, analysis):
    assert covers(OrganisationRecognizer(analysis), text, detail, Label.ORG), spans(
        OrganisationRecognizer(analysis), text, Label.ORG
    )


@pytest.mark.parametrize(
    "text",
    [
        "3 sisters, all older than me",
        "i have 2 dogs, a cat and a rabbit",
        "2 weeks, maybe 3",
        "i slept 4 hours, then woke up",
        "number 5 on the list is sleep",
        "i'm in bed, can't sleep",
        "i live in fear of him",
        "i'm in recovery, so proud",
        "i work at home most days",
        "i work at the moment but i hate it",
        "i was in the local hospital last week",
        "she works at the hospital",
        "went hospital after i overdosed",
    ],
)
def test_places_leave_ordinary_sentences(text):
    kept(text)


# --- names that are ordinary words -------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("fern from my netball team is so mean", "fern"),
        ("i think star is ignoring me again", "star"),
        ("hi im clover", "clover"),
        ("im blossom btw, 14", "blossom"),
        ("i'm ember, 17, from leeds", "ember"),
        ("my best mate, robin, said it was fine", "robin"),
        ("sky is coming over later", "sky"),
        ("me n jasmine are doing a project", "jasmine"),
        ("i hope hope is ok", "hope"),
        ("sugar is my little sister", "sugar"),
        ("basil has been texting me all night", "basil"),
    ],
)
def test_word_like_names_by_their_cues(text, name, analysis):
    found = spans(NameRecognizer(analysis), text, Label.NAME)
    assert any(name in f.lower() for f in found), found


@pytest.mark.parametrize(
    "text, words",
    [
        ("i hope you know how alone i feel", ("hope", "alone")),
        ("hope is all i have left", ("hope",)),
        ("i will try the breathing thing later", ("will",)),
        ("may i ask something", ("may",)),
        ("i will mark it later", ("will", "mark")),
        ("by the grace of god i'm still here", ("grace",)),
        ("i'm tired btw", ("tired",)),
        ("i'm fine, thanks", ("fine",)),
        ("i walk there when im sad", ("sad",)),
        ("hi im sad", ("sad",)),
        ("hey i'm good thanks", ("good",)),
        ("i'm done, 100%", ("done",)),
        ("the help from work was good", ("help", "work")),
        ("grace from god is all i need", ("grace",)),
        ("i feel hopeless and numb and i want to self-harm", ("hopeless", "numb", "self-harm")),
        ("me and my mum are going shopping", ("mum",)),
        ("i hope, hope, hope it works", ("hope",)),
    ],
)
def test_names_leave_the_words_counsellors_read(text, words):
    kept(text, *words)


# --- handles named by context ------------------------------------------------------


@pytest.mark.parametrize(
    "text, handle",
    [
        ("i stream on twitch as sleepyowl", "sleepyowl"),
        ("in game name is NightKestrel", "NightKestrel"),
        ("summoner name is frogz4ever", "frogz4ever"),
        ("add me on snap, im literally just biscuitmoon", "biscuitmoon"),
        ("my insta was just.a.lemon now its lemon.the.cat", "lemon.the.cat"),
        ("snap me at tilly . rose . 9", "tilly . rose . 9"),
    ],
)
def test_handles_named_by_context(text, handle):
    assert covers(HandleRecognizer(), text, handle, Label.HANDLE), spans(
        HandleRecognizer(), text, Label.HANDLE
    )


@pytest.mark.parametrize(
    "text",
    [
        "my insta is private",
        "i post as often as i can",
        "i play as a team now",
        "i went to school. then home. then bed.",
        "i stream as much as i can when im sad",
    ],
)
def test_handles_leave_ordinary_sentences(text):
    kept(text)


# --- contacts and payment in pieces ------------------------------------------------


@pytest.mark.parametrize(
    "text, detail",
    [
        ("my number starts 07822 and ends 611 940", "07822"),
        ("my number starts 07822 and ends 611 940", "611 940"),
        ("area code 0161, then 496 0022", "0161, then 496 0022"),
        ("work phone 0113 496 0780 ext 221", "0113 496 0780 ext 221"),
        ("my number is oh seven eight oh", "oh seven eight oh"),
    ],
)
def test_phone_numbers_in_pieces(text, detail):
    assert covers(PhoneRecognizer(), text, detail, Label.PHONE)


@pytest.mark.parametrize(
    "text",
    [
        "i'm going to call 999",
        "ring 116 123 they said",
        "call me at 5 tonight",
        "i took 200 tablets then called 999",
        "text me after 3",
        "ring me before 10:30",
        "text me back about the 300 quid",
        "i'll call you in 2024",
    ],
)
def test_phone_pieces_leave_helplines_times_and_amounts(text):
    kept(text)


@pytest.mark.parametrize(
    "text, detail",
    [
        ("ok its moc.kooltuo@semaj.t", "moc.kooltuo@semaj.t"),
        ("write to m a i s i e at gmail", "m a i s i e at gmail"),
        ("im owl_eyes_7 on yahoo", "owl_eyes_7 on yahoo"),
    ],
)
def test_emails_without_the_usual_shape(text, detail):
    assert covers(EmailRecognizer(), text, detail, Label.EMAIL)


@pytest.mark.parametrize(
    "text, detail",
    [
        ("it expires the end of feb 2028", "feb 2028"),
        ("expiry is one one twenty seven", "one one twenty seven"),
        ("bsb 083-170", "083-170"),
        ("routing number 111000025", "111000025"),
    ],
)
def test_payment_pieces(text, detail):
    assert covers(PaymentRecognizer(), text, detail, Label.CARD)


def test_payment_leaves_ordinary_expiry():
    kept("the offer expires in 3 days", "3", "days")
    kept("my bus pass expires in may lol", "may")


# --- a detail announced in one message, given in the next ---------------------------


@pytest.mark.parametrize(
    "context, text, detail",
    [
        ("what's the reg", "NX 63 WKD", "NX 63 WKD"),
        ("what do people call you", "its fern. just fern", "fern"),
        ("address?", "it's aldgate close, 4", "aldgate close, 4"),
        ("my passport number is", "5 3 3 1 0 8 2 7 4", "5 3 3 1 0 8 2 7 4"),
    ],
)
def test_detail_given_after_it_was_asked_for(context, text, detail):
    out = anonymise(text, context=[context])
    assert detail not in out and detail.split()[-1] not in out.split(), out


def test_context_reply_that_is_only_a_reply_is_kept():
    assert anonymise("no. not telling", context=["what's your name?"]) == "no. not telling"
    assert anonymise("it's fine", context=["my reg is"]) == "it's fine"


# Session 13: words the v9 tune half lost, as families (fresh sentences): the app named
# alone, laughter after a handle's platform, a time after "work at", a count of nights
# after "my house", a plural acronym, a tag's platform after "called", a Discord tag's
# '#' read as a house number.
@pytest.mark.parametrize(
    "text",
    [
        "is it bad i deleted TikTok and now i feel so bored",
        "spent all night on Snapchat again",
        "my GCSEs start next week and i cant breathe",
        "the MRIs came back clear but i still feel awful",
        "Work at 8 tomorrow and i havent slept",
        "shift at 7.30 tmrw, cant face it",
        "he sat outside my house 3 nights in a row",
        "saw it on tiktok lmaooo",
        "on insta hahaha i know",
    ],
)
def test_session13_look_alikes_keep_their_words(text):
    assert _touched(text) == []


@pytest.mark.parametrize(
    "text, kept",
    [
        ("the page bullying her is called sadgirl_0412 on Instagram.", "on Instagram"),
        ("add me, chippy#2291 on discord", "on discord"),
        ("he's @ kai_the_king on tiktok lmaooo", "lmaooo"),
    ],
)
def test_handle_taken_and_its_platform_kept(text, kept):
    out = anonymise(text)
    assert "[HANDLE]" in out and kept in out, out
