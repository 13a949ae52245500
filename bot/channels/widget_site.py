"""A tiny static server for the chat widget, its socket.io client, the crisis resources and the demo.

Why it exists: the widget must load everything from the origin that serves it (no CDN), and the
demo page must point at whichever Rasa server `make run` (or a test) started. Only a fixed list of
files is served, with security headers: a Content-Security-Policy that lets pages talk only to
this origin and the configured Rasa server, no referrer, no framing.

    python -m bot.channels.widget_site --port 8080 --rasa-url http://127.0.0.1:5005
"""

from __future__ import annotations

import argparse
import html
import logging
import re
from pathlib import Path
from typing import Dict, Optional, Tuple
from urllib.parse import urlsplit

from aiohttp import web

logger = logging.getLogger(__name__)

WIDGET_DIR = Path(__file__).resolve().parents[2] / "widget"
SOCKET_CLIENT = Path("node_modules") / "socket.io-client" / "dist" / "socket.io.min.js"

# URL path -> (file relative to the widget directory, content type). Nothing else is served.
WIDGET_FILES: Dict[str, Tuple[Path, str]] = {
    "/widget/widget.js": (Path("widget.js"), "text/javascript; charset=utf-8"),
    "/widget/widget.css": (Path("widget.css"), "text/css; charset=utf-8"),
    "/widget/crisis-resources.json": (
        Path("crisis-resources.json"),
        "application/json; charset=utf-8",
    ),
    "/widget/vendor/socket.io.min.js": (SOCKET_CLIENT, "text/javascript; charset=utf-8"),
}
PAGES: Dict[str, Tuple[Path, str]] = {
    "/demo/": (Path("demo") / "index.html", "text/html; charset=utf-8"),
    "/demo/index.html": (Path("demo") / "index.html", "text/html; charset=utf-8"),
    "/demo/neutral.html": (Path("demo") / "neutral.html", "text/html; charset=utf-8"),
    "/demo/demo.css": (Path("demo") / "demo.css", "text/css; charset=utf-8"),
}

_SERVER_ATTR = re.compile(r'data-server-url="[^"]*"')


def rasa_origins(rasa_url: str) -> str:
    """CSP sources for the Rasa server: its http(s) origin and the matching ws(s) origin."""
    parts = urlsplit(rasa_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"--rasa-url must be an http(s) URL, not {rasa_url!r}")
    ws = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {ws}://{parts.netloc}"


def content_security_policy(rasa_url: str) -> str:
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            f"connect-src 'self' {rasa_origins(rasa_url)}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(rasa_url: str, embeddable: bool) -> Dict[str, str]:
    """Headers for every response. Widget assets may be used by other sites (CORS, CORP)."""
    headers = {
        "Content-Security-Policy": content_security_policy(rasa_url),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cache-Control": "no-store",
    }
    if embeddable:
        headers["Access-Control-Allow-Origin"] = "*"
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    else:
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return headers


def render_demo(text: str, rasa_url: str) -> str:
    """Points the demo page's one script tag at the configured Rasa server."""
    value = html.escape(rasa_url, quote=True)
    return _SERVER_ATTR.sub(lambda _: f'data-server-url="{value}"', text, count=1)


def make_app(rasa_url: str, widget_dir: Optional[Path] = None) -> web.Application:
    root = Path(widget_dir or WIDGET_DIR)
    rasa_origins(rasa_url)  # validate early

    async def serve(request: web.Request) -> web.StreamResponse:
        path = request.path
        embeddable = path in WIDGET_FILES
        rel, ctype = WIDGET_FILES.get(path) or PAGES[path]
        file = root / rel
        headers = security_headers(rasa_url, embeddable)
        if not file.is_file():
            hint = "run `npm ci --prefix widget`" if rel == SOCKET_CLIENT else "file missing"
            logger.error("widget_site: %s not found (%s)", file, hint)
            return web.Response(status=503, text=f"Not available: {hint}.\n", headers=headers)
        body = file.read_bytes()
        if rel == PAGES["/demo/"][0]:
            body = render_demo(body.decode("utf-8"), rasa_url).encode("utf-8")
        return web.Response(body=body, headers={**headers, "Content-Type": ctype})

    async def index(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound("/demo/", headers=security_headers(rasa_url, False))

    async def no_content(request: web.Request) -> web.StreamResponse:
        return web.Response(status=204, headers=security_headers(rasa_url, False))

    async def health(request: web.Request) -> web.StreamResponse:
        return web.json_response({"status": "ok"}, headers=security_headers(rasa_url, False))

    @web.middleware
    async def headers_on_errors(request: web.Request, handler):
        try:
            return await handler(request)
        except web.HTTPException as exc:
            if exc.status >= 400:
                for k, v in security_headers(rasa_url, False).items():
                    exc.headers.setdefault(k, v)
            raise

    app = web.Application(middlewares=[headers_on_errors])
    app.router.add_get("/", index)
    app.router.add_get("/healthz", health)
    app.router.add_get("/favicon.ico", no_content)
    for path in list(WIDGET_FILES) + list(PAGES):
        app.router.add_get(path, serve)
    return app


def main(argv: Optional[list] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = make_app(args.rasa_url)
    print(
        f"Demo page: http://{args.host}:{args.port}/demo/  (bot server {args.rasa_url})", flush=True
    )
    web.run_app(app, host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
