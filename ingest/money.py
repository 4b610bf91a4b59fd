"""Money as printed in notices and returns, read into exact ``Decimal`` pounds.

Two readers: :func:`parse_amount` for a cell that should hold exactly one amount
(spend returns), strict, returning ``None`` rather than guessing; and
:func:`find_amounts` for money mentioned in prose (``£2.8m``, ``£15 – 30K``).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from opcc.core.text import normalise

_MULTIPLIERS = {"": 1, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}
_MULTIPLIER_WORDS = {"thousand": "k", "million": "m", "billion": "bn"}

CELL_PATTERN = (
    r"^(?P<open>\()?\s*(?P<sign>[-+])?\s*£?\s*(?P<open2>\()?\s*(?P<sign2>-)?\s*£?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<pence>\.\d{1,2})?\s*(?P<close>\))?\s*(?P<trail>-)?\s*(?P<cr>CR|DR|Cr|Dr)?\s*$"
)
"""A cell that is exactly one amount, once normalised: optional brackets and sign, optional £,
digits with thousands separators in the right places (or none), optional pence, an optional
trailing minus (``250.00-``, as some ledgers print a credit), optional CR/DR. Written for both Python's ``re`` and RE2, so that the column reader
(:func:`ingest.spend.frame.read_amounts`) accepts exactly the cells this module does."""
_CELL = re.compile(CELL_PATTERN)


def parse_amount(text: object) -> Decimal | None:
    """Read one amount from a cell; ``None`` if the cell is not exactly one well-formed amount.

    >>> parse_amount("(1,234.56)"), parse_amount("1,234.56 CR"), parse_amount("£92.486.65")
    (Decimal('-1234.56'), Decimal('-1234.56'), None)
    """
    if text is None:
        return None
    if isinstance(text, Decimal):
        return text.quantize(Decimal("0.01"))
    if isinstance(text, int) and not isinstance(text, bool):
        return Decimal(text).quantize(Decimal("0.01"))
    if isinstance(text, float):
        # Spreadsheet cells arrive as binary floats; repr() gives the shortest exact
        # decimal that round-trips, and a sheet shows it to the penny rounding halves
        # away from zero (0.125 shows as 0.13), as the published figure does.
        return Decimal(repr(text)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    s = normalise(str(text))
    if not s:
        return None
    m = _CELL.match(s)
    if not m:
        return None
    parens = bool(m["open"] or m["open2"])
    if parens != bool(m["close"]):
        return None
    try:
        value = Decimal(m["num"].replace(",", "") + (m["pence"] or ""))
    except InvalidOperation:
        return None
    signs = [m["sign"] == "-", m["sign2"] == "-", bool(m["trail"])]
    if sum(signs) > 1:
        return None  # "-250.00-": which minus is meant cannot be told
    negative = parens or any(signs) or (m["cr"] or "").upper() == "CR"
    return (-value if negative else value).quantize(Decimal("0.01"))


# Money in prose: "£2.8m", "£752.7k", "£36,000", "30K", "£15 – 30K", "£1.2 million".
_PROSE = re.compile(
    r"""(?P<pound>£)\s?(?P<a>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<ma>bn|m|k|million|thousand|billion)?\b
        (?:\s?(?:-|to)\s?£?(?P<b>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<mb>bn|m|k|million|thousand|billion)?\b)?
      | (?<![\w.£/])(?P<c>\d+(?:\.\d+)?)(?P<mc>[kK])\b""",
    re.VERBOSE | re.IGNORECASE,
)


def _scale(number: str, suffix: str | None) -> Decimal:
    suffix = (suffix or "").lower()
    suffix = _MULTIPLIER_WORDS.get(suffix, suffix)
    return (Decimal(number.replace(",", "")) * _MULTIPLIERS[suffix]).quantize(Decimal("0.01"))


def find_amounts(text: str | None) -> list[Decimal]:
    """Every money figure mentioned in prose, unique, largest first.

    A range gives both ends, the lower end taking the upper's multiplier when it has
    none of its own (``£15 – 30K`` is 15,000 to 30,000).

    >>> find_amounts("raising £2.8m, an additional £0.4m; fees of £15 – 30K")
    [Decimal('2800000.00'), Decimal('400000.00'), Decimal('30000.00'), Decimal('15000.00')]
    """
    if not text:
        return []
    found: set[Decimal] = set()
    for m in _PROSE.finditer(normalise(text)):
        if m["c"]:
            found.add(_scale(m["c"], m["mc"]))
            continue
        high_suffix = m["mb"] or None
        if m["b"]:
            found.add(_scale(m["a"], m["ma"] or high_suffix))
            found.add(_scale(m["b"], high_suffix or m["ma"]))
        else:
            found.add(_scale(m["a"], m["ma"]))
    return sorted(found, reverse=True)
