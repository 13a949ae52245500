"""The channel boundary: what every channel does to a message before the bot sees it.

One module so that the website widget, Telegram and REST treat text alike:

- ``clean_text``: invalid Unicode (lone surrogates, noncharacters), NUL and other control
  characters, bidi overrides and invisible separators are removed, line breaks unified, NFC.
  A lone surrogate once crashed spaCy and the person got no reply at all.
- ``MAX_MESSAGE_CHARS`` (4,096, Telegram's own limit): a longer message is not given to the
  NLU pipeline (100 KB took 28 s of CPU and got no reply). The person gets a kind note asking
  for shorter parts; but the crisis lexicon first reads the whole text, and when it matches the
  static crisis resources (data/crisis/resources.yml) are sent before the note.
- ``conversation_id``: every channel's conversation ids live in their own namespace
  (``web:<id>``, ``telegram:<id>``, ``rest:<id>``) so that no channel can name another
  channel's conversation. ``LocalIdOutput`` turns the namespaced id back into the channel's own
  recipient id (a Telegram chat id) when the bot replies.
- ``submit``: all of the above, then ``on_new_message`` with the message text registered for
  log redaction (bot/log_redaction.py).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot import log_redaction, settings
from bot.channels import crisis_link

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4096
NAMESPACE_SEPARATOR = ":"

TOO_LONG_NOTE = (
    "That's a long message, more than I can read in one go (my limit is 4,096 characters). "
    "I'd like to hear it: could you send it to me in a few shorter parts?"
)

# Bidi embeddings/overrides/isolates and marks: they can make text read differently from what
# is stored (and hide words from the crisis lexicon).
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Invisible characters that split words without meaning anything ("ki\u200bll").
# ZWJ/ZWNJ (U+200C/D) stay: emoji sequences and several scripts need them.
_INVISIBLE = "\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"
_DROP = re.compile(
    "["
    + _BIDI
    + _INVISIBLE
    + "\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"  # C0/C1 controls but \t \n \r
    + "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters
    + "\ud800-\udfff"  # lone surrogates (after pairing)
    + "]"
)
_NONCHAR_PLANES = re.compile(
    "[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff"
    "\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


def clean_text(text: Any) -> Text:
    """Normalised text for the bot: valid Unicode, no controls or bidi tricks, NFC, stripped.

    Anything that is not a string becomes "" (channels refuse wrong types before this).
    """
    if not isinstance(text, str):
        return ""
    # Pair up surrogates that arrived as two code points; any left alone are dropped below.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n\n")
    )
    text = _DROP.sub("", text)
    text = _NONCHAR_PLANES.sub("", text)
    text = unicodedata.normalize("NFC", text)
    return text.strip()


def conversation_id(channel: Text, local_id: Any) -> Text:
    """``<channel>:<local id>``: the only form in which a channel may name a conversation."""
    return f"{channel}{NAMESPACE_SEPARATOR}{local_id}"


def local_id(sender_id: Text, channel: Text) -> Text:
    """The channel's own id inside a namespaced conversation id (unchanged when not prefixed)."""
    prefix = channel + NAMESPACE_SEPARATOR
    return sender_id[len(prefix) :] if sender_id.startswith(prefix) else sender_id


@dataclass
class Inbound:
    """A message after the boundary: cleaned text, and what to do when it is over the cap."""

    text: Text
    too_long: bool = False
    crisis: bool = False
    language: Text = "en"


def inspect(raw: Any) -> Inbound:
    """Clean ``raw``; for an over-long text, run the crisis lexicon over all of it."""
    text = clean_text(raw)
    if len(text) <= MAX_MESSAGE_CHARS:
        return Inbound(text)
    crisis, language = False, "en"
    try:
        result = crisis_link.detect(text)  # scans long texts in overlapping windows, never raises
        crisis, language = bool(result.matched), result.language or "en"
    except Exception as error:  # noqa: BLE001 - cannot tell: send the resources to be safe
        logger.error(
            "Crisis check of an over-long message failed (%s); sending resources",
            type(error).__name__,
        )
        crisis = True
    return Inbound(text, too_long=True, crisis=crisis, language=language)


def crisis_resources_text(region: Optional[Text] = None, language: Text = "en") -> Text:
    """The static crisis resources (data/crisis/resources.yml) as plain text; never fails."""
    try:
        region = crisis_link.normalise_region(region) or crisis_link.normalise_region(
            settings.CRISIS_REGION.get()
        )
        return crisis_link.render_plain_text(region, language)
    except Exception as error:  # noqa: BLE001 - a fixed fallback beats no resources at all
        logger.error("Crisis resources could not be rendered (%s)", type(error).__name__)
        return crisis_link.fallback_text()


def over_limit_replies(inbound: Inbound, region: Optional[Text] = None) -> List[Text]:
    """What an over-long message gets instead of the bot: resources first when in crisis."""
    replies = [crisis_resources_text(region, inbound.language)] if inbound.crisis else []
    return replies + [TOO_LONG_NOTE]


class LocalIdOutput(OutputChannel):
    """Wraps a channel's output so the bot's namespaced recipient id becomes the channel's own.

    Rasa sends every reply to ``tracker.sender_id`` (``telegram:123``); Telegram wants ``123``.
    """

    def __init__(self, inner: OutputChannel, channel: Text) -> None:
        self.inner = inner
        self.channel = channel

    def name(self) -> Text:  # type: ignore[override]
        return self.inner.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        await self.inner.send_response(local_id(recipient_id, self.channel), message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.inner.send_text_message(local_id(recipient_id, self.channel), text, **kwargs)

    def __getattr__(self, name: Text) -> Any:
        return getattr(self.inner, name)


async def submit(
    raw_text: Any,
    channel: Text,
    local_sender: Any,
    output: OutputChannel,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    metadata: Optional[Dict[Text, Any]] = None,
    region: Optional[Text] = None,
    input_channel: Optional[Text] = None,
) -> Inbound:
    """Clean, cap and hand one message to the bot as ``<channel>:<local_sender>``.

    ``output`` receives replies addressed to the namespaced id. An over-long message gets
    ``over_limit_replies`` and never reaches the bot or its stores.
    """
    sender_id = conversation_id(channel, local_sender)
    log_redaction.register(raw_text if isinstance(raw_text, str) else None)
    inbound = inspect(raw_text)
    log_redaction.register(inbound.text)
    if inbound.too_long:
        logger.info(
            "An over-long message (%d characters) was answered at the %s boundary%s",
            len(inbound.text),
            channel,
            " with crisis resources" if inbound.crisis else "",
        )
        if region is None and isinstance(metadata, dict):
            region = metadata.get("region")
        for reply in over_limit_replies(inbound, region):
            await output.send_text_message(sender_id, reply)
        return inbound
    await on_new_message(
        UserMessage(
            inbound.text,
            output,
            sender_id,
            input_channel=input_channel or channel,
            metadata=metadata,
        )
    )
    return inbound
