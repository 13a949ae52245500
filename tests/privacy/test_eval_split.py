"""The retired v5 to v11 sets' split: even lines (and even-numbered pairs) are tuned on, the rest is
held out; a pair's messages never straddle the halves (the later one is read with the first)."""

from __future__ import annotations

import pytest

from eval.anonymiser import (
    RETIRED_V5,
    RETIRED_V6,
    RETIRED_V7,
    RETIRED_V8,
    RETIRED_V9,
    RETIRED_V10,
    RETIRED_V11,
    load_jsonl,
    split_even_odd,
    with_pair_context,
)


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


@pytest.mark.parametrize(
    "path",
    [RETIRED_V5, RETIRED_V6, RETIRED_V7, RETIRED_V8, RETIRED_V9, RETIRED_V10, RETIRED_V11],
    ids=["v5", "v6", "v7", "v8", "v9", "v10", "v11"],
)
def test_the_retired_halves_cover_it_once_and_keep_pairs_whole(path):
    rows = with_pair_context(load_jsonl(path))
    tune, held = split_even_odd(rows)
    assert len(tune) + len(held) == len(rows)
    assert {id(r) for r in tune}.isdisjoint(id(r) for r in held)
    pairs_tune = {r["pair"] for r in tune if r.get("pair") is not None}
    pairs_held = {r["pair"] for r in held if r.get("pair") is not None}
    assert pairs_tune and pairs_held and pairs_tune.isdisjoint(pairs_held)
    assert all(p % 2 == 0 for p in pairs_tune)
