"""The review app factory: configuration, extensions, blueprints, security headers."""
from __future__ import annotations

from flask import Flask, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from bot.review import audit, auth, conversations, dashboard, db, exports
from bot.review.config import build_config
from bot.review.forms import CsrfOnlyForm
from bot.review.queries import pretty, split_csv

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
    for module in (auth, conversations, audit, dashboard, exports):
        app.register_blueprint(module.bp)

    @app.before_request
    def _require_login():
        if request.endpoint in PUBLIC_ENDPOINTS:
            return None
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))
        return None

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
        return {"logout_form": CsrfOnlyForm(), "pretty": pretty, "split_csv": split_csv}

    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return render_template("error.html", code=400, message="The form had expired or was incomplete. "
                               "Please go back, reload the page and try again."), 400

    for code, message in (
        (400, "The request was not understood."),
        (403, "This page is for administrators only."),
        (404, "There is nothing here."),
        (413, "That was too much to send at once."),
        (500, "Something went wrong on our side."),
    ):
        app.register_error_handler(code, _error_page(code, message))

    return app


def _error_page(code: int, message: str):
    def handler(_error):
        return render_template("error.html", code=code, message=message), code

    return handler
