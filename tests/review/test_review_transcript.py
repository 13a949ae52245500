"""The transcript page: a chat with quiet labels, crisis highlighted, reviewed, tags, private notes, audit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.privacy.review_store import Conversation
from bot.review.models import AuditEntry, ConversationNote, ConversationTag
from tests.review.helpers import ADMIN, COUNSELLOR, add_conversation, csrf_token, login


def conv_url(conv):
    return f"/conversations/{conv.id}"


def test_turns_are_shown_as_a_chat_with_labels(admin_client, session):
    conv = add_conversation(
        session,
        last=datetime(2026, 11, 1),
        flagged=True,
        categories="suicidal_ideation",
        texts=["i feel like [NAME] doesnt care", "whats the point"],
        themes="self_compassion",
        started="self_compassion_form",
        completed="self_compassion_form",
    )
    html = admin_client.get(conv_url(conv)).get_data(as_text=True)
    assert html.count('class="turn turn--user') == 2 and html.count('class="turn turn--bot') == 2
    assert "i feel like [NAME] doesnt care" in html
    assert "intent greet" in html and "confidence 0.90" in html
    assert "turn--crisis" in html and "Crisis: suicidal ideation" in html
    assert "Crisis flagged" in html and "self compassion: ✓ completed" in html
    assert conv.pseudonym[:12] in html and conv.pseudonym not in html  # shortened pseudonym only


def test_every_open_is_audited(counsellor_client, session):
    conv = add_conversation(session, last=datetime(2026, 11, 1))
    counsellor_client.get(conv_url(conv))
    counsellor_client.get(conv_url(conv))
    rows = (
        session.execute(select(AuditEntry).where(AuditEntry.action == "open_conversation"))
        .scalars()
        .all()
    )
    assert [(r.email, r.conversation_id) for r in rows] == [(COUNSELLOR[0], conv.id)] * 2
    assert all(r.counsellor_id is not None and r.at is not None for r in rows)


def test_unknown_conversation_is_404(admin_client):
    assert admin_client.get("/conversations/424242").status_code == 404


def test_mark_reviewed_and_back(admin_client, session):
    conv = add_conversation(session, last=datetime(2026, 11, 1))
    token = csrf_token(admin_client, conv_url(conv))
    response = admin_client.post(
        conv_url(conv) + "/reviewed",
        data={"reviewed": "y", "csrf_token": token, "back": "flagged=yes&evil=1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/conversations/{conv.id}?back=flagged%3Dyes")
    session.expire_all()
    assert session.get(Conversation, conv.id).reviewed is True
    html = admin_client.get(conv_url(conv)).get_data(as_text=True)
    assert "Mark as not reviewed" in html
    admin_client.post(conv_url(conv) + "/reviewed", data={"csrf_token": token})
    session.expire_all()
    assert session.get(Conversation, conv.id).reviewed is False
    actions = (
        session.execute(select(AuditEntry.action).where(AuditEntry.conversation_id == conv.id))
        .scalars()
        .all()
    )
    assert "mark_reviewed" in actions and "mark_unreviewed" in actions


def test_tags_are_added_normalised_once_and_removed(admin_client, session):
    conv = add_conversation(session, last=datetime(2026, 11, 1))
    token = csrf_token(admin_client, conv_url(conv))
    admin_client.post(
        conv_url(conv) + "/tags", data={"label": "  Follow   UP ", "csrf_token": token}
    )
    response = admin_client.post(
        conv_url(conv) + "/tags",
        data={"label": "follow up", "csrf_token": token},
        follow_redirects=True,
    )
    assert "already has the tag" in response.get_data(as_text=True)
    bad = admin_client.post(
        conv_url(conv) + "/tags", data={"label": "a,b", "csrf_token": token}, follow_redirects=True
    )
    assert "cannot contain commas" in bad.get_data(as_text=True)
    tags = session.execute(select(ConversationTag)).scalars().all()
    assert [t.label for t in tags] == ["follow up"]
    assert "follow up" in admin_client.get("/conversations").get_data(as_text=True)
    admin_client.post(f"{conv_url(conv)}/tags/{tags[0].id}/delete", data={"csrf_token": token})
    session.expire_all()
    assert session.execute(select(ConversationTag)).first() is None


def test_notes_are_private_to_their_author(app, session):
    conv = add_conversation(session, last=datetime(2026, 11, 1))
    counsellor = app.test_client()
    login(counsellor, *COUNSELLOR)
    token = csrf_token(counsellor, conv_url(conv))
    counsellor.post(
        conv_url(conv) + "/notes",
        data={"body": "call back about [NAME]'s exam", "csrf_token": token},
    )
    assert "call back about [NAME]&#39;s exam" in counsellor.get(conv_url(conv)).get_data(
        as_text=True
    )

    admin = app.test_client()
    login(admin, *ADMIN)
    assert "call back about" not in admin.get(conv_url(conv)).get_data(as_text=True)
    note = session.execute(select(ConversationNote)).scalar_one()
    admin_token = csrf_token(admin, conv_url(conv))
    assert (
        admin.post(
            f"{conv_url(conv)}/notes/{note.id}/delete", data={"csrf_token": admin_token}
        ).status_code
        == 404
    )
    assert session.execute(select(ConversationNote)).first() is not None
    counsellor.post(f"{conv_url(conv)}/notes/{note.id}/delete", data={"csrf_token": token})
    session.expire_all()
    assert session.execute(select(ConversationNote)).first() is None


def test_empty_or_huge_note_is_refused(admin_client, session):
    conv = add_conversation(session, last=datetime(2026, 11, 1))
    token = csrf_token(admin_client, conv_url(conv))
    admin_client.post(conv_url(conv) + "/notes", data={"body": "   ", "csrf_token": token})
    admin_client.post(conv_url(conv) + "/notes", data={"body": "x" * 4001, "csrf_token": token})
    assert session.execute(select(ConversationNote)).first() is None


def test_deleting_a_conversation_takes_its_tags_and_notes_but_keeps_the_audit(
    admin_client, session
):
    conv = add_conversation(session, last=datetime(2026, 11, 1))
    token = csrf_token(admin_client, conv_url(conv))
    admin_client.post(conv_url(conv) + "/tags", data={"label": "x", "csrf_token": token})
    admin_client.post(conv_url(conv) + "/notes", data={"body": "y", "csrf_token": token})
    session.expire_all()
    session.delete(session.get(Conversation, conv.id))  # as "delete my data" does
    session.commit()
    assert session.execute(select(ConversationTag)).first() is None
    assert session.execute(select(ConversationNote)).first() is None
    assert (
        session.execute(select(AuditEntry).where(AuditEntry.conversation_id == conv.id)).first()
        is not None
    )


def test_forget_by_bulk_delete_also_takes_tags_and_notes(admin_client, session):
    """The broker's "delete my data" deletes rows in bulk (no ORM cascade): the DB cascades."""
    from bot.privacy.review_store import Turn

    conv = add_conversation(session, last=datetime(2026, 11, 1))
    token = csrf_token(admin_client, conv_url(conv))
    admin_client.post(conv_url(conv) + "/tags", data={"label": "x", "csrf_token": token})
    admin_client.post(conv_url(conv) + "/notes", data={"body": "y", "csrf_token": token})
    session.query(Turn).filter(Turn.conversation_id == conv.id).delete(synchronize_session=False)
    session.query(Conversation).filter(Conversation.id == conv.id).delete(synchronize_session=False)
    session.commit()
    assert session.execute(select(ConversationTag)).first() is None
    assert session.execute(select(ConversationNote)).first() is None
