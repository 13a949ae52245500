"""Through a running bot: the review store gets placeholders under a pseudonym, never raw
details; "delete my data" + yes removes that person's tracker and review rows.

Uses the session's bot stack, whose endpoints point the privacy tracker store and the review
broker at files in a temporary folder (tests/conftest.py).
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from pathlib import Path

import pytest

from bot.privacy.pseudonym import pseudonym
from tests.support import review_db
from tests.support.servers import send
from tests.support.waiting import wait_for

pytestmark = pytest.mark.integration

RAW_DETAILS = [
    "Priya",
    "Sharma",
    "priya.sharma99@gmail.com",
    "07700 900123",
    "07700900123",
    "Lincoln",
]


@pytest.fixture(scope="module")
def privacy_stack(bot_stack):
    """The session's bot stack (tests/conftest.py): the project's privacy tracker store and
    review broker on files in a temporary folder, with its own pseudonym key."""
    return bot_stack


def every_cell(db: Path):
    con = sqlite3.connect(db)
    try:
        for (table,) in con.execute("select name from sqlite_master where type='table'"):
            for row in con.execute(f'select * from "{table}"'):
                for cell in row:
                    yield table, cell
    finally:
        con.close()


def review_turns(db: Path, pid: str):
    return review_db.review_turns(db, pid, "t.speaker, t.text, t.intent")


def tracker_rows(db: Path, sender: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[
            0
        ]
    finally:
        con.close()


def test_review_store_holds_placeholders_under_a_pseudonym(privacy_stack):
    sender = f"e2e-{uuid.uuid4().hex[:10]}"
    # REST conversations are named rest:<sender> (bot/channels/boundary.py).
    pid = pseudonym(f"rest:{sender}", key=bytes.fromhex(privacy_stack.key))
    assert send(privacy_stack.url, sender, "hi, i'm Priya Sharma")
    assert send(
        privacy_stack.url,
        sender,
        "my email is priya.sharma99@gmail.com and you can text me on 07700 900123",
    )
    assert send(privacy_stack.url, sender, "i go to Lincoln High and everyone there ignores me")
    review = privacy_stack.dir / "review.db"
    turns = wait_for(lambda: len(review_turns(review, pid)) >= 6 and review_turns(review, pid))
    user_texts = [text for speaker, text, _ in turns if speaker == "user"]
    assert len(user_texts) == 3, turns
    assert "[NAME]" in user_texts[0]
    assert "[EMAIL]" in user_texts[1] and "[PHONE]" in user_texts[1]
    assert "[ORG]" in user_texts[2]
    assert any(speaker == "bot" for speaker, _, _ in turns)
    for table, cell in every_cell(review):
        for raw in RAW_DETAILS + [sender]:
            assert raw.lower() not in str(cell).lower(), f"{raw!r} found in {table}: {cell!r}"
    # the raw conversation is in the tracker store (until retention or deletion)
    assert tracker_rows(privacy_stack.dir / "tracker.db", f"rest:{sender}") > 0


def test_delete_my_data_removes_tracker_and_review_rows(privacy_stack):
    sender = f"e2e-{uuid.uuid4().hex[:10]}"
    other = f"e2e-{uuid.uuid4().hex[:10]}"
    pid = pseudonym(f"rest:{sender}", key=bytes.fromhex(privacy_stack.key))
    review = privacy_stack.dir / "review.db"
    tracker = privacy_stack.dir / "tracker.db"
    send(privacy_stack.url, other, "hello, my friend Tom is worried about me")
    send(privacy_stack.url, sender, "hello, my friend Tom is worried about me")
    assert wait_for(lambda: review_turns(review, pid))
    replies = send(privacy_stack.url, sender, "delete my data")
    assert any("delete" in (r.get("text") or "").lower() for r in replies), replies
    replies = send(privacy_stack.url, sender, "yes")
    assert any("deleted" in (r.get("text") or "").lower() for r in replies), replies
    assert wait_for(lambda: not review_turns(review, pid)), review_turns(review, pid)
    time.sleep(1.0)  # whatever the broker writes after the deletion (restart, new session)
    con = sqlite3.connect(review)
    try:  # not even an empty conversation with the pseudonym is left
        assert con.execute(
            "select count(*) from review_conversations where pseudonym = ?", (pid,)
        ).fetchone() == (0,)
    finally:
        con.close()
    assert tracker_rows(tracker, f"rest:{sender}") == 0
    # the other person's conversation is untouched
    assert tracker_rows(tracker, f"rest:{other}") > 0
    assert review_turns(review, pseudonym(f"rest:{other}", key=bytes.fromhex(privacy_stack.key)))
    # and the conversation goes on afresh
    assert send(privacy_stack.url, sender, "hi")


def review_rows(db: Path, pid: str, sql: str):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, (pid,)).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def test_the_record_is_true_to_what_happened_through_a_running_bot(privacy_stack):
    """The channel's /greet is plumbing, a button press is its title, the offered titles are kept,
    and an exercise cut short by a crisis is recorded as such, never as completed."""
    sender = f"e2e-{uuid.uuid4().hex[:10]}"
    pid = pseudonym(f"rest:{sender}", key=bytes.fromhex(privacy_stack.key))
    review = privacy_stack.dir / "review.db"
    send(privacy_stack.url, sender, "/greet")
    replies = send(privacy_stack.url, sender, "i keep beating myself up, i'm such an idiot")
    buttons = [b for r in replies for b in r.get("buttons") or []]
    yes = next(b for b in buttons if b["payload"].startswith("/affirm"))
    send(privacy_stack.url, sender, yes["payload"])
    send(privacy_stack.url, sender, "i shouted at my sister yesterday")
    replies = send(privacy_stack.url, sender, "i want to kill myself")
    assert replies
    runs_sql = (
        "select r.exercise, r.outcome from review_exercise_runs r join review_conversations c "
        "on r.conversation_id = c.id where c.pseudonym = ?"
    )
    runs = wait_for(lambda: [r for r in review_rows(review, pid, runs_sql) if r[1]])
    assert runs == [("self_compassion_form", "crisis")], runs
    [(completed, themes, flagged)] = review_rows(
        review,
        pid,
        "select exercises_completed, themes, follow_up from review_conversations "
        "where pseudonym = ?",
    )
    assert completed == "" and flagged == 1
    assert set(themes.split(",")) == {"self_compassion", "crisis"}
    turns = review_rows(
        review,
        pid,
        "select t.speaker, t.kind, t.text, t.buttons from review_turns t join "
        "review_conversations c on t.conversation_id = c.id where c.pseudonym = ? order by t.id",
    )
    assert turns[0][:2] == ("user", "channel")  # the /greet
    assert ("user", "button", yes["title"], None) in turns
    offers = [b for s, _, _, b in turns if s == "bot" and b]
    assert any(yes["title"] in b.split("\n") for b in offers), turns
    assert not any(text.startswith("/") for s, _, text, _ in turns if s == "user")
