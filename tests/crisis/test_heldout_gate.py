"""eval.crisis_heldout, the merge gate over the held-out halves: its counts are exact, it reads
every held-out half (news lines as everyday), and a comparison refuses a dump over other lines."""

from __future__ import annotations

import pytest

from bot import retired_sets
from bot.crisis.learned import read_tsv
from eval import crisis_heldout as gate

ROWS = [
    ("v5", True, True),
    ("v5", True, False),
    ("v5", False, True),
    ("v5", False, False),
    ("news_v5", False, False),
    ("news_v5", False, True),
]


def test_counts_and_totals_are_exact():
    assert gate.counts(ROWS) == {
        "v5": {"crisis": 2, "caught": 1, "everyday": 2, "flagged": 1},
        "news_v5": {"crisis": 0, "caught": 0, "everyday": 2, "flagged": 1},
    }
    assert gate.totals(ROWS) == (0.5, 0.5, 2, 4)


def test_the_report_compares_and_refuses_a_dump_over_other_lines():
    better = [(h, c, c) for h, c, _ in ROWS]  # every crisis caught, nothing flagged
    text = gate.report(better, ROWS)
    assert "recall 1.0000" in text and "change +0.5000 / -0.5000" in text
    with pytest.raises(SystemExit):
        gate.report(better[1:], ROWS)


def test_every_held_out_half_is_read_and_news_is_everyday():
    lines = gate.sampled_lines(1)
    halves = retired_sets.crisis_and_news_halves()
    assert len(lines) == sum(len(read_tsv(h.held_out)) for h in halves)
    assert {h for h, _, _ in lines} == {h.name for h in halves}
    assert not any(crisis for half, crisis, _ in lines if half.startswith("news_"))
    assert any(crisis for _, crisis, _ in lines) and not all(c for _, c, _ in lines)
    assert gate.sampled_lines(7) == lines[::7]


def test_main_dumps_no_text_and_compares_with_itself(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gate, "full_alarm", lambda message: "die" in message)
    dump = tmp_path / "before.json"
    rows = gate.main(["--every", "40", "--dump", str(dump)])
    assert rows and all(isinstance(hit, bool) for _, _, hit in rows)
    messages = {m for _, _, m in gate.sampled_lines(40)}
    assert not any(m in dump.read_text(encoding="utf-8") for m in messages if len(m) > 20)
    gate.main(["--every", "40", "--compare", str(dump)])
    assert "change +0.0000 / +0.0000" in capsys.readouterr().out
