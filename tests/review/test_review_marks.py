"""Counsellors' marks: made on the person's turns, checked, audited, withdrawn only by their author,
listed under To teach, exported by an admin, and read back by `make eval`."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.privacy.review_store import Conversation, Turn, forget_pseudonym
from bot.review.models import AuditEntry, TurnMark
from eval import counsellor_marks
from tests.review.helpers import ADMIN, COUNSELLOR, add_conversation, csrf_token, login

NOW = datetime.utcnow().replace(microsecond=0)


def user_turns(session, conv):
    return list(
        session.execute(
            select(Turn).where(Turn.conversation_id == conv.id, Turn.speaker == "user")
        ).scalars()
    )


def mark(client, conv, turn, kind, label="", token=None):
    token = token or csrf_token(client, f"/conversations/{conv.id}")
    return client.post(
        f"/conversations/{conv.id}/turns/{turn.id}/marks",
        data={"kind": kind, "label": label, "csrf_token": token},
    )


def marks(session):
    session.expire_all()
    return [(m.kind, m.label, m.turn_id) for m in session.execute(select(TurnMark)).scalars()]


def audit(session, action):
    return list(session.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars())


def test_a_missed_crisis_is_recorded_audited_and_brings_the_conversation_to_the_top(
    counsellor_client, session
):
    older = add_conversation(session, last=NOW - timedelta(days=3), texts=["i cant go on"])
    add_conversation(session, last=NOW, texts=["hello there"])
    [turn] = user_turns(session, older)
    response = mark(counsellor_client, older, turn, "missed_crisis", "suicidal")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#turn-{turn.id}")
    assert marks(session) == [("missed_crisis", "suicidal", turn.id)]
    [row] = audit(session, "mark")
    assert row.email == COUNSELLOR[0] and row.conversation_id == older.id
    assert row.detail == f"missed_crisis on turn {turn.id}: suicidal"
    session.expire_all()
    assert session.get(Conversation, older.id).follow_up is True
    html = counsellor_client.get("/conversations").get_data(as_text=True)
    first_row = html.index('data-conversation="')
    assert html[first_row:].startswith(f'data-conversation="{older.id}"')
    assert "Missed crisis" in html


def test_marks_that_do_not_fit_the_turn_are_refused_with_a_reason(counsellor_client, session):
    conv = add_conversation(session, last=NOW, texts=["hello"])
    crisis = add_conversation(session, last=NOW, flagged=True, categories="self_harm")
    [turn] = user_turns(session, conv)
    [crisis_turn] = user_turns(session, crisis)
    refused = [
        (conv, turn, "false_alarm", "", "did not show help"),
        (crisis, crisis_turn, "missed_crisis", "self_harm", "already showed help"),
        (conv, turn, "missed_crisis", "jo@example.com", "what kind of crisis"),
        (conv, turn, "misunderstood", "drop table", "from the bot's list"),
        (conv, turn, "misunderstood", "greet", "That is what the bot understood"),
    ]
    for c, t, kind, label, reason in refused:
        response = mark(counsellor_client, c, t, kind, label)
        page = counsellor_client.get(response.headers["Location"]).get_data(as_text=True)
        assert reason in page.replace("&#39;", "'"), (kind, label)
    assert marks(session) == []
    assert mark(counsellor_client, conv, turn, "nonsense").status_code == 400
    bot_turn = session.execute(
        select(Turn).where(Turn.conversation_id == conv.id, Turn.speaker == "bot")
    ).scalar_one()
    assert mark(counsellor_client, conv, bot_turn, "good_reply").status_code == 404
    assert mark(counsellor_client, crisis, turn, "good_reply").status_code == 404  # other conv
    assert mark(counsellor_client, crisis, crisis_turn, "false_alarm").status_code == 302
    assert mark(counsellor_client, conv, turn, "misunderstood", "loneliness").status_code == 302
    assert sorted(k for k, _, _ in marks(session)) == ["false_alarm", "misunderstood"]


def test_a_mark_without_the_csrf_token_is_refused(counsellor_client, session):
    conv = add_conversation(session, last=NOW)
    [turn] = user_turns(session, conv)
    response = counsellor_client.post(
        f"/conversations/{conv.id}/turns/{turn.id}/marks",
        data={"kind": "good_reply", "csrf_token": "forged"},
    )
    assert response.status_code == 400 and marks(session) == []
    assert audit(session, "csrf_failed")


def test_signed_out_nobody_can_mark(client, session):
    conv = add_conversation(session, last=NOW)
    [turn] = user_turns(session, conv)
    response = client.post(
        f"/conversations/{conv.id}/turns/{turn.id}/marks", data={"kind": "good_reply"}
    )
    assert response.status_code in (302, 400) and marks(session) == []
    assert client.get("/teach").status_code == 302


def test_only_the_author_withdraws_a_mark(app, session):
    conv = add_conversation(session, last=NOW, texts=["i cant go on"])
    [turn] = user_turns(session, conv)
    author, other = app.test_client(), app.test_client()
    login(author, *COUNSELLOR)
    login(other, *ADMIN)
    assert mark(author, conv, turn, "missed_crisis", "suicidal").status_code == 302
    [m] = session.execute(select(TurnMark)).scalars().all()
    url = f"/conversations/{conv.id}/marks/{m.id}/withdraw"
    page = other.get(f"/conversations/{conv.id}").get_data(as_text=True)
    assert url not in page  # no withdraw button on someone else's mark
    refused = other.post(url, data={"csrf_token": csrf_token(other, f"/conversations/{conv.id}")})
    assert refused.status_code == 403
    assert "Only the counsellor who made a mark" in refused.get_data(as_text=True)
    assert len(marks(session)) == 1 and audit(session, "withdraw_mark_refused")
    assert author.post(url, data={}).status_code == 400  # no token
    done = author.post(url, data={"csrf_token": csrf_token(author, f"/conversations/{conv.id}")})
    assert done.status_code == 302 and marks(session) == []
    [row] = audit(session, "withdraw_mark")
    assert row.email == COUNSELLOR[0] and "missed_crisis" in row.detail
    session.expire_all()
    assert session.get(Conversation, conv.id).follow_up is False  # no crisis left to follow up


def test_to_teach_lists_marks_newest_first_with_counts(admin_client, session):
    conv = add_conversation(session, last=NOW, texts=["one [NAME]", "two", "three"])
    t1, t2, t3 = user_turns(session, conv)
    mark(admin_client, conv, t1, "good_reply")
    mark(admin_client, conv, t2, "misunderstood", "loneliness")
    mark(admin_client, conv, t3, "missed_crisis", "self_harm")
    html = admin_client.get("/teach").get_data(as_text=True)
    assert html.index("three") < html.index("two") < html.index("one [NAME]")
    assert 'data-kind="missed_crisis">Missed crisis <span class="count">1</span>' in html
    assert 'data-kind="false_alarm">False alarm <span class="count">0</span>' in html
    only = admin_client.get("/teach?kind=misunderstood").get_data(as_text=True)
    assert "two" in only and "three" not in only and "loneliness" in only


def test_the_export_is_for_admins_and_round_trips_into_eval(app, session):
    crisis = add_conversation(
        session,
        last=NOW,
        flagged=True,
        categories="self_harm",
        texts=["my brother [NAME] annoys me to death lol"],
    )
    plain = add_conversation(
        session,
        last=NOW,
        texts=["i want to kill myself tonight", "nobody ever texts me back", "thanks, that helped"],
    )
    [alarm_turn] = user_turns(session, crisis)
    missed_turn, lonely_turn, thanks_turn = user_turns(session, plain)
    counsellor, admin = app.test_client(), app.test_client()
    login(counsellor, *COUNSELLOR)
    login(admin, *ADMIN)
    mark(counsellor, crisis, alarm_turn, "false_alarm")
    mark(counsellor, plain, missed_turn, "missed_crisis", "suicidal")
    mark(admin, plain, missed_turn, "missed_crisis", "suicidal")  # twice: exported once
    mark(counsellor, plain, lonely_turn, "misunderstood", "loneliness")
    mark(counsellor, plain, thanks_turn, "good_reply")
    assert counsellor.get("/teach/export.zip").status_code == 403
    response = admin.get("/teach/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert "attachment" in response.headers["Content-Disposition"]
    [row] = audit(session, "teach_export")
    assert row.email == ADMIN[0] and "missed_crisis=1" in row.detail
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = {n.split("/")[-1] for n in archive.namelist()}
    assert names == {"crisis.tsv", "nlu.yml", "good_replies.yml", "manifest.json"}
    read = {n.split("/")[-1]: archive.read(n).decode() for n in archive.namelist()}
    body = [ln for ln in read["crisis.tsv"].splitlines() if not ln.startswith("#")]
    assert body == [
        "everyday_other\tmy brother [NAME] annoys me to death lol",
        "suicidal\ti want to kill myself tonight",
    ]
    assert counsellor_marks.nlu_examples(read["nlu.yml"]) == [
        ("loneliness", "nobody ever texts me back")
    ]
    assert counsellor_marks.nlu_examples(read["good_replies.yml"]) == [
        ("greet", "thanks, that helped")
    ]

    # `make eval` reads the export: here with the lexicon for crises and a stand-in classifier.
    export = session.bind.url.database.replace("review.db", "marks.zip")
    with open(export, "wb") as fh:
        fh.write(response.data)
    from bot.crisis.lexicon import detect

    figures = counsellor_marks.main(
        ["--export", export],
        answers=(lambda t: detect(t).matched, lambda t: "loneliness" if "texts" in t else "thank"),
    )
    assert (figures.missed, figures.alarms, figures.misunderstood, figures.good) == (1, 1, 1, 1)
    assert figures.crisis_recall == 1.0 and figures.false_alarm_rate == 0.0
    assert figures.intent_accuracy == 1.0 and figures.good_kept == 0.0  # greet now read as thank


def test_nlu_export_keeps_placeholders_as_plain_text():
    from bot.review.teaching import nlu_text, nlu_yaml

    text = nlu_text("call [NAME](my mum) on [PHONE]{ok}\tor [EMAIL][URL]\nplease")
    yaml_text = nlu_yaml({"vent": [text]}, "t", NOW)
    [(intent, read)] = counsellor_marks.nlu_examples(yaml_text)
    assert (
        intent == "vent" and read == "call [NAME] (my mum) on [PHONE] {ok} or [EMAIL] [URL] please"
    )


def test_delete_my_data_takes_the_marks_with_it(counsellor_client, session):
    conv = add_conversation(session, last=NOW)
    [turn] = user_turns(session, conv)
    mark(counsellor_client, conv, turn, "good_reply")
    assert marks(session)
    cid, pid = conv.id, conv.pseudonym
    forget_pseudonym(session, pid)
    session.commit()
    session.expunge_all()
    assert marks(session) == [] and session.get(Conversation, cid) is None
