"""Telegram Update JSON as Telegram sends it, for the channel tests."""

from __future__ import annotations

import itertools
import json
import re
import time
from typing import Any, Dict, List, Optional

TOKEN = "123456789:AAtest-Token_for_the_fake_api"
SECRET = "test-secret_0123456789abcdefXYZ"
BOT_NAME = "supportive_test_bot"

_update_ids = itertools.count(5000)
_message_ids = itertools.count(1)


def _user(user_id: int) -> Dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Sam", "language_code": "en"}


def _chat(chat_id: int, chat_type: str = "private") -> Dict[str, Any]:
    if chat_type == "private":
        return {"id": chat_id, "type": "private", "first_name": "Sam"}
    return {"id": chat_id, "type": chat_type, "title": "Friends of the bot"}


def message(
    chat_id: int,
    text: Optional[str] = None,
    chat_type: str = "private",
    kind: str = "message",
    **extra: Any,
) -> Dict[str, Any]:
    body: Dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id, chat_type),
    }
    if kind != "channel_post":
        body["from"] = _user(abs(chat_id) if chat_type == "private" else 777)
    if text is not None:
        body["text"] = text
        if text.startswith("/"):
            body["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
    if kind == "edited_message":
        body["edit_date"] = int(time.time())
    body.update(extra)
    return {"update_id": next(_update_ids), kind: body}


def sticker(chat_id: int) -> Dict[str, Any]:
    return message(
        chat_id,
        sticker={
            "file_id": "CAACAgI",
            "file_unique_id": "AgAD",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "emoji": "\U0001f622",
        },
    )


def voice(chat_id: int) -> Dict[str, Any]:
    return message(chat_id, voice={"file_id": "AwACAgQ", "file_unique_id": "AgADv", "duration": 4})


def photo(chat_id: int, caption: Optional[str] = None) -> Dict[str, Any]:
    extra: Dict[str, Any] = {
        "photo": [
            {
                "file_id": "AgACAgQ",
                "file_unique_id": "AQAD",
                "width": 90,
                "height": 90,
                "file_size": 1200,
            }
        ]
    }
    if caption is not None:
        extra["caption"] = caption
    return message(chat_id, **extra)


def location(chat_id: int) -> Dict[str, Any]:
    return message(chat_id, location={"latitude": 51.5, "longitude": -0.12})


def document(chat_id: int) -> Dict[str, Any]:
    return message(
        chat_id,
        document={"file_id": "BQACAgQ", "file_unique_id": "AgADd", "file_name": "notes.pdf"},
    )


def button_press(chat_id: int, sent: Dict[str, Any], data: str) -> Dict[str, Any]:
    """The callback_query Telegram sends when a button of the bot's message ``sent`` is pressed.

    ``sent`` is the result our fake API returned for the sendMessage (it carries the
    message_id and the inline keyboard, as Telegram's does). ``data`` is the button's
    callback_data, or what it means without the question it answers ("/deny").
    """
    markup = sent.get("reply_markup") or {}
    raw = [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]
    if data not in raw:
        data = next((r for r in raw if meaning(r) == data), data)
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids) * 1000),
            "from": _user(chat_id),
            "chat_instance": "-123456789",
            "data": data,
            "message": {
                "message_id": sent["message_id"],
                "date": int(time.time()),
                "chat": _chat(chat_id),
                "from": {"id": 123456789, "is_bot": True, "first_name": "Test bot"},
                "text": sent.get("text", ""),
                **({"reply_markup": sent["reply_markup"]} if sent.get("reply_markup") else {}),
            },
        },
    }


def meaning(payload: str) -> str:
    """A payload without the question it answers ('/deny{"question":"x"}' -> '/deny')."""
    match = re.match(r"^(/\w+)(\{.*\})?$", payload)
    if not match:
        return payload
    entities = json.loads(match.group(2) or "{}")
    entities.pop("question", None)
    return match.group(1) + (json.dumps(entities, separators=(",", ":")) if entities else "")


def keyboard_payloads(reply_markup: Dict[str, Any]) -> List[str]:
    """What each button of an inline keyboard says (its callback_data, see ``meaning``)."""
    return [
        meaning(b["callback_data"]) for row in reply_markup.get("inline_keyboard", []) for b in row
    ]
