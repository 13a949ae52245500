"""Five hot spots of Rasa 3.6, made cheap with the same results.

Profiled with py-spy under `make bench` (10 concurrent REST users), nearly every turn of ours
runs a custom action and reloads a tracker with many events, and two pieces of Rasa redo
constant work each time:

- ``RemoteAction._validate_action_result`` calls ``jsonschema.validate``, which re-checks the
  constant response schema against the JSON Schema meta-schema on every action call: about a
  quarter of the server's CPU. Here one validator is built (and the schema checked) once; a bad
  response still raises the same ``ValidationError`` with Rasa's hint appended.
- ``Event.resolve_by_type`` walks every subclass of ``Event`` for each event it deserialises
  (about a tenth of the CPU when loading a tracker). Here a name found once is remembered; an
  unknown name still goes the original way (and still raises).
- ``RasaModel.load`` builds DIET's variables by *training one step* (``model.fit`` on one
  example) before reading the saved weights; tracing Keras's train function for it was the
  largest single cost of loading the model (cProfile on ``Agent.load``), and every test
  server, replica restart and ``make run`` pays it. Without it ``Agent.load`` of our model
  takes about 13 CPU-seconds instead of 16-19. Here the
  variables are built by one eager prediction instead, the saved weights are read over them,
  and the prediction function is traced once, with the real weights, as upstream does after
  loading (without autograph: its branches are on the configuration, not on tensors, and
  autograph's rewrite cost a quarter of the load). Fine-tuning (which needs the optimizer) and
  a model without an example to predict on still take upstream's path.
  tests/rasa_compat/test_speedups.py loads the trained model's DIET both ways and compares
  every output.
- ``DomainProvider.load`` reads the model's ``domain.yml`` (the domain Rasa itself wrote at
  training time, from a domain it had validated) through ``Domain.from_path``, which parses
  the file three times (is it a domain file, ``from_file`` whose result is thrown away, then
  the read that is used) and checks it against Rasa's YAML schema with pykwalify: about 2.5
  CPU-seconds of every server start and ``rasa test``. Here the file is parsed once, by
  Rasa's own reader, and built with ``Domain.from_dict`` as upstream does with that read. A
  model folder holding anything but that one file still takes upstream's path.
- ``validate_yaml_schema`` (every training-data, story and domain file Rasa reads: training,
  ``rasa data validate``, ``rasa test``) parses the file a second time with ruamel's pure-Python
  round-trip loader, only so that an error can name its line: 8.7 of the 13.8 CPU-seconds it
  spends on our data and test stories, against 0.7 for the C loader Rasa's readers use. Here the
  file is parsed by that reader (``read_yaml``, the same YAML 1.2 rules) and checked against the
  same schema; only a file that fails (or does not parse) goes upstream's way, which raises the
  same error, with its line numbers, as before.

Installed by ``bot.rasa_compat.install()`` (see there for the version check).
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Dict, Optional, Text, Type

import rasa.shared.utils.validation
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.graph_components.providers.domain_provider import DomainProvider
from rasa.shared.constants import (
    DOCS_BASE_URL,
    PACKAGE_NAME,
    RESPONSES_SCHEMA_FILE,
    SCHEMA_EXTENSIONS_FILE,
)
from rasa.shared.core.domain import ALL_DOMAIN_KEYS, Domain
from rasa.shared.core.events import Event
from rasa.shared.utils.io import read_file, read_yaml, read_yaml_file
from rasa.utils.tensorflow.models import RasaModel

_ORIGINAL_VALIDATE = RemoteAction._validate_action_result
_ORIGINAL_RESOLVE = Event.resolve_by_type
_ORIGINAL_MODEL_LOAD = RasaModel.load.__func__
_ORIGINAL_DOMAIN_LOAD = DomainProvider.load.__func__
_ORIGINAL_VALIDATE_YAML = rasa.shared.utils.validation.validate_yaml_schema
_RESOLVED: Dict[Text, Type[Event]] = {}


@functools.lru_cache(maxsize=8)
def _validator(action_class: type):
    """The validator of an action class's (static, constant) response schema, built once."""
    schema = action_class.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    error = best_match(_validator(type(self)).iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from "
            f"the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def resolve_by_type(
    type_name: Text, default: Optional[Type[Event]] = None
) -> Optional[Type[Event]]:
    found = _RESOLVED.get(type_name)
    if found is None:
        found = _ORIGINAL_RESOLVE(type_name, default)
        if found is not None and found is not default:
            _RESOLVED[type_name] = found
    return found


def load_model(
    cls,
    model_file_name: Text,
    model_data_example,
    predict_data_example=None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    """``RasaModel.load`` without training a step to build the variables (module docstring)."""
    if finetune_mode or predict_data_example is None:
        return _ORIGINAL_MODEL_LOAD(
            cls,
            model_file_name,
            model_data_example,
            predict_data_example,
            finetune_mode,
            *args,
            **kwargs,
        )
    import tensorflow as tf
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
    from rasa.utils.train_utils import create_data_generators

    model = cls(*args, **kwargs)
    config = kwargs.get("config", {})
    model.compile(
        optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
        run_eagerly=config.get(RUN_EAGERLY),
    )
    generator, _ = create_data_generators(
        model_data=predict_data_example, batch_sizes=1, epochs=1, shuffle=False
    )
    batch_in = next(iter(generator))[0]
    # One eager prediction creates every variable prediction reads (no tracing). Its cached
    # label embeddings come from random weights, so they are dropped below.
    model._training = False
    model.prepare_for_predict()
    model.batch_predict(batch_in)
    # The checkpoint also holds the optimizer's state, which prediction never reads.
    model.load_weights(model_file_name).expect_partial()
    model.prepared_for_prediction = False
    # Traced without autograph: prediction's Python branches are on the configuration, never
    # on tensor values, so autograph's rewrite of every Keras call only costs time (about a
    # quarter of loading our model's CPU); the graph, and every output, are the same.
    model._tf_predict_step = tf.function(
        model.predict_step, input_signature=model._dynamic_signature(batch_in), autograph=False
    )
    model.run_inference(predict_data_example)
    return model


def load_domain_provider(
    cls,
    config: Dict[Text, Any],
    model_storage,
    resource,
    execution_context,
    **kwargs: Any,
) -> DomainProvider:
    """``DomainProvider.load`` parsing the persisted domain once (module docstring)."""
    from pathlib import Path

    with model_storage.read_from(resource) as directory:
        files = [p for p in Path(directory).rglob("*") if p.is_file()]
        data = read_yaml(read_file(files[0])) if [p.name for p in files] == ["domain.yml"] else {}
        # Domain.from_directory with one domain file: Domain.from_dict(merge_domain_dicts(d,
        # {})), and merging into nothing returns d itself.
        domain = Domain.from_dict(data) if any(k in data for k in ALL_DOMAIN_KEYS) else None
    if domain is None:
        return _ORIGINAL_DOMAIN_LOAD(
            cls, config, model_storage, resource, execution_context, **kwargs
        )
    return cls(model_storage, resource, domain)


@functools.lru_cache(maxsize=16)
def _schema_files(package_name: Text, schema_path: Text):
    """Upstream's three schema paths (resource_filename is constant for a package)."""
    import pkg_resources

    return (
        pkg_resources.resource_filename(package_name, schema_path),
        pkg_resources.resource_filename(PACKAGE_NAME, RESPONSES_SCHEMA_FILE),
        pkg_resources.resource_filename(PACKAGE_NAME, SCHEMA_EXTENSIONS_FILE),
    )


def validate_yaml_schema(
    yaml_file_content: Text, schema_path: Text, package_name: Text = PACKAGE_NAME
) -> None:
    """Upstream's check on the C loader's parse; any failure is upstream's (module docstring)."""
    from pykwalify.core import Core

    try:
        source_data = read_yaml(yaml_file_content)
        schema_file, responses_file, extensions_file = _schema_files(package_name, schema_path)
        schema = dict(read_yaml_file(schema_file), **read_yaml_file(responses_file))
        core = Core(source_data=source_data, schema_data=schema, extensions=[extensions_file])
        logging.getLogger("pykwalify").setLevel(logging.CRITICAL)
        core.validate(raise_exception=True)
    except Exception:  # noqa: BLE001 - upstream raises the error, with line numbers
        _ORIGINAL_VALIDATE_YAML(yaml_file_content, schema_path, package_name)


def install() -> None:
    """Idempotent."""
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)
    RasaModel.load = classmethod(load_model)
    DomainProvider.load = classmethod(load_domain_provider)
    rasa.shared.utils.validation.validate_yaml_schema = validate_yaml_schema
