"""CrisisDetector: the crisis override in Rasa's NLU pipeline.

Placed after DIETClassifier and before FallbackClassifier in config.yml
(``bot.crisis.detector.CrisisDetector``). For every message it runs both crisis tiers
(bot/crisis/tiers.py): the reviewed lexicon (bot/crisis/lexicon.py) first, then the learned
tier (bot/crisis/learned.py), which catches phrasings no pattern names and may tone a lexicon
match down to a direct question (never below showing the resources):

* on a crisis the intent becomes ``crisis`` with confidence 1.0, the ranking is
  rewritten with ``crisis`` first (the other intents at 0.0, so the
  FallbackClassifier's ambiguity check cannot turn it into a fallback), and
  entities are added so the crisis slots fill inside the Rasa server, without
  the action server: ``crisis_category``, ``crisis_negated`` ("true"/"false"),
  ``crisis_language`` ("en"/"es"), ``crisis_kind`` (which guidance follows the resources:
  general, medical, abuse, third_party, harm_to_others) and, when known, ``crisis_region``.
  ``crisis_negated`` is "unsure" in the learned tier's middle band: the resources response
  then asks directly ("Are you thinking about suicide, or about hurting yourself?"); it is
  "true" (the gentle intro) for a negated mention, or for a lexicon match the learned tier
  reads with confidence as everyday talk (past recovery, homework). The full
  result is stored under the message key ``crisis`` (it appears in parse_data);
* when only DIET predicts ``crisis`` it is kept (if ``classifier_backstop`` is on) at or
  above ``classifier_threshold`` (default 0.8) with a risk cue, and otherwise demoted to the next
  intent of the ranking, so that the FallbackClassifier can still act.

The ``/intent`` path: Rasa's ``RegexMessageHandler`` runs after this component and rebuilds
any ``/known_intent...`` message from its text alone; ``bot/rasa_compat/message_handler.py``
replaces it with a subclass that re-applies the crisis override afterwards.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot import fast_yaml, settings
from bot.crisis import learned
from bot.crisis.lexicon import CrisisResult, get_lexicon, guess_language
from bot.crisis.tiers import assess

logger = logging.getLogger(__name__)

CRISIS_INTENT = "crisis"
CRISIS_KEY = "crisis"  # message key holding the full result (appears in parse_data)
ENTITY_CATEGORY = "crisis_category"
ENTITY_NEGATED = "crisis_negated"
ENTITY_REGION = "crisis_region"
ENTITY_LANGUAGE = "crisis_language"
ENTITY_KIND = "crisis_kind"
CRISIS_ENTITIES = (ENTITY_CATEGORY, ENTITY_NEGATED, ENTITY_REGION, ENTITY_LANGUAGE, ENTITY_KIND)
NEGATED_UNSURE = "unsure"
# Category recorded when the crisis comes from the classifier alone or from a
# "/crisis" payload (a "Get help" button), where no pattern names a category.
CATEGORY_CLASSIFIER = "unspecified"
CATEGORY_REQUESTED = "help_requested"

_REGION_ALIASES = {
    "UK": "GB",
    "EN": "GB",
    "ENGLAND": "GB",
    "SCOTLAND": "GB",
    "WALES": "GB",
    "USA": "US",
    "IRL": "IE",
    "AUS": "AU",
    "CAN": "CA",
    "NZL": "NZ",
}
_REGION_CODE = re.compile(r"^[A-Z]{2}$")


def _known_regions() -> set:
    try:
        from bot.crisis.resources import known_regions

        return set(known_regions())
    except Exception:  # the resources file is unreadable: regions still work, logged
        logger.exception("crisis detector: could not read regions from resources.yml")
        return {"US", "CA", "GB", "IE", "AU", "NZ"}


def normalise_region(value: Any) -> Optional[str]:
    """'gb', 'UK ' -> 'GB'; anything that is not a region with resources -> None."""
    if not isinstance(value, str):
        return None
    code = value.strip().upper()
    code = _REGION_ALIASES.get(code, code)
    if not _REGION_CODE.match(code):
        return None
    return code if code in _known_regions() else None


def resolve_region(
    message: Message, env_var: str = "CRISIS_REGION", metadata_key: str = "region"
) -> Optional[str]:
    """The channel's region (message metadata) first, else the deployment's setting."""
    metadata = message.get("metadata")
    if isinstance(metadata, dict):
        region = normalise_region(metadata.get(metadata_key))
        if region:
            return region
    return normalise_region(settings.REGISTRY[env_var].raw())


def _entity(name: str, value: str, extractor: str) -> Dict[str, Any]:
    # start/end 0: these entities describe the message, they are not spans of it
    # (Rasa's evaluation code sorts entities by "start", so it must be present).
    return {
        ENTITY_ATTRIBUTE_TYPE: name,
        ENTITY_ATTRIBUTE_VALUE: value,
        ENTITY_ATTRIBUTE_START: 0,
        ENTITY_ATTRIBUTE_END: 0,
        ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
        EXTRACTOR: extractor,
    }


def _set_entities(message: Message, values: Dict[str, Optional[str]], extractor: str) -> None:
    """Replace any crisis entities on the message with `values` (None = leave out)."""
    entities = [
        e
        for e in (message.get(ENTITIES) or [])
        if e.get(ENTITY_ATTRIBUTE_TYPE) not in CRISIS_ENTITIES
    ]
    entities += [_entity(k, v, extractor) for k, v in values.items() if v is not None]
    message.set(ENTITIES, entities, add_to_output=True)


def _ranking(message: Message) -> List[Dict[str, Any]]:
    ranking = message.get(INTENT_RANKING_KEY)
    return [r for r in ranking if isinstance(r, dict)] if isinstance(ranking, list) else []


def apply_crisis(
    message: Message,
    result: CrisisResult,
    region: Optional[str],
    extractor: str = "CrisisDetector",
    confidence: float = 1.0,
    kind: str = "general",
    band: str = "crisis",
    p_learned: Optional[float] = None,
) -> None:
    """Make `message` a crisis: intent, ranking with crisis first, entities, result.

    band: "crisis"; "gentle" (the resources with the gentle intro); "unsure" (the learned
    tier's middle band: ask directly, with the resources)."""
    if band == NEGATED_UNSURE:
        negated = NEGATED_UNSURE
    else:
        negated = "true" if (result.negated or band == "gentle") else "false"
    others = [
        {INTENT_NAME_KEY: r.get(INTENT_NAME_KEY), PREDICTED_CONFIDENCE_KEY: 0.0}
        for r in _ranking(message)
        if r.get(INTENT_NAME_KEY) != CRISIS_INTENT
    ]
    crisis = {INTENT_NAME_KEY: CRISIS_INTENT, PREDICTED_CONFIDENCE_KEY: confidence}
    message.set(INTENT, dict(crisis), add_to_output=True)
    message.set(INTENT_RANKING_KEY, [dict(crisis)] + others, add_to_output=True)
    _set_entities(
        message,
        {
            ENTITY_CATEGORY: result.category,
            ENTITY_NEGATED: negated,
            ENTITY_LANGUAGE: result.language,
            ENTITY_REGION: region,
            ENTITY_KIND: kind,
        },
        extractor,
    )
    record = result.as_dict()
    # Keep what matched (pattern, place, category), not the person's words: parse_data is
    # stored with the tracker, and only the message text itself goes through anonymisation.
    for span in record["spans"]:
        span.pop("text", None)
    record["region"] = region
    record["kind"] = kind
    record["band"] = band
    if p_learned is not None:
        record["p_learned"] = round(float(p_learned), 4)
    message.set(CRISIS_KEY, record, add_to_output=True)


CUES_PATH = Path(__file__).resolve().parents[2] / "data" / "crisis" / "classifier_cues.yml"


@functools.lru_cache(maxsize=1)
def _cue_pattern() -> "re.Pattern[str]":
    """One regex of the risk cues (data/crisis/classifier_cues.yml), as word-start stems."""
    stems = sorted(
        {
            s.strip().lower()
            for s in (fast_yaml.safe_load(CUES_PATH.read_text(encoding="utf-8")) or {}).get(
                "stems", []
            )
            if isinstance(s, str) and s.strip()
        },
        key=len,
        reverse=True,
    )
    if not stems:
        raise ValueError(f"{CUES_PATH} lists no cues")
    alternatives = "|".join(r"\s+".join(map(re.escape, stem.split())) for stem in stems)
    return re.compile(rf"(?<![\w])(?:{alternatives})", re.IGNORECASE)


def has_risk_cue(text: str) -> bool:
    """Whether the text mentions any risk cue (checked on its normalised form too)."""
    if not text:
        return False
    pattern = _cue_pattern()
    if pattern.search(text):
        return True
    return bool(pattern.search(get_lexicon().normalise(text)))


def _demote(message: Message) -> None:
    """Replace a low-confidence classifier-only `crisis` by the next intent."""
    rest = [r for r in _ranking(message) if r.get(INTENT_NAME_KEY) != CRISIS_INTENT]
    if rest:
        nxt = rest[0]
        intent = {
            INTENT_NAME_KEY: nxt.get(INTENT_NAME_KEY),
            PREDICTED_CONFIDENCE_KEY: nxt.get(PREDICTED_CONFIDENCE_KEY, 0.0),
        }
    else:
        # Nothing else was ranked: an empty prediction the FallbackClassifier turns
        # into nlu_fallback (its threshold is above 0).
        intent = {INTENT_NAME_KEY: None, PREDICTED_CONFIDENCE_KEY: 0.0}
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, rest, add_to_output=True)


def _text(message: Message) -> str:
    text = message.get(TEXT)
    return text if isinstance(text, str) else ""


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisDetector(GraphComponent, IntentClassifier, EntityExtractorMixin):
    """Rule-based crisis override; see the module docstring."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            # Whether a classifier-only `crisis` (no pattern matched) may escalate at all.
            "classifier_backstop": True,
            # A classifier-only `crisis` below this confidence is demoted.
            "classifier_threshold": 0.8,
            # Deployment region (ISO code: US, GB, IE, AU, CA, NZ ...) from this env var.
            "region_env": "CRISIS_REGION",
            # ... unless the channel sends one in the message metadata under this key.
            "metadata_region_key": "region",
            # The learned tier (bot/crisis/learned.py) after the lexicon; CRISIS_LEARNED_TIER=0
            # also switches it off for a deployment.
            "learned_tier": True,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.component_config = {**self.get_default_config(), **(config or {})}
        # Build the matchers and load the learned tier now (seconds, once per process), not on
        # the first message. A learned tier that cannot load is logged and left out.
        get_lexicon()
        if self.component_config["learned_tier"]:
            learned.get_learned_tier()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CrisisDetector":
        from bot import rasa_compat

        if not rasa_compat.installed():
            # Trained or served without the patches, the `/intent` path would skip this check
            # and a failed turn would leave a person in crisis without an answer.
            raise RuntimeError(
                "CrisisDetector needs bot.rasa_compat: run Rasa as `python -m bot.rasa_cli ...` "
                "(or call bot.rasa_compat.install() first in your own process)"
            )
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            try:
                self._process_one(message)
            except Exception:
                # Never break the NLU pipeline. The lexicon itself never raises; this
                # guards the bookkeeping around it and is logged loudly. Then the lexicon
                # alone gets a second go, so a fault near the learned tier loses nothing.
                logger.exception("crisis detector failed on a message")
                try:
                    self._process_one(message, use_learned=False)
                except Exception:
                    logger.exception("crisis detector failed on a message, lexicon alone")
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        """Nothing to add at training time (the component is not trainable)."""
        return training_data

    def _process_one(self, message: Message, use_learned: bool = True) -> None:
        assessment = assess(
            _text(message), use_learned=use_learned and self.component_config["learned_tier"]
        )
        region = resolve_region(
            message,
            self.component_config["region_env"],
            self.component_config["metadata_region_key"],
        )
        if assessment.band != learned.NONE:
            apply_crisis(
                message,
                assessment.result,
                region,
                extractor=self.name,
                kind=assessment.kind,
                band=assessment.band,
                p_learned=assessment.p_crisis,
            )
            return
        intent = message.get(INTENT) or {}
        if not isinstance(intent, dict) or intent.get(INTENT_NAME_KEY) != CRISIS_INTENT:
            return
        confidence = intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0
        # A classifier-only guess needs high confidence and a risk cue in the text
        # (data/crisis/classifier_cues.yml): ordinary answers scored high without either.
        if (
            self.component_config["classifier_backstop"]
            and confidence >= self.component_config["classifier_threshold"]
            and has_risk_cue(_text(message))
        ):
            classifier_result = CrisisResult(
                matched=True,
                category=CATEGORY_CLASSIFIER,
                categories=[CATEGORY_CLASSIFIER],
                negated=False,
                language=guess_language(_text(message)),
                source="classifier",
            )
            apply_crisis(
                message,
                classifier_result,
                region,
                extractor=self.name,
                confidence=float(confidence),
            )
        else:
            _demote(message)
