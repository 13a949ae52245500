"""Pattern detectors for structured personal details (cheap regex and ``phonenumbers``).

Each detector yields ``(start, end, label)`` character spans on the raw text. They run
before the token pass, so emails, links and numbers are settled first. Regexes are
written to run in linear time (no nested unbounded repeats) so 100k-character input
stays fast.
"""
from __future__ import annotations

import re
from typing import Iterator, Tuple

import phonenumbers

Hit = Tuple[int, int, str]

I = re.IGNORECASE

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b")
# "jess dot smith at gmail dot com" and "jess (at) hotmail.co.uk"
EMAIL_SPELLED = re.compile(
    r"\b[\w.+-]{1,64}(?:\s+dot\s+[\w-]{1,30}){0,3}\s*(?:\(at\)|\[at\]|\s+at\s+)\s*"
    r"(?:gmail|googlemail|hotmail|yahoo|outlook|icloud|live|aol|protonmail|proton|btinternet|sky|me|mail|msn|ymail)"
    r"\s*(?:\.|\s+dot\s+|\(dot\)|\[dot\])\s*(?:com|co\s*(?:\.|\s+dot\s+)\s*uk|co\.uk|uk|net|org|me)\b",
    I,
)
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", I)
TLDS = r"(?:com|org|net|io|co\.uk|org\.uk|ac\.uk|uk|ly|me|gg|tv|app|dev|info|biz|us|co|be|link|xyz|edu|gov|ca|de|fr|ie|au|in|nz|page|site|online|blog)"
BARE_DOMAIN = re.compile(
    r"(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,4}" + TLDS + r"\b(?:/[^\s<>\"']*)?", I
)
IPV4 = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]\d)")
# IPv6: find maximal runs of hex digits, colons and dots (linear), then validate.
IPV6_RUN = re.compile(r"[0-9A-Fa-f:.]{3,}")
CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
SSN = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
NI_NUMBER = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", I)
NI_CONTEXT = re.compile(
    r"\b(?:national\s+insurance|ni|nino)\s*(?:number|no\.?|num|#)?\s*(?:is|:|=|-)?\s*([A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?)\b", I
)
NHS_CONTEXT = re.compile(r"\bnhs\s*(?:number|no\.?|num|#)?\s*(?:is|:|=|-)?\s*(\d{3}[ -]?\d{3}[ -]?\d{4})\b", I)
ID_CONTEXT = re.compile(
    r"\b(?:student|pupil|account|acct|customer|member(?:ship)?|patient|hospital|case|reference|ref|passport|"
    r"licen[cs]e|driver'?s?\s+licen[cs]e|employee|staff|candidate|ucas|uln|policy|sort\s+code|roll|"
    r"library\s+card|id|national\s+insurance|ni|social\s+security|tax|utr|crn|badge|visa|order|booking|"
    r"pin|registration|reg|nhs|medical|insurance|login|user\s*id|medicare|medicaid|health\s+card|chi|ohip|"
    r"social|benefits|claim|case\s+file|prisoner|inmate|court|file)"
    r"\s*(?:number|no\.?|num|#|code|id|card)?\s*(?:is|was|:|=|-)?\s*((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,24})\b",
    I,
)
# Postcodes: UK full (and outward-only after "postcode"), Canada, US ZIP in context.
UK_POSTCODE = re.compile(r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", I)
CA_POSTCODE = re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b", I)
POSTCODE_CONTEXT = re.compile(
    r"\b(?:post\s?code|postal\s+code|zip(?:\s*code)?|pin\s*code|plz|cp)\s*(?:is|:|=|-)?\s*((?=[A-Z0-9 -]*\d)[A-Z0-9]{2,5}(?:[ -](?=[A-Z]*\d)[A-Z0-9]{2,4})?)\b",
    I,
)
US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|"
    "RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC"
)
US_STATE_ZIP = re.compile(r"\b((?:" + US_STATES + r")\.?,?\s+\d{5}(?:-\d{4})?)\b")

STREET = (  # common UK and USPS street suffixes
    r"(?:street|st|road|rd|avenue|ave|av|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|place|pl|grove|gr|"
    r"terrace|ter|gardens|gdns|boulevard|blvd|square|sq|hill|hills|park|row|mews|walk|rise|parade|view|green|"
    r"circle|cir|highway|hwy|parkway|pkwy|estate|heights|hts|wharf|yard|vale|drove|chase|meadow|meadows|fields|"
    r"bank|end|gate|glen|ville|lodge|harbor|harbour|shore|shores|vista|neck|keys?|flats|village|club|port|"
    r"island|expressway|expy|ferry|rapids?|ports|lake|lakes|landing|loop|pike|plaza|point|pointe|ridge|run|"
    r"spring|springs|station|summit|trail|trl|turnpike|valley|vly|via|views|villages|well|wells|crossing|xing|"
    r"bypass|causeway|center|centre|cliff|cliffs|common|corner|cove|creek|crest|dale|dam|divide|falls|field|"
    r"forest|forge|fork|fort|freeway|grounds|haven|hollow|inlet|junction|knoll|knolls|manor|mill|mills|mission|"
    r"motorway|mount|mountain|orchard|oval|pass|passage|path|pine|pines|plain|plains|prairie|ranch|rest|river|"
    r"route|shoal|skyway|square|stream|street|throughway|trace|track|trafficway|tunnel|union|wall|ways|wood|"
    r"woods|close|copse|croft|fold|garth|wynd|brow|nook|lea|leys)"
)
ADDRESS_NUMBERED = re.compile(
    r"\b(?:(?:flat|apartment|apt|unit|suite|room)\s*\d+[a-z]?,?\s+)?\d{1,5}[a-z]?,?\s+"
    r"(?:(?!(?:at|in|on|to|and|or|the|of|for|with|from|is|was|my|a|an|am|are|i|we|me|years?|yrs?|times?|mins?|"
    r"minutes?|hours?|days?|weeks?|months?|people|kids|of)\b)[A-Za-z][A-Za-z'.-]*\s+){1,3}" + STREET + r"\b(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?(?:,?\s+(?:apt|apartment|flat|unit|suite|ste)\.?\s*#?\d+[a-z]?)?",
    I,
)
ADDRESS_LIVE_ON = re.compile(
    r"\b(?:live|living|lives|lived|stay|staying|stays|house\s+is|flat\s+is|place\s+is|moved)\s+(?:on|at|in|to)\s+"
    r"((?!(?:the|a|an|my|our|his|her|their|this|that|same|main|high)\b)(?:[A-Za-z][A-Za-z'.-]*\s+){1,3}" + STREET + r")\b",
    I,
)
# "on Dale Street", "Abbey Road": Title-case words ending in a street word.
ADDRESS_NAMED = re.compile(
    r"\b(?:[A-Z][a-z'-]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Crescent|Grove|Terrace|"
    r"Way|Place|Court|Gardens|Boulevard|Blvd|Square|Mews|Parade|Row|Walk|Hill|Rise)\b(?!\s+(?:School|Primary|Academy|College|High|Station|Hospital|Church))"
)
FLAT = re.compile(r"\b(?:flat|apartment|apt|unit|suite|ste|studio|room|block)\.?\s*#?\s*\d+[a-z]?\b", I)
_APT = r"(?:,?\s+(?:apt|apartment|flat|unit|suite|ste|no)\.?\s*#?\d+[a-z]?)?"
# "i live at 38 Jacqueline Glen", "our address is 9 George Island W0 0ET": a number and
# Title-case words right after an address context, whatever the street suffix.
ADDRESS_CONTEXT = re.compile(
    r"\b(?i:address(?:\s+is)?|addy(?:\s+is)?|live[sd]?\s+at|living\s+at|stay(?:ing)?\s+at|house\s+is(?:\s+at)?|"
    r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+at|on)\s*:?\s+"
    r"(\d{1,5}[A-Za-z]?,?\s+(?:(?!(?:apt|apartment|flat|unit|suite|ste)\b)[A-Z][\w'.-]*\s+){0,3}"
    r"(?!(?:apt|apartment|flat|unit|suite|ste)\b)[A-Z][\w'-]*" + _APT + r")",
)

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DATE_NUMERIC = re.compile(r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})(?![\d/-])")
DATE_DAY_MONTH = re.compile(r"\b" + DAY + r"\s+(?:of\s+)?" + MONTHS + r"(?:,?\s+(?:\d{4}|'\d{2}))?\b", I)
DATE_MONTH_DAY = re.compile(r"\b" + MONTHS + r"\s+" + DAY + r"(?:,?\s+(?:\d{4}|'\d{2}))?(?![\d:])\b", I)
DATE_BIRTH = re.compile(
    r"\b(?:born\s+(?:on|in)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*day\s+is|bday\s+is|b-day\s+is)\s*(?:is|:|-)?\s*"
    r"((?:" + MONTHS + r"\s+)?(?:19|20)\d{2}|" + MONTHS + r"(?=\s|$|[.,!?])|\d{1,2}[/.-]\d{1,2}(?![/.-]?\d))",
    I,
)

HANDLE_AT = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
DISCORD_TAG = re.compile(r"(?<![\w#])[\w.]{2,32}#\d{4}\b")
REDDIT_USER = re.compile(r"(?<![\w/])/?u/[A-Za-z0-9_-]{3,20}\b")
PLATFORMS = (
    r"(?:insta(?:gram)?|ig|snap(?:chat)?|sc|tik\s?tok|tt|twitter|discord|telegram|tg|kik|reddit|twitch|steam|"
    r"psn|xbox|gamertag|gamer\s+tag|user\s?name|handle|youtube|yt|fb|facebook|threads|bereal|roblox|"
    r"minecraft|fortnite|spotify|pinterest|tumblr|linkedin|github|wattpad|ao3|tumblr|skype|signal|line|wechat|"
    r"weibo|vsco|onlyfans|only\s+fans|mastodon|bluesky|bsky|epic|riot|valorant|lol\s+account)"
)
HANDLE_CONTEXT = re.compile(
    r"\b" + PLATFORMS + r"\b(?:\s+(?:name|account|handle|username|user|id|tag|is|it'?s|its|:|=|-|@|me|at|on))*"
    r"\s*[:=-]?\s*@?(?!" + PLATFORMS + r"\b)([A-Za-z0-9_][A-Za-z0-9_.]{1,29})",
    I,
)
HANDLE_ADD_ME = re.compile(
    r"\b(?:add|follow|dm|message|msg|find)\s+me\s+(?:on|at)\s+" + PLATFORMS + r"\b\s*(?:it'?s|its|:|-|@|as|,)?\s*@?([A-Za-z0-9_][A-Za-z0-9_.]{1,29})",
    I,
)

DIGIT_RUN = re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{5,22}\d(?![\w])")
LONG_NUMBER = re.compile(r"(?<![\w])\d{6,}(?![\w])")

# GB and US national formats; "+44 ..."/"+91 ..." parse under either, and other
# national formats are caught by the digit-run fallback below.
_PHONE_REGIONS = ("GB", "US")
_ANY_DIGIT = re.compile(r"\d")
_SEVEN_DIGITS = re.compile(r"(?:\d[\s().-]*){7}")
_PHONE_HINT = re.compile(r"\d[\d\s().-]{5,}\d")


def luhn_ok(digits: str) -> bool:
    total, alt = 0, False
    for ch in reversed(digits):
        d = ord(ch) - 48
        if alt:
            d *= 2
            if d > 9:
                d -= 9
        total += d
        alt = not alt
    return total % 10 == 0


def _group(m: "re.Match", label: str, group: int = 0) -> Hit:
    return (m.start(group), m.end(group), label)


# Words a handle slot must not swallow ("my insta is private").
_HANDLE_STOP = frozenset(
    "is it its it's me my the a an on at and or but private public account deleted down gone blocked banned not "
    "no yes same new old there here dm dms too also so just only please pls name called username handle and "
    "anymore now lol haha if because cos bc cuz".split()
)


def find_structured(text: str) -> Iterator[Tuple[int, int, str, int]]:
    """Yield (start, end, label, priority) for every structured detail in ``text``."""
    for m in EMAIL.finditer(text):
        yield m.start(), m.end(), "EMAIL", 100
    if " at " in text.lower() or "(at)" in text.lower() or "[at]" in text.lower():
        for m in EMAIL_SPELLED.finditer(text):
            yield m.start(), m.end(), "EMAIL", 99
    for m in URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,!?;:)]}'\"":
            end -= 1
        yield m.start(), end, "URL", 95
    for m in BARE_DOMAIN.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,!?;:)]}'\"":
            end -= 1
        yield m.start(), end, "URL", 90
    for m in IPV4.finditer(text):
        yield m.start(), m.end(), "IP", 92
    if "::" in text or text.count(":") >= 3:
        import ipaddress

        for m in IPV6_RUN.finditer(text):
            cand = m.group(0).strip(".:") if not m.group(0).startswith("::") else m.group(0).rstrip(".")
            if cand.count(":") >= 2 and len(cand) <= 45:
                try:
                    ipaddress.IPv6Address(cand)
                except ValueError:
                    continue
                start = m.start() + m.group(0).index(cand)
                yield start, start + len(cand), "IP", 91
    has_digit = _ANY_DIGIT.search(text) is not None
    if has_digit:
        for m in CARD.finditer(text):
            digits = re.sub(r"\D", "", m.group(0))
            if 13 <= len(digits) <= 19 and luhn_ok(digits) and not digits.startswith("0"):
                yield m.start(), m.end(), "CARD", 88
        for m in SSN.finditer(text):
            yield m.start(), m.end(), "ID", 87
        for m in NI_NUMBER.finditer(text):
            yield m.start(), m.end(), "ID", 86
        for m in NI_CONTEXT.finditer(text):
            yield m.start(1), m.end(1), "ID", 89
        for m in NHS_CONTEXT.finditer(text):
            yield m.start(1), m.end(1), "ID", 89
        for m in ID_CONTEXT.finditer(text):
            yield m.start(1), m.end(1), "ID", 84
        for m in POSTCODE_CONTEXT.finditer(text):
            yield m.start(1), m.end(1), "POSTCODE", 85
        for m in UK_POSTCODE.finditer(text):
            yield m.start(), m.end(), "POSTCODE", 83
        for m in CA_POSTCODE.finditer(text):
            yield m.start(), m.end(), "POSTCODE", 82
        for m in US_STATE_ZIP.finditer(text):
            yield m.start(1), m.end(1), "POSTCODE", 83
        for m in ADDRESS_NUMBERED.finditer(text):
            yield m.start(), m.end(), "ADDRESS", 80
        for m in ADDRESS_CONTEXT.finditer(text):
            yield m.start(1), m.end(1), "ADDRESS", 79
        for m in FLAT.finditer(text):
            yield m.start(), m.end(), "ADDRESS", 60
    if " " in text:
        for m in ADDRESS_NAMED.finditer(text):
            yield m.start(), m.end(), "ADDRESS", 72
    if has_digit:
        for m in DATE_NUMERIC.finditer(text):
            yield m.start(), m.end(), "DATE", 81
        for m in DATE_DAY_MONTH.finditer(text):
            yield m.start(), m.end(), "DATE", 79
        for m in DATE_MONTH_DAY.finditer(text):
            yield m.start(), m.end(), "DATE", 79
        yield from _phones(text)
    for m in DATE_BIRTH.finditer(text):
        yield m.start(1), m.end(1), "DATE", 78
    for m in ADDRESS_LIVE_ON.finditer(text):
        yield m.start(1), m.end(1), "ADDRESS", 77
    if "@" in text:
        for m in HANDLE_AT.finditer(text):
            yield m.start(), m.end(), "HANDLE", 76
    if "#" in text:
        for m in DISCORD_TAG.finditer(text):
            yield m.start(), m.end(), "HANDLE", 77
    if "u/" in text:
        for m in REDDIT_USER.finditer(text):
            yield m.start(), m.end(), "HANDLE", 77
    for rx in (HANDLE_CONTEXT, HANDLE_ADD_ME):
        for m in rx.finditer(text):
            value = m.group(1)
            low = value.lower().rstrip(".")
            if low in _HANDLE_STOP or len(low) < 2:
                continue
            end = m.end(1)
            while end > m.start(1) and text[end - 1] == ".":
                end -= 1
            # a plain lower-case word ("my insta is broken") is not a handle unless it looks like one
            if value.isalpha() and value.islower() and not _handle_context_strong(text, m.start(1)):
                from bot.privacy import lexicon

                if lexicon.is_common_word(low):
                    continue
            yield m.start(1), end, "HANDLE", 75


def _handle_context_strong(text: str, pos: int) -> bool:
    before = text[max(0, pos - 12):pos].lower()
    return any(k in before for k in ("@", ":", "name", "is ", "it's", "its "))


def _phones(text: str) -> Iterator[Tuple[int, int, str, int]]:
    if not _SEVEN_DIGITS.search(text):
        return
    seen = set()
    # phonenumbers is exact but slow on long digit-heavy text; past 2,000 characters the
    # digit-run fallback below (which catches every 7-15 digit run) does the job alone.
    for region in (_PHONE_REGIONS if len(text) <= 2000 else ()):
        try:
            for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
                key = (m.start, m.end)
                if key not in seen:
                    seen.add(key)
                    yield m.start, m.end, "PHONE", 70
        except Exception:  # pragma: no cover - library guards its own input
            continue
    # Fallback: any run of 7-15 digits with phone-ish separators.
    for m in DIGIT_RUN.finditer(text):
        s = m.group(0)
        start, end = m.start(), m.end()
        # trim unbalanced leading "(" / trailing separators
        while end > start and not text[end - 1].isdigit():
            end -= 1
        digits = sum(c.isdigit() for c in s)
        if 7 <= digits <= 15:
            yield start, end, "PHONE", 50
        elif digits > 15:
            yield start, end, "ID", 45
    for m in LONG_NUMBER.finditer(text):
        yield m.start(), m.end(), "ID", 40
