"""Readers of what a message says to the bot, or about the person's life, rather than answering a
question: thanks, good news breaking in, hard news breaking in, and not understanding the question.

Why one module: the exercise forms (actions/exercise.py triage) and the goodbye reader
(actions/menu.py) each had their own reader of "thanks", and they disagreed ("ok thanks" and
"ty that helps" were thanks to one and not to the other). Every reader here sees the message as
`fold` leaves it (lower case, straight apostrophes). They are strict on purpose: a whole message
must be thanks, or confusion, to be read as one; hard news needs someone it happened to and what
happened ("my dog just died"), so an answer that merely names a hospital or a siren stays an
answer.
"""

from __future__ import annotations

import re
from typing import Optional

from bot.nlu.short_reply import fold

# Thanks and nothing else ("thank you", "ty that helps"), said to the bot, not answering it.
THANKS = re.compile(
    r"^((ok(ay)?|oh|aw+|honestly|really)[,.!]*\s+)*(thanks?|thank (you|u)|thx|ty|tysm|ta|cheers)"
    r"( (so|very) much| a lot| loads)?"
    r"([,.!]*\s*(that|this|it)('?s| is| was)?( really| so)? (helps?|helped|helping|nice|kind|lovely|"
    r"means a lot))?"
    r"( x+)?\W*$"
)

# Good news told as it happens: "omg i just got the job!!", "guess what, i passed". News with
# none of these ("i passed my exam last year") is an answer like any other.
NEWS_NOW = re.compile(
    r"^(omg|omfg|oh my (god|gosh|days)|guess what|btw|by the way|oh wow|wow|yay+|woo+|eek)\b|"
    r"\bi (just|literally just|finally just) (got|heard|found out|passed|won|landed|bagged)\b|"
    r"\bjust (found out|heard|got (a|an|the) (call|text|email|letter|offer))\b"
)

# Hard news about the person's life: someone (a person, a pet) and what happened to them, or
# what happened to the person themself. Things ("my phone died") are not news of this kind.
_THINGS = (
    r"phone|laptop|battery|charger|computer|pc|tv|wifi|internet|car|plant|plants|game|"
    r"headphones|airpods|tablet|ipad|console|xbox|playstation|fish tank"
)
_SOMEONE = rf"\b(my|our|his|her|their) (?!(?:{_THINGS})\b)(\w+ ){{0,2}}?"
_HAPPENED = (
    r"(just |has |have |had |has just |was |got |been )*"
    r"(died|passed( away| on)?|is dead|'s dead|killed|put down|put to sleep|run over|hit by (a|an) \w+|"
    r"(is|'s|s|was|went|been|got|rushed|taken) (in|into|to) (the )?(hospital|a&e|er|icu|intensive care)|"
    r"in (the )?(hospital|a&e|icu|intensive care)|"
    r"(had|has had|was in|got in|been in) (a|an) (\w+ )?(accident|crash|stroke|heart attack|seizure|fall)|"
    r"diagnosed|has cancer|got cancer|is dying|collapsed|"
    r"broke up with me|dumped me|left me|cheated on me|kicked me out)\b"
)
_I_HAPPENED = (
    r"\b(i|we)('ve| have)? (just |literally just |was |were |got |been |have been |'ve been )*"
    r"(fired|sacked|laid off|made redundant|dumped|evicted|kicked out|robbed|mugged|burgled|"
    r"in (a|an) (\w+ )?(accident|crash)|had (a|an) (\w+ )?(accident|crash|miscarriage)|"
    r"lost (my|our|the) (job|baby|home|house|mum|mom|dad|mother|father|brother|sister|son|"
    r"daughter|husband|wife|partner|grandma|grandad|granddad|grandpa|nan|best friend|friend|dog|cat)|"
    r"broke up|split up)\b"
)
HARD_NEWS = re.compile(
    rf"{_SOMEONE}{_HAPPENED}|{_I_HAPPENED}|\b(passed away|funeral)\b"
    r"|\b(mum|mom|dad|mother|father|grandma|granny|gran|grandad|granddad|grandpa|nan|nana|brother|"
    r"sister|husband|wife|boyfriend|girlfriend|partner|friend|son|daughter|uncle|aunt|auntie|cousin|"
    r"baby|dog|cat|pet) (just |has |had )*(died|passed)\b"
    r"|\b(he|she|they) (just )?(left me|dumped me|broke up with me|cheated on me|kicked me out)\b"
)

# Not understanding the question: "wait what", "huh?", "what do you mean", "i dont get it",
# "like what?". The whole message must be that; "what i see is a lamp" is an answer, and so is
# "confused" (a feeling is an answer to "what are you feeling?").
UNCLEAR = re.compile(
    r"^((wait|sorry|um+|hm+|erm|uh+|oh|ok(ay)?|lol|sry)[,.!?]*\s+)*"
    r"(what+|wut|wat|huh+|eh|pardon|come again|what do (you|u) mean( by that| exactly)?|wdym|"
    r"what does (that|this|it) mean|what('?s| is) that (supposed to )?mean|"
    r"i (don'?t|dont|do not|didn'?t|didnt) (get|understand|follow)( (it|this|that|the question|"
    r"what you mean))?|"
    r"what am i (supposed|meant) to (do|say|write)|what (should|do) i (say|write|do)( here)?|"
    r"like what|such as|how do i do (that|this|it))"
    r"([,.!?]*\s*(sorry|lol|tbh|exactly|here|again))*\W*$"
)


def is_thanks(text: Optional[str]) -> bool:
    """Thanks and nothing more ("thank you so much x", "ty that helps")."""
    return bool(THANKS.match(fold(text)))


def is_news_now(text: Optional[str]) -> bool:
    """Good news told as it breaks ("omg i just got the job!!")."""
    return bool(NEWS_NOW.search(fold(text)))


def is_hard_news(text: Optional[str]) -> bool:
    """Something hard that has happened to the person or someone of theirs ("my dog just died",
    "my mum is in hospital", "i just got fired")."""
    return bool(HARD_NEWS.search(fold(text)))


def is_unclear(text: Optional[str]) -> bool:
    """The person did not understand the question ("wait what", "huh", "what do you mean")."""
    return bool(UNCLEAR.match(fold(text)))
