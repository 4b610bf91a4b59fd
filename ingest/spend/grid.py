"""A table as a reader found it: the header row, the cells below it as text, and the lines above it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from ingest.errors import RefusedInput

from .columns import map_columns, require_date


@dataclass
class Grid:
    header: list[str]
    body: pa.Table
    """Text cells below the header; column ``"i"`` under ``header[i]``; may carry a ``problem`` column."""
    heading: list[str] = field(default_factory=list)
    """Non-empty lines above the header (titles, report parameters), for the body's name and period."""

    def by_field(self) -> pa.Table:
        """The body's columns named by the fields their headers name; other columns dropped."""
        mapping = map_columns(self.header)
        require_date(list(mapping.values()), self.header)
        columns = {field: self.body.column(str(i)) for i, field in mapping.items()}
        if "problem" in self.body.column_names:
            columns["problem"] = self.body.column("problem")
        return pa.table(columns)


def text_table(
    rows: list[list[str | None]], width: int, problems: list[str | None] | None = None
) -> pa.Table:
    """Rows of text cells (already padded to ``width``) as an Arrow table with columns ``"0"``, ``"1"``, ..."""
    columns = {str(i): pa.array([row[i] for row in rows], type=pa.string()) for i in range(width)}
    if problems is not None:
        columns["problem"] = pa.array(problems, type=pa.string())
    return pa.table(columns)


def refuse_without_header(first_rows: list[list[str]]) -> RefusedInput:
    """The refusal for a table whose header row cannot be found, quoting what the file starts with."""
    shown = next((row for row in first_rows if any(str(c or "").strip() for c in row)), [])
    cells = ", ".join(str(c).strip() for c in shown if str(c or "").strip())[:120]
    return RefusedInput(
        "no spend table header: no row names a supplier, an amount and a date or other spend column "
        f"(the first row reads: {cells or '(empty)'}); totals per supplier without dates are not a list of payments"
    )
