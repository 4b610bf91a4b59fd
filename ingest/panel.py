"""A paper to the Police and Crime Panel listing items of expenditure, read into a :class:`PanelReport`.

Panel papers name the selected items in one of two ways, and both are read:

* a table with a date, a supplier and an amount on each row (continuation rows
  carry the rest of a wrapped supplier name);
* a sub-heading per item: ``The Police ICT Company Ltd, £60,000.00 - 10 April 2018:``.

The title, date and author come from the memo header (``Subject:``, ``Date:``,
``From:``) or from the paper's own heading (``Report of:``, ``Meeting date:``).
"""

from __future__ import annotations

import re

from opcc.core.kinds.panel_report import PanelItem, PanelReport
from opcc.core.model import Location, ReviewFlag
from opcc.core.text import comparable

from .dates import find_dates, parse_date
from .decision_layout import Row, rows_of
from .money import parse_amount
from .pdf import Document

# Header labels of a panel paper, by field (compared case-folded, at the start of a line).
HEADER_LABELS = {
    "title": ("subject", "title", "report title"),
    "date": ("date", "meeting date", "date of meeting"),
    "author": ("from", "report of", "report by", "author"),
}
COLUMN_TOLERANCE = 3.0
"""Points a wrapped cell may start away from its column."""
TITLE_MAX_LINES_ABOVE = 3
"""Lines at the top of page 1 searched for an unlabelled title when no Subject: is printed."""

_PANEL_NAME = re.compile(r"^[\w\s,&'-]*police,? (?:fire )?(?:and|&) crime panel$")
_AMOUNT = r"£\s?\d{1,3}(?:,\d{3})*(?:\.\d{2})?|£\s?\d+(?:\.\d{2})?"
# A heading that names one item: "Supplier, £60,000.00 - 10 April 2018:", "Supplier - £4,400 (24/04/2017)".
_ITEM_HEADING = re.compile(
    rf"^[•\-–\s]*(?P<supplier>[^£]+?)\s*[,:–-]\s*(?P<amount>{_AMOUNT})\s*[-–,(]?\s*(?P<date>[^()]+?)\)?\s*:?$"
)


def parse_panel_report(doc: Document) -> PanelReport:
    rows = [row for row in rows_of(doc) if not row.furniture]
    report = PanelReport()
    read_header(rows, report)
    items, first = read_item_headings(rows)
    if not items:
        items, first = read_item_table(rows)
    report.items = items
    if first is not None:
        report.provenance["items"] = Location(page=first.page, top=round(first.top, 1))
    if not report.items:
        report.review.append(ReviewFlag(field="items", reason="no selected expenditure items found"))
    for name in ("title", "date", "author"):
        if getattr(report, name) is None:
            report.review.append(ReviewFlag(field=name, reason="not found"))
    return report


def _header_value(row: Row) -> tuple[str, str] | None:
    folded = comparable(row.text)
    for name, labels in HEADER_LABELS.items():
        for label in sorted(labels, key=len, reverse=True):
            if re.match(rf"^{re.escape(label)}\s*:", folded):
                return name, row.text.split(":", 1)[1].strip()
    return None


def read_header(rows: list[Row], report: PanelReport) -> None:
    for row in rows:
        found = _header_value(row)
        if not found:
            continue
        name, value = found
        if getattr(report, name) is not None:
            continue
        if name == "date":
            value = parse_date(value)
        if value:
            setattr(report, name, value)
            report.provenance[name] = Location(page=row.page, top=round(row.top, 1))
    if report.title is None:
        _title_from_heading(rows, report)


def _title_from_heading(rows: list[Row], report: PanelReport) -> None:
    """No Subject: line: the title is the heading line just above the author or date line."""
    labelled = [i for i, row in enumerate(rows[: TITLE_MAX_LINES_ABOVE + 3]) if _header_value(row)]
    for i in range(labelled[-1] if labelled else 0, -1, -1):
        text = rows[i].text
        if not _header_value(rows[i]) and not _PANEL_NAME.match(comparable(text)) and not parse_date(text):
            report.title = text
            report.provenance["title"] = Location(page=rows[i].page, top=round(rows[i].top, 1))
            return


def read_item_headings(rows: list[Row]) -> tuple[list[PanelItem], Row | None]:
    """Items named by their own headings, and the row of the first."""
    items, first = [], None
    for row in rows:
        match = _ITEM_HEADING.match(row.text.strip())
        if match:
            date = parse_date(match["date"])
            amount = parse_amount(match["amount"])
            if date and amount is not None:
                items.append(PanelItem(supplier=match["supplier"].strip(), amount=amount, date=date))
                first = first or row
    return items, first


def read_item_table(rows: list[Row]) -> tuple[list[PanelItem], Row | None]:
    """Rows that start with a date and hold an amount; rows without a date continue the row above.

    A continuation row's cells are the wrapped ends of the supplier or the purpose,
    told apart by the column they start in.
    """
    items: list[PanelItem] = []
    first: Row | None = None
    columns: tuple[float, float | None] | None = None  # x of the supplier and purpose cells
    for row in rows:
        cells = row.cells
        dates = find_dates(cells[0].text)
        amounts = [i for i, c in enumerate(cells) if "£" in c.text and parse_amount(c.text) is not None]
        if dates and len(cells) >= 3 and amounts and amounts[0] >= 2:
            at = amounts[0]
            purpose = " ".join(c.text for c in cells[at + 1 :]) or None
            items.append(
                PanelItem(
                    supplier=" ".join(c.text for c in cells[1:at]),
                    amount=parse_amount(cells[at].text),
                    date=dates[0][0],
                    description=purpose,
                )
            )
            columns = (cells[1].x0, cells[at + 1].x0 if purpose else None)
            first = first or row
        elif items and columns:
            _continue_item(items[-1], cells, columns)
            if not any(abs(c.x0 - x) < COLUMN_TOLERANCE for c in cells for x in columns if x is not None):
                columns = None
    return items, first


def _continue_item(item: PanelItem, cells, columns: tuple[float, float | None]) -> None:
    supplier_x, purpose_x = columns
    for cell in cells:
        if abs(cell.x0 - supplier_x) < COLUMN_TOLERANCE:
            item.supplier = f"{item.supplier} {cell.text}"
        elif purpose_x is not None and abs(cell.x0 - purpose_x) < COLUMN_TOLERANCE:
            item.description = f"{item.description} {cell.text}"
