"""Crisis recall and false alarms through the whole bot: fresh, and in the middle of exercises.

The detector alone is measured in eval/crisis.py; this measures what a person gets.
"Fresh": the message is parsed by the full trained NLU pipeline (DIET, crisis detector,
fallback) and counts as detected when the intent is ``crisis``. "Mid-exercise": over the
REST channel, each message is sent right after an exercise has started (rotating through
every exercise), and counts as detected when the bot's first reply carries the resources.

Data (``--data``): the project's main sets (tests/data/crisis, the default), the development
validation set (eval/data/crisis_dev/validation.tsv) or the retired first sealed set (a second
validation set); ``--every N`` sends every N-th message of each class mid-exercise (REST turns
are slow: two per message). The dev sets' messages are listed only for the main sets.

    python -m eval.crisis_bot --data validation --every 4
"""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path

from eval.nlu_agent import Parser
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


def load_set(name: str):
    """(crisis messages, everyday messages) of one of the sets named in the docstring."""
    if name == "main":
        return load_lines("crisis.txt"), load_lines("everyday.txt")
    from bot.crisis.learned import EVERYDAY_CATEGORIES, VALIDATION_PATH, read_tsv
    from eval.crisis import RETIRED_V1_FILE

    rows = read_tsv(VALIDATION_PATH if name == "validation" else RETIRED_V1_FILE)
    crisis = [m for c, m in rows if c not in EVERYDAY_CATEGORIES]
    return crisis, [m for c, m in rows if c in EVERYDAY_CATEGORIES]


def main(argv=None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="crisis recall through the whole bot")
    parser.add_argument("--data", choices=("main", "validation", "v1"), default="main")
    parser.add_argument("--every", type=int, default=1, help="mid-exercise: every N-th message")
    parser.add_argument("--no-rest", action="store_true", help="fresh (in-process NLU) only")
    args = parser.parse_args(argv)
    crisis, everyday = load_set(args.data)
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
