"""Anonymiser throughput: messages per second on one core, on the eval corpus.

Reports messages per CPU-second of this process (the machine may be shared, so wall
clock alone would measure the neighbours) and per wall-clock second. Counts only
``anonymise`` calls after the one-off build (lists, matchers), over the
corpus repeated, and prints the slowest share too: messages with digits pay for
``phonenumbers``.

    python -m bench.anonymiser
    python -m bench.anonymiser --dump out.jsonl      # every eval/data message's output
    python -m bench.anonymiser --compare out.jsonl   # same outputs as a dump? (exit 1 if not)
    python -m bench.anonymiser --paired /other/tree  # this tree vs another, alternating
    python -m bench.anonymiser --gate-ceiling        # what perfect recognizer gates would give

The dump reads every development message under eval/data/ and the NLU examples; the crisis
and intents held-out halves are never opened.

``--dump``/``--compare`` are the equivalence check for speed work: a change that only
makes the anonymiser faster must give byte-identical output on every message (read
alone, read with the message before it, and the whole lot as one long text).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "eval" / "data"
CORPUS = DATA / "pii_corpus.jsonl"


def corpus_texts() -> List[str]:
    return [
        json.loads(line)["text"]
        for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _never_read(path: Path) -> bool:
    """The crisis and intents held-out halves (``heldout_*.tsv``): never opened, not even as
    inputs; the PII sets' held-out halves are only read as inputs (their rows are never shown)."""
    return path.name.startswith("heldout_")


def nlu_examples() -> Iterator[str]:
    """The bot's NLU training examples (``data/nlu/*.yml``), the markup of entities removed."""
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _EXAMPLE.match(line)
            if m:
                yield _ENTITY.sub(r"\1", m.group(1))


_EXAMPLE = re.compile(r"^\s+- (.+)$")
_ENTITY = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def eval_messages() -> Iterator[Tuple[str, str, Optional[List[str]]]]:
    """(source, text, context) for every development message in eval/data/ (never sealed, never
    a crisis or intents held-out half), then the NLU examples."""
    yield from _data_messages()
    for text in nlu_examples():
        yield "data/nlu", text, None


def _data_messages() -> Iterator[Tuple[str, str, Optional[List[str]]]]:
    for path in sorted(DATA.rglob("*")):
        if (
            path.suffix not in (".jsonl", ".tsv")
            or "sealed" in path.parts[len(DATA.parts) :][:1]
            or _never_read(path)
        ):
            continue
        rel = str(path.relative_to(DATA))
        lines = path.read_text(encoding="utf-8").splitlines()
        prev: Optional[str] = None
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            if path.suffix == ".jsonl":
                text = json.loads(line)["text"]
                yield rel, text, None
                if prev is not None:  # each message after the one before it too
                    yield rel, text, [prev]
                prev = text
                continue
            cols = line.split("\t")
            if len(cols) < 2:
                continue
            text = cols[1].replace("[[", "").replace("]]", "")
            yield rel, text, None
            if len(cols) > 2 and cols[2].strip():
                yield rel, text, [c.strip() for c in cols[2].split(" || ")]


def long_text(rows) -> str:
    """The first 3,000 messages read alone of ``rows``, one a line: read in chunks."""
    return "\n".join([r[1] for r in rows if r[0] != "long" and r[2] is None][:3000])


def dump(out: Path, every: int = 1) -> int:
    """Write ``[source, text, context, output]`` for every ``every``-th message, then the
    spans of ``long_text`` of those rows (the chunked path)."""
    from bot.privacy.anonymiser import anonymise, find

    rows = []
    with out.open("w", encoding="utf-8") as fh:
        for k, (source, text, context) in enumerate(eval_messages()):
            if k % every:
                continue
            rows.append([source, text, context, anonymise(text, context=context)])
            fh.write(json.dumps(rows[-1], ensure_ascii=False) + "\n")
        spans = [[s.start, s.end, s.label] for s in find(long_text(rows))]
        fh.write(json.dumps(["long", "", None, spans]) + "\n")
    return len(rows)


def differences(ref: Path) -> Tuple[int, List[str]]:
    """(rows compared, descriptions of the rows whose output differs from ``ref``'s)."""
    from bot.privacy.anonymiser import anonymise, find

    rows = [json.loads(line) for line in ref.read_text(encoding="utf-8").splitlines()]
    bad = []
    for k, (source, text, context, want) in enumerate(rows):
        if source == "long":
            got = [[s.start, s.end, s.label] for s in find(long_text(rows))]
        else:
            got = anonymise(text, context=context)
        if got == want:
            continue
        if may_show(source):
            bad.append(f"{source}: {text[:200]!r} ctx={context!r}\n  want {want!r}\n  got  {got!r}")
        else:
            bad.append(f"{source}: row {k} (held-out text, not shown)")
    return len(rows), bad


def may_show(source: str) -> bool:
    """Whether a differing row's text may be printed: never one from a held-out half or from a
    retired set, which holds its held-out half too (their figures stay honest only unread)."""
    return "heldout" not in source and not source.startswith("retired_sealed")


def compare(ref: Path) -> int:
    n, bad = differences(ref)
    for line in bad[:20]:
        print("DIFF " + line)
    print(f"{n} outputs compared, {len(bad)} different")
    return 1 if bad else 0


def measure(seconds: float = 3.0) -> None:
    from bot.privacy.anonymiser import anonymise, get

    t0 = time.perf_counter()
    get()
    build = time.perf_counter() - t0
    texts = corpus_texts()
    plain = [t for t in texts if not any(c.isdigit() for c in t)]
    for t in texts:  # warm caches
        anonymise(t)
    for name, sample in (("all corpus messages", texts), ("messages without digits", plain)):
        n = 0
        start, cpu0 = time.perf_counter(), time.process_time()
        while time.perf_counter() - start < seconds:
            for t in sample:
                anonymise(t)
            n += len(sample)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
        # CPU seconds of this one process: the fair figure on a shared machine
        print(
            f"{name}: {n / cpu:,.0f} messages per CPU-second, {n / elapsed:,.0f} per wall-clock second "
            f"({n} messages, one thread)"
        )
    long_text = " ".join(texts) * 3
    start = time.perf_counter()
    anonymise(long_text)
    print(f"one {len(long_text):,}-character text: {time.perf_counter() - start:.3f}s")
    print(f"build (lists, matchers, spaCy tokenizer): {build:.2f}s")


_WORKER = """
import json, sys, time
sys.path.insert(0, {root!r})
from bot.privacy.anonymiser import anonymise, get
get()
texts = json.loads(sys.stdin.readline())
plain = [t for t in texts if not any(c.isdigit() for c in t)]
for t in texts:
    anonymise(t)
print("ready", flush=True)
for line in sys.stdin:
    rates = []
    for sample in (texts, plain):
        cpu0 = time.process_time()
        for _ in range({passes}):
            for t in sample:
                anonymise(t)
        rates.append({passes} * len(sample) / (time.process_time() - cpu0))
    print(*rates, flush=True)
"""


def paired(other: Path, rounds: int, passes: int = 2) -> None:
    """This tree and ``other`` in two long-lived processes, measured alternately ``rounds``
    times (a batch of ``passes`` readings of the corpus each, in turn, so both see the same
    load; more passes smooth a busy machine); medians and paired ratios."""
    procs = []
    for tree in (ROOT, other):
        procs.append(
            subprocess.Popen(
                [sys.executable, "-c", _WORKER.format(root=str(tree), passes=int(passes))],
                cwd=tree,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        )
    # Both trees read the same messages (this tree's corpus), and a worker that dies says so
    # instead of leaving this loop waiting for a line that never comes.
    texts = json.dumps(corpus_texts())
    for p, tree in zip(procs, (ROOT, other), strict=True):
        p.stdin.write(texts + "\n")
        p.stdin.flush()
        while True:
            line = p.stdout.readline()
            if not line:
                raise SystemExit(f"the anonymiser in {tree} did not start (exit {p.wait()})")
            if line.strip() == "ready":
                break
    here: List[Tuple[float, ...]] = []
    there: List[Tuple[float, ...]] = []
    for r in range(rounds):
        order = [(procs[0], here), (procs[1], there)]
        if r % 2:
            order.reverse()
        for p, acc in order:
            p.stdin.write("go\n")
            p.stdin.flush()
            acc.append(tuple(float(x) for x in p.stdout.readline().split()))
        print(
            f"round {r + 1}: this {here[-1][0]:,.0f} / {here[-1][1]:,.0f}  "
            f"other {there[-1][0]:,.0f} / {there[-1][1]:,.0f}",
            flush=True,
        )
    for p in procs:
        p.stdin.close()
        p.wait()
    for k, name in enumerate(("all corpus messages", "messages without digits")):
        a = statistics.median(x[k] for x in here)
        b = statistics.median(x[k] for x in there)
        ratio = statistics.median(x[k] / y[k] for x, y in zip(here, there, strict=True))
        print(
            f"{name}: this {a:,.0f}, other {b:,.0f} msg/CPU-s (medians of {rounds}); "
            f"median paired ratio {ratio:.3f}"
        )


def gate_ceiling(rounds: int) -> None:
    """What skipping whole recognizers could ever give: each recognizer's CPU time on the
    corpus messages it finds nothing in (the time a perfect gate would save), and the
    throughput with every recognizer run only where it finds something (an oracle, not a
    gate anyone can write) against every recognizer run, alternating in this one process;
    the median paired ratio is the ceiling of any "could this recognizer fire?" gate."""
    from bot.privacy.anonymiser import get
    from bot.privacy.recognizers.text import TextView

    an = get()
    texts = corpus_texts()
    every = list(an.recognizers)
    idle = {rec.name: 0.0 for rec in every}
    fires = {}
    for t in texts:  # warm caches (word lists, the tokenizer's chunks) before timing
        an.anonymise(t)
    for t in texts:
        view = TextView(t, an.analysis)
        _ = view.tokens  # shared by the token recognizers: not charged to the first of them
        fires[t] = []
        for rec in every:
            cpu0 = time.process_time()
            found = list(rec.find(view))
            if found:
                fires[t].append(rec)
            else:
                idle[rec.name] += time.process_time() - cpu0
    print("recognizer: messages it finds something in / CPU-us a message on the others")
    for rec in every:
        hits = sum(rec in fires[t] for t in texts)
        print(f"  {rec.name:18s} {hits:4d}/{len(texts)}  {idle[rec.name] / len(texts) * 1e6:6.1f}")

    def rate(oracle: bool) -> float:
        cpu0 = time.process_time()
        try:
            for t in texts:
                if oracle:
                    an.recognizers = fires[t]
                an.anonymise(t)
        finally:
            an.recognizers = every
        return len(texts) / (time.process_time() - cpu0)

    pairs = [(rate(False), rate(True)) for _ in range(rounds)]
    print(
        f"every recognizer {statistics.median(a for a, _ in pairs):,.0f} msg/CPU-s, only where "
        f"it finds something {statistics.median(b for _, b in pairs):,.0f} (medians of {rounds}); "
        f"median paired ratio {statistics.median(b / a for a, b in pairs):.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--paired", type=Path, help="another checkout to measure against")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--passes", type=int, default=2, help="--paired: corpus readings per batch")
    ap.add_argument("--every", type=int, default=1, help="--dump only every n-th message")
    ap.add_argument("--gate-ceiling", action="store_true", help="what perfect gates would give")
    args = ap.parse_args()
    if args.dump:
        print(f"{dump(args.dump, args.every)} messages written")
    elif args.compare:
        sys.exit(compare(args.compare))
    elif args.paired:
        paired(args.paired, args.rounds, args.passes)
    elif args.gate_ceiling:
        gate_ceiling(args.rounds)
    else:
        measure()


if __name__ == "__main__":
    main()
