"""A notice read as a sequence of entries: a label or heading and the text that belongs to it.

Label/value forms, grids, numbered reports and letters all come out the same way:
``Entry(group="labels", key="title", value="Sale of IP Addresses")``, or
``Entry(group="narrative", key="summary")`` followed by its prose. A row starts a new
entry when it opens with a known label or heading (see ``decision_labels.yml``), is a
sign-off heading naming a role, is a row of check boxes, or is shaped like a heading.
Every other row continues the entry before it. Tables inside a section (timescales,
costs) are kept apart from the prose.

Labels and values stand in every arrangement forms use:

* beside: ``Title | Sale of IP Addresses``, several pairs to a row (``Report date | 3 July
  2017 | Decision date | 11 August 2017``), or a Welsh label and an English one before
  the value (``Teitl | Title | Use of reserves``);
* after their value, in a right-hand column (``23.06.2021 .... Date decision taken``);
* above: a row of labels over a row of values (``REFERENCE  DATE OF DECISION`` over
  ``PFCC/0541  4 February 2015``), or a label on a line of its own over its value;
* run into their value: ``Decision maker: Jo Bloggs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import parse_date
from .decision_layout import (
    Row,
    checkboxes,
    ends_sentence,
    join_lines,
    looks_like_heading,
    looks_like_name,
    looks_like_role_line,
    margin_of,
    without_boxes,
)
from .decision_vocab import LabelMatch, find_inner_label, is_role, match_labels, strip_numbering

PROSE_WIDTH_SHARE = 0.7
"""After a table, prose resumes at a line at least this share of the page's text width."""
HEADING_MAX_WIDTH_SHARE = 0.6
"""An unknown heading is short: a line wider than this share of the text width is prose."""
OCR_VALUE_MIN_WORDS = 4
"""In OCR text a heading run into its value is accepted when the value reads as a sentence this long."""
WRAPPED_LINE_PITCH = 1.8
"""A wrapped line follows the one above within this many line heights; a new grid row is further down."""
WRAPPED_LABEL_MAX_WORDS = 4
SHORT_VALUE_LABELS = ("reference", "title", "originator", "report_date", "decision_date", "classification",
                      "decision_maker")
"""Labels whose value is a line or two: a paragraph further down is not part of it."""
PARAGRAPH_GAP = 1.8
"""A line more than this many line heights below the one above starts a new paragraph."""
STACK_GAP = 2.0
"""A row of values sits at most this many of its line heights below the row of labels over it."""
STACK_TOLERANCE = 12.0
"""Points a value may start left of the label printed above it, or run past its right edge, and still be its value."""
MARGIN_TOLERANCE = 4.0
"""Points a row may start right of the page's left text edge and still be in the label column."""

_REFERENCE = re.compile(r"^(?=.*\d)[A-Za-z]{0,8}\d*(?:\s?[./\-–_]\s?|\s)?(?:[A-Za-z0-9]+(?:\s?[./\-–_]\s?|\s)?){0,6}$")
REFERENCE_MAX_LENGTH = 24
# The value must hold a letter or digit: "Council is recommended to approve: -" introduces a list.
_UNKNOWN_LABEL = re.compile(r"^(?P<label>[A-Z][^:.;]{0,40}?)\s?:\s+(?P<value>[^\w]*\w.*)$")


@dataclass
class Table:
    """Rows of a table printed inside a section, with the caption printed above it if any."""

    caption: str | None
    rows: list[Row] = field(default_factory=list)


@dataclass
class Entry:
    group: str  # "labels", "narrative", "other_headings", "table_captions", "heading", "role", "checkbox", "start", "prose"
    key: str | None
    row: Row | None
    value: str = ""
    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    boxes: list[tuple[str, bool]] = field(default_factory=list)
    fuzzy: bool = False
    label: str = ""  # the label or heading as printed, its wrapped lines joined

    @property
    def text(self) -> str:
        """The value and the prose under it, lines joined with one space."""
        return join_lines([self.value, *self.lines])


STRAY = " \"'`|_/-:;,"
"""Marks OCR leaves at the ends of a value ('/-2020/002', '"Alison Treharne')."""


def looks_like_reference(value: str) -> bool:
    """``OPCC.D.033.23``, ``089/2017``, ``DN 170/2020``, ``129 - 23``: short, has digits, no prose words."""
    value = value.strip(STRAY)
    if not value or len(value) > REFERENCE_MAX_LENGTH or not any(ch.isdigit() for ch in value):
        return False
    if any(word.islower() and len(word) > 2 for word in value.split()) or parse_date(value):
        return False  # prose, or a date ('Decision Notice 28/04/2014' in a running header)
    return bool(_REFERENCE.match(value))


def read_entries(rows: list[Row]) -> list[Entry]:
    """The notice's entries in printed order, starting with the rows above the first label."""
    margins = margin_of(rows)
    widths = _text_widths(rows, margins)
    entries = [Entry("start", None, None)]
    in_table = False
    previous: Row | None = None
    above: list[Entry] = []  # a row of labels whose values are printed on the row below
    for row in rows:
        if row.furniture:
            continue
        new = _entries_starting(row, previous, margins, widths)
        current = entries[-1]
        if above and all(e.group == "heading" for e in new) and _fills_stacked(above, previous, row):
            above = []
            previous = row
            continue
        above = new if new and _is_label_row(row, new) else []
        if all(e.group in ("heading", "role") for e in new) and _awaits_value(current, previous, row):
            current.value = row.text  # a label on a line of its own, its value on the line below
            current.row = row
        elif _wraps_grid_label(current, previous, row, new):
            _join_wrapped_label(current, row)
        elif len(new) == 1 and new[0].group == "table_captions":
            # A table inside a section (a summary of costs): the section carries on after it.
            current.tables.append(Table(row.text))
            in_table = True
        elif new:
            entries.extend(new)
            in_table = False
        elif len(row.cells) > 1:
            # Several cells with wide gaps and no label: a row of a table.
            if not in_table:
                current.tables.append(Table(None))
            current.tables[-1].rows.append(row)
            in_table = True
        elif in_table and (row.x1 - row.x0) < PROSE_WIDTH_SHARE * widths[row.page]:
            current.tables[-1].rows.append(row)
        elif _short_value_ends(current, previous, row):
            # 'Re: Funding ...' over a letter's first paragraph: the paragraph is not the subject.
            entries.append(Entry("prose", None, row, lines=[row.text]))
            in_table = False
        else:
            in_table = False
            _prose_entry(entries).lines.append(row.text)
        previous = row
    return entries


def _prose_entry(entries: list[Entry]) -> Entry:
    """The entry a line of prose belongs to: the last one, unless that is a row of check boxes
    straight under an empty heading ('Decision' / 'Approved ■ Not approved □' / its wording)."""
    current = entries[-1]
    if current.group == "checkbox" and len(entries) > 1 and entries[-2].group == "narrative" and not entries[-2].text:
        return entries[-2]
    return current


def _is_label_row(row: Row, entries: list[Entry]) -> bool:
    """A row of labels only, each cell an entry waiting for its value on the row below: known labels,
    and perhaps a label the vocabulary does not know ('Date Received') beside them."""
    return (len(entries) == len(row.cells) and all(not e.value and not e.lines for e in entries)
            and all(e.group in ("labels", "heading") for e in entries) and any(e.group == "labels" for e in entries))


def _fills_stacked(above: list[Entry], previous: Row | None, row: Row) -> bool:
    """Give each label of the row above the cell printed under it; whether the row was their values."""
    height = row.line.bottom - row.line.top
    if previous is None or previous.page != row.page or row.top - previous.bottom > STACK_GAP * height:
        return False
    spans = [(entry, entry.row.cells[index]) for index, entry in enumerate(above)]
    placed = []
    for cell in row.cells:
        overlap, entry = max(((min(cell.x1, label.x1 + STACK_TOLERANCE) - max(cell.x0, label.x0 - STACK_TOLERANCE), e)
                              for e, label in spans), key=lambda item: item[0])
        if overlap <= 0:
            return False
        placed.append((entry, cell))
    for entry, cell in placed:
        entry.value = join_lines([entry.value, cell.text])
        entry.row = row
    return True


def _awaits_value(entry: Entry, previous: Row | None, row: Row) -> bool:
    """A one-line label ('TITLE', 'Decision maker:') alone on its line, its value on the next line."""
    waiting = entry.group == "labels" and entry.key in SHORT_VALUE_LABELS and not entry.value and not entry.lines
    return waiting and previous is not None and entry.row is previous and not starts_paragraph(previous, row)


def _short_value_ends(entry: Entry, previous: Row | None, row: Row) -> bool:
    """Whether a row a paragraph below a one-line label's value is prose of its own, not more of the value."""
    short = entry.group == "labels" and entry.key in SHORT_VALUE_LABELS and bool(entry.value)
    # A value runs on in its own type; a line in another ('The proposal' in bold under 'Re: ...') is not it.
    return short and previous is not None and (starts_paragraph(previous, row) or _type_of(previous, -1) != _type_of(row, 0))


def _type_of(row: Row, index: int) -> tuple:
    """The size and weight of a line's first (0) or last (-1) word: text layers have them, OCR has neither."""
    word = sorted(row.line.words, key=lambda w: w.x0)[index]
    return round(word.size or 0.0), bool(word.bold)


def starts_paragraph(previous: Row, row: Row) -> bool:
    """Whether a row starts a new paragraph: on a new page, or a gap of more than a line below the one above."""
    height = row.line.bottom - row.line.top
    return previous.page != row.page or row.top - previous.top > PARAGRAPH_GAP * height


def _wraps_grid_label(entry: Entry, previous: Row | None, row: Row, new: list[Entry]) -> bool:
    """A grid's label too long for its column goes on in the column on the next line ('Financial / implications').

    The next line must sit in the label column, close under the label, and either complete a
    label the vocabulary knows ('Executive' + 'summary') or carry on in lower case.
    """
    label_row = entry.row
    if label_row is None or previous is None or len(label_row.cells) < 2 or label_row.page != row.page:
        return False
    if entry.group not in ("heading", "labels", "narrative", "other_headings") or entry.label.endswith(":"):
        return False
    first = row.cells[0]
    in_column = abs(first.x0 - label_row.x0) <= MARGIN_TOLERANCE and first.x1 < label_row.cells[1].x0
    line_height = max(previous.line.bottom - previous.line.top, row.line.bottom - row.line.top)
    next_line = row.top - previous.top <= WRAPPED_LINE_PITCH * line_height
    if not (in_column and next_line and len(first.text.split()) <= WRAPPED_LABEL_MAX_WORDS):
        return False
    completes = any(not m.value for m in match_labels(f"{entry.label} {first.text}", fuzzy=row.ocr))
    if completes:
        return True
    return all(e.group == "heading" for e in new) and first.text[:1].islower()


def _join_wrapped_label(entry: Entry, row: Row) -> None:
    entry.label = f"{entry.label} {row.cells[0].text}"
    known = next((m for m in match_labels(entry.label, fuzzy=row.ocr) if not m.value), None)
    if known:
        entry.group, entry.key = known.group, known.key
    elif entry.group == "heading":
        entry.key = entry.label
    rest = " ".join(cell.text for cell in row.cells[1:])
    if rest:
        entry.lines.append(rest)


def _text_widths(rows: list[Row], margins: dict[int, float]) -> dict[int, float]:
    right: dict[int, float] = {}
    for row in rows:
        if not row.furniture:
            right[row.page] = max(right.get(row.page, 0.0), row.x1)
    return {page: right[page] - margins[page] for page in right}


def _entries_starting(
    row: Row, previous: Row | None, margins: dict[int, float], widths: dict[int, float]
) -> list[Entry]:
    """The entries a row opens (two when two labels share it), or ``[]`` when it continues prose."""
    if checkboxes(row.text, ocr=row.ocr):
        return _checkbox_entries(row)
    grid = _grid_entries(row)
    if grid:
        return grid
    first = row.cells[0]
    rest = " ".join(cell.text for cell in row.cells[1:])
    match = _label(first.text, rest, row)
    if match:
        # A heading's qualifier is part of the heading: the section's text starts below it.
        # A qualifier is part of the heading ("EXECUTIVE SUMMARY - Retrospective decision"); text
        # running on in lower case is the section's own ("RESOLVED - that the Commissioner agreed ...").
        qualifier = match.qualified and match.group != "labels" and not match.value[:1].islower()
        own = "" if qualifier else match.value
        value = " ".join(part for part in [own, rest] if part)
        return _split_shared_line(Entry(match.group, match.key, row, value, fuzzy=match.fuzzy, label=first.text))
    if len(row.cells) == 1 and looks_like_role_line(row.text):
        return [Entry("role", row.text.rstrip(":").strip(), row)]
    in_label_column = abs(row.x0 - margins.get(row.page, row.x0)) <= MARGIN_TOLERANCE
    if len(row.cells) > 1 and in_label_column and looks_like_heading(first.text):
        # A grid row whose label the vocabulary does not know: it still ends the section above.
        return [Entry("heading", first.text, row, rest, label=first.text)]
    unknown = _UNKNOWN_LABEL.match(row.text)
    if in_label_column and unknown and looks_like_heading(unknown["label"]):
        # "Area of County: Countywide": a label the vocabulary does not know, with its value.
        return [Entry("heading", unknown["label"], row, unknown["value"])]
    follows_break = previous is None or ends_sentence(previous.text) or previous.top > row.top \
        or bool(checkboxes(previous.text, ocr=previous.ocr))
    # A numbered line may be as wide as it likes: its number marks it a heading.
    marked = strip_numbering(row.text) != row.text
    short = marked or row.x1 - row.x0 <= HEADING_MAX_WIDTH_SHARE * widths[row.page]
    if len(row.cells) == 1 and looks_like_heading(row.text) and follows_break and short:
        return [Entry("heading", row.text, row, label=row.text)]
    if len(row.cells) == 1 and _is_question_heading(row, previous):
        return [Entry("heading", row.text, row, label=row.text)]  # "Why is it needed?": a form's question
    return []


def _cell_label(cell: str, row: Row, value: str | None = None) -> LabelMatch | None:
    """The label a grid cell is, if it is one: a known label alone in the cell, or ending in its
    colon, or a short label known by its words. Given the ``value`` beside it, a reference label
    ('Decision') counts only if the value reads as a reference; otherwise it is a heading."""
    for match in match_labels(cell, fuzzy=row.ocr, cues=True) or match_labels(cell.replace(".", ""), fuzzy=row.ocr):
        if match.value:
            continue
        if match.group == "labels" and match.key == "reference" and value is not None and not looks_like_reference(value):
            continue
        return match
    if cell.rstrip().endswith(":") and looks_like_heading(cell.rstrip(": "), UNKNOWN_LABEL_MAX_WORDS):
        # "Key decision:": a label the vocabulary does not know still ends the value before it.
        return LabelMatch("heading", cell.rstrip(": "), "", cell, True)
    return None


def _style(row: Row, cell) -> tuple:
    """A cell's type style: the size and weight of the words in it."""
    words = [w for w in row.line.words if cell.x0 - 1 <= w.x0 <= cell.x1 + 1]
    return tuple(sorted({(w.size or 0.0, w.bold) for w in words}))


def _label_shaped(text: str) -> bool:
    """Short, capitalised, no digits and no sentence end: shaped like a grid's label ('Date Received');
    or a form's short question ('Is This Decision Suitable for Publication?'), which is never a value."""
    words = text.split()
    if text.rstrip().endswith("?") and 0 < len(words) <= QUESTION_MAX_WORDS and text[:1].isupper():
        return True
    return 0 < len(words) <= UNKNOWN_LABEL_MAX_WORDS and not any(ch.isdigit() for ch in text) \
        and all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3) and not ends_sentence(text) \
        and not looks_like_name(text) and not is_role(text)


def _grid_entries(row: Row) -> list[Entry]:
    """A grid row: each label cell with the cells after it, up to the next label; or, with the
    label in the last cell and none in the first, the value before it (a right-hand label column)."""
    cells = row.cells
    if len(cells) < 2:
        return []
    labels = [_cell_label(cell.text, row) for cell in cells]
    styles = {_style(row, cell) for cell in cells}
    if not row.ocr and len(styles) == 1 and all(labels[i] or _label_shaped(cell.text) for i, cell in enumerate(cells)) \
            and any(labels) and not any(cell.text.rstrip().endswith(":") for cell in cells):
        # A row of labels, a known one among them: the others are labels the vocabulary does not know.
        labels = [label or LabelMatch("heading", cell.text, "", cell.text, True) for label, cell in zip(labels, cells, strict=True)]
    if labels[0] is None:
        # A label in the last cell follows its value only if nothing follows the label ("Your Ref:" does).
        if labels[-1] is None or any(labels[1:-1]) or cells[-1].text.rstrip().endswith(":"):
            return []
        value = " ".join(cell.text for cell in cells[:-1])
        label = _cell_label(cells[-1].text, row, value)
        return [Entry(label.group, label.key, row, value, fuzzy=label.fuzzy, label=cells[-1].text)] if label else []
    if not any(labels[1:]):
        return []  # one label and its value: read as any other row
    entries: list[Entry] = []
    for cell, label in zip(cells, labels, strict=True):
        if label is None:
            if entries:
                entries[-1].value = join_lines([entries[-1].value, cell.text])
            continue
        if entries and not entries[-1].value and (entries[-1].key, entries[-1].group) == (label.key, label.group):
            continue  # "Teitl | Title | ...": one label printed in two languages
        entries.append(Entry(label.group, label.key, row, "", fuzzy=label.fuzzy, label=cell.text))
    return entries


QUESTION_MAX_WORDS = 12
UNKNOWN_LABEL_MAX_WORDS = 5
DATE_LABELS = ("decision_date", "report_date", "meeting_date", "date")


def _is_question_heading(row: Row, previous: Row | None) -> bool:
    """A short question on a line of its own, after a paragraph ends: a heading in forms that ask
    their questions ('Who has been consulted?'), not a sentence of the prose."""
    text = row.text.strip()
    opens = previous is None or starts_paragraph(previous, row) or ends_sentence(previous.text)
    return text.endswith("?") and len(text.split()) <= QUESTION_MAX_WORDS and text[:1].isupper() and opens


def _label(cell: str, rest: str, row: Row) -> LabelMatch | None:
    """The label a row starts with, if something on the row marks it as a label."""
    matches = match_labels(cell, fuzzy=row.ocr, cues=True)
    headings = {m.label for m in matches if m.group == "narrative"}
    for match in matches:
        if match.cue and not match.delimited and not rest:
            continue  # a short line using a label's words ('Report of the Chief Constable'): read as a line
        if match.group == "labels" and match.key in DATE_LABELS and parse_date(match.value or ""):
            return match  # "held on Monday 27 May 2019", "Date 15 May 2020": the date marks the label
        alone = not match.value
        if match.key == "reference" and match.group == "labels":
            value = match.value or rest
            if looks_like_reference(value):
                return match
            if not value and cell.rstrip().endswith(":") and match.label not in headings:
                return match  # "Reference:" with its value on the next line ("Decision:" is a heading)
            continue
        if match.group in ("narrative", "other_headings", "table_captions"):
            if alone or match.delimited or (match.open_ended and looks_like_heading(cell)):
                return match
            if row.ocr and _starts_prose(match.value):
                return match  # OCR closed the gap between a grid's label and its text
            continue
        if alone or match.delimited:
            return match
    return None


def _starts_prose(text: str) -> bool:
    """'The fleet replacement programme ...': a capital, then enough words to be a sentence."""
    words = text.split()
    return len(words) >= OCR_VALUE_MIN_WORDS and words[0][:1].isupper()


def _split_shared_line(entry: Entry) -> list[Entry]:
    """``ORIGINATOR: Chief Finance Officer REFERENCE: OPCC.D.033.23`` is two entries."""
    at = find_inner_label(entry.value)
    if at is None:
        return [entry]
    head, tail = entry.value[:at].strip(), entry.value[at:]
    entry.value = head
    matches = [m for m in match_labels(tail) if m.group == "labels"]
    if not matches:
        return [entry]
    second = Entry("labels", matches[0].key, entry.row, matches[0].value)
    return [entry, *_split_shared_line(second)]


def _checkbox_entries(row: Row) -> list[Entry]:
    boxes = checkboxes(row.text, ocr=row.ocr)
    question = without_boxes(row.cells[0].text)
    for word, _ in boxes:
        question = re.sub(rf"\s*\b{re.escape(word)}\b\s*$", "", question)
    matches = [m for m in match_labels(question, fuzzy=row.ocr) if m.group == "labels"]
    entry = Entry("checkbox", matches[0].key if matches else None, row, question, boxes=boxes)
    entries = [entry]
    after = row.text
    at = find_inner_label(after)
    if at is not None:
        inner = [m for m in match_labels(after[at:]) if m.group == "labels"]
        if inner:
            entries.append(Entry("labels", inner[0].key, row, inner[0].value))
    return entries


def first_entry(entries: list[Entry], group: str, key: str) -> Entry | None:
    """The first entry of a field that holds some text (a label may be printed again, left empty)."""
    for entry in entries:
        if entry.group == group and entry.key == key and entry.text:
            return entry
    return None
