"""One message through the news guard alone, with a ranking the test chooses (shared by the news
guard's tests: the guard's verdict is read without a trained model)."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.news_guard import NewsQuestionGuard


def guarded(text: str, ranking: list) -> Message:
    """The message after the guard, as DIET's ``ranking`` left it before (top first)."""
    message = Message(
        data={TEXT: text, INTENT: dict(ranking[0]), INTENT_RANKING_KEY: [dict(r) for r in ranking]}
    )
    [out] = NewsQuestionGuard().process([message])
    return out


def intent_of(text: str, top: str = "mood_low", second: str = "vent") -> str:
    """The intent the guard leaves when DIET read ``text`` as ``top``, then ``second``, then
    share_news."""
    ranking = [
        {"name": top, "confidence": 0.7},
        {"name": second, "confidence": 0.2},
        {"name": "share_news", "confidence": 0.1},
    ]
    return guarded(text, ranking).get(INTENT)["name"]
