"""The leave-one-writer-out folds (eval.crisis_lowo) must hold each writer out entirely: its
validation halves from the thresholds, the tuning files written from them from the fits, and
never a held-out half anywhere. These fail when a fold leaks its own writer's lines."""

from __future__ import annotations

import pytest

from bot import retired_sets
from bot.crisis import learned
from eval import crisis_lowo

DEV = learned.ROOT / "eval" / "data" / "crisis_dev"


@pytest.fixture(scope="module")
def rows():
    return crisis_lowo.training_rows(), crisis_lowo.validation_rows()


def test_tuning_files_know_the_sets_they_were_written_from():
    assert crisis_lowo.versions_read(DEV / "tune.tsv") == frozenset()
    assert crisis_lowo.versions_read(DEV / "tune_families_15n.tsv") == {15}
    # Written from v12's half, read with v11's and v10's.
    assert crisis_lowo.versions_read(DEV / "tune_families_12.tsv") == {10, 11, 12}
    assert crisis_lowo.versions_read(DEV / "tune_families_13n.tsv") == {12, 13}


def test_the_rows_are_the_tiers_own(rows):
    train, validation = rows
    assert [(r.label, r.message) for r in train] == learned.training_rows()
    assert [(r.label, r.message) for r in validation] == learned.validation_rows()


@pytest.mark.parametrize("version", crisis_lowo.DEFAULT_FOLDS)
def test_a_fold_never_sees_its_own_writer(rows, version):
    train, validation = rows
    fold = crisis_lowo.make_fold(version, train, validation, crisis_lowo.DEFAULT_FOLDS)
    mine = {
        str(h.first.relative_to(learned.ROOT))
        for h in retired_sets.crisis_and_news_halves()
        if h.version == version
    }
    assert {validation[i].source for i in fold.score} == mine
    seen = [train[i] for i in fold.train] + [validation[i] for i in fold.choose]
    assert not {r.source for r in seen} & mine
    assert not any("heldout" in r.source for r in seen + [validation[i] for i in fold.score])
    written_from = {f"tune_families_{version}.tsv", f"tune_families_{version}n.tsv"}
    assert not any(r.source.rsplit("/", 1)[-1] in written_from for r in seen)
    # By content: the held-out writer's lines the fold sees are the few common phrasings other
    # writers or the bot's own data hold word for word ("i want to kill myself"; 11 to 23 of
    # ~1,700 a set, tests/crisis/test_dev_splits.py); a leaked half would be all of them.
    held_out = {validation[i].message for i in fold.score}
    assert len(held_out & {r.message for r in seen}) <= 0.02 * len(held_out)
    assert len(fold.score) > 100 and len(fold.choose) > 10 * len(fold.score)


def test_the_warm_start_holds_out_every_fold(rows):
    train, validation = rows
    base = crisis_lowo.make_fold(None, train, validation, crisis_lowo.DEFAULT_FOLDS)
    assert not base.score
    for i in base.train:
        assert not crisis_lowo.held_by(train[i].source) & set(crisis_lowo.DEFAULT_FOLDS)
    assert not any(validation[i].source.endswith("_v16.tsv") for i in base.choose)
