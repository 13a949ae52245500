"""Scripted multi-turn conversations through the REST channel of a running bot.

    .venv/bin/python eval/conversations.py --url http://localhost:5005 [--transcripts] [--only NAME]
    .venv/bin/python eval/conversations.py --start        # starts its own action server and Rasa
    .venv/bin/python -m eval conversations                # as part of `make eval` (starts its own
                                                          # servers when nothing answers on --url)

Each file in eval/conversations/ holds conversations: a name and the person's turns (a text,
or {say: text, expect: words the bot's reply should contain}). Every conversation gets a
fresh sender id. Figures printed: conversations, turns, unanswered turns (a user message with
no bot reply), repeated replies (a bot text equal to the bot text just before it), and missed
expectations. Exit status 1 when unanswered or repeated replies are not zero.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

from bot import fast_yaml

ROOT = Path(__file__).resolve().parents[1]
CONVERSATIONS = Path(__file__).resolve().parent / "conversations"


def load_conversations(directory: Path = CONVERSATIONS) -> List[Dict[str, Any]]:
    conversations: List[Dict[str, Any]] = []
    for path in sorted(directory.glob("*.yml")):
        for conv in (fast_yaml.safe_load(path.read_text()) or {}).get("conversations", []):
            turns = [t if isinstance(t, dict) else {"say": t} for t in conv["turns"]]
            conversations.append({"name": conv["name"], "file": path.name, "turns": turns})
    return conversations


def send(url: str, sender: str, message: str, timeout: float = 60.0) -> List[Dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        url.rstrip("/") + "/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode() or "[]")


def reply_text(reply: Dict[str, Any]) -> str:
    return reply.get("text") or ""


def run_conversation(url: str, conv: Dict[str, Any]) -> Dict[str, Any]:
    """Play one conversation; count unanswered turns, repeated replies and missed expectations."""
    sender = f"eval-{uuid.uuid4().hex[:10]}"
    transcript: List[str] = []
    unanswered = repeated = missed = 0
    previous: Optional[str] = None
    for turn in conv["turns"]:
        said = str(turn["say"])
        transcript.append(f"  person: {said}")
        replies = send(url, sender, said)
        answered = [r for r in replies if reply_text(r) or r.get("buttons") or r.get("image")]
        if not answered:
            unanswered += 1
            transcript.append("  bot:    (no reply)  <-- UNANSWERED")
        for reply in answered:
            text = reply_text(reply)
            mark = ""
            if text and text == previous:
                repeated += 1
                mark = "  <-- REPEATED"
            buttons = " ".join(f"[{b.get('title')}]" for b in reply.get("buttons") or [])
            transcript.append(f"  bot:    {text}{(' ' + buttons) if buttons else ''}{mark}")
            if text:
                previous = text
        expect = turn.get("expect")
        if expect:
            joined = " ".join(reply_text(r) for r in answered).lower()
            wanted = [expect] if isinstance(expect, str) else list(expect)
            if not any(w.lower() in joined for w in wanted):
                missed += 1
                transcript.append(f"          (expected one of: {wanted})  <-- MISSED")
    return {
        "name": conv["name"],
        "file": conv["file"],
        "turns": len(conv["turns"]),
        "unanswered": unanswered,
        "repeated": repeated,
        "missed": missed,
        "transcript": transcript,
    }


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/", timeout=2) as response:
            return response.status < 500
    except Exception:
        return False


def start_servers():
    """Start our own action server and Rasa (model from ensure_model) for a self-contained run."""
    sys.path.insert(0, str(ROOT))
    import tempfile

    from tests.support import servers

    model = servers.ensure_model(quiet=True)
    actions = servers.start_action_server()
    directory = Path(tempfile.mkdtemp(prefix="eval-conversations-"))
    endpoints = servers.write_endpoints(directory, action_port=actions.port)
    try:
        rasa = servers.start_rasa(model=model, endpoints=endpoints)
    except Exception:
        actions.stop()
        raise
    return rasa, actions


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=None, help="a running bot (default http://localhost:5005)")
    parser.add_argument(
        "--start", action="store_true", help="start an action server and Rasa first"
    )
    parser.add_argument("--transcripts", action="store_true", help="print every transcript")
    parser.add_argument("--only", help="run only conversations whose name contains this")
    args = parser.parse_args(argv)

    conversations = load_conversations()
    if args.only:
        conversations = [c for c in conversations if args.only.lower() in c["name"].lower()]
    url = args.url or "http://localhost:5005"
    if not args.start and args.url is None and not answers(url):
        print(
            f"nothing answers on {url}: starting an action server and Rasa for this run", flush=True
        )
        args.start = True
    started = start_servers() if args.start else None
    url = started[0].url if started else url
    try:
        began = time.monotonic()
        results = [run_conversation(url, conv) for conv in conversations]
        elapsed = time.monotonic() - began
    finally:
        if started:
            for server in started:
                server.stop()

    for result in results:
        flag = (
            "" if not (result["unanswered"] or result["repeated"] or result["missed"]) else "  <--"
        )
        if args.transcripts or flag:
            print(
                f"\n== {result['name']} ({result['file']}): unanswered {result['unanswered']}, "
                f"repeated {result['repeated']}, missed expectations {result['missed']}{flag}"
            )
            print("\n".join(result["transcript"]))
    turns = sum(r["turns"] for r in results)
    unanswered = sum(r["unanswered"] for r in results)
    repeated = sum(r["repeated"] for r in results)
    missed = sum(r["missed"] for r in results)
    print("\nScripted conversations (REST)")
    print(f"  conversations:          {len(results)}")
    print(f"  user turns:             {turns}")
    print(f"  unanswered turns:       {unanswered}")
    print(f"  repeated replies:       {repeated}")
    print(f"  missed expectations:    {missed} (NLU-dependent; informational)")
    print(f"  wall time:              {elapsed:.1f}s")
    return 1 if (unanswered or repeated) else 0


if __name__ == "__main__":
    sys.exit(main())
