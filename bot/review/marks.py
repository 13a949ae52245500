"""Counsellors teach the bot: marks on the person's turns, the "To teach" page, and the admin's
export of the marks as files the developers add to the project.

Rasa's method for improving an assistant is conversation-driven development: people read real
conversations and turn what went wrong into training data and tests. Here volunteers do it on the
anonymised copy. A mark says the bot missed a crisis (with its category), raised a false alarm,
misunderstood the message (with the intent it should have been), or replied well. Marks are
shared, audited, and withdrawn only by their author. A missed crisis puts the conversation at the
top of the list for follow-up, like a crisis the bot detected.

The export (teaching.py writes it) is what ``python -m eval.counsellor_marks`` reads.
"""

from __future__ import annotations

import io
from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.privacy.review_store import Conversation, Turn
from bot.review import teaching
from bot.review.audit import admin_required, record
from bot.review.conversations import clean_back
from bot.review.db import db
from bot.review.forms import CsrfOnlyForm, MarkForm
from bot.review.models import MARK_LABELS, MarkKind, TurnMark

bp = Blueprint("marks", __name__)

PAGE_SIZE = 50
NOT_YOURS = "Only the counsellor who made a mark can withdraw it."


def _back(conversation_id: int, back: str | None, turn_id: int | None = None):
    back = clean_back(back)
    url = url_for("conversations.transcript", conversation_id=conversation_id, back=back or None)
    return redirect(url + (f"#turn-{turn_id}" if turn_id else ""))


def check_mark(turn: Turn, kind: MarkKind, label: str | None) -> str | None:
    """Why this mark cannot be made on this turn (a sentence for the counsellor), or None."""
    if kind is MarkKind.MISSED_CRISIS:
        if turn.crisis:
            return (
                "The bot already showed help for this message. If it should not have, "
                "mark it as a false alarm."
            )
        if label not in teaching.crisis_categories():
            return "Please choose what kind of crisis the bot missed."
    elif kind is MarkKind.FALSE_ALARM:
        if not turn.crisis:
            return "The bot did not show help for this message, so there is no alarm to undo."
    elif kind is MarkKind.MISUNDERSTOOD:
        if label not in teaching.intents():
            return "Please choose what the message meant from the bot's list."
        if label == turn.intent:
            return "That is what the bot understood. Choose the intent it should have been."
    return None


def refresh_follow_up(conv: Conversation) -> None:
    """At the top of the list while the bot detected a crisis or a missed crisis is marked."""
    marked = (
        db()
        .execute(
            select(func.count())
            .select_from(TurnMark)
            .where(
                TurnMark.conversation_id == conv.id,
                TurnMark.kind == MarkKind.MISSED_CRISIS.value,
            )
        )
        .scalar_one()
    )
    conv.follow_up = bool(conv.crisis_flagged or marked)


@bp.post("/conversations/<int:conversation_id>/turns/<int:turn_id>/marks")
@login_required
def add(conversation_id: int, turn_id: int):
    s = db()
    turn = s.get(Turn, turn_id)
    if (
        turn is None
        or turn.conversation_id != conversation_id
        or turn.speaker != "user"
        or not turn.shown
    ):
        abort(404)
    form = MarkForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        kind = MarkKind(form.kind.data)
    except ValueError:
        abort(400)
    label = (form.label.data or "").strip() or None
    if kind in (MarkKind.FALSE_ALARM, MarkKind.GOOD_REPLY):
        label = None
    problem = check_mark(turn, kind, label)
    if problem:
        flash(problem, "error")
        return _back(conversation_id, form.back.data, turn_id)
    s.add(
        TurnMark(
            turn_id=turn.id,
            conversation_id=conversation_id,
            author_id=current_user.id,
            kind=kind.value,
            label=label,
        )
    )
    try:
        s.flush()
    except IntegrityError:
        s.rollback()
        flash(f"You have already marked this message as “{kind.label.lower()}”.", "error")
        return _back(conversation_id, form.back.data, turn_id)
    if kind is MarkKind.MISSED_CRISIS:
        refresh_follow_up(turn.conversation)
    detail = f"{kind.value} on turn {turn.id}" + (f": {label}" if label else "")
    record("mark", conversation_id=conversation_id, detail=detail)
    flash(f"Marked as “{kind.label.lower()}”. It is listed under To teach.")
    return _back(conversation_id, form.back.data, turn_id)


@bp.post("/conversations/<int:conversation_id>/marks/<int:mark_id>/withdraw")
@login_required
def withdraw(conversation_id: int, mark_id: int):
    form = CsrfOnlyForm()
    if not form.validate_on_submit():
        abort(400)
    s = db()
    mark = s.get(TurnMark, mark_id)
    if mark is None or mark.conversation_id != conversation_id:
        abort(404)
    if mark.author_id != current_user.id:
        record(
            "withdraw_mark_refused",
            conversation_id=conversation_id,
            detail=f"{mark.kind} mark {mark.id}",
        )
        return render_template("error.html", code=403, message=NOT_YOURS), 403
    conv = s.get(Conversation, conversation_id)
    kind, turn_id = MarkKind(mark.kind), mark.turn_id
    s.delete(mark)
    s.flush()
    if kind is MarkKind.MISSED_CRISIS and conv is not None:
        refresh_follow_up(conv)
    record(
        "withdraw_mark",
        conversation_id=conversation_id,
        detail=f"{kind.value} on turn {turn_id}" + (f": {mark.label}" if mark.label else ""),
    )
    flash(f"Withdrew your “{kind.label.lower()}” mark.")
    if request.form.get("from") == "teach":
        return redirect(url_for("marks.teach"))
    return _back(conversation_id, request.form.get("back"), turn_id)


@bp.get("/teach")
@login_required
def teach():
    kind = request.args.get("kind", "")
    kind = kind if kind in {k.value for k in MarkKind} else ""
    before = request.args.get("before", type=int)
    rows, next_before = teaching.page(db(), kind=kind or None, before=before, size=PAGE_SIZE)
    return render_template(
        "teach.html",
        rows=rows,
        counts=teaching.counts(db()),
        kinds=list(MarkKind),
        labels=MARK_LABELS,
        kind=kind,
        next_before=next_before,
        withdraw_form=CsrfOnlyForm(),
    )


@bp.get("/teach/export.zip")
@admin_required
def export():
    data, counts = teaching.export_zip(db(), now=datetime.utcnow())
    record(
        "teach_export",
        detail=", ".join(f"{k}={n}" for k, n in counts.items()),
    )
    stamp = datetime.utcnow().strftime("%Y%m%d-%H%M%S")
    return send_file(
        io.BytesIO(data),
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"counsellor-marks-{stamp}.zip",
    )
