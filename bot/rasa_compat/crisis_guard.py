"""A turn that cannot run still answers, and a crisis still gets the resources (a safety patch).

Why: Rasa 3.6's ``Agent.handle_message`` answers nothing when no model is loaded ("Ignoring
message as there is no agent to handle it") and lets any exception of the NLU pipeline,
policies or tracker store escape to the channel, which then sends nothing (the socket.io and
Telegram channels) or a bare 500 (REST). Before this patch, "i want to kill myself \\ud83d"
crashed SpacyNLP and the person got no reply at all.

How: ``Agent.handle_message`` is wrapped. When the agent is not ready or the turn raises, the
crisis lexicon (which needs neither the model nor the action server) reads the text, and the
person gets the static resources from data/crisis/resources.yml: with the full crisis
introduction when the lexicon matched, or when the lexicon itself could not run; otherwise a
short apology that still names where help is. The log line names the failure's type only,
never the text. Canary test: tests/rasa_compat/test_crisis_guard.py.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Dict, List, Optional, Text

from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

logger = logging.getLogger(__name__)

UPSTREAM = Agent.handle_message

APOLOGY = {
    "en": "Sorry, something went wrong on my side and I couldn't take in your message. "
    "Please try again in a moment.",
    "es": "Lo siento, algo ha fallado por mi parte y no he podido leer tu mensaje. "
    "Inténtalo de nuevo en un momento.",
}


def _crisis_reading(text: Any) -> tuple[bool, str]:
    """(crisis?, language). A lexicon that cannot run counts as a crisis: resources cost little."""
    try:
        from bot.crisis.lexicon import detect

        result = detect(text if isinstance(text, str) else "")
        return bool(result.matched), result.language or "en"
    except Exception as error:
        logger.error(
            "crisis guard: the lexicon could not read the message: %s", type(error).__name__
        )
        return True, "en"


def _region(message: UserMessage) -> Optional[str]:
    try:
        from bot import settings
        from bot.crisis.detector import normalise_region

        metadata = message.metadata if isinstance(message.metadata, dict) else {}
        return normalise_region(metadata.get("region")) or normalise_region(
            settings.CRISIS_REGION.get()
        )
    except Exception:
        return None


def safety_texts(message: UserMessage) -> List[Text]:
    """What a person gets when their turn could not run."""
    crisis, language = _crisis_reading(message.text)
    language = language if language in APOLOGY else "en"
    try:
        from bot.crisis.resources import render_plain_text

        resources = render_plain_text(_region(message), language)
    except Exception as error:  # the file itself is broken: the text generated from it last
        logger.error("crisis guard: resources unreadable: %s", type(error).__name__)
        from bot.crisis.fallback_text import FALLBACK_TEXT

        resources = FALLBACK_TEXT
    if crisis:
        return [resources]
    return [APOLOGY[language], resources]


async def _send_safety_reply(message: UserMessage) -> Optional[List[Dict[Text, Any]]]:
    channel = message.output_channel
    try:
        for text in safety_texts(message):
            await channel.send_text_message(message.sender_id, text)
    except Exception as error:
        logger.error("crisis guard: could not send the safety reply: %s", type(error).__name__)
    if isinstance(channel, CollectingOutputChannel):
        return channel.messages
    return None


@functools.wraps(UPSTREAM)
async def handle_message(self: Agent, message: UserMessage) -> Optional[List[Dict[Text, Any]]]:
    if not self.is_ready():
        logger.error("no model is loaded: answering with the static safety reply")
        return await _send_safety_reply(message)
    try:
        return await UPSTREAM(self, message)
    except Exception as error:
        logger.error(
            "a turn failed (%s): answering with the static safety reply", type(error).__name__
        )
        return await _send_safety_reply(message)


def install() -> None:
    """Idempotent."""
    Agent.handle_message = handle_message


def installed() -> bool:
    return Agent.handle_message is handle_message
