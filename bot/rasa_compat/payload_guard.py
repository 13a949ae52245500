"""Typed text never sets entities or slots, and a button answers only the question it was
attached to (a safety patch).

Why: Rasa 3.6 reads any message that starts with ``/`` as a payload, so a person (or anyone
holding a chat) could type ``/crisis{"crisis_category": "jo@example.com 07700 900123"}`` and
have that text stored as a category around the anonymiser, or fill any slot with
``/inform{"slot": ...}``. And a generic ``/affirm`` from a keyboard the conversation had left
behind answered whatever the bot asked last: an old "Yes, let's try" pressed while the bot
asked "delete this conversation?" erased it.

How, before NLU:

- Slash commands (``/start``, ``/help``, ``/resources``, ``/delete``) become the bot's own
  payloads (``COMMANDS``), the same in every channel and every state.
- Every button of the bot says which question it answers (``/affirm{"question":
  "confirm_delete"}``; actions/common.py ``question_buttons``, the domain's responses). A
  payload naming a question counts only when the bot offered exactly that payload since the
  person's last message (a press on a button the bot later called outdated does not count as
  that message). A current press goes on to NLU; a current ``/answer{...}`` (a button whose
  answer is words: a rating, "Done") goes on as the button's title, the words the person chose.
  A press on an out-of-date button gets ``utter_outdated_button`` and nothing else happens: no
  NLU, no policy, no action; only the note is logged, so the dialogue stays where it was.
  Two kinds of old button still count, because they mean the same in every state: asking for
  help (crisis resources, what the bot can do, therapy, deleting, which always asks first),
  and "I'm not safe" to the crisis check, which is taken as a crisis message.
- Any other ``/intent{...}`` or ``/intent@0.9`` that the bot did not offer loses its leading
  ``/`` and is read as the words it is, by the whole NLU pipeline and the crisis lexicon.
  Bare ``/intent`` payloads carry nothing but an intent, the same as typing its words (the
  widget's ``/greet``), so they pass.

Canary tests: tests/rasa_compat/test_patches.py (upstream sources, the guard's decisions) and
tests/rasa_compat/test_outdated_buttons.py (whole turns through a real processor).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Text

from rasa.core.actions.action import ActionBotResponse
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

UPSTREAM = MessageProcessor._parse_message_with_graph
UPSTREAM_HANDLE = MessageProcessor.handle_message

# "/intent" followed by "{" or "@": a payload that carries more than an intent.
_PAYLOAD_WITH_ARGUMENTS = re.compile(r"^\s*/[^\s{@/]+\s*[{@]")
_PAYLOAD = re.compile(r"^\s*/(?P<intent>[A-Za-z0-9_]+)\s*(?P<args>\{.*\})\s*$", re.DOTALL)

QUESTION = "question"  # the entity every button's payload names its question with
ANSWER_INTENT = "answer"  # a button whose answer is its title (actions/common.py)
OUTDATED_RESPONSE = "utter_outdated_button"

# Typed commands, in every channel: what each means to the bot. (Telegram's channel answers
# /help and /resources itself and sends the rest here the same way.)
COMMANDS = {
    "/start": "/greet",
    "/help": "/ask_capabilities",
    "/resources": "/crisis",
    "/delete": "/delete_data",
}
# An old button asking for one of these is honoured whatever was asked since: they mean the
# same in every state (the crisis resources, what the bot can do, therapy, deleting, which
# always asks to confirm first).
HONOURED_WHEN_OLD = ("crisis", "ask_capabilities", "therapy_info", "delete_data")
# An old answer to a safety question that must never be waved away: what it counts as.
SAFETY_ANSWERS = {("crisis_check_safe", "deny"): "/crisis"}


@dataclass(frozen=True)
class Verdict:
    """What a message is: ``text`` goes on to NLU, or (``outdated``) only a note is sent."""

    text: Text
    outdated: bool = False


def offered_buttons(tracker: DialogueStateTracker) -> Dict[Text, Text]:
    """payload -> title of the buttons the bot sent since the person's last message that
    counted (a press the guard called outdated leaves the question open)."""
    offered: Dict[Text, Text] = {}
    for event in reversed(tracker.applied_events()):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            data = event.data or {}
            for button in (data.get("buttons") or []) + (data.get("quick_replies") or []):
                if isinstance(button, dict) and isinstance(button.get("payload"), str):
                    offered.setdefault(button["payload"].strip(), str(button.get("title") or ""))
    return offered


def offered_payloads(tracker: DialogueStateTracker) -> set:
    return set(offered_buttons(tracker))


def _question_payload(text: Text) -> Optional[tuple]:
    """(intent, entities) of a payload that names the question it answers, else None."""
    match = _PAYLOAD.match(text)
    if not match:
        return None
    try:
        entities = json.loads(match.group("args"))
    except ValueError:
        return None
    if not isinstance(entities, dict) or not isinstance(entities.get(QUESTION), str):
        return None
    return match.group("intent"), entities


def command_payload(text: Any) -> Optional[Text]:
    """The bot's payload for a typed slash command ("/delete" -> "/delete_data"), else None."""
    if not isinstance(text, str):
        return None
    return COMMANDS.get(text.strip().lower())


def check_button(text: Text, tracker: DialogueStateTracker, expired: bool = False) -> Verdict:
    """What a message claiming to answer a question is, given the conversation so far."""
    claimed = _question_payload(text)
    if claimed is None:
        return Verdict(text)
    intent, entities = claimed
    offered = {} if expired else offered_buttons(tracker)
    if text.strip() in offered:
        if intent == ANSWER_INTENT:
            title = offered[text.strip()].strip()
            return Verdict(title) if title else Verdict(text, outdated=True)
        return Verdict(text.strip())
    if intent in HONOURED_WHEN_OLD:
        return Verdict("/" + intent)
    safety = SAFETY_ANSWERS.get((entities[QUESTION], intent))
    if safety:
        return Verdict(safety)
    return Verdict(text, outdated=True)


def _with_text(message: UserMessage, text: Text) -> UserMessage:
    return UserMessage(
        text,
        message.output_channel,
        message.sender_id,
        message.parse_data,
        message.input_channel,
        message.message_id,
        message.metadata,
    )


def as_typed_text(message: UserMessage, tracker: DialogueStateTracker) -> UserMessage:
    """The message itself, or a copy read as plain words when it claims an unoffered payload."""
    text = message.text
    if not isinstance(text, str) or not _PAYLOAD_WITH_ARGUMENTS.match(text):
        return message
    if text.strip() in offered_buttons(tracker):
        return message
    return _with_text(message, text.lstrip()[1:])


def _parse_message_with_graph(
    self: MessageProcessor,
    message: UserMessage,
    tracker: DialogueStateTracker,
    only_output_properties: bool = True,
) -> Dict[Text, Any]:
    return UPSTREAM(self, as_typed_text(message, tracker), tracker, only_output_properties)


async def _note_outdated(self: MessageProcessor, message: UserMessage) -> Optional[List[Any]]:
    """Say the button is out of date; log only the note (no user turn, no action)."""
    tracker = await self.fetch_tracker_and_update_session(
        message.sender_id, message.output_channel, message.metadata
    )
    events = await ActionBotResponse(OUTDATED_RESPONSE).run(
        message.output_channel, self.nlg, tracker, self.domain
    )
    for event in events:
        if isinstance(event, BotUttered):
            await message.output_channel.send_response(tracker.sender_id, event.message())
        tracker.update(event)
    await self.save_tracker(tracker)
    if isinstance(message.output_channel, CollectingOutputChannel):
        return message.output_channel.messages
    return None


async def handle_message(
    self: MessageProcessor, message: UserMessage
) -> Optional[List[Dict[Text, Any]]]:
    command = command_payload(message.text)
    if command:
        message = _with_text(message, command)
    if isinstance(message.text, str) and _question_payload(message.text) is not None:
        tracker = await self.get_tracker(message.sender_id)
        verdict = check_button(message.text, tracker, expired=self._has_session_expired(tracker))
        if verdict.outdated:
            return await _note_outdated(self, message)
        if verdict.text != message.text:
            message = _with_text(message, verdict.text)
    return await UPSTREAM_HANDLE(self, message)


def install() -> None:
    """Idempotent."""
    MessageProcessor._parse_message_with_graph = _parse_message_with_graph
    MessageProcessor.handle_message = handle_message


def installed() -> bool:
    return (
        MessageProcessor._parse_message_with_graph is _parse_message_with_graph
        and MessageProcessor.handle_message is handle_message
    )
