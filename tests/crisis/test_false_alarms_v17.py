"""The retired v17 set's false-alarm families (the exclusions added with tune_families_17n.tsv,
issues #12 and #16): a risk word inside a FRAME that makes it safe must not raise the lexicon,
and the crisis told in the same words plus present risk must still escalate.

The frames, each lifted by the words that keep a message a crisis (the ``u`` of
data/crisis/exclusions.yml): a catchphrase or sign-off, or one's funeral planned as a joke; one's
funeral planned for fun in old age, a "when i'm gone" folder, letters to open one day or before a
move; a crisis told as past with the good present it has become, a milestone without self-harm,
an abusive ex left; a death word asked about as a word (pronounced, translated, a crossword clue,
which wording is correct); research, teaching and training on the topic; a novel about someone
else or one being written; a new knife's nick; something hung on a wall; a dream of an event; a
thing "that doesn't exist"; an overdose awareness course. The twins: "honestly", "not joking",
"it won't be long now", "it's back", "again", "that's me", "because i am", "on purpose", "myself
from the beam", a wish to be dead.

Every sentence here was written for this test (test_v17n_sentences_are_in_no_data_split checks
it), and each quiet one matched the lexicon before its exclusion (so each can fail). Only the
lexicon runs here; the learned tier's side is in tune_families_17n.tsv.
"""

from __future__ import annotations

import pytest

from bot.crisis import learned
from tests.support.crisis_families import (
    assert_escalates,
    assert_in_no_data_split,
    assert_quiet,
    assert_tune_file_wired,
    params,
)

QUIET = params(
    {
        "catchphrase": [
            "'see you on the other side' is my usual sign off before every smear test lol",
            "SEE YOU ON THE OTHER SIDE is my dads catchphrase whenever he goes in for a filling",
        ],
        "funeral_as_joke": [
            "me n the lads planned my funeral playlist as a joke at the pub, mine's all mr brightside",
        ],
        "funeral_for_fun": [
            "already planned my own funeral, i'm 79 and it was a right laugh, want a conga line",
            "told the kids what music i want at my funeral. abba, obviously. they giggled for ages",
        ],
        "when_gone_folder": [
            "finally finished the 'when i'm gone' file for my husband, insurance and logins in one place",
        ],
        "letters_one_day": [
            "wrote letters to my grandsons to open on their wedding days, had a little cry and a cuppa",
            "wrote letters to my uni mates before i move to seoul, so they'd have something from me",
        ],
        "past_good_present": [
            "remember when i said i wanted to die last autumn? honestly so much better now, just wanted to say thanks",
            "had horrible postnatal depression and didnt want to live. my twins are 5 now and i'm fine, doing great",
            "went back to the cliff where i nearly ended it, took my mum this time and we had a picnic. felt like closure",
        ],
        "milestone": [
            "my therapist told me to mark milestones so: 10 months no self harm 🎉",
        ],
        "abusive_ex_left": [
            "two years since i left my abusive husband and im finally sleeping properly",
        ],
        "word_as_word": [
            "how do u pronounce 'homicidal' properly, i always stumble on it in seminars",
            "whats the portuguese word for 'suicide', it came up in a telenovela",
            "is it better wording to say 'completed suicide' or 'died by suicide'? my editor flagged it",
        ],
        "research_teaching": [
            "what does the literature say about the link between gaming and teen suicide",
            "how do i talk to my pupils about self harm? newly qualified and the training was a bit thin",
            "my helpline training covers suicide risk assessment next month, what should i expect",
            "trainee detective, studying how to interview victims of sexual assault with care",
            "reading a memoir by a survivor of child abuse for my english coursework, how do i quote it",
            "saw a news piece on the revenge porn laws changing, about time honestly",
        ],
        "fiction_other": [
            "our book club read a novel about a boy who drowns himself, the chat got heavy",
            "writing a mystery novel, how would a coroner tell a suicide from a staged one?",
        ],
        "knife_nick": [
            "new chef's knife is lethal, cut myself on day one lol, so sharp",
        ],
        "hang_on_wall": [
            "how do i hang a heavy mirror on a plasterboard wall without it ripping out",
            "how to hang floating shelves in a rented flat??",
        ],
        "dream_event": [
            "dreamt i was falling off a cliff and woke up kicking, what does it mean",
            "recurring dream of being stuck in a burning house, no idea why, i'm fine with fire irl",
        ],
        "thing_doesnt_exist": [
            "i keep dreaming about missing a bus that doesn't exist, so random",
        ],
        "overdose_course": [
            "took an overdose awareness course at the library, now i keep a naloxone kit in my bag",
        ],
    }
)

STILL_CRISIS = params(
    {
        "catchphrase_twin": [
            "'see you on the other side' is my sign off lol. jk... but honestly i want to die tonight",
        ],
        "joke_dropped": [
            "jk... but honestly i might do it tonight, i want to die",
            "planned my funeral as a joke but honestly it won't be long now",
        ],
        "funeral_twin": [
            "planned my own funeral and i'm ready, it won't be long now",
        ],
        "letters_twin": [
            "wrote letters to my kids to read after i'm gone",
        ],
        "past_back": [
            "remember when i told you i wanted to die last winter? it's back and i want to die again",
            "i had bad postnatal depression and didn't want to live. my son is 3 now and i still want to die",
            "went back to the bridge where i almost ended it and tonight i want to end it",
            "remember when i wanted to die? i just wanted to say thanks for everything, goodbye",
        ],
        "milestone_twin": [
            "10 months no self harm and then tonight i cut myself again",
        ],
        "abusive_ex_twin": [
            "it's been 6 months since i left my abusive ex and he's outside my flat right now",
        ],
        "word_twin": [
            "how do you pronounce 'suicidal'? asking because i am suicidal and want to tell my gp",
        ],
        "research_twin": [
            "the literature says a lot about suicide and i want to die",
            "reading about the school shooting and i want to do the same at my school",
        ],
        "fiction_twin": [
            "our book club read a novel about a girl who drowns herself and that's me, i want to do the same",
        ],
        "knife_twin": [
            "bought a new knife and cut myself on purpose, so sharp",
            "got a new blade and cut myself last night",
        ],
        "hang_twin": [
            "how do i hang myself from a beam",
        ],
        "dream_twin": [
            "i keep dreaming about killing myself",
            "i wish i didn't exist",
        ],
        "overdose_twin": [
            "took an overdose of all my pills, overdose awareness my arse, help me",
        ],
    }
)


@pytest.mark.parametrize("text", QUIET)
def test_each_v17_false_alarm_frame_stays_quiet(text):
    assert_quiet(text)


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_a_crisis_next_to_a_v17_frame_still_escalates(text):
    assert_escalates(text)


def test_a_news_frame_is_lifted_by_a_wish_not_by_wanting_to_help():
    """The news frame's ``u`` is "makes me want to" followed by the act, not any wish: "makes me
    want to volunteer" stays quiet, "makes me want to do the same" matches."""
    from bot.crisis.lexicon import get_lexicon

    lexicon = get_lexicon()
    quiet = "read an article about a student who died by suicide, makes me want to volunteer"
    loud = "read an article about a student who died by suicide, makes me want to do the same"
    assert not lexicon.match(quiet).matched
    assert lexicon.match(loud).matched


def test_v17n_classes_are_crisis_or_everyday_as_meant():
    """tune_families_17n.tsv is in the tuning paths; its crisis twins are crisis classes and its
    frames everyday ones."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_17N_PATH,
        crisis={
            "suicidal_active",
            "suicidal_passive",
            "warning_signs",
            "suicide_plan",
            "self_harm",
            "eating_disorder_risk",
        },
        everyday={
            "dark_humour",
            "past_recovery",
            "news_and_study",
            "diet_ordinary",
            "wills_admin",
            "daily_news",
            "games_fiction_media",
        },
        kinds={
            "medical_emergency": "medical",
            "harm_to_others": "harm_to_others",
            "third_party": "third_party",
        },
        lines=(1, 20),
    )


def test_v17n_sentences_are_in_no_data_split():
    texts = [p.values[0] for p in QUIET + STILL_CRISIS]
    texts.append("read an article about a student who died by suicide, makes me want to volunteer")
    assert_in_no_data_split(texts)
