"""The dashboard page: figures and server-drawn SVG charts with text alternatives."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import login_required

from bot.review.charts import bar_chart, column_chart
from bot.review.db import db
from bot.review.queries import pretty
from bot.review.stats import dashboard

bp = Blueprint("dashboard", __name__)

PERIODS = (7, 30, 90)


@bp.get("/dashboard")
@login_required
def show():
    days = request.args.get("days", 30, type=int)
    if days not in PERIODS:
        days = 30
    data = dashboard(db(), days=days)
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
            [(pretty(name), [n]) for name, n in data.themes],
        ),
        "exercises": bar_chart(
            "exercises",
            "Exercises started and completed",
            ["started", "completed"],
            [(pretty(name), [s, c]) for name, s, c in data.exercises],
        ),
    }
    return render_template(
        "dashboard.html",
        data=data,
        charts=charts,
        days=days,
        periods=PERIODS,
        theme_rows=[(pretty(name), n) for name, n in data.themes],
        exercise_rows=[(pretty(name), s, c) for name, s, c in data.exercises],
    )
