"""A factored pattern means exactly what its text says (issue #12's over-generation).

Above EXACT_BUDGET branches the compiler merges same-length alternatives position by position
(bot/crisis/patterns.py), so the Matcher alone would read "(stop breathing|join my)" as
"stop|join breathing|my" and fire on "stop my". Each factored pattern carries a regex of its
exact meaning that every candidate span must pass. Here: each element of the pattern language
through that regex (compiled with EXACT_BUDGET 0, so even a two-branch pattern is factored and
checked) against the exact compile, the over-generation family (a merged slot filled from two
different alternatives) next to the intended matches, and the real lexicon on its own examples.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Optional, Tuple

import pytest
from spacy.matcher import Matcher

from bot import fast_yaml
from bot.crisis import lexicon as cl
from bot.crisis.cache_files import write_text_aside
from bot.crisis.patterns import AnchoredMatcher, PatternCompiler, check_spec, token_text
from bot.nlu.spacy_pipeline import load

MACROS = {
    "self": ["myself", "my self", "my own self"],
    "kin": ["[my] mum|dad|nan", "my grandad"],
    "gone": ["(ran out|run out) of", "lost my", "[have] no [more]"],
}


@pytest.fixture(scope="module")
def nlp():
    return load()


def _spans(nlp, pattern: str, text: str, factored: bool) -> set:
    """The (start, end) token spans ``pattern`` matches in ``text``: factored and checked
    (every pattern, however small) or compiled exactly."""
    compiler = PatternCompiler(nlp, MACROS, exact=not factored)
    if factored:
        compiler.EXACT_BUDGET = 0
    branches, _, check = compiler.compile(pattern)
    assert (check is not None) == factored
    matcher = AnchoredMatcher(nlp.vocab)
    matcher.add("k", branches, check=check)
    return {(s, e) for _, s, e in matcher(nlp(text))}


def _whole(nlp, pattern: str, text: str) -> bool:
    """Does the exact regex of ``pattern`` accept the whole of ``text``?"""
    regex = PatternCompiler(nlp, MACROS).exact_regex(pattern)
    return re.fullmatch(regex, token_text(nlp(text))) is not None


# (pattern, texts it must match whole, texts it must not match at all): one row per element of
# the pattern language, the misses being what a merge by position would let through.
CASES = [
    # ~lemma: any form, lower or lemma alternatives side by side
    ("~kill @self", ["killed myself", "killing my own self", "kills my self"], ["skill myself"]),
    ("~take|took all my pills", ["took all my pills", "taking all my pills"], ["take all pills"]),
    # (a b|c d): several words per alternative; a mixture of two is no alternative
    (
        "want to (stop breathing|join my|end it)",
        ["want to stop breathing", "want to join my", "want to end it"],
        ["want to stop my", "want to join breathing", "want to end my", "want to stop it"],
    ),
    (
        "(i (really|truly) want|we need) to go",
        ["i really want to go", "i truly want to go", "we need to go"],
        ["i need to go", "we really want to go", "i want to go"],
    ),
    # [opt]: single words (an optional token) and several words (a whole phrase or nothing)
    ("i [really|just] want to die", ["i want to die", "i just want to die"], ["i so want to die"]),
    (
        "i [kind of|pretty much] hate it",
        ["i hate it", "i kind of hate it", "i pretty much hate it"],
        ["i kind much hate it", "i pretty of hate it", "i kind hate it"],
    ),
    # a branch made only of optional single tokens matches nothing on its own
    ("[kind of|pretty much] [really]", ["kind of really", "pretty much"], ["really"]),
    # @macro: every phrase of it, each phrase whole
    (
        "i miss @kin so much",
        ["i miss mum so much", "i miss my nan so much", "i miss my grandad so much"],
        ["i miss my so much", "i miss grandad so much", "i miss my mum grandad so much"],
    ),
    (
        "(@gone) insulin",
        ["ran out of insulin", "lost my insulin", "no insulin", "have no more insulin"],
        ["ran my insulin", "lost out of insulin", "run of insulin"],
    ),
    # *: any one token, optional; a run of them, at most that many
    (
        "want * * die",
        ["want die", "want to die", "want to just die"],
        ["want to really just die"],
    ),
    ("@self|(end it) * (tonight|right now)", ["end it all tonight", "myself right now"], []),
]


@pytest.mark.parametrize("pattern, hits, misses", CASES)
def test_the_exact_regex_reads_each_element_of_the_pattern_language(nlp, pattern, hits, misses):
    for text in hits:
        assert _whole(nlp, pattern, text), text
    for text in misses:
        assert not _whole(nlp, pattern, text), text


@pytest.mark.parametrize("pattern, hits, misses", CASES)
def test_a_factored_pattern_matches_what_its_exact_compile_matches(nlp, pattern, hits, misses):
    for text in hits + misses + [f"honestly {t} lol" for t in hits + misses]:
        assert _spans(nlp, pattern, text, True) == _spans(nlp, pattern, text, False), text
    for text in misses:
        assert not _spans(nlp, pattern, text, True), text


def test_the_merged_matcher_alone_would_over_generate(nlp):
    """What the check is for: without it the factored branches take "stop my"."""
    compiler = PatternCompiler(nlp, MACROS)
    compiler.EXACT_BUDGET = 0
    branches, _, check = compiler.compile("want to (stop breathing|join my)")
    unchecked, checked = AnchoredMatcher(nlp.vocab), AnchoredMatcher(nlp.vocab)
    unchecked.add("k", branches)
    checked.add("k", branches, check=check)
    doc = nlp("i need to want to stop my shop bleeding money")
    assert unchecked(doc) and not checked(doc)


# A small lexicon of our own with factored patterns ending in `$` and `$$`: the end conditions
# still apply to the checked spans, and the check to the end-conditioned ones.
SMALL_LEXICON = """\
categories:
  suicidal:
    - p: "(want|going) to (stop breathing|join them|end it) (tonight|right now|for good) $"
    - p: "(this is|that's) (my last|the end|goodbye) (message|post|night|from me|everyone) $$"
"""


@pytest.fixture(scope="module")
def small(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exact") / "crisis"
    folder.mkdir()
    (folder / "lexicon_en.yml").write_text(SMALL_LEXICON)
    lexicon = cl.CrisisLexicon(nlp, data_dir=folder, languages=("en",), cache_dir=None)
    assert len(lexicon.matcher.checks) == 2  # both factored
    lexicon.folder = folder
    return lexicon


@pytest.mark.parametrize(
    "text, found",
    [
        ("i want to end it tonight", True),
        ("im going to stop breathing right now, bye", True),
        ("want to join them for good lol", True),
        ("i want to end it tonight with him at the pub", False),  # `$`: the thought goes on
        ("i want to end them tonight", False),  # a mixture: end + them
        ("going to stop it right now", False),  # stop + it
        ("want to join breathing for now", False),  # join + breathing, for + now
        ("ok this is my last message", True),
        ("that's goodbye from me x", True),
        ("this is my last message before the exam, wish me luck", False),  # `$$`: more follows
        ("this is the last night", False),  # the + last
        ("that's my end message", False),  # my + end
    ],
)
def test_end_conditions_and_the_check_together(small, text, found):
    assert small.match(text).matched is found, text


def test_a_check_that_does_not_compile_keeps_the_candidates_and_a_bad_one_fails_when_added(nlp):
    """Fails open (a false alarm rather than a missed crisis); the lexicon's own all compile."""
    matcher = AnchoredMatcher(nlp.vocab)
    matcher.add("k", [[{"LOWER": "die"}]], check="(unbalanced")
    assert matcher(nlp("i want to die"))
    with pytest.raises(ValueError):
        matcher.add("k", [[{"LOWER": "die"}]], check=3)


def test_every_check_of_the_lexicon_compiles():
    lexicon = cl.get_lexicon()
    assert len(lexicon.matcher.checks) > 500 and not lexicon.exclusions.checks
    for source in lexicon.matcher.checks.values():
        re.compile(source)


# The over-generation family in the real lexicon: a merged slot filled from two different
# alternatives (left) never matches; the phrases the patterns' authors wrote still do (right).
@pytest.mark.parametrize(
    "text",
    [
        "i need to stop my shop bleeding money",
        "we need to stop my brother eating all the biscuits",
        "how not to die on a 10k run",
        "HOW NOT TO DIE ON A 10K RUN lol",
    ],
)
def test_mixtures_of_sibling_phrases_do_not_match(text):
    assert not cl.detect(text).matched, text


@pytest.mark.parametrize(
    "text",
    [
        "i just want to stop breathing",
        "i need to stop existing",
        "i want to join my mum, i miss her so much",
        "honestly i just wanna join my dad",
    ],
)
def test_the_phrases_the_patterns_name_still_match(text):
    result = cl.detect(text)
    assert result.matched and result.category == "suicidal", text


# -- the whole lexicon on every study message ---------------------------------------------------
def _study_messages() -> list:
    """Every tuning and validation line of the crisis corpus, the bot's NLU examples and the
    lexicon's own examples (never a held-out or sealed file)."""
    from bot.crisis import learned

    folder = cl.ROOT / "eval" / "data" / "crisis_dev"
    paths = sorted(folder.glob("tune*.tsv")) + sorted(folder.glob("validation*.tsv"))
    messages = [message for path in paths for _, message in learned.read_tsv(path)]
    messages += learned.bot_chat_examples() + learned.bot_chat_examples(distress=True)
    messages += [example for _, _, example in cl.get_lexicon().examples]
    return list(dict.fromkeys(messages))


class _ExactReference:
    """The exact compile (``PatternCompiler(exact=True)``) of a lexicon's factored patterns as
    spaCy Matchers, each built when a message first needs it. The expansions (None for a pattern
    too large to expand: about 20, up to 600,000 branches, whose reference is the regex itself,
    tested element by element above) are kept under var/cache by the lexicon's own fingerprint
    (the data files, the compiler's and normaliser's code, spaCy and the tokenizer: everything a
    compile reads), so a later run reads them instead of expanding them again; expanding the
    too-large ones alone costs 15 CPU-seconds."""

    FORMAT = 1

    def __init__(self, nlp, lexicon, data_dir=cl.DATA_DIR, cache_dir=None):
        self.nlp, self.lexicon = nlp, lexicon
        self.compilers = {}
        for lang in ("en", "es"):
            for tag, name in (("", f"lexicon_{lang}.yml"), ("c", f"concepts_{lang}.yml")):
                path = Path(data_dir) / name
                if path.exists():
                    macros = fast_yaml.safe_load(path.read_text(encoding="utf-8")).get("macros")
                    self.compilers[lang, tag] = PatternCompiler(nlp, macros or {}, exact=True)
        self.path = None
        if cache_dir is not None:
            fingerprint = cl.CrisisLexicon._fingerprint(nlp, data_dir, ("en", "es"))
            self.path = Path(cache_dir) / f"crisis_exact-{fingerprint}.json"
        self.expansions = self._read()
        self.fresh = False
        self.matchers: dict = {}

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["format"] != self.FORMAT or data["fingerprint"] not in self.path.name:
                return {}
            specs = data["specs"]
            for spec in specs:
                check_spec(spec)
            return {
                str(key): None if found is None else [[specs[i] for i in b] for b in found]
                for key, found in data["expansions"].items()
            }
        except Exception:  # noqa: BLE001 - no cache, or a bad one: expand again
            return {}

    def save(self) -> None:
        if self.path is None or not self.fresh:
            return
        specs, index = [], {}

        def intern(spec):
            name = json.dumps(spec, sort_keys=True)
            if name not in index:
                index[name] = len(specs)
                specs.append(spec)
            return index[name]

        expansions = {
            key: None if found is None else [[intern(s) for s in b] for b in found]
            for key, found in self.expansions.items()
        }
        fingerprint = self.path.stem.split("-", 1)[1]
        data = {"format": self.FORMAT, "fingerprint": fingerprint, "specs": specs}
        data["expansions"] = expansions
        write_text_aside(self.path, lambda out: json.dump(data, out, separators=(",", ":")))
        for old in self.path.parent.glob("crisis_exact-*.json"):
            if old != self.path:
                old.unlink(missing_ok=True)

    def spans(self, match_id: int, doc) -> Optional[set]:
        """The spans the exact compile of ``match_id``'s pattern matches in ``doc``; None for a
        pattern too large to expand."""
        if match_id not in self.matchers:
            key = self.nlp.vocab.strings[match_id]
            if key not in self.expansions:
                lang, _, index = key.split("|")
                compiler = self.compilers[lang, "c" if index.startswith("c") else ""]
                source = self.lexicon.info[key].source
                branches = None  # too large to expand: the regex is the reference
                if not _too_large(compiler, source):
                    branches, _, _ = compiler.compile(source)
                self.expansions[key], self.fresh = branches, True
            branches = self.expansions[key]
            if branches is None:
                self.matchers[match_id] = None
            else:
                self.matchers[match_id] = Matcher(self.nlp.vocab, validate=False)
                self.matchers[match_id].add(key, branches)
        matcher = self.matchers[match_id]
        return None if matcher is None else {(s, e) for _, s, e in matcher(doc)}


def _too_large(compiler: PatternCompiler, source: str) -> bool:
    """Would ``compiler.compile(source)`` refuse the pattern for its size (over 5,000 distinct
    branches)? Decided the way compile decides (the top-level product of the groups, branches
    with a required token, distinct by repr), but stopping at the 5,001st distinct branch rather
    than expanding up to 600,000 first."""
    pattern = source.strip().rstrip("$").strip()
    groups = [compiler._group(g, 0) for g in compiler._split(pattern, None)]
    seen: set = set()
    for combo in itertools.product(*groups):
        branch = list(itertools.chain.from_iterable(combo))
        if any(t.get("OP") != "?" for t in branch):
            seen.add(repr(branch))
            if len(seen) > 5000:
                return True
    return False


def test_too_large_decides_as_compile_does(nlp):
    compiler = PatternCompiler(nlp, {"w": [f"w{i}" for i in range(80)]}, exact=True)
    for source, large in [("@w @w", True), ("@w [@w]", True), ("@w x|y", False), ("~a b", False)]:
        assert _too_large(compiler, source) is large, source
        if large:
            with pytest.raises(ValueError, match="branches"):
                compiler.compile(source)
        else:
            assert compiler.compile(source)[0]


def _compare(nlp, lexicon, messages, reference) -> Tuple[int, int]:
    """On every chunk of every message where the lexicon's Matcher finds a candidate of a
    factored pattern: that pattern's checked spans are the exact compile's spans (AssertionError
    otherwise). Where it finds none, the exact compile finds none either (its branches are a
    subset of the merged ones). Returns (patterns compared, of which the check dropped spans)."""
    matcher = lexicon.matcher
    compared = dropped = 0
    for message in messages:
        for _, chunk in cl._chunks(lexicon.normalise(message)):
            doc = nlp(chunk)
            found = matcher.candidates(doc)
            factored = {m for m, _, _ in found if m in matcher.checks}
            if not factored:
                continue
            checked = matcher._exact(doc, found)
            for match_id in factored:
                exact = reference.spans(match_id, doc)
                if exact is None:
                    continue
                mine = {(s, e) for m, s, e in checked if m == match_id}
                assert mine == exact, (message, nlp.vocab.strings[match_id])
                compared += 1
                dropped += mine != {(s, e) for m, s, e in found if m == match_id}
    return compared, dropped


def test_every_factored_pattern_matches_exactly_its_exact_compile_on_the_study_messages(nlp):
    """For each factored pattern small enough to compile exactly (all but about 20), on every
    study message: the checked spans are the exact compile's spans (``_compare``). A pattern's
    verdict is its spans, so verdicts are equal too."""
    lexicon = cl.get_lexicon()
    reference = _ExactReference(nlp, lexicon, cache_dir=cl.CACHE_DIR)
    try:
        compared, dropped = _compare(nlp, lexicon, _study_messages(), reference)
    finally:
        reference.save()
    assert compared > 1000 and dropped > 50  # the comparison ran, and the checks had work to do


# The comparison fails when it should: a factored pattern whose check lets a mixture through
# (the merged Matcher alone), or one whose check drops a phrase the pattern names.
MUTATION_MESSAGES = [
    "i want to end it tonight",
    "i want to end them tonight",
    "going to stop it right now",
    "that's goodbye from me x",
    "that's my end message",
]


@pytest.fixture
def small_reference(nlp, small, tmp_path):
    return _ExactReference(nlp, small, data_dir=small.folder, cache_dir=tmp_path)


def test_the_comparison_passes_the_small_lexicon_as_compiled(nlp, small, small_reference):
    compared, dropped = _compare(nlp, small, MUTATION_MESSAGES, small_reference)
    assert compared == len(MUTATION_MESSAGES) and dropped == 3


@pytest.mark.parametrize("mutation", ["lets mixtures through", "drops a named phrase"])
def test_the_comparison_catches_a_factored_pattern_that_differs_from_its_exact_compile(
    nlp, small, small_reference, mutation, monkeypatch
):
    checks = dict(small.matcher.checks)
    first, second = sorted(checks)  # the two patterns of SMALL_LEXICON
    if mutation == "lets mixtures through":
        checks[first] = ".*"
    else:
        checks[first], checks[second] = checks[second], checks[first]
    monkeypatch.setattr(small.matcher, "checks", checks)
    monkeypatch.setattr(small.matcher, "_compiled_checks", {})
    with pytest.raises(AssertionError):
        _compare(nlp, small, MUTATION_MESSAGES, small_reference)


def test_the_exact_expansions_are_cached_and_read_back(nlp, small, tmp_path):
    """A second reference reads what the first expanded (the same spans, nothing expanded)."""
    first = _ExactReference(nlp, small, data_dir=small.folder, cache_dir=tmp_path)
    before = _compare(nlp, small, MUTATION_MESSAGES, first)
    first.save()
    assert len(list(tmp_path.glob("crisis_exact-*.json"))) == 1
    second = _ExactReference(nlp, small, data_dir=small.folder, cache_dir=tmp_path)
    assert second.expansions == first.expansions and len(second.expansions) == 2
    second.compilers = {}  # reading only: any expansion would fail
    assert _compare(nlp, small, MUTATION_MESSAGES, second) == before


# Sibling phrases that only matched through a merged slot but that the patterns' authors clearly
# meant, now written out in the lexicon (data/crisis/lexicon_en.yml), next to everyday look-alikes.
@pytest.mark.parametrize(
    "text, category",
    [
        ("my carer takes my pension and leaves me without food", "abuse"),
        ("my grans carer is stealing her savings and shouting at her", "abuse"),
        ("he said he'll kill the dog if i tell anyone", "abuse"),
        ("my uncle said they'll kill me if i dont marry him", "abuse"),
        ("havent had food since monday and i keep blacking out", "self_harm"),
        ("passed out in the shower, only had black coffee since sunday", "self_harm"),
        ("my carer takes my nan to the shops on tuesdays", None),
        ("he said he'll kill it at the gig tonight", None),
        ("havent had food since lunch lol im starving", None),
    ],
)
def test_the_sibling_phrases_their_authors_meant(text, category):
    assert cl.detect(text).category == category, text
