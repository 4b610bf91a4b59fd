"""Which field a column header means, by a vocabulary of header words kept as data (YAML).

A table reader never relies on a template: it finds the header row by how many of
its cells name fields, then maps each header cell to a field. The words are data,
one YAML file per kind of table (``ingest/vocab/spend_columns.yml`` for spend; a
register of gifts or grants has its own)::

    fuzzy_min: 90                 # a close spelling (a typo) counts at this rapidfuzz ratio
    header:
      key_fields: [date, supplier, amount]
      min_score: 4                # a header row's fields named, plus its key fields named again
    required: [date, supplier, amount]   # a table needs these, named or known by content
    content: {date: date, amount: amount, supplier: name, ...}   # see ingest.tables.roles
    fields:
      date: [date, transaction date, ...]   # best first: of two columns, the earlier word wins

A header cell is compared after case-folding, dropping currency signs and
punctuation and collapsing spaces (``" * Amount (£) "`` -> ``"amount"``). A cell
that names no field whole may name one in a part: a bilingual ``Dyddiad / Date``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import zip_longest
from pathlib import Path

from rapidfuzz import fuzz

from opcc.core.text import comparable
from opcc.core.yaml_io import read_yaml

VOCAB_DIR = Path(__file__).resolve().parent.parent / "vocab"

CURRENCY = "£$€\u0153\u00fa"
"""Currency signs dropped from a header, and what a '£' turns into when a file's code page is
guessed wrong (a DOS '£', byte 0x9C, read as Windows-1252 is 'œ'; a Windows '£', 0xA3, read as
a DOS code page is 'ú'): the header words must not depend on the encoding guess."""

CELL_MEMORY = 1 << 16
"""Header cells whose match is remembered: a series of returns repeats a few dozen."""

CURRENCY_ONLY = {"£", "£s", "(£)", "GBP", "$", "€"}
"""A header cell that is only a currency sign: the column of amounts."""

_PART_SEPARATORS = re.compile(r"\s*[/|\n]\s*|\s+-\s+")
"""Where a bilingual or doubled header splits into parts: ``Dyddiad / Date``, ``Swm | Amount``."""


def header_key(text: object) -> str:
    """A header cell as compared with the vocabulary: ``" Amount (£) "`` -> ``"amount"``."""
    text = comparable(str(text or ""))
    text = re.sub(f"[{CURRENCY}_]", " ", text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


@dataclass(frozen=True)
class Match:
    field: str
    rank: int  # the variant's place in its field's list: earlier variants win ties
    score: float  # 100 for an exact match, else the rapidfuzz ratio


@dataclass(eq=False)
class Vocabulary:
    """The header words of one kind of table, and what makes a row its header."""

    fields: dict[str, list[str]]
    """Field -> its header words as keys (:func:`header_key`), best first."""
    fuzzy_min: float = 90.0
    key_fields: tuple[str, ...] = ()
    min_score: int = 3
    """A row is a header when the fields it names, plus the key fields among them, reach this."""
    required: tuple[str | tuple[str, ...], ...] = ()
    """Fields a table needs; an entry of several fields needs any one of them."""
    content: dict[str, str] = field(default_factory=dict)
    """Field -> what its cells hold (``date``, ``amount``, ``name``, ``category``, ``code``, ``prose``)."""
    other: frozenset[str] = frozenset()
    """Header words of columns that hold none of the fields (``VAT``, ``Supplier ID``): never
    matched to a field by a close spelling, nor taken for one by their content."""
    _matches: dict[str, Match | None] = field(default_factory=dict, repr=False)
    _cells: dict[str, Match | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_yaml(cls, path: Path) -> Vocabulary:
        raw = read_yaml(path)
        header = raw.get("header", {})
        return cls(
            fields={name: [header_key(v) for v in variants] for name, variants in raw["fields"].items()},
            fuzzy_min=float(raw.get("fuzzy_min", 90)),
            key_fields=tuple(header.get("key_fields", ())),
            min_score=int(header.get("min_score", 3)),
            required=tuple(tuple(r) if isinstance(r, list) else r for r in raw.get("required", ())),
            content=dict(raw.get("content", {})),
            other=frozenset(header_key(v) for v in raw.get("other", [])),
        )

    def match(self, text: object) -> Match | None:
        """The field one header cell names, or ``None``."""
        raw = str(text or "")
        if raw in self._cells:
            return self._cells[raw]
        found = self._match_cell(raw)
        if len(self._cells) < CELL_MEMORY:
            self._cells[raw] = found
        return found

    def _match_cell(self, raw: str) -> Match | None:
        key = header_key(raw)
        if key in self.other:
            return None
        if not key and raw.strip() in CURRENCY_ONLY:  # a column headed just "£" holds the money
            return next((Match(name, 0, 100.0) for name, kind in self.content.items() if kind == "amount"), None)
        found = self._match_key(key)
        if found is None or found.score < 100:  # a bilingual cell may name its field in one part
            parts = [self._match_key(header_key(p)) for p in _PART_SEPARATORS.split(raw.strip())]
            found = max([m for m in [found, *parts] if m], key=lambda m: (m.score, -m.rank), default=None)
        return found

    def _match_key(self, key: str) -> Match | None:
        if key not in self._matches:  # a series of monthly files repeats the same few headers
            self._matches[key] = self._fuzzy(key)
        return self._matches[key]

    def _fuzzy(self, key: str) -> Match | None:
        if not key:
            return None
        best: Match | None = None
        for name, variants in self.fields.items():
            for rank, variant in enumerate(variants):
                score = 100.0 if key == variant else fuzz.ratio(key, variant)
                if score >= self.fuzzy_min and (best is None or (score, -rank) > (best.score, -best.rank)):
                    best = Match(name, rank, score)
        return best

    def map_columns(self, headers: list[object]) -> dict[int, str]:
        """Column position -> field for a header row; each field is taken by its best-matching column."""
        claims: dict[str, tuple[float, int, int]] = {}
        for position, text in enumerate(headers):
            found = self.match(text)
            if found:
                claim = (found.score, -found.rank, -position)
                if found.field not in claims or claim > claims[found.field]:
                    claims[found.field] = claim
        return dict(sorted((-claim[2], name) for name, claim in claims.items()))

    def is_header(self, cells: list[object]) -> bool:
        """Whether a row of cells reads as this kind of table's header row."""
        named = set(self.map_columns(cells).values())
        return len(named) + len(named & set(self.key_fields)) >= self.min_score

    def missing(self, fields) -> list[str]:
        """The required fields a column map lacks (of a list of alternatives, the first)."""
        have = set(fields)
        return [_first(need) for need in self.required if not have & set(_options(need))]


def _options(need: str | tuple[str, ...]) -> tuple[str, ...]:
    return need if isinstance(need, tuple) else (need,)


def _first(need: str | tuple[str, ...]) -> str:
    return _options(need)[0]


@cache
def load_vocabulary(name: str) -> Vocabulary:
    """A vocabulary shipped in ``ingest/vocab``: ``load_vocabulary("spend_columns")``."""
    return Vocabulary.from_yaml(VOCAB_DIR / f"{name}.yml")


# --- the header row -------------------------------------------------------------------------

HEADER_SEARCH_ROWS = 50
"""A reader looks for the header row among this many rows at most (title blocks are short)."""


@dataclass(frozen=True)
class HeaderRow:
    index: int  # the header's first row
    span: int  # how many rows it is printed over (1, or 2 for a stacked header)
    cells: list[str]


def find_header(rows: list[list[object]], vocabulary: Vocabulary) -> HeaderRow | None:
    """The header of ``rows``: the one place a grid's header row is found.

    A row that names enough fields, a date among them, is the header. A header printed
    over two rows ("Transaction" above "Date") names them only with the rows joined
    column by column, so that is tried next. Failing both, a row naming fields but no
    date is the header (its date column may yet be known by its content).
    """
    index = next((i for i, row in enumerate(rows) if vocabulary.is_header(_cells(row))), None)
    if index is not None and _dated(vocabulary, _cells(rows[index])):
        return HeaderRow(index, 1, _cells(rows[index]))
    for first in [index] if index is not None else range(len(rows)):
        if first + 1 < len(rows):
            joined = [" ".join(filter(None, pair)) for pair in zip_longest(_cells(rows[first]), _cells(rows[first + 1]))]
            if vocabulary.is_header(joined) and _dated(vocabulary, joined):
                return HeaderRow(first, 2, joined)
    return None if index is None else HeaderRow(index, 1, _cells(rows[index]))


def _dated(vocabulary: Vocabulary, cells: list[str]) -> bool:
    """Whether a header names the table's date column (any header does, for a table without dates)."""
    return "date" not in vocabulary.fields or "date" in vocabulary.map_columns(cells).values()


def _cells(row: list[object]) -> list[str]:
    return [str(c).strip() if c is not None else "" for c in row]
