"""``python -m bot purge``: delete raw tracker events older than the retention period.

    bot purge [--days N] [--tracker-db-url URL]
    bot scrub-review [--review-db-url URL]   once, after upgrading: categorical fields of
                                             older review rows into their fixed sets
    bot review-worker [--requeue-dead]       production: events from RabbitMQ, anonymised,
                                             into the review store (bot/privacy/review_worker.py)

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


def cmd_review_worker(args) -> int:
    import asyncio
    import logging

    from bot.lean_spacy import keep_tensorflow_out

    keep_tensorflow_out()  # the worker only anonymises: spaCy without TensorFlow
    from bot import settings
    from bot.privacy import review_worker

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    url = args.amqp_url or settings.RABBITMQ_URL.get()
    if not url:
        print("RABBITMQ_URL is not set (amqp://user:password@host:5672/vhost)")
        return 2
    queue = args.queue or settings.REVIEW_QUEUE.get()
    if args.requeue_dead:
        moved = asyncio.run(review_worker.requeue_dead(url, queue))
        print(f"Moved {moved} dead-lettered events back to {queue}.")
        return 0
    return review_worker.main(
        url, queue, args.review_db_url, prefetch=args.prefetch, max_attempts=args.max_attempts
    )


def register(subparsers) -> None:
    """Add ``purge``, ``scrub-review`` and ``review-worker`` to the ``bot`` command line."""
    w = subparsers.add_parser(
        "review-worker",
        help="write events from RabbitMQ, anonymised, to the review store (production)",
    )
    w.add_argument("--amqp-url", default=None, help="default: RABBITMQ_URL")
    w.add_argument("--queue", default=None, help="default: REVIEW_QUEUE (rasa_events)")
    w.add_argument("--review-db-url", default=None, help="SQLAlchemy URL (default: REVIEW_DB_URL)")
    w.add_argument("--prefetch", type=int, default=200, help="unacked events in hand (batch size)")
    w.add_argument(
        "--max-attempts",
        type=int,
        default=5,
        help="failures (with the database up) before an event goes to the dead-letter queue",
    )
    w.add_argument(
        "--requeue-dead",
        action="store_true",
        help="move the dead-letter queue's events back to the queue, then exit",
    )
    w.set_defaults(func=cmd_review_worker)
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
