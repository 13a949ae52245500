"""Settings of the review app, from the environment with safe defaults.

Secure by default: the session cookie is ``Secure`` unless ``REVIEW_COOKIE_SECURE``
is explicitly set to a false value (plain-http development and tests). The
secret key comes from ``REVIEW_SECRET_KEY`` or from a file under ``var/secrets/``
(outside git) that is generated once with owner-only permissions.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot import settings
from bot.privacy.review_store import review_db_url

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SECRETS_DIR = ROOT / "var" / "secrets"
SECRET_FILE_NAME = "review_secret_key"

FALSE_WORDS = {"0", "false", "no", "off"}


def load_or_create_secret(secrets_dir: Path) -> str:
    """Read the stored secret key, creating it (mode 0600) on first use."""
    return settings.secret_file(SECRET_FILE_NAME, secrets_dir)


def settings_from_env() -> dict:
    """The app's configuration as read from the environment."""
    secrets_dir = settings.REVIEW_SECRETS_DIR.get()
    secret = settings.REVIEW_SECRET_KEY.get()
    return {
        "REVIEW_DB_URL": review_db_url(),
        "SECRET_KEY": secret,
        "REVIEW_SECRETS_DIR": str(secrets_dir),
        "SESSION_COOKIE_SECURE": settings.REVIEW_COOKIE_SECURE.get(),
        "REVIEW_TRUST_PROXY": settings.REVIEW_TRUST_PROXY.get(),
        # Sign out after this long without a request.
        "REVIEW_SESSION_IDLE_MINUTES": settings.REVIEW_SESSION_IDLE_MINUTES.get(),
        # Admin pages (the audit log) need a password sign-in at most this long ago.
        "REVIEW_ADMIN_FRESH_MINUTES": settings.REVIEW_ADMIN_FRESH_MINUTES.get(),
    }


DEFAULTS = {
    "SESSION_COOKIE_NAME": "review_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # The longest a sign-in lasts, however active (checked on every request; the cookie
    # itself is a browser-session cookie so that "strong" session protection works).
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),
    "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
    "WTF_CSRF_ENABLED": True,
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    # Flask-WTF's HTTPS Referer check would refuse every form: pages send
    # Referrer-Policy: no-referrer, so browsers send no Referer. The token and the
    # SameSite cookie protect the forms.
    "WTF_CSRF_SSL_STRICT": False,
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "REVIEW_PAGE_SIZE": 50,
    "REVIEW_PASSWORD_PROFILE": "default",  # "fast" only for tests
    # Login throttle (see throttle.py).
    "REVIEW_LOGIN_FREE_FAILURES": 3,
    "REVIEW_LOGIN_ACCOUNT_LOCK_AFTER": 10,
    "REVIEW_LOGIN_IP_LOCK_AFTER": 50,
    "REVIEW_LOGIN_LOCK_MINUTES": 15,
    "REVIEW_LOGIN_WINDOW_MINUTES": 60,
    "REVIEW_LOGIN_MAX_DELAY_SECONDS": 60,
    # Failures at one account from clients without its device cookie before those
    # clients are slowed too (never locked; see throttle.py).
    "REVIEW_LOGIN_ACCOUNT_WIDE_FREE_FAILURES": 20,
    "REVIEW_LOGIN_FAIL_SLEEP_MAX": 2.0,
}


def build_config(overrides: dict | None) -> dict:
    """Defaults, then the environment, then explicit overrides; fill in the secret."""
    config = dict(DEFAULTS)
    config.update(settings_from_env())
    if overrides:
        config.update(overrides)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = load_or_create_secret(Path(config["REVIEW_SECRETS_DIR"]))
    return config
