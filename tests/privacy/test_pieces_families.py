"""Details given in pieces or announced by their kind's name, typed the way people type
(written for these tests, in the families the retired v5 set showed; none is a copy of it).

- titles stay readable: "mrs [NAME]", "dr. [NAME]", "Nurse [NAME]" (who the person is to the
  writer, not who they are; the convention of the newer adversarial sets);
- the name of a kind of detail ("IBAN", "NINO", "eircode", "BSB", "GP") is never a detail;
- an email's name part read out a piece at a time with "then" between, or spelled with dashes;
- a handle after "under" its platform, or after "my spam account, which is";
- a card's code "on the back" called the back code, an expiry said in words or after "expired";
- a postcode fragment after "starts"/"begins with", an eircode;
- a phone number read in pieces joined by "then", an extension, digits glued to number words;
- a listed name joined by "and" to a parent or partner before a plural verb;
- a named place followed by what it is ("care home", "school", "hospital") is that ORG.

Each family has look-alikes whose words must all stay: doses, times, prices, scores, feelings.
A detail is marked ``[[so]]``.
"""

from __future__ import annotations

import re

import pytest

from bot.privacy.anonymiser import anonymise
from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


# --- titles stay, the name goes --------------------------------------------------
@pytest.mark.parametrize(
    "text, title",
    [
        ("my form tutor mrs okonjo keeps asking if im ok", "mrs"),
        ("Dr. Aziz said the waiting list is 6 months", "Dr"),
        ("saw dr patel again, she upped my dose", "dr"),
        ("mr farrell from next door called the police on us", "mr"),
        ("Nurse Bevan was the only one who listened", "Nurse"),
        ("ms kowalski gave me a detention for crying", "ms"),
    ],
)
def test_titles_stay_readable_and_the_name_goes(text, title):
    out = anonymise(text)
    assert "[NAME]" in out, out
    assert re.search(r"\b" + re.escape(title) + r"\b\.? ?\[NAME\]", out), out


def test_the_verb_miss_is_no_title():
    assert anonymise("i miss dawn so much") == "i miss [NAME] so much"
    assert _touched("i really miss school and my mates") == []


# --- the name of a kind of detail is never the detail -------------------------------
@pytest.mark.parametrize(
    "marked, kept",
    [
        ("IBAN [[GB33 BUKB 2020 1555 5555 55]] pls refund there", "IBAN"),
        ("NINO [[QQ 12 34 56 C]] if they need it", "NINO"),
        ("Eircode [[A65 F4E2]] is my nans", "Eircode"),
        ("my BSB is [[062-914]] if that matters", "BSB"),
        ("CVV [[381]]", "CVV"),
    ],
)
def test_kind_names_stay(marked, kept):
    assert _left(marked) == []
    text = marked.replace("[[", "").replace("]]", "")
    assert kept in anonymise(text)


@pytest.mark.parametrize(
    "text",
    [
        "going to the GP tomorrow about my meds",
        "the GP said its anxiety not my heart",
        "what even is an IBAN lol",
        "Eircode? no idea what mine is",
    ],
)
def test_kind_names_alone_are_kept(text):
    assert _touched(text) == []


# --- emails read out in pieces -----------------------------------------------------
EMAILS = [
    "email is [[mo then a dot then haddad then 7 at yahoo dot com]]",
    "its [[priya then underscore then k at outlook]] if u need it",
    "ok [[jj then 9 then 9 then at hotmail dot co dot uk]]",
    "my email: [[r.o.s.i.e.b @ g-m-a-i-l . c-o-m]] dont judge",
    "send it to [[kev m (no dot) then 88 at gmail]] ta",
    "[[f-i-n-n at i-c-l-o-u-d . c-o-m]] is the one i check",
]


@pytest.mark.parametrize("marked", EMAILS)
def test_emails_read_out_in_pieces(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "i'll text you then at home",
        "she said sorry then at lunch she ignored me again",
        "take one then at 8pm take another one",
        "meet me then at the station and we can talk",
    ],
)
def test_then_at_in_everyday_talk_is_kept(text):
    assert _touched(text) == []


# --- handles after their platform ----------------------------------------------------
HANDLES = [
    "i post my drawings on tumblr under [[mothwing_art]]",
    "on wattpad as [[quietinkwell]], nobody irl knows",
    "he made a new account on insta, his spam account, which is [[lilbean underscore 04]]",
    "my finsta, which is [[not.today.satan]], is where i vent",
]


@pytest.mark.parametrize("marked", HANDLES)
def test_handles_named_after_their_platform(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "discord changed to the new username system so no more numbers",
        "i'm on tiktok as well but i dont post",
        "i'm on insta under my real name so i cant say much there",
    ],
)
def test_platform_talk_without_a_handle_is_kept(text):
    assert _touched(text) == []


# --- card pieces ----------------------------------------------------------------------
PAYMENT = [
    "he knows the back code, [[9 1 4]], and the long number",
    "the back number is [[207]] and i think he used it",
    "exp date [[oh four slash twenty nine]] on the one he took",
    "expiry [[one two over two seven]]",
    "the old card expired [[06/24]] and the new one came",
    "my visa expires [[nine slash 28]]",
]


@pytest.mark.parametrize("marked", PAYMENT)
def test_card_pieces_said_any_way(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "my visa expired two years ago so i cant travel",
        "the exp on the milk was like 2 or 3 days ago",
        "back pain is 7 out of 10 today",
        "my prescription expired and the GP wont answer",
    ],
)
def test_expiry_and_back_look_alikes_are_kept(text):
    assert _touched(text) == []


# --- postcode fragments -----------------------------------------------------------------
POSTCODES = [
    "postcode starts [[LS6]] if you need the area",
    "my post code begins with [[m14]] idk the rest",
    "eircode is [[T12]] something, near the hospital",
    "zip is just [[90210]] lol",
]


@pytest.mark.parametrize("marked", POSTCODES)
def test_postcode_fragments(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "my postcode starts with a 2 i think",
        "the zip on my hoodie broke, took like 10 mins to fix",
        "postcode is just 5 letters long lol",
    ],
)
def test_postcode_talk_without_one_is_kept(text):
    assert _touched(text) == []


# --- phone numbers in pieces ---------------------------------------------------------------
PHONES = [
    "number starts [[oh seven eight, then its 12 then 4 double 0 then 391]]",
    "work line is [[020 7946 0018 ext. 214]]",
    "call [[0seven9hundred 555 six6six]]",
    "office: [[212.555.0147 x 33]] ask for me",
]


@pytest.mark.parametrize("marked", PHONES)
def test_phone_numbers_in_pieces(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "i took 2 then 2 more at 3am",
        "call 999 then 111 if it gets worse",
        "ring samaritans on 116 123 then try and sleep",
        "we lost 2 then 1 then drew 0-0, worst season",
    ],
)
def test_numbers_in_pieces_that_are_not_phones_are_kept(text):
    assert _touched(text) == []


# --- a name joined to kin -----------------------------------------------------------------------
NAMES = [
    "dad and [[autumn]] have been together 2 years and she hates me",
    "mum and [[sage]] are going on holiday without me",
    "my brother and [[rowan]] were fighting again",
    "me n [[jade]] are going to the gp together",
]


@pytest.mark.parametrize("marked", NAMES)
def test_names_joined_to_kin(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "mum and work are both stressing me out",
        "dad and money are all we argue about",
        "my sister and school are the only things keeping me going",
    ],
)
def test_kin_and_everyday_words_are_kept(text):
    assert _touched(text) == []


# --- a named place and what it is ----------------------------------------------------------------
PLACES = [
    "my nan is in [[Rosewood Lodge care home]] now",
    "i go to [[Kingsmead Academy]] and it's awful",
    "grandad is in [[Ashfield Court nursing home]], the staff are lovely",
]


@pytest.mark.parametrize("marked", PLACES)
def test_named_homes_schools_and_hospitals(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "i hate school so much",
        "she went into a care home last year and i miss her",
        "the hospital discharged me after 2 days",
    ],
)
def test_unnamed_homes_and_schools_are_kept(text):
    assert _touched(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "took 2tablets at 3am, feel sick",
        "it was 1oneday thing, nvm",
        "i got 4g signal finally lol",
        "my student number is on my 2nd card",
    ],
)
def test_digits_glued_to_words_that_are_not_numbers_are_kept(text):
    assert _touched(text) == []


# --- vehicle ids: a VIN anywhere, a part of a plate said as a part ---------------------------------
VEHICLES = [
    "the VIN on the logbook is [[WVWZZZ1JZXW000001]] if the police ask",
    "his car is a black golf, plate ends in [[4 K L]]",
    "the reg starts with [[KX 6]], i only saw that much",
    "van plate ending [[R 7 T]], white transit",
]


@pytest.mark.parametrize("marked", VEHICLES)
def test_vehicle_ids_and_plate_parts(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "my reg ends in 2 weeks so i need to renew",
        "the plate starts with a 7 i think but i was panicking",
        "the car park ends at 6pm",
        "my dose went from 20mg to 40mg and the side effects are awful",
    ],
)
def test_vehicle_look_alikes_are_kept(text):
    assert _touched(text) == []


# --- a card told by its start and its end; a NINO after ", which is" (session 13) -----
CARD_ENDS = [
    "its [[4921 88]] then some numbers then [[3017]] on my visa",
    "mums card starts [[5188]] and ends in [[0442]]",
    "his debit card was [[4539]]... blah blah ...[[6621]]",
    "card is [[3714]] xxxx then [[9930]] idk the rest",
    "i had to give my NINO, which is [[QQ 12 34 56 C]]",
    "my ni number which is [[jx 44 55 66 a]]",
]


@pytest.mark.parametrize("marked", CARD_ENDS)
def test_card_start_and_end_found(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "i put £5000 then 2000 more on my credit card and now im scared",
        "card got declined 4 then 5 times today",
        "paid 3000 then some more 2000 on the card",
        "my card got charged 3300 then 4400 and then it froze",
    ],
)
def test_card_start_and_end_look_alikes_kept(text):
    assert _touched(text) == []
