"""``python -m bot purge``: delete raw tracker events older than the retention period.

    bot purge [--days N] [--tracker-db-url URL]
    bot scrub-review [--review-db-url URL]   once, after upgrading: categorical fields of
                                             older review rows into their fixed sets

Default days: RETENTION_DAYS (30). Default database: TRACKER_DB_URL or var/tracker.db
(the file endpoints.yml's tracker store uses). The running service does the same once a
day; this command is for cron or a manual clean-up.
"""

from __future__ import annotations


def cmd_purge(args) -> int:
    from bot.privacy import retention

    days = retention.retention_days(args.days)
    if days < 0:
        print("--days must be 0 or more")
        return 2
    url = retention.tracker_db_url(args.tracker_db_url)
    if url.startswith("sqlite:///"):
        from pathlib import Path

        if not Path(url[len("sqlite:///") :]).exists():
            print(f"No tracker database at {url[len('sqlite:///') :]}; nothing to purge.")
            return 0
    count = retention.purge_tracker_events(url, days)
    print(f"Purged {count} tracker events older than {days:g} days.")
    return 0


def cmd_scrub_review(args) -> int:
    from bot.privacy import retention

    count = retention.scrub_review_categories(args.review_db_url)
    print(f"Scrubbed {count} review rows.")
    return 0


def register(subparsers) -> None:
    """Add ``purge`` and ``scrub-review`` to the ``bot`` command line."""
    s = subparsers.add_parser(
        "scrub-review", help="replace unknown categorical values in the review store by 'other'"
    )
    s.add_argument(
        "--review-db-url",
        default=None,
        help="SQLAlchemy URL (default: REVIEW_DB_URL or var/review.db)",
    )
    s.set_defaults(func=cmd_scrub_review)
    p = subparsers.add_parser(
        "purge", help="delete raw conversation events older than the retention period"
    )
    p.add_argument(
        "--days", type=float, default=None, help="retention in days (default: RETENTION_DAYS or 30)"
    )
    p.add_argument(
        "--tracker-db-url",
        default=None,
        help="SQLAlchemy URL (default: TRACKER_DB_URL or var/tracker.db)",
    )
    p.set_defaults(func=cmd_purge)
