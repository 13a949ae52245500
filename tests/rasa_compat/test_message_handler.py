"""The `/intent` path: Rasa's RegexMessageHandler, then the crisis check on the same text
(bot/rasa_compat/message_handler.py). The canary: Rasa's recipe still builds its NLU target from
the handler we put in its place, so a changed upstream recipe fails here first."""

from rasa.shared.core.domain import Domain
from rasa.shared.nlu.constants import ENTITIES, INTENT

from bot.rasa_compat import message_handler
from tests.nlu.test_crisis_detector import detector, entities_of, message, run  # noqa: F401

DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [greet, inform, crisis, affirm, deny, mood_low]
entities: [feeling, crisis_category, crisis_negated, crisis_region, crisis_language]
""")


def regex_handler():
    return message_handler.RegexMessageHandler.create({}, None, None, None)


def full_nlu(detector, text, metadata=None):
    """Our component then the RegexMessageHandler, as in the default recipe's graph."""
    msgs = run(detector, message(text, metadata=metadata))
    return regex_handler().process(msgs, DOMAIN)[0]


def test_recipe_uses_the_crisis_aware_regex_handler():
    import rasa.nlu.classifiers.regex_message_handler as rasa_module

    assert rasa_module.RegexMessageHandler is message_handler.RegexMessageHandler
    assert (
        message_handler.RegexMessageHandler.__name__ == "RegexMessageHandler"
    )  # node name unchanged
    assert issubclass(message_handler.RegexMessageHandler, rasa_module._RasaRegexMessageHandler)


def test_default_recipe_graph_uses_our_handler_as_nlu_target():
    """Build the real predict graph from a config like ours and check the NLU target."""
    from rasa.engine.recipes.default_recipe import DefaultV1Recipe
    from rasa.shared.data import TrainingType

    config = {
        "recipe": "default.v1",
        "language": "en",
        "pipeline": [
            {"name": "WhitespaceTokenizer"},
            {"name": "CountVectorsFeaturizer"},
            {"name": "DIETClassifier", "epochs": 1},
            {"name": "bot.crisis.detector.CrisisDetector"},
            {"name": "FallbackClassifier"},
        ],
        "policies": [{"name": "RulePolicy"}],
    }
    model_config = DefaultV1Recipe().graph_config_for_recipe(config, {}, TrainingType.BOTH)
    target = model_config.predict_schema.nodes[model_config.nlu_target]
    assert model_config.nlu_target == "run_RegexMessageHandler"
    assert target.uses is message_handler.RegexMessageHandler
    serialised = model_config.predict_schema.as_dict()["nodes"][model_config.nlu_target]["uses"]
    assert serialised == "bot.rasa_compat.message_handler.RegexMessageHandler"


def test_slash_text_with_unknown_intent_keeps_the_crisis(detector):
    msg = full_nlu(detector, "/vent i want to die")
    assert msg.get(INTENT)["name"] == "crisis"
    assert entities_of(msg)["crisis_category"] == "suicidal"


def test_known_intent_with_confidence_and_free_text(detector):
    msg = full_nlu(detector, "/greet@1.0 i want to kill myself")
    assert msg.get(INTENT) == {"name": "crisis", "confidence": 1.0}
    assert entities_of(msg)["crisis_category"] == "suicidal"


def test_known_intent_with_crisis_text_in_entities(detector):
    msg = full_nlu(detector, '/inform{"feeling": "i took all my pills"}')
    assert msg.get(INTENT)["name"] == "crisis"
    assert entities_of(msg)["crisis_category"] == "overdose"


def test_plain_button_payload_is_left_alone(detector):
    msg = full_nlu(detector, "/affirm")
    assert msg.get(INTENT)["name"] == "affirm"
    assert not any(e["entity"].startswith("crisis") for e in msg.get(ENTITIES) or [])


def test_crisis_payload_gets_region_and_language(detector, monkeypatch):
    monkeypatch.setenv("CRISIS_REGION", "AU")
    msg = full_nlu(detector, "/crisis")
    assert msg.get(INTENT)["name"] == "crisis"
    ents = entities_of(msg)
    assert ents["crisis_region"] == "AU"
    assert ents["crisis_category"] == "help_requested"
    assert ents["crisis_language"] == "en"


def test_crisis_payload_region_from_metadata(detector):
    msg = full_nlu(detector, "/crisis", metadata={"region": "NZ"})
    assert entities_of(msg)["crisis_region"] == "NZ"


def test_spanish_free_text_after_a_known_intent(detector):
    msg = full_nlu(detector, "/deny@0.9 me quiero matar")
    assert msg.get(INTENT)["name"] == "crisis"
    assert entities_of(msg)["crisis_language"] == "es"


def test_slash_idiom_stays_what_it_was(detector):
    msg = full_nlu(detector, "/greet@1.0 this traffic is killing me")
    assert msg.get(INTENT)["name"] == "greet"
