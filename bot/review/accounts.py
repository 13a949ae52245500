"""Counsellor accounts: create, list, change password, enable or disable.

Used by the command line; kept apart from the web app so scripts need no Flask.
Every change is written to the audit log in the same transaction (who ran it: the
operating-system account, since the command line has no signed-in counsellor).
"""

from __future__ import annotations

import getpass
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.privacy.review_store import session_factory
from bot.review.models import AuditEntry, Counsellor, init_review_app_db, new_session_token
from bot.review.passwords import hash_password, make_hasher

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    pass


@dataclass
class AccountInfo:
    email: str
    is_admin: bool
    active: bool
    created: str
    last_login: str


def _operator() -> str:
    try:
        return getpass.getuser()[:64]
    except Exception:  # no login name (some containers)
        return "unknown"


def _audit(session, action: str, user: Counsellor) -> None:
    """The row names the account changed (``email``); nobody signed in did it, so no
    counsellor id: the detail says it came from the command line and who ran it."""
    session.add(
        AuditEntry(
            counsellor_id=None,
            email=user.email,
            action=action,
            detail=f"command line, run by {_operator()}",
            ip=None,
        )
    )


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    if len(email) > 254 or not EMAIL.match(email):
        raise AccountError(f"Not an e-mail address: {email!r}")
    return email


def add(
    engine: Engine, email: str, password: str, admin: bool = False, profile: str = "default"
) -> None:
    email = normalise_email(email)
    password_hash = hash_password(make_hasher(profile), password)  # checks the policy
    init_review_app_db(engine)
    with session_factory(engine)() as session:
        if session.execute(select(Counsellor).where(Counsellor.email == email)).first():
            raise AccountError(f"{email} already has an account.")
        user = Counsellor(email=email, password_hash=password_hash, is_admin=admin)
        session.add(user)
        session.flush()
        _audit(session, "account_created_admin" if admin else "account_created", user)
        session.commit()


def set_password(engine: Engine, email: str, password: str, profile: str = "default") -> None:
    """New password; every open session of that person ends."""
    email = normalise_email(email)
    password_hash = hash_password(make_hasher(profile), password)
    init_review_app_db(engine)
    with session_factory(engine)() as session:
        user = session.execute(
            select(Counsellor).where(Counsellor.email == email)
        ).scalar_one_or_none()
        if user is None:
            raise AccountError(f"No account for {email}.")
        user.password_hash = password_hash
        user.session_token = new_session_token()
        _audit(session, "password_changed", user)
        session.commit()


def set_active(engine: Engine, email: str, active: bool) -> None:
    email = normalise_email(email)
    init_review_app_db(engine)
    with session_factory(engine)() as session:
        user = session.execute(
            select(Counsellor).where(Counsellor.email == email)
        ).scalar_one_or_none()
        if user is None:
            raise AccountError(f"No account for {email}.")
        user.active = active
        user.session_token = new_session_token()
        _audit(session, "account_enabled" if active else "account_disabled", user)
        session.commit()


def list_accounts(engine: Engine) -> list[AccountInfo]:
    init_review_app_db(engine)
    with session_factory(engine)() as session:
        rows = session.execute(select(Counsellor).order_by(Counsellor.email)).scalars()
        return [
            AccountInfo(
                email=u.email,
                is_admin=bool(u.is_admin),
                active=bool(u.active),
                created=u.created.strftime("%Y-%m-%d %H:%M"),
                last_login=u.last_login.strftime("%Y-%m-%d %H:%M") if u.last_login else "never",
            )
            for u in rows
        ]
