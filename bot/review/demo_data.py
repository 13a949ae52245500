"""Synthetic, already-anonymised conversations for tests, the benchmark and demos.

Nothing here is real: texts use the anonymiser's placeholders ([NAME], [PHONE],
...), pseudonyms are random hex. Deterministic for a given ``seed``.

    python -m bot.review.demo_data --count 300        # into REVIEW_DB_URL
"""

from __future__ import annotations

import argparse
import hashlib
import random
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.privacy.review_store import (
    Conversation,
    ExerciseRun,
    Turn,
    make_engine,
    session_factory,
)
from bot.review.models import init_review_app_db

# theme (bot/privacy/themes.py) -> the intent people use for it and the exercise it offers
THEMES = {
    "safe_haven": ("vent", ["safe_haven_form"]),
    "strengths": ("explore_strengths", ["strengths_form"]),
    "limiting_beliefs": ("limiting_belief", ["reframe_form"]),
    "self_compassion": ("self_criticism", ["self_compassion_form"]),
    "decisions": ("decision_help", ["decision_form"]),
    "connection": ("loneliness", ["connection_form"]),
}
OFFER = "Would you like to try a short exercise together? You can stop at any time."
OFFER_BUTTONS = ("Yes, let's try", "No, thanks")
# how exercises that did not reach their last step ended
NOT_COMPLETED = ("stopped", "switched", "abandoned")

USER_LINES = {
    "safe_haven": [
        "i just need somewhere to say this without being judged",
        "honestly i feel like nobody gets it, not even [NAME]",
        "can i just vent for a bit",
    ],
    "strengths": [
        "i dont think im good at anything tbh",
        "my mate [NAME] says im stronger than i think but idk",
        "i got through last winter somehow",
    ],
    "limiting_beliefs": [
        "i always mess things up, every single time",
        "im just not the kind of person who gets the job at [ORG]",
        "people like me dont get better",
    ],
    "self_compassion": [
        "i keep beating myself up about what i said to my sister [NAME]",
        "why am i so hard on myself",
        "i feel so stupid for failing the exam at [ORG]",
    ],
    "decisions": [
        "should i move to [LOCATION] or stay here",
        "i cant decide whether to quit, its doing my head in",
        "my boss [NAME] wants an answer by [DATE]",
    ],
    "connection": [
        "i moved to [LOCATION] and dont know anyone",
        "i miss having someone to talk to in the evenings",
        "my friend stopped replying, her number was [PHONE]",
    ],
}
BOT_LINES = [
    "That sounds really heavy. Thank you for telling me.",
    "It makes sense that you'd feel that way.",
    "I'm a bot, not a therapist, but I'm here to listen.",
    "What would you say to a friend who felt like this?",
    "Take your time. There's no right answer here.",
]
CRISIS = {
    "suicidal_ideation": "i dont want to be here anymore, whats the point",
    "self_harm": "i've been hurting myself again",
    "abuse": "[NAME] hits me when hes drunk",
}
# The bot's real crisis reply (generated from data/crisis/resources.yml), so demo data never
# carries a number of its own.
from bot.crisis.fallback_text import FALLBACK_TEXT as CRISIS_REPLY  # noqa: E402

CHANNELS = ["socketio", "telegram", "rest"]


def build(
    n: int,
    seed: int = 0,
    now: datetime | None = None,
    days: int = 60,
    crisis_share: float = 0.08,
    first_id: int = 1,
):
    """Rows for ``n`` conversations, their turns and their exercise runs (plain dicts, ready to
    insert). An exercise is offered with buttons; taking it up is a button press; it ends as
    real ones do: completed, stopped, switched, left unfinished, or cut short by a crisis."""
    rng = random.Random(seed)
    now = now or datetime.utcnow()
    conversations, turns, runs = [], [], []
    crisis_count = min(n, max(1, round(n * crisis_share))) if n and crisis_share > 0 else 0
    in_crisis = set(rng.sample(range(n), k=crisis_count))
    for i in range(n):
        cid = first_id + i
        start = now - timedelta(seconds=rng.randint(60, days * 86400))
        themes = rng.sample(sorted(THEMES), k=rng.choice([1, 1, 2]))
        started, completed = [], []
        crisis_category = rng.choice(sorted(CRISIS)) if i in in_crisis else None
        t = start
        count = rng.randint(2, 6)
        crisis_step = count // 2 if crisis_category is not None else None
        exercise = rng.choice(THEMES[themes[0]][1]) if rng.random() < 0.6 else None
        run = None
        for step in range(count):
            theme = themes[step % len(themes)]
            pressed = exercise is not None and step == 1
            crisis_now = step == crisis_step
            if pressed:
                run = {
                    "conversation_id": cid,
                    "exercise": exercise,
                    "started_at": t,
                    "ended_at": None,
                    "outcome": None,
                }
                runs.append(run)
                started.append(exercise)
            t += timedelta(seconds=rng.randint(5, 120))
            turns.append(
                {
                    "conversation_id": cid,
                    "timestamp": t,
                    "speaker": "user",
                    "text": CRISIS[crisis_category]
                    if crisis_now
                    else (OFFER_BUTTONS[0] if pressed else rng.choice(USER_LINES[theme])),
                    "intent": "crisis"
                    if crisis_now
                    else ("affirm" if pressed else THEMES[theme][0]),
                    "confidence": round(rng.uniform(0.45, 0.99), 3),
                    "exercise": exercise if run is not None and run["outcome"] is None else None,
                    "crisis": crisis_now,
                    "crisis_category": crisis_category if crisis_now else None,
                    "kind": "button" if pressed and not crisis_now else "typed",
                    "buttons": None,
                }
            )
            t += timedelta(seconds=rng.randint(1, 4))
            if crisis_now and run is not None and run["outcome"] is None:
                run["outcome"], run["ended_at"] = "crisis", t
            offer = exercise is not None and step == 0
            turns.append(
                {
                    "conversation_id": cid,
                    "timestamp": t,
                    "speaker": "bot",
                    "text": CRISIS_REPLY
                    if crisis_now
                    else (OFFER if offer else rng.choice(BOT_LINES)),
                    "intent": None,
                    "confidence": None,
                    "exercise": exercise if run is not None and run["outcome"] is None else None,
                    "crisis": crisis_now,
                    "crisis_category": crisis_category if crisis_now else None,
                    "kind": "typed",
                    "buttons": "\n".join(OFFER_BUTTONS) if offer else None,
                }
            )
        if run is not None and run["outcome"] is None:
            run["outcome"] = "completed" if rng.random() < 0.55 else rng.choice(NOT_COMPLETED)
            run["ended_at"] = t
            if run["outcome"] == "completed":
                completed.append(run["exercise"])
        conversations.append(
            {
                "id": cid,
                "pseudonym": hashlib.sha256(
                    f"demo-person-{seed}-{rng.randint(0, n // 2 + 1)}".encode()
                ).hexdigest(),
                "session_key": f"demo-{seed}-{cid}",
                "channel": rng.choice(CHANNELS),
                "started_at": start,
                "last_event_at": t,
                "crisis_flagged": crisis_category is not None,
                "follow_up": crisis_category is not None,
                "crisis_categories": crisis_category or "",
                "themes": ",".join(themes + (["crisis"] if crisis_category else [])),
                "exercises_started": ",".join(dict.fromkeys(started)),
                "exercises_completed": ",".join(dict.fromkeys(completed)),
                "turn_count": 2 * count,
                "reviewed": crisis_category is None and rng.random() < 0.3,
            }
        )
    return conversations, turns, runs


def seed(engine: Engine, n: int, seed: int = 0, now: datetime | None = None, **kwargs) -> list[int]:
    """Insert ``n`` synthetic conversations; returns their ids."""
    init_review_app_db(engine)
    Session = session_factory(engine)
    with Session() as session:
        first_id = (session.execute(select(func.max(Conversation.id))).scalar() or 0) + 1
        conversations, turns, runs = build(n, seed=seed, now=now, first_id=first_id, **kwargs)
        session.bulk_insert_mappings(Conversation, conversations)
        session.bulk_insert_mappings(Turn, turns)
        session.bulk_insert_mappings(ExerciseRun, runs)
        session.commit()
    return [c["id"] for c in conversations]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Fill a review DB with synthetic anonymised conversations."
    )
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db-url", default=None, help="default: REVIEW_DB_URL or var/review.db")
    args = parser.parse_args(argv)
    ids = seed(make_engine(args.db_url), args.count, seed=args.seed)
    print(f"added {len(ids)} synthetic conversations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
