"""Signing in and out: Flask-Login wiring, the login form and its throttle, and the
life of a session.

Sessions: the cookie is a browser-session cookie (not "permanent"), so Flask-Login's
"strong" protection really ends a session whose client address or User-Agent changed
(with a permanent session it only marks it "not fresh"). Every request checks two
clocks kept in the signed session: idle time (``REVIEW_SESSION_IDLE_MINUTES``) and
time since sign-in (``PERMANENT_SESSION_LIFETIME``); past either, the person is
signed out. Admin pages also need a sign-in within ``REVIEW_ADMIN_FRESH_MINUTES``.

Device cookie: a successful sign-in leaves a signed cookie naming the account and a
random device id; the throttle then counts that browser's attempts on its own key
instead of the account-wide one (see throttle.py), so other people's guesses never
hold the real person up.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import LoginManager, current_user, login_user, logout_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from bot.review import throttle
from bot.review.audit import client_ip, record
from bot.review.db import db
from bot.review.forms import CsrfOnlyForm, LoginForm
from bot.review.models import Counsellor, new_session_token
from bot.review.passwords import DummyVerifier, make_hasher, verify_password

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Please sign in to continue."
login_manager.session_protection = "strong"


def _session_identifier() -> str:
    """What a session is bound to: the client address and User-Agent.

    Flask-Login's own identifier trusts a client-sent X-Forwarded-For header, so a
    thief could claim the victim's address. This uses ``request.remote_addr``, which
    is the proxy's word only when ``REVIEW_TRUST_PROXY`` installs ProxyFix."""
    base = f"{request.remote_addr}|{request.headers.get('User-Agent', '')}"
    return hashlib.sha512(base.encode("utf-8", "replace")).hexdigest()


login_manager._session_identifier_generator = _session_identifier

WRONG = "That e-mail and password did not match an account. Please try again."
SLOW_DOWN = "Too many attempts. Please wait a little and try again."
EXPIRED = "Your session has ended (too long without activity, or signed in for too long). Please sign in again."
REAUTH = "Please sign in again to open this page."

DEVICE_COOKIE = "review_device"
DEVICE_SALT = "review-device"
DEVICE_DAYS = 90
AUTH_AT, SEEN_AT = "_review_auth_at", "_review_seen_at"


def init_app(app) -> None:
    login_manager.init_app(app)
    hasher = make_hasher(app.config["REVIEW_PASSWORD_PROFILE"])
    app.extensions["review_hasher"] = hasher
    app.extensions["review_dummy_verifier"] = DummyVerifier(hasher)
    app.config.setdefault("REVIEW_CLOCK", datetime.utcnow)
    app.config.setdefault("REVIEW_SLEEP", time.sleep)


def audit_foreign_session() -> None:
    """Audit a signed-in session cookie arriving from another client (address or
    User-Agent changed). Flask-Login's "strong" protection then drops the session;
    this only records it. Called before anything loads the user."""
    user_id = session.get("_user_id")
    if not user_id or session.get("_id") == login_manager._session_identifier_generator():
        return
    ident = str(user_id).partition(":")[0]
    try:
        record(
            "session_refused", detail=f"account id {ident[:12]}; {request.method} {request.path}"
        )
    except Exception:  # the refusal stands even if the audit write fails
        db().rollback()


def _now() -> float:
    return current_app.config["REVIEW_CLOCK"]().timestamp()


def check_session_age():
    """Sign out an idle or too old session (called before every signed-in request).

    Returns a redirect to the login page when the session ended, else None."""
    if not current_user.is_authenticated:
        return None
    config = current_app.config
    now = _now()
    auth_at, seen_at = session.get(AUTH_AT), session.get(SEEN_AT)
    idle = timedelta(minutes=config["REVIEW_SESSION_IDLE_MINUTES"]).total_seconds()
    lifetime = config["PERMANENT_SESSION_LIFETIME"]
    lifetime = lifetime.total_seconds() if isinstance(lifetime, timedelta) else float(lifetime)
    too_idle = not isinstance(seen_at, (int, float)) or now - seen_at > idle
    too_old = not isinstance(auth_at, (int, float)) or now - auth_at > lifetime
    if too_idle or too_old:
        record("session_expired", detail="idle" if too_idle else "lifetime")
        logout_user()
        session.clear()
        flash(EXPIRED)
        return redirect(
            url_for("auth.login", next=request.path if request.method == "GET" else None)
        )
    session[SEEN_AT] = now
    return None


def is_fresh() -> bool:
    """Signed in (with the password) recently enough for admin pages."""
    auth_at = session.get(AUTH_AT)
    fresh = timedelta(minutes=current_app.config["REVIEW_ADMIN_FRESH_MINUTES"]).total_seconds()
    return isinstance(auth_at, (int, float)) and _now() - auth_at <= fresh


def _device_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=DEVICE_SALT)


def _account_tag(email: str) -> str:
    """The account in the device cookie, keyed so the cookie does not show the e-mail."""
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, b"review-device:" + email.encode(), "sha256").hexdigest()[:32]


def device_id_for(email: str) -> str | None:
    """The device id in this browser's cookie, if it was set by a sign-in to ``email``."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        data = _device_serializer().loads(raw, max_age=DEVICE_DAYS * 86400)
    except BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("d"), str)
        or not hmac.compare_digest(str(data.get("a")), _account_tag(email))
    ):
        return None
    return data["d"]


def _set_device_cookie(response, email: str) -> None:
    value = _device_serializer().dumps({"a": _account_tag(email), "d": secrets.token_urlsafe(16)})
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_DAYS * 86400,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        path=url_for("auth.login"),
    )


@login_manager.user_loader
def load_user(user_id: str):
    """The cookie holds "id:session_token"; a rotated token ends that session."""
    ident, _, token = (user_id or "").partition(":")
    if not ident.isdigit() or not token:
        return None
    user = db().get(Counsellor, int(ident))
    if user is None or not user.active or not hmac.compare_digest(user.session_token, token):
        return None
    return user


def safe_next(target: str | None) -> str | None:
    """Only same-site paths are followed after login (no open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith(("//", "/\\"))
    ):
        return None
    return target


def _try_login(form: LoginForm):
    """Returns (counsellor or None, http status, error message)."""
    config = current_app.config
    policy = throttle.Policy.from_config(config)
    email = form.email.data.strip().lower()
    keys = throttle.keys_for(email, client_ip(), device_id_for(email))
    now = config["REVIEW_CLOCK"]()
    s = db()
    decision = throttle.check(s, keys, now, policy)
    if not decision.allowed:
        record("login_refused", email=email, detail="locked" if decision.locked else "delayed")
        return None, 429, SLOW_DOWN, decision.retry_after
    user = s.execute(select(Counsellor).where(Counsellor.email == email)).scalar_one_or_none()
    hasher = current_app.extensions["review_hasher"]
    password = form.password.data
    if user is not None:
        ok = verify_password(hasher, user.password_hash, password) and user.is_active
    else:
        current_app.extensions["review_dummy_verifier"].verify(password)
        ok = False
    if not ok:
        failures = throttle.record_failure(s, keys, now, policy)
        record("login_failed", email=email, detail=f"failures={failures}")
        config["REVIEW_SLEEP"](
            throttle.failure_sleep(failures, config["REVIEW_LOGIN_FAIL_SLEEP_MAX"])
        )
        return None, 401, WRONG, 0
    throttle.record_success(s, keys)
    throttle.forget_stale(s, now, policy)
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.last_login = now
    record("login", counsellor=user, commit=False)
    s.commit()
    return user, 200, None, 0


@bp.route("/login", methods=["GET", "POST"])
def login():
    reauth = request.args.get("reauth") == "1"
    if current_user.is_authenticated and not reauth:
        return redirect(url_for("conversations.index"))
    form = LoginForm()
    error, status, retry_after = None, 200, 0
    if request.method == "POST":
        if form.validate_on_submit():
            user, status, error, retry_after = _try_login(form)
            if user is not None:
                target = safe_next(request.args.get("next"))
                session.clear()  # no session fixation: start clean
                login_user(user)
                # Not permanent: a permanent session turns "strong" protection into "basic".
                session.permanent = False
                session[AUTH_AT] = session[SEEN_AT] = _now()
                response = redirect(target or url_for("conversations.index"))
                _set_device_cookie(response, user.email)
                return response
        else:
            error, status = "Please enter your e-mail and password.", 400
    response = current_app.make_response(render_template("login.html", form=form, error=error))
    response.status_code = status
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    return response


@bp.post("/logout")
def logout():
    form = CsrfOnlyForm()
    if form.validate_on_submit() and current_user.is_authenticated:
        user = db().get(Counsellor, current_user.id)
        user.session_token = new_session_token()  # ends this cookie everywhere
        record("logout", counsellor=user)
    logout_user()
    session.clear()
    flash("You are signed out.")
    return redirect(url_for("auth.login"))
