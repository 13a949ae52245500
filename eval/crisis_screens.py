"""The cascade's first stage, options side by side (how bot/crisis/learned.py's SCREEN_LAYERS
was picked): for each set of lower encoder layers, a crisis-vs-everyday screen is fitted on the
training rows and its threshold chosen on validation as the tier does (SCREEN_MARGIN times the
lowest score of a validation crisis message the full tier flags). Printed per option: what it
clears of validation everyday messages, of ordinary bot traffic (the held-out intent sets and
the retired everyday-news set, never trained on), what crisis messages it would lose on
validation (none by construction) and on the retired v1 set, and its cost in encoder layers.

    python -m eval.crisis_screens
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import List, Tuple

import numpy as np

from bot import fast_yaml, retired_sets

ROOT = Path(__file__).resolve().parents[1]
RETIRED_V1 = retired_sets.crisis_whole(1)
EVERYDAY_NEWS_V1 = retired_sets.news_whole(1)
HELDOUT_INTENTS = (
    ROOT / "tests" / "data" / "nlu" / "heldout.yml",
    ROOT / "tests" / "data" / "nlu" / "heldout_second.yml",
)
OPTIONS: Tuple[Tuple[int, ...], ...] = ((0,), (0, 1), (1, 2), (0, 1, 2), (2, 3), (0, 2, 4))


def ordinary_messages() -> List[str]:
    """Ordinary bot traffic nobody trained on: held-out intent examples (crisis intent left
    out) and the retired everyday-news set."""
    from bot.crisis.learned import read_tsv

    out = []
    for path in HELDOUT_INTENTS:
        for item in (fast_yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if not isinstance(item, dict) or item.get("intent") in (None, "crisis"):
                continue
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    out.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[2:].strip()))
    return out + [m for _, m in read_tsv(EVERYDAY_NEWS_V1)]


def main() -> int:
    from bot.crisis import learned
    from bot.crisis.encoder import get_encoder
    from bot.crisis.lexicon import detect

    tier = learned.load(check_fingerprint=False)
    encoder = get_encoder()
    rows = learned.training_rows()
    validation, v1 = learned.validation_rows(), learned.read_tsv(RETIRED_V1)
    ordinary = ordinary_messages()
    x_train = learned._features(encoder, [m for _, m in rows])
    x_val = learned._features(encoder, [m for _, m in validation])
    x_v1 = learned._features(encoder, [m for _, m in v1])
    x_ord = learned._features(encoder, ordinary)
    crisis = lambda rs: np.array([c not in learned.EVERYDAY_CATEGORIES for c, _ in rs])  # noqa: E731
    y_train, c_val, c_v1 = crisis(rows), crisis(validation), crisis(v1)

    def char_p(messages):
        """The character view's P(crisis) (zeros without one): it is averaged into both the
        full tier and the screen, as LearnedTier.score does."""
        if tier.chars is None:
            return np.zeros(len(messages))
        return np.array([tier.chars.probabilities(m)[tier.crisis_mask].sum() for m in messages])

    chars = {
        "val": char_p([m for _, m in validation]),
        "v1": char_p([m for _, m in v1]),
        "ord": char_p(ordinary),
    }

    def full_p(x, key):
        feats = learned._side_by_side(x, tier.layers)
        p = np.array([tier.probabilities(f)[tier.crisis_mask].sum() for f in feats])
        return (p + chars[key]) / 2 if tier.chars is not None else p

    lex_val = np.array([detect(m).matched for _, m in validation])
    lex_v1 = np.array([detect(m).matched for _, m in v1])
    flagged_val = c_val & ~lex_val & (full_p(x_val, "val") >= tier.thresholds.low)
    flagged_v1 = c_v1 & ~lex_v1 & (full_p(x_v1, "v1") >= tier.thresholds.low)
    print(
        f"{'screen layers':<14} {'cost':>5} {'threshold':>9} {'val everyday':>12} "
        f"{'ordinary':>8} {'lost val':>8} {'lost v1':>8}"
    )
    for layers in OPTIONS:
        weights, bias = learned.fit_screen(x_train, y_train, layers)
        screen = learned.Screen(layers, weights, bias, 0.0)

        def p(x, key, screen=screen, layers=layers):
            gate = np.array([screen.probability(f) for f in learned._side_by_side(x, layers)])
            return (gate + chars[key]) / 2 if tier.chars is not None else gate

        p_val = p(x_val, "val")
        threshold = learned.screen_threshold(p_val, flagged_val)
        print(
            f"{str(layers):<14} {max(layers) / encoder.layers:>5.2f} {threshold:>9.4f} "
            f"{(p_val[~c_val & ~lex_val] < threshold).mean():>12.3f} "
            f"{(p(x_ord, 'ord') < threshold).mean():>8.3f} "
            f"{int((p_val[flagged_val] < threshold).sum()):>8} "
            f"{int((p(x_v1, 'v1')[flagged_v1] < threshold).sum()):>4}/{int(flagged_v1.sum())}"
        )
    print(
        "cost: share of the full encoder's layers run for a cleared message; val everyday: "
        "share of validation everyday messages (no lexicon match) cleared; ordinary: share of "
        "ordinary bot traffic cleared; lost: crisis messages the full tier flags that the "
        "screen would clear"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
