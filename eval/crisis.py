"""Crisis detection figures: recall on tests/data/crisis/crisis.txt, false-alarm rate on
tests/data/crisis/everyday.txt, with every miss and false alarm listed; then, by category, on
the development validation set (eval/data/crisis_dev/validation.tsv), the retired first sealed
set (eval/data/retired_sealed/crisis_v1.tsv, a second validation set) and the sealed set
(eval/sealed/crisis.tsv, aggregate rates only: its messages are never printed), for
three detectors side by side: a naive keyword list (the anchor), the lexicon alone, and the
lexicon + learned tier (bot/crisis/tiers.py). For the last, "full" is the full crisis response
and "shown" adds the learned tier's middle band (a direct question with the resources).

`evaluate(predict_fn)` takes any callable text -> bool (the detector alone here; the
lead reuses it for the full bot over the REST API, fresh and mid-exercise).

    python -m eval.crisis
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, FrozenSet, List, Sequence, Tuple

from bot import retired_sets

ROOT = Path(__file__).resolve().parents[1]
SEALED_FILE = ROOT / "eval" / "sealed" / "crisis.tsv"
# The first sealed set, retired to development data: a second validation set (never trained on).
RETIRED_V1_FILE = retired_sets.crisis_whole(1)
# Every retired set from v3 on, split by category (eval/data/crisis_dev/README.md): the first
# half is part of validation (learned.VALIDATION_PATHS), the second is held out and only reported,
# here by name in order (heldout_v3, heldout_v4, ...; eval.crisis_bot --data NAME reads them).
# bot.retired_sets declares them; each set's new*_everyday_* categories are hard negatives
# (learned.EVERYDAY_CATEGORIES).
HELDOUT_FILES = {
    f"heldout_{halves.name}": halves.held_out for halves in retired_sets.crisis_halves()
}
CRISIS_FILE = ROOT / "tests" / "data" / "crisis" / "crisis.txt"
EVERYDAY_FILE = ROOT / "tests" / "data" / "crisis" / "everyday.txt"
# Later sets, written after tuning on the main ones; each was first measured untouched
# (figures in their headers: lexicon recall 0.815 and 0.564 before their misses were
# turned into general patterns). They show how the lexicon alone generalises: phrasings
# no pattern names are left to the classifier (data/nlu/crisis.yml).
EXTRA_SETS = [
    (
        "second set",
        ROOT / "tests" / "data" / "crisis" / "heldout_crisis.txt",
        ROOT / "tests" / "data" / "crisis" / "heldout_everyday.txt",
    ),
    (
        "third set",
        ROOT / "tests" / "data" / "crisis" / "fresh_crisis.txt",
        ROOT / "tests" / "data" / "crisis" / "fresh_everyday.txt",
    ),
    (
        "untuned set (written before the concept tier)",
        ROOT / "tests" / "data" / "crisis" / "untuned_crisis.txt",
        ROOT / "tests" / "data" / "crisis" / "untuned_everyday.txt",
    ),
    (
        "tuning set of the concept tier",
        ROOT / "tests" / "data" / "crisis" / "tune_crisis.txt",
        ROOT / "tests" / "data" / "crisis" / "tune_everyday.txt",
    ),
]


def read_lines(path: Path) -> List[str]:
    """One message a line; blank lines and lines starting with '#' are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


@dataclass
class Figures:
    crisis_total: int
    everyday_total: int
    misses: List[str] = field(default_factory=list)
    false_alarms: List[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return 1 - len(self.misses) / self.crisis_total if self.crisis_total else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.everyday_total if self.everyday_total else 0.0

    def report(self, title: str = "crisis detection") -> str:
        out = [
            f"{title}",
            f"  recall           {self.recall:.4f}  ({self.crisis_total - len(self.misses)}/{self.crisis_total} crisis messages caught)",
            f"  false-alarm rate {self.false_alarm_rate:.4f}  ({len(self.false_alarms)}/{self.everyday_total} everyday messages flagged)",
        ]
        if self.misses:
            out.append("  misses:")
            out += [f"    - {m}" for m in self.misses]
        if self.false_alarms:
            out.append("  false alarms:")
            out += [f"    - {m}" for m in self.false_alarms]
        return "\n".join(out)


def evaluate(
    predict_fn: Callable[[str], bool],
    crisis_file: Path = CRISIS_FILE,
    everyday_file: Path = EVERYDAY_FILE,
) -> Figures:
    """Run `predict_fn` (True = crisis) over both sets."""
    crisis = read_lines(crisis_file)
    everyday = read_lines(everyday_file)
    figures = Figures(len(crisis), len(everyday))
    figures.misses = [t for t in crisis if not predict_fn(t)]
    figures.false_alarms = [t for t in everyday if predict_fn(t)]
    return figures


def detector_predict(text: str) -> bool:
    """The deterministic lexicon alone (what CrisisDetector adds on top of DIET)."""
    from bot.crisis.lexicon import detect

    return detect(text).matched


def model_predict(model_path: str) -> Callable[[str], bool]:
    """The whole NLU pipeline of a trained model (DIET + CrisisDetector + fallback +
    RegexMessageHandler), in process, no servers: True when the intent is `crisis`."""
    import asyncio

    from rasa.core.agent import Agent

    from bot import rasa_compat

    rasa_compat.install()
    agent = Agent.load(model_path)
    loop = asyncio.new_event_loop()

    def predict(text: str) -> bool:
        parsed = loop.run_until_complete(agent.parse_message(text))
        return (parsed.get("intent") or {}).get("name") == "crisis"

    return predict


# The anchor: what a first keyword filter would look for. Not used by the bot.
NAIVE_KEYWORDS = re.compile(
    r"\b(suicid\w*|kill(ing)? (my|your|him|her)sel(f|ves)|kms|(want|wanna|going) to die|die|dying|"
    r"dead|end (it|my life)|cut(ting)? myself|cut|self[- ]?harm\w*|hurt(ing)? myself|overdos\w*|"
    r"abus\w*|rape[sd]?|molest\w*|hit(s|ting)? me|beat(s|ing)? me|kill)\b",
    re.IGNORECASE,
)


def naive_predict(text: str) -> bool:
    return bool(NAIVE_KEYWORDS.search(text))


def read_tsv(path: Path) -> List[Tuple[str, str]]:
    """``category<TAB>message`` rows ('#' comments and blank lines skipped)."""
    from bot.crisis.learned import read_tsv as _read

    return _read(path)


# A sealed set's writers describe each category of their own in the file's header, e.g.
# "# new15a_everyday_x: EVERYDAY - ..." or "# new15a_crisis_y: CRISIS - ...".
_DECLARED = re.compile(r"^#\s*(\S+?):\s*(EVERYDAY|CRISIS)\b")


def declared_everyday(path: Path) -> FrozenSet[str]:
    """The categories a set's header declares EVERYDAY, so that `make eval` counts the writers'
    own hard negatives as everyday without anyone typing their names (a missing file: none)."""
    if not path.exists():
        return frozenset()
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        found = _DECLARED.match(line)
        if found and found.group(2) == "EVERYDAY":
            names.add(found.group(1))
    return frozenset(names)


def everyday_categories(
    extra: Sequence[str] = (), declared_in: Sequence[Path] = (SEALED_FILE,)
) -> FrozenSet[str]:
    """The categories counted as everyday (false alarms when flagged): the training classes',
    those the sealed set's header declares EVERYDAY, plus ``extra``
    (``--everyday idioms_everyday,...``); any other unknown category counts as crisis."""
    from bot.crisis.learned import EVERYDAY_CATEGORIES

    declared = frozenset().union(*(declared_everyday(p) for p in declared_in))
    return frozenset(EVERYDAY_CATEGORIES) | declared | {c.strip() for c in extra if c.strip()}


def by_category(
    rows: List[Tuple[str, str]],
    systems: Dict[str, Callable[[str], bool]],
    everyday: Sequence[str] = (),
) -> Dict[str, Dict[str, float]]:
    """For each system, the share of each category's messages it flags, plus the overall
    recall (crisis categories) and false-alarm rate (everyday categories). Rates only."""
    everyday_set = everyday_categories(everyday)

    out: Dict[str, Dict[str, float]] = {}
    for name, predict in systems.items():
        hits: Dict[str, List[bool]] = {}
        for category, message in rows:
            hits.setdefault(category, []).append(bool(predict(message)))
        rates = {c: sum(v) / len(v) for c, v in hits.items()}
        crisis = [x for c, v in hits.items() if c not in everyday_set for x in v]
        everyday = [x for c, v in hits.items() if c in everyday_set for x in v]
        rates["RECALL"] = sum(crisis) / len(crisis) if crisis else 0.0
        rates["FALSE ALARMS"] = sum(everyday) / len(everyday) if everyday else 0.0
        out[name] = rates
    return out


def category_table(
    title: str,
    rows: List[Tuple[str, str]],
    systems: Dict[str, Callable[[str], bool]],
    everyday: Sequence[str] = (),
) -> str:
    everyday_set = everyday_categories(everyday)

    table = by_category(rows, systems, everyday)
    counts: Dict[str, int] = {}
    for category, _ in rows:
        counts[category] = counts.get(category, 0) + 1
    names = list(systems)
    head = f"  {'category':<24} {'n':>4} " + " ".join(f"{n:>11}" for n in names)
    lines = [title, head]
    crisis_cats = [c for c in counts if c not in everyday_set]
    everyday_cats = [c for c in counts if c in everyday_set]
    for label, cats in (
        ("crisis (share flagged = recall)", crisis_cats),
        ("everyday (share flagged = false alarms)", everyday_cats),
    ):
        lines.append(f"  -- {label}")
        for c in cats:
            lines.append(
                f"  {c:<24} {counts[c]:>4} " + " ".join(f"{table[n][c]:>11.3f}" for n in names)
            )
    for key in ("RECALL", "FALSE ALARMS"):
        lines.append(f"  {key:<24} {'':>4} " + " ".join(f"{table[n][key]:>11.3f}" for n in names))
    return "\n".join(lines)


def tier_systems() -> Dict[str, Callable[[str], bool]]:
    """The detectors compared: anchor, lexicon, lexicon + learned (full / shown)."""
    import functools

    from bot.crisis.tiers import assess

    @functools.lru_cache(maxsize=None)
    def band(text: str) -> str:
        return assess(text).band

    return {
        "keywords": naive_predict,
        "lexicon": detector_predict,
        "+learned": lambda t: band(t) == "crisis",
        "+l. shown": lambda t: band(t) != "none",
    }


def latency_line(texts: List[str], label: str = "validation messages") -> str:
    """p50/p95 of both tiers on one message (lexicon + cascade), in ms."""
    import statistics
    import time

    from bot.crisis.tiers import assess

    assess("warm up")
    timings = []
    for text in texts:
        start = time.perf_counter()
        assess(text)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return (
        f"  both tiers per message: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms "
        f"over {len(timings)} {label}"
    )


def main(argv: List[str] = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="crisis detection figures")
    parser.add_argument("--model", help="also evaluate a trained model's whole NLU pipeline")
    parser.add_argument("--no-sealed", action="store_true", help="skip the sealed set")
    parser.add_argument(
        "--no-retired", action="store_true", help="skip the retired v1 set (second validation)"
    )
    parser.add_argument(
        "--tiers-only", action="store_true", help="only the per-category tables of the two tiers"
    )
    parser.add_argument(
        "--everyday",
        default="",
        help="comma-separated extra everyday (hard-negative) categories of the sealed set",
    )
    args = parser.parse_args(argv)
    extra_everyday = args.everyday.split(",")
    systems = tier_systems()
    from bot.crisis.learned import validation_rows

    validation = validation_rows()
    print(
        category_table(
            "crisis tiers by category, development validation set (thresholds were chosen on it)",
            validation,
            systems,
        )
    )
    print(latency_line([m for _, m in validation[::7]]))
    for name, path in HELDOUT_FILES.items():
        if path.exists():
            print(
                category_table(
                    f"crisis tiers by category, held-out half of the retired {name.removeprefix('heldout_')} set "
                    "(never trained, tuned or thresholded on)",
                    read_tsv(path),
                    systems,
                    extra_everyday,
                )
            )
    if not args.no_retired and RETIRED_V1_FILE.exists():
        print(
            category_table(
                "crisis tiers by category, retired sealed set v1 (development data; thresholds "
                "were not chosen on it)",
                read_tsv(RETIRED_V1_FILE),
                systems,
            )
        )
    if not args.no_sealed and SEALED_FILE.exists():
        # Rates only: the sealed messages are never printed, listed or used for choices.
        print(
            category_table(
                "crisis tiers by category, SEALED set (report only)",
                read_tsv(SEALED_FILE),
                systems,
                extra_everyday,
            )
        )
    if args.tiers_only:
        return 0
    if args.model:
        predict = model_predict(args.model)
        print(evaluate(predict).report(f"whole NLU pipeline of {args.model}, main sets"))
        for name, crisis_file, everyday_file in EXTRA_SETS:
            print(
                evaluate(predict, crisis_file, everyday_file).report(f"whole NLU pipeline, {name}")
            )
    figures = evaluate(detector_predict)
    print(figures.report("crisis detector alone (bot/crisis/lexicon.py), main sets"))
    for name, crisis_file, everyday_file in EXTRA_SETS:
        if crisis_file.exists() and everyday_file.exists():
            print(
                evaluate(detector_predict, crisis_file, everyday_file).report(
                    f"crisis detector alone, {name} ({crisis_file.name} / {everyday_file.name})"
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
