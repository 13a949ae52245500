"""Each retired sealed set from v3 on is split in two (eval/data/crisis_dev/README.md): the first
half chooses the learned tier's thresholds, the second is held out to report figures. These fail
when a held-out line leaks into training or validation, or when a category lands only in one
half (the held-out figures would then say nothing about it)."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.crisis import learned
from eval import crisis

V3 = learned.ROOT / "eval" / "data" / "retired_sealed" / "crisis_v3.tsv"


# Lines v3's author wrote that the project's older data already held word for word (the bot's
# own NLU examples, validation.tsv): common phrasings, not leaks. Any other overlap fails.
COINCIDENT = frozenset(
    {
        "what can you do",
        "hello?",
        "menu",
        "who made you",
        "how does this work",
        "ok bye",
        "im dying to see the new spiderman",
        # v5's author wrote it too (validation_v5.tsv), without seeing v3.
        "testing testing 123",
        # v6's author wrote it too (validation_v6.tsv), without seeing v3.
        "I'm pregnant and he kicked me in the stomach",
    }
)


def test_v3_hard_negative_names_count_as_everyday():
    categories = {c for c, _ in learned.read_tsv(V3)}
    assert {"idioms_with_risk_words", "bot_chat", "past_recovery"} <= learned.EVERYDAY_CATEGORIES
    assert {"stalking_harassment", "in_danger", "eating_disorder_risk"} <= categories
    assert not {"stalking_harassment", "in_danger"} & learned.EVERYDAY_CATEGORIES


# The retired v4 set and its everyday news set, split the same way (validation_v4.tsv and
# validation_news_v4.tsv are validation; heldout_v4.tsv and heldout_news_v4.tsv only report).
V4 = learned.ROOT / "eval" / "data" / "retired_sealed" / "crisis_v4.tsv"
NEWS_V4 = learned.ROOT / "eval" / "data" / "retired_sealed" / "everyday_news_v4.tsv"
HELDOUT_NEWS_V4 = learned.ROOT / "eval" / "data" / "crisis_dev" / "heldout_news_v4.tsv"

# Lines v4's authors wrote that older data already held word for word (v3, validation.tsv, the
# bot's NLU examples): shared, not leaked. Any other overlap fails.
COINCIDENT_V4 = frozenset(
    {
        "got my first paycheck from the new job",
        "i feel like nobody at school likes me",
        "i'm dying to see the new marvel film",
        "i'm in the car with the engine running in the garage",
        "my cat brought me a leaf as a present lol",
        "my periods stopped months ago and my hair is falling out but i still need to lose more",
        "what can you do",
        "passed my probation at work",
        # v5's author wrote it too (validation_v5.tsv), without seeing v4.
        "how do i delete my chat history",
        # Written for the NLU data in session 11 (a grumble in hyperbole) without seeing v4.
        "i could murder a bacon sandwich right now",
        # v8's author wrote it too (validation_v8.tsv), without seeing v4.
        "that comedian absolutely killed it last night",
    }
)


# The retired v5 set and its news set, split the same way (validation_v5.tsv and
# validation_news_v5.tsv are validation; heldout_v5.tsv and heldout_news_v5.tsv only report).
V5 = learned.ROOT / "eval" / "data" / "retired_sealed" / "crisis_v5.tsv"
NEWS_V5 = learned.ROOT / "eval" / "data" / "retired_sealed" / "everyday_news_v5.tsv"
HELDOUT_NEWS_V5 = learned.ROOT / "eval" / "data" / "crisis_dev" / "heldout_news_v5.tsv"
# The retired v6 set and its news set, split the same way (validation_v6.tsv and
# validation_news_v6.tsv are validation; heldout_v6.tsv and heldout_news_v6.tsv only report).
V6 = learned.ROOT / "eval" / "data" / "retired_sealed" / "crisis_v6.tsv"
NEWS_V6 = learned.ROOT / "eval" / "data" / "retired_sealed" / "everyday_news_v6.tsv"
HELDOUT_NEWS_V6 = learned.ROOT / "eval" / "data" / "crisis_dev" / "heldout_news_v6.tsv"
# Lines v6's authors wrote that older data already held word for word (validation.tsv, the
# v5 set): common phrasings written independently, not leaks. Any other overlap fails.
COINCIDENT_V6 = frozenset({"kms fr this time", "is it cruel to drown slugs in beer traps?"})
# The retired v7 set and its news set, split the same way (validation_v7.tsv and
# validation_news_v7.tsv are validation; heldout_v7.tsv and heldout_news_v7.tsv only report).
V7 = learned.ROOT / "eval" / "data" / "retired_sealed" / "crisis_v7.tsv"
NEWS_V7 = learned.ROOT / "eval" / "data" / "retired_sealed" / "everyday_news_v7.tsv"
HELDOUT_NEWS_V7 = learned.ROOT / "eval" / "data" / "crisis_dev" / "heldout_news_v7.tsv"
# Lines v7's authors wrote that older data already held word for word (v3, v5): not leaks.
COINCIDENT_V7 = frozenset({"testing testing 123"})
# The retired v8 set and its news set, split the same way.
V8 = learned.ROOT / "eval" / "data" / "retired_sealed" / "crisis_v8.tsv"
NEWS_V8 = learned.ROOT / "eval" / "data" / "retired_sealed" / "everyday_news_v8.tsv"
HELDOUT_NEWS_V8 = learned.ROOT / "eval" / "data" / "crisis_dev" / "heldout_news_v8.tsv"
# Lines v8's authors wrote that older data already held word for word: not leaks.
# "what can you actually do": v9's authors wrote it too (validation_v9.tsv), without seeing v8.
COINCIDENT_V8 = frozenset(
    {"my garden tomatoes are finally ripening", "ok bye", "what can you actually do"}
)
# The retired v9 set and its news set, split the same way.
V9 = learned.ROOT / "eval" / "data" / "retired_sealed" / "crisis_v9.tsv"
NEWS_V9 = learned.ROOT / "eval" / "data" / "retired_sealed" / "everyday_news_v9.tsv"
HELDOUT_NEWS_V9 = learned.ROOT / "eval" / "data" / "crisis_dev" / "heldout_news_v9.tsv"
# Lines v9's authors wrote that older data already held word for word: not leaks.
COINCIDENT_V9 = frozenset(
    {
        "are you a real person or a bot",
        "I'm so hungry I could eat a horse",
        "he raped me",
        "got my flu jab today, arm is sore",
        # v10's authors wrote it too (validation_v10.tsv), without seeing v9.
        "not safe. cant talk. he's in the next room",
    }
)
# The retired v10 set and its news set, split the same way.
V10 = learned.ROOT / "eval" / "data" / "retired_sealed" / "crisis_v10.tsv"
NEWS_V10 = learned.ROOT / "eval" / "data" / "retired_sealed" / "everyday_news_v10.tsv"
HELDOUT_NEWS_V10 = learned.ROOT / "eval" / "data" / "crisis_dev" / "heldout_news_v10.tsv"
# Lines v10's authors wrote that older data already held word for word: not leaks.
COINCIDENT_V10 = frozenset(
    {
        "are you a real person or a bot",
        "i keep thinking the world would be lighter without me in it",
        "who made you",
        # v11's authors wrote it too (validation_v11.tsv), without seeing v10.
        "I'm so tired of existing. Not tired like sleep tired. Tired of being a person.",
    }
)
# The retired v11 set and its news set, split the same way.
V11 = learned.ROOT / "eval" / "data" / "retired_sealed" / "crisis_v11.tsv"
NEWS_V11 = learned.ROOT / "eval" / "data" / "retired_sealed" / "everyday_news_v11.tsv"
HELDOUT_NEWS_V11 = learned.ROOT / "eval" / "data" / "crisis_dev" / "heldout_news_v11.tsv"
# Lines v11's authors wrote that older data already held word for word: not leaks.
COINCIDENT_V11 = frozenset(
    {
        "I was so embarrassed I wanted the ground to swallow me up",
        "can u speak spanish",
        "my dad's face has gone droopy on one side and he's slurring his words",
        "my stepdad comes into my room at night. i pretend to be asleep",
        "what can you actually do",
        "what's your name",
    }
)

# Lines v5's author wrote that older data already held word for word (the bot's NLU examples,
# earlier tuning data): common phrasings written independently, not leaks. Any other overlap fails.
COINCIDENT_V5 = frozenset(
    {
        "hi bot",
        "whats your name",
        "who made you",
        "why do i have to keep waking up",
        "my manager gave me really nice feedback in my review",
        # Written for the NLU data in session 11 (a privacy question) without seeing v5.
        "who can read what i type here",
        # v7's news author wrote it too (validation_news_v7.tsv), without seeing v5.
        "finally replied to all my emails, inbox zero baby",
    }
)


# Each retired set's halves: (whole file, validation half, held-out half, lines its authors
# wrote that older data already held word for word).
HALVES = [
    pytest.param(V3, learned.VALIDATION_V3_PATH, crisis.HELDOUT_V3_FILE, COINCIDENT, id="v3"),
    pytest.param(V4, learned.VALIDATION_V4_PATH, crisis.HELDOUT_V4_FILE, COINCIDENT_V4, id="v4"),
    pytest.param(
        NEWS_V4, learned.VALIDATION_NEWS_V4_PATH, HELDOUT_NEWS_V4, COINCIDENT_V4, id="news_v4"
    ),
    pytest.param(V5, learned.VALIDATION_V5_PATH, crisis.HELDOUT_V5_FILE, COINCIDENT_V5, id="v5"),
    pytest.param(
        NEWS_V5, learned.VALIDATION_NEWS_V5_PATH, HELDOUT_NEWS_V5, COINCIDENT_V5, id="news_v5"
    ),
    pytest.param(V6, learned.VALIDATION_V6_PATH, crisis.HELDOUT_V6_FILE, COINCIDENT_V6, id="v6"),
    pytest.param(
        NEWS_V6, learned.VALIDATION_NEWS_V6_PATH, HELDOUT_NEWS_V6, COINCIDENT_V6, id="news_v6"
    ),
    pytest.param(V7, learned.VALIDATION_V7_PATH, crisis.HELDOUT_V7_FILE, COINCIDENT_V7, id="v7"),
    pytest.param(
        NEWS_V7, learned.VALIDATION_NEWS_V7_PATH, HELDOUT_NEWS_V7, COINCIDENT_V7, id="news_v7"
    ),
    pytest.param(V8, learned.VALIDATION_V8_PATH, crisis.HELDOUT_V8_FILE, COINCIDENT_V8, id="v8"),
    pytest.param(
        NEWS_V8, learned.VALIDATION_NEWS_V8_PATH, HELDOUT_NEWS_V8, COINCIDENT_V8, id="news_v8"
    ),
    pytest.param(V9, learned.VALIDATION_V9_PATH, crisis.HELDOUT_V9_FILE, COINCIDENT_V9, id="v9"),
    pytest.param(
        NEWS_V9, learned.VALIDATION_NEWS_V9_PATH, HELDOUT_NEWS_V9, COINCIDENT_V9, id="news_v9"
    ),
    pytest.param(
        V10, learned.VALIDATION_V10_PATH, crisis.HELDOUT_V10_FILE, COINCIDENT_V10, id="v10"
    ),
    pytest.param(
        NEWS_V10, learned.VALIDATION_NEWS_V10_PATH, HELDOUT_NEWS_V10, COINCIDENT_V10, id="news_v10"
    ),
    pytest.param(
        V11, learned.VALIDATION_V11_PATH, crisis.HELDOUT_V11_FILE, COINCIDENT_V11, id="v11"
    ),
    pytest.param(
        NEWS_V11, learned.VALIDATION_NEWS_V11_PATH, HELDOUT_NEWS_V11, COINCIDENT_V11, id="news_v11"
    ),
]


@pytest.mark.parametrize("whole, first, second, coincident", HALVES)
def test_held_out_halves_are_never_trained_or_thresholded_on(whole, first, second, coincident):
    used = {m for _, m in learned.training_rows()} | {m for _, m in learned.validation_rows()}
    held = {m for _, m in learned.read_tsv(second)}
    assert second not in (*learned.TUNE_PATHS, *learned.VALIDATION_PATHS)
    assert held and (held & used) <= coincident, sorted((held & used) - coincident)


@pytest.mark.parametrize("whole, first, second, coincident", HALVES)
def test_the_halves_are_the_retired_set_split_by_category(whole, first, second, coincident):
    rows = learned.read_tsv(whole)
    validation, held = learned.read_tsv(first), learned.read_tsv(second)
    assert Counter(validation) + Counter(held) == Counter(rows)
    assert not set(validation) & set(held)
    per_category = Counter(c for c, _ in rows)
    for part in (validation, held):
        counts = Counter(c for c, _ in part)
        assert set(counts) == set(per_category)
        assert all(abs(2 * counts[c] - per_category[c]) <= 1 for c in per_category)


@pytest.mark.parametrize(
    "whole, news, prefix, new_crisis",
    [
        pytest.param(V4, NEWS_V4, "new_", 4, id="v4"),
        pytest.param(V5, NEWS_V5, "new5_", 3, id="v5"),
        pytest.param(V6, NEWS_V6, "new6_", 2, id="v6"),
        pytest.param(V7, NEWS_V7, "new7", 2, id="v7"),
        pytest.param(V8, NEWS_V8, "new8", 2, id="v8"),
        pytest.param(V9, NEWS_V9, "new9", 2, id="v9"),
        pytest.param(V10, NEWS_V10, "new10", 2, id="v10"),
        pytest.param(V11, NEWS_V11, "new11", 2, id="v11"),
    ],
)
def test_a_retired_sets_everyday_names_count_as_everyday(whole, news, prefix, new_crisis):
    """The set's new hard negatives and every news category are everyday; its new crisis
    families (v4: homeless tonight, spiked drink...; v5: sudden loss, substance danger, debt
    threats; v6: perinatal, trapped in a disaster; v7: dangerous dares, essential medicines cut off; v8: cold or heat exposure,
    a coded signal from someone watched; v9: an overdose or poisoning just taken, self-harm
    happening now; v10: an acute medical emergency, harm to another person; v11: trafficking
    and forced labour, being stalked or followed by someone not a partner) are not."""
    categories = {c for c, _ in learned.read_tsv(whole)}
    assert {
        c for c in categories if c.startswith(prefix) and "everyday_" in c
    } <= learned.EVERYDAY_CATEGORIES
    assert {c for c, _ in learned.read_tsv(news)} <= learned.EVERYDAY_CATEGORIES
    crisis_new = {c for c in categories if c.startswith(prefix) and "crisis_" in c}
    assert len(crisis_new) == new_crisis and not crisis_new & learned.EVERYDAY_CATEGORIES
