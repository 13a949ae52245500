"""Export of anonymised transcripts (the list's current filters) as CSV or JSON Lines.

Rows are streamed in batches so a large export never sits in memory. Text is
exported exactly as stored (already anonymised); in CSV only, a cell that a
spreadsheet would run as a formula gets a leading apostrophe.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Iterator

from flask import Blueprint, Response, current_app, request, stream_with_context
from flask_login import login_required
from sqlalchemy import select

from bot.privacy.review_store import Conversation, Turn
from bot.review.audit import record
from bot.review.queries import ORDER_KEY, Filters, filter_conditions, split_csv

bp = Blueprint("exports", __name__)

BATCH = 200
CSV_COLUMNS = [
    "conversation_id", "pseudonym", "channel", "started_at", "crisis_flagged", "crisis_categories",
    "themes", "exercises_started", "exercises_completed", "reviewed",
    "turn_id", "timestamp", "speaker", "text", "intent", "confidence", "exercise", "crisis", "crisis_category",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def neutralise_formula(value):
    """Stop spreadsheets from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def conversations_with_turns(filters: Filters) -> Iterator[tuple[Conversation, list[Turn]]]:
    """Matching conversations in list order, each with its turns, in batches."""
    s = current_app.extensions["review_sessions"]()  # its own session: expunged per batch
    try:
        yield from _batches(s, filters)
    finally:
        s.close()


def _batches(s, filters: Filters) -> Iterator[tuple[Conversation, list[Turn]]]:
    ids = list(
        s.execute(
            select(Conversation.id).where(*filter_conditions(filters)).order_by(*(c.desc() for c in ORDER_KEY))
        ).scalars()
    )
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        convs = {c.id: c for c in s.execute(select(Conversation).where(Conversation.id.in_(chunk))).scalars()}
        turns: dict[int, list[Turn]] = {}
        stmt = select(Turn).where(Turn.conversation_id.in_(chunk)).order_by(Turn.timestamp, Turn.id)
        for turn in s.execute(stmt).scalars():
            turns.setdefault(turn.conversation_id, []).append(turn)
        for cid in chunk:
            if cid in convs:
                yield convs[cid], turns.get(cid, [])
        s.expunge_all()


def conversation_dict(conv: Conversation) -> dict:
    return {
        "conversation_id": conv.id,
        "pseudonym": conv.pseudonym,
        "channel": conv.channel,
        "started_at": _iso(conv.started_at),
        "last_event_at": _iso(conv.last_event_at),
        "crisis_flagged": bool(conv.crisis_flagged),
        "crisis_categories": split_csv(conv.crisis_categories),
        "themes": split_csv(conv.themes),
        "exercises_started": split_csv(conv.exercises_started),
        "exercises_completed": split_csv(conv.exercises_completed),
        "reviewed": bool(conv.reviewed),
    }


def turn_dict(turn: Turn) -> dict:
    return {
        "turn_id": turn.id,
        "timestamp": _iso(turn.timestamp),
        "speaker": turn.speaker,
        "text": turn.text,
        "intent": turn.intent,
        "confidence": turn.confidence,
        "exercise": turn.exercise,
        "crisis": bool(turn.crisis),
        "crisis_category": turn.crisis_category,
    }


def csv_lines(filters: Filters) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for conv, turns in conversations_with_turns(filters):
        c = conversation_dict(conv)
        for key in ("crisis_categories", "themes", "exercises_started", "exercises_completed"):
            c[key] = ",".join(c[key])
        for turn in turns:
            row = {**c, **turn_dict(turn)}
            writer.writerow([neutralise_formula(row[k]) for k in CSV_COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(filters: Filters) -> Iterator[str]:
    for conv, turns in conversations_with_turns(filters):
        obj = conversation_dict(conv)
        obj["turns"] = [turn_dict(t) for t in turns]
        yield json.dumps(obj, ensure_ascii=False) + "\n"


def _download(kind: str, generator, mimetype: str) -> Response:
    filters = Filters.from_args(request.args)
    record("export", detail=f"{kind}: {filters.describe()}")
    stamp = datetime.utcnow().strftime("%Y%m%d-%H%M%S")
    response = Response(stream_with_context(generator(filters)), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="review-export-{stamp}.{kind}"'
    return response


@bp.get("/export.csv")
@login_required
def export_csv():
    return _download("csv", csv_lines, "text/csv")


@bp.get("/export.jsonl")
@login_required
def export_jsonl():
    return _download("jsonl", jsonl_lines, "application/x-ndjson")
