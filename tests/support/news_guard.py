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
