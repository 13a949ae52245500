"""The anonymised review store: the only data counsellors ever read.

Rows here hold anonymised text and pseudonyms only; raw text and sender ids never
enter (the event broker anonymises before it writes). The database is chosen by
``REVIEW_DB_URL`` (any SQLAlchemy URL), defaulting to a SQLite file under ``var/``.
The review app adds its own tables (counsellors, notes, tags, audit) to the same
``Base`` metadata.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

from bot import settings

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = settings.REVIEW_DB_URL.default

Base = declarative_base()


class Conversation(Base):
    """One conversation session of one (pseudonymous) person."""

    __tablename__ = "review_conversations"

    id = Column(Integer, primary_key=True)
    pseudonym = Column(String(64), nullable=False, index=True)
    session_key = Column(String(128), nullable=False, unique=True)
    channel = Column(String(32))
    started_at = Column(DateTime, nullable=False, index=True)
    last_event_at = Column(DateTime, nullable=False, index=True)
    crisis_flagged = Column(Boolean, nullable=False, default=False, index=True)
    crisis_categories = Column(String(255), nullable=False, default="")  # comma-separated
    themes = Column(String(512), nullable=False, default="")  # comma-separated intents seen
    exercises_started = Column(String(512), nullable=False, default="")
    exercises_completed = Column(String(512), nullable=False, default="")
    turn_count = Column(Integer, nullable=False, default=0)
    # broker bookkeeping: the exercise (form) running now, and whether "stop" was said in it
    active_exercise = Column(String(64))
    exercise_stopped = Column(Boolean, nullable=False, default=False)
    reviewed = Column(Boolean, nullable=False, default=False, index=True)

    turns = relationship(
        "Turn", back_populates="conversation", cascade="all, delete-orphan", order_by="Turn.id"
    )


class Turn(Base):
    """One user or bot message, anonymised, with what the bot understood."""

    __tablename__ = "review_turns"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(
        Integer,
        ForeignKey("review_conversations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )
    timestamp = Column(DateTime, nullable=False)
    speaker = Column(String(8), nullable=False)  # "user" or "bot"
    text = Column(Text, nullable=False, default="")  # anonymised
    intent = Column(String(64))
    confidence = Column(Float)
    exercise = Column(String(64))
    crisis = Column(Boolean, nullable=False, default=False)
    crisis_category = Column(String(64))

    conversation = relationship("Conversation", back_populates="turns")


def review_db_url() -> str:
    return settings.REVIEW_DB_URL.get()


def make_engine(url: str | None = None) -> Engine:
    """Create an engine (and the SQLite folder), with foreign keys enforced on SQLite."""
    url = url or review_db_url()
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _fk_on(dbapi_conn, _record):  # pragma: no cover - trivial
            dbapi_conn.execute("PRAGMA foreign_keys=ON")

    return engine


def init_db(engine: Engine) -> None:
    """Create every table on the shared metadata (idempotent)."""
    Base.metadata.create_all(engine)


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)
