"""The broker's parts: typed operations (and the spool format of older versions), how each
exercise ended, themes, buttons offered and chosen, channel plumbing, "delete my data"."""

from __future__ import annotations

import json

import pytest

from bot.privacy import review_store as rs
from bot.privacy.broker import ReviewEventBroker, ReviewWriter, to_ops
from bot.privacy.broker.ops import (
    ActionRan,
    Forget,
    LoopChanged,
    OpKind,
    SessionStarted,
    Speaker,
    TurnKind,
    TurnSaid,
    from_dict,
    from_json,
)
from bot.privacy.pseudonym import pseudonym
from tests.support.rasa_events import bot_event, user_event

T0 = 1_700_000_000.0
FORM = "self_compassion_form"


@pytest.fixture(autouse=True)
def fixed_key(monkeypatch):
    monkeypatch.setenv("PSEUDONYM_KEY", "ef" * 32)


user, bot = user_event, bot_event


def action(sender, t, name):
    return {"sender_id": sender, "event": "action", "timestamp": t, "name": name}


def loop(sender, t, name):
    return {"sender_id": sender, "event": "active_loop", "timestamp": t, "name": name}


def start(sender, t=T0):
    return {"sender_id": sender, "event": "session_started", "timestamp": t}


def write(tmp_path, events):
    url = f"sqlite:///{tmp_path / 'review.db'}"
    writer = ReviewWriter(url)
    writer.write([op for ev in events for op in to_ops(ev)])
    return rs.session_factory(rs.make_engine(url))()


def exercise_started(sender, t):
    """An offer with buttons, "yes" pressed, the form starts and asks its first question."""
    return [
        user(sender, t, "i keep beating myself up", intent="self_criticism"),
        bot(
            sender,
            t + 1,
            "Would you like to try?",
            [("Yes, let's try", "/affirm"), ("No, thanks", "/deny")],
        ),
        user(sender, t + 2, "/affirm", intent="affirm"),
        action(sender, t + 3, FORM),
        loop(sender, t + 3.1, FORM),
        bot(sender, t + 3.2, "What's happening?"),
    ]


# -- typed operations ---------------------------------------------------------------------
def test_operations_are_typed_and_round_trip_through_json():
    ops = [op for ev in [start("a"), *exercise_started("a", T0 + 1)] for op in to_ops(ev)]
    assert [op.kind for op in ops] == [
        OpKind.SESSION,
        OpKind.TURN,
        OpKind.TURN,
        OpKind.TURN,
        OpKind.ACTION,
        OpKind.LOOP,
        OpKind.TURN,
    ]
    assert isinstance(ops[0], SessionStarted) and isinstance(ops[4], ActionRan)
    assert isinstance(ops[5], LoopChanged) and ops[5].name == FORM
    for op in ops:
        assert from_json(op.to_json()) == op
    assert ops[1].speaker is Speaker.USER and ops[1].turn_kind is TurnKind.TYPED


def test_a_spool_line_of_the_old_dict_format_is_read_and_cleaned():
    old = {
        "op": "turn",
        "pseudonym": "p_old",
        "ts": T0,
        "speaker": "user",
        "text": "hello",
        "intent": "not-an-intent jo@example.com",
        "confidence": 2.5,
        "crisis": False,
        "crisis_category": None,
        "channel": "rest",
    }
    op = from_json(json.dumps(old))
    assert isinstance(op, TurnSaid) and op.text == "hello" and op.ts == T0
    assert op.intent == "other" and op.confidence is None and op.channel == "rest"
    assert op.turn_kind is TurnKind.TYPED and op.buttons == ()
    assert from_dict({"op": "forget", "pseudonym": "p_old", "ts": T0}) == Forget("p_old", T0)
    assert from_dict({"op": "loop", "pseudonym": "p", "ts": T0, "name": "x@y.z"}).name == "other"
    assert from_json("{not json") is None and from_dict({"op": "drop_table"}) is None


def test_the_writer_accepts_old_dicts_and_typed_ops_alike(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    writer = ReviewWriter(url)
    writer.write(
        [
            {"op": "session", "pseudonym": "p_a", "ts": T0},
            {
                "op": "turn",
                "pseudonym": "p_a",
                "ts": T0 + 1,
                "speaker": "user",
                "text": "hi",
                "intent": "vent",
            },
            TurnSaid("p_a", T0 + 2, speaker=Speaker.BOT, text="I'm listening."),
        ]
    )
    with rs.session_factory(rs.make_engine(url))() as s:
        assert [t.text for t in s.query(rs.Turn).order_by(rs.Turn.id)] == ["hi", "I'm listening."]
        assert s.query(rs.Conversation).one().themes == "safe_haven"


def test_an_old_spool_file_is_written_in_order_by_a_new_broker(tmp_path):
    spool = tmp_path / "spool.jsonl"
    lines = [{"op": "session", "pseudonym": "p_s", "ts": T0}] + [
        {
            "op": "turn",
            "pseudonym": "p_s",
            "ts": T0 + i,
            "speaker": "user",
            "text": f"m{i}",
            "intent": "vent",
            "confidence": 0.5,
            "crisis": False,
            "crisis_category": None,
            "channel": "rest",
        }
        for i in range(1, 6)
    ]
    spool.write_text("".join(json.dumps(x) + "\n" for x in lines) + "{corrupt\n")
    broker = ReviewEventBroker(url=f"sqlite:///{tmp_path / 'r.db'}", spool_path=str(spool))
    assert broker.flush(timeout=20)
    broker.stop()
    with rs.session_factory(rs.make_engine(f"sqlite:///{tmp_path / 'r.db'}"))() as s:
        assert [t.text for t in s.query(rs.Turn).order_by(rs.Turn.id)] == [
            f"m{i}" for i in range(1, 6)
        ]
    assert spool.read_text() == ""


# -- how exercises end --------------------------------------------------------------------
def runs(session):
    return [
        (r.exercise, r.outcome) for r in session.query(rs.ExerciseRun).order_by(rs.ExerciseRun.id)
    ]


def test_an_exercise_that_reaches_its_last_step_is_completed(tmp_path):
    s = write(
        tmp_path,
        [
            start("c"),
            *exercise_started("c", T0 + 1),
            user("c", T0 + 10, "my last answer", intent="vent"),
            action("c", T0 + 11, FORM),
            loop("c", T0 + 11.1, None),
            action("c", T0 + 12, "action_self_compassion_done"),
        ],
    )
    assert runs(s) == [(FORM, "completed")]
    conv = s.query(rs.Conversation).one()
    assert conv.exercises_completed == FORM and conv.themes == "self_compassion"


def test_an_exercise_cut_short_by_a_crisis_is_not_completed(tmp_path):
    s = write(
        tmp_path,
        [
            start("k"),
            *exercise_started("k", T0 + 1),
            user("k", T0 + 10, "i want to end it all", intent="crisis", crisis="suicidal"),
            action("k", T0 + 11, "utter_crisis_resources"),
            bot("k", T0 + 11.5, "Please reach out now."),
            action("k", T0 + 12, "action_deactivate_loop"),
            loop("k", T0 + 12.1, None),
        ],
    )
    assert runs(s) == [(FORM, "crisis")]
    conv = s.query(rs.Conversation).one()
    assert conv.exercises_completed == "" and conv.exercises_started == FORM
    assert conv.crisis_flagged and conv.follow_up
    assert conv.themes == "self_compassion,crisis"


@pytest.mark.parametrize(
    "text,intent,then,outcome",
    [
        ("stop", "stop", [], "stopped"),
        ("gotta go, night", "goodbye", [], "stopped"),
        (
            "/stop",
            "stop",
            [action("x", T0 + 13, "grounding_form"), loop("x", T0 + 13.1, "grounding_form")],
            "switched",
        ),
        ("can we do breathing instead", "request_exercise", [], "switched"),
    ],
)
def test_stopping_or_switching_is_recorded_as_such(tmp_path, text, intent, then, outcome):
    s = write(
        tmp_path,
        [
            start("x"),
            *exercise_started("x", T0 + 1),
            user("x", T0 + 10, text, intent=intent),
            action("x", T0 + 11, "action_deactivate_loop"),
            loop("x", T0 + 11.1, None),
            action("x", T0 + 12, "action_stop_exercise"),
            *then,
        ],
    )
    assert runs(s)[0] == (FORM, outcome)
    assert s.query(rs.Conversation).one().exercises_completed == ""


def test_a_goodbye_taken_as_an_answer_continues_the_same_run(tmp_path):
    s = write(
        tmp_path,
        [
            start("g"),
            *exercise_started("g", T0 + 1),
            user("g", T0 + 10, "bye for now", "goodbye"),
            action("g", T0 + 11, "action_deactivate_loop"),
            loop("g", T0 + 11.1, None),
            action("g", T0 + 12, "action_leave_exercise"),
            action("g", T0 + 13, FORM),
            loop("g", T0 + 13.1, FORM),
            user("g", T0 + 20, "last answer"),
            action("g", T0 + 21, FORM),
            loop("g", T0 + 21.1, None),
        ],
    )
    assert runs(s) == [(FORM, "completed")]


def test_a_session_that_ends_inside_an_exercise_leaves_it_abandoned(tmp_path):
    s = write(
        tmp_path,
        [
            start("z"),
            *exercise_started("z", T0 + 1),
            start("z", T0 + 90_000),
            user("z", T0 + 90_001, "hi again", intent="greet"),
        ],
    )
    assert runs(s) == [(FORM, "abandoned")]
    assert s.query(rs.Conversation).count() == 2


# -- what the person saw and did --------------------------------------------------------------
def test_buttons_offered_and_the_one_chosen_are_recorded_as_titles(tmp_path):
    s = write(tmp_path, [start("b"), *exercise_started("b", T0 + 1)])
    turns = s.query(rs.Turn).order_by(rs.Turn.id).all()
    offer, press = turns[1], turns[2]
    assert offer.button_titles == ["Yes, let's try", "No, thanks"]
    assert (press.kind, press.text, press.intent) == ("button", "Yes, let's try", "affirm")
    assert "/affirm" not in {t.text for t in turns}


def test_a_title_that_is_not_the_bots_own_is_anonymised(tmp_path):
    s = write(
        tmp_path,
        [
            start("t"),
            user("t", T0 + 1, "hello", "greet"),
            bot(
                "t",
                T0 + 2,
                "Who should we write to?",
                [("Text Priya Sharma on 07700 900123", "/affirm")],
            ),
            user("t", T0 + 3, "/affirm", intent="affirm"),
        ],
    )
    turns = s.query(rs.Turn).order_by(rs.Turn.id).all()
    for text in turns[1].button_titles + [turns[2].text]:
        assert "Priya" not in text and "07700" not in text and "[NAME]" in text


def test_the_widgets_hidden_greet_is_channel_plumbing(tmp_path):
    s = write(
        tmp_path,
        [
            start("w"),
            user("w", T0 + 1, "/greet", intent="greet"),
            bot("w", T0 + 2, "Hi, I'm a chatbot."),
            user("w", T0 + 3, "/crisis", intent="crisis", crisis="help_requested"),
        ],
    )
    turns = s.query(rs.Turn).order_by(rs.Turn.id).all()
    assert [(t.kind, t.shown) for t in turns] == [
        ("channel", False),
        ("typed", True),
        ("typed", True),  # a crisis is never hidden
    ]
    conv = s.query(rs.Conversation).one()
    assert conv.turn_count == 2 and conv.themes == "crisis"


def test_dialogue_intents_never_become_themes(tmp_path):
    intents = ["greet", "affirm", "deny", "nlu_fallback", "request_exercise", "thank", "stop"]
    s = write(
        tmp_path,
        [start("d")]
        + [user("d", T0 + i, f"words {i}", intent=x) for i, x in enumerate(intents, 1)]
        + [user("d", T0 + 20, "nobody ever calls me", intent="loneliness")],
    )
    assert s.query(rs.Conversation).one().themes == "connection"


# -- "delete my data" -------------------------------------------------------------------------
def test_forget_in_a_batch_keeps_the_order_and_drops_the_rest_of_the_turn(tmp_path):
    s = write(
        tmp_path,
        [
            start("f"),
            *exercise_started("f", T0 + 1),
            user("f", T0 + 9, "delete my data", "delete_data"),
            action("f", T0 + 10, "action_forget_me"),
            bot("f", T0 + 11, "I've deleted it."),
            {"sender_id": "f", "event": "restart", "timestamp": T0 + 12},
            start("b2"),
            user("b2", T0 + 13, "hi", "greet"),
        ],
    )
    assert {c.pseudonym for c in s.query(rs.Conversation)} == {pseudonym("b2")}
    assert s.query(rs.ExerciseRun).count() == 0 and s.query(rs.Turn).count() == 1


def test_an_older_store_gets_the_new_columns_and_its_themes_recomputed(tmp_path):
    import sqlite3

    db = tmp_path / "old.db"
    con = sqlite3.connect(db)
    con.executescript(
        """
        CREATE TABLE review_conversations (id INTEGER PRIMARY KEY, pseudonym VARCHAR(64) NOT NULL,
          session_key VARCHAR(128) NOT NULL UNIQUE, channel VARCHAR(32), started_at DATETIME NOT NULL,
          last_event_at DATETIME NOT NULL, crisis_flagged BOOLEAN NOT NULL,
          crisis_categories VARCHAR(255) NOT NULL, themes VARCHAR(512) NOT NULL,
          exercises_started VARCHAR(512) NOT NULL, exercises_completed VARCHAR(512) NOT NULL,
          turn_count INTEGER NOT NULL, active_exercise VARCHAR(64),
          exercise_stopped BOOLEAN NOT NULL, reviewed BOOLEAN NOT NULL);
        CREATE TABLE review_turns (id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL,
          timestamp DATETIME NOT NULL, speaker VARCHAR(8) NOT NULL, text TEXT NOT NULL,
          intent VARCHAR(64), confidence FLOAT, exercise VARCHAR(64), crisis BOOLEAN NOT NULL,
          crisis_category VARCHAR(64));
        INSERT INTO review_conversations VALUES (1, 'p_o', 'p_o:1', 'rest', '2026-01-01 10:00:00',
          '2026-01-01 10:05:00', 1, 'suicidal', 'greet,vent,crisis', 'grounding_form,decision_form',
          'grounding_form,decision_form', 3, NULL, 0, 0);
        INSERT INTO review_turns VALUES (1, 1, '2026-01-01 10:00:00', 'user', 'hi', 'greet', 0.9,
          NULL, 0, NULL);
        INSERT INTO review_turns VALUES (2, 1, '2026-01-01 10:01:00', 'user', 'ugh', 'vent', 0.9,
          NULL, 0, NULL);
        INSERT INTO review_turns VALUES (3, 1, '2026-01-01 10:02:00', 'user', '...', 'crisis', 1.0,
          'grounding_form', 1, 'suicidal');
        """
    )
    con.commit()
    con.close()
    engine = rs.make_engine(f"sqlite:///{db}")
    rs.init_db(engine)
    rs.init_db(engine)  # idempotent
    with rs.session_factory(engine)() as s:
        conv = s.query(rs.Conversation).one()
        assert conv.themes == "safe_haven,crisis" and conv.follow_up is True
        assert [t.kind for t in conv.turns] == ["typed"] * 3
        # the old record called the exercise cut short by a crisis completed: no longer
        assert [(r.exercise, r.outcome) for r in conv.runs] == [
            ("grounding_form", "crisis"),
            ("decision_form", "completed"),
        ]
        assert conv.exercises_completed == "decision_form"
