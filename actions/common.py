"""Small text helpers shared by every exercise: clean and bound free text, parse 0-10 answers,
reflect a person's words back safely, and pick a reply variation that never repeats the
previous bot message."""

from __future__ import annotations

import json
import math
import random
import re
import unicodedata
from typing import Any, Dict, Iterable, List, Optional, Sequence

# Longest answer we keep in a slot; longer messages are trimmed (with a kind note).
MAX_ANSWER_CHARS = 1000
# Longest stretch of a person's own words that we ever echo back.
MAX_QUOTE_CHARS = 120
MAX_ECHO_CHARS = 200

_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")

NUMBER_WORDS = {
    "zero": 0,
    "nil": 0,
    "none": 0,
    "nothing": 0,
    "nought": 0,
    "naught": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "won": 1,
    "too": 2,
    "for": 4,
    "ate": 8,  # only used when they are the whole answer
}
_HOMOPHONES = {"won", "too", "for", "ate"}
_ZERO_PHRASES = ("not at all", "not even a little", "no longer", "don't at all", "dont at all")
_TEN_PHRASES = (
    "completely",
    "totally",
    "absolutely",
    "fully",
    "100%",
    "a hundred percent",
    "hundred percent",
    "with all my heart",
    "entirely",
)


def clean_text(text: Optional[str]) -> str:
    """Collapse whitespace and drop control/bidi characters; never raises."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text))
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text).strip()


def is_meaningful(text: Optional[str]) -> bool:
    """True when the text holds a letter, digit or emoji (not only spaces or punctuation)."""
    for ch in clean_text(text):
        cat = unicodedata.category(ch)
        if ch.isalnum() or cat in ("So", "Sk") or cat.startswith("L") or cat.startswith("N"):
            return True
    return False


def is_payload(text: Optional[str]) -> bool:
    """Button payloads such as '/affirm' carry no words of the person's own."""
    return bool(text) and str(text).lstrip().startswith("/")


def bound(text: str, limit: int = MAX_ANSWER_CHARS) -> tuple[str, bool]:
    """Trim text to `limit` characters on a word boundary; returns (text, was_trimmed)."""
    text = clean_text(text)
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…", True


def quote(text: Optional[str], limit: int = MAX_QUOTE_CHARS) -> str:
    """A short, safe excerpt of someone's words for reflecting back (never more than `limit`)."""
    limit = min(limit, MAX_ECHO_CHARS)
    text = clean_text(text)
    if is_payload(text):
        return ""
    text = text.strip(" \"'“”‘’`")
    text = text.replace('"', "'")
    if len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        if space > limit * 0.5:
            cut = cut[:space]
        text = cut.rstrip(" ,;:-.") + "…"
    else:
        text = text.rstrip(" ,;:")
        if text.endswith(".") and not text.endswith(".."):
            text = text[:-1]
    return text


# What a listener would not say back word for word: a phone number, an address, a handle or a
# link the person typed (they are in the message, and reading them back adds nothing).
_DETAIL = re.compile(r"\d[\d\s().-]{4,}\d|@|https?:|www\.|\.(com|co|org|net)\b", re.IGNORECASE)
# Longer than this, a quote reads as the bot repeating the message rather than listening.
MAX_ECHO_WORDS = 14


def echo(text: Optional[str], limit: int = MAX_QUOTE_CHARS) -> str:
    """The person's words to reflect back whole, or "" when a plain reflection reads better:
    fewer than three words, more than MAX_ECHO_WORDS (or cut by ``limit``), or holding a
    detail (a number, an address, a link)."""
    q = quote(text, limit)
    if not q or q.endswith("\u2026") or _DETAIL.search(q):
        return ""
    return q if 3 <= len(q.split()) <= MAX_ECHO_WORDS else ""


def _round(value: float) -> int:
    """Half up, as people expect (6.5 -> 7), not Python's banker's rounding."""
    return int(math.floor(value + 0.5))


def parse_scale(text: Optional[str], low: int = 0, high: int = 10) -> Optional[int]:
    """Read a 0-10 rating from how people type it: '7', 'seven', '7/10', '7 out of 10',
    'about a 6', '6.5', '70%', 'not at all'. Returns None when no rating in range is found."""
    raw = clean_text(text).lower()
    if not raw:
        return None
    percent = re.search(r"(\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per cent)", raw)
    if percent:
        value = float(percent.group(1))
        if 0 <= value <= 100:
            return _round(value / 10)
        return None
    frac = re.search(r"(\d{1,2}(?:[.,]\d+)?)\s*(?:/|out of|outta|of)\s*10\b", raw)
    if frac:
        value = float(frac.group(1).replace(",", "."))
        return _round(value) if low <= value <= high else None
    nums = re.findall(r"(?<![\d.])(\d{1,3}(?:[.,]\d+)?)(?![\d])", raw)
    if nums:
        value = float(nums[0].replace(",", "."))
        return _round(value) if low <= value <= high else None
    words = re.findall(r"[a-z']+", raw)
    for word in words:
        if word in NUMBER_WORDS and (word not in _HOMOPHONES or len(words) == 1):
            return NUMBER_WORDS[word]
    if any(p in raw for p in _ZERO_PHRASES):
        return low
    if any(p in raw for p in _TEN_PHRASES):
        return high
    return None


_YES = {
    "yes",
    "yeah",
    "yep",
    "yup",
    "ya",
    "yea",
    "sure",
    "ok",
    "okay",
    "please",
    "definitely",
    "absolutely",
    "y",
    "aye",
    "go",
    "alright",
    "why not",
    "sounds good",
    "would be nice",
    "yes please",
    "si",
    "oui",
    "ja",
}
_NO = {
    "no",
    "nope",
    "nah",
    "not really",
    "no thanks",
    "n",
    "rather not",
    "don't",
    "dont",
    "skip",
    "not now",
    "no thank you",
    "maybe later",
    "later",
}


def parse_yes_no(text: Optional[str], intent: Optional[str] = None) -> Optional[bool]:
    """True for a yes, False for a no, None when unclear; the NLU intent wins when it is one."""
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    raw = re.sub(r"[^a-z' ]", " ", clean_text(text).lower())
    raw = _SPACES.sub(" ", raw).strip()
    if not raw:
        return None
    if raw in _NO or any(raw.startswith(w + " ") for w in ("no", "nope", "nah", "not")):
        return False
    if raw in _YES or any(
        raw.startswith(w + " ") for w in ("yes", "yeah", "yep", "sure", "ok", "okay")
    ):
        return True
    return None


# Feeling words we may name back ("it sounds like you feel exhausted"); a small, plain list.
FEELINGS = (
    "overwhelmed",
    "exhausted",
    "tired",
    "drained",
    "burnt out",
    "burned out",
    "anxious",
    "worried",
    "scared",
    "afraid",
    "frightened",
    "panicky",
    "nervous",
    "stressed",
    "sad",
    "down",
    "low",
    "depressed",
    "empty",
    "numb",
    "lonely",
    "alone",
    "isolated",
    "angry",
    "furious",
    "annoyed",
    "frustrated",
    "irritated",
    "hurt",
    "betrayed",
    "rejected",
    "ashamed",
    "embarrassed",
    "guilty",
    "stupid",
    "worthless",
    "useless",
    "hopeless",
    "helpless",
    "stuck",
    "lost",
    "confused",
    "invisible",
    "unheard",
    "unappreciated",
    "heartbroken",
    "grieving",
    "jealous",
    "insecure",
    "disappointed",
    "fed up",
    "sick of it",
    "on edge",
    "tense",
    "restless",
    "unmotivated",
)
_FEELING_RE = re.compile(
    r"(?<![a-z])(not|n't|never|no longer)?\s*(?:feel(?:ing|s)?\s+|so\s+|really\s+|very\s+|just\s+|"
    r"i'?m\s+|im\s+|am\s+)?(" + "|".join(re.escape(f) for f in FEELINGS) + r")(?![a-z])"
)


def feeling_in(text: Optional[str]) -> Optional[str]:
    """The first plain feeling word in the text that is not negated ("not sad" is skipped)."""
    raw = clean_text(text).lower()
    for match in _FEELING_RE.finditer(raw):
        before = re.split(
            r"[,.;:!?]| but | and ", raw[max(0, match.start(2) - 16) : match.start(2)]
        )[-1]
        if match.group(1) or re.search(r"(\bnot|\bnever|n't)\b", before):
            continue
        return match.group(2)
    return None


def last_bot_text(events: Iterable[Dict[str, Any]]) -> Optional[str]:
    """Text of the most recent bot message in a tracker's events."""
    for event in reversed(list(events)):
        if event.get("event") == "bot":
            return event.get("text")
    return None


def recent_bot_texts(events: Iterable[Dict[str, Any]], count: int = 6) -> List[str]:
    texts: List[str] = []
    for event in reversed(list(events)):
        if event.get("event") == "bot" and event.get("text"):
            texts.append(event["text"])
            if len(texts) >= count:
                break
    return texts


def pick(
    options: Sequence[str],
    avoid: Iterable[Optional[str]] = (),
    previous: Optional[str] = None,
    rng: Optional[random.Random] = None,
) -> str:
    """Choose a variation, preferring ones not in `avoid`; never returns `previous` when any
    other option exists (so no text is sent twice in a row)."""
    rng = rng or random
    options = [o for o in options if o]
    if not options:
        raise ValueError("no options to pick from")
    avoid_set = {a for a in avoid if a}
    if previous:
        avoid_set.add(previous)
    fresh = [o for o in options if o not in avoid_set]
    if fresh:
        # Replies are built from parts ("That sounds like a lot." + a validation + a question):
        # a new whole can still repeat a sentence said a turn ago, word for word. Prefer the
        # ones that repeat none.
        said = {s for text in avoid_set for s in sentences(text)}
        new = [o for o in fresh if not said & set(sentences(o))]
        return rng.choice(new or fresh)
    not_previous = [o for o in options if o != previous]
    return rng.choice(not_previous or options)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> List[str]:
    """The sentences of a reply long enough to be noticed when repeated (not "Okay." or "Hi!")."""
    return [s for s in _SENTENCE_END.split(text or "") if len(s) > 12]


def pick_fresh(
    options: Sequence[str], events: Iterable[Dict[str, Any]], rng: Optional[random.Random] = None
) -> str:
    """``pick`` as a conversation needs it: not one of the bot's last few texts, and never the
    one it just sent."""
    events = list(events)
    return pick(options, avoid=recent_bot_texts(events), previous=last_bot_text(events), rng=rng)


class SafeDict(dict):
    """format_map helper: unknown placeholders become a neutral word instead of raising."""

    def __missing__(self, key: str) -> str:
        return "that"


def render(template: str, values: Dict[str, Any]) -> str:
    return template.format_map(SafeDict(values))


# How people name the exercises (NLU entity values are sometimes raw words: "breathing instead").
_EXERCISE_WORDS = (
    ("breathing", ("breath", "box breath")),
    ("grounding", ("ground", "5 4 3 2 1", "5-4-3-2-1", "54321", "five senses", "senses")),
    (
        "self_compassion",
        ("compassion", "kind to myself", "kinder to myself", "self kindness", "self-kindness"),
    ),
    (
        "reframe",
        (
            "reframe",
            "reframing",
            "thought record",
            "limiting belief",
            "challenge a thought",
            "question a thought",
            "negative thought",
        ),
    ),
    ("strengths", ("strength",)),
    ("decision", ("decision", "decide", "pros and cons")),
    ("connection", ("connection", "connect", "reach out", "reaching out", "lonely", "loneliness")),
    ("safe_haven", ("safe haven", "listen", "just talk", "vent", "talk")),
)
CANONICAL_EXERCISES = tuple(key for key, _ in _EXERCISE_WORDS)
# Names an exercise had before it got its one name; old conversations (a slot, an old button in
# the chat history) may still carry them. The only place they are read.
FORMER_NAMES = {"listen": "safe_haven"}


def canonical_exercise(value: Optional[str]) -> Optional[str]:
    """The canonical exercise name for an entity value or phrase, or None."""
    raw = clean_text(value).lower().replace("_", " ")
    if not raw:
        return None
    name = raw.replace(" ", "_")
    name = FORMER_NAMES.get(name, name)
    if name in CANONICAL_EXERCISES:
        return name
    for key, words in _EXERCISE_WORDS:
        if any(w in raw for w in words):
            return key
    return None


_REQUEST_CUES = re.compile(
    r"\b(instead|can we|could we|can u|can you|let'?s|lets|let us|i want to (do|try)|i'?d like to (do|try)|"
    r"switch|change to|try the|try a|do the|do a|do some|another exercise|different exercise|something else|"
    r"show me|menu|exercises?)\b"
)


def is_explicit_request(text: Optional[str]) -> bool:
    """Whether a message reads as asking for (another) exercise, not as an answer that merely
    mentions one ("my breathing", "reaching out to others")."""
    return bool(_REQUEST_CUES.search(clean_text(text).lower()))


# ---- buttons that say which question they answer ------------------------------------------
# Every button's payload names the question it answers ("/affirm{"question":"offer_grounding"}"),
# so the Rasa server can tell a press on the current question from one on a button the
# conversation has left behind (bot/rasa_compat/payload_guard.py), in every channel. A button
# whose payload is plain words (a rating, "Done") becomes `/answer{"question": ..., "option": n}`:
# the guard turns a current press back into the button's title, the words the person chose.
QUESTION_ENTITY = "question"
ANSWER_INTENT = "answer"
_SLASH_PAYLOAD = re.compile(r"^/(?P<intent>[A-Za-z0-9_]+)(?P<args>\{.*\})?$", re.DOTALL)


def question_payload(payload: str, question: str, option: int = 0) -> str:
    """``payload`` with the question it answers added to its entities."""
    match = _SLASH_PAYLOAD.match(payload.strip())
    if not match:
        return (
            "/"
            + ANSWER_INTENT
            + json.dumps({QUESTION_ENTITY: question, "option": option}, separators=(",", ":"))
        )
    entities = json.loads(match.group("args")) if match.group("args") else {}
    entities[QUESTION_ENTITY] = question
    return "/" + match.group("intent") + json.dumps(entities, separators=(",", ":"))


def question_buttons(buttons: Iterable[Any], question: str) -> List[Dict[str, str]]:
    """Buttons (``(title, payload)`` pairs or ``{"title", "payload"}`` dicts) answering
    ``question``: each payload says so."""
    out: List[Dict[str, str]] = []
    for index, button in enumerate(buttons):
        title, payload = (
            (button["title"], button["payload"]) if isinstance(button, dict) else button
        )
        out.append({"title": title, "payload": question_payload(payload, question, index)})
    return out
