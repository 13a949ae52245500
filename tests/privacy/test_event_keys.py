"""The review queue's pieces that need no server: what counts as an event, event keys, keys
committed with the rows (or not at all), and the processor's decisions on a batch."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from bot.privacy import event_keys, event_queue
from bot.privacy.review_worker import Delivery, ReviewProcessor

KEY = "4d" * 32


@pytest.fixture(autouse=True)
def pseudonym_key(monkeypatch):
    monkeypatch.setenv("PSEUDONYM_KEY", KEY)


@pytest.mark.parametrize(
    "body, reason",
    [
        (b"\xff", "not UTF-8 JSON"),
        (b"{not json", "not UTF-8 JSON"),
        (b"[]", "not a JSON object"),
        (b'{"sender_id": "a"}', "no event type"),
        (b'{"event": "user"}', "no sender_id"),
        (b'{"event": "user", "sender_id": 5}', "no sender_id"),
        (b'{"event": "user", "sender_id": "a", "timestamp": "noon"}', "timestamp is not a number"),
        (b'{"event": "user", "sender_id": "a", "timestamp": true}', "timestamp is not a number"),
    ],
)
def test_what_is_not_an_event(body, reason):
    with pytest.raises(event_queue.BadMessage) as error:
        event_queue.parse(body)
    assert error.value.reason == reason


def test_an_event_as_rasa_publishes_it():
    event = {"event": "bot", "sender_id": "rest:a", "timestamp": 1.5, "text": "hi"}
    assert event_queue.parse(json.dumps(event).encode(), "k1").event == event


def test_the_queue_dead_letters_and_limits_deliveries():
    arguments = event_queue.queue_arguments("rasa_events")
    assert arguments["x-dead-letter-exchange"] == "rasa_events.dead"
    assert arguments["x-single-active-consumer"] is True
    assert arguments["x-delivery-limit"] > 1


def test_a_key_is_the_message_id_or_a_keyed_hash_of_the_body():
    assert event_keys.key_of(b"{}", "abc") == "abc"
    body = b'{"event": "user", "sender_id": "a", "text": "my name is Sam"}'
    hashed = event_keys.key_of(body)
    assert hashed == event_keys.key_of(body) != event_keys.key_of(body + b" ")
    import hashlib

    assert hashlib.sha256(body).hexdigest()[:48] not in hashed  # keyed: no guessable hash
    assert len(event_keys.key_of(body, "x" * 500)) <= event_keys.KEY_LENGTH


def deliveries(events, keys=None):
    keys = keys or [uuid.uuid4().hex for _ in events]
    return [Delivery(json.dumps(e).encode(), k) for e, k in zip(events, keys, strict=True)]


def user(sender, text, ts):
    return {"event": "user", "sender_id": sender, "text": text, "timestamp": ts}


def test_keys_are_committed_with_the_rows_or_not_at_all(tmp_path):
    url = f"sqlite:///{tmp_path / 'review.db'}"
    processor = ReviewProcessor(url)

    class Broken:
        def write(self, ops):
            raise RuntimeError("disk on fire")

        def reset(self):
            pass

    real, processor.writer = processor.writer, Broken()
    batch = deliveries([user("rest:a", "one", 1.0)])
    processor.process(batch)
    assert batch[0].outcome is None and batch[0].attempts == 1
    con = sqlite3.connect(tmp_path / "review.db")
    assert con.execute("select count(*) from review_event_keys").fetchone()[0] == 0
    processor.writer = real
    processor.process(batch)  # the same delivery, tried again
    assert batch[0].outcome == "written"
    assert con.execute("select count(*) from review_event_keys").fetchone()[0] == 1
    assert con.execute("select count(*) from review_turns").fetchone()[0] == 1


def test_a_key_already_written_is_a_duplicate_even_within_a_batch(tmp_path):
    processor = ReviewProcessor(f"sqlite:///{tmp_path / 'review.db'}")
    first = deliveries([user("rest:a", "one", 1.0), user("rest:a", "two", 2.0)], ["k1", "k2"])
    processor.process(first)
    again = deliveries(
        [user("rest:a", "one", 1.0), user("rest:a", "three", 3.0), user("rest:a", "three", 3.0)],
        ["k1", "k3", "k3"],
    )
    processor.process(again)
    assert [d.outcome for d in again] == ["duplicate", "written", "duplicate"]
    con = sqlite3.connect(tmp_path / "review.db")
    texts = [t for (t,) in con.execute("select text from review_turns order by id")]
    assert texts == ["one", "two", "three"]


def test_events_without_review_rows_leave_no_key(tmp_path):
    processor = ReviewProcessor(f"sqlite:///{tmp_path / 'review.db'}")
    batch = deliveries([{"event": "action", "sender_id": "rest:a", "name": "action_listen"}])
    processor.process(batch)
    assert batch[0].outcome == "written"
    con = sqlite3.connect(tmp_path / "review.db")
    assert con.execute("select count(*) from review_event_keys").fetchone()[0] == 0


def test_bad_messages_are_dead_at_once(tmp_path):
    processor = ReviewProcessor(f"sqlite:///{tmp_path / 'review.db'}")
    batch = [Delivery(b"nope", "k1"), *deliveries([user("rest:a", "fine", 1.0)])]
    processor.process(batch)
    assert [d.outcome for d in batch] == ["dead", "written"]
    assert batch[0].bad == "not UTF-8 JSON"


def test_keys_older_than_the_window_are_pruned(tmp_path):
    from datetime import datetime, timedelta

    processor = ReviewProcessor(f"sqlite:///{tmp_path / 'review.db'}")
    processor.process(deliveries([user("rest:a", "x", 1.0), user("rest:a", "y", 2.0)]))
    con = sqlite3.connect(tmp_path / "review.db")
    old = (datetime.utcnow() - timedelta(days=event_keys.KEEP_DAYS + 1)).isoformat(" ")
    con.execute("update review_event_keys set written_at = ? where rowid = 1", (old,))
    con.commit()
    assert event_keys.prune(processor.engine) == 1
    assert con.execute("select count(*) from review_event_keys").fetchone()[0] == 1
