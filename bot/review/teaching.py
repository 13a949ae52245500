"""What counsellors' marks become: the "To teach" list, the weekly figures, and the export files.

The export is a zip the developers read and add to the project (nothing is added by itself):

- ``crisis.tsv``: ``category<TAB>message`` lines in the format of the crisis test sets
  (``eval/data/crisis_dev/*.tsv``): a missed crisis under its category, a false alarm under
  ``everyday_other`` (an everyday category of bot/crisis/learned.py);
- ``nlu.yml``: Rasa NLU training data, the misunderstood messages under the intent they should
  have been;
- ``good_replies.yml``: the same format, messages the bot read well under the intent it found
  (regression examples: a change should keep them);
- ``manifest.json``: when, how many of each.

Every message is the anonymised text of the review store, placeholders and all ([NAME], [PHONE]).
A message marked by several counsellors the same way appears once.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.privacy import categories
from bot.privacy.review_store import Turn
from bot.review.models import MarkKind, TurnMark

EVERYDAY = "everyday_other"  # bot/crisis/learned.py OLD_EVERYDAY: an everyday category
FORMAT_VERSION = 1
# Not offered as "what it meant": Rasa's fallback is not something to learn, and a crisis is
# marked as a missed crisis (with its category).
NOT_TEACHABLE_INTENTS = frozenset({"nlu_fallback", "crisis"})
NOT_CATEGORIES = frozenset({"crisis", categories.OTHER})


def crisis_categories() -> list[str]:
    return sorted(categories.crisis_categories() - NOT_CATEGORIES)


def intents() -> list[str]:
    return sorted(categories.intents() - NOT_TEACHABLE_INTENTS)


@dataclass
class Row:
    mark: TurnMark
    turn: Turn


def counts(session: Session) -> dict[str, int]:
    found = Counter(k for (k,) in session.execute(select(TurnMark.kind)))
    return {k.value: found.get(k.value, 0) for k in MarkKind}


def page(
    session: Session, kind: str | None = None, before: int | None = None, size: int = 50
) -> tuple[list[Row], int | None]:
    """Marks newest first (keyset paging by id), each with its turn."""
    stmt = select(TurnMark, Turn).join(Turn, Turn.id == TurnMark.turn_id)
    if kind:
        stmt = stmt.where(TurnMark.kind == kind)
    if before:
        stmt = stmt.where(TurnMark.id < before)
    found = session.execute(stmt.order_by(TurnMark.id.desc()).limit(size + 1)).all()
    rows = [Row(m, t) for m, t in found[:size]]
    return rows, rows[-1].mark.id if len(found) > size and rows else None


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def per_week(session: Session, weeks: int = 12, today: date | None = None):
    """[(monday, missed crises, false alarms)] for the last ``weeks`` weeks, by the week the
    message was sent; a message marked by several counsellors counts once."""
    today = today or datetime.utcnow().date()
    first = week_start(today) - timedelta(weeks=weeks - 1)
    stmt = (
        select(TurnMark.kind, Turn.id, Turn.timestamp)
        .join(Turn, Turn.id == TurnMark.turn_id)
        .where(
            TurnMark.kind.in_([MarkKind.MISSED_CRISIS.value, MarkKind.FALSE_ALARM.value]),
            Turn.timestamp >= datetime.combine(first, time.min),
        )
    )
    seen: dict[tuple[str, date], set] = {}
    for kind, turn_id, when in session.execute(stmt):
        seen.setdefault((kind, week_start(when.date())), set()).add(turn_id)
    out = []
    for i in range(weeks):
        monday = first + timedelta(weeks=i)
        out.append(
            (
                monday,
                len(seen.get((MarkKind.MISSED_CRISIS.value, monday), ())),
                len(seen.get((MarkKind.FALSE_ALARM.value, monday), ())),
            )
        )
    return out


# -- the export files -------------------------------------------------------------------------
_SPACE = re.compile(r"\s+")
# Rasa reads "[text](entity)", "[text]{...}" and "[text][...]" as entity annotations: a
# placeholder right before one of those brackets gets a space, so it stays plain text.
_ANNOTATION = re.compile(r"\](?=[(\[{])")


def one_line(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def nlu_text(text: str) -> str:
    return _ANNOTATION.sub("] ", one_line(text))


def _marked(session: Session, kinds: Iterable[MarkKind]):
    stmt = (
        select(TurnMark, Turn)
        .join(Turn, Turn.id == TurnMark.turn_id)
        .where(TurnMark.kind.in_([k.value for k in kinds]))
        .order_by(TurnMark.id)
    )
    return session.execute(stmt).all()


def crisis_lines(session: Session) -> list[tuple[str, str]]:
    out: dict[tuple[str, str], None] = {}
    for mark, turn in _marked(session, (MarkKind.MISSED_CRISIS, MarkKind.FALSE_ALARM)):
        text = one_line(turn.text)
        if not text:
            continue
        category = mark.label if mark.kind == MarkKind.MISSED_CRISIS.value else EVERYDAY
        out[(category or "unspecified", text)] = None
    return list(out)


def intent_examples(session: Session, kind: MarkKind) -> dict[str, list[str]]:
    out: dict[str, dict[str, None]] = {}
    for mark, turn in _marked(session, (kind,)):
        intent = mark.label if kind is MarkKind.MISUNDERSTOOD else turn.intent
        text = nlu_text(turn.text)
        if intent and text and intent in categories.intents():
            out.setdefault(intent, {})[text] = None
    return {intent: list(texts) for intent, texts in sorted(out.items())}


def crisis_tsv(lines: list[tuple[str, str]], now: datetime) -> str:
    head = [
        f"# Counsellors' crisis marks from the review app, exported {now:%Y-%m-%d %H:%M} UTC.",
        "# format: category<TAB>message, as eval/data/crisis_dev/*.tsv. A missed crisis is under",
        f"# its category; a false alarm (help shown where none was needed) under {EVERYDAY}.",
        "# Messages are anonymised: [NAME], [PHONE] and the like stand for removed details.",
    ]
    return "\n".join(head + [f"{c}\t{t}" for c, t in lines]) + "\n"


def nlu_yaml(examples: dict[str, list[str]], title: str, now: datetime) -> str:
    out = [
        'version: "3.1"',
        f"# {title}, exported from the review app {now:%Y-%m-%d %H:%M} UTC.",
        "# Anonymised: [NAME], [PHONE] and the like stand for removed details. Review each",
        "# example before adding it to data/nlu/ (or to a held-out test set).",
        "nlu:",
    ]
    for intent, texts in examples.items():
        out.append(f"- intent: {intent}")
        out.append("  examples: |")
        out += [f"    - {t}" for t in texts]
    if not examples:
        out[-1] = "nlu: []"
    return "\n".join(out) + "\n"


def export_files(session: Session, now: datetime) -> tuple[dict[str, str], dict[str, int]]:
    lines = crisis_lines(session)
    misunderstood = intent_examples(session, MarkKind.MISUNDERSTOOD)
    good = intent_examples(session, MarkKind.GOOD_REPLY)
    figures = {
        "missed_crisis": sum(c != EVERYDAY for c, _ in lines),
        "false_alarm": sum(c == EVERYDAY for c, _ in lines),
        "misunderstood": sum(len(v) for v in misunderstood.values()),
        "good_reply": sum(len(v) for v in good.values()),
    }
    files = {
        "crisis.tsv": crisis_tsv(lines, now),
        "nlu.yml": nlu_yaml(misunderstood, "Messages counsellors marked as misunderstood", now),
        "good_replies.yml": nlu_yaml(good, "Messages counsellors marked as read well", now),
        "manifest.json": json.dumps(
            {"format": FORMAT_VERSION, "exported_at": now.isoformat(timespec="seconds"), **figures},
            indent=1,
        )
        + "\n",
    }
    return files, figures


def export_zip(session: Session, now: datetime) -> tuple[bytes, dict[str, int]]:
    files, figures = export_files(session, now)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(f"counsellor_marks/{name}", content)
    return buffer.getvalue(), figures
