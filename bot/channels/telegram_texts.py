"""What the Telegram channel says by itself, without asking the bot.

These are answers to Telegram commands and to updates the bot cannot read. They are
static on purpose: the welcome, the privacy notice and the crisis resources must reach a
person even when the model or the action server is down.
"""
from __future__ import annotations

import logging
import os
from typing import Optional

logger = logging.getLogger(__name__)

# Same default list as the crisis responses in domain.yml (issue 3). Used only when the
# crisis module's plain-text rendering cannot be loaded, so /resources never fails.
_FALLBACK_RESOURCES = (
    "If you are in danger or thinking about ending your life, please reach out now. "
    "You deserve support, and help is available.\n"
    "Emergency services: 911 / 999 / 112\n"
    "US and Canada: call or text 988\n"
    "UK and Ireland: Samaritans 116 123\n"
    "Australia: Lifeline 13 11 14\n"
    "Elsewhere: findahelpline.com\n"
    "I'm a bot, so I can't call anyone for you, but I'm still here if you want to talk."
)


def retention_days() -> str:
    """Days raw conversations are kept (RETENTION_DAYS, the store's own setting)."""
    value = os.environ.get("RETENTION_DAYS", "").strip()
    return value if value.isdigit() and int(value) > 0 else "30"


def welcome() -> str:
    """The /start message: what the bot is and is not, and what happens to what you write."""
    return (
        "Welcome. Before we start, a few honest words.\n\n"
        "I'm a chatbot, a computer program, not a person. I can listen and guide short "
        "exercises for hard moments, but I'm not therapy and not a crisis service: I can't "
        "call anyone or send help. If you might be in danger, please call your local "
        "emergency number, or type /resources for helplines.\n\n"
        "Privacy: what you write is stored so our conversation can continue. Counsellors "
        "review anonymised transcripts (names, numbers and contact details removed) to make "
        f"me safer and more helpful. Raw conversations are deleted after {retention_days()} "
        "days, and you can erase this conversation at any time with /delete.\n\n"
        "Type /help to see what I can do."
    )


HELP = (
    "I'm a supportive chatbot (not a person). You can just write to me in your own words, "
    "or use these commands:\n"
    "/start  what I am, and how your messages are handled\n"
    "/resources  crisis lines and emergency numbers\n"
    "/delete  erase this conversation (I'll ask you to confirm)\n"
    "/help  this list\n"
    "You can stop any exercise at any moment: just say so."
)

NOT_TEXT = (
    "Thank you for sending that. I'm a bot that can only read text messages, so I can't "
    "see pictures, stickers or files, or listen to voice messages. Could you tell me in "
    "words what's on your mind?"
)

CAPTION_NOTE = (
    "I can only read text, so I can't see what you attached, but I've read what you wrote "
    "with it."
)

PRIVATE_ONLY = (
    "Hi! I only talk in private chats, so I don't read or keep anything from groups or "
    "channels. If you'd like to talk, please message me directly."
)


def resources(language_code: Optional[str] = None) -> str:
    """Crisis resources as plain text, for the deployment's region and the person's language.

    The region is the deployment's CRISIS_REGION (Telegram does not tell us where a person
    is); the language is the one their Telegram app is set to, when we have texts for it.
    If the crisis module cannot render, the default list is sent: /resources never fails.
    """
    language = (language_code or "en").split("-")[0].lower()
    try:
        from bot.crisis.detector import normalise_region
        from bot.crisis.resources import render_plain_text

        text = render_plain_text(normalise_region(os.environ.get("CRISIS_REGION")), language)
    except Exception:  # noqa: BLE001 - a broken data file must not silence /resources
        logger.exception("Rendering crisis resources failed; /resources uses the default list")
        return _FALLBACK_RESOURCES
    return text.strip() if isinstance(text, str) and text.strip() else _FALLBACK_RESOURCES
