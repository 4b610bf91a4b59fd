"""UK dates in every printed style, always day first.

A date that could only be read month-first (``04/13/2018``) is refused, never
swapped: a UK publisher's ``10/04/2018`` is the 10th of April.
"""

from __future__ import annotations

import datetime as dt
import re

from opcc.core.text import normalise

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

_PATTERNS = [
    # 2018-04-10, 2018-04-03 00:00:00, 2018/04/10 (a year first is always followed by the month)
    (
        re.compile(r"(?<!\d)(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"),
        "ymd",
    ),
    # 10/04/2018, 3/11/17, 21.07.2023, 10-04-2018 (never the tail of a longer number or of a word:
    # 2018/04/10 is above, and 'Catch22 - 02.03.2018' is the 2nd of March)
    (re.compile(r"(?<!\w)(?P<d>\d{1,2})\s?[/.\-]\s?(?P<m>\d{1,2})\s?[/.\-]\s?(?P<y>\d{4}|\d{2})(?!\d)"), "dmy"),
    # 13th September 2017, 6 Oct 2023, 10-Apr-2018, 20-Jan-17, 01-JUN-2012
    (
        re.compile(
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?[\s\-/.]*(?P<mon>{_MONTH_NAMES})\.?,?[\s\-/.]*(?P<y>\d{{4}}|\d{{2}})(?!\d)",
            re.IGNORECASE,
        ),
        "dmony",
    ),
    # September 13th, 2017
    (
        re.compile(rf"(?P<mon>{_MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})", re.IGNORECASE),
        "mondy",
    ),
]

EXCEL_EPOCH = dt.date(1899, 12, 30)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years in these documents are this century; the Order dates from 2011.
        year += 2000
    return year


def _build(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    month = MONTHS[parts["mon"].lower()] if parts.get("mon") else int(parts["m"])
    try:
        return dt.date(_year(parts["y"]), month, int(parts["d"]))
    except ValueError:
        return None


def parse_date(value: object) -> dt.date | None:
    """One date from a cell or label value; ``None`` if there is none or it is not a real date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return excel_serial(value)
    text = normalise(str(value))
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):
        return excel_serial(float(text))
    for pattern, _ in _PATTERNS:
        m = pattern.search(text)
        if m:
            return _build(m)
    return None


_NUMERIC = re.compile(r"(?<!\d)(?P<a>\d{1,2})\s?[/.\-]\s?(?P<b>\d{1,2})\s?[/.\-]\s?(?:\d{4}|\d{2})(?!\d)")


def numeric_order(text: str) -> str | None:
    """How a numeric date such as ``04/05/2018`` can be read: ``"day first"`` only (13/04/2018),
    ``"month first"`` only (04/13/2018), ``"either"`` (04/05/2018), or ``None`` (not such a date).

    Every date is read day first; a return that also prints dates only month first
    casts doubt on its dates that read either way, which are then flagged.
    """
    m = _NUMERIC.search(normalise(text))
    if not m:
        return None
    a, b = int(m["a"]), int(m["b"])
    if a == b or (a > 12 and b > 12):
        return None  # the same either way, or no date at all
    if a <= 12 < b:
        return "month first"
    return "day first" if b <= 12 < a else "either"


def find_dates(text: str) -> list[tuple[dt.date, int, int]]:
    """Every date in running text with its span, in order of appearance."""
    text = normalise(text)
    found: list[tuple[dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pattern, _ in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            date = _build(m)
            if date:
                found.append((date, m.start(), m.end()))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda item: item[1])


def excel_serial(serial: float) -> dt.date | None:
    """An Excel serial day number (``40302`` is 2010-05-04); only plausible years are accepted."""
    if not 20000 < serial < 80000:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))
