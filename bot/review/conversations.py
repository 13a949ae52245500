"""Conversation pages: the list, the transcript, and what a counsellor does there
(mark reviewed, tags, private notes). Opening a transcript writes an audit row."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.privacy.review_store import Conversation, Turn
from bot.review.audit import record
from bot.review.db import db
from bot.review.forms import CsrfOnlyForm, NoteForm, ReviewedForm, TagForm
from bot.review.models import MARK_LABELS, ConversationNote, ConversationTag, MarkKind, TurnMark
from bot.review.queries import Filters, list_page, runs_of, vocabulary

bp = Blueprint("conversations", __name__)

LIST_KEYS = ("from", "to", "theme", "exercise", "flagged", "reviewed", "tag", "after", "before")


def clean_back(raw: str | None) -> str:
    """Re-encode a list query string, keeping only known keys (it goes into links)."""
    pairs = [
        (k, v[:64]) for k, v in parse_qsl(raw or "", keep_blank_values=False) if k in LIST_KEYS
    ]
    return urlencode(pairs)


def _conversation_or_404(conversation_id: int) -> Conversation:
    conv = db().get(Conversation, conversation_id)
    if conv is None:
        abort(404)
    return conv


def _back_to_transcript(conversation_id: int, back: str | None):
    back = clean_back(back)
    return redirect(
        url_for("conversations.transcript", conversation_id=conversation_id, back=back or None)
    )


@bp.get("/")
@login_required
def home():
    return redirect(url_for("conversations.index"))


@bp.get("/conversations")
@login_required
def index():
    filters = Filters.from_args(request.args)
    page = list_page(
        db(),
        filters,
        size=current_app.config["REVIEW_PAGE_SIZE"],
        after=request.args.get("after", type=int),
        before=request.args.get("before", type=int),
    )
    ids = [c.id for c in page.rows]
    tags: dict[int, list[str]] = {}
    if ids:
        stmt = (
            select(ConversationTag.conversation_id, ConversationTag.label)
            .where(ConversationTag.conversation_id.in_(ids))
            .order_by(ConversationTag.label)
        )
        for cid, label in db().execute(stmt):
            tags.setdefault(cid, []).append(label)
    current_args = filters.as_args()
    for key in ("after", "before"):
        if request.args.get(key, type=int):
            current_args[key] = request.args[key]
    return render_template(
        "list.html",
        page=page,
        filters=filters,
        tags=tags,
        runs=runs_of(db(), ids),
        marked=_marked_crises(ids),
        vocab=vocabulary(db()),
        back=urlencode(current_args),
    )


@bp.get("/conversations/<int:conversation_id>")
@login_required
def transcript(conversation_id: int):
    conv = _conversation_or_404(conversation_id)
    record("open_conversation", conversation_id=conv.id)
    s = db()
    turns = [
        t
        for t in s.execute(
            select(Turn).where(Turn.conversation_id == conv.id).order_by(Turn.timestamp, Turn.id)
        ).scalars()
        if t.shown  # channel plumbing (the widget's hidden /greet) is not a message
    ]
    marks: dict[int, list[TurnMark]] = {}
    for mark in s.execute(
        select(TurnMark).where(TurnMark.conversation_id == conv.id).order_by(TurnMark.id)
    ).scalars():
        marks.setdefault(mark.turn_id, []).append(mark)
    tags = list(
        s.execute(
            select(ConversationTag)
            .where(ConversationTag.conversation_id == conv.id)
            .order_by(ConversationTag.label)
        ).scalars()
    )
    notes = list(
        s.execute(
            select(ConversationNote)
            .where(
                ConversationNote.conversation_id == conv.id,
                ConversationNote.author_id == current_user.id,
            )
            .order_by(ConversationNote.created)
        ).scalars()
    )
    back = clean_back(request.args.get("back"))
    from bot.review import teaching

    return render_template(
        "transcript.html",
        conv=conv,
        turns=turns,
        chosen=_chosen_titles(turns),
        runs=runs_of(s, [conv.id]).get(conv.id, []),
        marks=marks,
        mark_kinds=MarkKind,
        mark_labels=MARK_LABELS,
        crisis_categories=teaching.crisis_categories(),
        intents=teaching.intents(),
        tags=tags,
        notes=notes,
        back=back,
        reviewed_form=ReviewedForm(reviewed=not conv.reviewed, back=back),
        tag_form=TagForm(back=back),
        note_form=NoteForm(back=back),
        delete_form=CsrfOnlyForm(),
    )


def _chosen_titles(turns: list[Turn]) -> dict[int, str]:
    """bot turn id -> the title of the button the person chose next, if they chose one."""
    chosen: dict[int, str] = {}
    last_offer = None
    for turn in turns:
        if turn.speaker == "bot":
            if turn.button_titles:
                last_offer = turn
        else:
            if last_offer is not None and turn.kind == "button":
                chosen[last_offer.id] = turn.text
            last_offer = None
    return chosen


def _marked_crises(ids: list[int]) -> set[int]:
    """Conversations with a missed crisis marked by a counsellor."""
    if not ids:
        return set()
    stmt = select(TurnMark.conversation_id).where(
        TurnMark.conversation_id.in_(ids), TurnMark.kind == MarkKind.MISSED_CRISIS.value
    )
    return set(db().execute(stmt).scalars())


@bp.post("/conversations/<int:conversation_id>/reviewed")
@login_required
def mark_reviewed(conversation_id: int):
    conv = _conversation_or_404(conversation_id)
    form = ReviewedForm()
    if not form.validate_on_submit():
        abort(400)
    conv.reviewed = bool(form.reviewed.data)
    record("mark_reviewed" if conv.reviewed else "mark_unreviewed", conversation_id=conv.id)
    flash("Marked as reviewed." if conv.reviewed else "Marked as not reviewed.")
    return _back_to_transcript(conv.id, form.back.data)


@bp.post("/conversations/<int:conversation_id>/tags")
@login_required
def add_tag(conversation_id: int):
    conv = _conversation_or_404(conversation_id)
    form = TagForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return _back_to_transcript(conv.id, form.back.data)
    label = " ".join(form.label.data.split()).lower()
    s = db()
    s.add(ConversationTag(conversation_id=conv.id, label=label, author_id=current_user.id))
    try:
        s.commit()
        record("tag", conversation_id=conv.id, detail=label)
        flash(f"Tagged “{label}”.")
    except IntegrityError:
        s.rollback()
        flash(f"It already has the tag “{label}”.")
    return _back_to_transcript(conv.id, form.back.data)


@bp.post("/conversations/<int:conversation_id>/tags/<int:tag_id>/delete")
@login_required
def delete_tag(conversation_id: int, tag_id: int):
    form = CsrfOnlyForm()
    if not form.validate_on_submit():
        abort(400)
    s = db()
    tag = s.get(ConversationTag, tag_id)
    if tag is None or tag.conversation_id != conversation_id:
        abort(404)
    s.delete(tag)
    record("untag", conversation_id=conversation_id, detail=tag.label)
    flash(f"Removed the tag “{tag.label}”.")
    return _back_to_transcript(conversation_id, request.form.get("back"))


@bp.post("/conversations/<int:conversation_id>/notes")
@login_required
def add_note(conversation_id: int):
    conv = _conversation_or_404(conversation_id)
    form = NoteForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return _back_to_transcript(conv.id, form.back.data)
    s = db()
    s.add(
        ConversationNote(
            conversation_id=conv.id, author_id=current_user.id, body=form.body.data.strip()
        )
    )
    record("note", conversation_id=conv.id)
    flash("Note saved. Only you can see it.")
    return _back_to_transcript(conv.id, form.back.data)


@bp.post("/conversations/<int:conversation_id>/notes/<int:note_id>/delete")
@login_required
def delete_note(conversation_id: int, note_id: int):
    form = CsrfOnlyForm()
    if not form.validate_on_submit():
        abort(400)
    s = db()
    note = s.get(ConversationNote, note_id)
    # Someone else's note is "not found": private notes are not even acknowledged.
    if note is None or note.conversation_id != conversation_id or note.author_id != current_user.id:
        abort(404)
    s.delete(note)
    record("delete_note", conversation_id=conversation_id)
    flash("Note deleted.")
    return _back_to_transcript(conversation_id, request.form.get("back"))
