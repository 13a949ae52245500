"""Account handles: with an "@", or named by their platform rather than by an "@".

"@jess_xo", "@ jess_xo", "u/jess_xo", "u / jess_xo", "bob#1234", "my insta is jess_xo",
"insta: jess_xo", "add me on snap it's jess_xo", and the handle before its platform:
"jess_xo on insta", "i'm jess_xo on tiktok", "find me as jess_xo over on twitch".
A plain English word in a handle slot ("my insta is private") is kept.
"""

from __future__ import annotations

import functools
import re
from typing import List

from bot.privacy import lexicon
from bot.privacy.recognizers.base import Candidate, Label, Score
from bot.privacy.recognizers.text import opens

IGNORE_CASE = re.IGNORECASE

PLATFORMS = (
    r"(?:insta(?:gram)?|[fsr]insta|ig|the\s+gram|snap(?:chat)?|sc|tik\s?tok|tt|twitter|x\s+account|discord|telegram|tg|kik|reddit|twitch|"
    r"steam|psn|ps[45]|ps(?=\s+(?:name|account|acc|id|username|tag))|playstation|xbox(?:\s+live)?|xbl|nintendo|gamertag|gamer\s*tag|user\s?name|handle|youtube|yt|fb|"
    r"facebook|threads|bereal|roblox|minecraft|fortnite|spotify|pinterest|tumblr|linkedin|github|wattpad|ao3|"
    r"skype|signal|line|wechat|weibo|vsco|onlyfans|only\s+fans|mastodon|bluesky|bsky|epic|riot|valorant|"
    r"lol\s+account|soundcloud|deviantart|letterboxd|goodreads|tinder|hinge|bumble|grindr|omegle|viber|"
    r"battle\.?net|bnet|osu|chess\.com|lichess|duolingo|strava|pokemon\s+go|genshin|whatsapp|league|"
    r"snap\s+score|bandcamp|patreon|ko-?fi|substack|medium|quora|vinted|depop|ebay|etsy)"
)
HANDLE_AT = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,28}[A-Za-z0-9_])?(?![\w@])")
HANDLE_AT_SPACED = re.compile(
    r"(?<![\w@.])@\s{1,2}([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])"
)
# The rest of a handle typed with spaces round its marks: "@ harlow . draws", "@ moth _ moss".
SPACED_MARKS = re.compile(r"(?: [._-] [A-Za-z0-9]{1,20})+(?![\w@])")
# The "@" said in words when the key will not type it: "at sign bluebell underscore bex",
# "the at symbol then kaz dot draws".
AT_SAID = re.compile(
    r"\b(?i:at[\s-]?(?:sign|symbol)|the\s+at\s+(?:sign|symbol))\s+(?:(?i:then|and\s+then|is)\s+)?"
    r"([A-Za-z0-9][A-Za-z0-9_.]{0,29})(?![\w@])"
)
DISCORD_TAG = re.compile(r"(?<![\w#])[\w.]{2,32}\s?#\s?\d{4}\b")
REDDIT_USER = re.compile(r"(?<![\w/])/?\s?u\s{0,2}/\s{0,2}[A-Za-z0-9_-]{3,20}\b")
_SLOT = (
    r"@?\s?(?!"
    + PLATFORMS
    + r"\b)([A-Za-z0-9_][A-Za-z0-9_.-]{0,29}(?:\s[._]\s[A-Za-z0-9_][A-Za-z0-9_.-]{0,20})*)"
)
HANDLE_CONTEXT = re.compile(
    r"(?<![\w.])"
    + PLATFORMS
    + r"(?:'s|’s)?\b(?:\s+(?:name|account|acc|acct|handle|username|user|id|tag|url|link|page|profile|channel|is|was|it'?s|its|:|=|-|@|me|at|on|"
    r"just|literally|rn|now|still|under|as|called|named)(?!(?<=\w)\w)(?:'s|’s)?|\s*\))*"
    r"\s*[:=-]?\s*" + _SLOT,
    IGNORE_CASE,
)
HANDLE_ADD_ME = re.compile(
    r"\b(?:add|follow|dm|message|msg|find|search|look)\s+(?:me\s+)?(?:up\s+)?(?:on|at)\s+"
    + PLATFORMS
    + r"\b\s*(?:(?:it'?s|its|:|-|@|as|,|i'?m|just|literally|under|called)\s*){0,4}"
    + _SLOT,
    IGNORE_CASE,
)
MY_AT = re.compile(
    r"\b(?:my|his|her|their|your|ur|the)\s+(?:(?:spam|main|new|old|private|second|other|fake|alt|backup|secret)\s+)?"
    r"(?:@|at|user(?:\s?name)?|handle|tag|acc(?:ount)?|(?:screen\s?|display\s)?name\s+on\s+(?:there|it|that|the\s+app))"
    r"\s*(?:,?\s*which\s+)?(?:is|'s|was|:|=|-)\s*" + _SLOT,
    IGNORE_CASE,
)
# Where a platform is named, a word that has a handle's marks anywhere in the message:
# "the snap that sent it was bigmikey.69", "bereal? marcoo.b", "Kr4ken", "tom-richardson-4b2a".
HANDLE_SHAPED = re.compile(
    r"(?<![\w@./#-])(?:"
    r"[A-Za-z0-9]*_[\w.-]*[A-Za-z0-9_]"  # an underscore
    r"|[A-Za-z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)+"  # dots or dashes inside
    r"|(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{4,30}"  # letters and digits together
    r"|[a-z]+[A-Z][A-Za-z]*[a-z][A-Za-z0-9]*|[A-Z][a-z]+[A-Z][A-Za-z0-9]*"  # camelCase, PascalCase
    r")(?![\w@/])"
)
# One name on every platform: "im frogtownlad on most things", "she's jxd on everything".
HANDLE_SAME_EVERYWHERE = re.compile(
    r"\b(?:i'?m|im|i\s+am|he'?s|hes|she'?s|shes|they'?re|theyre)\s+@?([\w.]{2,30})\s+on\s+"
    r"(?:most|all|every|everything|everywhere|both|socials|all\s+the\s+apps)\b",
    IGNORE_CASE,
)
# A name introduced on a platform: "on insta im not.ur.girl.mia", "someone called anon__4u",
# "his gamertag is xX DeadShot Xx" (a tag may have spaces and decorations).
HANDLE_INTRODUCED = re.compile(
    r"\b(?:on\s+(?:there|it|that\s+app|"
    + PLATFORMS
    + r")\s+(?:i'?m|im|i\s+am|he'?s|hes|she'?s|shes|they'?re|theyre|it'?s|its|is|was|as)|called|named|goes\s+by|go\s+by|known\s+as|"
    r"username\s+(?:is|was)|(?:gamer\s?tag|tag|psn|xbox|steam(?:\s+name)?|ign)\s+(?:is|was|:|-)|"
    r"(?:summoner|in[\s-]?game|ingame|player|display|screen|online|gaming|riot|epic|account|channel)\s+"
    r"(?:name|id|tag)\s*(?:is|was|:|-)|"
    r"(?:stream|streams|streaming|post|posts|posting|play|plays|playing|upload|uploads|go|goes)\s+"
    r"(?:on\s+[\w.]+\s+)?(?:as|under))\s+"
    r"((?:(?:xX|Xx|xx|XX|x|X|iTz|Itz|its)\s)?[A-Za-z0-9_][\w.-]{1,29}(?:\s(?:[A-Z][\w]*|\d+|xX|Xx|x|X)){0,2}(?:\s(?:xX|Xx|x|X))?)",
    IGNORE_CASE,
)
HANDLE_INTRODUCED = opens(HANDLE_INTRODUCED)  # the same matches, tried only where one can open
# The handle before its platform: "jess_xo on insta", "i'm jess_xo on tiktok".
SOCIAL = (
    r"(?:insta(?:gram)?|ig|the\s+gram|snap(?:chat)?|sc|tik\s?tok|tt|twitter|discord|telegram|kik|reddit|twitch|"
    r"psn|xbox(?:\s+live)?|xbl|youtube|yt|fb|facebook|bereal|roblox|pinterest|tumblr|linkedin|github|wattpad|ao3|"
    r"vsco|onlyfans|mastodon|bluesky|bsky|soundcloud|deviantart|tinder|hinge|bumble|grindr|spotify|steam|"
    r"whatsapp|telegram|signal|league|bandcamp|patreon|substack|depop|vinted|ebay|etsy)"
)
HANDLE_BEFORE_PLATFORM = re.compile(
    r"(?<![\w@.])([A-Za-z0-9_][A-Za-z0-9_.-]{1,29})\s*(?:\(|,|-)?\s*(?:on|@|at|over\s+on|in|via|from|\()\s*"
    + SOCIAL
    + r"\b",
    IGNORE_CASE,
)
# "bluefox is my insta", "bluefox_22's my snap"
HANDLE_IS_MY = re.compile(
    r"(?<![\w@.])@?([A-Za-z0-9_][A-Za-z0-9_.-]{1,29})\s+(?:is|'s|was)\s+(?:my|his|her|their)\s+(?:new\s+|old\s+|main\s+|spam\s+|private\s+)?"
    + SOCIAL
    + r"\b",
    IGNORE_CASE,
)
# A name of several words on one platform: "i'm the real kev on twitter", "she's lil miss chaos on tiktok".
HANDLE_PHRASE_ON = re.compile(
    r"\b(?:i'?m|im|i\s+am|he'?s|hes|she'?s|shes|they'?re|theyre|as|called|under)\s+"
    r"((?:the\s+)?[A-Za-z0-9_]+(?:\s+[A-Za-z0-9_]+){1,3})\s+(?:on|over\s+on)\s+" + SOCIAL + r"\b",
    IGNORE_CASE,
)
# A game or platform name in capitalised words after its slot: "fortnite name is Soggy Waffle 77",
# "league ign Jinx Main Forever", "my gamertag: Dark Knight 2".
HANDLE_TITLED = re.compile(
    r"\b(?i:ign|name|tag|gamertag|gamer\s?tag|username|user\s?name|handle|id|psn|xbox|steam|account)"
    r"\s*(?i:is|was|[:=-])?\s+((?:[A-Z][\w]*|\d+)(?:\s+(?:[A-Z][\w]*|\d+)){1,3})"
)
# A handle read out with its marks in words: "ben dot c dot 23", "kezza underscore 87".
SPOKEN_MARKS = re.compile(
    r"(?:\s+(?i:dot|underscore|under\s+score|dash|hyphen|period|full\s+stop)\s+[A-Za-z0-9]{1,20})+(?:\s+\d{1,4}\b)?"
)
# A handle spelled out a letter at a time after its slot: "my ig is j e s s b x o".
SPELLED_AFTER_SLOT = re.compile(
    r"\b(?:is|was|its|it's|:|im|i'm)\s+((?:[A-Za-z0-9_.]\s){3,}[A-Za-z0-9_.])(?![\w])", IGNORE_CASE
)
_LEAD_STRONG = re.compile(
    r"(?:\b(?:i'?m|im|i\s+am|as|it'?s|its|is|add|follow|search|find|called|user|username|handle|me|@)\s*[:=-]?\s*)$",
    IGNORE_CASE,
)

# Words a handle slot must not swallow ("my insta is private").
_HANDLE_STOP = frozenset(
    "hmu dm msg pm text add hit ping is it its it's me my the a an on at and or but private public account deleted down gone blocked banned not "
    "no yes same new old there here dm dms too also so just only please pls name called username handle and "
    "anymore now lol haha if because cos bc cuz you your u he she they them we us i im i'm was were".split()
)


_CLAUSE = re.compile(r"[^,.!?;:\n()]*")
_NOT_TAIL = frozenset(
    "and but so if when because cos coz then give listen check follow add see look it its that this lol "
    "haha pls please thanks x xx tbh idk ngl lmao fr rn btw imo omg plz thx ty tho though too aswell "
    "innit mate hun babe now today anymore again here there".split()
)


def _clause_tail(text: str, end: int) -> int:
    """A name with spaces given as the whole clause ("my soundcloud is dj stormy k, give it a
    listen"): up to two more short words before a comma, full stop or the end are part of it."""
    rest = _CLAUSE.match(text, end)
    words = rest.group(0).split()
    if not words or len(words) > 2 or rest.end() == end:
        return end
    if any(
        len(w) > 14 or w.lower() in _HANDLE_STOP or w.lower() in _NOT_TAIL or w.lower() in _CRISIS
        for w in words
    ):
        return end
    return end + len(rest.group(0).rstrip())


_SPACED_PART = re.compile(r" ([._-]) ([A-Za-z0-9]{1,20})")


def _spaced_end(raw: str, more, end: int) -> int:
    """Where a handle typed with spaced marks ends: its parts up to one that is a pause in the
    sentence, a long dash in the raw text or an ordinary small word ("@ marnie_mxx — she
    used to", "@ kaz_b - he blocked me"), not a mark of the handle ("@ harlow . draws")."""
    if more is None:
        return end
    for part in _SPACED_PART.finditer(more.group(0)):
        if raw[more.start() + part.start(1)] in "—–" or part.group(2).lower() in _HANDLE_STOP:
            break
        end = more.start() + part.end()
    return end


def _context_strong(text: str, pos: int, loose: bool = True) -> bool:
    """The slot is announced ("is", ":", "@"); ``loose`` also takes a bare "name" before it
    ("username kezza"), which a plain word after it ("new username system") does not pass."""
    before = text[max(0, pos - 12) : pos].lower()
    keys = ("@", ":", "name", "is ", "it's", "its ", "name's ") if loose else _STRICT_KEYS
    return any(k in before for k in keys)


_STRICT_KEYS = ("@", ":", "is ", "it's", "its ", "name's ", "=")


def _looks_like_handle(value: str) -> bool:
    """Has a handle's marks (digits, underscores, dots) or is no English word."""
    core = value.rstrip(".")
    if any(c.isdigit() or c in "_." for c in core):
        return True
    low = core.lower()
    return not lexicon.is_common_word(low) and lexicon.logprob(low) < -11.0


class HandleRecognizer:
    name = "handles"

    def find(self, view) -> List[Candidate]:
        text = view.folded
        out: List[Candidate] = []
        if "@" in text:
            for m in HANDLE_AT.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.HANDLE, Score.HANDLE_AT))
            for m in HANDLE_AT_SPACED.finditer(text):
                value = m.group(1)
                if value.lower() not in _HANDLE_STOP and (
                    _looks_like_handle(value) or _has_platform(view.lower)
                ):
                    end = _spaced_end(view.text, SPACED_MARKS.match(text, m.end(1)), m.end(1))
                    out.append(Candidate(m.start(), end, Label.HANDLE, Score.HANDLE_AT))
        if "sign" in view.words or "symbol" in view.words:
            for m in AT_SAID.finditer(text):
                if m.group(1).lower() in _HANDLE_STOP:
                    continue
                end = m.end(1)
                more = SPOKEN_MARKS.match(text, end) or SPACED_MARKS.match(text, end)
                if more is None and not _looks_like_handle(m.group(1)):
                    continue  # "the at sign key is broken"
                out.append(
                    Candidate(m.start(), more.end() if more else end, Label.HANDLE, Score.HANDLE_AT)
                )
        if "#" in text:
            for m in DISCORD_TAG.finditer(text):
                out.append(Candidate(m.start(), m.end(), Label.HANDLE, Score.HANDLE_TAGGED))
        if "/" in text:
            for m in REDDIT_USER.finditer(text):
                s = m.start()
                while text[s] in " /":
                    s += 1
                out.append(Candidate(s, m.end(), Label.HANDLE, Score.HANDLE_TAGGED))
        words = view.words
        platform = not words.isdisjoint(_PLATFORM_WORDS) and _has_platform(view.lower)
        rxs = (
            (HANDLE_CONTEXT, HANDLE_ADD_ME, MY_AT)
            if platform
            else (MY_AT,)
            if not words.isdisjoint(_OWNERS) and ("@" in text or not words.isdisjoint(_MY_AT_WORDS))
            else ()
        )
        for rx in rxs:
            for m in rx.finditer(text):
                value = m.group(1)
                low = value.lower().rstrip(".-")
                if low in _HANDLE_STOP or len(low) < 2 or _ORDINARY.fullmatch(low):
                    continue
                end = m.end(1)
                while end > m.start(1) and text[end - 1] in ".-":
                    end -= 1
                # a plain lower-case word ("my insta is broken") is not a handle unless it looks like one
                strong = _context_strong(text, m.start(1))
                if (
                    value.isalpha()
                    and value.islower()
                    and not _context_strong(text, m.start(1), False)
                ):
                    if lexicon.is_common_word(low):
                        continue
                if strong and text[m.start(1) - 1 : m.start(1)] != "@":
                    end = _clause_tail(text, end)  # an @handle has no spaces
                out.append(Candidate(m.start(1), end, Label.HANDLE, Score.HANDLE_IN_CONTEXT))
        if platform or "@" in text or not words.isdisjoint(_HANDLE_CUE_WORDS):
            for m in HANDLE_SHAPED.finditer(text):
                value = m.group(0).rstrip(".-")
                if _ordinary_token(value) or _PLATFORM_ANY.fullmatch(value):
                    continue  # "i deleted TikTok": the app, not an account on it
                out.append(
                    Candidate(m.start(), m.start() + len(value), Label.HANDLE, Score.HANDLE_SHAPED)
                )
            for m in HANDLE_SAME_EVERYWHERE.finditer(text):
                if _looks_like_handle(m.group(1)) and m.group(1).lower() not in _HANDLE_STOP:
                    out.append(
                        Candidate(m.start(1), m.end(1), Label.HANDLE, Score.HANDLE_IN_CONTEXT)
                    )
            for m in HANDLE_INTRODUCED.finditer(text):
                value = _trim_tag(m.group(1))
                low = value.lower()
                if not value or low in _HANDLE_STOP or len(low) < 2:
                    continue
                if " " not in value and not _looks_like_handle(value):
                    continue
                out.append(
                    Candidate(
                        m.start(1), m.start(1) + len(value), Label.HANDLE, Score.HANDLE_IN_CONTEXT
                    )
                )
        if platform or "ign" in words or "gamertag" in words:
            for m in HANDLE_TITLED.finditer(text):
                value = m.group(1)
                parts = value.split()
                if any(p.lower() in _HANDLE_STOP for p in parts[1:]) or all(
                    p.isdigit() for p in parts
                ):
                    continue
                out.append(Candidate(m.start(1), m.end(1), Label.HANDLE, Score.HANDLE_IN_CONTEXT))
        if platform:
            for m in SPELLED_AFTER_SLOT.finditer(text):
                out.append(Candidate(m.start(1), m.end(1), Label.HANDLE, Score.HANDLE_IN_CONTEXT))
            for m in HANDLE_PHRASE_ON.finditer(text):
                parts = m.group(1).lower().split()
                if parts[0] == "the":
                    parts = parts[1:]
                if any(p in _HANDLE_STOP or p in _CRISIS for p in parts):
                    continue
                if any(_looks_like_handle(p) for p in parts):
                    out.append(
                        Candidate(m.start(1), m.end(1), Label.HANDLE, Score.HANDLE_IN_CONTEXT)
                    )
            for m in HANDLE_TRAILING.finditer(text):
                value = m.group(1)
                low = value.lower().rstrip(".")
                if (
                    low not in _HANDLE_STOP
                    and not _PLATFORM_ANY.fullmatch(low)
                    and not lexicon.is_common_word(low)
                    and lexicon.logprob(low) < -14.0
                    and low not in _CRISIS
                ):
                    out.append(
                        Candidate(
                            m.start(1),
                            m.start(1) + len(value.rstrip(".")),
                            Label.HANDLE,
                            Score.HANDLE_IN_CONTEXT,
                        )
                    )
            for m in HANDLE_IS_MY.finditer(text):
                low = m.group(1).lower()
                if low not in _HANDLE_STOP and not lexicon.is_common_word(low.rstrip(".-")):
                    out.append(
                        Candidate(m.start(1), m.end(1), Label.HANDLE, Score.HANDLE_IN_CONTEXT)
                    )
            for m in HANDLE_BEFORE_PLATFORM.finditer(text):
                value = m.group(1)
                low = value.lower().rstrip(".-")
                if low in _HANDLE_STOP or len(low) < 2 or _PLATFORM_ANY.fullmatch(low):
                    continue
                lead = _LEAD_STRONG.search(text, max(0, m.start(1) - 16), m.start(1)) is not None
                marked = any(c.isdigit() or c in "_." for c in value)
                opening = not text[: m.start(1)].strip()
                if marked or ((lead or opening) and _looks_like_handle(value)):
                    end = m.end(1)
                    while end > m.start(1) and text[end - 1] in ".-":
                        end -= 1
                    out.append(Candidate(m.start(1), end, Label.HANDLE, Score.HANDLE_IN_CONTEXT))
        if platform:
            out.extend(_platform_anchored(text, view.lower, words))
        if out and not words.isdisjoint(_SPOKEN_MARK_WORDS):
            # "username ben dot c dot 23": the rest of a handle read out in words
            for k, c in enumerate(out):
                m = SPOKEN_MARKS.match(text, c.end)
                if m is not None:
                    out[k] = Candidate(c.start, m.end(), c.label, c.score)
        return out


# Where a platform is named, what a handle looks like even with no slot word before it:
# - words joined by dots or hyphens after a naming word ("their name there was velvet.static",
#   "tumblr's lowercase moth-in-june"): without one, "school.then" is a missed space;
# - a word run together that no word list knows, near the platform ("except pinterest where
#   shes still marigoldmae", "my youtube is my name backwards, anelehmk"); laughter and
#   letters stretched out ("lmaooo", "yesss") and known names and places keep;
# - words joined by a mark said aloud ("kai underscore draws on insta");
# - a profile's path ("/in/gareth-pryce-hr", "u/..." is REDDIT_USER's).
_JOINED_WORDS = re.compile(r"(?<![\w@./#-])([A-Za-z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)+)(?![\w@/-])")
_NAMING_LEAD = re.compile(
    r"\b(?:is|was|as|called|named|still|lowercase|lower\s+case|it'?s|its|im|i'?m|name|handle|tag|"
    r"username|page|account|acc|channel|profile|(?:go|goes|went|going)\s+by)\s*[:=-]?\s*$|[:=]\s*$",
    IGNORE_CASE,
)
_NAMING_LEAD = opens(_NAMING_LEAD)  # the same matches, tried only where one can open
_UNKNOWN_RUN = re.compile(r"(?<![\w@./#-])([a-z][a-z0-9]{5,29})(?![\w@/-])", IGNORE_CASE)
_STRETCHED = re.compile(r"(.)\1\1")
_SPOKEN_JOINED = re.compile(
    r"(?<![\w.])([A-Za-z0-9]{2,20}(?:\s+(?i:underscore|under\s+score|dot|dash|hyphen)\s+[A-Za-z0-9]{1,20})+)\b"
)
_PROFILE_PATH = re.compile(r"(?<![\w/])/?(?:in|user|channel|c|pub|profile)/[A-Za-z0-9][\w.-]{2,60}")
_PLATFORM_REACH = 60


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@functools.lru_cache(maxsize=4096)
def _typo_of_a_word(low: str) -> bool:
    """One letter off a common word ("honesly", "becuase"), or a contraction with its
    apostrophe left out ("doesnt", "youve"): a slip, not a name someone chose."""
    for tail in ("nt", "ve", "ll", "re", "d"):
        if low.endswith(tail) and lexicon.logprob(low[: -len(tail)]) > -11.0:
            return True
    for tail in ("ed", "d", "ing", "s", "es", "er", "ers"):  # "facetimed": a known word inflected
        if low.endswith(tail) and lexicon.logprob(low[: -len(tail)]) > -17.5:
            return True

    probs = lexicon.word_probs()

    def known(w: str) -> bool:
        return probs.get(w, -20.0) > -12.5

    for i in range(len(low) + 1):
        if i < len(low) and known(low[:i] + low[i + 1 :]):
            return True
        if i + 1 < len(low) and known(low[:i] + low[i + 1] + low[i] + low[i + 2 :]):
            return True
        for c in _LETTERS:
            if known(low[:i] + c + low[i:]) or (i < len(low) and known(low[:i] + c + low[i + 1 :])):
                return True
    return False


def _platform_anchored(text: str, low: str, words) -> List[Candidate]:
    out: List[Candidate] = []
    if "." in text or "-" in text:
        for m in _JOINED_WORDS.finditer(text):
            value = m.group(1)
            if _ORDINARY.fullmatch(value) or _PLATFORM_ANY.fullmatch(value):
                continue
            if _NAMING_LEAD.search(text, max(0, m.start() - 16), m.start()) is None:
                continue
            parts = [p for p in re.split(r"[.-]", value.lower()) if p]
            if len(parts) > 1 and not any(p in _CRISIS for p in parts):
                out.append(Candidate(m.start(1), m.end(1), Label.HANDLE, Score.HANDLE_IN_CONTEXT))
    spots = [m.start() for m in _PLATFORM_ANY.finditer(low)]
    for m in _UNKNOWN_RUN.finditer(text):
        value = m.group(1)
        lowv = value.lower()
        if not any(abs(m.start() - p) <= _PLATFORM_REACH for p in spots):
            continue
        if (
            lexicon.logprob(lowv) > -17.5
            or lexicon.logprob(value) > -17.5
            or _STRETCHED.search(lowv)
            or _ORDINARY.fullmatch(lowv)
            or lowv in lexicon.names()
            or lowv in lexicon.places()
            or lowv in _HANDLE_STOP
            or lexicon.is_inflected(lowv)
            or _PLATFORM_ANY.fullmatch(lowv)
            or _typo_of_a_word(lowv)
        ):
            continue
        out.append(Candidate(m.start(1), m.end(1), Label.HANDLE, Score.HANDLE_SHAPED))
    if not words.isdisjoint(_SPOKEN_MARK_WORDS):
        for m in _SPOKEN_JOINED.finditer(text):
            first = m.group(1).split()[0].lower()
            if first in _HANDLE_STOP or first in _CRISIS:
                continue
            out.append(Candidate(m.start(1), m.end(1), Label.HANDLE, Score.HANDLE_IN_CONTEXT))
    if "/" in text:
        for m in _PROFILE_PATH.finditer(text):
            out.append(Candidate(m.start(), m.end(), Label.HANDLE, Score.HANDLE_TAGGED))
    return out


_SPOKEN_MARK_WORDS = frozenset("dot underscore under dash hyphen period full".split())
# With a platform named, a name run together that closes the message after a comma or
# "mines": "art goes on tumblr, fernandlantern", "pinterest is where i save stuff, mines
# cottagecoremae" (an English word there, "on insta, obviously", stays).
HANDLE_TRAILING = re.compile(
    r"(?:,|\bmines|\bmine'?s|\bits|\bit'?s)\s+([A-Za-z][A-Za-z0-9_.]{5,30})\s*(?:[.!?)]+\s*)?$",
    IGNORE_CASE,
)
HANDLE_TRAILING = opens(HANDLE_TRAILING)  # the same matches, tried only where one can open


_CRISIS = lexicon.crisis_words()
_PLATFORM_ANY = re.compile(r"\b" + PLATFORMS + r"\b", IGNORE_CASE)
_PLATFORM_ANY = opens(_PLATFORM_ANY)  # the same matches, tried only where one can open


def _has_platform(low: str) -> bool:
    return _PLATFORM_ANY.search(low) is not None


# First words of every platform name, for a cheap gate before the big alternations.
_PLATFORM_WORDS = frozenset(
    "insta finsta sinsta rinsta instagram ig gram ps ps4 ps5 snap snapchat sc tik tiktok tt twitter discord telegram tg kik reddit twitch steam psn "
    "playstation xbox xbl nintendo gamertag gamer user username handle youtube yt fb facebook threads bereal roblox "
    "minecraft fortnite spotify pinterest tumblr linkedin github wattpad ao skype signal line wechat weibo vsco "
    "onlyfans only mastodon bluesky bsky epic riot valorant lol soundcloud deviantart letterboxd goodreads tinder "
    "hinge bumble grindr omegle viber battle bnet osu chess lichess duolingo strava pokemon genshin whatsapp league "
    "bandcamp patreon ko kofi substack medium quora vinted depop ebay etsy".split()
)
_OWNERS = frozenset("my his her their your ur the".split())
_MY_AT_WORDS = frozenset("at user username handle tag acc account there".split())


# Words that announce a handle without naming a platform.
_HANDLE_CUE_WORDS = frozenset(
    "username usernames handle handles gamertag gamer tag ign acc account accounts profile dm dms dmed followers "
    "follow followed add server summoner ign ingame game stream streams streaming channel player gamer "
    # the places handles live, named without a platform: "on most sites", "in the group chat"
    "site sites app apps online group groups chat chats servers forum forums platforms whatsapp".split()
)
# Letters and digits that are ordinary words or numbers: "3am", "2nd", "y11", "ps5", "mp3",
# "covid-19", "24/7", "self-harm", "e.g.", "x-ray".
_ORDINARY = re.compile(
    r"\d+(?:st|nd|rd|th|am|pm|s|k|g|gb|mb|kg|km|mg|ml|hrs?|mins?|yo|yrs?|x)|[a-z]{1,3}\d{1,2}|\d{1,2}[a-z]{1,2}"
    r"|[a-z]+-\d{1,2}|(?:[a-z]\.){1,3}[a-z]?"
    # laughter and chat slang stretched out: "lmaooo", "lolll", "hahahah", "omggg", "xoxo", "bruhhh"
    r"|l+m+f*a+o+|l+o+l+|a?(?:h+a+)+h*|(?:h+e+)+h*|o+m+f*g+|(?:x+o+)+x*|r+o+f+l+|b+r+u+h+|x+d+|w+t+f+|k+e+k+",
    IGNORE_CASE,
)


def _ordinary_token(value: str) -> bool:
    """A word or number that only looks like a handle: "self-harm", "3am", "school.then"."""
    if _ORDINARY.fullmatch(value):
        return True
    if "_" in value or any(c.isdigit() for c in value):
        return False
    parts = [p for p in re.split(r"[.-]", value.lower()) if p]
    if value.count(".") >= 2 and len(parts) >= 3 and not value.endswith("."):
        return False  # "ash.shoots.film": words joined by dots are a name on some app
    if len(parts) > 1:
        # hyphenated or dotted words ("self-harm", "well-being", "school.then") are words
        return all(lexicon.is_common_word(p) or lexicon.logprob(p) > -14.0 for p in parts)
    # camelCase: "iPhone", "McDonald", "YouTube" are words or names, "DeadShot" a tag
    return (
        lexicon.logprob(value) > -16.0
        or lexicon.logprob(value.lower()) > -13.0
        or value[:2] in ("Mc", "Ma")
    )


_TAG_DECOR = frozenset("xx x its itz".split())
# Decorations that close a tag ("xX DeadShot Xx"); "its"/"itz" only open one ("iTz Blaze"),
# so "not.ur.girl.mia its private" ends at the handle.
_TAG_END_DECOR = frozenset("xx x".split())


# Where a spaced tag stops: "grimreaper_0909 on Instagram" is the name, then where it is.
_TAG_CUT = frozenset("on in at via from over".split())


def _trim_tag(value: str) -> str:
    """Drop trailing ordinary words a spaced tag slot swallowed ("Kr4ken and")."""
    words = value.split(" ")
    for k in range(1, len(words)):
        if (
            words[k].lower() in _TAG_CUT
            or _PLATFORM_ANY.fullmatch(words[k])
            # a full stop ends the sentence, and the tag: "I'm streamfox_gg. Nobody watches"
            or words[k - 1].endswith(".")
        ):
            words = words[:k]
            break
    while (
        len(words) > 1
        and words[-1].lower() not in _TAG_END_DECOR
        and not (words[-1][:1].isupper() or any(c.isdigit() for c in words[-1]))
    ):
        words.pop()
    if len(words) > 1 and all(
        w.lower() in _TAG_DECOR or (w.islower() and lexicon.is_common_word(w)) for w in words
    ):
        return ""
    return " ".join(words).rstrip(".-")
