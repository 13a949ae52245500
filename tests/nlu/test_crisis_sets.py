"""Correctness thresholds on our own sets, through the Rasa component: recall >= 0.99 on
tests/data/crisis/crisis.txt and false alarms <= 3% on tests/data/crisis/everyday.txt.
(Thresholds of correctness, not of speed; `python -m eval.crisis` lists every miss.)"""

from __future__ import annotations

import functools

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot.crisis.detector import CrisisDetector
from eval.crisis import CRISIS_FILE, EVERYDAY_FILE, Figures, evaluate, read_lines

# What DIET might say for an ordinary message: the detector alone must decide.
ORDINARY = [
    {"name": "mood_low", "confidence": 0.7},
    {"name": "greet", "confidence": 0.2},
    {"name": "crisis", "confidence": 0.1},
]


def _predictor(tmp_path_factory, **config):
    detector = CrisisDetector.create(
        {**CrisisDetector.get_default_config(), **config},
        LocalModelStorage(tmp_path_factory.mktemp("m")),
        Resource("crisis"),
        ExecutionContext(GraphSchema({}), "t"),
    )

    def is_crisis(text: str) -> bool:
        msg = Message(
            data={
                "text": text,
                "intent": dict(ORDINARY[0]),
                "intent_ranking": [dict(r) for r in ORDINARY],
            }
        )
        [out] = detector.process([msg])
        return out.get("intent")["name"] == "crisis"

    # The detector is deterministic: two tests reading the same set ask it once per message.
    return functools.lru_cache(maxsize=None)(is_crisis)


@pytest.fixture(scope="module")
def predict(tmp_path_factory):
    """Both tiers, as the bot runs them."""
    return _predictor(tmp_path_factory)


@pytest.fixture(scope="module")
def predict_lexicon(tmp_path_factory):
    """The lexicon alone (the learned tier off)."""
    return _predictor(tmp_path_factory, learned_tier=False)


def test_sets_are_big_enough():
    crisis, everyday = read_lines(CRISIS_FILE), read_lines(EVERYDAY_FILE)
    assert len(crisis) >= 250 and len(everyday) >= 250
    assert len(set(crisis)) == len(crisis) and len(set(everyday)) == len(everyday)
    assert not set(crisis) & set(everyday)


def test_recall_and_false_alarm_rate(predict):
    figures = evaluate(predict)
    assert figures.recall >= 0.99, figures.report()
    assert figures.false_alarm_rate <= 0.03, figures.report()


# Sets written before the concept tier (data/crisis/concepts_*.yml) and never tuned on:
# before it the lexicon had recall 0.725 and 3.7% false alarms on them (see their headers).
UNTUNED = (CRISIS_FILE.parent / "untuned_crisis.txt", CRISIS_FILE.parent / "untuned_everyday.txt")


def test_untuned_sets_recall(predict):
    crisis_file, everyday_file = UNTUNED
    assert len(read_lines(crisis_file)) >= 120 and len(read_lines(everyday_file)) >= 120
    figures = evaluate(predict, crisis_file, everyday_file)
    assert figures.recall >= 0.99, figures.report("untuned sets")


def test_untuned_sets_lexicon_alone_keeps_the_false_alarm_bar(predict_lexicon):
    figures = evaluate(predict_lexicon, *UNTUNED)
    assert figures.recall >= 0.99, figures.report("untuned sets, lexicon alone")
    assert figures.false_alarm_rate <= 0.03, figures.report("untuned sets, lexicon alone")


@pytest.mark.xfail(
    strict=True,
    reason=(
        "issue #12, open: with the learned tier, 5/135 untuned everyday messages get the full crisis "
        "response and 8/135 the direct question (thresholds chosen on the dev validation set, which "
        "has none of this set's medication, haircut and sleep idioms); the bar stays at 3%"
    ),
)
def test_untuned_sets_false_alarm_rate_with_both_tiers(predict):
    figures = evaluate(predict, *UNTUNED)
    assert figures.false_alarm_rate <= 0.03, figures.report("untuned sets")


def test_the_thresholds_can_fail():
    """Self-check: a detector that never fires fails recall; one that always fires fails
    the false-alarm rate."""
    never = evaluate(lambda text: False)
    always = evaluate(lambda text: True)
    assert never.recall == 0.0 and never.false_alarm_rate == 0.0
    assert always.recall == 1.0 and always.false_alarm_rate == 1.0
    assert Figures(10, 10, misses=["x"]).recall == 0.9
