"""Review app speed on a large store: 5,000 conversations (with turns) in a temporary
SQLite DB; median time to serve the list, page 2, page 50, a filtered page, the
dashboard and a transcript through Flask's test client (the whole request: login
check, queries, template). Also the SQL plan of the list query, to show the index.

    python -m bench review_list            (or: python -m bench.review_list --count 5000)
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from bench.report import table
from bot.privacy.review_store import make_engine
from bot.review import accounts, demo_data
from bot.review.app import create_app

NEXT = re.compile(r'rel="next" href="/conversations\?after=(\d+)')
EMAIL, PASSWORD = "bench@example.org", "bench password 123"


def timed(client, url: str, runs: int) -> tuple[float, int]:
    """Median milliseconds over ``runs`` requests (after one warm-up)."""
    client.get(url)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(response.data)


def cursor_for_page(client, page: int) -> int:
    """Follow 'Older' links to the cursor that opens page ``page`` (not timed)."""
    after = None
    for _ in range(page - 1):
        html = client.get("/conversations" + (f"?after={after}" if after else "")).get_data(
            as_text=True
        )
        after = int(NEXT.search(html).group(1))
    return after


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'review.db'}"
        engine = make_engine(url)
        start = time.perf_counter()
        ids = demo_data.seed(engine, args.count, seed=42)
        seed_s = time.perf_counter() - start
        with engine.connect() as conn:
            turns = conn.execute(text("SELECT count(*) FROM review_turns")).scalar_one()
            plan = " | ".join(
                row[-1]
                for row in conn.execute(
                    text(
                        "EXPLAIN QUERY PLAN SELECT id FROM review_conversations "
                        "ORDER BY follow_up DESC, last_event_at DESC, id DESC LIMIT 51"
                    )
                )
            )
        accounts.add(engine, EMAIL, PASSWORD, profile="fast")
        app = create_app(
            {
                "REVIEW_DB_URL": url,
                "REVIEW_ENGINE": engine,
                "SECRET_KEY": "bench-" + "k" * 40,
                "SESSION_COOKIE_SECURE": False,
                "WTF_CSRF_ENABLED": False,
                "REVIEW_SECRETS_DIR": tmp,
            }
        )
        client = app.test_client()
        assert client.post("/login", data={"email": EMAIL, "password": PASSWORD}).status_code == 302
        print(
            f"seeded {len(ids)} conversations, {turns} turns in {seed_s:.1f}s; page size "
            f"{app.config['REVIEW_PAGE_SIZE']}"
        )
        print(f"list query plan: {plan}")

        page50 = cursor_for_page(client, 50)
        page2 = cursor_for_page(client, 2)
        cases = [
            ("list, page 1", "/conversations"),
            ("list, page 2", f"/conversations?after={page2}"),
            ("list, page 50", f"/conversations?after={page50}"),
            (
                "filtered (not flagged, not reviewed, theme)",
                "/conversations?flagged=no&reviewed=no&theme=self_compassion",
            ),
            (
                "filtered by date range",
                "/conversations?from=2000-01-01&to=2100-01-01&exercise=kind_letter",
            ),
            ("transcript", f"/conversations/{ids[len(ids) // 2]}"),
            ("dashboard (30 days)", "/dashboard"),
        ]
        rows = []
        for name, path in cases:
            median_ms, size = timed(client, path, args.runs)
            rows.append({"request": name, "median ms": median_ms, "KiB": round(size / 1024, 1)})
        print(table(rows, ["request", "median ms", "KiB"]))
        html = client.get(f"/conversations?after={page50}").get_data(as_text=True)
        shown = re.search(r"Showing ([\d–]+) of (\d+)", html)
        print(f"page 50 shows {shown.group(1)} of {shown.group(2)}; medians of {args.runs} runs")
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
