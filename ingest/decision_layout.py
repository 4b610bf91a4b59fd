"""A notice's printed lines as rows of cells, with page furniture set aside.

Nothing here knows about fields: it answers layout questions (where are the gaps
on this line, does this line repeat on every page, is this a box glyph, is this
line shaped like a heading or like a person's name) for the parsers above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from opcc.core.text import comparable

from .decision_vocab import is_role, is_section_number, match_labels, terms
from .pdf import Document, Line

CELL_GAP = 12.0
"""Points of white space between two runs of text on a line that make them separate cells."""
FURNITURE_PAGE_SHARE = 0.6
"""A line repeated at the same height on at least this share of pages is a running header/footer."""
FURNITURE_TOP_TOLERANCE = 6.0
"""Points a running header/footer may move between pages (scans shift and skew a little)."""
FURNITURE_BAND = 0.15
"""Running headers and footers sit in this top or bottom share of the page; repeats elsewhere are content."""
MARGIN_SHARE = 0.06
"""Top and bottom bands of a page (as a share of its height) where page numbers and markings sit."""
HEADING_MAX_WORDS = 9
"""A heading is short: a line of more words is prose."""
ROLE_MAX_WORDS = 15
"""A role line can be long ('Deputy Police, Fire and Crime Commissioner for Hampshire and the Isle of Wight')."""
NAME_MAX_WORDS = 5
"""A printed name is two to this many words ('CHARLES K GARRETT')."""
OPTION_MAX_WORDS = 3
"""Words before a check box that may name its option ('Not approved')."""
LOW_OCR_CONFIDENCE = 80
"""Words OCR'd with less confidence than this (0-100) put their value up for review."""
NOISE_OCR_CONFIDENCE = 50
"""A scanned line read with less confidence than this is noise (a handwritten signature, a stamp)."""

CHECKED = set("☒⊠✓✔■☑✗✘\uf0fe\uf078\uf0fd\uf0fb\uf06eþ")
"""Glyphs of a ticked box, including Wingdings private-use codes (þ, x, ý, û, n in the symbol font)
and the 'þ' a Wingdings box shows as when its font has no Unicode map."""
UNCHECKED = set("☐□▢\uf0a8\uf06f\uf071\uf072¨")
"""Glyphs of an empty box, including the Wingdings private-use codes (¨, o, q, r) and a bare '¨'."""
_BOXES = "".join(sorted(CHECKED | UNCHECKED))

_OCR_TICKED = "&®©@%#*"
"""What OCR makes of a ticked box."""
_OCR_EMPTY = "oO0QD"
"""What OCR makes of an empty box."""
_RULE_MARKS = re.compile(r"^[|_{}\[\]»«]+(?=\S)|^[|_{}\[\]»«]+$")
_JOINING_WORDS = {"and", "of", "the", "for", "to", "&", "-", "on", "in"}
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?$|[-–]\s*page\s*\d+(?:\s*of\s*\d+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;,!?]$")


@dataclass
class Cell:
    text: str
    x0: float
    x1: float
    confidence: float | None = None


@dataclass
class Row:
    """One printed line, its text split into cells at wide gaps; in a grid, with the lines its
    cells wrap onto (``wrapped``), their text joined to the cells they continue."""

    line: Line
    cells: list[Cell]
    furniture: bool = False
    wrapped: list[Line] = field(default_factory=list)

    @property
    def bottom(self) -> float:
        return max(line.bottom for line in [self.line, *self.wrapped])

    @property
    def size(self) -> float:
        return self.line.size

    @property
    def text(self) -> str:
        return " ".join(cell.text for cell in self.cells)

    @property
    def page(self) -> int:
        return self.line.page

    @property
    def top(self) -> float:
        return self.line.top

    @property
    def x0(self) -> float:
        return self.cells[0].x0

    @property
    def x1(self) -> float:
        return self.cells[-1].x1

    @property
    def ocr(self) -> bool:
        return self.line.confidence is not None

    @property
    def noise(self) -> bool:
        return self.line.confidence is not None and self.line.confidence < NOISE_OCR_CONFIDENCE

    @property
    def low_confidence(self) -> bool:
        return self.line.confidence is not None and self.line.confidence < LOW_OCR_CONFIDENCE


def rows_of(doc: Document) -> list[Row]:
    """Every line of the document as a row, in reading order, running headers and footers marked,
    and a grid's wrapped cells joined to the row they belong to."""
    rows = [Row(line, _cells(line)) for page in doc.pages for line in page.lines if line.text.strip()]
    rows = [row for row in rows if row.cells]
    _mark_furniture(doc, rows)
    return _join_wrapped_cells(rows)


WRAP_GAP = 1.0
"""A grid cell's next line starts at most this many line heights below the line above."""
BROKEN_WORD_GAP = 1.5
"""...or this many, when the line finishes the label of the row above or a word it broke off."""
COLUMN_TOLERANCE = 6.0
"""Points a wrapped line of a cell may start away from the cell's left edge."""


def _join_wrapped_cells(rows: list[Row]) -> list[Row]:
    """Lines that carry on the cells of the grid row above ('Dyddiad y' / 'penderfyniad', a value
    wrapped in its column) joined to that row: a grid row is one row however many lines its cells take."""
    joined: list[Row] = []
    for row in rows:
        above = joined[-1] if joined else None
        if above is not None and _wraps_cells_of(above, row):
            for cell in row.cells:
                target = min(above.cells, key=lambda c: abs(c.x0 - cell.x0))
                target.text = join_lines([target.text, cell.text])
                target.x1 = max(target.x1, cell.x1)
                target.confidence = _lowest(target.confidence, cell.confidence)
            above.wrapped.append(row.line)
        else:
            joined.append(row)
    return joined


def _completes_label(label: str, below: str) -> bool:
    """Whether a line finishes the label above it: together they make a known label ('Date
    Decision' / 'Taken') or a role, or both say the same in two languages ('Cyfeirnod' / 'Reference')."""
    # Together they must name more than the line below does alone: 'Statws / Publication' under
    # 'Report date' is a label of its own, though the two read together end in one.
    own = {m.key for m in match_labels(below) if not m.value}
    if any(not m.value and m.key not in own for m in match_labels(f"{label} {below}")):
        return True
    if is_role(f"{label} {below}") and not (is_role(label) or looks_like_name(label) or match_labels(label, cues=True)):
        return True  # 'Gloucestershire Police and Crime' / 'Commissioner': a role wrapped in its cell
    keys_above = {m.key for m in match_labels(label, cues=True) if not m.value}
    return bool(keys_above & {m.key for m in match_labels(below, cues=True) if not m.value})


def _wraps_cells_of(above: Row, row: Row) -> bool:
    """Whether a line only carries on cells of the grid row above it.

    It is close under it, on the same page, has fewer cells, and each of its cells starts in
    one of the row's columns; a line starting in the first column carries on the label there
    only if it starts in lower case (a new label starts with a capital) or the label above
    does not end its own sentence or colon.
    """
    if above.furniture or row.furniture or above.page != row.page or len(above.cells) < 2:
        return False
    if len(row.cells) > len(above.cells):
        return False
    columns = [next((c for c in above.cells if abs(c.x0 - cell.x0) <= COLUMN_TOLERANCE), None) for cell in row.cells]
    if any(column is None for column in columns):
        return False
    # A line that finishes the label above its first cell ('Date of' / 'decision:', 'Protective' /
    # 'marking:'), a word broken off there ('Decision-mak' / 'er'), or that goes on with it in lower
    # case and nothing beside, carries on the row whatever
    # the cells beside it hold: tick boxes, which otherwise make rows of their own, and which may
    # open the gap between the lines.
    first, label, start = above.cells[0], columns[0], row.cells[0].text
    end, word = label.text[-1:], start.rstrip(":")
    broken_word = (end == "-" or (end.isalpha() and end.islower())) and word.isalpha() and word.islower()
    # 'Is this decision' / 'suitable for' / 'publication?', or in capitals: a line alone that is no label of its own.
    carried_on = len(row.cells) == 1 and (start[:1].islower() or start.rstrip().endswith("?") or (
        start.isupper() and label.text.isupper() and not match_labels(start, cues=True)))
    finishes_label = not label.text.rstrip().endswith((":", "?", ".")) and (
        broken_word or carried_on or _completes_label(label.text, start))
    if any(ch in _BOXES for ch in above.text + row.text) and not finishes_label:
        return False
    height = above.line.bottom - above.line.top
    if row.top - above.bottom > (BROKEN_WORD_GAP if finishes_label else WRAP_GAP) * height:
        return False
    own_labels = row.cells[1:] if finishes_label else row.cells
    if any(":" in cell.text and any(m.delimited for m in match_labels(cell.text)) for cell in own_labels):
        return False  # "Signature: ....": a label of its own, not the end of the cell above
    if finishes_label:
        return True
    if columns[0] is first:
        if first.text.rstrip().endswith((":", "?", ".")):
            return False
        # A label carried on in its column starts in lower case ('Decision-mak' / 'er:') or ends
        # the label with its colon ('Exempt From' / 'Publication:'); a new label does neither.
        # So does a table row whose cells wrap together ('Police and Crime | ... | 13th January'
        # over 'Commissioner | 2017'), unless the line opens with a label of its own.
        text = row.cells[0].text
        completes = _completes_label(first.text, text)
        if completes and len(row.cells) <= len(above.cells):
            return True
        labels_above = all(any(not m.value for m in match_labels(c.text)) for c in above.cells)
        together = (2 <= len(row.cells) < len(above.cells) and not labels_above
                    and not any(not m.value or m.delimited for m in match_labels(text)))
        return text[:1].islower() or text.rstrip().endswith(":") or together
    # A line with as many cells as the row above is a new row of the grid, unless it carries on the first.
    return len(row.cells) < len(above.cells)


def _cells(line: Line) -> list[Cell]:
    words = sorted(line.words, key=lambda w: w.x0)
    texts = _undoubled(words)
    cells: list[Cell] = []
    for text, word in zip(texts, words, strict=True):
        if not text:
            continue
        if cells and word.x0 - cells[-1].x1 < CELL_GAP:
            last = cells[-1]
            last.text = f"{last.text} {text}"
            last.x1 = max(last.x1, word.x1)
            last.confidence = _lowest(last.confidence, word.confidence)
        else:
            cells.append(Cell(text, word.x0, word.x1, word.confidence))
    return _numbered(cells)


def _numbered(cells: list[Cell]) -> list[Cell]:
    """A section number set apart in its own column ('1.' | 'Purpose of Report') belongs to its heading."""
    if len(cells) < 2 or not is_section_number(cells[0].text):
        return cells
    number, heading = cells[0], cells[1]
    merged = Cell(
        f"{number.text} {heading.text}", number.x0, heading.x1, _lowest(number.confidence, heading.confidence)
    )
    return [merged, *cells[2:]]


def _undoubled(words: list) -> list[str]:
    """Word texts without the character pdfium gives twice where two runs touch ('Print: J' + 'J. MARLOW').

    OCR'd table rules ('|', '_') are dropped too: they are the form's lines, not its words;
    and so are single characters OCR could barely read: specks and the ends of rules.
    """
    texts = [_ocr_text(w) if w.confidence is not None else w.text.strip() for w in words]
    for i in range(1, len(words)):
        tail = texts[i - 1].rsplit(" ", 1)[-1]
        touching = abs(words[i].x0 - words[i - 1].x1) <= 0.5
        if touching and len(tail) == 1 and texts[i - 1].endswith(" " + tail) and texts[i].startswith(tail):
            texts[i - 1] = texts[i - 1][:-1].rstrip()
    return texts


def _ocr_text(word) -> str:
    if len(word.text) == 1 and word.confidence < NOISE_OCR_CONFIDENCE:
        return ""
    return _RULE_MARKS.sub("", word.text).strip()


def _lowest(a: float | None, b: float | None) -> float | None:
    values = [v for v in (a, b) if v is not None]
    return min(values) if values else None


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", comparable(text))


def _mark_furniture(doc: Document, rows: list[Row]) -> None:
    """Running headers/footers (repeated at one height on most pages) and page numbers."""
    pages = len(doc.pages)
    heights = {page.number: page.height for page in doc.pages}
    by_shape: dict[str, list[Row]] = {}
    for row in rows:
        by_shape.setdefault(_shape(row.text), []).append(row)
    for row in rows:
        same = by_shape[_shape(row.text)]
        on_pages = {other.page for other in same if abs(other.top - row.top) <= FURNITURE_TOP_TOLERANCE}
        repeated = pages >= 2 and len(on_pages) >= max(2, FURNITURE_PAGE_SHARE * pages)
        height = heights[row.page]
        in_band = row.top < FURNITURE_BAND * height or row.top > (1 - FURNITURE_BAND) * height
        in_margin = row.top < MARGIN_SHARE * height or row.top > (1 - MARGIN_SHARE) * height
        row.furniture = (repeated and in_band) or (in_margin and bool(_PAGE_NUMBER.search(row.text.strip())))


def margin_of(rows: list[Row]) -> dict[int, float]:
    """The left edge of the text on each page."""
    edges: dict[int, list[float]] = {}
    for row in rows:
        if not row.furniture:
            edges.setdefault(row.page, []).append(row.x0)
    return {page: min(xs) for page, xs in edges.items()}


def checkboxes(text: str, *, ocr: bool = False) -> list[tuple[str, bool]]:
    """The (option, ticked) pairs of a line like ``OPEN ⊠ CONFIDENTIAL □`` or ``Yes ☐ No ☒``.

    A box belongs to the word before it, or to the word after it when the boxes are printed
    before their words: the line starts with a box, or its last box is followed by one of the
    options ("Publish on the website ☒ Yes ☐ No"), not by more of the form ("OPEN ☒
    CONFIDENTIAL ☐ Reason if Confidential:"). Typed boxes count too: ``[X] Open [ ]
    Confidential``, and a lone ``X`` or tick beside one of two or more known options (``OPEN X
    CONFIDENTIAL``). In OCR text a ticked box often comes out as a symbol ('&', '®') and an
    empty one as a letter O or nothing.
    """
    text = _typed_boxes(_ocr_boxes(text) if ocr else text).strip()
    if not any(ch in _BOXES for ch in text):
        return []
    words = rf"((?:[A-Za-z][\w'-]*\s+){{0,{OPTION_MAX_WORDS - 1}}}[A-Za-z][\w'-]*)"
    last_box = max(text.rfind(box) for box in _BOXES)
    after_last = re.match(r"\s*([A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,2})", text[last_box + 1:])
    before_words = text[0] in _BOXES or (
        after_last is not None and _starts_with_option(after_last[1])
    )
    if before_words:
        start = min(text.find(box) for box in _BOXES if box in text)
        pairs = [(option, box) for box, option in re.findall(rf"([{_BOXES}])\s*{words}", text[start:])]
        pairs = [(_option(option, first=True), box) for option, box in pairs]
    else:
        pairs = [(_option(option), box) for option, box in re.findall(rf"{words}\s*:?\s*([{_BOXES}])", text)]
    # Where a row ticks with ✓ and marks the others ✗, the ✗ is the unticked box.
    ticks = {box for _, box in pairs}
    crossed_out = "✓" in ticks or "✔" in ticks
    return [(option, box in CHECKED and not (crossed_out and box in "✗✘")) for option, box in pairs]


def _starts_with_option(words: str) -> bool:
    split = words.split()
    return any(comparable(" ".join(split[:n])) in _option_words() for n in range(len(split), 0, -1))


def _option(words: str, *, first: bool = False) -> str:
    """The option a box stands for: the longest known option next to it ('Not approved'), else one word."""
    split = words.split()
    spans = [split[:n] if first else split[-n:] for n in range(len(split), 0, -1)]
    known = _option_words()
    return next((" ".join(span) for span in spans if comparable(" ".join(span)) in known), spans[-1][0])


def _option_words() -> set[str]:
    return {comparable(w) for words in terms()["checkbox_options"].values() for w in words}


def _ocr_boxes(text: str) -> str:
    """Boxes as OCR reads them, after a known option: a symbol is ticked, an O or 0 is empty."""
    options = _option_words()
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    if sum(comparable(w) in options for w in words) < 2:
        return text

    def box(m: re.Match[str]) -> str:
        if comparable(m[1]) not in options:
            return m[0]
        return f"{m[1]} {'☒' if m[2].strip(_OCR_EMPTY) else '☐'}"

    return re.sub(rf"([A-Za-z][\w'-]*)\s+([{re.escape(_OCR_TICKED + _OCR_EMPTY)}]+)(?=\s|$)", box, text)


def _typed_boxes(text: str) -> str:
    """Boxes typed as text ('[X] Yes [ ] No', 'OPEN X CONFIDENTIAL') as box glyphs."""
    text = re.sub(r"[\[(]\s*[xX✓✔]\s*[\])]", "☒", text)
    text = re.sub(r"[\[(]\s*[\])]", "☐", text)
    options = _option_words()
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    glyphs = any(ch in _BOXES for ch in text)
    if glyphs or sum(comparable(w) in options for w in words) < 2 or not re.search(r"(?<!\w)[xX✓✔](?!\w)", text):
        return text
    # Every option gets a box: the one marked with a lone X is ticked, the others are not.
    marked = re.sub(r"(?<!\w)[xX](?!\w)", "☒", text)
    return re.sub(
        r"([A-Za-z][\w'-]*)(?!\s*:?\s*[☒☐])",
        lambda m: m[1] + (" ☐" if comparable(m[1]) in options else ""),
        marked,
    )


def without_boxes(text: str) -> str:
    """The text without its check boxes, glyphs or typed ('[X]', '[ ]')."""
    text = re.sub(r"[\[(]\s*[xX✓✔]?\s*[\])]", " ", text)
    return re.sub(rf"\s*[{_BOXES}]\s*", " ", text).strip()


SOFT_HYPHEN = "\x02"
"""What pdfium gives for a hyphen that ends a line."""


def join_lines(parts: list[str]) -> str:
    """Lines joined with one space, or with their hyphen and no space where a line ends in one."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text.endswith(SOFT_HYPHEN):
            text = text[:-1] + "-" + part
        else:
            text = f"{text} {part}" if text else part
    return text.replace(SOFT_HYPHEN, "-")


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.strip()))


def looks_like_heading(text: str, max_words: int = HEADING_MAX_WORDS) -> bool:
    """Short, starts with a capital, no sentence punctuation at the end: a heading, not prose."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > max_words or ends_sentence(text):
        return False
    first = next((ch for ch in text if ch.isalpha()), "")
    return first.isupper() and not text.startswith(("(", "•", "-", "[")) and not any(ch in _BOXES for ch in text)


def looks_like_role_line(text: str) -> bool:
    """A line that only names a role: 'Chief Finance Officer:', 'POLICE AND CRIME COMMISSIONER FOR KENT'."""
    text = text.strip().rstrip(":").strip()
    title_case = all(w[:1].isupper() or w in _JOINING_WORDS for w in re.split(r"[\s/]+", text) if w)
    return title_case and not any(ch.isdigit() for ch in text) and looks_like_heading(text, ROLE_MAX_WORDS) and is_role(text)


def looks_like_name(text: str) -> bool:
    """A person's name as printed: 'R.C. HIRST', 'Nadia Rahman', 'Paul Haworth'."""
    words = text.strip().split()
    if not 2 <= len(words) <= NAME_MAX_WORDS or any(ch.isdigit() for ch in text) or re.search(r"[:@/]", text):
        return False
    stop = set(terms()["not_name_words"])
    if any(comparable(w).strip(".,") in stop for w in words):
        return False
    if words[0].lower() in NAME_PARTICLES or words[-1].lower() in NAME_PARTICLES:
        return False
    # Letters of any alphabet ('Siân', 'Łucja'); a particle between names ('Dafydd ap Rhys').
    return all(w.lower() in NAME_PARTICLES or re.fullmatch(
        r"(?:[^\W\d_]\.)+|[^\W\d_](?:[^\W\d_]|['’-])+\.?,?|(?:[^\W\d_]\.)+[^\W\d_][\w'-]*", w) and w[:1].isupper()
        for w in words)


NAME_PARTICLES = frozenset({"ap", "ab", "de", "da", "di", "du", "van", "von", "der", "den", "le", "la", "bin", "al", "el", "ni"})
"""Lower-case words that join the parts of a person's name."""
