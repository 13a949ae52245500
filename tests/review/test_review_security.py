"""Security of the review app: login wall, CSRF, cookies, headers, admin-only audit,
escaping of what people typed, no open redirect, sessions that really end."""

from __future__ import annotations

import os
import re
import stat
from datetime import datetime

import pytest
from sqlalchemy import inspect, select

from bot.privacy.review_store import Turn
from bot.review import accounts
from bot.review.app import create_app
from bot.review.models import AuditEntry, ConversationTag
from tests.review.helpers import ADMIN, COUNSELLOR, add_conversation, csrf_token, login

SCRIPT = "<script>alert(1)</script>"
SQL = "'); DROP TABLE review_turns;--"


def _urls(app, method: str) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if method not in rule.methods or rule.endpoint in ("static", "auth.login"):
            continue
        values = {arg: 1 for arg in rule.arguments}
        with app.test_request_context():
            from flask import url_for

            urls.append(url_for(rule.endpoint, **values))
    return urls


def test_every_page_redirects_to_login_when_signed_out(app, client, session):
    add_conversation(session, last=datetime(2026, 11, 1))
    urls = _urls(app, "GET") + [
        "/no-such-page",
        "/conversations?flagged=yes",
        "/export.csv?theme=x",
    ]
    assert {
        "/",
        "/conversations",
        "/conversations/1",
        "/dashboard",
        "/audit",
        "/export.csv",
        "/export.jsonl",
    } <= set(urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.headers["Location"].startswith("/login"), url
    assert client.get("/login").status_code == 200


def test_signed_out_posts_with_a_valid_token_still_go_to_login(app, client, session):
    add_conversation(session, last=datetime(2026, 11, 1))
    token = csrf_token(client)
    for url in _urls(app, "POST"):
        if url == "/logout":
            continue
        response = client.post(
            url, data={"csrf_token": token, "label": "x", "body": "x", "reviewed": "y"}
        )
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), (
            url
        )
    assert session.execute(select(ConversationTag)).first() is None


def test_every_form_without_csrf_token_is_refused(app, admin_client, session):
    conv = add_conversation(session, last=datetime(2026, 11, 1))
    posts = _urls(app, "POST")
    assert len(posts) >= 6
    for url in posts:
        response = admin_client.post(url, data={"label": "urgent", "body": "note", "reviewed": "y"})
        assert response.status_code == 400, url
    session.expire_all()
    assert session.execute(select(ConversationTag)).first() is None
    assert not session.get(type(conv), conv.id).reviewed
    # still signed in: the logout without a token was refused too
    assert admin_client.get("/conversations").status_code == 200


def test_a_wrong_csrf_token_is_refused_too(admin_client, session):
    conv = add_conversation(session, last=datetime(2026, 11, 1))
    response = admin_client.post(
        f"/conversations/{conv.id}/tags", data={"label": "x", "csrf_token": "forged"}
    )
    assert response.status_code == 400


def test_login_without_token_is_refused_and_signs_nobody_in(client):
    response = client.post("/login", data={"email": ADMIN[0], "password": ADMIN[1]})
    assert response.status_code == 400
    assert client.get("/conversations").status_code == 302


def _session_cookie_header(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("review_session=")]
    assert cookies, response.headers
    return cookies[-1]


def test_session_cookie_is_httponly_samesite_and_secure_by_default(
    engine, db_url, tmp_path, monkeypatch
):
    monkeypatch.delenv("REVIEW_COOKIE_SECURE", raising=False)
    app = create_app(
        {
            "REVIEW_DB_URL": db_url,
            "REVIEW_ENGINE": engine,
            "SECRET_KEY": "k" * 64,
            "REVIEW_PASSWORD_PROFILE": "fast",
            "REVIEW_SLEEP": lambda s: None,
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    client = app.test_client()
    cookie = _session_cookie_header(login(client, *ADMIN))
    parts = [p.strip().lower() for p in cookie.split(";")]
    assert "httponly" in parts and "secure" in parts
    assert "samesite=lax" in parts or "samesite=strict" in parts


def test_secure_flag_is_turned_off_only_explicitly(engine, db_url, monkeypatch, client):
    monkeypatch.setenv("REVIEW_COOKIE_SECURE", "")
    assert (
        create_app({"REVIEW_ENGINE": engine, "SECRET_KEY": "k" * 64}).config[
            "SESSION_COOKIE_SECURE"
        ]
        is True
    )
    monkeypatch.setenv("REVIEW_COOKIE_SECURE", "0")
    assert (
        create_app({"REVIEW_ENGINE": engine, "SECRET_KEY": "k" * 64}).config[
            "SESSION_COOKIE_SECURE"
        ]
        is False
    )
    # the test app (secure off) still marks the cookie HttpOnly and SameSite
    cookie = _session_cookie_header(login(client, *ADMIN)).lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_secret_key_is_generated_once_and_kept_private(engine, tmp_path, monkeypatch):
    monkeypatch.delenv("REVIEW_SECRET_KEY", raising=False)
    secrets_dir = tmp_path / "secrets"
    first = create_app({"REVIEW_ENGINE": engine, "REVIEW_SECRETS_DIR": str(secrets_dir)}).config[
        "SECRET_KEY"
    ]
    second = create_app({"REVIEW_ENGINE": engine, "REVIEW_SECRETS_DIR": str(secrets_dir)}).config[
        "SECRET_KEY"
    ]
    assert first == second and len(first) >= 64
    mode = stat.S_IMODE(os.stat(secrets_dir / "review_secret_key").st_mode)
    assert mode == 0o600


def test_security_headers(client, admin_client):
    for url in ("/login", "/conversations", "/dashboard"):
        h = client.get(url).headers
        assert h["X-Frame-Options"] == "DENY"
        assert h["Referrer-Policy"] == "no-referrer"
        assert h["X-Content-Type-Options"] == "nosniff"
        csp = h["Content-Security-Policy"]
        assert "script-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert h["Cache-Control"] == "no-store"


def test_pages_have_no_inline_script_or_external_assets(admin_client, session):
    add_conversation(session, last=datetime(2026, 11, 1), flagged=True)
    for url in ("/login", "/conversations", "/conversations/1", "/dashboard", "/audit"):
        html = admin_client.get(url).get_data(as_text=True)
        assert "<script" not in html, url
        assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', ""), url
        assert "https://" not in html, url


def test_counsellor_gets_403_on_audit_log(counsellor_client):
    response = counsellor_client.get("/audit")
    assert response.status_code == 403
    assert "administrators only" in response.get_data(as_text=True)


def test_admin_sees_who_opened_what(app, client, session):
    a = add_conversation(session, last=datetime(2026, 11, 1))
    b = add_conversation(session, last=datetime(2026, 11, 2))
    login(client, *COUNSELLOR)
    client.get(f"/conversations/{a.id}")
    client.post("/logout", data={"csrf_token": csrf_token(client, "/conversations")})
    login(client, *ADMIN)
    client.get(f"/conversations/{b.id}")
    html = client.get("/audit").get_data(as_text=True)
    assert "open_conversation" in html
    rows = session.execute(
        select(AuditEntry.email, AuditEntry.action, AuditEntry.conversation_id).order_by(
            AuditEntry.id
        )
    ).all()
    assert (COUNSELLOR[0], "open_conversation", a.id) in rows
    assert (ADMIN[0], "open_conversation", b.id) in rows
    assert (COUNSELLOR[0], "login", None) in rows and (COUNSELLOR[0], "logout", None) in rows
    # the page shows those rows: who, what, which conversation
    assert f"#{a.id}</a>" in html and COUNSELLOR[0] in html
    filtered = client.get(f"/audit?who={COUNSELLOR[0]}&action=open_conversation").get_data(
        as_text=True
    )
    assert f"#{a.id}</a>" in filtered and f"#{b.id}</a>" not in filtered


@pytest.mark.parametrize("typed", [SCRIPT, SQL, f"hey {SCRIPT} and {SQL}"])
def test_typed_script_or_sql_is_shown_as_text_and_stored_as_data(
    admin_client, session, engine, typed
):
    conv = add_conversation(session, last=datetime(2026, 11, 1), texts=[typed])
    html = admin_client.get(f"/conversations/{conv.id}").get_data(as_text=True)
    assert SCRIPT not in html
    if SCRIPT in typed:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    if SQL in typed:
        assert "&#39;); DROP TABLE review_turns;--" in html
    assert "review_turns" in inspect(engine).get_table_names()
    stored = session.execute(
        select(Turn.text).where(Turn.conversation_id == conv.id, Turn.speaker == "user")
    ).scalar_one()
    assert stored == typed


def test_script_and_sql_in_filters_tags_and_notes_stay_data(admin_client, session, engine):
    conv = add_conversation(session, last=datetime(2026, 11, 1))
    for query in (f"?tag={SQL}", f"?theme={SQL}", f"?exercise={SCRIPT}", f"?from={SQL}"):
        response = admin_client.get("/conversations" + query)
        assert response.status_code == 200
        assert SCRIPT not in response.get_data(as_text=True)
    token = csrf_token(admin_client, f"/conversations/{conv.id}")
    admin_client.post(f"/conversations/{conv.id}/tags", data={"label": SQL, "csrf_token": token})
    admin_client.post(f"/conversations/{conv.id}/tags", data={"label": SCRIPT, "csrf_token": token})
    admin_client.post(
        f"/conversations/{conv.id}/notes", data={"body": SCRIPT + SQL, "csrf_token": token}
    )
    for url in (f"/conversations/{conv.id}", "/conversations", "/audit"):
        html = admin_client.get(url).get_data(as_text=True)
        assert SCRIPT not in html, url
    assert "&lt;script&gt;" in admin_client.get(f"/conversations/{conv.id}").get_data(as_text=True)
    labels = set(session.execute(select(ConversationTag.label)).scalars())
    assert labels == {SQL.lower(), SCRIPT.lower()}
    assert {"review_turns", "review_conversations", "review_tags"} <= set(
        inspect(engine).get_table_names()
    )
    assert admin_client.get("/conversations?tag=" + SQL.lower()).status_code == 200


@pytest.mark.parametrize(
    "target",
    ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"],
)
def test_login_never_redirects_off_site(client, target):
    token = csrf_token(client)
    response = client.post(
        f"/login?next={target}", data={"email": ADMIN[0], "password": ADMIN[1], "csrf_token": token}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/conversations"


def test_login_follows_a_local_next(client):
    token = csrf_token(client)
    response = client.post(
        "/login?next=/dashboard%3Fdays%3D7",
        data={"email": ADMIN[0], "password": ADMIN[1], "csrf_token": token},
    )
    assert response.headers["Location"] == "/dashboard?days=7"


def test_signed_out_cookie_cannot_be_replayed(admin_client):
    old = admin_client.get_cookie("review_session").value
    admin_client.post("/logout", data={"csrf_token": csrf_token(admin_client, "/conversations")})
    assert admin_client.get("/conversations").status_code == 302
    admin_client.set_cookie("review_session", old)
    assert admin_client.get("/conversations").status_code == 302


def test_disabled_account_is_signed_out_and_cannot_sign_in(counsellor_client, engine):
    assert counsellor_client.get("/conversations").status_code == 200
    accounts.set_active(engine, COUNSELLOR[0], False)
    assert counsellor_client.get("/conversations").status_code == 302
    response = login(counsellor_client, *COUNSELLOR)
    assert response.status_code == 401
    assert counsellor_client.get("/conversations").status_code == 302


def test_password_change_ends_open_sessions(counsellor_client, engine):
    accounts.set_password(engine, COUNSELLOR[0], "a brand new password", profile="fast")
    assert counsellor_client.get("/conversations").status_code == 302
    assert login(counsellor_client, *COUNSELLOR).status_code == 401
    assert login(counsellor_client, COUNSELLOR[0], "a brand new password").status_code == 302


def test_passwords_are_stored_as_argon2_hashes(session):
    from bot.review.models import Counsellor

    user = session.execute(select(Counsellor).where(Counsellor.email == ADMIN[0])).scalar_one()
    assert user.password_hash.startswith("$argon2id$")
    assert ADMIN[1] not in user.password_hash


def test_forms_work_over_https_without_a_referer(engine, db_url):
    """Pages send no Referer (no-referrer), so the CSRF check must not demand one over HTTPS."""
    app = create_app(
        {
            "REVIEW_DB_URL": db_url,
            "REVIEW_ENGINE": engine,
            "SECRET_KEY": "k" * 64,
            "REVIEW_PASSWORD_PROFILE": "fast",
            "REVIEW_SLEEP": lambda s: None,
        }
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    client = app.test_client()
    page = client.get("/login", base_url="https://review.example.org")
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True)
    ).group(1)
    response = client.post(
        "/login",
        base_url="https://review.example.org",
        data={"email": ADMIN[0], "password": ADMIN[1], "csrf_token": token},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/conversations"
    listing = client.get("/conversations", base_url="https://review.example.org")
    assert listing.status_code == 200
    assert listing.headers["Strict-Transport-Security"].startswith("max-age=")
