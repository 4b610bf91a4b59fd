"""A paper to the Police and Crime Panel listing items of expenditure, read into a :class:`PanelReport`.

A paper names each selected item (who was paid, how much, when) wherever and however it
likes, so the readers look for them by meaning, in this order, each taking the rows it reads
so that none is read twice (:mod:`.panel_table`, :mod:`.panel_items`):

1. a table whose header names the items' fields (``Date / Supplier / Amount``, an appendix's
   ``Ref / Date / Supplier / Description / Amount (£)``);
2. blocks of labelled values (``Supplier: ... / Amount: ... / Date of payment: ...``);
3. lines of their own: headings, numbered or bulleted entries, headerless table rows
   (``The Police ICT Company Ltd, £60,000.00 - 10 April 2018:``);
4. sentences of the remaining prose (``A payment of £16,258.50 was made to Dandelion Time on ...``).

An item two readers find (the same sum on the same date) is one item. Each item keeps its
narrative (:mod:`.panel_narrative`), and the paper its header (:mod:`.panel_header`). An
item whose supplier, amount or date is missing, unreadable or OCR'd without confidence is
kept with what was read and flagged for review; nothing is guessed.
"""

from __future__ import annotations

from opcc.core.kinds.panel_report import PanelItem, PanelReport
from opcc.core.model import Location, ReviewFlag
from opcc.core.text import comparable

from .decision_layout import NOISE_OCR_CONFIDENCE, Row, rows_of
from .panel_header import read_header
from .panel_items import Found, find_label_blocks, find_line_items, find_prose_items
from .panel_layout import paragraphs
from .panel_narrative import attach_narratives
from .panel_table import find_table_items
from .panel_vocab import amounts_in, is_item_marker, is_name, match_label
from .pdf import Document

READERS = (find_table_items, find_label_blocks, find_line_items)
"""The readers of items printed apart from the prose, most structured first."""


def parse_panel_report(doc: Document) -> PanelReport:
    rows = [row for row in rows_of(doc) if not (row.furniture and not _items_text(row)) and not _noise(row)]
    found, taken = read_items(rows)
    paras = paragraphs(rows, set(range(len(rows))) - taken)
    found = merged(found + find_prose_items(rows, paras))
    found.sort(key=_position)
    attach_narratives(found, paras, rows)
    report = PanelReport()
    read_header(rows, _position(found[0]) if found else len(rows), report)
    report.items = [PanelItem(supplier=f.supplier, amount=f.amount, date=f.date, description=f.description,
                              narrative=f.narrative) for f in found]
    if found:
        first = rows[_position(found[0])]
        report.provenance["items"] = Location(page=first.page, top=round(first.top, 1))
    flag(report, found, rows)
    return report


def _noise(row: Row) -> bool:
    """A scanned line OCR could read almost none of (a stamp, specks, a signature): most of its
    words below the noise confidence. One unreadable word (a sum) keeps its line, to be flagged."""
    scores = sorted(w.confidence for w in row.line.words if w.confidence is not None)
    return bool(scores) and scores[len(scores) // 2] < NOISE_OCR_CONFIDENCE


def _items_text(row: Row) -> bool:
    """Whether a row at the top or foot of its page carries an item's label or sum: item blocks
    set at the top of each page repeat there like a running header, but are not one."""
    return bool(amounts_in(row.text) or match_label(row.cells[0].text, "item") or is_item_marker(row.text))


def read_items(rows: list[Row]) -> tuple[list[Found], set[int]]:
    """The items the structured readers find, and the rows they took."""
    found: list[Found] = []
    taken: set[int] = set()
    for reader in READERS:
        new = reader(rows, taken)
        found += new
        taken |= {i for item in new for i in item.rows}
    return found, taken


def _position(item: Found) -> int:
    return min(item.rows) if item.rows else item.paragraph.first


def merged(found: list[Found]) -> list[Found]:
    """One item for each sum paid on one date that two readers both found (a table and a heading, say)."""
    kept: list[Found] = []
    for item in found:
        twin = next((k for k in kept if k.how != item.how and (k.amount, k.date) == (item.amount, item.date)
                     and k.amount is not None and k.date is not None), None)
        if twin is None:
            kept.append(item)
            continue
        if twin.supplier and item.supplier and comparable(twin.supplier) != comparable(item.supplier):
            twin.unsure.append(f"also read with the supplier {item.supplier!r}")
        twin.description = twin.description or item.description
    return kept


def flag(report: PanelReport, found: list[Found], rows: list[Row]) -> None:
    for n, item in enumerate(found):
        page = rows[_position(item)].page
        reasons = list(item.unsure)
        if item.supplier and not is_name(item.supplier) and not any("supplier" in r for r in reasons):
            reasons.append(f"the supplier does not read as a name: {item.supplier!r}")
        for reason in reasons:
            report.review.append(ReviewFlag(field=f"items[{n}]", reason=reason, value=item.supplier, page=page))
    if not found:
        report.review.append(ReviewFlag(field="items", reason="no selected expenditure items found"))
    for name in ("title", "date", "author"):
        if getattr(report, name) is None:
            report.review.append(ReviewFlag(field=name, reason="not found"))

