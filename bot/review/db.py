"""One database session per request, closed when the request ends."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from bot.privacy.review_store import make_engine, session_factory
from bot.review.models import init_review_app_db


def init_app(app: Flask) -> None:
    engine = app.config.get("REVIEW_ENGINE") or make_engine(app.config["REVIEW_DB_URL"])
    init_review_app_db(engine)
    app.extensions["review_engine"] = engine
    app.extensions["review_sessions"] = session_factory(engine)

    @app.teardown_appcontext
    def _close(_exc):
        session = g.pop("review_db", None)
        if session is not None:
            session.close()


def db() -> Session:
    """The request's session (created on first use)."""
    if "review_db" not in g:
        g.review_db = current_app.extensions["review_sessions"]()
    return g.review_db
