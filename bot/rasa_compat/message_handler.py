"""Rasa's ``/intent`` handler, followed by the crisis check on the same text (a safety patch).

Why: Rasa 3.6 adds ``RegexMessageHandler`` as the *last* NLU node of every default-recipe
graph (rasa/engine/recipes/default_recipe.py, ``run_RegexMessageHandler`` is the
``nlu_target``). It rebuilds any message whose text is ``/known_intent...`` from the text
alone, which would discard the CrisisDetector's override for ``/greet@1.0 i want to die`` or
``/inform{"x": "i want to die"}``. ("/vent i want to die" is safe: "vent i want to die" is not a
known intent, so Rasa keeps our parse.)

How: a subclass with the same class name (so the node name and nlu_target stay
``run_RegexMessageHandler``) is put where the recipe imports it from. The recipe imports it
lazily when it builds the predict graph, so a model trained after ``install()`` stores
``bot.rasa_compat.message_handler.RegexMessageHandler`` in its graph schema, and loading such a
model imports this module again. Upstream: the recipe hard-codes the handler
(no extension point in 3.6); canary test: tests/rasa_compat/test_message_handler.py.
"""

from __future__ import annotations

import logging
from typing import List, Optional

import rasa.nlu.classifiers.regex_message_handler as _regex_module
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.crisis.detector import (
    CATEGORY_REQUESTED,
    CRISIS_INTENT,
    _text,
    apply_crisis,
    resolve_region,
)
from bot.crisis.lexicon import CrisisResult, get_lexicon, guess_language

logger = logging.getLogger(__name__)

UPSTREAM = getattr(_regex_module, "_RasaRegexMessageHandler", _regex_module.RegexMessageHandler)


class RegexMessageHandler(UPSTREAM):  # type: ignore[misc, valid-type]
    """Rasa's `/intent` handler, followed by the crisis check on the same text.

    Same class name as Rasa's on purpose: the recipe names the node and the NLU
    target after it (``run_RegexMessageHandler``).
    """

    def process(self, messages: List[Message], domain: Optional[Domain] = None) -> List[Message]:
        originals = list(messages)
        handled = super().process(messages, domain)
        out = []
        for before, after in zip(originals, handled, strict=False):
            try:
                if after is not before:
                    self._recheck(before, after)
            except Exception as error:  # never lose the turn; the text stays out of the log
                logger.error(
                    "crisis re-check after /intent parsing failed: %s", type(error).__name__
                )
            out.append(after)
        return out

    @staticmethod
    def _recheck(before: Message, after: Message) -> None:
        region = resolve_region(before)
        result = get_lexicon().match(_text(after))
        if result.matched:
            apply_crisis(after, result, region, extractor="CrisisDetector")
            return
        intent = after.get(INTENT) or {}
        if intent.get(INTENT_NAME_KEY) == CRISIS_INTENT:
            # "/crisis" from a button: the person asked for help. apply_crisis replaces every
            # crisis entity a payload carried (it could be typed text) with our own values.
            requested = CrisisResult(
                matched=True,
                category=CATEGORY_REQUESTED,
                categories=[CATEGORY_REQUESTED],
                negated=False,
                language=guess_language(_text(before)),
                source="payload",
            )
            apply_crisis(after, requested, region, extractor="CrisisDetector")


def install() -> None:
    """Put the subclass where DefaultV1Recipe imports it from. Idempotent."""
    if not hasattr(_regex_module, "_RasaRegexMessageHandler"):
        _regex_module._RasaRegexMessageHandler = _regex_module.RegexMessageHandler
    _regex_module.RegexMessageHandler = RegexMessageHandler


def installed() -> bool:
    return _regex_module.RegexMessageHandler is RegexMessageHandler
