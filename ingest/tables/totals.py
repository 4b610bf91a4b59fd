"""Printed totals, by their label: the words a total row prints, whatever the kind of table."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
TOTAL_LABEL = (
    r"(?:(?:grand |sub ?|sub-)?totals?(?: payments?| spend| expenditure| amount| value)?:?"
    r"|net(?: (?:total|expenditure|spend|payments?)\b.*)?"
    r"|[^\d]{1,60}? (?:sub-? ?)?totals?:?"
    r"|(?:grand |sub ?|sub-)total\b.*"
    r"|(?:page|month|monthly|period|quarter|quarterly|year|annual|overall|report|section|sheet) ?total\b.*"
    r"|total ?(?:for\b|-|–|:|\().*"
    rf"|total (?:this page|to\b|up to\b|o?pf?cc\b|cc\b|chief constable\b|force\b|{_MONTH}\b).*"
    r"|(?:carried|brought) forward\b.*"
    r"|\d+ (?:transactions?|payments?|items?|lines?|records?|invoices?))"
)
"""A cell that only says total (``Total``, ``Totals``, ``Grand Total``, ``TOTAL PAYMENTS``, ``Net
expenditure``), or a subtotal or
total that says what it adds up (``Sub Total PCC``, ``Page Total``, ``Total April 2021``, ``Total to
30/04/2021``, ``Estates Total``, ``40 transactions``). A supplier such as ``Total Gas & Power Ltd`` is
not one, since the whole cell must match, and only a row without a date is taken for a total anyway."""


def says_total(cells: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Which cells only say total (``TOTAL_LABEL``), case aside; false for empty cells."""
    return pc.fill_null(pc.match_substring_regex(cells, f"^{TOTAL_LABEL}$", ignore_case=True), False)
