"""Checks of the NLU training data and the held-out set that need no training.

Why: Rasa validate only catches exact duplicates across intents; these tests also
catch case-only duplicates (CountVectors lowercases, so they are one example),
held-out lines leaking into training, exercise entities outside the canonical
values the actions expect, and thin intents.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from bot import fast_yaml, retired_sets

ROOT = Path(__file__).resolve().parents[2]
NLU_DIR = ROOT / "data" / "nlu"
HELDOUT = ROOT / "tests" / "data" / "nlu" / "heldout.yml"
SECOND_HELDOUT = ROOT / "tests" / "data" / "nlu" / "heldout_second.yml"

THEME_INTENTS = {
    "vent",
    "mood_great",
    "mood_low",
    "anxious",
    "self_criticism",
    "limiting_belief",
    "explore_strengths",
    "decision_help",
    "loneliness",
    "request_exercise",
    "therapy_info",
}
OTHER_INTENTS = {
    "greet",
    "goodbye",
    "affirm",
    "deny",
    "thank",
    "bot_challenge",
    "ask_capabilities",
    "stop",
    "out_of_scope",
    "delete_data",
}
# Intents the held-out sets predate (measured on their own dev set, eval/everyday_news.py).
LATER_INTENTS = {"share_news"}
EXERCISES = {
    "self_compassion",
    "reframe",
    "strengths",
    "decision",
    "connection",
    "grounding",
    "breathing",
    "safe_haven",
}
ENTITY = re.compile(r"\[([^\]]+)\]\{([^}]*)\}")
# Plain crisis words must never appear outside crisis.yml (idioms such as
# "this week is killing me" are fine and deliberately present).
CRISIS_WORDS = re.compile(
    r"suicid|self.?harm|kill (my|your)self|overdos|want(ed)? to die|\bend (it|my life)|"
    r"hurt(ing)? myself|cut(ting)? myself|better off without me|abus",
    re.IGNORECASE,
)


def _examples(path: Path):
    """Yield (intent, raw example, plain text) for every example in a Rasa NLU file."""
    data = fast_yaml.safe_load(path.read_text(encoding="utf-8"))
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                raw = line[2:].strip()
                yield block["intent"], raw, ENTITY.sub(r"\1", raw)


def _train_files():
    return [p for p in sorted(NLU_DIR.glob("*.yml")) if p.name != "crisis.yml"]


@pytest.fixture(scope="module")
def train():
    return [ex for p in _train_files() for ex in _examples(p)]


@pytest.fixture(scope="module")
def heldout():
    return list(_examples(HELDOUT))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def test_every_intent_has_enough_training_examples(train):
    counts = Counter(intent for intent, _, _ in train)
    assert set(counts) == THEME_INTENTS | OTHER_INTENTS | LATER_INTENTS
    thin = {i: counts[i] for i in THEME_INTENTS | LATER_INTENTS if counts[i] < 70}
    thin.update({i: counts[i] for i in OTHER_INTENTS if counts[i] < 30})
    assert not thin, f"intents below their minimum: {thin}"


def test_heldout_covers_every_intent(heldout):
    counts = Counter(intent for intent, _, _ in heldout)
    assert set(counts) == THEME_INTENTS | OTHER_INTENTS
    assert min(counts.values()) >= 15, counts


@pytest.mark.parametrize("which", ["train", "heldout"])
def test_no_duplicates_even_ignoring_case(which, request):
    seen = defaultdict(set)
    for intent, _, text in request.getfixturevalue(which):
        seen[_norm(text)].add(intent)
    counts = Counter(_norm(text) for _, _, text in request.getfixturevalue(which))
    repeated = {t: sorted(seen[t]) for t, n in counts.items() if n > 1}
    assert not repeated, f"duplicated examples: {repeated}"


def test_heldout_never_appears_in_training(train, heldout):
    trained = {_norm(text) for _, _, text in train}
    leaked = [text for _, _, text in heldout if _norm(text) in trained]
    assert not leaked, f"held-out examples found in training data: {leaked}"


def test_exercise_entities_use_canonical_values(train):
    values, annotated, total = Counter(), 0, 0
    for intent, raw, _ in train:
        found = ENTITY.findall(raw)
        if intent == "request_exercise":
            total += 1
            annotated += bool(found)
        for _, spec in found:
            ann = fast_yaml.safe_load("{" + spec + "}")
            assert ann["entity"] == "exercise", raw
            assert intent == "request_exercise", f"entity outside request_exercise: {raw}"
            values[ann.get("value")] += 1
    assert set(values) == EXERCISES, f"values used: {dict(values)}"
    assert annotated * 2 >= total, f"only {annotated}/{total} request_exercise examples annotated"


def test_synonyms_map_to_canonical_values():
    data = fast_yaml.safe_load((NLU_DIR / "exercises.yml").read_text(encoding="utf-8"))
    synonyms = {b["synonym"] for b in data["nlu"] if "synonym" in b}
    assert synonyms == EXERCISES


def test_no_crisis_words_outside_crisis_data(train, heldout):
    hits = [text for _, _, text in train + heldout if CRISIS_WORDS.search(text)]
    assert not hits, f"crisis language belongs only in data/nlu/crisis.yml: {hits}"


def test_the_second_heldout_set_is_unseen_and_covers_every_intent(train, heldout):
    second = list(_examples(SECOND_HELDOUT))
    counts = Counter(intent for intent, _, _ in second)
    assert set(counts) == THEME_INTENTS | OTHER_INTENTS and min(counts.values()) >= 5, counts
    seen = {_norm(text) for _, _, text in train + heldout}
    leaked = [text for _, _, text in second if _norm(text) in seen]
    assert not leaked, (
        f"second held-out examples also in training or the first held-out set: {leaked}"
    )


def test_exercise_lookup_lists_every_way_of_naming_an_exercise(train):
    """RegexEntityExtractor finds `exercise` only through the lookup table, so every synonym
    and every annotated example must be in it (or the entity silently stops being found)."""
    data = fast_yaml.safe_load((NLU_DIR / "exercises.yml").read_text(encoding="utf-8"))
    lookup = {
        line[2:].strip().lower()
        for block in data["nlu"]
        if block.get("lookup") == "exercise"
        for line in block["examples"].splitlines()
        if line.strip()
    }
    named = {b["synonym"].replace("_", " ") for b in data["nlu"] if "synonym" in b}
    for block in data["nlu"]:
        if "synonym" in block:
            named |= {
                line[2:].strip().lower() for line in block["examples"].splitlines() if line.strip()
            }
    for _, raw, _ in train:
        named |= {text.lower() for text, _ in ENTITY.findall(raw)}
    missing = sorted(named - lookup)
    assert not missing, f"add to the exercise lookup table in data/nlu/exercises.yml: {missing}"


def test_the_share_news_dev_set_is_not_in_training(train):
    path = ROOT / "tests" / "data" / "nlu" / "share_news_dev.tsv"
    lines = [
        line.split("\t", 1)[1]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) >= 100
    trained = {_norm(text) for _, _, text in train}
    leaked = [text for text in lines if _norm(text) in trained]
    assert not leaked, f"dev examples found in training data: {leaked}"


# A request asks (a question, or an imperative such as "book me a taxi"); news tells, and
# mostly opens with the teller ("i", "my", "we") or a past-tense verb ("went", "got").
NEWS_OPENING = re.compile(
    r"^(i|i'm|im|i've|ive|i'd|my|we|we're|we've|our|me|went|got|had|did|made|just)\b"
)
REQUEST_CUE = re.compile(
    r"\?|\b(how|what|whats|what's|why|when|where|who|which|can|could|would|will|is|are|do|"
    r"does|should|help|please|pls|recommend|tell|give|show|find|write|make)\b"
)


def test_out_of_scope_examples_ask_for_something_rather_than_tell_news(train):
    """out_of_scope is for requests the bot cannot serve (forecasts, maths, code, trivia).
    An example told like news ("my laptop keeps freezing") teaches DIET that "my <thing> ..."
    can be out of scope, and ordinary news about a cat, a parcel or a trip went there."""
    told = [
        text
        for intent, _, text in train
        if intent == "out_of_scope"
        and NEWS_OPENING.search(text.lower())
        and not REQUEST_CUE.search(text.lower())
    ]
    assert not told, f"out_of_scope examples that read as news, not requests: {told}"


def test_news_examples_tell_rather_than_ask(train):
    """The other side of the boundary: a share_news example that asks something ("how do i
    ...", "what's ...?") would pull real out-of-scope requests into a "that's lovely" reply."""
    asking = re.compile(r"\?\s*$|^(how|what|whats|what's|why|where|who|which|can you|could you)\b")
    asked = [
        text for intent, _, text in train if intent == "share_news" and asking.search(text.lower())
    ]
    assert not asked, f"share_news examples that ask a question: {asked}"


# Held-out lines that are also, word for word, in the training data, counted when each set was
# retired: short common messages ("hi", "thank you") and everyday sentences that strangers and our
# own data both wrote (v4's 30, v5's 38 and v6's 45 were counted the day each was retired, before
# anyone read it). A count that grows means a held-out line was copied into training. Only counts
# are printed: the held-out halves are never read.
COINCIDENT_INTENT_LINES = {2: 38, 3: 44, 4: 30, 5: 38, 6: 45, 7: 51, 8: 42, 9: 38, 10: 33, 11: 50}


@pytest.mark.parametrize("halves", retired_sets.intents_halves(), ids=lambda h: h.name)
def test_a_retired_intents_set_is_split_by_alternation_and_its_held_out_half_is_unseen(
    train, halves
):
    """tune_vN / heldout_vN are the retired set's lines alternating within each intent in file
    order (eval.intents reads the first, reports the second by figure only), and no held-out
    line has been copied into the training data since the set was retired."""
    from eval.intents import read_examples

    whole = list(zip(*read_examples(halves.whole), strict=True))
    tune = list(zip(*read_examples(halves.first), strict=True))
    held = list(zip(*read_examples(halves.held_out), strict=True))
    expected_tune, expected_held, seen = [], [], Counter()
    for intent, text in whole:
        (expected_tune if seen[intent] % 2 == 0 else expected_held).append((intent, text))
        seen[intent] += 1
    assert whole, halves.whole
    assert tune == expected_tune, f"{halves.first.name} is not the alternate lines"
    assert held == expected_held, f"{halves.held_out.name} is not the alternate lines"
    trained = {_norm(text) for _, _, text in train}
    leaked = sum(_norm(text) in trained for _, text in held)
    cap = COINCIDENT_INTENT_LINES[halves.version]
    assert leaked <= cap, f"{leaked - cap} more {halves.name} held-out lines in training data"
