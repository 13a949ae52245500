"""Exports: CSV that parses, JSON Lines with one object per line, filters respected,
content exactly as stored (already anonymised), downloads as attachments."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest
from sqlalchemy import select

from bot.privacy.review_store import Turn
from bot.review.exports import CSV_COLUMNS
from bot.review.models import AuditEntry
from tests.review.helpers import add_conversation

TRICKY = [
    'my sister [NAME] said "call [PHONE]", then left',
    "line one\nline two, with a comma",
    "emoji 💛 and ünïcödé and 日本語",
    "<script>alert(1)</script>",
]


@pytest.fixture
def data(session):
    flagged = add_conversation(
        session,
        last=datetime(2026, 11, 3),
        flagged=True,
        categories="self_harm",
        texts=TRICKY,
        themes="self_compassion",
        started="kind_letter",
    )
    calm = add_conversation(
        session,
        last=datetime(2026, 11, 2),
        texts=["just tired, at [ORG] all day"],
        themes="decision_making",
    )
    formula = add_conversation(
        session, last=datetime(2026, 11, 1), texts=['=HYPERLINK("x")', "-_-", "+1 thanks"]
    )
    return flagged, calm, formula


def _stored(session, ids):
    rows = session.execute(
        select(Turn).where(Turn.conversation_id.in_(ids)).order_by(Turn.id)
    ).scalars()
    return [(t.conversation_id, t.speaker, t.text) for t in rows]


def test_csv_parses_and_holds_every_turn_as_stored(admin_client, data, session):
    flagged, calm, formula = data
    response = admin_client.get("/export.csv?flagged=yes")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="review-export-'
    )
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0].keys()) == CSV_COLUMNS
    got = [(int(r["conversation_id"]), r["speaker"], r["text"]) for r in rows]
    assert got == _stored(session, [flagged.id])
    assert rows[0]["crisis_flagged"] == "True" and rows[0]["crisis_categories"] == "self_harm"


def test_csv_all_conversations_in_list_order(admin_client, data, session):
    flagged, calm, formula = data
    rows = list(csv.DictReader(io.StringIO(admin_client.get("/export.csv").get_data(as_text=True))))
    order = list(dict.fromkeys(int(r["conversation_id"]) for r in rows))
    assert order == [flagged.id, calm.id, formula.id]
    assert len(rows) == len(_stored(session, [flagged.id, calm.id, formula.id]))


def test_csv_cells_cannot_run_as_spreadsheet_formulas(admin_client, data):
    rows = list(csv.DictReader(io.StringIO(admin_client.get("/export.csv").get_data(as_text=True))))
    texts = {r["text"] for r in rows}
    assert '\'=HYPERLINK("x")' in texts and "'-_-" in texts and "'+1 thanks" in texts
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)


def test_jsonl_one_object_per_line_exactly_as_stored(admin_client, data, session):
    flagged, calm, formula = data
    response = admin_client.get("/export.jsonl")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    lines = response.get_data(as_text=True).splitlines()
    assert len(lines) == 3
    objects = [json.loads(line) for line in lines]
    assert [o["conversation_id"] for o in objects] == [flagged.id, calm.id, formula.id]
    got = [(o["conversation_id"], t["speaker"], t["text"]) for o in objects for t in o["turns"]]
    assert sorted(got) == sorted(_stored(session, [flagged.id, calm.id, formula.id]))
    assert objects[2]["turns"][0]["text"] == '=HYPERLINK("x")'  # JSON keeps the exact text
    assert objects[0]["themes"] == ["self_compassion"] and objects[0]["crisis_flagged"] is True
    assert set(objects[0]["turns"][0]) >= {
        "timestamp",
        "speaker",
        "text",
        "intent",
        "confidence",
        "exercise",
        "crisis",
    }


def test_exports_respect_filters(admin_client, data):
    flagged, calm, formula = data
    one = (
        admin_client.get("/export.jsonl?theme=decision_making").get_data(as_text=True).splitlines()
    )
    assert [json.loads(x)["conversation_id"] for x in one] == [calm.id]
    none = admin_client.get("/export.jsonl?theme=nothing").get_data(as_text=True)
    assert none == ""
    header_only = admin_client.get("/export.csv?theme=nothing").get_data(as_text=True).splitlines()
    assert header_only == [",".join(CSV_COLUMNS)]


def test_list_export_links_carry_the_filters(admin_client, data):
    html = admin_client.get("/conversations?flagged=yes&theme=self_compassion").get_data(
        as_text=True
    )
    assert (
        "/export.csv?flagged=yes&amp;theme=self_compassion" in html
        or "/export.csv?theme=self_compassion&amp;flagged=yes" in html
    )
    assert "/export.jsonl?" in html


def test_exports_are_audited(admin_client, data, session):
    admin_client.get("/export.csv?flagged=yes").get_data()
    detail = session.execute(
        select(AuditEntry.detail).where(AuditEntry.action == "export")
    ).scalar_one()
    assert detail == "csv: flagged=yes; complete; 1 conversations"


def test_large_export_streams_in_batches(admin_client, engine):
    from bot.review import demo_data

    ids = demo_data.seed(engine, 450, seed=3)
    lines = admin_client.get("/export.jsonl").get_data(as_text=True).splitlines()
    assert len(lines) == 450
    assert sorted(json.loads(x)["conversation_id"] for x in lines) == sorted(ids)
