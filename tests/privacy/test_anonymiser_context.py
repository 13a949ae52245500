"""The context window: a detail announced in one message and given in the next.

``anonymise(text, context=[earlier messages])`` and ``ConversationAnonymiser`` read the
new message with the cue of the earlier ones; without a cue nothing changes.
"""

from __future__ import annotations

import pytest

from bot.privacy.anonymiser import ConversationAnonymiser, anonymise, find


@pytest.mark.parametrize(
    "before, text, detail, label",
    [
        ("what's your username?", "skyler_b", "skyler_b", "HANDLE"),
        ("my insta is", "moonpie", "moonpie", "HANDLE"),
        (["hey", "add me on snap, it's"], "its reece.jpg", "reece.jpg", "HANDLE"),
        ("whats ur name", "tavi", "tavi", "NAME"),
        ("what should i call you", "Hope", "Hope", "NAME"),
        ("my number is", "07700 900 123", "900 123", "PHONE"),
        (
            "my mums mobile:",
            "seven seven double oh nine one two three four",
            "nine one two",
            "PHONE",
        ),
        ("where do u live", "14 maple", "14 maple", "ADDRESS"),
        ("what's your email", "kira at outlook", "kira", "EMAIL"),
        ("which town are you in", "Wolverhampton", "Wolverhampton", "LOCATION"),
    ],
)
def test_detail_given_after_its_cue(before, text, detail, label):
    out = anonymise(text, context=before)
    assert detail.lower() not in out.lower(), out
    assert f"[{label}]" in out or "[" in out, out


@pytest.mark.parametrize(
    "before, text",
    [
        ("what's your username?", "why"),
        ("my insta is", "private lol"),
        ("whats ur name", "i'd rather not say"),
        ("my number is", "not something i give out"),
        ("i feel awful", "i hope it gets better"),
        (None, "i hope so"),
        ([], "will it ever stop"),
    ],
)
def test_replies_that_are_not_details_are_kept(before, text):
    assert anonymise(text, context=before) == text


def test_without_context_the_bare_handle_is_ambiguous_but_with_it_is_removed():
    assert "[HANDLE]" in anonymise("skyler_b", context=["what's your username?"])


def test_conversation_anonymiser_remembers_the_last_messages():
    conv = ConversationAnonymiser(window=2)
    assert conv.anonymise("i'll give you my snap") == "i'll give you my snap"
    assert "moonpie" not in conv.anonymise("moonpie")
    conv.reset()
    assert conv.anonymise("moonpie") == "moonpie"


def test_context_only_reaches_a_few_messages_back():
    conv = ConversationAnonymiser(window=1)
    conv.anonymise("my insta is")
    conv.anonymise("ok")
    assert conv.anonymise("moonpie") == "moonpie"


@pytest.mark.parametrize("context", [123, object(), [None, 5, b"x"], {"a": 1}, "x" * 100_000])
def test_bad_context_never_raises(context):
    out = anonymise("my friend priya said hi", context=context)
    assert "priya" not in out


def test_find_with_context_returns_spans():
    spans = find("skyler_b", context="username?")
    assert [s.label for s in spans] == ["HANDLE"]


def test_orchestrator_fails_closed(monkeypatch):
    """A structured recognizer that breaks means the whole message is redacted, never raw."""
    from bot.privacy import anonymiser as mod

    an = mod.get()
    broken = next(r for r in an.recognizers if r.name == "emails")

    def boom(view):
        raise RuntimeError("broken")

    monkeypatch.setattr(broken, "find", boom)
    out = mod.anonymise("email me at jo@x.com")
    assert out == mod.REDACTED
    assert mod.find("jo@x.com")[0].end == len("jo@x.com")


def test_token_recognizer_failure_keeps_structured_details(monkeypatch):
    from bot.privacy import anonymiser as mod

    an = mod.get()
    names = next(r for r in an.recognizers if r.name == "names")
    monkeypatch.setattr(names, "find", lambda view: 1 / 0)
    out = mod.anonymise("priya's number is 07700 900123")
    assert "07700" not in out and "[PHONE]" in out


# Session 13: a card's expiry asked for, then given bare; an address given with its town.
@pytest.mark.parametrize(
    "before, marked",
    [
        ("want the expiry too?", "[[10/29]]"),
        ("whats the exp date on it", "its [[03 / 27]]"),
        ("and the expiry on the card?", "[[oh four twenty eight]]"),
        ("can i give u my address just in case", "[[22 hollybush]], [[great ayton]]"),
        ("Should I send my address?", "[[9 Kestrel Way]], [[Pickering]]"),
    ],
)
def test_expiry_and_address_with_town_after_their_cue(before, marked):
    from tests.support.marked import still_readable

    assert still_readable(marked, context=[before]) == []


@pytest.mark.parametrize(
    "before, text",
    [
        ("want the expiry too?", "no its fine"),
        ("whats the exp date on it", "i dont have it on me sorry"),
    ],
)
def test_replies_to_an_expiry_cue_that_give_none_are_kept(before, text):
    assert anonymise(text, context=[before]) == text
