"""Tables from positioned words: the header's columns bucket the words, dates and amounts start rows.

Works on any source of :class:`~ingest.pdf.Word` boxes, so one parser serves
three inputs: pypdfium2 text runs (the fast path, ``ingest.pdf.read_pdf``),
pdfplumber words (the fallback, :func:`pdfplumber_pages`) and OCR'd lines (whose
words carry confidences and may be slightly skewed). The steps, page by page:

1. find the header line: the first line whose phrases name fields of the table's
   vocabulary (:mod:`.vocabulary`), plus a wrapped second header line under it; or,
   when every header cell wraps, the stacked lines that name them together;
2. straighten skewed (scanned) pages by the slope of the header line;
3. group the words below the header into visual lines, and put every word in the
   header column it overlaps most (else the last column starting left of it), so a
   line becomes one cell of text per column; a lone £ goes with its figure, and page
   furniture (page numbers, print dates) and prose running across the columns (a
   running title, a note) are dropped;
4. a line with a date or a figure starts a row ("anchor"), unless it completes
   the row above (a date for its amount, or an amount for its date); other lines are
   wrapped text of a row. Lines close together form a block, and a block's loose
   lines belong to the row anchored in that block, so wrapped cells join the right
   row whether the sheet aligns cells to the top, middle or bottom. Lines at the top
   of a page before any anchor continue the previous page's last row (a row cut at
   a page break); loose blocks far below the table are page footers and are dropped.

Totals and blank rows are left in; :func:`ingest.spend.frame.build_frame` takes them out.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from ingest.dates import parse_date
from ingest.money import parse_amount
from ingest.pdf import Line, Page, Word

from .grid import refuse_missing, refuse_without_header
from .lines import as_lines, group_lines
from .roles import infer_columns
from .totals import TOTAL_LABEL
from .vocabulary import Vocabulary

PHRASE_GAP = 0.6
"""Words closer than this many line heights are one phrase (a space); wider gaps separate cells."""
HEADER_WRAP = 1.2
"""A header line continues on a line starting within this many line heights below it."""
HEADER_LINES = 4
"""A header whose cells all wrap is looked for over at most this many stacked lines."""
BLOCK_GAP = 0.75
"""Lines closer than this share of the usual gap between one-line rows belong to one block."""
FOOTER_GAP = 2.5
"""A loose block this many usual row gaps below the last row of a page is page furniture."""
OCR_MIN_CONFIDENCE = 80
"""An OCR'd date or amount with a word below this confidence is flagged for a person to check."""
OCR_SUPPLIER_CONFIDENCE = 50
"""An OCR'd supplier with a word below this confidence is flagged (names cannot be checked by a total)."""
OCR_CONFIDENCE = {"date": OCR_MIN_CONFIDENCE, "amount": OCR_MIN_CONFIDENCE, "name": OCR_SUPPLIER_CONFIDENCE}
"""The confidence below which an OCR'd cell is flagged, by what the column holds."""
OCR_SPECK_CONFIDENCE = 70
"""OCR'd single characters below this confidence are specks and rules, not text."""
GUTTER_CROSSINGS = 0.05
"""A gutter between columns is an x position that at most this share of a page's lines cross."""
PROSE_COLUMNS = 2
"""A phrase running across this many column headings is prose (a title, a note), not a cell."""
MIN_SLOPE = 0.002
"""Header slopes below this (about 0.1 degree) are treated as level."""

CURRENCY_SIGNS = {"£", "GBP"}
"""A word that is only a currency sign belongs with the figure to its right, whichever column it stands in."""
_PAGE = r"(?:(?:page|tudalen|pg\.?):? \d+(?: (?:of|o|/) \d+)?|\d+ (?:of|o|/) \d+)"
_PAGE_FURNITURE = re.compile(
    rf"^{_PAGE}(?: / {_PAGE})?$|^(?:printed|run|produced|report date|argraffwyd)(?: on)?:? .*\d", re.IGNORECASE
)
"""A cell that is page furniture: ``Page 3 of 10``, ``3/10``, ``Tudalen 3 o 10 / Page 3 of 10``,
``Printed: 05/05/2021 10:32``."""
_LONE_NUMBER = re.compile(r"^\d{1,4}$")
"""A line that is only this (``3``), under the amounts, is a page number: a figure there has its pence.
Elsewhere it is wrapped text (``January`` / ``2020``)."""
_OCR_SPECKS = re.compile(r"^[|'`.,:;]+|[|'`.,:;]+$")
"""Specks and rules OCR reads as punctuation at the ends of a date or an amount; the cell is
still flagged if the OCR was unsure of it."""
_RULE_DEBRIS = re.compile(r"^[|¦]+|[|¦]+$")
_PUNCTUATION = re.compile(r"[^\w&£-]+")


@dataclass
class Phrase:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float | None


@dataclass
class Column:
    field: str | None
    x0: float
    x1: float
    header: str = ""
    content: str | None = None
    """What the field's cells hold, by the vocabulary (``date``, ``amount``, ``name``...)."""


@dataclass
class TableLine:
    page: int
    top: float
    bottom: float
    cells: dict[int, Phrase]
    anchor: bool = False
    has_date: bool = False
    has_amount: bool = False
    closes: bool = False
    """A printed total: no loose line below it belongs to its row."""


@dataclass
class Row:
    page: int
    lines: list[TableLine] = field(default_factory=list)


@dataclass
class PdfTable:
    raw: pa.Table
    """One row per anchored table row: a text column per field found, ``page`` and ``problem``."""
    heading: list[str]
    pages_read: int
    skipped: Counter = field(default_factory=Counter)
    """Lines that joined no row, by why: ``title`` (above the first header, and running heads),
    ``header``, ``page furniture`` (page numbers, print dates), ``note`` (prose, footers)."""
    stray_entries: int = 0
    """Lines that joined no row but carry both a date and an amount."""
    header: list[str] = field(default_factory=list)
    """The header's cells, left to right (of the last page with a header)."""
    columns: dict[int, str] = field(default_factory=dict)
    """Header cell -> the field it names."""


# --- geometry helpers --------------------------------------------------------------------


def _height(items) -> float:
    heights = [i.bottom - i.top for i in items if i.bottom > i.top]
    return statistics.median(heights) if heights else 8.0


def _phrases(words: list[Word]) -> list[Phrase]:
    """A line's words joined into phrases wherever the gap is about a space (used on header lines)."""
    words = sorted(words, key=lambda w: w.x0)
    gap = PHRASE_GAP * _height(words)
    out: list[Phrase] = []
    for w in words:
        if out and w.x0 - out[-1].x1 <= gap:
            out[-1] = _join(out[-1], w)
        else:
            out.append(_join(None, w))
    return out


def _join(phrase: Phrase | None, w: Word) -> Phrase:
    """The phrase with one more word on its right (or a phrase of one word)."""
    if phrase is None:
        return Phrase(w.text, w.x0, w.x1, w.top, w.bottom, w.confidence)
    return Phrase(
        f"{phrase.text} {w.text}",
        min(phrase.x0, w.x0),
        max(phrase.x1, w.x1),
        min(phrase.top, w.top),
        max(phrase.bottom, w.bottom),
        _min_conf(phrase.confidence, w.confidence),
    )


def _min_conf(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _deskew(word: Word, slope: float) -> Word:
    """The word's box turned level by the header's slope (small-angle rotation about the origin)."""
    if not slope:
        return word
    dx = slope * (word.top + word.bottom) / 2
    dy = slope * (word.x0 + word.x1) / 2
    return Word(word.text, word.x0 + dx, word.x1 + dx, word.top - dy, word.bottom - dy, word.confidence)


def _clean_word(word: Word) -> Word | None:
    """A word without OCR debris, or ``None`` if it was only debris.

    OCR reads table rules as '|' glued to words, and specks as lone punctuation or
    a lone low-confidence character. A text layer's words are kept as they are.
    """
    if word.confidence is None:
        return word
    text = _RULE_DEBRIS.sub("", word.text).strip()
    if (
        not text
        or _PUNCTUATION.fullmatch(text)
        or (len(text) == 1 and word.confidence < OCR_SPECK_CONFIDENCE)
    ):
        return None
    return word if text == word.text else Word(text, word.x0, word.x1, word.top, word.bottom, word.confidence)


# --- step 1-2: the header ----------------------------------------------------------------


@dataclass
class Header:
    columns: list[Column]
    top: float
    bottom: float
    slope: float


def _looks_like_data(text: str) -> bool:
    return any(parse_date(t) or parse_amount(t) is not None for t in text.split())


def header_band(lines: list[Line], vocabulary: Vocabulary) -> Header | None:
    """The page's table header: its columns (by x), band and slope.

    A line that names enough fields is the header, unless the lines stacked above it
    name more with it: its cells' first lines ("Payment" above "Date").
    """
    one = _one_line_header(lines, vocabulary)
    stacked = _stacked_header(lines, vocabulary, above=one.top if one else float("inf"))
    if one is None or (stacked is not None and _named(stacked) > _named(one)):
        return stacked
    return one


def _named(header: Header) -> int:
    return sum(1 for column in header.columns if column.field)


def _one_line_header(lines: list[Line], vocabulary: Vocabulary) -> Header | None:
    """The first line that names enough fields, with the second lines of its wrapped cells."""
    for index, line in enumerate(lines):
        words = _clean_words(line)
        if not words or not vocabulary.is_header([p.text for p in _phrases(words)]):
            continue
        height = _height(words)
        cells = _phrases(words)
        band = list(words)
        for other in lines[:index] + lines[index + 1 :]:
            others = _clean_words(other)
            same_row = line.top - 0.6 * height <= other.top < line.bottom  # split off by the extractor
            wrapped = line.bottom <= other.top <= line.bottom + HEADER_WRAP * height and all(
                any(c.x0 - 2 <= w.x0 and w.x1 <= c.x1 + 2 for c in cells) for w in others
            )  # a header cell's second line sits within the cell; a row's first line rarely does
            if others and (same_row or (wrapped and not _spoils(cells, others, vocabulary))) and not _looks_like_data(other.text):
                band += others
        return _header(band, words, height, vocabulary)
    return None


def _spoils(cells: list[Phrase], words: list[Word], vocabulary: Vocabulary) -> bool:
    """Whether a line under a header, taken as its cells' second lines, would turn a cell that
    names a field into one that names none: it is then the table's first line (a group heading)."""
    for cell in cells:
        below = " ".join(w.text for w in words if cell.x0 - 2 <= w.x0 and w.x1 <= cell.x1 + 2)
        if below and vocabulary.match(cell.text) and not vocabulary.match(f"{cell.text} {below}"):
            return True
    return False


def _stacked_header(lines: list[Line], vocabulary: Vocabulary, above: float) -> Header | None:
    """A header printed over stacked lines, starting at or above ``above``: every cell wraps
    ("Transaction / Date"), and a one-line cell centred beside them may even make a line of its own."""
    for index, line in enumerate(lines):
        if line.top > above:
            break
        if _looks_like_data(line.text):
            continue
        stack = [line]
        for other in lines[index + 1 : index + HEADER_LINES]:
            gap = HEADER_WRAP * _height(other.words)
            if other.top > stack[-1].bottom + gap or _looks_like_data(other.text):
                break
            stack.append(other)
        words = [_clean_words(stacked) for stacked in stack]
        band = [w for line_words in words for w in line_words]
        if len(stack) < 2 or not band:
            continue
        height = _height(band)
        if vocabulary.is_header([column.header for column in _columns(band, height, vocabulary)]):
            return _header(band, max(words, key=len), height, vocabulary)
    return None


def _clean_words(line: Line) -> list[Word]:
    return [w for w in map(_clean_word, line.words) if w]


def _header(band: list[Word], level_words: list[Word], height: float, vocabulary: Vocabulary) -> Header:
    """The header from its words, straightened by the slope of its longest line."""
    # Columns and band in the page's straightened coordinates, where the rows are read.
    slope = _slope(level_words)
    band = [_deskew(w, slope) for w in band]
    return Header(_columns(band, height, vocabulary), min(w.top for w in band), max(w.bottom for w in band), slope)


def _columns(words: list[Word], height: float, vocabulary: Vocabulary) -> list[Column]:
    """Header words clustered into columns: stacked (wrapped) or space-separated words are one column."""
    gap = PHRASE_GAP * height
    clusters: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if clusters and w.x0 - max(c.x1 for c in clusters[-1]) <= gap:
            clusters[-1].append(w)
        else:
            clusters.append([w])
    texts = [" ".join(w.text for w in sorted(c, key=lambda w: (round(w.top), w.x0))) for c in clusters]
    fields = vocabulary.map_columns(texts)
    return [
        Column(fields.get(i), min(w.x0 for w in c), max(w.x1 for w in c), texts[i], vocabulary.content.get(fields.get(i)))
        for i, c in enumerate(clusters)
    ]


def _slope(words: list[Word]) -> float:
    """How much the header's baseline drops per point to the right (0 for a level text layer)."""
    if len(words) < 3:
        return 0.0
    xs = [(w.x0 + w.x1) / 2 for w in words]
    ys = [w.bottom for w in words]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread if spread else 0.0
    return slope if abs(slope) >= MIN_SLOPE else 0.0


# --- step 3: lines of cells -----------------------------------------------------------------


def _column_of(word: Word, columns: list[Column], stretches: list[tuple[float, float]]) -> int:
    """The header column a word belongs to.

    1. the header it overlaps most;
    2. else the header overlapping the stretch of table text the word stands in (a
       name under a centred header: left-aligned text starts well left of the header);
    3. else the last header starting left of it (a cell's text starts at or after its
       header's left edge, while right-aligned dates and amounts may reach left of theirs).

    Deciding per word, never per run of close words, keeps a right-aligned amount
    apart from the next column's text two points away.
    """
    overlap, index = _most_overlapped(word.x0, word.x1, columns)
    if overlap > 0:
        return index
    middle = (word.x0 + word.x1) / 2
    stretch = next(((x0, x1) for x0, x1 in stretches if x0 <= middle <= x1), None)
    if stretch:
        overlap, index = _most_overlapped(*stretch, columns)
        if overlap > 0:
            return index
    return max((i for i, c in enumerate(columns) if c.x0 <= word.x0), default=0)


def _most_overlapped(x0: float, x1: float, columns: list[Column]) -> tuple[float, int]:
    return max((min(x1, c.x1) - max(x0, c.x0), i) for i, c in enumerate(columns))


def text_stretches(lines: list[list[Word]]) -> list[tuple[float, float]]:
    """The x ranges where the page's table text lies, split at gutters that almost no line crosses.

    A gutter tolerates a few lines crossing it (a long name running into the next
    column, a total's label), so one overflowing cell does not join two columns.
    """
    if not lines:
        return []
    right = int(max(w.x1 for line in lines for w in line)) + 2
    starts = [0] * (right + 1)
    for line in lines:
        for w in line:
            starts[max(0, int(w.x0))] += 1
            starts[int(w.x1) + 1] -= 1
    needed = max(2, GUTTER_CROSSINGS * len(lines))
    stretches, covered, opened = [], 0, None
    for x in range(right + 1):
        covered += starts[x]
        if covered >= needed and opened is None:
            opened = x
        elif covered < needed and opened is not None:
            stretches.append((float(opened), float(x)))
            opened = None
    return stretches


def _table_lines(page: Page, columns: list[Column], start: float, slope: float, skipped: Counter) -> list[TableLine]:
    """The page's words below ``start`` as visual lines of cells (one phrase per column); the
    lines that are no table line are counted in ``skipped``."""
    words = [_deskew(w, slope) for line in page.lines for w in line.words]
    words = [w for w in map(_clean_word, words) if w and w.top >= start]
    date_col = next((i for i, c in enumerate(columns) if c.content == "date"), None)
    amount_col = next((i for i, c in enumerate(columns) if c.content == "amount"), None)
    visual_lines = group_lines(words)
    stretches = text_stretches(visual_lines)
    out = []
    for line_words in visual_lines:
        ordered = sorted(line_words, key=lambda w: w.x0)
        placed = [_column_of(w, columns, stretches) for w in ordered]
        for i, w in enumerate(ordered[:-1]):
            if w.text in CURRENCY_SIGNS:  # a sign printed in a column of its own: with its figure
                placed[i] = placed[i + 1]
        cells: dict[int, Phrase] = {}
        for w, column in zip(ordered, placed, strict=True):
            cells[column] = _join(cells.get(column), w)
        cells = {i: p for i, p in cells.items() if not _PAGE_FURNITURE.match(p.text)}
        if not cells or (list(cells) == [amount_col] and _LONE_NUMBER.match(cells[amount_col].text)):
            skipped["page furniture"] += 1
            continue
        line = TableLine(
            page.number, min(p.top for p in cells.values()), max(p.bottom for p in cells.values()), cells
        )
        date = cells[date_col].text if date_col in cells else ""
        # A figure starts a row; a wrapped "CR" or "£" in the amount column does not.
        amount = cells[amount_col].text if amount_col in cells else ""
        line.has_date, line.has_amount = parse_date(date) is not None, any(ch.isdigit() for ch in amount)
        line.anchor = line.has_date or line.has_amount
        if not line.anchor and _is_prose(ordered, columns):
            skipped["note"] += 1  # a running title or a note under the table: no cell's wrapped text
            continue
        # A total: a line that says so (the label may sit in any column, the date's too), or a
        # figure alone under the amounts (a group's unlabelled subtotal).
        line.closes = not line.has_date and (
            any(re.fullmatch(TOTAL_LABEL, p.text, re.IGNORECASE) for p in cells.values())
            or (list(cells) == [amount_col] and line.has_amount)
        )
        out.append(line)
    return out


def _is_prose(words: list[Word], columns: list[Column]) -> bool:
    """Whether a line runs as one phrase across several columns' headings, as a sentence does
    and a cell's wrapped text, kept to its own column, does not."""
    return any(
        sum(min(p.x1, c.x1) > max(p.x0, c.x0) for c in columns) >= PROSE_COLUMNS for p in _phrases(words)
    )


# --- step 4: rows ------------------------------------------------------------------------------


def _blocks(lines: list[TableLine], row_gap: float) -> list[list[TableLine]]:
    blocks: list[list[TableLine]] = []
    for line in lines:
        if blocks and line.top - blocks[-1][-1].bottom < BLOCK_GAP * row_gap:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _row_gap(lines: list[TableLine]) -> float:
    """The usual gap between two consecutive one-line rows (anchor directly under anchor)."""
    gaps = [
        b.top - a.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.anchor and b.anchor and b.top > a.bottom
    ]
    return statistics.median(gaps) if gaps else _height(lines)


def _assemble(lines: list[TableLine], rows: list[Row], row_gap: float, skipped: Counter) -> None:
    """Add a page's lines to ``rows``: one row per anchor, loose lines to the row of their block
    (or, a block that belongs to no row, counted in ``skipped``)."""
    blocks = _blocks(lines, row_gap)
    bottom_aligned = _bottom_aligned(blocks)
    last_anchor = max((i for i, b in enumerate(blocks) if any(line.anchor for line in b)), default=-1)
    for index, block in enumerate(blocks):
        anchors = [i for i, line in enumerate(block) if line.anchor]
        if not anchors:
            after_table = 0 < index and last_anchor < index
            far_below = after_table and block[0].top - blocks[index - 1][-1].bottom > FOOTER_GAP * row_gap
            if rows and not far_below and not rows[-1].lines[-1].closes:
                rows[-1].lines += block  # wrapped text: of the row above, or a row cut at the page break
            else:
                skipped["note"] += len(block)
            continue
        rows.append(Row(block[anchors[0]].page, block[: anchors[0] + 1]))
        waiting: list[TableLine] = []  # loose lines of a bottom-aligned sheet wait for their anchor below
        for line in block[anchors[0] + 1 :]:
            if not line.anchor:
                (waiting if bottom_aligned else rows[-1].lines).append(line)
            elif _completes(rows[-1], line):
                rows[-1].lines += [*waiting, line]
                waiting = []
            else:
                rows.append(Row(line.page, [*waiting, line]))
                waiting = []
        rows[-1].lines += waiting


def _bottom_aligned(blocks: list[list[TableLine]]) -> bool:
    """Whether the page's wrapped cells hang above their row's one-line cells (Excel's default).

    The evidence is the loose lines before a block's first anchor (bottom-aligned)
    against those after its last anchor (top-aligned); a tie reads as top-aligned.
    """
    before = after = 0
    for block in blocks:
        anchors = [i for i, line in enumerate(block) if line.anchor]
        if anchors:
            before += anchors[0]
            after += len(block) - 1 - anchors[-1]
    return before > after


def _completes(row: Row, line: TableLine) -> bool:
    """Whether an anchor line supplies what the row lacks: its date to an amount, or its amount to a date.

    Sheets that centre each cell vertically print a wrapped row's one-line cells
    (date, amount) at different heights, so one row can have two anchor lines.
    """
    has_date = any(other.has_date for other in row.lines)
    has_amount = any(other.has_amount for other in row.lines)
    return (has_date != has_amount) and (line.has_date != line.has_amount) and (line.has_date != has_date)


def _row_record(row: Row, columns: list[Column]) -> dict[str, object]:
    record: dict[str, object] = {"page": row.page}
    unsure = []
    for index, column in enumerate(columns):
        if column.field is None:
            continue
        phrases = [line.cells[index] for line in row.lines if index in line.cells]
        if not phrases:
            continue
        text = " ".join(p.text for p in phrases)
        confidence = min((p.confidence for p in phrases if p.confidence is not None), default=None)
        threshold = OCR_CONFIDENCE.get(column.content, 0)
        if confidence is not None and column.content in ("date", "amount"):
            text = _OCR_SPECKS.sub("", text)  # "5,670.60." - a speck read as a full stop
        record[column.field] = text
        if confidence is not None and confidence < threshold:
            unsure.append(f"OCR unsure of the {column.field} ({confidence:.0f}% confident): {text!r}")
    record["problem"] = "; ".join(unsure) or None
    return record


def _by_content(header: Header, page: Page, vocabulary: Vocabulary) -> None:
    """Give the header's columns the fields its words did not name but the table needs, by the
    cells under them on this page (:mod:`.roles`): a ``Total`` column of amounts, say."""
    mapping = {i: c.field for i, c in enumerate(header.columns) if c.field}
    if not vocabulary.missing(mapping.values()):
        return
    words = [w for line in page.lines for w in map(_clean_word, line.words) if w and w.top > header.bottom]
    cells: list[dict[int, str]] = []
    for line_words in group_lines(words):
        row: dict[int, str] = {}
        for w in sorted(line_words, key=lambda w: w.x0):
            column = _most_overlapped(w.x0, w.x1, header.columns)[1]
            row[column] = f"{row[column]} {w.text}" if column in row else w.text
        cells.append(row)
    body = pa.table({str(i): pa.array([row.get(i) for row in cells], pa.string()) for i in range(len(header.columns))})
    inferred, _ = infer_columns([c.header for c in header.columns], body, mapping, vocabulary)
    for i, name in inferred.items():
        header.columns[i].field, header.columns[i].content = name, vocabulary.content.get(name)


def read_pdf_grid(pages: list[Page], vocabulary: Vocabulary) -> PdfTable:
    """The table printed over ``pages`` as raw text cells by field, one row per entry (anchored line)."""
    header: Header | None = None
    heading: list[str] = []
    rows: list[Row] = []
    pages_read = 0
    skipped: Counter = Counter()
    stray = 0
    for page in pages:
        found = header_band(page.lines, vocabulary)
        if found is None and header is None:
            heading += [line.text for line in page.lines]
            skipped["title"] += len(page.lines)
            stray += sum(carries_entry(line.text) for line in page.lines)
            continue
        start = float("-inf")
        if found is not None:
            _by_content(found, page, vocabulary)
            above = [line for line in page.lines if line.bottom <= found.top]
            if header is None:
                heading += [line.text for line in above]
            header, start = found, found.bottom + 0.1
            skipped["title"] += len(above)
            skipped["header"] += sum(1 for line in page.lines if line.bottom > found.top and line.top < start)
            stray += sum(carries_entry(line.text) for line in above)
        lines = _table_lines(page, header.columns, start, found.slope if found else header.slope, skipped)
        _assemble(lines, rows, _row_gap(lines), skipped)
        pages_read += 1
    if header is None:
        raise refuse_without_header(vocabulary, sum(len(page.lines) for page in pages))
    fields = [c.field for c in header.columns if c.field]
    if vocabulary.missing(fields):
        raise refuse_missing(vocabulary.missing(fields))
    records = [_row_record(row, header.columns) for row in rows]
    types = {**{name: pa.string() for name in fields}, "page": pa.int64(), "problem": pa.string()}
    raw = pa.table(
        {name: pa.array([r.get(name) for r in records], type=kind) for name, kind in types.items()}
    )
    return PdfTable(
        raw=raw, heading=heading, pages_read=pages_read, skipped=+skipped, stray_entries=stray,
        header=[c.header for c in header.columns], columns={i: c.field for i, c in enumerate(header.columns) if c.field},
    )


def carries_entry(text: str) -> bool:
    """Whether a line of text carries a date and, apart from it, an amount with pence."""
    return parse_date(text) is not None and any(
        "." in word and not parse_date(word) and parse_amount(word.rstrip("-")) is not None for word in text.split()
    )


# --- the fallback's words -------------------------------------------------------------------------


def pdfplumber_pages(path: Path) -> list[Page]:
    """Every page's words from pdfplumber (char-exact word boxes), as lines of :class:`Word`.

    Slower than pypdfium2's text runs by 40-60x, so only used when the fast path
    does not validate. Each page is closed after use: pdfplumber keeps parsed
    layout objects otherwise (about 8 MB a page).
    """
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = [
                Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
                for w in page.extract_words(x_tolerance=1.5, y_tolerance=2)
            ]
            lines = as_lines(words, number)
            pages.append(Page(number, float(page.width), float(page.height), lines))
            page.close()
    return pages
