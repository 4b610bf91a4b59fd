"""Every row of a spend return accounted for: read as a payment, or skipped with the reason.

A return's ledger has one :class:`~opcc.core.model.TableLedger` per table (a CSV's
table, each sheet of a workbook, a PDF's table): the rows the table has, the rows
read as payments, and the rows skipped by why. What the readers skip (``title``
lines above a header, ``header`` rows, ``blank`` lines, a whole sheet that is
``not a table``) and what the frame builder drops (``blank``, ``note``, ``total``,
``unreadable``) together make up the difference, so a ledger always balances, and
what was skipped is there for a person to see (``opcc ingest``, ``opcc review``,
the site's month page).

The ledger also decides when a skip needs a person's look, or is too much to publish:

* rows skipped that carry both a date and an amount (a title line, a sheet whose
  header was not recognised) may be missed payments: the return is flagged;
* rows with neither a readable date nor a readable amount are not payments: the
  return is flagged with their count; and when they are most of the source (junk
  under a valid header), it is refused.
"""

from __future__ import annotations

from collections import Counter

from ingest.errors import RefusedInput
from ingest.tables import Grid, PdfTable
from opcc.core.model import ReviewFlag, TableLedger

from .frame import SpendMetadata

MOST = 0.5
"""A source whose unreadable rows are more than this share of its data rows is refused."""


def grid_ledgers(grids: list[Grid], meta: SpendMetadata) -> tuple[list[TableLedger], list[ReviewFlag]]:
    """The ledger of a CSV or workbook (one entry per grid, in order) and the flags it raises."""
    ledgers = [
        _ledger(index, grid.name, grid.body.num_rows, grid.skipped, meta, grid.not_read)
        for index, grid in enumerate(grids)
    ]
    stray = [(grid.name, grid.stray_entries) for grid in grids if grid.stray_entries]
    return ledgers, _flags(ledgers, stray, meta)


def pdf_ledger(found: PdfTable, meta: SpendMetadata) -> TableLedger:
    """The ledger of a PDF's table: its rows, and every line that joined none, counted as a row."""
    ledger = _ledger(0, None, found.raw.num_rows, found.skipped, meta, None)
    for flag in _flags([ledger], [(None, found.stray_entries)] if found.stray_entries else [], meta):
        meta.review.append(flag)
    return ledger


def _ledger(index: int, name: str | None, body: int, skipped: Counter, meta: SpendMetadata,
            not_read: str | None) -> TableLedger:
    counts = Counter(skipped)
    for reason, parts in meta.skipped.items():
        counts[reason] += parts.get(index, 0)
    return TableLedger(
        table=name, rows=body + sum(skipped.values()), read=meta.read.get(index, 0),
        skipped=dict(sorted((+counts).items())), not_read=not_read,
    )


def _flags(ledgers: list[TableLedger], stray: list[tuple[str | None, int]], meta: SpendMetadata) -> list[ReviewFlag]:
    flags = []
    unreadable = sum(ledger.skipped.get("unreadable", 0) for ledger in ledgers)
    read = sum(ledger.read for ledger in ledgers)
    if unreadable and unreadable > MOST * (unreadable + read):
        raise RefusedInput(
            f"{unreadable:,} of its {unreadable + read:,} data rows have neither a readable date nor a "
            f"readable amount ({read:,} read as payments): not a list of payments"
        )
    if unreadable:
        flags.append(ReviewFlag(field="rows", reason=(
            f"{unreadable:,} rows have neither a readable date nor a readable amount "
            f"(e.g. {meta.unreadable_example}): they were not read as payments"
        )))
    for name, count in stray:
        where = f"sheet {name!r}" if name else "the source"
        flags.append(ReviewFlag(field="rows", reason=(
            f"{count:,} rows of {where} that were not read as payments carry a date and an amount: "
            "check that no payments were missed"
        )))
    return flags
