"""Spend-over-£500 returns (PDF tables, CSV, XLSX, XLS) read by meaning into one canonical shape.

Public API:

* :func:`read_spend_frame` - a CSV/XLSX/XLS file as a canonical DataFrame (``SPEND_COLUMNS``)
  plus :class:`SpendMetadata`; the vectorised path used for bulk ingest.
* :func:`read_spreadsheet` - the same file as an :class:`~opcc.model.Expenditure` record.
* :func:`read_pdf_return` - a PDF return (text layer or OCR'd lines) as an ``Expenditure``.

Every reader ends in :func:`ingest.spend.frame.build_frame`, so values are read,
totals found and redactions marked in one place whatever the format.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ingest.errors import RefusedInput
from ingest.pdf import Document
from opcc.model import Expenditure, SpendRow

from .csv_reader import read_csv_grid
from .excel_reader import read_excel_grid
from .frame import SpendMetadata, build_frame, spending_body
from .pdf_table import pdfplumber_pages, read_pdf_table
from .redaction import PRIVATE_INDIVIDUAL

__all__ = ["SpendMetadata", "read_pdf_return", "read_spend_frame", "read_spreadsheet", "to_expenditure"]

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}


def read_spend_frame(path: Path) -> tuple[pd.DataFrame, SpendMetadata]:
    """A CSV, XLSX or XLS spend file as canonical columns and what was learnt about it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid, encoding = read_csv_grid(path)
        details = {"encoding": encoding}
    elif suffix in EXCEL_SUFFIXES:
        grid, details = read_excel_grid(path), {}
    else:
        raise RefusedInput(f"unsupported spreadsheet type {suffix or '(none)'}; expected CSV, XLSX or XLS")
    frame, meta = build_frame(grid.by_field())
    meta.heading = grid.heading
    meta.details.update(details)
    _apply_heading(frame, meta)
    return frame, meta


def read_spreadsheet(path: Path) -> Expenditure:
    """A CSV, XLSX or XLS spend file as an ``Expenditure`` record."""
    return to_expenditure(*read_spend_frame(path))


def read_pdf_return(doc: Document) -> Expenditure:
    """A PDF spend return, from its text layer or its OCR'd lines, as an ``Expenditure`` record.

    The fast path reads pypdfium2's text runs (or the OCR'd lines). It is trusted only
    when it validates: every row has a date and an amount read exactly, and a printed
    total reconciles. Otherwise a text-layer PDF is read again from pdfplumber's words
    and the reading with fewer problems is kept.
    """
    frame, meta = _pdf_frame(doc.pages)
    if _problems(frame, meta) and not doc.ocr:
        retry = _pdf_frame(pdfplumber_pages(doc.path))
        if _problems(*retry) < _problems(frame, meta):
            frame, meta = retry
    return to_expenditure(frame, meta)


def _pdf_frame(pages: list) -> tuple[pd.DataFrame, SpendMetadata]:
    table = read_pdf_table(pages)
    frame, meta = build_frame(table.raw)
    meta.heading = table.heading
    _apply_heading(frame, meta)
    return frame, meta


def _problems(frame: pd.DataFrame, meta: SpendMetadata) -> int:
    """How far a reading is from validating: rows to review (bar private individuals) plus total flags."""
    rows = frame["review"].dropna()
    return int((rows != PRIVATE_INDIVIDUAL).sum()) + len(meta.review)


def _apply_heading(frame: pd.DataFrame, meta: SpendMetadata) -> None:
    """Body name and spending body from the lines above the table, where the columns did not give them."""
    from .heading import body_from_heading

    meta.body = meta.body or body_from_heading(meta.heading)
    heading_body = next((b for b in map(spending_body, meta.heading) if b), None)
    if heading_body and frame["spending_body"].isna().all():
        frame["spending_body"] = heading_body


def to_expenditure(frame: pd.DataFrame, meta: SpendMetadata) -> Expenditure:
    """Canonical frame + metadata -> the ``Expenditure`` record that ``opcc extract`` prints."""
    rows = [
        SpendRow(**{k: (None if pd.isna(v) else v) for k, v in record.items()})
        for record in frame.to_dict("records")
    ]
    return Expenditure(body=meta.body, period=meta.period, rows=rows, total=meta.total, review=meta.review)
