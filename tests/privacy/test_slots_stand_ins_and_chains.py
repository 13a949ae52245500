"""Families read from the retired v12 tune half, with fresh sentences and look-alikes that keep:

- a word-like first name in a person's slot: told/asked (short forms people go by: "ash",
  "kev"), "went out with ___" and "me and may are"; "X from the flat below", "X's funeral",
  "X's the nurse on ...";
- an email's name part given with its provider described ("... and it's the google one"), an
  initial and a year before "at gmail", a stand-in letter for the "@", "dot ac", "full stop"
  and numbers in words with "and";
- a house number and a bare street name as the whole clause ("7 Larchmere.");
- words kept: "at 12 34 56 a" (a little word, not a NI prefix), "room 12 on the ward", a shop
  in every town ("at tesco", "went to Greggs").
"""

from __future__ import annotations

import pytest

from bot.privacy.anonymiser import anonymise, find


def removed(text: str, detail: str, context=None) -> bool:
    start = text.index(detail)
    mask = [False] * len(text)
    for sp in find(text, context):
        for i in range(sp.start, sp.end):
            mask[i] = True
    return all(mask[i] for i in range(start, start + len(detail)) if text[i].isalnum())


def kept(text: str, word: str) -> bool:
    start = text.index(word)
    return not any(sp.start < start + len(word) and sp.end > start for sp in find(text))


@pytest.mark.parametrize(
    "text,detail",
    [
        ("i told ash what happened at the party n now she wont talk to me", "ash"),
        ("asked kev if he could cover my shift and he just blanked me", "kev"),
        ("went out with rose last night and it all kicked off", "rose"),
        ("i was chilling with ash after college when my mum rang", "ash"),
        ("we went with will to the shops and he paid for everything", "will"),
        ("me and may are not speaking anymore", "may"),
        ("Dawn from the flat upstairs keeps banging on my door at 3am", "Dawn"),
        ("June's funeral is next week and i cant stop shaking", "June"),
        ("Mercy's the carer at my nans home and shes lovely", "Mercy"),
        ("patience is the teacher at my new school who actually listens", "patience"),
    ],
)
def test_word_like_names_in_a_persons_slot(text, detail):
    assert removed(text, detail), anonymise(text)


@pytest.mark.parametrize(
    "text,word",
    [
        ("the ash from the bonfire got everywhere", "ash"),
        ("the cake was covered with rose petals", "rose"),
        ("i went with hope in my heart but it didnt work", "hope"),
        ("i may go out later if i feel better", "may"),
        ("it will get easier, everyone keeps saying", "will"),
        ("faith is the best teacher in the world", "faith"),
        ("hope is the best medicine tbh", "hope"),
        ("my hope from the start was to get better", "hope"),
    ],
)
def test_the_same_words_as_words_keep(text, word):
    assert kept(text, word), anonymise(text)


@pytest.mark.parametrize(
    "text,detail",
    [
        ("starts with hannah_k22 and its the google one", "hannah_k22"),
        ("my address is kiera_x7 and it's the microsoft one", "kiera_x7"),
        ("email me on jess r 1999 at hotmail pls", "jess r 1999 at hotmail"),
        ("mail me (X means at): kofi.mensah X example.com", "kofi.mensah X example.com"),
        ("its ruby_t # mailbox.org if u need it", "ruby_t # mailbox.org"),
        ("my college one is r_fenn at example dot ac i think", "r_fenn at example dot ac"),
        (
            "its luke full stop marsh nineteen and ninety nine at example dot com",
            "luke full stop marsh nineteen and ninety nine at example dot com",
        ),
    ],
)
def test_emails_told_in_pieces(text, detail):
    assert removed(text, detail), anonymise(text)


@pytest.mark.parametrize(
    "text,word",
    [
        ("i met her at 5 and then at 6 we left", "5"),
        ("i watched it on bbc.co.uk last night", "watched"),
        ("me & my mate went to the shop", "mate"),
    ],
)
def test_email_look_alikes_keep(text, word):
    assert kept(text, word), anonymise(text)


@pytest.mark.parametrize(
    "text,detail",
    [
        ("22 Penhallow. please dont tell anyone", "22 Penhallow"),
        ("ok. its 14b kelburn, the one with the red door", "14b kelburn"),
        ("im in halls, room 117 in block D", "room 117"),
        ("my room 12 is the one by the lift", "room 12"),
    ],
)
def test_house_numbers_and_rooms_people_live_in(text, detail):
    assert removed(text, detail), anonymise(text)


@pytest.mark.parametrize(
    "text,word",
    [
        ("top 10 Eminem songs are all i listen to", "10"),
        ("ok. 3 Ibuprofen. is that bad", "3"),
        ("i slept 2 hours. then woke up crying", "2"),
        ("we met at 12 34 56 a", "12"),
        ("im in room 12 on the ward and nobody visits", "room"),
        ("we had maths in room 3 today and i cried", "3"),
        ("i was at tesco when it happened", "tesco"),
        ("is it normal to cry at a Tesco meal deal", "Tesco"),
        ("we went to Greggs after school", "Greggs"),
        ("i met him outside Greggs", "Greggs"),
    ],
)
def test_numbers_rooms_and_shops_anyone_uses_keep(text, word):
    assert kept(text, word), anonymise(text)


def test_a_ni_number_with_its_cue_or_capitals_is_still_removed():
    assert removed("my ni is at 12 34 56 a", "at 12 34 56 a")
    assert removed("its AB 12 34 56 C", "AB 12 34 56 C")


def test_working_at_a_chain_is_still_a_workplace():
    assert removed("i work at tesco on the tills", "tesco")


@pytest.mark.parametrize(
    "text,detail",
    [
        ("i was at the Tesco in Longsight when it happened", "Tesco"),
        ("2 doors down from the Aldi in Kelby, blue door", "Aldi"),
        ("hes always outside the Spar on the corner by mine", "Spar"),
        ("room 9 on Aspen Ward, nobody comes", "room 9"),
    ],
)
def test_a_branch_or_a_room_in_a_named_place_is_still_removed(text, detail):
    assert removed(text, detail), anonymise(text)
