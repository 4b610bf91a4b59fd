"""XLSX (openpyxl) and legacy XLS (xlrd) workbooks: every sheet read as tables of text cells, or
reported with the reason it was not.

Each sheet is looked at on its own, so a header that changes between sheets (a
column renamed in October) is found again on every sheet. A sheet without a header
row (a 'Notes' sheet, a cover page, a summary) becomes a :class:`~.grid.Grid` with
no body and ``not_read`` saying why, so the caller can account for it. Title blocks
above the header (often merged cells) become the heading.

Cell values are turned into text the way the sheet stores them: date cells as ISO
dates, numbers in an amount column to the penny (a sheet formatted to show whole
pounds still holds its pennies), other whole numbers without a trailing ``.0``.

Before openpyxl sees an XLSX its zip directory is checked against :mod:`.limits`
(decompressed size, each part's size, each sheet's declared dimension), and a
workbook that links to other workbooks has the cells that take values from them
marked: such a value is a cached copy of another file, not this one's own.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import RefusedInput
from ingest.money import parse_amount

from .grid import Grid, refuse_without_header, stray_entries, text_table
from .limits import LIMITS, Limits
from .vocabulary import HEADER_SEARCH_ROWS, Vocabulary, find_header

LINKED_CELL = re.compile(r"\[\d+\]")
"""A formula reference into an external workbook: ``=[1]Sheet1!A1``, ``='[2]April 2023'!B5``."""


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]
    linked: set[tuple[int, int]] = field(default_factory=set)
    """(row, column), 0-based, of the cells whose value comes from another workbook."""


def read_workbook_grids(path: Path, vocabulary: Vocabulary, limits: Limits = LIMITS) -> list[Grid]:
    """Every sheet of a workbook, in sheet order: its tables, or one empty grid saying why it has none."""
    limits.check_bytes(path.stat().st_size)
    sheets = _xls_sheets(path, limits) if path.suffix.lower() == ".xls" else _xlsx_sheets(path, limits)
    grids = [grid for sheet in sheets for grid in sheet_grids(sheet, vocabulary)]
    if not any(grid.not_read is None for grid in grids):
        raise refuse_without_header(vocabulary, min(HEADER_SEARCH_ROWS, max((len(s.rows) for s in sheets), default=0)))
    return grids


def sheet_grids(sheet: Sheet, vocabulary: Vocabulary) -> list[Grid]:
    """One sheet's table (its header found among its first rows), or an empty grid saying why not."""
    rows = sheet.rows
    found = find_header(rows[:HEADER_SEARCH_ROWS], vocabulary)
    if found is None:
        reason = "no header row" if any(any(c not in (None, "") for c in row) for row in rows) else "empty"
        return [Grid([], text_table([], 0), name=sheet.name, skipped=Counter({"not a table": len(rows)}),
                     not_read=reason, stray_entries=stray_entries(rows))]
    width = len(found.cells)
    amount_columns = {i for i, f in vocabulary.map_columns(found.cells).items() if vocabulary.content.get(f) == "amount"}
    start = found.index + found.span
    body = [
        [_cell_text(v, i in amount_columns) for i, v in enumerate((row + [None] * width)[:width])]
        for row in rows[start:]
    ]
    problems = None
    if sheet.linked:
        problems = [_linked_problem(sheet, start + i, width) for i in range(len(body))]
    heading = [" ".join(str(c).strip() for c in row if c not in (None, "")) for row in rows[: found.index]]
    skipped = Counter(header=found.span, title=sum(1 for line in heading if line))
    skipped["blank"] += sum(1 for line in heading if not line)
    return [Grid(found.cells, text_table(body, width, problems), [line for line in heading if line],
                 name=sheet.name, skipped=+skipped, stray_entries=stray_entries(rows[: found.index]))]


def _linked_problem(sheet: Sheet, row: int, width: int) -> str | None:
    columns = sorted(c for r, c in sheet.linked if r == row and c < width)
    if not columns:
        return None
    cells = ", ".join(f"{_column_letter(c)}{row + 1}" for c in columns)
    return f"value taken from another workbook (cell {cells} of sheet {sheet.name!r} links to it): check it"


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- XLSX ------------------------------------------------------------------------------------


def _xlsx_sheets(path: Path, limits: Limits) -> list[Sheet]:
    import openpyxl

    linked = _check_package(path, limits)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except RefusedInput:
        raise
    except Exception as exc:  # openpyxl raises many types for a malformed package
        raise RefusedInput(f"the workbook cannot be read ({type(exc).__name__}); re-save it from Excel") from exc
    try:
        sheets = [Sheet(ws.title, list(_bounded_rows(ws, limits))) for ws in book.worksheets]
    finally:
        book.close()
    if linked:
        _mark_linked_cells(path, sheets, limits)
    return sheets


def _check_package(path: Path, limits: Limits) -> bool:
    """Refuse a workbook whose parts would decompress past the limits; whether it links to other workbooks.

    The sizes come from the zip's directory. They cannot lie: Python's zip reader stops
    at a part's declared size and fails its checksum if there was more.
    """
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise RefusedInput(f"the workbook cannot be read ({type(exc).__name__}); re-save it from Excel") from exc
    total = sum(part.file_size for part in parts)
    if total > limits.max_inflated_bytes:
        raise RefusedInput(
            f"the workbook decompresses to {total / 2**20:,.0f} MB, over the limit of "
            f"{limits.max_inflated_bytes / 2**20:,.0f} MB (max_inflated_bytes)"
        )
    largest = max(parts, key=lambda part: part.file_size, default=None)
    if largest is not None and largest.file_size > limits.max_part_bytes:
        raise RefusedInput(
            f"one part of the workbook decompresses to {largest.file_size / 2**20:,.0f} MB, over the limit of "
            f"{limits.max_part_bytes / 2**20:,.0f} MB (max_part_bytes)"
        )
    return any(part.filename.startswith("xl/externalLinks/") for part in parts)


def _bounded_rows(ws, limits: Limits) -> Iterator[list[object]]:
    """A sheet's rows as lists of values, within the limits its declared dimension is checked against."""
    rows, columns = ws.max_row, ws.max_column
    if columns and columns > limits.max_columns:
        raise RefusedInput(
            f"sheet {ws.title!r} declares {columns:,} columns, over the limit of {limits.max_columns:,} (max_columns)"
        )
    if rows and columns and rows * columns > limits.max_sheet_cells:
        raise RefusedInput(
            f"sheet {ws.title!r} declares {rows:,} rows of {columns:,} columns, over the limit of "
            f"{limits.max_sheet_cells:,} cells (max_sheet_cells)"
        )
    for count, row in enumerate(ws.iter_rows(values_only=True, max_col=columns or limits.max_columns), start=1):
        limits.check_rows(count)
        for value in row:
            if isinstance(value, str):
                limits.check_cell(len(value))
        yield list(row)


def _mark_linked_cells(path: Path, sheets: list[Sheet], limits: Limits) -> None:
    """Mark the cells whose formulas read another workbook (a second, formulas-only pass)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        for sheet, ws in zip(sheets, book.worksheets, strict=True):
            for r, row in enumerate(_bounded_rows(ws, limits)):
                for c, value in enumerate(row):
                    if isinstance(value, str) and value.startswith("=") and LINKED_CELL.search(value):
                        sheet.linked.add((r, c))
    finally:
        book.close()


# --- XLS -------------------------------------------------------------------------------------


def _xls_sheets(path: Path, limits: Limits) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(path, on_demand=True)
    except Exception as exc:  # xlrd raises XLRDError, struct.error, ... for damaged files
        raise RefusedInput(f"the XLS workbook cannot be read ({type(exc).__name__})") from exc
    sheets = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if sheet.ncols > limits.max_columns or sheet.nrows * sheet.ncols > limits.max_sheet_cells:
                raise RefusedInput(
                    f"sheet {sheet.name!r} has {sheet.nrows:,} rows of {sheet.ncols:,} columns, over the limits "
                    "(max_columns, max_sheet_cells)"
                )
            limits.check_rows(sheet.nrows)
            rows = []
            for r in range(sheet.nrows):
                cells: list[object] = []
                for cell in sheet.row(r):
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        cells.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        cells.append(None)
                    else:
                        if isinstance(cell.value, str):
                            limits.check_cell(len(cell.value))
                        cells.append(cell.value)
                rows.append(cells)
            sheets.append(Sheet(sheet.name, rows))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return sheets


# --- cells -------------------------------------------------------------------------------------


def _cell_text(value: object, is_amount: bool) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        if is_amount:
            # A number cell shows the penny the sheet rounds to; repr() is its shortest exact decimal.
            return f"{parse_amount(value):.2f}"
        return str(int(value)) if float(value).is_integer() else repr(value)
    return str(value)
