"""Section 2 of the security issue: on the website channel a socket is only ever its own session.

Each test reproduces an attack that worked against Rasa's SocketIOInput (client-chosen session
ids, trusted in every user_uttered) and checks that WebChatInput refuses it.
"""

from __future__ import annotations

import asyncio
import os
import stat

import pytest

from bot.channels import webchat
from bot.channels.webchat import WebChatInput


@pytest.fixture(autouse=True)
def _secret(monkeypatch):
    monkeypatch.setenv("WEBCHAT_SECRET", "a test secret for the webchat channel")


class Harness:
    """The channel's socket.io handlers driven directly, recording what reaches the bot."""

    def __init__(self, persistence: bool = True) -> None:
        self.channel = WebChatInput.from_credentials(
            {
                "user_message_evt": "user_uttered",
                "bot_message_evt": "bot_uttered",
                "session_persistence": persistence,
            }
        )
        self.received = []

        async def on_new_message(message):
            self.received.append(message)

        self.channel.blueprint(on_new_message)
        self.sio = self.channel.sio
        self.emitted = []

        async def emit(event, data=None, room=None, **kwargs):
            self.emitted.append((event, data, room))

        self.sio.emit = emit
        self._count = 0

    def connect(self) -> str:
        self._count += 1
        return asyncio.run(self.sio.manager.connect(f"eio-{self._count}", "/"))

    def request_session(self, sid, data=None):
        self.emitted.clear()
        asyncio.run(self.sio.handlers["/"]["session_request"](sid, data))
        ((event, payload, room),) = self.emitted
        assert event == "session_confirm" and room == sid
        return payload["session_id"], payload["resume_token"]

    def utter(self, sid, data):
        return asyncio.run(self.sio.handlers["/"]["user_uttered"](sid, data))


def test_a_session_request_with_someone_elses_id_does_not_listen_to_them():
    """Old: session_request {"session_id": victim} joined the victim's room (their live replies)."""
    h = Harness()
    victim_sid = h.connect()
    victim, _ = h.request_session(victim_sid)
    attacker_sid = h.connect()
    got, _ = h.request_session(attacker_sid, {"session_id": victim})
    assert got != victim
    assert not any(victim in room for room in h.sio.rooms(attacker_sid))


def test_a_forged_or_other_sessions_token_does_not_resume():
    h = Harness()
    victim, victim_token = h.request_session(h.connect())
    other, other_token = h.request_session(h.connect())
    attacker = h.connect()
    for data in (
        {"session_id": victim, "resume_token": "0" * 64},
        {"session_id": victim, "resume_token": other_token},
        {"session_id": victim, "resume_token": victim_token.upper()},
        {"session_id": victim, "resume_token": victim_token[:-1]},
        {"session_id": victim + "x", "resume_token": victim_token},
    ):
        got, _ = h.request_session(attacker, data)
        assert got != victim


def test_the_issued_id_is_128_random_bits_and_the_token_is_an_hmac_of_it():
    h = Harness()
    ids = {h.request_session(h.connect())[0] for _ in range(50)}
    assert len(ids) == 50 and all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    session_id, token = h.request_session(h.connect())
    assert token == webchat.resume_token(session_id)
    assert webchat.verified_session({"session_id": session_id, "resume_token": token}) == session_id


def test_the_resume_token_depends_on_the_server_secret(monkeypatch):
    first = webchat.resume_token("ab" * 16)
    monkeypatch.setenv("WEBCHAT_SECRET", "another deployment's secret")
    assert webchat.resume_token("ab" * 16) != first


def test_without_an_environment_secret_one_is_made_and_kept_in_a_private_file(
    tmp_path, monkeypatch
):
    monkeypatch.delenv("WEBCHAT_SECRET", raising=False)
    path = tmp_path / "secrets" / "webchat.key"
    monkeypatch.setenv("WEBCHAT_SECRET_FILE", str(path))
    token = webchat.resume_token("cd" * 16)
    assert path.exists() and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    webchat._secret_for.cache_clear()
    assert webchat.resume_token("cd" * 16) == token  # the same secret after a restart


def test_user_uttered_with_another_session_id_does_not_inject_into_that_conversation():
    """Old: user_uttered {"session_id": victim} wrote into the victim's conversation."""
    h = Harness()
    victim, _ = h.request_session(h.connect())
    attacker_sid = h.connect()
    h.request_session(attacker_sid)
    reply = h.utter(attacker_sid, {"message": "delete my data", "session_id": victim})
    assert reply and "error" in reply
    assert not h.received


@pytest.mark.parametrize("session_id", [12345, ["x"], "x" * 5000, {"a": 1}, True, ""])
def test_odd_session_ids_create_no_conversation(session_id):
    """Old: each of these became a tracker of its own (any type, any length)."""
    h = Harness()
    sid = h.connect()
    own, _ = h.request_session(sid)
    h.utter(sid, {"message": "hello", "session_id": session_id})
    assert [m.sender_id for m in h.received] in ([], [f"web:{own}"])
    assert all(m.sender_id == f"web:{own}" for m in h.received)


def test_a_socket_without_a_session_cannot_speak():
    h = Harness()
    sid = h.connect()
    assert "error" in h.utter(sid, {"message": "hello", "session_id": "ab" * 16})
    assert not h.received


def test_a_socket_speaks_as_its_own_namespaced_session_and_hears_it():
    h = Harness()
    sid = h.connect()
    own, _ = h.request_session(sid)
    assert h.utter(sid, {"message": "hello", "session_id": own}) is None
    h.utter(sid, {"message": "and again"})  # the id in the event is not needed at all
    assert [m.sender_id for m in h.received] == [f"web:{own}"] * 2
    assert all(m.input_channel == "socketio" for m in h.received)
    # Rasa replies to the sender id: that is the room this socket (and only it) is in.
    assert f"web:{own}" in h.sio.rooms(sid)


def test_a_resumed_session_is_the_same_conversation():
    h = Harness()
    own, token = h.request_session(h.connect())
    sid = h.connect()  # a page reload: new socket, same browser tab
    assert h.request_session(sid, {"session_id": own, "resume_token": token})[0] == own
    h.utter(sid, {"message": "still me"})
    assert h.received[-1].sender_id == f"web:{own}"


@pytest.mark.parametrize(
    "data", [None, "hello", ["hello"], {"message": 5}, {"message": None}, {"message": ["a"]}, {}]
)
def test_malformed_messages_are_refused_without_reaching_the_bot(data):
    h = Harness()
    sid = h.connect()
    h.request_session(sid)
    assert "error" in h.utter(sid, data)
    assert not h.received


@pytest.mark.parametrize(
    "metadata, kept",
    [
        ({"region": "GB"}, {"region": "GB"}),
        ('{"region": "GB"}', {"region": "GB"}),
        ("not json", {}),
        (["x"], {}),
        ({"blob": "x" * 5000}, {}),
        (None, {}),
    ],
)
def test_metadata_is_a_small_object_or_nothing(metadata, kept):
    h = Harness()
    sid = h.connect()
    h.request_session(sid)
    h.utter(sid, {"message": "hi", "metadata": metadata})
    assert h.received[-1].metadata == kept


def test_a_disconnected_socket_forgets_its_session():
    h = Harness()
    sid = h.connect()
    h.request_session(sid)
    asyncio.run(h.sio.handlers["/"]["disconnect"](sid))
    assert sid not in h.channel.socket_sessions
