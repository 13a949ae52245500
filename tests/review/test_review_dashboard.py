"""Dashboard figures and the server-drawn SVG charts (escaped, accessible)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from bot.review.charts import bar_chart, column_chart, nice_step
from bot.review.stats import dashboard
from tests.review.helpers import add_conversation

TODAY = date(2026, 11, 27)


def _at(days_ago: int) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), datetime.min.time()) + timedelta(
        hours=12
    )


def test_figures_per_day_theme_exercise_and_crisis(session):
    add_conversation(
        session,
        last=_at(0),
        themes="safe_haven,self_compassion",
        started="self_compassion_form",
        completed="self_compassion_form",
    )
    add_conversation(
        session,
        last=_at(0),
        flagged=True,
        categories="self_harm",
        themes="self_compassion",
        started="self_compassion_form",
        outcomes={"self_compassion_form": "crisis"},
    )
    add_conversation(session, last=_at(2), themes="decisions", started="decision_form")
    add_conversation(
        session,
        last=_at(3),
        flagged=True,
        categories="suicidal",
        themes="crisis,greet",  # an intent in an old row is never shown as a theme
        started="grounding_form",
        outcomes={"grounding_form": "crisis"},
    )
    add_conversation(session, last=_at(40), themes="safe_haven")  # outside the 30 days
    d = dashboard(session, days=30, today=TODAY)
    assert (
        len(d.per_day) == 30
        and d.per_day[-1] == ("2026-11-27", 2)
        and d.per_day[-3] == ("2026-11-25", 1)
    )
    assert d.crisis_per_day[-1] == ("2026-11-27", 1) and sum(n for _, n in d.crisis_per_day) == 2
    assert dict(d.themes) == {"self_compassion": 2, "safe_haven": 1, "decisions": 1, "crisis": 1}
    # (name, started, completed, cut short by a crisis): a crisis is never a completion
    assert d.exercises == [
        ("self_compassion_form", 2, 1, 1),
        ("decision_form", 1, 0, 0),
        ("grounding_form", 1, 0, 1),
    ]
    assert d.crisis_categories == [("self_harm", 1), ("suicidal", 1)]
    assert (d.total, d.flagged, d.flagged_unreviewed) == (4, 2, 2)


def test_dashboard_page_draws_five_accessible_charts(admin_client, session):
    now = datetime.utcnow()
    add_conversation(
        session,
        last=now,
        themes="safe_haven",
        started="safe_haven_form",
        completed="safe_haven_form",
    )
    add_conversation(session, last=now, flagged=True, categories="self_harm")
    html = admin_client.get("/dashboard").get_data(as_text=True)
    assert html.count("<svg") == 5
    assert html.count('role="img"') == 5
    for title in (
        "Conversations a day",
        "Crisis-flagged conversations a day",
        "Conversations by theme",
        "Exercises started, completed and cut short by a crisis",
        "Missed crises and false alarms marked by counsellors, per week",
    ):
        assert f">{title}</title>" in html
    assert html.count("<desc") == 5 and "as a table</summary>" in html
    assert "<td>safe haven</td>" in html
    assert admin_client.get("/dashboard?days=7").status_code == 200
    assert admin_client.get("/dashboard?days=999").status_code == 200  # falls back to 30


def test_charts_escape_labels():
    svg = str(bar_chart("t", "<b>title</b>", ["a<s>"], [("<script>alert(1)</script>", [3])]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;title" in svg
    col = str(column_chart("c", "x", [("<i>", 1)]))
    assert "<i>" not in col


def test_column_heights_are_proportional():
    svg = str(column_chart("c", "x", [("2026-11-01", 10), ("2026-11-02", 5), ("2026-11-03", 0)]))
    heights = [float(h) for h in re.findall(r'<rect class="chart-bar" [^>]*height="([\d.]+)"', svg)]
    assert heights[0] == 2 * heights[1] and heights[2] == 0


def test_empty_data_draws_without_error():
    assert "No data yet." in str(bar_chart("e", "empty", ["n"], []))
    assert "<svg" in str(column_chart("e", "empty", []))


def test_nice_steps():
    assert [nice_step(m) for m in (0, 3, 10, 37, 1000)] == [1, 1, 5, 10, 500]
    assert nice_step(4) == 1 and nice_step(40) == 10 and nice_step(400) == 100
