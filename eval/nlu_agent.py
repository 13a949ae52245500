"""Load the trained model once, in-process, to parse many messages quickly for evaluation."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Iterable, List, Optional

from rasa.core.agent import Agent

from bot.training import ensure_model


def quiet_rasa_logs() -> None:
    """Rasa logs each parsed message's text at debug level through structlog, which prints
    everything to stdout until configured: warnings and errors only, so that an evaluation
    prints figures and never a sealed set's messages."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)


class Parser:
    """Parses text with the full trained NLU pipeline (crisis detector and fallback included)."""

    def __init__(self, model: Optional[Path] = None) -> None:
        from bot import rasa_compat

        rasa_compat.install()
        self.loop = asyncio.new_event_loop()
        quiet_rasa_logs()
        self.agent = Agent.load(str(model or ensure_model(quiet=True)))
        quiet_rasa_logs()  # loading the model may configure logging again

    def parse(self, text: str, metadata: Optional[dict] = None) -> dict:
        from rasa.core.channels.channel import UserMessage
        from rasa.shared.core.trackers import DialogueStateTracker  # noqa: F401

        message = UserMessage(text, metadata=metadata)
        return self.loop.run_until_complete(self.agent.processor.parse_message(message))

    def intents(self, texts: Iterable[str]) -> List[str]:
        return [self.parse(t)["intent"]["name"] for t in texts]
