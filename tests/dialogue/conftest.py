"""A small domain with a form, and a way to build our policies without training."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain

DOMAIN_YAML = """
version: "3.1"
intents: [greet, crisis, affirm, stop]
slots:
  belief:
    type: text
    influence_conversation: false
    mappings:
      - type: from_text
        conditions:
          - active_loop: reframe_form
forms:
  reframe_form:
    required_slots: [belief]
actions: [action_offer, validate_reframe_form]
responses:
  utter_greet:
    - text: "hi one"
    - text: "hi two"
    - text: "hi three"
  utter_single:
    - text: "only me"
  utter_named:
    - text: "hello {belief}"
    - text: "hey {belief}"
  utter_crisis_resources:
    - text: "resources"
  utter_crisis_check_safe:
    - text: "are you safe?"
  utter_action_unavailable:
    - text: "sorry, resources"
  utter_ask_belief:
    - text: "what is the belief?"
"""


@pytest.fixture
def domain() -> Domain:
    return Domain.from_yaml(DOMAIN_YAML)


@pytest.fixture
def make_policy(tmp_path):
    def make(cls, **config):
        storage = LocalModelStorage(tmp_path)
        context = ExecutionContext(GraphSchema({}), "test")
        full = {**cls.get_default_config(), **config}
        return cls.create(full, storage, Resource(cls.__name__), context)

    return make
