"""Places: addresses, postcodes, described homes, and towns and countries.

Structured pass (regexes on the folded text): numbered addresses with or without a street
word ("42 acacia avenue", "i live at 14 maple"), streets named after "live on", flats,
postcodes (UK, Canada, US ZIP in context), and homes described by what is next to them
("the house next to the chippy on fenwick", "two doors down from the co-op").
Token pass: "i live in ___", multi-word places from the GeoNames list, bare place names.
"""

from __future__ import annotations

import re
from typing import List

from bot.privacy import lexicon
from bot.privacy.recognizers._tokens import _STOP, MONTH_NAMES, _prev_is_loc_prep
from bot.privacy.recognizers.base import Candidate, Label, Score

IGNORE_CASE = re.IGNORECASE

# Postcodes: UK full (and outward-only after "postcode"), Canada, US ZIP in context.
UK_POSTCODE = re.compile(
    r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", IGNORE_CASE
)
CA_POSTCODE = re.compile(
    r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b", IGNORE_CASE
)
POSTCODE_CONTEXT = re.compile(
    r"\b(?:post\s?code|postal\s+code|zip(?:\s*code)?|pin\s*code|plz|cp|eir\s?code)(?:'s)?"
    r"(?:\s*(?:is|was|:|=|-|starts|started|starting|begins|beginning|with|like|just|only))*\s*((?=[A-Z]{0,4}\d)[A-Z0-9]{2,5}(?:[ -](?:(?=[A-Z]*\d)[A-Z0-9]{2,4}|(?<=[A-Z]\d[ -])\d|(?<=[A-Z]\d\d[ -])\d|(?<=[A-Z]\d[A-Z][ -])\d))?)\b",
    IGNORE_CASE,
)
# The UK's postcode areas: the letters an outward code ("SK4", "n16", "ex4") starts with.
_UK_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH "
    "EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME "
    "MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY "
    "TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
# An outward code on its own, and the sector digit if one follows ("bs5 9 something").
OUTWARD = re.compile(
    r"(?<![\w@#/.£$-])(([A-Z]{1,2})\d{1,2}[A-Z]?(?:\s\d(?![\w%]))?)(?![\w@%/'’-])",
    IGNORE_CASE,
)
_AREA_SET = frozenset(_UK_AREAS)
_LETTER_DIGIT = re.compile(r"[A-Za-z]\d")
# What says a code is a place: the word, or where it stands ("in LS6", "M14 way", "the G12 area").
_OUTWARD_BEFORE = re.compile(
    r"(?:\b(?:post\s?code|postal|area|district|in|near|nr|round|around|from|live|living|based|moved|to)"
    r"\s+(?:the\s+|is\s+|was\s+|'?s\s+)?|^\s*|[,;(]\s*)$",
    IGNORE_CASE,
)
_OUTWARD_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:post\s?code|postal|area|way|side|end|district|bit|part|if\s+(?:that|it)\s+helps|btw|"
    r"if\s+(?:you|u)\s+need\s+it|something|summat|sumthing)\b"
    r"|\s*,\s*(?:near|by|opposite|behind|next\s+to|off|just\s+off|round\s+the\s+corner)\b",
    IGNORE_CASE,
)
_OUTWARD_END = re.compile(
    r"\s*(?:[,.!?;:)]|$|(?:and|but|so|now|tho|though|lol|x+|near|by|which|where|if|too)\b)",
    IGNORE_CASE,
)
_OUTWARD_TOWN = re.compile(r"\s*(?:,\s*|\s+(?:in|near)\s+)([A-Za-z][a-z]{2,})\b")
_OUTWARD_WORDS = re.compile(r"\b(?:post\s?code|postal|post\s+code)\b", IGNORE_CASE)
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
    r"minutes?|hours?|days?|weeks?|months?|people|kids|of)\b)[A-Za-z][A-Za-z'.-]*\s+){1,3}"
    + STREET
    + r"\b(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?(?:,?\s+(?:apt|apartment|flat|unit|suite|ste)\.?\s*#?\d+[a-z]?)?",
    IGNORE_CASE,
)
ADDRESS_LIVE_ON = re.compile(
    r"\b(?:live|living|lives|lived|stay|staying|stays|house\s+is|flat\s+is|place\s+is|moved)\s+(?:on|at|in|to)\s+"
    r"((?!(?:the|a|an|my|our|his|her|their|this|that|same|main|high)\b)(?:[A-Za-z][A-Za-z'.-]*\s+){1,3}"
    + STREET
    + r")\b",
    IGNORE_CASE,
)
# "on Dale Street", "Abbey Road": Title-case words ending in a street word.
ADDRESS_NAMED = re.compile(
    r"\b(?:[A-Z][a-z'-]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Crescent|Grove|Terrace|"
    r"Way|Place|Court|Gardens|Boulevard|Blvd|Square|Mews|Parade|Row|Walk|Hill|Rise)\b(?!\s+(?:School|Primary|Academy|College|High|Station|Hospital|Church))"
)
# Streets named by words other than "road" or "street": "on Bridge End", "Hollins Green".
ADDRESS_NAMED_MORE = re.compile(
    r"\b(?!(?:The|A|An|My|Our|Your|His|Her|Their|This|That|Dead|Deep|West|Happy|Bitter|Front|Back)\s)"
    r"(?:[A-Z][a-z'-]+\s+){1,2}(?:End|Green|Gate|Side|Bank|Vale|Fold|Croft|Brow|Grange|Chase|Meadows?|Fields|"
    r"Heights|Mount|Hollow|Wharf|Yard)\b"
)
# A place named in Title Case where a place goes, after a word of position: "at the Red
# Lion", "past Cold Ashby", "after the Old Forge", "outside Kings Parade".
TITLE_AFTER_POSITION = re.compile(
    r"\b(?i:at|past|after|near|behind|opposite|outside|beside|towards?|nr)\s+(?:(?i:the)\s+)?"
    r"((?!(?:The|A|An|I|My|Our|Christmas|Easter|New|Halloween|Boxing|Valentine'?s|Mother'?s|Father'?s)\b)"
    r"[A-Z][a-z][\w'’&-]*(?:\s+(?:(?:and|&|upon|le|de)\s+)?[A-Z][a-z][\w'’&-]*){1,3})"
)
_NAMED_MORE_WORDS = frozenset(
    "end green gate side bank vale fold croft brow grange chase meadow meadows fields heights mount hollow "
    "wharf yard".split()
)
_POSITION_WORDS = frozenset(
    "at past after near behind opposite outside beside toward towards nr".split()
)
_UPPER_AFTER_START = re.compile(r"(?<=.)[A-Z]", re.DOTALL)
FLAT = re.compile(
    r"\b(?:flat|apartment|apt|unit|suite|ste|studio|room|block)\.?\s*(?:(?:no|num|number)\.?\s*)?#?\s*\d+[a-z]?\b",
    IGNORE_CASE,
)
# A room is where someone lives only when it is theirs, given as a number, or in a place people
# live in ("my room 12", "room no 4", "halls, room 214", "room 9 at the refuge"); "in room 12 on
# the ward", "maths in room 3" are rooms anyone uses.
_ROOM_HOMES = frozenset(
    "halls hall hostel dorm dorms hotel motel travelodge accommodation residence residences refuge shelter "
    "b&b guesthouse block flat flats lodgings digs".split()
)


def _room_is_home(text: str, m, words) -> bool:
    value = m.group(0).lower()
    if not value.startswith("room"):
        return True
    if re.match(r"room\.?\s*(?:no|num|number)", value) or not words.isdisjoint(_ROOM_HOMES):
        return True
    if re.match(r"\s+(?:on|in|at)\s+[A-Z]", text[m.end() : m.end() + 8]):
        return True  # "Room 6 on Linden Ward": a room in a named place
    return (
        re.search(r"\b(?:my|our|his|her|their)\s+$", text[max(0, m.start() - 8) : m.start()], re.I)
        is not None
    )


# "my room number is 214", "flat's 4b", "room no: 12": the number given in a sentence,
# not a measure ("the room is 20 degrees", "my flat is 5 mins away").
FLAT_IS = re.compile(
    r"\b(?:flat|apartment|apt|room|unit|suite|dorm|bed)(?:\s+(?:number|no\.?|num))?"
    r"(?:'s|\s+is|\s+was|\s*:|\s*=)\s*#?\s*(\d{1,4}[a-z]?)\b"
    r"(?!\s*(?:degrees?|°|mins?|minutes?|hours?|miles?|m\b|km|metres?|meters?|feet|ft|%|percent|times|"
    r"people|doors?|quid|pounds?|grand|k\b|years?|days?|weeks?|months?|am\b|pm\b|o'?clock))",
    IGNORE_CASE,
)
_FLAT_IS_WORDS = frozenset("flat flats apartment apt room unit suite dorm bed".split())
_NOT_UNIT_AFTER = (
    r"(?!\s*(?:degrees?|°|mins?|minutes?|hours?|hrs?|miles?|m\b|km|metres?|meters?|feet|ft|%|percent|times|"
    r"people|doors?|quid|pounds?|grand|k\b|years?|yrs?|days?|weeks?|months?|am\b|pm\b|o'?clock|"
    r"bed(?:room)?s?|storey|stories|floors?|of\b|x\b))"
)
# A home numbered like a flat, as sites and farms number them, written as its name:
# "House 14, the end terrace", "we're in Cottage 3", "Plot 12 on the new estate". Title Case
# only, or with "number": "the house 2 doors down", "a bungalow 10 mins away" keep.
HOUSE_UNIT = re.compile(
    r"\b(?:(?:House|Cottage|Bungalow|Plot|Chalet|Caravan|Villa|Cabin|Pitch|Lodge|Block)\s+(?:(?i:no|num|number)\.?\s*)?"
    r"|(?i:house|cottage|bungalow|plot|chalet|caravan|cabin|pitch|lodge)\s+(?i:no|num|number)\.?\s*)"
    r"#?\d{1,4}[A-Za-z]?\b" + _NOT_UNIT_AFTER
)
_HOUSE_UNIT_WORDS = frozenset(
    "house cottage bungalow plot chalet caravan villa cabin pitch lodge block".split()
)
_APT = r"(?:,?\s+(?:apt|apartment|flat|unit|suite|ste|no)\.?\s*#?\d+[a-z]?)?"
# "i live at 38 Jacqueline Glen", "our address is 9 George Island W0 0ET": a number and
# Title-case words right after an address context, whatever the street suffix.
ADDRESS_CONTEXT = re.compile(
    r"\b(?i:address(?:\s+is)?|addy(?:\s+is)?|live[sd]?\s+at|living\s+at|stay(?:ing)?\s+at|house\s+is(?:\s+at)?|"
    r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+at|on)\s*:?\s+"
    r"(\d{1,5}[A-Za-z]?,?\s+(?:(?!(?:apt|apartment|flat|unit|suite|ste)\b)[A-Z][\w'.-]*\s+){0,3}"
    r"(?!(?:apt|apartment|flat|unit|suite|ste)\b)[A-Z][\w'-]*" + _APT + r")",
)


_STOPWORD_ALT = (
    r"(?:at|in|on|to|and|or|but|so|the|of|for|with|from|is|was|my|a|an|am|are|i|we|me|you|he|she|they|it|"
    r"because|cos|coz|bc|cuz|if|when|where|then|now|near|by|x|xx|lol|pm|am|o'?clock|years?|yrs?|times?|mins?|"
    r"minutes?|hours?|days?|nights?|weekends?|evenings?|mornings?|weeks?|months?|people|kids|pounds?|quid|dollars?|percent|please|pls|tho|though|"
    r"mum|mom|dad|nan|gran|sister|brother|family|parents|am|are)"
)
# "i live at 14 maple", "we're at number 7 kingsley", "house number 22 on elm": a house
# number after an address context, with the street's name in any case and with or
# without "road"/"street".
ADDRESS_NUMBER_CONTEXT = re.compile(
    r"\b(?:address(?:\s+is)?|addy(?:\s+is)?|live[sd]?|living|stay(?:s|ing|ed)?|house(?:\s+is)?|flat(?:\s+is)?|"
    r"home\s+is|place\s+is|(?:i'?m|i\s+am|we'?re|we\s+are|they'?re|she'?s|he'?s)\s+(?:at|on|over\s+at|round\s+at)|moved|move|come\s+to|come\s+round\s+to|meet\s+me|"
    r"drop\s+(?:it|them|me)\s+(?:off\s+)?|deliver(?:ed)?\s+(?:it\s+)?|send\s+(?:it|them)\s+)"
    r"\s+(?:(?:at|on|in|to|over\s+at|round\s+at|down\s+at)\s+)?(?:the\s+)?(?:(?:house|flat|door)\s+)?(?:(?:number|no\.?|num|#)\s*)?"
    r"(\d{1,5}[a-z]?\b,?(?:\s+(?:on|in)\b)?(?:\s+the\b)?(?:\s+(?!"
    + _STOPWORD_ALT
    + r"\b)[a-z][\w'-]*){1,3}"
    + _APT
    + r")",
    IGNORE_CASE,
)
HOUSE_NUMBER = re.compile(
    r"\b(?:house|flat|door|home|live[sd]?\s+at|living\s+at|stay(?:s|ing)?\s+at)\s+(?:number|no\.?|num|#)\s*(?:is\s+)?(\d{1,5}[a-z]?(?:\s+(?:on|in)\s+[A-Za-z][\w'-]*(?:\s+(?!"
    + _STOPWORD_ALT
    + r"\b)[A-Za-z][\w'-]*)?)?)",
    IGNORE_CASE,
)
# "i live on Kingsley", "we live on maple grove": a street named after "live on" without a
# street word: Title-case or rare words only ("live on my own", "live on benefits" are kept).
LIVE_ON_NAMED = re.compile(
    r"\b(?:live[sd]?|living|stay(?:s|ing|ed)?|moved|house\s+is|flat\s+is|we'?re|i'?m)\s+(?:on|at)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){0,2})",
)
_NEAR = (
    r"(?:(?:right|just|directly|literally)\s+)?(?:next\s+door\s+(?:to|from)|next\s+to|opposite(?:\s+to)?|across\s+(?:the\s+(?:road|street)\s+)?from|"
    r"behind|beside|above|below|underneath|facing|between|"
    r"(?:(?:one|two|three|four|five|a\s+few|couple\s+of|\d+)\s+)?doors?\s+(?:down|up|along)\s+from|"
    r"(?:just\s+)?(?:round|around|on)\s+the\s+corner\s+(?:from|of)|at\s+the\s+(?:end|top|bottom)\s+of|"
    r"(?:down|up)\s+the\s+(?:road|street|lane)\s+from)"
)
_HOME = r"(?:house|home|flat|bungalow|cottage|maisonette|building|block|one|place|semi|terrace|apartment)"
# A home described by its neighbours: "the blue house next to the chippy on fenwick",
# "we live above the launderette", "our flat's opposite the big tesco".
DESCRIBED_HOME = re.compile(
    r"\b(?:(?:the|our|my|their|his|her)\s+(?:[a-z]+\s+){0,3}?"
    + _HOME
    + r"(?:'s|\s+is|\s+with\s+the\s+[a-z]+(?:\s+[a-z]+)?)?|"
    r"(?:i|we|they|he|she|mum|dad|nan)\s+(?:still\s+)?(?:live[sd]?|living|stay(?:s|ing)?)|"
    r"(?:i'?m|we'?re|i\s+am|we\s+are)\s+in\s+the\s+"
    + _HOME
    + r"|living|staying|we\s+live|i\s+live)\s+(?:in\s+the\s+"
    + _HOME
    + r"\s+)?"
    r"("
    + _NEAR
    + r"\s+(?:(?:the|a|an|that|our|this|those|these)\s+|(?=\d)|(?-i:(?=[A-Z]))|(?<=of\s))(?!(?:my|your|his|her|their|me|him|them|you|us|it|myself|mum|mom|dad|nan|gran|family|parents|friends?|each|other|someone|people)\b)(?:[\w'&-]+)(?:\s+(?!(?:and|but|so|because|cos|coz|if|when|x|lol|i|im|i'm|we|it|its|it's|which|who|that|is|was|are|my|has|had|where|what)\b)[\w'&-]+){0,5})",
    IGNORE_CASE,
)
_CLAUSE_END = re.compile(r"[.,!?;:\n()]")


_HOME_WORDS = frozenset(
    "house home flat bungalow cottage maisonette building block one place semi terrace apartment live lives lived "
    "living stay stays staying stayed moved re m im".split()
)
_NEAR_WORDS = frozenset(
    "next opposite across behind beside above over below under underneath facing near by between door doors "
    "corner end top bottom down up".split()
)
_ADDRESS_WORDS = frozenset(
    "address addy live lives lived living stay stays staying stayed house flat home place moved "
    "move come meet drop deliver delivered send door number num".split()
)
_BEING_WORDS = frozenset("m im am re are s".split())


_STREET_WORDS = frozenset(re.findall(r"[a-z]+", STREET))
_NAMED_STREET_WORDS = frozenset(
    "street st road rd avenue ave lane ln close drive crescent grove terrace way place court gardens boulevard blvd "
    "square mews parade row walk hill rise".split()
)
_POSTCODE_WORDS = frozenset(
    "post postcode postal zip zipcode pin pincode plz cp code eircode eir".split()
)


def _trim_words(text: str, s: int, e: int) -> int:
    """End of a described-place span: before punctuation and a trailing small word."""
    cut = _CLAUSE_END.search(text, s, e)
    if cut:
        e = cut.start()
    while e > s and text[e - 1] == " ":
        e -= 1
    return e


_NOT_STREET_NAME = (
    r"(?:the|a|an|my|our|your|his|her|their|its|this|that|same|main|high|back|side|busy|long|quiet|dark|wrong|right|"
    r"other|next|first|last|old|new|big|little|one|whole|end|every|any|no|some|each|half|open|country|dirt|private|"
    r"slip|toll|ring|side|way|which|what|whatever|wet|icy|empty)"
)
# A street named in lower case after "on"/"off"/"along": "on fenwick road", "off cedar close".
STREET_LOWER = re.compile(
    r"\b(?:on|off|along|at|down|up|near|in)\s+((?!"
    + _NOT_STREET_NAME
    + r"\b)[a-z][\w'-]+(?:\s+(?!"
    + _NOT_STREET_NAME
    + r"\b)[a-z][\w'-]+)?\s+"
    r"(?:road|rd|street|st|lane|ln|avenue|ave|close|drive|crescent|grove|terrace|way|gardens|court|mews|row|walk|rise|parade|square|hill)\b)",
)


# A named site: proper words before the kind of place ("the Meadowbank estate", "Hazel
# Tower", "Harbour Lights care home", "Leamington station", "the Trinity foodbank").
_RESIDENTIAL = r"(?:estate|tower|towers|house|court|flats|heights|mansions|buildings|block|halls?|hostel|shelter|refuge|barracks|lodge|cottage|rectory|vicarage|manor)"
_SITE = (
    r"(?:park|station|foodbank|food\s+bank|care\s+home|nursing\s+home|children'?s\s+home|centre|center|leisure\s+centre|"
    r"community\s+centre|shopping\s+centre|retail\s+park|campus|ward|rec|playing\s+fields|allotments|surgery|"
    r"chippy|takeaway|launderette|pub|inn|arms|hotel|cafe|café|church|mosque|temple|bridge|square|market|precinct|"
    r"chapel|cathedral|synagogue|gurdwara|mandir|library)"
)
NAMED_SITE = re.compile(
    r"(?:\b(?i:the)\s+)?((?:(?:[A-Z][\w'&-]*|[a-z][\w'-]+)\s+){1,3}?)((?i:"
    + _RESIDENTIAL
    + r"|"
    + _SITE
    + r"))\b"
)
# Businesses and farms by their own names, which are Title Case: "Harlows garage", "Cold
# Ashby crossroads", "Lower Barn Farm", "Pro-Fix Autos", "Baxters Bakery".
_TRADE = (
    r"garage|farm|crossroads|motors|autos|butchers|bakery|barbers|salon|forge|mill|yard|depot|barn|tavern|"
    r"industrial\s+estate|trading\s+estate|business\s+park"
)
NAMED_TRADE = re.compile(
    r"\b((?:[A-Z][\w'&-]*\s+){1,3}?)((?i:"
    + _TRADE
    + r"))\b(?:\s+(?!(?:I|The|A)\b)[A-Z][a-z][\w'-]*){0,2}"
)
_TRADE_WORDS = frozenset(re.findall(r"[a-z]+", _TRADE))
_TITLE_RUN = re.compile(r"(?:\s+(?!(?:I|The|A)\b)[A-Z][a-z][\w'-]*){1,2}")
_THE_BEFORE = re.compile(r"\b(?i:the)\s+$")
_SITE_WORDS = frozenset(re.findall(r"[a-z]+", _RESIDENTIAL + _SITE))
_RESIDENTIAL_RX = re.compile(_RESIDENTIAL + r"$", IGNORE_CASE)
# A house number and a street named without "road" or "street": "at 118 Larkspur",
# "number 9 thornbury", "no. 3 the Crescent".
HOUSE_ON_NAMED = re.compile(
    r"(?:\b(?i:at|on|live\s+at|in|outside|opposite|behind|near|past|next\s+to|across\s+from)\s+|(\b(?i:number|no\.?|num)|(?<![\w#])#)\s*)"
    r"(\d{1,4}[a-zA-Z]?),?\s+((?i:the)\s+[A-Z][\w'-]+|[A-Za-z][\w'-]+)(?:\s+([A-Z][\w'-]+))?"
)
# A block or building given by a letter: "block C flat 31", "tower B".
BLOCK = re.compile(
    r"\b(?i:block|tower|building|wing|entrance|stair)\s+[B-HJ-Z]\b(?!['’])(?:,?\s+(?i:flat|apartment|apt|unit|room|no\.?|number)\s*\d+[a-z]?)?"
)
# A house number and a bare street name given as the whole clause, its street word left off:
# "7 Larchmere. please dont send anyone", "its 9 Tansy", "address? 22b kelburn": the number
# opens the message or a sentence, or follows "its"/"is"/"at", and the name is a word no word
# list knows (a Title-case or rare word), then the clause ends. "top 10 Eminem" (no opening),
# "2 Weeks." (a word) keep.
HOUSE_BARE = re.compile(
    r"(?:^|(?<=[.!?:]\s)|(?<=\bits\s)|(?<=\bit's\s)|(?<=\bis\s)|(?<=\bat\s))\s*(\d{1,4}[a-z]?)\s+"
    r"([A-Za-z][a-z'-]{3,24})"
    r"(?=\s*(?:[.,!?;]|$))",
    IGNORE_CASE,
)


def _house_bare(text: str, places, names) -> List[Candidate]:
    out = []
    for m in HOUSE_BARE.finditer(text):
        word = m.group(2)
        low = word.lower()
        if (
            low in _STOP
            or low in lexicon.NEVER_BARE
            or low in _NOT_STREET_WORD
            or low in NATIONAL_CHAINS
            or low in lexicon.crisis_words()
            or lexicon.is_common_word(low)
            or lexicon.is_inflected(low)
            or (not word[:1].isupper() and lexicon.logprob(low) > -14.0)
        ):
            continue
        out.append(Candidate(m.start(1), m.end(2), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
    return out


_NOT_STREET_WORD = frozenset(
    "am pm oclock o'clock clock years year yrs mins minutes hours hour days day weeks week months month times "
    "people kids of and or the a in on at to for with pounds quid dollars percent points grand likes followers "
    "messages texts calls tablets pills paracetamol times".split()
)


def _site_words_ok(words: List[str], text_start: int, text: str, titled: bool = False) -> bool:
    """The words before a kind of place name one place (proper or rare), not "the big park".

    At the message's start a capital says nothing, except where the words after the first
    are capitalised too (``titled``: "Oak Lodge, Ferry Lane", "Hill Top Farm just outside")."""
    if not words:
        return False
    proper = False
    at_start = text[:text_start].strip() == ""
    for w in words:
        low = w.lower()
        if low in _STOP or low in lexicon.NEVER_BARE:
            return False
        stem = re.sub(r"(?:'s|’s|s'|s)$", "", low)
        if (
            stem != low
            and (w.islower() or "'" in w or "’" in w)
            and (
                lexicon.is_common_word(stem)
                or stem in lexicon.NEVER_BARE
                or stem in ("ex", "mum", "dad")
            )
        ):
            return False  # "women's refuge", "dad's surgery", "exs house"
        if w[:1].isupper():
            proper = proper or not (at_start and not titled and lexicon.is_common_word(low))
        elif lexicon.is_common_word(low) or lexicon.logprob(low) > -16.5 or len(low) < 4:
            return False  # lower case: only a word English does not have ("ordsall")
        else:
            proper = True
    return proper


# --- a place described by what is around it -----------------------------------------

# "over" places a home above something ("the bedsit over the bookies"), never over a stretch
# of time or a medium ("over the weekend", "over the phone").
_OVER = (
    r"over(?!\s+(?:the\s+)?(?:weekend|summer|winter|holidays?|christmas|easter|years?|months?|"
    r"weeks?|days?|night|phone|internet|top|moon|edge|limit)\b)"
)
_SPATIAL = (
    r"(?:under|underneath|by|near|outside|behind|opposite|above|"
    + _OVER
    + r"|below|beside|next\s+to|after|past|across\s+from|round\s+the\s+back\s+of)"
)
_CHAIN_WORD = (
    r"(?!(?:i|we|he|she|they|you|it|is|was|are|were|and|but|so|my|his|her|our|their|me|him|them|what|said|says|"
    r"live|lives|do|did|dont|don't|know|if|should|go|then|when|where|who|that|this|there|here|because|cos|"
    r"just|really|so|very|always|never)\b)[\w'&-]+"
)
DESCRIBED_CHAIN = re.compile(
    r"(?P<lead>\b" + _SPATIAL + r"\s+|\b(?:at|to|in)\s+|(?:'s|is|are|'re)\s+)?"
    r"(?P<chain>\b(?:the|a)\s+(?:" + _CHAIN_WORD + r"\s+){0,3}?" + _CHAIN_WORD + r"\s+"
    r"(?P<inner>(?:"
    + _SPATIAL
    + r"|with|on|in|off|at)\s+(?:(?:the|a)\s+)?(?:"
    + _CHAIN_WORD
    + r"\s+){0,2}?"
    + _CHAIN_WORD
    + r"\s+)?)"
    r"(?:on|in|off|near|by|outside|opposite|behind|at)\s+(?:the\s+)?$",
    IGNORE_CASE,
)
# "i live in the new builds off the A38": a home is "in" what is lived in.
_LIVE_VERB = re.compile(
    r"\b(?:live[sd]?|living|stay(?:s|ing|ed)?|moved|housed|placed)\s*$", IGNORE_CASE
)
# The chain's last link places it by a landmark: "at the spoons by Huddersfield station".
_CHAIN_BY = re.compile(r"\b(?:near|by|outside|opposite|behind)\s+(?:the\s+)?$", IGNORE_CASE)
# "meet me at the chippy on gorse lane": being or meeting somewhere, then "at".
_PLACE_VERB = re.compile(
    r"\b(?:meet|meeting|met|live|lives|living|stay|staying|happened|wait|waiting|come|coming|go|going|be|i'?m|we'?re|he'?s|she'?s)"
    r"(?:\s+(?:me|us|him|her|them))?\s*$",
    IGNORE_CASE,
)
_HOME_BEFORE = re.compile(
    r"\b(?:the|a|our|my|his|her|their)\s+(?:[a-z]+\s+){0,2}?(?:house|home|flat|bungalow|cottage|place|building|block)"
    r"(?:\s+(?:at|on))?\s+$",
    IGNORE_CASE,
)
_CHAIN_END = re.compile(
    r"\b(?:on|in|off|near|by|outside|opposite|behind|at)\s+(?:the\s+)?$", IGNORE_CASE
)
_DIRECTION = re.compile(r"(?:the|a)\s+(?:left|right|way|other\s+side)\b", IGNORE_CASE)
_DESCRIBED_LABELS = frozenset({"ADDRESS", "LOCATION", "ORG"})


_INSTITUTION_AFTER = re.compile(
    r"\s+(?:care|nursing|residential|retirement|children'?s)\s+home\b|"
    r"\s+(?:hospital|hospice|infirmary|surgery|medical\s+(?:centre|center|practice)|health\s+cent(?:re|er)|"
    r"academy|primary(?:\s+school)?|secondary(?:\s+school)?|high\s+school|grammar(?:\s+school)?|"
    r"sixth\s+form(?:\s+college)?|college|prison|school)\b",
    IGNORE_CASE,
)


# The door's number said after the place it is in: "the top of Clover Hill, number 3",
# "Rosemount, 41 (that's how they write it here)", "Kestrel House no. 9". With "number"
# always; a bare number only where the message speaks of an address or a home, and never
# a measure or an age ("Leeds, 23 years", "Leeds, 17 yo").
_NUMBER_AFTER = re.compile(
    r"(,?\s*(?:number|no\.?|num|#)\s*|,\s*)(\d{1,4}[a-z]?)\b"
    r"(?!\s*(?:yo\b|y/o|y\.o|yrs?\b|years?\b|[:.]\d|st\b|nd\b|rd\b|th\b|/|-\s*\d))"
    + _NOT_UNIT_AFTER,
    IGNORE_CASE,
)
_BARE_NUMBER_END = re.compile(r"\s*(?:$|[.!?;:,()\u2013\u2014-])")
_ADDRESS_CUE = re.compile(
    r"\b(?:address|addy|live[sd]?|living|stay(?:ing)?|house|home|flat|door|post|deliver|send|write)\b",
    IGNORE_CASE,
)


def _number_after(text: str, sp, spans, k: int):
    m = _NUMBER_AFTER.match(text, sp.end)
    if m is None or any(o.start < m.end() for o in spans[k + 1 :]):
        return sp
    if "," in m.group(1) and not any(ch.isalpha() for ch in m.group(1)):
        if (
            _ADDRESS_CUE.search(text, 0, sp.start) is None
            or _BARE_NUMBER_END.match(text, m.end()) is None
        ):
            return sp
    from bot.privacy.resolver import Span

    return Span(sp.start, m.end(), sp.label)


def extend_described(text: str, spans):
    """A found street or place takes in the landmarks that lead to it.

    "under the railway arches on Vauxhall Walk", "the bus stop outside greggs on fore
    street", "by the big roundabout with the windmill in Stockton Heath": the landmark
    pins the place down as much as the street does. Taken when the chain starts with a
    word of position (under, by, outside, behind, opposite, above ...) or has a landmark
    inside it; "i was in the car in Leeds" keeps "the car".
    """
    from bot.privacy.resolver import Span

    out = []
    spans = list(spans)
    for k, sp in enumerate(spans):
        if sp.label in _DESCRIBED_LABELS:
            if sp.end < len(text) and text[sp.end] in ", n#N":
                sp = _number_after(text, sp, spans, k)
            kind = _INSTITUTION_AFTER.match(text, sp.end)
            if kind is not None and all(o.start >= kind.end() for o in spans[k + 1 :]):
                # "Greenway Court care home", "Oakfield nursing home": the named place is
                # the home, school or hospital it names (an employer or a carer's place: ORG)
                sp = Span(sp.start, kind.end(), "ORG")
            window = max(0, sp.start - 120)
            m = (
                DESCRIBED_CHAIN.search(text[window : sp.start])
                if _CHAIN_END.search(text, max(0, sp.start - 16), sp.start)
                else None
            )
            while m and _DIRECTION.match(m.group("chain")):
                # "third house on the left after X on Y": a direction, not a landmark
                m = DESCRIBED_CHAIN.search(text[window : sp.start], m.start("chain") + 4)
            if m and any(window + m.start("chain") <= o.start for o in spans[:k]):
                # "a room at 88 kings road in reading": the chain holds a detail found on its
                # own, which had its own chance at a chain; the town after it is just the town
                m = None
            if m:
                lead = (m.group("lead") or "").strip().lower()
                spatial = bool(lead) and lead not in ("at", "to", "in", "'s", "is", "are", "'re")
                before = text[max(0, window + m.start() - 24) : window + m.start()]
                placed = (
                    lead in ("at", "to")
                    and (_PLACE_VERB.search(before) or _CHAIN_BY.search(m.group(0)))
                ) or (
                    # "live in the new builds off ...", not "in the sheltered housing at ..."
                    lead == "in"
                    and _LIVE_VERB.search(before)
                    and not re.search(r"\b(?i:at|in)\s+(?:the\s+)?$", m.group(0))
                )
                if spatial or placed or m.group("inner"):
                    start = window + (m.start("lead") if spatial else m.start("chain"))
                    while out and out[-1].end > start:
                        start = min(start, out[-1].start)
                        out.pop()
                    out.append(Span(start, sp.end, "ADDRESS"))
                    continue
            home = _HOME_BEFORE.search(text, window, sp.start)
            if home and sp.label == "ADDRESS":
                # "the house next to the church on Mill Road": the home it describes
                out.append(Span(home.start(), sp.end, "ADDRESS"))
                continue
        out.append(sp)
    return out


# A place's or a person's name found in part: the capitalised word before it mid-sentence is
# the rest of the name ("The Three [Horseshoes]", "Holy [Cross] in Drumcondra"; the word after
# it is not taken: "Elon [Musk]" is found whole, "The [Bell] Jar" is a book), and a kind of
# site after a named place is what it names ("[Hartley's] garden centre"). Not a word a
# capital says nothing of (a relation, a day, a month, a title, "I").
_TITLE_WORD_BEFORE = re.compile(r"(?<![\w'.-])([A-Z][a-z]+) $")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?]\s+|[\n(\"“:;]\s*)$")
_SITE_KIND_AFTER = re.compile(
    r" (?i:garden\s+centre|garden\s+center|library|leisure\s+centre|sports\s+centre|community\s+centre|"
    r"social\s+club|working\s+men'?s\s+club|motel|hotel|guest\s*house|hostel|caravan\s+park)\b"
)
_NOT_NAME_CAPITALS = MONTH_NAMES | frozenset(
    "mum mom mam dad nan gran grandma grandad auntie aunt uncle sister brother cousin miss mrs mr ms dr sir "
    "monday tuesday wednesday thursday friday saturday sunday "
    "christmas easter god jesus lord allah the a an and but or "
    "so then when if my our your his her their its this that these those i im ive id ill".split()
)


def extend_title_case(text: str, spans):
    """Spans of names and places grown over the rest of their name (see above)."""
    from bot.privacy.resolver import Span

    out = []
    for sp in spans:
        if sp.label in ("NAME", "ORG", "LOCATION") and sp.start > 2:
            m = _TITLE_WORD_BEFORE.search(text, max(0, sp.start - 20), sp.start)
            if (
                m is not None
                and m.group(1).lower() not in _NOT_NAME_CAPITALS
                and not _SENTENCE_OPEN.search(text, max(0, m.start() - 3), m.start())
                and not (out and out[-1].end > m.start())
            ):
                sp = Span(m.start(1), sp.end, sp.label)
        if sp.label in ("ORG", "LOCATION", "NAME"):
            kind = _SITE_KIND_AFTER.match(text, sp.end)
            if kind is not None:
                sp = Span(sp.start, kind.end(), "LOCATION" if sp.label == "NAME" else sp.label)
        out.append(sp)
    return out


# One place in two found pieces: "the Red Lion in Bramhall", "the tesco express at the top of
# hollins", "no. 5 ard na gréine" (a particle of the name between): the word that joins them
# is part of the one description a reader would follow to the door. And a name after "at
# the" / "in the" is a place's ("at the Royal", "in the Vaults"), its article with it.
_PLACE_LABELS = frozenset({"ADDRESS", "LOCATION", "ORG"})
# The words (or a comma) that join two pieces of one place.
_JOIN_LINKS = frozenset(
    "in at on off near by na an de la le du del van von der y".split() + ["out on", ","]
)
_LINKS_NOT_PARTICLES = frozenset(("in", "at", "on", "off", "near", "by", "out on", ","))
# A numbered road a place is out on: "the motel out on route 9", "off highway 20".
ROUTE = re.compile(
    r"\b(?:on|off|along|near|by|past)\s+((?:route|rte|highway|hwy|interstate|state\s+route|"
    r"county\s+road)\s*\d{1,4}[a-z]?)\b",
    IGNORE_CASE,
)
_ROUTE_WORDS = frozenset("route rte highway hwy interstate road".split())
# A British numbered road a place is off or by: "the new builds off the A38", "a farm near the
# B1234" (the capital and the word of position say a road a home is placed by, not a grade;
# being "on the M25" in traffic places nobody).
UK_ROAD = re.compile(
    r"\b(?i:off|near|by|beside|opposite|next\s+to)\s+(?i:the\s+)?([AMB]\d{1,4}(?:\(M\))?)\b"
)
# "no. 4 bóthar na trá", "12 rue de la paix": a street's name runs on over its particle.
_PARTICLE_TAIL = re.compile(
    r"\s+(?:na|de|de\s+la|del|la|le|du|van|von|der|dos|das)\s+\w[\w'-]*", IGNORE_CASE
)
_THE_AFTER_LOCATIVE = re.compile(
    r"\b(?:at|in|into|to|from|outside|near|on)\s+(the)\s+$", IGNORE_CASE
)


def join_places(text: str, spans):
    """Place spans joined by one linking word become one; "at the Name" takes its article."""
    if not spans:
        return spans
    from bot.privacy.resolver import Span

    out = []
    for sp in spans:
        if (
            text[sp.start].isupper()
            and text[sp.start - 4 : sp.start].lower() == "the "
            and (
                sp.label in ("LOCATION", "ORG")
                or sp.label == "NAME"
                and " " not in text[sp.start : sp.end]
            )
        ):
            the = _THE_AFTER_LOCATIVE.search(text, max(0, sp.start - 16), sp.start)
            if the is not None and not (out and out[-1].end > the.start(1)):
                sp = Span(the.start(1), sp.end, "LOCATION" if sp.label == "NAME" else sp.label)
        if sp.label == "ADDRESS" and text[sp.end : sp.end + 1] == " ":
            tail = _PARTICLE_TAIL.match(text, sp.end)
            if tail is not None:
                sp = Span(sp.start, tail.end(), sp.label)
        if out and sp.start < out[-1].end:  # a particle's word already taken
            out[-1] = Span(out[-1].start, max(out[-1].end, sp.end), out[-1].label)
            continue
        if out and sp.start - out[-1].end < 10:
            last = out[-1]
            link = " ".join(text[last.end : sp.start].split()).lower()
            if link in _JOIN_LINKS and (last.label in _PLACE_LABELS or sp.label in _PLACE_LABELS):
                particle = link not in _LINKS_NOT_PARTICLES
                if link == "in" and last.label == "ADDRESS":
                    pass  # "12 albert road in reading": the street, then its town, each its own
                elif particle or (last.label in _PLACE_LABELS and sp.label in _PLACE_LABELS):
                    label = "ADDRESS" if "ADDRESS" in (last.label, sp.label) else "LOCATION"
                    out[-1] = Span(last.start, sp.end, label)
                    continue
        out.append(sp)
    return out


# --- a house given without "road" or "street", the way people type it ------------

_LANDMARK = (
    r"(?:above|below|over|under|next\s+to|opposite|behind|beside|near|by|across\s+from|"
    r"(?:\w+\s+)?doors?\s+(?:down|up|along)\s+from)"
)
# The message (or clause) opens with a house number and the street's name, and goes on
# to describe it: "42b kingsley, near the park", "flat 3, 27 ashgrove, above the
# launderette", "18 queens, the one with the broken gate".
# The words that close a house's street name and go on to place it ("3 Tanyard round the back
# of ...": "round" is never the street's second word).
_LEAD_LINKS = (
    r"(?:near|by|opposite|next|behind|above|below|over|under|across|past|round|off|in|on|just|the)"
)
HOUSE_LEAD = re.compile(
    r"(?:^|[,;:(]|\b(?:is|at|in|to|it's|its|address|of))\s*"
    r"((?:(?:flat|apt|apartment|unit)\s*\d{1,4}[a-z]?,?\s+)?\d{1,4}[a-z]?,?\s+([a-z][\w'-]+)"
    r"(?:\s+(?!" + _LEAD_LINKS + r"\b)([a-z][\w'-]+))?)"
    r"(?=\s*(?:,|$|\.|[\u2013\u2014]|\s-\s|\s+" + _LEAD_LINKS + r"\b))",
    IGNORE_CASE,
)
_HOUSE_LEAD_AFTER = re.compile(
    r"\s*(?:(?:,|[\u2013\u2014]|\s-)\s*)?(?:$|(?:the\s+(?:one|house|flat|bungalow|cottage|place|block|semi|terrace|end)\b)|"
    r"(?:that'?s|thats|it'?s|its)\s+(?:us|ours|home|where\s+(?:i|we)\s+(?:live|stay)|"
    r"(?:my|our|his|her|their)\s+(?:[a-z']+\s+)?(?:place|house|home|flat|gaff|address))\b|"
    r"(?:near|by|opposite|next\s+to|behind|above|below|over|under|across|past|round\s+the|off|just\s+off|"
    r"in\s+[a-z]|on\s+the\s+corner|"
    r"[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b))",
    IGNORE_CASE,
)
# What a caller says next to find the door: "12 Bramble, blue gate", "43 marlborough, top
# flat", "9 aspen, side door". Weaker than a landmark: the street word must look like one.
_HOUSE_LEAD_DOOR = re.compile(
    r"\s*,\s*(?:[a-z]+\s+){0,2}?(?:gate|door|flat|floor|buzzer|bell|entrance|porch|drive|driveway|"
    r"fence|hedge|bins?|garden)\b",
    IGNORE_CASE,
)
# The door or gate of the house, then the house: "back gate of 31 cedarwood", "the front
# door of 6 linnet, ring twice", "side of 14 mayfield". Only after such a word does "of"
# lead a house ("a pack of 20 cigs", "out of 10 people" are counts).
_HOUSE_LEAD_OF = re.compile(
    r"\b(?:gate|door|doors|drive|driveway|garden|porch|window|fence|hedge|bins?|side|front|back|outside|"
    r"steps|path)\s+of\s*$",
    IGNORE_CASE,
)
# "8 Heron, Kirkby Stephen": the house, then its town in Title Case, and nothing more.
_HOUSE_LEAD_TOWN = re.compile(r"\s*,\s*[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2}\s*(?:$|[.!?,])")
# "number 56 on the parade, above the bookies": a house number on a street or a row.
NUMBER_ON = re.compile(
    r"(?:\b(?:number|no\.?)|(?<![\w#])#)\s*\d{1,4}[a-z]?\s+(?:on|in|off|at)\s+(?:the\s+)?([a-z][\w'-]+)"
    r"(?:,?\s+" + _LANDMARK + r"\s+(?:the\s+)?[\w'&-]+)?",
    IGNORE_CASE,
)
# A house number that opens the message or a clause and is then described, not named:
# "number 17, the one with the trampoline", "23a above the nail bar", "12b, the one with
# the red door", "no. 9, the house with the hedge". A plain number needs its home named
# ("5, the house with ..."): "5, the one with the most likes" is a count.
NUMBER_DESCRIBED = re.compile(
    r"(?:^|[,;:(]|\b(?:is|at|its|it's|im|i'm|we're|were|in|address|addy))\s*"
    r"((?:(?:flat|apt|apartment|unit)\s*\d{1,4}[a-z]?,?\s+)?"
    r"(?:((?:number|no\.?|num|#)\s*\d{1,4}[a-z]?|\d{1,4}[a-z](?![\w']))|\d{1,4}(?![\w'.:]))"
    r")(?=,?\s+(?:((?:above|below|over|under|next\s+to|opposite|behind|beside|across\s+from|"
    r"round\s+the\s+back\s+of)\s+(?:the|a)\s)|the\s+one\s+(?:with|next|opposite|behind|above|on)\b)|"
    r",?\s+the\s+(?:house|flat|bungalow|cottage|semi|terrace|maisonette|door|end\s+terrace)\s+(?:with|next|opposite|behind|above|on)\b)",
    IGNORE_CASE,
)
# Where someone is by their door's number: "im in 7b", "we're number 8 on the new
# estate", "she's at no. 12 off the green". A lettered number alone, or a "number" with
# the street or estate it is on ("we're number 1 in the league" is no home).
HOME_UNIT = re.compile(
    r"\b(?:i'?m|im|we'?re|were|she'?s|shes|he'?s|hes|they'?re|theyre|live|lives|living|staying)\s+"
    r"(?:(?:in|at)\s+)?"
    r"(\d{1,4}[a-z](?![\w'])|(?:number|no\.?|num)\s*\d{1,4}[a-z]?(?=\s+(?:on|off|in|at)\s+(?:the\s+)?"
    r"(?:[\w'-]+\s+){0,2}(?:estate|street|st|road|rd|close|lane|avenue|crescent|drive|green|grove|terrace|"
    r"park|flats|block|square|way|row)\b))"
    r"(?!\s+(?:at\s+school|for|form|class|set|reg|registration)\b)",  # "im in 7b for maths": a class
    IGNORE_CASE,
)
# Pubs by their names, however typed ("at the red lion", "the kings head", "the rose and
# crown", "the wheatsheaf"): where someone drinks is where they can be found.
_PUB_FIRST = (
    r"(?:red|white|black|golden|green|blue|grey|gray|royal|old|new|kings?|queens?|king's|queen's|dukes?|duke's|"
    r"princes?|prince's|rising|bay|nags?|three|two|seven|jolly|fighting|flying|spread|lamb\s+and|fox\s+and|"
    r"rose\s+and|crown\s+and|dog\s+and|hare\s+and|bull\s+and|cat\s+and|coach\s+and|horse\s+and|ship\s+and|"
    r"bell\s+and|plough\s+and)"
)
_PUB_HEAD = (
    r"(?:lion|head|arms|hart|horse|horses|oak|bull|swan|crown|anchor|hounds?|bell|bells|star|sun|moon|dragon|"
    r"inn|plough|duck|fleece|feathers|horseshoes?|tun|cups|compasses|pigeons|greyhound|stag|boar|cock|"
    r"ram|lamb|eagle|falcon|griffin|unicorn|sportsman|volunteer|cricketers|barrel|harrow|sheaf|bush|tree|"
    r"pheasant|partridge|swan|buck|woolpack|castle)"
)
PUB = re.compile(
    r"\bthe\s+((?:"
    + _PUB_FIRST
    + r"\s+"
    + _PUB_HEAD
    + r"|wheatsheaf|chequers|mitre)(?:\s+(?:pub|inn))?)\b",
    IGNORE_CASE,
)
# Where someone is, right before "the": near it by itself, or at/in it after being there.
_PUB_BEFORE = re.compile(
    r"(?:\b(?:outside|behind|opposite|near|past|round)|"
    r"\b(?:i'?m|im|am|is|was|were|we'?re|re|he'?s|hes|she'?s|shes|be|been|meet|me|us|him|her|them|"
    r"drink(?:s|ing)?|work(?:s|ing)?|stay(?:s|ing)?|wait(?:s|ing)?|live[sd]?|living|sat|sit(?:s|ting)?)"
    r"\s+(?:at|in|outside|by|from|down))\s+$",
    IGNORE_CASE,
)
# A pub by its one-word name, in Title Case where a place goes: "two doors down from the
# Crown", "next to the Swan", "we drink in the Plough" ("the crown of her head" stays).
PUB_SINGLE = re.compile(
    r"(?:^\s*|\b(?:(?i:from|to|by|near|behind|opposite|outside|past|beside|at|in|round|after))\s+)(?i:the)\s+"
    r"((?:Crown|Swan|Plough|Anchor|Bell|Mitre|Wheatsheaf|Chequers|Greyhound|Woolpack|Volunteer|Cricketers|"
    r"Feathers|Fleece|Ship|Lamb|Stag|Harrow|Unicorn|Railway|Junction|Navigation|Sportsman|Bridge\s+Inn|"
    r"Victoria|Albion|Globe|Grapes|Vine|Falcon|Eagle|Pheasant)(?:\s+(?i:pub|inn))?)\b"
)
_PUB_WORDS = frozenset(re.findall(r"[a-z]+", _PUB_HEAD)) | frozenset(
    ("wheatsheaf", "chequers", "mitre")
)
# "the Fox and Hounds", "the Dog and Duck": a name of two things joined, written as a name.
_TITLED_PUB = re.compile(r"[A-Z][a-z']+\s+(?:and|&)\s+[A-Z][a-z']+(?:\s+(?i:pub|inn))?")
# "round the back of the Red Lion", "the Kings Head does quiz night": a pub's name written as a
# name, every word capitalised, is the pub wherever it stands ("the red lion" needs a place
# word before it).
_TITLED_PUB_NAME = re.compile(r"[A-Z][a-z']+(?:\s+[A-Z][a-z']+)+(?:\s+(?i:pub|inn))?")
# "Rose and Crown, she works the bar", "meet at Fox & Hounds": the same name with no "the"
# (the second thing a pub's: "Romeo and Juliet", "Salt and Pepper" keep).
TITLED_PUB_BARE = re.compile(r"\b([A-Z][a-z']+\s+(?:and|&)\s+([A-Z][a-z']+))(?:\s+(?i:pub|inn))?")
# A pub given as the whole reply, or with its town: "the black swan, ashby", "the red lion".
_PUB_REPLY_END = re.compile(r"\s*(?:,\s*([a-z][\w' -]{2,30}?))?\s*[.!]*\s*$", IGNORE_CASE)


# "the Kings Arms, ledbury, thats her local": a pub, then its town after a comma.
_PUB_TOWN_AFTER = re.compile(r"\s*,\s*([a-z][a-z'-]{3,20})(?=\s*(?:,|\.|!|$))", IGNORE_CASE)


# Where a person is held or posted, named after the kind of place it is: "HMP Wealdstone",
# "hmp leyhill", "HMYOI Feltham", "HM Prison Holloway", "RAF Marham", "HMS Albion". The
# prefix says what the place is, so it goes with the name ("my dad's in the RAF" keeps).
INSTITUTION_PREFIXED = re.compile(
    r"\b(?:(?i:hmp|hmyoi|hmpyoi|hmp\s*/\s*yoi)\s+([A-Za-z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)"
    r"|(?:HM\s+(?i:prison|young\s+offender\s+institution)|RAF|HMS|YOI|MOD|HMNB)\s+([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?))"
)
_INSTITUTION_PREFIX_WORDS = frozenset("hmp hmyoi hmpyoi hm raf hms yoi mod hmnb".split())


def _the_start(text: str, start: int) -> int:
    """ "at The Anchor", "outside the Crown and Anchor": a pub's "the" is part of its name
    (people write it in either case), so it goes with the name."""
    return start - 4 if text[max(0, start - 4) : start] in ("The ", "the ") else start


_DESCRIBED_LINKS = frozenset(
    "above below over under next opposite behind beside across round one house flat bungalow cottage semi "
    "terrace maisonette door".split()
)
_UNIT_HINT = re.compile(r"\d[a-z]\b|\b(?:number|no|num)\b", IGNORE_CASE)
_HOME_NAMED_AFTER = re.compile(
    r",?\s+the\s+(?:house|flat|bungalow|cottage|semi|terrace|maisonette|door|end\s+terrace)\b",
    IGNORE_CASE,
)
# A home described by where it stands, then its number: "the end terrace on wellington,
# number 9", "the cul de sac behind asda, number 12".
HOME_THEN_NUMBER = re.compile(
    r"\b(?:the|a|our|my|their)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:house|home|terrace|bungalow|cottage|flat|flats|cul[\s-]de[\s-]sac|close|block|semi|maisonette|one|"
    r"estate|building|street|road)\s+"
    r"(?:on|behind|near|by|off|opposite|next\s+to|at\s+the\s+end\s+of|round\s+the\s+back\s+of|past)\s+"
    r"(?:the\s+)?[\w'&-]+(?:\s+[\w'&-]+)?,?\s+(?:at\s+)?(?:number|no\.?|#)\s*\d{1,4}[a-z]?\b",
    IGNORE_CASE,
)
# "on the corner of ash and elm": two streets that cross.
CORNER_OF = re.compile(
    r"\b(?:on|at)\s+the\s+corner\s+of\s+(?!(?:my|the|your|his|her|our|their)\b)[a-z][\w'-]+"
    r"(?:\s+"
    + STREET
    + r")?\s+(?:and|&|n)\s+(?!(?:my|the|your|his|her|our|their|i|we|it)\b)[a-z][\w'-]+"
    r"(?:\s+" + STREET + r")?\b",
    IGNORE_CASE,
)
# Two streets that cross, the way Americans give a spot: "on 4th and Alder", "at 5th & Main",
# "Main and 3rd", "w 12th st and broadway". A numbered street (an ordinal) on one side and a
# named one (Title Case, or with its street word) on the other; "came 1st and 2nd", "on the 4th
# and 5th" (no name), "on 2nd and Tuesday" (a day) keep.
_ORDINAL_STREET = r"(?:[NSEW]\.?\s+)?\d{1,3}(?:st|nd|rd|th)(?:\s+(?i:st|street|ave|avenue))?"
_NAMED_CROSS = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|"
    r"June|July|August|September|October|November|December|I|The|My)\b)[A-Z][a-z]{2,}"
    r"(?:\s+(?i:st|street|ave|avenue|rd|road|blvd|boulevard))?"
)
CROSS_STREETS = re.compile(
    r"\b(?i:on|at|off|of|near|by)\s+((?:"
    + _ORDINAL_STREET
    + r"\s+(?:and|&|n)\s+"
    + _NAMED_CROSS
    + r")|(?:"
    + _NAMED_CROSS
    + r"\s+(?:and|&|n)\s+"
    + _ORDINAL_STREET
    + r"))\b"
)
_ORDINAL_HINT = re.compile(r"\d(?:st|nd|rd|th)\b", IGNORE_CASE)
# A flat or unit and the building's number: "apartment is 4C at 310 Maple".
UNIT_AT = re.compile(
    r"\b(?:flat|apartment|apt|unit|suite)\s+(?:is\s+|number\s+)?(\d{1,4}[a-z]?,?\s+(?:at|in|of)?\s*\d{1,5}[a-z]?\s+[A-Za-z][\w'-]+)",
    IGNORE_CASE,
)
# A street, then its house number: "dunmore close, 11", "fenwick road number 3".
STREET_THEN_NUMBER = re.compile(
    r"\b(?!"
    + _NOT_STREET_NAME
    + r"\b)[a-z][\w'-]+\s+(?:road|rd|street|st|close|lane|avenue|ave|drive|way|"
    r"crescent|grove|terrace|gardens|court|place|mews|row|walk)\b,?\s+(?:number\s+|no\.?\s*)?\d{1,4}[a-z]?\b"
    r"(?!\s*(?:am|pm|mins?|minutes?|hours?|years?|yrs?|%|percent|times|people|pounds|quid)\b)",
    IGNORE_CASE,
)
# A detail begun and cut off: "ok my address is 5" (the rest follows in the next message).
ADDRESS_CUT = re.compile(r"\b(?:address|addy)\s+(?:is|:)\s*(\d{1,5}[a-z]?)\s*[.!]*$", IGNORE_CASE)


def _street_name_ok(word: str, strong: bool) -> bool:
    """A word that can name a street after a house number ("kingsley", "queens")."""
    low = word.lower()
    if low in _NOT_STREET_WORD or low in _STOP or low in lexicon.NEVER_BARE:
        return False
    if not strong and lexicon.is_common_word(low):
        return False
    return not lexicon.is_inflected(low) or strong


_NUMBER_WORDS = frozenset("number no num".split())
_UNIT_WORDS = frozenset("flat apartment apt unit suite".split())
_ADDRESS_CUT_WORDS = frozenset("address addy".split())
# A house number then a word: without one, none of the rules below can match.
_NUMBER_THEN_WORD = re.compile(r"\d[a-z]?,?\s+[a-z]", IGNORE_CASE)


# The clause before a bare house number says where the person is staying or has moved to.
_STAYING_BEFORE = re.compile(
    r"\b(?:i'?m|im|i\s+am|we'?re|were|we\s+are|staying|living|live|moved|moving|sleeping|stopping)"
    r"\s+(?:at|in|with|to|into|round|over\s+at)\b[^.!?,]{0,30},\s*$",
    IGNORE_CASE,
)


def _house_candidates(text: str, words) -> List[Candidate]:
    out: List[Candidate] = []
    for m in STREET_THEN_NUMBER.finditer(text) if not words.isdisjoint(_STREET_WORDS) else ():
        out.append(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
    if not words.isdisjoint(_ADDRESS_CUT_WORDS):
        for m in ADDRESS_CUT.finditer(text):
            out.append(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
    for m in HOME_UNIT.finditer(text) if _UNIT_HINT.search(text) else ():
        out.append(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_UNIT))
    numbered = "#" in text or not words.isdisjoint(_NUMBER_WORDS)
    if not numbered and not _NUMBER_THEN_WORD.search(text):
        return out
    for m in HOUSE_LEAD.finditer(text):
        first, second = m.group(2), m.group(3)
        after = _HOUSE_LEAD_AFTER.match(text, m.end(1))
        strong = after is not None and bool(after.group(0).strip(" ,"))
        if text[max(0, m.start(1) - 3) : m.start(1)].rstrip().lower().endswith("of"):
            if _HOUSE_LEAD_OF.search(text, max(0, m.start(1) - 24), m.start(1)) is None:
                continue
            strong = True  # "back gate of 31 cedarwood": the door says it is a house
        if not _street_name_ok(first, strong or first[:1].isupper()):
            continue
        if not strong and (
            (
                _HOUSE_LEAD_DOOR.match(text, m.end(1)) is not None
                and (first[:1].isupper() or not lexicon.is_common_word(first.lower()))
            )
            or (first[:1].isupper() and _HOUSE_LEAD_TOWN.match(text, m.end(1)) is not None)
        ):
            strong = True  # "12 Bramble, blue gate": the door the caller is looking for
        if (
            not strong
            and text[max(0, m.start(1) - 2) : m.start(1)].strip() == ","
            and _STAYING_BEFORE.search(text, max(0, m.start(1) - 60), m.start(1)) is not None
            and "-" not in first
            and not lexicon.is_common_word(first.lower())
            and first.lower() not in lexicon.crisis_words()
        ):
            # "im at my aunties now, 42 ashgrove,": where the person is, then its door
            strong = True
        if not strong and not (
            after is not None
            and (not text[: m.start(1)].strip() or text[m.start(1) - 1 : m.start(1)] in ",;:(")
        ):
            continue
        end = m.end(1)
        if second and not _street_name_ok(second, False) and second.lower() not in _STREET_WORDS:
            end = m.end(2)
        out.append(Candidate(m.start(1), end, Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
    for m in NUMBER_ON.finditer(text) if numbered else ():
        word = m.group(1).lower()
        if word in _STREET_WORDS or (
            word not in _STOP and not lexicon.is_common_word(word) and lexicon.logprob(word) < -13.0
        ):
            e = _trim_words(text, m.start(), m.end()) if m.end() > m.end(1) else m.end()
            # keep the landmark after a comma: trim only at other punctuation
            e = max(e, m.end()) if "," in text[m.end(1) : m.end()] else e
            out.append(Candidate(m.start(), e, Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
    for m in NUMBER_DESCRIBED.finditer(text) if not words.isdisjoint(_DESCRIBED_LINKS) else ():
        if m.group(2) is None and _HOME_NAMED_AFTER.match(text, m.end(1)) is None:
            continue  # a plain number: only with its home named ("41, the house with")
        out.append(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
    for m in HOME_THEN_NUMBER.finditer(text) if numbered else ():
        out.append(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
    for m in UNIT_AT.finditer(text) if not words.isdisjoint(_UNIT_WORDS) else ():
        out.append(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
    return out


def _outward_codes(text: str) -> List[Candidate]:
    """A postcode's first half (its area and district) given alone: "SK4 if that helps",
    "n16 postcode", "im in LS6", "M14 way", "ex4 postcode, by the uni".

    Taken when the message names postcodes, or the code stands where a place goes (after
    "in"/"near"/"from", before "area"/"way"/"side", or as a clause of its own), and, in
    lower case or with a one-letter area ("m8", "b4", "l8r"), only with one of those
    signs around it. "a B4 in maths", "vitamin D3", "ps5", "the A1", "my iphone 12" keep.
    """
    out: List[Candidate] = []
    named = _OUTWARD_WORDS.search(text) is not None
    for m in OUTWARD.finditer(text):
        if m.group(2).upper() not in _AREA_SET:
            continue
        code = m.group(1)
        before = _OUTWARD_BEFORE.search(text, max(0, m.start() - 24), m.start())
        after = _OUTWARD_AFTER.match(text, m.end())
        area = m.group(2)
        upper = code == code.upper()
        alone = before is not None and before.group(0).strip() in ("", ",", ";", "(")
        # "in LS6, near the park" yes, "in CO2 levels" no: after "in" the code ends its clause
        placed = after is not None or (
            before is not None and not alone and _OUTWARD_END.match(text, m.end()) is not None
        )
        town = _OUTWARD_TOWN.match(text, m.end()) if before is not None else None
        if town is not None and town.group(1).lower() in lexicon.places():
            # "im in G12 in glasgow", "from m14, manchester": the code, then the city it is in
            ok = True
        elif named and (placed or alone):
            ok = True
        elif upper and len(area) == 2:
            ok = placed or (alone and (after is not None or m.end() == len(text.rstrip())))
        else:
            ok = placed and (after is not None or len(area) == 2)
        if ok:
            out.append(Candidate(m.start(1), m.end(1), Label.POSTCODE, Score.POSTCODE_CA))
    return out


# The town after a numbered address and a comma or "in", closing its clause: "22 Hollybush,
# Great Ayton", "14 larkspur rd, kirkby stephen", "flat 2, 19 Ashgrove, Morley.", "88 kings road
# in reading and the landlord ..." In Title Case,
# or in lower case when the words are a known place or not English ("9 elm close, in the
# end" and "4 maple, sorry for the typo" keep).
_TOWN_AFTER_ADDRESS = re.compile(
    r"(?:,\s*|\s+in\s+)((?!(?:The|A|An|I|Im|It|Its|My|Our|Just|Near|By|Opposite|Next|Behind|Above|Below|Thanks|Thank|"
    r"Sorry|Please|Pls|Ok|Okay|Lol|Yes|No|So|But|And|Then|Flat|Apt|Unit)\b)"
    r"(?:(?:Great|Little|Upper|Lower|Nether|North|South|East|West|Old|New|Long|Much|Kings|St\.?)\s+|(?i:great|little|upper|lower|nether|north|south|east|west|old|new|long|much|kings|st\.?)\s+)?"
    r"[A-Za-z][a-z'-]{2,}(?:[ -](?:(?:on|upon|in|le|under|by)[ -])?[A-Za-z][a-z'-]+){0,2})"
    r"(?=\s*(?:$|[.!?,;:)]|\s+(?:and|but|so|if|lol|x+)\b))"
)


# A house known by its name, not a number, given as the address: "My address is The Old
# Forge, Nether Wallop", "we live at Rose Cottage, Hawes", "addy: Holly Bank Farm". Title
# Case, ending its clause ("i live at Home Bargains lol" is a shop and keeps nothing less).
HOUSE_NAMED = re.compile(
    r"\b(?i:address(?:\s+is)?|addy(?:\s+is)?|live[sd]?\s+at|living\s+at)\s*:?\s+"
    r"((?:The\s+)?(?!(?:The|A|An|I|My|Our|Your|Home|Work|School|Uni|Christmas|Easter)\b)"
    r"[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2})(?=\s*(?:,|$|[.!?;]))"
)
_HOUSE_NAMED_WORDS = frozenset("address addy live lives lived living at".split())
_TOWN_LINKS = frozenset(
    "on upon in le by under great little upper lower nether north south east west old new long much kings st".split()
)


def _town_after_address(
    text: str, cands: List[Candidate], numbered: bool = True
) -> List[Candidate]:
    out: List[Candidate] = []
    places = lexicon.places()
    for c in cands:
        if c.label is not Label.ADDRESS or (
            numbered and not any(ch.isdigit() for ch in text[c.start : c.end])
        ):
            continue
        m = _TOWN_AFTER_ADDRESS.match(text, c.end)
        if m is None:
            continue
        words = re.split(r"[ -]", m.group(1).lower())
        last = words[-1]
        if last in lexicon.NEVER_BARE or any(
            w in _NOT_STREET_WORD or (w in _STOP and w not in _TOWN_LINKS) for w in words
        ):
            continue
        if not all(w[:1].isupper() for w in m.group(1).split()) and not (
            " ".join(words) in places
            or (
                not any(lexicon.is_common_word(w) for w in words if w not in _TOWN_LINKS)
                and any(w in places or lexicon.logprob(w) < -15.5 for w in words)
            )
        ):
            continue
        out.append(Candidate(m.start(1), m.end(1), Label.LOCATION, Score.ADDRESS_DESCRIBED))
    return out


class AddressRecognizer:
    """Street addresses, flats, postcodes and described homes (regexes)."""

    name = "addresses"

    def find(self, view) -> List[Candidate]:
        text = view.folded
        out: List[Candidate] = []
        add = out.append
        if view.has_digit:
            for m in (
                POSTCODE_CONTEXT.finditer(text)
                if not view.words.isdisjoint(_POSTCODE_WORDS)
                else ()
            ):
                value = m.group(1)
                if value.isdigit() and len(value) < 4:
                    continue  # "the zip is like 10 mins away": a fragment has letters or 4+ digits
                add(Candidate(m.start(1), m.end(1), Label.POSTCODE, Score.POSTCODE_IN_CONTEXT))
            for m in UK_POSTCODE.finditer(text):
                add(Candidate(m.start(), m.end(), Label.POSTCODE, Score.POSTCODE))
            if _LETTER_DIGIT.search(text):
                out.extend(_outward_codes(text))
            for m in CA_POSTCODE.finditer(text):
                add(Candidate(m.start(), m.end(), Label.POSTCODE, Score.POSTCODE_CA))
            for m in view.digit_scan(US_STATE_ZIP):
                add(Candidate(m.start(1), m.end(1), Label.POSTCODE, Score.POSTCODE))
            for m in (
                ADDRESS_NUMBERED.finditer(text) if not view.words.isdisjoint(_STREET_WORDS) else ()
            ):
                add(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_NUMBERED))
            for m in ADDRESS_CONTEXT.finditer(text):
                add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
            words = view.words
            at_me = "at" in words and not words.isdisjoint(_BEING_WORDS)
            for rx in (
                (ADDRESS_NUMBER_CONTEXT, HOUSE_NUMBER)
                if at_me or not words.isdisjoint(_ADDRESS_WORDS)
                else ()
            ):
                for m in rx.finditer(text):
                    add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
            for m in FLAT.finditer(text):
                if _room_is_home(text, m, view.words):
                    add(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_UNIT))
            out.extend(_house_bare(text, None, None))
            for m in (
                HOUSE_UNIT.finditer(text) if not view.words.isdisjoint(_HOUSE_UNIT_WORDS) else ()
            ):
                add(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_UNIT))
            for m in FLAT_IS.finditer(text) if not view.words.isdisjoint(_FLAT_IS_WORDS) else ():
                add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_UNIT))
            for m in HOUSE_ON_NAMED.finditer(text):
                name = m.group(3)
                low = name.lower()
                if low.startswith("the "):
                    ok = not lexicon.is_common_word(low[4:]) or low[4:] in _STREET_WORDS
                elif name[:1].isupper():
                    ok = (
                        low not in lexicon.NEVER_BARE
                        and low not in _NOT_STREET_WORD
                        and low not in _STOP
                    )
                else:
                    ok = (
                        low not in _NOT_STREET_WORD
                        and not lexicon.is_common_word(low)
                        and lexicon.logprob(low) < -14.0
                        and not lexicon.is_inflected(low)
                    )
                if ok:
                    start = m.start(1) if m.group(1) else m.start(2)
                    end = m.end(4) if m.group(4) else m.end(3)
                    add(Candidate(start, end, Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
            out.extend(_house_candidates(text, view.words))
            if "," in text or "in" in view.words:
                out.extend(_town_after_address(text, out))
        if " " in text and not view.words.isdisjoint(_HOUSE_NAMED_WORDS):
            named = [
                Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT)
                for m in HOUSE_NAMED.finditer(text)
            ]
            out.extend(named)
            if named and ("," in text or "in" in view.words):
                out.extend(_town_after_address(text, named, numbered=False))
        if not view.words.isdisjoint(_PUB_WORDS):
            for m in PUB.finditer(text):
                reply = None if text[: m.start()].strip() else _PUB_REPLY_END.match(text, m.end())
                if (
                    _PUB_BEFORE.search(text, max(0, m.start() - 24), m.start()) is None
                    and not _TITLED_PUB.fullmatch(m.group(1))
                    and not _TITLED_PUB_NAME.fullmatch(m.group(1))
                    and reply is None
                ):
                    continue
                if reply is None:
                    reply = _PUB_TOWN_AFTER.match(text, m.end())
                town = reply.group(1) if reply is not None else None
                if town and not lexicon.is_common_word(town.lower()):
                    # "the red lion, shepton": the town it is in
                    add(
                        Candidate(
                            reply.start(1), reply.end(1), Label.LOCATION, Score.ADDRESS_DESCRIBED
                        )
                    )
                add(
                    Candidate(
                        _the_start(text, m.start(1)),
                        m.end(1),
                        Label.LOCATION,
                        Score.ADDRESS_DESCRIBED,
                    )
                )
            for m in TITLED_PUB_BARE.finditer(text):
                if m.group(2).lower() in _PUB_WORDS:
                    start = _the_start(text, m.start(1))
                    add(Candidate(start, m.end(), Label.LOCATION, Score.ADDRESS_DESCRIBED))
        if not view.words.isdisjoint(_INSTITUTION_PREFIX_WORDS):
            for m in INSTITUTION_PREFIXED.finditer(text):
                name = m.group(1) or m.group(2)
                if name[0].islower() and lexicon.is_common_word(name.split()[0]):
                    continue  # "in hmp for 3 years"
                add(Candidate(m.start(), m.end(), Label.LOCATION, Score.ADDRESS_DESCRIBED))
        if _UPPER_AFTER_START.search(text) is not None:
            for m in PUB_SINGLE.finditer(text):
                start = _the_start(text, m.start(1))
                add(Candidate(start, m.end(1), Label.LOCATION, Score.ADDRESS_DESCRIBED))
        if "corner" in view.words:
            for m in CORNER_OF.finditer(text):
                add(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
        if view.has_digit and _ORDINAL_HINT.search(text) is not None:
            for m in CROSS_STREETS.finditer(text):
                add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
        for m in (
            BLOCK.finditer(text)
            if "block" in view.words or "tower" in view.words or "building" in view.words
            else ()
        ):
            add(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_UNIT))
        if not view.words.isdisjoint(_SITE_WORDS):
            for m in NAMED_SITE.finditer(text):
                words = m.group(1).split()
                # keep the words next to the kind that can name it ("at the Trinity
                # foodbank", "the Costa by Leamington station": from "Trinity", "Leamington")
                k = len(words)
                while k > 0 and not (
                    words[k - 1].lower() in _STOP
                    or not words[k - 1][:1].isupper()
                    and lexicon.is_common_word(words[k - 1].lower())
                ):
                    k -= 1
                words = words[k:]
                start = m.start(1) + m.group(1).index(words[0]) if words else m.start(2)
                article = _THE_BEFORE.search(text, max(0, start - 5), start)
                if article:
                    start = article.start()  # "the Meadowbank estate": the article goes too
                titled = m.group(2)[:1].isupper() and all(w[:1].isupper() for w in words)
                if _site_words_ok(words, start, text, titled):
                    label = Label.ADDRESS if _RESIDENTIAL_RX.match(m.group(2)) else Label.LOCATION
                    end = m.end(2)
                    if m.group(2)[:1].isupper():
                        # "Lower Barn Farm", "Kings Head Inn": the name runs on in Title Case
                        more = _TITLE_RUN.match(text, end)
                        end = more.end() if more else end
                    add(Candidate(start, end, label, Score.ADDRESS_NAMED))
        if not view.words.isdisjoint(_TRADE_WORDS):
            for m in NAMED_TRADE.finditer(text):
                words = m.group(1).split()
                titled = m.group(2)[:1].isupper() and all(w[:1].isupper() for w in words)
                if _site_words_ok(words, m.start(1), text, titled) and not all(
                    w.lower() in _STOP for w in words
                ):
                    add(Candidate(m.start(1), m.end(), Label.LOCATION, Score.ADDRESS_NAMED))
        if " " in text:
            for m in (
                ADDRESS_NAMED.finditer(text)
                if not view.words.isdisjoint(_NAMED_STREET_WORDS)
                else ()
            ):
                add(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_NAMED))
            words = view.words
            for m in (
                ADDRESS_NAMED_MORE.finditer(text) if not words.isdisjoint(_NAMED_MORE_WORDS) else ()
            ):
                add(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_NAMED))
            for m in (
                TITLE_AFTER_POSITION.finditer(text)
                if not words.isdisjoint(_POSITION_WORDS) and _UPPER_AFTER_START.search(text)
                else ()
            ):
                named = m.group(1).split()
                if not all(w.lower() in _STOP or w.lower() in lexicon.NEVER_BARE for w in named):
                    add(Candidate(m.start(1), m.end(1), Label.LOCATION, Score.ADDRESS_DESCRIBED))
            for m in (
                STREET_LOWER.finditer(text)
                if not view.words.isdisjoint(_NAMED_STREET_WORDS)
                else ()
            ):
                add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_DESCRIBED))
            for m in (
                ADDRESS_LIVE_ON.finditer(text) if not view.words.isdisjoint(_HOME_WORDS) else ()
            ):
                add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_LIVE_ON))
            for m in LIVE_ON_NAMED.finditer(text) if not view.words.isdisjoint(_HOME_WORDS) else ():
                add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_DESCRIBED))
            if not words.isdisjoint(_DWELLING_WORDS) and not words.isdisjoint(_DWELLING_LINKS):
                out.extend(_described_dwellings(text))
            if not words.isdisjoint(_DOOR_WORDS):
                out.extend(_doors_from(text))
            if not words.isdisjoint(_VENUE_APPOSED_WORDS) and "," in text:
                out.extend(_venues_apposed(text))
            if view.has_digit and not words.isdisjoint(_ROUTE_WORDS):
                for m in ROUTE.finditer(text):
                    add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
            if view.has_digit:
                for m in UK_ROAD.finditer(text):
                    add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
            if view.has_digit and not words.isdisjoint(_SITE_UNIT_WORDS):
                for m in UNIT_AT_SITE.finditer(text):
                    add(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
            if not words.isdisjoint(_HOME_WORDS) and not words.isdisjoint(_NEAR_WORDS):
                for m in DESCRIBED_HOME.finditer(text):
                    e = _trim_words(text, m.start(1), m.end(1))
                    if e > m.start(1):
                        add(Candidate(m.start(1), e, Label.ADDRESS, Score.ADDRESS_DESCRIBED))
            if not view.words.isdisjoint(_BUILDING_WORDS):
                for m in ON_NAMED_AFTER_BUILDING.finditer(text):
                    if m.group(2).split()[0].lower() not in _NOT_STREET_START:
                        add(
                            Candidate(m.start(1), m.end(2), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT)
                        )
            if view.has_digit and not view.words.isdisjoint(_PITCH_WORDS):
                for m in PITCH.finditer(text):
                    add(Candidate(m.start(1), m.end(1), Label.ADDRESS, Score.ADDRESS_UNIT))
            if view.has_digit and not view.words.isdisjoint(_FLOOR_WORDS):
                for m in FLOOR_OF.finditer(text):
                    add(Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
            if view.has_digit and not view.words.isdisjoint(_AREA_WORDS):
                for m in AREA_NUMBERED.finditer(text):
                    before = text[: m.start()].rstrip()
                    # a capital mid-sentence ("our flat in Noida, Sector 15") or after "in"/"to"
                    if (m.group(1)[:1].isupper() and before and before[-1] not in ".!?") or (
                        m.group(1).lower() not in _PHASE_WORDS
                        and _LOCATIVE_BEFORE.search(text, max(0, m.start() - 12), m.start())
                    ):
                        add(Candidate(m.start(1), m.end(), Label.ADDRESS, Score.ADDRESS_IN_CONTEXT))
        return out


# --- a home told by how it looks and what it is next to ---------------------------------
# "the red brick house with the trampoline, two down from the primary school", "the corner
# house by the texaco", "the last house on the left past the spar", "the big white one next
# to the gaa pitch", "the room above the chippy on main", "the yellow one at the end of the
# lane, past the old creamery", "house number 27, the one on elmtree with the green gate":
# a dwelling, what it looks like, and what it is next to find the door together. Read as
# that structure: a dwelling noun with up to three words of look before it and "with the
# ..." / "on the left" after it, then one or two neighbours each led by a word of position.
# A neighbour is needed (or a door number before: "number 27, the one with ..."): "the big
# house" finds no one. A neighbour is a place, never a part of a house, a person or a thing
# at hand ("the room next to the kitchen", "the one next to me", "the one by the window"),
# and "one" or "place" needs a look or a feature ("the one by the station" is any one).
_DWELLING = (
    r"(?:house|home|flat|bungalow|cottage|maisonette|semi|terrace|one|place|room|caravan|"
    r"farmhouse|building|block)"
)
_DWELLING_STOP = (
    r"(?!(?:the|a|an|and|or|but|i|we|he|she|they|you|it|is|was|with|on|in|at|by|of|to|from|"
    r"next|past|near|above|below|behind|opposite|beside|over|under|this|that|which|who|my|"
    r"your|his|her|our|their|me|him|them|us|if|so|when|then|just)\b)"
)
_DWELLING_NEAR = (
    r"(?:(?:right|just)\s+)?(?:next\s+(?:door\s+)?to|by|past|opposite|behind|beside|above|below|"
    r"over|under|near|facing|across\s+(?:the\s+(?:road|street)\s+)?from|"
    r"(?:(?:one|two|three|four|five|six|a\s+few|a\s+couple(?:\s+of)?|\d{1,2})\s+)?"
    r"(?:doors?\s+|houses?\s+)?(?:down|up|along)\s+from|"
    r"at\s+the\s+(?:end|top|bottom|back|far\s+end)\s+of|(?:round|around)\s+the\s+(?:corner|back)\s+(?:from|of))"
)
_DWELLING_LANDMARK = (
    r"(?:the|a|an)\s+"
    + _DWELLING_STOP
    + r"([a-z][\w'&-]*(?:\s+"
    + _DWELLING_STOP
    + r"[a-z][\w'&-]*){0,2}?)"
    r"(?:\s+on\s+(?!the\b)" + _DWELLING_STOP + r"[a-z][\w'-]+)?"
    r"(?=\s*(?:[,.;:!?()\u2013\u2014]|\s-\s|$)|\s+(?:in|on|and|that|thats|that's|where|so|but|if|"
    r"which|is|was|its|it's|lol|x+|i|we|he|she|they|you|u|now|too|tho|though)\b)"
)
# One neighbour, its word of position and its landmark (read again from a match's "near").
_NEAR_LANDMARK = re.compile(_DWELLING_NEAR + r"\s+" + _DWELLING_LANDMARK, IGNORE_CASE)
DWELLING_DESCRIBED = re.compile(
    r"(?:(?P<num>(?:(?:house\s+)?(?:number|no\.?|num)\s*\d{1,4}[a-z]?|\b\d{1,4}[a-z]?),\s+)(?:(?:the|a)\s+)?"
    r"|\b(?:the|our|my|his|her|their|a)\s+|^\s*|(?<=[,;:(]\s))"
    r"(?P<look>(?:" + _DWELLING_STOP + r"[a-z][\w'-]*\s+){0,3}?)"
    r"(?P<head>" + _DWELLING + r")\b"
    r"(?P<feat>(?:\s+with\s+(?:the|a|an)\s+"
    + _DWELLING_STOP
    + r"[a-z][\w'-]*(?:\s+"
    + _DWELLING_STOP
    + r"[a-z][\w'-]*){0,2}(?:\s+(?:in|on)\s+(?:the|a)\s+[a-z][\w'-]*)?"
    r"|\s+on\s+the\s+(?:left|right|corner|end)"
    r"|\s+on\s+(?!the\b)" + _DWELLING_STOP + r"[a-z][\w'-]+(?=\s+with\b))*)"
    r"(?P<near>(?:,?\s+" + _DWELLING_NEAR + r"\s+" + _DWELLING_LANDMARK + r"){0,2})",
    IGNORE_CASE,
)
_DWELLING_WORDS = frozenset(re.findall(r"[a-z]+", _DWELLING))
# One of these is in every neighbour or feature the reader takes (a cheap gate before it).
_DWELLING_LINKS = frozenset(
    "next by past opposite behind beside above below over under near facing across down up along "
    "end top bottom back round around with".split()
)
# "2 doors down from the Co-op", "three houses up from the school": a count of doors is said
# only of a home, so the neighbour alone places it.
DOORS_FROM = re.compile(
    r"\b(?:(?:one|two|three|four|five|six|a\s+few|a\s+couple(?:\s+of)?|\d{1,2})\s+"
    r"(?:doors?|houses?)\s+(?:down|up|along)\s+from)\s+" + _DWELLING_LANDMARK,
    IGNORE_CASE,
)
_DOOR_WORDS = frozenset("door doors house houses".split())
# A numbered pitch, van or lot on a named site, the site typed in lower case: "caravan 23 at
# sandy bay park", "riverside mobile home park, lot 14", "cabin 4 on the lakeside holiday
# village". The number and the site's kind tie the words before the kind into its name.
_SITE_HEAD = r"(?:park|site|campsite|estate|village|marina|farm|court|motel|hotel|inn|lodge|camp)"
_SITE_UNIT = (
    r"(?:caravan|static|van|chalet|cabin|lot|pitch|plot|unit|berth|mooring|room|flat|trailer)"
    r"\s*(?:no\.?\s*|number\s+|#)?\d{1,4}[a-z]?"
)
_SITE_NAME = r"(?:" + _DWELLING_STOP + r"[a-z][\w'-]*\s+){1,3}" + _SITE_HEAD + r"\b"
UNIT_AT_SITE = re.compile(
    r"\b"
    + _SITE_UNIT
    + r"\s+(?:at|on|in)\s+(?:the\s+)?"
    + _SITE_NAME
    + r"|\b"
    + _SITE_NAME
    + r",?\s+"
    + _SITE_UNIT
    + r"\b",
    IGNORE_CASE,
)
_SITE_UNIT_WORDS = frozenset(
    "caravan static van chalet cabin lot pitch plot unit berth mooring room flat trailer".split()
)
# A pub or bar named in lower case, then said to be one: "in the moon under water, the
# spoons by the station", "at the crooked billet, the pub on the green". The apposition is
# what says the words before it are a name.
VENUE_APPOSED = re.compile(
    r"\b(?:in|at|to|from|outside|near|meet\s+(?:me|us)\s+at)\s+"
    r"(the\s+(?:(?!(?:i|we|he|she|they|you|it|my|me|was|is|and\s+i)\b)[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*),\s+"
    r"(?:the|a|our|my)\s+(?:[a-z]+\s+)?(?:pub|spoons|wetherspoons|wetherspoon's|bar|inn|local|club|boozer)\b",
    IGNORE_CASE,
)
_VENUE_APPOSED_WORDS = frozenset("pub spoons wetherspoons bar inn local club boozer".split())
_VENUE_KINDS = _VENUE_APPOSED_WORDS | frozenset("one place same other".split())
# Parts of a house, people and things at hand: never the neighbour that places a home.
_NOT_LANDMARK = frozenset(
    """
    window windows door doors stairs staircase bed bathroom kitchen toilet loo lounge bedroom
    sofa couch wall walls lift fire tv telly fridge sink table desk front back side rest other
    others same way person guy girl man woman lady bloke kids kid one ones time day night
    """.split()
)
_PLAIN_DWELLINGS = frozenset(("one", "place"))


def _described_dwellings(text: str) -> List[Candidate]:
    out: List[Candidate] = []
    for m in DWELLING_DESCRIBED.finditer(text):
        near, feat = m.group("near"), m.group("feat")
        num = m.group("num")
        if not near and not (num and feat):
            continue
        if (
            num
            and not near
            and num.rstrip(", ").isdigit()
            and m.group("head").lower() in _PLAIN_DWELLINGS
        ):
            continue  # "5, the one with the most likes": a plain number needs its home named
        if m.group("head").lower() in _PLAIN_DWELLINGS and not (m.group("look") or feat):
            continue
        if near:
            landmarks = [lm.group(1).lower().split() for lm in _NEAR_LANDMARK.finditer(near)]
            if not landmarks or any(lm[-1] in _NOT_LANDMARK for lm in landmarks):
                continue
        start = m.start("num") if m.group("num") else m.start()
        if text[start : start + 1].isspace():
            start = m.start("look")
        out.append(Candidate(start, m.end(), Label.ADDRESS, Score.ADDRESS_DESCRIBED))
    return out


def _doors_from(text: str) -> List[Candidate]:
    return [
        Candidate(m.start(), m.end(), Label.ADDRESS, Score.ADDRESS_DESCRIBED)
        for m in DOORS_FROM.finditer(text)
        if m.group(1).lower().split()[-1] not in _NOT_LANDMARK
    ]


def _venues_apposed(text: str) -> List[Candidate]:
    out = []
    for m in VENUE_APPOSED.finditer(text):
        words = m.group(1).lower().split()[1:]
        if len(words) == 1 and (words[0] in _VENUE_KINDS or lexicon.is_common_word(words[0])):
            continue  # "in the pub, the one by ...": a kind, not a name
        out.append(Candidate(m.start(1), m.end(1), Label.LOCATION, Score.ADDRESS_DESCRIBED))
    return out


# A building described, then the named street or lane it is on, which has no "road" or
# "street" in it: "the old mill building on Canal Side", "the red barn off Mill Hollow".
_BUILDING = (
    r"(?:house|home|building|flat|cottage|barn|farm|farmhouse|bungalow|block|tower|mill|chapel|"
    r"maisonette|terrace|semi|caravan|lodge|one|place)"
)
_BUILDING_WORDS = frozenset(re.findall(r"[a-z]+", _BUILDING))
ON_NAMED_AFTER_BUILDING = re.compile(
    r"\b(?i:"
    + _BUILDING
    + r")\s+((?i:on|off|along))\s+((?:[Tt]he\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
)
_NOT_STREET_START = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday i instagram facebook tiktok snapchat "
    "youtube twitter netflix google christmas easter".split()
)
# A numbered part of a town: "Sector 15", "Phase 2 Extension", "we're in block 7".
AREA_NUMBERED = re.compile(
    r"\b((?i:sector|phase|zone|district|ward|colony|plot|precinct|township|arrondissement|section|"
    r"layout|nagar|stage|block|quarter|barrio|colonia|distrito))\s+\d{1,3}[A-Za-z]?\b"
)
_AREA_WORDS = frozenset(re.findall(r"[a-z]+", AREA_NUMBERED.pattern.split("\\s+")[0]))
# A numbered pitch or plot on a site, where someone can be found: "in the static at plot
# 23", "we're on pitch 14", "the boat's at berth 6", "chalet 9 at the holiday park".
PITCH = re.compile(
    r"(?:^\s*|[,;:(]\s*|\b(?:at|on|in|to|from|off)\s+(?:the\s+|our\s+|my\s+)?)"
    r"((?:plot|pitch|berth|mooring|static|caravan|chalet|cabin|ward|cubicle)\s+"
    r"(?:no\.?\s*|number\s+|#)?\d{1,4}[a-z]?)\b"
    r"(?!\s*(?:am|pm|mins?|minutes?|hours?|hrs?|years?|yrs?|%|times|people|points?|goals?)\b)",
    IGNORE_CASE,
)
_PITCH_WORDS = frozenset(
    "plot pitch berth mooring static caravan chalet cabin ward cubicle".split()
)
# A floor of a named building: "Level 4 of Wentworth Building", "3rd floor of Lister House".
FLOOR_OF = re.compile(
    r"\b(?:(?i:level|floor)\s+\d{1,3}|\d{1,2}(?i:st|nd|rd|th)\s+(?i:floor))\s+(?i:of|in|at)\s+"
    r"(?:[Tt]he\s+)?(?:[A-Z][\w'-]+\s+){1,3}(?:Building|House|Tower|Towers|Centre|Center|Court|Hall|Block|"
    r"Wing|Plaza|Mill|Works|Exchange|Chambers|Place|Point|Quay|Square)\b"
)
_FLOOR_WORDS = frozenset("level floor".split())
# also steps of a plan or an illness ("we're in phase 3", "stage 2"): a place only in capitals
_PHASE_WORDS = frozenset("phase stage section quarter layout plot".split())
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|to|at|from|live|lives|living|near|moved|stay|staying|of)\s+(?:the\s+)?$", IGNORE_CASE
)


# A town or district typed in lower case after "in"/"from"/"near", at the end of its
# clause, that English does not have as a word: "in ancoats", "from koramangala,
# bangalore", "near little haddon". A second such word after a comma is its town or state.
_TOWN_WORD = r"(?:(?:little|great|upper|lower|north|south|east|west|old|new|st|kings|long|much|high)\s+)?[a-z][a-z'-]{3,}"
TOWN_AFTER_PREP = re.compile(
    r"\b(?:in|from|near|outside|nr|around|round)\s+(" + _TOWN_WORD + r")"
    r"(?:(,\s+|\s+in\s+)(" + _TOWN_WORD + r"))?"
    r"(?=\s*(?:[,.!?;:)]|$|\s+(?:and|but|so|lol|now|tho|though|area|way|side|centre|center|too|x+)\b))",
)


_TOWN_PREPS = frozenset("in from near outside nr around round".split())


def _rare_place_word(phrase: str, places, names=frozenset()) -> bool:
    low = phrase.lower().split()[-1]
    if low in _STOP or low in lexicon.NEVER_BARE or low in _NOT_STREET_WORD:
        return False
    if low in names and low not in places:
        return False  # "a message from priya": a person
    if low in places and not lexicon.is_common_word(low):
        return True
    return (
        not lexicon.is_common_word(low)
        and lexicon.logprob(low) < -15.5
        and not lexicon.is_inflected(low)
        and "'" not in low
    )


class PlaceRecognizer:
    """Towns, cities, countries: after "i live in ___", multi-word and bare place names."""

    name = "places"

    def __init__(self, analysis):
        self.a = analysis

    def find(self, view) -> List[Candidate]:
        tv = view.tokens
        if tv is None or tv.n == 0:
            return []
        a, doc, n = self.a, tv.doc, tv.n
        out: List[Candidate] = []
        claimed = [False] * n

        def add(i: int, j: int, label, score) -> None:
            if j > i:
                s, e = tv.char_span(i, j)
                out.append(Candidate(s, e, label, int(score)))

        for s, e in tv.matches.get("LOCF", ()):
            a._loc_forward(doc, s, e, add, claimed, strong=doc[s].lower_ in _STRONG_LOC)
        for s, e in tv.matches.get("PLACE", ()):
            toks = doc[s:e]
            if any(t.text[:1].isupper() for t in toks) or any(
                not lexicon.is_wordlike(t.lower_) and t.lower_ not in _STOP
                for t in toks
                if t.is_alpha
            ):
                add(s, e, Label.LOCATION, Score.LOCATION_PHRASE)
                for k in range(s, e):
                    claimed[k] = True
        places = a.places
        for m in (
            TOWN_AFTER_PREP.finditer(view.folded) if not view.words.isdisjoint(_TOWN_PREPS) else ()
        ):
            if not _rare_place_word(m.group(1), places, a.names):
                continue
            end = m.end(1)
            if m.group(3) and _rare_place_word(m.group(3), places, a.names):
                end = m.end(3)
            out.append(Candidate(m.start(1), end, Label.LOCATION, int(Score.LOCATION_WEAK_CONTEXT)))
        for i, low in enumerate(tv.low):
            if claimed[i]:
                continue
            if low not in places:
                tok = tv.tl[i]
                if (
                    tok.text[:1].isupper()
                    and not chain_alone(doc, i)
                    and _prev_is_loc_prep(doc, i)
                    and a._unknown_proper(tok, tv.sent_start[i])
                ):
                    add(i, a._extend_surname(doc, i + 1), Label.LOCATION, Score.NAME_UNKNOWN_PROPER)
                continue
            if a._bare_place(tv.tl[i]):
                add(i, i + 1, Label.LOCATION, Score.LOCATION_BARE)
        return out


from bot.privacy.recognizers._tokens import NATIONAL_CHAINS, chain_alone  # noqa: E402
from bot.privacy.recognizers._tokens import STRONG_LOC_TRIGGER_WORDS as _STRONG_LOC  # noqa: E402
