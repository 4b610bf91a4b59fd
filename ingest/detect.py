"""Which kind of source a document is, from what it says rather than its file name."""

from __future__ import annotations

import re

from .pdf import Document
from .text import comparable

SPREADSHEET_SUFFIXES = {".csv", ".xlsx", ".xlsm", ".xls"}

_PANEL = re.compile(r"police,? (?:fire )?and crime panel|panel members?|report to the panel")
_DECISION = re.compile(
    r"record of (?:a |the )?decision|decision (?:notice|report|record|reference|number|no\b)|"
    r"decision of the|executive summary|recommendations?|officer decision"
)
_SPEND_HEADER = re.compile(r"\b(?:supplier|payee|vendor|beneficiary)\b")
_AMOUNT = re.compile(r"-?£?\(?\d{1,3}(?:,\d{3})*\.\d{2}\)?")


def detect_kind(doc: Document) -> str:
    """``decision``, ``expenditure`` or ``panel_report``, decided on the first pages' text."""
    head = comparable("\n".join(page.text for page in doc.pages[:2]))
    amounts = len(_AMOUNT.findall(head))
    lines = max(1, sum(len(page.lines) for page in doc.pages[:2]))
    # A spend return is mostly table: a supplier column and an amount on most lines.
    if _SPEND_HEADER.search(head) and amounts / lines > 0.4:
        return "expenditure"
    if _PANEL.search(head) and not re.search(r"record of (?:a |the )?decision|decision notice", head):
        return "panel_report"
    if _DECISION.search(head):
        return "decision"
    if _SPEND_HEADER.search(head) and amounts >= 5:
        return "expenditure"
    return "decision"
