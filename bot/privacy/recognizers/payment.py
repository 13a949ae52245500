"""Payment details, whole or in pieces: card numbers, the last four digits, CVV, expiry,
IBAN (with or without spaces, checked by its mod-97 sum), sort codes and account numbers.
"""

from __future__ import annotations

import re
from typing import List, Optional

from bot.privacy.recognizers.base import Candidate, Label, Score
from bot.privacy.recognizers.contacts import luhn_ok
from bot.privacy.recognizers.numbers import NUMBER_WORDS, number_runs
from bot.privacy.recognizers.text import opens

IGNORE_CASE = re.IGNORECASE

CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
# Four groups of four (or Amex's 4-6-5) are a card's shape even when the sum fails.
CARD_GROUPED = re.compile(
    r"(?<![\d-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}|3\d{3}[ -]\d{6}[ -]\d{5})(?![\d-])"
)
_CARD_WORD = (
    r"(?:card|debit|credit|visa|mastercard|master\s+card|amex|maestro|bank\s+card|account|acc|acct)"
)
LAST_FOUR = re.compile(
    r"(?:\b(?:ending|ends|ended|finishing|finishes)(?:\s+(?:in|with|on))?|\blast\s+(?:4|four)(?:\s+(?:digits?|numbers?|nums?))?"
    r"(?:\s+(?:of|on|from)\s+(?:my|the|his|her|their|mums?|dads?|your)?\s*(?:\w+\s+)?"
    + _CARD_WORD
    + r"(?:\s+(?:number|no\.?))?)?"
    r"|(?:(?:[xX*•#]{2,4}|\.{4})[ -]?){1,3}|"
    + _CARD_WORD
    + r"\s+(?:no\.?|number)?\s*(?:ending|ends))"
    r"\s*(?:digits?\s*)?(?:are|is|was|were|:|-|=|of|in|'s)?\s*(?:like\s+)?(\d{4}|\d\s\d\s\d\s\d)\b",
    IGNORE_CASE,
)
LAST_FOUR = opens(LAST_FOUR)  # the same matches, tried only where one can open
CVV = re.compile(
    r"\b(?:cvv2?|cvc2?|cv2|csc|cid|security\s+(?:code|number|digits)|(?:3|three|4|four)[ -]?digits?(?:\s+(?:code|number))?"
    r"(?:\s+on\s+the\s+back)?|(?:digits|numbers?|code)\s+on\s+the\s+back)\b(?:\s+(?:of|on)\s+(?:it|the\s+card|my\s+card))?"
    r"[^0-9\n]{0,16}?(?<!\d)(\d{3,4}|\d\s\d\s\d)(?!\d)",
    IGNORE_CASE,
)
EXPIRY = re.compile(
    r"\b(?:exp(?:iry|ires|iration|\.)?(?:\s+date)?|valid\s+(?:thru|through|until|till|to)|expire[sd]?\s+(?:on|in)?)\s*(?:is|:|-|=|date)?\s*"
    r"(\d{1,2}\s?[/.-]\s?\d{2,4}|\d{4}\s?[/.-]\s?\d{1,2})\b",
    IGNORE_CASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# The expiry given as a month and year: "expires end of march 2027", "exp sept 28".
EXPIRY_MONTH = re.compile(
    r"\b(?:exp(?:iry|ires|iration|\.)?(?:\s+date)?|valid\s+(?:thru|through|until|till|to)|expires?)"
    r"\s*(?:is|:|-|=|on|in|at)?\s*(?:the\s+)?(?:end\s+of\s+|start\s+of\s+)?"
    r"(" + _MONTH + r"\s*'?(?:\d{4}|\d{2}))\b",
    IGNORE_CASE,
)
# Bank routing numbers: an Australian BSB ("bsb 062-000"), a US routing (ABA) number.
ROUTING = re.compile(
    r"\b(?:bsb|routing(?:\s+number)?|aba|transit(?:\s+number)?)\s*(?:number|no\.?)?\s*(?:is|:|=|-)?\s*"
    r"(\d{3}[ -]?\d{3}|\d{9})\b",
    IGNORE_CASE,
)
# (a space after the country code only in capitals, as printed: "GB 29 NWBK 6016 ...")
IBAN_START = re.compile(r"(?<![A-Za-z0-9])(?:[A-Za-z]{2}|[A-Z]{2}\s)\d{2}(?=[ A-Za-z0-9]{11,})")
IBAN_CONTEXT = re.compile(
    r"\biban\b\s*(?:number|no\.?)?\s*(?:is|:|=|-)?\s*([A-Za-z]{2}\d{2}(?:\s?(?:(?=[A-Za-z]{0,3}\d)[A-Za-z0-9]{1,4}|(?-i:[A-Z]{4}))){2,8})(?![A-Za-z0-9])",
    IGNORE_CASE,
)
SORT_CODE = re.compile(
    r"(?:\bsort(?:\s*code)?|\bs/?c)\s*(?:is|:|=|-)?\s*(\d{2}\s?[- ]?\s?\d{2}\s?[- ]?\s?\d{2})\b",
    IGNORE_CASE,
)
# A sort code's shape, then an account number's eight digits, with no word naming either:
# "pay into 40 11 62 then 71234598", "20-11-90 44718822", "30 96 26, 70125533".
SORT_THEN_ACCOUNT = re.compile(
    r"(?<![\d/.-])(\d{2}[ -]\d{2}[ -]\d{2})(?:\s*[,/&]\s*|\s+(?:and\s+)?(?:then\s+)?|\s*-\s*)"
    r"(?:(?:acc(?:ount)?|a/c)\s*(?:no\.?|num(?:ber)?)?\s*(?:is\s+)?)?(\d{8})(?![\d/.-])",
    IGNORE_CASE,
)
ACCOUNT_NUMBER = re.compile(
    r"\b(?:account|acc|acct|a/c|bank)\s*(?:number|no\.?|num|#)?\s*(?:is|:|=|-)?\s*(\d(?:[ -]?\d){5,11})\b",
    IGNORE_CASE,
)
_CARD_WORDS = frozenset(
    "card debit credit visa mastercard master amex maestro bank account acc acct".split()
)
# Each context regex runs only when one of its words is in the message.
_GATED = (
    (LAST_FOUR, frozenset("ending ends ended finishing finishes last".split()) | _CARD_WORDS),
    (CVV, frozenset("cvv cvv2 cvc cvc2 cv2 csc cid security digit digits back".split())),
    (EXPIRY, frozenset("exp expiry expires expire expired expiration valid".split())),
    (EXPIRY_MONTH, frozenset("exp expiry expires expire expiration valid".split())),
    (ROUTING, frozenset("bsb routing aba transit".split())),
    (IBAN_CONTEXT, frozenset(["iban"])),
    (SORT_CODE, frozenset(["sort", "sc", "s"])),
    (ACCOUNT_NUMBER, frozenset("account acc acct a bank".split())),
)


# IBAN length by country (ISO 13616 registry), so the check never runs into the next words.
IBAN_LENGTHS = {
    "AD": 24,
    "AE": 23,
    "AL": 28,
    "AT": 20,
    "AZ": 28,
    "BA": 20,
    "BE": 16,
    "BG": 22,
    "BH": 22,
    "BR": 29,
    "CH": 21,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "EE": 20,
    "EG": 29,
    "ES": 24,
    "FI": 18,
    "FO": 18,
    "FR": 27,
    "GB": 22,
    "GE": 22,
    "GI": 23,
    "GL": 18,
    "GR": 27,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IL": 23,
    "IS": 26,
    "IT": 27,
    "JO": 30,
    "KW": 30,
    "KZ": 20,
    "LB": 28,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MC": 27,
    "MD": 24,
    "ME": 22,
    "MK": 19,
    "MT": 31,
    "MU": 30,
    "NL": 18,
    "NO": 15,
    "PK": 24,
    "PL": 28,
    "PS": 29,
    "PT": 25,
    "QA": 29,
    "RO": 24,
    "RS": 22,
    "SA": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "TN": 24,
    "TR": 26,
    "UA": 29,
    "VA": 22,
    "XK": 20,
}


def _iban_ok(chars: str) -> bool:
    s = chars[4:] + chars[:4]
    try:
        num = "".join(str(int(c, 36)) for c in s)
        return int(num) % 97 == 1
    except ValueError:
        return False


# An IBAN as banks print it, in groups of four after a country that has IBANs, with exactly
# that country's length: "GB18 BARC 2004 5573 9120 66", "DE91 1009 0000 0123 4567 89".
# People copy them with a slip, or a scammer's is made up, so the sum may not check out;
# the printed shape alone is an account number ("GB18 BARC" as a code name is too short).
# In either case: a phone keyboard copies "gb33 lloy 3091 ..." in lower case, and the exact
# length of a known country with ten digits or more is what tells it from words (the groups
# are read one at a time, so "... 5574 is my account" stops where the length is reached).
IBAN_HEAD = re.compile(r"[A-Z]{2}\d{2}", re.IGNORECASE)
IBAN_GROUP = re.compile(r" ([A-Z0-9]{1,4})(?![\w@])", re.IGNORECASE)


def _iban_printed(text: str, start: int, known: Optional[int]) -> int:
    """End of an IBAN-shaped run at ``start`` of the country's own length, else 0."""
    if not known or IBAN_HEAD.match(text, start) is None:
        return 0
    pos, length, digits, groups = start + 4, 4, 2, 0
    while length < known:
        m = IBAN_GROUP.match(text, pos)
        if m is None:
            return 0
        group = m.group(1)
        if len(group) < 4 and length + len(group) != known:
            return 0  # only the last group may be short
        if groups and group.isalpha():
            return 0  # letters alone only as the bank's code ("lloy"), never "fans know 2019"
        pos, length, groups = m.end(), length + len(group), groups + 1
        digits += sum(c.isdigit() for c in group)
    if length != known or groups < 3 or digits < 10:
        return 0
    return pos


# A card with masked groups: "4929-XXXX-XXXX-1234", "**** **** **** 1234".
CARD_MASKED = re.compile(
    r"(?<![\w*•#])(?=[\dXx*•# -]*\d)(?=[\dXx*•# -]*[Xx*•#])(?:\d{4}|[Xx*•#]{4})(?:[ -]?(?:\d{4}|[Xx*•#]{4})){2,3}"
    r"(?:[ -]?\d{1,4})?(?![\w*•#])"
)
# The last four digits behind a short mask: "...4417", "x-8390", "xx 8390", "*8390", "•• 8390"
# (only when a card or account is named in the message).
MASKED_FOUR = re.compile(
    r"(?:\.{2,}|(?<![A-Za-z])[xX*•#]{1,4}[ -]?|(?<![A-Za-z])[xX*•#]{1,4}-)(\d{4})(?!\d)"
)
# More last-fours after the first: "ending in 0921 not 5530", "...4417 and ...9013", "1234 or 5678".
MORE_FOUR = re.compile(
    r"(?:\s*(?:,|/|&|\bor\b|\bnot\b|\band\b|\bthen\b|\bnor\b|\bmaybe\b))+\s*(?:(?:the\s+)?(?:one\s+)?(?:ending\s+(?:in|with)\s+))?"
    r"(?:\.{2,}|[xX*•#]{1,4}[ -]?)?(\d{4})(?!\d)",
    IGNORE_CASE,
)
# "the one with 4417 on the end", "4417 at the end of it"
FOUR_ON_END = re.compile(r"(?<![\d.,/:-])(\d{4})\s+(?:on|at)\s+the\s+end\b", IGNORE_CASE)
# Four digits right after the card they belong to: "my debit card (4417)", "visa - 4417".
FOUR_NEAR_CARD = re.compile(
    r"\b(?:card|visa|mastercard|amex|debit|credit|maestro)\b\s*(?:[(:#-]|no\.?|number|\s)\s*\(?(?!(?:19|20)\d\d\b)(\d{4})\)?(?![\d/:.]\d)",
    IGNORE_CASE,
)
# Bank branch and bank codes: India's IFSC ("SBIN0001234": four letters, a zero, six more)
# anywhere; SWIFT/BIC ("DEUTDEFF500") after its name.
IFSC = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{4}0[A-Za-z0-9]{6}(?![A-Za-z0-9])")
BIC_CONTEXT = re.compile(
    r"\b(?:swift|bic|ifsc|routing|branch)\s*(?:code|number|no\.?)?\s*(?:is|:|=|-)?\s*"
    r"([A-Za-z]{4}[A-Za-z]{2}[A-Za-z0-9]{2}(?:[A-Za-z0-9]{3})?|[A-Za-z]{4}0[A-Za-z0-9]{6})(?![A-Za-z0-9])",
    IGNORE_CASE,
)
# A card told by its start and its end, the middle left out: "its 5412 75 then some numbers
# then 8810", "4921... blah blah ...0077", "starts 4539 ends in 6467". The start is an issuer's
# (3 to 6) and the gap says digits were skipped, so "£5000 then 2000" and "4 then 8810" keep.
_SKIPPED = (
    r"(?:(?:and\s+)?then\s+|\.{2,}\s*|…\s*|,\s*)?"
    r"(?:(?:some|a\s+few|a\s+bunch\s+of|loads\s+of|lots\s+of|the\s+other|other|more|random|the\s+middle|"
    r"middle|idk|dunno|i\s+forget)\s+)*"
    r"(?:numbers|digits|nums|stuff|bits|blah(?:\s+blah)*|etc|x{2,}|\*{2,}|\?{2,}|\.{2,}|…|something|smth|summat)"
    r"(?:\s+(?:in\s+(?:the\s+)?(?:middle|between)|i\s+(?:forget|dont\s+know|don'?t\s+remember)))?"
    r"\s*(?:,\s*)?(?:(?:and\s+)?then\s+|\.{2,}\s*|…\s*)?(?:(?:it\s+)?ends?\s+(?:in|with)\s+)?"
)
CARD_START_END = re.compile(
    r"(?<![\d£$€.,/:-])([3-6]\d{3}(?:[ -]?\d{1,4})?)(?![\d%]|\s*(?:k\b|quid|pounds?|mins?|hours?|days?|years?))"
    r"\s*(?:,\s*)?" + _SKIPPED + r"(\d{4})(?![\d%])",
    IGNORE_CASE,
)
# The start said by itself: "starts 4539", "begins with 5412 75", "first four are 4929".
CARD_START = re.compile(
    r"\b(?:starts?|starting|begins?|beginning|first\s+(?:4|four|6|six)(?:\s+(?:digits?|numbers?|nums?))?)"
    r"(?:\s+(?:with|off|are|is|like))*\s*:?\s*([3-6]\d{3}(?:[ -]?\d{2,4})?)(?![\d%])",
    IGNORE_CASE,
)
_MASK_GATE = frozenset(
    "card cards debit credit visa mastercard amex maestro account acc acct ending ends payment paid bank "
    "monzo revolut starling barclays halifax natwest lloyds santander hsbc chase".split()
)


_EXPIRY_CUE = re.compile(
    r"\b(?:exp(?:iry|ires|ired|iration)?(?:\s+date)?|valid\s+(?:thru|through|until|till))\b",
    IGNORE_CASE,
)
# A month and a year said apart: "oh eight slash twenty eight", "11 / 26", "nine dash 27".
_DATE_JOIN = re.compile(r"\s*(?:/|-|\bslash\b|\bdash\b|\bover\b)\s*", IGNORE_CASE)

# Cues that announce a piece of a card or account, and how many digits that piece has; the
# number may follow in digits or words ("the three numbers on the back are seven oh two").
_PIECE_CUES = (
    (
        re.compile(
            r"\b(?:cvv2?|cvc2?|cv2|csc|security\s+(?:code|number|digits)|(?:3|three|4|four)[ -]?(?:digits?|numbers?|nums?)"
            r"(?:\s+(?:code|number))?(?:\s+on\s+(?:the\s+)?back)?|(?:the\s+)?back\s+of\s+(?:the|my|his|her|mums?|dads?)\s+card"
            r"|(?:digits|numbers?|nums?|code)\s+on\s+(?:the\s+)?back|(?:the\s+)?back\s+(?:says|reads|has|is|shows)"
            r"|back\s+(?:code|number|numbers|digits))\b",
            IGNORE_CASE,
        ),
        (3, 4),
    ),
    (
        re.compile(
            r"\b(?:ending|ends|ended|finishing|finishes|last\s+(?:4|four)(?:\s+(?:digits?|numbers?|nums?))?)\b",
            IGNORE_CASE,
        ),
        (4,),
    ),
    (re.compile(r"\bsort\s?codes?\b", IGNORE_CASE), (6,)),
    (_EXPIRY_CUE, (3, 4, 6)),
    (
        re.compile(
            r"\b(?:account|acc|acct|a/c)\s*(?:number|no\.?|num|#)\b|\bbank\s+(?:account|number)\b",
            IGNORE_CASE,
        ),
        (6, 7, 8, 9, 10, 11, 12),
    ),
)
# How far after its cue a piece may start ("last four on the card are 2O19").
_PIECE_REACH = 40
_YEAR = re.compile(r"(?:19|20)\d\d")
_EXPIRY_LEADS = frozenset(("", "is", "date", "date is", "was", "date was", "of", "on", "in"))
_EXPIRY_WORDS = frozenset("exp expiry expires expired expiration valid".split())
# A message that talks about a card's or an account's numbers: then any number in it with a
# piece's length is a piece, wherever it stands and whatever announced it ("card is 5186 then
# 2047", "send your expiry and cvv ... 10/25 and 613", "forty, twelve, ninety-three is the sort
# code", "the cvv was 9 1 7 and the number was four five five six"). Amounts, counts, times and
# years keep ("paid 300 quid on my card", "card declined 3 times", "had the card since 2019").
_PAYMENT_TALK = re.compile(
    r"\b(?:cvv2?|cvc2?|cv2|csc|security\s+(?:code|number|digits)|sort\s?codes?|iban|"
    r"(?:card|account|acc|acct|bank|visa|mastercard|amex|debit|credit)\s*(?:number|no\.?|num|#|details|digits|nums?)|"
    r"long\s+number|(?:numbers?|digits|code)\s+on\s+(?:the\s+)?(?:back|front)|"
    r"(?:the\s+)?back\s+of\s+(?:the|my|his|her|mums?|dads?)\s+card|last\s+(?:4|four)|first\s+(?:4|four|6|six)|"
    r"exp(?:iry|iration)?(?:\s+date)?|(?:card|visa|mastercard|amex|debit|credit)\s+(?:is|was|starts?|begins?|ends?|ending))\b",
    IGNORE_CASE,
)
_PAYMENT_TALK = opens(_PAYMENT_TALK)  # the same matches, tried only where one can open
_CUED_GATE = frozenset(
    "cvv cvv2 cvc cvc2 cv2 csc security sort sortcode iban card account acc acct bank visa mastercard amex "
    "debit credit long back last first exp expiry expiration".split()
)
_NOT_A_PIECE_BEFORE = re.compile(
    r"(?:[£$€]|\b(?:rs|usd|gbp|eur|aged?|age|im|i'm|year|yr|room|page|bus))\s*$", IGNORE_CASE
)
_NOT_A_PIECE_AFTER = re.compile(
    r"\s*(?:%|k\b|p\b|(?:quid|pounds?|dollars?|euros?|bucks|grand|pence|times?|x\b|mins?|minutes?|hours?|hrs?|"
    r"days?|weeks?|months?|years?|yrs?|y/?o\b|am\b|pm\b|followers|people|miles|km|kg|calories|texts|messages|"
    r"calls|st\b|nd\b|rd\b|th\b|ish\b))",
    IGNORE_CASE,
)


def _cued_pieces(text: str, runs) -> List[Candidate]:
    out: List[Candidate] = []
    for run in runs:
        piece = text[run.start : run.end]
        if len(run.digits) > 19 or (len(run.digits) == 4 and _YEAR.fullmatch(piece)):
            continue
        if _NOT_A_PIECE_BEFORE.search(text, max(0, run.start - 8), run.start):
            continue
        if _NOT_A_PIECE_AFTER.match(text, run.end):
            continue
        out.append(Candidate(run.start, run.end, Label.CARD, Score.PAYMENT_IN_CONTEXT))
    return out


_PIECE_GATE = frozenset(
    "cvv cvv2 cvc cvc2 cv2 csc security digit digits numbers number nums back ending ends ended finishing "
    "finishes last sort sortcode account acc acct bank exp expiry expires expired expiration valid".split()
)


class PaymentRecognizer:
    name = "payment"

    def find(self, view) -> List[Candidate]:
        text = view.folded
        out: List[Candidate] = []
        if not view.has_digit:
            if len(view.words & NUMBER_WORDS) >= 2:
                out.extend(self._read_numbers(view))
            return out
        for m in view.digit_scan(CARD):
            digits = re.sub(r"\D", "", m.group(0))
            if 13 <= len(digits) <= 19 and luhn_ok(digits) and not digits.startswith("0"):
                out.append(Candidate(m.start(), m.end(), Label.CARD, Score.CARD_CHECKED))
        for m in view.digit_scan(CARD_GROUPED):
            out.append(Candidate(m.start(), m.end(), Label.CARD, Score.CARD_CHECKED))
        out.extend(self._ibans(text))
        out.extend(self._read_numbers(view))
        words, low = view.words, view.lower
        masked = "xx" in low or "**" in low or "...." in low or "##" in low or "•" in text
        for rx, gate in _GATED:
            if masked and rx is LAST_FOUR or not words.isdisjoint(gate):
                for m in rx.finditer(text):
                    out.append(
                        Candidate(m.start(1), m.end(1), Label.CARD, Score.PAYMENT_IN_CONTEXT)
                    )
        for m in view.digit_scan(SORT_THEN_ACCOUNT):
            for g in (1, 2):
                out.append(Candidate(m.start(g), m.end(g), Label.CARD, Score.PAYMENT_IN_CONTEXT))
        if not words.isdisjoint(_MASK_GATE):
            for rx in (FOUR_ON_END, FOUR_NEAR_CARD):
                for m in rx.finditer(text):
                    out.append(
                        Candidate(m.start(1), m.end(1), Label.CARD, Score.PAYMENT_IN_CONTEXT)
                    )
            for m in MASKED_FOUR.finditer(text):
                out.append(Candidate(m.start(1), m.end(1), Label.CARD, Score.PAYMENT_IN_CONTEXT))
        if not words.isdisjoint(_MASK_GATE):
            for m in CARD_START_END.finditer(text):
                for g in (1, 2):
                    out.append(
                        Candidate(m.start(g), m.end(g), Label.CARD, Score.PAYMENT_IN_CONTEXT)
                    )
            for m in CARD_START.finditer(text):
                out.append(Candidate(m.start(1), m.end(1), Label.CARD, Score.PAYMENT_IN_CONTEXT))
        # a last four named, then others beside it ("ending in 0921 not 5530")
        fours = [c for c in out if c.label is Label.CARD and c.end - c.start == 4]
        for c in fours:
            end = c.end
            while True:
                m = MORE_FOUR.match(text, end)
                if m is None:
                    break
                out.append(Candidate(m.start(1), m.end(1), Label.CARD, Score.PAYMENT_IN_CONTEXT))
                end = m.end()
        for m in IFSC.finditer(text):
            value = m.group(0)
            if value[:4].isupper() or not words.isdisjoint(("ifsc", "bank", "branch")):
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_IN_CONTEXT))
        if not words.isdisjoint(("swift", "bic", "ifsc", "routing", "branch")):
            for m in BIC_CONTEXT.finditer(text):
                out.append(Candidate(m.start(1), m.end(1), Label.ID, Score.ID_IN_CONTEXT))
        return out

    def _read_numbers(self, view) -> List[Candidate]:
        """Cards and card pieces however written: words, look-alikes, spaced or masked."""
        text = view.folded
        out: List[Candidate] = []
        runs = view.numbers
        for run in runs:
            size = len(run.digits)
            if 13 <= size <= 19 and (
                luhn_ok(run.digits)
                or (size in (15, 16) and (run.words or not text[run.start : run.end].isdigit()))
            ):
                out.append(Candidate(run.start, run.end, Label.CARD, Score.CARD_CHECKED))
        if view.has_digit and ("x" in view.lower or "*" in text or "•" in text or "#" in text):
            for m in CARD_MASKED.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.CARD, Score.CARD_CHECKED))
        if not view.words.isdisjoint(_EXPIRY_WORDS):
            out.extend(self._expiry_said(text))
        if runs and not view.words.isdisjoint(_CUED_GATE) and _PAYMENT_TALK.search(text):
            out.extend(_cued_pieces(text, runs))
        if runs and not view.words.isdisjoint(_PIECE_GATE):
            for cue, sizes in _PIECE_CUES:
                for m in cue.finditer(text):
                    for run in runs:
                        if m.end() <= run.start <= m.end() + _PIECE_REACH:
                            if cue is _EXPIRY_CUE and _YEAR.fullmatch(text[run.start : run.end]):
                                break  # "my card expired in 2024": a year, not an expiry
                            if len(run.digits) in sizes and "\n" not in text[m.end() : run.start]:
                                out.append(
                                    Candidate(
                                        run.start, run.end, Label.CARD, Score.PAYMENT_IN_CONTEXT
                                    )
                                )
                            break
        return out

    @staticmethod
    def _expiry_said(text: str) -> List[Candidate]:
        """An expiry's month and year as two numbers, in words or digits: "exp date oh eight
        slash twenty eight", "expires 9 over 27"."""
        out: List[Candidate] = []
        for m in _EXPIRY_CUE.finditer(text):
            window = text[m.end() : m.end() + _PIECE_REACH]
            runs = number_runs(window, 1)
            if len(runs) >= 2:  # the first two numbers after the cue, month then year
                a, b = runs[0], runs[1]
                join = _DATE_JOIN.match(window, a.end)
                if (
                    join is not None
                    and join.end() == b.start
                    and len(a.digits) <= 2
                    and len(b.digits) in (2, 4)
                    and window[: a.start].strip(" :-=").lower() in _EXPIRY_LEADS
                ):
                    out.append(
                        Candidate(
                            m.end() + a.start, m.end() + b.end, Label.CARD, Score.PAYMENT_IN_CONTEXT
                        )
                    )
        return out

    def _ibans(self, text: str) -> List[Candidate]:
        out: List[Candidate] = []
        for m in IBAN_START.finditer(text):
            chars, ends = [], []
            k = m.start()
            while k < len(text) and len(chars) < 34:
                c = text[k]
                if c.isalnum() and c.isascii():
                    chars.append(c.upper())
                    ends.append(k + 1)
                elif c == " " and k + 1 < len(text) and text[k + 1].isalnum() and chars:
                    pass
                else:
                    break
                k += 1
            known = IBAN_LENGTHS.get("".join(chars[:2]))
            lengths = [known] if known and known <= len(chars) else range(len(chars), 14, -1)
            for length in lengths:
                if _iban_ok("".join(chars[:length])):
                    out.append(
                        Candidate(m.start(), ends[length - 1], Label.CARD, Score.CARD_CHECKED)
                    )
                    break
            else:
                end = _iban_printed(text, m.start(), known)
                if end:
                    out.append(Candidate(m.start(), end, Label.CARD, Score.CARD_CHECKED))
        return out
