"""A panel paper's own header: its title, date, author, recipient and meeting date.

Papers print these as a memo block (``From:``, ``To:``, ``Subject:``, ``Date:``), a cover
(the Panel's name, the title in large type, ``Report of:``, ``Meeting date:``) or a grid of
labels and values; the labels are the ``paper`` group of ``ingest/vocab/panel_labels.yml``.
Only the rows above the first item are read, so an item's ``Date:`` is never the paper's.
The paper's date is its own, else the meeting's.
"""

from __future__ import annotations

import re

from opcc.core.kinds.panel_report import PanelReport
from opcc.core.model import Location
from opcc.core.text import collapse, comparable

from .dates import parse_date
from .decision_layout import Row
from .panel_items import VALUE_WRAP_PITCHES
from .panel_layout import pitch
from .panel_vocab import Label, labels, match_label

TITLE_SEARCH_ROWS = 12
"""Rows at the top of page 1 searched for a title printed without a label."""

TITLE_SIZE_TOLERANCE = 1.5
"""Points the lines of one title may differ in reported type size."""

_PANEL_NAME = re.compile(r"^[\w\s,&'()-]*police,? (?:fire )?(?:and|&) crime panel$")
_DATES = ("date", "meeting")


def read_header(rows: list[Row], end: int, report: PanelReport) -> None:
    """Fill the report's header fields from rows ``[0, end)``."""
    usual = pitch(rows)
    found: dict[str, tuple[str, Row]] = {}
    i = 0
    while i < end:
        row = rows[i]
        label = match_label(row.cells[0].text, "paper") or _byline(row.text)
        if label is None or label.key in found or (not label.value and len(row.cells) > 2):
            i += 1  # (a label alone in its cell has its value in the next: a row of more cells is a table's header)
            continue
        value = label.value or " ".join(c.text for c in row.cells[1:])
        i += 1
        # the value under its label, or carried on onto the next line in its column
        while i < end and match_label(rows[i].cells[0].text, "paper") is None and _carries(row, rows[i], value, usual):
            value = f"{value} {rows[i].text}".strip()
            i += 1
        if collapse(value):
            found[label.key] = (collapse(value), row)
    for name, (value, row) in found.items():
        parsed = parse_date(value) if name in _DATES else value
        if parsed:
            setattr(report, name, parsed)
            report.provenance[name] = Location(page=row.page, top=round(row.top, 1))
    if report.date is None and report.meeting is not None:
        report.date = report.meeting
        report.provenance["date"] = report.provenance["meeting"]
    if report.recipient is None:
        _recipient_from_heading(rows[: min(end, TITLE_SEARCH_ROWS)], report)
    if report.title is None:
        _title_from_heading(rows[: min(end, TITLE_SEARCH_ROWS)], report, usual)


def _byline(text: str) -> Label | None:
    """'Report of the Police and Crime Commissioner': an author's label that runs on into its
    value with no colon (the ``bylines`` of the vocabulary); ``the`` is not part of the value."""
    folded = comparable(text.strip())
    for phrase in sorted((comparable(p) for p in labels()["bylines"]), key=len, reverse=True):
        if folded.startswith(phrase + " "):
            value = re.sub(r"^the\s+", "", text.strip()[len(phrase):].strip(), flags=re.IGNORECASE)
            return Label("author", value, True) if value else None
    return None


def _carries(label_row: Row, row: Row, value: str, usual: float) -> bool:
    if row.page != label_row.page or row.top - label_row.top > (1 + VALUE_WRAP_PITCHES) * usual:
        return False
    if not value:
        return True
    if row.top - label_row.top > VALUE_WRAP_PITCHES * usual:
        return False
    value_x = label_row.cells[1].x0 if len(label_row.cells) > 1 else None
    # in the value's column, or ('Report by: ... for Leicester, Leicestershire' / 'and Rutland')
    # wrapped under the label, with no more space above than a paragraph's lines have
    return (value_x is not None and abs(row.x0 - value_x) < 6) or (value_x is None and len(row.cells) == 1)


def _recipient_from_heading(rows: list[Row], report: PanelReport) -> None:
    for row in rows:
        if _PANEL_NAME.match(comparable(row.text)):
            report.recipient = collapse(row.text)
            report.provenance["recipient"] = Location(page=row.page, top=round(row.top, 1))
            return


def _plain(row: Row) -> bool:
    """A row that may be the title: one cell (not a table's header), not a label, the Panel's name,
    a date or an agenda number."""
    text = comparable(row.text)
    return (len(row.cells) == 1 and match_label(row.cells[0].text, "paper") is None and _byline(row.text) is None
            and not _PANEL_NAME.match(text)
            and not parse_date(row.text)
            and not re.match(r"^(?:agenda )?item\s*(?:no\.?\s*)?\d+", text) and row.page == 1)


def _title_from_heading(rows: list[Row], report: PanelReport, usual: float) -> None:
    """No title label: the largest type among the top rows (with the line it wraps onto), else
    the plain row just above the first labelled one."""
    plain = [i for i, row in enumerate(rows) if _plain(row)]
    if not plain:
        return
    body = sorted(row.size for row in rows)[len(rows) // 2]
    largest = max(plain, key=lambda i: (rows[i].size, -i))
    if rows[largest].size > body + 0.5:
        alike = lambda k: k in plain and abs(rows[k].size - rows[largest].size) <= TITLE_SIZE_TOLERANCE  # noqa: E731
        picked = [largest]
        while alike(picked[0] - 1) and _close(rows, picked[0] - 1, usual):
            picked.insert(0, picked[0] - 1)
        while alike(picked[-1] + 1) and _close(rows, picked[-1], usual):
            picked.append(picked[-1] + 1)
    else:
        labelled = [i for i, row in enumerate(rows) if match_label(row.cells[0].text, "paper")]
        above = [i for i in plain if not labelled or i < labelled[0]]
        if not above:
            return
        picked = [above[-1]]
    report.title = collapse(" ".join(rows[i].text for i in picked))
    report.provenance["title"] = Location(page=rows[picked[0]].page, top=round(rows[picked[0]].top, 1))


def _close(rows: list[Row], i: int, usual: float) -> bool:
    return rows[i + 1].page == rows[i].page and rows[i + 1].top - rows[i].top <= 2 * usual
