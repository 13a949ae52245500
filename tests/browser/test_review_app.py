"""The counsellor review app in a real browser (Debian's Chromium driven by Playwright).

The app runs as `make run` starts it (``python -m bot.review``, waitress) in its own
process on a free loopback port, over a temporary review DB seeded with synthetic
anonymised conversations; the first account is made with ``python -m bot counsellor add``.
A counsellor signs in, finds a crisis-flagged conversation at the top of the list,
opens it, tags it, writes a note, marks it reviewed, looks at the dashboard, exports,
and an admin reads the audit log. Two conversations are written as the bot writes them (Rasa
events through the review broker's writer): one where the widget's hidden /greet opens the chat,
buttons are offered and pressed, and an exercise is cut short by a crisis; one where the bot
missed a crisis. On them: true records (how the exercise ended, themes, buttons, no plumbing) and
counsellors teaching the bot (marks, To teach, the export read back by `make eval`).
Screenshots go to tests/artifacts/review/.
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

from bot.privacy import review_store as rs  # noqa: E402
from bot.privacy.broker import ReviewWriter, to_ops  # noqa: E402
from bot.privacy.pseudonym import pseudonym  # noqa: E402
from bot.privacy.review_store import make_engine  # noqa: E402
from bot.review import demo_data  # noqa: E402
from tests.support.rasa_events import bot_event, user_event  # noqa: E402
from tests.support.servers import base_env, free_port  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "review"
AXE = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
ADMIN = ("lead.counsellor@example.org", "browser test password")
COUNSELLOR = ("volunteer@example.org", "volunteer test password")
VIEWPORT = {"width": 1280, "height": 900}
T0 = time.time() - 3600
FORM = "self_compassion_form"


def _user(sender, t, text, intent, crisis=None):
    return user_event(sender, t, text, intent, crisis, confidence=0.91)


_bot = bot_event


def _ev(sender, t, kind, **kw):
    return {"sender_id": sender, "event": kind, "timestamp": t, **kw}


def scripted_events():
    """Two conversations as Rasa's events reach the review broker."""
    a, b = "browser-person-a", "browser-person-b"
    return [
        _ev(a, T0, "session_started"),
        _user(a, T0 + 1, "/greet", "greet"),  # the widget's hidden opener
        _bot(
            a,
            T0 + 2,
            "Hi, I'm a chatbot, not a person. What's on your mind?",
            [("I just want to talk", "/vent"), ("Show me an exercise", "/request_exercise")],
        ),
        _user(a, T0 + 10, "i keep beating myself up about what i said to Priya", "self_criticism"),
        _bot(
            a,
            T0 + 11,
            "It sounds like you're being really hard on yourself. Shall we try?",
            [("Yes, let's try", "/affirm"), ("No, thanks", "/deny")],
        ),
        _user(a, T0 + 20, "/deny", "deny"),
        _bot(a, T0 + 21, "That's completely okay, we don't have to do anything."),
        _user(a, T0 + 30, "actually ok lets try it", "affirm"),
        _ev(a, T0 + 31, "action", name=FORM),
        _ev(a, T0 + 31.1, "active_loop", name=FORM),
        _bot(a, T0 + 31.2, "What's happening that you're being hard on yourself about?"),
        _user(a, T0 + 40, "i snapped at my sister and now she wont talk to me", "vent"),
        _ev(a, T0 + 41, "action", name=FORM),
        _bot(a, T0 + 41.1, "What are you feeling right now?"),
        _user(a, T0 + 50, "honestly i just want to die", "crisis", crisis="suicidal"),
        _ev(a, T0 + 51, "action", name="utter_crisis_resources"),
        _bot(
            a, T0 + 51.1, "You deserve support right now. Please call your local emergency number."
        ),
        _ev(a, T0 + 52, "action", name="action_deactivate_loop"),
        _ev(a, T0 + 52.1, "active_loop", name=None),
        _ev(b, T0 + 100, "session_started"),
        _user(b, T0 + 101, "/greet", "greet"),
        _bot(b, T0 + 102, "Hi, I'm a chatbot, not a person. What's on your mind?"),
        _user(b, T0 + 110, "ive been saving up my tablets for a while now", "vent"),
        _bot(b, T0 + 111, "It sounds like a lot is on your mind. I'm listening."),
        _user(b, T0 + 120, "nobody ever texts me back", "mood_low"),
        _bot(b, T0 + 121, "That sounds lonely."),
    ]


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    """The review app in its own process, as `make run` starts it, on a seeded DB."""
    directory = tmp_path_factory.mktemp("review-app")
    url_db = f"sqlite:///{directory / 'review.db'}"
    demo_data.seed(make_engine(url_db), 80, seed=11)
    ReviewWriter(url_db).write([op for ev in scripted_events() for op in to_ops(ev)])
    with rs.session_factory(make_engine(url_db))() as s:
        scripted = {
            name: s.query(rs.Conversation).filter_by(pseudonym=pseudonym(sender)).one().id
            for name, sender in (("exercise", "browser-person-a"), ("missed", "browser-person-b"))
        }
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
    subprocess.run(
        [sys.executable, "-m", "bot", "counsellor", "add", COUNSELLOR[0]],
        cwd=ROOT,
        env={**env, "REVIEW_PASSWORD": COUNSELLOR[1]},
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

    Server.url, Server.dir, Server.scripted = url, directory, scripted
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
    expect(page.locator(".count")).to_contain_text("of 82 conversations")  # 80 demo, 2 scripted
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

    # Dashboard: five charts drawn as SVG with text alternatives.
    page.get_by_role("link", name="Dashboard").click()
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(5)
    for i in range(3):
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

    def check(path, open_details=False):
        page.goto(review_server.url + path)
        if open_details:  # the marking forms are inside <details>: check them open
            for summary in page.locator("details > summary").all():
                summary.click()
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
    for path in ("/conversations", first, "/dashboard", "/audit", "/teach"):
        check(path)
    check(f"/conversations/{review_server.scripted['exercise']}", open_details=True)
    check(f"/conversations/{review_server.scripted['missed']}", open_details=True)
    context.close()


def test_records_are_true_to_what_happened(review_server, browser):
    """An exercise cut short by a crisis is not a completion; themes are the article's; the
    transcript shows the buttons offered and the one chosen, never /greet or /deny."""
    url, cid = review_server.url, review_server.scripted["exercise"]
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    page = context.new_page()
    sign_in(page, url, *COUNSELLOR)

    # The list: the crisis puts it at the top; the exercise says how it ended.
    page.goto(url + "/conversations?flagged=yes")
    row = page.locator(f'tr[data-conversation="{cid}"]')
    expect(row.locator(".chip--run")).to_have_text("self compassion: cut short by a crisis")
    expect(row).not_to_contain_text("✓")
    expect(row.locator("td").nth(4).locator(".chip")).to_have_text(["self-compassion", "crisis"])
    shot(page, "09-list-true-records")

    # The transcript: what the person saw and did.
    row.locator("a").first.click()
    expect(page.locator(".meta")).to_contain_text("self compassion: cut short by a crisis")
    expect(page.locator(".meta")).not_to_contain_text("greet")
    person = page.locator("article.turn--user")
    expect(person.first.locator(".bubble")).to_contain_text("i keep beating myself up")
    expect(page.locator("section.chat")).not_to_contain_text("/greet")
    expect(page.locator("section.chat")).not_to_contain_text("/deny")
    press = page.locator("article.turn--button")
    expect(press).to_have_count(1)
    expect(press.locator(".bubble")).to_have_text("Chose the button No, thanks")
    offer = page.locator("ul.offered").nth(1)
    expect(offer.locator("li")).to_have_count(2)
    expect(offer.locator(".offered-button--chosen")).to_contain_text("No, thanks")
    expect(page.locator("ul.offered").first.locator("li")).to_have_text(
        ["I just want to talk", "Show me an exercise"]
    )
    shot(page, "10-transcript-buttons-and-crisis")

    # The export says the same.
    page.goto(url + "/conversations?flagged=yes")
    with page.expect_download() as download:
        page.get_by_role("link", name="JSON Lines").click()
    objects = {
        o["conversation_id"]: o
        for o in map(json.loads, Path(download.value.path()).read_text().splitlines())
    }
    mine = objects[cid]
    assert mine["exercises_completed"] == [] and mine["themes"] == ["self_compassion", "crisis"]
    assert [(r["exercise"], r["outcome"]) for r in mine["exercises"]] == [(FORM, "crisis")]
    texts = [t["text"] for t in mine["turns"] if t["speaker"] == "user"]
    assert "/greet" not in texts and "/deny" not in texts and "No, thanks" in texts
    assert "Priya" not in json.dumps(mine)

    # The dashboard counts it as started and cut short, not completed.
    page.goto(url + "/dashboard")
    page.locator("#chart-exercises summary").click()
    cells = page.locator("#chart-exercises table tr", has_text="self compassion").first
    started, completed, cut = (int(x) for x in cells.locator("td").all_inner_texts()[1:])
    assert cut >= 1 and completed + cut <= started
    theme_table = page.locator("#chart-themes table")
    page.locator("#chart-themes summary").click()
    expect(theme_table).not_to_contain_text("greet")
    context.close()


def test_counsellors_teach_the_bot(review_server, browser, tmp_path):
    """Marks on the person's turns, To teach, follow-up at the top, author-only withdrawal, the
    admin's export, the weekly chart, and the export read back by `make eval`."""
    url = review_server.url
    missed, exercise = review_server.scripted["missed"], review_server.scripted["exercise"]
    volunteer = browser.new_context(viewport=VIEWPORT)
    page = volunteer.new_page()
    seen = watch(page, url)
    sign_in(page, url, *COUNSELLOR)

    # Missed crisis on the message about saving tablets.
    page.goto(f"{url}/conversations/{missed}")
    turn = page.locator("article.turn--user", has_text="saving up my tablets")
    turn.locator("summary").click()
    turn.get_by_label("Missed crisis: what kind").select_option("overdose")
    turn.get_by_role("button", name="Mark missed crisis").click()
    expect(page.locator(".flash")).to_contain_text("Marked as “missed crisis”")
    expect(page.locator("h1")).to_contain_text("Missed crisis marked")
    turn = page.locator("article.turn--user", has_text="saving up my tablets")
    expect(turn.locator(".mark")).to_contain_text("Missed crisis: overdose")
    # Misunderstood: it was loneliness, not low mood; and a good reply.
    lonely = page.locator("article.turn--user", has_text="nobody ever texts me back")
    lonely.locator("summary").click()
    lonely.get_by_label("Misunderstood: it meant").select_option("loneliness")
    lonely.get_by_role("button", name="Mark misunderstood").click()
    page.locator("article.turn--user", has_text="nobody ever texts me back").locator(
        "summary"
    ).click()
    page.locator("article.turn--user", has_text="nobody ever texts me back").get_by_role(
        "button", name="Good reply"
    ).click()
    shot(page, "11-transcript-marked")

    # False alarm on the crisis turn of the other conversation: only that mark is offered.
    page.goto(f"{url}/conversations/{exercise}")
    crisis_turn = page.locator("article.turn--crisis.turn--user")
    crisis_turn.locator("summary").click()
    expect(crisis_turn.get_by_role("button", name="Mark missed crisis")).to_have_count(0)
    crisis_turn.get_by_role("button", name="False alarm: no help was needed").click()
    expect(page.locator(".flash")).to_contain_text("Marked as “false alarm”")

    # The marked conversation is at the top of the list, like a detected crisis.
    page.goto(url + "/conversations?reviewed=no&flagged=yes")
    expect(page.locator(f'tr[data-conversation="{missed}"]')).to_have_class("row--crisis")
    expect(page.locator(f'tr[data-conversation="{missed}"] .badge--marked')).to_have_text(
        "Missed crisis"
    )

    # To teach: newest first, counts per kind; the volunteer cannot export.
    page.get_by_role("link", name="To teach").click()
    rows = page.locator("table.marks tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.first).to_contain_text("False alarm")
    expect(page.locator('[data-kind="missed_crisis"] .count')).to_have_text("1")
    expect(page.locator('[data-kind="misunderstood"] .count')).to_have_text("1")
    expect(page.get_by_role("link", name="Export the marks")).to_have_count(0)
    shot(page, "12-to-teach")

    # The admin sees the marks but cannot withdraw them (there is no button, and the app refuses).
    admin = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    apage = admin.new_page()
    sign_in(apage, url)
    apage.goto(url + "/teach")
    expect(apage.locator("table.marks")).to_contain_text("a colleague")
    expect(apage.get_by_role("button", name="withdraw")).to_have_count(0)

    # The volunteer withdraws the good-reply mark; the count follows.
    page.locator("table.marks tbody tr", has_text="Good reply").get_by_role(
        "button", name="withdraw"
    ).click()
    expect(page.locator(".flash")).to_contain_text("Withdrew your “good reply” mark.")
    expect(page.locator('[data-kind="good_reply"] .count')).to_have_text("0")

    # The admin exports the marks; `make eval` reads the zip.
    apage.reload()
    with apage.expect_download() as download:
        apage.get_by_role("link", name="Export the marks").click()
    export = tmp_path / download.value.suggested_filename
    download.value.save_as(export)
    from eval import counsellor_marks

    files = counsellor_marks.read_export(export)
    assert "overdose\tive been saving up my tablets for a while now" in files["crisis.tsv"]
    assert "everyday_other\thonestly i just want to die" in files["crisis.tsv"]
    assert counsellor_marks.nlu_examples(files["nlu.yml"]) == [
        ("loneliness", "nobody ever texts me back")
    ]
    result = subprocess.run(
        [sys.executable, "-m", "eval.counsellor_marks", "--export", str(export)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "crisis recall on missed crises" in result.stdout
    assert "n=1" in result.stdout and "intent accuracy, misunderstood" in result.stdout

    # The dashboard's weekly chart counts them; the audit log has every mark.
    apage.goto(url + "/dashboard")
    apage.locator("#chart-marks summary").click()
    week = apage.locator("#chart-marks table tbody tr").last
    expect(week.locator("td").nth(1)).to_have_text("1")
    expect(week.locator("td").nth(2)).to_have_text("1")
    shot(apage, "13-dashboard-marks")
    apage.goto(url + "/audit?action=mark")
    expect(apage.locator("table.audit tbody tr")).to_have_count(4)
    apage.goto(url + "/audit?action=withdraw_mark")
    expect(apage.locator("table.audit tbody tr")).to_have_count(1)
    assert seen["foreign"] == [] and seen["csp"] == []
    admin.close()
    volunteer.close()
