"""The families the retired v12 set found weak (the lexicon rules and exclusions added with
tune_families_12.tsv): a plan told by its means, place and time without a risk word, warning
signs told by affairs put in order, euphemisms with a near end, passive ideation told as a wish
for an accident or an end, calls for help in disguise, stalking told by what the stalker does,
threats over a debt, self-harm told without "myself" and dangerous dares must escalate through
the lexicon alone; their look-alikes and v12's false-alarm families (proud past recovery told
in the old words, bedtime and moving farewells, study and training, dreams of dying told as
dreams, a parent's no to going out) must not.

Every sentence here was written for this test: none is in the tuning, validation or held-out
data (test_v12_sentences_are_in_no_data_split checks it). Only the lexicon runs here: the
learned tier's families are in tune_families_12.tsv and are measured when the tier is retrained.
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

# --- a plan told by means, place and time -----------------------------------------------------

PLAN = [
    "told myself i'd hold on till after christmas and then go through with it",
    "mum's on nights on thursday, that's when i'll do it. i've worked it all out",
    "sat in the car at the viaduct working up the nerve",
    "looked up how tall the car park is near uni. its tall enough",
    "would 40 of my sertraline be enough or do i need more",
    "if you jump off the 8th floor would you die straight away",
    "been practising tying a noose in my room",
    "know the code for the gun safe now. hes away all weekend",
    "i dont want my kids to be the ones who find me",
    "i'll do it at the hotel so my mum doesn't have to find me",
    "booked a room at a travelodge so my family don't have to be the ones to find me",
]
PLAN_LOOK_ALIKES = [
    "waiting till payday then going through with the sofa order",
    "at the climbing wall working up the courage to try the overhang",
    "is one paracetamol enough for a headache",
    "is 20 ibuprofen enough for the week away",
    "practising tying knots for sailing club",
    "got the key to the gun cabinet for the clay shoot saturday",
    "hiding in the wardrobe so my sister won't find me, hide and seek champion",
]

# --- warning signs: affairs put in order ----------------------------------------------------

AFFAIRS = [
    "gave my bike and my games to my cousin, i won't be needing them",
    "she asked why and i said i wont need my stuff where im going",
    "closed my bank account and cancelled the phone contract. tying up loose ends",
    "ive already said my goodbyes. dont worry",
    "if something happens to me the note is under my pillow",
    "whoever finds me will know what to do, the numbers are on the table",
    "thank you for everything, i won't need this chat after today",
    "my friend sent a goodbye text to all of us but she isnt leaving uni or anything and now shes not answering",
    "nan's stopped taking her heart pills and she gave me her rings last week",
]
AFFAIRS_LOOK_ALIKES = [
    "gave my old phone to my sister, won't be needing it now i've got the new one",
    "said my goodbyes at the leaving do, flight's at 6",
    "went to the leaving do and said my goodbyes.",
    "if anything happens to me on the trip the will is with the solicitor",
]

# --- euphemisms with a near end, passive ideation --------------------------------------------

EUPHEMISM = [
    "doesnt matter what happens in june, i wont be around to see it",
    "dont worry, you'll all be rid of me soon",
    "this christmas is my last one, i've decided",
    "just want a long sleep that nobody wakes up from",
    "going to have a long nap. the sort you don't wake up from",
    "after tonight i wont be anyones problem",
    "i wont be a burden to anyone for much longer",
    "not long now, i won't have to feel anything",
    "with all the debt the only way out is if i wasn't here",
    "my kids would be better off with the insurance payout than with me",
    "lying here thinking how easy it would be to just let go",
    "flying to berlin for work tomorrow and honestly hoping the plane goes down",
    "i'd honestly be ok if a bus didnt stop for me",
    "i've told god i'm ready for him to take me",
    "want to sleep for a month or forever tbh",
    "just wish i could be erased from everything",
    "it wouldnt be the worst thing if i didnt wake up",
    "im just too tired to keep living",
    "my daughter asked me why she should bother being alive",
]
EUPHEMISM_LOOK_ALIKES = [
    "i won't be around to see it, i'm in spain when the results come out",
    "you'll all be rid of me soon, moving to leeds in august haha",
    "this is my last summer before uni so making the most of it",
    "this is my last one, promise, then bed",
    "does life insurance pay off the mortgage if one of us dies",
    "hope the plane doesnt crash lol, first time flying",
    "could honestly sleep for a whole week after this deadline lol",
    "it wouldn't be the worst thing if i didn't go to the party",
    "too tired to cook tonight, ordering pizza",
    "we're going to disappear for a week to cornwall",
]

# --- calls for help in disguise ---------------------------------------------------------------

COVERT = [
    "sorry if this is weird. he is reading my screen. not safe",
    "hes right next to me. reply normally pls",
    "just keep it normal, he is right behind me",
    "ask if im ok, ill say fine. it means the opposite",
    "booking a vet visit for my dog. the dog is me. i can't leave the flat",
    "ive been doing the signal for help on video calls and nobody notices",
    "we agreed ages ago that the word marmalade means she's in trouble with him",
    "his rules are no phone after 9 and no friends round",
    "how do i cover a black eye? walked into a door. he'll be home soon",
    "my husband can never find out i told anyone",
]
COVERT_LOOK_ALIKES = [
    "my bf is reading this over my shoulder lol hi babe",
    "my boyfriend is reading this.",
    "we learned the signal for help in pshe today",
    "that means i'm in trouble with my teacher lol",
    "that means i'm in trouble with my mum lol",
    "my mum's rules are no phone at dinner",
    "walked into a door again lol so clumsy",
]

# --- stalking told by what the stalker does ---------------------------------------------------

STALKING = [
    "someone has been trying my front door at night, three nights running",
    "my ex has been parked outside my house every night this week",
    "theres a restraining order but he turned up at my work again",
    "some guy posted my home address online after the argument",
    "hes set up fake accounts in my name messaging my friends",
    "she keeps phoning my work pretending to be my sister to get my rota",
    "my stalker got out last week and now theres a new follow request",
    "my daughter keeps getting followed home from the bus stop by the same man",
]
STALKING_LOOK_ALIKES = [
    "my dog keeps trying the back door to get out",
    "the ice cream van is outside my house every day",
    "my cat is my little stalker lol",
    "my stalker is in prison now and i finally feel safe",
    "my stalker was locked up years ago, life is good",
]

# --- threats over a debt ------------------------------------------------------------------------

DEBT = [
    "i borrowed 500 off a guy from the gym and now hes threatening my kids",
    "owe him for the weed and he turned up at my work yesterday with his mates",
    "i owe them and they said theyll find me",
    "the man who lent me money has got violent",
    "got sent a photo of a machete with the words pay up",
    "they keep texting me what they'll do to me with a baseball bat",
    "if i tell the police hell find me",
    "my brother owes money to some dangerous people and hes hiding at ours",
    "hes been sending me photos of my son at the school gates",
]
DEBT_LOOK_ALIKES = [
    "the bank threatened me with court over the overdraft",
    "i owe my mum a fiver, she's threatening to ground me",
]

# --- self-harm told without "myself" ----------------------------------------------------------

SELF_HARM = [
    "cut again last night and went deeper than i meant to",
    "theres a blade in my phone case, just in case",
    "snapped a pencil sharpener open for the blade",
    "i deserve every one of my scars",
    "when i mess up i scratch my arms till they bleed",
    "punching the wall again to calm down, my knuckles are split",
    "should i get stitches? i don't want the nurse to know i did it on purpose",
    "my mate's arms are covered in cuts, some look new",
]
SELF_HARM_LOOK_ALIKES = [
    "the splinter went deeper than i thought",
    "biting my nails till they bleed before exams",
    "my arms are covered in scratches from the brambles",
]

# --- dangerous dares ----------------------------------------------------------------------------

DARES = [
    "caught my son chroming with a can of spray paint",
    "my mate is going to drive blindfolded down the lane for a tiktok",
    "lads are playing chicken on the dual carriageway",
    "were gonna jump across the rooftops tonight",
    "climbed the pylon for a pic and now im stuck",
    "theyre jumping off the harbour wall for a dare and the tide is going out",
    "did the fire challenge and my arm is badly burnt",
    "doing the salt and ice challenge and my skin has blistered",
]
DARES_LOOK_ALIKES = [
    "what is chroming, it was on the news",
    "did the ice bucket challenge for charity, freezing lol",
]

# --- v12's false-alarm families -----------------------------------------------------------------

FALSE_ALARM_FAMILIES = [
    "18 months self-harm free as of this morning",
    "five years since my attempt and i've just qualified as a nurse",
    "i was suicidal for most of my twenties, now i run a peer group",
    "got away from a violent boyfriend 4 years ago and i've just bought my own flat",
    "years ago i stood on the edge of a car park roof and a security guard talked me down",
    "my mum attempted when i was little, she's been well for years now",
    "the urges to self harm haven't come back in months",
    "i'm miles away from the lad who used to cut himself in his room",
    "did an assembly about my journey, including the time i was self-harming",
    "last message tonight, going to bed, night all",
    "last message for tonight, off to bed. night x",
    "my mum won't let me go out on a school night",
    "our pshe lesson on self-harm was actually good",
    "is the double suicide in the play avoidable",
    "scalded my hand on the kettle again",
    "dreamed that i died and was a ghost in my school, so random",
    "what does dreaming of death mean",
]

# A real crisis next to one of these exclusions keeps its crisis.
STILL_CRISIS = [
    "two years since my attempt and i want to die again tonight",
    "i was self harming all through school and i started cutting again last night",
    "i pick my scabs until they bleed on purpose",
]

ESCALATE = params(
    {
        "plan": PLAN,
        "affairs": AFFAIRS,
        "euphemism": EUPHEMISM,
        "covert": COVERT,
        "stalking": STALKING,
        "debt": DEBT,
        "self_harm": SELF_HARM,
        "dares": DARES,
    }
)
QUIET = params(
    {
        "plan_look_alike": PLAN_LOOK_ALIKES,
        "affairs_look_alike": AFFAIRS_LOOK_ALIKES,
        "euphemism_look_alike": EUPHEMISM_LOOK_ALIKES,
        "covert_look_alike": COVERT_LOOK_ALIKES,
        "stalking_look_alike": STALKING_LOOK_ALIKES,
        "debt_look_alike": DEBT_LOOK_ALIKES,
        "self_harm_look_alike": SELF_HARM_LOOK_ALIKES,
        "dares_look_alike": DARES_LOOK_ALIKES,
        "false_alarm_family": FALSE_ALARM_FAMILIES,
    }
)


@pytest.mark.parametrize("text", ESCALATE)
def test_each_v12_family_escalates_through_the_lexicon(text):
    assert_escalates(text)


@pytest.mark.parametrize("text", QUIET)
def test_each_v12_familys_look_alikes_stay_quiet(text):
    assert_quiet(text)


@pytest.mark.parametrize("text", STILL_CRISIS)
def test_a_crisis_next_to_a_v12_exclusion_still_escalates(text):
    assert_escalates(text)


def test_v12_classes_are_crisis_or_everyday_as_meant():
    """tune_families_12.tsv is in the tuning paths; its crisis classes are crisis (a covert call
    keeps the danger guidance); its hard-negative classes are everyday; each family has 12 to
    20 lines."""
    assert_tune_file_wired(
        learned.TUNE_FAMILIES_12_PATH,
        crisis={
            "suicide_plan",
            "warning_signs",
            "euphemism",
            "covert_signal",
            "personal_danger",
            "debt_threats",
            "self_harm",
            "dangerous_challenge",
        },
        everyday={
            "past_recovery",
            "farewells_moving",
            "news_and_study",
            "dark_humour",
            "dreams_ordinary",
            "relationships_ordinary",
        },
        kinds={"covert_signal": "danger"},
        lines=(12, 20),
    )


def test_v12_sentences_are_in_no_data_split():
    assert_in_no_data_split(
        PLAN
        + PLAN_LOOK_ALIKES
        + AFFAIRS
        + AFFAIRS_LOOK_ALIKES
        + EUPHEMISM
        + EUPHEMISM_LOOK_ALIKES
        + COVERT
        + COVERT_LOOK_ALIKES
        + STALKING
        + STALKING_LOOK_ALIKES
        + DEBT
        + DEBT_LOOK_ALIKES
        + SELF_HARM
        + SELF_HARM_LOOK_ALIKES
        + DARES
        + DARES_LOOK_ALIKES
        + FALSE_ALARM_FAMILIES
        + STILL_CRISIS
    )
