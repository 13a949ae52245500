"""Export of anonymised transcripts (the list's current filters) as CSV or JSON Lines.

What a counsellor reads is what is exported: each exercise with how it ended
(``exercises``: completed, stopped, crisis, switched, abandoned, or empty while it runs;
``exercises_completed`` lists only those that reached their last step), the themes, the
button titles the bot offered and, for a button press, the title the person chose. Turns the
channel sent on its own (the widget's hidden ``/greet``) are not the person's and are left out.

Rows are streamed in batches so a large export never sits in memory. Text is
exported as stored (already anonymised) except that characters no file format
can carry (NUL and other control characters, lone surrogates) become U+FFFD, so
no content can break an export midway; in CSV only, a cell that a spreadsheet
would run as a formula gets a leading apostrophe.

Audit: ``export_started`` before the first byte; when it ends, ``export`` with its
outcome (``complete``, ``failed``, or ``interrupted`` when the client went away) and
one ``export_item`` row per conversation that left, so the audit page can answer
"who took this conversation out".
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from datetime import datetime
from typing import Iterator

from flask import Blueprint, Response, current_app, request, stream_with_context
from flask_login import current_user, login_required
from sqlalchemy import select

from bot.privacy.review_store import Conversation, ExerciseRun, Turn
from bot.review.audit import client_ip, record
from bot.review.models import AuditEntry
from bot.review.queries import ORDER_KEY, Filters, filter_conditions, split_csv

bp = Blueprint("exports", __name__)
logger = logging.getLogger(__name__)

BATCH = 200
CSV_COLUMNS = [
    "conversation_id",
    "pseudonym",
    "channel",
    "started_at",
    "crisis_flagged",
    "crisis_categories",
    "themes",
    "exercises_started",
    "exercises_completed",
    "exercise_outcomes",
    "reviewed",
    "turn_id",
    "timestamp",
    "speaker",
    "text",
    "intent",
    "confidence",
    "exercise",
    "crisis",
    "crisis_category",
    "kind",
    "buttons",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# C0 controls except tab, newline, carriage return; DEL and C1 controls; lone surrogates;
# the two non-characters U+FFFE/U+FFFF.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def safe_text(value):
    """A string every export format and encoding can carry (other values unchanged)."""
    if isinstance(value, str):
        return _UNSAFE.sub(REPLACEMENT, value)
    return value


def neutralise_formula(value):
    """Stop spreadsheets from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def conversations_with_turns(
    filters: Filters,
) -> Iterator[tuple[Conversation, list[Turn], list[ExerciseRun]]]:
    """Matching conversations in list order, each with its turns, in batches."""
    s = current_app.extensions["review_sessions"]()  # its own session: expunged per batch
    try:
        yield from _batches(s, filters)
    finally:
        s.close()


def _batches(s, filters: Filters) -> Iterator[tuple[Conversation, list[Turn], list[ExerciseRun]]]:
    ids = list(
        s.execute(
            select(Conversation.id)
            .where(*filter_conditions(filters))
            .order_by(*(c.desc() for c in ORDER_KEY))
        ).scalars()
    )
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        convs = {
            c.id: c
            for c in s.execute(select(Conversation).where(Conversation.id.in_(chunk))).scalars()
        }
        turns: dict[int, list[Turn]] = {}
        stmt = select(Turn).where(Turn.conversation_id.in_(chunk)).order_by(Turn.timestamp, Turn.id)
        for turn in s.execute(stmt).scalars():
            if turn.shown:
                turns.setdefault(turn.conversation_id, []).append(turn)
        runs: dict[int, list[ExerciseRun]] = {}
        stmt = select(ExerciseRun).where(ExerciseRun.conversation_id.in_(chunk))
        for run in s.execute(stmt.order_by(ExerciseRun.id)).scalars():
            runs.setdefault(run.conversation_id, []).append(run)
        for cid in chunk:
            if cid in convs:
                yield convs[cid], turns.get(cid, []), runs.get(cid, [])
        s.expunge_all()


def run_dict(run: ExerciseRun) -> dict:
    return {
        "exercise": run.exercise,
        "outcome": run.outcome,
        "started_at": _iso(run.started_at),
        "ended_at": _iso(run.ended_at),
    }


def conversation_dict(conv: Conversation, runs: list[ExerciseRun] = ()) -> dict:
    data = _safe(
        {
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
    )
    data["exercises"] = [run_dict(r) for r in runs]
    return data


def _safe(d: dict) -> dict:
    return {
        k: ([safe_text(x) for x in v] if isinstance(v, list) else safe_text(v))
        for k, v in d.items()
    }


def turn_dict(turn: Turn) -> dict:
    return _safe(
        {
            "turn_id": turn.id,
            "timestamp": _iso(turn.timestamp),
            "speaker": turn.speaker,
            "text": turn.text,
            "intent": turn.intent,
            "confidence": turn.confidence,
            "exercise": turn.exercise,
            "crisis": bool(turn.crisis),
            "crisis_category": turn.crisis_category,
            "kind": turn.kind if turn.speaker == "user" else None,
            "buttons": turn.button_titles,
        }
    )


class ExportLog:
    """Counts what left and writes the audit rows at the end (its own DB session)."""

    def __init__(self, kind: str, filters: Filters):
        self.kind, self.filters = kind, filters
        self.sent: list[int] = []
        self.counsellor_id = current_user.id
        self.email = current_user.email
        self.ip = client_ip()

    def finish(self, outcome: str) -> None:
        session = current_app.extensions["review_sessions"]()
        try:
            for cid in self.sent:
                session.add(self._row("export_item", cid, self.kind))
            session.add(
                self._row(
                    "export",
                    None,
                    f"{self.kind}: {self.filters.describe()}; {outcome}; {len(self.sent)} conversations",
                )
            )
            session.commit()
        except Exception:
            logger.exception("could not write the audit rows of an export")
        finally:
            session.close()

    def _row(self, action: str, cid, detail: str) -> AuditEntry:
        return AuditEntry(
            counsellor_id=self.counsellor_id,
            email=self.email,
            action=action,
            conversation_id=cid,
            detail=detail[:500],
            ip=self.ip,
        )


def audited(kind: str, filters: Filters, chunks) -> Iterator[str]:
    """Pass the chunks through; record the outcome and what was sent when it ends."""
    log = ExportLog(kind, filters)
    outcome = "failed"
    try:
        for cid, chunk in chunks(filters):
            yield chunk
            if cid is not None:
                log.sent.append(cid)
        outcome = "complete"
    except GeneratorExit:
        outcome = "interrupted"
        raise
    except Exception:
        logger.exception("an export failed midway")
        raise
    finally:
        log.finish(outcome)


def csv_lines(filters: Filters) -> Iterator[tuple[int | None, str]]:
    """(conversation id, CSV text) per conversation, after a header chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield None, buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    for conv, turns, runs in conversations_with_turns(filters):
        c = conversation_dict(conv, runs)
        for key in ("crisis_categories", "themes", "exercises_started", "exercises_completed"):
            c[key] = ",".join(c[key])
        c["exercise_outcomes"] = ",".join(
            f"{r['exercise']}:{r['outcome'] or 'running'}" for r in c.pop("exercises")
        )
        for turn in turns:
            row = {**c, **turn_dict(turn)}
            row["buttons"] = " | ".join(row["buttons"])
            writer.writerow([neutralise_formula(row[k]) for k in CSV_COLUMNS])
        yield conv.id, buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def jsonl_lines(filters: Filters) -> Iterator[tuple[int | None, str]]:
    for conv, turns, runs in conversations_with_turns(filters):
        obj = conversation_dict(conv, runs)
        obj["turns"] = [turn_dict(t) for t in turns]
        yield conv.id, json.dumps(obj, ensure_ascii=False) + "\n"


def _download(kind: str, generator, mimetype: str) -> Response:
    filters = Filters.from_args(request.args)
    # Written before the first byte: even a worker killed midway leaves a trace.
    record("export_started", detail=f"{kind}: {filters.describe()}")
    stamp = datetime.utcnow().strftime("%Y%m%d-%H%M%S")
    response = Response(stream_with_context(audited(kind, filters, generator)), mimetype=mimetype)
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
