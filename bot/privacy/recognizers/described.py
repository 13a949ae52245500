"""Places given by description and tied to the person by the sentence's grammar.

People rarely type an address; they say where they are the way they would tell a friend:
"my dad works at the sugar factory in bury st edmunds", "my mum runs the hair salon next to
the post office in ashby", "i live in the halls by the lake", "we moved into plot 47 on the
new barratt estate off the a38", "the bench at the top of primrose hill", "i grew up in
little snoring", "she goes to ravenswood girls", "i study at uni of bath", "outside st
anne's". Each of these is a place a person can be found at, even though no word in it is a
street word or a listed town.

The reading, in one pass over the folded text:

- an anchor that ties a person to a place: living, staying, working, studying, going,
  being, meeting, running or owning somewhere ("i live in", "works at", "drops me off at",
  "i'm in", "my school is");
- then a place phrase: a kind of site ("the sugar factory", "the halls", "plot 47") or a
  word English does not have ("dunnes", "travelodge"), and the landmarks that pin it down,
  joined by a word of position ("in", "by", "next to", "off", "on", "at");
- the whole chain is a detail only if something in it is specific: a word English does not
  have, a capitalised word mid-sentence, a number (junction 9, the a38), or a kind of site
  placed by a landmark ("the hilton by the airport"). "i work at the shop", "i go to the
  gym in the morning" and "i'm in the car with my mum" keep every word.

Places where people go to hurt themselves (a bridge, a cliff, the tracks, a roof) are never
taken by this reading: a counsellor has to read them.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from bot.privacy import lexicon
from bot.privacy.recognizers._tokens import _STOP, RELATIONS
from bot.privacy.recognizers.base import Candidate, Label, Score

IGNORE_CASE = re.IGNORECASE

_BEING = (
    r"(?:i'?m|im|i\s+am|we'?re|were|we\s+are|he'?s|hes|she'?s|shes|they'?re|theyre|mums?|dads?)"
)
_LIVE = (
    r"(?:live[sd]?|living|stay(?:s|ed|ing)?|moved|moving|move|grew\s+up|brought\s+up|raised|born|based|"
    r"sleep(?:s|ing)?|slept|admitted|"
    + _BEING
    + r"(?:\s+(?:staying|stuck|living|based|placed|admitted|sleeping|still|now))?)"
)
_WORK = (
    r"(?:work(?:s|ed|ing)?|wrk(?:s|ing)?|werk(?:s|ing)?|study(?:ing)?|studies|studied|clean(?:s|ed|ing)?|volunteer(?:s|ed|ing)?|"
    r"shifts?|placement|attend(?:s|ed|ing)?|job|employed|teach(?:es|ing)?|nurse|nursing)"
)
_MEET = (
    r"(?:drops?\s+(?:me|us|him|her|them)(?:\s+off)?|dropped\s+(?:me|us|him|her|them)(?:\s+off)?|"
    r"picks?\s+(?:me|us|him|her|them)\s+up|meet(?:s|ing)?(?:\s+(?:me|us|him|her|them))?|wait(?:s|ed|ing)?\s+for\s+(?:me|us)|"
    r"hang(?:s|ing)?\s+out|sit|sat|bench|find\s+(?:me|us))"
)
_PREP = r"\s+(?:at|in|into|on|near|by|outside|round|to)\s+"
# The anchors, each gated by the words it needs (most messages hold none of them).
_ANCHORS = (
    (
        re.compile(
            r"\b(?:(?:live[sd]?|living|stay(?:s|ed|ing)?|moved|moving|move|grew\s+up|brought\s+up|raised|"
            r"born|based|sleep(?:s|ing)?|slept|admitted)"
            + _PREP
            + "|"
            + _WORK
            + r"\s+(?:at|in)\s+|"
            + _MEET
            + r"\s+(?:at|outside|near|by|in)\s+"
            r"|(?:run|runs|running|ran|own|owns|manage|manages|managed|cleans)\s+(?=the\s))",
            IGNORE_CASE,
        ),
        frozenset(
            """
            live lives lived living stay stays stayed staying moved moving move grew brought raised born based
            sleep sleeps sleeping slept admitted work works worked working wrk wrks wrking werk werks werking
            study studying studies studied clean cleans cleaned cleaning volunteer volunteers volunteered
            volunteering shift shifts placement attend attends attended attending job employed teach teaches
            teaching nurse nursing drop drops dropped pick picks meet meets meeting wait waits waited waiting
            hang hangs hanging sit sat bench find run runs running ran own owns manage manages managed
            """.split()
        ),
    ),
    (
        re.compile(
            r"\b"
            + _BEING
            + r"(?:\s+(?:staying|stuck|living|based|placed|admitted|sleeping|still|now))?"
            + _PREP,
            IGNORE_CASE,
        ),
        frozenset("m im am re were s hes shes theyre mum mums dad dads".split()),
    ),
    (
        re.compile(
            r"\b(?:at|to|from|near|on|up|by)\s+(?=the\s+(?:very\s+)?(?:top|bottom|end|edge|foot|far\s+end)\s+of\s)",
            IGNORE_CASE,
        ),
        frozenset("top bottom end edge foot".split()),
    ),
    (
        re.compile(
            r"\b(?:my|our|his|her|their)\s+(?:school|college|uni|university|work|job|workplace|office|church|"
            r"mosque|temple|gp|surgery|ward|halls|hostel|flat|house|home|village|estate|placement|nursery|gym)"
            r"\s+(?:is|'s|was)\s+(?:(?:at|in|on|near|by|called)\s+)?",
            IGNORE_CASE,
        ),
        frozenset(
            "school college uni university work job workplace office church mosque temple gp surgery ward "
            "halls hostel flat house home village estate placement nursery gym".split()
        ),
    ),
)
_TOKEN = re.compile(r"[A-Za-z0-9](?:[\w'&-]|\.(?=\w))*|[,.;:!?()\n]")
_ARTICLES = frozenset("the a an this that".split())
_LINKS = {
    ("in",): 1,
    ("on",): 1,
    ("by",): 1,
    ("near",): 1,
    ("off",): 1,
    ("at",): 1,
    ("outside",): 1,
    ("opposite",): 1,
    ("behind",): 1,
    ("above",): 1,
    ("over",): 1,
    ("beside",): 1,
    ("past",): 1,
    ("of",): 1,  # "the top of primrose hill", "uni of bath"
    ("next", "to"): 2,
    ("across", "from"): 2,
    ("round", "the", "corner", "from"): 4,
    ("just", "off"): 2,
    ("just", "by"): 2,
}
_LINK_FIRST = frozenset(k[0] for k in _LINKS)
# Kinds of site a person lives, works or studies at (the head of the first phrase).
_SITES = frozenset(
    """
    shop shops salon salons factory warehouse hotel pub cafe café restaurant co-op coop supermarket school
    college uni university halls hall hostel ward hospital office offices garage farm mill estate flats tower
    block house cottage flat bungalow caravan site centre center library church mosque temple gurdwara
    synagogue gym station bakery chippy takeaway home nursery plot unit depot studio bar club hairdressers
    barbers barber hairdresser launderette laundrette pharmacy chemist chemists surgery clinic practice
    petrol services services garden nurseries airport port docks dock plant works yard store stores market
    kitchen diner cinema theatre stadium ground academy campus residence residences lodge inn motel b&b
    guesthouse apartments apartment annexe annex barracks camp prison shelter refuge mall arcade precinct
    parade terrace street road lane close estate village town hamlet compound quarters dorm dorms dormitory
    top bottom end edge foot side corner back front entrance gates gate car-wash carwash
    travelodge premier hilton park bank foodbank
    semi semi-detached detached end-terrace townhouse maisonette bedsit houseboat
    mcdonalds maccies maccys nandos greggs costa starbucks tesco asda aldi lidl morrisons sainsburys spar
    boots primark kfc subway wetherspoons spoons ikea argos currys poundland wilko iceland waitrose
    """.split()
)
# Landmarks that pin a site down when they follow it ("the hilton by the airport").
_LANDMARKS = frozenset(
    """
    airport lake square station roundabout church mosque temple park river canal beach harbour harbor
    quay marina castle cathedral abbey museum hospital school college uni university market bus-station
    post office green common junction retail leisure shopping motorway ring flyover level crossing docks
    pier seafront promenade prom clock tower town hall library stadium ground racecourse golf course
    allotments playing fields rec cemetery crematorium mill estate village hill
    """.split()
)
# Position words that are the head of "the top of ...": they need an "of" and a place after.
_POSITION_HEADS = frozenset(
    "top bottom end edge foot side corner back front entrance gates gate".split()
)
# Places people go to hurt themselves: never swallowed, a counsellor must read them.
_DANGER = frozenset(
    """
    bridge bridges cliff cliffs clifftop tracks track railway rail rails line platform roof rooftop ledge
    carpark car-park multistorey multi-storey flyover overpass viaduct pier tower-block balcony window
    quarry reservoir weir dam storey stairwell motorway traffic
    """.split()
)
# Words that end a place phrase: time, state and company words ("in the morning", "in bed").
_NOT_PLACE = frozenset(
    """
    morning mornings evening evenings night nights day days week weeks weekend weekends summer winter spring
    autumn holidays holiday moment minute minutes hour hours year years term terms month months time times
    bed beds bath shower toilet loo car bus train taxi uber queue way middle mess state mood dark rain sun
    meantime past future end break lunch dinner breakfast tea shift shifts afternoon afternoons today tonight
    tomorrow yesterday now then while hurry rush general person public private secret trouble pain agony
    hell fact case meantime background front-of row
    monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays saturday saturdays
    sunday sundays weekday weekdays january february march april june july august september october
    november december christmas easter ramadan eid
    """.split()
) | frozenset(("me", "myself", "him", "her", "them", "us", "you", "it", "mine", "yours"))
_ROAD = re.compile(r"[abmn]\d{1,4}|i-?\d{1,3}")  # "the a38", "off the m6", "the i-95"
_STREETISH = frozenset(
    "street st road rd lane avenue close drive way crescent grove terrace park hill hills green common "
    "heath moor edmunds wood woods vale valley fields field end gate cross bridge".split()
)
_FILLERS = frozenset(
    """
    w now honestly ngl tbh x xx xxx lol lmao haha originally though tho too anymore atm rn mate innit aswell
    also still already either really literally basically like ok okay pls please thanks sorry idk btw fr
    """.split()
)
# Words a number after them makes a place ("plot 47", "junction 9", "house 7"); not "room",
# which is a room anyone uses ("in room 12 on the ward", "room 3 for maths") unless one's own
# (``places.FLAT``: "my room 12").
_NUMBERED_PLACES = frozenset(
    "plot house flat unit block bed ward junction sector phase zone gate door apartment apt no number "
    "building suite cabin pitch berth bay lot stand platform".split()
)
# Modifiers of a village name ("little snoring", "great ayton", "kings langley").
_VILLAGE_MOD = frozenset(
    "little great upper lower north south east west old new kings st saint long much nether over bishops".split()
)
# School words after a school's name ("ravenswood girls", "st mary's primary").
_SCHOOL_TAIL = frozenset(
    "girls boys grammar high primary secondary academy college juniors infants comp comprehensive "
    "catholic cofe ce rc prep sixth".split()
)
_MAX_WORDS = 5  # words in one phrase
_MAX_LINKS = 3


def _rare(word: str) -> bool:
    low = word.lower().strip("'")
    if not low.isalpha() or len(low) < 3:
        return False
    return (
        not lexicon.is_common_word(low)
        and lexicon.logprob(low) < -13.0
        and not lexicon.is_inflected(low)
    )


_DIGIT = re.compile(r"\d")
_FIRST_WORDS = re.compile(
    r"(?:(?:the|a|an)\s+)?(?:[\w'&-]+\s+){0,3}?(university|uni|college|school|academy|institute|polytechnic)\b",
    IGNORE_CASE,
)
_INSTITUTIONS = frozenset("university uni college school academy institute polytechnic".split())
_LEAD = re.compile(r"(?:(?:the|a|an|this|that)\s+)?([A-Za-z0-9][\w'&-]*)", IGNORE_CASE)


def _digitful(word: str) -> bool:
    return _DIGIT.search(word) is not None


class _Phrase:
    __slots__ = ("start", "end", "words", "article", "line")

    def __init__(self, start: int, end: int, words: List[Tuple[str, int]], article: bool):
        self.start, self.end, self.words, self.article = start, end, words, article
        self.line = False  # a line of a written address, after a comma


class DescribedPlaceRecognizer:
    name = "described_places"

    def __init__(self, analysis=None):
        self.places = lexicon.places()

    # -- the reading -----------------------------------------------------------------
    def find(self, view) -> List[Candidate]:
        text = view.folded
        if " " not in text:
            return []
        out: List[Candidate] = []
        words = view.words
        for rx, gate in _ANCHORS:
            if words.isdisjoint(gate):
                continue
            for m in rx.finditer(text):
                span = self._chain(text, m.end())
                if span is not None:
                    # a school or a workplace by its own name is an organisation
                    first = _FIRST_WORDS.match(text, span[0])
                    label = (
                        Label.ORG
                        if first and first.group(1).lower() in _INSTITUTIONS
                        else Label.LOCATION
                    )
                    # a chain of places is one detail (it outranks its pieces); one phrase
                    # alone leaves its label to the recognizers that know its kind
                    score = Score.ADDRESS_NAMED if span[2] else Score.LOCATION_WEAK_CONTEXT
                    out.append(Candidate(span[0], span[1], label, score))
        out.extend(self._saints(text, view.words))
        if not view.words.isdisjoint(_CITY_SHORT):
            for m in CITY_SHORT.finditer(text):
                out.append(
                    Candidate(m.start(1), m.end(1), Label.LOCATION, Score.LOCATION_IN_CONTEXT)
                )
        if not view.words.isdisjoint(_SCHOOL_TAIL):
            for m in SCHOOL_NAMED.finditer(text):
                words = m.group(1).split()
                if any(
                    self._specific(w, text, m.start(1)) or w.lower() in ("st", "saint")
                    for w in words[:-1]
                ):
                    out.append(Candidate(m.start(1), m.end(1), Label.ORG, Score.ORG_IN_CONTEXT))
        if not view.words.isdisjoint(
            ("uni", "university", "college", "institute", "poly", "polytechnic")
        ):
            for m in UNI_OF.finditer(text):
                if m.group(2).lower() not in _STOP:
                    out.append(Candidate(m.start(1), m.end(1), Label.ORG, Score.ORG_IN_CONTEXT))
        out.extend(self._villages(text, view.words))
        if not view.words.isdisjoint(_SCHOOL_WORDS_ABROAD):
            for m in SCHOOL_ABROAD.finditer(text):
                out.append(Candidate(m.start(1), m.end(1), Label.ORG, Score.ORG_IN_CONTEXT))
        if "," in text and not view.words.isdisjoint(_TAIL_GATE):
            out.extend(_dwelling_tails(text, view))
        return out

    def _tokens(self, text: str, pos: int) -> List[Tuple[str, int, int]]:
        toks = []
        for t in _TOKEN.finditer(text, pos, min(len(text), pos + 120)):
            toks.append((t.group(0), t.start(), t.end()))
            if len(toks) >= 20:
                break
        return toks

    def _phrase(self, toks, k: int, first: bool) -> Tuple[Optional[_Phrase], int]:
        """A place phrase from token k: an optional article and up to five words."""
        n = len(toks)
        if k >= n:
            return None, k
        article = toks[k][0].lower() in _ARTICLES
        start = toks[k][1]
        j = k + 1 if article else k
        words: List[Tuple[str, int]] = []
        while j < n and len(words) < _MAX_WORDS:
            w, s, e = toks[j]
            low = w.lower()
            if not (w[0].isalnum()):
                break
            if low in ("no", "number", "#") and words and j + 1 < n and _digitful(toks[j + 1][0]):
                words.append((w, j))  # "kendriya vidyalaya no 2"
                j += 1
                continue
            if low in _STOP and low not in _SITES and low != "st" and not _digitful(w):
                # "the top of", "next to": a link word ends the phrase; so does any small word
                break
            if low in _LINK_FIRST and words:
                break
            words.append((w, j))
            j += 1
        # trailing words that only talk about the place ("leicester honestly", "cardiff now")
        while len(words) > 1 and self._filler(words[-1][0]):
            words.pop()
        if not words:
            return None, k
        end = toks[words[-1][1]][2]
        return _Phrase(start, end, words, article), j

    @staticmethod
    def _filler(word: str) -> bool:
        low = word.lower()
        if low in _FILLERS:
            return True
        if _digitful(word) or low in _SITES or low in _LANDMARKS or word[:1].isupper():
            return False
        return lexicon.is_common_word(low) and (lexicon.is_inflected(low) or low.endswith("ly"))

    def _link(self, toks, k: int) -> int:
        """Tokens a link takes at k ("next to" is two), or 0."""
        n = len(toks)
        while k < n and toks[k][0] == ",":
            k += 1
        for size in (4, 2, 1):
            if k + size <= n and tuple(t[0].lower() for t in toks[k : k + size]) in _LINKS:
                return size
        return 0

    def _chain(self, text: str, pos: int) -> Optional[Tuple[int, int, bool]]:
        # most anchors lead into ordinary words ("i'm in so much pain"): a small word or
        # pronoun right there (after any article) ends the reading before any tokenising
        lead = _LEAD.match(text, pos)
        if lead is None:
            return None
        w = lead.group(1).lower()
        if w in _STOP and w not in _SITES and w != "st":
            return None
        toks = self._tokens(text, pos)
        first, k = self._phrase(toks, 0, True)
        if first is None:
            return None
        phrases = [first]
        while len(phrases) <= _MAX_LINKS:
            kk = k
            while kk < len(toks) and toks[kk][0] == ",":
                kk += 1
            size = self._link(toks, kk)
            if not size:
                # "house 7, lekki phase 1": a comma then more of the same place
                if (
                    kk > k
                    and kk < len(toks)
                    and phrases[-1].words
                    and _digitful(phrases[-1].words[-1][0])
                ):
                    nxt, k2 = self._phrase(toks, kk, False)
                    if nxt is not None and any(_rare(w) or _digitful(w) for w, _ in nxt.words):
                        phrases.append(nxt)
                        k = k2
                        continue
                # "the old forge, church lane, upper slaughter": an address written line by
                # line, a named street after the house, then the village or town after it
                if kk > k and kk < len(toks):
                    nxt, k2 = self._phrase(toks, kk, False)
                    if (
                        nxt is not None
                        # the line ends there: "..., station road is where" is a sentence
                        and (k2 >= len(toks) or not toks[k2][0][0].isalnum())
                        and phrases[0].words[-1][0].lower() not in _FEELINGS
                        and self._address_line(phrases, nxt)
                    ):
                        nxt.line = True
                        phrases.append(nxt)
                        k = k2
                        continue
                break
            nxt, k2 = self._phrase(toks, kk + size, False)
            if nxt is None or not self._place_like(nxt):
                break
            phrases.append(nxt)
            k = k2
        return self._judge(text, phrases)

    def _address_line(self, phrases: List[_Phrase], ph: _Phrase) -> bool:
        """A street with its name ("church lane", "Mill Road") after a comma, or after such a
        street a village or town ("upper slaughter", "little haddon", "Bootle")."""
        if ph.article or len(ph.words) > 3:
            return False
        ws = [w.lower() for w, _ in ph.words]
        if self._named(ph) and ws[-1] in _STREETISH:
            return True
        if not any(p.line for p in phrases):
            return False
        return (len(ws) >= 2 and ws[0] in _VILLAGE_MOD and ws[1] not in _STOP) or all(
            w[:1].isupper() or _rare(w) or w.lower() in self.places for w, _ in ph.words
        )

    def _place_like(self, ph: _Phrase) -> bool:
        # the head decides: "the bus station" is a place, "the bus" is not
        return ph.words[-1][0].lower() not in _NOT_PLACE

    def _specific(self, w: str, text: str, pos: int) -> bool:
        """A word that names one place: a proper name mid-sentence, or a word English lacks."""
        low = w.lower()
        if _digitful(w):
            return False  # numbers count only after a numbered kind of place (``_numbered``)
        if low in _STOP or low in _SITES or low in _LANDMARKS:
            return False
        if w[:1].isupper() and any(c.islower() for c in w[1:]):
            before = text[:pos].rstrip()
            if before and before[-1] not in '.!?\n"' and not lexicon.is_common_word(low):
                return True
        return (
            low.isalpha()
            and len(low) >= 4
            and not lexicon.is_common_word(low)
            and lexicon.logprob(low) < -15.0
            and not lexicon.is_inflected(low)
        )

    @staticmethod
    def _numbered(ph: "_Phrase") -> bool:
        """ "plot 47", "house 7", "junction 9", "the a38": a place by its number."""
        ws = [w.lower() for w, _ in ph.words]
        for k, w in enumerate(ws):
            if _digitful(w):
                if k > 0 and ws[k - 1] in _NUMBERED_PLACES:
                    return True
                if _ROAD.fullmatch(w):
                    return True
        return False

    @staticmethod
    def _named(ph: "_Phrase") -> bool:
        """ "primrose hill", "bury st edmunds": a name with no article before a kind of place."""
        ws = [w.lower() for w, _ in ph.words]
        if len(ws) >= 2 and ws[0] in ("st", "st.", "saint") and ws[1] not in _STOP:
            return True  # "st james's", "saint brigid's"
        return (
            not ph.article
            and len(ws) >= 2
            and (ws[-1] in _LANDMARKS or ws[-1] in _STREETISH)
            and ws[0] not in _STOP
        )

    def _judge(self, text: str, phrases: List[_Phrase]) -> Optional[Tuple[int, int, bool]]:
        lows = [w.lower() for ph in phrases for w, _ in ph.words]
        if any(w in _DANGER or w.replace("-", "") in _DANGER for w in lows):
            return None
        crisis = lexicon.crisis_words()
        if any(w in crisis and w not in _SITES for w in lows):
            return None
        first = phrases[0]
        head = first.words[-1][0].lower()
        if head in _NOT_PLACE:
            return None
        specific = [
            any(self._specific(w, text, toks_pos) for w, toks_pos in self._positions(text, ph))
            or self._numbered(ph)
            or (i > 0 and self._named(ph))
            for i, ph in enumerate(phrases)
        ]
        site = head in _SITES and head not in _POSITION_HEADS
        position = head in _POSITION_HEADS
        if len(phrases) == 1:
            # alone, a phrase is a place only when it names one ("the ormskirk co-op",
            # "plot 47", "Stoke Gifford"), never "a stairwell", "the chippy", "a petrol station"
            named = self._numbered(first) or any(
                self._specific(w, text, p) and (k < len(first.words) - 1 or w[:1].isupper())
                for k, (w, p) in enumerate(self._positions(text, first))
            )
            if not named:
                return None  # "the storeroom": a word English lacks is not yet a name
            return first.start, first.end, False
        if any(ph.line for ph in phrases):
            # an address written line by line is one, whatever its house is called
            last = max(i for i, ph in enumerate(phrases) if ph.line)
            return first.start, phrases[last].end, True
        if not (site or position or specific[0]):
            return None
        landmarked = any(
            w.lower() in _LANDMARKS or w.lower() in _SITES
            for ph in phrases[1:]
            for w, _ in ph.words
        )
        if position:
            if not any(specific[1:]):
                return None  # "the top of the hill", "the side of the road"
        elif not (any(specific) or (site and landmarked)):
            return None
        last = len(phrases) - 1
        while (
            last > 0
            and not specific[last]
            and not any(
                w.lower() in _LANDMARKS or w.lower() in _SITES for w, _ in phrases[last].words
            )
        ):
            last -= 1
        return first.start, phrases[last].end, last > 0

    @staticmethod
    def _positions(text: str, ph: "_Phrase"):
        pos = ph.start
        for w, _ in ph.words:
            p = text.find(w, pos)
            yield w, p
            pos = p + len(w)

    # -- named places without a kind word -------------------------------------------
    def _saints(self, text: str, words) -> List[Candidate]:
        """ "outside st anne's", "at st james's", "saint brigid's": a place named for a saint."""
        if "st" not in words and "saint" not in words and "sts" not in words:
            return []
        out = []
        for m in SAINT.finditer(text):
            name = m.group(2).lower().rstrip("s").rstrip("'")
            if name in _STOP or len(name) < 3:
                continue
            end = m.end()
            tail = _SCHOOL_AFTER.match(text, end)
            if tail:
                end = tail.end()
            out.append(Candidate(m.start(1), end, Label.ORG, Score.ORG_IN_CONTEXT))
        return out

    def _villages(self, text: str, words) -> List[Candidate]:
        """ "grew up in little snoring", "from great ayton": a village named with a modifier,
        read after a verb of living or coming from."""
        if words.isdisjoint(_VILLAGE_MOD):
            return []
        out = []
        for m in VILLAGE.finditer(text):
            word = m.group(3).lower()
            if word in _STOP or word in _NOT_PLACE or word in _FEELINGS:
                continue
            named = _NAMED_AS_PLACE.match(text, m.end()) is not None
            living = _LIVING_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
            # A word of the crisis lexicon stays readable, unless a verb of living or coming
            # from says it is where someone lives ("grew up in little snoring": the lexicon
            # has "snoring" for someone who cannot be woken).
            if word in lexicon.crisis_words() and not living:
                continue
            if not (named or living or _rare(word)):
                continue
            out.append(Candidate(m.start(1), m.end(1), Label.LOCATION, Score.LOCATION_WEAK_CONTEXT))
        return out


# What tells one home from its neighbours, said after the place itself: "17 Cranmore, upstairs
# flat", "in Lower Slaughby, green door", "on Station, the one with the ramp", "number 4, top
# floor". Read only right after a comma that follows a word that is part of a place (a name
# with a capital, a number, a kind of site or street), in a message about a home.
_COLOURS = r"red|green|blue|black|white|yellow|grey|gray|brown|purple|pink|orange|navy|cream|bright\s+\w+|dark\s+\w+"
DWELLING_TAIL = re.compile(
    r"(?<=[\w'])\s*,\s*("
    r"(?:the\s+|a\s+)?(?:upstairs|downstairs|top|ground|first|second|third|basement|attic|top-floor|"
    r"ground-floor|back|front)\s+(?:floor\s+)?(?:flat|floor|bedsit|apartment|maisonette|one|bell|room)"
    r"|(?:the\s+|a\s+|with\s+(?:the\s+|a\s+)?)?(?:"
    + _COLOURS
    + r")\s+(?:front\s+)?(?:door|gate|fence|shutters)"
    r"|the\s+one\s+with\s+(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+){0,2}[a-z]+"
    r")(?=\s*(?:[,.;:!?)]|$))",
    IGNORE_CASE,
)
# A home named in the message: only then is "the one with the ramp" a house.
_DWELLINGS = frozenset(
    """
    house home flat cottage bungalow semi detached terrace maisonette bedsit townhouse caravan houseboat
    apartment door doors street st road rd lane close avenue drive crescent estate address live lives living
    """.split()
)
_TAIL_GATE = frozenset(
    "flat floor bedsit apartment maisonette one bell room door gate fence shutters".split()
)
_BEFORE_TAIL = re.compile(r"([A-Za-z0-9][\w'-]*)$")


def _dwelling_tails(text: str, view) -> List[Candidate]:
    if view.words.isdisjoint(_DWELLINGS) and not view.has_digit:
        return []
    out = []
    for m in DWELLING_TAIL.finditer(text):
        before = _BEFORE_TAIL.search(text, max(0, m.start() - 30), m.start())
        if before is None:
            continue
        word = before.group(1)
        low = word.lower()
        placed = (
            _digitful(word)
            or low in _SITES
            or low in _STREETISH
            or low in _LANDMARKS
            or (
                word[:1].isupper()
                and word[1:].islower()
                and low not in _STOP
                and before.start() > 0
                and text[: before.start()].rstrip()[-1:] not in ".!?"
            )
        )
        if not placed or low in _DANGER or low in RELATIONS:
            continue  # "i live with Mum, the one with the dog": a person, not a place
        if m.group(1).lower().startswith("the one") and (
            view.words.isdisjoint(_DWELLINGS) or low in lexicon.curated_names()
        ):
            continue  # "next door to Sarah, the one with the red hair"
        out.append(Candidate(m.start(1), m.end(1), Label.LOCATION, Score.LOCATION_WEAK_CONTEXT))
    return out


# A school named in Welsh or Irish, the kind word first: "ysgol glan y mor", "gaelscoil na
# mara" (words English has not, so the name follows them; "escuela", "colegio" are everyday
# words in Spanish messages and are left alone). The name runs to the clause's end, on one line.
_SCHOOL_WORDS_ABROAD = frozenset("ysgol gaelscoil scoil gaelcholaiste colaiste coláiste".split())
SCHOOL_ABROAD = re.compile(
    r"\b((?:"
    + "|".join(sorted(_SCHOOL_WORDS_ABROAD))
    + r")(?:[ \t]+(?!(?:and|but|so|its|it's|in|on|"
    r"at|is|was|i|im|i'm|we|with|for|because|cos|now|which|where|where's|has|had|who|when)\b)"
    r"[A-Za-zÀ-ÿ][\w'’-]*){1,4})",
    IGNORE_CASE,
)


SAINT = re.compile(
    r"(?:\b(?:at|to|in|outside|near|from|by|of|the|for|attends?|attended|goes|go)\s+|^\s*|,\s*)"
    r"((?:st\.?|saint)\s+([a-z][a-z]+(?:'s|s')?))(?!\s+(?:and|is|was|are)\b)(?![\w'])",
    IGNORE_CASE,
)
# "i study at uni of bath", "she's at the university of the west of england"
UNI_OF = re.compile(
    r"\b(?:at|to|in|from|attend(?:s|ed|ing)?|my|her|his|their|our|the)\s+"
    r"((?:uni|university|college|institute|poly|polytechnic)\s+of\s+(?:the\s+)?([a-z][\w'-]+)"
    r"(?:\s+(?!(?:and|or|but|so|for|in|on|at|to|is|was|i|it|because|cos)\b)[a-z][\w'-]+)?(?:\s+of\s+[a-z][\w'-]+)?)",
    IGNORE_CASE,
)
# "she goes to ravenswood girls", "he's at st bede's juniors": a school named by its kind
SCHOOL_NAMED = re.compile(
    r"\b(?:goes|go|went|going|attend(?:s|ed|ing)?|at|from|to)\s+(?:to\s+)?"
    r"((?:st\.?\s+|saint\s+)?[A-Za-z][\w'-]+(?:\s+[A-Za-z][\w'-]+)?\s+"
    r"(?:girls|boys|grammar|high|primary|secondary|academy|comp|comprehensive|juniors|infants|prep)(?:\s+school)?)\b",
    IGNORE_CASE,
)
# Cities and states by their short names, typed in lower case after "in"/"from":
# "my aunt in ny", "moved from sf", "back in brum".
_CITY_SHORT = frozenset(
    "ny nyc sf la dc nola atl philly brum manc socal norcal chitown vegas jozi naija".split()
)
CITY_SHORT = re.compile(
    r"\b(?:in|from|near|to|outside|round)\s+(" + "|".join(sorted(_CITY_SHORT)) + r")\b"
    r"(?=\s*(?:[,.!?;:)]|$|\s+(?:and|but|so|now|tho|though|area|lol|x+|too|anymore|atm|rn|for|with|since)\b))",
    IGNORE_CASE,
)
_SCHOOL_AFTER = re.compile(
    r"\s+(?:" + "|".join(sorted(_SCHOOL_TAIL)) + r"|school|hospital|church|primary|high|college)\b",
    IGNORE_CASE,
)
VILLAGE = re.compile(
    r"\b(?:in|from|near|outside|to|at|round)\s+"
    r"((" + "|".join(sorted(_VILLAGE_MOD, key=len, reverse=True)) + r")\s+([a-z][a-z'-]{2,}))"
    r"(?=\s*(?:[,.!?;:)]|$|\s+(?:and|but|so|now|village|area|way|town)\b))",
    IGNORE_CASE,
)
_NAMED_AS_PLACE = re.compile(
    r"\s*(?:,\s*)?(?:a\s+|the\s+)?(?:tiny\s+|small\s+|little\s+|sleepy\s+)?(?:village|town|hamlet|area)\b",
    IGNORE_CASE,
)
_LIVING_BEFORE = re.compile(
    r"\b(?:live[sd]?|living|grew\s+up|brought\s+up|raised|born|moved|from|village|town|house|home)\b[^.!?]*$",
    IGNORE_CASE,
)
_FEELINGS = frozenset(
    """
    pain trouble danger debt despair distress agony need doubt shock pieces bits tears love hurt
    fear panic crisis denial mourning grief misery state way amounts detail hope
    """.split()
)
