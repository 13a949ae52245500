"""`python -m bench.anonymiser --compare` reports rows whose output changed; a held-out row is
named by its source and position only, so speed work never shows a held-out message."""

from __future__ import annotations

import json

from bench.anonymiser import differences, dump


def test_a_changed_held_out_row_is_reported_without_its_text(tmp_path):
    ref = tmp_path / "ref.jsonl"
    rows = [
        ["crisis_dev/tune.tsv", "call jo on 07700 900123", None, "stale"],
        ["crisis_dev/heldout_v9.tsv", "a held-out message from priya", None, "stale"],
        ["retired_sealed/pii_adversarial_v9.jsonl", "text of a retired set", None, "stale"],
    ]
    ref.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    n, bad = differences(ref)
    assert n == 3 and len(bad) == 3
    assert "07700 900123" in bad[0]
    assert bad[1] == "crisis_dev/heldout_v9.tsv: row 1 (held-out text, not shown)"
    assert "retired set" not in bad[2] and "row 2" in bad[2]


def test_outputs_read_again_with_warm_caches_are_the_same(tmp_path):
    """Speed work caches by word, chunk and pattern (``_lightdoc``, ``names._plain``,
    ``TextView.digit_scan``'s floors): every 40th development message's output, written as
    those caches fill (in a fresh process) and read again once they are warm, must match row
    for row (the long text, read in chunks, too). The old-against-new check is ``--dump`` in
    the old tree and ``--compare`` in the new."""
    out = tmp_path / "dump.jsonl"
    rows = dump(out, every=40)
    assert rows > 1000
    n, bad = differences(out)
    assert n == rows + 1
    assert bad == []
