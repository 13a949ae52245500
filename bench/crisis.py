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


def _timings(
    fn: Callable[[str], object],
    texts: List[str],
    rounds: int,
    clock: Callable[[], float] = time.perf_counter,
) -> List[float]:
    """Microseconds per call. clock=time.thread_time counts only this thread's CPU time: on a
    machine shared with other work, that is what one message costs one core (wall-clock time
    then adds the waits for a core)."""
    out = []
    for _ in range(rounds):
        for text in texts:
            start = clock()
            fn(text)
            out.append((clock() - start) * 1e6)
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
    learned_tier(crisis)


def _percentiles(timings: List[float]) -> str:
    timings = sorted(timings)
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return f"p50 {statistics.median(timings) / 1000:5.1f} ms, p95 {p95 / 1000:5.1f} ms"


def learned_tier(crisis: List[str]) -> None:
    """Both tiers as the detector runs them (lexicon, then the learned tier's cascade), per
    message: on ordinary bot traffic nobody trained on (held-out intent sets, everyday news),
    where the budget is 10 ms p50, and on crisis messages, which always run the whole encoder;
    beside the same tier without its screen (every message through all six layers)."""
    import os

    from bot.crisis import learned
    from bot.crisis.tiers import assess
    from eval.crisis_screens import ordinary_messages

    start = time.perf_counter()
    tier = learned.get_learned_tier()
    if tier is None:
        print("  learned tier: not available (switched off or failed to load)")
        return
    print(f"  one-off load of the learned tier: {time.perf_counter() - start:.2f} s")
    ordinary = ordinary_messages()
    assess("warm up")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    screened = sum(tier.score(t).screened for t in ordinary) / len(ordinary)
    runs = {}
    screen = tier.screen
    for name, clock in (("wall", time.perf_counter), ("cpu", time.thread_time)):
        for variant in ("cascade (as served)", "without the screen"):
            tier.screen = screen if variant.startswith("cascade") else None
            try:
                runs[name, variant] = (
                    _timings(assess, ordinary, 1, clock),
                    _timings(assess, crisis, 1, clock),
                )
            finally:
                tier.screen = screen
    for (name, variant), (plain, risky) in runs.items():
        print(
            f"  both tiers, {variant:<20} {name:>4}: ordinary ({len(plain)}) "
            f"{_percentiles(plain)}; crisis ({len(risky)}) {_percentiles(risky)}"
        )
    wall, cpu = runs["wall", "cascade (as served)"][0], runs["cpu", "cascade (as served)"][0]
    print(
        f"  => both tiers per ordinary message: p50 {statistics.median(cpu) / 1000:.1f} ms of "
        f"one core's time ({statistics.median(wall) / 1000:.1f} ms wall clock; budget 10 ms); "
        f"the screen clears {screened:.0%} of them (load average {load:.1f} on "
        f"{os.cpu_count()} cores, BLAS on one thread)"
    )


if __name__ == "__main__":
    main()
