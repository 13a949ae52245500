"""The review event broker: events become anonymised rows; a database outage loses nothing."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from bot import fast_yaml
from bot.privacy import review_store as rs
from bot.privacy.broker import ReviewEventBroker, ReviewWriter
from bot.privacy.pseudonym import pseudonym

RAW = ["Priya", "priya.sharma99@gmail.com", "07700 900123", "Lincoln High", "sender-42"]


@pytest.fixture(autouse=True)
def fixed_key(monkeypatch):
    monkeypatch.setenv("PSEUDONYM_KEY", "ab" * 32)


def events(sender="sender-42", t0=1_700_000_000.0):
    return [
        {"sender_id": sender, "event": "session_started", "timestamp": t0},
        {"sender_id": sender, "event": "action", "name": "action_listen", "timestamp": t0 + 0.1},
        {
            "sender_id": sender,
            "event": "user",
            "timestamp": t0 + 1,
            "input_channel": "rest",
            "text": "hi im Priya, email priya.sharma99@gmail.com or call 07700 900123, i go to Lincoln High",
            "parse_data": {"intent": {"name": "greet", "confidence": 0.93}, "entities": []},
        },
        {
            "sender_id": sender,
            "event": "bot",
            "timestamp": t0 + 2,
            "text": "Hi Priya, I'm a bot. How are you?",
        },
        {
            "sender_id": sender,
            "event": "active_loop",
            "name": "grounding_form",
            "timestamp": t0 + 3,
        },
        {
            "sender_id": sender,
            "event": "user",
            "timestamp": t0 + 4,
            "text": "i want to hurt myself",
            "parse_data": {
                "intent": {"name": "crisis", "confidence": 1.0},
                "entities": [
                    {"entity": "crisis_category", "value": "self_harm", "start": 0, "end": 1}
                ],
                "crisis": {"category": "self_harm"},
            },
        },
        {
            "sender_id": sender,
            "event": "slot",
            "name": "crisis_category",
            "value": "self_harm",
            "timestamp": t0 + 4.1,
        },
        {"sender_id": sender, "event": "active_loop", "name": None, "timestamp": t0 + 5},
    ]


def all_cells(db: Path):
    con = sqlite3.connect(db)
    try:
        for (table,) in con.execute("select name from sqlite_master where type='table'"):
            for row in con.execute(f"select * from {table}"):
                for cell in row:
                    yield table, cell
    finally:
        con.close()


def make_broker(tmp_path, url=None, **kw):
    return ReviewEventBroker(
        url=url or f"sqlite:///{tmp_path / 'review.db'}",
        spool_path=str(tmp_path / "spool.jsonl"),
        **kw,
    )


def test_events_become_anonymised_rows(tmp_path):
    broker = make_broker(tmp_path)
    for ev in events():
        broker.publish(ev)
    assert broker.flush(timeout=20)
    broker.stop()
    with rs.session_factory(rs.make_engine(f"sqlite:///{tmp_path / 'review.db'}"))() as s:
        conv = s.query(rs.Conversation).one()
        assert conv.pseudonym == pseudonym("sender-42") and conv.pseudonym.startswith("p_")
        assert conv.session_key.startswith(conv.pseudonym + ":")
        assert conv.channel == "rest"
        assert conv.crisis_flagged and conv.crisis_categories == "self_harm"
        assert conv.themes == "crisis"  # greet is a dialogue intent, not a theme
        # cut short by the crisis response: started, not completed
        assert conv.exercises_started == "grounding_form" and conv.exercises_completed == ""
        [run] = conv.runs
        assert (run.exercise, run.outcome) == ("grounding_form", "crisis")
        turns = s.query(rs.Turn).order_by(rs.Turn.id).all()
        assert [t.speaker for t in turns] == ["user", "bot", "user"]
        assert (
            "[NAME]" in turns[0].text and "[EMAIL]" in turns[0].text and "[PHONE]" in turns[0].text
        )
        assert "[ORG]" in turns[0].text
        assert turns[0].intent == "greet" and turns[0].confidence == pytest.approx(0.93)
        assert turns[1].text.startswith("Hi [NAME]")
        assert (
            turns[2].crisis
            and turns[2].crisis_category == "self_harm"
            and turns[2].exercise == "grounding_form"
        )
    for table, cell in all_cells(tmp_path / "review.db"):
        for raw in RAW:
            assert raw.lower() not in str(cell).lower(), (table, cell)


def test_crisis_is_read_from_the_detector_output():
    from bot.privacy.broker import crisis_of as _crisis_of

    assert _crisis_of({"crisis": {"matched": False, "category": None}}) is None
    assert (
        _crisis_of(
            {"crisis": {"matched": True, "category": "suicidal", "spans": [{"text": "raw words"}]}}
        )
        == "suicidal"
    )
    assert _crisis_of({"entities": [{"entity": "crisis_category", "value": "abuse"}]}) == "abuse"
    assert _crisis_of({"intent": {"name": "greet"}}) is None


def test_stop_inside_an_exercise_is_not_completed(tmp_path):
    broker = make_broker(tmp_path)
    t0 = 1_700_000_000.0
    seq = [
        {"sender_id": "s", "event": "session_started", "timestamp": t0},
        {"sender_id": "s", "event": "active_loop", "name": "strengths_form", "timestamp": t0 + 1},
        {
            "sender_id": "s",
            "event": "user",
            "text": "stop",
            "timestamp": t0 + 2,
            "parse_data": {"intent": {"name": "stop", "confidence": 0.99}},
        },
        {"sender_id": "s", "event": "active_loop", "name": None, "timestamp": t0 + 3},
    ]
    for ev in seq:
        broker.publish(ev)
    assert broker.flush()
    broker.stop()
    with rs.session_factory(rs.make_engine(f"sqlite:///{tmp_path / 'review.db'}"))() as s:
        conv = s.query(rs.Conversation).one()
        assert conv.exercises_started == "strengths_form"
        assert conv.exercises_completed == ""


def test_new_session_makes_a_new_conversation(tmp_path):
    broker = make_broker(tmp_path)
    for ev in events(t0=1_700_000_000.0) + events(t0=1_700_090_000.0):
        broker.publish(ev)
    assert broker.flush()
    broker.stop()
    with rs.session_factory(rs.make_engine(f"sqlite:///{tmp_path / 'review.db'}"))() as s:
        convs = s.query(rs.Conversation).order_by(rs.Conversation.started_at).all()
        assert len(convs) == 2 and convs[0].pseudonym == convs[1].pseudonym
        assert [c.turn_count for c in convs] == [3, 3]


class FlakyWriter(ReviewWriter):
    """Fails the first ``failures`` writes, like a database that is briefly down."""

    def __init__(self, url, failures):
        super().__init__(url)
        self.failures = failures
        self.calls = 0

    def write(self, ops):
        self.calls += 1
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionError("database is down")
        super().write(ops)


def numbered(n, sender="s1"):
    t0 = 1_700_000_000.0
    out = [{"sender_id": sender, "event": "session_started", "timestamp": t0}]
    for i in range(n):
        out.append(
            {
                "sender_id": sender,
                "event": "user",
                "timestamp": t0 + 1 + i,
                "text": f"message {i} from tom",
                "parse_data": {"intent": {"name": "chitchat", "confidence": 0.5}},
            }
        )
    return out


def texts_in_order(db: Path):
    con = sqlite3.connect(db)
    try:
        return [t for (t,) in con.execute("select text from review_turns order by id")]
    finally:
        con.close()


def test_outage_then_recovery_loses_nothing_and_keeps_order(tmp_path):
    url = f"sqlite:///{tmp_path / 'review.db'}"
    writer = FlakyWriter(url, failures=5)
    broker = ReviewEventBroker(
        writer=writer, spool_path=str(tmp_path / "spool.jsonl"), max_queue=7, retry_max_seconds=0.2
    )
    started = time.perf_counter()
    for ev in numbered(40):
        broker.publish(ev)  # never raises, never waits for the database
    assert time.perf_counter() - started < 10
    deadline = time.monotonic() + 30
    while broker.pending() and time.monotonic() < deadline:
        time.sleep(0.1)
    broker.stop()
    assert writer.calls > 5
    assert texts_in_order(tmp_path / "review.db") == [f"message {i} from [NAME]" for i in range(40)]
    spool = tmp_path / "spool.jsonl"
    assert not spool.exists() or spool.read_text() == ""


def test_spool_holds_only_anonymised_rows_and_survives_a_restart(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the database folder should be")
    bad_url = f"sqlite:///{blocker / 'review.db'}"
    spool = tmp_path / "spool.jsonl"
    broker = ReviewEventBroker(
        url=bad_url, spool_path=str(spool), max_queue=3, retry_max_seconds=0.2
    )
    for ev in numbered(10):
        broker.publish(ev)
    time.sleep(0.5)
    broker.stop(timeout=2)  # the database never came up: everything is spooled
    content = spool.read_text()
    assert content.count("\n") == 11  # session + 10 turns
    assert "tom" not in content.lower() and "s1" not in content
    assert (spool.stat().st_mode & 0o777) == 0o600
    # next start, database reachable: the spool is written first, in order
    good_url = f"sqlite:///{tmp_path / 'ok' / 'review.db'}"
    again = ReviewEventBroker(url=good_url, spool_path=str(spool))
    for ev in numbered(2, sender="s1")[1:]:
        ev["text"] = "later " + ev["text"]
        again.publish(ev)
    assert again.flush(timeout=20)
    again.stop()
    assert texts_in_order(tmp_path / "ok" / "review.db") == (
        [f"message {i} from [NAME]" for i in range(10)]
        + [f"later message {i} from [NAME]" for i in range(2)]
    )


def test_publish_never_raises_on_odd_events(tmp_path):
    broker = make_broker(tmp_path)
    for ev in [
        {},
        {"event": "user"},
        {"sender_id": None, "event": "bot"},
        {"sender_id": "x", "event": "user", "text": None},
        {
            "sender_id": "x",
            "event": "user",
            "text": "hi",
            "parse_data": None,
            "timestamp": "nonsense",
        },
        {"sender_id": "x", "event": "bot", "text": "a" * 100_000, "timestamp": 1.0},
    ]:
        broker.publish(ev)
    assert broker.flush()
    broker.stop()


def test_publish_from_many_threads_keeps_every_row(tmp_path):
    broker = make_broker(tmp_path)

    def talk(sender):
        for ev in numbered(15, sender=sender):
            broker.publish(ev)

    threads = [threading.Thread(target=talk, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert broker.flush(timeout=30)
    broker.stop()
    con = sqlite3.connect(tmp_path / "review.db")
    assert con.execute("select count(*) from review_turns").fetchone()[0] == 60
    assert con.execute("select count(*) from review_conversations").fetchone()[0] == 4


def test_forget_deletes_that_pseudonyms_rows_only(tmp_path):
    broker = make_broker(tmp_path)
    for ev in events("alice") + events("bob"):
        broker.publish(ev)
    t = 1_700_000_100.0
    for ev in [
        {"sender_id": "alice", "event": "action", "name": "action_forget_me", "timestamp": t},
        {
            "sender_id": "alice",
            "event": "bot",
            "text": "I've deleted this conversation.",
            "timestamp": t + 1,
        },
        {"sender_id": "alice", "event": "restart", "timestamp": t + 2},
    ]:
        broker.publish(ev)
    assert broker.flush()
    broker.stop()
    with rs.session_factory(rs.make_engine(f"sqlite:///{tmp_path / 'review.db'}"))() as s:
        pids = {c.pseudonym for c in s.query(rs.Conversation)}
        assert pids == {pseudonym("bob")}
        assert s.query(rs.Turn).count() == 3


async def test_from_endpoint_config_and_close(tmp_path):
    from rasa.utils.endpoints import EndpointConfig

    cfg = EndpointConfig(
        url=f"sqlite:///{tmp_path / 'r.db'}",
        type="bot.privacy.broker.ReviewEventBroker",
        spool_path=str(tmp_path / "spool.jsonl"),
    )
    broker = await ReviewEventBroker.from_endpoint_config(cfg)
    assert broker.is_ready()
    for ev in events():
        broker.publish(ev)
    await broker.close()
    assert texts_in_order(tmp_path / "r.db")[0].startswith("hi im [NAME]")


def _bot_text(text):
    from bot.privacy.broker import to_ops

    return to_ops({"sender_id": "s", "event": "bot", "timestamp": 1.0, "text": text})[0].text


def test_the_bots_fixed_crisis_reply_reaches_counsellors_whole():
    domain = fast_yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
    reply = domain["responses"]["utter_crisis_resources"][0]["text"]
    assert "Samaritans" in reply and "findahelpline.com" in reply
    assert _bot_text(reply) == reply


def test_a_bot_text_that_quotes_the_person_is_still_anonymised():
    assert (
        _bot_text('When you say "my sister Priya never calls", that sounds lonely.')
        == 'When you say "my sister [NAME] never calls", that sounds lonely.'
    )


def test_fixed_texts_are_exact_matches_only_and_a_missing_domain_keeps_anonymising(tmp_path):
    from bot.privacy import static_texts

    domain = tmp_path / "domain.yml"
    domain.write_text(
        'responses:\n  utter_hi:\n  - text: "Hi there, I am a bot."\n'
        '  utter_name:\n  - text: "Hi {name}!"\n'
    )
    assert static_texts.is_static("Hi there, I am a bot.", domain)
    assert not static_texts.is_static("Hi there, I am a bot. Call Priya", domain)
    assert not static_texts.is_static(
        "Hi {name}!", domain
    )  # has a variable: filled in, it may hold a name
    assert not static_texts.is_static(None, domain)
    assert static_texts.static_texts(tmp_path / "missing.yml") == frozenset()
    domain.write_text("responses: [unclosed")
    assert static_texts.static_texts(domain) == frozenset()


def test_a_detail_given_after_the_bot_asked_for_it_is_removed():
    """The context window: "what's your username?" then a bare handle in the next message."""
    from bot.privacy import broker

    sender = "ctx-test-sender"
    broker.RECENT.forget(sender)
    broker.to_ops(
        {
            "event": "user",
            "sender_id": sender,
            "text": "can i tell you my insta so you remember me",
            "timestamp": 1,
        }
    )
    broker.to_ops(
        {"event": "bot", "sender_id": sender, "text": "Sure, what's your username?", "timestamp": 2}
    )
    [op] = broker.to_ops(
        {"event": "user", "sender_id": sender, "text": "its zed_rocks_99", "timestamp": 3}
    )
    assert "zed_rocks_99" not in op.text


def test_forgetting_a_person_drops_their_recent_texts():
    from bot.privacy import broker

    broker.RECENT.add("ctx-forget", "my username is coming next")
    broker.to_ops(
        {"event": "action", "sender_id": "ctx-forget", "name": broker.FORGET_ACTION, "timestamp": 1}
    )
    assert broker.RECENT.before("ctx-forget") == []


def test_recent_texts_are_bounded():
    from bot.privacy.broker import RecentTexts

    recent = RecentTexts(per_conversation=2, conversations=3)
    for i in range(10):
        recent.add(f"s{i}", "a")
        recent.add(f"s{i}", "b")
        recent.add(f"s{i}", "c")
    assert recent.before("s9") == ["b", "c"] and recent.before("s0") == []


def test_a_detail_split_over_two_user_messages_never_reaches_the_review_side():
    """ "my reg is" then the bare plate; "you asked my name" then "its mark. just mark":
    the op for the second message holds placeholders, and no op carries the raw context."""
    from bot.privacy import broker

    for n, (first, second, detail) in enumerate(
        [
            ("my reg is", "KX 19 WPD", "KX 19 WPD"),
            ("you asked my name earlier", "its mark. just mark", "mark"),
            ("my number's", "oh seven nine one one", "seven nine"),
        ]
    ):
        sender = f"ctx-split-{n}"
        broker.RECENT.forget(sender)
        ops = broker.to_ops({"event": "user", "sender_id": sender, "text": first, "timestamp": 1})
        ops += broker.to_ops({"event": "user", "sender_id": sender, "text": second, "timestamp": 2})
        assert ops, "each user message is recorded"
        for op in ops:
            assert detail not in repr(op), op
        broker.RECENT.forget(sender)
