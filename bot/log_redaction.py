"""No message text in any log line: a log record factory that redacts what people wrote.

Rasa logs ``parse_data_text``, entities and slot values at debug level (structlog, rendered
to a JSON string and handed to the standard ``logging`` module), and exceptions raised while a
message is handled can carry the text in their message. Logs have no retention and are out of
reach of "delete my data", so text must never get there. Two nets, applied to every record of
the process whatever handler later writes it:

1. The texts of the message being handled, registered by the channel boundary
   (``register``; a context variable, so concurrent conversations do not mix) are replaced
   wherever they appear: in the message, its arguments and the formatted traceback, also in
   their JSON- and repr-escaped forms.
2. In structlog's JSON lines the values of keys that carry conversation content (Rasa's own
   list in rasa/utils/log_utils.py plus a few) are replaced, whatever their value.

``install()`` is idempotent; bot/channels/__init__.py calls it in the Rasa server and
actions/__init__.py in the action server (where the texts come from each action call).
"""

from __future__ import annotations

import contextvars
import json
import logging
from typing import Any, Iterable, Optional, Tuple

REDACTED = "[redacted]"
# Shorter texts ("no", "ok") are too common to replace everywhere; they cannot identify anyone
# and the structured keys below still catch them in Rasa's own lines.
MIN_LENGTH = 4

# Keys whose values are conversation content (Rasa's _anonymizer list, plus ours).
CONTENT_KEYS = frozenset(
    {
        "text",
        "response_text",
        "user_text",
        "slot_values",
        "parse_data_text",
        "parse_data_entities",
        "prediction_events",
        "tracker_latest_message",
        "prefilled_slots",
        "message",
        "response",
        "slot_candidates",
        "rasa_event",
        "rasa_events",
        "tracker_states",
        "current_states",
        "old_states",
        "successes",
        "current_entity",
        "next_entity",
        "states",
        "entity",
        "token_text",
        "user_message",
        "json_message",
        "entities",
        "slots",
        "value",
        "tracker",
        "events",
        "latest_message",
        "utter_action",
        "metadata",
        "request_body",
    }
)

_texts: contextvars.ContextVar[Tuple[str, ...]] = contextvars.ContextVar(
    "bot_log_redaction_texts", default=()
)
_installed = False


def register(text: Optional[str]) -> None:
    """Remember ``text`` (a message being handled in this context) for redaction."""
    if not isinstance(text, str) or len(text.strip()) < MIN_LENGTH:
        return
    current = _texts.get()
    if text not in current:
        _texts.set(current + (text,))


def register_many(texts: Iterable[Any]) -> None:
    for text in texts:
        register(text)


def clear() -> None:
    _texts.set(())


def _variants(text: str) -> Iterable[str]:
    yield text
    yield json.dumps(text)[1:-1]  # structlog JSONRenderer (ensure_ascii)
    yield json.dumps(text, ensure_ascii=False)[1:-1]
    yield repr(text)[1:-1]  # f"{some_list}" / %r
    stripped = text.strip()
    if stripped != text:
        yield stripped


def redact_string(value: str, texts: Optional[Tuple[str, ...]] = None) -> str:
    """``value`` with every registered text (and escaped forms) replaced."""
    texts = _texts.get() if texts is None else texts
    for text in sorted(texts, key=len, reverse=True):
        for form in _variants(text):
            if len(form) >= MIN_LENGTH and form in value:
                value = value.replace(form, REDACTED)
    return _redact_json(value)


def _redact_json(value: str) -> str:
    """A structlog JSON line with its content keys' values replaced."""
    stripped = value.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return value
    try:
        data = json.loads(stripped)
    except ValueError:
        return value
    if not isinstance(data, dict):
        return value
    changed = False
    for key in list(data):
        if key in CONTENT_KEYS and key != "event" and data[key] not in (None, "", [], {}):
            data[key] = REDACTED
            changed = True
    return json.dumps(data) if changed else value


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Rewrite ``record`` in place so no registered text or content key survives."""
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a malformed format string: keep the template only
        message = str(record.msg)
    redacted = redact_string(message)
    if redacted != message or record.args:
        record.msg, record.args = redacted, None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact_string(record.exc_text)
    if record.stack_info:
        record.stack_info = redact_string(record.stack_info)
    return record


class RedactingFilter(logging.Filter):
    """The same redaction as a filter, for handlers configured elsewhere (and for tests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True


def install() -> None:
    """Redact every log record this process creates (idempotent)."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            return redact_record(record)
        except Exception:  # noqa: BLE001 - never lose a log line; drop its content instead
            record.msg, record.args, record.exc_info, record.exc_text = (
                "[log line redacted]",
                None,
                None,
                None,
            )
            return record

    logging.setLogRecordFactory(factory)
    _installed = True


def texts_of_action_call(action_call: Any) -> Iterable[str]:
    """Every user text in an action server request (latest message and user events)."""
    tracker = action_call.get("tracker") if isinstance(action_call, dict) else None
    if not isinstance(tracker, dict):
        return []
    texts = []
    latest = tracker.get("latest_message")
    if isinstance(latest, dict):
        texts.append(latest.get("text"))
    for event in tracker.get("events") or []:
        if isinstance(event, dict) and event.get("event") == "user":
            texts.append(event.get("text"))
    for value in (tracker.get("slots") or {}).values():
        if isinstance(value, str):
            texts.append(value)
    return texts


def install_for_action_server() -> None:
    """``install()`` plus: each action call registers the conversation's texts first."""
    install()
    try:
        from rasa_sdk.executor import ActionExecutor
    except ImportError:  # pragma: no cover - not in an action server
        return
    if getattr(ActionExecutor.run, "_redacting", False):
        return
    original = ActionExecutor.run

    async def run(self: Any, action_call: Any) -> Any:
        register_many(texts_of_action_call(action_call))
        return await original(self, action_call)

    run._redacting = True  # type: ignore[attr-defined]
    ActionExecutor.run = run  # type: ignore[assignment]
