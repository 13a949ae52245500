"""Tables the review app owns, on the review store's shared ``Base``.

Counsellor accounts, shared tags, private notes, counsellors' marks on turns (what the
bot should learn), the audit log and the login throttle live next to the anonymised conversations so that one database (one
``REVIEW_DB_URL``) holds everything a counsellor sees. Tags and notes cascade
with their conversation, so "delete my data" removes them too; audit rows keep
a plain conversation id (no foreign key) so that the record of who read what
outlives the conversation itself.
"""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import relationship

from bot.privacy.review_store import Base, Conversation, conversation_ref, init_db


def _utcnow() -> datetime:
    return datetime.utcnow()


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class Counsellor(Base):
    """A person allowed to read the review store (created on the command line)."""

    __tablename__ = "review_counsellors"

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    is_admin = Column(Boolean, nullable=False, default=False)
    active = Column(Boolean, nullable=False, default=True)
    created = Column(DateTime, nullable=False, default=_utcnow)
    last_login = Column(DateTime)
    # Part of the login cookie: rotating it signs every session of this person out.
    session_token = Column(String(64), nullable=False, default=new_session_token)

    # Flask-Login's user protocol.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return bool(self.active)

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"


class ConversationTag(Base):
    """A short label on a conversation, shared by all counsellors."""

    __tablename__ = "review_tags"
    __table_args__ = (UniqueConstraint("conversation_id", "label", name="uq_review_tag"),)

    id = Column(Integer, primary_key=True)
    conversation_id = conversation_ref()
    label = Column(String(40), nullable=False, index=True)
    author_id = Column(Integer, ForeignKey("review_counsellors.id", ondelete="SET NULL"))
    created = Column(DateTime, nullable=False, default=_utcnow)


class ConversationNote(Base):
    """A private note: only its author ever sees it."""

    __tablename__ = "review_notes"

    id = Column(Integer, primary_key=True)
    conversation_id = conversation_ref()
    author_id = Column(
        Integer, ForeignKey("review_counsellors.id", ondelete="CASCADE"), nullable=False, index=True
    )
    body = Column(Text, nullable=False)
    created = Column(DateTime, nullable=False, default=_utcnow)

    author = relationship("Counsellor")


class MarkKind(str, enum.Enum):
    """What a counsellor says about how the bot read one of the person's messages."""

    MISSED_CRISIS = "missed_crisis"  # it should have shown help (with the crisis category)
    FALSE_ALARM = "false_alarm"  # it showed help and should not have
    MISUNDERSTOOD = "misunderstood"  # it took the message for the wrong intent (with the right one)
    GOOD_REPLY = "good_reply"  # it answered well: keep it that way

    @property
    def label(self) -> str:
        return MARK_LABELS[self]


MARK_LABELS = {
    MarkKind.MISSED_CRISIS: "Missed crisis",
    MarkKind.FALSE_ALARM: "False alarm",
    MarkKind.MISUNDERSTOOD: "Misunderstood",
    MarkKind.GOOD_REPLY: "Good reply",
}


class TurnMark(Base):
    """A counsellor's mark on one of the person's turns. Shared with every counsellor (they are
    what the developers learn from); withdrawn only by its author. It holds no text of its own:
    the turn's anonymised text is read when marks are listed or exported, so "delete my data"
    (which deletes the turn) takes the mark with it."""

    __tablename__ = "review_marks"
    __table_args__ = (UniqueConstraint("turn_id", "author_id", "kind", name="uq_review_mark"),)

    id = Column(Integer, primary_key=True)
    turn_id = Column(
        Integer, ForeignKey("review_turns.id", ondelete="CASCADE"), nullable=False, index=True
    )
    conversation_id = conversation_ref()
    author_id = Column(
        Integer, ForeignKey("review_counsellors.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind = Column(String(16), nullable=False, index=True)
    # missed crisis: a crisis category (bot/privacy/categories.py); misunderstood: an intent
    label = Column(String(64))
    created = Column(DateTime, nullable=False, default=_utcnow, index=True)

    turn = relationship("Turn")
    author = relationship("Counsellor")


class AuditEntry(Base):
    """Who did what, when: logins, opened conversations, exports, reviews."""

    __tablename__ = "review_audit"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=_utcnow, index=True)
    counsellor_id = Column(
        Integer, ForeignKey("review_counsellors.id", ondelete="SET NULL"), index=True
    )
    email = Column(String(254))  # as typed for failed logins; kept if the account goes
    action = Column(String(32), nullable=False, index=True)
    conversation_id = Column(Integer, index=True)  # no FK: the record outlives the conversation
    detail = Column(String(500), nullable=False, default="")
    ip = Column(String(64))

    counsellor = relationship("Counsellor")


class LoginThrottle(Base):
    """Failed-login state per key ("account:<email>" or "ip:<address>")."""

    __tablename__ = "review_login_throttle"

    key = Column(String(300), primary_key=True)
    failures = Column(Integer, nullable=False, default=0)
    last_failure = Column(DateTime)
    not_before = Column(DateTime)  # no attempt is checked before this moment
    locked_until = Column(DateTime)


# The list page orders by (follow-up, last activity, id), all descending: one index
# serves the ordering and the keyset condition.
LIST_ORDER_INDEX = Index(
    "ix_review_conv_follow_up_order",
    Conversation.follow_up,
    Conversation.last_event_at,
    Conversation.id,
)


def init_review_app_db(engine: Engine) -> None:
    """Create the store's and the app's tables, and the list index on an existing table."""
    init_db(engine)
    LIST_ORDER_INDEX.create(engine, checkfirst=True)
