"""Leave-one-writer-out figures for the crisis tiers (issue #12): how the learned tier does on a
writer it has never seen.

Why: each session's tuning lines and thresholds came from one retired set's study half, and the
gains did not carry over to the next writer's unseen set. Scoring a set the tier was tuned on says
little; this holds each recent retired set vN out in turn, as the next writer would be:

* the classifier, the character view and the screen are fitted without the tuning files written
  from vN (``tune_families_N*.tsv``, and any whose header says vN's validation half was read);
* the thresholds are chosen (``learned.choose_thresholds``, ``learned.screen_threshold``) on the
  validation halves of every set but vN;
* vN's validation halves (crisis and everyday news; never a held-out half) are then scored
  through both tiers as ``bot.crisis.tiers.assess`` does (lexicon first, ``learned.decide``).

The lexicon cannot be held out: its families were written from every study half, so its part of
each fold is optimistic. ``--tier-alone`` prints the learned tier without it too.

Speed: messages come from the encoder's feature store (``learned._features``), never the encoder;
every fold is warm-started from one fit on the rows no fold holds out, and every fit is cached
under var/crisis_tier/lowo/ by its rows and its C values. A warm start from the committed
weights would be faster and wrong: lbfgs stops within tolerance of a fit that saw the held-out
writer's tuning lines (measured: 1 iteration). The first run pays the fits (session 20, on
2 loaded cores: the cold base fit 29 min, a warm fold over 15); choices applied after the fits
(``--char-weight``, ``--no-screen``, the thresholds) then rerun from the cache.

    python -m eval.crisis_lowo [--folds 10 11 ...] [--tier-alone]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import numpy as np

from bot import retired_sets
from bot.crisis import learned

DEFAULT_FOLDS: Tuple[int, ...] = (10, 11, 12, 13, 14, 15, 16)
CACHE_DIR = learned.ROOT / "var" / "crisis_tier" / "lowo"
_READ_HALF = re.compile(r"validation(?:_news)?_v(\d+)\.tsv")
_TUNE_NUMBER = re.compile(r"^tune_families_(\d+)n?$")


def versions_read(path: Path) -> FrozenSet[int]:
    """The retired sets a tuning file was written from: its number (tune_families_15n -> 15) and
    every validation half its header comment names as read."""
    found = set()
    number = _TUNE_NUMBER.match(path.stem)
    if number:
        found.add(int(number.group(1)))
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            break
        found.update(int(v) for v in _READ_HALF.findall(line))
    return frozenset(found)


def validation_version(path: Path) -> Optional[int]:
    """The retired set a validation file is a half of (None for the project's own files)."""
    for halves in retired_sets.crisis_and_news_halves():
        if halves.first == path:
            return halves.version
    return None


@dataclass(frozen=True)
class Row:
    label: str
    message: str
    source: str  # the file it came from (or "bot", "stranger", "old" for the other rows)


@dataclass(frozen=True)
class Fold:
    """What one fold trains on, chooses thresholds on, and scores."""

    version: Optional[int]  # None: the rows no fold holds out (the warm start)
    train: Tuple[int, ...]  # indices into the training rows
    choose: Tuple[int, ...]  # indices into the validation rows
    score: Tuple[int, ...]  # indices into the validation rows


def training_rows() -> List[Row]:
    """learned.training_rows() with the file each row came from."""
    rows = [
        Row(label, message, str(path.relative_to(learned.ROOT)))
        for path in learned.TUNE_PATHS
        for label, message in learned.read_tsv(path)
    ]
    rows += [Row(learned.BOT_CHAT, m, "bot") for m in learned.bot_chat_examples()]
    rows += [Row(learned.BOT_DISTRESS, m, "bot") for m in learned.bot_chat_examples(distress=True)]
    rows += [Row(label, m, "stranger") for label, m in learned.stranger_rows()]
    rows += [Row(label, m, "old") for label, m in learned.old_set_rows()]
    return rows


def validation_rows() -> List[Row]:
    return [
        Row(label, message, str(path.relative_to(learned.ROOT)))
        for path in learned.VALIDATION_PATHS
        for label, message in learned.read_tsv(path)
    ]


@functools.lru_cache(maxsize=None)
def held_by(source: str) -> FrozenSet[int]:
    """The retired sets a row's file belongs to or was written from (once per file: a fold asks
    for every one of ~37,000 rows, and each answer reads a tuning file's header)."""
    path = learned.ROOT / source
    if path in learned.TUNE_PATHS:
        return versions_read(path)
    version = validation_version(path)
    return frozenset() if version is None else frozenset({version})


def make_fold(
    version: Optional[int], train: Sequence[Row], validation: Sequence[Row], folds: Sequence[int]
) -> Fold:
    """vN's fold (or, version None, the rows of no fold in ``folds``)."""
    out = frozenset(folds) if version is None else frozenset({version})
    return Fold(
        version,
        tuple(i for i, r in enumerate(train) if not held_by(r.source) & out),
        tuple(i for i, r in enumerate(validation) if not held_by(r.source) & out),
        tuple(i for i, r in enumerate(validation) if version in held_by(r.source)),
    )


@dataclass(frozen=True)
class Config:
    """The tier's choices a fold is run with (learned's constants by default)."""

    c: float = learned.C_REGULARISATION
    char_c: float = learned.CHAR_C
    # Weight of the character view in the average of the two views' probabilities.
    char_weight: float = 0.5
    screen: bool = True


class Data:
    """Everything the folds share: rows, encoder features, lexicon matches, token counts."""

    def __init__(self) -> None:
        from bot.crisis.encoder import MAX_TOKENS, get_encoder
        from bot.crisis.tiers import get_lexicon, readable

        encoder = get_encoder()
        self.train = training_rows()
        self.validation = validation_rows()
        self.domain = learned.domain_messages()
        self.x_train = learned._features(encoder, [r.message for r in self.train])
        self.x_val = learned._features(encoder, [r.message for r in self.validation])
        self.x_domain = learned._features(encoder, self.domain)
        lexicon = get_lexicon()
        self.lexicon = np.array([lexicon.match(r.message).matched for r in self.validation])
        self.lexicon_domain = np.array([lexicon.match(m).matched for m in self.domain])
        self.readable = np.array([readable(r.message) for r in self.validation])
        self.whole = np.array(
            [
                len(encoder.tokenizer.encode(learned.plain_register(r.message))) < MAX_TOKENS
                for r in self.validation
            ]
        )
        self.is_crisis = np.array(
            [r.label not in learned.EVERYDAY_CATEGORIES for r in self.validation]
        )


def _cache_key(config: Config, rows: Sequence[Row]) -> str:
    # Only the choices the fits depend on: the ones applied after them reuse the same fits.
    fitted = {"c": config.c, "char_c": config.char_c}
    digest = hashlib.sha256(json.dumps(fitted, sort_keys=True).encode())
    digest.update(learned.fingerprint().encode())
    for row in rows:
        digest.update(f"{row.label}\t{row.message}\n".encode())
    return digest.hexdigest()[:16]


def fit(
    data: Data, fold: Fold, config: Config, previous: Optional[Dict[str, np.ndarray]] = None
) -> Dict[str, np.ndarray]:
    """The classifier, screen and character view on the fold's training rows, as the arrays
    the weights file stores (so that they can warm-start another fit)."""
    from sklearn.linear_model import LogisticRegression

    previous = previous or {}
    rows = [data.train[i] for i in fold.train]
    labels = [r.label for r in rows]
    x = data.x_train[list(fold.train)]
    x_layers = learned._side_by_side(x, learned.LAYERS)
    clf = LogisticRegression(C=config.c, max_iter=5000)
    learned.warm_start_from(clf, labels, previous, "", x_layers.shape[1])
    clf.fit(x_layers, labels)
    classes = [str(c) for c in clf.classes_]
    is_crisis = np.array([c not in learned.EVERYDAY_CATEGORIES for c in labels])
    screen_w, screen_b = learned.fit_screen(x, is_crisis, learned.SCREEN_LAYERS, previous)
    saved = learned.CHAR_C
    try:
        learned.CHAR_C = config.char_c
        _, char_arrays = learned.fit_char_view([r.message for r in rows], labels, classes, previous)
    finally:
        learned.CHAR_C = saved
    return {
        "classes": np.array(classes),
        "weights": clf.coef_.astype(np.float32),
        "bias": clf.intercept_.astype(np.float32),
        "layers": np.array(learned.LAYERS),
        "screen_layers": np.array(learned.SCREEN_LAYERS),
        "screen_weights": screen_w,
        "screen_bias": np.array(screen_b, dtype=np.float32),
        **char_arrays,
    }


def cached_fit(
    data: Data, fold: Fold, config: Config, previous: Optional[Dict[str, np.ndarray]] = None
) -> Dict[str, np.ndarray]:
    path = CACHE_DIR / f"fit-{_cache_key(config, [data.train[i] for i in fold.train])}.npz"
    if path.exists():
        with np.load(path, allow_pickle=False) as stored:
            return {name: stored[name] for name in stored.files}
    arrays = fit(data, fold, config, previous)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.partial.npz")
    np.savez(partial, **arrays)
    partial.replace(path)
    return arrays


@dataclass
class Outcome:
    version: int
    crisis: int
    everyday: int
    full_recall: float
    full_false_alarms: float
    shown_recall: float
    shown_false_alarms: float
    thresholds: learned.Thresholds
    tier_recall: float = 0.0
    tier_false_alarms: float = 0.0


def probabilities(
    arrays: Dict[str, np.ndarray], x: np.ndarray, messages: Sequence[str], config: Config
) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(class probabilities of the two views averaged, the crisis mask, the character view's
    P(crisis)) of messages with features ``x``."""
    classes = [str(c) for c in arrays["classes"]]
    chars = learned.CharView(
        [str(g) for g in arrays["char_vocabulary"]],
        arrays["char_idf"],
        arrays["char_weights"],
        arrays["char_bias"],
        tuple(int(v) for v in arrays["char_ngrams"]),
    )
    logits = learned._side_by_side(x, learned.LAYERS) @ arrays["weights"].T + arrays["bias"]
    logits -= logits.max(axis=1, keepdims=True)
    enc = np.exp(logits)
    enc /= enc.sum(axis=1, keepdims=True)
    char = np.array([chars.probabilities(m) for m in messages])
    mask = np.array([c not in learned.EVERYDAY_CATEGORIES for c in classes])
    probs = (1 - config.char_weight) * enc + config.char_weight * char
    return probs, mask, char[:, mask].sum(axis=1)


def run_fold(data: Data, fold: Fold, arrays: Dict[str, np.ndarray], config: Config) -> Outcome:
    """Thresholds on the fold's choice rows, then its held-out writer through both tiers."""
    messages = [r.message for r in data.validation]
    probs, mask, p_char = probabilities(arrays, data.x_val, messages, config)
    p = probs[:, mask].sum(axis=1)
    classes = [str(c) for c in arrays["classes"]]
    recovery_at = (
        classes.index(learned.RECOVERY_CLASS) if learned.RECOVERY_CLASS in classes else None
    )
    p_recovery = probs[:, recovery_at] if recovery_at is not None else np.zeros(len(p))
    dom_probs, _, _ = probabilities(arrays, data.x_domain, data.domain, config)
    p_domain = dom_probs[:, mask].sum(axis=1)
    choose = np.array(fold.choose)
    thresholds = learned.choose_thresholds(
        p[choose],
        data.lexicon[choose],
        data.is_crisis[choose],
        p_domain,
        data.lexicon_domain,
        p_recovery[choose],
    )
    screen = learned.Screen(
        learned.SCREEN_LAYERS, arrays["screen_weights"], float(arrays["screen_bias"]), 0.0
    )
    p_screen = np.array(
        [screen.probability(v) for v in learned._side_by_side(data.x_val, learned.SCREEN_LAYERS)]
    )
    p_gate = (p_screen + p_char) / 2
    flagged = data.is_crisis & ~data.lexicon & (p >= thresholds.low)
    threshold = learned.screen_threshold(p_gate[choose], flagged[choose]) if config.screen else 0.0
    bands = []
    for i in fold.score:
        score = None
        if data.readable[i]:
            screened = not data.lexicon[i] and p_gate[i] < threshold
            score = learned.LearnedScore(
                p_crisis=float(p_gate[i] if screened else p[i]),
                category="",
                screened=bool(screened),
                whole=bool(data.whole[i]),
                p_recovery=0.0 if screened else float(p_recovery[i]),
            )
        bands.append(learned.decide(bool(data.lexicon[i]), score, thresholds))
    bands = np.array(bands)
    scored = np.array(fold.score)
    crisis = data.is_crisis[scored]
    full = bands == learned.CRISIS
    shown = bands != learned.NONE
    alone = ~data.lexicon[scored] & (p[scored] >= thresholds.high) & data.readable[scored]
    return Outcome(
        version=int(fold.version),
        crisis=int(crisis.sum()),
        everyday=int((~crisis).sum()),
        full_recall=float(full[crisis].mean()),
        full_false_alarms=float(full[~crisis].mean()),
        shown_recall=float(shown[crisis].mean()),
        shown_false_alarms=float(shown[~crisis].mean()),
        thresholds=thresholds,
        tier_recall=float(alone[crisis].mean()),
        tier_false_alarms=float(alone[~crisis].mean()),
    )


def evaluate(
    config: Optional[Config] = None,
    folds: Sequence[int] = DEFAULT_FOLDS,
    data: Optional[Data] = None,
) -> List[Outcome]:
    """One Outcome per held-out writer."""
    config = config or Config()
    data = data or Data()
    base = make_fold(None, data.train, data.validation, folds)
    base_arrays = cached_fit(data, base, config)
    outcomes = []
    for version in folds:
        fold = make_fold(version, data.train, data.validation, folds)
        arrays = cached_fit(data, fold, config, base_arrays)
        outcomes.append(run_fold(data, fold, arrays, config))
    return outcomes


def report(outcomes: Sequence[Outcome], tier_alone: bool = False) -> str:
    head = f"{'held out':<9}{'crisis':>7}{'everyday':>9}  {'full R':>7}{'full FA':>8}  {'shown R':>8}{'shown FA':>9}  thresholds (low/high/veto/clear)"
    if tier_alone:
        head += "  tier alone R / FA"
    lines = [head]
    for o in outcomes:
        t = o.thresholds
        line = (
            f"v{o.version:<8}{o.crisis:>7}{o.everyday:>9}  {o.full_recall:>7.3f}{o.full_false_alarms:>8.3f}"
            f"  {o.shown_recall:>8.3f}{o.shown_false_alarms:>9.3f}  {t.low:.2f}/{t.high:.2f}/{t.veto:.2f}/{t.clear:.3f}"
        )
        if tier_alone:
            line += f"  {o.tier_recall:.3f} / {o.tier_false_alarms:.3f}"
        lines.append(line)
    mean = {
        key: float(np.mean([getattr(o, key) for o in outcomes]))
        for key in ("full_recall", "full_false_alarms", "shown_recall", "shown_false_alarms")
    }
    lines.append(
        f"{'mean':<25}  {mean['full_recall']:>7.3f}{mean['full_false_alarms']:>8.3f}"
        f"  {mean['shown_recall']:>8.3f}{mean['shown_false_alarms']:>9.3f}"
    )
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, nargs="+", default=list(DEFAULT_FOLDS))
    parser.add_argument("--tier-alone", action="store_true", help="the learned tier alone too")
    parser.add_argument(
        "--char-weight", type=float, default=Config.char_weight, help="the character view's share"
    )
    parser.add_argument("--no-screen", action="store_true", help="score without the cascade")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    config = Config(char_weight=args.char_weight, screen=not args.no_screen)
    outcomes = evaluate(config, folds=args.folds)
    print(report(outcomes, args.tier_alone))
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
