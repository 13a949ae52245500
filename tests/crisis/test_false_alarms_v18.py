"""The retired v18 set's false-alarm families (the exclusions added with tune_families_18n.tsv,
issues #12 and #16): a risk word inside a FRAME that makes it safe must not raise the lexicon,
and the crisis told in the same words plus present risk must still escalate.

The frames, each lifted by the words that keep a message a crisis (the ``u`` of
data/crisis/exclusions.yml): one's funeral as a prank on the mourners; dying wished for in old
age; sleep "and not wake up" with the time it ends; a risk word quoted and asked about as a word
or a lyric; coursework on the topic (an essay, a theory, a practice question); a public death or
a shooting as news, a mystery or an action film; a poison drunk on stage; one's funeral wishes
written down as paperwork; "feel like dying" on a workout; the past self who wrote the letters;
"done making plans" with a friend who cancels; a named medicine working; an animal running into
the sea. The twins: "never wake up", "tonight", "because i am", "that's me", "for real",
"it won't be long now", "again", "all of them at once", "i want to".

Every sentence here was written for this test (test_v18n_sentences_are_in_no_data_split checks
it), and each quiet one matched the lexicon before its exclusion (so each can fail). Only the
lexicon runs here; the learned tier's side is in tune_families_18n.tsv.
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
        "funeral_prank": [
            "at my funeral i want someone hiding in the coffin to knock three times, just to mess with everyone",
            "AT MY FUNERAL pls play 'staying alive' as they carry me out, one last joke",
        ],
        "old_age_death": [
            "i want to die at 95 in a deckchair with a gin in my hand tbh",
            "hope i die of old age in a house full of dogs and grandkids",
            "i wanna die peacefully in my sleep like my great uncle, not screaming like the people on his ferry lol",
        ],
        "sleep_with_an_end": [
            "after that festival i just want to sleep and not wake up till tuesday",
            "could go to sleep and never wake up until lunch, this jetlag is brutal",
            "wanna fall asleep and not wake up for 12 hours minimum",
        ],
        "word_as_word": [
            'is "overdosed" a real word or should it be "took an overdose"',
            "whats the meaning of 'unalive', my nephew keeps saying it",
            "the lyric 'i wanna die young' is from which song again?",
        ],
        "coursework": [
            "whats the difference between the 4 types of suicide in durkheim, for my soc exam",
            "got to write 1500 words on domestic abuse and the law by monday, send help",
            "exam question: a resident tells the carer she wants to kill herself, what do you do first",
        ],
        "public_news": [
            "that rapper's suicide is everywhere on my feed and the jokes are disgusting",
            "gun control still not fixed after yet another school shooting, how",
            "everyone says the guitarist killed himself but the new documentary says he was murdered",
            "the new action movie is literally just him killing people for 2 hours and i'm obsessed",
        ],
        "stage_poison": [
            "cast as juliet!! i have to drink the poison in act 5 every night and the vial is so tiny",
        ],
        "funeral_paperwork": [
            "want my own funeral wishes in writing so my kids dont have to guess, where do i start",
        ],
        "workout_dying": [
            "i felt like dying on the hill sprints today lol coach is evil",
            "anyone else feel like dying during spin class or is it just me",
        ],
        "past_self": [
            "the boy who wrote a suicide note in year 10 is now a dad of two and coaching football",
        ],
        "plans_cancelled": [
            "she flaked again, the 4th time this month, honestly i'm done making plans",
        ],
        "meds_working": [
            "grandad's new heart pills are working, he's back on his allotment",
            "my hayfever tablets are kicking in thank god",
        ],
        "animal_into_sea": [
            "took the lab to the beach and he ran into the sea after a seagull, soaked",
        ],
    }
)

STILL_CRISIS = params(
    {
        "funeral_twin": [
            "at my funeral i want them to know it was their fault, and it won't be long now",
        ],
        "old_age_twin": [
            "i used to hope i'd die of old age but honestly i want to die tonight",
        ],
        "sleep_twin": [
            "i want to sleep and never wake up",
            "i want to go to sleep and not wake up ever again",
        ],
        "word_twin": [
            "whats the meaning of 'suicidal'? asking because i am suicidal",
        ],
        "coursework_twin": [
            "writing an essay on self harm for my psychology class and it's about me, i cut myself last night",
        ],
        "news_twin": [
            "that singer's suicide makes me want to do the same",
            "my brother said he's going to kill himself tonight, it's not a conspiracy theory",
        ],
        "stage_twin": [
            "i'm going to drink the poison for real tonight, not on stage",
        ],
        "funeral_paperwork_twin": [
            "my own funeral wishes are written down so my kids don't have to guess, it won't be long now",
        ],
        "workout_twin": [
            "i feel like dying every day, not just on the gym days",
        ],
        "past_self_twin": [
            "i wrote a suicide note again tonight",
        ],
        "plans_twin": [
            "i've made a plan to end it",
        ],
        "meds_twin": [
            "i took all of my heart pills at once and they're kicking in",
        ],
        "animal_twin": [
            "i want to walk into the sea and not come back",
        ],
    }
)


@pytest.mark.parametrize("text", QUIET)
def test_each_v18_false_alarm_frame_stays_quiet(text):
    assert_quiet(text)


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_a_crisis_next_to_a_v18_frame_still_escalates(text):
    assert_escalates(text)


def test_v18n_classes_are_crisis_or_everyday_as_meant():
    """tune_families_18n.tsv is in the tuning paths; its crisis twins are crisis classes and its
    frames everyday ones."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_18N_PATH,
        crisis={"suicidal_passive", "warning_signs", "suicidal_active", "poisoning"},
        everyday={
            "daily_news",
            "news_and_study",
            "household_ordinary",
            "medical_mundane",
            "dark_humour",
            "weather_ordinary",
        },
        kinds={
            "trapped_disaster": "disaster",
            "poisoning": "medical",
            "cold_heat_exposure": "disaster",
            "harm_to_others": "harm_to_others",
        },
        lines=(2, 25),
    )


def test_v18n_sentences_are_in_no_data_split():
    assert_in_no_data_split([p.values[0] for p in QUIET + STILL_CRISIS])
