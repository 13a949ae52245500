"""Anonymiser on its corpus (eval/data/pii_corpus.jsonl): how much is removed, how much kept.

- removed (recall): a marked detail counts as removed when every letter and digit of it
  is inside some placeholder span (any label; per label below, by the marked label);
- kept: the share of the other words (letters/digits runs outside every marked detail)
  that no placeholder swallowed;
- misses: the details left in the text, and the words wrongly removed, to read and fix
  by building general rules, never by listing these cases.

- per kind: recall by the row's "kind" field (the adversarial corpus) or by label.

The sealed adversarial corpus (eval/sealed/pii_adversarial.jsonl) is reported in
aggregate only: recall per kind and words kept, never its messages or misses.

    python -m eval.anonymiser [--corpus PATH] [--show N] [--no-sealed]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "pii_corpus.jsonl"
SEALED = Path(__file__).resolve().parent / "sealed" / "pii_adversarial.jsonl"
WORD = re.compile(r"\w+", re.UNICODE)


def covered(mask: bytearray, text: str, start: int, end: int) -> bool:
    return all(mask[i] for i in range(start, end) if text[i].isalnum())


def evaluate(rows, find):
    total, removed = Counter(), Counter()
    kept_words = other_words = 0
    misses, over = [], []
    for row in rows:
        text = row["text"]
        context = row.get("context")
        pred = find(text, context) if context else find(text)
        mask = bytearray(len(text) + 1)
        for sp in pred:
            for i in range(sp.start, sp.end):
                mask[i] = 1
        gold = bytearray(len(text) + 1)
        for s, e, label in row["spans"]:
            label = row.get("kind") or label
            total[label] += 1
            for i in range(s, e):
                gold[i] = 1
            if covered(mask, text, s, e):
                removed[label] += 1
            else:
                misses.append((label, text[s:e], text))
        for m in WORD.finditer(text):
            if any(gold[m.start() : m.end()]):
                continue
            other_words += 1
            if not any(mask[m.start() : m.end()]):
                kept_words += 1
            else:
                over.append((m.group(0), text))
    return total, removed, kept_words, other_words, misses, over


def with_pair_context(rows):
    """Rows that share a ``pair`` number are consecutive messages of one person: each later
    one is read with the earlier ones as context (a detail announced, then given bare)."""
    earlier = {}
    for row in rows:
        pair = row.get("pair")
        if pair is not None and "context" not in row:
            if earlier.get(pair):
                row["context"] = list(earlier[pair])
            earlier.setdefault(pair, []).append(row["text"])
    return rows


def report_sealed(path: Path, find) -> None:
    """Aggregate figures only: no message, detail or miss is printed."""
    rows = with_pair_context(
        [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    )
    total, removed, kept, others, _misses, _over = evaluate(rows, find)
    n = sum(total.values())
    print(f"SEALED adversarial corpus ({path.name}): messages {len(rows)}  details {n}")
    print(
        f"  removed (recall): {sum(removed.values()) / max(n, 1):.4f}   kept (other words): {kept / max(others, 1):.4f}"
    )
    for kind in sorted(total):
        print(f"  {kind:22s} {removed[kind] / total[kind]:.3f}  ({removed[kind]}/{total[kind]})")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument(
        "--no-sealed", action="store_true", help="skip the sealed adversarial corpus"
    )
    args = parser.parse_args(argv)
    from bot.privacy.anonymiser import find

    rows = [
        json.loads(line)
        for line in Path(args.corpus).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    total, removed, kept, others, misses, over = evaluate(rows, find)
    n = sum(total.values())
    print(f"messages: {len(rows)}  details: {n}  other words: {others}")
    print(f"removed (recall): {sum(removed.values()) / max(n, 1):.4f}   target >= 0.98")
    print(f"kept (other words): {kept / max(others, 1):.4f}   target >= 0.90")
    for source in ("generated", "hand"):
        sub = [r for r in rows if r.get("source") == source]
        if sub:
            t, r, k, o, _, _ = evaluate(sub, find)
            print(
                f"  {source:9s}: removed {sum(r.values()) / max(sum(t.values()), 1):.4f}  kept {k / max(o, 1):.4f}  ({len(sub)} messages)"
            )
    print("per label (removed / marked):")
    for label in sorted(total):
        print(
            f"  {label:9s} {removed[label] / total[label]:.3f}  ({removed[label]}/{total[label]})"
        )
    print(f"misses ({len(misses)}):")
    for label, detail, text in misses[: args.show]:
        print(f"  [{label}] {detail!r} in {text!r}")
    words = Counter(w.lower() for w, _ in over)
    print(
        f"other words removed ({len(over)}), most common: {', '.join(f'{w}({c})' for w, c in words.most_common(25))}"
    )
    if not args.no_sealed and SEALED.exists():
        report_sealed(SEALED, find)


if __name__ == "__main__":
    main()
