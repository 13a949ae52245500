"""The counsellor review app in a real browser (Debian's Chromium driven by Playwright).

The app runs as `make run` starts it (``python -m bot.review``, waitress) in its own
process on a free loopback port, over a temporary review DB seeded with synthetic
anonymised conversations; the first account is made with ``python -m bot counsellor add``.
A counsellor signs in, finds a crisis-flagged conversation at the top of the list,
opens it, tags it, writes a note, marks it reviewed, looks at the dashboard, exports,
and an admin reads the audit log. Screenshots go to tests/artifacts/review/.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402

from bot.privacy.review_store import make_engine  # noqa: E402
from bot.review import demo_data  # noqa: E402
from tests.support.servers import base_env, free_port  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "review"
AXE = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
ADMIN = ("lead.counsellor@example.org", "browser test password")
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    """The review app in its own process, as `make run` starts it, on a seeded DB."""
    directory = tmp_path_factory.mktemp("review-app")
    url_db = f"sqlite:///{directory / 'review.db'}"
    demo_data.seed(make_engine(url_db), 80, seed=11)
    env = base_env(
        {
            "REVIEW_DB_URL": url_db,
            "REVIEW_SECRETS_DIR": str(directory / "secrets"),
            "REVIEW_PASSWORD": ADMIN[1],
        }
    )
    subprocess.run(
        [sys.executable, "-m", "bot", "counsellor", "add", ADMIN[0], "--admin"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    env.pop("REVIEW_PASSWORD")
    port = free_port()
    log = open(directory / "server.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.review", "--port", str(port), "--insecure-cookie"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/login", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(
                "review app did not start:\n" + (directory / "server.log").read_text()
            )
        time.sleep(0.2)

    class Server:
        pass

    Server.url, Server.dir = url, directory
    yield Server
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def shot(page, name: str, full: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)


def watch(page, server_url: str) -> dict:
    """Record requests to other hosts and CSP complaints in the console."""
    seen = {"foreign": [], "csp": []}
    host = urlsplit(server_url).netloc
    page.on(
        "request",
        lambda r: seen["foreign"].append(r.url)
        if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:")
        else None,
    )
    page.on(
        "console",
        lambda m: seen["csp"].append(m.text) if "Content Security Policy" in m.text else None,
    )
    return seen


def sign_in(page, url: str, email: str = ADMIN[0], password: str = ADMIN[1]) -> None:
    page.goto(url + "/conversations")
    expect(page).to_have_url(url + "/login?next=/conversations")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_counsellor_journey(review_server, browser):
    url = review_server.url
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    seen = watch(page, url)

    # Signed out: the login page; a wrong password gets the generic message.
    sign_in(page, url, password="not the right one at all")
    expect(page.get_by_role("alert")).to_contain_text("did not match an account")
    shot(page, "01-login-wrong-password")
    sign_in(page, url)
    expect(page).to_have_url(url + "/conversations")

    # The list: crisis-flagged conversations first.
    rows = page.locator("table.conversations tbody tr")
    expect(rows.first).to_have_class("row--crisis")
    expect(rows.first.locator(".badge--crisis")).to_have_text("Crisis")
    expect(page.locator(".count")).to_contain_text("of 80 conversations")
    shot(page, "02-list")
    first_id = rows.first.get_attribute("data-conversation")

    # Filtered to flagged and not reviewed: only crisis rows.
    page.get_by_label("Crisis").select_option("yes")
    page.get_by_label("Reviewed").select_option("no")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(
        url + "/conversations?from=&to=&theme=&exercise=&flagged=yes&reviewed=no&tag="
    )
    flagged_rows = page.locator("table.conversations tbody tr")
    count = flagged_rows.count()
    assert count >= 1
    assert page.locator("table.conversations tbody tr.row--crisis").count() == count
    shot(page, "03-list-filtered-flagged")

    # Open the top flagged conversation.
    flagged_rows.first.locator("a").first.click()
    expect(page).to_have_url(f"{url}/conversations/{first_id}?back=flagged%3Dyes%26reviewed%3Dno")
    expect(page.locator("h1")).to_contain_text("Crisis flagged")
    crisis_turn = page.locator("article.turn--crisis").first
    expect(crisis_turn).to_be_visible()
    expect(page.locator("article.turn--user").first.locator(".labels")).to_contain_text(
        "confidence"
    )

    # Tag it, note it, mark it reviewed.
    page.get_by_label("Add a tag").fill("Follow up")
    page.get_by_role("button", name="Add tag").click()
    expect(page.locator(".flash")).to_contain_text("Tagged “follow up”.")
    expect(page.locator("ul.tags")).to_contain_text("follow up")
    page.get_by_label("Add a note").fill(
        "Crisis resources were shown at once. Check the helpline wording for [LOCATION]."
    )
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".note-body")).to_contain_text("Check the helpline wording for [LOCATION].")
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(page.locator("h1 .badge--ok")).to_have_text("Reviewed")
    shot(page, "04-transcript-tagged-noted")

    # Back to the filtered list: the reviewed conversation has left "not reviewed".
    page.get_by_role("link", name="← Back to the list").click()
    expect(page.locator(f'tr[data-conversation="{first_id}"]')).to_have_count(0)
    page.goto(url + "/conversations?tag=follow+up")
    expect(page.locator("table.conversations tbody tr")).to_have_count(1)
    expect(page.locator(".chip--tag")).to_have_text("follow up")

    # Dashboard: four charts drawn as SVG with text alternatives.
    page.get_by_role("link", name="Dashboard").click()
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(4)
    for i in range(4):
        expect(charts.nth(i)).to_be_visible()
        assert charts.nth(i).locator("rect").count() > 0
    assert page.get_by_role("img", name="Conversations a day", exact=True).count() == 1
    page.locator("#chart-themes summary").click()
    expect(page.locator("#chart-themes table")).to_be_visible()
    shot(page, "05-dashboard")

    # Export what the list shows (flagged only): CSV and JSON Lines downloads.
    page.goto(url + "/conversations?flagged=yes")
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV").click()
    rows_csv = list(
        csv.DictReader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8")))
    )
    assert rows_csv and {r["crisis_flagged"] for r in rows_csv} == {"True"}
    assert csv_download.value.suggested_filename.endswith(".csv")
    with page.expect_download() as jsonl_download:
        page.get_by_role("link", name="JSON Lines").click()
    lines = Path(jsonl_download.value.path()).read_text(encoding="utf-8").splitlines()
    objects = [json.loads(line) for line in lines]
    assert objects and all(o["crisis_flagged"] for o in objects)
    assert {o["conversation_id"] for o in objects} == {int(r["conversation_id"]) for r in rows_csv}
    by_turn = {t["turn_id"]: t["text"] for o in objects for t in o["turns"]}
    assert by_turn == {int(r["turn_id"]): r["text"] for r in rows_csv}  # same content both ways

    # Audit log (admin): who opened what, the export and the login are recorded.
    page.get_by_role("link", name="Audit log").click()
    table = page.locator("table.audit")
    expect(table).to_contain_text("open_conversation")
    expect(table.locator("tr.audit--open_conversation").first).to_contain_text(f"#{first_id}")
    expect(table.locator("tr.audit--open_conversation").first).to_contain_text(ADMIN[0])
    expect(table).to_contain_text("export")
    expect(table).to_contain_text("login_failed")
    shot(page, "06-audit-log")

    # Sign out: pages are behind the login again.
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator(".flash")).to_contain_text("You are signed out.")
    shot(page, "07-signed-out")
    page.goto(url + "/dashboard")
    expect(page).to_have_url(url + "/login?next=/dashboard")

    assert seen["foreign"] == [], seen["foreign"]
    assert seen["csp"] == [], seen["csp"]  # nothing inline that the policy had to block
    context.close()


def test_narrow_screen_transcript(review_server, browser):
    """On a phone-sized screen the transcript stacks: chat first, then tags and notes."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, review_server.url)
    page.locator("table.conversations tbody tr a").first.click()
    chat = page.locator("section.chat").bounding_box()
    side = page.locator("aside.side").bounding_box()
    assert side["y"] >= chat["y"] + chat["height"] - 1
    assert chat["width"] <= 390
    shot(page, "08-transcript-phone")
    context.close()


def test_accessibility(review_server, browser):
    """axe-core (installed with the widget's npm packages) finds nothing serious or critical."""
    if not AXE.exists():
        pytest.skip("axe-core is installed by `make widget-deps`")
    # bypass_csp only so the test can inject axe-core; the app itself runs no script at all.
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=True)
    page = context.new_page()

    def check(path):
        page.goto(review_server.url + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            """async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
            }"""
        )
        bad = [v for v in result if v["impact"] in ("serious", "critical")]
        assert not bad, f"axe on {path}: " + json.dumps(bad, indent=1)

    check("/login")
    sign_in(page, review_server.url)
    first = page.locator("table.conversations tbody tr a").first.get_attribute("href")
    for path in ("/conversations", first, "/dashboard", "/audit"):
        check(path)
    context.close()
