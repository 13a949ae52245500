"""Where an introduced handle ends (written for these tests): a tag may run over spaced,
capitalised words ("xX DeadShot Xx", "iTz Blaze 77"), but a full stop ends the sentence and
the tag with it ("I'm streamfox_gg. Nobody watches"), and "its" opens a tag, never closes one
("im not.ur.girl.mia its private"). A handle typed with spaced marks ("@ harlow . draws")
ends at a pause in the sentence: a long dash or a small word after a spaced dash ("@ marnie_mxx
— she used to"). The handle still goes; the words after it stay."""

from __future__ import annotations

import pytest

from tests.support.marked import others_taken as _other_words_taken
from tests.support.marked import still_readable


@pytest.mark.parametrize(
    "marked",
    [
        "on twitch I'm [[streamfox_gg]]. Nobody really watches but it helps.",
        "on insta im [[not.ur.girl.mia]] its private tho",
        "on tiktok im [[lil.bean_22]]. Honestly dont look it up",
        "On Instagram I'm [[Jess_Writes]]. Please don't tell my mum",
        "on insta she's [[k4tie.x]] its all selfies lol",
        "streams as [[NightOwl_99]]. Nobody from school knows",
    ],
)
def test_words_after_the_tag_stay(marked):
    assert still_readable(marked) == []
    assert _other_words_taken(marked) == []


@pytest.mark.parametrize(
    "marked",
    [
        "his gamertag is [[xX DeadShot Xx]] and he wont leave me alone",
        "on twitch im [[iTz Blaze 77]] if u wanna watch",
        "on xbox he goes by [[Soggy Waffle 77]] and he wont stop",
        "on insta im [[jess_xo]]",
    ],
)
def test_spaced_tags_still_go_whole(marked):
    assert still_readable(marked) == []


@pytest.mark.parametrize(
    "marked",
    [
        "insta [[@ marnie_mxx]] — she used to be my best friend",
        "insta [[@ kaz_b]] - he blocked me after that",
        "snap [[@ lola.xo]] – i dont even use it anymore",
        "his tiktok is [[@ dxnny_b]] — the one with the dog videos",
        "[[@ moth_moss]] - my ex made it to watch me",
    ],
)
def test_a_pause_after_a_spaced_handle_stays(marked):
    assert still_readable(marked) == []
    assert _other_words_taken(marked) == []


@pytest.mark.parametrize(
    "marked",
    [
        "my insta is [[@ harlow . draws]]",
        "add me [[@ moth _ moss]] on insta",
        "[[@ lily - rose _ 22]] on tiktok, pls dont share",
        "tiktok [[@ bex . 2009]] — dont laugh",
    ],
)
def test_spaced_marks_still_go_whole(marked):
    assert still_readable(marked) == []
