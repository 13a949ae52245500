"""Contacts: emails, phone numbers, links and IP addresses, however they are typed.

Emails: the usual shape, and disguised ones: ``[at]``/``(at)``/`` at ``/``＠`` (folded),
spelled or bracketed dots, spaces around the parts, letters spaced out, and a known mail
provider without a top-level domain ("jo.smith@gmail", "jo at outlook").
Phones: digit runs (``phonenumbers`` for the exact shapes, a separator-tolerant fallback),
the letter O for zero and I/l for one inside digit groups, and numbers read out in words
("oh seven seven double oh nine...").
"""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_right
from typing import Iterator, List

import phonenumbers

from bot.privacy import lexicon
from bot.privacy.recognizers.base import Candidate, Label, Score
from bot.privacy.recognizers.numbers import NUMBER_WORDS, counting, number_runs
from bot.privacy.recognizers.text import opens

IGNORE_CASE = re.IGNORECASE

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b"
)
# Mail providers that are no English word, so "x at <provider>" is an address even with
# no ".com" ("jo at outlook"); "me", "live", "mail", "sky" need "@" or a domain ending.
PROVIDERS = (
    r"(?:g\s?mail|googlemail|hotmail|yahoo|outlook|icloud|protonmail|proton\s?mail|proton|btinternet|aol|msn|ymail|"
    r"gmx|zoho|yandex|virginmedia|talktalk|comcast|verizon|qq|rocketmail|fastmail|tutanota|hotmail|live\.com)"
)
# "@" and "." as other languages say them (people give an address the way they learned to):
# "markus punkt weber at web punkt de", "ana punto g arroba gmail punto com", "jan kropka k malpa wp".
_AT_SAID = r"at|arroba|chiocciola|klammeraffe|kukac|malpa|małpa|snabela|apenstaartje"
_DOT_SAID = r"dot|punto|point|punkt|ponto|punt|kropka|prikk|piste|nokta"
_AT = (
    # in brackets or quotes: "[at]", "(at)", "'at'", "*at*"
    r"(?:\s*@\s*|\s*[\[\(\{<'\"‘“*]\s*(?:at|@)\s*[\]\)\}>'\"’”*]\s*|"
    # the sign said in words, with the filler people put round it: "then the at sign then"
    r"\s+(?:(?:and\s+)?then\s+)?(?:an?\s+|the\s+)?(?:at|@)\s+(?:sign|symbol)(?:\s+(?:and\s+)?then)?\s+|"
    r"\s+(?:" + _AT_SAID + r")\s+)"
)
_DOT = (
    r"(?:\s*\.\s*|\s*[\[\(\{<'\"‘“*]\s*(?:dot|\.)\s*[\]\)\}>'\"’”*]\s*|\s+(?:"
    + _DOT_SAID
    + r")\s+)"
)
# Inside the name part: dots as above, and the other signs said out loud
# ("nat underscore g", "mia dash p"), and digits spaced out ("evans 2 0 0 8").
_JOIN = r"(?:" + _DOT + r"|\s+(?:underscore|under\s+score|dash|hyphen|period|full\s+stop)\s+)"
_LOCAL = r"[A-Za-z0-9][\w+-]{0,40}(?:(?:" + _JOIN + r")[\w+-]{1,30}){0,9}(?:\s\d){0,8}"
# The same, for a name part right before ``_AT``: each run of word characters is taken whole
# (``(?![\w+-])``). Every form of ``_AT`` and ``_JOIN`` opens on a space, a sign or a bracket,
# never on a word character, so a match never ends a run early and the same matches are
# found; but a word that is no address fails at once instead of being retried one
# character shorter against every form of "@" (these scans ran from every word's start).
_RUN_END = r"(?![\w+-])"
_LOCAL_AT = (
    r"[A-Za-z0-9][\w+-]{0,40}"
    + _RUN_END
    + r"(?:(?:"
    + _JOIN
    + r")[\w+-]{1,30}"
    + _RUN_END
    + r"){0,9}(?:\s\d){0,8}"
)
_TLD = (
    r"(?:com|net|org|co"
    + _DOT
    + r"uk|org"
    + _DOT
    + r"uk|ac"
    + _DOT
    + r"uk|uk|ac|edu|gov|io|me|info|biz|us|ca|ie|de|fr|au|nz|in|co|app|dev|xyz|"
    # country endings and the newer ones people give ("wp dot pl", "mastodon dot social")
    r"pl|es|it|nl|be|se|no|dk|fi|pt|br|mx|ar|jp|cn|ru|ch|at|cz|gr|hu|ro|tr|za|sg|hk|my|ph|ng|ke|pk|"
    r"social|online|site|email|live|tech|ai|tv|gg|cc|ly|art|blog|club|"
    # spelled a letter at a time: "c-o-m", "n.e.t", "c o m"
    r"c[-. ]o[-. ]m|n[-. ]e[-. ]t|o[-. ]r[-. ]g|c[-. ]o[-. ]u[-. ]k|c[-. ]o" + _DOT + r"u[-. ]k)"
)
# Any domain with a top-level domain, whatever the disguise of "@" and "."; with the dots
# spelled out, the domain may be two words ("greenfield academy dot org dot uk").
EMAIL_DISGUISED = re.compile(
    r"(?<![\w.+-])"
    + _LOCAL_AT
    + _AT
    + r"[A-Za-z0-9][\w-]{0,62}(?:(?:"
    + _DOT
    + r"|\s+(?!at\b)(?=\w+(?:\s+(?!at\b)\w+)?\s+dot\s))[A-Za-z0-9][\w-]{0,62}){0,2}"
    + _DOT
    + _TLD
    + r"\b",
    IGNORE_CASE,
)
# The dots left out altogether before a two-part ending: "n.oconnor at ucl ac uk".
EMAIL_SPACED_TLD = re.compile(
    r"(?<![\w.+-])"
    + _LOCAL_AT
    + _AT
    + r"[A-Za-z0-9][\w-]{1,62}\s+(?:ac|co|org|gov|sch|nhs|ltd|me)\s+uk\b",
    IGNORE_CASE,
)
# A name part with an address's marks (a dot, an underscore, letters and digits) before
# " at " and any one word: "jamie.mcallister at harrowfoods" (a work address, no ending).
EMAIL_MARKED_LOCAL = re.compile(
    r"(?<![\w.+-])(?=[\w+-]*[._]|[A-Za-z_.+-]*\d)[A-Za-z][\w.+-]{1,40}[A-Za-z0-9](?![\w.+-])"
    + _AT
    # "ellie.moon at the microsoft one": after a determiner the provider is described
    # (EMAIL_DESCRIBED_PROVIDER takes the name part), so "at the" is no domain
    + r"(?!(?:the|this|that|my|his|her|their|our|your)\b)[A-Za-z][\w-]{2,40}\b"
    # the ending said with a space for its dot: "nadia_k at example org" (no "." key to hand)
    + r"(?:\s+(?:co\s+uk|org\s+uk|ac\s+uk|com|org|net|edu|gov|io|uk|ie|ca|au|nz|de|fr)\b)?",
    IGNORE_CASE,
)
# Where the address's provider is said apart from its name part: "my gmail is tom.whitfield",
# "abdi.y on gmail", "my yahoo is sam_k_1999". ``MAIL_WORDS`` say the message is about mail.
MAIL_WORDS = re.compile(
    r"\b(?:e-?mail(?:ed|s)?|" + PROVIDERS + r"|mail\s+address|addy)\b", IGNORE_CASE
)
# A name part on its own: a dot or underscore inside it, or letters and digits together.
LOCAL_SHAPED = re.compile(
    r"(?<![\w@./+-])(?:[A-Za-z][\w+-]*(?:[._][\w+-]+)+|(?=[A-Za-z_-]*\d)(?=\d*[A-Za-z])[A-Za-z0-9][\w+-]{3,40})(?![\w@/])"
)
# A known provider and no top-level domain: "jo.smith@gmail", "jo_smith at outlook".
EMAIL_PROVIDER = re.compile(
    r"(?<![\w.+-])" + _LOCAL_AT + _AT + PROVIDERS + r"\b(?!\s*'s)", IGNORE_CASE
)
# Underscores or dashes for the spaces: "jo_smith_at_gmail_dot_com", "jo-at-outlook".
EMAIL_JOINED = re.compile(
    r"(?<![\w.])[A-Za-z0-9][\w.+-]{0,40}?[_-]at[_-](?:"
    + PROVIDERS
    + r"\b|[A-Za-z0-9]+(?:[_-]dot[_-][A-Za-z]{2,6}){1,3}\b)",
    IGNORE_CASE,
)
# Anything either side of an "@" with a dot in it, even the wrong way round
# ("moc.liamg@nosrednah.l"): an address, written to be hard to read.
EMAIL_LOOSE = re.compile(r"(?<![\w.+-])[\w+-]+(?:\.[\w+-]+)*@[A-Za-z0-9][\w-]*(?:\.[\w-]+)+")
# The name part spelled out letter by letter before a provider: "b e n j i at hotmail".
EMAIL_SPACED_LOCAL = re.compile(
    r"(?<!\S)(?:[A-Za-z0-9][ ]){2,}[A-Za-z0-9]" + _AT + PROVIDERS + r"\b", IGNORE_CASE
)
# A name part with an address's marks "on" its provider: "i'm kev_the_brick on hotmail".
EMAIL_ON_PROVIDER = re.compile(
    r"(?<![\w@./+-])(?:[A-Za-z][\w+-]*(?:[._][\w+-]+)+|(?=[A-Za-z_-]*\d)(?=\d*[A-Za-z])[A-Za-z0-9][\w+-]{3,40})"
    r"\s+(?:on|@|via)\s+" + PROVIDERS + r"\b",
    IGNORE_CASE,
)
# A name part with an address's marks, then its provider told by the company's name rather
# than its domain: "yusuf.h then the google one", "kelly.m92 at the apple email", "dan_r on
# the microsoft one". Only the name part is taken: the provider alone finds no one.
EMAIL_DESCRIBED_PROVIDER = re.compile(
    r"(?<![\w@./+-])((?:[A-Za-z][\w+-]*(?:[._][\w+-]+)+|(?=[A-Za-z_-]*\d)(?=\d*[A-Za-z])[A-Za-z0-9][\w+-]{3,40}))"
    r"\s*,?\s+(?:(?:and\s+)?then\s+|at\s+|on\s+|@\s*|with\s+|(?:and\s+)?(?:its|it'?s|it\s+is)\s+)?(?:the\s+|a\s+)?"
    r"(?:google|gmail|microsoft|outlook|hotmail|yahoo|apple|icloud|proton|bt|sky|aol|virgin)\s+"
    r"(?:one|email|e-mail|mail|account|address|thing)\b",
    IGNORE_CASE,
)
# The name part, then its provider named bare after "then": "starts with oliviaroseg and then
# its yahoo", "jaybirdx then gmail", "m.okafor, then hotmail". The name part has an address's
# marks or is no English word ("my mum then gmail", "work then yahoo news" keep).
EMAIL_THEN_PROVIDER = re.compile(
    r"(?<![\w@./+-])([A-Za-z][\w.+-]{2,40}[A-Za-z0-9])\s*,?\s+(?:and\s+)?then\s+"
    r"(?:(?:its|it'?s|the|at|@)\s*)?"
    + PROVIDERS
    + r"\b(?!\s+(?:news|mail\s+app|app|finance|answers))",
    IGNORE_CASE,
)
# A stand-in for the "@" between a marked name part and a domain with its ending: "nadia.osei X
# example.com (swap the X for the at sign)", "j_kerr # mailbox.org", "sam.b ~ example.co.uk".
# The name part has an address's marks and the domain a known ending, so "mum.exe x file.com" is
# rare and "me & bbc.com" (no marks) keeps.
EMAIL_STAND_IN = re.compile(
    r"(?<![\w@./+-])((?:[A-Za-z][\w+-]*(?:[._][\w+-]+)+|(?=[A-Za-z_-]*\d)(?=\d*[A-Za-z])[A-Za-z0-9][\w+-]{3,40}))"
    r"\s+(?:[A-Za-z]|[^\w\s.,!?'\"]{1,3})\s+"
    r"[A-Za-z0-9][\w-]{1,62}(?:\.[A-Za-z0-9-]{2,20})*\.(?:com|net|org|co\.uk|org\.uk|ac\.uk|uk|io|me|edu|gov|de|fr|ie)\b",
    IGNORE_CASE,
)
_LOCAL_LEAD = re.compile(
    r"\b(?:is|its|it'?s|im|i'?m|mine|email|mail|address|addy)\s*:?\s+$", IGNORE_CASE
)
_DESCRIBED_PROVIDER_WORDS = frozenset(
    "google gmail microsoft outlook hotmail yahoo apple icloud proton bt sky aol virgin".split()
)
_PROVIDER_WORDS = frozenset(
    "gmail hotmail yahoo outlook icloud protonmail proton btinternet aol msn ymail gmx zoho yandex "
    "virginmedia talktalk comcast verizon qq rocketmail fastmail tutanota googlemail".split()
)
# Any "x@y" with no top-level domain at all ("jo@work") is still an address, not a handle.
EMAIL_NO_TLD = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]{0,63}@[A-Za-z0-9][\w-]{1,62}\b(?!\.\w)")
# Letters spaced out: "j o . s m i t h @ g m a i l . c o m".
SPACED = re.compile(r"(?<!\S)(?:[\w@.+_-]\s{1,2}){5,}[\w@.+_-](?!\S)")
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", IGNORE_CASE)
TLDS = r"(?:com|org|net|io|co\.uk|org\.uk|ac\.uk|uk|ly|me|gg|tv|app|dev|info|biz|us|co|be|link|xyz|edu|gov|ca|de|fr|ie|au|in|nz|page|site|online|blog)"
BARE_DOMAIN = re.compile(
    r"(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,4}" + TLDS + r"\b(?:/[^\s<>\"']*)?",
    IGNORE_CASE,
)
IPV4 = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]\d)"
)
# IPv6: find maximal runs of hex digits, colons and dots (linear), then validate.
IPV6_RUN = re.compile(r"[0-9A-Fa-f:.]{3,}")

# Groups read out with commas or slashes: "0770, 0900, 123".
DIGIT_GROUPS = re.compile(r"(?<![\w,])\+?\d{2,5}(?:\s?[,/]\s?\d{2,5}){2,4}(?![\w])")
DIGIT_RUN = re.compile(r"(?<![\w])\+?\(?\d[\d\s().-]{5,22}\d(?![\w])")
LONG_NUMBER = re.compile(r"(?<![\w])\d{6,}(?![\w])")
_PHONE_REGIONS = ("GB", "US")
_SEVEN_LOOSE = re.compile(r"\d(?:[^A-Za-z\d\n]{0,3}\d){6,}")
_SEVEN_DIGITS = re.compile(r"(?:\d[\s().-]*){7}")
# "O7700 9OO123", "0l21": O/o for 0 and I/l for 1 inside a group that has digits.
_LOOKALIKE_GROUP = re.compile(
    r"(?<![A-Za-z])(?=[0-9OoIl]*\d)(?=(?:[0-9OoIl]*[OoIl]))[0-9OoIl]{3,}(?![A-Za-z])"
)
_LOOKALIKE_MAP = str.maketrans("OoIl", "0011")

# Words before " at " that make it a sentence, not an address ("i work at outlook").
_NOT_LOCAL = frozenset(
    "i im i'm me we you he she they it is am are was were work works worked working job shift be been staying "
    "stay live lives living look looking looked laugh laughed shouting shouted yelling yelled good bad great "
    "not just still here there home school uni college the a an and or but so at on in".split()
)


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


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,!?;:)]}'\"":
        end -= 1
    return end


_TLD_WORDS = frozenset(
    "com net org uk edu gov io me info biz us ca ie de fr au nz in co app dev xyz social online site email "
    "live tech ai tv gg cc ly art blog club".split()
)
_EMAIL_GATE = frozenset(
    "gmail mail googlemail hotmail yahoo outlook icloud protonmail proton btinternet aol msn ymail gmx zoho yandex "
    "virginmedia talktalk comcast verizon qq rocketmail fastmail tutanota live com net org uk edu gov io".split()
)
_LOOKALIKE_NEAR_DIGIT = re.compile(r"\d[OoIl]|[OoIl]\d")
# Letters of other scripts that look Latin, typed into an address so a filter misses it
# ("jоsh.wаrd@еxаmplе.cоm" with Cyrillic о, а, е): read as the Latin letter, one for one.
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁһвкмнтАВЕКМНОРСТХІЈЅαεοριυνκτΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
    "aeopcyxijsdhbkmhtABEKMHOPCTXIJSaeopiuvktABEHIKMNOPTXYZ",
)
# The "@" and the dots stood in for by a sign, an emoji, or "hashtag", often explained
# after ("freya.mcleod 🌀 example 🌀 com (swirl is the at)", "jamie hashtag example dot
# com"), and a space typed inside the domain after a real "@" ("abbie.xx @ examp le . org").
_SIGN = r"(?:[^\w\s.,!?&'\"()\[\]{}:;/<>*+=~^%$£-]{1,4}|\#|hash\s?tag|hash)"
_SIGN_DOT = r"(?:" + _DOT + r"|\s*[^\w\s.,!?&'\"()\[\]{}:;/<>*+=~^%$£-]{1,4}\s*)"
EMAIL_SIGNS = re.compile(
    r"(?<![\w.+-])"
    + _LOCAL
    + r"\s*"
    + _SIGN
    + r"\s*[A-Za-z0-9][\w-]{1,40}(?:"
    + _SIGN_DOT
    + r"[A-Za-z0-9][\w-]{1,40}){0,2}"
    + _SIGN_DOT
    + _TLD
    + r"\b",
    IGNORE_CASE,
)
EMAIL_SPLIT_DOMAIN = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][\w.+-]{0,40}\s*@\s*[A-Za-z0-9][\w-]*(?:\s[A-Za-z0-9][\w-]*){1,2}"
    + _DOT
    + _TLD
    + r"\b",
    IGNORE_CASE,
)
_MARKED_LOCAL = re.compile(r"[._\d]")
_HASH_WORD = re.compile(r"\bhash(?:tag)?\b|#", IGNORE_CASE)
_STOP_PIECES = frozenset("the a an in on at to of and my me i is it for with no not or but".split())
_SIGN_GATE = re.compile(r"[^\x00-\x7f]|#|\bhash", IGNORE_CASE)


_DISGUISED_FAMILY = (
    EMAIL_DISGUISED,
    EMAIL_PROVIDER,
    EMAIL_JOINED,
    EMAIL_SPACED_TLD,
    EMAIL_MARKED_LOCAL,
)
_DOT_WORDS = frozenset(_DOT_SAID.split("|"))  # the spoken "." of ``_DOT``
_AT_WORDS = frozenset(_AT_SAID.split("|"))
# every alternative of ``PROVIDERS`` as the words it leaves ("g mail": "mail"; "live.com")
_PROVIDER_GATE = _PROVIDER_WORDS | frozenset(("mail", "live"))


def _disguised_family(view) -> tuple:
    """The patterns of ``_DISGUISED_FAMILY`` that can match the message, in their order.

    Each needs a mark it cannot do without: a dot said or typed before the ending, a
    provider's name, "_at_", "uk" after "co"/"ac", or a name part's dot, underscore or digit;
    a pattern without its mark in the message finds nothing, so it is not run. The word
    tests hold for ASCII text only (case-free matching lets "ı" stand for "i"): any other
    message runs them all."""
    text = view.folded
    if not view.gated:
        return _DISGUISED_FAMILY
    marked = "." in text or "_" in text or view.has_digit
    if not text.isascii():
        return _DISGUISED_FAMILY if marked else _DISGUISED_FAMILY[:4]
    words, low = view.words, view.lower
    out = []
    if "." in text or not words.isdisjoint(_DOT_WORDS):
        out.append(EMAIL_DISGUISED)
    if not words.isdisjoint(_PROVIDER_GATE):
        out.append(EMAIL_PROVIDER)
    if "at" in words and ("_at" in low or "-at" in low):
        out.append(EMAIL_JOINED)
    if "uk" in words:
        out.append(EMAIL_SPACED_TLD)
    if marked:
        out.append(EMAIL_MARKED_LOCAL)
    return tuple(out)


# Letters said by their names, the way a name part is spelled aloud so autocorrect cannot
# touch it: "kay ee ell ell why underscore nine at example dot com".
_LETTER_NAMES = frozenset(
    """
    ay bee cee see dee ee eff gee aitch haitch eye jay kay ell el em en oh pee cue ar ess tee yu
    vee ex why wye zed zee
    """.split()
)
_SPELLED_PIECE_BEFORE = re.compile(
    r"(?:\b(?:ay|bee|cee|see|dee|ee|eff|gee|aitch|haitch|eye|jay|kay|ell|el|em|en|oh|pee|cue|ar|ess|"
    r"tee|yu|you|vee|ex|why|wye|zed|zee|double\s+you|underscore|dot|dash)[\s,]+)$",
    IGNORE_CASE,
)
_SPELLED_PIECE_BEFORE = opens(
    _SPELLED_PIECE_BEFORE
)  # the same matches, tried only where one can open


def _spelled_start(text: str, c: Candidate) -> Candidate:
    """The address's start moved back over a name part spelled by letter names, when three or
    more of them stand right before it ("see you at gmail" has two and keeps)."""
    start, names = c.start, 0
    while True:
        m = _SPELLED_PIECE_BEFORE.search(text, max(0, start - 16), start)
        if m is None:
            break
        start = m.start()
        names += m.group(0).split()[0].lower().rstrip(",") in _LETTER_NAMES
    if names < 3:
        return c
    return Candidate(start, c.end, c.label, c.score)


class EmailRecognizer:
    name = "emails"

    def find(self, view) -> List[Candidate]:
        text, low = view.folded, view.lower
        out: List[Candidate] = []
        has_at = "@" in text
        if has_at:
            for m in EMAIL.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL))
        words = view.words
        if (
            has_at
            or (
                not words.isdisjoint(_AT_WORDS)
                and (
                    not words.isdisjoint(_DOT_WORDS)
                    or not words.isdisjoint(_MAIL_GATE)
                    or "." in text
                    or "_" in text
                )
            )
            or "_at_" in low
            or "-at-" in low
        ):
            for rx in _disguised_family(view):
                for m in rx.finditer(text):
                    local = re.split(r"\s|\[|\(|\{|<|@", m.group(0), maxsplit=1)[0].lower()
                    if local in _NOT_LOCAL or (
                        rx is EMAIL_MARKED_LOCAL and not _address_like(local)
                    ):
                        continue
                    out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL_DISGUISED))
        if not text.isascii() and (has_at or "at" in words or "dot" in words):
            plain = text.translate(_HOMOGLYPHS)
            if plain != text:
                for m in EMAIL.finditer(plain):
                    out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL))
        if not words.isdisjoint(_TLD_WORDS) and _SIGN_GATE.search(text):
            for m in EMAIL_SIGNS.finditer(text):
                local = re.split(r"\s", m.group(0), maxsplit=1)[0].lower()
                # an emoji between plain words is a feeling ("so tired 😭 everything 😭 com"):
                # only a name part with an address's marks, or "hashtag" said, is an address
                if local in _NOT_LOCAL or not (
                    _MARKED_LOCAL.search(local) or _HASH_WORD.search(m.group(0))
                ):
                    continue
                out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL_DISGUISED))
        if has_at and " " in text:
            for m in EMAIL_SPLIT_DOMAIN.finditer(text):
                domain = m.group(0).split("@", 1)[1]
                pieces = re.findall(r"[a-z0-9]+", domain.lower())[:-1]
                local = m.group(0).split("@", 1)[0].strip()
                if any(p in _STOP_PIECES for p in pieces) or (
                    all(lexicon.is_common_word(p) for p in pieces)
                    and not _MARKED_LOCAL.search(local)
                ):
                    continue  # "me @ the party in . uk"
                out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL_DISGUISED))
        if "." in text:
            for m in EMAIL_STAND_IN.finditer(text):
                if _address_like(m.group(1)) and not _ORDINARY_NUMBERISH.fullmatch(m.group(1)):
                    out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL_DISGUISED))
        if out:
            out = [_extend_spaced(text, c) for c in out]
        if has_at:
            for m in EMAIL_NO_TLD.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL_DISGUISED))
            for m in EMAIL_LOOSE.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL_PARTS))
        if not words.isdisjoint(_DESCRIBED_PROVIDER_WORDS):
            for m in EMAIL_DESCRIBED_PROVIDER.finditer(text):
                local = m.group(1).rstrip(".")
                if _ORDINARY_NUMBERISH.fullmatch(local):
                    continue
                if not any(c in "._" for c in local) and not _LOCAL_LEAD.search(
                    text, max(0, m.start(1) - 12), m.start(1)
                ):
                    continue  # "i had covid19 then the apple one died"
                out.append(Candidate(m.start(1), m.end(1), Label.EMAIL, Score.EMAIL_DISGUISED))
        if not words.isdisjoint(_PROVIDER_WORDS) and "then" in words:
            for m in EMAIL_THEN_PROVIDER.finditer(text):
                local = m.group(1).rstrip(".")
                low = local.lower()
                if low in _NOT_LOCAL or _ORDINARY_NUMBERISH.fullmatch(local):
                    continue
                if not _MARKED_LOCAL.search(local) and (
                    lexicon.is_common_word(low)
                    or lexicon.logprob(low) > -15.5
                    or low in lexicon.NEVER_BARE
                ):
                    continue
                out.append(Candidate(m.start(1), m.end(1), Label.EMAIL, Score.EMAIL_DISGUISED))
        if not words.isdisjoint(_PROVIDER_WORDS):
            for rx in (EMAIL_SPACED_LOCAL, EMAIL_ON_PROVIDER):
                for m in rx.finditer(text):
                    out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL_DISGUISED))
        if not words.isdisjoint(_MAIL_GATE) and MAIL_WORDS.search(text):
            for m in LOCAL_SHAPED.finditer(text):
                value = m.group(0).rstrip(".")
                if (
                    _ORDINARY_NUMBERISH.fullmatch(value)
                    or BARE_DOMAIN.fullmatch(value)
                    or not _address_like(value)
                ):
                    continue
                out.append(
                    Candidate(m.start(), m.start() + len(value), Label.EMAIL, Score.EMAIL_PARTS)
                )
        if "at" in words and not words.isdisjoint(_MAIL_GATE) and MAIL_WORDS.search(text):
            out.extend(_at_rare_domain(text))
        if "," in text and "at" in words and ("dot" in words or ", ." in text):
            # "n, i, a, m, h, at, gmail, dot, com": read out one piece at a time
            for m in EMAIL_COMMAS.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL_DISGUISED))
        if out and (not words.isdisjoint(_LOCAL_WORDS) or view.has_digit):
            out = [_extend_local_words(text, c) for c in out]
        if out and "then" in words:
            out = [_extend_then_pieces(text, c) for c in out]
        if ("@" in text or not words.isdisjoint(_AT_WORDS)) and (
            not words.isdisjoint(_NORMAL_GATE)
            or "(" in text
            or "[" in text
            or "{" in text
            or "*" in text
        ):
            out.extend(_normalised_emails(text))
        if _SPACED_GATE.search(text):
            for m in SPACED.finditer(text):
                s, e = m.start(), m.end()
                squeezed = re.sub(r"\s+", "", text[s:e])
                if (
                    "@" in squeezed
                    or re.search(r"\w(?:at)\w", squeezed)
                    and re.search(r"\.(?:com|net|org|uk)\b|dot", squeezed)
                ):
                    out.append(Candidate(s, e, Label.EMAIL, Score.EMAIL_DISGUISED))
        if not words.isdisjoint(_REVERSED_ENDINGS) and ("ta" in words or "@" in text):
            out.extend(_reversed_emails(text))
        if out:
            out = [_extend_ending(text, c) for c in out]
            if not words.isdisjoint(_LETTER_NAMES):
                out = [_spelled_start(text, c) for c in out]
            if not words.isdisjoint(_PROVIDER_WORDS):
                out.extend(_providers_apart(text, out))
        if out and "at" in words:
            # every reading of "at" as "@" meets the hour said with it: "meet me at 5 at gmail hq"
            # (an ending said after it, "at 5 at gmail dot com", still makes an address)
            out = [
                c
                for c in out
                if _ENDING_SAID.search(text, c.start, c.end)
                or not _clock_time(text, c.start, text[c.start : c.end])
            ]
        return out


# The ending said after an address already found, in any spacing or joining: "...protonmail-dot-com",
# "... g mail . com", "... at ziggo dot nl" (each piece of it: "dot co dot uk").
_ENDING_AFTER = re.compile(
    r"(?:\s*[-_]\s*|\s*)(?:\.|(?<![A-Za-z])dot)(?:\s*[-_]\s*|\s*)(?:"
    + "|".join(sorted(_TLD_WORDS, key=len, reverse=True))
    + r")(?![\w@])",
    IGNORE_CASE,
)


def _extend_ending(text: str, c: Candidate) -> Candidate:
    end = c.end
    for _ in range(3):
        m = _ENDING_AFTER.match(text, end)
        if m is None:
            break
        end = m.end()
    return c if end == c.end else Candidate(c.start, end, c.label, c.score)


# The provider's domain said apart from an address found in the same message, with its
# ending: "first part: olu.bankole. second part is yahoo dot com". The provider named bare
# stays ("its a gmail one", "not the hotmail": the sets mark it one way and the other, and
# a bare provider names no one), and with no address found "yahoo dot com" alone keeps.
_PROVIDER_APART = re.compile(
    r"(?<![\w@.])"
    + PROVIDERS
    + _DOT
    + r"(?:co"
    + _DOT
    + r"uk|com|net|co|uk|fr|de|es|nl|it|ie|au)\b",
    IGNORE_CASE,
)


def _providers_apart(text: str, found: List[Candidate]) -> List[Candidate]:
    out = []
    for m in _PROVIDER_APART.finditer(text):
        if any(c.start <= m.start() < c.end for c in found) or text[m.end() : m.end() + 2] in (
            "'s",
            "’s",
        ):
            continue
        out.append(Candidate(m.start(), m.end(), Label.EMAIL, Score.EMAIL_PARTS))
    return out


# An address written backwards so a scraper misses it: "moc dot liamg ta 77noj",
# "ku.oc.oohay@hsoj". The message is read reversed (with "tod" read as "dot") and the
# spans found there are mapped back.
_REVERSED_ENDINGS = frozenset("moc ten gro ku ude vog".split())
_TOD = re.compile(r"\btod\b", IGNORE_CASE)


def _reversed_emails(text: str) -> List[Candidate]:
    rev = _TOD.sub("dot", text[::-1])
    n = len(text)
    out = []
    for rx in (EMAIL, EMAIL_DISGUISED, EMAIL_PROVIDER):
        for m in rx.finditer(rev):
            local = re.split(r"\s|@", m.group(0), maxsplit=1)[0].lower()
            if local in _NOT_LOCAL:
                continue
            out.append(Candidate(n - m.end(), n - m.start(), Label.EMAIL, Score.EMAIL_DISGUISED))
    return out


# One reading for every disguise of an address's marks: the marks said in words, in
# brackets, stars or quotes, with "then" and "the ... thing" round them, or a digit for a
# letter ("d0t"); letters spaced out. The message is rewritten with the marks as signs
# ("zainab (underscore) q (at) example (dot) net" -> "zainab_q@example.net", "j.p.m, then
# the at thing, then example dot org" -> "j.p.m@example.org"), each character remembering
# where it came from, and an address is looked for in the rewriting: a name part, "@", and
# a domain with an ending or a mail provider.
_STEP = r"(?:(?:and\s+)?then\s+(?:an?\s+|the\s+)?)?"
_OPEN, _CLOSE = r"[\[\(\{<*'\"‘“]", r"[\]\)\}>*'\"’”]"
_MARK_WORDS = {
    "@": _AT_SAID + r"|@|at\s+sign|at\s+symbol",
    ".": _DOT_SAID + r"|d0t|\.|period|full\s+stop",
    "_": r"underscore|under\s+score|_",
    "-": r"dash|hyphen|-",
}
# Every form opens on a space, a comma, "@", "." or an opening bracket or quote: opens() puts
# that in a look-ahead, read from the forms themselves, so a scan fails at once on any other
# character instead of trying each form there (most of them open with "\s*" or "\s+", which
# cost as much to fail as to start).
_NORMALISE_FORMS = re.compile(
    "|".join(
        [
            rf"(?P<b{k}>\s*{_OPEN}\s*(?:{words})\s*{_CLOSE}\s*)"
            for k, words in zip("adup", _MARK_WORDS.values(), strict=True)
        ]
        + [
            # "then the at thing, then", "and then an at sign", ", at symbol,"
            r"(?P<ta>\s*,?\s+(?:(?:and\s+)?then\s+)?(?:the\s+|an?\s+)?(?:at|@)\s+(?:sign|symbol|thing|bit|one)"
            r"(?:\s*,?\s*(?:and\s+)?then)?\s*,?\s+)",
            # "at the aol one", "at the google email": the provider told by the company's name
            r"(?P<na>\s+at\s+the\s+(?=(?:"
            + "|".join(sorted(_DESCRIBED_PROVIDER_WORDS | _PROVIDER_WORDS))
            + r")\s+(?:one|email|e-mail|mail|account|address|thing)\b))",
            # ("then the @ then": the sign itself may take "the")
            r"(?P<ja>\s*,?\s+(?:(?:and\s+)?then\s+)?(?:" + _AT_SAID + r"|@|the\s+@)"
            r"(?:\s*,?\s*(?:and\s+)?then)?\s*,?\s+)",
            # "then a dot then", "and then an underscore": each mark told as a step
            r"(?P<jd>\s+"
            + _STEP
            + r"(?:"
            + _DOT_SAID
            + r"|d0t|period|full\s+stop)(?:\s+then)?\s+)",
            r"(?P<ju>\s+" + _STEP + r"(?:underscore|under\s+score)(?:\s+then)?\s+)",
            r"(?P<jp>\s+" + _STEP + r"(?:dash|hyphen)(?:\s+then)?\s+)",
            # a sign typed twice or more, to get past a filter: "ahmed.r@@gmail..com"
            r"(?P<xa>(?<=\w)@{2,}(?=\w))",
            r"(?P<xd>(?<=\w)\.{2,}(?=\w))",
            # letters typed with a space between each: "s m i t h"
            r"(?P<sp>(?:(?<=\s\w)|(?<=^\w)) (?=\w(?:\s|$|[,@])))",
        ]
    ),
    IGNORE_CASE,
)
_NORMALISE = opens(_NORMALISE_FORMS)
_SIGN_OF = {"a": "@", "d": ".", "u": "_", "p": "-"}
# Words that describe an address's shape instead of giving it ("firstname dot lastname at ...").
_SHAPE_WORDS = frozenset(
    "name surname firstname lastname forename initial initials username yourname".split()
)
# what tells a provider by the company's name: "the aol one", "the google email"
_DESCRIBED_TAIL = re.compile(r"\s+(?:one|email|e-mail|mail|account|address|thing)\b", IGNORE_CASE)
_NORMAL_ADDRESS = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9][\w.+-]{0,63})@([A-Za-z0-9][\w-]{1,62}(?:\.[A-Za-z0-9-]{1,62}){0,3})"
)
_NORMAL_GATE = (
    frozenset("dot d0t point underscore dash hyphen thing sign symbol period".split())
    | _PROVIDER_WORDS
    | _TLD_WORDS
)


def _normalised_emails(text: str) -> List[Candidate]:
    parts: List[str] = []
    # (start in the rewriting, start in text, end in text, a sign?) of each piece
    pieces: List[tuple] = []
    pos = at = 0
    for m in _NORMALISE.finditer(text):
        if m.start() > pos:
            pieces.append((at, pos, m.start(), False))
            parts.append(text[pos : m.start()])
            at += m.start() - pos
        kind = m.lastgroup
        if kind != "sp":  # the space between two spaced letters is dropped
            pieces.append((at, m.start(), m.end(), True))
            parts.append(_SIGN_OF[kind[1]])
            at += 1
        pos = m.end()
    if not pieces:
        return []
    if pos < len(text):
        pieces.append((at, pos, len(text), False))
        parts.append(text[pos:])
    norm = "".join(parts)
    starts = [p[0] for p in pieces]

    def origin(k: int) -> tuple:
        """(start, end) in text of the rewriting's character ``k``."""
        a, s0, e0, sign = pieces[bisect_right(starts, k) - 1]
        return (s0, e0) if sign else (s0 + k - a, s0 + k - a + 1)

    out: List[Candidate] = []
    for m in _NORMAL_ADDRESS.finditer(norm):
        local, domain = m.group(1).rstrip(".-"), m.group(2).lower().rstrip(".-")
        labels = domain.split(".")
        ending = len(labels) > 1 and labels[-1] in _TLD_WORDS
        provider = labels[0] in _PROVIDER_WORDS
        dom_end = origin(m.start(2) + len(domain) - 1)[1]
        # "at the aol one", "then the google email": the company named, then what it gives
        described = (
            len(labels) == 1
            and (provider or labels[0] in _DESCRIBED_PROVIDER_WORDS)
            and _DESCRIBED_TAIL.match(text, dom_end) is not None
        )
        provider = provider or described
        if not (ending or provider):
            continue
        low = local.lower()
        if not _SHAPE_WORDS.isdisjoint(re.split(r"[._-]", low)):
            continue  # "first name dot surname at the google one": the shape, not the address
        start = origin(m.start(1))[0]
        if start > 0 and text[start - 1] in "'’":
            continue  # "it's at gmx dot de": the name part was said before
        if (
            low in _NOT_LOCAL
            or low in _NOT_LOCAL_WORD
            or (not _address_like(local) and not provider and len(labels) < 2)
        ):
            continue
        spelled = text[start : origin(m.start(1) + len(local) - 1)[1]] != local
        if not (spelled or ending or _MARKED_LOCAL.search(local)) and lexicon.is_common_word(low):
            continue  # "i was at hotmail for years": a place of work, not an address
        if described and not spelled:
            # "jen.kaur at the microsoft one": a typed name part is taken on its own
            # (EMAIL_DESCRIBED_PROVIDER) and the company stays readable; only an address said
            # out loud whole ("harry then a dot then pearce at the aol one") goes as one
            continue
        end = _DESCRIBED_TAIL.match(text, dom_end).end() if described else dom_end
        out.append(Candidate(start, end, Label.EMAIL, Score.EMAIL_DISGUISED))
    return out


EMAIL_COMMAS = re.compile(
    r"(?<![\w,])(?:[A-Za-z0-9_.]{1,12}\s*,\s*){1,30}(?i:at|@)\s*,\s*[A-Za-z0-9-]{2,30}"
    r"(?:\s*,\s*(?i:dot|\.)\s*,\s*[A-Za-z]{2,6}){1,2}(?![\w])"
)
_JOIN_WORDS = frozenset("dot underscore dash hyphen period stop".split())
_LOCAL_WORDS = frozenset(NUMBER_WORDS) | _JOIN_WORDS
# The local part read out before a found address: "margaret dot hale fifty six at ...":
# words joined by a spoken mark, and numbers in words, going back from the address.
_LOCAL_BACK = re.compile(
    r"(?:(?<![\w.])[A-Za-z0-9]{1,30}\s+(?i:dot|underscore|dash|hyphen|period|full\s+stop)\s+|"
    r"(?<![\w.])(?i:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\s+(?:and\s+)?)$"
)


_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z0-9]{0,29})\s+$")
_NOT_LOCAL_WORD = frozenset(
    "is its it's was my me email mail address addy at to on in and or the a an his her their our your "
    "mums dads mum dad mom moms send write wrote try use using contact reach".split()
)


def _extend_local_words(text: str, cand: Candidate) -> Candidate:
    if cand.label is not Label.EMAIL:
        return cand
    start = cand.start
    lead = text[start : start + 12].split(" ", 1)[0].lower()
    numbers = lead in NUMBER_WORDS or lead.isdigit()
    for _ in range(8):
        m = _LOCAL_BACK.search(text, max(0, start - 45), start)
        if m is None:
            if numbers:
                # the name the numbers were typed after: "hale fifty six at ...", and its
                # initial with it: "ella b 2009 at gmail" (a letter alone, then the name)
                w = _WORD_BEFORE.search(text, max(0, start - 31), start)
                if w is not None and w.group(1).lower() not in _NOT_LOCAL_WORD:
                    start = w.start()
                    numbers = len(w.group(1)) == 1 and w.group(1).lower() not in ("a", "i")
                    continue
            break
        numbers = m.group(0).split()[0].lower() in NUMBER_WORDS
        start = m.start()
    return cand if start == cand.start else Candidate(start, cand.end, cand.label, cand.score)


# The name part read out a piece at a time, "then" between the pieces: "daisy then a full
# stop then okonkwo at gmail", "tash then 1 then 2 then 3 then at btinternet dot com",
# "leon p (no dot) then 2000 at gmail". Going back from a found address, one piece a step.
_THEN_BACK = re.compile(
    r"(?<![\w.])(?P<piece>(?:(?:with\s+)?an?\s+)?(?:full\s+stop|dot|period|underscore|under\s+score|dash|hyphen)|"
    r"(?!then\b)[A-Za-z0-9]{1,30}(?:\s+(?!then\b)[A-Za-z0-9])?)"
    # a gloss in brackets after a piece: "leon p (no dot) then", "w (double u) then"
    r"\s+(?:\([^()]{1,20}\)\s+)?(?:(?:and\s+)?then\s+)?$",
    IGNORE_CASE,
)


def _extend_then_pieces(text: str, cand: Candidate) -> Candidate:
    if cand.label is not Label.EMAIL:
        return cand
    start = cand.start
    joined = text[start : start + 5].lower() == "then "  # "... 3 then at btinternet"
    for _ in range(10):
        if not joined and not re.search(r"\bthen\s+$", text[max(0, start - 12) : start], re.I):
            break
        m = _THEN_BACK.search(text, max(0, start - 60), start)
        if m is None or not (joined or m.group(0).rstrip().lower().endswith("then")):
            break
        piece = m.group("piece").lower()
        mark = re.search(r"stop|dot|period|score|dash|hyphen", piece) and " " in piece
        first = piece.split()[0]
        if not mark and (first in _NOT_LOCAL_WORD or piece in _NOT_LOCAL) and " " in piece:
            # "is w (double u) then": the letter is the piece, the word before it is not
            start = m.start("piece") + len(m.group("piece")) - 1
            break
        if not mark and (first in _NOT_LOCAL_WORD or piece in _NOT_LOCAL):
            break
        start = m.start()
        joined = False
    return cand if start == cand.start else Candidate(start, cand.end, cand.label, cand.score)


# In a message about mail, "name at <one word no dictionary has>" is an address whose
# ending was left off or said apart: "katie at katiesmithcounselling, dot co dot uk".
# (a lookahead, so "my therapist at drnina at clinicname" is read at every "at")
_AT_RARE = re.compile(r"(?<![\w.+@-])(?=([A-Za-z][\w.+-]{1,40})\s+at\s+([A-Za-z][\w-]{5,40})\b)")


def _at_rare_domain(text: str) -> List[Candidate]:
    out = []
    for m in _AT_RARE.finditer(text):
        local, domain = m.group(1).lower(), m.group(2).lower()
        if local in _NOT_LOCAL or lexicon.is_common_word(local) and not _address_like(local):
            continue
        if (
            lexicon.is_common_word(domain)
            or lexicon.logprob(domain) > -16.5
            or lexicon.is_inflected(domain)
            or domain in lexicon.places()
            or domain in lexicon.names()
        ):
            continue
        out.append(Candidate(m.start(1), m.end(2), Label.EMAIL, Score.EMAIL_DISGUISED))
    return out


_FILE_ENDINGS = frozenset(
    "doc docx pdf jpg jpeg png gif txt mp3 mp4 mov pptx ppt xlsx xls zip exe html py csv heic webp".split()
)


def _address_like(value: str) -> bool:
    """Not two words run together at a full stop ("school.then") nor a file ("essay.docx")."""
    parts = [p for p in re.split(r"[.]", value.lower()) if p]
    if len(parts) > 1 and parts[-1] in _FILE_ENDINGS:
        return False
    if "_" in value or any(c.isdigit() for c in value):
        return True
    return not all(lexicon.is_common_word(p) or p in _NOT_LOCAL for p in parts)


_MAIL_GATE = _EMAIL_GATE | frozenset("email emails emailed e addy".split())
# The words that say an hour comes next ("at 5", "by 10.30", "quarter past 4"), and the hour.
_TIME_WORDS = frozenset("at by till til until around about after before from half".split())
_TIME_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(_TIME_WORDS)) + r"|quarter\s+past)\s+$",
    IGNORE_CASE,
)
_HOUR = re.compile(r"\d{1,2}(?:[.:]\d{2})?(?:am|pm)?", IGNORE_CASE)
_ENDING_SAID = re.compile(r"(?:\bdot\s+|\.)[A-Za-z]{2,6}$", IGNORE_CASE)


def _clock_time(text: str, start: int, found: str) -> bool:
    """ "meet me at 5 at gmail hq", "by 10.30 at the apple store": an hour after a time word is
    no address's name part (one or two digits, or "5pm", "10.30"), whether the time word is
    before the match or its own first word."""
    words = found.split()
    if len(words) > 2 and words[0].lower() in _TIME_WORDS:
        hour, before = words[1], True
    else:
        hour = words[0] if words else ""
        before = _TIME_BEFORE.search(text, max(0, start - 16), start) is not None
    return before and _HOUR.fullmatch(hour.rstrip(".")) is not None


# Letters and digits that are ordinary words: "3am", "2nd", "y11", "ps5", "mp3", "20s", "4g".
_ORDINARY_NUMBERISH = re.compile(
    r"\d+(?:st|nd|rd|th|am|pm|s|k|g|gb|mb|kg|km|mg|ml|hrs?|mins?|yo|yrs?)|[a-z]{1,2}\d{1,2}|\d{1,2}[a-z]",
    IGNORE_CASE,
)
_SPACED_GATE = re.compile(r"(?<!\S)\S\s{1,2}\S\s{1,2}\S\s{1,2}\S\s{1,2}\S\s{1,2}\S(?!\S)")


_SPACED_LEFT = re.compile(r"(?:(?<!\S)[\w.+-]\s{1,2})+$")


def _extend_spaced(text: str, c: Candidate) -> Candidate:
    """ "j s m i t h at gmail dot com": the letters before a found address belong to it."""
    if (
        c.start > 1
        and text[c.start - 1] == " "
        and (c.start + 1 >= len(text) or not text[c.start + 1].isalnum())
    ):
        m = _SPACED_LEFT.search(text, max(0, c.start - 80), c.start)
        if m:
            return Candidate(m.start(), c.end, c.label, c.score)
    return c


class LinkRecognizer:
    """Links and IP addresses."""

    name = "links"

    def find(self, view) -> List[Candidate]:
        text = view.folded
        out: List[Candidate] = []
        if "." not in text and ":" not in text:
            return out
        for m in URL.finditer(text):
            out.append(
                Candidate(m.start(), _strip_end(text, m.start(), m.end()), Label.URL, Score.URL)
            )
        for m in BARE_DOMAIN.finditer(text):
            out.append(
                Candidate(
                    m.start(), _strip_end(text, m.start(), m.end()), Label.URL, Score.BARE_DOMAIN
                )
            )
        if view.has_digit:
            # on the raw text: "6·12·34·56" folded to dots is a phone number, not an address
            for m in IPV4.finditer(view.text):
                out.append(Candidate(m.start(), m.end(), Label.IP, Score.IP))
        if "::" in text or text.count(":") >= 3:
            for m in IPV6_RUN.finditer(text):
                cand = (
                    m.group(0).strip(".:")
                    if not m.group(0).startswith("::")
                    else m.group(0).rstrip(".")
                )
                if cand.count(":") >= 2 and len(cand) <= 45:
                    try:
                        ipaddress.IPv6Address(cand)
                    except ValueError:
                        continue
                    start = m.start() + m.group(0).index(cand)
                    out.append(Candidate(start, start + len(cand), Label.IP, Score.IP6))
        return out


class PhoneRecognizer:
    name = "phones"

    def find(self, view) -> List[Candidate]:
        text = view.folded
        out: List[Candidate] = []
        if view.has_digit:
            if _LOOKALIKE_NEAR_DIGIT.search(text):
                text = _LOOKALIKE_GROUP.sub(lambda m: m.group(0).translate(_LOOKALIKE_MAP), text)
            out.extend(_phones(text))
        if view.has_digit or len(view.words & NUMBER_WORDS) >= 2:
            out.extend(_spoken_numbers(view.folded, view.numbers))
        if not view.words.isdisjoint(_PIECE_WORDS) and _PHONE_CUE.search(view.folded):
            out.extend(_phone_pieces(view.folded, view.numbers))
        if out and not view.words.isdisjoint(_EXT_WORDS):
            # "415.555.0132 ext. 7": the extension is part of the number
            for k, c in enumerate(out):
                m = _EXTENSION.match(view.folded, c.end)
                if m is not None and c.label is Label.PHONE:
                    out[k] = Candidate(c.start, m.end(), c.label, c.score)
        return out


_EXT_WORDS = frozenset("ext extension x option opt press".split())
# "ext. 7", "x204", and the menu choice that reaches the person ("option 3", "press 2")
_EXTENSION = re.compile(
    r"\s*,?\s*(?:ext(?:ension)?|x|option|opt|(?:then\s+)?press)\.?\s*(?:no\.?\s*)?\d{1,5}\b",
    IGNORE_CASE,
)

# A number given in pieces once the message is about a phone: "starts 07700 and ends
# 900 404", "area code 212, then 555 0199", "555-0123 ext 4", "the last bit is 077",
# "number is oh seven seven oh oh" (the rest in the next message).
_PHONE_CUE = re.compile(
    r"\b(?:(?:phone|mobile|cell|landline|whatsapp|tel)(?:\s+(?:number|no))?|digits|area\s+code|"
    r"(?:my|his|her|your|ur|their|our|mum'?s|dad'?s|the)\s+(?:new\s+|old\s+|other\s+)?number|"
    r"number\s+(?:is|starts|ends|'s)|"
    r"dialling\s+code|ext(?:ension)?|starts|ends|last\s+(?:bit|part|few|digits|three|four)|first\s+(?:bit|part)|"
    # the number told as its start and its end: "the start is the normal 07700", "my 1st 5 are"
    r"the\s+(?:start|end|beginning)\s+(?:is|of\s+it)|(?:1st|first|last)\s+(?:[2-6]|two|three|four|five|six)|"
    r"txt|text|call|ring)\b",
    IGNORE_CASE,
)
_PHONE_CUE = opens(_PHONE_CUE)  # the same matches, tried only where one can open
_PIECE_WORDS = frozenset(
    "phone mobile cell landline whatsapp tel number digits area dialling ext extension starts ends last "
    "first txt text call ring start end beginning 1st".split()
)
# A spoken run named as a part after it: "nine hundred four two one is the end of it".
_SPOKEN_CUE_AFTER = re.compile(
    r"\s*(?:is|are|was|'s)\s+(?:the\s+)?(?:end|start|beginning|last|first|rest)\b", IGNORE_CASE
)
PHONE_PIECE = re.compile(
    r"(?<![\w\u00a3$\u20ac.,:/#-])\+?\(?\d{3,5}\)?(?:[ -]\d{2,5}){0,3}"
    r"(?:\s*(?:ext|x|extension)\.?\s*\d{1,5})?(?![\w%:/]|\.\d|,\d)",
    IGNORE_CASE,
)
# Numbers that are amounts, doses or times, not pieces of a phone number.
_AMOUNT_AFTER = re.compile(
    r"\s*(?:mg|ml|g|kg|tablets?|pills?|quid|pounds?|dollars?|euros?|p|pence|times|days?|weeks?|months?|"
    r"years?|hours?|mins?|minutes?|seconds?|people|calories|kcal|steps|miles|km|followers|likes|%|percent)\b",
    IGNORE_CASE,
)
_AMOUNT_AFTER = opens(_AMOUNT_AFTER)  # the same matches, tried only where one can open
_SPOKEN_CUE_BEFORE = re.compile(
    r"\b(?:number|phone|mobile|digits|ends|starts|last\s+bit)\s*(?:is|'s|was|:|-|in|with)?\s*$",
    IGNORE_CASE,
)
# Emergency and helpline numbers: counsellors must read them.
PUBLIC_NUMBERS = frozenset("999 911 112 111 988 116123 08001111 85258 741741 000 101 105".split())
_PIECE_JOIN = re.compile(r"^[\s,.-]*(?:(?:and\s+)?then|and)?[\s,.-]*$", IGNORE_CASE)


def _phone_pieces(text: str, runs) -> List[Candidate]:
    pieces = []
    for m in PHONE_PIECE.finditer(text):
        digits = sum(c.isdigit() for c in m.group(0))
        if digits < 3 or digits > 15 or _AMOUNT_AFTER.match(text, m.end()):
            continue
        if digits == 4 and re.fullmatch(r"(?:19|20)\d\d", m.group(0)):
            continue  # a year
        if re.sub(r"\D", "", m.group(0)) in PUBLIC_NUMBERS:
            continue  # "call 999", "ring 116 123": help, not a person's number
        pieces.append([m.start(), m.end()])
    for run in runs:  # spoken right after the cue: "number is oh seven seven oh oh"
        if (
            run.words
            and 3 <= len(run.digits) <= 15
            and (
                _SPOKEN_CUE_BEFORE.search(text, max(0, run.start - 24), run.start)
                or (len(run.digits) >= 4 and _SPOKEN_CUE_AFTER.match(text, run.end))
            )
        ):
            pieces.append([run.start, run.end])
    pieces.sort()
    merged: List[List[int]] = []
    for p in pieces:
        if merged and (p[0] <= merged[-1][1] or _PIECE_JOIN.match(text[merged[-1][1] : p[0]])):
            merged[-1][1] = max(merged[-1][1], p[1])
        else:
            merged.append(p)
    for piece in merged:
        piece[1] = _then_chain(text, piece[1])
    return [Candidate(s, e, Label.PHONE, Score.PHONE_SPOKEN) for s, e in merged]


# "starts oh seven nine, then its 46 then 3 double 1 then 872": after a piece, "then" and
# the next number, however short, belong to it.
_THEN_NEXT = re.compile(r"[\s,.-]*(?:and\s+)?then\s+(?:it'?s\s+|is\s+|comes\s+)?", IGNORE_CASE)


def _then_chain(text: str, end: int) -> int:
    for _ in range(8):
        m = _THEN_NEXT.match(text, end)
        if m is None:
            break
        runs = number_runs(text[m.end() : m.end() + 40], 1)
        if not runs or runs[0].start != 0 or _AMOUNT_AFTER.match(text, m.end() + runs[0].end):
            break
        end = m.end() + runs[0].end
    return end


# Years in a row ("2019, 2020, 2021", "1998/2004/2011"): dates, not a number's groups.
_YEARS_ONLY = re.compile(r"(?:19|20)\d\d(?:(?:\s*[,/&-]\s*|\s+)(?:and\s+)?(?:19|20)\d\d)+")


def _phones(text: str) -> Iterator[Candidate]:
    if "," in text or "/" in text:
        for m in DIGIT_GROUPS.finditer(text):
            digits = sum(c.isdigit() for c in m.group(0))
            if _YEARS_ONLY.fullmatch(m.group(0)):
                continue
            if 9 <= digits <= 15 and (m.group(0)[0] in "0+" or digits >= 10):
                yield Candidate(m.start(), m.end(), Label.PHONE, Score.PHONE_DIGIT_RUN)
    if not _SEVEN_DIGITS.search(text):
        for m in LONG_NUMBER.finditer(text):
            yield Candidate(m.start(), m.end(), Label.ID, Score.NUMBER_LONG)
        return
    runs = []
    for m in DIGIT_RUN.finditer(text):
        start, end = m.start(), m.end()
        while end > start and not text[end - 1].isdigit():
            end -= 1
        digits = sum(c.isdigit() for c in text[start:end])
        if _YEARS_ONLY.fullmatch(text, start, end):
            runs.append((start, end))  # read: no need to ask phonenumbers about it
            continue
        if 7 <= digits <= 15:
            runs.append((start, end))
            yield Candidate(start, end, Label.PHONE, Score.PHONE_DIGIT_RUN)
        elif digits > 15:
            yield Candidate(start, end, Label.ID, Score.NUMBER_LONG_RUN)
    # phonenumbers is exact but slow: ask it only about digit runs the fallback above
    # did not already cover (odd separators), and never past 2,000 characters.
    uncovered = len(text) <= 2000 and any(
        not any(s <= m.start() and m.end() <= e for s, e in runs)
        for m in _SEVEN_LOOSE.finditer(text)
    )
    seen = set()
    for region in _PHONE_REGIONS if uncovered else ():
        try:
            for m in phonenumbers.PhoneNumberMatcher(
                text, region, leniency=phonenumbers.Leniency.POSSIBLE
            ):
                key = (m.start, m.end)
                if key not in seen and not _YEARS_ONLY.fullmatch(text, m.start, m.end):
                    seen.add(key)
                    yield Candidate(m.start, m.end, Label.PHONE, Score.PHONE)
        except Exception:  # pragma: no cover - library guards its own input
            continue
    for m in LONG_NUMBER.finditer(text):
        yield Candidate(m.start(), m.end(), Label.ID, Score.NUMBER_LONG)


# (and the marks of keycap digits, "6️⃣1️⃣7️⃣": digits typed as emoji are disguised, not plain)
_ODD_SEPARATORS = frozenset("_~|*\ufe0f\u20e3")


def _spoken_numbers(text: str, runs) -> List[Candidate]:
    """Numbers of phone length however written: words, look-alikes, odd separators."""
    out: List[Candidate] = []
    for run in runs:
        size = len(run.digits)
        if size < 7:
            continue
        if size > 15 or counting(run.digits):
            continue
        if run.words == 0:
            # plain digits: the digit-run passes above judge them, unless the
            # separators are ones they do not read ("07_700_900", "07700~900")
            raw = text[run.start : run.end]
            if not (
                9 <= size
                and (run.plus or run.digits[0] == "0" or any(c in _ODD_SEPARATORS for c in raw))
            ):
                continue
        elif size < 9 and run.words < 2:
            continue
        end = run.end
        while end < len(text) and text[end] in _KEYCAP_MARKS:
            end += 1  # the last keycap's own marks ("3️⃣")
        out.append(Candidate(run.start, end, Label.PHONE, Score.PHONE_SPOKEN))
    return out


_KEYCAP_MARKS = frozenset("\ufe0f\u20e3")
