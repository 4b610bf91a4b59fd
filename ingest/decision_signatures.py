"""Signature blocks: who signed, in which capacity, on which date, in printed order.

A block starts at a signature label (``Signature:``, ``Signed:``, ``Sign:``, or a role
followed by one: ``Chief Executive/M.O Sign:``), or at a name label where the signature
label is missing (a scan where the handwriting covers it), and takes the few rows after
it that are parts of a block: labelled name/position/date rows, a role line, a name line.
A date row straight under a role line (and perhaps a name line) with no label above
them is a block too, and so is an approval table's row printing role, name and date.

A letter's valediction (``Yours sincerely``) opens a block as well: the writer's name, their
role and perhaps a date follow on lines of their own, under the handwriting.

Where a block prints no role, the role is the sign-off heading above it (Kent's
``Chief Finance Officer:`` followed by comments). Blank blocks (nobody signed, no
date) are not signatories.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from opcc.core.kinds.decision import Signatory
from opcc.core.text import comparable

from .dates import parse_date
from .decision_layout import (
    NAME_MAX_WORDS,
    NOISE_OCR_CONFIDENCE,
    Cell,
    Row,
    looks_like_heading,
    looks_like_name,
    looks_like_role_line,
)
from .decision_vocab import is_role, labels, match_labels, starts_with_any

BLOCK_MAX_ROWS = 5
"""Rows after a signature label that can still belong to its block."""
ROLE_LOOKBACK_ROWS = 10
"""Rows above a block searched for the sign-off heading that names its role."""

_PARTS = ("signature", "name", "position", "date", "comments")
_SIGNED = re.compile(r"^\(?(?:signed|signature|sgd\.?)\)?$|^[.…_]+$", re.IGNORECASE)
"""What an approval table prints in its signature column: 'Signed', '(signed)', a dotted line."""


@dataclass
class SignedBlock:
    signatory: Signatory
    row: Row  # where the block starts
    end: int  # index of the row after the block
    letter: bool = False  # signed under a letter's valediction


def read_signatories(rows: list[Row]) -> list[SignedBlock]:
    printed: dict[int, tuple[Row, float]] = {}
    rows = _unzip_columns([row for row in rows if not row.furniture], printed)
    blocks = _read_blocks(rows)
    if not printed:
        return blocks
    # Side by side, blocks read left to right: ordered by where their run of rows starts, then by column.
    blocks.sort(key=lambda b: (b.row.page, printed[id(b.row)][1] if id(b.row) in printed else b.row.top, b.row.x0))
    for block in blocks:
        block.row = printed[id(block.row)][0] if id(block.row) in printed else block.row
    return blocks


def _read_blocks(rows: list[Row]) -> list[SignedBlock]:
    found: list[SignedBlock] = []
    i = 0
    while i < len(rows):
        table = _approval_row(rows[i])
        if table:
            found.append(SignedBlock(table, rows[i], i + 1))
            i += 1
            continue
        if starts_with_any(rows[i].text, "valedictions"):
            letter = _letter_block(rows, i)
            if letter:
                found.append(letter)
                i = letter.end
                continue
        anchor = _anchor(rows[i])
        if anchor is None:
            unlabelled = _unlabelled_block(rows, i, found[-1].end if found else 0)
            if unlabelled:
                found.append(unlabelled)
            i += 1
            continue
        block = _block(rows, i, *anchor)
        if block.signatory.name or block.signatory.date:
            found.append(block)
        i = block.end
    return found


COLUMN_TOLERANCE = 12.0
"""Points a signature block's line may start away from its column's left edge."""


def _unzip_columns(rows: list[Row], printed: dict[int, tuple[Row, float]]) -> list[Row]:
    """Signature blocks printed side by side ('Name Jo Bloggs    Name Sam Other') as
    one block after another: a run of rows whose cells each open a block part, or name a role,
    is read column by column. ``printed`` maps each part of a row to the row it was cut from and
    the top of its run."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        columns = _block_columns(rows[i])
        below = next((row for row in rows[i + 1:i + 3] if _roles_over(rows[i], row)), None)
        if not columns and below is not None:
            columns = _block_columns(below)  # the blocks' roles printed over them, side by side
        if not columns:
            out.append(rows[i])
            i += 1
            continue
        run = [rows[i]]
        j = i + 1
        while j < len(rows) and rows[j].page == rows[i].page and (_block_columns(rows[j]) or _fits(rows[j], columns)):
            run.append(rows[j])
            j += 1
        for x in columns:
            for row in run:
                cells = [c for c in row.cells if _column(c.x0, columns) == x]
                if cells:
                    part = Row(row.line, cells, row.furniture, row.wrapped)
                    printed[id(part)] = (row, run[0].top)
                    out.append(part)
        i = j
    return out


def _block_columns(row: Row) -> list[float]:
    """The left edges of the blocks a row prints side by side, if every cell is a block's part or role."""
    if len(row.cells) < 2:
        return []
    parts = [_part(Row(row.line, [cell])) for cell in row.cells]
    if any(part is not None and not part[1] for part in parts):
        return []  # "Name | Helen Featherstone": a label and its value, not two blocks
    whole = [part is not None or looks_like_role_line(cell.text) for part, cell in zip(parts, row.cells, strict=True)]
    return [cell.x0 for cell in row.cells] if all(whole) and any(parts) else []


def _roles_over(row: Row, below: Row) -> bool:
    """A row naming a role in each column, over a row of side-by-side block parts."""
    columns = _block_columns(below)
    return (len(row.cells) == len(columns) >= 2 and all(looks_like_role_line(c.text) for c in row.cells)
            and all(abs(c.x0 - x) <= COLUMN_TOLERANCE for c, x in zip(row.cells, columns, strict=True)))


def _column(x: float, columns: list[float]) -> float:
    return min(columns, key=lambda c: abs(c - x)) if x >= columns[0] - COLUMN_TOLERANCE else columns[0]


def _fits(row: Row, columns: list[float]) -> bool:
    """A line of side-by-side blocks with a cell in one column only (a name under a role)."""
    return len(row.cells) <= len(columns) and all(
        any(abs(cell.x0 - x) <= COLUMN_TOLERANCE for x in columns) for cell in row.cells)


def _printed_name(cells: list[Cell]) -> str | None:
    """In a name field OCR read with a signature across it, the leftmost, longest run of words that reads as a name."""
    words = " ".join(cell.text for cell in cells).split()
    for start in range(len(words)):
        for end in range(min(len(words), start + NAME_MAX_WORDS), start + 1, -1):
            run = _capital_i(" ".join(words[start:end]))
            if looks_like_name(run):
                return run
    return None


def _capital_i(name: str) -> str:
    """A printed name starts with a capital, so OCR's ``l`` there is an ``I`` ('lan Smith')."""
    return re.sub(r"^l(?=[a-z]{2,}\s+[A-Z])", "I", name)


def _unlabelled_block(rows: list[Row], i: int, free_from: int) -> SignedBlock | None:
    """A name line, a role line and a date row, with no signature label above them."""
    part = _part(rows[i])
    role_line = rows[i - 1].text if i >= 1 else ""
    if not part or part[0] != "date" or i < 1 or i - 1 < free_from or not looks_like_role_line(role_line) \
            or ":" in role_line.rstrip(":"):
        return None  # "From: Head of Governance" over "Date: ...": a memo's heading, not a signature
    role = rows[i - 1].text.rstrip(":").strip()
    above = rows[i - 2] if i >= 2 and i - 2 >= free_from else None
    name = above.text if above is not None and looks_like_name(above.text) and not is_role(above.text) else None
    date = parse_date(part[1])
    if not (name or date):
        return None
    return SignedBlock(Signatory(role=role, name=name, date=date), above if name else rows[i - 1], i + 1)


def _letter_block(rows: list[Row], start: int) -> SignedBlock | None:
    """Below 'Yours sincerely': the writer's name (over any handwriting), their role, and a date if printed.

    The line under the name is the role as printed ('Police and Crime Commissioner for
    Northshire', or OCR'd 'MHEAD OF PLANNING'): a letter prints nothing else there.
    """
    after = rows[start + 1 : start + 1 + BLOCK_MAX_ROWS]
    at = next((i for i, row in enumerate(after) if looks_like_name(row.text) and not is_role(row.text)), None)
    if at is None:
        return None
    name_row = after[at]
    rest = after[at + 1 :]
    role_row = rest[0] if rest and looks_like_heading(rest[0].text) and not parse_date(rest[0].text) else None
    role = role_row.text.rstrip(":,").strip() if role_row else None
    dated = next((row for row in rest[:2] if parse_date(row.text)), None)
    end = rows.index(dated or role_row or name_row) + 1
    signatory = Signatory(role=role, name=name_row.text.rstrip(","), date=parse_date(dated.text) if dated else None)
    return SignedBlock(signatory, name_row, end, letter=True)


def _part(row: Row) -> tuple[str, str] | None:
    """(``signature``/``name``/``position``/``date``/``comments``, value) when a row is a labelled part."""
    for match in match_labels(row.cells[0].text, fuzzy=row.ocr):
        if match.group == "labels" and match.key in _PARTS and (
                match.delimited or match.open_ended or not match.value or _reads_as(match.key, match.value)):
            # The value is the first legible cell beside the label; the others are handwriting.
            beside = next((cell.text for cell in row.cells[1:] if not _scribble(cell)), "")
            if match.key == "name" and row.ocr:
                beside = _printed_name(row.cells[1:]) or beside
            return match.key, match.value or beside
    return None


def _reads_as(key: str, value: str) -> bool:
    """A part's label run into its value with no colon ('Name Jo Bloggs', 'Date 15 May, 2020',
    'Signature ........'): the value must read as what the label asks for."""
    if key == "name":
        return looks_like_name(value)
    if key == "date":
        return parse_date(value) is not None
    if key == "signature":
        return bool(re.fullmatch(r"[.…_\s]+", value))
    if key == "position":
        return is_role(value)
    return False


def is_block_part(row: Row) -> bool:
    """Whether a row belongs to a signature block: a signature/name/position/date label or a role line."""
    return _part(row) is not None or _anchor(row) is not None or looks_like_role_line(row.text)


def opens_block(row: Row) -> bool:
    """Whether a row is a signature label (signed or left blank)."""
    return _anchor(row, by_name=False) is not None


def _signature_words() -> list[str]:
    return [comparable(word) for word in labels()["labels"]["signature"]]


def _anchor(row: Row, *, by_name: bool = True) -> tuple[str | None, str] | None:
    """(role printed before the label, value after it) when a row starts a signature block.

    ``by_name``: a name label starts a block too (only where no signature label came first).
    """
    part = _part(row)
    if part and part[0] in (("signature", "name") if by_name else ("signature",)):
        return None, part[1]
    if len(row.cells) <= 2:
        words = "|".join(re.escape(w) for w in _signature_words())
        # After the colon: a typed name, or (OCR) the handwriting read as a few stray letters.
        m = re.match(rf"^(?P<role>.+?)\s+(?:{words})\s*[:;,]\s*(?P<value>.*)$", comparable(row.text))
        if m and is_role(m["role"]):
            return row.text[: len(m["role"])].strip(), row.text[m.start("value") :].strip()
    return None


def _block(rows: list[Row], start: int, role: str | None, value: str) -> SignedBlock:
    name = value if looks_like_name(value) else None
    date: dt.date | None = None if name else parse_date(value)  # "Signed: 4 April 2024"
    end = start + 1
    while end < len(rows) and end - start <= BLOCK_MAX_ROWS:
        row = rows[end]
        if _anchor(row, by_name=False) or _approval_row(row):
            break
        part = _part(row)
        if row.noise and not part:
            end += 1  # a handwritten signature read by OCR as a few stray letters
            continue
        if part:
            key, text = part
            if key == "name":
                name = text or name
            elif key == "position":
                role = text or role
            elif key == "date":
                date = parse_date(text) or date
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
    """``Chief Executive | Elaine Summers | 13/7/18``: an approval table's row is a signed block.

    A cell after the date that OCR could barely read is the signature itself.
    """
    cells = [cell for cell in row.cells if not (_scribble(cell) or _SIGNED.match(cell.text))]
    if len(cells) != 3:
        return None
    role, name, date = (cell.text for cell in cells)
    if is_role(role) and looks_like_name(name) and parse_date(date):
        return Signatory(role=role, name=name, date=parse_date(date))
    return None


def _scribble(cell: Cell) -> bool:
    """A cell OCR could barely read: a signature, handwritten."""
    return cell.confidence is not None and cell.confidence < NOISE_OCR_CONFIDENCE
