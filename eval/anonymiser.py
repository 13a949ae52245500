"""Anonymiser on its corpus (eval/data/pii_corpus.jsonl): how much is removed, how much kept.

- removed (recall): a marked detail counts as removed when every letter and digit of it
  is inside some placeholder span (any label; per label below, by the marked label);
- kept: the share of the other words (letters/digits runs outside every marked detail)
  that no placeholder swallowed;
- misses: the details left in the text, and the words wrongly removed, to read and fix
  by building general rules, never by listing these cases.

- per kind: recall by the row's "kind" field (the adversarial corpus) or by label.

Corpora, each reported per kind:
- our own corpus (eval/data/pii_corpus.jsonl, generated and hand-written);
- the developer's adversarial dev set (eval/data/pii_adversarial_dev.tsv: disguised details
  typed the way people type, with negatives and a context column);
- the retired sealed adversarial sets v1 and v2 (eval/data/retired_sealed/, now dev data);
- the retired sealed v3 and v4, each split in two halves stratified by kind (``split_halves``): the
  "tune" half is the one whose misses are read; the "held-out" half is reported in
  aggregate only (no misses printed) so a before/after figure on it stays honest;
- the retired sealed sets from v5 on, split by file position (``split_even_odd``): even lines (and pairs with
  an even number) are the tune half, odd ones the held-out half, reported in aggregate only;
- ordinary text with no details (the crisis and everyday-news dev sets): words kept, and
  the words that were removed, so theme words ("hope", "suicide", "alone") stay readable;
- the sealed adversarial corpus (eval/sealed/pii_adversarial.jsonl), in aggregate only:
  recall per kind and words kept, never its messages or misses.

    python -m eval.anonymiser [--corpus PATH] [--show N] [--no-sealed]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from bot import retired_sets

DATA = Path(__file__).resolve().parent / "data"
CORPUS = DATA / "pii_corpus.jsonl"
DEV_ADVERSARIAL = DATA / "pii_adversarial_dev.tsv"
ORDINARY = (
    DATA / "crisis_dev" / "tune.tsv",
    DATA / "crisis_dev" / "validation.tsv",
    retired_sets.news_whole(1),
)
SEALED = Path(__file__).resolve().parent / "sealed" / "pii_adversarial.jsonl"
WORD = re.compile(r"\w+", re.UNICODE)
_MARK = re.compile(r"\[\[(.+?)\]\]")


def load_marked(path: Path) -> list:
    """Rows of a ``kind<TAB>message<TAB>context`` file whose details are marked [[so]]."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        kind, marked = parts[0], parts[1]
        context = (
            [c.strip() for c in parts[2].split(" || ")]
            if len(parts) > 2 and parts[2].strip()
            else None
        )
        text, spans, pos = [], [], 0
        for m in _MARK.finditer(marked):
            text.append(marked[pos : m.start()])
            start = sum(len(t) for t in text)
            text.append(m.group(1))
            spans.append([start, start + len(m.group(1)), kind.upper()])
            pos = m.end()
        text.append(marked[pos:])
        row = {"text": "".join(text), "spans": spans, "kind": kind, "source": "dev-adversarial"}
        if context:
            row["context"] = context
        rows.append(row)
    return rows


def load_jsonl(path: Path) -> list:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def ordinary_texts() -> list:
    """Messages with no personal detail in them (the crisis and everyday-news dev sets)."""
    out = []
    for path in ORDINARY:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    out.append(line.split("\t")[-1])
    return out


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


def split_halves(rows):
    """(tune, held_out): within each kind every other item goes to each half, an item being
    one row or, for rows with a ``pair``, the whole pair (its messages are read together)."""
    items, index = [], {}
    for row in rows:
        key = ("pair", row["pair"]) if row.get("pair") is not None else ("row", id(row))
        if key not in index:
            index[key] = len(items)
            items.append((row.get("kind") or "", []))
        items[index[key]][1].append(row)
    tune, held, seen = [], [], Counter()
    for kind, group in items:
        (tune if seen[kind] % 2 == 0 else held).extend(group)
        seen[kind] += 1
    return tune, held


def split_even_odd(rows):
    """(tune, held_out) for v5 on: a row at an even index of the file (0, 2, 4, ...) is for study
    and tuning, one at an odd index is held out; rows with a ``pair`` go together, to the tune
    half when the pair number is even and to the held-out half when it is odd."""
    tune, held = [], []
    for index, row in enumerate(rows):
        pair = row.get("pair")
        even = pair % 2 == 0 if pair is not None else index % 2 == 0
        (tune if even else held).append(row)
    return tune, held


# The retired sealed sets (bot.retired_sets declares them): (version, path) of v1 and v2, read
# whole; (version, path, split) of the later ones, v3 and v4 split by kind, v5 on by file position
# (the module docstring says why).
WHOLE = tuple(
    (v, retired_sets.pii_whole(v)) for v in retired_sets.VERSIONS if v < retired_sets.PII_SPLIT_FROM
)
SPLITS = tuple(
    (
        v,
        retired_sets.pii_whole(v),
        split_even_odd if v >= retired_sets.PII_BY_POSITION_FROM else split_halves,
    )
    for v in retired_sets.VERSIONS
    if v >= retired_sets.PII_SPLIT_FROM
)


def report_kinds(title: str, rows, find, show: int) -> None:
    """Recall per kind, words kept, and (dev data only) the misses to read."""
    total, removed, kept, others, misses, over = evaluate(rows, find)
    n = sum(total.values())
    print(f"{title}: messages {len(rows)}  details {n}")
    print(
        f"  removed (recall): {sum(removed.values()) / max(n, 1):.4f}   kept (other words): {kept / max(others, 1):.4f}"
    )
    for kind in sorted(total):
        print(f"  {kind:22s} {removed[kind] / total[kind]:.3f}  ({removed[kind]}/{total[kind]})")
    for label, detail, text in misses[:show]:
        print(f"  miss [{label}] {detail!r} in {text!r}")
    for word, text in over[:show]:
        print(f"  removed word {word!r} in {text!r}")


def report_ordinary(find, show: int) -> None:
    """Words kept on ordinary text: every removed word here is a word a counsellor lost."""
    texts = ordinary_texts()
    total = kept = 0
    lost = Counter()
    for text in texts:
        mask = bytearray(len(text) + 1)
        for sp in find(text):
            for i in range(sp.start, sp.end):
                mask[i] = 1
        for m in WORD.finditer(text):
            total += 1
            if any(mask[m.start() : m.end()]):
                lost[m.group(0).lower()] += 1
            else:
                kept += 1
    print(
        f"Ordinary text (crisis and everyday-news dev sets, no details): messages {len(texts)}  words {total}"
    )
    print(
        f"  kept: {kept / max(total, 1):.4f}   target >= 0.98 (names of films, books and celebrities count as lost)"
    )
    print(f"  removed, most common: {', '.join(f'{w}({c})' for w, c in lost.most_common(show))}")


def report_sealed(path: Path, find) -> None:
    """Aggregate figures only: no message, detail or miss is printed (``show=0``)."""
    rows = with_pair_context(
        [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    )
    report_kinds(f"SEALED adversarial corpus ({path.name})", rows, find, show=0)


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
    print()
    if DEV_ADVERSARIAL.exists():
        report_kinds(
            "Developer's adversarial dev set (pii_adversarial_dev.tsv)",
            load_marked(DEV_ADVERSARIAL),
            find,
            args.show,
        )
    for version, path in WHOLE:
        if path.exists():
            report_kinds(
                f"Retired sealed v{version}, now dev data ({path.name})",
                with_pair_context(load_jsonl(path)),
                find,
                args.show,
            )
    for version, path, split in SPLITS:
        if path.exists():
            rows = with_pair_context(load_jsonl(path))
            tune, held = split(rows)
            report_kinds(f"Retired sealed v{version}, all ({path.name})", rows, find, 0)
            report_kinds(
                f"Retired sealed v{version}, tune half (misses read here)", tune, find, args.show
            )
            report_kinds(
                f"Retired sealed v{version}, held-out half (aggregate only)", held, find, 0
            )
    report_ordinary(find, 25)
    if not args.no_sealed and SEALED.exists():
        report_sealed(SEALED, find)


if __name__ == "__main__":
    main()
