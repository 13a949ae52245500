"""Section 4 of the security issue: no message text in any log line (bot/log_redaction.py).

Old: each failure wrote the raw message to the log at ERROR level, and Rasa logs
parse_data_text, entities and slots at debug level; logs are outside retention and outside
"delete my data".
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging

import pytest

from bot import log_redaction

SECRET = "my sister Ana hits me when mum is out"


@pytest.fixture
def logged(caplog):
    """Run ``fn`` in a fresh context with the redaction installed; return the log text."""
    log_redaction.install()
    caplog.set_level(logging.DEBUG)

    def run(fn):
        contextvars.copy_context().run(fn)
        return caplog.text + "".join(r.exc_text or "" for r in caplog.records)

    return run


def test_the_registered_message_is_redacted_from_messages_args_and_tracebacks(logged):
    def scenario():
        log_redaction.register(SECRET)
        log = logging.getLogger("rasa.core.processor")
        log.debug(f"Received user message '{SECRET}' with intent 'vent'")
        log.error("failed on %s", SECRET)
        log.info("tokens %r", [SECRET])
        try:
            raise ValueError(f"cannot parse {SECRET!r}")
        except ValueError:
            log.exception("parse failed")

    text = logged(scenario)
    assert "Received user message" in text and "parse failed" in text and "ValueError" in text
    assert SECRET not in text and "Ana hits" not in text
    assert log_redaction.REDACTED in text


def test_escaped_forms_are_redacted_too(logged):
    surrogate = "i want to kill myself \ud83d tonight"

    def scenario():
        log_redaction.register(surrogate)
        logging.getLogger("x").warning(json.dumps({"event": "e", "note": surrogate}))
        logging.getLogger("x").warning("%r", surrogate)

    text = logged(scenario)
    assert "kill myself" not in text


def test_structlog_json_lines_lose_their_content_keys_even_unregistered(logged):
    """Rasa's structlog debug lines (JSON when not on a terminal) carry text and entities."""
    line = json.dumps(
        {
            "event": "processor.message.parse",
            "parse_data_text": "hello Ana",
            "parse_data_entities": [{"value": "Ana"}],
            "parse_data_intent": "greet",
            "level": "debug",
        }
    )
    text = logged(lambda: logging.getLogger("rasa.core.processor").debug(line))
    assert "Ana" not in text
    assert "processor.message.parse" in text and "greet" in text


def test_rasa_structlog_through_its_own_configuration(logged, capsys):
    """The real path: Rasa's configure_structlog renders JSON into the logging module."""
    import structlog
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.DEBUG)
    structlogger = structlog.get_logger("redaction-test")

    def scenario():
        log_redaction.register(SECRET)
        structlogger.debug("processor.message.parse", parse_data_text=SECRET, other=SECRET)

    text = logged(scenario) + capsys.readouterr().out
    assert "processor.message.parse" in text
    assert SECRET not in text


def test_other_conversations_texts_are_not_mixed_in(logged):
    """The registered texts belong to one context (one message being handled)."""

    def other():
        log_redaction.register("first conversation words")

    contextvars.copy_context().run(other)
    text = logged(lambda: logging.getLogger("x").info("harmless first conversation words line"))
    assert "first conversation words" in text


def test_short_texts_are_not_redacted_everywhere(logged):
    def scenario():
        log_redaction.register("no")
        logging.getLogger("x").info("no model loaded")

    assert "no model loaded" in logged(scenario)


def test_the_rasa_server_installs_it_with_our_channels():
    import bot.channels  # noqa: F401  (Rasa imports our channels from credentials.yml)

    assert log_redaction._installed
    assert "log_redaction" in logging.getLogRecordFactory().__code__.co_filename


def test_the_action_server_registers_each_calls_texts(logged):
    """In the action server the texts come with each action call (tracker events and slots)."""
    from rasa_sdk.executor import ActionExecutor

    import actions  # noqa: F401  (installs it, as `rasa run actions --actions actions` does)

    assert getattr(ActionExecutor.run, "_redacting", False)
    call = {
        "next_action": "action_x",
        "tracker": {
            "latest_message": {"text": SECRET},
            "slots": {"belief": "i am worthless and unlovable"},
            "events": [{"event": "user", "text": "earlier words of mine"}],
        },
    }
    texts = list(log_redaction.texts_of_action_call(call))
    assert {SECRET, "i am worthless and unlovable", "earlier words of mine"} <= set(texts)

    async def scenario():
        try:
            await ActionExecutor().run(call)
        except Exception:  # noqa: BLE001 - unknown action: rasa_sdk raises; we only log
            logging.getLogger("rasa_sdk").exception("action failed for %s", SECRET)

    text = logged(lambda: asyncio.run(scenario()))
    assert "action failed" in text and SECRET not in text
