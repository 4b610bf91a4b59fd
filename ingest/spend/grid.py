"""A table as a reader found it: the header row, the cells below it as text, and the lines above it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ingest.errors import RefusedInput

from .columns import map_columns, require_date


@dataclass
class Grid:
    header: list[str]
    body: pd.DataFrame
    """Text cells below the header; column ``i`` under ``header[i]``; may carry a ``problem`` column."""
    heading: list[str] = field(default_factory=list)
    """Non-empty lines above the header (titles, report parameters), for the body's name and period."""

    def by_field(self) -> pd.DataFrame:
        """The body's columns renamed to the fields their headers name; other columns dropped."""
        mapping = map_columns(self.header)
        require_date(list(mapping.values()), self.header)
        frame = self.body[[self.body.columns[i] for i in mapping]].copy()
        frame.columns = list(mapping.values())
        if "problem" in self.body:
            frame["problem"] = self.body["problem"]
        return frame


def refuse_without_header(first_rows: list[list[str]]) -> RefusedInput:
    """The refusal for a table whose header row cannot be found, quoting what the file starts with."""
    shown = next((row for row in first_rows if any(str(c or "").strip() for c in row)), [])
    cells = ", ".join(str(c).strip() for c in shown if str(c or "").strip())[:120]
    return RefusedInput(
        "no spend table header: no row names a supplier, an amount and a date or other spend column "
        f"(the first row reads: {cells or '(empty)'}); totals per supplier without dates are not a list of payments"
    )
