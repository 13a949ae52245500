"""Helpers for review app tests: accounts, CSRF-aware login, a hand-moved clock, test rows."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from itertools import count

from bot.privacy.review_store import Conversation, ExerciseRun, Turn

ADMIN = ("admin@example.org", "admin password 123")
COUNSELLOR = ("counsellor@example.org", "counsellor password 1")
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')

_keys = count(1)


class Clock:
    """A clock the throttle reads, moved by hand in tests (no wall time)."""

    def __init__(self):
        self.now = datetime(2026, 11, 27, 12, 0, 0)

    def __call__(self):
        return self.now

    def advance(self, **kwargs):
        self.now += timedelta(**kwargs)


def csrf_token(client, path: str = "/login") -> str:
    response = client.get(path)
    match = CSRF.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, email: str, password: str, follow: bool = False):
    token = csrf_token(client)
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        follow_redirects=follow,
    )


def add_conversation(
    session,
    *,
    last: datetime,
    flagged: bool = False,
    reviewed: bool = False,
    themes: str = "",
    started: str = "",
    completed: str = "",
    texts=("hello",),
    categories: str = "",
    channel: str = "rest",
    outcomes: dict | None = None,
) -> Conversation:
    """One conversation with user turns of the given texts (and a bot reply to each). Each
    exercise in ``started`` gets a run, ended as ``outcomes`` says (default: completed if it is
    in ``completed``, else stopped)."""
    n = next(_keys)
    conv = Conversation(
        pseudonym=f"p{n:04d}" + "0" * 60,
        session_key=f"s-{n}",
        channel=channel,
        started_at=last - timedelta(minutes=10),
        last_event_at=last,
        crisis_flagged=flagged,
        crisis_categories=categories,
        themes=themes,
        exercises_started=started,
        exercises_completed=completed,
        turn_count=2 * len(texts),
        reviewed=reviewed,
        follow_up=flagged,
    )
    done = [e for e in completed.split(",") if e]
    for name in [e for e in started.split(",") if e]:
        outcome = (outcomes or {}).get(name, "completed" if name in done else "stopped")
        conv.runs.append(
            ExerciseRun(
                exercise=name,
                started_at=last - timedelta(minutes=9),
                ended_at=None if outcome is None else last,
                outcome=outcome,
            )
        )
    t = last - timedelta(minutes=9)
    for text in texts:
        conv.turns.append(
            Turn(
                timestamp=t,
                speaker="user",
                text=text,
                intent="greet",
                confidence=0.9,
                crisis=flagged,
                crisis_category=categories or None,
            )
        )
        t += timedelta(seconds=5)
        conv.turns.append(Turn(timestamp=t, speaker="bot", text="I hear you.", crisis=False))
        t += timedelta(seconds=30)
    session.add(conv)
    session.commit()
    return conv
