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

from bot.privacy.review_store import Conversation, Turn, make_engine, session_factory
from bot.review.models import init_review_app_db

THEMES = {
    "safe_haven": ["safe_place_visualisation"],
    "inner_strengths": ["strengths_spotting"],
    "limiting_beliefs": ["belief_reframe"],
    "self_compassion": ["self_compassion_break", "kind_letter"],
    "decision_making": ["decision_balance"],
    "meaningful_connection": ["connection_map"],
}

USER_LINES = {
    "safe_haven": [
        "i just need somewhere to say this without being judged",
        "honestly i feel like nobody gets it, not even [NAME]",
        "can i just vent for a bit",
    ],
    "inner_strengths": [
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
    "decision_making": [
        "should i move to [LOCATION] or stay here",
        "i cant decide whether to quit, its doing my head in",
        "my boss [NAME] wants an answer by [DATE]",
    ],
    "meaningful_connection": [
        "i moved to [LOCATION] and dont know anyone",
        "i miss having someone to talk to in the evenings",
        "my friend stopped replying, her number was [PHONE]",
    ],
}
BOT_LINES = [
    "That sounds really heavy. Thank you for telling me.",
    "It makes sense that you'd feel that way.",
    "Would you like to try a short exercise together? You can stop at any time.",
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
    """Rows for ``n`` conversations and their turns (plain dicts, ready to insert)."""
    rng = random.Random(seed)
    now = now or datetime.utcnow()
    conversations, turns = [], []
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
        for step in range(count):
            theme = themes[step % len(themes)]
            exercise = None
            if step == 1 and rng.random() < 0.6:
                exercise = rng.choice(THEMES[theme])
                started.append(exercise)
                if rng.random() < 0.55:
                    completed.append(exercise)
            crisis_now = crisis_category is not None and step == count // 2
            t += timedelta(seconds=rng.randint(5, 120))
            turns.append(
                {
                    "conversation_id": cid,
                    "timestamp": t,
                    "speaker": "user",
                    "text": CRISIS[crisis_category]
                    if crisis_now
                    else rng.choice(USER_LINES[theme]),
                    "intent": "crisis" if crisis_now else theme,
                    "confidence": round(rng.uniform(0.45, 0.99), 3),
                    "exercise": exercise,
                    "crisis": crisis_now,
                    "crisis_category": crisis_category if crisis_now else None,
                }
            )
            t += timedelta(seconds=rng.randint(1, 4))
            turns.append(
                {
                    "conversation_id": cid,
                    "timestamp": t,
                    "speaker": "bot",
                    "text": CRISIS_REPLY if crisis_now else rng.choice(BOT_LINES),
                    "intent": None,
                    "confidence": None,
                    "exercise": exercise,
                    "crisis": crisis_now,
                    "crisis_category": crisis_category if crisis_now else None,
                }
            )
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
                "crisis_categories": crisis_category or "",
                "themes": ",".join(themes),
                "exercises_started": ",".join(dict.fromkeys(started)),
                "exercises_completed": ",".join(dict.fromkeys(completed)),
                "turn_count": 2 * count,
                "reviewed": crisis_category is None and rng.random() < 0.3,
            }
        )
    return conversations, turns


def seed(engine: Engine, n: int, seed: int = 0, now: datetime | None = None, **kwargs) -> list[int]:
    """Insert ``n`` synthetic conversations; returns their ids."""
    init_review_app_db(engine)
    Session = session_factory(engine)
    with Session() as session:
        first_id = (session.execute(select(func.max(Conversation.id))).scalar() or 0) + 1
        conversations, turns = build(n, seed=seed, now=now, first_id=first_id, **kwargs)
        session.bulk_insert_mappings(Conversation, conversations)
        session.bulk_insert_mappings(Turn, turns)
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
