"""The retired v3 set is split in two (eval/data/crisis_dev/README.md): the first half chooses
the learned tier's thresholds, the second is held out to report figures. These fail when a
held-out line leaks into training or validation, or when a category of v3 lands only in one
half (the held-out figures would then say nothing about it)."""

from __future__ import annotations

from collections import Counter

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
    }
)


def test_held_out_half_is_never_trained_or_thresholded_on():
    held = {m for _, m in learned.read_tsv(crisis.HELDOUT_V3_FILE)}
    assert crisis.HELDOUT_V3_FILE not in (*learned.TUNE_PATHS, *learned.VALIDATION_PATHS)
    used = {m for _, m in learned.training_rows()} | {m for _, m in learned.validation_rows()}
    assert held and (held & used) <= COINCIDENT


def test_the_two_halves_are_v3_split_by_category():
    v3 = learned.read_tsv(V3)
    validation = learned.read_tsv(learned.VALIDATION_V3_PATH)
    held = learned.read_tsv(crisis.HELDOUT_V3_FILE)
    assert Counter(validation) + Counter(held) == Counter(v3)
    assert not set(validation) & set(held)
    per_category = Counter(c for c, _ in v3)
    for part in (validation, held):
        counts = Counter(c for c, _ in part)
        assert set(counts) == set(per_category)
        assert all(abs(2 * counts[c] - per_category[c]) <= 1 for c in per_category)


def test_v3_hard_negative_names_count_as_everyday():
    categories = {c for c, _ in learned.read_tsv(V3)}
    assert {"idioms_with_risk_words", "bot_chat", "past_recovery"} <= learned.EVERYDAY_CATEGORIES
    assert {"stalking_harassment", "in_danger", "eating_disorder_risk"} <= categories
    assert not {"stalking_harassment", "in_danger"} & learned.EVERYDAY_CATEGORIES
