"""Regression tests for issue #12 (crisis detection beyond the written phrasings).

Each would fail on the lexicon-only detector or on a careless learned tier: messages with no
risk word got no resources; the learned tier must never take the lexicon down, never log the
message, never unpickle its weights file, and the sealed evaluation never prints a message.
"""

from __future__ import annotations

import logging

import numpy as np
import pytest
from rasa.shared.nlu.constants import INTENT

from bot.crisis import learned, tiers
from tests.nlu.test_crisis_detector import make_detector, message, run

pytestmark = pytest.mark.usefixtures("fresh_learned_tier")


@pytest.mark.parametrize(
    "text",
    [
        # Written for this test (not from any training or evaluation set); no pattern names them
        # (the first one written here, "my chest is crushing and my left arm has gone numb", is
        # now a lexicon rule's: acute emergencies told by the body, session 15).
        "pressure in my chest like an elephant is on it and i feel sick and cold",
        "my nan's face has gone droopy on one side and her words are coming out wrong",
        "i gave my guitar and my games to my brother, i wont be needing them after friday",
    ],
)
def test_risk_without_a_risk_word_gets_the_resources(tmp_path, text):
    assert not tiers.get_lexicon().match(text).matched
    [msg] = run(make_detector(tmp_path), message(text))
    assert msg.get(INTENT)["name"] == "crisis"


def test_broken_tier_never_hides_a_lexicon_crisis(tmp_path, monkeypatch):
    tier = learned.get_learned_tier()
    monkeypatch.setattr(tier, "score", lambda text, **_: (_ for _ in ()).throw(ValueError(text)))
    [msg] = run(make_detector(tmp_path), message("i want to kill myself"))
    assert msg.get(INTENT)["name"] == "crisis"


def test_tier_failure_logs_no_message_text(monkeypatch, caplog):
    tier = learned.get_learned_tier()
    secret = "my neighbour Jo Bloggs at 4 Elm Road"

    def boom(text, **_):
        raise RuntimeError(text)

    monkeypatch.setattr(tier, "score", boom)
    with caplog.at_level(logging.DEBUG):
        tiers.assess(secret)
    assert "Jo Bloggs" not in caplog.text and "RuntimeError" in caplog.text


def test_weights_file_is_never_unpickled(tmp_path, monkeypatch):
    """A tampered weights file with Python objects is refused, not executed."""
    bad = tmp_path / "learned_tier.npz"
    np.savez(
        bad,
        classes=np.array([object()], dtype=object),
        weights=np.zeros((1, 1)),
        bias=np.zeros(1),
        layers=np.array([6]),
        thresholds=np.array([0.5, 0.5, 0.5]),
        fingerprint=np.array(learned.fingerprint()),
    )
    with pytest.raises(ValueError):
        learned.load(bad)
    monkeypatch.setattr(learned.load, "__defaults__", (bad, True))
    assert learned.get_learned_tier() is None
    assert tiers.assess("i want to kill myself").band == learned.CRISIS


def test_sealed_table_prints_rates_not_messages(tmp_path):
    from eval import crisis as ev

    rows = [("suicidal_active", "zqxj unique sealed line one"), ("daily_news", "zqxj line two")]
    out = ev.category_table(
        "sealed", rows, {"keywords": ev.naive_predict, "lexicon": ev.detector_predict}
    )
    assert "zqxj" not in out and "RECALL" in out
