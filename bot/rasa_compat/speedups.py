"""Two hot spots of the Rasa 3.6 server, made cheap with the same results.

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

Installed by ``bot.rasa_compat.install()`` (see there for the version check).
"""

from __future__ import annotations

import functools
from typing import Any, Dict, Optional, Text, Type

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event

_ORIGINAL_VALIDATE = RemoteAction._validate_action_result
_ORIGINAL_RESOLVE = Event.resolve_by_type
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


def install() -> None:
    """Idempotent."""
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)
