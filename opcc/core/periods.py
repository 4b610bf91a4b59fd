"""Periods the Order's information covers: a month, a quarter, a financial year, or any span of dates.

A period is written in ``data/`` as the office would say it::

    2018-05          May 2018
    2018-Q1          January to March 2018 (calendar quarters, as the Order's quarterly items are kept)
    2018/19          the financial year 1 April 2018 to 31 March 2019
    2018             the calendar year 2018
    2017-05-04/2021-05-05    any span: first and last day, ISO dates

:func:`parse_period` reads every form and :class:`Period` keeps the first and last day,
so a record can say which period it covers and the duty checker can ask whether it
covers the one that is due.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

FINANCIAL_YEAR_START_MONTH = 4  # the public sector's year runs from 1 April

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2}|\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_SPAN = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date  # the last day, inclusive
    text: str  # as written: "2018/19", "2018-05"

    def __str__(self) -> str:
        return self.text

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    @property
    def label(self) -> str:
        """The period in words: ``May 2018``, ``2018/19 (April to March)``."""
        if _MONTH.match(self.text):
            return f"{self.start:%B %Y}"
        if _FINANCIAL_YEAR.match(self.text):
            return f"financial year {self.text}"
        if _QUARTER.match(self.text):
            return f"{self.start:%B} to {self.end:%B %Y}"
        if _SPAN.match(self.text):
            return f"{_day(self.start)} to {_day(self.end)}"
        return self.text


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def month(year: int, number: int) -> Period:
    return Period(dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1]),
                  f"{year}-{number:02d}")


def quarter(year: int, number: int) -> Period:
    first = 3 * (number - 1) + 1
    return Period(dt.date(year, first, 1), month(year, first + 2).end, f"{year}-Q{number}")


def financial_year(start_year: int) -> Period:
    return Period(dt.date(start_year, FINANCIAL_YEAR_START_MONTH, 1),
                  dt.date(start_year + 1, FINANCIAL_YEAR_START_MONTH, 1) - dt.timedelta(days=1),
                  f"{start_year}/{(start_year + 1) % 100:02d}")


def financial_year_of(day: dt.date) -> Period:
    return financial_year(day.year if day.month >= FINANCIAL_YEAR_START_MONTH else day.year - 1)


def month_of(day: dt.date) -> Period:
    return month(day.year, day.month)


def quarter_of(day: dt.date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


EVERY = {"month": month_of, "quarter": quarter_of, "financial_year": financial_year_of}
"""The periods a periodic duty is kept in, each given by the period a day falls in."""


def periods(every: str, start: dt.date, end: dt.date) -> Iterator[Period]:
    """Every period of a kind (``month``, ``quarter``, ``financial_year``) that starts on or after
    ``start`` and no later than ``end``."""
    of = EVERY[every]
    period = of(start)
    if period.start < start:
        period = of(period.end + dt.timedelta(days=1))
    while period.start <= end:
        yield period
        period = of(period.end + dt.timedelta(days=1))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day where it is shorter): 31 May + 1 = 30 June."""
    index = day.year * 12 + day.month - 1 + months
    year, number = divmod(index, 12)
    return dt.date(year, number + 1, min(day.day, calendar.monthrange(year, number + 1)[1]))


def parse_period(value: object) -> Period | None:
    """A period from any of the forms in the module docstring; ``ValueError`` for anything else."""
    if value is None or isinstance(value, Period):
        return value
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, dict) and {"start", "end"} <= set(value):
        value = f"{value['start']}/{value['end']}"
    text = str(value).strip()
    if m := _MONTH.match(text):
        year, number = int(m[1]), int(m[2])
        if 1 <= number <= 12:
            return month(year, number)
    elif m := _QUARTER.match(text):
        return quarter(int(m[1]), int(m[2]))
    elif m := _FINANCIAL_YEAR.match(text):
        start = int(m[1])
        if int(m[2]) % 100 == (start + 1) % 100:
            return financial_year(start)
    elif m := _YEAR.match(text):
        year = int(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
    elif m := _SPAN.match(text):
        start, end = dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])
        if start <= end:
            return Period(start, end, text)
    raise ValueError(f"not a period: {text!r} (expected e.g. 2018-05, 2018-Q1, 2018/19, 2018, or first/last ISO dates)")


PeriodField = Annotated[
    Period,
    BeforeValidator(parse_period),
    PlainSerializer(lambda p: p.text, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["2018-05", "2018-Q1", "2018/19", "2018-04-01/2019-03-31"]}),
]
"""A period in a record: written as the office writes it, read as first and last day."""
