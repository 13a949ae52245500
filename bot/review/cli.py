"""Command line of the review app, plugged into ``python -m bot``:

bot counsellor add EMAIL [--admin]     password from a prompt, or REVIEW_PASSWORD
bot counsellor list
bot counsellor passwd EMAIL
bot counsellor disable|enable EMAIL
bot review-app [--host H] [--port P]   serve the app
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bot import settings
from bot.privacy.review_store import make_engine
from bot.review import accounts
from bot.review.passwords import MIN_LENGTH, PasswordPolicyError


def _read_password(confirm: bool = True) -> str:
    """REVIEW_PASSWORD for scripts; otherwise ask twice without echo."""
    env = settings.REVIEW_PASSWORD.get()
    if env:
        return env
    first = getpass.getpass(f"Password (at least {MIN_LENGTH} characters): ")
    if confirm and getpass.getpass("Same password again: ") != first:
        raise accounts.AccountError("The two passwords differ.")
    return first


def _engine(args):
    return make_engine(args.db_url)


def cmd_add(args) -> int:
    accounts.add(_engine(args), args.email, _read_password(), admin=args.admin)
    role = "admin" if args.admin else "counsellor"
    print(f"Added {role} {accounts.normalise_email(args.email)}.")
    return 0


def cmd_list(args) -> int:
    rows = accounts.list_accounts(_engine(args))
    if not rows:
        print("No counsellor accounts yet. Add one: python -m bot counsellor add EMAIL --admin")
    for a in rows:
        flags = ("admin" if a.is_admin else "counsellor") + ("" if a.active else ", disabled")
        print(f"{a.email}\t{flags}\tcreated {a.created}\tlast login {a.last_login}")
    return 0


def cmd_passwd(args) -> int:
    accounts.set_password(_engine(args), args.email, _read_password())
    print(
        f"Password changed for {accounts.normalise_email(args.email)}; their sessions are signed out."
    )
    return 0


def cmd_active(args) -> int:
    accounts.set_active(_engine(args), args.email, args.counsellor_command == "enable")
    print(f"{accounts.normalise_email(args.email)} {args.counsellor_command}d.")
    return 0


def cmd_serve(args) -> int:
    from bot.review.serve import serve

    return serve(
        host=args.host, port=args.port, insecure_cookie=args.insecure_cookie, threads=args.threads
    )


def _guard(func):
    """Turn expected errors into a message and exit code 1, not a traceback."""

    def run(args) -> int:
        try:
            return func(args)
        except (accounts.AccountError, PasswordPolicyError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1

    return run


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=settings.REVIEW_HOST.get())
    parser.add_argument("--port", type=int, default=settings.REVIEW_PORT.get())
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--insecure-cookie",
        action="store_true",
        help="send the session cookie over plain http (local development only)",
    )


def register(subparsers) -> None:
    """Add ``counsellor`` and ``review-app`` to the ``bot`` command line."""
    c = subparsers.add_parser("counsellor", help="manage counsellor accounts of the review app")
    c.add_argument(
        "--db-url", default=None, help="review DB (default: REVIEW_DB_URL or var/review.db)"
    )
    sub = c.add_subparsers(dest="counsellor_command", metavar="{add,list,passwd,disable,enable}")
    sub.required = True
    add = sub.add_parser(
        "add", help="create an account (password from a prompt or REVIEW_PASSWORD)"
    )
    add.add_argument("email")
    add.add_argument("--admin", action="store_true", help="may read the audit log")
    add.set_defaults(func=_guard(cmd_add))
    sub.add_parser("list", help="list accounts").set_defaults(func=_guard(cmd_list))
    pw = sub.add_parser("passwd", help="set a new password (signs that person out)")
    pw.add_argument("email")
    pw.set_defaults(func=_guard(cmd_passwd))
    for name in ("disable", "enable"):
        p = sub.add_parser(name, help=f"{name} an account")
        p.add_argument("email")
        p.set_defaults(func=_guard(cmd_active))
    serve = subparsers.add_parser("review-app", help="serve the counsellor review app")
    add_serve_arguments(serve)
    serve.set_defaults(func=cmd_serve)
