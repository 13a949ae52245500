"""Held-out intent accuracy, macro-F1 and the most confused pairs.

The held-out files (tests/data/nlu/heldout.yml, and heldout_second.yml written later by
someone who had not seen the broadened training data) are never trained on. Messages go
through the whole NLU pipeline as the running bot sees them. Two figures: the classifier's
own guess (as `rasa test nlu` scores it; an "I'm not sure" fallback is not a wrong answer),
and the share of messages the FallbackClassifier turned into `nlu_fallback`, with the
F1 when each fallback counts as a miss.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import accuracy_score, classification_report, f1_score

from bench.report import table
from bot import retired_sets
from eval.nlu_agent import Parser

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "nlu" / "heldout.yml"
# Written later, after the training data was broadened, by someone who had not seen it written.
SECOND_HELDOUT = ROOT / "tests" / "data" / "nlu" / "heldout_second.yml"
# Written in session 11 by a helper who saw only the list of intents and what each means (never
# the training data): how strangers type. The dev set is read and tuned on (its misses print);
# the sealed set is reported by figure only (eval/sealed/README.md).
STRANGER_DEV = ROOT / "eval" / "data" / "intents" / "stranger_dev.tsv"
# The retired sealed sets (bot.retired_sets declares them). v1, reported once (session 11):
# development data, read like the dev set. From v2 on, each is split by alternation within each
# intent: the tune half is read like the dev set; the held-out half is reported by figure only,
# for an honest before/after figure between sealed sets.
RETIRED_WHOLE = tuple(
    (
        f"retired_v{v}",
        retired_sets.intents_whole(v),
        f"strangers' retired sealed v{v} (development data)",
    )
    for v in retired_sets.INTENTS_VERSIONS
    if v < retired_sets.INTENTS_SPLIT_FROM
)
TUNE_HALVES = tuple(
    (
        f"tune_v{h.version}",
        h.first,
        f"strangers' retired sealed v{h.version}, tune half (development data)",
    )
    for h in retired_sets.intents_halves()
)
HELDOUT_HALVES = tuple(
    (f"heldout_v{h.version}", h.held_out, f"strangers' retired v{h.version}, held-out half")
    for h in retired_sets.intents_halves()
)
SEALED = ROOT / "eval" / "sealed" / "intents.tsv"


def read_examples(path: Path) -> tuple:
    """(intents, texts) of a Rasa NLU file or of an ``intent<TAB>message`` file."""
    if path.suffix == ".tsv":
        rows = [
            line.split("\t", 1)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#") and "\t" in line
        ]
        return [r[0].strip() for r in rows], [r[1].strip() for r in rows]
    examples = load_data(str(path)).intent_examples
    return [e.get("intent") for e in examples], [e.get("text") for e in examples]


def own_guess(parse_data: dict) -> str:
    """The classifier's top intent, looking through an `nlu_fallback` override."""
    for entry in parse_data.get("intent_ranking") or [parse_data["intent"]]:
        if entry.get("name") != "nlu_fallback":
            return entry["name"]
    return "nlu_fallback"


def evaluate(parser: Parser, path: Path = HELDOUT) -> dict:
    truth, texts = read_examples(path)
    parsed = [parser.parse(t) for t in texts]
    with_fallback = [p["intent"]["name"] for p in parsed]
    predicted = [own_guess(p) for p in parsed]
    labels = sorted(set(truth))
    pairs = Counter((t, p) for t, p in zip(truth, predicted, strict=False) if t != p)
    return {
        "n": len(truth),
        "accuracy": accuracy_score(truth, predicted),
        "macro_f1": f1_score(truth, predicted, labels=labels, average="macro", zero_division=0),
        "report": classification_report(
            truth, predicted, labels=labels, zero_division=0, output_dict=True
        ),
        "pairs": pairs.most_common(12),
        "fallback_share": sum(p == "nlu_fallback" for p in with_fallback) / max(1, len(truth)),
        "macro_f1_fallback_as_miss": f1_score(
            truth, with_fallback, labels=labels, average="macro", zero_division=0
        ),
        "misses": [(t, p, x) for t, p, x in zip(truth, predicted, texts, strict=False) if t != p],
    }


def _print(result: dict, title: str) -> None:
    print(
        f"{title}: {result['n']} messages   accuracy: {result['accuracy']:.3f}   "
        f"macro-F1: {result['macro_f1']:.3f} (target >= 0.90)"
    )
    print(
        f"fallback ('not sure') share: {result['fallback_share']:.3f}   "
        f"macro-F1 counting each fallback as a miss: {result['macro_f1_fallback_as_miss']:.3f}"
    )


def main(parser: Parser | None = None, sealed: bool = True) -> dict:
    """Every set's figures; ``sealed=False`` (``--no-sealed``) leaves the sealed set unread, for
    tuning sessions that must not see even its figures."""
    parser = parser or Parser()
    result = evaluate(parser)
    _print(result, "held-out")
    rows = [
        {
            "intent": k,
            "precision": v["precision"],
            "recall": v["recall"],
            "f1": v["f1-score"],
            "n": int(v["support"]),
        }
        for k, v in result["report"].items()
        if k not in ("accuracy", "macro avg", "weighted avg", "micro avg")
    ]
    print(table(rows, ["intent", "precision", "recall", "f1", "n"]))
    print("\nmost confused (true -> predicted: count)")
    for (t, p), count in result["pairs"]:
        print(f"  {t} -> {p}: {count}")
    if SECOND_HELDOUT.exists():
        second = evaluate(parser, SECOND_HELDOUT)
        print()
        _print(second, "second held-out set")
        for t, p, text in second["misses"]:
            print(f"  {t} -> {p}: {text!r}")
        result["second"] = second
    # The strangers' development sets: figures and their most confused pairs.
    for key, path, title in (
        ("stranger_dev", STRANGER_DEV, "strangers' dev set (tuned on)"),
        *RETIRED_WHOLE,
        *TUNE_HALVES,
    ):
        if path.exists():
            dev = evaluate(parser, path)
            print()
            _print(dev, title)
            for (t, p), count in dev["pairs"]:
                print(f"  {t} -> {p}: {count}")
            result[key] = dev
    report_only = list(HELDOUT_HALVES)
    if sealed:
        report_only.append(("sealed", SEALED, "SEALED strangers' set"))
    for key, path, title in report_only:
        if not path.exists():
            continue
        held = evaluate(parser, path)
        print()
        _print(held, f"{title} (report only: figures, never messages)")
        for name, v in sorted(held["report"].items()):
            if name not in ("accuracy", "macro avg", "weighted avg", "micro avg"):
                print(f"  {name:<20} f1 {v['f1-score']:.3f}  recall {v['recall']:.3f}")
        result[key] = held
    return result


def cli(argv=None) -> None:
    """Command line: an unknown option or --help stops before any set is read (a helper asking
    for --help once got the sealed set's figures)."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--no-sealed", action="store_true", help="leave the sealed set unread (tuning sessions)"
    )
    args = ap.parse_args(argv)
    main(sealed=not args.no_sealed)


if __name__ == "__main__":
    cli()
