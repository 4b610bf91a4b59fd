"""A table as a reader found it: its header, the cells below it as text, the lines above it, and
what became of every row the reader did not hand on."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from ingest.dates import parse_date
from ingest.errors import RefusedInput
from ingest.money import parse_amount

from .roles import infer_columns
from .vocabulary import Vocabulary

SHORT_DATE = 20
"""A cell this long that holds a date is a date ("4 April 2018"), not a note that mentions one."""


@dataclass
class Grid:
    header: list[str]
    body: pa.Table
    """Text cells below the header; column ``"i"`` under ``header[i]``; may carry a ``problem`` column."""
    heading: list[str] = field(default_factory=list)
    """Non-empty lines above the header (titles, report parameters), for the body's name and period."""
    name: str | None = None
    """The sheet's name, for a workbook."""
    skipped: Counter = field(default_factory=Counter)
    """Rows of the source the reader did not put in ``body``, by why: ``title``, ``header``, ``blank``."""
    columns: dict[int, str] = field(default_factory=dict)
    """Column position -> field, once :meth:`map` has decided it."""
    notes: list[str] = field(default_factory=list)
    """How columns were decided where the header's words did not settle it, for a person to check."""
    not_read: str | None = None
    """Why a sheet gave no table (``no header row``, ``empty``); ``None`` for a table."""
    stray_entries: int = 0
    """Rows skipped (a title line, or a whole sheet not read) that carry both a date and an amount:
    they may be entries the reader missed, so a person must look."""

    @property
    def rows(self) -> int:
        """The rows of the source this table accounts for."""
        return self.body.num_rows + sum(self.skipped.values())

    def map(self, vocabulary: Vocabulary) -> dict[int, str]:
        """Decide which field each column holds: by the header's words (:mod:`.vocabulary`), then
        the fields the table needs and the words did not name by the columns' cells (:mod:`.roles`)."""
        self.columns, notes = infer_columns(self.header, self.body, vocabulary.map_columns(self.header), vocabulary)
        self.notes += notes
        return self.columns

    def without_columns(self, vocabulary: Vocabulary) -> Grid:
        """This grid, or, if it lacks a column the vocabulary requires, a grid that says so and
        accounts for its rows as not read (a summary table on a sheet of its own, say)."""
        missing = vocabulary.missing(self.columns.values())
        if not missing:
            return self
        rows = [list(row.values()) for row in self.body.drop_columns(
            [c for c in self.body.column_names if c == "problem"]).to_pylist()]
        return Grid(self.header, text_table([], 0), self.heading, self.name,
                    Counter({**self.skipped, "not a table": self.body.num_rows}),
                    not_read=f"no {' or '.join(missing)} column", stray_entries=self.stray_entries + stray_entries(rows))

    def by_field(self) -> pa.Table:
        """The body's columns named by the fields they hold; other columns dropped."""
        columns = {name: self.body.column(str(i)) for i, name in self.columns.items()}
        if "problem" in self.body.column_names:
            columns["problem"] = self.body.column("problem")
        return pa.table(columns) if columns else pa.table({"problem": pa.nulls(self.body.num_rows, pa.string())})


HEADER_CANDIDATES = 200
"""Distinct rows looked at as a later header, at most: a table has a few headers, while a source
with thousands of wordy rows is junk or prose, whose rows are then counted as unreadable."""
MIN_HEADER_CELLS = 2
"""A later header row fills at least this many cells (a group heading fills one)."""


def split_at_headers(grid: Grid, vocabulary: Vocabulary) -> list[Grid]:
    """A grid cut at every later header row in its body: a second table part-way down a sheet
    (with its own columns, say the amount elsewhere) is read by its own header.

    Only rows whose date and amount cells hold no digit can be a header, so the search
    is a few vectorised passes over a table of payments.
    """
    by_content = {vocabulary.content.get(name): i for i, name in grid.columns.items()}
    keys = [str(by_content[k]) for k in ("date", "amount") if k in by_content]
    if not keys or grid.body.num_rows < 2:
        return [grid]
    body = grid.body
    largest = pc.max(body.column(keys[0])).as_py()
    if largest is None or largest < "A":  # every cell starts with a figure (or sorts below letters): no header
        return [grid]
    candidate = None
    for key in keys:
        no_digit = pc.invert(pc.fill_null(pc.match_substring_regex(body.column(key), r"\d"), False))
        candidate = no_digit if candidate is None else pc.and_(candidate, no_digit)
    filled = functools.reduce(pc.add, [
        pc.cast(pc.is_valid(body.column(c)), pa.int16()) for c in body.column_names if c != "problem"
    ])
    candidate = pc.and_(candidate, pc.greater_equal(filled, MIN_HEADER_CELLS))
    indices = pc.indices_nonzero(candidate).to_pylist()
    width = len(grid.header)
    starts = []
    looked: set[tuple] = set()
    for index in indices:
        cells = tuple(body.column(str(i))[index].as_py() or "" for i in range(width))
        if cells not in looked and len(looked) < HEADER_CANDIDATES:
            looked.add(cells)
            if vocabulary.is_header(list(cells)):
                starts.append((index, [str(c).strip() for c in cells]))
    if not starts:
        return [grid]
    first_end = starts[0][0]
    out = [Grid(grid.header, body.slice(0, first_end), grid.heading, grid.name, grid.skipped, notes=grid.notes,
                stray_entries=grid.stray_entries)]
    out[0].map(vocabulary)
    for n, (index, header) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else body.num_rows
        part = Grid(header, body.slice(index + 1, end - index - 1), [], grid.name, Counter(header=1))
        part.map(vocabulary)
        out.append(part)
    return out


def stray_entries(rows: list[list[object]]) -> int:
    """How many rows carry a date-like cell and, in another cell, an amount-like one."""
    return sum(1 for row in rows if _carries_entry(row))


def _carries_entry(row: list[object]) -> bool:
    dated = [i for i, cell in enumerate(row) if _date_like(cell)]
    return bool(dated) and any(i not in dated and _amount_like(cell) for i, cell in enumerate(row))


def _date_like(cell: object) -> bool:
    if isinstance(cell, (dt.date, dt.datetime)):
        return True
    return isinstance(cell, str) and len(cell) <= SHORT_DATE and parse_date(cell) is not None


def _amount_like(cell: object) -> bool:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return True
    return isinstance(cell, str) and any(ch.isdigit() for ch in cell) and parse_amount(cell) is not None


def text_table(
    rows: list[list[str | None]], width: int, problems: list[str | None] | None = None
) -> pa.Table:
    """Rows of text cells (already padded to ``width``) as an Arrow table with columns ``"0"``, ``"1"``, ..."""
    columns = {str(i): pa.array([row[i] for row in rows], type=pa.string()) for i in range(width)}
    if problems is not None:
        columns["problem"] = pa.array(problems, type=pa.string())
    return pa.table(columns)


def refuse_without_header(vocabulary: Vocabulary, looked_at: int) -> RefusedInput:
    """The refusal for a table whose header row cannot be found. It names no cell of the file:
    a refusal is printed and logged, and must never carry what a file holds."""
    keys = ", ".join(vocabulary.key_fields) or "its fields"
    return RefusedInput(
        f"no table header: none of the first {looked_at} rows names enough columns ({keys}); "
        "totals per supplier without dates are not a list of payments"
    )


def refuse_missing(missing: list[str]) -> RefusedInput:
    """The refusal for a table that lacks a column it needs, by field (never by the file's words)."""
    return RefusedInput(
        f"the table has no {' or '.join(missing)} column, by its header or by its cells"
        + ("; totals per supplier without dates are not a list of payments" if "date" in missing else "")
    )
