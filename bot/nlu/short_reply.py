"""How a short reply is read: one normalisation, and the readers of replies that hold no answer.

`fold` is the one way our strict whole-message readers see a reply (lower case, curly
apostrophes straightened, runs of spaces made one): the refusal reader (actions/refusal.py), the
not-knowing reader below, the "I'm safe now" reader (bot/crisis/aftercare.py) and the news guard
each had their own copy. The readers here say what a reply is when it is not an answer: not
knowing ("idk"), a pause with no words ("...", "hmm", an emoji alone), or a tentative yes
("maybe", "could try"). They are strict on purpose: the whole message must be that and nothing
more ("idk what to do about my job" tells something; "maybe later" and "i guess not" say no).
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


# A sound of thinking, not a word: "hmm", "umm", "uhh", "erm".
_FILLER = re.compile(r"^((h+m+|u+m+|u+h+m*|e+r+m*|a+h+)\W*)+$")


def is_pause(text: Any) -> bool:
    """A reply with no words in it: dots, a question mark, an emoji alone, or a sound of thinking
    ("...", "…", "🤔", "hmm"). Someone still thinking, not someone leaving."""
    if not isinstance(text, str):
        return False
    folded = fold(text)
    if not folded or folded.startswith("/"):
        return False
    return not any(ch.isalnum() for ch in folded) or bool(_FILLER.match(folded))


_SOFT = r"(?:(?:ok(?:ay)?|um+|hm+|erm*|well|yeah|yea|ya|i mean|sure|so|lol)[,.!]*\s+)*"
_HEDGE = (
    r"(?:maybe|mayb|perhaps|possibly|probably|i guess|i suppose|i think so|might as well|"
    r"(?:i|we) (?:could|can|might|may) (?:try|give it a (?:try|go|shot)|do (?:it|that|this))|"
    r"(?:could|can|might) (?:try|give it a (?:try|go|shot))(?: (?:it|that|this))?|"
    r"worth a (?:try|go|shot)|i'?ll try|i will try|i can try|kinda|sort of|i don'?t mind|why not i guess)"
)
_TAIL = r"(?:[\s,.!]+(?:it|that|this|so|then|lol|tbh|i guess|ig|i suppose|maybe|once|idk))*"
TENTATIVE = re.compile(rf"^{_SOFT}{_HEDGE}{_TAIL}\W*$")
# A word of no or of another time turns the hedge into a no: "maybe not", "maybe later".
_NOT_NOW = re.compile(
    r"\b(not|no|nah|n't|never|later|another|other|tomorrow|next|some ?time|someday|rather)\b"
)


def is_tentative(text: Any) -> bool:
    """A hedged yes and nothing more: "maybe", "i guess", "could try", "worth a shot". Never a
    no or a "not now" ("maybe not", "maybe later", "i guess not")."""
    if not isinstance(text, str):
        return False
    folded = fold(text)
    return bool(TENTATIVE.match(folded)) and not _NOT_NOW.search(folded)
