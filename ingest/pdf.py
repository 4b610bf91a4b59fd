"""Opening a PDF safely and reading its text as positioned lines, page by page.

The pipeline, each step a function below:

1. :func:`refuse_unsafe` - check the bytes before any parser sees them (empty, not a PDF, truncated);
2. :func:`open_pdf` - open with pypdfium2, refusing encrypted and damaged files, too many pages and
   absurdly large ones; then a walk of every object (:mod:`ingest.pdf_safety`) refuses active
   content such as JavaScript, and notes what the file holds unseen (metadata, embedded files);
3. :func:`triage_page` - does this page have a usable text layer? If not it goes
   to OCR (:mod:`ingest.ocr`);
4. :func:`page_lines` - the page's text as lines with their positions, leaving out the text
   a reader cannot see (under a box, invisible, white on white: :mod:`ingest.pdf_objects`).
   What was hidden, and where, is on the :class:`Document` (``hidden``), so that the record
   read from it is held for a person's review.

pypdfium2 is used for text because it is 40-60x faster than pdfplumber and
expands ligatures; parsers that need table structure open the page in
pdfplumber themselves.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from opcc.core.text import normalise

from .errors import RefusedInput
from .pdf_objects import MIN_PATHS_FOR_OUTLINED_TEXT, SCAN_COVER, Box, Hidden, PageObjects, page_objects
from .pdf_safety import MAX_PAGES, refuse_active_content

MAX_PAGE_POINTS = 3000 / 25.4 * 72  # 3 metres: larger pages are not documents but attacks or errors
MIN_TEXT_CHARS = 20  # fewer non-space characters than this are too few to judge the text's quality by
MIN_TEXT_QUALITY = 0.5  # text_quality of born-digital pages is 0.85-1; undecodable fonts score under 0.3
MIN_TEXT_CHARS_OVER_SCAN = 200  # fewer characters over a scan are a stamp or header, not its text
MIN_SEGMENT_POINTS = 0.5  # narrower than this, what is left of a text run beside hidden text holds no character


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float | None = None  # 0-100 from OCR; None for a text layer
    size: float | None = None  # the font size in points (a text layer's; OCR gives none)
    bold: bool = False


@dataclass
class Line:
    text: str
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    words: list[Word] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        scores = [w.confidence for w in self.words if w.confidence is not None]
        return min(scores) if scores else None

    @property
    def size(self) -> float:
        """The line's font size: its words' largest (a text layer), else its height (OCR)."""
        sizes = [w.size for w in self.words if w.size]
        return max(sizes) if sizes else self.bottom - self.top

    @property
    def bold(self) -> bool:
        return bool(self.words) and all(w.bold for w in self.words)


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    ocr: bool = False
    hidden: list[Hidden] = field(default_factory=list)  # text on the page a reader cannot see, left out of lines

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Document:
    path: Path
    sha256: str
    pages: list[Page]
    unseen: list[str] = field(default_factory=list)
    """What the file holds besides its pages (metadata, embedded files...): left out of its published copy."""

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    @property
    def ocr(self) -> bool:
        return any(page.ocr for page in self.pages)

    @property
    def hidden(self) -> list[Hidden]:
        return [hidden for page in self.pages for hidden in page.hidden]


def refuse_unsafe(data: bytes) -> None:
    """Refuse a file that is not a whole PDF."""
    if not data:
        raise RefusedInput("empty file")
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise RefusedInput("not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise RefusedInput("truncated PDF (no end-of-file marker)")


def open_pdf(path: Path, data: bytes) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise RefusedInput("encrypted PDF (password-protected); publish an unencrypted copy") from exc
        raise RefusedInput(f"damaged PDF ({exc})") from exc
    if len(pdf) == 0:
        pdf.close()
        raise RefusedInput("PDF has no pages")
    if len(pdf) > MAX_PAGES:  # told by pdfium in milliseconds, before qpdf reads every object
        pages = len(pdf)
        pdf.close()
        raise RefusedInput(f"PDF has {pages:,} pages; more than {MAX_PAGES:,} are refused")
    for index in range(len(pdf)):
        width, height = pdf.get_page_size(index)
        if max(width, height) > MAX_PAGE_POINTS:
            pdf.close()
            raise RefusedInput(
                f"page {index + 1} is {width / 72 * 25.4 / 1000:.1f} m x {height / 72 * 25.4 / 1000:.1f} m; "
                "pages over 3 m a side are refused"
            )
    return pdf


# The commonest letter pairs of English (after Norvig's counts over Google Books): they make up
# about three quarters of the pairs in any English page, even a table of supplier names, but only
# a sixth of the pairs in random letters or in a font whose glyph ids came out as text.
_ENGLISH_BIGRAMS = frozenset(
    """th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me
    de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no ct us ac ot
    il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo ow pa im mi ai
    sh ir su id os iv ia am fi ci vi pl ig tu ev ld ry mp fe bl ab gh ty op wo sa ay ex ke fr oo av""".split()
)
ENGLISH_BIGRAM_SHARE = 0.7  # born-digital pages of the corpus score 0.75-0.85; garbage 0.15-0.2
_ORDINARY = set(".,;:'\"()[]/&%£$-–—+*!?#@_<>=|’‘“”•☐☒⊠✓✔■□")
_LETTER_RUN = re.compile(r"[^\W\d_]{2,}")
# A token that reads as a word, a number, an amount, a date or a reference, with ordinary
# punctuation around it. OCR debris (``™``, ``|``, ``Petér-``, ``~~``, letters spaced out
# one by one) does not.
_CLEAN_TOKEN = re.compile(
    r"""^[("'\[]?(?:(?:[A-Za-z]{2,}|[aAI])(?:['-][A-Za-z]+)*|[£$]?\d[\d,.:/%-]*[a-zA-Z]{0,2}|[A-Z]{1,6}[./-]?[A-Z0-9./-]*)[)"'\].,;:!?%]*$"""
)


def text_quality(text: str) -> float:
    """How well a page's text reads, 0-1: ordinary characters x English letter pairs x clean tokens.

    * An undecodable font gives control characters, ``(cid:NN)`` or U+FFFD (character share
      falls), or shifted glyph ids such as ``'HFLVLRQ`` for "Decision" (letter pairs fall);
    * a poor OCR layer of a scan has debris tokens (clean-token share falls).

    A page scoring low is OCR'd rather than trusted. (Choosing between two OCR readings of a
    page needs a dictionary: :func:`ingest.ocr_words.reading_score`.)
    """
    if not text or "(cid:" in text or "\ufffd" in text:
        return 0.0
    chars = sum(ch.isalnum() or ch.isspace() or ch in _ORDINARY for ch in text) / len(text)
    pairs = [run[i : i + 2].lower() for run in _LETTER_RUN.findall(text) for i in range(len(run) - 1)]
    english = sum(pair in _ENGLISH_BIGRAMS for pair in pairs) / len(pairs) if pairs else 1.0  # digits only
    tokens = text.split()
    clean = sum(bool(_CLEAN_TOKEN.match(token)) for token in tokens) / len(tokens)
    return chars * min(1.0, english / ENGLISH_BIGRAM_SHARE) * clean


def triage_page(page: pdfium.PdfPage, text: str, profile: PageObjects | None = None) -> str:
    """What to do with a page's own text layer.

    * ``text`` - use it;
    * ``ocr`` - OCR the page: no text over an image (a scan), outlined text (only paths),
      text that does not read (undecodable font), or a few stray characters over a scan;
    * ``ocr_layer`` - a scan with its own invisible OCR layer: OCR it too and keep the reading
      that scores better (:func:`ingest.ocr_words.reading_score`);
    * ``blank`` - nothing on it to read.
    """
    chars = len(re.sub(r"\s", "", text))
    profile = profile or page_objects(page, 0)
    if chars == 0:
        if profile.images or profile.paths >= MIN_PATHS_FOR_OUTLINED_TEXT:
            return "ocr"
        return "blank"
    if chars >= MIN_TEXT_CHARS and text_quality(text) < MIN_TEXT_QUALITY:
        return "ocr"
    if profile.image_cover >= SCAN_COVER:
        if profile.invisible_share >= 0.5:
            return "ocr_layer"
        if chars < MIN_TEXT_CHARS_OVER_SCAN:
            return "ocr"  # a stamp or page number added to a scan; OCR reads those too
    return "text"


def page_lines(page: pdfium.PdfPage, number: int, hidden: list[Hidden] | tuple = ()) -> list[Line]:
    """The page's text as lines, top to bottom, from pdfium's character boxes, bar the ``hidden`` text."""
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        lines: list[Line] = []
        boxes = [h.box for h in hidden]
        for index in range(textpage.count_rects()):
            for left, bottom, right, top in _visible_parts(textpage.get_rect(index), boxes):
                text = normalise(textpage.get_text_bounded(left, bottom, right, top))
                if text:
                    size, bold = _font(textpage, (left + right) / 2, (bottom + top) / 2)
                    _place(lines, Word(text, left, right, height - top, height - bottom, size=size, bold=bold), number)
        for line in lines:
            line.words.sort(key=lambda w: w.x0)
            line.text = " ".join(w.text for w in line.words)
        return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))
    finally:
        textpage.close()


BOLD_WEIGHT = 600
"""A font weight (100-900) from which text is bold."""


def _font(textpage: pdfium.PdfTextPage, x: float, y: float) -> tuple[float | None, bool]:
    """The font size and boldness of the character at a point of the page (a text run's middle)."""
    index = pdfium.raw.FPDFText_GetCharIndexAtPos(textpage.raw, x, y, 2.0, 2.0)
    if index < 0:
        return None, False
    size = pdfium.raw.FPDFText_GetFontSize(textpage.raw, index)
    weight = pdfium.raw.FPDFText_GetFontWeight(textpage.raw, index)
    return (round(size, 1) if size > 0 else None), weight >= BOLD_WEIGHT


def _visible_parts(rect: Box, hidden: list[Box]) -> list[Box]:
    """A text run's box less the stretches of it where hidden text lies (the common case: all of it)."""
    left, bottom, right, top = rect
    middle = (bottom + top) / 2
    parts = [(left, right)]
    for h_left, h_bottom, h_right, h_top in hidden:
        if h_bottom <= middle <= h_top:
            parts = [piece for start, end in parts
                     for piece in ((start, min(end, h_left)), (max(start, h_right), end)) if piece[1] > piece[0]]
    return [(start, bottom, end, top) for start, end in parts if end - start >= MIN_SEGMENT_POINTS]


def _place(lines: list[Line], word: Word, number: int) -> None:
    """Put a text run on the line it shares a baseline band with, or start a new line."""
    middle = (word.top + word.bottom) / 2
    for line in reversed(lines[-8:]):
        if line.top - 1 <= middle <= line.bottom + 1:
            line.words.append(word)
            line.x0, line.x1 = min(line.x0, word.x0), max(line.x1, word.x1)
            return
    lines.append(Line(word.text, number, word.top, word.bottom, word.x0, word.x1, [word]))


def read_pdf(path: Path, *, ocr: bool = True) -> Document:
    """Read a PDF into positioned lines, OCR-ing the pages that have no usable text layer."""
    data = path.read_bytes()
    refuse_unsafe(data)
    pdf = open_pdf(path, data)
    try:
        unseen = sorted(refuse_active_content(data).hidden)
    except RefusedInput:
        pdf.close()
        raise
    sha = hashlib.sha256(data).hexdigest()
    pages: list[Page] = []
    scanned: list[int] = []  # no usable text: OCR is the only reading
    layered: list[int] = []  # a scan with its own OCR layer: OCR again and keep the better reading
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
                profile = page_objects(page, index + 1)
                kind = triage_page(page, text, profile)
                lines = _own_lines(page, kind, index + 1, profile.hidden)
                width, height = page.get_width(), page.get_height()
                pages.append(Page(index + 1, width, height, lines, ocr=kind == "ocr_layer", hidden=profile.hidden))
                if kind == "ocr":
                    scanned.append(index)
                elif kind == "ocr_layer":
                    layered.append(index)
            finally:
                page.close()
    finally:
        pdf.close()
    if scanned and not ocr:
        raise RefusedInput(f"pages {', '.join(str(i + 1) for i in scanned)} are scanned images and OCR is off")
    if ocr and (scanned or layered):
        _apply_ocr(path, sha, pages, scanned, layered)
    if not any(page.lines for page in pages):
        if scanned:
            raise RefusedInput("no text at all: OCR found no words on the scanned pages")
        raise RefusedInput("no text at all: every page is blank")
    return Document(path=path, sha256=sha, pages=pages, unseen=unseen)


def _own_lines(page: pdfium.PdfPage, kind: str, number: int, hidden: list[Hidden]) -> list[Line]:
    """The page's own text: its text layer, a scan's own OCR layer (read word by word), or none."""
    if kind == "text":
        return page_lines(page, number, hidden)
    if kind == "ocr_layer":
        from .ocr_lines import layer_lines  # imported here: ocr_lines imports this module

        return layer_lines(page, number)
    return []


def _apply_ocr(path: Path, sha: str, pages: list[Page], scanned: list[int], layered: list[int]) -> None:
    """OCR the scanned pages, and the pages with an OCR layer of their own, keeping the better reading.

    Without Tesseract a scanned page is refused (the error names the tool), while a page
    with its own OCR layer keeps that layer.
    """
    from .ocr import OcrUnavailable, ocr_pages
    from .ocr_words import reading_score

    try:
        results = ocr_pages(path, sha, scanned + layered)  # scanned first: an error names one of them
    except OcrUnavailable:
        if scanned:
            raise
        return
    for index, lines in results.items():
        page = pages[index]
        ours = "\n".join(line.text for line in lines)
        if index in scanned or reading_score(ours) >= reading_score(page.text):
            page.lines = lines  # on a tie ours wins: its words carry confidences
        page.ocr = True
