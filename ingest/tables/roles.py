"""Columns known by their content, where the header's words do not settle what they hold.

The header's words come first (:mod:`.vocabulary`). Then each column the words left
unnamed is profiled from a sample of its cells (:func:`profile`) and given a kind:

* ``date`` - nearly every cell reads as a date;
* ``amount`` - nearly every cell reads as a sum of money;
* for text: ``code`` (nearly all distinct, short, no spaces: references), ``category``
  (few distinct values, repeated: expense types, departments), ``prose`` (long, many
  words: descriptions) and ``name`` (the rest: payees, with company suffixes scoring up).

A field the table needs (``required`` in the vocabulary) that the words did not
find is taken by the one unnamed column whose kind is the field's (``content`` in
the vocabulary). Where several columns fit, the best is taken only when it clearly
beats the next (``CLEAR_MARGIN``); otherwise the field stays unfound and the caller
refuses or flags: a role is never guessed. Every column taken by content is noted,
for the record and a person's eyes.

These are the heuristics of column roles, all in this one place.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from ingest.dates import parse_date
from ingest.money import parse_amount

from .vocabulary import Vocabulary, header_key

SAMPLE = 400
"""Cells profiled per column: spread over the table, enough to tell kinds apart."""
MOSTLY = 0.9
"""A column is of the date or amount kind when this share of its filled cells reads as one."""
MIN_CELLS = 2
"""A column with fewer filled cells than this cannot be told by its content."""
CLEAR_MARGIN = 0.15
"""Of several text columns that could be a field, the best must beat the next by this score."""
MAGNITUDES = 3
"""Sums of money without pence still spread over orders of magnitude (£600, £2,268, £63,224);
a column of codes keeps to a length or two."""
PENCE_MARGIN = 0.3
"""Of two columns of figures, the one with pence in this much larger a share of cells is the money."""
SHORT_DATE = 20
"""A date cell is short: a longer cell that mentions a date is a note."""

COMPANY_WORDS = re.compile(
    r"\b(?:ltd|limited|plc|llp|llc|inc|cic|co|company|trust|council|services|group|uk|associates|partnership|"
    r"solicitors|consulting|society|foundation|university|college|school|centre|charity|police|constabulary)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Profile:
    filled: int
    dates: float  # shares of the filled cells
    amounts: float
    pence: float  # amounts printed with pence (a point and two digits)
    distinct: float
    words: float  # mean words per cell
    length: float  # mean characters per cell
    company: float
    spaced: float  # cells with a space in them
    fixed_digits: bool = False  # every cell is digits only, all of one length: a code, not money
    magnitudes: int = 0  # how many lengths the figures' whole pounds come in

    @property
    def kind(self) -> str | None:
        if self.filled < MIN_CELLS:
            return None
        if self.dates >= MOSTLY:
            return "date"
        if self.fixed_digits:
            return "code"
        if self.amounts >= MOSTLY and (self.pence >= 0.5 or self.distinct < MOSTLY or self.magnitudes >= MAGNITUDES):
            return "amount"
        if self.distinct >= MOSTLY and self.length <= 20 and self.spaced < 0.1:
            return "code"
        return "text"

    def score(self, content: str) -> float:
        """How well a text column fits a field that holds ``content`` (0-1).

        Names (payees) carry company words and repeat a little; categories repeat a lot;
        prose runs to many words, mostly distinct.
        """
        if content == "name":
            return 0.35 * self.company + 0.35 * min(1.0, 2 * self.distinct) + 0.3 * (1 - abs(min(self.words, 6) - 2.5) / 3.5)
        if content == "prose":
            return min(1.0, self.words / 8) * 0.6 + 0.4 * self.distinct
        if content == "category":
            return 1 - self.distinct
        return 0.0


def profile(column: pa.ChunkedArray | pa.Array) -> Profile:
    """A column's content, from a sample of its filled cells spread over the table."""
    cells = pc.drop_null(column)
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    step = max(1, len(cells) // SAMPLE)
    sample = [c.strip() for c in cells[::step].to_pylist()[:SAMPLE] if c and c.strip()]
    count = len(sample)
    if not count:
        return Profile(0, 0, 0, 0, 0, 0, 0, 0, 0)
    dates = sum(1 for c in sample if len(c) <= SHORT_DATE and parse_date(c) is not None and not _plain_number(c))
    amounts = [c for c in sample if any(ch.isdigit() for ch in c) and parse_amount(c) is not None]
    return Profile(
        filled=count,
        dates=dates / count,
        amounts=len(amounts) / count,
        pence=sum(1 for c in amounts if re.search(r"\.\d\d\b", c)) / max(1, len(amounts)),
        distinct=len(set(sample)) / count,
        words=sum(len(c.split()) for c in sample) / count,
        length=sum(len(c) for c in sample) / count,
        company=sum(1 for c in sample if COMPANY_WORDS.search(c)) / count,
        spaced=sum(1 for c in sample if " " in c) / count,
        fixed_digits=all(c.isdigit() for c in sample) and len({len(c) for c in sample}) == 1,
        magnitudes=len({len(re.sub(r"\D", "", c.split(".")[0])) for c in amounts}),
    )


def _plain_number(cell: str) -> bool:
    """``43191`` reads as an Excel date serial, but in a column of amounts it is 43,191 pounds."""
    return cell.isdigit() and len(cell) != 5


def infer_columns(
    header: list[str], body: pa.Table, columns: dict[int, str], vocabulary: Vocabulary
) -> tuple[dict[int, str], list[str]]:
    """``columns`` (from the header's words) with the required fields they lack found by content,
    where one column clearly holds each; and a note on each column so taken.

    The columns the words left unnamed are looked at first. A text field (the payee) may
    also be found in a column whose words named a field the table can do without (an
    ``Account Name`` holding payees, not account names), when it fits far better.
    """
    missing = vocabulary.missing(columns.values())
    if not missing:
        return columns, []
    columns = dict(columns)
    needed = {name for need in vocabulary.required for name in (need if isinstance(need, tuple) else (need,))}
    usable = [
        i for i in range(len(header))
        if str(i) in body.column_names and header_key(header[i]) not in vocabulary.other and columns.get(i) not in needed
    ]
    body = _entry_rows(body)
    profiles = {i: profile(body.column(str(i))) for i in usable}
    notes = []
    for name in missing:
        content = vocabulary.content.get(name) or "name"
        free = {i: p for i, p in profiles.items() if i not in columns}
        chosen = _choose(content, free)
        if chosen is None and content not in ("date", "amount", "code"):
            named = {i: p for i, p in profiles.items() if i in columns and columns[i] not in needed}
            chosen = _choose(content, {**free, **named})
        if chosen is not None:
            displaced = columns.get(chosen)
            columns[chosen] = name
            shown = header[chosen].strip() or f"column {chosen + 1}"
            notes.append(f"column {shown!r} read as the {name.replace('_', ' ')}, by its cells"
                         + (f" (its heading named the {displaced.replace('_', ' ')})" if displaced else ""))
    return dict(sorted(columns.items())), notes


ENTRY_CELLS = 3
"""Rows with fewer filled cells (group headings, totals, notes) are left out of the profiles."""


def _entry_rows(body: pa.Table) -> pa.Table:
    columns = [c for c in body.column_names if c != "problem"]
    if not columns or not body.num_rows:
        return body
    filled = functools.reduce(pc.add, [pc.cast(pc.is_valid(body.column(c)), pa.int16()) for c in columns])
    entries = pc.greater_equal(filled, min(ENTRY_CELLS, len(columns)))
    return body.filter(entries) if pc.any(entries).as_py() else body


def _choose(content: str, profiles: dict[int, Profile]) -> int | None:
    """The one column that holds ``content``, or ``None`` when none does or it cannot be told."""
    if content in ("date", "amount", "code"):
        fits = sorted(((p.pence, i) for i, p in profiles.items() if p.kind == content), reverse=True)
        if len(fits) > 1 and content == "amount" and fits[0][0] - fits[1][0] >= PENCE_MARGIN:
            return fits[0][1]  # money is printed with its pence; counts and codes are not
        return fits[0][1] if len(fits) == 1 else None
    scored = sorted(((p.score(content), i) for i, p in profiles.items() if p.kind == "text"), reverse=True)
    if not scored or (len(scored) > 1 and scored[0][0] - scored[1][0] < CLEAR_MARGIN):
        return None
    return scored[0][1]
