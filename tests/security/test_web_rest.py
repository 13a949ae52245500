"""Section 2 and 4 of the security issue on the REST channel (bot/channels/rest.py).

Old: ``{"sender": "<a Telegram user id>", "message": "delete my data"}`` then "yes" erased that
Telegram user's conversation (one id space for every channel); malformed bodies got a 500 or
silence; anyone could use the channel in production.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from sanic.exceptions import InvalidUsage as BadRequest

from bot import fast_yaml
from bot.channels.rest import SecureRestInput


class FakeRequest:
    """What the handler reads of a Sanic request: headers and the parsed JSON body."""

    def __init__(self, body=None, raw=None, headers=None):
        self._body, self._raw = body, raw
        self.headers = headers or {}

    @property
    def json(self):
        if self._raw is not None:
            try:
                return json.loads(self._raw)
            except ValueError as error:  # as Sanic does
                raise BadRequest("Failed when parsing body as json") from error
        return self._body


class Bot:
    def __init__(self):
        self.received = []

    async def __call__(self, message):
        self.received.append(message)
        await message.output_channel.send_response(message.sender_id, {"text": "I'm here."})


def post(channel, body=None, raw=None, headers=None, bot=None):
    bot = bot or Bot()
    result = asyncio.run(channel.handle(FakeRequest(body, raw, headers), bot))
    return result.status, json.loads(result.body), bot


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv("REST_CHANNEL_TOKEN", raising=False)
    monkeypatch.delenv("REST_CHANNEL_REQUIRE_TOKEN", raising=False)


def test_rest_conversations_live_in_their_own_namespace():
    """A Telegram user's id sent over REST names "rest:<id>", never "telegram:<id>"."""
    status, replies, bot = post(
        SecureRestInput.from_credentials({}), {"sender": "424242", "message": "delete my data"}
    )
    assert status == 200
    [message] = bot.received
    assert message.sender_id == "rest:424242" and message.input_channel == "rest"
    assert replies == [{"recipient_id": "424242", "text": "I'm here."}]  # as the caller sent it


@pytest.mark.parametrize(
    "sender", ["telegram:424242", "web:" + "ab" * 16, "a b", "x" * 129, "", "../x", "a\nb"]
)
def test_a_sender_cannot_name_another_namespace_or_be_odd(sender):
    status, body, bot = post(
        SecureRestInput.from_credentials({}), {"sender": sender, "message": "hi"}
    )
    assert status == 400 and "sender" in body["error"]
    assert not bot.received


def test_input_channel_in_the_body_is_ignored():
    _, _, bot = post(
        SecureRestInput.from_credentials({}),
        {"sender": "a", "message": "hi", "input_channel": "telegram"},
    )
    assert bot.received[0].input_channel == "rest"


@pytest.mark.parametrize(
    "body, word",
    [
        ([{"sender": "a", "message": "hi"}], "object"),
        (None, "object"),
        (42, "object"),
        ("hi", "object"),
        ({}, "sender"),
        ({"message": "hi"}, "sender"),
        ({"sender": "a"}, "message"),
        ({"sender": "a", "message": None}, "message"),
        ({"sender": "a", "message": 5}, "message"),
        ({"sender": "a", "message": ["hi"]}, "message"),
        ({"sender": ["a"], "message": "hi"}, "sender"),
        ({"sender": None, "message": "hi"}, "sender"),
        ({"sender": True, "message": "hi"}, "sender"),
        ({"sender": "a", "message": "hi", "metadata": "x"}, "metadata"),
    ],
)
def test_a_malformed_body_gets_a_400_with_a_clear_json_error(body, word):
    status, error, bot = post(SecureRestInput.from_credentials({}), body)
    assert status == 400 and word in error["error"]
    assert not bot.received


def test_invalid_json_gets_a_400():
    status, error, _ = post(SecureRestInput.from_credentials({}), raw="{not json")
    assert status == 400 and "JSON" in error["error"]


def test_a_numeric_sender_is_accepted_as_text():
    _, _, bot = post(SecureRestInput.from_credentials({}), {"sender": 7, "message": "hi"})
    assert bot.received[0].sender_id == "rest:7"


def test_with_a_token_set_only_callers_presenting_it_get_in(monkeypatch):
    monkeypatch.setenv("REST_CHANNEL_TOKEN", "s3cret-token-for-rest")
    channel = SecureRestInput.from_credentials({})
    body = {"sender": "a", "message": "hi"}
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "s3cret-token-for-rest"},
        {"Authorization": "Basic s3cret-token-for-rest"},
    ):
        status, error, bot = post(channel, body, headers=headers)
        assert status == 403 and "token" in error["error"] and not bot.received
    status, _, bot = post(channel, body, headers={"Authorization": "Bearer s3cret-token-for-rest"})
    assert status == 200 and bot.received


def test_a_production_configuration_without_a_token_keeps_the_channel_off(monkeypatch):
    monkeypatch.setenv("REST_CHANNEL_REQUIRE_TOKEN", "1")
    status, _, bot = post(SecureRestInput.from_credentials({}), {"sender": "a", "message": "hi"})
    assert status == 403 and not bot.received


def test_a_failing_bot_still_answers_and_logs_no_text(caplog):
    async def broken(message):
        raise RuntimeError(f"boom on {message.text}")

    secret = "my private words about my family"
    result = asyncio.run(
        SecureRestInput.from_credentials({}).handle(
            FakeRequest({"sender": "a", "message": secret}), broken
        )
    )
    assert result.status == 200
    assert "RuntimeError" in caplog.text and secret not in caplog.text


def test_the_project_credentials_use_this_channel():
    from pathlib import Path

    credentials = fast_yaml.safe_load((Path(__file__).parents[2] / "credentials.yml").read_text())
    assert "rest" not in credentials and "bot.channels.rest.SecureRestInput" in credentials
