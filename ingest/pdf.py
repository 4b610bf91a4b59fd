"""Opening a PDF safely and reading its text as positioned lines, page by page.

The pipeline, each step a function below:

1. :func:`refuse_unsafe` - check the bytes before any parser sees them (empty,
   not a PDF, embedded JavaScript);
2. :func:`open_pdf` - open with pypdfium2, refusing encrypted, truncated and
   absurdly large pages;
3. :func:`triage_page` - does this page have a usable text layer? If not it goes
   to OCR (:mod:`ingest.ocr`);
4. :func:`page_lines` - the page's text as lines with their positions.

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

from .errors import RefusedInput
from .text import normalise

MAX_PAGE_POINTS = 3000 / 25.4 * 72  # 3 metres: larger pages are not documents but attacks or errors
MIN_TEXT_CHARS = 20
MIN_TEXT_QUALITY = 0.75

_JAVASCRIPT = re.compile(rb"/(?:JavaScript|JS)\b")


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float | None = None  # 0-100 from OCR; None for a text layer


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


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]
    ocr: bool = False

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Document:
    path: Path
    sha256: str
    pages: list[Page]

    @property
    def text(self) -> str:
        return "\n".join(page.text for page in self.pages)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    @property
    def ocr(self) -> bool:
        return any(page.ocr for page in self.pages)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def refuse_unsafe(data: bytes) -> None:
    if not data:
        raise RefusedInput("empty file")
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise RefusedInput("not a PDF (no %PDF header)")
    if _JAVASCRIPT.search(data):
        raise RefusedInput("PDF carries embedded JavaScript; refused for safety")


def open_pdf(path: Path, data: bytes) -> pdfium.PdfDocument:
    if b"%%EOF" not in data[-2048:]:
        raise RefusedInput("truncated PDF (no end-of-file marker)")
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
    for index in range(len(pdf)):
        width, height = pdf.get_page_size(index)
        if max(width, height) > MAX_PAGE_POINTS:
            pdf.close()
            raise RefusedInput(
                f"page {index + 1} is {width / 72 * 25.4 / 1000:.1f} m x {height / 72 * 25.4 / 1000:.1f} m; "
                "pages over 3 m a side are refused"
            )
    return pdf


def text_quality(text: str) -> float:
    """Share of characters that are letters, digits, spaces or ordinary punctuation.

    An undecodable font gives control characters, ``(cid:NN)`` or U+FFFD; a page
    scoring low is OCR'd rather than trusted.
    """
    if not text:
        return 0.0
    if "(cid:" in text or "\ufffd" in text:
        return 0.0
    good = sum(ch.isalnum() or ch.isspace() or ch in ".,;:'\"()[]/&%£$-–—+*!?#@_<>=|’‘“”•☐☒⊠✓✔■□" for ch in text)
    return good / len(text)


def triage_page(page: pdfium.PdfPage, text: str) -> str:
    """``text`` when the page's own text layer can be used, ``ocr`` when it must be OCR'd, ``blank``."""
    chars = len(re.sub(r"\s", "", text))
    if chars >= MIN_TEXT_CHARS and text_quality(text) >= MIN_TEXT_QUALITY:
        return "text"
    has_image = any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
    return "ocr" if has_image else ("text" if chars else "blank")


def page_lines(page: pdfium.PdfPage, number: int) -> list[Line]:
    """The page's text as lines, top to bottom, from pdfium's character boxes."""
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        lines: list[Line] = []
        for index in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(index)
            raw = textpage.get_text_bounded(left, bottom, right, top)
            text = normalise(raw)
            if not text:
                continue
            word = Word(text, left, right, height - top, height - bottom)
            _place(lines, word, number)
        for line in lines:
            line.words.sort(key=lambda w: w.x0)
            line.text = " ".join(w.text for w in line.words)
        return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))
    finally:
        textpage.close()


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
    sha = hashlib.sha256(data).hexdigest()
    pages: list[Page] = []
    to_ocr: list[int] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
                kind = triage_page(page, text)
                lines = page_lines(page, index + 1) if kind == "text" else []
                pages.append(Page(index + 1, page.get_width(), page.get_height(), lines))
                if kind == "ocr":
                    to_ocr.append(index)
            finally:
                page.close()
    finally:
        pdf.close()
    if to_ocr:
        if not ocr:
            raise RefusedInput(f"pages {', '.join(str(i + 1) for i in to_ocr)} are scanned images and OCR is off")
        from .ocr import ocr_pages

        for index, lines in ocr_pages(path, sha, to_ocr).items():
            pages[index].lines = lines
            pages[index].ocr = True
    if not any(page.lines for page in pages):
        raise RefusedInput("no text at all: every page is blank")
    return Document(path=path, sha256=sha, pages=pages)
