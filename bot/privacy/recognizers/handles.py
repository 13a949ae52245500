"""Account handles: with an "@", or named by their platform rather than by an "@".

"@jess_xo", "@ jess_xo", "u/jess_xo", "u / jess_xo", "bob#1234", "my insta is jess_xo",
"insta: jess_xo", "add me on snap it's jess_xo", and the handle before its platform:
"jess_xo on insta", "i'm jess_xo on tiktok", "find me as jess_xo over on twitch".
A plain English word in a handle slot ("my insta is private") is kept.
"""

from __future__ import annotations

import re
from typing import List

from bot.privacy import lexicon
from bot.privacy.recognizers.base import Candidate, Label, Score

IGNORE_CASE = re.IGNORECASE

PLATFORMS = (
    r"(?:insta(?:gram)?|ig|the\s+gram|snap(?:chat)?|sc|tik\s?tok|tt|twitter|discord|telegram|tg|kik|reddit|twitch|"
    r"steam|psn|playstation|xbox(?:\s+live)?|xbl|nintendo|gamertag|gamer\s*tag|user\s?name|handle|youtube|yt|fb|"
    r"facebook|threads|bereal|roblox|minecraft|fortnite|spotify|pinterest|tumblr|linkedin|github|wattpad|ao3|"
    r"skype|signal|line|wechat|weibo|vsco|onlyfans|only\s+fans|mastodon|bluesky|bsky|epic|riot|valorant|"
    r"lol\s+account|soundcloud|deviantart|letterboxd|goodreads|tinder|hinge|bumble|grindr|omegle|viber|"
    r"battle\.?net|bnet|osu|chess\.com|lichess|duolingo|strava|pokemon\s+go|genshin)"
)
HANDLE_AT = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
HANDLE_AT_SPACED = re.compile(
    r"(?<![\w@.])@\s{1,2}([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\w@])"
)
DISCORD_TAG = re.compile(r"(?<![\w#])[\w.]{2,32}\s?#\s?\d{4}\b")
REDDIT_USER = re.compile(r"(?<![\w/])/?\s?u\s{0,2}/\s{0,2}[A-Za-z0-9_-]{3,20}\b")
_SLOT = r"@?\s?(?!" + PLATFORMS + r"\b)([A-Za-z0-9_][A-Za-z0-9_.-]{0,29})"
HANDLE_CONTEXT = re.compile(
    r"(?<![\w.])"
    + PLATFORMS
    + r"(?:'s|’s)?\b(?:\s+(?:name|account|acc|acct|handle|username|user|id|tag|is|was|it'?s|its|:|=|-|@|me|at|on|"
    r"just|literally|rn|now|still)(?:'s|’s)?|\s*\))*"
    r"\s*[:=-]?\s*" + _SLOT,
    IGNORE_CASE,
)
HANDLE_ADD_ME = re.compile(
    r"\b(?:add|follow|dm|message|msg|find|search|look)\s+(?:me\s+)?(?:up\s+)?(?:on|at)\s+"
    + PLATFORMS
    + r"\b\s*(?:it'?s|its|:|-|@|as|,|i'?m)?\s*"
    + _SLOT,
    IGNORE_CASE,
)
MY_AT = re.compile(
    r"\bmy\s+(?:@|at|user(?:name)?|handle|tag|acc(?:ount)?)\s*(?:is|'s|:|=|-)\s*" + _SLOT,
    IGNORE_CASE,
)
# The handle before its platform: "jess_xo on insta", "i'm jess_xo on tiktok".
SOCIAL = (
    r"(?:insta(?:gram)?|ig|the\s+gram|snap(?:chat)?|sc|tik\s?tok|tt|twitter|discord|telegram|kik|reddit|twitch|"
    r"psn|xbox(?:\s+live)?|xbl|youtube|yt|fb|facebook|bereal|roblox|pinterest|tumblr|linkedin|github|wattpad|ao3|"
    r"vsco|onlyfans|mastodon|bluesky|bsky|soundcloud|deviantart|tinder|hinge|bumble|grindr|spotify|steam)"
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
_LEAD_STRONG = re.compile(
    r"(?:\b(?:i'?m|im|i\s+am|as|it'?s|its|is|add|follow|search|find|called|user|username|handle|me|@)\s*[:=-]?\s*)$",
    IGNORE_CASE,
)

# Words a handle slot must not swallow ("my insta is private").
_HANDLE_STOP = frozenset(
    "is it its it's me my the a an on at and or but private public account deleted down gone blocked banned not "
    "no yes same new old there here dm dms too also so just only please pls name called username handle and "
    "anymore now lol haha if because cos bc cuz you your u he she they them we us i im i'm was were".split()
)


def _context_strong(text: str, pos: int) -> bool:
    before = text[max(0, pos - 12) : pos].lower()
    return any(k in before for k in ("@", ":", "name", "is ", "it's", "its ", "name's "))


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
                    out.append(Candidate(m.start(), m.end(1), Label.HANDLE, Score.HANDLE_AT))
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
            if "my" in words and ("@" in text or not words.isdisjoint(_MY_AT_WORDS))
            else ()
        )
        for rx in rxs:
            for m in rx.finditer(text):
                value = m.group(1)
                low = value.lower().rstrip(".-")
                if low in _HANDLE_STOP or len(low) < 2:
                    continue
                end = m.end(1)
                while end > m.start(1) and text[end - 1] in ".-":
                    end -= 1
                # a plain lower-case word ("my insta is broken") is not a handle unless it looks like one
                if value.isalpha() and value.islower() and not _context_strong(text, m.start(1)):
                    if lexicon.is_common_word(low):
                        continue
                out.append(Candidate(m.start(1), end, Label.HANDLE, Score.HANDLE_IN_CONTEXT))
        if platform:
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
        return out


_PLATFORM_ANY = re.compile(r"\b" + PLATFORMS + r"\b", IGNORE_CASE)


def _has_platform(low: str) -> bool:
    return _PLATFORM_ANY.search(low) is not None


# First words of every platform name, for a cheap gate before the big alternations.
_PLATFORM_WORDS = frozenset(
    "insta instagram ig gram snap snapchat sc tik tiktok tt twitter discord telegram tg kik reddit twitch steam psn "
    "playstation xbox xbl nintendo gamertag gamer user username handle youtube yt fb facebook threads bereal roblox "
    "minecraft fortnite spotify pinterest tumblr linkedin github wattpad ao skype signal line wechat weibo vsco "
    "onlyfans only mastodon bluesky bsky epic riot valorant lol soundcloud deviantart letterboxd goodreads tinder "
    "hinge bumble grindr omegle viber battle bnet osu chess lichess duolingo strava pokemon genshin".split()
)
_MY_AT_WORDS = frozenset("at user username handle tag acc account".split())
