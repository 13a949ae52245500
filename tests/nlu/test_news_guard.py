"""NewsQuestionGuard on its own (no training): a question or request is never answered as news,
and news told with a question word somewhere in it is left alone."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY

from bot.nlu.news_guard import (
    annoyed,
    asks,
    asks_about_the_bot,
    feels_low,
    good_news_framing,
    grumbles,
    strained,
    tells_hurt,
    tells_lonely,
    tells_loss,
    tells_news,
    told_trouble,
    turned_on_self,
    undecided,
)
from tests.support.news_guard import guarded

RANKING = [
    {"name": "share_news", "confidence": 0.9},
    {"name": "out_of_scope", "confidence": 0.06},
    {"name": "mood_great", "confidence": 0.03},
    {"name": "mood_low", "confidence": 0.01},
]


def run(text, ranking=RANKING):
    return guarded(text, ranking)


@pytest.mark.parametrize(
    "text",
    [
        "how do i fix a puncture on my bike",
        "whats the best food for a kitten",
        "what's on telly tonight",
        "can u book me a table at nandos",
        "recommend a podcast pls",
        "is the m25 busy",
        "any tips for a first half marathon",
        "where can i watch the match",
        "who won the darts",
        "should i bring wine or pudding to the bbq",
        "tell me a good pasta recipe",
        "best brunch spots in leeds?",
    ],
)
def test_questions_and_requests_are_not_news(text):
    assert asks(text)
    out = run(text)
    assert out.get(INTENT)["name"] == "out_of_scope"
    names = [r["name"] for r in out.get(INTENT_RANKING_KEY)]
    assert names == ["out_of_scope", "mood_low", "share_news", "mood_great"]


@pytest.mark.parametrize(
    "text",
    [
        "guess what? i got the job!!",
        "what a day, got the promotion",
        "when i got home the kids had made me a card",
        "who knew cooking could be this fun",
        "did my homework then played on my phone",
        "made me a cuppa and sat in the garden",
        "so excited about my new kettle lol, is that weird",
        "tired but good day",
        "booked a haircut for friday",
        "do yoga every morning now",
        "how lovely was that sunset tonight",
    ],
)
def test_news_with_a_question_word_in_it_stays_news(text):
    assert not asks(text)
    assert run(text).get(INTENT)["name"] == "share_news"


def test_other_intents_are_never_touched():
    ranking = [
        {"name": "out_of_scope", "confidence": 0.7},
        {"name": "share_news", "confidence": 0.3},
    ]
    out = run("how do i make pancakes", ranking)
    assert out.get(INTENT) == ranking[0] and out.get(INTENT_RANKING_KEY) == ranking


def test_a_ranking_with_only_news_intents_is_left_as_it_is():
    ranking = [{"name": "share_news", "confidence": 0.8}, {"name": "mood_great", "confidence": 0.2}]
    out = run("what's the best thing that happened today?", ranking)
    assert out.get(INTENT)["name"] == "share_news"


@pytest.mark.parametrize("text", ["", "   ", "?", "🙂", "/share_news", "x" * 5000])
def test_odd_input_is_safe(text):
    out = run(text)
    assert out.get(INTENT)["name"] in {"share_news", "out_of_scope"}


@pytest.mark.parametrize(
    "text",
    [
        "my mum's scan showed the cancer is back",
        "our old dog had to be put down this morning",
        "grandad passed away on sunday",
        "got made redundant today",
        "he dumped me by text lol",
    ],
)
def test_a_named_loss_is_never_news(text):
    assert run(text).get(INTENT)["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "fired up the bbq for the first time this year",
        "put down new flooring in the hall",
        "bit nervous before the recital but it went fine",
        "crashed on the sofa after a lovely long walk",
    ],
)
def test_everyday_words_near_a_loss_stay_news(text):
    assert run(text).get(INTENT)["name"] == "share_news"


# "Died" and "dead" where nobody died (retired sealed v4 had "laptop died ... autosave saved
# me" and a plant "i thought was dead" read as a loss): things, tired limbs, "dead" for "very",
# laughing, school breaking up for the holidays. Written for these tests; none is in the data.
@pytest.mark.parametrize(
    "text",
    [
        "phone died halfway round the walk so i just enjoyed the view",
        "the wifi's been dead all evening so we played cards, good fun",
        "car battery was totally dead but the aa came in 20 mins",
        "my laptop just died but everything was backed up phew",
        "thought my cactus was dead but its got a flower on it!!",
        "the lavender i thought had died is coming back",
        "legs r dead after spin class lol",
        "my arms are literally dead from kayaking",
        "dead chuffed with my new haircut",
        "came dead last in the egg and spoon race 😂",
        "nearly died laughing at the dog chasing its tail",
        "kids broke up for half term today, bring on the lie-ins",
    ],
)
def test_things_that_die_and_dead_tired_limbs_stay_news(text):
    assert not tells_loss(text)
    assert run(text).get(INTENT)["name"] == "share_news"


# The same words where someone did die or something did end: the exclusions above never hide a
# loss named beside them, and a pet or a person is never "a thing".
@pytest.mark.parametrize(
    "text",
    [
        "my phone died and then i got the call that grandad had died",
        "our cat died last night",
        "found my hamster dead this morning",
        "thought he was dead when they pulled him out of the water",
        "my best friend's dad is dead",
        "me and my gf broke up for good",
        "he dumped me the day before the holidays",
        "my dad died laughing at his own joke and then really died a year later",
    ],
)
def test_a_loss_beside_the_same_words_is_still_a_loss(text):
    assert tells_loss(text)
    assert run(text).get(INTENT)["name"] == "out_of_scope"


# Hurts told online: cut off, shut out, left on read, sarcastic thanks (the classifier can take
# "deleted me" for delete_data and "thanks" for thank, or the whole thing for news).
@pytest.mark.parametrize(
    "text",
    [
        "my sister deleted me off insta after the wedding",
        "my oldest mate blocked my number, no idea why",
        "got removed from the family group chat",
        "he unfollowed me the day after we went out",
        "left on read by all of them again",
        "my ex wiped all our photos off her profile",
        "cheers for nothing mum, you told everyone",
    ],
)
def test_a_hurt_told_online_is_never_news(text):
    assert tells_hurt(text)
    assert run(text).get(INTENT)["name"] == "out_of_scope"


# Time alone told as a hurt, with the words of time alone as a pleasure ("on my own", "quiet"):
# never news. And time alone as a pleasure, or a lonely word mended by the end, stays news.
@pytest.mark.parametrize(
    "text",
    [
        "had my tea on my own again, nobody even remembered it was my birthday",
        "house is silent since the divorce and i have no one to talk to",
        "went to the park by myself, i feel so invisible lately",
        "got no mates left since i moved, weekends are just me",
        "i'm so lonely in this new flat",
    ],
)
def test_being_alone_when_it_hurts_is_never_news(text):
    assert tells_lonely(text)
    assert run(text).get(INTENT)["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "whole day on my own with a book and no one needing me, bliss",
        "nobody home so i blasted abba and cleaned the kitchen",
        "felt a bit lonely when i first moved but now i love it here",
        "first night alone in the new place and it was lovely",
        "no one at the pool this morning, had the lane to myself",
    ],
)
def test_time_alone_as_a_pleasure_stays_news(text):
    assert not tells_lonely(text)
    assert run(text).get(INTENT)["name"] == "share_news"


# The same hurts read as a deletion request or as thanks: the next guess leads, unless the
# message also asks the bot to delete something (a real request is never lost).
@pytest.mark.parametrize("guess", ["delete_data", "thank"])
@pytest.mark.parametrize(
    "text",
    [
        "my best friend deleted all our chats and wont speak to me",
        "got kicked out of the uni group chat for no reason",
        "my bf erased me from his stories like i was never there",
        "thanks for nothing dad, you didnt even come",
        "my sister cut me out of the wedding plans",
    ],
)
def test_a_hurt_is_not_a_deletion_request_or_thanks(text, guess):
    ranking = [
        {"name": guess, "confidence": 0.7},
        {"name": "share_news", "confidence": 0.15},
        {"name": "vent", "confidence": 0.1},
        {"name": "loneliness", "confidence": 0.05},
    ]
    out = run(text, ranking)
    assert out.get(INTENT)["name"] == "vent"
    assert [r["name"] for r in out.get(INTENT_RANKING_KEY)][:2] == ["vent", "loneliness"]


@pytest.mark.parametrize(
    "text",
    [
        "my ex blocked me everywhere so please delete this chat too",
        "he ghosted me. can you wipe what i told you about him",
        "erase my data, my sister unfollowed me and i dont want any of it kept",
    ],
)
def test_a_deletion_request_beside_a_hurt_is_kept(text):
    ranking = [{"name": "delete_data", "confidence": 0.8}, {"name": "vent", "confidence": 0.2}]
    assert tells_hurt(text)
    assert run(text, ranking).get(INTENT)["name"] == "delete_data"


@pytest.mark.parametrize(
    "text", ["thanks so much, that helped", "delete my messages pls", "cheers for listening"]
)
def test_thanks_and_requests_with_no_hurt_are_left_alone(text):
    ranking = [{"name": "thank", "confidence": 0.8}, {"name": "vent", "confidence": 0.2}]
    assert run(text, ranking).get(INTENT)["name"] == "thank"


@pytest.mark.parametrize(
    "text",
    [
        "deleted all the blurry photos off my phone, so much space now",
        "blocked the spam caller and had a peaceful evening",
        "the baby kicked me all night, not long now!!",
        "thanks a lot for listening earlier, i'm feeling better",
        "my sister sent loads of photos of us at the wedding",
        "we took down the photos of the old house and put up new ones",
    ],
)
def test_the_same_online_words_in_good_news_stay_news(text):
    assert not tells_hurt(text)
    assert run(text).get(INTENT)["name"] == "share_news"


# A hurt between people, told with the same people, meals and parties that good news has (issue
# 16's family misread as news: "my sister ... at dinner"). Written for these tests, typed the way
# people type; none is in the training data or a held-out set.
@pytest.mark.parametrize(
    "text",
    [
        "my brother made a really hurtful comment at the bbq",
        "had a massive row with my mum about uni",
        "me n my bf had a fight last nite",
        "my best mate let me down again, didnt even show",
        "my flatmate snapped at me over the bins",
        "my dad shouted at me in front of my friends",
        "nan was so rude to me at sunday lunch",
        "my cousin made fun of me at the wedding",
        "found out my sister's been talking about me behind my back",
        "my boss blamed me for the whole thing in the meeting",
        "fell out with my oldest friend over something stupid",
        "argued with my partner the whole drive home",
        "my in-laws ignored me all christmas",
        "still fuming about what my aunt said",
        "my mum criticised me in front of everyone",
    ],
)
def test_a_hurt_between_people_is_never_news(text):
    assert tells_hurt(text)
    out = run(text)
    assert out.get(INTENT)["name"] == "out_of_scope"
    assert [r["name"] for r in out.get(INTENT_RANKING_KEY)][-2:] == ["share_news", "mood_great"]


@pytest.mark.parametrize(
    "text",
    [
        # mended by the end
        "had a small argument with my mum but we made up",
        "me and my sister had a row then laughed about it over pizza",
        "my dad snapped at me this morning but he said sorry and we're all good",
        # fights and rows that are fun or furniture, and the same words in good news
        "massive pillow fight with the kids before bed",
        "got seats in the front row with my mates at the gig",
        "won five games in a row at pool",
        "my sister came round for dinner, we laughed all night",
        "the baby laughed at me pulling faces lol",
        "they put me down for the 10k in may",
        "can't stop thinking about how good that cake was",
        "my mum rang for a proper catch up",
    ],
)
def test_mended_hurts_and_the_same_words_in_good_news_stay_news(text):
    assert not tells_hurt(text)
    assert run(text).get(INTENT)["name"] == "share_news"


@pytest.mark.parametrize(
    "text",
    [
        "thinking of dropping my course but dunno",
        "might move back home, not sure tho",
        "cant decide between the two flats",
        "in two minds about going back to work",
        "torn between my ex and the new guy",
        "not sure whether to take the promotion",
    ],
)
def test_a_choice_still_open_is_not_news(text):
    assert undecided(text)
    assert run(text).get(INTENT)["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "not sure why but i'm buzzing today",
        "thinking of repainting the spare room this weekend",
        "decided to take the job!!",
        "new cafe was great, not sure about the cake tho but the coffee 👌",
    ],
)
def test_plans_and_good_moods_with_an_unsure_word_stay_news(text):
    assert not undecided(text)
    assert run(text).get(INTENT)["name"] == "share_news"


# A worry that ended well (retired sealed v5: "the biopsy came back benign" and "the redundancy
# rumours were wrong" were demoted as a loss): a feared thing told with its good outcome is news.
# Written for these tests; none is in the data.
@pytest.mark.parametrize(
    "text",
    [
        "biopsy came back benign, going for a pint to celebrate",
        "the lump was only a cyst!! so relieved",
        "my mums cancer check came back clear 🙏",
        "they said it's not cancer, just an infection",
        "got the all clear from the consultant today",
        "the redundancy rumours were rubbish, everyone's job is safe",
        "grandad finished chemo and rang the bell, we all cried happy tears",
        "my aunt is cancer free five years now",
        "dad's tumour scan shows no sign of it coming back",
        "we're not being evicted after all, landlord changed his mind",
    ],
)
def test_a_worry_that_ended_well_stays_news(text):
    assert not tells_loss(text)
    assert run(text).get(INTENT)["name"] == "share_news"


# The other side: the same words while the outcome is still to come, negated or only hoped for,
# and a death or an ending, which no good outcome undoes.
@pytest.mark.parametrize(
    "text",
    [
        "the biopsy didnt come back clear, they want to operate",
        "praying the scan comes back clear, they found a lump",
        "waiting to hear if the lump is benign",
        "hoping its nothing serious but they've mentioned cancer",
        "the scan came back clear but our dog died on the same day",
        "got made redundant, the rumours were right",
        "the lump was not benign",
        "mum's cancer is back, the last scan was not clear",
    ],
)
def test_a_worry_not_yet_over_or_a_death_is_still_a_loss(text):
    assert tells_loss(text)
    assert run(text).get(INTENT)["name"] == "out_of_scope"


# Death slang told laughing (v5's dark hyperbole: "im DEAD 😂" was demoted as a loss); a real
# death told with a laugh in it stays a loss.
@pytest.mark.parametrize(
    "text",
    [
        "im dead 😂 my dad tried to dab at the wedding",
        "i literally died lol, the teacher called me mum",
        "im deceased 💀 the cat fell in the bath",
        "literally dying 🤣 my nan discovered autocorrect",
        "nearly died of shock when i got the job",
    ],
)
def test_death_slang_told_laughing_stays_news(text):
    assert not tells_loss(text)
    assert run(text).get(INTENT)["name"] == "share_news"


@pytest.mark.parametrize(
    "text",
    [
        "lol my grandad died this morning",
        "im dead inside 😂 my hamster died",
        "our dog died, i'm dying inside lol",
    ],
)
def test_a_death_told_with_a_laugh_is_still_a_loss(text):
    assert tells_loss(text)


# A dispute that is over, told with no "but" (v5: "the big argument with my landlord is
# settled" was demoted as a hurt); one still open is a hurt.
@pytest.mark.parametrize(
    "text",
    [
        "the row with the neighbours over the fence is all settled now",
        "massive argument with my brother about the will, finally resolved",
    ],
)
def test_a_dispute_that_is_settled_stays_news(text):
    assert not tells_hurt(text)
    assert run(text).get(INTENT)["name"] == "share_news"


@pytest.mark.parametrize(
    "text",
    [
        "had a row with my dad and nothing is settled yet",
        "argument with my sister about mum's care, still not resolved",
    ],
)
def test_a_dispute_still_open_is_a_hurt(text):
    assert tells_hurt(text)


# Out of scope is for requests. News told in the teller's voice that out_of_scope claimed (v1-v5:
# "we played dungeons and dragons all evening", "booked a haircut for friday") goes to the news
# guess when that is the next one; requests on the same topics, and anything whose next guess is
# not news, keep out_of_scope.
OUT_OF_SCOPE_FIRST = [
    {"name": "out_of_scope", "confidence": 0.7},
    {"name": "share_news", "confidence": 0.2},
    {"name": "loneliness", "confidence": 0.06},
    {"name": "mood_low", "confidence": 0.04},
]


@pytest.mark.parametrize(
    "text",
    [
        "we did a pub quiz and came second",
        "booked a table at the new tapas place for my birthday",
        "my lad scored two goals on saturday",
        "did my first 10k, 58 mins",
        "me n the boys watched the match at the pub, we won",
        "pasta bake for tea, i made enough for three days",
        "finally fixed the squeaky door",
    ],
)
def test_news_told_is_not_out_of_scope(text):
    assert tells_news(text)
    out = run(text, OUT_OF_SCOPE_FIRST)
    assert out.get(INTENT)["name"] == "share_news"
    assert [r["name"] for r in out.get(INTENT_RANKING_KEY)][-1] == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "book a table for 2 at 7",
        "fix my laptop",
        "i need a cheap flight to dublin",
        "i want a pasta bake recipe",
        "did arsenal win",
        "send a text to my mum for me",
        "put the radio on",
        "my laptop keeps crashing, how do i fix it",
        "cheap hotels in york",
        "we need a plumber tonight pls",
    ],
)
def test_requests_stay_out_of_scope(text):
    assert not tells_news(text)
    assert run(text, OUT_OF_SCOPE_FIRST).get(INTENT)["name"] == "out_of_scope"


def test_out_of_scope_gives_way_for_told_news_whatever_the_next_guess():
    """Session 19: told news is no request whatever comes second (a theme second is weak beside
    out_of_scope first, and the FallbackClassifier turns it into "not sure"); a request keeps
    out_of_scope however the ranking runs."""
    ranking = [OUT_OF_SCOPE_FIRST[0], OUT_OF_SCOPE_FIRST[2], OUT_OF_SCOPE_FIRST[1]]
    assert run("we did a pub quiz and came second", ranking).get(INTENT)["name"] == "vent"
    assert run("fix my laptop", ranking).get(INTENT)["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    ["my dog died on saturday", "had a huge row with my dad", "i've got no one to talk to"],
)
def test_a_loss_a_hurt_or_loneliness_is_not_turned_into_news(text):
    assert run(text, OUT_OF_SCOPE_FIRST).get(INTENT)["name"] == "out_of_scope"


# Turned on oneself beside the places good news has ("the gym", "the party"): never news.
@pytest.mark.parametrize(
    "text",
    [
        "went swimming and everyone looked better than me, i hate my body",
        "party was fine i guess but im so useless at talking to people",
        "saw the photos from the wedding, i hate the way i look",
    ],
)
def test_turning_on_oneself_is_never_news(text):
    assert turned_on_self(text)
    assert run(text).get(INTENT)["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "i used to hate my body but the gym has changed how i see it",
        "finally love my curly hair",
        "i hate mondays but this one was alright",
    ],
)
def test_kind_words_about_oneself_stay_news(text):
    assert not turned_on_self(text)


@pytest.mark.parametrize(
    "text",
    [
        "my wife never helps with the kids and honestly im so fed up",
        "flatmate left the bins again, i've had enough",
        "cant find the dogs lead and we're already late, im panicking",
        "work keeps piling it on and im at breaking point tbh",
        "the landlord still hasn't fixed the heating, i cant take it anymore",
        "spilt coffee all over my notes and just sat and cried, it's all too much",
    ],
)
def test_strain_now_is_never_news(text):
    """A grievance or a panic said with its weight (fed up, had enough, panicking) is not news,
    however everyday its topic."""
    assert strained(text) and told_trouble(text)
    out = run(text)
    assert out.get(INTENT)["name"] not in {"share_news", "mood_great"}


@pytest.mark.parametrize(
    "text",
    [
        "panic over, the dog was asleep under the bed the whole time",
        "was panicking about the exam but it turned out fine",
        "had enough sleep for once, feel human",
        "im so overwhelmed by all the lovely birthday messages",
        "my brother ate all the crisps and blamed the dog lol",
        "had way too much cake at the party, worth it",
    ],
)
def test_strain_that_is_over_and_playful_grumbles_stay_news(text):
    assert not strained(text)


# Session 11 (issue 16 part 1): a grumble shared for a nod ends in a question tag that asks the
# bot for nothing ("mondays, am i right?"); hyperbole says "the death of me" where nobody died;
# a game's name says "dead". Written for these tests; none is in the data.
@pytest.mark.parametrize(
    "text",
    [
        "mondays, am i right?",
        "bus is late again, typical innit?",
        "rained the minute i hung the washing out, just my luck?",
        "my toddler will be the death of me lol",
        "this week will be the death of us, three birthdays and a christening",
        "the red dead soundtrack is so good",
    ],
)
def test_grumbles_with_a_tag_or_hyperbole_stay_news(text):
    assert not asks(text) and not told_trouble(text)
    assert run(text).get(INTENT)["name"] == "share_news"


@pytest.mark.parametrize(
    "text",
    [
        "any good films on tonight, lol?",
        "is it going to rain all week, am i right?",
        "where's the nearest chippy innit?",
        "anywhere open for food round here or what?",
    ],
)
def test_a_real_question_with_a_tag_still_asks(text):
    assert asks(text)
    assert run(text).get(INTENT)["name"] == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "the grief after my dad's death is killing me",
        "my nan died last week, the funeral is friday",
        "his death was so sudden, i'm still in shock",
    ],
)
def test_a_real_death_beside_the_hyperbole_words_is_still_a_loss(text):
    assert tells_loss(text)
    assert run(text).get(INTENT)["name"] == "out_of_scope"


# A low feeling named outright is never news, whatever hyperbole the news data has taught DIET
# ("dying for a brew" is news; "dying inside" is not).
@pytest.mark.parametrize(
    "text",
    [
        "honestly i feel like im dying inside at this job",
        "been feeling so empty since christmas",
        "felt numb all day, didnt even cry",
        "everyone was laughing at the bbq and i just felt hollow",
    ],
)
def test_a_low_feeling_named_outright_is_never_news(text):
    assert feels_low(text) and told_trouble(text)
    assert run(text).get(INTENT)["name"] not in {"share_news", "mood_great"}


@pytest.mark.parametrize(
    "text",
    [
        "dying for a brew after that meeting",
        "the fridge is empty so pizza it is lol",
        "felt like nothing could stop me on that last lap",
        "my feet are killing me but what a gig",
    ],
)
def test_hyperbole_and_empty_things_stay_news(text):
    assert not feels_low(text)
    assert run(text).get(INTENT)["name"] == "share_news"


# Session 11: the twins the seventh pass's data alone did not keep from news: a state of mind
# that is "killing me", the bereaved naming "my late husband", being unnoticed at an ending.
@pytest.mark.parametrize(
    "text",
    [
        "the anxiety is killing me, been up since 4",
        "went to the pub quiz my late dad used to love, everyone was lovely but i cried the whole way home",
        "my leaving do was tonight and nobody even turned up",
    ],
)
def test_strain_grief_and_being_unnoticed_are_never_news(text):
    assert told_trouble(text)
    assert run(text).get(INTENT)["name"] not in {"share_news", "mood_great"}


@pytest.mark.parametrize(
    "text",
    [
        "late night at the pub with my mates, so good",
        "running late but the train waited for me lol",
        "nobody noticed i wore odd socks all day lol",
    ],
)
def test_late_and_nobody_in_good_news_stay_news(text):
    assert not told_trouble(text)
    assert run(text).get(INTENT)["name"] == "share_news"


# A grumble with the teller as its object is not a request the bot cannot serve ("this traffic
# is killing me" got "That's outside what I can help with"): out of scope steps down for it.
OUT_OF_SCOPE_FIRST = [
    {"name": "out_of_scope", "confidence": 0.52},
    {"name": "share_news", "confidence": 0.2},
    {"name": "vent", "confidence": 0.15},
]


@pytest.mark.parametrize(
    "text",
    [
        "this traffic is killing me",
        "ugh this queue is the death of me",
        "the neighbours' dog has been driving me up the wall all night",
        "my commute is doing my head in tbh",
        "this heat is honestly killing me lol",
        "my little brother keeps winding me up",
    ],
)
def test_a_grumble_is_never_out_of_scope(text):
    assert grumbles(text)
    assert run(text, OUT_OF_SCOPE_FIRST).get(INTENT)["name"] != "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "can you tell me a joke, this wait is killing me?",  # a request: out of scope stays
        "what's the weather like tomorrow",
        "who won the match last night",
        "is killing me softly by the fugees a good karaoke song",
    ],
)
def test_requests_stay_out_of_scope(text):
    assert not grumbles(text)
    assert run(text, OUT_OF_SCOPE_FIRST).get(INTENT)["name"] == "out_of_scope"


# Blame turned inward in a plain word ("i'm so stupid", "such an idiot") and crying as a habit of
# these days ("i cry every night", "crying myself to sleep") are never news; slang for very happy
# ("stupid happy") and tears at a wedding are.
@pytest.mark.parametrize(
    "text",
    [
        "i stuffed up the whole presentation, i'm so stupid",
        "forgot my own sisters birthday, im such an idiot",
        "moved out after the break up and i cry every night in the new place",
        "started the new job and been crying myself to sleep most nights",
    ],
)
def test_self_blame_and_nightly_crying_are_never_news(text):
    assert turned_on_self(text) or feels_low(text)
    assert run(text).get(INTENT)["name"] not in {"share_news", "mood_great"}


@pytest.mark.parametrize(
    "text",
    [
        "im so stupid happy rn, we got the house!!",
        "cried all day at the wedding lol, best day ever",
        "i cried so much at the end of that film",
    ],
)
def test_happy_slang_and_happy_tears_stay_news(text):
    assert not turned_on_self(text) and not feels_low(text)
    assert run(text).get(INTENT)["name"] == "share_news"


# What the bot is good at is what it can do, never the person's own strengths.
STRENGTHS_FIRST = [
    {"name": "explore_strengths", "confidence": 0.6},
    {"name": "ask_capabilities", "confidence": 0.3},
]


@pytest.mark.parametrize(
    "text, about_the_bot",
    [
        ("what stuff are you decent at", True),
        ("what would you say youre best at", True),
        ("r u any good at advice", True),
        ("what am i decent at, honestly", False),
        ("can you help me find my strengths", False),
        ("what are my strong points", False),
    ],
)
def test_strengths_asked_of_the_bot_are_its_capabilities(text, about_the_bot):
    assert asks_about_the_bot(text) == about_the_bot
    name = run(text, STRENGTHS_FIRST).get(INTENT)["name"]
    assert name == ("ask_capabilities" if about_the_bot else "explore_strengths")


# Session 12, from the strangers' sets: a grievance told to be heard says its annoyance ("so
# irritated", "seething", "so unfair", "worst shift") or its usual words ("never listens",
# "without asking"): a vent, never "that's lovely to hear".
@pytest.mark.parametrize(
    "text",
    [
        "honestly so irritated rn my flatmate used my good pans and left them in the sink",
        "im actually fuming, my boss changed the rota and didnt tell anyone",
        "got detention for talking when it was the girl behind me, so unfair",
        "worst day ever, printer jammed, laptop crashed, boss moaned at me",
        "my brother never helps with mum, it's always me",
        "my cousin wore my dress to the party without even asking me",
        "people at my gym are always talking behind my back",
    ],
)
def test_a_grievance_told_to_be_heard_is_never_news(text):
    assert annoyed(text)
    assert run(text).get(INTENT)["name"] not in {"share_news", "mood_great"}


@pytest.mark.parametrize(
    "text",
    [
        "woke up happy for no reason today",
        "so excited i could scream, we got the flat!!",
        "was so annoyed when the bus was late but then my mate picked me up and it was fine",
        "the worst weather ever for the bbq but we had a brilliant time under the gazebo",
        "my little sister never listens to me lol but she made me a card today",
    ],
)
def test_happy_words_and_a_grievance_mended_stay_news(text):
    assert not told_trouble(text)


# A choice still open, a role failed at, sadness as the state of these days, a loss told with the
# time since it: never news. The same words in good news stay news.
@pytest.mark.parametrize(
    "text",
    [
        "two flats we like, one's cheaper one's nearer work, i cant choose",
        "they want an answer by monday and i honestly dont know what to do",
        "keep going round in circles about moving back home",
        "im such a rubbish friend, forgot her birthday again",
        "i'm a useless mum, couldn't even get the kids to school on time",
        "been so down lately, no idea why",
        "i keep crying for no reason at work",
        "since my dad passed the house feels too big",
        "my grandad passed last month and i keep forgetting he's gone",
    ],
)
def test_a_choice_a_failed_role_or_sadness_these_days_is_never_news(text):
    assert told_trouble(text) or turned_on_self(text)
    assert run(text).get(INTENT)["name"] not in {"share_news", "mood_great"}


@pytest.mark.parametrize(
    "text",
    [
        "my husband passed his driving test first time!!",
        "didnt know what to do with myself with the house so quiet, so i read all day, bliss",
        "we picked the blue sofa in the end, love it",
        "i'm a proud mum today, she got into the choir",
        "cried for no reason at the graduation lol, so proud",
    ],
)
def test_the_same_words_in_good_news_stay_news(text):
    assert not told_trouble(text) and not turned_on_self(text)
    assert run(text).get(INTENT)["name"] == "share_news"


@pytest.mark.parametrize(
    "text", ["sort my laptop out pls", "send me that link please", "tell my mum im late plz"]
)
def test_a_request_ending_with_please_asks(text):
    assert asks(text)
    assert run(text).get(INTENT)["name"] != "share_news"


# Good news told in distress words (session 16, news v12's worst families): the theme DIET reads
# from the words gives way to news when the words that turn them good are there too. Fresh
# sentences, none from a set.
THEME_RANKING = [
    {"name": "anxious", "confidence": 0.81},
    {"name": "share_news", "confidence": 0.1},
    {"name": "loneliness", "confidence": 0.05},
    {"name": "mood_great", "confidence": 0.04},
]

GOOD_NEWS_IN_DISTRESS_WORDS = [
    # excited jitters
    "cant sleep at all lol, off to see oasis tmrw and im sooo excited",
    "stomach doing somersaults, first day at the new job monday and honestly cant wait",
    "hearts pounding in the best way, meeting my nephew for the first time tonight",
    "shaking like a leaf but buzzing, we get the keys to the flat in an hour",
    "butterflies all day, so excited for the wedding tmrw",
    # a worry that ended well
    "was soo nervous about my viva but it went fine!! doctor me",
    "been stressing all week about the mot and it passed, not even an advisory",
    "i was convinced id failed my maths resit. got a 6!!",
    "panicked when the bank rang but it was just to check a payment, all sorted",
    "thought the dog had eaten a sock, vet says hes totally fine, phew",
    # time alone, chosen and enjoyed
    "flat to myself tonight, takeaway and trashy telly. bliss",
    "went to the cinema on my own and loved it, best seat in the house",
    "solo walk up the hill this morning, so peaceful",
    "me time sunday: bath, book, no one else. perfect",
    # good news said outright
    "finished my first 10k, legs are wrecked, over the moon",
    "the interview went really well, they want me back for a second round",
]

STILL_DISTRESS = [
    # the body's alarm with no joy, or joy undone by fear
    "i'm so nervous about tomorrow i cant sleep",
    "stomach in knots about the interview, i keep thinking ill mess it up",
    "meant to be excited for the holiday but honestly i just feel sick with dread",
    "not even excited for my birthday, heart racing for no reason",
    # a worry not over, or over badly
    "was so worried about my test and i failed it",
    "still worried sick even though the dr said its probably fine",
    "hoping the scan comes back fine, cant stop shaking",
    # alone and it hurts
    "i'm alone and it hurts",
    "on my own again this weekend, i'd love someone to talk to",
    "everyone says living alone is great but i just feel lonely",
    "house to myself again, used to love it, now its just empty",
    # good words turned back
    "i'm not proud of myself at all",
    "got the promotion and should be over the moon but i feel nothing",
    "the party went really well but i still felt alone the whole time",
]


@pytest.mark.parametrize("text", GOOD_NEWS_IN_DISTRESS_WORDS)
def test_good_news_told_in_distress_words_is_news(text):
    assert good_news_framing(text)
    assert run(text, THEME_RANKING).get(INTENT)["name"] == "share_news"
    assert run(text, THEME_RANKING).get(INTENT)["confidence"] == 0.81


@pytest.mark.parametrize("text", STILL_DISTRESS)
def test_distress_with_the_same_words_keeps_its_theme(text):
    assert not good_news_framing(text)
    assert run(text, THEME_RANKING).get(INTENT)["name"] == "anxious"


def test_good_news_framing_never_outranks_a_crisis_or_another_intent():
    text = "cant sleep lol, off to see oasis tmrw and im sooo excited"
    for name in ("crisis", "greet", "ask_capabilities"):
        ranking = [{"name": name, "confidence": 0.9}, *THEME_RANKING[1:]]
        assert run(text, ranking).get(INTENT)["name"] == name


def test_good_news_framing_adds_share_news_when_it_is_not_ranked():
    ranking = [{"name": "loneliness", "confidence": 0.7}, {"name": "vent", "confidence": 0.2}]
    out = run("house to myself all weekend and im loving it", ranking)
    assert out.get(INTENT) == {"name": "share_news", "confidence": 0.7}
    assert [r["name"] for r in out.get(INTENT_RANKING_KEY)] == ["share_news", "loneliness", "vent"]
    # the theme takes news's place, so the pair is never "not sure" for being equal
    assert out.get(INTENT_RANKING_KEY)[1] == {"name": "loneliness", "confidence": 0.0}


def test_promoted_news_and_the_theme_swap_confidences():
    out = run("was dreading the dentist all week and it went totally fine", THEME_RANKING)
    assert [(r["name"], r["confidence"]) for r in out.get(INTENT_RANKING_KEY)[:2]] == [
        ("share_news", 0.81),
        ("anxious", 0.1),
    ]
