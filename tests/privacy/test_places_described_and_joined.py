"""Places told the way people tell a friend (issue #14), written anew for these tests:

- a home told by how it looks and what it is next to ("the pebble-dashed semi with the
  hot tub, three down from the surgery", "the green one by the bookies");
- a count of doors from a landmark ("4 doors down from the Londis");
- a numbered van, lot or pitch on a site typed in lower case ("van 9 at golden sands
  park", "seaview holiday park, pitch 31");
- a pub named in lower case and then said to be one ("at the dog and duck, the pub by
  the canal");
- two found pieces of one place joined by a word ("the Plough in Eastleigh", "no. 4 bóthar
  na trá") and a place's name after "at the" ("on ward 9 at the General").

Next to them, look-alikes keep every word: the house, the one, the park, the hospital,
brand names, rooms of a house, a person beside someone, counts of things.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    # a home by its look and its neighbours
    "we're [[the pebble-dashed semi with the hot tub, three down from the surgery]]",
    "his new place is [[the green one by the bookies]] i think, i saw his van there",
    "She lives in [[the end house on the right past the garage]] and I can't stop driving by",
    "[[the bungalow with the ramp out front, opposite the methodist chapel]] — thats my nans",
    "i sleep in [[the box room above the launderette on gorse]] now, its freezing",
    "ITS [[THE TALL GREY ONE AT THE END OF THE CLOSE]], please just send someone",
    "we rent [[the flat with the broken buzzer, across the road from the chinese]]",
    "[[number 8, the one on larchmont with the blue bins]], thats ours",
    "[[11b, the house with the willow tree]], round the back",
    # a count of doors from a landmark
    "were like [[4 doors down from the Londis]] if the ambulance needs it",
    "my ex lives [[a couple of doors up from the vets]] and i see him every day",
    # a numbered van, lot or pitch on a site
    "been living in [[van 9 at golden sands park]] since the eviction",
    "[[seaview holiday park, pitch 31]], come find me if u want",
    "we're in [[chalet 4 on the brambles holiday village]] for the summer",
    # a pub named in lower case, said to be one
    "ill be at [[the dog and duck]], the pub by the canal, if anyone cares",
    "meet me at [[the old forge inn]], the local near my work",
    # pieces joined, and the article of a place's name
    "he drinks at [[the Plough in Eastleigh]] every night",
    "send it to [[no. 4 bóthar na trá]] please",
    "mum's on ward 9 at [[the General]], they wont let me stay",
    "she works the tills at the [[co-op at the bottom of Ferry Lane]]",
]

KEPT = [
    # homes with no neighbour, neighbours that are rooms, people or things at hand
    "the big house was silent when i got home",
    "i like the one with the blue cover better",
    "the one by the window is mine, the other one is my sisters",
    "my room is next to the kitchen so i hear everything",
    "i sat in the room next to the bathroom and cried",
    "she is the one next to me in the photo",
    "our house is a mess and i cant face cleaning it",
    # places that identify no one
    "i went to the park and sat by the pond for an hour",
    "they took me to the hospital and i waited 6 hours",
    "i was at the shops then the pub then home",
    "walked past the school on my way back and felt sick",
    # counts that are not homes, brands, words that look like places
    "i got 3 doors slammed in my face today at work",
    "we talked for 2 hours about how i feel",
    "bought a new switch in the sale and played it all night",
    "Tesco had no bread so i had toast with nothing",
    "the room was spinning and i couldnt breathe",
    "I will grace the party with my presence, may as well",
    "i spent the night in the car park thinking about ending it",
    "in the pub, the one i always go to, i just sat alone",
]


@pytest.mark.parametrize("marked", FOUND)
def test_found(marked):
    assert _left(marked) == []


@pytest.mark.parametrize("text", KEPT)
def test_kept(text):
    assert _touched(text) == []
