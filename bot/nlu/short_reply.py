"""How a short reply is read: one normalisation, and the reader of a reply that holds no answer.

`fold` is the one way our strict whole-message readers see a reply (lower case, curly
apostrophes straightened, runs of spaces made one): the refusal reader (actions/refusal.py), the
not-knowing reader below, the "I'm safe now" reader (bot/crisis/aftercare.py) and the news guard
each had their own copy. The reader here says when a reply is not an answer but not knowing
("idk"). It is strict on purpose: the whole message must be that and nothing more ("idk what to
do about my job" tells something).
"""

from __future__ import annotations

import re
from typing import Any, Optional


def fold(text: Optional[str]) -> str:
    """Lower case, curly apostrophes straightened, runs of spaces made one (and trimmed)."""
    return " ".join((text or "").lower().replace("\u2019", "'").split())


# "idk", "dunno", "nothing really": no answer yet. Taken as one, it was quoted back as if it
# were the person's words ('Keeping "idk" in mind...', 'That's a real strength: "dunno"').
NOT_SURE = re.compile(
    r"^(idk+|dunno|duno|i ?(dunno|dont know|don'?t know|do not know|have no idea|'?m not sure|am not sure)|"
    r"no idea|not sure|unsure|no clue|nothing( really| comes to mind)?|can'?t think( of anything)?|"
    r"idc|whatever|hm+|um+|\?+)( (really|tbh|honestly|lol|sorry|either|yet))*\W*$"
)


def is_unsure(text: Any) -> bool:
    """A reply that says only that the person does not know ("idk", "no idea")."""
    return isinstance(text, str) and bool(NOT_SURE.match(fold(text)))
