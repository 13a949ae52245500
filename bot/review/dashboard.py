"""The dashboard page: figures and server-drawn SVG charts with text alternatives."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import login_required

from bot.privacy import themes
from bot.review.charts import bar_chart, column_chart
from bot.review.db import db
from bot.review.queries import exercise_name
from bot.review.stats import dashboard
from bot.review.teaching import per_week

bp = Blueprint("dashboard", __name__)

PERIODS = (7, 30, 90)


@bp.get("/dashboard")
@login_required
def show():
    days = request.args.get("days", 30, type=int)
    if days not in PERIODS:
        days = 30
    data = dashboard(db(), days=days)
    weeks = per_week(db(), weeks=12)
    charts = {
        "per_day": column_chart("per-day", "Conversations a day", data.per_day),
        "crisis_per_day": column_chart(
            "crisis-per-day",
            "Crisis-flagged conversations a day",
            data.crisis_per_day,
            unit="crisis-flagged conversations",
            alt=True,
        ),
        "themes": bar_chart(
            "themes",
            "Conversations by theme",
            ["conversations"],
            [(themes.label(name), [n]) for name, n in data.themes],
        ),
        "exercises": bar_chart(
            "exercises",
            "Exercises started, completed and cut short by a crisis",
            ["started", "completed", "cut short by a crisis"],
            [(exercise_name(name), [s, c, k]) for name, s, c, k in data.exercises],
        ),
        "marks": bar_chart(
            "marks",
            "Missed crises and false alarms marked by counsellors, per week",
            ["missed crises", "false alarms"],
            [(f"week of {monday:%d %b}", [m, f]) for monday, m, f in weeks],
        ),
    }
    return render_template(
        "dashboard.html",
        data=data,
        charts=charts,
        days=days,
        periods=PERIODS,
        theme_rows=[(themes.label(name), n) for name, n in data.themes],
        exercise_rows=[(exercise_name(name), s, c, k) for name, s, c, k in data.exercises],
        mark_rows=[(monday.isoformat(), m, f) for monday, m, f in weeks],
    )
