"""The crisis lexicon on its own: categories, normalisation, negation, Spanish,
idioms, odd input, long messages, and the data files' own examples.

A missed crisis is the worst bug this project can have; a false alarm on an idiom
the second worst. Both directions are tested, and so are the failure modes.
"""

from __future__ import annotations

import pytest

from bot import fast_yaml
from bot.crisis import lexicon as cl
from bot.crisis.lexicon import CATEGORIES, CrisisResult, detect, get_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return get_lexicon()


# -- every category, written as people write ---------------------------------------------
@pytest.mark.parametrize(
    "text, category",
    [
        ("honestly i think im going to kill myself tonight", "suicidal"),
        ("there's nothing left for me, i want to end my life", "suicidal"),
        ("everybody would be so much happier without me around", "suicidal"),
        ("after tonight i won't be around anymore", "suicidal"),
        ("i finished writing the goodbye letters for my kids", "suicidal"),
        ("how many of my sleeping tablets would it take", "suicidal"),
        ("i want to fall asleep and never wake up again", "suicidal"),
        ("cant see any reason to live tbh", "suicidal"),
        ("been thinking of unaliving myself", "suicidal"),
        ("kms", "suicidal"),
        ("i relapsed and started cutting again", "self_harm"),
        ("been hurting myself when nobody's home", "self_harm"),
        ("i burned myself with a lighter on purpose", "self_harm"),
        ("relapsed on sh after 3 months", "self_harm"),
        ("i swallowed all my meds an hour ago", "overdose"),
        ("just took a full bottle of tylenol", "overdose"),
        ("i think i overdosed, i feel really weird", "overdose"),
        ("i'm going to stab my stepdad when he's asleep", "harm_to_others"),
        ("i want to hurt her so badly for what she did", "harm_to_others"),
        ("my dad beats me with his belt", "abuse"),
        ("i'm terrified to go home tonight, he's drunk again", "abuse"),
        ("my boyfriend threatened to kill me if i leave", "abuse"),
        ("my uncle raped me when i was 12", "sexual_violence"),
        ("he kept touching me even though i said no", "sexual_violence"),
        ("i think i was sexually assaulted at the party", "sexual_violence"),
        ("my best mate says he wants to kill himself", "third_party_risk"),
        ("my little sister has been cutting herself", "third_party_risk"),
    ],
)
def test_each_category(text, category):
    result = detect(text)
    assert result.matched, text
    assert category in result.categories, (text, result.categories)


def test_primary_category_is_the_most_urgent():
    result = detect("i cut myself and then i took all my pills")
    assert result.category == "overdose"
    assert {"overdose", "self_harm"} <= set(result.categories)


# -- normalisation -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "I WANT TO KILL MYSELF",
        "i want to kiiiiilll myself",
        "i wanna dieeeeee",
        "k i l l  m y s e l f",
        "i want to k i l l myself",
        "k.i.l.l myself",
        "i want to k1ll mys3lf",
        "su1c1d@l again",
        "i want to d!e",
        "im gonna end it all",
        "i dont want to live anymore",
        "i don’t want to be alive",  # curly apostrophe
        "ｉ ｗａｎｔ ｔｏ ｄｉｅ",  # full-width letters (NFKC)
        "wanttodie",
        "killmyself",
        "i want to kil myself",
        "im so sucidal",
    ],
)
def test_normalisation_variants(text):
    assert detect(text).matched, text


def test_normaliser_examples(lexicon):
    norm = lexicon.normalise
    assert norm("Im SO tired") == "i'm so tired"
    assert norm("dont") == "don't"
    assert norm("dieeee") == "die"
    assert norm("k i l l") == "kill"
    assert norm(None) == ""
    assert norm("call 13 11 14") == "call 13 11 14"  # digits without letters are not leetspeak


# -- negation -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "i'm not going to hurt myself, but i'm struggling a lot",
        "i would never kill myself",
        "don't worry, i'm not suicidal",
        "i promise i wont hurt myself",
        "no quiero morir pero estoy muy triste",
    ],
)
def test_negated_mentions_still_match_flagged(text):
    result = detect(text)
    assert result.matched, text
    assert result.negated, text


@pytest.mark.parametrize(
    "text",
    [
        "i don't want to live anymore",
        "i can't go on",
        "nobody would miss me if i died",
        "no quiero vivir",
        "i don't know why but i want to die",
        "i'm not okay and i want to die",
        "i'm not going to hurt myself but i do want to die",  # one plain mention outweighs
    ],
)
def test_negation_inside_the_phrase_is_not_negated(text):
    result = detect(text)
    assert result.matched, text
    assert not result.negated, text


# -- Spanish --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, category",
    [
        ("ya no quiero seguir viviendo", "suicidal"),
        ("creo que me voy a matar", "suicidal"),
        ("pienso en suicidarme todos los dias", "suicidal"),
        ("tengo ganas de hacerme dano", "self_harm"),
        ("me tomé todas mis pastillas", "overdose"),
        ("mi padrastro me pega", "abuse"),
        ("me violaron en una fiesta", "sexual_violence"),
        ("mi mejor amiga se quiere suicidar", "third_party_risk"),
        ("QUIERO MORIR", "suicidal"),
        ("me siento sola y quiero desaparecer", "suicidal"),
    ],
)
def test_spanish_with_and_without_accents(text, category):
    result = detect(text)
    assert result.matched, text
    assert category in result.categories
    assert result.language == "es"


def test_english_language_reported():
    assert detect("i want to die").language == "en"


# -- idioms must stay quiet -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "ugh this commute is killing me",
        "i'd kill for a flat white",
        "my phone died again",
        "cutting back on carbs this month",
        "so dead tired after work",
        "she's killing it in her new job",
        "i almost died laughing",
        "my feet are killing me in these heels",
        "i could murder a burger",
        "the battery's dead",
        "we cut the cake at midnight",
        "shoot me a message when you land",
        "that plot twist killed me",
        "deadline's tomorrow",
        "i'm dying to see that film",
        "the brownies were to die for",
        "i could kill for a nap",
        "this song slaps",
        "i cut myself shaving",
        "my mum's going to kill me when she sees the car",
        "we watched suicide squad",
        "keep dying to the final boss",
        "my brother beat me at fifa",
    ],
)
def test_idioms_do_not_trigger(text):
    result = detect(text)
    assert not result.matched, (text, [(s.text, s.pattern) for s in result.spans])


# -- odd input never raises -----------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "   ",
        "\n\t",
        "😀😀😀",
        "🔪💊",
        42,
        b"bytes",
        ["i want to die"],
        "这是一个测试",
        "Я хочу спать",
        "لا أريد",
        "\x00\x01\x02",
        "////",
        "@@@@",
    ],
)
def test_odd_input_never_raises(value):
    result = detect(value)
    assert isinstance(result, CrisisResult)
    assert not result.matched


@pytest.mark.parametrize(
    "text",
    [
        "'" * 100_000,
        "😀" * 50_000,
        "!?" * 50_000,
        "a " * 40_000 + "ab",
        "x" * 100_000,
        "k1ll" * 20_000,
        "\u200b" * 100_000,
        ".-" * 50_000,
    ],
)
def test_pathological_input_returns(text):
    """Inputs that make naive tokenisation or regexes quadratic still come back (and quietly)."""
    assert not detect(text).matched


@pytest.mark.parametrize(
    "text", ["k\u200bi\u200bl\u200bl myself", "k̷i̷l̷l̷ m̷y̷s̷e̷l̷f̷", "i want to d\u00adie"]
)
def test_invisible_and_combining_characters_do_not_hide_a_crisis(text):
    assert detect(text).matched, text


def test_non_latin_text_around_a_crisis_phrase():
    assert detect("今日は疲れた i want to kill myself 😔").matched


def test_emoji_only_and_whitespace_are_unmatched():
    assert not detect("😭😭😭").matched
    assert not detect("      ").matched


def test_crisis_phrase_at_the_end_of_a_100k_message():
    ending = " and i want to kill myself"
    filler = "i had a normal day at work and then went home. " * 2200
    text = filler[: 100_000 - len(ending)] + ending
    assert len(text) == 100_000
    result = detect(text)
    assert result.matched
    assert result.spans[-1].start > 99_000


def test_crisis_phrase_across_a_chunk_boundary(lexicon):
    # The phrase straddles every possible cut: overlapping windows must still see it.
    for pad in range(0, cl.CHUNK_CHARS, 397):
        text = "x " * (pad // 2) + "i want to kill myself" + " y" * 3000
        assert lexicon.match(text).matched, pad


def test_huge_message_beyond_the_scan_limit_still_checks_the_tail():
    text = "blah " * (cl.MAX_SCAN // 5 + 1000) + "i want to die"
    assert detect(text).matched


def test_long_message_without_crisis():
    assert not detect("just a normal sentence about my day. " * 3000).matched


def test_result_as_dict_is_plain_data():
    d = detect("i want to die").as_dict()
    assert d["matched"] is True and d["category"] == "suicidal"
    assert isinstance(d["spans"], list) and d["spans"][0]["text"]


# -- the data files ---------------------------------------------------------------------------
def test_every_lexicon_example_matches_its_category(lexicon):
    assert len(lexicon.examples) > 300
    failures = []
    for language, category, example in lexicon.examples:
        result = lexicon.match(example)
        if not result.matched or category not in result.categories:
            failures.append((language, category, example, result.categories))
    assert not failures


def test_every_exclusion_example_is_quiet():
    spec = fast_yaml.safe_load((cl.DATA_DIR / "exclusions.yml").read_text(encoding="utf-8"))
    loud = []
    for entry in spec["exclusions"]:
        for example in cl._as_list(entry.get("e")):
            if detect(example).matched:
                loud.append(example)
    assert not loud


def test_all_categories_have_patterns(lexicon):
    seen = {info.category for info in lexicon.info.values()}
    assert seen == set(CATEGORIES)
    assert {info.language for info in lexicon.info.values()} == {"en", "es"}


def test_patterns_are_valid_spacy_patterns(lexicon):
    """Build with spaCy's own validation on (off in production for start-up time)."""
    from spacy.matcher import Matcher

    for _key, bucket in list(lexicon.matcher.buckets.items())[:200]:
        checker = Matcher(lexicon.nlp.vocab, validate=True)
        for match_key in list(bucket._patterns.keys())[:3]:
            name = lexicon.nlp.vocab.strings[match_key]
            _, patterns = bucket.get(name)
            checker.add(name, patterns)


def test_anchored_matcher_equals_a_plain_matcher(lexicon):
    """The anchor buckets are an optimisation only: same matches as running every pattern on
    the whole doc. Each bucket is itself a plain spaCy Matcher, so "every pattern" is every
    bucket, none skipped for a missing anchor and none cut to windows (one Matcher holding all
    14,000 branches gives the same matches but takes ~15 CPU-seconds just to build)."""

    def plain(doc):
        found = {m for bucket in lexicon.matcher.buckets.values() for m in bucket(doc)}
        return lexicon.matcher._exact(doc, found)  # factored patterns' exact check

    long_text = (
        "work was fine and then i took all my pills. he hits me. i'm fine. " * 30
        + "my friend says she wants to kill herself"
    )
    for text in [
        "i want to kill myself",
        "my friend says she wants to kill herself",
        "took all my pills",
        "he hits me",
        "normal day at work",
        "no quiero vivir",
        long_text,
    ]:
        doc = lexicon.nlp(lexicon.normalise(text))
        assert sorted(set(plain(doc))) == sorted(set(lexicon.matcher(doc))), text
    # and with anchor windows on every doc, however short
    saved = lexicon.matcher.window_min_tokens
    try:
        lexicon.matcher.window_min_tokens = 0
        for text in ["i want to kill myself", long_text]:
            doc = lexicon.nlp(lexicon.normalise(text))
            assert sorted(set(plain(doc))) == sorted(set(lexicon.matcher(doc))), text
    finally:
        lexicon.matcher.window_min_tokens = saved


def test_bad_pattern_syntax_is_rejected(lexicon):
    compiler = cl.PatternCompiler(lexicon.nlp, {})
    with pytest.raises(ValueError):
        compiler.compile("(unbalanced group")
    with pytest.raises(ValueError):
        compiler.compile("@no_such_macro")
    with pytest.raises(ValueError):
        compiler.compile("[only] [optional]")


def test_a_lexicon_without_the_pattern_fails_loudly(tmp_path, lexicon):
    """A category missing from CATEGORIES is a data error, not a silent skip."""
    (tmp_path / "lexicon_en.yml").write_text("categories:\n  made_up:\n    - p: die\n")
    with pytest.raises(ValueError):
        cl.CrisisLexicon(lexicon.nlp, data_dir=tmp_path, languages=("en",))


def test_the_test_can_fail(lexicon):
    """Self-check: an empty lexicon matches nothing, so the recall tests can fail."""
    assert cl.DATA_DIR.is_dir()  # where the real data lives
    empty = cl.CrisisLexicon.__new__(cl.CrisisLexicon)
    empty.nlp, empty.info = lexicon.nlp, {}
    empty.matcher = cl.AnchoredMatcher(lexicon.nlp.vocab)
    empty.exclusions = cl.AnchoredMatcher(lexicon.nlp.vocab)
    empty.normalise = lexicon.normalise
    assert not empty.match("i want to kill myself").matched


# -- concept tier (data/crisis/concepts_*.yml) ---------------------------------------------
@pytest.mark.parametrize(
    "text, category",
    [
        ("honestly so sick of being alive", "suicidal"),
        ("i'm sat on the ledge outside my flat", "suicidal"),
        ("standing at the edge of the platform rn", "suicidal"),
        ("swallowed a load of my gran's heart pills", "overdose"),
        ("i've got a knife in my bag and i'm going to stab him", "harm_to_others"),
        ("my stepdad comes into my room when everyone's asleep and touches me", "sexual_violence"),
        ("gonna vanish for good", "suicidal"),
        ("been googling painless ways to die", "suicidal"),
        ("i'm worth more dead tbh", "suicidal"),
        ("tonight's the night.", "suicidal"),
        ("i really can't picture myself alive next year", "suicidal"),
        ("no1 would notice if i was gone", "suicidal"),
        ("estoy harto de estar vivo", "suicidal"),
    ],
)
def test_concept_tier_generalises(text, category):
    result = detect(text)
    assert result.matched and category in result.categories, (text, result.categories)


@pytest.mark.parametrize(
    "text",
    [
        "i keep beating myself up about the exam",
        "tonight's the night, the finale is on",
        "i'm finally going to do it and book the trip",
        "sitting on the roof terrace with a drink",
        "i'm standing on the platform waiting for my train",
        "i took my antidepressants this morning",
        "i took half a paracetamol for my headache",
        "i took all of them to the park",
        "researching methods for my dissertation",
        "my dad comes into my room at night to check i'm asleep",
        "i want to dye my hair red",
        "in the film the hero jumps off a bridge",
        "my grandad died last month",
        "nobody would notice if i left the party early",
        "i can't see myself living here long term",
        "estoy en el puente con mis amigos tomando fotos",
    ],
)
def test_concept_tier_leaves_everyday_messages_alone(text):
    result = detect(text)
    assert not result.matched, (text, [(s.text, s.pattern) for s in result.spans])


def test_message_end_marker_needs_the_end_of_the_message(lexicon):
    """`$$`: "tonight's the night" is a crisis as the whole last thought only."""
    assert lexicon.match("tonight's the night").matched
    assert lexicon.match("ok. tonight is the night x").matched
    assert not lexicon.match("tonight's the night we find out who wins").matched


def test_concept_files_load_under_their_own_keys(lexicon):
    """The concept tier must not overwrite phrase patterns with the same index."""
    keys = list(lexicon.info)
    assert any("|c" in k for k in keys) and any(k.split("|")[2].isdigit() for k in keys)
    assert len(keys) == len(set(keys))
    concept_patterns = [v for k, v in lexicon.info.items() if "|c" in k]
    assert any(p.clause_end == "text" for p in concept_patterns)


@pytest.mark.parametrize(
    "text",
    [
        "i want to kill myself \ud83d",  # a lone surrogate (a broken emoji) crashed spaCy
        "i want to kill\x00 myself",  # NUL
        "i want to ki\u200bll myself",  # a zero-width space inside the word
        "\u202ei want to kill myself",  # a bidi override in front
    ],
)
def test_unreadable_characters_neither_crash_nor_hide_a_crisis(lexicon, text):
    assert lexicon.match(text).matched
