"""Issue section 3 through a real Rasa server: a typed ``/crisis{...}`` payload and an
``input_channel`` in the REST body must not put raw details into the review store.

Separate from tests/security/test_review_store_categories.py (unit level) because it needs
the running bot (the session's bot stack)."""

from __future__ import annotations

import json
import urllib.request
import uuid

import pytest

from bot.privacy.pseudonym import pseudonym
from tests.privacy.test_review_store_e2e import (  # noqa: F401
    every_cell,
    privacy_stack,
    review_turns,
    wait_for,
)

pytestmark = pytest.mark.integration

PII = "jo@example.com 07700 900123"


def _send(url: str, sender: str, message: str, input_channel: str) -> list:
    body = {"sender": sender, "message": message, "input_channel": input_channel}
    request = urllib.request.Request(
        url + "/webhooks/rest/webhook",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode())


def test_typed_categories_and_channel_never_reach_the_review_store(privacy_stack):
    sender = f"e2e-{uuid.uuid4().hex[:10]}"
    pid = pseudonym(
        f"rest:{sender}", key=bytes.fromhex(privacy_stack.key)
    )  # REST ids are namespaced
    payload = "/crisis" + json.dumps({"crisis_category": PII})
    replies = _send(privacy_stack.url, sender, payload, input_channel=PII)
    assert replies  # the crisis path still answers
    review = privacy_stack.dir / "review.db"
    assert wait_for(lambda: review_turns(review, pid))
    for table, cell in every_cell(review):
        text = str(cell).lower()
        assert "jo@example.com" not in text and "07700" not in text, (
            f"raw detail in {table}: {cell!r}"
        )
    spool = privacy_stack.dir / "spool.jsonl"
    if spool.exists():
        assert "07700" not in spool.read_text()
