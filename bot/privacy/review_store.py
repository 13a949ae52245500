"""The anonymised review store: the only data counsellors ever read.

Rows here hold anonymised text and pseudonyms only; raw text and sender ids never
enter (the event broker anonymises before it writes). The database is chosen by
``REVIEW_DB_URL`` (any SQLAlchemy URL), defaulting to a SQLite file under ``var/``.
The review app adds its own tables (counsellors, notes, tags, audit) to the same
``Base`` metadata.

Schema changes: ``init_db`` creates what is missing, adds columns added since a table was made
(``ALTER TABLE ... ADD COLUMN``, each with a default), and brings the rows of an older version
up to date once (``_upgrade``), so an existing review database keeps working after an update.
"""

from __future__ import annotations

import enum
import logging
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
    inspect,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

from bot import settings

logger = logging.getLogger(__name__)

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
    # comma-separated themes (bot/privacy/themes.py: the article's six, and crisis)
    themes = Column(String(512), nullable=False, default="")
    exercises_started = Column(String(512), nullable=False, default="")
    # only exercises that ran to their last step (how each run ended: ExerciseRun)
    exercises_completed = Column(String(512), nullable=False, default="")
    turn_count = Column(Integer, nullable=False, default=0)
    # broker bookkeeping: the exercise (form) running now, the last action that ran
    active_exercise = Column(String(64))
    exercise_stopped = Column(Boolean, nullable=False, default=False)  # unused since ExerciseRun
    last_action = Column(String(64))
    reviewed = Column(Boolean, nullable=False, default=False, index=True)
    # At the top of the counsellors' list: a crisis the bot detected, or one a counsellor marked
    # as missed (bot/review/marks.py).
    follow_up = Column(Boolean, nullable=False, default=False, server_default="0", index=True)

    turns = relationship(
        "Turn", back_populates="conversation", cascade="all, delete-orphan", order_by="Turn.id"
    )
    runs = relationship(
        "ExerciseRun",
        back_populates="conversation",
        cascade="all, delete-orphan",
        order_by="ExerciseRun.id",
    )


class Outcome(str, enum.Enum):
    """How an exercise ended. Only ``completed`` means it reached its last step."""

    COMPLETED = "completed"
    STOPPED = "stopped"  # the person said stop (or goodbye) inside it
    CRISIS = "crisis"  # cut short by the crisis response
    SWITCHED = "switched"  # the person moved to another exercise
    ABANDONED = "abandoned"  # the session ended with it still open


def conversation_ref() -> Column:
    """The column every per-conversation table has: indexed, and the row is deleted with its
    conversation (ON DELETE CASCADE)."""
    return Column(
        Integer,
        ForeignKey("review_conversations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


class ExerciseRun(Base):
    """One exercise in one conversation, from its first step to how it ended (``outcome`` is
    empty while it runs)."""

    __tablename__ = "review_exercise_runs"

    id = Column(Integer, primary_key=True)
    conversation_id = conversation_ref()
    exercise = Column(String(64), nullable=False)
    started_at = Column(DateTime, nullable=False)
    ended_at = Column(DateTime)
    outcome = Column(String(16), index=True)

    conversation = relationship("Conversation", back_populates="runs")


class Turn(Base):
    """One user or bot message, anonymised, with what the bot understood."""

    __tablename__ = "review_turns"

    id = Column(Integer, primary_key=True)
    conversation_id = conversation_ref()
    timestamp = Column(DateTime, nullable=False)
    speaker = Column(String(8), nullable=False)  # "user" or "bot"
    text = Column(Text, nullable=False, default="")  # anonymised
    intent = Column(String(64))
    confidence = Column(Float)
    exercise = Column(String(64))
    crisis = Column(Boolean, nullable=False, default=False)
    crisis_category = Column(String(64))
    # a person's turn: "typed", "button" (text is the title chosen) or "channel" (sent by the
    # channel, such as the widget's hidden /greet: not shown as a message)
    kind = Column(String(8), nullable=False, default="typed", server_default="typed")
    # a bot turn: the titles of the buttons it offered, one a line
    buttons = Column(Text)

    conversation = relationship("Conversation", back_populates="turns")

    @property
    def button_titles(self) -> list:
        return [b for b in (self.buttons or "").split("\n") if b]

    @property
    def shown(self) -> bool:
        """Counsellors see it as a message (channel plumbing is hidden)."""
        return self.kind != "channel"


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
    """Create every table on the shared metadata, add newer columns, upgrade old rows
    (idempotent)."""
    Base.metadata.create_all(engine)
    added = _add_missing_columns(engine)
    if ("review_conversations", "follow_up") in added:
        _upgrade(engine)


def _add_missing_columns(engine: Engine) -> set:
    """Columns of the metadata that an existing table lacks, added (with their defaults)."""
    inspector = inspect(engine)
    added = set()
    for table in Base.metadata.sorted_tables:
        if not inspector.has_table(table.name):
            continue
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            ddl = column.type.compile(dialect=engine.dialect)
            default = column.server_default.arg if column.server_default is not None else None
            clause = f" NOT NULL DEFAULT '{default}'" if default is not None else ""
            with engine.begin() as conn:
                conn.execute(
                    text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {ddl}{clause}')
                )
            logger.warning("review store: added column %s.%s", table.name, column.name)
            added.add((table.name, column.name))
    return added


def _upgrade(engine: Engine) -> None:
    """Rows of a store made before themes, exercise runs and follow-up existed: detected crises go
    to the top of the list, themes are recomputed from the intents of the turns, and each exercise
    started gets a run ended as far as the turns tell: cut short by a crisis when a crisis turn
    fell inside it (and then no longer completed), else completed as recorded, else stopped when
    the person said stop inside it, else left unfinished."""
    from bot.privacy import themes

    stop_intents = set(settings.REVIEW_STOP_INTENTS.get() or ()) | {"goodbye"}
    with engine.begin() as conn:
        conn.execute(text("UPDATE review_conversations SET follow_up = crisis_flagged"))
        per_conv: dict = {}
        for cid, intent, exercise in conn.execute(
            text("SELECT conversation_id, intent, exercise FROM review_turns ORDER BY id")
        ):
            found = per_conv.setdefault(cid, [])
            for theme in (themes.of_intent(intent), themes.of_exercise(exercise)):
                if theme and theme not in found:
                    found.append(theme)
        inside: dict = {}
        for cid, exercise, crisis, intent in conn.execute(
            text(
                "SELECT conversation_id, exercise, crisis, intent FROM review_turns "
                "WHERE exercise IS NOT NULL AND speaker = 'user'"
            )
        ):
            seen = inside.setdefault((cid, exercise), set())
            if crisis:
                seen.add("crisis")
            if intent in stop_intents:
                seen.add("stop")
        rows = conn.execute(
            text(
                "SELECT id, started_at, last_event_at, exercises_started, exercises_completed "
                "FROM review_conversations"
            )
        ).fetchall()
        for cid, started_at, last_at, started, completed in rows:
            done = [e for e in (completed or "").split(",") if e]
            for name in [e for e in (started or "").split(",") if e]:
                seen = inside.get((cid, name), set())
                if "crisis" in seen:
                    outcome = Outcome.CRISIS.value
                    done = [e for e in done if e != name]
                elif name in done:
                    outcome = Outcome.COMPLETED.value
                else:
                    outcome = (Outcome.STOPPED if "stop" in seen else Outcome.ABANDONED).value
                conn.execute(
                    text(
                        "INSERT INTO review_exercise_runs "
                        "(conversation_id, exercise, started_at, ended_at, outcome) "
                        "VALUES (:c, :e, :s, :x, :o)"
                    ),
                    {"c": cid, "e": name, "s": started_at, "x": last_at, "o": outcome},
                )
            conn.execute(
                text(
                    "UPDATE review_conversations SET themes = :t, exercises_completed = :d "
                    "WHERE id = :id"
                ),
                {"t": ",".join(per_conv.get(cid, []))[:500], "d": ",".join(done), "id": cid},
            )


def forget_pseudonym(session, pseudonym: str) -> int:
    """Delete every conversation of one pseudonym with its turns, exercise runs and everything
    the review app hangs on it (its tables cascade); returns the conversations deleted."""
    ids = [
        cid for (cid,) in session.query(Conversation.id).filter(Conversation.pseudonym == pseudonym)
    ]
    if not ids:
        return 0
    session.query(Turn).filter(Turn.conversation_id.in_(ids)).delete(synchronize_session=False)
    session.query(ExerciseRun).filter(ExerciseRun.conversation_id.in_(ids)).delete(
        synchronize_session=False
    )
    return int(
        session.query(Conversation)
        .filter(Conversation.id.in_(ids))
        .delete(synchronize_session=False)
    )


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)
