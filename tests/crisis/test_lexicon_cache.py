"""How the crisis lexicon is loaded: the compiled patterns kept between processes (a JSON file
named by a fingerprint of its sources) and the anchor buckets' Matchers built on first use.

Both are start-up savings only. A cache that is missing, stale, corrupt or tampered with must
never change what is detected, nor stop the lexicon from loading; a lazily built bucket must
match exactly what an eagerly built one does.
"""

from __future__ import annotations

import json
import shutil
import threading

import pytest

from bot.crisis import lexicon as cl
from bot.crisis.patterns import AnchoredMatcher
from bot.nlu.spacy_pipeline import load

TEXTS = [
    "i want to kill myself",
    "honestly im going to end it all tonight",
    "i took all my pills an hour ago",
    "my friend says she wants to kill herself",
    "he hits me when he drinks",
    "no quiero vivir mas",
    "i'd never hurt myself, i just feel low",
    "this traffic is killing me lol",
    "my phone died again",
    "normal day at work, had pasta",
    "i relapsed and started cutting again",
]


@pytest.fixture(scope="module")
def nlp():
    return load()


SMALL_LEXICON = """\
macros:
  me: [myself, me]
categories:
  suicidal:
    - p: "(kill|end) @me$"
      e: "i want to kill myself"
    - p: "~want to die"
  self_harm:
    - p: "(cut|cutting|burn|burned) @me"
      e: "i burned myself"
  overdose:
    - p: "took all my (pills|tablets)"
"""
SMALL_EXCLUSIONS = """\
exclusions:
  - p: "kill me with"
    e: "you kill me with these jokes"
"""
SMALL_TEXTS = [
    "i want to kill myself",
    "i wanted to die",
    "i took all my tablets",
    "been cutting myself",
    "you kill me with these jokes",
    "nice day",
]


@pytest.fixture
def data(tmp_path):
    """A small lexicon of our own (each test owns its sources and cache): quick to compile."""
    folder = tmp_path / "crisis"
    folder.mkdir()
    (folder / "lexicon_en.yml").write_text(SMALL_LEXICON)
    (folder / "exclusions.yml").write_text(SMALL_EXCLUSIONS)
    return folder


@pytest.fixture
def small(nlp, data):
    """The small lexicon compiled, its cache file and its answers."""
    cache = data.parent / "cache"
    lexicon = cl.CrisisLexicon(nlp, data_dir=data, languages=("en",), cache_dir=cache)
    (path,) = _cache_files(cache)
    answers = {text: lexicon.match(text).as_dict() for text in SMALL_TEXTS}
    found = {text: answer["category"] for text, answer in answers.items()}
    assert found == {
        "i want to kill myself": "suicidal",
        "i wanted to die": "suicidal",
        "i took all my tablets": "overdose",
        "been cutting myself": "self_harm",
        "you kill me with these jokes": None,
        "nice day": None,
    }
    return lexicon, data, path, answers


def _cache_files(cache):
    return sorted(cache.glob("crisis_lexicon-*.json"))


def _sample(lexicon: cl.CrisisLexicon) -> list:
    return TEXTS + [example for _, _, example in lexicon.examples[::9]]


@pytest.fixture(scope="module")
def reference(nlp, tmp_path_factory):
    """The lexicon compiled from a copy of the data, its cache file and its answers."""
    data = tmp_path_factory.mktemp("reference") / "crisis"
    shutil.copytree(cl.DATA_DIR, data)
    cache = data.parent / "cache"
    lexicon = cl.CrisisLexicon(nlp, data_dir=data, cache_dir=cache)
    (path,) = _cache_files(cache)
    answers = {text: lexicon.match(text).as_dict() for text in _sample(lexicon)}
    return lexicon, data, path, answers


def _same(a: cl.CrisisLexicon, b: cl.CrisisLexicon, answers: dict) -> None:
    assert a.info == b.info
    assert a.examples == b.examples
    assert a.normalise("Im gonna kms tmrw") == b.normalise("Im gonna kms tmrw")
    for mine, theirs in ((a.matcher, b.matcher), (a.exclusions, b.exclusions)):
        assert mine.size == theirs.size and mine.max_len == theirs.max_len
        assert mine.checks == theirs.checks
        assert mine.buckets._pending == theirs.buckets._pending
    assert {text: a.match(text).as_dict() for text in answers} == answers


def test_a_second_load_reads_the_cache_and_is_the_same_lexicon(nlp, reference, monkeypatch):
    compiled, data, path, answers = reference
    calls = []
    monkeypatch.setattr(
        cl.CrisisLexicon, "_load_sources", lambda *a: calls.append(a) or pytest.fail("compiled")
    )
    cached = cl.CrisisLexicon(nlp, data_dir=data, cache_dir=path.parent)
    assert calls == [] and _cache_files(path.parent) == [path]
    _same(cached, compiled, answers)
    assert cached.match("i want to kill myself").category == "suicidal"


def test_changed_data_is_compiled_again_under_a_new_name(nlp, small):
    _, data, old, _ = small
    path = data / "lexicon_en.yml"
    text = path.read_text(encoding="utf-8")
    marker = "\ncategories:\n  suicidal:\n"
    assert marker in text
    path.write_text(
        text.replace(marker, marker + "    - p: zorblax the quintessence\n", 1), encoding="utf-8"
    )
    changed = cl.CrisisLexicon(nlp, data_dir=data, languages=("en",), cache_dir=old.parent)
    (new,) = _cache_files(old.parent)
    assert new != old
    assert changed.match("zorblax the quintessence").category == "suicidal"
    again = cl.CrisisLexicon(nlp, data_dir=data, languages=("en",), cache_dir=old.parent)
    assert again.match("zorblax the quintessence").category == "suicidal"
    assert again.match("i want to kill myself").category == "suicidal"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: "{ not json",
        lambda d: json.dumps({**d, "fingerprint": "0" * 24}),
        lambda d: json.dumps({**d, "format": 0}),
        # a branch spaCy would read as something else entirely
        lambda d: json.dumps(
            {
                **d,
                "specs": d["specs"] + [{"REGEX": ".*"}],
                "compiled": [["m", d["compiled"][0][1], [[len(d["specs"])]]]] + d["compiled"],
            }
        ),
        # a spec table entry that is not a token spec at all
        lambda d: json.dumps({**d, "specs": d["specs"] + ["kill"]}),
        # indices into the spec table that are out of range, negative (Python would read it
        # from the end), or not integers
        *(
            (
                lambda d, bad=bad: json.dumps(
                    {**d, "compiled": [["m", d["compiled"][0][1], [[bad]]]] + d["compiled"]}
                )
            )
            for bad in (10**9, -1, 0.0, True, "0", None)
        ),
        # an empty branch
        lambda d: json.dumps({**d, "compiled": [["m", d["compiled"][0][1], [[]]]] + d["compiled"]}),
        # a pattern whose category is not one of ours
        lambda d: json.dumps(
            {**d, "info": {**d["info"], next(iter(d["info"])): ["made_up", "en", "x", False]}}
        ),
        # patterns dropped: the matchers would miss crises
        lambda d: json.dumps({**d, "compiled": d["compiled"][:1]}),
        lambda d: json.dumps({**d, "words": [1, 2]}),
        lambda d: "",
    ],
)
def test_a_spoilt_cache_is_ignored_and_replaced(nlp, small, spoil):
    compiled, data, path, answers = small
    good = path.read_text(encoding="utf-8")
    path.write_text(spoil(json.loads(good)), encoding="utf-8")
    loaded = cl.CrisisLexicon(nlp, data_dir=data, languages=("en",), cache_dir=path.parent)
    _same(loaded, compiled, answers)
    assert path.read_text(encoding="utf-8") == good  # compiled again and written again


def test_a_cache_that_cannot_be_written_or_read_changes_nothing(nlp, data, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    lexicon = cl.CrisisLexicon(nlp, data_dir=data, languages=("en",), cache_dir=blocked)
    assert lexicon.match("i want to kill myself").category == "suicidal"
    assert blocked.read_text() == "a file where the cache folder would be"


def test_only_the_projects_own_data_is_cached_by_default(nlp, data, monkeypatch, tmp_path):
    monkeypatch.setattr(cl, "CACHE_DIR", tmp_path / "default-cache")
    cl.CrisisLexicon(nlp, data_dir=data, languages=("en",))
    assert not (tmp_path / "default-cache").exists()


# -- buckets built on first use ------------------------------------------------------------
def test_buckets_are_built_only_when_a_message_needs_them(nlp, reference):
    _, data, path, _ = reference
    lexicon = cl.CrisisLexicon(nlp, data_dir=data, cache_dir=path.parent)
    assert lexicon.matcher.buckets.built == 0 and len(lexicon.matcher.buckets) > 1000
    assert lexicon.match("i want to kill myself").category == "suicidal"
    assert 0 < lexicon.matcher.buckets.built < 20


def test_lazily_built_buckets_match_as_eagerly_built_ones(nlp, reference):
    lazy, data, path, _ = reference
    eager = cl.CrisisLexicon(nlp, data_dir=data, cache_dir=path.parent)
    eager.matcher.buckets.build_all()
    eager.exclusions.buckets.build_all()
    assert eager.matcher.buckets.built == len(eager.matcher.buckets)
    for text in TEXTS + [example for _, _, example in lazy.examples]:
        assert lazy.match(text).as_dict() == eager.match(text).as_dict(), text


def test_threads_meeting_cold_buckets_all_get_the_same_answers(nlp, reference):
    _, data, path, answers = reference
    cold = cl.CrisisLexicon(nlp, data_dir=data, cache_dir=path.parent)
    results, start = [], threading.Barrier(4)

    def run():
        start.wait()
        results.append({text: cold.match(text).as_dict() for text in TEXTS})

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = {text: answers[text] for text in TEXTS}
    assert len(results) == 4 and all(result == expected for result in results)


@pytest.mark.parametrize(
    "branch",
    [
        [{"REGEX": "kill"}],
        [{"LOWER": {"REGEX": "k.*"}}],
        [{"LOWER": {"IN": ["kill", 3]}}],
        [{"LOWER": "kill", "OP": "{2}"}],
        [],
        ["kill"],
    ],
)
def test_a_branch_spacy_would_refuse_or_misread_fails_when_filed_not_on_a_message(nlp, branch):
    matcher = AnchoredMatcher(nlp.vocab)
    with pytest.raises(ValueError):
        matcher.buckets.file(("LOWER", "kill"), "bad", [branch])
    assert ("LOWER", "kill") not in matcher.buckets
