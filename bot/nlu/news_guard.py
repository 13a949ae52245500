"""News is told, not asked, and bad news is not good news: neither is answered as news.

DIET without a transformer sees a message as a bag of words and character n-grams, and
`share_news` has examples about every everyday topic (food, pets, bikes, trips), so a request on
one of those topics ("how do i fix a puncture on my bike", "what's the best food for a kitten")
could be read as news and answered "That's lovely to hear". This component runs after DIET: when
the top intent is `share_news` or `mood_great` and the message is phrased as a question or a
request, those intents drop to the bottom of the ranking and the next guess leads (usually
`out_of_scope`); the FallbackClassifier after it still turns a weak guess into "not sure".
The same happens when the words name a loss ("my mum's scan showed the cancer is back", "our
dog died"): told in the shape of news, they must never get "That's lovely to hear".
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

NEWS_INTENTS = frozenset({"share_news", "mood_great"})

# How questions and requests open. News that starts with "what a day", "when i got home" or
# "who knew" is not matched: each opener needs the word that makes it a question.
_OPENERS = (
    r"how (do|does|did|can|could|should|would|long|many|much|often|far|old|big|tall|to)\b",
    r"(what|wat|wot)('?s| is| are| was| were| should| can| do| does| time| day| year| to)\b",
    r"whats\b",
    r"(where|which)\b",
    r"who('?s| is| are| was| won| wrote| sings| plays| invented| painted| discovered)\b",
    r"why (is|are|do|does|did|won'?t|can'?t|isn'?t|doesn'?t|would|should)\b",
    r"when('?s| is| are| does| do| will| should| can)\b",
    r"(can|could|would|will) (you|u|i|we)\b",
    r"(should|shall|do|does|am) (i|we|you|u)\b",
    r"(is|are) (it|there|this|that|they|the)\b",
    r"(recommend|suggest|explain|translate|calculate|define|convert)\b",
    r"any (tips|ideas|suggestions|recommendations|advice)\b",
    r"(recommend|suggest|tell|give|show|find|book|get|help|teach|explain|remind|write|make) "
    r"(me|us)\b",
    r"(please|pls|plz)\b",
)
QUESTION = re.compile(r"^\W*(?:" + "|".join(_OPENERS) + r")")
# Words that name a loss or bad news whatever else the message says (also read by the fallback
# reply, actions/fallback.py). Feelings are left out on purpose: "bit nervous but it went fine"
# is news.
LOSS = re.compile(
    r"\b(died|dead|death|passed (away|on)|funeral|(be|been|was|were) put down|cancer|tumou?r|"
    r"lump|biopsy|diagnos\w*|terminal|chemo|redundan\w*|laid off|sacked|(got|been|was) fired|"
    r"dumped|broke up|split up|divorc\w*|miscarr\w*|evicted|burgled)\b"
)


def tells_loss(text: Text) -> bool:
    """True when the message names a loss or bad news (see LOSS)."""
    return bool(LOSS.search((text or "").lower()))


def asks(text: Text) -> bool:
    """True when the message is phrased as a question or a request to the bot."""
    lowered = " ".join((text or "").lower().split())
    return bool(QUESTION.search(lowered)) or lowered.rstrip(" .!)😊🙂").endswith("?")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class NewsQuestionGuard(GraphComponent):
    """Demotes a news or good-mood guess for a message that asks for something or names a loss."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "NewsQuestionGuard":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            text = message.get(TEXT) or ""
            if intent.get("name") in NEWS_INTENTS and (asks(text) or tells_loss(text)):
                ranking = message.get(INTENT_RANKING_KEY) or [intent]
                others = [dict(r) for r in ranking if r.get("name") not in NEWS_INTENTS]
                demoted = [dict(r) for r in ranking if r.get("name") in NEWS_INTENTS]
                if others:
                    message.set(INTENT, dict(others[0]), add_to_output=True)
                    message.set(INTENT_RANKING_KEY, others + demoted, add_to_output=True)
        return messages
