"""The merge gate for crisis work: both tiers' full alarm over every held-out half, figures only.

Why: three sessions running, readers written from a retired set's study half reached ~1.000
there while the same set's held-out half did not move, and the next sealed set did not confirm
them. A change to the lexicon, the exclusions or the tier's tuning data is kept when this
aggregate does not fall, not when its study half rises. It reads every N-th line of every
held-out half (crisis halves and news halves; news lines are all everyday), prints recall and
false alarms overall and per half, and never prints a line.

    python -m eval.crisis_heldout --every 3 --dump /tmp/before.json   # on main
    python -m eval.crisis_heldout --every 3 --compare /tmp/before.json  # on the change
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from bot import retired_sets

# (half's name, is the line a crisis, did the full alarm fire): one row a sampled line.
Row = Tuple[str, bool, bool]


def sampled_lines(every: int) -> List[Tuple[str, bool, str]]:
    """(half, is crisis, message) for every ``every``-th line of all held-out halves together."""
    from bot.crisis.learned import EVERYDAY_CATEGORIES, read_tsv

    lines = []
    for halves in retired_sets.crisis_and_news_halves():
        news = halves.name.startswith("news_")
        for category, message in read_tsv(halves.held_out):
            crisis = not news and category not in EVERYDAY_CATEGORIES
            lines.append((halves.name, crisis, message))
    return lines[::every]


def full_alarm(message: str) -> bool:
    """Both tiers as the bot serves them: the full crisis response (not the ask band)."""
    from bot.crisis import learned, tiers

    return tiers.assess(message).band == learned.CRISIS


def run(every: int, alarm: Optional[Callable[[str], bool]] = None) -> List[Row]:
    alarm = alarm or full_alarm
    return [(half, crisis, alarm(message)) for half, crisis, message in sampled_lines(every)]


def counts(rows: Sequence[Row]) -> Dict[str, Dict[str, int]]:
    """Per half: crisis lines, crisis lines flagged, everyday lines, everyday lines flagged."""
    out: Dict[str, Dict[str, int]] = {}
    for half, crisis, hit in rows:
        c = out.setdefault(half, {"crisis": 0, "caught": 0, "everyday": 0, "flagged": 0})
        if crisis:
            c["crisis"] += 1
            c["caught"] += int(hit)
        else:
            c["everyday"] += 1
            c["flagged"] += int(hit)
    return out


def totals(rows: Sequence[Row]) -> Tuple[float, float, int, int]:
    """(recall, false alarm rate, crisis lines, everyday lines)."""
    crisis = [hit for _, is_crisis, hit in rows if is_crisis]
    everyday = [hit for _, is_crisis, hit in rows if not is_crisis]
    recall = sum(crisis) / len(crisis) if crisis else 0.0
    alarms = sum(everyday) / len(everyday) if everyday else 0.0
    return recall, alarms, len(crisis), len(everyday)


def report(rows: Sequence[Row], before: Optional[Sequence[Row]] = None) -> str:
    recall, alarms, n_crisis, n_everyday = totals(rows)
    text = [
        f"held-out halves, full alarm: recall {recall:.4f} ({n_crisis} crisis lines), "
        f"false alarms {alarms:.4f} ({n_everyday} everyday lines)"
    ]
    if before is not None:
        if [(h, c) for h, c, _ in before] != [(h, c) for h, c, _ in rows]:
            raise SystemExit("the dump was made over other lines (another --every or other halves)")
        old_recall, old_alarms, _, _ = totals(before)
        text.append(
            f"before: recall {old_recall:.4f}, false alarms {old_alarms:.4f}; "
            f"change {recall - old_recall:+.4f} / {alarms - old_alarms:+.4f}"
        )
    now, then = counts(rows), counts(before or [])
    text.append("half         caught/crisis   flagged/everyday" + ("   (before)" if before else ""))
    for half, c in now.items():
        line = f"{half:<12} {c['caught']:>5}/{c['crisis']:<8} {c['flagged']:>5}/{c['everyday']:<8}"
        if before is not None:
            b = then[half]
            line += f"   ({b['caught']}, {b['flagged']})"
        text.append(line)
    return "\n".join(text)


def main(argv: Optional[Sequence[str]] = None) -> List[Row]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=3, help="every N-th held-out line")
    parser.add_argument("--dump", type=Path, help="write the per-line hits (no text) here")
    parser.add_argument("--compare", type=Path, help="a dump to compare against")
    args = parser.parse_args(argv)
    if args.every < 1:
        parser.error("--every must be 1 or more")
    before = None
    if args.compare:
        before = [tuple(r) for r in json.loads(args.compare.read_text(encoding="utf-8"))]
    rows = run(args.every)
    print(report(rows, before))
    if args.dump:
        args.dump.write_text(json.dumps(rows), encoding="utf-8")
    return rows


if __name__ == "__main__":
    main()
