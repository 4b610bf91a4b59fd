"""Which kind of source a PDF is, from what it says rather than its file name.

Each PDF kind in the registry names one of the tests below as its ``recognise``; they are
tried in the registry's order and the first that passes takes the document.

Three kinds of PDF arrive: spend returns (mostly a table of payments), decision
notices, and papers to the Police and Crime Panel. Decision notices often mention
the Panel ("the Police and Crime Panel considered the precept"), so a mention is not
enough: a panel paper is *addressed* to the Panel in its heading, or lists items of
expenditure the Panel *selected*, and it carries none of a decision form's labels.
"""

from __future__ import annotations

import re

from opcc.core.text import comparable

from .pdf import Document

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


def _head(doc: Document) -> tuple[str, str]:
    """The first pages' text and page 1's heading lines, comparable."""
    head = comparable("\n".join(page.text for page in doc.pages[:2]))
    heading = comparable("\n".join(line.text for line in doc.pages[0].lines[:HEADING_LINES]))
    return head, heading


def _decision_form(head: str) -> bool:
    return bool(_DECISION_FORM.search(head))


def _to_panel(head: str, heading: str) -> bool:
    return bool(_PANEL.search(heading)) or bool(_SELECTED.search(head))


def is_spend_return(doc: Document) -> bool:
    """Mostly table: a supplier column and an amount on most lines (or, failing that, a supplier
    column and a few amounts in a document that reads as neither a decision nor a panel paper)."""
    head, heading = _head(doc)
    if not _SPEND_HEADER.search(head):
        return False
    amounts = len(_AMOUNT.findall(head))
    lines = max(1, sum(len(page.lines) for page in doc.pages[:2]))
    if amounts / lines > SPEND_AMOUNT_SHARE:
        return True
    decision_like = _decision_form(head) or bool(re.search(r"\brecommendations?\b|executive summary", head))
    return amounts >= 5 and not decision_like and not _to_panel(head, heading)


def is_panel_paper(doc: Document) -> bool:
    """Addressed to the Panel, or listing what it selected, and not a decision form."""
    head, heading = _head(doc)
    return _to_panel(head, heading) and not _decision_form(head)


def is_decision(doc: Document) -> bool:
    """Any other document read here is taken for a decision notice (the parser flags what it cannot find)."""
    return True
