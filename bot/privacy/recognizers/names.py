"""Names of people: after a naming context, and bare names from the lists.

Contexts ("my sister ___", "my name is ___", "talking to ___", "i'm ___", "me and ___",
titles) come from the shared ``TokenAnalysis``; a name that is also an English word
("hope", "will", "may") is taken only where the context or what follows says a person
("hope said", "will's mum", "hope and i"). A sentence may start in lower case.
"""

from __future__ import annotations

import re
from typing import List

from bot.privacy import lexicon
from bot.privacy.recognizers._tokens import (
    _STOP,
    AFTER_PERSON,
    DETERMINERS,
    NAME_DISTINCT,
    RELATIONS,
    TITLES,
    Strength,
    _is_alpha_word,
    _prev_is_loc_prep,
    chain_alone,
)
from bot.privacy.recognizers.base import Candidate, Label, Score

_TITLE_VERB_BEFORE = frozenset(
    "i we you u they he she really so will 'll ll gonna still dont don't do does did always just also never "
    "to would 'd might may can cant can't could should wont won't n't not and or but truly deeply "
    "already honestly lowkey def defo".split()
)
# What follows two people joined by "and": "rose and lily are", "jade and tom went".
_PLURAL_AFTER = frozenset(
    "are were 're have had both always never went came left said keep used dont don't didnt didn't "
    "arent aren't werent weren't wont won't cant can't still just".split()
)
_PAIR_PEOPLE = frozenset(
    "mum mom mam dad nan gran grandma grandad sister brother cousin aunt auntie uncle stepmum "
    "stepdad girlfriend boyfriend wife husband me i".split()
)
# Words said to someone that are names too, but here endearments or feelings.
_NOT_VOCATIVE = frozenset(
    "hope faith joy love honey babe baby angel sweetie darling sugar will may mercy trust peace please "
    "sorry thanks bless".split()
)
_YOU = frozenset("you u ya yu you're youre ur r are".split())
_ENDEARMENTS = frozenset(
    "love darling baby babe angel sweetheart girl boy one princess prince son daughter little".split()
)
_KIND_STRENGTH = {
    "KIN": Strength.KIN,
    "TITLE": Strength.STRONG,
    "NAMING": Strength.STRONG,
    "IAM": Strength.IAM,
    "COMM": Strength.COMM,
    "WEAK": Strength.WEAK,
}
# What a person does, right after their name: "hope said", "will texted me". Verbs a
# word like "hope" or "will" cannot be followed by as a word ("hope said" is never the verb).
PERSON_ACTS = frozenset(
    """
    said says told tells texted texts messaged messages rang called calls keeps thinks wants
    wanted hates hated loves loved blocked unblocked ghosted dumped laughed shouted yelled screamed
    slapped pushed kicked cried lied cheated promised replied replies posted snapped
    dmed dm'd reckons swears swore threatened bullies bullied ignores ignored invited
    """.split()
)
# Nouns for people: "doc said", "the guy texted" are not names.
PERSON_NOUNS = frozenset(
    "doc doctor guy girl man woman lady boy kid police cop officer nurse everyone someone somebody nobody anyone "
    "everybody people person stranger teacher sir miss bro sis dude mate".split()
)
# Stop words that are also first names often enough to act as one ("will said", "may texted").
STOPWORD_NAMES = frozenset("will may".split())
# Words after which a new clause (and so a subject) can start.
CLAUSE_OPENERS = frozenset(
    "and but so then cos coz because when if even also just honestly ngl tbh lol anyway plus "
    "yesterday today tonight basically apparently literally actually".split()
)
# "will's mum", "hope's house": a possessive followed by a person's thing.
POSSESSED = RELATIONS | frozenset(
    "house place room flat party birthday phone car family parents number bedroom mom's mum's dad's".split()
    # the days of a person's life: "june's funeral", "may's wedding", "at faith's grave"
    + "funeral wedding grave memorial christening wake hen stag leaving baby".split()
)


# Past verbs a person does; after a word-like name at a sentence start they make it the subject.
HUMAN_ACTS = frozenset(
    """
    came went left took gave bought brought drew told said asked texted called rang visited cried laughed
    shouted smiled hugged kissed moved stayed slept ate drove walked ran jumped showed invited patted pushed
    hit punched sent wrote posted replied lied promised started stopped tried used fancies fancied likes
    turns turned lives lived works worked goes comes knows knew
    """.split()
)
# Past verbs that follow a thing as readily as a person ("hope faded", "rain stopped").
_NOT_SUBJECT_VERBS = frozenset(
    "faded died grew fell got felt seemed became remained lasted ended passed".split()
)
_MONTH_NAMES = frozenset("january april may june july august".split())
MODALS_AS_NAMES = frozenset("may will".split())
PETS = frozenset("dog dogs cat cats puppy kitten hamster rabbit pet pets".split())
_SUBJECT_AUX = frozenset("is was has had keeps will always never just".split())
_MODAL_WORDS = frozenset(
    "will may might can could would should must shall can't cant won't wont couldn't wouldn't".split()
)
PERSON_OBJECT = frozenset(
    "tell told tells ask asked asks text texted message messaged remind reminded warn warned".split()
)
# Words of feeling or speech aimed at someone with "to"/"at"/"with": the word after is a person.
_FELT_TOWARDS = frozenset(
    """
    sorry angry mad furious fuming upset annoyed pissed livid cross rude nasty mean horrible
    apologise apologised apologize apologized apologising apologizing lied lying lie shouted
    shouting yelled yelling screamed screaming snapped snapping spoke speak speaking talked talking
    vented venting confided confide complained moaned
    """.split()
)
_OBJECT_OPENERS = frozenset("the a an this that my your his her our their it its me".split())
_CLAUSE_AFTER_OBJECT = frozenset("i im i'm that about if to we you she he they it's its".split())
_ABOUT_PERSON = frozenset("about with for from and see saw miss missing love hate like".split())
_PERSON_PRONOUNS = frozenset("she he shes hes she's he's her him they theyre they're".split())
_BEFORE_THEME_NOUN = frozenset("the of 's his her their gods god's lord a an".split())
PEOPLE_HEADS = frozenset(
    """
    mates friends people girls boys guys lads squad group class team siblings sisters brothers cousins kids
    children bridesmaids housemates flatmates roommates classmates bffs besties crew gang invited invite
    coming
    """.split()
)
_PLURAL_PERSON_AFTER = frozenset(
    "all both coming going my mates friends there here invited always never so being".split()
)
REL_MODIFIER_WORDS = frozenset(
    "best older younger big little lil baby ex step twin new old former current other support youth social "
    "key case form head class".split()
)
ROLE_WORDS = frozenset(
    "worker manager teacher tutor coach mentor friend flatmate roommate housemate neighbour neighbor cousin "
    "carer counsellor counselor therapist girlfriend boyfriend partner colleague boss supervisor".split()
)
KIN_WORDS = frozenset(
    "sister brother cousin aunt auntie uncle niece nephew daughter son gran nan grandma grandad nana "
    "stepmum stepdad stepsister stepbrother girlfriend boyfriend wife husband twin".split()
)
# Verbs a whole clause follows: "i think pearl is avoiding me".
_CLAUSE_SUBJECTS = frozenset("i we u you they he she my mum dad everyone".split())
CLAUSE_VERBS = frozenset(
    "think thought reckon guess know knew swear feel bet said says heard".split()
)
# Groups a person is "from": "dawn from work", "ivy from my class", "X from next door".
PEOPLE_PLACES = frozenset(
    """
    work school church class uni college gym team club youth next upstairs downstairs across form office job
    football netball rugby dance choir mosque temple synagogue group scouts guides cadets year band drama
    swimming karate boxing therapy rehab ward hostel hall halls course placement shop cafe pub street road
    estate village college sixth nursery primary secondary flat flats floor building block house
    """.split()
)
# Groups a person is "in": "April in my class said", "Summer in year 9 keeps".
PEOPLE_GROUPS = frozenset(
    "class year form team group set tutor squad halls flat house block band choir cast".split()
)
_GROUP_YEAR = frozenset("year yr form class set".split())
# "Sky is 14", "River's only 6", "Autumn turned 15": a word-name with an age.
_AGE_VERBS = frozenset("is 's was turned turns".split())
_AGE_HEDGES = frozenset("only just nearly almost about barely".split())
_NOT_AGE_AFTER = frozenset(
    """
    mins minutes min hours hrs hour days day weeks week months month degrees % percent times miles
    km pounds quid grand k am pm o'clock oclock x of out points pts stone kg lbs st nd rd th :
    """.split()
)
# What follows a name in an introduction: "i'm joy btw", "i'm hope here", "im summer x".
INTRO_AFTER = frozenset("btw here x xx xxx and by :) lol haha hi hey hello".split())
# Things people do to people, in the progressive: "chase has been ignoring me".
PERSON_DOING = frozenset(
    """
    ignoring texting messaging calling ringing bullying ghosting avoiding blanking following stalking harassing
    threatening hitting shouting yelling screaming lying cheating visiting helping asking telling picking
    dropping driving hassling pestering blocking dating seeing annoying teasing mocking insulting hurting
    """.split()
)
# People named by what they do for someone: "hunter is my dog walker".
MORE_ROLES = frozenset(
    """
    walker driver sitter babysitter childminder cleaner landlord landlady neighbour neighbor tutor coach
    instructor trainer boss mate pal bestie bff crush ex date teammate classmate colleague coworker lodger
    tenant keyworker gp doctor nurse dentist physio vicar priest imam rabbi pastor girl boy lad guy kid
    friend partner wife husband fiance fiancee sister brother cousin
    """.split()
)
# Listed names that are never a person in these messages.
# ("hell", "shell", "ill", "wed" are also "he'll", "she'll", "i'll", "we'd" typed without
# the apostrophe).
_NOT_NAMES = frozenset("god lord said told the hell shell ill wed well".split())


# -- a clause that says its subject is a person (``_subject_evidence``) ------------
_COPULA = frozenset("is was 's isnt wasnt isn't wasn't".split())
# Jobs one person does for others (no feeling or thing is one): after "X is the ...".
_JOB_HEADS = frozenset(
    """
    nurse doctor teacher tutor coach counsellor counselor therapist carer worker manager boss supervisor
    landlord landlady neighbour neighbor receptionist cleaner midwife social gp dentist vicar priest imam
    rabbi pastor officer lecturer instructor keyworker caseworker
    """.split()
)
_JOB_AFTER = frozenset("on at in from who that for here there".split())
_PREDICATE_DETS = frozenset("the a an my our your his her their this that".split())
# People named by the predicate: "X is the only person who", "X was a girl in my class".
_PERSON_HEADS = frozenset(
    "person someone somebody girl boy guy lad lass woman man lady kid bloke dude".split()
)
_PREDICATE_HEADS = (
    _PERSON_HEADS | RELATIONS | ROLE_WORDS | MORE_ROLES | KIN_WORDS | frozenset(("one",))
)
# Words that grade the adjective before a person noun: "the only", "the most miserable".
_GRADING = frozenset("only most more least very really so such".split())
# What only a person has, after a word-name's "'s" wherever it stands: "every time mark's name
# pops up", "penny's texts", "ray's face" ("the ship's name" has its determiner before it).
_PERSONS_OWN = frozenset(
    "name names face voice texts messages birthday funeral grave number mum mam mom dad".split()
)
# "-ing" words that are no doing of a person's ("hope going", "summer coming", "rain falling").
_NOT_DOING = frozenset("going growing getting coming falling fading ending starting being".split())
# A nickname glossed by the name behind it: "rusty (real name russell)", "ace aka adam".
_NICKNAME_GLOSS = frozenset("real actual full proper legal birth".split())
_AUX_CHAIN = frozenset(
    """
    is 's been was has had have does did do will would could should can ca wo might must n't nt not never always still
    just really even also keeps kept literally honestly isnt wasnt doesnt didnt dont wont cant couldnt
    wouldnt shouldnt hasnt havent hadnt aint won't can't don't doesn't didn't isn't wasn't hasn't
    """.split()
)
# "wont stop texting", "started following me": a verb of doing more or less of something,
# then what people do to people.
_STOP_START = frozenset("stop stops stopped quit start starts started keep kept".split())
# Verbs of talking to and dealing with people: enough even for a word the talk is about.
_TALK_VERBS = frozenset(
    """
    talk speak say tell text message call ring phone reply answer listen ask shout yell scream lie cheat
    apologise apologize argue invite visit hug kiss bully block unblock ignore ghost dump blame date marry
    email dm snap facetime spoke spoken told said rang rung wrote written
    """.split()
)
# Things people do (base forms): with these a listed name that is no theme word is a person.
_HUMAN_VERBS = frozenset(
    """
    give care understand help forgive trust believe like love hate hit punch slap laugh cry smile promise
    drive pay lend share bring buy send show teach check meet come visit stay sleep eat know remember
    notice treat let get agree fight judge want need miss bother stand look wait pick sit live work owe
    gave given forgave forgiven taught bought brought sent met came sing sang dance danced wake woke
    beg begged cook cooked
    """.split()
)
# What comes before a word used as a word: "a penny", "any joy", "very sunny", "the will".
_WORD_SLOT = frozenset(
    """
    a an the any all no some very so much many my your his her their our this that these those of in
    with without for about such more less lost at on into than like
    """.split()
)
# Openers of words said to someone ("sorry rose,", "thanks for listening grace x").
_ADDRESS_OPENERS = frozenset(
    "sorry soz thanks thank thankyou ty thx cheers night nite morning bye hi hey hiya heya oi".split()
)
_THANKS = frozenset("sorry soz thanks thank thankyou ty thx cheers".split())
_ADDRESS_CLOSE = frozenset(("x", "xx", "xxx", "!", ".", ",", "?", ":)", "<3", "!!", "..."))
# "love you grace", "miss you rose": what is said to someone by name.
_SAID_TO_YOU = frozenset("love luv miss thank thanks bless need adore".split())
# Words that open a clause inside a sentence: "since joy left", "after grace moved out".
_SUBORDINATORS = frozenset(
    "since after before until till til while whilst once unless though although whereas as".split()
)
# Words that open a clause about what someone did: "what autumn said", "everything joy told me".
_CLAUSE_WH = frozenset("what how why where whatever everything something anything".split())
# Verbs whose object is a person: "i cant stand lance", "i blame drew".
_TO_PEOPLE = frozenset(
    """
    stand blame trust hate love miss ignore ignored forgive forgave text texted call called ring rang tell told
    ask asked hug hugged kiss kissed visit visited invite invited block blocked dump dumped ghost ghosted meet
    met fancy fancied like liked dated date married marry
    """.split()
)
_TALKED = frozenset(
    "talk talks talked talking spoke speak speaks speaking chat chats chatted chatting".split()
)
_THIRD_PERSON = frozenset("she he her him shes hes she's he's herself himself".split())
# "at grace's", "round joy's", "back to hope's": where a person's home is meant.
_AT_HOME_OF = frozenset("at round to over from stayed slept staying sleeping".split())
# What follows such a home when no noun does: a time, a clause, the message's end.
_AFTER_HOME_OF = frozenset(
    """
    tonight today tomorrow later after before now again then this last next for till until on at
    and but cos coz because so if when while since , . ! ? ; ... lol x xx tbh ngl
    """.split()
)


# How someone treats people, said of the person after a copula; and the words of degree before.
# Some fit only a person ("rude", "kind"); some fit help of any kind too ("helpful",
# "supportive"), and those count only for a word the talk is not about ("hope at school was
# really helpful" is the hope).
_MANNER_ONLY_PEOPLE = frozenset(
    """
    kind unkind rude friendly unfriendly nasty mean patronising patronizing condescending
    sarcastic dismissive judgy judgmental judgemental polite impolite disrespectful
    """.split()
)
_MANNER = _MANNER_ONLY_PEOPLE | frozenset(
    "helpful unhelpful supportive understanding caring respectful".split()
)
_DEGREE = frozenset(
    "really so very super dead proper well actually quite always never being been".split()
)
_VERB_OBJECT_AFTER = frozenset("my your me us him them it the a an you u ya".split())
# Punctuation that opens an apposition after a name, and what closes it.
_DASHES = frozenset(("-", "—", "–", "--"))
_APPOSITION_CLOSE = {
    ",": frozenset((",",)),
    "(": frozenset((")",)),
    **{d: _DASHES for d in _DASHES},
}
_APPOSITION_OPEN = frozenset(_APPOSITION_CLOSE)


# What stands before a word used as a thing, and the marks after which a pronoun may take a
# name up ("robin, she was my best mate").
_DETERMINERS = frozenset(
    "a an the this that these those my your his her our their some any no every".split()
)
_PRONOUN_BREAK = frozenset((",", ".", "-", "—", "–", "...", ";", "!"))
# Kin (and an ex) a word-name may be apposed to: "Rain, my ex,", "Win my cousin".
_APPOSED_KIN = KIN_WORDS | frozenset("ex bf gf partner fiance fiancee fiancé fiancée".split())
# Verbs that take a clause, so "Hope my brother wins" is a wish, not a person named Hope.
_TAKES_A_CLAUSE = frozenset(
    "hope wish pray trust bet guess swear reckon think know love miss thank bless mind say tell "
    "glad thankful".split()
)
# The words after a subject that open its verb in Pidgin and in speech ("wan", "dey", "don").
_SPOKEN_AUX = frozenset("wan dey don gonna wanna".split())


def _finite_after(word: str) -> bool:
    """A verb a subject comes before: past ("turned"), a modal, a spoken auxiliary, or a
    present -s form of a verb the lists know ("wins", "keeps")."""
    if not word.isalpha():
        return False
    if word in _SPOKEN_AUX or word in _MODAL_WORDS or lexicon.is_past_verb(word):
        return True
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith("ss")
        and lexicon.is_inflected(word)
    )


def _verb_bases(word: str) -> tuple:
    """The base forms a verb form may have: "listens" -> listen, "blocked" -> block."""
    if len(word) < 3 or not word.isalpha():
        return (word,)
    out = [word]
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out.extend((word[:-2], word[:-1]))
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])
    if word.endswith("ing"):
        out.extend((word[:-3], word[:-3] + "e"))
    return tuple(out)


class NameRecognizer:
    name = "names"

    def __init__(self, analysis):
        self.a = analysis
        # lower-case word -> "no name, no place, a known word" (the answer never changes;
        # bounded, so a stream of junk words cannot grow it without end)
        self._plain: dict = {}

    def _is_plain(self, low: str) -> bool:
        a = self.a
        value = (
            low not in a.names
            and low not in a.places
            and low not in a.curated
            and (low in _STOP or lexicon.logprob(low) > -16.5)
        )
        if len(self._plain) < 200_000:
            self._plain[low] = value
        return value

    def find(self, view) -> List[Candidate]:
        tv = view.tokens
        if tv is None or tv.n == 0:
            return []
        a = self.a
        doc, tl, n, sent_start = tv.doc, tv.tl, tv.n, tv.sent_start
        out: List[Candidate] = []
        claimed = [False] * n

        def add(i: int, j: int, label, score) -> None:
            if j > i:
                s, e = tv.char_span(i, j)
                out.append(Candidate(s, e, label, int(score)))

        triggers = []
        for kind in _KIND_STRENGTH:
            for s, e in tv.matches.get(kind, ()):
                triggers.append((s, e, kind))
        triggers.sort()
        for s, e, kind in triggers:
            strength = _KIND_STRENGTH[kind]
            j = e
            if (
                kind == "KIN"
                and j < n
                and doc[j].lower_ in ("is", "was")
                and j + 1 < n
                and doc[j + 1].lower_ in ("called", "named")
            ):
                j += 2
            if kind == "TITLE" and j < n and doc[j].text == ".":
                j += 1
            if j < n and doc[j].text in (":", "-", '"', "'", "“") and kind in ("NAMING", "KIN"):
                j += 1
            if (
                kind == "IAM"
                and s > 0
                and doc[s].lower_ in ("it", "this", "its")
                and doc[s - 1].lower_ not in ("hi", "hey", "hello", ",", ".")
            ):
                # "it's tom" only right at a greeting; "it's hard" is common
                if j < n and a._name_score(doc[j]) != NAME_DISTINCT:
                    continue
            if kind == "IAM" and doc[s].lower_ in (
                "love",
                "luv",
                "from",
                "regards",
                "cheers",
                "xoxo",
                "thanks",
                "bye",
            ):
                strength = Strength.WEAK if doc[s].lower_ in ("from",) else Strength.COMM
            if j < n and kind != "TITLE" and doc[j].lower_ in TITLES:
                continue  # "my teacher mrs patel": the title's own match takes the name
            if (
                j < n
                and not claimed[j]
                and (
                    a._slot_name_ok(doc[j], strength)
                    or (kind == "TITLE" and self._after_title(tv, s, j))
                    # "his name is guy", "her names bob": right after "name is" a listed
                    # first name is the name, even one that is a word for a person
                    or (
                        kind == "NAMING"
                        and (
                            doc[s].lower_ in ("name", "names")
                            # "flatmate's called Guy", "he is named Guy"
                            or (
                                doc[s].lower_ in ("called", "named")
                                and s > 0
                                and doc[s - 1].lower_ in _COPULA | {"s", "’s"}
                            )
                        )
                        and doc[j].lower_ in RELATIONS
                        and doc[j].lower_ in a.curated
                    )
                )
            ):
                end = a._extend_surname(doc, j + 1) if kind != "WEAK" else j + 1
                if kind in ("TITLE", "KIN", "NAMING", "COMM"):
                    end = self._word_surname(tv, end)
                if kind == "TITLE":
                    # the title stays readable ("mrs [NAME]", "dr. [NAME]": who the person
                    # is to them, not who they are); only the name after it is taken
                    add(j, max(end, j + 1), Label.NAME, Score.NAME_TITLED)
                    end = max(end, j + 1)
                else:
                    score = (
                        Score.NAME_IN_CONTEXT
                        if strength in (Strength.STRONG, Strength.KIN)
                        else Score.NAME_WEAK_CONTEXT
                    )
                    add(j, end, Label.NAME, score)
                for k in range(j, end):
                    claimed[k] = True

        places = a.places
        lows, texts = tv.low, tv.texts
        plain = self._plain
        for i in range(n):
            if claimed[i]:
                continue
            low = lows[i]
            # fast path: a lower-case word that is no name, no place and a known word
            is_plain = plain.get(low)
            if is_plain is None:
                is_plain = self._is_plain(low)
            if is_plain and not texts[i][:1].isupper():
                continue
            tok = tl[i]
            if tok.is_punct or tok.is_space or tok.like_num:
                continue
            if i > 0 and low in lexicon.COUNT_UNITS and tl[i - 1].like_num:
                continue  # "it's been 2 Weeks.", "3 Days later": a count's unit, capitalised
            if a._bare_name(tok, sent_start[i]) or self._acting_name(tv, i):
                end = a._extend_surname(doc, i + 1)
                label = (
                    Label.LOCATION if (low in places and _prev_is_loc_prep(doc, i)) else Label.NAME
                )
                add(i, end, label, Score.NAME_BARE)
                for k in range(i, end):
                    claimed[k] = True
            elif a._subject_name(doc, i, sent_start):
                end = a._extend_surname(doc, i + 1)
                add(i, end, Label.NAME, Score.NAME_AS_SUBJECT)
                for k in range(i, end):
                    claimed[k] = True
            elif (
                a._unknown_proper(tok, sent_start[i])
                and not (low in places and _prev_is_loc_prep(doc, i))
                and low not in _APP_NAMES
                and not chain_alone(doc, i)
                and _PLURAL_ACRONYM.fullmatch(tok.text) is None
            ):
                end = a._extend_surname(doc, i + 1)
                add(i, end, Label.NAME, Score.NAME_UNKNOWN_PROPER)
                for k in range(i, end):
                    claimed[k] = True
        for i, j, score in self._wordlike_people(tv, claimed):
            add(i, j, Label.NAME, score)
            for k in range(i, j):
                claimed[k] = True
        i = self._vocative(tv, claimed)
        if i is not None:
            add(i, i + 1, Label.NAME, Score.NAME_WEAK_CONTEXT)
            claimed[i] = True
        for i in self._addressed(tv, claimed):
            add(i, i + 1, Label.NAME, Score.NAME_WEAK_CONTEXT)
            claimed[i] = True
        for i in self._paired_names(tv, claimed) if "and" in view.words or "&" in view.text else ():
            add(i, i + 1, Label.NAME, Score.NAME_WEAK_CONTEXT)
            claimed[i] = True
        if out:
            out = self._first_name_before(tv, claimed, out)
            out.extend(self._same_name_again(tv, claimed, out))
        return out

    def _first_name_before(self, tv, claimed, found) -> List[Candidate]:
        """A listed first name right before a surname found on its own is the rest of that
        name: "daisy miller from year 11", "with ruby thompson" (the lower-case twin of
        ``places.extend_title_case``). Not a word the talk is about, a modal or a past verb
        ("i hope sarah is ok", "will smith", "i kissed jones" keep their words), nor a verb
        of reaching someone ("ring samaritans", "tell jones"), nor before a crisis word the
        anonymiser keeps readable."""
        low, texts, n = tv.low, tv.texts, tv.n
        crisis = lexicon.crisis_words()
        names = {c.start for c in found if c.label == Label.NAME}
        starts = {}
        for k in range(1, n):
            # only where a found name begins: a claimed token after an unclaimed one
            if claimed[k] and not claimed[k - 1]:
                begin = tv.char_span(k, k + 1)[0]
                if begin in names:
                    starts[begin] = k
        out = []
        for c in found:
            i = starts.get(c.start) if c.label == Label.NAME else None
            if i is not None and i > 0 and not claimed[i - 1]:
                w, before = low[i - 1], (low[i - 2] if i > 1 else "")
                s0 = tv.char_span(i - 1, i)[0]
                if (
                    texts[i - 1].isalpha()
                    and texts[i - 1].islower()
                    # a word of its own, not the end of "mother-in-law"
                    and (i < 2 or tv.char_span(i - 2, i - 1)[1] < s0)
                    and w in self.a.curated
                    and w not in lexicon.THEME_WORDS
                    and w not in _STOP
                    and w not in RELATIONS
                    and w not in PERSON_NOUNS
                    and w not in _TALK_VERBS
                    and w not in PERSON_OBJECT
                    and not lexicon.is_past_verb(w)
                    and low[i] not in crisis
                    and (
                        tv.sent_start[i - 1]
                        or before in CLAUSE_OPENERS
                        or before in _PRONOUN_BREAK
                        or before in _ABOUT_PERSON
                        or before in ("to", "and", "at", "by")
                    )
                ):
                    claimed[i - 1] = True
                    c = Candidate(tv.char_span(i - 1, i)[0], c.end, c.label, c.score)
            out.append(c)
        return out

    @staticmethod
    def _same_name_again(tv, claimed, found) -> List[Candidate]:
        """A capitalised word once shown to be a name is that name wherever the message writes
        it the same way: "Guy at work - Guy is his actual name - keeps", "Faith. My daughter's
        name is Faith" (the lower-case "lost faith" is the word; "Will"/"May" opening a
        question are the modals; "Mark my words" is the verb)."""
        texts, low = tv.texts, tv.low
        named = {}
        for c in found:
            if c.label == Label.NAME:
                named[(c.start, c.end)] = c.score
        if not named:
            return []
        words = {}
        for i in range(tv.n):
            if claimed[i]:
                s, e = tv.char_span(i, i + 1)
                t = texts[i]
                if (s, e) in named and t[:1].isupper() and t[1:].islower() and t.isalpha():
                    words.setdefault(t, named[(s, e)])
        out: List[Candidate] = []
        sent_start = tv.sent_start
        first = {}
        for i in range(tv.n):
            if claimed[i] and texts[i] in words:
                first.setdefault(texts[i], i)
        for i in range(tv.n):
            t = texts[i]
            if (
                not claimed[i]
                and t.islower()
                and t.capitalize() in words
                # only after the name was given: "heather is everywhere ... Heather used to"
                and first.get(t.capitalize(), tv.n) < i
                and t not in lexicon.THEME_WORDS
                and t not in MODALS_AS_NAMES
                and (sent_start[i] or low[i - 1] in CLAUSE_OPENERS or low[i - 1] in _PRONOUN_BREAK)
                and i + 1 < tv.n
                and (
                    low[i + 1] in _SUBJECT_AUX or low[i + 1] in _COPULA or low[i + 1] in PERSON_ACTS
                )
            ):
                # "flatmate's called Guy ... anyway guy is the problem": the name again in lower
                # case where a subject goes ("a nice guy is" keeps its word)
                s, e = tv.char_span(i, i + 1)
                out.append(Candidate(s, e, Label.NAME, int(words[t.capitalize()])))
                claimed[i] = True
                continue
            if (
                not claimed[i]
                and t in words
                and low[i] not in MODALS_AS_NAMES
                # "Mark my words, Mark will regret it": a verb taking its object stays a verb
                and (i + 1 >= tv.n or low[i + 1] not in _VERB_OBJECT_AFTER)
            ):
                s, e = tv.char_span(i, i + 1)
                out.append(Candidate(s, e, Label.NAME, int(words[t])))
                claimed[i] = True
        return out

    # -- grammar around a name that is also a word ----------------------------------
    def _after_title(self, tv, s: int, j: int) -> bool:
        """ "mrs shepherd", "miss green said": after a title any word is the surname, unless
        the title is the verb ("i miss home", "dont miss school")."""
        doc, low = tv.doc, tv.low
        tok = doc[j]
        w = low[j]
        if not _is_alpha_word(tok.text) or w in _STOP or w in RELATIONS or w in lexicon.NEVER_BARE:
            return False
        if w in lexicon.crisis_words():
            return False
        title = low[s].rstrip(".")
        if title in ("miss", "sir", "madam"):
            before = low[s - 1] if s > 0 else ""
            if before in _TITLE_VERB_BEFORE or lexicon.is_inflected(w):
                return False
            if not tv.texts[s][:1].isupper() and (s == 0 or tv.sent_start[s]):
                # lower case at the start: "miss green said" yes, "miss school so much" no
                nxt = low[j + 1] if j + 1 < tv.n else ""
                return not nxt or nxt in AFTER_PERSON or lexicon.is_past_verb(nxt)
        return True

    def _word_surname(self, tv, end: int) -> int:
        """ "my grandad jack brown passed away": a listed English surname that is also a word,
        right after a name found by its context, when a person's verb or the end follows."""
        n, low = tv.n, tv.low
        if end >= n or end == 0 or not _is_alpha_word(tv.texts[end]):
            return end
        w = low[end]
        if (
            w not in lexicon.english_surnames()
            or w in _STOP
            or w in lexicon.NEVER_BARE
            or w in lexicon.crisis_words()
            or not tv.doc[end - 1].is_alpha
        ):
            return end
        nxt = low[end + 1] if end + 1 < n else ""
        if not nxt or tv.tl[end + 1].is_punct or nxt in AFTER_PERSON or lexicon.is_past_verb(nxt):
            return end + 1
        return end

    def _vocative(self, tv, claimed):
        """ "jack, you there?", "sky my little one wont sleep": a listed first name that opens
        the message and is spoken to (a comma then "you", or "my" and an endearment)."""
        n, low = tv.n, tv.low
        if n < 3 or claimed[0] or not _is_alpha_word(tv.texts[0]):
            return None
        w = low[0]
        if w not in self.a.curated or w in _STOP or w in lexicon.NEVER_BARE:
            return None
        if w in _NOT_VOCATIVE or w in lexicon.crisis_words():
            return None
        rest = low[1:6]
        if low[1] == "," and any(x in _YOU for x in rest[1:4]):
            return 0
        if (
            low[1] == "my"
            and n > 2
            and (low[2] in _ENDEARMENTS or (n > 3 and low[3] in _ENDEARMENTS))
        ):
            return 0
        return None

    def _addressed(self, tv, claimed) -> List[int]:
        """A listed first name the message is said to, where people put one: after a
        thanks, a sorry or a greeting ("sorry rose, i didnt mean it") or closing the
        message after "you" or a thanks ("love you grace", "thanks for listening grace x").
        "thanks for the hope", "you gave me hope", "i know you will" stay words."""
        n, low, texts = tv.n, tv.low, tv.texts
        out: List[int] = []
        curated = self.a.curated

        def nameable(i: int) -> bool:
            w = low[i]
            return (
                not claimed[i]
                and _is_alpha_word(texts[i])
                and len(w) >= 3
                and w in curated
                and w not in _STOP
                and w not in lexicon.NEVER_BARE
                and w not in RELATIONS
                and w not in _ENDEARMENTS
                and w not in lexicon.crisis_words()
            )

        if n >= 3 and low[0] in _ADDRESS_OPENERS and nameable(1) and low[2] in _ADDRESS_CLOSE:
            out.append(1)
        end = n
        while end > 0 and (low[end - 1] in _ADDRESS_CLOSE or not texts[end - 1].strip()):
            end -= 1
        i = end - 1
        if i >= 2 and i not in out and nameable(i):
            prev = low[i - 1]
            said_to = prev in _YOU and low[i - 2] in _SAID_TO_YOU
            # a thanks or sorry just before, or a greeting opening the message ("night all,
            # ..." yes; "an early night, bliss" is no greeting)
            thanked = (
                any(low[k] in _THANKS for k in range(max(0, i - 5), i))
                or (low[0] in _ADDRESS_OPENERS and i <= 5)
            ) and (
                prev == "," or prev in _ADDRESS_OPENERS or (prev.endswith("ing") and len(prev) > 4)
            )
            if said_to or thanked:
                out.append(i)
        return out

    def _paired_names(self, tv, claimed) -> List[int]:
        """ "rose and lily are my twins": a listed first name joined by "and" to a name
        already found, the two the subject of a plural verb (or the other way round)."""
        out: List[int] = []
        n, low = tv.n, tv.low
        curated = self.a.curated
        for k in range(1, n - 1):
            if low[k] not in ("and", "&", "n"):
                continue
            for i, other, after in ((k - 1, k + 1, k + 2), (k + 1, k - 1, k + 2)):
                # the other one a name already found, or a person named by kin ("dad and
                # summer have been arguing", "me n sage are going")
                kin = other < i and low[other] in _PAIR_PEOPLE
                if claimed[i] or not (claimed[other] or kin):
                    continue
                if (
                    kin
                    and not claimed[other]
                    and low[other] in ("me", "i")
                    and low[i] in lexicon.THEME_WORDS
                ):
                    continue  # "me and hope are done": only kin takes a word the talk is about
                w = low[i]
                if (
                    w not in curated
                    or w in _STOP
                    or w in lexicon.NEVER_BARE
                    or w in lexicon.crisis_words()
                    or not _is_alpha_word(tv.texts[i])
                ):
                    continue
                if i == k - 1 and not (i == 0 or tv.sent_start[i] or low[i - 1] in (",", "with")):
                    continue
                if after < n and low[after] in _PLURAL_AFTER:
                    out.append(i)
        return out

    # -- names that are also words, told apart by what is around them ---------------
    @staticmethod
    def _in_group(tv, k: int) -> bool:
        """ "in my class", "in year 9", "in our form": a group of people one is in."""
        low, n = tv.low, tv.n
        if k < n and low[k] in _GROUP_YEAR:
            return True
        return k + 1 < n and low[k] in ("my", "our", "the") and low[k + 1] in PEOPLE_GROUPS

    @staticmethod
    def _age_after(tv, k: int) -> bool:
        """An age at ``k``: "14", "only 6", "nearly 15 now"; never a measure ("is 30 mins")."""
        low, n = tv.low, tv.n
        if k < n and low[k] in _AGE_HEDGES:
            k += 1
        if k >= n or not low[k].isdigit() or not 0 < int(low[k]) < 100:
            return False
        after = low[k + 1] if k + 1 < n else ""
        if after in ("years", "yrs", "year"):
            return k + 2 < n and low[k + 2] in ("old", "now")
        return after not in _NOT_AGE_AFTER

    def _wordlike_people(self, tv, claimed) -> List[tuple]:
        """Listed first names that the sentence shows to be people, even ordinary words.

        Cues: lists of people ("my mates are jack, summer and ruby"), an apposition ("Mark
        my manager", "harmony (my flatmate)"), "X is my girlfriend", "X is the one who",
        two modals ("may might come"), a verb that only follows a subject ("pat patted",
        "Drew drew"), the same word in lower case elsewhere ("Penny took my last penny"),
        a capital mid-sentence, "X from next door said", "tell will i said sorry", and a
        pronoun taking the name up in the next sentence ("about daisy. shes been ...").
        Words the conversation is about (``lexicon.THEME_WORDS``: hope, grace, will ...)
        need the stronger cues.
        """
        a = self.a
        n, low, tl, sent_start = tv.n, tv.low, tv.tl, tv.sent_start
        found: List[tuple] = []
        curated, names, never_bare = a.curated, a.names, lexicon.NEVER_BARE
        cand = [
            not claimed[i]
            and (w in curated or w in names)
            and len(w) >= 3
            and (w not in _STOP or w in MODALS_AS_NAMES)
            and (w not in never_bare or w in _MONTH_NAMES)
            and tl[i].text.isalpha()
            and w not in RELATIONS
            and w not in PERSON_NOUNS
            and w not in _NOT_NAMES
            and not (w in lexicon.COUNT_UNITS and i > 0 and tl[i - 1].like_num)
            for i, w in enumerate(low)
        ]
        if "name" in low or "names" in low:
            # "Guy is his actual name": said to be a name, even a word for a person
            for i in range(n - 3):
                if (
                    not claimed[i]
                    and low[i + 1] in ("is", "was", "'s")
                    and (low[i] in curated or low[i] in names)
                    and tl[i].text.isalpha()
                    and self._said_to_be_name(tv, i + 2)
                ):
                    found.append((i, i + 1, Score.NAME_IN_CONTEXT))
                    cand[i] = False
        if not any(cand):
            return found
        listed = [c and low[i] in a.curated for i, c in enumerate(cand)]
        for i, j in self._people_lists(tv, listed, claimed):
            found.append((i, j, Score.NAME_IN_CONTEXT))
            cand[i] = False
        lowers = {}
        for i in range(n):
            if tl[i].text.islower():
                lowers.setdefault(low[i], []).append(i)
        for i in range(n):
            if not cand[i]:
                continue
            w = low[i]
            text = tl[i].text
            cap = text[:1].isupper() and not text.isupper()
            start = sent_start[i] or (i > 0 and low[i - 1] in CLAUSE_OPENERS)
            theme = w in lexicon.THEME_WORDS
            nxt = low[i + 1] if i + 1 < n else ""
            nxt2 = low[i + 2] if i + 2 < n else ""
            prev = low[i - 1] if i > 0 else ""
            prev2 = low[i - 2] if i > 1 else ""
            curated = w in a.curated
            strong = closed = kin_apposed = False
            # "Mark my manager", "harmony (my flatmate)", "Mercy, my cousin,"
            k = i + 1
            if k < n and low[k] in _APPOSITION_OPEN:
                k += 1
            if k < n and low[k] in ("my", "our") and self._relation_within(tv, k + 1):
                # "Mark my manager"; in lower case only as a subject ("mercy my cousin has
                # been"), since "hurt my mum", "miss my dad" are a verb and its object
                end_rel = self._relation_end(tv, k + 1)
                after = low[end_rel] if end_rel < n else ""
                # a theme word opening a sentence is capitalised anyway ("Hope, my friends
                # are all i have"): it needs the verb after the relation too
                closed = self._apposition_closed(tv, i + 1, end_rel)
                kin_apposed = any(low[m] in _APPOSED_KIN for m in range(k + 1, end_rel))
                strong = (
                    (cap and not lexicon.is_past_verb(w) and not (theme and start))
                    or (
                        start
                        and (after in PERSON_ACTS or after in HUMAN_ACTS or after in _SUBJECT_AUX)
                    )
                    # closed on both sides, in any case: "neither will rain, my sister, ...",
                    # "Faith — my counsellor at school — said"
                    or closed
                    # the apposition is the subject of the verb after it: "Patience my landlady
                    # wan throw me out", "Win my cousin wins at everything" (never a verb that
                    # takes a clause: "Hope my brother wins tonight", "Pray my sister gets in")
                    or (cap and start and w not in _TAKES_A_CLAUSE and _finite_after(after))
                )
            # "Storm stormed out", "Chase chased me": the name followed by its own verb
            if (
                cap
                and start
                and nxt[: len(w)] == w
                and nxt[len(w) :] in ("ed", "d", w[-1:] + "ed", "s", "es")
                and tl[i + 1].text.islower()
            ):
                strong = True
            # "Sky is 14 and won't come out", "River's only 6": a word with an age is a child
            if (cap or (start and not theme)) and nxt in _AGE_VERBS and self._age_after(tv, i + 2):
                strong = True
            # "Guy is his actual name", "Will's her real name": the word said to be a name
            if nxt in ("is", "was", "'s") and self._said_to_be_name(tv, i + 2):
                strong = True
            # "Angel is my girlfriend", "Hunter is the one who", "X was the one that"
            if nxt in ("is", "was", "'s") and (
                (nxt2 in ("my", "our") and self._relation_within(tv, i + 3))
                or (nxt2 == "the" and i + 3 < n and low[i + 3] == "one")
            ):
                strong = True
            if not curated and not (
                strong
                and (
                    # "X is my (little) sister"
                    (not theme and any(low[m] in KIN_WORDS for m in range(i + 3, min(n, i + 6))))
                    # "Win my cousin wins", "Rain, my ex, turned up": the word apposed to kin
                    or (kin_apposed and (not theme or closed))
                )
            ):
                continue  # a listed name that is a word: only with kin beside it
            # "may might come over", "will can't make it": two modals in a row
            if w in MODALS_AS_NAMES and nxt in _MODAL_WORDS and nxt != w:
                strong = True
            # "tell will i said sorry", "ask grace if": a person-object verb, then a clause
            if prev in PERSON_OBJECT and nxt in _CLAUSE_AFTER_OBJECT and curated:
                strong = True
            if not strong and curated and self._person_cue(tv, i, theme):
                strong = True
            if not strong and curated and self._subject_evidence(tv, i, theme, lowers):
                strong = True
            if (
                not strong
                and curated
                and (not theme or self._talked_to(tv, i))
                and self._object_taken_up(tv, i)
            ):
                strong = True
            if strong:
                found.append((i, i + 1, Score.NAME_IN_CONTEXT))
                continue
            if not curated:
                continue
            repeated = any(k != i for k in lowers.get(w, ()))
            acts = nxt in PERSON_ACTS or nxt in HUMAN_ACTS
            past = lexicon.is_past_verb(nxt) and nxt not in _NOT_SUBJECT_VERBS
            # "Sue from next door said", "Ruby from school told", and the same group with
            # "in": "April in my class said", "Summer in year 9 keeps" ("summer in the city" keeps)
            from_said = (nxt == "from" or (nxt == "in" and self._in_group(tv, i + 2))) and any(
                low[k] in PERSON_ACTS or low[k] in HUMAN_ACTS for k in range(i + 2, min(n, i + 7))
            )
            ok = False
            if cap and not sent_start[i]:
                # a capital mid-sentence: "it was Ruby who", "thinking about Storm"
                ok = w not in _MONTH_NAMES and (
                    not theme or (prev not in _BEFORE_THEME_NOUN and nxt != "of")
                )
            elif (start or (prev in CLAUSE_VERBS and prev2 in _CLAUSE_SUBJECTS)) and (
                acts or from_said
            ):
                # "i think reed likes me", "i swear jade texted him": a reported clause
                # opens on its subject just as a sentence does
                ok = cap or not theme or repeated
            elif start and past:
                ok = (cap and (repeated or not theme)) or (not theme and not cap)
            elif (
                start
                and cap
                and repeated
                and (nxt == "used" or (not theme and nxt in _SUBJECT_AUX))
            ):
                ok = True
            elif (
                prev in _ABOUT_PERSON
                and i + 2 < n
                and low[i + 1] in (".", "!", "?", ",", "...")
                and low[i + 2] in _PERSON_PRONOUNS
                and not theme
            ):
                ok = True  # "idk what to do about daisy. shes been ..."
            elif not theme and self._pronoun_apposed(tv, i):
                ok = True  # "i think of robin, she was my best mate"
            if ok:
                found.append((i, i + 1, Score.NAME_WEAK_CONTEXT))
        return found

    def _person_cue(self, tv, i: int, theme: bool) -> bool:
        """What is around a word-like name says a person, whatever its case.

        "dawn from work covered", "ivy from my class", "i'm joy btw", "i'm miracle, 16",
        "daisy is coming round", "chase has been ignoring me", "the new girl, willow,",
        "i hope hope is ok": groups people belong to, introductions, things only people
        do in the progressive, an apposition after a person noun, the word said twice.
        """
        n, low = tv.n, tv.low
        nxt = low[i + 1] if i + 1 < n else ""
        nxt2 = low[i + 2] if i + 2 < n else ""
        prev = low[i - 1] if i > 0 else ""
        prev2 = low[i - 2] if i > 1 else ""
        opens = (
            tv.sent_start[i]
            or prev in CLAUSE_OPENERS
            or prev in CLAUSE_VERBS
            or prev in (",", ";", "!", "?", ".")
        )
        # "dawn at the bakery keeps asking", "ruby at work told": who is somewhere and does
        # what people do ("hope at this point keeps me going" keeps: it needs a person act)
        if nxt == "at" and opens:
            for k in range(i + 2, min(n, i + 7)):
                if low[k] in (",", ".", "!", "?", ";"):
                    break
                if low[k] in ("keeps", "kept", "always", "still"):
                    nxt_k = low[k + 1] if k + 1 < n else ""
                    if nxt_k in PERSON_DOING or (
                        nxt_k == "on" and k + 2 < n and low[k + 2] in ("at", "about")
                    ):
                        return True  # "keeps asking", "keeps on at me"
                elif low[k] in PERSON_ACTS or (low[k] in HUMAN_ACTS and low[k] in _TALK_VERBS):
                    return True
                elif low[k] in _COPULA and self._manner_after(tv, k + 1, theme):
                    return True  # "Dawn at the jobcentre was really kind"
        # "manager mark has been on at me", "coach ivy said": a role, no article, then the
        # name as the subject of what follows
        if (
            prev in ROLE_WORDS
            and (i == 1 or tv.sent_start[i - 1] or low[i - 2] in (",", ".", "!", "?", "and", "but"))
            and low[i] not in MODALS_AS_NAMES
            and (
                nxt in _SUBJECT_AUX
                or nxt in PERSON_ACTS
                or nxt in HUMAN_ACTS
                or nxt in ("wont", "wo")
            )
        ):
            return True
        # "Sunny next door checks on me", "rose upstairs keeps banging", "faith across the road
        # has": a neighbour named by where they live, then a verb only a subject comes before
        # ("the sun next door" has no name; "sunny next door" alone, or before "is", keeps)
        if opens:
            k = self._neighbour_end(tv, i + 1)
            if (
                k
                and k < n
                and (low[k] in PERSON_ACTS or low[k] in HUMAN_ACTS or _finite_after(low[k]))
            ):
                return True
        # "X from work", "X from my class", "X from next door"
        if nxt == "from" and (opens or prev in ("with", "and", "n", "&", "to", "told", "asked")):
            k = i + 2
            if k < n and low[k] in ("my", "the", "our", "his", "her"):
                k += 1
            if k < n and low[k] in PEOPLE_PLACES:
                return True
        # an introduction: "i'm joy btw", "im miracle, 16, from lagos", "hi i'm hope here"
        if (prev in ("'m", "m", "am") and prev2 == "i") or (prev == "im"):
            if nxt in INTRO_AFTER:
                return True
            if nxt == "":  # "hi i'm daisy": only as the greeting's whole point
                k = i - 2 if prev == "im" else i - 3
                return (
                    k >= 0
                    and low[k] in ("hi", "hey", "hello", "hiya", "heya", "yo")
                    and not lexicon.is_common_word(low[i])  # "hi im sad", "hey i'm good"
                )
            if nxt == "," and (tv.tl[i + 2].like_num if i + 2 < n else False):
                return True
            if nxt == "," and nxt2 in ("from", "aged", "age", "and", "i", "im"):
                return True
        if opens or prev in ("and", "n", "&"):
            # "daisy is coming round", "chase has been ignoring me", "hunter keeps texting"
            k = i + 1
            while k < n and low[k] in (
                "is",
                "was",
                "'s",
                "has",
                "had",
                "been",
                "keeps",
                "kept",
                "always",
                "still",
            ):
                k += 1
            if k > i + 1 and k < n:
                verb = low[k]
                after = low[k + 1] if k + 1 < n else ""
                if verb in PERSON_DOING and (
                    not theme or after in ("me", "us", "him", "her", "them", "my")
                ):
                    return True
                if (
                    verb in ("coming", "going", "popping")
                    and after in ("round", "over", "to", "home", "back")
                    and (after in ("round", "over") or not theme)
                ):
                    return True
            # "hunter is my dog walker", "X is my support worker"
            if nxt in ("is", "was", "'s") and nxt2 in ("my", "our"):
                for m in range(i + 3, min(n, i + 6)):
                    if low[m] in MORE_ROLES:
                        return True
        # "the new girl, willow, sat", "my mate, destiny, said"
        if (
            prev == ","
            and nxt in (",", ")")
            and i >= 2
            and (
                prev2 in PERSON_NOUNS
                or prev2 in RELATIONS
                or prev2 in MORE_ROLES
                or prev2 in ROLE_WORDS
            )
        ):
            return True
        # "i hope hope is ok": the word twice, the second a name
        if prev == low[i] and nxt in (
            "is",
            "was",
            "'s",
            "has",
            "said",
            "and",
            "will",
            "can",
            "isn't",
            "wasn't",
        ):
            return True
        return False

    @staticmethod
    def _manner_after(tv, k: int, theme: bool) -> bool:
        """At ``k``, how someone treats people: "(really) kind", "so rude to me", "dead
        helpful" (not "kind of"; "lovely", "nice" fit a beach as well as a person; a theme
        word needs a manner only people have)."""
        n, low = tv.n, tv.low
        while k < n and low[k] in _DEGREE:
            k += 1
        if k >= n or low[k] not in (_MANNER_ONLY_PEOPLE if theme else _MANNER):
            return False
        after = low[k + 1] if k + 1 < n else ""
        return after not in ("of", "out", "outside", "weather", "day", "and")

    def _subject_evidence(self, tv, i: int, theme: bool, lowers) -> bool:
        """A word-like name opening a clause, and the clause says it is a person.

        What a reader goes by, weighed together rather than listed per word:
        - what it is said to be: "joy is the only person who", "Sky is a girl in my
          class", "Patience is someone i trust" (a person noun after the copula);
        - what it does: "Penny wont give me", "Crystal doesn't talk to me", "ivy never
          listens", "Faith has blocked me" (a verb only people do, after any auxiliary,
          negation or adverb);
        - the same word used as a word elsewhere: "Penny ... a penny", "Sunny isnt very
          sunny" (the writer tells the two apart, so the one in subject place is the person);
        - a "she"/"he" taking it up later with no other person in between.
        A word the talk is about (hope, grace, will: ``lexicon.THEME_WORDS``) needs a
        person noun, a verb of talking to people, or two of the others: "hope is all i
        have", "hope never dies", "hope keeps me going" stay words.
        """
        n, low = tv.n, tv.low
        prev = low[i - 1] if i > 0 else ""
        if not (
            tv.sent_start[i]
            or prev in CLAUSE_OPENERS
            or prev in _SUBORDINATORS
            or prev in (",", ";", "!", "?", ".", "...")
            or (prev in CLAUSE_VERBS and i > 1 and low[i - 2] in _CLAUSE_SUBJECTS)
        ):
            return False
        k = i + 1
        if k >= n:
            return False
        # what it is said to be
        if low[k] in _COPULA or low[k] in ("has", "had", "hasnt", "hadnt", "got"):
            # "Angel isnt an angel", "Rich isnt rich", "Patience has no patience": the word
            # said of itself (or owned by itself) is a name
            if tv.texts[i][:1].isupper() and any(
                low[m] in (low[i], low[i] + "s")
                and tv.texts[m].islower()
                and low[m - 1] in _WORD_SLOT | {"not", "n't", "nt", "really", "that", "too"}
                for m in range(k + 1, min(n, k + 4))
            ):
                return True
            m = k + 1
            if m < n and low[m] in ("not", "n't", "nt"):
                m += 1
            if m < n and low[m] in _PREDICATE_DETS:
                m += 1
            mods = 0
            while m < n and mods < 3 and low[m] not in _PREDICATE_HEADS and tv.texts[m].isalpha():
                # a degree word grades the noun's adjective ("the most miserable person")
                if low[m] in _STOP and low[m] not in _GRADING:
                    break
                m += 1
                mods += 1
            if m < n:
                head = low[m]
                after = low[m + 1] if m + 1 < n else ""
                if head == "one":
                    if after in ("who", "that", "i", "you", "he", "she", "we"):
                        return True
                elif head in _PERSON_HEADS:
                    return True
                elif not theme and head in _PREDICATE_HEADS:
                    return True
                elif (
                    head in _JOB_HEADS
                    and low[k + 1 : k + 2] != ["not"]
                    and after in _JOB_AFTER
                    and not any(w in ("best", "worst", "greatest", "only") for w in low[k:m])
                ):
                    # "Mercy's the nurse on my dad's ward", "grace is my key worker at
                    # school": a job someone does, then where; "hope is the best medicine" keeps
                    return True
        # what it does: auxiliaries, negations and adverbs, then the verb
        m = k
        while m < n and m < k + 3 and low[m] in _AUX_CHAIN:
            m += 1
        finite = m > k
        verb = low[m] if m < n else ""
        after = low[m + 1] if m + 1 < n else ""
        base = _verb_bases(verb) if (finite or verb.endswith("s") or verb.endswith("ed")) else ()
        if base:
            finite = finite or any(b in _HUMAN_VERBS or b in _TALK_VERBS for b in base)
        if not finite and not (lexicon.is_past_verb(verb) or verb in PERSON_ACTS):
            return False
        talks = any(b in _TALK_VERBS for b in base) or verb in PERSON_ACTS
        does = talks or any(b in _HUMAN_VERBS for b in base) or verb in HUMAN_ACTS
        if does and "get" in base and after not in ("it", "me", "us", "why", "how", "that"):
            does = False  # "get it" is understanding; "hope gets better" is no person
        if after == "up" and any(b in ("turn", "show", "ring", "pick") for b in base):
            does = True  # "will didnt even turn up"
        if verb in _NOT_SUBJECT_VERBS:
            does = talks = False
        if verb in _STOP_START and after in PERSON_DOING:
            does = talks = True  # "ray wont stop texting me", "mark keeps on messaging"
        if verb in ("leave", "leaves", "let", "lets") and after in ("me", "us") and finite:
            does = True  # "rusty wont leave me alone" ("hope wont leave me alone" stays)
        if verb in ("fell", "falls", "fallen") and after == "out":
            does = talks = True  # "Grace fell out with me": only people fall out
        if any(b == "move" for b in base) and after in ("out", "away", "back", "house", "schools"):
            does = talks = True  # "since grace moved out": people move house, hope moves people
        if not theme and does:
            return True
        if theme and talks:
            return True
        w = low[i]
        # the same word as a word elsewhere in the message: "a penny", "very sunny"
        # (or as a verb: "grant didnt grant me", "will will you stop")
        contrast = any(
            j != i
            and j > 0
            and (low[j - 1] in _WORD_SLOT or (j > i + 1 and low[j - 1] in _AUX_CHAIN))
            for j in [*lowers.get(w, ()), *lowers.get(w + "s", ())]
        )
        # a "she"/"he" later on, with no other person between
        taken_up = False
        for j in range(m, min(n, m + 14)):
            word = low[j]
            if word in RELATIONS or word in PERSON_NOUNS or word in ROLE_WORDS:
                break
            if word in _THIRD_PERSON:
                taken_up = True
                break
        cues = int(does) + int(contrast) + int(taken_up)
        return cues >= (2 if theme else 1)

    @staticmethod
    def _neighbour_end(tv, k: int) -> int:
        """The token after "next door", "upstairs", "across the road" ... at ``k``, else 0."""
        n, low = tv.n, tv.low
        if k >= n:
            return 0
        if low[k] in ("upstairs", "downstairs", "opposite"):
            return k + 1
        if low[k] == "next" and k + 1 < n and low[k + 1] == "door":
            return k + 2
        if (
            low[k] in ("across", "over", "up", "down")
            and k + 2 < n
            and low[k + 1] == "the"
            and low[k + 2] in ("road", "street", "hall", "landing", "corridor", "way")
        ):
            return k + 3
        return 0

    def _object_taken_up(self, tv, i: int) -> bool:
        """ "i cant stand lance, he thinks hes all that", "i blame drew. she started it": a
        listed name right after a verb people do to people, its clause ending there, and a
        "he"/"she" taking it up next with no other person between. "talked to patience at
        the food bank and she was so kind": after talking to someone, a short place or group
        ("at the food bank", "from church", "in my class") may come before the clause ends."""
        n, low = tv.n, tv.low
        if i == 0 or i + 1 >= n:
            return False
        talked = self._talked_to(tv, i)
        if low[i - 1] not in _TO_PEOPLE and not talked:
            return False
        close = (",", ".", "!", "?", ";", "and", "but", "cos", "because", "coz")
        k = i + 1
        if talked and low[k] in ("at", "from", "in", "on") and k + 1 < n:
            k += 1
            while k < min(n, i + 7) and low[k] not in close:
                if low[k] in _THIRD_PERSON or low[k] in RELATIONS or low[k] in PERSON_NOUNS:
                    return False
                k += 1
        if k >= n or low[k] not in close:
            return False
        for j in range(k + 1, min(n, k + 5)):
            if low[j] in RELATIONS or low[j] in PERSON_NOUNS:
                return False
            if low[j] in _THIRD_PERSON:
                return True
        return False

    @staticmethod
    def _talked_to(tv, i: int) -> bool:
        """ "talked to", "spoke with", "chatting to" just before token ``i``: one talks to people."""
        low = tv.low
        return i >= 2 and low[i - 1] in ("to", "with") and low[i - 2] in _TALKED

    @staticmethod
    def _apposition_closed(tv, k: int, end_rel: int) -> bool:
        """An apposition opened at token ``k`` (a comma, bracket or dash) and closed by its
        partner within a few words of the relation, with the sentence going on after it:
        "Rain, my ex, turned up", "Faith (my counsellor at school) said", "Guy - my boss
        at work - keeps". "Hope, my friends are all i have" is never closed."""
        n, low = tv.n, tv.low
        opener = low[k] if k < n else ""
        close = _APPOSITION_CLOSE.get(opener)
        if close is None:
            return False
        if end_rel - 1 > k and low[end_rel - 1] in close:
            return end_rel < n
        # only a place or group may follow the relation inside ("my counsellor at school");
        # "Hope - my counsellor says - is a skill" is an aside, not an apposition
        if end_rel >= n or (low[end_rel] not in close and low[end_rel] not in _JOB_AFTER):
            return False
        for m in range(end_rel, min(n - 1, end_rel + 5)):
            word = low[m]
            if word in close:
                return tv.texts[m + 1][:1].isalnum()
            if word in (".", "!", "?", ";", ":") or word in _APPOSITION_CLOSE:
                return False
        return False

    @staticmethod
    def _said_to_be_name(tv, k: int) -> bool:
        """ "his actual name", "her real name", "my name": at ``k``, a possessive and "name"."""
        n, low = tv.n, tv.low
        if k >= n or low[k] not in ("his", "her", "my", "their", "our", "your"):
            return False
        k += 1
        if k < n and low[k] in ("actual", "real", "full", "first", "proper", "legit", "legal"):
            k += 1
        return k < n and low[k] in ("name", "names")

    def _relation_end(self, tv, k: int) -> int:
        """The token after the relation phrase that starts at ``k``."""
        for m in range(k, min(tv.n, k + 3)):
            if tv.low[m] in RELATIONS or tv.low[m] in ROLE_WORDS:
                e = m + 1
                while e < tv.n and (tv.low[e] in RELATIONS or tv.low[e] in ROLE_WORDS):
                    e += 1
                if e < tv.n and tv.low[e] in (")", ","):
                    e += 1  # "harmony (my flatmate) keeps"
                return e
        return k

    def _pronoun_apposed(self, tv, i: int) -> bool:
        """The word, bare, then "she was my ...", "he's our ...": a pronoun takes it up at once
        and says who it was to the writer ("i think of robin, she was my best mate", "about
        sky - he's my cousin"). With a determiner before it the word is a thing ("a robin,
        she was my ..." is not said)."""
        n, low = tv.n, tv.low
        if i > 0 and low[i - 1] in _DETERMINERS:
            return False
        k = i + 1
        if (
            k < n
            and low[k].endswith("ing")
            and low[k] not in _NOT_DOING
            and i > 0
            and low[i - 1] in _ABOUT_PERSON
        ):
            # "its about penny taking it without asking. shes my sister": the word is the
            # subject of what was done, and the pronoun after that clause says who it was
            k += 1
            while k < n and k < i + 10 and low[k] not in _PRONOUN_BREAK:
                k += 1
        if k >= n or low[k] not in _PRONOUN_BREAK:
            return False
        k += 1
        if k < n and low[k] in ("shes", "hes"):
            k += 1
        elif k + 1 < n and low[k] in ("she", "he") and (low[k + 1] in _COPULA or low[k + 1] == "s"):
            k += 2
        elif (
            k + 4 < n
            and low[k] in ("she", "he")
            and tuple(low[k + 1 : k + 4]) == ("used", "to", "be")
        ):
            k += 4  # "she used to be my ..."
        else:
            return False
        return k < n and low[k] in ("my", "our") and self._relation_within(tv, k + 1)

    def _relation_within(self, tv, k: int) -> bool:
        """A relation or role word within the next three tokens ("my support worker")."""
        for m in range(k, min(tv.n, k + 3)):
            word = tv.low[m]
            if (
                word in RELATIONS
                or word in ROLE_WORDS
                or (word.endswith("s") and word[:-1] in RELATIONS)
            ):
                return True
            if tv.low[m] not in REL_MODIFIER_WORDS and tv.low[m] not in ROLE_WORDS:
                if not tv.tl[m].text.isalpha():
                    return False
        return False

    def _people_lists(self, tv, cand, claimed) -> List[tuple]:
        """Names in a list of people: "jack, summer and ruby", "with chance, river and sky"."""
        n, low, tl = tv.n, tv.low, tv.tl
        out: List[tuple] = []
        i = 0
        while i < n:
            if not (cand[i] or claimed[i] or low[i] in RELATIONS or low[i] in ("me", "my")):
                i += 1
                continue
            items: List[tuple] = []  # (start, end, kind)
            k = i
            while k < n:
                if low[k] in ("my", "our", "his", "her") and k + 1 < n and tl[k + 1].text.isalpha():
                    e = k + 2
                    if low[k + 1] in REL_MODIFIER_WORDS and e < n and tl[e].text.isalpha():
                        e += 1
                    if (
                        low[e - 1] not in RELATIONS
                        and low[e - 1] not in ROLE_WORDS
                        and low[e - 1] not in PETS
                    ):
                        break  # "my face", "my head": not a person
                    items.append((k, e, "my"))
                    k = e
                elif (low[k] in RELATIONS or low[k] in ("me", "i", "him", "her", "them")) and (
                    k == 0 or low[k - 1] not in DETERMINERS
                ):
                    items.append((k, k + 1, "rel"))
                    k += 1
                elif cand[k] and not (tl[k].text.islower() and lexicon.is_past_verb(low[k])):
                    items.append((k, k + 1, "name"))
                    k += 1
                elif claimed[k] and tl[k].text.isalpha():
                    # a name another rule already found ("with rowan, sage and river")
                    while k + 1 < n and claimed[k + 1] and tl[k + 1].text.isalpha():
                        k += 1
                    items.append((k, k + 1, "found"))
                    k += 1
                else:
                    break
                # separators: ",", "and", "&", "n", "or", or nothing between two listed names
                if k < n and low[k] in (",", "and", "&", "n", "or", "+"):
                    j = k + 1
                    if j < n and low[j] == "and" and low[k] == ",":
                        j += 1
                    if j < n and (
                        cand[j]
                        or claimed[j]
                        or low[j] in RELATIONS
                        or low[j] in ("my", "our", "me")
                    ):
                        k = j
                        continue
                    break
                if k < n and items[-1][2] == "name" and cand[k]:
                    continue
                break
            names = [it for it in items if it[2] == "name"]
            found = [it for it in items if it[2] == "found"]
            joined = any(low[m] in ("and", "&", "n", "or", "+") for m in range(i, k))
            # two items need "and" ("i told priya, hope is all i have" is no list)
            separated = joined or (len(items) >= 3 and "," in low[i:k])
            if (
                any(low[s] in lexicon.THEME_WORDS for s, _, kind in items if kind == "name")
                and len(items) < 3
            ):
                after = low[k] if k < n else ""
                if after in ("both", "all", "just") and k + 1 < n:
                    after = low[k + 1]  # "crystal and summer both blocked me"
                acted = (
                    after in PERSON_ACTS
                    or after in HUMAN_ACTS
                    # "Will and Grace are my cousins"
                    or (
                        after in ("are", "were")
                        and k + 2 < n
                        and low[k + 1] in ("my", "our")
                        and self._relation_within(tv, k + 2)
                    )
                )
                acted = acted or (
                    after in ("are", "were", "r")
                    and k + 1 < n
                    and low[k + 1].endswith("ing")
                    and len(low[k + 1]) > 4
                )
                separated = separated and (acted or (i > 0 and low[i - 1] in ("with", "w")))
            enough = len(names) + len(found) >= 2 or (names and len(items) >= 3)
            # "me n destiny are doing our project", "jade and i went": a name and me, acting
            if names and not enough and joined and len(items) == 2:
                after = low[k] if k < n else ""
                enough = any(low[s] in ("me", "i") for s, _, kind in items if kind == "rel") and (
                    after in PERSON_ACTS
                    or after in HUMAN_ACTS
                    or after in ("are", "were", "r", "both", "have", "had", "got", "went", "used")
                    # "ray n me fell out", "jo and i havent spoken": two people as one
                    # subject, whatever the verb, unless the name is a word the talk is about
                    or (
                        (lexicon.is_past_verb(after) or after in _AUX_CHAIN)
                        and not any(
                            low[s] in lexicon.THEME_WORDS for s, _, kd in items if kd == "name"
                        )
                    )
                )
            if separated and enough and names and self._list_of_people(tv, items):
                out.extend((s, e) for s, e, kind in names)
            i = max(k, i + 1)
        return out

    def _list_of_people(self, tv, items) -> bool:
        n, low = tv.n, tv.low
        first, last = items[0][0], items[-1][1]
        if any(kind in ("rel", "my", "found") for _, _, kind in items):
            return True
        if any(self.a._name_score(tv.tl[s]) == NAME_DISTINCT for s, _, _ in items):
            return True
        if first > 0 and low[first - 1] in ("with", "w", "w/", "invited"):
            return True
        # "my best mates are jack, summer and ruby", "the people i trust are ...", "friends: ..."
        if first > 0 and low[first - 1] in ("are", "were", "r", ":", "-", "like", "including"):
            if any(w in PEOPLE_HEADS for w in low[max(0, first - 5) : first - 1]):
                return True
        if first > 0 and low[first - 1] in PEOPLE_HEADS:
            return True
        nxt = low[last] if last < n else ""
        nxt2 = low[last + 1] if last + 1 < n else ""
        if nxt in PERSON_ACTS or nxt in HUMAN_ACTS or nxt in ("both",):
            return True
        return nxt in ("are", "were", "r") and nxt2 in _PLURAL_PERSON_AFTER

    def _acting_name(self, tv, i: int) -> bool:
        """A listed first name, even a word-like one, that acts as a person.

        "hope said i was fine", "i was at grace's house", "patience and i had a fight":
        the word opens a clause (or follows "and", "but", ...) and what comes next is
        something only a person does, so "the thought of", "doc said", "the server
        asked", "i never will" stay words.
        """
        a = self.a
        tok = tv.tl[i]
        low = tv.low[i]
        if (
            low not in a.curated
            or len(low) < 3
            or not _is_alpha_word(tok.text)
            or low in RELATIONS
            or low in PERSON_NOUNS
        ):
            return False
        if low in _STOP and low not in STOPWORD_NAMES:
            return False
        n = tv.n
        nxt = tv.low[i + 1] if i + 1 < n else ""
        prev = tv.low[i - 1] if i > 0 else ""
        opens = (
            tv.sent_start[i] or prev in CLAUSE_OPENERS or prev in (",", ";", "!", "?", ".", "...")
        )
        if (
            nxt in PERSON_ACTS
            and nxt not in ("keeps", "kept")  # "since hope keeps fading" is hope
            and (prev in _SUBORDINATORS or prev in _CLAUSE_WH)
        ):
            # "what autumn said to me", "since joy texted", "how grace treated me": a clause
            # inside the sentence opens on its subject, who does what only people do
            return True
        if (
            nxt in ("'s", "’s")
            and i + 2 < n
            and tv.low[i + 2] in _PERSONS_OWN
            and prev not in _DETERMINERS
            and low not in lexicon.THEME_WORDS
        ):
            return True
        if (nxt == "(" or nxt == ",") and tv.low[i + 2 : i + 4] in (
            [g, "name"] for g in _NICKNAME_GLOSS
        ):
            return True  # "rusty (real name russell) is", "ace, real name adam,"
        if nxt in ("aka", "a.k.a", "a.k.a."):
            return True
        if nxt in ("'s", "’s") and i + 2 < n and tv.low[i + 2] in POSSESSED:
            # "it's august's birthday", "it was june's funeral", "for rob's party" too
            return opens or prev in (
                "'s",
                "’s",
                "is",
                "was",
                "for",
                "at",
                "to",
                "with",
                "from",
                "round",
                "over",
                "in",
                "stayed",
                "slept",
            )
        if (
            prev in ("to", "at", "with")
            and i > 1
            and tv.low[i - 2] in _FELT_TOWARDS
            and low not in lexicon.THEME_WORDS
            and nxt not in _OBJECT_OPENERS
        ):
            # "saying sorry to mark for stuff", "so angry at rob.", "shouted at guy": said or
            # felt towards someone ("sorry to mark the day", "angry at hope" keep)
            return True
        if (
            nxt in ("'s", "’s")
            and prev in _AT_HOME_OF
            and (i + 2 >= n or tv.low[i + 2] in _AFTER_HOME_OF)
        ):
            # "staying at faith's tonight", "going round joy's after school": someone's
            # home, the house left unsaid ("at god's mercy", "to hope's end" have a noun)
            return True
        if not opens:
            return False
        if nxt in ("keeps", "kept"):
            # "will keeps texting me" is a person; "hope keeps me going" is hope
            after = tv.low[i + 2] if i + 2 < n else ""
            return after.endswith("ing") and after not in ("going", "growing", "getting")
        if nxt in PERSON_ACTS:
            return True
        if (
            nxt == "and"
            and i + 2 < n
            and tv.low[i + 2] in ("i", "me")
            and (i + 3 >= n or tv.low[i + 3] not in ("will", "can", "do"))
        ):
            return True
        return False


# Apps and platforms are where things happen, not who: "i deleted TikTok", "on Snapchat".
_APP_NAMES = frozenset(
    "tiktok instagram insta snapchat youtube netflix spotify whatsapp facebook twitter discord reddit twitch "
    "roblox fortnite minecraft pinterest tumblr linkedin telegram bereal duolingo deliveroo ubereats vinted "
    "depop paypal monzo revolut threads bluesky wattpad chatgpt".split()
)
# An acronym made plural ("GCSEs", "MRIs", "SATs"): an exam or a test, never a person.
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
