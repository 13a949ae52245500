"""CrisisDetector as a Rasa graph component, on its own (no training): the override,
the ranking, the entities that fill the crisis slots, the classifier-only threshold,
the `/intent` path through Rasa's RegexMessageHandler, and robustness on odd input.
"""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.crisis import detector as cd
from bot.crisis.detector import CrisisDetector, has_risk_cue

DIET_RANKING = [
    {"name": "mood_low", "confidence": 0.62},
    {"name": "greet", "confidence": 0.2},
    {"name": "crisis", "confidence": 0.1},
    {"name": "affirm", "confidence": 0.08},
]


@pytest.fixture(autouse=True)
def no_region(monkeypatch):
    monkeypatch.delenv("CRISIS_REGION", raising=False)


def make_detector(tmp_path, **config):
    return CrisisDetector.create(
        {**CrisisDetector.get_default_config(), **config},
        LocalModelStorage(tmp_path),
        Resource("crisis_detector"),
        ExecutionContext(GraphSchema({}), "test"),
    )


@pytest.fixture
def detector(tmp_path):
    return make_detector(tmp_path)


@pytest.fixture
def lexicon_only(tmp_path):
    return make_detector(tmp_path, learned_tier=False)


def message(text, ranking=DIET_RANKING, metadata=None, entities=None):
    data = {TEXT: text, "metadata": metadata}
    if ranking is not None:
        data[INTENT] = dict(ranking[0]) if ranking else {"name": None, "confidence": 0.0}
        data[INTENT_RANKING_KEY] = [dict(r) for r in ranking]
    if entities is not None:
        data[ENTITIES] = entities
    return Message(data=data)


def entities_of(msg):
    return {e["entity"]: e["value"] for e in msg.get(ENTITIES) or []}


def run(detector, *msgs):
    return detector.process(list(msgs))


# -- override -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, category",
    [
        ("tbh i just want to kill myself", "suicidal"),
        ("ive started cutting myself again", "self_harm"),
        ("i swallowed a whole pack of paracetamol", "overdose"),
        ("im going to kill my stepfather tonight", "harm_to_others"),
        ("my mum's boyfriend hits me", "abuse"),
        ("i was raped last week", "sexual_violence"),
        ("my girlfriend keeps saying she wants to kill herself", "third_party_risk"),
    ],
)
def test_every_category_becomes_crisis(detector, text, category):
    [msg] = run(detector, message(text))
    assert msg.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    ents = entities_of(msg)
    assert ents["crisis_category"] == category
    assert ents["crisis_negated"] == "false"
    assert ents["crisis_language"] == "en"
    assert "crisis_region" not in ents
    assert msg.get("crisis")["category"] == category


def test_ranking_is_rewritten_with_crisis_first(detector):
    [msg] = run(detector, message("i want to end my life"))
    ranking = msg.get(INTENT_RANKING_KEY)
    assert ranking[0] == {"name": "crisis", "confidence": 1.0}
    names = [r["name"] for r in ranking]
    assert names.count("crisis") == 1
    assert set(names) == {r["name"] for r in DIET_RANKING}
    assert all(r["confidence"] == 0.0 for r in ranking[1:])


def test_fallback_classifier_does_not_undo_a_pattern_crisis(detector):
    close_call = [{"name": "mood_low", "confidence": 0.5}, {"name": "greet", "confidence": 0.49}]
    msgs = run(detector, message("i want to die", ranking=close_call))
    [msg] = FallbackClassifier({"threshold": 0.45, "ambiguity_threshold": 0.05}).process(msgs)
    assert msg.get(INTENT)["name"] == "crisis"


def test_result_appears_in_parse_data(detector):
    [msg] = run(detector, message("i want to die"))
    parse = msg.as_dict(only_output_properties=True)
    assert parse["intent"]["name"] == "crisis"
    assert parse["crisis"]["matched"] is True
    assert parse["crisis"]["spans"]
    assert {e["entity"] for e in parse["entities"]} >= {
        "crisis_category",
        "crisis_negated",
        "crisis_language",
    }


def test_parse_data_record_holds_no_user_words(detector):
    [msg] = run(detector, message("my friend zephyrine says she wants to kill herself"))
    record = msg.get("crisis")
    assert "zephyrine" not in repr(record)
    assert all("text" not in span for span in record["spans"])
    assert record["spans"][0]["pattern"] and record["spans"][0]["end"] > record["spans"][0]["start"]


def test_other_entities_are_kept_and_stale_crisis_entities_replaced(detector):
    old = [
        {"entity": "exercise", "value": "breathing", "start": 0, "end": 3},
        {"entity": "crisis_negated", "value": "true", "start": 0, "end": 0},
    ]
    [msg] = run(detector, message("i want to die", entities=old))
    ents = msg.get(ENTITIES)
    assert {"entity": "exercise", "value": "breathing", "start": 0, "end": 3} in ents
    assert [e["value"] for e in ents if e["entity"] == "crisis_negated"] == ["false"]


def test_entities_have_start_and_end(detector):
    """Rasa's evaluation code sorts entities by start; they must all have one."""
    [msg] = run(detector, message("i want to die"))
    assert all(
        "start" in e and "end" in e and e["extractor"] == "CrisisDetector"
        for e in msg.get(ENTITIES)
    )


# -- negation, language, region ------------------------------------------------------------------
def test_negated_mention_sets_negated_entity(detector):
    [msg] = run(detector, message("i'm not going to kill myself but everything is so heavy"))
    assert msg.get(INTENT)["name"] == "crisis"
    assert entities_of(msg)["crisis_negated"] == "true"


def test_spanish_sets_language(detector):
    [msg] = run(detector, message("ya no quiero vivir, estoy cansada"))
    assert msg.get(INTENT)["name"] == "crisis"
    assert entities_of(msg)["crisis_language"] == "es"


def test_region_from_environment(detector, monkeypatch):
    monkeypatch.setenv("CRISIS_REGION", "gb")
    [msg] = run(detector, message("i want to die"))
    assert entities_of(msg)["crisis_region"] == "GB"


def test_region_from_metadata_wins_over_environment(detector, monkeypatch):
    monkeypatch.setenv("CRISIS_REGION", "US")
    [msg] = run(detector, message("i want to die", metadata={"region": "ie"}))
    assert entities_of(msg)["crisis_region"] == "IE"


@pytest.mark.parametrize("region", ["", "XX", "england and wales", 7, None, "<script>"])
def test_unknown_region_gives_no_region_entity(detector, monkeypatch, region):
    monkeypatch.setenv("CRISIS_REGION", "ZZ")
    [msg] = run(detector, message("i want to die", metadata={"region": region}))
    assert "crisis_region" not in entities_of(msg)
    assert msg.get(INTENT)["name"] == "crisis"


def test_region_alias_uk(detector, monkeypatch):
    monkeypatch.setenv("CRISIS_REGION", "UK")
    [msg] = run(detector, message("i want to die"))
    assert entities_of(msg)["crisis_region"] == "GB"


# -- idioms and ordinary messages keep DIET's answer -------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "this traffic is killing me",
        "i'd kill for a coffee",
        "my phone died",
        "i cut back on sugar",
        "dead tired today",
        "i'm feeling a bit low today",
    ],
)
def test_idioms_and_everyday_keep_the_classifier_intent(detector, text):
    [msg] = run(detector, message(text))
    assert msg.get(INTENT) == DIET_RANKING[0]
    assert msg.get(INTENT_RANKING_KEY) == DIET_RANKING
    assert not entities_of(msg)
    assert msg.get("crisis") is None


# -- classifier-only crisis ---------------------------------------------------------------------
# DIET's backstop acts only when neither tier found a crisis; these tests switch the learned
# tier off to look at it alone (tests/crisis/ covers the learned tier).
def classifier_says_crisis(confidence, rest=(("mood_low", 0.1), ("greet", 0.05))):
    return [{"name": "crisis", "confidence": confidence}] + [
        {"name": n, "confidence": c} for n, c in rest
    ]


def test_classifier_only_crisis_below_threshold_is_demoted(lexicon_only):
    [msg] = run(
        lexicon_only,
        message("everything feels grey and heavy", ranking=classifier_says_crisis(0.6)),
    )
    assert msg.get(INTENT) == {"name": "mood_low", "confidence": 0.1}
    assert [r["name"] for r in msg.get(INTENT_RANKING_KEY)] == ["mood_low", "greet"]
    assert not entities_of(msg)


def test_demoted_crisis_lets_the_fallback_act(lexicon_only):
    msgs = run(
        lexicon_only,
        message("everything feels grey and heavy", ranking=classifier_says_crisis(0.6)),
    )
    [msg] = FallbackClassifier({"threshold": 0.45, "ambiguity_threshold": 0.05}).process(msgs)
    assert msg.get(INTENT)["name"] == "nlu_fallback"


def test_classifier_only_crisis_above_threshold_is_kept(lexicon_only):
    [msg] = run(
        lexicon_only,
        message(
            "everything feels grey and i want to disappear", ranking=classifier_says_crisis(0.93)
        ),
    )
    assert msg.get(INTENT) == {"name": "crisis", "confidence": 0.93}
    assert msg.get(INTENT_RANKING_KEY)[0]["name"] == "crisis"
    ents = entities_of(msg)
    assert ents["crisis_category"] == "unspecified"
    assert msg.get("crisis")["source"] == "classifier"


def test_threshold_is_configurable(tmp_path):
    strict = make_detector(tmp_path, classifier_threshold=0.95, learned_tier=False)
    [msg] = run(strict, message("everything feels grey", ranking=classifier_says_crisis(0.93)))
    assert msg.get(INTENT)["name"] == "mood_low"


def test_threshold_boundary_is_kept(lexicon_only):
    [msg] = run(
        lexicon_only,
        message(
            "everything feels grey, whats the point of being alive",
            ranking=classifier_says_crisis(0.8),
        ),
    )
    assert msg.get(INTENT)["name"] == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "my cousin sam",
        "i'm tired of being tired",
        "send a voice note",
        "i haven't told anyone because i don't want to seem weak",
    ],
)
def test_confident_classifier_crisis_without_any_risk_cue_is_demoted(lexicon_only, text):
    """Exercise answers DIET scored as crisis with no risk word at all: not a crisis."""
    [msg] = run(lexicon_only, message(text, ranking=classifier_says_crisis(0.99)))
    assert msg.get(INTENT)["name"] == "mood_low"
    assert not entities_of(msg)


@pytest.mark.parametrize(
    "text",
    [
        "i just want to sleep forever",
        "what if i just wasnt here, everyone would be better off",
        "been looking up how many tablets",
        "he hits me when he drinks",
        "I WANT TO DISAPPEAR",
        "i'm scared of him",
        "ya no quiero vivir",
        "im so done, i cant go on like this",
    ],
)
def test_risk_cues_are_found_in_varied_wording(text):
    assert has_risk_cue(text)


@pytest.mark.parametrize(
    "text",
    ["my cousin sam", "lamp, cup, door, rug, phone", "", "😀", "i'd tell them it's one meeting"],
)
def test_no_risk_cue_in_ordinary_answers(text):
    assert not has_risk_cue(text)


def test_demoted_crisis_with_nothing_else_ranked(lexicon_only):
    [msg] = run(lexicon_only, message("hmm", ranking=[{"name": "crisis", "confidence": 0.3}]))
    assert msg.get(INTENT)["name"] is None
    assert msg.get(INTENT_RANKING_KEY) == []


def test_classifier_only_spanish_guesses_language(lexicon_only):
    [msg] = run(
        lexicon_only, message("ya no quiero vivir así", ranking=classifier_says_crisis(0.9))
    )
    assert entities_of(msg)["crisis_language"] == "es"


# -- robustness ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "😀🙃😀",
        "🔪💊🔫",
        "这是一个测试",
        "Я просто устал",
        "\x00\x07",
        "/",
        "/{}",
        "{" * 500,
        12345,
    ],
)
def test_odd_input_never_raises(detector, text):
    [msg] = run(detector, message(text))
    assert msg.get(INTENT) == DIET_RANKING[0]


def test_message_without_intent_or_text(detector):
    [msg] = run(detector, Message(data={}))
    assert msg.get(INTENT) is None
    [msg] = run(detector, Message(data={TEXT: "i want to die"}))
    assert msg.get(INTENT)["name"] == "crisis"


def test_100k_message_with_crisis_phrase_at_the_end(detector):
    ending = " honestly i just want to die"
    text = ("work was long and the bus was late again. " * 3000)[: 100_000 - len(ending)] + ending
    assert len(text) == 100_000
    [msg] = run(detector, message(text))
    assert msg.get(INTENT)["name"] == "crisis"


def test_non_latin_text_with_a_crisis_phrase(detector):
    [msg] = run(detector, message("Мне плохо. i want to kill myself. 😞"))
    assert msg.get(INTENT)["name"] == "crisis"


def test_internal_failure_is_contained(detector, monkeypatch):
    class Broken:
        def match(self, text):
            raise RuntimeError("boom")

    monkeypatch.setattr(cd, "get_lexicon", lambda: Broken())
    msgs = [message("i want to die"), message("hello")]
    out = detector.process(msgs)
    assert len(out) == 2  # no exception escapes into the pipeline


def test_several_messages_in_one_batch(detector):
    out = run(detector, message("hello there"), message("i want to die"), message("my phone died"))
    assert [m.get(INTENT)["name"] for m in out] == ["mood_low", "crisis", "mood_low"]


def test_classifier_backstop_can_be_switched_off(tmp_path):
    """config.yml switches it off: then only the lexicon escalates, however sure DIET is."""
    off = make_detector(tmp_path, classifier_backstop=False, learned_tier=False)
    [msg] = run(
        off,
        message(
            "everything feels grey and i want to disappear", ranking=classifier_says_crisis(0.999)
        ),
    )
    assert msg.get(INTENT)["name"] == "mood_low"
    assert not entities_of(msg)
    [msg] = run(off, message("i want to kill myself", ranking=classifier_says_crisis(0.2)))
    assert msg.get(INTENT) == {"name": "crisis", "confidence": 1.0}
