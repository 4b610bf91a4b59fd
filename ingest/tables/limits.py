"""Bounded work: how big a table source may be before it is refused, each bound a named setting.

A spreadsheet is a zip of XML that can claim a billion cells in a kilobyte, and a
CSV can be any size: a reader checks what a file declares before it does the work
the declaration would cost, and refuses with one line that says which bound was
passed (never what the file holds). The defaults are far above any real return
(a police force's year of spend is about 100,000 rows in a 20 MB workbook).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.errors import RefusedInput


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 512 * 1024 * 1024
    """A source file's size on disk."""
    max_rows: int = 5_000_000
    """Rows in one table (a CSV, or one sheet)."""
    max_columns: int = 1_000
    """Columns a sheet may declare (Excel allows 16,384; a return has a few dozen)."""
    max_sheet_cells: int = 50_000_000
    """Cells a sheet may declare (its dimension, rows x columns)."""
    max_inflated_bytes: int = 512 * 1024 * 1024
    """A workbook's parts, decompressed, added up."""
    max_part_bytes: int = 256 * 1024 * 1024
    """One part of a workbook (a sheet's XML, the shared strings), decompressed."""
    max_cell_chars: int = 32_767
    """One cell's text: Excel's own limit."""

    def check_bytes(self, size: int) -> None:
        if size > self.max_bytes:
            raise RefusedInput(f"the file is {_size(size)}, over the limit of {_size(self.max_bytes)} (max_bytes)")

    def check_rows(self, rows: int) -> None:
        if rows > self.max_rows:
            raise RefusedInput(f"the table has over {self.max_rows:,} rows, the limit (max_rows)")

    def check_cell(self, chars: int) -> None:
        # At the limit, not only past it: openpyxl cuts a longer cell to Excel's 32,767 characters.
        if chars >= self.max_cell_chars:
            raise RefusedInput(
                f"a cell holds {chars:,} characters or more, the limit (max_cell_chars)"
            )


LIMITS = Limits()


def read_bounded(path: Path, limits: Limits = LIMITS) -> bytes:
    """A file's bytes, once its size is within ``limits.max_bytes``."""
    limits.check_bytes(path.stat().st_size)
    return path.read_bytes()


def _size(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"
