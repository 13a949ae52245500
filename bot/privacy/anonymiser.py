"""Replace personal details in chat messages with typed placeholders (the orchestrator).

Counsellors read what people said, never who said it. ``anonymise(text)`` returns the
message with names, contacts, places, schools, workplaces, accounts and payment details
replaced by ``[NAME] [EMAIL] [PHONE] [ADDRESS] [POSTCODE] [LOCATION] [DATE] [URL] [HANDLE]
[ID] [ORG] [CARD] [IP]``; ``find(text)`` returns the spans.

Shape (as in Presidio): one recognizer per kind of detail (``recognizers/``), each
returning typed ``Candidate``s on one shared analysis of the message; one resolver
(``resolver.py``) that keeps the best where they overlap; this module runs them and never
raises. A detail announced in one message and given in the next ("what's your insta?" /
"jess_xo") is caught by passing the earlier messages: ``anonymise(text, context=[...])``
or a ``ConversationAnonymiser``.

Errs on the side of removing: a false placeholder costs a counsellor a word, a missed
name costs a person their privacy. A recognizer that fails is logged (never the text) and
skipped, except the structured ones: if they fail, or anything else does, the whole
message is redacted rather than shown raw.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from typing import List, Optional, Sequence, Tuple, Union

from bot import settings
from bot.privacy import lexicon
from bot.privacy.recognizers import default_recognizers
from bot.privacy.recognizers._tokens import TokenAnalysis
from bot.privacy.recognizers.base import Candidate, Label, Score
from bot.privacy.recognizers.numbers import number_runs
from bot.privacy.recognizers.places import extend_described, extend_title_case, join_places
from bot.privacy.recognizers.positions import extend_positions
from bot.privacy.recognizers.text import TextView, fold
from bot.privacy.resolver import Span, resolve

logger = logging.getLogger(__name__)

LABELS = tuple(label.value for label in Label)
REDACTED = "[REDACTED]"
# Recognizers whose failure would let a structured detail through: fail closed.
STRUCTURED = frozenset(
    {"emails", "links", "phones", "payment", "ids", "addresses", "dates", "handles"}
)
Context = Union[None, str, Sequence[str]]

__all__ = [
    "LABELS",
    "REDACTED",
    "Span",
    "Anonymiser",
    "ConversationAnonymiser",
    "anonymise",
    "find",
    "get",
]


# --- context: a detail announced in one message, given in the next ----------------

# (cue in the earlier message, kind, a phrase that makes the kind explicit). The next
# message is read as if it followed the phrase, so every recognizer's own context rule
# applies ("jess_xo" after "what's your insta?" reads as "my username is jess_xo").
_CUES: Tuple[Tuple["re.Pattern", Label, str], ...] = tuple(
    (re.compile(rx, re.IGNORECASE), label, prefix)
    for rx, label, prefix in (
        (
            r"\b(?:user\s?names?|handles?|@|insta(?:gram)?|ig|snap(?:chat)?|tik\s?tok|discord|twitter|reddit|twitch|"
            r"psn|xbox|gamer\s?tag|kik|telegram|tumblr|roblox|steam|socials?|account)\b",
            Label.HANDLE,
            "my username is ",
        ),
        (r"\b(?:e-?mails?|gmail|hotmail|outlook|icloud|yahoo)\b", Label.EMAIL, "my email is "),
        (
            r"\b(?:numbers?|phone|mobile|cell|digits|whatsapp|ring|call|text)\b",
            Label.PHONE,
            "my number is ",
        ),
        (
            r"\b(?:names?|called|call\s+you|call\s+me|who\s+(?:is|are)|surname)\b",
            Label.NAME,
            "my name is ",
        ),
        (
            r"\b(?:address|addy|post\s?code|zip|house|street|road|flat)\b",
            Label.ADDRESS,
            "i live at ",
        ),
        (r"\b(?:where|town|city|village|live|from|area)\b", Label.LOCATION, "i live in "),
        (r"\b(?:school|college|uni|university|work|job|company)\b", Label.ORG, "i work at "),
        (
            r"\b(?:card|cvv|cvc|security\s+code|last\s+(?:4|four)|iban|sort\s+code|account)\b",
            Label.CARD,
            "my card number is ",
        ),
        # "want the expiry too?" / "10/29": the card's month and year, read as an expiry
        (
            r"\b(?:exp(?:iry|ires|iration)?(?:\s+date)?|valid\s+(?:thru|through|until|till)|end\s+date)\b",
            Label.CARD,
            "expiry ",
        ),
        (r"\b(?:birthday|bday|born|dob|date\s+of\s+birth)\b", Label.DATE, "my birthday is "),
        (
            r"\b(?:reg|rego|registration|(?:number\s*)?plates?|passport|nhs|ni|national\s+insurance|"
            r"student|matric|employee|staff|payroll|licen[cs]e|id)\b",
            Label.ID,
            "my id number is ",
        ),
    )
)
CONTEXT_MESSAGES = 2  # how many earlier messages can announce a detail
CONTEXT_TAIL = 160  # characters at the end of each earlier message that are read
# A short reply that is still only a reply ("why?", "no", "idk") is never a detail.
_REPLIES = frozenset(
    "no nope nah yes yeah yep ok okay why what idk dunno not never maybe later sure fine hmm um uh lol haha "
    "none nothing private secret pass skip".split()
)
_BARE_VALUE = re.compile(
    r"^\s*(?:(?:it'?s|its|im|i'?m|just|only|simply|call\s+me|name'?s|names)\s+)*(?:@\s?)?"
    r"([^\s]{2,40}?)[\s.!,)]*$",
    re.IGNORECASE,
)
# A reply that is a first name and a surname or two: "Mark Stone", "its jade okafor".
_NAME_REPLY = re.compile(
    r"^\s*(?:(?:it'?s|its|im|i'?m|just|call\s+me|name'?s)\s+)*"
    r"([A-Za-z][A-Za-z'-]+(?:\s+[A-Za-z][A-Za-z'-]+){1,2})[\s.!,)]*$",
    re.IGNORECASE,
)
_LEAD_WORDS = frozenset("just only simply its it's im i'm call name's names it is".split())
# A reply cut into short pieces ("its mark. just mark"): each piece is read on its own.
_PIECES = re.compile(r"[^.!?;,\n]+(?:[.!?;,]+|$)")
_REPLY_LEAD = re.compile(
    r"^\s*(?:(?:ok|okay|so|um+|erm|yeah|yh|right|well|it'?s|its|it\s+is|that'?s|thats)[\s,]+)+",
    re.IGNORECASE,
)
_DIGIT_GROUP = re.compile(r"(?<!\w)\+?\d(?:[\s().-]?\d){2,}(?!\w)")


def _cues(context: Context) -> List[Tuple[Label, str]]:
    if context is None:
        return []
    if isinstance(context, str):
        items = [context]
    else:
        try:
            items = [c for c in list(context)[-CONTEXT_MESSAGES:] if isinstance(c, str)]
        except TypeError:
            return []
    found: List[Tuple[int, int, Label, str]] = []
    for age, item in enumerate(reversed(items)):
        tail = item[-CONTEXT_TAIL:]
        for rx, label, prefix in _CUES:
            last = None
            for m in rx.finditer(tail):
                last = m
            if last is not None:
                found.append((age, -last.end(), label, prefix))
    found.sort()
    out: List[Tuple[Label, str]] = []
    for _age, _pos, label, prefix in found:
        if all(label != have for have, _ in out):
            out.append((label, prefix))
    return out[:3]


class Anonymiser:
    """Holds the recognizers (built once); ``find`` and ``anonymise`` are thread-safe reads."""

    def __init__(self, use_ner: Optional[bool] = None, recognizers=None):
        self.analysis = TokenAnalysis()
        self.recognizers = (
            list(recognizers) if recognizers is not None else default_recognizers(self.analysis)
        )
        self.ner = None
        if use_ner is None:
            use_ner = settings.ANONYMISER_NER.get()
        if use_ner:
            self.ner = _load_ner()

    # -- candidates -------------------------------------------------------------
    def candidates(self, text: str) -> List[Candidate]:
        """Every recognizer's candidates on ``text``; raises if a structured one fails."""
        view = TextView(text, self.analysis)
        out: List[Candidate] = []
        for rec in self.recognizers:
            try:
                out.extend(rec.find(view))
            except Exception:
                logger.exception("recognizer %s failed", getattr(rec, "name", type(rec).__name__))
                if getattr(rec, "name", "") in STRUCTURED:
                    raise
        if self.ner is not None:
            try:
                out.extend(_ner_spans(self.ner, text))
            except Exception:
                logger.exception("NER pass failed")
        return out

    def _context_candidates(self, text: str, context: Context) -> List[Candidate]:
        out: List[Candidate] = []
        # "it's dunmore close, 11": the reply's own lead-in would break the phrase it is read in
        lead = _REPLY_LEAD.match(text)
        skip = lead.end() if lead else 0
        for label, prefix in _cues(context):
            shift = len(prefix) - skip
            for c in self.candidates(prefix + text[skip:]):
                if (
                    c.end > shift
                    and text[max(c.start, shift) - shift : c.end - shift].strip().lower()
                    not in _REPLIES
                ):
                    out.append(
                        Candidate(max(c.start, shift) - shift, c.end - shift, c.label, c.score)
                    )
            out.extend(_bare_reply(text, label))
        return out

    # -- public -----------------------------------------------------------------
    def find(self, text: str, context: Context = None) -> List[Span]:
        if not text:
            return []
        if len(text) > CHUNK:
            # Long input: work on whitespace-bounded pieces so every pass stays linear.
            spans: List[Span] = []
            for offset, piece in _chunks(text, CHUNK):
                spans.extend(
                    Span(sp.start + offset, sp.end + offset, sp.label)
                    for sp in self._find(piece, None)
                )
            return spans
        return self._find(text, context)

    def _find(self, text: str, context: Context) -> List[Span]:
        cands = self.candidates(text)
        if context:
            try:
                cands.extend(self._context_candidates(text, context))
            except Exception:
                logger.exception("context pass failed; message read alone")
        crisis = lexicon.crisis_words()
        kept = []
        for c in cands:
            piece = text[c.start : c.end]
            if _crisis_piece(piece, crisis) or (piece in _DETAIL_FORMS and c.label in _WORD_LABELS):
                continue  # a crisis word, or only the name of a kind of detail
            kept.append(c)
        placed = join_places(
            text, extend_described(text, extend_title_case(text, resolve(text, kept)))
        )
        return extend_positions(text, placed)

    def anonymise(self, text, context: Context = None) -> str:
        if text is None:
            return ""
        if not isinstance(text, str):
            text = str(text)
        if not text:
            return ""
        try:
            spans = self.find(text, context)
        except Exception:
            logger.exception("anonymiser failed; redacting the whole message")
            return REDACTED
        return _apply(text, spans)


def _crisis_word(text: str, candidate: Candidate) -> bool:
    """A candidate that is one lower-case word of the crisis lexicon ("unalive", "overdose"):
    counsellors must read it, so alone it is never a detail."""
    return _crisis_piece(text[candidate.start : candidate.end], lexicon.crisis_words())


# Kinds found from words (not from a shape of digits and marks): a candidate of one of
# these that is only the name of a kind of detail ("IBAN", "eircode") is never a detail.
_WORD_LABELS = frozenset({Label.NAME, Label.ORG, Label.LOCATION, Label.HANDLE})


# as typed: "iban", "IBAN", "Iban" (a set look-up of the raw piece keeps the hot path cheap)
_DETAIL_FORMS = frozenset(
    form for w in lexicon.DETAIL_WORDS for form in (w, w.upper(), w.title(), w.capitalize())
)


def _crisis_piece(piece: str, crisis: frozenset) -> bool:
    return piece in crisis and piece.isalpha() and piece.islower()


def _bare_reply(text: str, label: Label) -> List[Candidate]:
    """A one-word (or digits-only) reply to a cue is the detail itself."""
    out: List[Candidate] = []
    if label in (Label.PHONE, Label.CARD, Label.ID):
        for m in _DIGIT_GROUP.finditer(text):
            out.append(Candidate(m.start(), m.end(), label, Score.PHONE_SPOKEN))
        # however written: "seven oh two" after "what's the cvv?"
        for run in number_runs(fold(text), 3):
            out.append(Candidate(run.start, run.end, label, Score.PHONE_SPOKEN))
        return out
    if label not in (Label.HANDLE, Label.NAME, Label.EMAIL):
        return out
    pieces = [(0, text)]
    if label is Label.NAME and len(text) <= 80:
        pieces = [(p.start(), p.group(0)) for p in _PIECES.finditer(text)] or pieces
    from bot.privacy import lexicon

    names = lexicon.names() if label is Label.NAME else frozenset()
    for offset, piece in pieces:
        full = _NAME_REPLY.match(piece) if label is Label.NAME else None
        if full and full.group(1).split()[0].lower() in _LEAD_WORDS:
            full = None  # "just mark": the lead-in is no part of the name
        if full and all(
            (w[:1].isupper() or w.lower() in names) and w.lower() not in _REPLIES
            for w in full.group(1).split()
        ):
            # a full name given as the reply: "Mark. Mark Stone", "jade okafor"
            out.append(
                Candidate(
                    offset + full.start(1),
                    offset + full.end(1),
                    Label.NAME,
                    Score.HANDLE_IN_CONTEXT,
                )
            )
            continue
        m = _BARE_VALUE.match(piece)
        if not m:
            continue
        value = m.group(1).strip(".,!?\"'")
        low = value.lower()
        if not value or low in _REPLIES or not any(c.isalnum() for c in value):
            continue
        if (
            label is Label.NAME
            and lexicon.is_common_word(low)
            and low not in lexicon.curated_names()
        ):
            continue
        if (
            label is not Label.NAME
            and lexicon.is_common_word(low)
            and not any(c.isdigit() or c in "_.@" for c in value)
        ):
            continue
        start = offset + m.start(1) + m.group(1).find(value)
        out.append(
            Candidate(
                start,
                start + len(value),
                Label.HANDLE if label is Label.EMAIL and "@" not in value else label,
                Score.HANDLE_IN_CONTEXT,
            )
        )
    return out


class ConversationAnonymiser:
    """Anonymises one conversation's messages in order, each read with the ones before.

    Keeps the last ``window`` raw messages in memory, only for the life of this object
    (one conversation, one process); for a stateless worker pass the earlier texts to
    ``anonymise(text, context=...)`` instead.
    """

    def __init__(self, window: int = CONTEXT_MESSAGES, anonymiser: Optional[Anonymiser] = None):
        self._history: deque = deque(maxlen=max(1, int(window)))
        self._anonymiser = anonymiser

    def anonymise(self, text) -> str:
        context = list(self._history)
        if self._anonymiser is not None:
            out = self._anonymiser.anonymise(text, context=context)
        else:
            out = anonymise(text, context=context)
        if isinstance(text, str):
            self._history.append(text)
        return out

    def reset(self) -> None:
        self._history.clear()


CHUNK = 4000
_LONG_RUN = re.compile(r"\S{64,}")
_SENTENCE_CUT = re.compile(r"[.!?\n]\s")
_WORD_CUT = re.compile(r"[A-Za-z]\s(?=[A-Za-z])")


def _chunks(text: str, size: int):
    """(offset, piece) pieces of at most ~size characters, cut at whitespace when possible."""
    pos, n = 0, len(text)
    while pos < n:
        end = min(n, pos + size)
        if end < n:
            # cut after a sentence, else between two words, never inside "07700 900123"
            window = text[pos + size // 2 : end]
            cut = -1
            for rx in (_SENTENCE_CUT, _WORD_CUT):
                found = [m.end() for m in rx.finditer(window)]
                if found:
                    cut = pos + size // 2 + found[-1] - 1
                    break
            if cut > pos:
                end = cut + 1
            else:  # no whitespace: a junk run; small pieces keep the tokenizer linear
                end = min(n, pos + 400)
        yield pos, text[pos:end]
        pos = end


def _apply(text: str, spans: Sequence[Span]) -> str:
    parts = []
    pos = 0
    for sp in spans:
        parts.append(text[pos : sp.start])
        parts.append(f"[{sp.label}]")
        pos = sp.end
    parts.append(text[pos:])
    return "".join(parts)


_NER_LABELS = {
    "PERSON": "NAME",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "ORG": "ORG",
}


def _load_ner():
    """A statistical English NER model if one is installed (never downloaded)."""
    name = settings.ANONYMISER_NER_MODEL.get()
    try:
        import importlib.util

        if importlib.util.find_spec(name) is None:
            return None
        import spacy

        return spacy.load(name, disable=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    except Exception:
        logger.info("no statistical NER model (%s); rules only", name)
        return None


def _ner_spans(nlp, text: str) -> List[Candidate]:
    out = []
    for ent in nlp(text[:20000]).ents:
        label = _NER_LABELS.get(ent.label_)
        if label:
            out.append(Candidate(ent.start_char, ent.end_char, Label(label), int(Score.NER)))
    return out


_INSTANCE: Optional[Anonymiser] = None
_LOCK = threading.Lock()


def get() -> Anonymiser:
    """The process-wide anonymiser (built on first use)."""
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                _INSTANCE = Anonymiser()
    return _INSTANCE


def find(text, context: Context = None) -> List[Span]:
    """Spans of personal details in ``text`` (empty for empty/None input); never raises.

    On an internal error the whole text comes back as one span, so a caller that
    redacts spans redacts everything.
    """
    if text is None:
        return []
    if not isinstance(text, str):
        text = str(text)
    try:
        return get().find(text, context)
    except Exception:
        logger.exception("find failed")
        return [Span(0, len(text), "ID")] if text else []


def anonymise(text, context: Context = None) -> str:
    """``text`` with personal details replaced by typed placeholders; never raises.

    ``context``: the earlier message(s) of the same conversation, oldest first (a list of
    strings, or one string). A detail asked for or announced there ("what's your
    username?", "my insta is") and given here on its own ("jess_xo") is removed too.
    """
    if text is None:
        return ""
    try:
        return get().anonymise(text, context)
    except Exception:
        logger.exception("anonymise failed")
        return REDACTED if text else ""
