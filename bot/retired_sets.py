"""The retired sealed sets, declared once: every reader derives its paths from ``RETIREMENTS``.

Each time the sealed sets (eval/sealed/) have been reported once, they are moved unchanged to
eval/data/retired_sealed/ and, from a given version on, split in two halves (by category for the
crisis and everyday-news sets, eval/data/crisis_dev/README.md; by file position or kind for the
PII sets, eval.anonymiser; by alternation within each intent for the intents sets, eval.intents).
The learned crisis tier chooses its thresholds on the validation halves
(bot.crisis.learned.VALIDATION_PATHS); eval.crisis, eval.crisis_bot, eval.everyday_news,
eval.anonymiser and eval.intents report the rest; tests/crisis/test_dev_splits.py and
tests/privacy/test_eval_split.py check the splits. Retiring the next set is one line in
``RETIREMENTS`` plus its data files (and its own everyday category names in
bot.crisis.learned.EVERYDAY_CATEGORIES, which test_dev_splits checks).

Here, in bot/ and free of imports beyond the standard library, because the learned tier (bot/)
reads the validation halves and bot/ never imports eval/.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
RETIRED_DIR = ROOT / "eval" / "data" / "retired_sealed"
CRISIS_DEV = ROOT / "eval" / "data" / "crisis_dev"
INTENTS_DIR = ROOT / "eval" / "data" / "intents"


@dataclass(frozen=True)
class Retirement:
    """One retirement: the version of the crisis, everyday-news and PII sets retired together,
    and of the intents set retired with them (sealed from v8 on)."""

    version: int
    intents: Optional[int] = None


# Oldest first; the session whose note reported each set once is in
# eval/data/retired_sealed/README.md.
RETIREMENTS: Tuple[Retirement, ...] = (
    Retirement(1),
    Retirement(2),
    Retirement(3),
    Retirement(4),
    Retirement(5),
    Retirement(6),
    Retirement(7),
    Retirement(8, intents=1),
    Retirement(9, intents=2),
    Retirement(10, intents=3),
    Retirement(11, intents=4),
    Retirement(12, intents=5),
    Retirement(13, intents=6),
    Retirement(14, intents=7),
    Retirement(15, intents=8),
    Retirement(16, intents=9),
    Retirement(17, intents=10),
    Retirement(18, intents=11),
)
VERSIONS: Tuple[int, ...] = tuple(r.version for r in RETIREMENTS)
INTENTS_VERSIONS: Tuple[int, ...] = tuple(r.intents for r in RETIREMENTS if r.intents)

# From which version each kind of set is split in two (older ones are read whole).
CRISIS_SPLIT_FROM = 3
NEWS_SPLIT_FROM = 4
PII_SPLIT_FROM = 3
# v3 and v4 are split by kind, v5 on by file position (eval.anonymiser says why).
PII_BY_POSITION_FROM = 5
INTENTS_SPLIT_FROM = 2


def crisis_whole(version: int) -> Path:
    return RETIRED_DIR / f"crisis_v{version}.tsv"


def news_whole(version: int) -> Path:
    return RETIRED_DIR / f"everyday_news_v{version}.tsv"


def pii_whole(version: int) -> Path:
    return RETIRED_DIR / f"pii_adversarial_v{version}.jsonl"


def intents_whole(version: int) -> Path:
    return RETIRED_DIR / f"intents_v{version}.tsv"


@dataclass(frozen=True)
class Halves:
    """A retired set split in two: ``first`` is studied (the crisis tier's validation, the
    intents tune half), ``held_out`` only reports figures."""

    name: str  # "v10", "news_v10", "intents_v3"
    version: int
    whole: Path
    first: Path
    held_out: Path


def crisis_halves() -> Tuple[Halves, ...]:
    return tuple(
        Halves(
            f"v{v}",
            v,
            crisis_whole(v),
            CRISIS_DEV / f"validation_v{v}.tsv",
            CRISIS_DEV / f"heldout_v{v}.tsv",
        )
        for v in VERSIONS
        if v >= CRISIS_SPLIT_FROM
    )


def news_halves() -> Tuple[Halves, ...]:
    return tuple(
        Halves(
            f"news_v{v}",
            v,
            news_whole(v),
            CRISIS_DEV / f"validation_news_v{v}.tsv",
            CRISIS_DEV / f"heldout_news_v{v}.tsv",
        )
        for v in VERSIONS
        if v >= NEWS_SPLIT_FROM
    )


def crisis_and_news_halves() -> Tuple[Halves, ...]:
    """Every crisis and news split, version by version, the crisis set before its news set (the
    order of the learned tier's validation files, and so of its fingerprint)."""
    halves = (*crisis_halves(), *news_halves())
    return tuple(sorted(halves, key=lambda h: (h.version, h.name.startswith("news_"))))


def intents_halves() -> Tuple[Halves, ...]:
    return tuple(
        Halves(
            f"intents_v{v}",
            v,
            intents_whole(v),
            INTENTS_DIR / f"tune_v{v}.tsv",
            INTENTS_DIR / f"heldout_v{v}.tsv",
        )
        for v in INTENTS_VERSIONS
        if v >= INTENTS_SPLIT_FROM
    )
