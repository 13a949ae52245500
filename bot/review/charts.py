"""Small server-side SVG charts (no JavaScript, nothing from a CDN).

Every label is escaped here; the result is returned as ``Markup`` so templates
insert it without ``|safe``. Colours come from classes styled in review.css.
Each chart carries a <title> and <desc> for screen readers; the dashboard also
shows the numbers as a table.
"""

from __future__ import annotations

import math
from typing import Sequence

from markupsafe import Markup, escape

WIDTH = 720


def nice_step(maximum: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` grid lines."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(factor * power, 1)
    return 10 * power  # pragma: no cover - loop always returns


def _fmt(value: float) -> str:
    return f"{value:g}"


def _open(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    return [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title" aria-describedby="{escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]


def column_chart(
    chart_id: str,
    title: str,
    points: Sequence[tuple[str, int]],
    unit: str = "conversations",
    alt: bool = False,
    height: int = 240,
) -> Markup:
    """Vertical bars over time (one per day); every few labels shown on the x axis."""
    left, right, top, bottom = 44, 12, 12, 42
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    maximum = max((v for _, v in points), default=0)
    step = nice_step(maximum)
    top_value = max(step * math.ceil(maximum / step), step)
    total = sum(v for _, v in points)
    desc = f"{len(points)} days, {total} {unit} in all, at most {maximum} on one day."
    parts = _open(chart_id, title, desc, height)
    tick = 0.0
    while tick <= top_value + 1e-9:
        y = top + plot_h - plot_h * tick / top_value
        parts.append(
            f'<line class="chart-grid" x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="chart-tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(tick)}</text>'
        )
        tick += step
    n = max(len(points), 1)
    slot = plot_w / n
    bar_w = max(slot * 0.7, 1)
    label_every = max(1, math.ceil(n / 8))
    css = "chart-bar chart-bar--alt" if alt else "chart-bar"
    for i, (label, value) in enumerate(points):
        x = left + i * slot + (slot - bar_w) / 2
        h = plot_h * value / top_value
        y = top + plot_h - h
        parts.append(
            f'<rect class="{css}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
            f"<title>{escape(label)}: {value}</title></rect>"
        )
        if i % label_every == 0:
            parts.append(
                f'<text class="chart-label" x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{escape(label[5:] if len(label) == 10 else label)}</text>'
            )
    parts.append(
        f'<line class="chart-axis" x1="{left}" x2="{WIDTH - right}" '
        f'y1="{top + plot_h}" y2="{top + plot_h}"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(
    chart_id: str,
    title: str,
    series_names: Sequence[str],
    rows: Sequence[tuple[str, Sequence[int]]],
) -> Markup:
    """Horizontal bars per category, one bar per series (e.g. started / completed)."""
    label_w, right, top = 190, 48, 8
    series = max(len(series_names), 1)
    bar_h, gap = 14, 10
    group_h = series * bar_h + gap
    legend_h = 22 if series > 1 else 0
    height = top + legend_h + max(len(rows), 1) * group_h + 8
    plot_w = WIDTH - label_w - right
    maximum = max((v for _, values in rows for v in values), default=0)
    scale = plot_w / maximum if maximum else 0
    summary = "; ".join(
        f"{label}: "
        + ", ".join(f"{name} {v}" for name, v in zip(series_names, values, strict=False))
        for label, values in rows
    )
    parts = _open(chart_id, title, summary or "No data.", height)
    if series > 1:
        for s, name in enumerate(series_names):
            x = label_w + s * 140
            parts.append(
                f'<rect class="chart-bar chart-series-{s}" x="{x}" y="{top}" width="12" height="12"/>'
                f'<text class="chart-label" x="{x + 18}" y="{top + 11}">{escape(name)}</text>'
            )
    for i, (label, values) in enumerate(rows):
        y0 = top + legend_h + i * group_h
        parts.append(
            f'<text class="chart-label" x="{label_w - 8}" y="{y0 + series * bar_h / 2 + 4:.1f}" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        for s, value in enumerate(values):
            w = value * scale
            y = y0 + s * bar_h
            parts.append(
                f'<rect class="chart-bar chart-series-{s}" x="{label_w}" y="{y}" '
                f'width="{w:.1f}" height="{bar_h - 2}"><title>{escape(label)}, '
                f"{escape(series_names[s])}: {value}</title></rect>"
                f'<text class="chart-value" x="{label_w + w + 4:.1f}" y="{y + bar_h - 3}">{value}</text>'
            )
    if not rows:
        parts.append(f'<text class="chart-label" x="{label_w}" y="{top + 14}">No data yet.</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
