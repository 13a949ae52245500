"""Crisis recall and false alarms through the whole bot: fresh, and in the middle of exercises.

The detector alone is measured in eval/crisis.py; this measures what a person gets.
"Fresh": the message is parsed by the full trained NLU pipeline (DIET, crisis detector,
fallback) and counts as detected when the intent is ``crisis``. "Mid-exercise": over the
REST channel, each message is sent right after an exercise has started (rotating through
every exercise), and counts as detected when the bot's first reply carries the resources.

Data (``--data``): the project's main sets (tests/data/crisis, the default), the development
validation set (eval/data/crisis_dev/validation*.tsv), the retired first sealed set (a second
validation set) or the sealed set (eval/sealed/crisis.tsv: recall and false alarms by category
only, never a message; ``--everyday`` names hard-negative categories the sealed set's authors
added); ``--every N`` sends every N-th message of each category mid-exercise (REST turns are
slow: two per message). The dev sets' messages are listed only for the main sets.

    python -m eval.crisis_bot --data validation --every 4
    python -m eval.crisis_bot --data sealed --every 2 --everyday idioms_everyday
"""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path

from eval.crisis import HELDOUT_FILES
from eval.nlu_agent import Parser, quiet_rasa_logs
from tests.support import servers

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "crisis"
EXERCISES = [
    "self_compassion",
    "reframe",
    "strengths",
    "decision",
    "connection",
    "grounding",
    "breathing",
    "safe_haven",
]
# Held-out halves of retired sets: reported by category like the sealed set (rates only).
HELDOUT = tuple(HELDOUT_FILES)
RESOURCE_MARKERS = ("988", "116 123", "findahelpline", "13 11 14")


def load_lines(name: str) -> list:
    path = DATA / name
    return [
        line.strip()
        for line in path.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]


def has_resources(replies) -> bool:
    text = " ".join(r.get("text", "") for r in replies)
    return any(marker in text for marker in RESOURCE_MARKERS)


def rates(crisis_hits, everyday_hits):
    recall = sum(crisis_hits) / max(1, len(crisis_hits))
    false_alarms = sum(everyday_hits) / max(1, len(everyday_hits))
    return recall, false_alarms


def fresh(parser: Parser, crisis, everyday):
    c = [parser.parse(t)["intent"]["name"] == "crisis" for t in crisis]
    e = [parser.parse(t)["intent"]["name"] == "crisis" for t in everyday]
    return c, e


def mid_exercise(url: str, crisis, everyday):
    def run(messages):
        hits = []
        for i, text in enumerate(messages):
            sender = f"eval-{uuid.uuid4().hex[:10]}"
            exercise = EXERCISES[i % len(EXERCISES)]
            started = servers.send(
                url, sender, "/request_exercise" + json.dumps({"exercise": exercise})
            )
            if not started:
                raise RuntimeError(f"exercise {exercise} did not start")
            hits.append(has_resources(servers.send(url, sender, text)[:1]))
        return hits

    return run(crisis), run(everyday)


def report(label, crisis, everyday, c, e, list_messages: bool = True) -> None:
    recall, far = rates(c, e)
    print(
        f"{label}: recall {recall:.3f} ({sum(c)}/{len(c)})   "
        f"false alarms {far:.3f} ({sum(e)}/{len(e)})"
    )
    if not list_messages:
        return
    for text, hit in zip(crisis, c, strict=False):
        if not hit:
            print(f"  missed: {text}")
    for text, hit in zip(everyday, e, strict=False):
        if hit:
            print(f"  false alarm: {text}")


def load_rows(name: str):
    """(category, message) rows of a category-labelled set: validation, v1, a held-out half of
    a retired set (``HELDOUT``: heldout_v3, heldout_v4, ...) or sealed."""
    from bot.crisis.learned import read_tsv, validation_rows
    from eval.crisis import RETIRED_V1_FILE, SEALED_FILE

    if name == "validation":
        return validation_rows()
    if name in HELDOUT:
        return read_tsv(HELDOUT_FILES[name])
    return read_tsv(SEALED_FILE if name == "sealed" else RETIRED_V1_FILE)


def load_set(name: str, everyday_extra=()):
    """(crisis messages, everyday messages) of one of the sets named in the docstring."""
    if name == "main":
        return load_lines("crisis.txt"), load_lines("everyday.txt")
    from eval.crisis import everyday_categories

    everyday = everyday_categories(everyday_extra)
    rows = load_rows(name)
    crisis = [m for c, m in rows if c not in everyday]
    return crisis, [m for c, m in rows if c in everyday]


def every_nth_by_category(rows, every: int):
    """Every N-th message of each category (so a sample keeps every category)."""
    seen, out = {}, []
    for category, message in rows:
        if seen.get(category, 0) % every == 0:
            out.append((category, message))
        seen[category] = seen.get(category, 0) + 1
    return out


def category_report(label: str, rows, hits, everyday) -> None:
    """Per-category share flagged (recall for crisis, false alarms for everyday) and the two
    totals. Rates and counts only: no message is printed (the sealed set stays sealed)."""
    by: dict = {}
    for (category, _), hit in zip(rows, hits, strict=True):
        by.setdefault(category, []).append(bool(hit))
    crisis = [h for c, v in by.items() if c not in everyday for h in v]
    calm = [h for c, v in by.items() if c in everyday for h in v]
    recall, far = rates(crisis, calm)
    print(
        f"{label}: recall {recall:.3f} ({sum(crisis)}/{len(crisis)})   "
        f"false alarms {far:.3f} ({sum(calm)}/{len(calm)})"
    )
    for heading, wanted in (("crisis (recall)", False), ("everyday (false alarms)", True)):
        print(f"  -- {heading}")
        for category in sorted(c for c in by if (c in everyday) == wanted):
            v = by[category]
            print(f"  {category:<28} {sum(v) / len(v):.3f}  ({sum(v)}/{len(v)})")


def sealed_main(args) -> None:
    """--data sealed (or a held-out half): aggregate per-category figures only, fresh and
    mid-exercise."""
    from eval.crisis import everyday_categories

    everyday = everyday_categories(args.everyday.split(","))
    rows = load_rows(args.data)
    quiet_rasa_logs()
    nlu = Parser()
    quiet_rasa_logs()  # loading the model may configure logging again
    fresh_hits = [nlu.parse(m)["intent"]["name"] == "crisis" for _, m in rows]
    category_report(f"{args.data}, fresh (full NLU)", rows, fresh_hits, everyday)
    if args.no_rest:
        return
    sample = every_nth_by_category(rows, args.every)
    tmp = Path(tempfile.mkdtemp(prefix="eval-crisis-"))
    actions = servers.start_action_server()
    rasa = servers.start_rasa(endpoints=servers.write_endpoints(tmp, actions.port))
    try:
        hits, _ = mid_exercise(rasa.url, [m for _, m in sample], [])
    finally:
        rasa.stop()
        actions.stop()
    label = f"{args.data}, mid-exercise (REST" + (
        f", every {args.every}th)" if args.every > 1 else ")"
    )
    category_report(label, sample, hits, everyday)


def main(argv=None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="crisis recall through the whole bot")
    parser.add_argument(
        "--data", choices=("main", "validation", "v1", *HELDOUT, "sealed"), default="main"
    )
    parser.add_argument("--every", type=int, default=1, help="mid-exercise: every N-th message")
    parser.add_argument("--no-rest", action="store_true", help="fresh (in-process NLU) only")
    parser.add_argument(
        "--everyday",
        default="",
        help="comma-separated extra everyday (hard-negative) categories of the set",
    )
    args = parser.parse_args(argv)
    if args.every < 1:
        parser.error("--every must be 1 or more")
    if args.data in ("sealed", *HELDOUT):
        sealed_main(args)
        return
    crisis, everyday = load_set(args.data, args.everyday.split(","))
    listed = args.data == "main"
    nlu = Parser()
    report(
        f"{args.data}, fresh (full NLU)", crisis, everyday, *fresh(nlu, crisis, everyday), listed
    )
    if args.no_rest:
        return
    crisis, everyday = crisis[:: args.every], everyday[:: args.every]
    tmp = Path(tempfile.mkdtemp(prefix="eval-crisis-"))
    actions = servers.start_action_server()
    rasa = servers.start_rasa(endpoints=servers.write_endpoints(tmp, actions.port))
    try:
        c, e = mid_exercise(rasa.url, crisis, everyday)
    finally:
        rasa.stop()
        actions.stop()
    report(f"{args.data}, mid-exercise (REST)", crisis, everyday, c, e, listed)


if __name__ == "__main__":
    main()
