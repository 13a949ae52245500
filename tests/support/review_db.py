"""The review store as the end-to-end tests read it: one person's turns.

The review store is written after the turn (by the in-process broker or the review worker),
so a test waits for the rows it expects (tests/support/waiting.py) rather than sleeping.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import List, Tuple


def review_turns(db: Path, pid: str, columns: str = "t.speaker, t.text") -> List[Tuple]:
    """``columns`` of the pseudonym's turns in order; [] while the store is not there yet."""
    if not db.exists():
        return []
    con = sqlite3.connect(db)
    try:
        return con.execute(
            f"select {columns} from review_turns t join review_conversations c "
            "on t.conversation_id = c.id where c.pseudonym = ? order by t.id",
            (pid,),
        ).fetchall()
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()
