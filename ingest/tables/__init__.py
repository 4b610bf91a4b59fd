"""Tables from CSV, XLSX, XLS and PDF sources, read by a vocabulary of header words: the generic
readers behind spend returns, and behind any register kept as a table (gifts and hospitality,
grants, contracts).

A kind of table is described by data, not code: a YAML vocabulary of header words per
field (see :mod:`.vocabulary` for the format; ``ingest/vocab/spend_columns.yml`` is
spend's). The API::

    from ingest.tables import load_vocabulary, read_grids

    vocabulary = load_vocabulary("gifts_columns")        # ingest/vocab/gifts_columns.yml
    for grid in read_grids(path, vocabulary):            # one Grid per table (a CSV's; each sheet's)
        if grid.not_read:                                # a sheet without a table, and why
            ...
        table = grid.by_field()                          # Arrow text columns named by field

* :func:`read_grids` - a CSV, XLSX or XLS file as :class:`Grid` objects: each has its
  ``header`` cells, ``heading`` (title lines above it), ``name`` (the sheet), a ``body``
  of text cells, the ``columns`` decided (position -> field), ``notes`` on how, and a
  ``skipped`` count of the source rows not in the body (``title``, ``header``,
  ``blank``), so that every row of a source is accounted for. ``details`` says what
  was learnt of the bytes (``encoding``, ``delimiter``).
* :func:`read_pdf_grid` - positioned words (a PDF's text layer or OCR'd lines) as one table.
* :class:`Limits` - the bounds on work (file size, rows, a workbook's declared size);
  every reader takes ``limits=`` and refuses, in one line, a source past them.

Cells stay text; reading dates and amounts is the caller's business (spend's is
:mod:`ingest.spend.frame`), so that each kind decides what its values are.
"""

from __future__ import annotations

from pathlib import Path

from ingest.errors import RefusedInput

from .delimited import read_csv_grids
from .grid import Grid, split_at_headers
from .limits import LIMITS, Limits
from .pdf_grid import PdfTable, read_pdf_grid
from .vocabulary import Vocabulary, load_vocabulary
from .workbook import read_workbook_grids

__all__ = [
    "LIMITS",
    "Grid",
    "Limits",
    "PdfTable",
    "Vocabulary",
    "load_vocabulary",
    "read_grids",
    "read_pdf_grid",
]

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls"}


def read_grids(path: Path, vocabulary: Vocabulary, limits: Limits = LIMITS) -> tuple[list[Grid], dict[str, str]]:
    """Every table of a CSV, XLSX or XLS file, with their columns decided, and what was learnt of its bytes."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grids, details = read_csv_grids(path, vocabulary, limits)
    elif suffix in WORKBOOK_SUFFIXES:
        grids, details = read_workbook_grids(path, vocabulary, limits), {}
    else:
        raise RefusedInput(f"unsupported table file type {suffix or '(none)'}; expected CSV, XLSX or XLS")
    tables = []
    for grid in grids:
        if grid.not_read is None:
            grid.map(vocabulary)
            tables += split_at_headers(grid, vocabulary)
        else:
            tables.append(grid)
    return tables, details
