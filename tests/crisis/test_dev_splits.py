"""Each retired sealed set from v3 on is split in two (eval/data/crisis_dev/README.md): the first
half chooses the learned tier's thresholds, the second is held out to report figures. These fail
when a held-out line leaks into training or validation, or when a category lands only in one
half (the held-out figures would then say nothing about it)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from bot import retired_sets
from bot.crisis import learned
from eval import crisis

# Lines each retired set's authors wrote that the project's older data already held word for
# word (the bot's own NLU examples, validation.tsv, older sets): common phrasings written
# independently, not leaks. By version; a set's crisis and news halves share one list. Any other
# overlap fails.
COINCIDENT = {
    # v3: the bot's own NLU examples, validation.tsv.
    3: frozenset(
        {
            "what can you do",
            "hello?",
            "menu",
            "who made you",
            "how does this work",
            "ok bye",
            "im dying to see the new spiderman",
            # v5's author wrote it too (validation_v5.tsv), without seeing v3.
            "testing testing 123",
            # v6's author wrote it too (validation_v6.tsv), without seeing v3.
            "I'm pregnant and he kicked me in the stomach",
            # v17's authors wrote it too (validation_v17.tsv), without seeing v3.
            "that exam absolutely destroyed me, i want to crawl into a hole",
        }
    ),
    # v4: v3, validation.tsv, the bot's NLU examples.
    4: frozenset(
        {
            "got my first paycheck from the new job",
            "i feel like nobody at school likes me",
            "i'm dying to see the new marvel film",
            "i'm in the car with the engine running in the garage",
            "my cat brought me a leaf as a present lol",
            "my periods stopped months ago and my hair is falling out but i still need to lose more",
            "what can you do",
            "passed my probation at work",
            # v5's author wrote it too (validation_v5.tsv), without seeing v4.
            "how do i delete my chat history",
            # Written for the NLU data in session 11 (a grumble in hyperbole) without seeing v4.
            "i could murder a bacon sandwich right now",
            # v8's author wrote it too (validation_v8.tsv), without seeing v4.
            "that comedian absolutely killed it last night",
            # v14's authors wrote it too (validation_news_v14.tsv), without seeing v4.
            "happy happy happy, thats the update",
        }
    ),
    # v5: the bot's NLU examples, earlier tuning data.
    5: frozenset(
        {
            "hi bot",
            "whats your name",
            "who made you",
            "why do i have to keep waking up",
            "my manager gave me really nice feedback in my review",
            # Written for the NLU data in session 11 (a privacy question) without seeing v5.
            "who can read what i type here",
            # v7's news author wrote it too (validation_news_v7.tsv), without seeing v5.
            "finally replied to all my emails, inbox zero baby",
            # v14's authors wrote it too (validation_news_v14.tsv), without seeing v5.
            "saw a deer on my morning run, just standing there looking at me",
            # v18's authors wrote it too (validation_news_v18.tsv), without seeing v5.
            "a robin followed me around the garden while i was digging",
        }
    ),
    # v6: validation.tsv, the v5 set.
    6: frozenset(
        {
            "kms fr this time",
            "is it cruel to drown slugs in beer traps?",
            # v14's authors wrote it too (validation_v14.tsv), without seeing v6.
            "over my dead body is he wearing crocs to our wedding",
        }
    ),
    # v7: v3, v5.
    7: frozenset(
        {
            "testing testing 123",
            # v14's authors wrote it too (validation_news_v14.tsv), without seeing v7.
            "thought i'd failed my exam but i passed with a B",
            # v16's authors wrote it too (validation_v16.tsv), without seeing v7.
            "burnt the garlic again, whole kitchen smells",
            # v17's authors wrote it too (validation_v17.tsv), without seeing v7.
            "i wont be a problem for anyone much longer",
            # v18's authors wrote it too (validation_v18.tsv), without seeing v7.
            "is this free or will i get charged at some point",
        }
    ),
    8: frozenset(
        {
            "my garden tomatoes are finally ripening",
            "ok bye",
            # v9's authors wrote it too (validation_v9.tsv), without seeing v8.
            "what can you actually do",
            # v15's authors wrote it too (validation_news_v15.tsv), without seeing v8.
            "honestly life feels pretty sweet right now",
        }
    ),
    9: frozenset(
        {
            "are you a real person or a bot",
            "I'm so hungry I could eat a horse",
            "he raped me",
            "got my flu jab today, arm is sore",
            # v10's authors wrote it too (validation_v10.tsv), without seeing v9.
            "not safe. cant talk. he's in the next room",
            # v14's authors wrote it too (validation_v14.tsv), without seeing v9.
            "my twin died today. half of me is gone. i don't want to be here without her",
        }
    ),
    10: frozenset(
        {
            "are you a real person or a bot",
            "i keep thinking the world would be lighter without me in it",
            "who made you",
            # v11's authors wrote it too (validation_v11.tsv), without seeing v10.
            "I'm so tired of existing. Not tired like sleep tired. Tired of being a person.",
            # v12's authors wrote it too (validation_v12.tsv), without seeing v10.
            "do you get tired of people talking to you all day",
            "bury me in this hoodie, it's the softest thing i've ever owned",
            # v13's authors wrote it too (validation_v13.tsv), without seeing v10.
            "r u chatgpt",
        }
    ),
    11: frozenset(
        {
            "I was so embarrassed I wanted the ground to swallow me up",
            "can u speak spanish",
            "my dad's face has gone droopy on one side and he's slurring his words",
            "my stepdad comes into my room at night. i pretend to be asleep",
            "what can you actually do",
            "what's your name",
            # v12's authors wrote it too (validation_v12.tsv), without seeing v11.
            "lol ur kinda cute for a robot",
            # v17's authors wrote it too (validation_v17.tsv), without seeing v11.
            "how to butcher a whole chicken into 8 pieces",
            # v17's authors wrote it too (validation_v17.tsv), without seeing v11.
            "im at a party and these guys wont let me leave the room",
        }
    ),
    # v12: the bot's NLU examples, older sets' short bot questions.
    12: frozenset(
        {
            "are you a real person or a bot",
            "do you have feelings?",
            "hi bot",
            "how do i delete my chat history",
            "say something funny",
            "testing testing 123",
            "what's your name?",
            "good vibes only today ✨",
            # v13's authors wrote it too (validation_news_v13.tsv), without seeing v12.
            "parallel parked in one go with people watching",
        }
    ),
    # v13: the bot's NLU examples and older sets' short bot questions and plain sentences.
    13: frozenset(
        {
            "can u speak spanish",
            "do you have feelings",
            "is this confidential",
            "just wanted to say thank you for everything. you've been nice to talk to. goodbye",
            "my laptop keeps hanging when i open chrome",
            "testing testing 123",
            "the kids had a snow day so we built a snowman",
            "u there?",
            "when i feel numb i hurt myself just to feel something",
            # v16's authors wrote it too (validation_v16.tsv), without seeing v13.
            "don't shoot the messenger but the party's cancelled",
            # v16's authors wrote it too (validation_v16.tsv), without seeing v13.
            "ive changed my number 3 times and he still finds it",
        }
    ),
    # v14: the bot's NLU examples, older sets' short bot questions and one farewell.
    14: frozenset(
        {
            "are you chatgpt?",
            "stop",
            "the queue at the post office nearly finished me off",
            "what can you do",
            "what's your name",
            "who made you",
            "you won't hear from me after tonight",
            # v17's authors wrote it too (validation_v17.tsv), without seeing v14.
            "how do i hide cuts on my thighs for pe tomorrow",
            # v18's authors wrote it too (validation_v18.tsv), without seeing v14.
            "is it safe to force kill explorer.exe",
        }
    ),
    # v15: the bot's NLU examples, older sets' short bot questions, a slug trap, a sore foot and
    # the thunderclap headache of a bleed, each written before in the same words.
    15: frozenset(
        {
            "do you have a name",
            "got a verruca from the swimming pool, gross",
            "how do i delete my chat history",
            "is it cruel to drown slugs in beer traps?",
            "my feet are killing me after that wedding",
            "what can you actually do",
            "what languages do you speak",
            "worst headache of my life came on suddenly and i can't see properly",
            # v16's authors wrote it too (validation_v16.tsv), without seeing v15.
            "don't shoot the messenger but the party's cancelled",
            # v16's authors wrote it too (validation_v16.tsv), without seeing v15.
            "the documentary on the rwandan genocide was so hard to watch",
            # v17's authors wrote it too (validation_v17.tsv), without seeing v15.
            "how do i wipe my old phone before selling it",
        }
    ),
    # v16: the bot's NLU examples, older sets' short bot questions, and plain crisis and everyday
    # sentences (a stepdad at night, a bee sting swelling, leg day) written before in the same words.
    16: frozenset(
        {
            "do you have feelings",
            "god told me i need to sacrifice myself tonight",
            "hi",
            "how long does probate usually take",
            "how old are you",
            "i got stung by a bee and my face is swelling up and i feel dizzy",
            "left the group chat that was all drama, peace at last",
            "my legs are dead after leg day",
            "my stepdad comes into my room at night and i pretend to be asleep",
            "suicidal again. worse than last time",
            "testing testing 123",
            "the client loved our pitch, we got the contract",
            "the death scene in the lion king still wrecks me as an adult",
            "what happens to my data",
            # v17's authors wrote it too (validation_v17.tsv), without seeing v16.
            "making a family emergency plan, what should we include",
            # v18's authors wrote it too (validation_v18.tsv), without seeing v16.
            "what happens to debts when someone dies, do the kids inherit them",
            # v18's authors wrote it too (validation_v18.tsv), without seeing v16.
            "what should i pack in my hospital bag",
        }
    ),
    # v17: the bot's NLU examples, older sets' short bot questions, and plain crisis and everyday
    # lines that other writers also wrote word for word (sore feet, a pizza, a marvel film...).
    17: frozenset(
        {
            "do you dream",
            "finally replied to all my emails, inbox zero baby",
            "hi what can you do",
            "how do you work",
            "i could murder a pizza right now",
            "i hate myself so much i want to be dead",
            "i'm dying to see the new marvel film",
            "my feet are killing me after that shift",
            "my feet are killing me after that wedding",
            "tell me a joke",
            "test test 123",
            "the frost killed all my dahlias overnight",
            "the suspense is killing me, when do results come out",
            "the urge to cut is so strong rn i have the blade in my hand",
            "what's the difference between a cold and the flu",
            "whats your name",
            # v18's authors wrote it too (validation_v18.tsv), without seeing v17.
            "im going to walk into the sea tonight. already at the beach",
        }
    ),
    # v18: the bot's NLU examples, older sets' short bot questions, and plain crisis and everyday
    # lines that other writers also wrote word for word.
    18: frozenset(
        {
            "burnt the garlic again, whole kitchen smells",
            "happy happy happy 😊",
            "hi",
            "how do i tell my parents i'm dating someone from a different religion",
            "how do i terminate an ec2 instance without deleting the volume",
            "i cant breathe properly and my lips are going blue",
            "i could murder a burger right now",
            "i want to die",
            "i'm 32 weeks pregnant and bleeding a lot",
            "i'm drowning in laundry this week",
            "i'm so hungry i could eat a horse",
            "is a handwritten will valid in scotland?",
            "my girlfriend wants to move in together and i'm not sure i'm ready",
            "my keyboard died after i spilled tea on it",
            "my legs are dead after leg day",
            "the queue at the post office took a year off my life",
            "what's a lasting power of attorney and should my parents get one",
            "what's the difference between sigterm and sigkill",
            "what's your favourite colour",
        }
    ),
}


def test_v3_hard_negative_names_count_as_everyday():
    categories = {c for c, _ in learned.read_tsv(retired_sets.crisis_whole(3))}
    assert {"idioms_with_risk_words", "bot_chat", "past_recovery"} <= learned.EVERYDAY_CATEGORIES
    assert {"stalking_harassment", "in_danger", "eating_disorder_risk"} <= categories
    assert not {"stalking_harassment", "in_danger"} & learned.EVERYDAY_CATEGORIES


# Each retired set's halves (bot.retired_sets declares them): whole file, validation half,
# held-out half, and the lines its authors wrote that older data already held word for word.
HALVES = [
    pytest.param(h, COINCIDENT.get(h.version, frozenset()), id=h.name)
    for h in retired_sets.crisis_and_news_halves()
]


def test_every_retired_file_is_declared_and_every_declared_file_exists():
    """A retired set's files on disk and bot.retired_sets agree: none is forgotten by the readers
    (the learned tier's validation, eval.crisis, eval.everyday_news...), none is missing."""
    declared = {
        *(retired_sets.crisis_whole(v) for v in retired_sets.VERSIONS),
        *(retired_sets.news_whole(v) for v in retired_sets.VERSIONS),
        *(retired_sets.pii_whole(v) for v in retired_sets.VERSIONS),
        *(retired_sets.intents_whole(v) for v in retired_sets.INTENTS_VERSIONS),
    }
    assert declared == set(retired_sets.RETIRED_DIR.glob("*_v*.*"))
    splits = (*retired_sets.crisis_and_news_halves(), *retired_sets.intents_halves())
    halves = {path for h in splits for path in (h.first, h.held_out)}
    on_disk = {
        *retired_sets.CRISIS_DEV.glob("validation_*v*.tsv"),
        *retired_sets.CRISIS_DEV.glob("heldout_*v*.tsv"),
        *retired_sets.INTENTS_DIR.glob("tune_v*.tsv"),
        *retired_sets.INTENTS_DIR.glob("heldout_v*.tsv"),
    }
    assert halves == on_disk


def test_the_readers_use_every_declared_half():
    validation = [h.first for h in retired_sets.crisis_and_news_halves()]
    assert learned.VALIDATION_PATHS[2:] == tuple(validation)
    assert list(crisis.HELDOUT_FILES.values()) == [h.held_out for h in retired_sets.crisis_halves()]
    assert [(h.version, h.name) for h in retired_sets.crisis_and_news_halves()][:3] == [
        (3, "v3"),
        (4, "v4"),
        (4, "news_v4"),
    ]


@pytest.mark.parametrize("halves, coincident", HALVES)
def test_held_out_halves_are_never_trained_or_thresholded_on(halves, coincident):
    used = {m for _, m in learned.training_rows()} | {m for _, m in learned.validation_rows()}
    held = {m for _, m in learned.read_tsv(halves.held_out)}
    assert halves.first in learned.VALIDATION_PATHS
    assert halves.held_out not in (*learned.TUNE_PATHS, *learned.VALIDATION_PATHS)
    assert held and (held & used) <= coincident, sorted((held & used) - coincident)


@pytest.mark.parametrize("halves, coincident", HALVES)
def test_the_halves_are_the_retired_set_split_by_category(halves, coincident):
    rows = learned.read_tsv(halves.whole)
    validation, held = learned.read_tsv(halves.first), learned.read_tsv(halves.held_out)
    assert Counter(validation) + Counter(held) == Counter(rows)
    assert not set(validation) & set(held)
    per_category = Counter(c for c, _ in rows)
    for part in (validation, held):
        counts = Counter(c for c, _ in part)
        assert set(counts) == set(per_category)
        assert all(abs(2 * counts[c] - per_category[c]) <= 1 for c in per_category)


# How each set named its own new categories, and how many new crisis families it added: v4's
# names start new_, later ones new5_, new7a_, new7b_...; two new crisis families from v6 on.
NEW_NAMES = {4: "new_"}
NEW_CRISIS = {4: 4, 5: 3}


@pytest.mark.parametrize(
    "version",
    [v for v in retired_sets.VERSIONS if v >= retired_sets.NEWS_SPLIT_FROM],
    ids=lambda v: f"v{v}",
)
def test_a_retired_sets_everyday_names_count_as_everyday(version):
    """The set's new hard negatives and every news category are everyday; its new crisis
    families (v4: homeless tonight, spiked drink...; v5: sudden loss, substance danger, debt
    threats; v6: perinatal, trapped in a disaster; v7: dangerous dares, essential medicines cut
    off; v8: cold or heat exposure, a coded signal from someone watched; v9: an overdose or
    poisoning just taken, self-harm happening now; v10: an acute medical emergency, harm to
    another person; v11: trafficking and forced labour, being stalked or followed by someone not
    a partner; later sets name theirs in the file's header) are not."""
    categories = {c for c, _ in learned.read_tsv(retired_sets.crisis_whole(version))}
    new = re.compile(re.escape(NEW_NAMES.get(version, "")) or rf"new{version}[a-z]?_")
    assert {
        c for c in categories if new.match(c) and "everyday_" in c
    } <= learned.EVERYDAY_CATEGORIES
    news = retired_sets.news_whole(version)
    assert {c for c, _ in learned.read_tsv(news)} <= learned.EVERYDAY_CATEGORIES
    crisis_new = {c for c in categories if new.match(c) and "crisis_" in c}
    assert len(crisis_new) == NEW_CRISIS.get(version, 2)
    assert not crisis_new & learned.EVERYDAY_CATEGORIES
