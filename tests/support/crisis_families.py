"""Shared checks for the per-family crisis tests (tests/crisis/test_families_v8.py, _v9.py ...):
families of fresh sentences turned into one parametrised case each, the lexicon-only assertions
both ways, the wiring of a tuning file's classes, and the check that a test's sentences are in
no tuning, validation or held-out split."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Sequence

import pytest

from bot.crisis import learned, tiers
from bot.crisis.lexicon import get_lexicon


def params(families: Mapping[str, Sequence[str]]) -> List:
    """One pytest.param per sentence, named family-index."""
    return [
        pytest.param(text, id=f"{name}-{i}")
        for name, texts in families.items()
        for i, text in enumerate(texts)
    ]


def assert_escalates(text: str) -> None:
    result = get_lexicon().match(text)
    assert result.matched and not result.negated, (text, result.categories)


def assert_quiet(text: str) -> None:
    assert not get_lexicon().match(text).matched, text


def assert_tune_file_wired(
    path: Path,
    crisis: Iterable[str],
    everyday: Iterable[str],
    kinds: Dict[str, str],
    lines: tuple = (24, 40),
) -> None:
    """The file is in the tuning paths; its crisis classes are not everyday and have their
    guidance; its hard-negative classes are everyday; each family has lines[0]..lines[1] lines;
    about half the lines are hard negatives."""
    crisis, everyday = set(crisis), set(everyday)
    rows = learned.read_tsv(path)
    assert path in learned.TUNE_PATHS
    counts: Dict[str, int] = {}
    for category, _ in rows:
        counts[category] = counts.get(category, 0) + 1
    assert not crisis & learned.EVERYDAY_CATEGORIES
    assert everyday <= learned.EVERYDAY_CATEGORIES
    low, high = lines
    for family in crisis | everyday:
        assert low <= counts.get(family, 0) <= high, (family, counts.get(family))
    for category, kind in kinds.items():
        assert tiers.kind_of(category) == kind, category
    share = sum(c in learned.EVERYDAY_CATEGORIES for c, _ in rows) / len(rows)
    assert 0.4 <= share <= 0.65


def assert_in_no_data_split(sentences: Iterable[str]) -> None:
    """None of these sentences is in the tuning, validation or held-out data."""
    from eval.crisis import HELDOUT_FILES

    ours = {t.lower() for t in sentences}
    used = {m.lower() for _, m in learned.training_rows()}
    used |= {m.lower() for _, m in learned.validation_rows()}
    for path in HELDOUT_FILES.values():
        used |= {m.lower() for _, m in learned.read_tsv(path)}
    assert not ours & used
