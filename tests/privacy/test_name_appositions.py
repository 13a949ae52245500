"""A name that is also a word, shown to be a name by the sentence's own structure (written for
these tests, in the families the retired v13 study half showed; none is a copy of it).

- an apposition closed on both sides by its partner (commas, brackets, any dash), its head a
  relation or role and only a place after it: "Faith — my counsellor at school — said";
- the word said to be a name: "Guy is his actual name", "hope is her real name";
- a capitalised word once shown to be a name is that name wherever the message writes it the
  same way ("Clay. Clay! like the stuff"); the lower-case word stays a word.

The look-alikes keep every word: an aside ("Hope, my friends are all i have"), the idiom
("Mark my words"), a modal opening a question, the word in lower case beside the name.
"""

from __future__ import annotations

import pytest

from tests.support.marked import others_taken as _others_touched
from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched


@pytest.mark.parametrize(
    "marked",
    [
        "[[Faith]] — my counsellor at school — said I should try this app",
        "[[Dawn]] – my support worker from the council – keeps ringing",
        "[[Grace]], my key worker at college, has been off sick",
        "[[Summer]] (my manager at work) said i can leave early",
        "[[Joy]] -- my nan in wales -- is all i have left",
        "[[Hope]], my mentor from church, texted me last night",
    ],
)
def test_closed_apposition_after_a_word_name(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "marked",
    [
        "[[Guy]] is his actual name, not a joke",
        "[[guy]] is his real name btw",
        "[[hope]] is her name and shes lovely",
        "[[Faith]]'s her full name but everyone says fay",
    ],
)
def test_said_to_be_a_name(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "marked",
    [
        "[[Guy]] at work — [[Guy]] is his actual name — keeps making comments",
        "[[Faith]]. My daughter's name is [[Faith]] and she won't speak to me.",
        "the lad i like is called [[Clay]]. [[Clay]]! like the stuff",
    ],
)
def test_a_shown_name_is_taken_everywhere(marked):
    assert _left(marked) == []


@pytest.mark.parametrize(
    "marked",
    [
        "My daughter's name is [[Faith]] and I've lost faith in myself",
        "Mark my words, [[Mark]] will regret it",
        "Will you tell me if my mate [[Will]] is ok",
        "[[Guy]] is his actual name, some guy from the gym",
    ],
)
def test_the_word_beside_the_name_stays(marked):
    assert _left(marked) == []
    assert _others_touched(marked) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hope, my friends are all i have right now",
        "Summer, my favourite season, is nearly over",
        "hope is the only thing keeping me going",
        "the name is what it is, i cant change it",
        "this is my name on the form",
        "grace under pressure is what my coach says",
        "will is what i lack, my dad says",
    ],
)
def test_word_names_as_words_stay(text):
    assert _touched(text) == []
