"""Held-out intent accuracy, macro-F1 and the most confused pairs.

The held-out file (tests/data/nlu/heldout.yml) is never used for training. Messages go
through the whole NLU pipeline as the running bot sees them, so a message the fallback
catches counts as a miss: that is what the person experiences.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import accuracy_score, classification_report, f1_score

from bench.report import table
from eval.nlu_agent import Parser

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "nlu" / "heldout.yml"


def evaluate(parser: Parser, path: Path = HELDOUT) -> dict:
    data = load_data(str(path))
    examples = data.intent_examples
    truth = [e.get("intent") for e in examples]
    texts = [e.get("text") for e in examples]
    predicted = parser.intents(texts)
    labels = sorted(set(truth))
    pairs = Counter((t, p) for t, p in zip(truth, predicted) if t != p)
    return {
        "n": len(truth),
        "accuracy": accuracy_score(truth, predicted),
        "macro_f1": f1_score(truth, predicted, labels=labels, average="macro", zero_division=0),
        "report": classification_report(truth, predicted, labels=labels, zero_division=0,
                                         output_dict=True),
        "pairs": pairs.most_common(12),
        "misses": [(t, p, x) for t, p, x in zip(truth, predicted, texts) if t != p],
    }


def main(parser: Parser | None = None) -> dict:
    parser = parser or Parser()
    result = evaluate(parser)
    print(f"held-out messages: {result['n']}   accuracy: {result['accuracy']:.3f}   "
          f"macro-F1: {result['macro_f1']:.3f} (target >= 0.90)")
    rows = [{"intent": k, "precision": v["precision"], "recall": v["recall"], "f1": v["f1-score"],
             "n": int(v["support"])} for k, v in result["report"].items()
            if k not in ("accuracy", "macro avg", "weighted avg", "micro avg")]
    print(table(rows, ["intent", "precision", "recall", "f1", "n"]))
    print("\nmost confused (true -> predicted: count)")
    for (t, p), count in result["pairs"]:
        print(f"  {t} -> {p}: {count}")
    return result


if __name__ == "__main__":
    main()
