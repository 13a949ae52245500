"""Signing in and out: Flask-Login wiring, the login form and its throttle."""
from __future__ import annotations

import hmac
import time
from datetime import datetime
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import LoginManager, current_user, login_user, logout_user
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

WRONG = "That e-mail and password did not match an account. Please try again."
SLOW_DOWN = "Too many attempts. Please wait a little and try again."


def init_app(app) -> None:
    login_manager.init_app(app)
    hasher = make_hasher(app.config["REVIEW_PASSWORD_PROFILE"])
    app.extensions["review_hasher"] = hasher
    app.extensions["review_dummy_verifier"] = DummyVerifier(hasher)
    app.config.setdefault("REVIEW_CLOCK", datetime.utcnow)
    app.config.setdefault("REVIEW_SLEEP", time.sleep)


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
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    return target


def _try_login(form: LoginForm):
    """Returns (counsellor or None, http status, error message)."""
    config = current_app.config
    policy = throttle.Policy.from_config(config)
    email = form.email.data.strip().lower()
    keys = [throttle.account_key(email), throttle.ip_key(client_ip())]
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
        config["REVIEW_SLEEP"](throttle.failure_sleep(failures, config["REVIEW_LOGIN_FAIL_SLEEP_MAX"]))
        return None, 401, WRONG, 0
    throttle.record_success(s, keys[0])
    throttle.forget_stale(s, now, policy)
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.last_login = now
    record("login", counsellor=user, commit=False)
    s.commit()
    return user, 200, None, 0


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
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
                session.permanent = True
                return redirect(target or url_for("conversations.index"))
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
