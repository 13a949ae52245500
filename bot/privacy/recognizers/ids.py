"""Identity numbers and vehicle plates: national insurance, NHS, SSN, ids in context, plates.

Plates: the current UK shape ("AB12 CDE") in capitals anywhere, in any case after a
plate word ("reg", "number plate", "licence plate", "car is"), older UK shapes and other
countries' plates only after such a word.
"""

from __future__ import annotations

import re
from typing import List

from bot.privacy.recognizers.base import Candidate, Label, Score
from bot.privacy.recognizers.numbers import NUMBER_WORDS
from bot.privacy.recognizers.text import opens

IGNORE_CASE = re.IGNORECASE

SSN = re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)")
NI_NUMBER = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", IGNORE_CASE)
NI_CONTEXT = re.compile(
    # "my NINO, which is QQ 55 44 33 D", "ni no. is like AB 12 34 56 C": the number after its name
    r"\b(?:national\s+insurance|ni|nino)\s*(?:number|no\.?|num|#)?\s*"
    r"(?:,?\s*(?:which|that|and\s+it)\s+(?:is|was|'s)|is|was|'s|:|=|-)?\s*(?:like\s+|just\s+)?"
    r"([A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?)\b",
    IGNORE_CASE,
)
# Spaced out: "P R 7 3 0 9 5 1 A", "qq 12 34 56 c".
NI_SPACED = re.compile(
    r"(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z]\s[A-CEGHJ-NPR-TW-Z](?:\s?\d){6}\s[A-D](?![A-Za-z0-9])",
    IGNORE_CASE,
)
# Cues for an identity number that may be given in words ("my student number is two oh ...").
ID_SPOKEN_CUE = re.compile(
    r"\b(?:student|pupil|candidate|centre|center|nhs|national\s+insurance|ni|passport|licen[cs]e|brp|ucas|uln|"
    r"member(?:ship)?|customer|patient|case|reference|ref|policy|social\s+security|ssn|employee|staff|id)\s*"
    r"(?:number|no\.?|num|#|id)\b",
    IGNORE_CASE,
)
ID_SPOKEN_CUE = opens(ID_SPOKEN_CUE)  # the same matches, tried only where one can open
NHS_CONTEXT = re.compile(
    r"\bnhs\s*(?:number|no\.?|num|#)?\s*(?:is|:|=|-)?\s*(\d{3}[ -]?\d{3}[ -]?\d{4})\b", IGNORE_CASE
)
ID_CONTEXT = re.compile(
    r"\b(?:student|pupil|account|acct|customer|member(?:ship)?|patient|hospital|case|reference|ref|passport|"
    r"licen[cs]e|driver'?s?\s+licen[cs]e|employee|staff|candidate|ucas|uln|policy|sort\s+code|roll|"
    r"library\s+card|id|national\s+insurance|ni|social\s+security|tax|utr|crn|badge|visa|order|booking|"
    r"pin|registration|reg|nhs|medical|insurance|login|user\s*id|medicare|medicaid|health\s+card|chi|ohip|"
    r"social|benefits|claim|case\s+file|prisoner|inmate|court|file|centre|center|exam|brp|residence\s+permit|"
    r"biometric|home\s+office|immigration|arc|uci|gnib|irp|nin|bsn|sin|tfn|aadhaar|pan|dni|nie|nif|cpf|ppsn?|"
    r"codice\s+fiscale|steuer-?id|personnummer|cnp|pesel|hkid|nric|fin|curp|rfc|rut|cuil|dl)"
    r"\s*(?:number|no\.?|num|#|code|id|card|permit)?\s*(?:is|was|es|ist|:|=|-|says|reads|shows|has|said)?\s*(?:is|:)?\s*"
    # (a group of capitals may come first when digits follow it: "pan card is ABCPK 1234 F")
    r"((?:(?-i:[A-Z]{2,6})\s(?=\d))?(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,24})\b",
    IGNORE_CASE,
)
ID_CONTEXT = opens(ID_CONTEXT)  # the same matches, tried only where one can open
# The check letter an id printed in groups ends on ("ABCPK 1234 F", "AB 123456 C"): one capital,
# never "A" or "I" (the words), then no more of a word.
_CHECK_LETTER = re.compile(r" [B-HJ-Z](?![\w'’]|[@/.-]\w)")

_PLATE_WORD = r"(?:number\s*plate|numberplate|licen[cs]e\s+plate|plate|plates|reg(?:istration)?(?:\s+(?:number|no\.?|plate))?|car\s+reg|tag|tags|car|van|motor|motorbike|bike|vehicle|truck)"
# Words between a plate word and the plate ("his car has plate 7ABC123"), never the plate.
_PLATE_FILLER = (
    r"(?:i|has|had|is|was|with|number|plate|plates|reg|the|a|an|and|its|it's|like|on|of|reads|says)"
)
PLATE_UK = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\s?\d{2}\s?[A-Z]{3}(?![A-Za-z0-9])")
# The first half of a current UK plate in capitals ("KP 66 ... cant remember the rest"),
# only when a vehicle is named in the message.
PLATE_UK_HALF = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\s?\d{2}(?![A-Za-z0-9])")
# A UK driving licence number: five letters of the surname (9s pad it), six digits, two
# initials, a digit and two check characters; spaced or not ("JONES 610155 J99 AB").
UK_LICENCE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z9]{5}\s?\d{6}\s?[A-Za-z9]{2}\d\s?[A-Za-z0-9]{2}(?![A-Za-z0-9])"
)
# An institution's number in parts: "UNILAG/2019/0456", "CSC-19-1234", "ABC/12/345/X", and
# with the faculty or course as a second code before the digits: "KU/BCOM/0882/21",
# "UON/SCI-ED/..." is not joined by one mark and keeps; "and/or" has no digits.
SLASH_ID = re.compile(
    r"(?<![\w/])[A-Za-z]{2,10}([/-])(?:[A-Za-z]{2,8}\1)?\d{2,6}\1[A-Za-z0-9]{2,8}(?:\1[A-Za-z0-9]{1,6})?(?![\w/])"
)
# Vehicles named by kind, make or model: a plate's first half near one is a plate.
_VEHICLE_WORDS = frozenset(
    "car cars van vans truck lorry bike motorbike scooter taxi cab uber bus minicab jeep suv hatchback "
    "fiesta focus corsa astra golf polo clio micra civic corolla yaris qashqai juke mini punto "
    "bmw audi merc mercedes ford vauxhall toyota honda nissan kia hyundai peugeot renault vw volkswagen "
    "tesla skoda seat fiat volvo landrover rover range transit sprinter reg plate plates numberplate "
    "drives driving drove parked".split()
)
# A current UK plate typed a character or two at a time, in capitals ("W A 1 2 X Y Z",
# "GY 16 O O P"): any spacing of its seven characters.
PLATE_UK_SPACED = re.compile(
    r"(?<![A-Za-z0-9])[A-Z] ?[A-Z] ?\d ?\d ?[A-Z] ?[A-Z] ?[A-Z](?![A-Za-z0-9])"
)
# A plate with its number said in words, near a vehicle: "an LX ten ABC plate", "GY sixteen OOP",
# "KP one six XRT".
_NUMBER_WORD = (
    r"(?:"
    + "|".join(
        sorted(NUMBER_WORDS - {"o", "owe", "hundred", "thousand", "dbl"}, key=len, reverse=True)
    )
    + r")"
)
PLATE_WORDED = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\s+(?i:" + _NUMBER_WORD + r"(?:[\s-]+" + _NUMBER_WORD + r")?)"
    r"\s+[A-Z]{3}(?![A-Za-z0-9])"
)
PLATE_UK_ANYCASE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}\s?[A-Za-z]{3}(?![A-Za-z0-9])")
PLATE_UK_OLD = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]\s?\d{1,3}\s?[A-Z]{3}|[A-Z]{3}\s?\d{1,3}\s?[A-Z])(?![A-Za-z0-9])"
)
PLATE_IN_CONTEXT = re.compile(
    r"\b"
    + _PLATE_WORD
    + r"\b\s*(?:'s|is|was|were|:|=|-|#|reads|said|says|number|no\.?|ending|starting|starts\s+with|with)?\s*(?:is|was|:|-)?\s*(?:like\s+)?"
    r"((?!"
    + _PLATE_FILLER
    + r"\b)(?=[A-Za-z0-9 -]{0,10}\d)(?=[A-Za-z0-9 -]{0,10}[A-Za-z])[A-Za-z0-9]{1,4}"
    r"(?:(?:[ -](?!" + _PLATE_FILLER + r"\b))?[A-Za-z0-9]{1,4}){0,2})(?![A-Za-z0-9])",
    IGNORE_CASE,
)
_PLATE_CONTEXT_NEAR = re.compile(_PLATE_WORD, IGNORE_CASE)
_PLATE_CONTEXT_NEAR = opens(_PLATE_CONTEXT_NEAR)  # the same matches, tried only where one can open

# A letter or two and six or more digits, with an optional check letter: a student,
# matriculation, staff or passport number ("u1987654", "A0123456X", "s2231987").
ALNUM_ID = re.compile(r"(?<![\w@.#/-])[A-Za-z]{1,3}\d{6,12}[A-Za-z]?(?![\w@/])")
# Plates of other countries, written in capitals the way they are printed: France
# "AB-123-CD", India "MH 12 AB 1234", Nigeria "LSD 234 XY", US "7ABC123", "LHX-4821".
PLATE_SHAPES = re.compile(
    r"(?<![A-Za-z0-9-])(?:"
    r"[A-Z]{2}-\d{3}-[A-Z]{2}"
    r"|[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{3,4}"
    r"|[A-Z]{3}[ -]?\d{3}[ -]?[A-Z]{2}"
    r"|\d[A-Z]{3}\d{3}"
    r"|[A-Z]{3}-\d{3,4}"
    r"|\d{2,3}-[A-Z]{1,2}-\d{1,6}"  # Ireland "191-D-12345"
    r"|[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]"  # an Italian codice fiscale
    r"|\d{7}[A-Z]{1,2}"  # an Irish PPS number "1234567TA"
    r"|[A-Z]{1,3}-[A-Z]{1,2}\s?\d{1,4}[EH]?"  # Germany "M-AB 1234", "HH-X 99E"
    r")(?![A-Za-z0-9-])"
)
# A reference in parts, letters then digits by hyphens or slashes, as an office prints it:
# "UC-88321-44", "14/55921/24", "CR/0042917/23". Five digits or more in one part and
# seven in all, so dates ("14/05/24") and scores ("3-1") are not.
REF_PARTS = re.compile(
    r"(?<![\w/-])(?:[A-Z]{1,4}[/-])?\d{1,6}(?:([/-])\d{1,8})(?:\1[A-Z0-9]{1,6})?(?![\w/-])"
    r"|(?<![\w/-])[A-Z]{1,4}-\d{4,8}(?:-[A-Z0-9]{1,6})?(?![\w/-])"
)
_REF_WORDS = frozenset(
    "ref reference crime case incident claim log report police number no application tracking "
    "booking order policy account".split()
)
# A plate only partly seen, in capitals, said to be a part: "something like BF6 and then
# ending in PZ", "K 9 3 7 something, couldnt see the rest", "starts LK, then a 7".
PART_OF_PLATE = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{1,3}(?:\s?\d){1,4}(?:\s?[A-Z]){0,3}(?![A-Za-z0-9]|['’]\w)"
)
# The letters-only end (or start) of a plate, in capitals, said to be that part when a plate
# is talked of: "the reg ends in 'NFE'", "ends in something like UHP", "starts with a K".
PLATE_END_LETTERS = re.compile(
    r"\b(?i:ends?|ending|starts?|starting|begins?|beginning)\s+(?:(?P<prep>(?i:in|with))\s+)?"
    r"(?i:(?:something\s+)?like\s+|an?\s+)?['\"‘“]?(?P<part>[A-Z]{2,4})['\"’”]?(?![A-Za-z0-9])"
    # and the clause ends there: "ends in UHP, I only saw", not "starts with MOT stress"
    r"(?=\s*(?:[.,;:!?)]|$)|\s+(?i:and|but|i|or|then|lol|maybe|something|though|tho|im|i'm)\b)"
)
_PART_CUE = re.compile(
    r"\b(?:the\s+rest|something\s+like|part\s+of\s+(?:it|the\s+(?:reg|plate|number))|"
    r"(?:ends?|ending|starts?|starting|begins?|beginning)\s+(?:in|with)|first\s+(?:bit|part|half|few)|"
    r"last\s+(?:bit|part|half|few)|couldn'?t\s+(?:see|read|get))\b",
    IGNORE_CASE,
)
_SOMETHING_AFTER = re.compile(r"\s+something\b", IGNORE_CASE)
_PART_CUE_BEFORE = re.compile(
    r"\b(?:ends?|ending|starts?|starting|begins?|beginning)\s+(?:in|with)\s+(?:an?\s+)?$",
    IGNORE_CASE,
)
# A plate read out in the spelling alphabet: "lima kilo one nine whiskey x-ray alpha".
_NATO = frozenset(
    "alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november "
    "oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray x-ray yankee zulu".split()
)
SPELLED_RUN = re.compile(r"[a-z]+(?:-[a-z]+)?(?:[ ,]+[a-z]+(?:-[a-z]+)?){4,}", IGNORE_CASE)
# A vehicle identification number: 17 letters and digits, no I, O or Q (ISO 3779).
VIN = re.compile(r"(?<![A-Za-z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])")
_PART_WORDS = re.compile(r"\b(?:starts|starting|begins|ends|ending)\b", IGNORE_CASE)
# A plate of three letters and three or four digits ("ABC 1234"), perhaps a letter after the
# digits ("WK 9920E"), only near a vehicle.
PLATE_LETTERS_DIGITS = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{2,3}[ -]?\d{3,4}[A-Z]?(?![A-Za-z0-9-])")
# Words that announce an identity or vehicle number; the value after them may be spaced,
# hyphenated, or partly in words ("ni is q q 1 2 3 4 5 6 c", "reg is pn fourteen xyz").
ID_CUE = re.compile(
    r"\b(?:"
    # words that name an identity number on their own ("ni is ...", "passport GB ...")
    r"(?:national\s+insurance|ni|nino|nhs|passport|ssn|social\s+security|matric(?:ulation)?|brp)"
    r"(?:\s*(?:number|no\.?|num|#|id|code|card)\b)?|"
    # words that need "number"/"id" after them ("student id", "friend code", not "my friend")
    r"(?:student|pupil|uni|university|college|school|employee|staff|payroll|works|badge|member(?:ship)?|"
    r"patient|hospital|driving\s+licen[cs]e|driver'?s?\s+licen[cs]e|licen[cs]e|candidate|exam|library|friend|id)"
    r"\s*(?:number|no\.?|num|#|id|code|card)\b|"
    r"rego|reg(?:istration)?|(?:number\s*|licen[cs]e\s+)?plates?|numberplate|"
    r"(?:car|van|bike|motorbike|scooter|scooty|keke|okada|truck|vehicle)(?:'?s)?\s+(?:number|reg|plate|rego)|"
    # a role whose number follows it bare: "i'm employee 1 0 4 5 7", "patient 88123"
    r"(?:employee|staff|patient|member|inmate|prisoner|badge|candidate|customer|pupil|student)"
    r")\b"
    # ("my NI number finally, QQ ...", "hospital number here, RX1 ..."; "es", "ist": "is" in Spanish, German)
    r"(?:\s*(?:is|was|reads|says|number|no\.?|plate|one|like|na|dey|here|finally|now|es|ist|(?:starts|starting|begins|ends|ending)"
    r"(?:\s+(?:with|in))?)\b|\s*[:=#,-])*\s*",
    IGNORE_CASE,
)
ID_CUE = opens(ID_CUE)  # the same matches, tried only where one can open
# A piece of an id, or what separates two ("L C 19, then V X F": commas and "then" too).
_ID_PIECE = re.compile(r"([A-Za-z0-9]+)|((?:\s*,\s*|\s+(?:and\s+)?then\s+|[ /-]+)+)")
# Small words that end an id run ("... c and then"), never part of it.
_ID_STOP = frozenset(
    "a an and or is it its the to of on in at my me i if so but lol haha was for na oh no yes ok pls please"
    " thanks ta x xx".split()
)


# Letters said as words when an id is read out: the NATO and older spelling alphabets
# ("Q for queen") and the names of the letters ("bee", "see", "jay", "zed").
_LETTER_WORDS = frozenset(
    "alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike november "
    "oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray x-ray yankee zulu "
    "able baker dog easy fox george how item jig johnny king love nan nuts oboe peter queen roger sugar "
    "tare tommy uncle william yoke zebra apple "
    "bee cee see sea dee gee jay kay el em en pee cue queue ar ess tee vee ex wy why zed zee".split()
)


def _has_word_group(value: str) -> bool:
    """A lower-case English word among the groups: "are 3 for" is a sentence, not a plate."""
    from bot.privacy import lexicon

    return any(
        g.isalpha() and g.islower() and len(g) > 1 and lexicon.is_common_word(g)
        for g in re.split(r"[ -]", value)
    )


def _id_after_cue(text: str, pos: int, part: bool = False):
    """The id that starts at ``pos`` (right after a cue): a run of letter and digit groups,
    spaced or hyphenated, some of them perhaps number words; ``None`` when it is not one."""
    from bot.privacy import lexicon

    end = pos
    letters = digits = 0
    for m in _ID_PIECE.finditer(text, pos):
        if m.start() != end:
            break
        piece = m.group(0)
        if m.group(2) is not None:
            plain = not piece.strip(" -/")
            if (plain and len(piece) > 2) or end == pos:
                break
            if not plain:  # a comma or "then" joins only two pieces of the id
                nxt = _ID_PIECE.match(text, m.end())
                if nxt is None or nxt.group(1) is None or nxt.group(1).lower() in _ID_STOP:
                    break
            end = m.end()
            continue
        low = piece.lower()
        if any(c.isdigit() for c in piece):
            digits += sum(c.isdigit() for c in piece)
            letters += sum(c.isalpha() for c in piece)
        elif low in NUMBER_WORDS and low not in _ID_STOP:
            digits += 2 if len(low) > 4 else 1
        elif low in _LETTER_WORDS:
            letters += 1  # a letter spelled out: "queen queen one two ... see"
        elif (
            len(piece) <= 3
            and (
                low not in _ID_STOP
                or (piece.isupper() and len(piece) == 1 and low not in ("a", "i"))
                # "W A 1 2 X Y Z": a capital "A" or "I" between two single characters is a letter
                or (piece in ("A", "I") and _single_between(text, m.start(), m.end()))
            )
            and (piece.isupper() or len(piece) == 1 or not lexicon.is_common_word(low))
        ):
            letters += len(piece)
        else:
            break
        end = m.end()
    while end > pos and text[end - 1] in " -,":
        end -= 1
    if end > pos and (
        digits >= 2 and letters + digits >= 5 or part and digits >= 1 and letters + digits >= 3
    ):
        return end
    return None


def _shouted_word(letters: str) -> bool:
    """ "OK", "OMG", "LOL", "THE": capitals that spell a word or a chat abbreviation."""
    from bot.privacy import lexicon

    low = letters.lower()
    return low in _CHAT_CAPS or lexicon.is_common_word(low)


_CHAT_CAPS = frozenset("ok omg lol lmao wtf idk tbh asap fyi btw imo rip ngl smh".split())
_SINGLE_BEFORE = re.compile(r"(?<![A-Za-z0-9])[A-Z0-9] $")
_SINGLE_AFTER = re.compile(r" [A-Z0-9](?![A-Za-z0-9])")


def _single_between(text: str, start: int, end: int) -> bool:
    """A character typed alone between two others typed alone: one of a spaced-out run."""
    return (
        _SINGLE_BEFORE.search(text, max(0, start - 3), start) is not None
        and _SINGLE_AFTER.match(text, end) is not None
    )


# A national insurance number by its shape whatever its letters (writers use the specimen
# prefix "QQ", which no real number has) and however its six digits are written: "QQ 71 60 05
# A", "qq 88 01 72 a", "q q four four nine one two zero d". Two letters (spaced or not), a run
# of exactly six digits, then the suffix letter; lower case needs the suffix or a cue word.
_NI_LETTERS = re.compile(r"(?<![\w'])([A-Za-z])\s?([A-Za-z])\s*$")
# (after a comma only a capital: "five six, C" is the suffix, "five six, a bit later" is not)
_NI_SUFFIX = re.compile(r"\s*[A-Da-d](?![\w'])|\s*,\s*[A-D](?![\w'])")
_NI_NOT_LETTERS = frozenset(
    "at on in is it to of an as by me my we he so no do go up us or if be am hi ok id uk eu ad pm "
    "mr ms dr st rd no oh ah eh uh".split()
)
_NI_CUES = frozenset(("ni", "nin", "nino", "insurance", "hmrc", "tax"))


def _ni_prefix_is_word(value: str, words) -> bool:
    """ "we met at 12 34 56 a", "is 10 20 30 b": a little word typed in lower case before six
    digits is that word, not a number's prefix, unless the message talks of the number."""
    if not value[:1].islower() or not words.isdisjoint(_NI_CUES):
        return False
    letters = value[:3].replace(" ", "")[:2].lower()
    return letters in _NI_NOT_LETTERS and value[1:2].isalpha() and value[2:3] == " "


def _ni_shaped(text: str, runs, words) -> List[Candidate]:
    out: List[Candidate] = []
    for run in runs:
        if len(run.digits) != 6:
            continue
        m = _NI_LETTERS.search(text, max(0, run.start - 5), run.start)
        if m is None:
            continue
        letters = (m.group(1) + m.group(2)).lower()
        if letters in _NI_NOT_LETTERS and not m.group(0).isupper():
            continue
        suffix = _NI_SUFFIX.match(text, run.end)
        upper = m.group(1).isupper() and m.group(2).isupper()
        if not (upper or suffix or not words.isdisjoint(_NI_CUES)):
            continue
        end = suffix.end() if suffix else run.end
        out.append(Candidate(m.start(), end, Label.ID, Score.NI_NUMBER))
    return out


def _spelled_ids(text: str) -> List[Candidate]:
    """Runs of five or more spelling-alphabet and number words, three of them letters and
    one a number ("lima kilo one nine whiskey x-ray alpha"); "golf then the hotel" keeps."""
    out: List[Candidate] = []
    for m in SPELLED_RUN.finditer(text):
        toks = list(re.finditer(r"[a-z]+(?:-[a-z]+)?", m.group(0), IGNORE_CASE))
        k = 0
        while k < len(toks):
            j = k
            nato = nums = 0
            while j < len(toks):
                low = toks[j].group(0).lower()
                if low in _NATO:
                    nato += 1
                elif low in NUMBER_WORDS and low not in ("a", "an", "no"):
                    nums += 1
                else:
                    break
                j += 1
            if j - k >= 5 and nato >= 3 and nums >= 1:
                start = m.start() + toks[k].start()
                out.append(
                    Candidate(start, m.start() + toks[j - 1].end(), Label.ID, Score.ID_FIELD)
                )
            k = j + 1
    return out


class IdRecognizer:
    name = "ids"

    def find(self, view) -> List[Candidate]:
        text = view.folded
        out: List[Candidate] = []
        words = view.words
        if not words.isdisjoint(_SPOKEN_ID_WORDS) and (
            view.has_digit or len(words & NUMBER_WORDS) >= 2
        ):
            cues = [m.end() for m in ID_SPOKEN_CUE.finditer(text)]
            if cues:
                for run in view.numbers:
                    if len(run.digits) >= 4 and any(c <= run.start <= c + 20 for c in cues):
                        out.append(Candidate(run.start, run.end, Label.ID, Score.ID_FIELD))
        if not words.isdisjoint(_ID_CUE_WORDS):
            for m in ID_CUE.finditer(text):
                # "plate ends in 4 K L": a part of the id said as a part may be short
                part = _PART_WORDS.search(m.group(0)) is not None
                end = _id_after_cue(text, m.end(), part)
                if end is not None:
                    out.append(Candidate(m.end(), end, Label.ID, Score.ID_FIELD))
        if not words.isdisjoint(_NUMBER_NAMES):
            for m in NAMED_NUMBER.finditer(text):
                word = _NAMING_WORD.search(text, max(0, m.start() - 12), m.start())
                if word is None or word.group(1).lower() in _NOT_ID_NAMING:
                    continue
                end = _id_after_cue(text, m.end())
                if end is not None:
                    out.append(Candidate(m.end(), end, Label.ID, Score.ID_FIELD))
        if len(words & _NATO) >= 2:
            out.extend(_spelled_ids(text))
        if (view.has_digit or len(words & NUMBER_WORDS) >= 4) and view.numbers:
            out.extend(_ni_shaped(text, view.numbers, words))
        if (
            not words.isdisjoint(_PLATE_WORDS)
            and _PART_WORDS.search(text)
            and _PLATE_CONTEXT_NEAR.search(text)
        ):
            for m in PLATE_END_LETTERS.finditer(text):
                if m.group("prep") is None and _shouted_word(m.group("part")):
                    continue  # "reg ending WXM" is a part; "a good ending OK" is a word
                out.append(Candidate(m.start("part"), m.end("part"), Label.ID, Score.ID_FIELD))
        if not words.isdisjoint(_VEHICLE_WORDS) and not words.isdisjoint(NUMBER_WORDS):
            for m in PLATE_WORDED.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        if not view.has_digit:
            return out
        for rx in (ALNUM_ID, PLATE_SHAPES):
            for m in view.digit_scan(rx):
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        for m in VIN.finditer(text):
            value = m.group(0)
            if sum(c.isdigit() for c in value) >= 2 and not value.isdigit():
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        for m in view.digit_scan(NI_SPACED):
            if not _ni_prefix_is_word(m.group(0), words):
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.NI_NUMBER))
        for m in view.digit_scan(SSN):
            out.append(Candidate(m.start(), m.end(), Label.ID, Score.SSN))
        for m in view.digit_scan(NI_NUMBER):
            if not _ni_prefix_is_word(m.group(0), words):
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.NI_NUMBER))
        words = view.words
        for rx in ((NI_CONTEXT,) if not words.isdisjoint(("national", "ni", "nino")) else ()) + (
            (NHS_CONTEXT,) if "nhs" in words else ()
        ):
            for m in rx.finditer(text):
                out.append(Candidate(m.start(1), m.end(1), Label.ID, Score.ID_IN_CONTEXT))
        for m in ID_CONTEXT.finditer(text) if not view.words.isdisjoint(_ID_WORDS) else ():
            more = _MORE_GROUPS.match(text, m.end(1))
            end = more.end() if more else m.end(1)
            check = _CHECK_LETTER.match(text, end)
            if check is not None:
                end = check.end()
            out.append(Candidate(m.start(1), end, Label.ID, Score.ID_FIELD))
        for m in PLATE_UK.finditer(text):
            out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        for m in UK_LICENCE.finditer(text):
            value = m.group(0)
            if value[:5].isupper() or not words.isdisjoint(("licence", "license", "driving")):
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        for m in SLASH_ID.finditer(text):
            head = re.match(r"[A-Za-z]+", m.group(0)).group(0)
            if head.isupper() or not words.isdisjoint(_ID_CUE_WORDS | _ID_WORDS):
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        for m in view.digit_scan(PLATE_UK_SPACED):
            out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        if not words.isdisjoint(_VEHICLE_WORDS):
            for m in PLATE_LETTERS_DIGITS.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
            for m in PLATE_UK_HALF.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        if not words.isdisjoint(_REF_WORDS):
            for m in REF_PARTS.finditer(text):
                value = m.group(0)
                digits = sum(c.isdigit() for c in value)
                if digits >= 7 and any(
                    len(p) >= 5 and p.isdigit() for p in re.split(r"[/-]", value)
                ):
                    out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        if "something" in words or _PART_CUE.search(text):
            for m in PART_OF_PLATE.finditer(text):
                value = m.group(0).replace(" ", "")
                if value.isdigit() or len(value) < 2:
                    continue
                after = _SOMETHING_AFTER.match(text, m.end()) is not None
                cued = _PART_CUE_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None
                if (len(value) >= 3 and (after or _PART_CUE.search(text))) or cued:
                    out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
        if not view.words.isdisjoint(_PLATE_WORDS) and _PLATE_CONTEXT_NEAR.search(text):
            for rx in (PLATE_UK_ANYCASE, PLATE_UK_OLD):
                for m in rx.finditer(text):
                    out.append(Candidate(m.start(), m.end(), Label.ID, Score.ID_FIELD))
            for m in PLATE_IN_CONTEXT.finditer(text):
                value = m.group(1)
                if (
                    sum(c.isdigit() for c in value) >= 1
                    and len(value.replace(" ", "").replace("-", "")) >= 4
                    and not _has_word_group(value)
                ):
                    out.append(Candidate(m.start(1), m.end(1), Label.ID, Score.ID_FIELD))
        return out


# The groups an id printed in parts goes on with after its first ("CM9201 0104 5H2"): capitals
# and digits, a digit in each, three to six long, so "id is AB1234 at 10" ends at the id.
_MORE_GROUPS = re.compile(r"(?: (?=[A-Z]{0,5}\d)[A-Z0-9]{3,6}(?![\w@/.-]\w))+")
_NUMBER_NAMES = frozenset(("number", "no", "num"))
_SPOKEN_ID_WORDS = frozenset(re.findall(r"[a-z]+", ID_SPOKEN_CUE.pattern.split("\\s*(?:number")[0]))
_PLATE_WORDS = frozenset(
    "number numberplate license licence plate plates reg registration car tag tags van motor motorbike bike vehicle truck".split()
)

# Every word the ID_CONTEXT alternation can start with: no such word, no need to scan.
_ID_WORDS = frozenset(re.findall(r"[a-z]+", ID_CONTEXT.pattern.split("\\s*(?:number")[0])) - {
    "s",
    "i",
    "b",
    "a",
    "z",
    "w",
} | {"licence", "license", "membership", "drivers", "userid", "ssn", "permit", "office"}
_ID_CUE_WORDS = frozenset(
    "national ni nino nhs passport ssn social student pupil matric matriculation uni university college school "
    "employee staff payroll works badge member membership patient hospital driving driver drivers licence "
    "license candidate exam library friend brp id rego reg registration plate plates numberplate car van "
    "bike motorbike scooter scooty keke okada truck vehicle inmate prisoner customer".split()
)
# Any short word or initials naming a number, read from the number word back (cheap: the
# word "number" is rare): "PPS number 1234567T", "CHI no 0101 011 234".
NAMED_NUMBER = re.compile(r"\b(?:number|no\.?|num)\b(?:\s*(?:is|was|:|=|-|#))*\s*", IGNORE_CASE)
_NAMING_WORD = re.compile(r"(?<![\w'])([A-Za-z]{2,8})\s+$")
_NOT_ID_NAMING = frozenset(
    "phone mobile cell tel contact whatsapp house room flat bus table lucky page track seat gate platform door "
    "the a any some this that its my your his her our their wrong big small same right no yes".split()
)
