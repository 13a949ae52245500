"""Our cheaper versions of Rasa hot spots give Rasa's own results (bot/rasa_compat/speedups.py)."""

from pathlib import Path

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_compat import speedups as rasa_speedups

GOOD = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "x", "value": None}],
        "responses": [{"text": "hi", "buttons": []}],
    },
    {},
]
BAD = [
    {"events": "not a list"},
    {"events": [{"name": "no event type"}]},
    {"responses": "text"},
]


@pytest.fixture
def action():
    return RemoteAction("action_test", EndpointConfig("http://127.0.0.1:1/webhook"))


@pytest.mark.parametrize("response", GOOD)
def test_good_responses_pass_both_ways(action, response):
    assert rasa_speedups._ORIGINAL_VALIDATE(action, response) is True
    assert rasa_speedups.validate_action_result(action, response) is True


@pytest.mark.parametrize("response", BAD)
def test_bad_responses_fail_both_ways_with_rasas_hint(action, response):
    with pytest.raises(ValidationError):
        rasa_speedups._ORIGINAL_VALIDATE(action, response)
    with pytest.raises(ValidationError) as caught:
        rasa_speedups.validate_action_result(action, response)
    assert "Failed to validate Action server response" in caught.value.message


def test_installed_by_importing_our_policy(action):
    import bot.dialogue.action_failure_policy  # noqa: F401

    assert RemoteAction._validate_action_result is rasa_speedups.validate_action_result
    assert action._validate_action_result(GOOD[1]) is True


@pytest.mark.parametrize(
    "name", ["user", "bot", "action", "slot", "active_loop", "session_started", "restart"]
)
def test_event_types_resolve_as_rasa_does(name):
    assert rasa_speedups.resolve_by_type(name) is rasa_speedups._ORIGINAL_RESOLVE(name)
    assert rasa_speedups.resolve_by_type(name) is rasa_speedups._ORIGINAL_RESOLVE(
        name
    )  # from memory


def test_unknown_event_types_still_fail_or_fall_back():
    from rasa.shared.core.events import Event, UserUttered

    with pytest.raises(ValueError):
        rasa_speedups.resolve_by_type("no_such_event")
    assert rasa_speedups.resolve_by_type("no_such_event", UserUttered) is UserUttered
    assert "no_such_event" not in rasa_speedups._RESOLVED
    import bot.dialogue.action_failure_policy  # noqa: F401

    assert Event.resolve_by_type("bot").type_name == "bot"
    from rasa.shared.core.events import SlotSet, deserialise_events

    events = [
        UserUttered("hi", {"name": "greet", "confidence": 1.0}).as_dict(),
        SlotSet("a", 1).as_dict(),
    ]
    assert [e.type_name for e in deserialise_events(events)] == ["user", "slot"]


def test_a_model_loaded_without_training_a_step_predicts_exactly_as_upstream(model, tmp_path):
    """DIET from the trained model, loaded by our ``RasaModel.load`` (traced without autograph)
    and by upstream's (which fits one step first and traces with autograph): the same
    variables, label embeddings and prediction outputs."""
    import numpy as np
    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.utils.tensorflow.models import RasaModel

    assert RasaModel.load.__func__ is rasa_speedups.load_model
    storage, metadata = LocalModelStorage.from_model_archive(tmp_path, model)
    node = next(n for n in metadata.predict_schema.nodes.values() if n.uses is DIETClassifier)
    calls = []

    def recording(cls, *args, **kwargs):
        calls.append((cls, args, kwargs))
        return rasa_speedups.load_model(cls, *args, **kwargs)

    RasaModel.load = classmethod(recording)
    try:
        DIETClassifier.load(
            {**DIETClassifier.get_default_config(), **node.config},
            storage,
            node.resource,
            ExecutionContext(metadata.predict_schema, metadata.model_id),
        )
    finally:
        RasaModel.load = classmethod(rasa_speedups.load_model)
    ((cls, args, kwargs),) = calls
    file_name, model_data_example, predict_example = args[:3]
    ours = rasa_speedups.load_model(cls, *args, **kwargs)
    upstream = rasa_speedups._ORIGINAL_MODEL_LOAD(cls, *args, **kwargs)
    assert predict_example is not None
    # Every variable prediction reads (the loss metric's running total is training state).
    metric_state = {id(v) for metric in ours.metrics for v in metric.variables}
    by_name = {v.name: v.numpy() for v in upstream.weights}
    compared = [v for v in ours.weights if id(v) not in metric_state]
    assert {v.name for v in compared} >= {v.name for v in upstream.trainable_weights} != set()
    for variable in compared:
        assert np.array_equal(variable.numpy(), by_name[variable.name]), variable.name
    np.testing.assert_allclose(ours.all_labels_embed, upstream.all_labels_embed, rtol=0, atol=0)
    got, want = ours.run_inference(predict_example), upstream.run_inference(predict_example)
    assert got.keys() == want.keys() and got
    for key in want:
        if isinstance(want[key], np.ndarray):
            np.testing.assert_allclose(got[key], want[key], rtol=1e-6, atol=1e-7)


def test_fine_tuning_still_takes_upstreams_path(monkeypatch):
    from rasa.utils.tensorflow.models import RasaModel

    taken = []
    monkeypatch.setattr(
        rasa_speedups, "_ORIGINAL_MODEL_LOAD", lambda *args, **kwargs: taken.append(args)
    )
    RasaModel.load("file", object(), object(), True)
    RasaModel.load("file", object(), None, False)
    assert len(taken) == 2


def _domain_node(model, tmp_path):
    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.graph_components.providers.domain_provider import DomainProvider

    storage, metadata = LocalModelStorage.from_model_archive(tmp_path, model)
    node = next(n for n in metadata.predict_schema.nodes.values() if n.uses is DomainProvider)
    context = ExecutionContext(metadata.predict_schema, metadata.model_id)
    return storage, node.resource, context, metadata


def test_the_models_domain_parsed_once_is_the_domain_upstream_loads(model, tmp_path):
    from rasa.graph_components.providers.domain_provider import DomainProvider

    assert DomainProvider.load.__func__ is rasa_speedups.load_domain_provider
    storage, resource, context, metadata = _domain_node(model, tmp_path)
    ours = DomainProvider.load({}, storage, resource, context).provide_inference()
    upstream = rasa_speedups._ORIGINAL_DOMAIN_LOAD(
        DomainProvider, {}, storage, resource, context
    ).provide_inference()
    assert ours.as_dict() == upstream.as_dict() == metadata.domain.as_dict()
    assert ours.fingerprint() == upstream.fingerprint()
    assert ours.responses and ours.intents and ours.forms


def test_a_domain_folder_with_more_than_rasas_one_file_goes_upstreams_way(
    model, tmp_path, monkeypatch
):
    from rasa.graph_components.providers.domain_provider import DomainProvider

    storage, resource, context, _ = _domain_node(model, tmp_path)
    with storage.write_to(resource) as directory:
        (directory / "extra.yml").write_text("intents:\n  - extra_intent\n")
    calls, original = [], rasa_speedups._ORIGINAL_DOMAIN_LOAD

    def upstream(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(rasa_speedups, "_ORIGINAL_DOMAIN_LOAD", upstream)
    domain = DomainProvider.load({}, storage, resource, context).provide_inference()
    assert len(calls) == 1 and "extra_intent" in domain.intents


# -- validate_yaml_schema: upstream's verdict on the C loader's parse ------------------------
ROOT = Path(__file__).resolve().parents[2]
NLU_SCHEMA = "shared/nlu/training_data/schemas/nlu.yml"
CORE_SCHEMA = "shared/utils/schemas/stories.yml"
DOMAIN_SCHEMA = "shared/utils/schemas/domain.yml"


def _project_yaml():
    """Every YAML file Rasa reads from the project, with the schema Rasa checks it against."""
    files = [(ROOT / "domain.yml", DOMAIN_SCHEMA)]
    for path in sorted((ROOT / "data").rglob("*.yml")) + sorted(
        (ROOT / "tests/stories").glob("*.yml")
    ):
        text = path.read_text(encoding="utf-8")
        if "nlu:" in text:
            files.append((path, NLU_SCHEMA))
        if any(key in text for key in ("stories:", "rules:")):
            files.append((path, CORE_SCHEMA))
    return files


def _outcome(validate, content, schema):
    try:
        validate(content, schema)
    except Exception as error:  # noqa: BLE001 - compared between the two ways
        return type(error).__name__, str(error)
    return None


def test_schema_paths_are_rasas_own():
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import CORE_SCHEMA_FILE
    from rasa.shared.nlu.training_data.formats.rasa_yaml import NLU_SCHEMA_FILE

    assert (NLU_SCHEMA, CORE_SCHEMA, DOMAIN_SCHEMA) == (
        NLU_SCHEMA_FILE,
        CORE_SCHEMA_FILE,
        "shared/utils/schemas/domain.yml",
    )


def test_is_what_rasa_calls():
    import rasa.shared.utils.validation

    assert rasa.shared.utils.validation.validate_yaml_schema is rasa_speedups.validate_yaml_schema


def test_project_files_pass_both_ways():
    """The domain and the smallest project file of each schema (upstream's way costs about 8
    CPU-seconds over all of them; `rasa data validate` in tests/project reads every file the
    patched way, and the broken files below pin the failures)."""
    files = _project_yaml()
    assert {schema for _, schema in files} == {NLU_SCHEMA, CORE_SCHEMA, DOMAIN_SCHEMA}
    smallest = {}
    for path, schema in files:
        if schema not in smallest or path.stat().st_size < smallest[schema].stat().st_size:
            smallest[schema] = path
    for schema, path in smallest.items():
        content = path.read_text(encoding="utf-8")
        assert _outcome(rasa_speedups._ORIGINAL_VALIDATE_YAML, content, schema) is None, path
        assert _outcome(rasa_speedups.validate_yaml_schema, content, schema) is None, path


BROKEN_YAML = [
    # (content, schema): wrong shapes, unknown keys, syntax errors, duplicate keys, YAML 1.1
    # booleans (yes/no are strings in YAML 1.2 for both), emoji and non-ASCII text.
    ('version: "3.1"\nnlu:\n- intent: greet\n  examples: 5\n', NLU_SCHEMA),
    ('version: "3.1"\nnlu:\n- intent: greet\n  exampels: |\n    - hi\n', NLU_SCHEMA),
    (
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi\n   - bad indent\n',
        NLU_SCHEMA,
    ),
    (
        'version: "3.1"\nnlu:\n- intent: greet\n  intent: again\n  examples: |\n    - hi\n',
        NLU_SCHEMA,
    ),
    ('version: "3.1"\nnlu:\n- intent: yes\n  examples: |\n    - yes 😀 héllo\n', NLU_SCHEMA),
    ('version: "3.1"\nnlu:\n- intent: [a, b]\n  examples: |\n    - hi\n', NLU_SCHEMA),
    (
        'version: "3.1"\nstories:\n- story: s\n  steps:\n  - intent: greet\n  - action: 7\n',
        CORE_SCHEMA,
    ),
    ('version: "3.1"\nstories:\n- story: s\n  steps: nope\n', CORE_SCHEMA),
    (
        'version: "3.1"\nrules:\n- rule: r\n  steps:\n  - intent: greet\n  - action: utter_x\n',
        CORE_SCHEMA,
    ),
    ('version: "3.1"\nrules:\n- rule: r\n  stepz:\n  - intent: greet\n', CORE_SCHEMA),
    ("version: '3.1'\nintents:\n- greet\nresponses:\n  utter_x:\n  - txt: hi\n", DOMAIN_SCHEMA),
    ("version: '3.1'\nintents: {greet: 1}\n", DOMAIN_SCHEMA),
    ("{unclosed: [\n", NLU_SCHEMA),
    ("\t- tab\n", CORE_SCHEMA),
    ("", NLU_SCHEMA),
]


@pytest.mark.parametrize("content,schema", BROKEN_YAML)
def test_broken_and_odd_files_give_upstreams_outcome(content, schema):
    """Pass or fail alike, and a failure is upstream's own exception with the same message."""
    expected = _outcome(rasa_speedups._ORIGINAL_VALIDATE_YAML, content, schema)
    assert _outcome(rasa_speedups.validate_yaml_schema, content, schema) == expected
