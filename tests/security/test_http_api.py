"""Rasa's HTTP API and the action server are closed to strangers (security issue, part 1).

Reproductions, each refused now: reading a raw conversation, unloading the model, making the
bot say a forged "helpline" to a person, and calling the action server directly. With the
model unloaded by an operator, a crisis message still gets the static resources.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from bot import fast_yaml, run, settings
from tests.support import servers

pytestmark = pytest.mark.integration

FORGED = {"event": "bot", "text": "Call our new helpline 0800 FAKE"}


def _request(url: str, method: str = "GET", body=None, headers=None) -> tuple[int, str]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


# -- what `make run` starts ---------------------------------------------------------------------
def test_make_run_keeps_the_api_off_on_loopback_with_cors_for_the_widget(monkeypatch):
    for name in (
        "RASA_ENABLE_API",
        "RASA_API_TOKEN",
        "RASA_JWT_SECRET",
        "RASA_CORS_ORIGINS",
        "RASA_INTERFACE",
    ):
        monkeypatch.delenv(name, raising=False)
    args = run.rasa_server_args(5005, 8080)
    assert "--enable-api" not in args
    assert args[args.index("--interface") + 1] == "127.0.0.1"
    cors = args[args.index("--cors") + 1 :]
    assert "*" not in cors and "http://localhost:8080" in cors


def test_turning_the_api_on_without_a_secret_is_refused(monkeypatch):
    monkeypatch.setenv("RASA_ENABLE_API", "1")
    monkeypatch.delenv("RASA_API_TOKEN", raising=False)
    monkeypatch.delenv("RASA_JWT_SECRET", raising=False)
    with pytest.raises(settings.SettingError, match="RASA_API_TOKEN"):
        run.rasa_server_args(5005, 8080)
    assert run.main(["--rasa-port", str(servers.free_port())]) == 2


def test_turning_the_api_on_with_a_token_passes_it_to_rasa(monkeypatch):
    monkeypatch.setenv("RASA_ENABLE_API", "yes")
    monkeypatch.setenv("RASA_API_TOKEN", "t" * 32)
    args = run.rasa_server_args(5005, 8080)
    assert "--enable-api" in args and args[args.index("--auth-token") + 1] == "t" * 32


def test_a_short_token_is_refused(monkeypatch):
    monkeypatch.setenv("RASA_ENABLE_API", "1")
    monkeypatch.setenv("RASA_API_TOKEN", "abc")
    with pytest.raises(settings.SettingError, match="16"):
        run.rasa_server_args(5005, 8080)


def test_runtime_endpoints_carry_the_action_token_and_stay_private(tmp_path):
    path = run.write_runtime_endpoints(5999, "s" * 40, target=tmp_path / "endpoints.yml")

    action = fast_yaml.safe_load(path.read_text())["action_endpoint"]
    assert action == {
        "url": "http://127.0.0.1:5999/webhook",
        "headers": {"X-Action-Token": "s" * 40},
    }
    assert path.stat().st_mode & 0o077 == 0


# -- a real server with make run's options --------------------------------------------------------
@pytest.fixture(scope="module")
def make_run_server(model, tmp_path_factory):
    port = servers.free_port()
    server = servers.start_rasa(
        port=port,
        model=model,
        server_args=run.rasa_server_args(port, 8080),
        endpoints=servers.write_endpoints(tmp_path_factory.mktemp("api-off"), action_port=None),
    )
    yield server
    server.stop()


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("GET", "/conversations/123456789/tracker", None),
        ("DELETE", "/model", None),
        (
            "POST",
            "/conversations/123456789/tracker/events?execute_side_effects=true"
            "&output_channel=latest",
            FORGED,
        ),
        ("POST", "/model/parse", {"text": "hi"}),
    ],
)
def test_api_routes_do_not_exist_under_make_run(make_run_server, method, path, body):
    status, _ = _request(make_run_server.url + path, method, body)
    assert status in (404, 405)


def test_the_chat_still_works_under_make_run(make_run_server):
    replies = servers.send(make_run_server.url, "rest-x", "i want to kill myself tonight")
    assert any("988" in (r.get("text") or "") for r in replies)


def test_cors_answers_only_the_widget_origin(make_run_server):
    url = make_run_server.url + "/webhooks/rest/webhook"
    request = urllib.request.Request(
        url,
        method="OPTIONS",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            allowed = response.headers.get("Access-Control-Allow-Origin")
    except urllib.error.HTTPError as error:
        allowed = error.headers.get("Access-Control-Allow-Origin")
    assert allowed in (None, "")


# -- the API turned on by an operator: only with the token ----------------------------------------
@pytest.fixture(scope="module")
def api_server(model, tmp_path_factory):
    server = servers.start_rasa(
        model=model,
        endpoints=servers.write_endpoints(tmp_path_factory.mktemp("api-on"), action_port=None),
    )
    yield server
    server.stop()


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("GET", "/conversations/123456789/tracker", None),
        (
            "POST",
            "/conversations/123456789/tracker/events?execute_side_effects=true"
            "&output_channel=latest",
            FORGED,
        ),
        ("DELETE", "/model", None),
    ],
)
def test_api_without_the_token_is_refused(api_server, method, path, body):
    status, _ = _request(api_server.url + path, method, body)
    assert status == 401
    status, _ = _request(
        api_server.url + path + ("&" if "?" in path else "?") + "token=wrong", method, body
    )
    assert status == 401


def test_with_no_model_loaded_a_crisis_still_gets_the_resources(api_server):
    # The attack of the old main (DELETE /model without a token) now needs the operator's token;
    # even then a person in crisis is answered.
    status, _ = _request(servers.api_url(api_server.url, "/model"), "DELETE")
    assert status == 204
    replies = servers.send(api_server.url, "rest-nomodel", "i want to kill myself tonight")
    text = "\n".join(r.get("text") or "" for r in replies)
    assert "988" in text and "Samaritans" in text
    replies = servers.send(api_server.url, "rest-nomodel", "hello")
    assert replies and "Sorry" in replies[0]["text"]


# -- the action server ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def action_server():
    server = servers.start_action_server()
    yield server
    server.stop()


def _action_call(url: str, headers=None) -> int:
    body = {
        "next_action": "action_fallback_reply",
        "sender_id": "x",
        "tracker": {
            "sender_id": "x",
            "slots": {},
            "latest_message": {"text": "hi"},
            "events": [],
            "active_loop": {},
        },
        "domain": {},
    }
    status, _ = _request(url + "/webhook", "POST", body, headers)
    return status


def test_action_server_refuses_calls_without_the_shared_token(action_server):
    assert _action_call(action_server.url) == 403
    assert _action_call(action_server.url, {"X-Action-Token": "wrong"}) == 403
    status, _ = _request(action_server.url + "/actions")
    assert status == 403


def test_action_server_answers_rasa_with_the_token(action_server):
    assert _action_call(action_server.url, {"X-Action-Token": servers.ACTION_TOKEN}) != 403
    assert _request(action_server.url + "/health")[0] == 200


def _listening_addresses(port: int) -> set:
    """IPv4 addresses listening on ``port``, from /proc/net/tcp (state 0A = LISTEN)."""
    found = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if int(hex_port, 16) == port and state == "0A":
            found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def test_action_server_listens_on_loopback_only(action_server):
    assert _listening_addresses(action_server.port) == {"127.0.0.1"}


def test_rasa_listens_on_loopback_only_under_make_run(make_run_server):
    assert _listening_addresses(make_run_server.port) == {"127.0.0.1"}


def test_action_server_refuses_to_start_without_a_token(monkeypatch):
    from actions import server

    monkeypatch.delenv("ACTION_SERVER_TOKEN", raising=False)
    assert server.main(["--port", str(servers.free_port())]) == 2
