"""Spend-over-£500 returns (PDF tables, CSV, XLSX, XLS) read by meaning into one canonical shape.

Public API:

* :func:`read_spend_frame` - a CSV/XLSX/XLS file as a canonical DataFrame (``SPEND_COLUMNS``)
  plus :class:`SpendMetadata`; the vectorised path. :func:`read_spend_table` gives the
  same as an Arrow table, which bulk ingest stores without a pandas round trip.
* :func:`read_spreadsheet` - the same file as an :class:`~opcc.core.model.Expenditure` record.
* :func:`read_pdf_return` - a PDF return (text layer or OCR'd lines) as an ``Expenditure``.

The tables are found by the generic readers of :mod:`ingest.tables` with spend's
vocabulary (``ingest/vocab/spend_columns.yml``). Every reader ends in
:func:`ingest.spend.frame.build_frame`, so values are read, totals found and
redactions marked in one place whatever the format; and every return carries its
ledger (:mod:`ingest.spend.ledger`): each row of the source read as a payment or
skipped with the reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from ingest.errors import RefusedInput
from ingest.tables import LIMITS, Limits, load_vocabulary, read_grids
from ingest.tables.grid import refuse_missing
from opcc.core.kinds.expenditure import Expenditure, SpendRow
from opcc.core.privacy import PRIVATE_INDIVIDUAL

from .basis import amount_basis, net_first
from .frame import PART, SpendMetadata, build_frame, with_heading_body
from .ledger import grid_ledgers, pdf_ledger

if TYPE_CHECKING:  # pandas costs 0.1 s to import and the PDF stack 30 ms: bulk CSV ingest needs neither
    import pandas as pd

    from ingest.pdf import Document

__all__ = [
    "SpendMetadata",
    "VOCABULARY",
    "read_pdf_return",
    "read_spend_frame",
    "read_spend_table",
    "read_spreadsheet",
    "to_expenditure",
]

VOCABULARY = "spend_columns"
"""The header words of spend returns: ``ingest/vocab/spend_columns.yml``."""


def read_spend_table(path: Path, limits: Limits = LIMITS) -> tuple[pa.Table, SpendMetadata]:
    """A CSV, XLSX or XLS spend file as canonical Arrow columns and what was learnt about it.

    Bulk ingest (``opcc.batch``) stores this table as it is, with no object per row.
    """
    vocabulary = load_vocabulary(VOCABULARY)
    grids, details = read_grids(Path(path), vocabulary, limits)
    lacking = [vocabulary.missing(grid.columns.values()) for grid in grids if grid.not_read is None]
    grids = [grid if grid.not_read else grid.without_columns(vocabulary) for grid in grids]
    tables = [grid for grid in grids if grid.not_read is None]
    for grid in tables:
        grid.columns = net_first(grid.header, grid.columns, vocabulary, VOCABULARY)
    if not tables:
        raise refuse_missing(next(missing for missing in lacking if missing))
    # Sheets may name their columns differently; by field they stack, a column a sheet lacks left empty.
    # Each sheet's own title says whose spend its rows are, where no column does.
    raw = pa.concat_tables(
        [
            with_heading_body(grid.by_field(), grid.heading).append_column(
                PART, pa.repeat(pa.scalar(index, pa.int32()), grid.body.num_rows)
            )
            for index, grid in enumerate(grids)
            if grid.not_read is None
        ],
        promote_options="default",
    )
    table, meta = build_frame(raw)
    meta.heading = tables[0].heading
    meta.details.update(details)
    meta.ledger, flags = grid_ledgers(grids, meta)
    meta.amount_basis, basis_flags = amount_basis(
        [grid.header for grid in tables], [grid.columns for grid in tables], vocabulary, VOCABULARY
    )
    meta.review += flags + basis_flags
    _name_from_heading(meta)
    return table, meta


def read_spend_frame(path: Path) -> tuple[pd.DataFrame, SpendMetadata]:
    """A CSV, XLSX or XLS spend file as a canonical DataFrame (``SPEND_COLUMNS``) and its metadata.

    Money is text (``"-218.87"``, pyarrow-backed strings), ``redacted`` boolean, ``page`` nullable integer.
    """
    import pandas as pd

    table, meta = read_spend_table(path)
    types = {pa.string(): pd.StringDtype("pyarrow", na_value=float("nan")), pa.int64(): pd.Int64Dtype()}
    return table.to_pandas(types_mapper=types.get), meta


def read_spreadsheet(path: Path) -> Expenditure:
    """A CSV, XLSX or XLS spend file as an ``Expenditure`` record."""
    return to_expenditure(*read_spend_table(path))


def read_pdf_return(doc: Document) -> Expenditure:
    """A PDF spend return, from its text layer or its OCR'd lines, as an ``Expenditure`` record.

    The fast path reads pypdfium2's text runs (or the OCR'd lines). It is trusted only
    when it validates: every row has a date and an amount read exactly, and a printed
    total reconciles. Otherwise (or when it finds no table) a text-layer PDF is read again
    from pdfplumber's words and the reading with fewer problems is kept (the first, if the
    second finds no table).
    """
    from ingest.tables.pdf_grid import pdfplumber_pages

    try:
        first = _pdf_table(doc.pages)
    except RefusedInput:
        if doc.ocr:
            raise
        first = None  # pdfium may run a whole printed line into one text run: its words may show a table
    if first is None or (_problems(*first) and not doc.ocr):
        try:
            retry = _pdf_table(pdfplumber_pages(doc.path))
        except RefusedInput:
            if first is None:
                raise
            retry = None
        if first is None or (retry and _problems(*retry) < _problems(*first)):
            first = retry
    return to_expenditure(*first)


def _pdf_table(pages: list) -> tuple[pa.Table, SpendMetadata]:
    from ingest.tables import read_pdf_grid

    vocabulary = load_vocabulary(VOCABULARY)
    found = read_pdf_grid(pages, vocabulary)
    table, meta = build_frame(with_heading_body(found.raw, found.heading))
    meta.amount_basis, flags = amount_basis([found.header], [found.columns], vocabulary, VOCABULARY)
    meta.review += flags
    meta.heading = found.heading
    meta.ledger = [pdf_ledger(found, meta)]
    _name_from_heading(meta)
    return table, meta


def _problems(table: pa.Table, meta: SpendMetadata) -> int:
    """How far a reading is from validating: rows to review (bar private individuals) plus total flags."""
    reasons = pc.drop_null(table.column("review"))
    people = pc.sum(pc.equal(reasons, PRIVATE_INDIVIDUAL)).as_py() or 0
    return len(reasons) - people + len(meta.review)


def _name_from_heading(meta: SpendMetadata) -> None:
    """The publishing body from the lines above the table, where no column gave it."""
    from .heading import body_from_heading

    meta.body = meta.body or body_from_heading(meta.heading)


def to_expenditure(table: pa.Table, meta: SpendMetadata) -> Expenditure:
    """Canonical table + metadata -> the ``Expenditure`` record that ``opcc extract`` prints."""
    rows = [SpendRow(**record) for record in table.to_pylist()]
    return Expenditure(
        body=meta.body, period=meta.period, rows=rows, total=meta.total, review=meta.review,
        amount_basis=meta.amount_basis, ledger=meta.ledger,
    )
