"""Start the action server on loopback, answering only Rasa (a shared token in a header).

Why not plain ``rasa run actions``: rasa_sdk 3.6 listens on 0.0.0.0 and runs any action for
anyone who can reach the port, which lets a stranger read slot values back or drive an
exercise for another conversation. Here the same rasa_sdk app (``create_app``) gets one
request middleware: every route but ``/health`` needs ``X-Action-Token`` equal to
``ACTION_SERVER_TOKEN`` (compared in constant time). Rasa sends that header because
``bot.run`` writes it into the runtime endpoints file (``action_endpoint.headers``).

    python -m actions.server --port 5055        # ACTION_SERVER_TOKEN must be set
"""

from __future__ import annotations

import argparse
import hmac
import logging
import sys
from typing import Optional

from bot import settings

TOKEN_HEADER = "X-Action-Token"
OPEN_PATHS = {"/health"}

logger = logging.getLogger(__name__)


def create_app(token: str):
    """rasa_sdk's app for our ``actions`` package, refusing requests without the token."""
    from rasa_sdk.endpoint import create_app as sdk_create_app
    from sanic import response

    if not token:
        raise ValueError("the action server needs a token (ACTION_SERVER_TOKEN)")
    app = sdk_create_app("actions", cors_origins=None)
    expected = token.encode()

    @app.middleware("request")
    async def require_token(request):  # noqa: ANN001 - sanic's request type
        if request.path in OPEN_PATHS:
            return None
        given = (request.headers.get(TOKEN_HEADER) or "").encode()
        if not hmac.compare_digest(given, expected):
            return response.json({"error": "forbidden"}, status=403)
        return None

    return app


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=settings.ACTIONS_PORT.get())
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="listen address (default loopback: only Rasa on this host calls it)",
    )
    parser.add_argument("--debug", action="store_true", help="log at DEBUG (texts stay redacted)")
    args = parser.parse_args(argv)
    token = settings.ACTION_SERVER_TOKEN.get()
    if not token:
        print("error: set ACTION_SERVER_TOKEN (make run does this for you)", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.INFO)
    app = create_app(token)
    app.run(args.host, args.port, workers=1, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
