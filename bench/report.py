"""Small helpers to print benchmark figures as aligned tables."""

from __future__ import annotations

import math
from typing import Iterable, Sequence


def percentile(values: Sequence[float], pct: float) -> float:
    """The pct-th percentile by the nearest-rank method (no interpolation surprises)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def table(rows: Iterable[dict], columns: Sequence[str]) -> str:
    rows = list(rows)
    cells = [[_fmt(row.get(c, "")) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=False))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths, strict=False)) for r in cells]
    return "\n".join(lines)
