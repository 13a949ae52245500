"""Typed text never sets entities or slots: a ``/intent{...}`` payload counts only when the bot
offered it (a safety patch).

Why: Rasa 3.6 reads any message that starts with ``/`` as a payload, so a person (or anyone
holding a chat) could type ``/crisis{"crisis_category": "jo@example.com 07700 900123"}`` and
have that text stored as a category around the anonymiser, or fill any slot with
``/inform{"slot": ...}``.

How: before NLU, a message whose text is a payload *with arguments* (entities ``{...}`` or a
confidence ``@0.9``) is compared with the payloads of the buttons the bot sent since the
person's last message. An offered payload goes through unchanged (that is what a button press
is); anything else loses its leading ``/`` and is read as the words it is, by the whole NLU
pipeline and the crisis lexicon. Bare ``/intent`` payloads carry nothing but an intent, the
same as typing its words, and the channels send some themselves (the widget's ``/greet``,
Telegram's ``/delete_data``), so they pass. Canary test: tests/rasa_compat/test_payload_guard.py.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Set, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

UPSTREAM = MessageProcessor._parse_message_with_graph

# "/intent" followed by "{" or "@": a payload that carries more than an intent.
_PAYLOAD_WITH_ARGUMENTS = re.compile(r"^\s*/[^\s{@/]+\s*[{@]")


def offered_payloads(tracker: DialogueStateTracker) -> Set[Text]:
    """Payloads of the buttons the bot sent since the person's last message."""
    offered: Set[Text] = set()
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            data = event.data or {}
            for button in (data.get("buttons") or []) + (data.get("quick_replies") or []):
                if isinstance(button, dict) and isinstance(button.get("payload"), str):
                    offered.add(button["payload"].strip())
    return offered


def as_typed_text(message: UserMessage, tracker: DialogueStateTracker) -> UserMessage:
    """The message itself, or a copy read as plain words when it claims an unoffered payload."""
    text = message.text
    if not isinstance(text, str) or not _PAYLOAD_WITH_ARGUMENTS.match(text):
        return message
    if text.strip() in offered_payloads(tracker):
        return message
    return UserMessage(
        text.lstrip()[1:],
        message.output_channel,
        message.sender_id,
        None,
        message.input_channel,
        message.message_id,
        message.metadata,
    )


def _parse_message_with_graph(
    self: MessageProcessor,
    message: UserMessage,
    tracker: DialogueStateTracker,
    only_output_properties: bool = True,
) -> Dict[Text, Any]:
    return UPSTREAM(self, as_typed_text(message, tracker), tracker, only_output_properties)


def install() -> None:
    """Idempotent."""
    MessageProcessor._parse_message_with_graph = _parse_message_with_graph


def installed() -> bool:
    return MessageProcessor._parse_message_with_graph is _parse_message_with_graph
