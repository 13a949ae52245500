"""The audit trail: writing rows (logins, opened conversations, exports, reviews)
and the admin-only page that shows them."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from bot.review.db import db
from bot.review.models import AuditEntry, Counsellor

bp = Blueprint("audit", __name__)

PAGE_SIZE = 100


def client_ip() -> str | None:
    return request.remote_addr if request else None


def record(
    action: str,
    conversation_id: int | None = None,
    detail: str = "",
    counsellor: Counsellor | None = None,
    email: str | None = None,
    commit: bool = True,
) -> None:
    """Write one audit row (committed at once unless the caller commits with its own work)."""
    who = counsellor
    if who is None and current_user and current_user.is_authenticated:
        who = current_user
    session = db()
    session.add(
        AuditEntry(
            counsellor_id=who.id if who is not None else None,
            email=(email if email is not None else (who.email if who is not None else None)),
            action=action,
            conversation_id=conversation_id,
            detail=detail[:500],
            ip=client_ip(),
        )
    )
    if commit:
        session.commit()


def admin_required(view):
    """Admins only, and only with a recent sign-in (a fresh password, not an old cookie)."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        from bot.review.auth import REAUTH, is_fresh  # auth imports this module

        if not is_fresh():
            record("reauth_required", detail=request.path)
            flash(REAUTH)
            return redirect(
                url_for(
                    "auth.login",
                    reauth="1",
                    next=request.full_path if request.query_string else request.path,
                )
            )
        return view(*args, **kwargs)

    return wrapped


@bp.get("/audit")
@admin_required
def audit_log():
    before = request.args.get("before", type=int)
    action = request.args.get("action", "")[:32]
    who = request.args.get("who", "").strip().lower()[:254]
    conversation = request.args.get("conversation", type=int)
    stmt = select(AuditEntry).order_by(AuditEntry.id.desc())
    if before:
        stmt = stmt.where(AuditEntry.id < before)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if who:
        stmt = stmt.where(AuditEntry.email == who)
    if conversation:
        stmt = stmt.where(AuditEntry.conversation_id == conversation)
    rows = list(db().execute(stmt.limit(PAGE_SIZE + 1)).scalars())
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    actions = [
        a for (a,) in db().execute(select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    ]
    return render_template(
        "audit.html",
        rows=rows,
        next_before=rows[-1].id if more and rows else None,
        actions=actions,
        action=action,
        who=who,
        conversation=conversation or "",
    )
