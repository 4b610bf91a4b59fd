"""Which spend field a column header means, by the vocabulary in ``ingest/vocab/spend_columns.yml``.

Readers never rely on a template: they find the header row by how many cells it
names, then map each header cell to a :class:`~opcc.core.model.SpendRow` field.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from ingest.errors import RefusedInput
from opcc.core.text import comparable

VOCAB_PATH = Path(__file__).resolve().parent.parent / "vocab" / "spend_columns.yml"

REQUIRED_FIELDS = ("supplier", "amount")
"""A header row must name at least these, and one more field, to be taken as the header."""

MIN_HEADER_FIELDS = 3

HEADER_SEARCH_ROWS = 50
"""A reader looks for the header row among this many rows at most (title blocks are short)."""


def header_key(text: object) -> str:
    """A header cell as compared with the vocabulary: ``" Amount (£) "`` -> ``"amount"``."""
    text = comparable(str(text or "")).replace("£", " ").replace("_", " ")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, list[str]], float]:
    raw = yaml.safe_load(VOCAB_PATH.read_text(encoding="utf-8"))
    fields = {field: [header_key(v) for v in variants] for field, variants in raw["fields"].items()}
    return fields, float(raw["fuzzy_min"])


def match_header(text: object) -> tuple[str, int, float] | None:
    """``(field, variant rank, similarity)`` for one header cell, or ``None`` if it names no field."""
    return _match_key(header_key(text))


@lru_cache(maxsize=4096)
def _match_key(key: str) -> tuple[str, int, float] | None:
    """Cached: a series of monthly files repeats the same few headers thousands of times."""
    if not key:
        return None
    fields, fuzzy_min = _vocabulary()
    best: tuple[str, int, float] | None = None
    for field, variants in fields.items():
        for rank, variant in enumerate(variants):
            score = 100.0 if key == variant else fuzz.ratio(key, variant)
            if score < fuzzy_min:
                continue
            if best is None or (score, -rank) > (best[2], -best[1]):
                best = (field, rank, score)
    return best


def map_columns(headers: list[object]) -> dict[int, str]:
    """Column position -> field for a header row; each field is taken by its best-matching column."""
    claims: dict[str, tuple[float, int, int]] = {}
    for position, text in enumerate(headers):
        found = match_header(text)
        if not found:
            continue
        field, rank, score = found
        claim = (score, -rank, -position)
        if field not in claims or claim > claims[field]:
            claims[field] = claim
    return dict(sorted((-claim[2], field) for field, claim in claims.items()))


def is_header(cells: list[object]) -> bool:
    """Whether a row of cells reads as a spend table's header row."""
    fields = set(map_columns(cells).values())
    return all(f in fields for f in REQUIRED_FIELDS) and len(fields) >= MIN_HEADER_FIELDS


def require_date(fields: list[str], headers: list[object]) -> None:
    """Refuse a table without a payment-date column: totals per supplier are not payments."""
    if "date" not in fields:
        shown = ", ".join(str(h).strip() for h in headers if str(h or "").strip())
        raise RefusedInput(f"the spend table has no payment date column (columns: {shown})")


def find_header(rows: list[list[object]]) -> int | None:
    """Index of the first row that is a header row, or ``None``."""
    return next((index for index, row in enumerate(rows) if is_header(row)), None)


def locate_header(rows: list[list[object]]) -> tuple[int, int, list[str]] | None:
    """The header: (its first row, how many rows it spans, its cells), or ``None``.

    A row that names enough fields, a date among them, is the header. A header printed
    over two rows ("Transaction" above "Date") names them only with the rows joined
    column by column, so that is tried next.
    """
    index = find_header(rows)
    if index is not None and "date" in map_columns(rows[index]).values():
        return index, 1, _cells(rows[index])
    for first in [index] if index is not None else range(len(rows)):
        if first + 1 < len(rows):
            joined = [" ".join(filter(None, pair)) for pair in zip_longest(_cells(rows[first]), _cells(rows[first + 1]))]
            if is_header(joined) and "date" in map_columns(joined).values():
                return first, 2, joined
    return None if index is None else (index, 1, _cells(rows[index]))


def _cells(row: list[object]) -> list[str]:
    return [str(c).strip() if c is not None else "" for c in row]
