"""The retired sets' split from v5 on: even lines (and even-numbered pairs) are tuned on, the rest is
held out; a pair's messages never straddle the halves (the later one is read with the first)."""

from __future__ import annotations

import pytest

from bot import retired_sets
from eval.anonymiser import SPLITS, WHOLE, load_jsonl, split_even_odd, with_pair_context

BY_POSITION = [v for v in retired_sets.VERSIONS if v >= retired_sets.PII_BY_POSITION_FROM]


def _rows():
    return [
        {"text": "a", "spans": []},
        {"text": "b", "spans": []},
        {"text": "c", "spans": [], "pair": 1},
        {"text": "d", "spans": [], "pair": 1},
        {"text": "e", "spans": [], "pair": 2},
        {"text": "f", "spans": [], "pair": 2},
        {"text": "g", "spans": []},
    ]


def test_even_lines_and_even_pairs_are_tuned_on():
    tune, held = split_even_odd(_rows())
    assert [r["text"] for r in tune] == ["a", "e", "f", "g"]
    assert [r["text"] for r in held] == ["b", "c", "d"]


def test_every_retired_set_is_reported_and_split_from_v5_on_by_position():
    assert [v for v, _ in WHOLE] + [v for v, _, _ in SPLITS] == list(retired_sets.VERSIONS)
    assert [v for v, _, split in SPLITS if split is split_even_odd] == BY_POSITION
    assert BY_POSITION[0] == 5 and all(path.exists() for _, path, _ in SPLITS)


@pytest.mark.parametrize("version", BY_POSITION, ids=lambda v: f"v{v}")
def test_the_retired_halves_cover_it_once_and_keep_pairs_whole(version):
    path = retired_sets.pii_whole(version)
    rows = with_pair_context(load_jsonl(path))
    tune, held = split_even_odd(rows)
    assert len(tune) + len(held) == len(rows)
    assert {id(r) for r in tune}.isdisjoint(id(r) for r in held)
    pairs_tune = {r["pair"] for r in tune if r.get("pair") is not None}
    pairs_held = {r["pair"] for r in held if r.get("pair") is not None}
    assert pairs_tune and pairs_held and pairs_tune.isdisjoint(pairs_held)
    assert all(p % 2 == 0 for p in pairs_tune)
