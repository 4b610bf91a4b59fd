"""XLSX (openpyxl) and legacy XLS (xlrd) spend files: every sheet that has a spend header, cells as text.

A sheet without a header row (a 'Notes' sheet, a cover page) is not data and is
skipped. Title blocks above the header (often merged cells) become the heading.
Cell values are turned into text the way the sheet displays them: date cells as
ISO dates, numbers in an amount column to the penny, other whole numbers without
a trailing ``.0``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ingest.errors import RefusedInput
from ingest.money import parse_amount

from .columns import HEADER_SEARCH_ROWS, locate_header, map_columns
from .grid import Grid, refuse_without_header, text_table


def read_excel_grids(path: Path) -> list[Grid]:
    """Every data sheet of a workbook, in sheet order; each keeps its own header."""
    sheets = _xls_sheets(path) if path.suffix.lower() == ".xls" else _xlsx_sheets(path)
    grids = [grid for grid in (_sheet_grid(rows) for rows in sheets) if grid is not None]
    if not grids:
        first = next((rows for rows in sheets if rows), [])
        raise refuse_without_header(first[:HEADER_SEARCH_ROWS])
    return grids


def _xlsx_sheets(path: Path) -> list[list[list[object]]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a malformed package
        raise RefusedInput(
            f"the workbook cannot be read ({_first_line(exc)}); re-save it from Excel"
        ) from exc
    try:
        return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]
    finally:
        book.close()


def _xls_sheets(path: Path) -> list[list[list[object]]]:
    import xlrd

    try:
        book = xlrd.open_workbook(path)
    except Exception as exc:  # xlrd raises XLRDError, struct.error, ... for damaged files
        raise RefusedInput(f"the XLS workbook cannot be read ({_first_line(exc)})") from exc
    sheets = []
    for sheet in book.sheets():
        rows = []
        for r in range(sheet.nrows):
            cells = []
            for cell in sheet.row(r):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    cells.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    cells.append(None)
                else:
                    cells.append(cell.value)
            rows.append(cells)
        sheets.append(rows)
    return sheets


def _first_line(exc: Exception) -> str:
    """A library's error as one line: a refusal's reason is a single line."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def _sheet_grid(rows: list[list[object]]) -> Grid | None:
    found = locate_header(rows[:HEADER_SEARCH_ROWS])
    if found is None:
        return None
    index, span, header = found
    width = len(header)
    amount_columns = {i for i, f in map_columns(header).items() if f == "amount"}
    body = [
        [_cell_text(v, i in amount_columns) for i, v in enumerate((row + [None] * width)[:width])]
        for row in rows[index + span :]
    ]
    heading = [" ".join(str(c).strip() for c in row if c not in (None, "")) for row in rows[:index]]
    return Grid(header=header, body=text_table(body, width), heading=[line for line in heading if line])


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
