"""Anonymiser throughput: messages per second on one core, on the eval corpus.

Reports messages per CPU-second of this process (the machine may be shared, so wall
clock alone would measure the neighbours) and per wall-clock second. Counts only
``anonymise`` calls after the one-off build (lists, matchers), over the
corpus repeated, and prints the slowest share too: messages with digits pay for
``phonenumbers``.

    python -m bench.anonymiser
"""

from __future__ import annotations

import json
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "eval" / "data" / "pii_corpus.jsonl"


def main() -> None:
    from bot.privacy.anonymiser import anonymise, get

    t0 = time.perf_counter()
    get()
    build = time.perf_counter() - t0
    texts = [
        json.loads(line)["text"]
        for line in CORPUS.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    plain = [t for t in texts if not any(c.isdigit() for c in t)]
    for t in texts:  # warm caches
        anonymise(t)
    for name, sample in (("all corpus messages", texts), ("messages without digits", plain)):
        n = 0
        start, cpu0 = time.perf_counter(), time.process_time()
        while time.perf_counter() - start < 3.0:
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


if __name__ == "__main__":
    main()
