"""Sections 2 and 4 against the real servers: Rasa (with --debug logging) and the action server.

The reproductions from the issue, over HTTP as people and scripts reach the bot, and finally
that neither server's log holds any of the texts sent.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.support import servers

pytestmark = pytest.mark.integration

RESOURCE_MARKERS = ("988", "116 123", "findahelpline", "911", "999", "112")
# Distinctive words in every text sent here, so the log check cannot pass by accident.
MARK = "Zebulon Quartzfield"


@pytest.fixture(scope="module")
def stack(model, tmp_path_factory):
    directory = tmp_path_factory.mktemp("security-stack")
    port = servers.free_port()
    env = servers.base_env(
        {"WEBCHAT_SECRET": "e2e-secret", "ACTION_SERVER_TOKEN": servers.ACTION_TOKEN}
    )
    actions = servers._spawn(
        "actions",
        [sys.executable, "-m", "actions.server", "--port", str(port), "--debug"],
        port,
        env,
        "/health",
        120.0,
    )
    endpoints = servers.write_endpoints(
        directory, action_port=actions.port, review_db=directory / "review.db"
    )
    try:
        rasa = servers.start_rasa(
            model=model,
            endpoints=endpoints,
            extra_args=["--debug"],
            env={"WEBCHAT_SECRET": "e2e-secret"},
        )
    except Exception:
        actions.stop()
        raise
    yield rasa, actions
    rasa.stop()
    actions.stop()


def post(url, body, raw=None, timeout=120.0):
    data = raw if raw is not None else json.dumps(body).encode()
    request = urllib.request.Request(
        url + "/webhooks/rest/webhook", data=data, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read().decode())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode())


def texts(replies):
    return [r.get("text", "") for r in replies]


def has_resources(replies):
    return any(m in " ".join(texts(replies)) for m in RESOURCE_MARKERS)


def test_a_lone_surrogate_crisis_message_gets_the_resources(stack):
    """Old: SpacyNLP crashed on "\\ud83d": no reply, no crisis resources."""
    rasa, _ = stack
    status, replies = post(
        rasa.url, {"sender": "sec-surrogate", "message": f"i want to kill myself {MARK} \ud83d"}
    )
    assert status == 200 and has_resources(replies[:1]), texts(replies)


def test_a_100kb_message_gets_a_kind_reply_quickly(stack):
    """Old: 28 s of CPU and no reply."""
    rasa, _ = stack
    started = time.monotonic()
    status, replies = post(
        rasa.url, {"sender": "sec-long", "message": f"I had a long day, {MARK}. " * 3500}
    )
    assert status == 200 and "shorter parts" in " ".join(texts(replies))
    assert time.monotonic() - started < 15


def test_a_100kb_message_ending_in_crisis_language_gets_the_resources(stack):
    rasa, _ = stack
    message = f"I had a long day, {MARK}. " * 3500 + " i want to end my life tonight"
    status, replies = post(rasa.url, {"sender": "sec-long-crisis", "message": message})
    assert status == 200 and has_resources(replies[:1]), texts(replies)


@pytest.mark.parametrize(
    "raw",
    [
        b"[]",
        b"null",
        b"42",
        b'"hi"',
        b"{}",
        b'{"sender": "a"}',
        b'{"message": "hi"}',
        b'{"sender": "a", "message": 5}',
        b'{"sender": ["a"], "message": "hi"}',
        b"{broken",
    ],
)
def test_a_malformed_body_gets_a_400_with_a_json_error(stack, raw):
    rasa, _ = stack
    status, body = post(rasa.url, None, raw=raw)
    assert status == 400 and isinstance(body.get("error"), str)


def test_rest_cannot_name_another_channels_conversation(stack):
    """Old: REST sender "<telegram id>" + "delete my data" + "yes" erased that person's data."""
    rasa, _ = stack
    status, body = post(rasa.url, {"sender": "telegram:4242", "message": "delete my data"})
    assert status == 400
    status, _ = post(rasa.url, {"sender": "4242", "message": f"hello {MARK}"})
    assert status == 200
    with urllib.request.urlopen(
        servers.api_url(rasa.url, "/conversations/rest:4242/tracker"), timeout=30
    ) as r:
        assert any(e.get("event") == "user" for e in json.loads(r.read())["events"])
    with urllib.request.urlopen(
        servers.api_url(rasa.url, "/conversations/telegram:4242/tracker"), timeout=30
    ) as r:
        assert not any(e.get("event") == "user" for e in json.loads(r.read())["events"])


def test_zz_no_text_sent_is_in_either_servers_log(stack):
    """Runs last in this module: everything above was logged at debug level."""
    rasa, actions = stack
    post(rasa.url, {"sender": "sec-exercise", "message": f"i feel worthless, {MARK} says so"})
    post(rasa.url, {"sender": "sec-exercise", "message": "yes"})
    time.sleep(1)
    for server in (rasa, actions):
        log = server.log_path.read_text(errors="replace")
        assert len(log) > 1000, f"{server.name} logged almost nothing: debug logging is off?"
        assert MARK not in log, f"{server.name} log holds message text"
        assert "Zebulon" not in log and "kill myself" not in log and "end my life" not in log
