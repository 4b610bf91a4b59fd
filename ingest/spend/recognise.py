"""Whether a PDF is a spend return: a table of payments under a header spend's vocabulary knows."""

from __future__ import annotations

from ingest.detect import is_panel_paper
from ingest.detect import is_spend_return as names_a_payee
from ingest.money import parse_amount
from ingest.pdf import Document
from ingest.tables import load_vocabulary
from ingest.tables.pdf_grid import Header, carries_entry, header_band

PAGES = 2
"""The pages looked at: a return's first page is its table."""
ENTRY_SHARE = 0.4
"""A return has an amount on at least this share of the lines below its header..."""
MOSTLY_ENTRIES = 0.6
"""...or, where no header is found in its text runs (a finance system's monospace print, read
as one run a line), a date and an amount on this share of all its lines: no notice or paper reads so."""
UNNAMED_AMOUNT_ENTRIES = 3
"""A header that names no amount column ("Sum Paid (£)" is not in the vocabulary) needs this many
lines with amounts: a notice's signature table has a line or two under its header, a return has rows."""


def is_spend_return(doc: Document) -> bool:
    """A payee column and amounts on most lines (:func:`ingest.detect.is_spend_return`), or a table
    whose header names spend fields in other words ("Creditor", "Trader") over lines of payments."""
    if names_a_payee(doc):
        return True
    if is_panel_paper(doc):
        return False  # a paper to the panel may list payments too; it is read as a paper
    vocabulary = load_vocabulary("spend_columns")
    for page in doc.pages[:PAGES]:
        header = header_band(page.lines, vocabulary)
        below = [line.text for line in page.lines if header is None or line.top > header.bottom]
        found = sum(map(carries_amount if header else carries_entry, below))
        if below and found >= (ENTRY_SHARE if header else MOSTLY_ENTRIES) * len(below) and (
            header is None or names_amount(header) or found >= UNNAMED_AMOUNT_ENTRIES
        ):
            return True
    return False


def names_amount(header: Header) -> bool:
    """Whether a header names a column of amounts: a notice's sign-off table ("Role, Name,
    Signature, Date") names a payee and a date, but no notice prints a column of sums."""
    return any(column.content == "amount" for column in header.columns)


def carries_amount(text: str) -> bool:
    """Whether a line has an amount written as money (pence or thousands separators) in it."""
    return any(("." in word or "," in word) and parse_amount(word) is not None for word in text.split())
