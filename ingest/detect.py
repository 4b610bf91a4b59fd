"""Which kind of source a document is, from what it says rather than its file name.

Three kinds of PDF arrive: spend returns (mostly a table of payments), decision
notices, and papers to the Police and Crime Panel. Decision notices often mention
the Panel ("the Police and Crime Panel considered the precept"), so a mention is not
enough: a panel paper is *addressed* to the Panel in its heading, or lists items of
expenditure the Panel *selected*, and it carries none of a decision form's labels.
"""

from __future__ import annotations

import re

from .pdf import Document
from .text import comparable

HEADING_LINES = 8
"""Lines at the top of page 1 read as the paper's heading (letterhead, To:, title)."""
SPEND_AMOUNT_SHARE = 0.4
"""A spend return has an amount on at least this share of its lines."""

_PANEL = re.compile(r"police,? (?:fire )?(?:and|&) crime panel|\bpanel members?\b|report to the panel")
_SELECTED = re.compile(
    r"(?:selected|chosen|requested) by (?:the )?(?:panel|members)|items? (?:of expenditure )?selected|selected items"
)
_DECISION_FORM = re.compile(
    r"record of (?:a |the )?decision|decision (?:notice|report|record|reference|number|no\b|maker|sheet)|"
    r"date of decision|decision of the|officer decision|\bp(?:f)?cc decision"
)
_SPEND_HEADER = re.compile(r"\b(?:supplier|payee|vendor|beneficiary)\b")
_AMOUNT = re.compile(r"-?£?\(?\d{1,3}(?:,\d{3})*\.\d{2}\)?")


def detect_kind(doc: Document) -> str:
    """``decision``, ``expenditure`` or ``panel_report``, decided on the first pages' text."""
    head = comparable("\n".join(page.text for page in doc.pages[:2]))
    heading = comparable("\n".join(line.text for line in doc.pages[0].lines[:HEADING_LINES]))
    amounts = len(_AMOUNT.findall(head))
    lines = max(1, sum(len(page.lines) for page in doc.pages[:2]))
    # A spend return is mostly table: a supplier column and an amount on most lines.
    if _SPEND_HEADER.search(head) and amounts / lines > SPEND_AMOUNT_SHARE:
        return "expenditure"
    is_decision_form = bool(_DECISION_FORM.search(head))
    to_panel = bool(_PANEL.search(heading)) or bool(_SELECTED.search(head))
    if to_panel and not is_decision_form:
        return "panel_report"
    if is_decision_form or re.search(r"\brecommendations?\b|executive summary", head):
        return "decision"
    if _SPEND_HEADER.search(head) and amounts >= 5:
        return "expenditure"
    return "decision"
