"""Fixtures for the review app: a temporary SQLite review DB, accounts, a signed-in client."""

from __future__ import annotations

import pytest

from bot.privacy.review_store import make_engine, session_factory
from bot.review import accounts
from bot.review.app import create_app
from bot.review.models import init_review_app_db
from tests.review.helpers import ADMIN, COUNSELLOR, Clock, login


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'review.db'}"


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    init_review_app_db(engine)
    accounts.add(engine, *ADMIN, admin=True, profile="fast")
    accounts.add(engine, *COUNSELLOR, profile="fast")
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with session_factory(engine)() as s:
        yield s


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def app(engine, db_url, tmp_path, clock, sleeps):
    app = create_app(
        {
            "REVIEW_DB_URL": db_url,
            "REVIEW_ENGINE": engine,
            "SECRET_KEY": "test-secret-" + "x" * 40,
            "REVIEW_SECRETS_DIR": str(tmp_path / "secrets"),
            "SESSION_COOKIE_SECURE": False,  # the test client speaks plain http
            "REVIEW_PASSWORD_PROFILE": "fast",
            "REVIEW_CLOCK": clock,
            "REVIEW_SLEEP": sleeps.append,
            "REVIEW_PAGE_SIZE": 5,
            "TESTING": True,
        }
    )
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def admin_client(client):
    assert login(client, *ADMIN).status_code == 302
    return client


@pytest.fixture
def counsellor_client(client):
    assert login(client, *COUNSELLOR).status_code == 302
    return client
