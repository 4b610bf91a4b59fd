"""Signature blocks: who signed, in which capacity, on which date, in printed order.

A block starts at a signature label (``Signature:``, ``Signed:``, ``Sign:``, or a role
followed by one: ``Chief Executive/M.O Sign:``) and takes the few rows after it that
are parts of a block: labelled name/position/date rows, a role line, a name line.
Where the block prints no role, the role is the sign-off heading above it (Kent's
``Chief Finance Officer:`` followed by comments). Approval tables that print
role, name and date on one row are blocks too. Blank blocks (nobody signed, no date)
are not signatories.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from opcc.model import Signatory

from .dates import parse_date
from .decision_layout import Row, looks_like_name, looks_like_role_line
from .decision_vocab import is_role, labels, match_labels
from .text import comparable

BLOCK_MAX_ROWS = 5
"""Rows after a signature label that can still belong to its block."""
ROLE_LOOKBACK_ROWS = 10
"""Rows above a block searched for the sign-off heading that names its role."""

_PARTS = ("signature", "name", "position", "date", "comments")


@dataclass
class SignedBlock:
    signatory: Signatory
    row: Row  # where the block starts
    end: int  # index of the row after the block


def read_signatories(rows: list[Row]) -> list[SignedBlock]:
    rows = [row for row in rows if not row.furniture]
    found: list[SignedBlock] = []
    i = 0
    while i < len(rows):
        table = _approval_row(rows[i])
        if table:
            found.append(SignedBlock(table, rows[i], i + 1))
            i += 1
            continue
        anchor = _anchor(rows[i])
        if anchor is None:
            i += 1
            continue
        block = _block(rows, i, *anchor)
        if block.signatory.name or block.signatory.date:
            found.append(block)
        i = block.end
    return found


def _part(row: Row) -> tuple[str, str] | None:
    """(``signature``/``name``/``position``/``date``/``comments``, value) when a row is a labelled part."""
    for match in match_labels(row.cells[0].text, fuzzy=row.ocr):
        if match.group == "labels" and match.key in _PARTS and (match.delimited or not match.value):
            rest = " ".join(cell.text for cell in row.cells[1:])
            return match.key, " ".join(p for p in [match.value, rest] if p)
    return None


def _signature_words() -> list[str]:
    return [comparable(word) for word in labels()["labels"]["signature"]]


def _anchor(row: Row) -> tuple[str | None, str] | None:
    """(role printed before the label, value after it) when a row starts a signature block."""
    part = _part(row)
    if part and part[0] == "signature":
        return None, part[1]
    if len(row.cells) == 1:
        words = "|".join(re.escape(w) for w in _signature_words())
        m = re.match(rf"^(?P<role>.+?)\s+(?:{words})\s*:$", comparable(row.text))
        if m and is_role(m["role"]):
            return row.text[: len(m["role"])].strip(), ""
    return None


def _block(rows: list[Row], start: int, role: str | None, value: str) -> SignedBlock:
    name = value if looks_like_name(value) else None
    date: dt.date | None = None
    end = start + 1
    while end < len(rows) and end - start <= BLOCK_MAX_ROWS:
        row = rows[end]
        if _anchor(row) or _approval_row(row):
            break
        part = _part(row)
        if part:
            key, text = part
            if key == "name":
                name = text or name
            elif key == "position":
                role = text or role
            elif key == "date":
                date = parse_date(text)
                end += 1
                break  # the date closes a block
            elif key == "comments":
                break
        elif name is None and looks_like_name(row.text) and not is_role(row.text):
            name = row.text
        elif looks_like_role_line(row.text):
            role = role or row.text.rstrip(":").strip()
        else:
            break
        end += 1
    return SignedBlock(Signatory(role=role or _role_above(rows, start), name=name, date=date), rows[start], end)


def _role_above(rows: list[Row], start: int) -> str | None:
    """The sign-off heading above a block, over any comments between them."""
    for row in reversed(rows[max(0, start - ROLE_LOOKBACK_ROWS) : start]):
        part = _part(row)
        if _anchor(row) or (part and part[0] == "date"):
            return None
        if any(m.group != "labels" for m in match_labels(row.cells[0].text)):
            return None  # a section heading: the block has no sign-off heading of its own
        if len(row.cells) == 1 and looks_like_role_line(row.text):
            return row.text.rstrip(":").strip()
    return None


def _approval_row(row: Row) -> Signatory | None:
    """``Chief Executive | Elaine Summers | 13/7/18``: an approval table's row is a signed block."""
    if len(row.cells) != 3:
        return None
    role, name, date = (cell.text for cell in row.cells)
    if is_role(role) and looks_like_name(name) and parse_date(date):
        return Signatory(role=role, name=name, date=parse_date(date))
    return None
