"""The review app factory: configuration, extensions, blueprints, security headers."""

from __future__ import annotations

import logging

from flask import Flask, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from bot.privacy import themes
from bot.review import audit, auth, conversations, dashboard, db, exports, marks
from bot.review.config import build_config
from bot.review.forms import CsrfOnlyForm
from bot.review.queries import exercise_name, outcome_words, pretty, split_csv

logger = logging.getLogger(__name__)
csrf = CSRFProtect()

# Only these endpoints are reachable signed out.
PUBLIC_ENDPOINTS = {"auth.login", "static"}

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(build_config(config))
    if app.config.get("REVIEW_TRUST_PROXY"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    app.jinja_env.autoescape = True  # also for templates not ending in .html
    csrf.init_app(app)
    db.init_app(app)
    auth.init_app(app)
    for module in (auth, conversations, audit, dashboard, exports, marks):
        app.register_blueprint(module.bp)

    @app.before_request
    def _require_login():
        auth.audit_foreign_session()
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if not current_user.is_authenticated:
            return redirect(
                url_for(
                    "auth.login", next=request.full_path if request.query_string else request.path
                )
            )
        return auth.check_session_age()

    @app.after_request
    def _security_headers(response):
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h["X-Frame-Options"] = "DENY"
        h["X-Content-Type-Options"] = "nosniff"
        h["Referrer-Policy"] = "no-referrer"
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        h["Cross-Origin-Opener-Policy"] = "same-origin"
        if request.endpoint != "static":
            h["Cache-Control"] = "no-store"  # anonymised, but still sensitive
        if app.config["SESSION_COOKIE_SECURE"]:
            h["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        return response

    @app.context_processor
    def _helpers():
        # formdata=None: the page must render without reading the request body (an error
        # page for a body that was too large would otherwise fail while rendering).
        return {
            "logout_form": CsrfOnlyForm(formdata=None),
            "pretty": pretty,
            "split_csv": split_csv,
            "theme_label": themes.label,
            "exercise_name": exercise_name,
            "outcome_words": outcome_words,
        }

    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        _audit_safely("csrf_failed", f"{request.method} {request.path}")
        return render_template(
            "error.html",
            code=400,
            message="The form had expired or was incomplete. "
            "Please go back, reload the page and try again.",
        ), 400

    limit_kb = int(app.config["MAX_CONTENT_LENGTH"] or 0) // 1024
    for code, message, audited in (
        (400, "The request was not understood.", False),
        (403, "This page is for administrators only.", True),
        (404, "There is nothing here.", False),
        (
            413,
            f"That was too much to send at once (the limit is {limit_kb} KB). A note holds up to "
            "4,000 characters: please shorten it and try again.",
            False,
        ),
        (500, "Something went wrong on our side.", False),
    ):
        app.register_error_handler(code, _error_page(code, message, audited))

    return app


def _audit_safely(action: str, detail: str) -> None:
    """Audit a refusal; a failing audit write must not turn the refusal into a 500."""
    try:
        audit.record(action, detail=detail)
    except Exception:
        logger.exception("could not audit a refused request")
        try:
            db.db().rollback()
        except Exception:
            pass


def _error_page(code: int, message: str, audited: bool = False):
    def handler(_error):
        if audited:
            _audit_safely("refused", f"{code} {request.method} {request.path}")
        return render_template("error.html", code=code, message=message), code

    return handler
