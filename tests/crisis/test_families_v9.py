"""The families the retired v9 set found weakest (the lexicon rules and exclusions added with
tune_families_9.tsv): warning signs with no risk word, self-harm happening now, an overdose or
poisoning just taken, harm to others, a call for help in disguise, nowhere to sleep tonight,
eating-disorder danger and dangerous dares with the body harmed must escalate through the lexicon
alone; their look-alikes (a child-proofed cupboard, a surprise trip, a festival night in the car,
a diet with a doctor, a safe stunt) and v9's false-alarm families (dreams, fiction, study,
proud recovery, funerals planned for someday, farewells with a reason) must not.

Every sentence here was written for this test: none is in the tuning, validation or held-out
data (test_sentences_are_in_no_data_split checks it). Only the lexicon runs here: the learned
tier's families are in tune_families_9.tsv and are measured when the tier is retrained.
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

# --- warning signs with no risk word -----------------------------------------------------------

WARNING_SIGNS = [
    "been picking up paracetamol at different supermarkets so nobody notices how much",
    "hiding my tablets in my pillowcase instead of taking them, nearly enough now",
    "gave my hamster to the girl next door, told her mum i'm moving abroad. i'm not",
    "writing my final diary entry tonight. it was a good run",
    "pls tell my nan i love her if she asks about me",
    "how do i get my tiktok deleted, i want it taken down once i'm gone",
    "my granddad is giving away all his medals and his tools, and he's not ill at all",
    "weirdly calm after the week i've had, i finally know what i have to do.",
]
WARNING_LOOK_ALIKES = [
    "bought calpol at two different shops cos the first one only had one bottle",
    "told my boss i'm moving abroad next year and i really am, portugal here we come",
    "last diary entry of the year, it was a good one, bring on january",
    "tell my nan i love her trifle, best one at the party",
    "can i get my old myspace deleted, it's so embarrassing",
    "my granddad is giving away his tools cos he's moving to a bungalow",
    "calm now that i know what to do about my dissertation",
]

# --- self-harm happening now ------------------------------------------------------------------

SELF_HARM_NOW = [
    "got the blade on my lap rn and i dont trust myself",
    "my pencil sharpener is broken open on the desk",
    "slamming my head into the wall and i cant stop, theres blood",
    "scratched his name into my forearm with a pin",
    "held the curling iron against my thigh on purpose cos i deserve it",
    "the urge won't go away and i've got it all laid out on the floor",
    "ngl i just did it again and it wont stop bleeding",
]
SELF_HARM_LOOK_ALIKES = [
    "changed the blade on my craft knife, the old one was blunt",
    "burned my hand on the kettle, not on purpose obviously, just clumsy",
    "poured boiling water on my hand draining the pasta, ouch",
    "carved our initials into the tree in the park when we were 15 lol",
    "the urge to buy more plants won't go away",
]

# --- an overdose or poisoning just taken ----------------------------------------------------------

POISONING = [
    "my 18 month old might have swallowed a button battery, the remote is open",
    "my little girl drank some of the toilet cleaner, she's crying and drooling",
    "dropped my sleeping tablets on the floor and the toddler has eaten some",
    "is 24 of my sertraline too many, i already took them",
    "drank most of a bottle of gin alone and now i keep passing out",
    "can't wake him, his breathing is gurgling and there's pills everywhere",
    "she took something at the club and now she's not breathing right, lips look blue",
    "cleaning the shower with bleach and ammonia, now i'm coughing and can't breathe",
]
POISONING_LOOK_ALIKES = [
    "my toddler ate a crayon, the green one, lol",
    "my son swallowed his antibiotics no problem today, so proud",
    "put the batteries on the top shelf since the baby started crawling",
    "drank a whole bottle of wine with the girls, hungover today",
    "can't wake my teenager up for school, took him ages to get up",
    "the bleach smell in the bathroom is strong, opened the window",
]

# --- harm to others -----------------------------------------------------------------------------

HARM_TO_OTHERS = [
    "im going round to his flat with a hammer tonight",
    "i'm gonna kill him, not even joking, i've got the knife from the block",
    "i get these urges to push people in front of the bus",
    "i keep imagining hurting my son and it scares me so much",
    "been spiking his coffee with my sleeping pills for weeks",
    "i want to set fire to her house while she's asleep",
    "she cries all night and i'm afraid i'll shake her.",
    "he keeps saying he'll shoot up his old school",
    "my cousin says he's going to throw acid at his ex",
]
HARM_LOOK_ALIKES = [
    "going round to my mums with a cake tonight",
    "went round to his with a bottle of wine and a film",
    "people push onto the train like animals at rush hour",
    "i can't imagine hurting her feelings like that",
    "we set fire to the bonfire in the garden, kids loved it",
    "scared i'll drop the baby, he's so tiny and wriggly",
    "doing a photoshoot at my old school for the reunion",
]

# --- a call for help in disguise; a threat told by the one threatened ------------------------------

COVERT = [
    "if things get bad i'll use loads of emojis",
    "remember our agreement? code orange",
    "the bedroom door is locked from the outside, i can't get out",
    "the driver won't tell me where we're going and he took my phone off me",
    "my sister is being held against her will in a flat in town",
    "two men pulled me into a car outside the shop",
    "im asking for angela, please",
    "he says he'll kill me and the kids if i go to the police",
]
COVERT_LOOK_ALIKES = [
    "my girlfriend won't tell me where we're going for my birthday!!",
    "code red, the coffee machine is broken",
    "the bathroom door sticks, you have to pull it hard",
    "the garage door was locked from the inside, had to go round the back",
    "i'm asking for the manager, this is ridiculous",
]

# --- nowhere to sleep tonight -------------------------------------------------------------------

HOMELESS = [
    "sleeping rough again tonight, someone stole my bag",
    "i'm spending the night in a shop doorway in town",
    "got evicted this morning and have literally nowhere",
    "my foster placement ended and i've nowhere to sleep",
    "left him with nothing, no money for a hotel",
    "riding the night buses to stay warm",
]
HOMELESS_LOOK_ALIKES = [
    "sleeping at the airport before our 6am flight, got a pillow",
    "we're sleeping out for charity on friday, the big sleep out",
    "got locked out, waiting for my flatmate, he's back at 10",
    "my landlord is selling so we're moving in march",
]

# --- eating-disorder danger; dangerous dares with the body harmed --------------------------------

BODY = [
    "havent eaten in 5 days and i nearly fainted on the bus",
    "purging every night and my heart keeps skipping",
    "i'm down to 36 kg and my chest hurts",
    "fainted in the shower again, still restricting",
    "did the benadryl challenge and now my heart is racing",
    "they dared me to hold my breath in the canal and now i can't stop coughing",
    "lying on the railway tracks for a dare, train comes at 8",
    "we're playing chicken with my brother's car on the back road",
]
BODY_LOOK_ALIKES = [
    "haven't eaten since breakfast, starving, making pasta",
    "calorie counting with my dietitian, down 2 kilos",
    "fainted at the sight of my own blood at the dentist lol",
    "did the ice bucket challenge for charity, it was freezing",
    "watched a video about the railway tracks near us, so many trains",
    "played chicken in the playground when we were kids lol",
]

# --- the v9 false alarms: narrow exclusions -----------------------------------------------------

EVERYDAY = [
    "had the weirdest nightmare that i died at my own birthday party",
    "in the dream i was falling off a bridge and then woke up on the floor",
    "that film where he throws himself off the dam, the ending ruined me",
    "in my short story the old king poisons himself, is that too grim",
    "english homework: why does the character in the play kill himself",
    "my research on how teens talk about self-harm online got funded",
    "explain the link between self harm and suicide for my nursing exam",
    "4 years clean from self harm today, cake time",
    "i stopped self harming 6 years ago and now i'm a youth worker",
    "it's been 1000 days since i last hurt myself, cant believe it",
    "walked into the wrong meeting and wanted to die on the spot",
    "picked a wicker coffin for my own funeral plans someday, very eco",
    "saying goodbye to the old flat one last time before we move to bristol",
]

# --- one test each way for every family above -----------------------------------------------------

ESCALATE = params(
    {
        "warning_signs": WARNING_SIGNS,
        "self_harm_now": SELF_HARM_NOW,
        "poisoning": POISONING,
        "harm_to_others": HARM_TO_OTHERS,
        "covert": COVERT,
        "homeless": HOMELESS,
        "body": BODY,
    }
)
QUIET = params(
    {
        "warning_look_alike": WARNING_LOOK_ALIKES,
        "self_harm_look_alike": SELF_HARM_LOOK_ALIKES,
        "poisoning_look_alike": POISONING_LOOK_ALIKES,
        "harm_look_alike": HARM_LOOK_ALIKES,
        "covert_look_alike": COVERT_LOOK_ALIKES,
        "homeless_look_alike": HOMELESS_LOOK_ALIKES,
        "body_look_alike": BODY_LOOK_ALIKES,
        "v9_false_alarm": EVERYDAY,
    }
)


@pytest.mark.parametrize("text", ESCALATE)
def test_each_v9_family_escalates_through_the_lexicon(text):
    assert_escalates(text)


@pytest.mark.parametrize("text", QUIET)
def test_each_v9_familys_look_alikes_stay_quiet(text):
    assert_quiet(text)


# --- the data and the wiring -----------------------------------------------------------------


def test_v9_classes_are_crisis_or_everyday_as_meant():
    """tune_families_9.tsv is in the tuning paths; its new crisis class (poisoning) has the
    medical guidance; its new hard-negative class is everyday; each family has 15 to 30 lines."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_9_PATH,
        crisis={
            "covert_signal",
            "dangerous_challenge",
            "warning_signs",
            "eating_disorder_risk",
            "harm_to_others",
            "homeless_tonight",
            "poisoning",
            "self_harm",
        },
        everyday={
            "household_ordinary",
            "wills_admin",
            "dark_humour",
            "dreams_ordinary",
            "past_recovery",
            "news_and_study",
            "medical_mundane",
            "farewells_moving",
            "games_fiction_media",
        },
        kinds={"poisoning": "medical", "covert_signal": "danger"},
        lines=(15, 30),
    )


def test_v9_sentences_are_in_no_data_split():
    assert_in_no_data_split(
        WARNING_SIGNS
        + WARNING_LOOK_ALIKES
        + SELF_HARM_NOW
        + SELF_HARM_LOOK_ALIKES
        + POISONING
        + POISONING_LOOK_ALIKES
        + HARM_TO_OTHERS
        + HARM_LOOK_ALIKES
        + COVERT
        + COVERT_LOOK_ALIKES
        + HOMELESS
        + HOMELESS_LOOK_ALIKES
        + BODY
        + BODY_LOOK_ALIKES
        + EVERYDAY
    )
