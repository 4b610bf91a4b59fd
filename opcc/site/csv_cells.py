"""CSV cells a spreadsheet will not run: every CSV the site publishes is written through here.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken by
Excel, LibreOffice and Google Sheets for a formula (``=HYPERLINK(...)``, ``+cmd|...``,
``@SUM``, DDE), so a supplier name or a description written so would run on the reader's
machine. As OWASP advises, such a cell is written with a single quote before it, which
the spreadsheet shows as text; a plain number (a negative amount, ``-125.00``) is left as
it is. The text is neutralised when the CSV is written, after any whitespace was
collapsed, so a source's own ``"\t=1+1"`` cannot come out as ``=1+1``. JSON and Parquet
keep the exact value (:data:`NOTE` says so in the data package).
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

FORMULA_START = r"^[=+\-@\t\r]"
PLAIN_NUMBER = r"^[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)$"
QUOTE = "'"
NOTE = ("CSV cells that would start with =, +, -, @, a tab or a carriage return (other than plain numbers) are "
        "written with a ' before them, so that no spreadsheet runs them as formulas; the JSON and Parquet "
        "files hold the exact values.")

_FORMULA_START = re.compile(FORMULA_START)
_PLAIN_NUMBER = re.compile(PLAIN_NUMBER)


def neutralise(value: str) -> str:
    """One cell, safe to open in a spreadsheet."""
    if _FORMULA_START.match(value) and not _PLAIN_NUMBER.match(value):
        return QUOTE + value
    return value


def neutralise_column(column: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """A text column's cells, safe to open in a spreadsheet: :func:`neutralise`, vectorised."""
    risky = pc.and_(pc.match_substring_regex(column, FORMULA_START),
                    pc.invert(pc.match_substring_regex(column, PLAIN_NUMBER)))
    if not pc.any(risky).as_py():
        return column
    return pc.if_else(risky, pc.binary_join_element_wise(QUOTE, column, ""), column)
