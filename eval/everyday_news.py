"""Ordinary and good news is not read as distress (issue: "the bot assumes everyone is struggling").

Each message goes through the whole NLU pipeline; a message counts as misread when its intent is
a distress theme, a crisis or out_of_scope. The sets, printed side by side: the dev set
(tests/data/nlu/share_news_dev.tsv, used to shape the data), the retired sealed sets
(eval/data/retired_sealed/everyday_news_v*.tsv: development data now, each reported once as a
sealed figure before it was retired) and the sealed set (eval/sealed/everyday_news.tsv, written
by a helper who never saw the training data). Only aggregate figures are printed for any set,
never its messages.

    python -m eval.everyday_news
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

from bench.report import table
from bot import retired_sets
from eval.nlu_agent import Parser

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "nlu" / "share_news_dev.tsv"
SEALED = ROOT / "eval" / "sealed" / "everyday_news.tsv"
# (name, path) of every set measured, in the order printed: dev sets first, the sealed one last.
SETS = (
    ("dev", DEV),
    *((f"dev: retired v{v}", retired_sets.news_whole(v)) for v in retired_sets.VERSIONS),
    # From v4 on split by category (eval/data/crisis_dev/README.md): the first half is the learned
    # crisis tier's validation, the second is only reported.
    *(
        pair
        for halves in retired_sets.news_halves()
        for pair in (
            (f"dev: v{halves.version} validation half", halves.first),
            (f"dev: v{halves.version} held-out half", halves.held_out),
        )
    ),
    ("sealed", SEALED),
)
DISTRESS = {
    "vent",
    "mood_low",
    "anxious",
    "self_criticism",
    "limiting_belief",
    "loneliness",
    "decision_help",
    "crisis",
}
MISREAD = DISTRESS | {"out_of_scope"}
# Met as news: the news reply, or a good mood's. A fallback gets a listener's question back
# (actions/fallback.py); any other intent (goodbye, deny, a menu) is a wrong answer too, though
# not the one the goal counts, so it is shown beside it.
MET = {"share_news", "mood_great"}


def load(path: Path) -> List[Tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            category, text = line.split("\t", 1)
            rows.append((category, text))
    return rows


def measure(parser: Parser, rows: List[Tuple[str, str]]) -> Dict[str, object]:
    intents = [parser.parse(text)["intent"]["name"] for _, text in rows]
    misread = [i in MISREAD for i in intents]
    other = [i not in MISREAD | MET | {"nlu_fallback"} for i in intents]
    per_category: Dict[str, List[bool]] = {}
    for (category, _), bad in zip(rows, misread, strict=True):
        per_category.setdefault(category, []).append(bad)
    return {
        "n": len(rows),
        "misread": sum(misread) / max(1, len(rows)),
        "fallback": intents.count("nlu_fallback") / max(1, len(rows)),
        "other": sum(other) / max(1, len(rows)),
        "intents": Counter(intents),
        "per_category": per_category,
    }


def main(parser: Parser | None = None, sealed: bool = True, only: tuple = ()) -> dict:
    """Every set (``only``: just the sets of those names, e.g. the latest held-out half and the
    sealed set, when the whole run is too slow for the moment)."""
    parser = parser or Parser()
    results = {
        name: measure(parser, load(path))
        for name, path in SETS
        if path.exists() and (sealed or path != SEALED) and (not only or name in only)
    }
    rows = [
        {
            "set": name,
            "messages": r["n"],
            "read as distress or out of scope": r["misread"],
            "goal": "<= 0.05",
            "not sure (fallback)": r["fallback"],
            "other intent": r["other"],
        }
        for name, r in results.items()
    ]
    print(
        table(
            rows,
            [
                "set",
                "messages",
                "read as distress or out of scope",
                "goal",
                "not sure (fallback)",
                "other intent",
            ],
        )
    )
    for name, r in results.items():
        print(f"\n{name}: intents {dict(r['intents'].most_common())}")
        per = [
            {"category": c, "n": len(v), "misread": sum(v) / len(v)}
            for c, v in sorted(r["per_category"].items())
        ]
        print(table(per, ["category", "n", "misread"]))
    return results


if __name__ == "__main__":
    import argparse

    cli = argparse.ArgumentParser(description="ordinary news read as distress")
    cli.add_argument("--no-sealed", action="store_true", help="development sets only")
    cli.add_argument(
        "--only", default="", help='comma-separated set names, e.g. "dev: v7 held-out half,sealed"'
    )
    args = cli.parse_args()
    main(sealed=not args.no_sealed, only=tuple(n.strip() for n in args.only.split(",") if n))
