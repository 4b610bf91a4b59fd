"""The items a panel paper names, wherever it prints them: on a line of their own, in label blocks, in prose.

Each reader returns what it found as :class:`Found`, with the rows that print it (so that
no row is read as two items, and the narrative is looked for after them). A value a reader
cannot be sure of is left empty or kept with a reason in ``unsure``, never guessed.

* **A line of its own** (a heading, a numbered or bulleted entry, a headerless table row):
  exactly one date and one sum, and, apart from them and a few linking words
  (``line_filler`` in the vocabulary), a name: ``Dandelion Time, £16,258.50 - 18 April 2018:``,
  ``(2) Harbourside Youth Project (02/12/2019) – £62,304.98``.
* **Label blocks**: consecutive ``Label: value`` lines or label/value grid rows whose labels
  name an item's supplier, amount, date or purpose; a repeated label or an ``Item 3`` line
  starts the next block.
* **Prose**: a sentence with one date, one sum, a payment word and a supplier's name beside a
  cue (``... was made to Dandelion Time on ...``, ``SignHealth received ...``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from opcc.core.text import collapse, comparable, normalise

from .dates import find_dates, parse_date
from .decision_layout import Cell, Row, ends_sentence
from .money import parse_amount
from .panel_layout import Para, pitch
from .panel_vocab import (
    amounts_in,
    is_name,
    item_marker,
    labels,
    match_label,
    name_after,
    name_before,
    prose_cues,
    strip_list_mark,
    without_weekdays,
)

LINE_ITEM_MAX_WORDS = 30
"""An item's own line is short; a longer line is prose (read by the prose reader, if at all)."""
VALUE_WRAP_PITCHES = 1.25
"""A label's value carries on onto a line at most this many line pitches below."""
DATE_LABEL_ROWS = 3
"""Labelled lines under an item's heading searched for its date."""
LABEL_MAX_WORDS = 5
"""A label is a few words: a longer line in the labels' column is prose."""
ITEM_FIELDS = ("supplier", "amount", "date")


@dataclass
class Found:
    supplier: str | None
    amount: Decimal | None
    date: dt.date | None
    rows: list[int]
    how: str  # "table", "labels", "line" or "prose"
    description: str | None = None
    unsure: list[str] = field(default_factory=list)
    paragraph: Para | None = None  # prose: the paragraph that names the item, the start of its narrative
    narrative: str | None = None


# ---- an item on a line of its own -------------------------------------------------------------


@cache
def _fillers() -> tuple[str, ...]:
    return tuple(sorted((comparable(w) for w in labels()["line_filler"]), key=len, reverse=True))


def _trim_fillers(piece: str) -> str:
    """A part of a line without the linking words at its ends ('paid to Nacro on' -> 'Nacro')."""
    piece = piece.strip(" ,;:-()")
    changed = True
    while changed and piece:
        changed = False
        folded = comparable(piece)
        for filler in _fillers():
            if folded == filler:
                return ""
            if folded.startswith(filler + " "):
                piece, changed = piece[len(filler):].strip(" ,;:-()"), True
                break
            if folded.endswith(" " + filler):
                piece, changed = piece[: -len(filler)].strip(" ,;:-()"), True
                break
    return piece


def parse_item_line(text: str, *, undated: bool = False) -> tuple[str, Decimal, dt.date | None, str | None] | None:
    """(supplier, amount, date, description) of a line that names one item and nothing else;
    with ``undated``, a line naming only a supplier and a sum too (its date left empty)."""
    text = normalise(text)
    marker = item_marker().match(comparable(text))
    if marker and marker["rest"]:
        text = text[len(text) - len(marker["rest"]):]
    unmarked = strip_list_mark(text)
    if len(find_dates(unmarked)) == len(find_dates(text)):  # '2 October 2023 - ...' opens with a date, not a number
        text = unmarked
    text = without_weekdays(text.rstrip(":").strip())
    if len(text.split()) > LINE_ITEM_MAX_WORDS:
        return None
    amounts = amounts_in(text)
    if len(amounts) != 1:
        return None
    figure, a, b = amounts[0]
    rest = _masked(text, a, b)  # the sum first: '£40,643.27 - 18/11/2022' is not a date '27 - 18/11'
    dates = find_dates(rest)
    if len(dates) > 1 or (not dates and not undated):
        return None
    date = None
    if dates:
        date, start, end = dates[0]
        rest = f"{rest[:start]} | {rest[end:]}"
    pieces = [_trim_fillers(p) for p in re.split(r"\s*\|+\s*|\s+[-—~]\s+|[()]", rest)]
    pieces = [_capital_i(p) for p in pieces if p]  # (a dash between them may be OCR'd as '~')
    names = [i for i, p in enumerate(pieces) if is_name(p)]
    if not names:
        return None
    first = names[0]
    if any(not is_name(p) for p in pieces[:first]):
        return None  # words before the name that are not a name: a sentence, not an item's line
    description = " ".join(pieces[first + 1:]) or None
    if description and (text.endswith(".") or date is None):
        return None  # a sentence that names a payment, for the prose reader
    return pieces[first], parse_amount(figure), date, description


def _capital_i(piece: str) -> str:
    """A name OCR read with a capital I as a small l ('lronbridge Digital Ltd'), with its I back;
    the item is flagged (:func:`find_line_items`), since its name is then not as printed."""
    if piece[:1] == "l" and piece[1:2].islower() and not is_name(piece) and is_name("I" + piece[1:]):
        return "I" + piece[1:]
    return piece


def _masked(text: str, start: int, end: int) -> str:
    """The text with one span replaced by bars of the same length (so later spans keep their places)."""
    return text[:start] + "|" * (end - start) + text[end:]


def _cells_text(row: Row) -> str:
    return " | ".join(cell.text for cell in row.cells)


def find_line_items(rows: list[Row], taken: set[int]) -> list[Found]:
    """Items printed each on a line of its own (or on a line and the one it wraps onto)."""
    found: list[Found] = []
    usual = pitch(rows)
    i = 0
    while i < len(rows):
        if i in taken:
            i += 1
            continue
        parsed = parse_item_line(_cells_text(rows[i]), undated=_item_heading(rows[i]))
        span = [i]
        if parsed is None and i + 1 < len(rows) and i + 1 not in taken and _wraps(rows[i], rows[i + 1], usual):
            parsed = parse_item_line(f"{rows[i].text} {rows[i + 1].text}")
            span = [i, i + 1]
        if parsed:
            supplier, amount, date, description = parsed
            item = Found(supplier, amount, date, span, "line", description)
            if supplier not in normalise(" ".join(rows[j].text for j in span)):
                item.unsure.append(f"the supplier's first letter was read as 'l' and taken for 'I': {supplier!r}")
            if date is None:
                _labelled_date(item, rows, taken)
            _check_ocr(item, [rows[j] for j in span])
            found.append(item)
            i = span[-1] + 1
        else:
            i += 1
    return found


def _labelled_date(item: Found, rows: list[Row], taken: set[int]) -> None:
    """The date of an item headed without one, from a date label just under its heading
    ('Dandelion Time - £16,258.50' / 'Date of payment: 18 April 2018'); else flagged."""
    for k in range(item.rows[-1] + 1, min(len(rows), item.rows[-1] + 1 + DATE_LABEL_ROWS)):
        label = None if k in taken else _label_of(rows[k])
        if label is None:
            break
        if label[0] == "date":
            item.date = parse_date(label[1])
            item.rows.append(k)
            if item.date is None:
                item.unsure.append(f"the date could not be read: {label[1]!r}")
            return
    item.unsure.append("no date of payment is printed with the item")


def _item_heading(row: Row) -> bool:
    """A line set as an item's heading (bold, or ending in a colon), which may name an item without its date."""
    return (row.line.bold or row.text.rstrip().endswith(":")) and match_label(row.cells[0].text, "paper") is None


def _wraps(row: Row, below: Row, usual: float) -> bool:
    """A heading wrapped onto a second line ('... 14 February,' / '2019'): close below, same page,
    about the same size, and the first does not end a sentence."""
    return (below.page == row.page and below.top - row.top <= VALUE_WRAP_PITCHES * usual
            and not row.text.rstrip().endswith((".", ";", "!", "?")) and abs(below.size - row.size) <= 1.0
            and match_label(row.cells[0].text, "paper") is None and len(row.text.split()) + len(below.text.split()) <= LINE_ITEM_MAX_WORDS)


def _check_ocr(item: Found, rows: list[Row]) -> None:
    if any(row.low_confidence for row in rows):
        item.unsure.append("OCR unsure of the item's line")


# ---- label blocks ----------------------------------------------------------------------------


@dataclass
class _Block:
    values: dict[str, str] = field(default_factory=dict)
    rows: list[int] = field(default_factory=list)
    last: str | None = None  # the field the last line gave a value to
    value_x: float | None = None
    label_x: float | None = None
    unknown: tuple[str, str] | None = None  # (label, value) of the last row whose label is not in the vocabulary


def _without_marker(row: Row, rest: int) -> Row:
    """The row as if its text began after its item marker ('Item 1: Supplier: X' -> 'Supplier: X')."""
    text = normalise(row.cells[0].text.strip())
    keep = text[len(text) - rest:] if rest <= len(text) else text
    return Row(row.line, [Cell(keep, row.cells[0].x0, row.cells[0].x1, row.cells[0].confidence), *row.cells[1:]])


def _names_item(text: str, rest: str) -> bool:
    """Whether what follows an item marker is only a name (no sum, no date, no label)."""
    return is_name(rest.title()) and not amounts_in(text) and not find_dates(text) and match_label(rest, "item") is None


def _label_of(row: Row):
    """(field, value) of a row that opens with an item's label: 'Amount: £4,400', or a grid's label cell."""
    label = match_label(row.cells[0].text, "item")
    if label is None:
        return None
    value = label.value or " ".join(cell.text for cell in row.cells[1:])
    return label.key, value.strip()


def find_label_blocks(rows: list[Row], taken: set[int]) -> list[Found]:
    """Items printed as blocks of labelled values, one block per item."""
    found: list[Found] = []
    usual = pitch(rows)
    block = _Block()

    def close() -> None:
        nonlocal block
        if "amount" in block.values and ({"supplier", "date"} & set(block.values)):
            found.append(_block_item(block, rows))
        block = _Block()

    for i, row in enumerate(rows):
        if i in taken:
            close()
            continue
        marker = item_marker().match(comparable(row.text.strip()))
        if marker and (not marker["rest"] or _names_item(row.text, marker["rest"])):
            close()  # 'Item 1', or 'Item 1: Sussex Rape Crisis' naming the supplier of the block below
            block.rows.append(i)
            if marker["rest"]:
                block.values["supplier"] = normalise(row.text.strip())[-len(marker["rest"]):]
            continue
        labelled = _label_of(row)
        if marker and labelled is None and match_label(marker["rest"], "item"):
            close()  # 'Item 1: Supplier: Sussex Rape Crisis', the block's first label on the marker's line
            labelled = _label_of(_without_marker(row, len(marker["rest"])))
        if labelled and labelled[0] == "narrative":
            if block.values:
                block.rows.append(i)
            close()
            continue
        if labelled:
            key, value = labelled
            if key in block.values:
                close()
            block.values[key], block.last, block.unknown = value, key, None
            block.rows.append(i)
            block.value_x = row.cells[1].x0 if len(row.cells) > 1 else None
            block.label_x = row.cells[0].x0
            continue
        above = rows[i - 1] if i else None
        if block.last and above is not None and _carries_value(above, row, block, usual):
            block.values[block.last] = f"{block.values[block.last]} {row.text}".strip()
            block.rows.append(i)
            continue
        if block.values and above is not None and _in_label_column(above, row, block, usual):
            _unknown_label(block, row)
            block.rows.append(i)
            continue
        close()
    close()
    return found


def _carries_value(above: Row, row: Row, block: _Block, usual: float) -> bool:
    """A line that carries on the value above it: just below, starting where the value starts
    (or, a label with nothing after it, the value itself on the next line)."""
    if row.page != above.page or row.top - above.top > VALUE_WRAP_PITCHES * usual:
        return False
    if not block.values[block.last]:
        return True
    return block.value_x is not None and abs(row.x0 - block.value_x) < 6


def _in_label_column(above: Row, row: Row, block: _Block, usual: float) -> bool:
    """A row of the block's grid that its labels do not name: starting in the labels' column, close
    below, with a value beside it, or a few words completing the unknown label above ('Expenditure')."""
    if block.label_x is None or abs(row.x0 - block.label_x) >= 6 or row.page != above.page:
        return False
    if row.top - above.top > 2 * VALUE_WRAP_PITCHES * usual:
        return False
    wrapped_label = block.unknown is not None and len(row.text.split()) <= LABEL_MAX_WORDS and not ends_sentence(row.text)
    return len(row.cells) >= 2 or (len(row.cells) == 1 and wrapped_label)


def _unknown_label(block: _Block, row: Row) -> None:
    """A label the vocabulary does not know ('Purpose of' | value), kept aside in case the next row
    completes it into one it knows ('Expenditure'); a row of one cell may complete the label above."""
    if len(row.cells) == 1 and block.unknown:
        label, value = block.unknown
        known = match_label(f"{label} {row.text}", "item")
        if known and known.key not in block.values and known.key != "narrative":
            block.values[known.key], block.last, block.unknown = value, known.key, None
            return
    block.unknown = (row.cells[0].text, " ".join(c.text for c in row.cells[1:]))
    block.last = None


def amount_of(value: str | None) -> Decimal | None:
    """The sum a value gives: the value itself, or the one sum in it beside words only
    ('£4,400 (net)'); ``None`` when a figure in it cannot be read ('£3,9O0.00')."""
    found = parse_amount(value)
    if found is not None or not value:
        return found
    sums = amounts_in(value)
    if len(sums) != 1:
        return None
    rest = value[: sums[0][1]] + value[sums[0][2]:]
    return None if re.search(r"\d|\w$", value[: sums[0][1]]) or re.search(r"\d", rest) else parse_amount(sums[0][0])


def _block_item(block: _Block, rows: list[Row]) -> Found:
    values = {k: collapse(v) or "" for k, v in block.values.items()}
    item = Found(values.get("supplier") or None, None, None, block.rows, "labels", values.get("purpose") or None)
    item.amount = amount_of(values.get("amount"))
    item.date = parse_date(values.get("date")) if values.get("date") else None
    for name in ITEM_FIELDS:
        if getattr(item, name) is None:
            shown = values.get(name)
            item.unsure.append(f"the {name} could not be read: {shown!r}" if shown else f"no {name} is printed")
    _check_ocr(item, [rows[j] for j in block.rows])
    return item


# ---- prose -----------------------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z£\d])")


def find_prose_items(rows: list[Row], paras: list[Para]) -> list[Found]:
    """Items named in sentences: one date, one sum, a payment word and the supplier beside a cue."""
    found = []
    for para in paras:
        if para.heading:
            continue
        for sentence in _SENTENCE.split(normalise(para.text)):
            item = parse_payment_sentence(sentence)
            if item:
                supplier, amount, date = item
                found.append(Found(supplier, amount, date, [], "prose", paragraph=para))
                _check_ocr(found[-1], [rows[j] for j in para.rows])
    return found


def parse_payment_sentence(sentence: str) -> tuple[str, Decimal, dt.date] | None:
    """(supplier, amount, date) of a sentence that names a payment: a payment word, a name beside
    a cue, and the sum and the date nearest that name (a sentence may mention an award too)."""
    words, before, after = prose_cues()
    if not set(re.findall(r"[a-z]+", comparable(sentence))) & words:
        return None
    named = _cued_name(sentence, before, after)
    amounts = amounts_in(sentence)
    if named is None or not amounts:
        return None
    name, at = named
    figure, a, b = min(amounts, key=lambda m: min(abs(m[1] - at), abs(m[2] - at)))
    dates = find_dates(_masked(sentence, a, b))
    if not dates:
        return None
    date = min(dates, key=lambda d: min(abs(d[1] - at), abs(d[2] - at)))[0]
    return name, parse_amount(figure), date


def _cued_name(sentence: str, before: tuple[str, ...], after: tuple[str, ...]) -> tuple[str, int] | None:
    """A supplier's name after a cue ('made to ...') or before one ('... received'), and where it is."""
    for cue in before:
        for m in re.finditer(rf"\b{re.escape(cue)}\s+", sentence, re.IGNORECASE):
            name = name_after(sentence[m.end():].split())
            if name:
                return name, m.end()
    for cue in after:
        for m in re.finditer(rf"\s+{re.escape(cue)}\b", sentence, re.IGNORECASE):
            name = name_before(sentence[: m.start()].split())
            if name:
                return name, m.start()
    return None
