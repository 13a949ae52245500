"""Serve the review app with waitress (a production WSGI server), on loopback by default.

Put it behind a TLS-terminating proxy to reach it from elsewhere; the session
cookie is Secure unless ``--insecure-cookie`` (or REVIEW_COOKIE_SECURE=0) says otherwise.
"""

from __future__ import annotations

import argparse
import logging

from waitress import serve as waitress_serve

from bot.review.app import create_app


def serve(
    host: str = "127.0.0.1", port: int = 8081, insecure_cookie: bool = False, threads: int = 4
) -> int:
    config = {"SESSION_COOKIE_SECURE": False} if insecure_cookie else None
    app = create_app(config)
    logging.basicConfig(level=logging.INFO)
    print(f"Counsellor review app: http://{host}:{port}/", flush=True)
    waitress_serve(app, host=host, port=port, threads=threads, ident="review")
    return 0


def main(argv=None) -> int:
    from bot.review.cli import add_serve_arguments

    parser = argparse.ArgumentParser(prog="python -m bot.review", description=__doc__)
    add_serve_arguments(parser)
    args = parser.parse_args(argv)
    return serve(args.host, args.port, args.insecure_cookie, args.threads)
