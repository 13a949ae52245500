"""What the adapter remembers of each conversation between events, in this process only.

- the last few raw texts, so a detail given in answer to "what's your username?" is recognised
  by the anonymiser's context window (bot/privacy/anonymiser.py);
- the buttons the bot offered since the person last spoke, so a button press (its payload,
  ``/deny``) is recorded as the title the person chose ("No, thanks").

Both are bounded (conversations and entries), kept only in the memory of the process that holds
the raw tracker anyway (the Rasa server, or the review worker), and dropped when a person asks to
be forgotten.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from typing import Any, Deque, Dict, List, Optional


class _PerSender:
    """An LRU of conversations, each with a small value; thread-safe."""

    def __init__(self, conversations: int) -> None:
        self.conversations = conversations
        self._items: "OrderedDict[str, Any]" = OrderedDict()
        self._lock = threading.Lock()

    def _put(self, sender: str, value: Any) -> None:
        self._items.pop(sender, None)
        self._items[sender] = value
        while len(self._items) > self.conversations:
            self._items.popitem(last=False)

    def forget(self, sender: str) -> None:
        with self._lock:
            self._items.pop(sender, None)


class RecentTexts(_PerSender):
    """The last ``per_conversation`` raw texts of each conversation."""

    def __init__(self, per_conversation: int = 2, conversations: int = 10_000) -> None:
        super().__init__(conversations)
        self.per_conversation = per_conversation

    def before(self, sender: str) -> List[str]:
        with self._lock:
            return list(self._items.get(sender, ()))

    def add(self, sender: str, text: Any) -> None:
        if not isinstance(text, str) or not text:
            return
        with self._lock:
            texts: Deque[str] = self._items.get(sender) or deque(maxlen=self.per_conversation)
            texts.append(text)
            self._put(sender, texts)


class OfferedButtons(_PerSender):
    """payload -> title of the buttons the bot sent since the person's last message."""

    def __init__(self, per_conversation: int = 40, conversations: int = 10_000) -> None:
        super().__init__(conversations)
        self.per_conversation = per_conversation

    def offer(self, sender: str, buttons: Any) -> None:
        pairs = [
            (b["payload"].strip(), b["title"])
            for b in (buttons if isinstance(buttons, list) else [])
            if isinstance(b, dict)
            and isinstance(b.get("payload"), str)
            and isinstance(b.get("title"), str)
        ]
        if not pairs:
            return
        with self._lock:
            offered: Dict[str, str] = dict(self._items.get(sender) or {})
            offered.update(pairs[: self.per_conversation])
            self._put(sender, offered)

    def chosen(self, sender: str, text: Any) -> Optional[str]:
        """The title of the offered button whose payload ``text`` is, if any; the offer ends
        with the person's message either way."""
        with self._lock:
            offered = self._items.pop(sender, None) or {}
        return offered.get(text.strip()) if isinstance(text, str) else None
