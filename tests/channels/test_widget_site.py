"""widget_site: serves only the widget's own files, with headers that keep visits private."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.channels import widget_site

RASA = "http://127.0.0.1:5005"


def fetch(path: str, rasa_url: str = RASA, widget_dir: Path | None = None):
    async def go():
        client = TestClient(TestServer(widget_site.make_app(rasa_url, widget_dir)))
        await client.start_server()
        try:
            response = await client.get(path, allow_redirects=False)
            return response.status, dict(response.headers), await response.read()
        finally:
            await client.close()

    return asyncio.run(go())


def test_demo_page_points_at_the_configured_bot_and_csp_allows_only_it():
    status, headers, body = fetch("/demo/", rasa_url="https://bot.example.org:8443")
    assert status == 200
    assert b'data-server-url="https://bot.example.org:8443"' in body
    csp = headers["Content-Security-Policy"]
    assert "connect-src 'self' https://bot.example.org:8443 wss://bot.example.org:8443" in csp
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_rasa_url_is_escaped_into_the_page():
    status, _, body = fetch("/demo/", rasa_url='http://h:1/"><script>x</script>')
    assert status == 200
    assert b"<script>x</script>" not in body
    assert b"&quot;&gt;&lt;script&gt;" in body


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ftp://x", "localhost:5005", ""])
def test_only_http_rasa_urls_are_accepted(bad):
    with pytest.raises(ValueError):
        widget_site.make_app(bad)


@pytest.mark.parametrize(
    "path",
    [
        "/widget/widget.js",
        "/widget/widget.css",
        "/widget/crisis-resources.json",
        "/widget/vendor/socket.io.min.js",
    ],
)
def test_widget_assets_can_be_embedded_by_other_sites(path):
    if (
        path.endswith("socket.io.min.js")
        and not (widget_site.WIDGET_DIR / widget_site.SOCKET_CLIENT).exists()
    ):
        pytest.skip("npm ci --prefix widget has not run")
    status, headers, body = fetch(path)
    assert status == 200 and body
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/widget/package.json",
        "/widget/node_modules/axe-core/axe.min.js",
        "/widget/../bot/channels/widget_site.py",
        "/widget/%2e%2e/README.md",
        "/demo/../../credentials.yml",
        "/widget/",
        "/credentials.yml",
    ],
)
def test_nothing_else_is_served(path):
    status, headers, _ = fetch(path)
    assert status == 404
    assert "Content-Security-Policy" in headers


def test_missing_socket_client_says_how_to_install_it(tmp_path):
    shutil.copy(widget_site.WIDGET_DIR / "widget.js", tmp_path / "widget.js")
    status, _, body = fetch("/widget/vendor/socket.io.min.js", widget_dir=tmp_path)
    assert status == 503 and b"npm ci --prefix widget" in body
    assert fetch("/widget/widget.js", widget_dir=tmp_path)[0] == 200


def test_root_redirects_to_the_demo():
    status, headers, _ = fetch("/")
    assert status == 302 and headers["Location"] == "/demo/"
