"""What the Telegram channel says by itself, without asking the bot.

These are answers to Telegram commands and to updates the bot cannot read. They are
static on purpose: the welcome, the privacy notice and the crisis resources must reach a
person even when the model or the action server is down.
"""

from __future__ import annotations

import logging
from typing import Optional

from bot import settings

logger = logging.getLogger(__name__)


def retention_days() -> str:
    """Days raw conversations are kept: the very setting the store purges by (7.5 -> "7.5")."""
    days = settings.RETENTION_DAYS.get()
    return f"{days:g}"


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

# Telegram message field -> how the note names it. Order matters: a GIF also carries a
# "document", a venue also a "location"; the first field present wins.
MEDIA_KINDS = (
    ("sticker", "a sticker", "see stickers"),
    ("voice", "a voice message", "listen to voice messages"),
    ("video_note", "a video message", "watch videos"),
    ("animation", "a GIF", "see GIFs"),
    ("video", "a video", "watch videos"),
    ("audio", "an audio file", "listen to audio"),
    ("photo", "a picture", "see pictures"),
    ("document", "a file", "open files"),
    ("venue", "a place", "look at places on a map"),
    ("location", "a location", "look at locations"),
    ("contact", "a contact", "use contacts"),
    ("poll", "a poll", "take part in polls"),
    ("dice", "a dice roll", "play games"),
    ("game", "a game", "play games"),
    ("story", "a story", "see stories"),
)
_KINDS = {field: (name, verb) for field, name, verb in MEDIA_KINDS}


def media_kind(message: dict) -> Optional[str]:
    """Which kind of non-text content a Telegram message carries (a MEDIA_KINDS field), if known."""
    for field, _, _ in MEDIA_KINDS:
        if message.get(field) is not None:
            return field
    return None


def not_text(kind: Optional[str]) -> str:
    """The reply to a message without words, naming what was sent (a location is not a picture)."""
    if kind not in _KINDS:
        return NOT_TEXT
    name, verb = _KINDS[kind]
    return (
        f"Thank you for sending {name}. I'm a bot that can only read text messages, so I "
        f"can't {verb}. Could you tell me in words what's on your mind?"
    )


CAPTION_NOTE = (
    "I can only read text, so I can't see what you attached, but I've read what you wrote with it."
)

GROUP_CRISIS_NOTE = (
    "I only talk in private chats, so I can't talk here. If this is about you, please "
    "message me directly, or call one of the numbers above. If it's about someone else, "
    "these numbers can help you help them too."
)

# answerCallbackQuery text (at most 200 characters).
STALE_BUTTON = "That question has moved on, so this button does nothing now. Please use the newest buttons, or just write to me."

PRIVATE_ONLY = (
    "Hi! I only talk in private chats, so this is the one message I'll write here, and I "
    "don't keep anything from groups. If someone here seems to be in danger, I'll share "
    "helplines. If you'd like to talk, please message me directly."
)


def resources(language_code: Optional[str] = None) -> str:
    """Crisis resources as plain text, for the deployment's region and the person's language.

    The region is the deployment's CRISIS_REGION (Telegram does not tell us where a person
    is); the language is the one their Telegram app is set to, when we have texts for it.
    If the crisis module cannot render, the default list is sent: /resources never fails.
    """
    language = (language_code or "en").split("-")[0].lower()
    from bot.channels import crisis_link

    try:
        text = crisis_link.render_plain_text(
            crisis_link.normalise_region(settings.CRISIS_REGION.get()), language
        )
    except Exception:  # noqa: BLE001 - a broken data file must not silence /resources
        logger.exception("Rendering crisis resources failed; /resources uses the default list")
        return crisis_link.fallback_text()
    return text.strip() if isinstance(text, str) and text.strip() else crisis_link.fallback_text()
