"""Glued and spaced letters are split into words only when that is a plausible reading.

Issue #12: unknown 7+ letter words were split into any lexicon words that fit, so ordinary
words were shredded ('together' -> 'to get her', 'basically' -> 'b asi call y') and made false
matches or hid real ones. Glued and spaced crisis phrases must still read as phrases.
"""

import pytest

from bot.crisis.lexicon import detect, get_lexicon
from bot.crisis.normaliser import Normaliser, _strip_marks


@pytest.fixture(scope="module")
def norm():
    return get_lexicon().normalise


@pytest.mark.parametrize(
    "word",
    [
        # ordinary long words the lemma table does not know
        "together",
        "basically",
        "unfortunately",
        "halloween",
        "worthless",
        "overnight",
        "officially",
        "emotional",
        "periodic",
        "photoshopped",
        "cyberbullying",
        # derived forms of ordinary words
        "unbothered",
        "rewatched",
        "overthinking",
        # slang, brands, games and foods no word list knows
        "doomscrolling",
        "skibidi",
        "yeeting",
        "phasmophobia",
        "microblading",
        "halloumi",
        "wallahi",
        "toastie",
        "zoomies",
        "staycation",
        "spotify",
        "snapchat",
        # typos
        "becuase",
        "tomorow",
        "definately",
        "probaly",
        "ridiculus",
        # Spanish words, with or without accents
        "extraño",
        "estresada",
        "ansiosa",
        "encerrada",
        "fallecio",
    ],
)
def test_ordinary_words_slang_brands_and_typos_stay_whole(norm, word):
    assert norm(word) == _strip_marks(word)


@pytest.mark.parametrize(
    "typed, read",
    [
        ("wanttodie", "want to die"),
        ("iwanttodie", "i want to die"),
        ("ijustwanttodie", "i just want to die"),
        ("killmyself", "kill myself"),
        ("hangmyself", "hang myself"),
        ("neverwakeup", "never wake up"),
        ("endmylife", "end my life"),
        ("imgonnakillmyself", "i'm going to kill myself"),
        ("idontwanttoliveanymore", "i don't want to live anymore"),
        ("iwannaunalive", "i want to unalive"),
        ("nobodywouldmissme", "nobody would miss me"),
        ("cantgoon", "can't go on"),
        ("K I L L M Y S E L F", "kill myself"),
        ("k.i.l.l.m.y.s.e.l.f", "kill myself"),
        ("i a m d o n e", "i am done"),
        ("quieromorir", "quiero morir"),
        ("mequieromatar", "me quiero matar"),
        ("noquierovivir", "no quiero vivir"),
        ("yanoquierovivir", "ya no quiero vivir"),
        ("m e q u i e r o m a t a r", "me quiero matar"),
    ],
)
def test_glued_and_spaced_phrases_still_read_as_phrases(norm, typed, read):
    assert norm(typed) == read


@pytest.mark.parametrize(
    "text",
    [
        "wanttodie",
        "honestly i just wanttodie rn",
        "IWANTTODIE",
        "im gonna killmyself tonight",
        "i wanna neverwakeup",
        "k i l l m y s e l f",
        "quieromorir ya",
        "ya no puedo mas, mequieromatar",
    ],
)
def test_glued_crisis_messages_still_match(text):
    assert detect(text).matched, text


@pytest.mark.parametrize(
    "text",
    [
        # 'periodic' was 'p er i od i c' and matched an overdose pattern
        "is it normal for a newborn to stop breathing for a few seconds? midwife said periodic "
        "breathing is common",
        "completely unbothered by the rain today, we had halloumi and chips",
        "basically unfortunately the halloween party got cancelled lol",
    ],
)
def test_shredded_words_make_no_false_match(text):
    assert not detect(text).matched, text


def test_a_shredded_word_no_longer_hides_a_phrase():
    # 'together' was 'to get her' and the sentence around it read differently
    result = detect(
        "he's got photos of me from when we were together and says he'll send them "
        "to my family unless i sleep with him again"
    )
    assert result.matched


def test_without_word_lists_a_split_still_needs_plausible_pieces():
    """A fresh pipeline without spacy-lookups-data: lexicon words split only into readings whose
    single letters are 'i' / 'a' (and Spanish particles), never into stray letters."""
    bare = Normaliser([], ["want", "to", "die", "b", "asi", "call", "y", "kill", "myself"])
    assert bare("wanttodie") == "want to die"
    assert bare("killmyself") == "kill myself"
    assert bare("basically") == "basically"


@pytest.mark.parametrize(
    "text",
    ["tengo pensamientos suicidas", "ando con ideas suicidas otra vez", "PENSAMIENTOS SUICIDAS"],
)
def test_a_plural_the_lexicon_knows_in_the_singular_still_matches(text):
    # 'suicidas' used to match only because it was shredded into 'suicida s'
    assert detect(text).matched, text


def test_a_plural_folds_to_a_lexicon_singular_and_nothing_else(norm):
    assert norm("everythings fine, tiktoks all day") == "everything fine, tiktok all day"
    assert norm("businesses and harmless glasses") == "businesses and harmless glasses"
