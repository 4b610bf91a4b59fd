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

from opcc.model import Location, PanelItem, PanelReport, ReviewFlag

from .dates import find_dates, parse_date
from .decision_layout import Row, rows_of
from .money import parse_amount
from .pdf import Document
from .text import comparable

# Header labels of a panel paper, by field (compared case-folded, at the start of a line).
HEADER_LABELS = {
    "title": ("subject", "title", "report title"),
    "date": ("date", "meeting date", "date of meeting"),
    "author": ("from", "report of", "report by", "author"),
}
TITLE_MAX_LINES_ABOVE = 3
"""Lines at the top of page 1 searched for an unlabelled title when no Subject: is printed."""

_AMOUNT = r"£\s?\d{1,3}(?:,\d{3})*(?:\.\d{2})?|£\s?\d+(?:\.\d{2})?"
# "Supplier, £60,000.00 - 10 April 2018:" (a heading that names one item)
_ITEM_HEADING = re.compile(rf"^(?P<supplier>[^£]+?),\s*(?P<amount>{_AMOUNT})\s*[-–]\s*(?P<date>.+?):?$")


def parse_panel_report(doc: Document) -> PanelReport:
    rows = [row for row in rows_of(doc) if not row.furniture]
    report = PanelReport()
    read_header(rows, report)
    report.items = read_item_headings(rows) or read_item_table(rows)
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
        if not _header_value(rows[i]) and "panel" not in comparable(text) and not parse_date(text):
            report.title = text
            report.provenance["title"] = Location(page=rows[i].page, top=round(rows[i].top, 1))
            return


def read_item_headings(rows: list[Row]) -> list[PanelItem]:
    items = []
    for row in rows:
        match = _ITEM_HEADING.match(row.text.strip())
        if match:
            date = parse_date(match["date"])
            amount = parse_amount(match["amount"])
            if date and amount is not None:
                items.append(PanelItem(supplier=match["supplier"].strip(), amount=amount, date=date))
    return items


def read_item_table(rows: list[Row]) -> list[PanelItem]:
    """Rows that start with a date and hold an amount; a row without a date continues the supplier above."""
    items: list[PanelItem] = []
    supplier_x: float | None = None
    for row in rows:
        cells = row.cells
        first_date = find_dates(cells[0].text) if cells else []
        amounts = [(i, parse_amount(c.text)) for i, c in enumerate(cells)]
        amounts = [(i, a) for i, a in amounts if a is not None and "£" in cells[i].text]
        if first_date and len(cells) >= 3 and amounts:
            at = amounts[0][0]
            supplier = " ".join(c.text for c in cells[1:at])
            supplier_x = cells[1].x0
            items.append(PanelItem(supplier=supplier, amount=amounts[0][1], date=first_date[0][0]))
        elif items and supplier_x is not None and cells and abs(cells[0].x0 - supplier_x) < 3:
            # The wrapped end of the supplier name in the row above.
            items[-1].supplier = f"{items[-1].supplier} {cells[0].text}"
        else:
            supplier_x = None
    return items
