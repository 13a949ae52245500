"""Crisis recall and false alarms through the whole bot: fresh, and in the middle of exercises.

The detector alone is measured in eval/crisis.py; this measures what a person gets.
"Fresh": the message is parsed by the full trained NLU pipeline (DIET, crisis detector,
fallback) and counts as detected when the intent is ``crisis``. "Mid-exercise": over the
REST channel, each message is sent right after an exercise has started (rotating through
every exercise), and counts as detected when the bot's first reply carries the resources.
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


def report(label, crisis, everyday, c, e) -> None:
    recall, far = rates(c, e)
    print(
        f"{label}: recall {recall:.3f} ({sum(c)}/{len(c)})   "
        f"false alarms {far:.3f} ({sum(e)}/{len(e)})"
    )
    for text, hit in zip(crisis, c, strict=False):
        if not hit:
            print(f"  missed: {text}")
    for text, hit in zip(everyday, e, strict=False):
        if hit:
            print(f"  false alarm: {text}")


def main() -> None:
    crisis, everyday = load_lines("crisis.txt"), load_lines("everyday.txt")
    parser = Parser()
    report("fresh (full NLU)", crisis, everyday, *fresh(parser, crisis, everyday))

    tmp = Path(tempfile.mkdtemp(prefix="eval-crisis-"))
    actions = servers.start_action_server()
    rasa = servers.start_rasa(endpoints=servers.write_endpoints(tmp, actions.port))
    try:
        c, e = mid_exercise(rasa.url, crisis, everyday)
    finally:
        rasa.stop()
        actions.stop()
    report("mid-exercise (REST)", crisis, everyday, c, e)


if __name__ == "__main__":
    main()
