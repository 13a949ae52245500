"""Whether a message inside an exercise turns the exercise itself down ("can we not", "this isn't
helping", "i'd rather not"), however NLU read it.

Why a reader of its own: a form takes every message as an answer unless NLU said stop, and NLU
reads many ways of saying no to the exercise as something else (deny, vent, a fallback). Taken as
an answer, the refusal was quoted back and the exercise went on: the person could not stop. The
reader is strict on purpose, because answers are often negative ("i don't want to fail again",
"nothing is working at work", "no"): the whole message must be the refusal, a few soft words
around it ("ok", "honestly", "sorry", "right now"), or the refusal followed by a clause after a
comma or "but" ("this isn't helping, i still feel sick"). A bare "no" or "nah" is an answer.
"""

from __future__ import annotations

import re
from typing import Optional

from actions.common import clean_text
from bot.nlu.short_reply import fold

_LEAD = r"(?:(?:ok(?:ay)?|um+|hm+|honestly|actually|sorry|tbh|no+|nah+|nope|yeah|ugh+|look|idk|i mean|please|pls|plz)[,.!]*\s+)*"
_IT = r"(?:this|that|it|the exercise|this exercise|these questions|this whole thing)"
_NOT = r"(?:not|n'?t|isnt|aint|is not|is ?n'?t|wasn'?t|wasnt|was not)"
_REFUSALS = (
    # asking not to, or to stop: "can we not", "could we stop this", "lets not"
    r"(?:can|could|cud|shall) (?:we|i|u|you) (?:please )?(?:not|stop|quit|skip|drop|leave|end|pause)"
    r"(?: (?:do|doing|continue))?(?: (?:this|that|it|here|there))?",
    rf"(?:let'?s|lets|let us) (?:not|stop|quit|skip|drop|leave|end|pause)(?: {_IT}| here| there)?",
    # saying it does not help: "this isn't helping", "it's not working", "doesn't help"
    rf"(?:{_IT}(?: is|'s|s)? )?{_NOT} (?:helping|working|doing anything|doing much|for me|my thing)"
    r"(?: (?:at all|for me|rn|right now))?",
    rf"(?:{_IT} )?(?:doesn'?t|doesnt|does not|didn'?t|didnt|did not|won'?t|wont|will not|"
    r"isn'?t going to|aint gonna) "
    r"(?:help|work|do anything)(?: (?:at all|for me|me))?",
    rf"{_IT}(?: is|'s|s|feels|seems)? (?:so |really |kinda |kind of )?(?:useless|pointless|stupid|dumb|"
    r"silly|boring|cringe|a waste of time|too much|not for me)",
    # not wanting to go on: "i don't want to do this", "i'd rather not", "not in the mood"
    rf"(?:i )?(?:don'?t|dont|do not|really don'?t) (?:want|wanna|feel like) (?:to )?"
    rf"(?:do|doing|continue|continuing|keep going|carry on|go on|answer|answering)(?: {_IT}| any ?more)*",
    r"i(?:'?d| would) (?:rather|prefer) (?:not|stop)(?: to)?(?: do (?:this|that|it))?",
    rf"i(?:'?m| am) not (?:doing|feeling|into|up for|in the mood for) {_IT}",
    r"(?:i(?:'?m| am) )?not (?:in the mood|feeling it|up for (?:it|this))",
    r"(?:i )?(?:can'?t|cant|cannot) do (?:this|it)(?: (?:right )?now| any ?more| today)?",
    r"(?:please )?(?:stop|enough|forget it|never ?mind|nvm|no more)(?: (?:please|pls|this|it))?",
)
_TAIL = (
    r"(?:[\s,.!]+(?:(?:right )?now|rn|any ?more|please|pls|plz|thanks|thx|sorry|lol|tbh|honestly|"
    r"ok(?:ay)?|today|tonight))*"
)
REFUSAL = re.compile(
    rf"^{_LEAD}(?:{'|'.join(_REFUSALS)}){_TAIL}(?:\W*$|\s*[,.;!-]+\s*\S.*$|\s+but\s+\S.*$)"
)


def is_refusal(text: Optional[str]) -> bool:
    """True when the message says no to the exercise itself (see the module docstring)."""
    lowered = fold(clean_text(text))
    if not lowered or lowered.startswith("/") or len(lowered.split()) > 30:
        return False
    return bool(REFUSAL.match(lowered))
