"""Crisis detector cost per message: mean, p50, p99 in microseconds.

Measures what CrisisDetector adds to a turn: the lexicon match (normalisation,
tokenisation with the shared spaCy pipeline, matching, exclusions, negation) on the
crisis and everyday test sets, plus 10,000- and 100,000-character messages with a
crisis phrase at the end. The one-off build of the matchers is reported separately.

    python -m bench.crisis
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Callable, List

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "data" / "crisis"


def _lines(name: str) -> List[str]:
    return [line for line in (SETS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _timings(fn: Callable[[str], object], texts: List[str], rounds: int) -> List[float]:
    out = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            fn(text)
            out.append((time.perf_counter() - start) * 1e6)
    return out


def _row(name: str, timings: List[float]) -> str:
    timings = sorted(timings)
    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    return (
        f"  {name:<42} n={len(timings):>5}  mean {statistics.mean(timings):>9.1f} µs  "
        f"p50 {statistics.median(timings):>9.1f} µs  p99 {p99:>9.1f} µs"
    )


def main() -> None:
    from bot.crisis.lexicon import get_lexicon
    from bot.nlu.spacy_pipeline import load

    nlp = load()
    start = time.perf_counter()
    lexicon = get_lexicon()
    build = time.perf_counter() - start
    print(
        f"  one-off build of the matchers: {build:.2f} s "
        f"({lexicon.matcher.size} pattern branches in {len(lexicon.matcher.buckets)} anchor buckets)"
    )

    crisis, everyday = _lines("crisis.txt"), _lines("everyday.txt")
    for text in crisis + everyday:  # warm up
        lexicon.match(text)
    rows = [
        ("crisis set", _timings(lexicon.match, crisis, 3)),
        ("everyday set", _timings(lexicon.match, everyday, 3)),
        ("both sets", None),
    ]
    rows[2] = ("both sets", rows[0][1] + rows[1][1])
    ending = " and honestly i want to kill myself"
    for size in (10_000, 100_000):
        text = ("long day, the bus was late and work was busy. " * (size // 40))[
            : size - len(ending)
        ] + ending
        rows.append(
            (f"{size:,}-char message, crisis at the end", _timings(lexicon.match, [text], 5))
        )
    baseline = _timings(lambda t: nlp(lexicon.normalise(t)), crisis + everyday, 3)
    for name, timings in rows:
        print(_row(name, timings))
    print(_row("(of which: normalise + spaCy tokenise only)", baseline))
    per_message = statistics.mean(rows[2][1])
    print(
        f"  => lexicon cost per chat message: {per_message:.0f} µs mean "
        f"({'under' if per_message < 1000 else 'OVER'} one millisecond)"
    )
    learned_tier(crisis + everyday)


def learned_tier(texts: List[str]) -> None:
    """Both tiers as the detector runs them (lexicon + encoder + classifier), per message."""
    import os

    from bot.crisis import learned
    from bot.crisis.tiers import assess

    start = time.perf_counter()
    tier = learned.get_learned_tier()
    if tier is None:
        print("  learned tier: not available (switched off or failed to load)")
        return
    print(f"  one-off load of the learned tier: {time.perf_counter() - start:.2f} s")
    assess("warm up")
    timings = sorted(_timings(assess, texts, 1))
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(_row("both tiers, crisis + everyday sets", timings))
    print(
        f"  => both tiers per chat message: p50 {statistics.median(timings) / 1000:.1f} ms, "
        f"p95 {p95 / 1000:.1f} ms (budget 10 ms p50; load average {load:.1f} on "
        f"{os.cpu_count()} cores while measured)"
    )


if __name__ == "__main__":
    main()
