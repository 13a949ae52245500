"""Issue section 3: typed text must never reach the review store as a categorical field.

A ``/crisis{"crisis_category": ...}`` payload, an ``input_channel`` in a REST body, or
any intent/exercise name that is not the project's own goes around the anonymiser
(labels are stored verbatim). The store, and the spool before it, must hold only
values from the project's fixed sets."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from bot.privacy import categories
from bot.privacy import review_store as rs
from bot.privacy.broker import ReviewEventBroker, ReviewWriter, to_ops

PII = "jo@example.com 07700 900123"
T0 = 1_700_000_000.0


@pytest.fixture(autouse=True)
def fixed_key(monkeypatch):
    monkeypatch.setenv("PSEUDONYM_KEY", "cd" * 32)


def hostile_events(sender="sender-7"):
    return [
        {"sender_id": sender, "event": "session_started", "timestamp": T0},
        {
            "sender_id": sender,
            "event": "user",
            "timestamp": T0 + 1,
            "input_channel": PII,
            "text": "/crisis",
            "parse_data": {
                "intent": {"name": PII, "confidence": 1.0},
                "entities": [{"entity": "crisis_category", "value": PII}],
                "crisis": {"category": PII},
            },
        },
        {
            "sender_id": sender,
            "event": "slot",
            "name": "crisis_category",
            "value": PII,
            "timestamp": T0 + 2,
        },
        {"sender_id": sender, "event": "active_loop", "name": PII, "timestamp": T0 + 3},
        {
            "sender_id": sender,
            "event": "user",
            "timestamp": T0 + 4,
            "input_channel": "rest",
            "text": "ok",
            "parse_data": {"intent": {"name": "greet", "confidence": float("nan")}, "crisis": PII},
        },
    ]


def cells(path):
    con = sqlite3.connect(path)
    try:
        for (table,) in con.execute("select name from sqlite_master where type='table'"):
            for row in con.execute(f"select * from {table}"):
                yield from row
    finally:
        con.close()


def test_vocabularies_come_from_the_project_files():
    assert {"greet", "crisis", "stop", "nlu_fallback"} <= categories.intents()
    assert {"grounding_form", "strengths_form"} <= categories.exercises()
    assert {
        "suicidal",
        "self_harm",
        "abuse",
        "unspecified",
        "help_requested",
    } <= categories.crisis_categories()
    assert {"rest", "socketio", "telegram"} <= categories.channels()
    assert categories.crisis_category(PII) == categories.OTHER
    assert categories.channel(PII) == categories.OTHER
    assert categories.intent(None) is None


def test_the_learned_tiers_classes_are_labels_too(monkeypatch, tmp_path):
    """A crisis the learned tier names by its own class (debt threats, nowhere to sleep
    tonight) keeps its label; an unreadable weights file loses labels, never stores text."""
    assert {"debt_threats", "homeless_tonight", "sudden_loss"} <= categories.crisis_categories()
    assert categories.crisis_category("debt_threats") == "debt_threats"
    from bot.crisis import learned

    broken = tmp_path / "learned_tier.npz"
    broken.write_bytes(b"not a weights file")
    monkeypatch.setattr(learned, "WEIGHTS_PATH", broken)
    categories.crisis_categories.cache_clear()
    try:
        assert "debt_threats" not in categories.crisis_categories()
        assert "suicidal" in categories.crisis_categories()
        assert categories.crisis_category("debt_threats") == categories.OTHER
    finally:
        monkeypatch.undo()
        categories.crisis_categories.cache_clear()


def test_ops_hold_only_known_values():
    ops = [op for ev in hostile_events() for op in to_ops(ev)]
    text = json.dumps([op.to_dict() for op in ops])
    assert "jo@example.com" not in text and "07700" not in text
    user = [op for op in ops if op.kind.value == "turn"]
    assert user[0].crisis is True and user[0].crisis_category == "other"  # still a crisis
    assert user[0].intent == "other" and user[0].channel == "other"
    assert user[1].confidence is None and user[1].crisis_category == "other"


def test_store_and_spool_never_hold_typed_categories(tmp_path):
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("x")
    spool = tmp_path / "spool.jsonl"
    broker = ReviewEventBroker(
        url=f"sqlite:///{blocked / 'review.db'}",
        spool_path=str(spool),
        max_queue=1,
        retry_max_seconds=0.2,
    )
    for ev in hostile_events():
        broker.publish(ev)
    time.sleep(0.3)
    broker.stop(timeout=2)
    content = spool.read_text()
    assert content and "jo@example.com" not in content and "07700" not in content

    db = tmp_path / "ok.db"
    again = ReviewEventBroker(url=f"sqlite:///{db}", spool_path=str(spool))
    assert again.flush(timeout=20)
    again.stop()
    assert not any(
        isinstance(c, str) and ("jo@example.com" in c or "07700" in c) for c in cells(db)
    )
    with rs.session_factory(rs.make_engine(f"sqlite:///{db}"))() as s:
        conv = s.query(rs.Conversation).one()
        assert conv.channel == "other" and conv.crisis_flagged
        assert conv.crisis_categories == "other" and conv.exercises_started == "other"


def test_a_spool_from_an_older_version_is_cleaned_before_writing(tmp_path):
    """Lines spooled before validation existed still never reach the store raw."""
    db = tmp_path / "review.db"
    writer = ReviewWriter(f"sqlite:///{db}")
    writer.write(
        [
            {"op": "session", "pseudonym": "p_x", "ts": T0},
            {
                "op": "turn",
                "pseudonym": "p_x",
                "ts": T0 + 1,
                "speaker": "user",
                "text": "[EMAIL]",
                "intent": PII,
                "crisis": True,
                "crisis_category": PII,
                "channel": PII,
            },
            {"op": "crisis", "pseudonym": "p_x", "ts": T0 + 2, "category": PII},
        ]
    )
    assert not any(isinstance(c, str) and "07700" in c for c in cells(db))


def test_forget_leaves_no_row_with_the_pseudonym(tmp_path):
    """Issue section 5: after "delete my data" no (empty) conversation remains."""
    db = tmp_path / "review.db"
    broker = ReviewEventBroker(url=f"sqlite:///{db}", spool_path=str(tmp_path / "spool.jsonl"))
    sender = "forget-me"
    seq = [
        {"sender_id": sender, "event": "session_started", "timestamp": T0},
        {
            "sender_id": sender,
            "event": "user",
            "timestamp": T0 + 1,
            "text": "delete my data",
            "parse_data": {"intent": {"name": "delete_data", "confidence": 0.99}},
        },
        {"sender_id": sender, "event": "action", "name": "action_forget_me", "timestamp": T0 + 2},
        {
            "sender_id": sender,
            "event": "bot",
            "text": "I've deleted this conversation.",
            "timestamp": T0 + 3,
        },
        {"sender_id": sender, "event": "restart", "timestamp": T0 + 4},
        {
            "sender_id": sender,
            "event": "action",
            "name": "action_session_start",
            "timestamp": T0 + 5,
        },
        {"sender_id": sender, "event": "session_started", "timestamp": T0 + 5},
        {"sender_id": sender, "event": "action", "name": "action_listen", "timestamp": T0 + 6},
        {"sender_id": sender, "event": "active_loop", "name": None, "timestamp": T0 + 6},
    ]
    for ev in seq:
        broker.publish(ev)
    assert broker.flush(timeout=20)
    broker.stop()
    con = sqlite3.connect(db)
    try:
        assert con.execute("select count(*) from review_conversations").fetchone()[0] == 0
        assert con.execute("select count(*) from review_turns").fetchone()[0] == 0
    finally:
        con.close()
    # the person talks again later: that is a new conversation, counted from its start
    again = ReviewEventBroker(url=f"sqlite:///{db}", spool_path=str(tmp_path / "spool.jsonl"))
    again.publish(
        {
            "sender_id": sender,
            "event": "user",
            "timestamp": T0 + 60,
            "text": "hi",
            "parse_data": {"intent": {"name": "greet", "confidence": 0.9}},
        }
    )
    assert again.flush(timeout=20)
    again.stop()
    con = sqlite3.connect(db)
    try:
        assert con.execute("select turn_count from review_conversations").fetchall() == [(1,)]
    finally:
        con.close()


def test_scrub_brings_older_rows_into_the_sets(tmp_path):
    """Rows written before the check existed: `bot scrub-review` cleans them once."""
    from datetime import datetime

    from bot.privacy import retention

    url = f"sqlite:///{tmp_path / 'review.db'}"
    engine = rs.make_engine(url)
    rs.init_db(engine)
    when = datetime(2026, 1, 1)
    with rs.session_factory(engine)() as s:
        conv = rs.Conversation(
            pseudonym="p_a",
            session_key="p_a:1",
            channel=PII,
            started_at=when,
            last_event_at=when,
            crisis_flagged=True,
            crisis_categories=f"self_harm,{PII}",
            themes=f"self_compassion,greet,{PII}",
            exercises_started="grounding_form",
            exercises_completed="",
        )
        conv.turns.append(
            rs.Turn(
                timestamp=when,
                speaker="user",
                text="[EMAIL]",
                intent=PII,
                crisis=True,
                crisis_category=PII,
            )
        )
        s.add(conv)
        s.add(
            rs.Conversation(
                pseudonym="p_empty", session_key="p_empty:1", started_at=when, last_event_at=when
            )
        )
        s.commit()
    engine.dispose()
    assert retention.scrub_review_categories(url) == 3
    assert not any(isinstance(c, str) and "07700" in c for c in cells(tmp_path / "review.db"))
    with rs.session_factory(rs.make_engine(url))() as s:
        conv = s.query(rs.Conversation).one()
        assert (conv.channel, conv.crisis_categories, conv.themes) == (
            "other",
            "self_harm,other",
            "self_compassion",  # themes are the article's, never dialogue intents or typed text
        )
        assert conv.turns[0].crisis_category == "other" and conv.turns[0].intent == "other"
    assert retention.scrub_review_categories(url) == 0  # idempotent
