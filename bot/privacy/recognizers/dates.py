"""Dates that identify someone: birthdays, dates of birth, numeric and spelled dates."""

from __future__ import annotations

import re
from typing import List

from bot.privacy.recognizers.base import Candidate, Label, Score

IGNORE_CASE = re.IGNORECASE

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DATE_NUMERIC = re.compile(
    r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2})(?![\d/-]|[.]\d)"
)
DATE_DAY_MONTH = re.compile(
    r"\b" + DAY + r"\s+(?:of\s+)?" + MONTHS + r"(?:,?\s+(?:\d{4}|'\d{2}))?\b", IGNORE_CASE
)
DATE_MONTH_DAY = re.compile(
    r"\b" + MONTHS + r"\s+" + DAY + r"(?:,?\s+(?:\d{4}|'\d{2}))?(?![\d:])\b", IGNORE_CASE
)
DATE_BIRTH = re.compile(
    r"\b(?:born\s+(?:on|in)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*day\s+is|bday\s+is|b-day\s+is)\s*(?:is|:|-)?\s*"
    r"((?:"
    + MONTHS
    + r"\s+)?(?:19|20)\d{2}|"
    + MONTHS
    + r"(?=\s|$|[.,!?])|\d{1,2}[/.-]\d{1,2}(?![/.-]?\d))",
    IGNORE_CASE,
)


class DateRecognizer:
    name = "dates"

    def find(self, view) -> List[Candidate]:
        text = view.folded
        out: List[Candidate] = []
        if view.has_digit:
            for m in view.digit_scan(DATE_NUMERIC):
                out.append(Candidate(m.start(), m.end(), Label.DATE, Score.DATE_NUMERIC))
            for rx in (
                (DATE_DAY_MONTH, DATE_MONTH_DAY) if not view.words.isdisjoint(_MONTH_WORDS) else ()
            ):
                for m in rx.finditer(text):
                    out.append(Candidate(m.start(), m.end(), Label.DATE, Score.DATE_WORDS))
        for m in DATE_BIRTH.finditer(text) if not view.words.isdisjoint(_BIRTH_WORDS) else ():
            out.append(Candidate(m.start(1), m.end(1), Label.DATE, Score.DATE_OF_BIRTH))
        return out


_MONTH_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october "
    "nov november dec december".split()
)
_BIRTH_WORDS = frozenset("born dob d o date birth birthday bday b day".split())
