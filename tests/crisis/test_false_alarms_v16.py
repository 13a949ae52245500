"""The retired v16 set's false-alarm families (the exclusions added with tune_families_16n.tsv,
issues #12 and #16): a risk word inside a FRAME that makes it not-now or not-real must not raise
the lexicon, and the crisis told in the same words plus what keeps it a crisis must still
escalate.

The frames, each read wide and lifted by the words that keep a message a crisis (the ``u`` of
data/crisis/exclusions.yml): an object as the patient of a chore or DIY job (cut the worktop,
tablets popped into a dispenser, a jump off the shed roof, rope with other kit, a bungee for
charity); things given away for a move or minimalism; fiction being written (a character, a
screenplay); a song named or quoted; news and history about other people; a training scenario;
recovery told with pride in the past; arrangements for one's death made calmly; tablets packed
"ready to go" for a trip. The twins: the body or the self as what is cut or used ("on myself",
"my arms", "the pain"), pills to be swallowed, "i won't need them", "that's me, i'll do the same",
"i get why, i'm thinking of doing it", "for real, right now", "it's back", "it won't be long now".

Every sentence here was written for this test (test_v16n_sentences_are_in_no_data_split checks
it), and each quiet one matched the lexicon before its exclusion (so each can fail). Only the
lexicon runs here; the learned tier's side is in tune_families_16n.tsv.
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
        "diy_object": [
            "need to cut the lino round the toilet, any tips",
            "NEED TO CUT THE HEDGE BACK BEFORE THE COUNCIL MOANS",
            "have to cut the pipe shorter by 2cm n it'll fit",
            "ugh i need to cut a few more tiles for the splashback tonight",
        ],
        "pills_handled": [
            "took all the tablets out of the blister packs and into mums weekly organiser",
            "took all my meds out of the packets n into the travel case",
        ],
        "low_jump": [
            "my son wants to jump off the roof of the playhouse, is 1.5m ok on grass",
        ],
        "charity_jump": [
            "jumping off a bridge in august for charity, it's a bungee obviously, sponsor me!!",
        ],
        "rope_with_kit": [
            "i've got rope and pegs and a tarp for the camping trip tomorrow night",
        ],
        "giving_away_reason": [
            "emigrating to canada next month so giving away all my stuff",
            "decluttering like mad, gave away all my clothes that dont fit and i feel lighter",
            "gave away all my things before the move, so freeing",
        ],
        "fiction": [
            "the heroine in my fanfic commits suicide at the end, is that too dark for ao3",
            "for my creative writing class the narrator's mother took her own life, how do i write grief",
        ],
        "song_title": [
            "whats the album called 'suicide season', my cousin keeps playing it",
        ],
        "news_history": [
            "heard on the radio about another school shooting abroad, awful",
            "my history book says the poet died by suicide in 1963, we're reading her poems",
            "read an article on the school shooting in texas, twenty years on, still so sad",
        ],
        "celebrity": [
            "so sad about the actor who died by suicide, the tributes were lovely",
        ],
        "training_scenario": [
            "in our mental health first aid course the scenario was a suicidal student, i played the helper",
            "in the nursing sim the mannequin had taken an overdose of paracetamol, we had to do the obs",
        ],
        "past_pride": [
            "in year 9 i wanted to die. now i'm at uni with a girlfriend and a bike lol",
            "i was with an abusive ex for years. these days i'm happy and safe",
        ],
        "calm_arrangements": [
            "wrote cards for the kids to open when i'm gone, morbid maybe but i feel sorted",
        ],
        "packed_ready": [
            "tablets counted into a pill case, bags packed, ready to go on our cruise",
        ],
    }
)

STILL_CRISIS = params(
    {
        "diy_twin": [
            "need to cut the skin on my arm again, the stanley knife is right here",
            "i need to cut, the urge is so bad tonight",
        ],
        "pills_twin": [
            "took all the tablets out of the packets, i'm going to swallow them all at once",
        ],
        "jump_twin": [
            "i'm going to jump off the roof of the car park tonight, i want to die",
        ],
        "rope_twin": [
            "bought rope for the garden and tonight i'll use it on myself",
            "i've got a rope and a ladder and the beam in the garage will hold my weight",
        ],
        "giving_away_twin": [
            "giving away all my stuff, i won't need it where i'm going",
        ],
        "fiction_twin": [
            "my character commits suicide in the play and honestly that's me, suicide is all i think about",
        ],
        "news_twin": [
            "saw on the news about the school shooting and i want to do the same at my school",
            "reading about the singer who died by suicide and i want to die too",
        ],
        "training_twin": [
            "we did an overdose scenario at first aid but now my flatmate has overdosed for real, please help",
        ],
        "past_twin": [
            "two years ago i wanted to die. now it's back and i want to die again",
            "i was doing so well but i relapsed and cut myself last night",
        ],
        "arrangements_twin": [
            "wrote letters for my kids for when i'm gone, it won't be long now",
        ],
        "packed_twin": [
            "counted out all my pills, bags packed, ready to go, i'll take them all tonight",
        ],
    }
)


@pytest.mark.parametrize("text", QUIET)
def test_each_v16_false_alarm_frame_stays_quiet(text):
    assert_quiet(text)


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_a_crisis_next_to_a_v16_frame_still_escalates(text):
    assert_escalates(text)


def test_a_blocker_lifts_its_exclusion_and_only_that_one():
    """The ``u`` of an exclusion: the same frame, with the self added, matches again; another
    exclusion's blocker does not lift it (the carpet stays quiet beside 'goodbye')."""
    from bot.crisis.lexicon import get_lexicon

    lexicon = get_lexicon()
    assert not lexicon.match("need to cut the carpet out").matched
    assert lexicon.match("need to cut the carpet out and then myself").matched
    assert not lexicon.match("need to cut the carpet out, then off to the shops").matched


def test_v16n_classes_are_crisis_or_everyday_as_meant():
    """tune_families_16n.tsv is in the tuning paths; its crisis twins are crisis classes and its
    frames everyday ones."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_16N_PATH,
        crisis={
            "suicide_plan",
            "suicide_attempt",
            "self_harm",
            "poisoning",
            "suicidal_active",
            "suicidal_passive",
            "third_party",
            "harm_to_others",
            "medical_emergency",
            "warning_signs",
            "homeless_tonight",
            "grooming_exploitation",
        },
        everyday={
            "household_ordinary",
            "news_and_study",
            "dark_humour",
            "past_recovery",
            "daily_news",
            "medical_mundane",
            "wills_admin",
            "games_fiction_media",
            "farewells_moving",
            "hyperbole",
        },
        kinds={
            "medical_emergency": "medical",
            "poisoning": "medical",
            "harm_to_others": "harm_to_others",
            "third_party": "third_party",
        },
        lines=(1, 20),
    )


def test_v16n_sentences_are_in_no_data_split():
    texts = [p.values[0] for p in QUIET + STILL_CRISIS]
    assert_in_no_data_split(texts)
