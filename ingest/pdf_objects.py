"""What a page draws, from pdfium's page objects in one pass: its images, paths, and the text a reader cannot see.

Text can be on a page and in its text layer, so copied out and extracted, without being
seen. This is how overlay "redaction" fails (the ICO's "remove, never overlay"): a black
box drawn over a name leaves the name in the file. Text is *hidden* when it is:

* **under a box or an image**: an opaque filled shape or an image drawn after it covers
  at least ``COVERED_SHARE`` of it (drawing order is the page objects' order);
* **invisible**: drawn in render mode 3 or 7, or with a fully transparent fill;
* **the colour of its background**: its fill within ``SAME_COLOUR`` of the topmost
  opaque shape under it, or of the white page when there is none (white on white,
  black on a black box);
* **off the page**: outside the part of the page that is shown.

The invisible text laid over a scan (or over text converted to curves) is the page's
searchable OCR layer, not hidden content: :mod:`ingest.ocr_lines` reads it and OCR
checks it. Each pass costs about a millisecond a page; only pages with hidden text
cost more when their lines are read (:func:`ingest.pdf.page_lines`).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

COVERED_SHARE = 0.5  # at least half a text object under one shape or image: it cannot be read
SAME_COLOUR = 24  # largest difference in any of red, green, blue (0-255) that still looks the same
OPAQUE = 255  # a fill alpha below this lets what is under it show through
WHITE = (255, 255, 255)
SCAN_COVER = 0.5  # an image over half the page is taken for a scan
MIN_PATHS_FOR_OUTLINED_TEXT = 200  # a page of text converted to curves has thousands; rules and boxes a few
INVISIBLE_MODES = {raw.FPDF_TEXTRENDERMODE_INVISIBLE, raw.FPDF_TEXTRENDERMODE_CLIP}
STROKE_ONLY_MODES = {raw.FPDF_TEXTRENDERMODE_STROKE, raw.FPDF_TEXTRENDERMODE_STROKE_CLIP}

UNDER_BOX, UNDER_IMAGE = "under a filled box", "under an image"
OVERLAID = {UNDER_BOX, UNDER_IMAGE}
"""How overlay "redaction" hides text: the document is held for a person (the rest is just left out)."""

Box = tuple[float, float, float, float]  # left, bottom, right, top, in PDF points


@dataclass(frozen=True)
class Hidden:
    """Text on a page that a reader cannot see, and how it is hidden (never what it says)."""

    page: int
    how: str
    box: Box


@dataclass
class PageObjects:
    images: int = 0
    image_cover: float = 0.0  # share of the page under its largest image
    paths: int = 0
    invisible_share: float = 0.0  # share of text objects drawn in render mode 3 (invisible)
    hidden: list[Hidden] = field(default_factory=list)

    @property
    def ocr_layer_possible(self) -> bool:
        """Whether invisible text here may be a scan's (or outlined text's) searchable layer."""
        return self.image_cover >= SCAN_COVER or self.paths >= MIN_PATHS_FOR_OUTLINED_TEXT


@dataclass
class _Text:
    box: Box
    colour: tuple[int, int, int]
    invisible: bool
    hidden: str | None = None


@dataclass
class _Cover:
    box: Box
    colour: tuple[int, int, int] | None  # None for an image: its colour under the text is unknown
    how: str


def page_objects(page: pdfium.PdfPage, number: int) -> PageObjects:
    """One pass over the page's objects, in drawing order."""
    found = PageObjects()
    width, height = page.get_width(), page.get_height()
    page_box = (0.0, 0.0, width, height)
    texts: list[_Text] = []
    covers: list[_Cover] = []
    for obj, box in on_page_boxes(page):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            found.images += 1
            found.image_cover = max(found.image_cover, _area(_clip(box, page_box)) / (width * height))
            _cover(texts, _Cover(box, None, UNDER_IMAGE))
            covers.append(_Cover(box, None, UNDER_IMAGE))
        elif obj.type == raw.FPDF_PAGEOBJ_PATH:
            found.paths += 1
            colour, alpha = _fill(obj)
            if _filled(obj) and alpha >= OPAQUE:
                cover = _Cover(box, colour, UNDER_BOX)
                _cover(texts, cover)
                covers.append(cover)
        elif obj.type == raw.FPDF_PAGEOBJ_TEXT:
            texts.append(_text(obj, box, covers, page_box))
    invisible = sum(t.invisible for t in texts)
    found.invisible_share = invisible / len(texts) if texts else 0.0
    for text in texts:
        if text.hidden == "invisible" and found.ocr_layer_possible:
            continue  # the scan's own OCR layer
        if text.hidden:
            found.hidden.append(Hidden(number, text.hidden, text.box))
    return found


def on_page_boxes(page: pdfium.PdfPage) -> Iterator[tuple[pdfium.PdfObject, Box]]:
    """Every object the page draws, in drawing order, with its bounds in page space; forms opened, not given."""
    forms: list[pdfium.PdfMatrix] = []  # the matrix that takes each open form's space to the page's
    for obj in page.get_objects():
        del forms[obj.level:]
        to_page = forms[-1] if forms else None
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            matrix = obj.get_matrix()
            forms.append(matrix.multiply(to_page) if to_page else matrix)
        else:
            yield obj, _on_page(obj.get_bounds(), to_page)


def _text(obj: pdfium.PdfObject, box: Box, covers: list[_Cover], page_box: Box) -> _Text:
    mode = raw.FPDFTextObj_GetTextRenderMode(obj.raw)
    colour, alpha = _fill(obj)
    invisible = mode in INVISIBLE_MODES or (alpha == 0 and mode not in STROKE_ONLY_MODES)
    text = _Text(box, colour, invisible)
    if invisible:
        text.hidden = "invisible"
    elif _area(_clip(box, page_box)) == 0 and _area(box) > 0:
        text.hidden = "off the page"
    elif mode not in STROKE_ONLY_MODES and _same(colour, _background(box, covers)):
        text.hidden = "the colour of its background"
    return text


def _cover(texts: list[_Text], cover: _Cover) -> None:
    """Mark the text already drawn that a shape or image drawn now covers."""
    for text in texts:
        if text.hidden is None and _area(_clip(text.box, cover.box)) >= COVERED_SHARE * _area(text.box) > 0:
            text.hidden = cover.how


def _background(box: Box, covers: list[_Cover]) -> tuple[int, int, int] | None:
    """The colour under a text's centre: the topmost shape drawn before it there, else the white page."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    for cover in reversed(covers):
        if cover.box[0] <= x <= cover.box[2] and cover.box[1] <= y <= cover.box[3]:
            return cover.colour
    return WHITE


def _same(colour: tuple[int, int, int], background: tuple[int, int, int] | None) -> bool:
    return background is not None and max(abs(a - b) for a, b in zip(colour, background, strict=True)) <= SAME_COLOUR


def _fill(obj: pdfium.PdfObject) -> tuple[tuple[int, int, int], int]:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a):
        return (0, 0, 0), OPAQUE
    return (r.value, g.value, b.value), a.value


def _filled(obj: pdfium.PdfObject) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(raw.FPDFPath_GetDrawMode(obj.raw, mode, stroke)) and mode.value != raw.FPDF_FILLMODE_NONE


def _on_page(box: Box, matrix: pdfium.PdfMatrix | None) -> Box:
    """An object's bounds in page space (pdfium gives an object inside a form XObject in the form's)."""
    if matrix is None:
        return box
    left, bottom, right, top = box
    xs, ys = zip(*(matrix.on_point(x, y) for x in (left, right) for y in (bottom, top)), strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _clip(box: Box, within: Box) -> Box:
    return (max(box[0], within[0]), max(box[1], within[1]), min(box[2], within[2]), min(box[3], within[3]))


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])
