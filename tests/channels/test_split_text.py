"""Long replies are split for Telegram at sentence ends, else at spaces, never mid-word."""

import pytest

from bot.channels.split_text import TELEGRAM_LIMIT, split_message, utf16_length

SENTENCES = [
    "i hear you, and it makes sense that you're tired.",
    "You don't have to fix everything tonight!",
    "What would you say to a friend who felt like this?",
    "Sometimes just naming the feeling helps a little\u2026",
    "Take a slow breath in through your nose, and out through your mouth.",
    "It's ok to go at your own pace (there's no rush).",
]


def long_text(chars: int) -> str:
    text, i = "", 0
    while len(text) < chars:
        text += SENTENCES[i % len(SENTENCES)] + " "
        i += 1
    return text.strip()


def test_short_text_is_one_part():
    assert split_message("  hello there  ") == ["hello there"]


def test_blank_text_gives_no_parts():
    assert split_message("   \n ") == []


def test_five_thousand_characters_become_two_parts_ending_in_whole_sentences():
    text = long_text(5000)
    parts = split_message(text)
    assert len(parts) == 2
    assert all(len(p) <= TELEGRAM_LIMIT for p in parts)
    assert parts[0][-1] in ".!?\u2026)"
    assert any(parts[0].endswith(s) for s in SENTENCES)
    # nothing lost, nothing reordered (only the whitespace at the cut is dropped)
    assert " ".join(parts) == text


def test_every_part_fits_and_words_survive_for_many_sizes():
    text = long_text(30000)
    for limit in (50, 200, 1000, TELEGRAM_LIMIT):
        parts = split_message(text, limit)
        assert all(0 < utf16_length(p) <= limit for p in parts)
        assert " ".join(parts).split() == text.split()


def test_without_sentence_ends_it_cuts_at_whitespace():
    text = " ".join(["word"] * 2000)  # 9,999 characters, no punctuation
    parts = split_message(text)
    assert len(parts) == 3
    assert all(p.split() == ["word"] * len(p.split()) for p in parts)


def test_a_single_word_longer_than_the_limit_is_cut_inside():
    word = "a" * 10000
    parts = split_message(f"ok. {word} end")
    assert parts[0] == "ok."
    assert all(len(p) <= TELEGRAM_LIMIT for p in parts)
    assert "".join(parts[1:]).replace(" ", "") == word + "end"


def test_a_sentence_end_exactly_at_the_limit_is_used():
    first = "x" * 9 + "."  # 10 characters
    parts = split_message(first + " second sentence here.", 10)
    assert parts[0] == first


def test_line_breaks_are_boundaries():
    text = "first line without stop\n" + "second line " * 5
    parts = split_message(text, 30)
    assert parts[0] == "first line without stop"


def test_emoji_count_double_so_telegram_never_sees_more_than_the_limit():
    text = ("\U0001f49b " * 3000).strip()  # 3000 hearts, each 2 UTF-16 units
    parts = split_message(text)
    assert all(utf16_length(p) <= TELEGRAM_LIMIT for p in parts)
    assert sum(p.count("\U0001f49b") for p in parts) == 3000


def test_limit_must_be_positive():
    with pytest.raises(ValueError):
        split_message("hi", 0)
