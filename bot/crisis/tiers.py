"""Both crisis tiers on one message: the lexicon first, then the learned tier.

Rasa-free, so the detector component, the evaluation and the bench share one decision.
``assess(text)`` never raises because of the learned tier: if it is off, failed to load, or
raises on this message, the lexicon's answer stands (the tier is never a single point of
failure), and the failure is logged without the message text.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from bot.crisis import learned
from bot.crisis.lexicon import CrisisResult, get_lexicon, guess_language
from bot.crisis.resources import GUIDED_KINDS

logger = logging.getLogger(__name__)

# What the person is shown besides the general resources depends on the kind of crisis
# (data/crisis/resources.yml, `guidance`). Keys: lexicon categories and dev-set categories.
KIND_GENERAL = "general"
KIND_OF_CATEGORY = {
    "overdose": "medical",
    "suicide_attempt": "medical",
    "medical_emergency": "medical",
    "abuse": "abuse",
    "sexual_violence": "abuse",
    "child_abuse": "abuse",
    "sexual_abuse": "abuse",
    "grooming_exploitation": "abuse",
    "domestic_abuse": "abuse",
    # Abuse by a carer (of an older or disabled person), forced marriage, trafficking and
    # modern slavery, sextortion: "not your fault" and the region's abuse lines, which name the
    # trafficking / forced-marriage and child lines where the region has them.
    "carer_abuse": "abuse",
    "forced_marriage_trafficking": "abuse",
    "sextortion": "abuse",
    "third_party_risk": "third_party",
    "third_party": "third_party",
    "harm_to_others": "harm_to_others",
    # Stalking, someone trying to get in, "i'm in danger": emergency services and a safe place.
    "personal_danger": "danger",
    # Finding or witnessing a death now: emergency services if nobody has called, not alone.
    "sudden_loss": "loss",
    # Overdose signs, using alone, dangerous withdrawal: emergency now, naloxone, not alone.
    "substance_danger": "substance",
    # A child or a vulnerable person missing now: police / emergency now, no 24-hour wait.
    "missing_person": "missing",
    # Threats over a debt (lenders, dealers): the same as any threat of violence.
    "debt_threats": "danger",
    # Command hallucinations, persecution: urgent care today, "you don't have to obey them".
    "psychosis": "psychosis",
    # Trapped or in danger from fire, smoke, flood, gas, fumes or extreme weather now (the
    # learned tier's class): emergency services now, get out and stay out, what to do if not.
    "trapped_disaster": "disaster",
    # A life-threatening dare or trend about to be done or just done (choking games, swallowing
    # pills or chemicals for a bet, train surfing), and an essential medicine or treatment run
    # out or cut off with harm near (insulin, oxygen, dialysis, seizure meds): emergency now.
    "dangerous_challenge": "medical",
    "meds_cut_off": "medical",
    # Cold or heat harming someone now (no heating in freezing weather, stuck outdoors, a child
    # in a hot car, heatstroke): emergency services now, as for a disaster.
    "cold_heat_exposure": "disaster",
    # A call for help in disguise ("order a pizza" to an emergency line, a code word, "he reads
    # my phone"): emergency services and a safe place, as for any danger.
    "covert_signal": "danger",
    # An overdose or poisoning just taken by accident or of unknown intent (a child and a button
    # battery or a dishwasher tablet, a double dose, fumes): emergency now, as for an overdose.
    "poisoning": "medical",
}
KINDS = (KIND_GENERAL, *GUIDED_KINDS)


@dataclass(frozen=True)
class Assessment:
    """The decision for one message.

    band: ``crisis`` (full response), ``gentle`` (a lexicon match the learned tier reads as
    everyday talk: the resources with the gentle intro), ``unsure`` (ask directly, resources
    visible) or ``none``.
    result: the lexicon's result, or a synthetic one naming the learned category.
    kind: which guidance follows the resources (``general`` = none).
    p_crisis: the learned tier's probability, None when it did not run.
    """

    band: str
    result: CrisisResult
    kind: str
    p_crisis: Optional[float]


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def readable(text: str) -> bool:
    """Whether the learned tier has anything to read: its classifier was trained on English
    chat, so it abstains on text with no Latin-letter word (empty, emoji, digits, symbols,
    other scripts), where its probabilities mean nothing. The lexicon still runs on those."""
    return bool(_LATIN_WORD.search(unicodedata.normalize("NFKD", text)))


def kind_of(category: Optional[str]) -> str:
    return KIND_OF_CATEGORY.get(category or "", KIND_GENERAL)


def assess(text: str, use_learned: bool = True) -> Assessment:
    """Lexicon, then (unless use_learned is False) the learned tier; see bot.crisis.learned."""
    text = text if isinstance(text, str) else ""
    result = get_lexicon().match(text)
    tier = learned.get_learned_tier() if use_learned and readable(text) else None
    score = None
    if tier is not None:
        try:
            # A lexicon match gets the full tier (the screen never clears it).
            score = tier.score(text, full=result.matched)
        except Exception as error:  # the lexicon still decides; no message text in the log
            logger.error("crisis learned tier failed on a message: %s", type(error).__name__)
    band = learned.decide(result.matched, score, tier.thresholds if tier is not None else None)
    p = score.p_crisis if score is not None else None
    if band == learned.NONE:
        return Assessment(learned.NONE, result, KIND_GENERAL, p)
    if not result.matched:
        result = CrisisResult(
            matched=True,
            category=score.category,
            categories=[score.category],
            negated=False,
            language=guess_language(text),
            source="learned",
        )
    kind = KIND_GENERAL
    if band == learned.CRISIS:
        kind = kind_of(result.category)
        if kind == KIND_GENERAL and score is not None:
            kind = kind_of(score.category)
    return Assessment(band, result, kind, p)
