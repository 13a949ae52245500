"""The retired v15 study half's families, written anew for these tests in the ways people type.

- a house number and a bare street name, closed by a dash, a place word ("round the back
  of") or a clause saying whose home it is ("thats my grans place", "that's us");
- a pub's name written as a name, every word capitalised, wherever it stands;
- two streets that cross, one numbered ("on 4th and Alder", "5th & Main");
- a venue named beside its kind ("my boxing gym Knockout ABC", "the bar i work at, Lucky
  Finn's", "Kerrigan's, the pub by the canal") and a church named by its congregation;
- a word-name someone talked to, taken up by "she"/"he" after a place ("talked to patience at
  the food bank and she"), or a neighbour named by where they live ("Sunny next door checks");
- a phone number read out with pauses ("oh, double seven, ...") or in hundreds
  ("seventy-seven hundred, nine hundred, four fifty-five");
- an email's ending given with a space for its dot ("nadia_k at example org");
- a name part spelled by letter names ("kay ee ell ell why underscore nine at ...");
- an institution's number with a course code among its parts ("KU/BCOM/0882/21").
Look-alikes beside them keep every word.
"""

from __future__ import annotations

import pytest

from tests.support.marked import still_readable as _left
from tests.support.marked import touched as _touched

FOUND = [
    # house number and bare street
    "staying at my aunties, [[3 Tanyard]] round the back of the chippy",
    "[[18 cullen]] — the semi with the blue van outside, that's us",
    "[[22 merrow]] - the one with the broken gate",
    "the one with green shutters, [[6 Alderley]], thats my grans place",
    "its the house across from the park, [[14 Ferndown]], that's where we live",
    # pubs written as names
    "round the back of the [[Red Lion]] is where they wait",
    "he drinks at the [[Kings Head]] every night",
    # crossing streets
    "the bar is on [[4th and Alder]], come get me",
    "meet me at [[5th & Main]] after",
    "were near [[Main and 3rd]] by the laundromat",
    # venues beside their kind
    "my boxing gym [[Knockout ABC]] is the only place i feel normal",
    "the bar i work at, [[Lucky Finn's]], my manager keeps touching my back",
    "the pub i keep ending up in is the [[Weaver's Rest]], i drink too much",
    "our church is called [[New Life]] and they pray for me",
    "[[Kerrigan's]], the pub by the canal, that's where it happened",
    "at sixth form ([[Queen Elizabeth's]]) literally everyone knows",
    "we live close to [[Glory Tabernacle Assembly]], my pastor knows my family",
    "i go to [[Living Faith Ministries]] on sundays",
    # word-names
    "talked to [[patience]] at the food bank and she was so kind to me",
    "i talked to [[grace]] and she listened for ages",
    "talking to [[faith]] in my class, she said hi",
    "[[Sunny]] next door checks on me every morning, shes 80",
    "[[rose]] upstairs keeps banging on the floor",
    # phones read out
    "the number: [[oh, double seven, double oh, nine, double oh, three three nine]]. thats my second phone",
    "phone number is [[seventy-seven hundred, nine hundred, four fifty-five]] with a zero first",
    # an email's ending said with a space for its dot
    "no at key on this phone so its [[nadia_k at example org]] sorry",
    "send it to [[j.okoro at westfield co uk]] pls",
    # a name part spelled by letter names
    "spelled so autocorrect wont ruin it: [[kay ee ell ell why underscore nine at example dot com]]",
    "its [[em, ay, ar, why dot jones at gmail dot com]]",
    # an institution's number with its course code among the parts
    "kindly my student registration [[KU/BCOM/0882/21]], fees balance is stopping me",
    "my reg no is [[ku/bcom/0882/21]] pls",
]

KEPT = [
    "i took 2 paracetamol, thats my limit",
    "we came 2nd - the best we ever did",
    "on the 4th and 5th i was off sick",
    "came 1st and 2nd in the race",
    "see you on 2nd and Tuesday",
    "my gym Monday was dead",
    "the pub I go to is shut now",
    "we got to the pub, Absolutely packed it was",
    "the club is Great honestly",
    "went to school Friday and it was awful",
    "The Assembly voted today",
    "we had Assembly this morning and i cried",
    "i have no patience with him and he knows it",
    "Sunny next door is nice",
    "the sunny bit next door is where the cat sleeps",
    "oh, double trouble today",
    "we had nineteen hundred people at the march",
    "oh, 3 people came",
    "she was at work org chart meeting all day",
    "we did it w/out/2020/ok lol",
    "ill see you at the gym dot dot dot",
    "open 24/7/365 apparently",
]


@pytest.mark.parametrize("marked", FOUND)
def test_found(marked):
    assert _left(marked) == []


@pytest.mark.parametrize("text", KEPT)
def test_kept(text):
    assert _touched(text) == []
