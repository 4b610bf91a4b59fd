"""A table of a panel paper's items: found by its header's words, read column by column.

The header is a row whose cells name an item's fields by the words of
``ingest/vocab/panel_columns.yml`` (the vocabulary reader of ``ingest/tables``), or two
rows that do so together (a header cell wrapped in its column). Each column runs from
half-way to the header cell on its left to half-way to the one on its right, and every
run of text under the header goes to the column its middle falls in, so a right-aligned
amount or a cell that runs close to its neighbour still lands in its own column.

A line with a sum in the amount column (and a date in the date column, when the table has
one) starts an item; a line just below it carries on its cells (a wrapped supplier or
purpose); anything else ends the table. A header printed again (a table carried over a
page) is passed over. A scanned line is first split into the visual lines its words sit on
(OCR may give three table rows as one line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from opcc.core.text import collapse

from .dates import find_dates, parse_date
from .decision_layout import CELL_GAP, Row
from .money import parse_amount
from .panel_items import ITEM_FIELDS, VALUE_WRAP_PITCHES, Found, amount_of
from .panel_layout import pitch
from .panel_vocab import amounts_in, columns, strip_list_mark
from .pdf import Line
from .tables.lines import as_lines
from .tables.totals import TOTAL_LABEL

ACROSS = 10.0
"""Points of a phrase on both sides of a column's edge that make it run across the column."""
SCANNED_WRAP_PITCHES = 1.6
"""A scanned cell's wrapped line stands at most this many line pitches below the line above it
(OCR'd tops move with the letters' heights); a text layer's, ``VALUE_WRAP_PITCHES``."""
RUN_GAP = 1.0
"""Points between two text runs of a header line that make them two cells."""
OCR_WORD_GAP = CELL_GAP
"""Points between two OCR'd words of a header line that make them two cells."""
HEAD_TOLERANCE = 4.0
"""Points a header cell's wrapped end may stand beside the cell it ends."""
HEADER_LINES = 3
"""A header's cells wrap onto at most this many lines below the first."""
OCR_UNSURE = 80
"""An OCR'd date, amount or supplier with a word below this confidence is flagged for review."""


_TOTAL = re.compile(f"^{TOTAL_LABEL}$", re.IGNORECASE)
_RULES = re.compile(r"^[|¦_\[\]{}]+|[|¦_\[\]{}]+$")
"""What OCR makes of a table's rules at the ends of a word."""


@dataclass
class Column:
    field: str | None
    left: float  # the column's bounds on the page
    right: float


def find_table_items(rows: list[Row], taken: set[int]) -> list[Found]:
    found: list[Found] = []
    usual = pitch(rows)
    i = 0
    while i < len(rows):
        header = None if i in taken else _header(rows, i, usual)
        if header is None:
            i += 1
            continue
        cols, after = header
        items, i = _read(rows, cols, after, taken, usual)
        found += items
    return found


def _header(rows: list[Row], i: int, usual: float) -> tuple[list[Column], int] | None:
    """The columns of a header at row ``i`` and the first row after it, if row ``i`` is one.

    The lines just under it that carry no data are part of it: a cell wrapped onto them joins
    the header cell above it ('Ite' / 'm'), and a cell under none starts a column of its own
    (a header whose cells are set at different heights: 'Date paid | Amount' over 'Supplier').
    """
    vocabulary = columns()
    heads = _phrases(rows[i].line)
    for wrapped in rows[i].wrapped:
        heads = _joined(heads, _phrases(wrapped))
    after = i + 1
    while (after < len(rows) and after - i <= HEADER_LINES and _under(rows[after - 1], rows[after], usual)
           and not _data(rows[after].text)):
        joined = _joined(heads, [c for line in [rows[after].line, *rows[after].wrapped] for c in _phrases(line)])
        if len(vocabulary.map_columns([t for _, _, t in joined])) < len(vocabulary.map_columns([t for _, _, t in heads])):
            break
        heads, after = joined, after + 1
    texts = [t for _, _, t in heads]
    if len(heads) < 2 or not vocabulary.is_header(texts):
        return None
    fields = vocabulary.map_columns(texts)
    if vocabulary.missing(fields.values()):
        return None
    cols = []
    for k, (x0, _, _) in enumerate(heads):
        right = heads[k + 1][0] if k + 1 < len(heads) else float("inf")
        cols.append(Column(fields.get(k), x0 if k else float("-inf"), right))
    return cols, after


def _phrases(line: Line) -> list[tuple[float, float, str]]:
    """A header line's cells: a text layer's runs apart (cells set close together in a tight
    table are still two runs), or, OCR'd, its words joined where their gap is a space."""
    gap = OCR_WORD_GAP if any(w.confidence is not None for w in line.words) else RUN_GAP
    phrases: list[tuple[float, float, str]] = []
    for word in sorted(line.words, key=lambda w: w.x0):
        text = _RULES.sub("", word.text).strip()
        if not text:
            continue
        if phrases and word.x0 - phrases[-1][1] < gap:
            x0, _, joined = phrases[-1]
            phrases[-1] = (x0, word.x1, f"{joined} {text}")
        else:
            phrases.append((word.x0, word.x1, text))
    return phrases


def _joined(heads: list[tuple[float, float, str]], cells: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    heads = list(heads)
    for c0, c1, text in cells:
        k = next((k for k, (x0, x1, _) in enumerate(heads) if c0 < x1 + HEAD_TOLERANCE and c1 > x0 - HEAD_TOLERANCE), None)
        if k is None:
            heads.append((c0, c1, text))
        else:
            x0, x1, above = heads[k]
            heads[k] = (min(x0, c0), max(x1, c1), f"{above} {text}")
    return sorted(heads)


def _under(row: Row, below: Row, usual: float) -> bool:
    return below.page == row.page and below.top - row.top <= VALUE_WRAP_PITCHES * usual


def _data(text: str) -> bool:
    return bool(find_dates(text) or amounts_in(text))


def _cells_of(line: Line, cols: list[Column]) -> dict[str, tuple[str, float | None]]:
    """Each field's text on one line, with the lowest OCR confidence among its words."""
    texts: dict[str, list[str]] = {}
    confidence: dict[str, float | None] = {}
    for word in sorted(line.words, key=lambda w: w.x0):
        text = _RULES.sub("", word.text) if word.confidence is not None else word.text
        if not text:
            continue  # a scanned table's rule, read as '|'
        col = max(cols, key=lambda c: min(word.x1, c.right) - max(word.x0, c.left))
        name = col.field or "?"
        texts.setdefault(name, []).append(text)
        if word.confidence is not None:
            confidence[name] = min(word.confidence, confidence.get(name) or 100.0)
    return {name: (" ".join(parts), confidence.get(name)) for name, parts in texts.items()}


def _starts_item(cells: dict[str, tuple[str, float | None]]) -> bool:
    """A sum in the amount column and something in another (a date wrapped over two lines
    is read from both: '20 October' / '2021'), unless the row is a printed total."""
    if any(_TOTAL.match(text.strip()) for text, _ in cells.values()):
        return False
    amount = cells.get("amount", ("", None))[0]
    others = any(text for name, (text, _) in cells.items() if name in ("date", "supplier"))
    money = len(amounts_in(amount)) == 1 or (parse_amount(amount) is not None and sum(ch.isdigit() for ch in amount) >= 3)
    return others and money  # a lone '4' is the end of a wrapped figure or a reference, not a sum


def _across(line: Line, cols: list[Column]) -> bool:
    """Whether a line runs across a column's edge (prose under the table, a heading), not within cells."""
    phrases: list[list[float]] = []
    for word in sorted(line.words, key=lambda w: w.x0):
        if phrases and word.x0 - phrases[-1][1] < CELL_GAP:
            phrases[-1][1] = max(phrases[-1][1], word.x1)
        else:
            phrases.append([word.x0, word.x1])
    edges = [c.left for c in cols if c.left != float("-inf")]
    return any(x0 + ACROSS < edge < x1 - ACROSS for x0, x1 in phrases for edge in edges)


def _carries_on(line: Line, cells: dict[str, tuple[str, float | None]], cols: list[Column],
                last: tuple[int, float] | None, usual: float) -> bool:
    """A line that carries on the cells of the row above: close under it, within the columns,
    not bold, with no sum of its own and no total."""
    scanned = any(w.confidence is not None for w in line.words)
    reach = (SCANNED_WRAP_PITCHES if scanned else VALUE_WRAP_PITCHES) * usual
    if last is None or line.page != last[0] or line.top - last[1] > reach or _across(line, cols) or line.bold:
        return False  # (a bold line under a table is a heading: a wrapped cell of a header is read with the header)
    return not amounts_in(cells.get("amount", ("", None))[0]) and not any(_TOTAL.match(t.strip()) for t, _ in cells.values())


def _read(rows: list[Row], cols: list[Column], start: int, taken: set[int], usual: float) -> tuple[list[Found], int]:
    """The items of a table from row ``start``, and the first row after the table."""
    vocabulary = columns()
    items: list[tuple[Found, dict[str, list[str]], dict[str, float]]] = []
    last_top: tuple[int, float] | None = None
    j = start
    while j < len(rows) and j not in taken:
        row = rows[j]
        if vocabulary.is_header([c.text for c in row.cells]):
            j, last_top = j + 1, None  # the header again, over the table's next page
            continue
        ended = False
        for line in [visual for printed in [row.line, *row.wrapped] for visual in as_lines(printed.words, printed.page)]:
            cells = _cells_of(line, cols)
            if _starts_item(cells):
                items.append((Found(None, None, None, [j], "table"), {}, {}))
            elif not items and j - start < HEADER_LINES and not _data(line.text):
                continue  # the end of a header cell wrapped below the header's padding
            elif not _carries_on(line, cells, cols, last_top, usual) or not items:
                ended = True
                break
            item, texts, confidence = items[-1]
            if item.rows[-1] != j:
                item.rows.append(j)
            for name, (text, conf) in cells.items():
                texts.setdefault(name, []).append(text)
                if conf is not None:
                    confidence[name] = min(conf, confidence.get(name, 100.0))
            last_top = (line.page, line.top)
        if ended:
            break
        j += 1
    return [_item(found, texts, confidence) for found, texts, confidence in items], max(j, start)


def _item(item: Found, texts: dict[str, list[str]], confidence: dict[str, float]) -> Found:
    value = {name: collapse(" ".join(parts)) for name, parts in texts.items()}
    item.supplier = value.get("supplier") and strip_list_mark(value["supplier"])  # a reference read into it ('1. Catch22')
    item.description = value.get("description")
    item.amount = amount_of(value.get("amount"))
    dates = find_dates(value.get("date") or "")
    item.date = dates[0][0] if len(dates) == 1 else parse_date(value.get("date"))
    for name in ITEM_FIELDS:
        if getattr(item, name) is None:
            item.unsure.append(f"the {name} could not be read: {value.get(name)!r}")
        elif confidence.get(name, 100.0) < OCR_UNSURE:
            item.unsure.append(f"OCR unsure of the {name} ({confidence[name]:.0f}% confident): {value.get(name)!r}")
    return item
