"""The review event broker: Rasa events in, anonymised rows in the review store out.

One job a module: ``events`` (Rasa event dict -> typed operations, anonymised), ``ops`` (the
operations and their JSON form on the spool), ``spool`` (bounded queue, on-disk spool, ordered
retries), ``writer`` (operations -> review store, one transaction per batch) and ``adapter`` (the
Rasa ``EventBroker`` that joins them). The names below are the stable surface:
``endpoints.yml`` names ``bot.privacy.broker.ReviewEventBroker``, and a review worker reading
Rasa's events from a queue calls ``ReviewWriter(url).write(to_ops(event))``.
"""

from bot.privacy.broker.adapter import ReviewEventBroker
from bot.privacy.broker.events import FORGET_ACTION, OFFERED, RECENT, crisis_of, to_ops
from bot.privacy.broker.memory import OfferedButtons, RecentTexts
from bot.privacy.broker.ops import Op, OpKind
from bot.privacy.broker.writer import ReviewWriter

__all__ = [
    "FORGET_ACTION",
    "OFFERED",
    "RECENT",
    "OfferedButtons",
    "Op",
    "OpKind",
    "RecentTexts",
    "ReviewEventBroker",
    "ReviewWriter",
    "crisis_of",
    "to_ops",
]
