"""The conversation list: flagged first then newest, filters, keyset paging."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

import pytest

from bot.review.models import ConversationTag
from bot.review.queries import Filters, list_page
from tests.review.helpers import add_conversation

ROW = re.compile(r'data-conversation="(\d+)"')
NEXT = re.compile(r'rel="next" href="([^"]+)"')
PREV = re.compile(r'rel="prev" href="([^"]+)"')
BASE = datetime(2026, 11, 1, 9, 0)


def ids_on(client, url):
    html = client.get(url).get_data(as_text=True)
    return [int(i) for i in ROW.findall(html)], html


def walk(client, url):
    """All ids over every page, following the 'Older' links."""
    seen, pages = [], 0
    while url:
        ids, html = ids_on(client, url)
        seen += ids
        pages += 1
        m = NEXT.search(html)
        url = m.group(1).replace("&amp;", "&") if m else None
        assert pages < 100
    return seen, pages


@pytest.fixture
def mixed(session):
    """12 conversations: 3 flagged (one old), reviewed ones, themes, exercises, equal times."""
    c = {}
    c["old_flag"] = add_conversation(
        session, last=BASE - timedelta(days=20), flagged=True, categories="self_harm"
    )
    c["new_flag"] = add_conversation(
        session, last=BASE + timedelta(days=2), flagged=True, themes="safe_haven"
    )
    c["mid_flag"] = add_conversation(session, last=BASE, flagged=True, reviewed=True)
    for i in range(9):
        c[f"n{i}"] = add_conversation(
            session,
            last=BASE + timedelta(hours=i // 2),  # pairs share a time: id breaks ties
            reviewed=i % 3 == 0,
            themes="self_compassion,decision_making" if i % 2 else "self_compassion_extra",
            started="kind_letter" if i < 4 else "",
            completed="kind_letter" if i == 0 else "",
        )
    return c


def expected_order(session, convs):
    return [
        c.id
        for c in sorted(
            convs, key=lambda c: (c.crisis_flagged, c.last_event_at, c.id), reverse=True
        )
    ]


def test_flagged_first_then_newest(admin_client, mixed, session):
    ids, html = ids_on(admin_client, "/conversations")
    assert ids[:3] == [mixed["new_flag"].id, mixed["mid_flag"].id, mixed["old_flag"].id]
    assert len(ids) == 5
    assert "Showing 1–5 of 12 conversations" in html
    assert html.count("badge badge--crisis") >= 3


def test_paging_covers_everything_once_in_order(admin_client, mixed, session):
    seen, pages = walk(admin_client, "/conversations")
    assert pages == 3
    assert seen == expected_order(session, mixed.values())


def test_paging_back_gives_the_same_pages(admin_client, mixed):
    first, html1 = ids_on(admin_client, "/conversations")
    url2 = NEXT.search(html1).group(1).replace("&amp;", "&")
    second, html2 = ids_on(admin_client, url2)
    assert "Showing 6–10 of 12" in html2
    url3 = NEXT.search(html2).group(1).replace("&amp;", "&")
    third, html3 = ids_on(admin_client, url3)
    assert "Showing 11–12 of 12" in html3 and not NEXT.search(html3)
    back2, _ = ids_on(admin_client, PREV.search(html3).group(1).replace("&amp;", "&"))
    assert back2 == second
    back1, h = ids_on(admin_client, PREV.search(html2).group(1).replace("&amp;", "&"))
    assert back1 == first and not PREV.search(h)


@pytest.mark.parametrize(
    "query,pick",
    [
        ("flagged=yes", lambda c: c.crisis_flagged),
        ("flagged=no", lambda c: not c.crisis_flagged),
        ("reviewed=yes", lambda c: c.reviewed),
        ("reviewed=no", lambda c: not c.reviewed),
        ("theme=self_compassion", lambda c: "self_compassion" in c.themes.split(",")),
        ("theme=safe_haven", lambda c: c.themes == "safe_haven"),
        ("exercise=kind_letter", lambda c: "kind_letter" in c.exercises_started),
        ("from=2026-11-02", lambda c: c.last_event_at >= datetime(2026, 11, 2)),
        ("to=2026-10-20", lambda c: c.started_at < datetime(2026, 10, 21)),
        (
            "flagged=no&reviewed=no&theme=decision_making",
            lambda c: not c.crisis_flagged and not c.reviewed and "decision_making" in c.themes,
        ),
    ],
)
def test_filters(admin_client, mixed, session, query, pick):
    expected = expected_order(session, [c for c in mixed.values() if pick(c)])
    assert expected, "each filter should match something"
    seen, _ = walk(admin_client, "/conversations?" + query)
    assert seen == expected


def test_theme_filter_matches_whole_items_only(admin_client, mixed):
    seen, _ = walk(admin_client, "/conversations?theme=self_compassion")
    extra = [c.id for c in mixed.values() if c.themes == "self_compassion_extra"]
    assert extra and not set(extra) & set(seen)


def test_tag_filter(admin_client, mixed, session):
    session.add(ConversationTag(conversation_id=mixed["n3"].id, label="follow up"))
    session.commit()
    seen, html = walk(admin_client, "/conversations?tag=Follow+Up")  # filter is case-blind
    assert seen == [mixed["n3"].id]
    assert (
        '<span class="chip chip--tag">follow up</span>'
        in ids_on(admin_client, "/conversations?tag=follow+up")[1]
    )


def test_filters_survive_paging_links(admin_client, mixed):
    _, html = ids_on(admin_client, "/conversations?flagged=no&reviewed=&exercise=")
    link = NEXT.search(html).group(1)
    assert "flagged=no" in link and "reviewed=" not in link


def test_bad_dates_are_explained_not_crashing(admin_client, mixed):
    response = admin_client.get("/conversations?from=yesterday&to=2026-13-40")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "start date was not understood" in text and "end date was not understood" in text


def test_unknown_cursor_and_empty_results(admin_client, mixed):
    ids, _ = ids_on(admin_client, "/conversations?after=999999")
    assert len(ids) == 5  # an unknown cursor starts at the top
    response = admin_client.get("/conversations?theme=nothing_like_this")
    assert "No conversations match." in response.get_data(as_text=True)


def test_keyset_paging_matches_a_plain_sort_on_random_data(session):
    """Against Python's own sort, over many random filter combinations and page sizes."""
    rng = random.Random(7)
    convs = [
        add_conversation(
            session,
            last=BASE + timedelta(minutes=rng.randint(0, 40)),  # many ties
            flagged=rng.random() < 0.2,
            reviewed=rng.random() < 0.4,
            themes=rng.choice(["", "safe_haven", "safe_haven,self_compassion", "decision_making"]),
            texts=(),
        )
        for _ in range(60)
    ]
    for flagged in ("", "yes", "no"):
        for reviewed in ("", "yes", "no"):
            for theme in ("", "safe_haven"):
                f = Filters(flagged=flagged, reviewed=reviewed, theme=theme)
                want = expected_order(
                    session,
                    [
                        c
                        for c in convs
                        if (not flagged or c.crisis_flagged == (flagged == "yes"))
                        and (not reviewed or c.reviewed == (reviewed == "yes"))
                        and (not theme or theme in c.themes.split(","))
                    ],
                )
                size = rng.choice([1, 3, 7, 50])
                got, after, starts = [], None, []
                while True:
                    page = list_page(session, f, size=size, after=after)
                    got += [c.id for c in page.rows]
                    starts.append(page.start)
                    assert page.total == len(want)
                    if page.next_after is None:
                        break
                    after = page.next_after
                assert got == want, (flagged, reviewed, theme, size)
                assert starts[0] == (1 if want else 0)
                if len(starts) > 1:
                    assert starts[1] == size + 1
                # and backwards from the last page
                back = []
                page = list_page(session, f, size=size, after=after) if after else None
                while page is not None and page.rows:
                    back = [c.id for c in page.rows] + back
                    if page.prev_before is None:
                        break
                    page = list_page(session, f, size=size, before=page.prev_before)
                if want and after:
                    assert back == want


def test_list_uses_the_order_index(engine):
    from sqlalchemy import text

    with engine.connect() as conn:
        plan = " ".join(
            str(r)
            for r in conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT id FROM review_conversations "
                    "ORDER BY follow_up DESC, last_event_at DESC, id DESC LIMIT 51"
                )
            )
        )
    assert "ix_review_conv_follow_up_order" in plan and "TEMP B-TREE" not in plan


def test_the_app_adds_its_list_index_to_a_store_made_without_it(tmp_path):
    """The broker may create the store first (without importing the app's models)."""
    from sqlalchemy import inspect, text

    from bot.privacy.review_store import make_engine
    from bot.review.models import init_review_app_db

    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    init_review_app_db(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_review_conv_follow_up_order"))
    assert "ix_review_conv_follow_up_order" not in {
        i["name"] for i in inspect(engine).get_indexes("review_conversations")
    }
    init_review_app_db(engine)
    assert "ix_review_conv_follow_up_order" in {
        i["name"] for i in inspect(engine).get_indexes("review_conversations")
    }


def test_an_empty_store_says_so(admin_client):
    html = admin_client.get("/conversations").get_data(as_text=True)
    assert "No conversations yet" in html
