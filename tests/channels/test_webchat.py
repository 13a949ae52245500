"""WebChatInput: Rasa's socket.io channel with session persistence that really joins the room."""

from __future__ import annotations

import asyncio
import warnings

import pytest
from rasa.core.channels.socketio import SocketIOInput

from bot.channels.webchat import WebChatInput


async def _noop(message):  # the bot itself is not needed to test the session handshake
    return None


def _connect(channel, on_new_message=_noop):
    channel.blueprint(on_new_message)
    sio = channel.sio
    sid = asyncio.run(sio.manager.connect("engine-io-sid", "/"))
    emitted = []

    async def emit(event, data=None, room=None, **kwargs):
        emitted.append((event, data, room))

    sio.emit = emit
    return sio, sid, emitted


def _credentials(**extra):
    return {
        "user_message_evt": "user_uttered",
        "bot_message_evt": "bot_uttered",
        "session_persistence": True,
        **extra,
    }


def _confirmed(emitted, sid):
    ((event, payload, room),) = emitted
    assert event == "session_confirm" and room == sid
    return payload["session_id"], payload["resume_token"]


def test_session_request_issues_a_session_joins_its_room_and_confirms():
    channel = WebChatInput.from_credentials(_credentials())
    sio, sid, emitted = _connect(channel)
    asyncio.run(sio.handlers["/"]["session_request"](sid, {}))
    session_id, token = _confirmed(emitted, sid)
    assert len(session_id) == 32 and len(token) == 64
    assert f"web:{session_id}" in sio.rooms(sid)  # replies to "web:<id>" reach this browser


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"session_id": None},
        {"session_id": 42},
        {"session_id": ""},
        {"session_id": "x" * 500},
        "not a dict",
        {"session_id": "a1b2c3"},
    ],
)
def test_missing_odd_or_unproven_session_ids_get_a_fresh_one(data):
    channel = WebChatInput.from_credentials(_credentials())
    sio, sid, emitted = _connect(channel)
    asyncio.run(sio.handlers["/"]["session_request"](sid, data))
    session_id, _ = _confirmed(emitted, sid)
    assert isinstance(session_id, str) and len(session_id) == 32
    assert session_id != "a1b2c3"
    assert f"web:{session_id}" in sio.rooms(sid)


def test_a_session_with_its_token_resumes():
    channel = WebChatInput.from_credentials(_credentials())
    sio, sid, emitted = _connect(channel)
    asyncio.run(sio.handlers["/"]["session_request"](sid, {}))
    session_id, token = _confirmed(emitted, sid)
    sid2 = asyncio.run(sio.manager.connect("engine-io-sid-2", "/"))
    emitted.clear()
    asyncio.run(
        sio.handlers["/"]["session_request"](
            sid2, {"session_id": session_id, "resume_token": token}
        )
    )
    assert _confirmed(emitted, sid2) == (session_id, token)


def test_without_persistence_every_request_gets_a_new_session():
    channel = WebChatInput.from_credentials(_credentials(session_persistence=False))
    sio, sid, emitted = _connect(channel)
    asyncio.run(sio.handlers["/"]["session_request"](sid, {}))
    session_id, token = _confirmed(emitted, sid)
    emitted.clear()
    asyncio.run(
        sio.handlers["/"]["session_request"](sid, {"session_id": session_id, "resume_token": token})
    )
    new_id, _ = _confirmed(emitted, sid)
    assert new_id != session_id
    assert f"web:{new_id}" in sio.rooms(sid) and f"web:{session_id}" not in sio.rooms(sid)


def test_allowed_origins_reach_engine_io():
    channel = WebChatInput.from_credentials(
        _credentials(cors_allowed_origins="https://example.org")
    )
    channel.blueprint(_noop)
    assert channel.sio.eio.cors_allowed_origins == ["https://example.org"]
    default = WebChatInput.from_credentials(_credentials())
    default.blueprint(_noop)
    assert default.sio.eio.cors_allowed_origins == []  # Rasa's default: no origin check


def test_stock_rasa_channel_still_has_the_bug_this_class_works_around():
    """If this fails, Rasa awaits enter_room itself and WebChatInput can go (RasaHQ/rasa#13027)."""
    channel = SocketIOInput.from_credentials(_credentials())
    sio, sid, _ = _connect(channel)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "coroutine ... was never awaited"
        asyncio.run(sio.handlers["/"]["session_request"](sid, {"session_id": "abc"}))
    assert "abc" not in sio.rooms(sid)
