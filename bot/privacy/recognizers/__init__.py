"""One recognizer per kind of personal detail (Presidio's shape).

Each recognizer has ``name`` and ``find(view) -> list[Candidate]``; ``view`` is the
message analysed once (``text.TextView``). ``default_recognizers(analysis)`` is the set
the anonymiser runs, structured ones (cheap regexes) first.
"""

from __future__ import annotations

from typing import List

from bot.privacy.recognizers.base import Candidate, Label, Recognizer, Score


def default_recognizers(analysis) -> List[Recognizer]:
    from bot.privacy.recognizers.contacts import EmailRecognizer, LinkRecognizer, PhoneRecognizer
    from bot.privacy.recognizers.dates import DateRecognizer
    from bot.privacy.recognizers.described import DescribedPlaceRecognizer
    from bot.privacy.recognizers.handles import HandleRecognizer
    from bot.privacy.recognizers.ids import IdRecognizer
    from bot.privacy.recognizers.names import NameRecognizer
    from bot.privacy.recognizers.organisations import OrganisationRecognizer
    from bot.privacy.recognizers.payment import PaymentRecognizer
    from bot.privacy.recognizers.places import AddressRecognizer, PlaceRecognizer
    from bot.privacy.recognizers.venues import VenueRecognizer

    return [
        EmailRecognizer(),
        LinkRecognizer(),
        PhoneRecognizer(),
        PaymentRecognizer(),
        IdRecognizer(),
        AddressRecognizer(),
        DateRecognizer(),
        HandleRecognizer(),
        NameRecognizer(analysis),
        OrganisationRecognizer(analysis),
        PlaceRecognizer(analysis),
        DescribedPlaceRecognizer(analysis),
        VenueRecognizer(),
    ]


__all__ = ["Candidate", "Label", "Recognizer", "Score", "default_recognizers"]
