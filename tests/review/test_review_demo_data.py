"""The synthetic data used by tests, the benchmark and demos."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bot.privacy.review_store import Conversation, Turn
from bot.privacy.themes import THEMES
from bot.review.demo_data import build, seed


def test_build_is_deterministic_and_shaped_like_the_store():
    a, turns_a, runs_a = build(200, seed=5)
    b, turns_b, _ = build(200, seed=5)
    assert [c["session_key"] for c in a] == [c["session_key"] for c in b]
    assert [t["text"] for t in turns_a] == [t["text"] for t in turns_b]
    assert sum(c["crisis_flagged"] for c in a) == 16  # 8 % exactly
    for c in a:
        mine = [t for t in turns_a if t["conversation_id"] == c["id"]]
        assert len(mine) == c["turn_count"]
        assert c["crisis_flagged"] == any(t["crisis"] for t in mine)
        assert set(filter(None, c["exercises_completed"].split(","))) <= set(
            filter(None, c["exercises_started"].split(","))
        )
        done = {
            r["exercise"]
            for r in runs_a
            if r["conversation_id"] == c["id"] and r["outcome"] == "completed"
        }
        assert set(filter(None, c["exercises_completed"].split(","))) == done
        assert set(filter(None, c["themes"].split(","))) <= set(THEMES)  # never an intent
        assert (
            c["started_at"] <= mine[0]["timestamp"] and mine[-1]["timestamp"] == c["last_event_at"]
        )


def test_texts_use_placeholders_not_details():
    _, turns, _ = build(300, seed=1)
    # typed by the person (a button press shows the bot's own title)
    user_texts = [t["text"] for t in turns if t["speaker"] == "user" and t["kind"] == "typed"]
    assert any("[NAME]" in t for t in user_texts) and any("[PHONE]" in t for t in user_texts)
    for text in user_texts:
        assert not re.search(r"\d", text), text  # no phone numbers, dates or ids typed out
        assert not re.search(r"\b[A-Z][a-z]+\b", text.replace("[", " ").replace("]", " ")), text


def test_seed_appends_to_an_existing_db(engine, session):
    first = seed(engine, 10, seed=1)
    second = seed(engine, 10, seed=1)
    assert len(set(first) | set(second)) == 20
    assert session.execute(select(func.count()).select_from(Conversation)).scalar_one() == 20
    assert session.execute(select(func.count()).select_from(Turn)).scalar_one() > 40


def test_an_exercise_cut_short_by_a_crisis_is_never_completed():
    conversations, turns, runs = build(400, seed=9, crisis_share=0.3)
    by_id = {c["id"]: c for c in conversations}
    cut = [r for r in runs if r["outcome"] == "crisis"]
    assert cut, "the demo has exercises cut short by a crisis"
    for run in cut:
        conv = by_id[run["conversation_id"]]
        assert conv["crisis_flagged"] and run["exercise"] not in conv["exercises_completed"]
    assert {r["outcome"] for r in runs} >= {"completed", "crisis", "stopped", "switched"}
