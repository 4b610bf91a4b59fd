"""Typesetting for the generated notices (reportlab) and the scanned variant (pypdfium2 + Pillow)."""

from __future__ import annotations

import argparse
import io
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

rl_config.invariant = 1  # no timestamps or random document ids: the same seed gives the same bytes

FONT_DIR = Path("/usr/share/fonts/truetype")
_TTF = {
    "LiberationSans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf", "liberation/LiberationSans-Italic.ttf"),
    "LiberationSerif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf", "liberation/LiberationSerif-Italic.ttf"),
    "LiberationNarrow": ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf", "liberation/LiberationSansNarrow-Italic.ttf"),
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSans-Oblique.ttf"),
    "DejaVuSerif": ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSerif-Italic.ttf"),
    "DejaVuCond": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf", "dejavu/DejaVuSansCondensed-Oblique.ttf"),
}
_registered: set[str] = set()
SYMBOL_FONT = "DejaVuSans"  # has ☐ ☒ ✓ ✗ ■ □


def fonts(name: str) -> tuple[str, str, str]:
    """(regular, bold, italic) font names, registering TrueType fonts on first use."""
    if name == "Helvetica":
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
    if name == "Times":
        return "Times-Roman", "Times-Bold", "Times-Italic"
    files = _TTF[name]
    names = (name, name + "-Bold", name + "-Italic")
    for font, file in zip(names, files, strict=True):
        if font not in _registered:
            pdfmetrics.registerFont(TTFont(font, str(FONT_DIR / file)))
            _registered.add(font)
    from reportlab.lib.fonts import addMapping

    addMapping(name, 0, 0, names[0])
    addMapping(name, 1, 0, names[1])
    addMapping(name, 0, 1, names[2])
    addMapping(name, 1, 1, names[1])
    return names


def symbol_font() -> str:
    fonts("DejaVuSans")
    return SYMBOL_FONT


def esc(text: str) -> str:
    return escape(text)


# ---- the look of one document ------------------------------------------------------------


@dataclass
class Look:
    rng: random.Random
    family_font: str
    regular: str
    bold: str
    italic: str
    size: float
    leading: float
    margin_l: float
    margin_r: float
    margin_t: float
    margin_b: float
    pagesize: tuple[float, float]
    accent: colors.Color
    label_case: str  # "title", "upper", "sentence"
    colon: bool
    heading_kind: str  # "bold", "caps", "underline", "band", "accent", "bolditalic"
    heading_size: float
    grid: str  # "full", "box", "rows", "none"
    tick: str  # "unicode", "ascii", "square", "check"
    styles: dict[str, ParagraphStyle] = field(default_factory=dict)

    @classmethod
    def random(cls, rng: random.Random, *, landscape_page: bool = False, font: str | None = None) -> Look:
        family = font or rng.choice(["Helvetica", "Helvetica", "Times", "LiberationSans", "LiberationSerif", "LiberationNarrow",
                                     "DejaVuSans", "DejaVuSerif", "DejaVuCond"])
        regular, bold, italic = fonts(family)
        size = rng.choice([9, 9.5, 10, 10, 10.5, 11, 11, 11.5, 12])
        page = A4 if rng.random() < 0.93 else LETTER
        if landscape_page:
            page = landscape(A4)
        accent = rng.choice([colors.black, colors.HexColor("#1f3864"), colors.HexColor("#5b2c6f"), colors.HexColor("#0b5394"),
                             colors.HexColor("#274e13"), colors.HexColor("#7f6000"), colors.HexColor("#990000")])
        look = cls(
            rng, family, regular, bold, italic, size, size * rng.uniform(1.18, 1.42),
            rng.uniform(14, 28) * mm, rng.uniform(14, 26) * mm, rng.uniform(14, 26) * mm, rng.uniform(16, 26) * mm,
            page, accent, rng.choice(["title", "title", "upper", "sentence", "sentence"]), rng.random() < 0.55,
            rng.choice(["bold", "bold", "caps", "underline", "band", "accent", "bolditalic"]), size + rng.choice([0, 1, 1.5, 2, 3]),
            rng.choice(["full", "full", "box", "rows", "none"]), rng.choice(["unicode", "unicode", "ascii", "square", "check"]),
        )
        look._make_styles()
        return look

    @property
    def width(self) -> float:
        return self.pagesize[0] - self.margin_l - self.margin_r

    def _make_styles(self) -> None:
        s, lead = self.size, self.leading
        base = ParagraphStyle("body", fontName=self.regular, fontSize=s, leading=lead, spaceAfter=s * 0.55, alignment=TA_LEFT)
        if self.rng.random() < 0.25:
            base.alignment = 4  # justified
        self.styles = {
            "body": base,
            "cell": ParagraphStyle("cell", parent=base, spaceAfter=0, alignment=TA_LEFT),
            "cellbold": ParagraphStyle("cellbold", parent=base, fontName=self.bold, spaceAfter=0, alignment=TA_LEFT),
            "small": ParagraphStyle("small", parent=base, fontSize=s - 1.5, leading=(s - 1.5) * 1.25, spaceAfter=2, alignment=TA_LEFT),
            "smallgrey": ParagraphStyle("smallgrey", parent=base, fontSize=s - 1.5, leading=(s - 1.5) * 1.25, spaceAfter=1,
                                        textColor=colors.HexColor("#555555"), alignment=TA_LEFT),
            "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT, spaceAfter=0),
            "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
            "heading": ParagraphStyle("heading", parent=base, fontName=self.bold, fontSize=self.heading_size,
                                      leading=self.heading_size * 1.25, spaceBefore=s * 0.6, spaceAfter=s * 0.35, alignment=TA_LEFT,
                                      textColor=self.accent if self.heading_kind in ("accent", "band") else colors.black),
            "title": ParagraphStyle("title", parent=base, fontName=self.bold, fontSize=s + self.rng.choice([4, 5, 6, 8]),
                                    leading=(s + 7) * 1.2, spaceAfter=s * 0.8, alignment=TA_LEFT),
            "doctype": ParagraphStyle("doctype", parent=base, fontName=self.bold, fontSize=s + self.rng.choice([2, 3, 5]),
                                      leading=(s + 5) * 1.25, spaceAfter=s * 0.6,
                                      alignment=self.rng.choice([TA_LEFT, TA_CENTER, TA_CENTER, TA_RIGHT])),
            "letterhead": ParagraphStyle("letterhead", parent=base, fontName=self.bold, fontSize=s + self.rng.choice([1, 2, 3, 4]),
                                         leading=(s + 4) * 1.2, spaceAfter=2, textColor=self.accent,
                                         alignment=self.rng.choice([TA_LEFT, TA_RIGHT, TA_CENTER])),
        }

    # labels -------------------------------------------------------------------------------
    def label(self, text: str, *, colon: bool | None = None, case: str | None = None) -> str:
        """A label (written in sentence case by the caller) as this document prints it."""
        case = case or self.label_case
        if case == "upper":
            text = text.upper()
        elif case == "title":
            small = {"of", "the", "and", "for", "to", "a", "by", "or", "on", "in", "y", "a'r", "i"}
            words = text.split(" ")
            text = " ".join(w if (i and w in small) or not w[:1].islower() else w[:1].upper() + w[1:] for i, w in enumerate(words))
        if colon if colon is not None else self.colon:
            if not text.endswith(("?", ":")):
                text += ":"
        return text

    def heading_markup(self, text: str) -> str:
        t = esc(text.upper() if self.heading_kind == "caps" else text)
        if self.heading_kind == "underline":
            return f"<u>{t}</u>"
        if self.heading_kind == "bolditalic":
            return f"<i>{t}</i>"
        return t

    def box(self, checked: bool) -> str:
        """Markup for one tick box."""
        sym = symbol_font()
        if self.tick == "unicode":
            return f'<font name="{sym}">{"☒" if checked else "☐"}</font>'
        if self.tick == "square":
            return f'<font name="{sym}">{"■" if checked else "□"}</font>'
        if self.tick == "check":
            return f'<font name="{sym}">{"✓" if checked else "✗"}</font>'
        return "[X]" if checked else "[ ]"


def P(text: str, style: ParagraphStyle, *, markup: bool = False) -> Paragraph:
    return Paragraph(text if markup else esc(text), style)


# ---- page furniture and building -----------------------------------------------------------


@dataclass
class Furniture:
    header_left: str | None = None
    header_right: str | None = None
    footer_left: str | None = None
    footer_right: str | None = None
    page_numbers: str | None = None  # "Page {n} of {t}", "{n}", "- {n} -", "Page {n}"
    banner: str | None = None  # a protective marking printed on every page
    banner_pos: str = "both"  # "top", "bottom", "both"
    banner_boxed: bool = False
    skip_first_header: bool = False
    font: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    size: float = 8


def _canvas_class(furniture: Furniture, look: Look):
    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab's name)
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furnish(total)
                super().showPage()
            super().save()

        def _furnish(self, total: int) -> None:
            w, h = self._pagesize
            n = self._pageNumber
            f = furniture
            self.setFont(f.font, f.size)
            self.setFillColor(colors.HexColor("#444444"))
            top = h - look.margin_t / 2
            bottom = look.margin_b / 2
            if not (f.skip_first_header and n == 1):
                if f.header_left:
                    self.drawString(look.margin_l, top, f.header_left)
                if f.header_right:
                    self.drawRightString(w - look.margin_r, top, f.header_right)
            if f.footer_left:
                self.drawString(look.margin_l, bottom, f.footer_left)
            if f.footer_right:
                self.drawRightString(w - look.margin_r, bottom, f.footer_right)
            if f.page_numbers:
                text = f.page_numbers.format(n=n, t=total)
                if f.footer_right:
                    self.drawCentredString(w / 2, bottom, text)
                else:
                    self.drawRightString(w - look.margin_r, bottom, text)
            if f.banner:
                self.setFont(f.bold, 10)
                self.setFillColor(colors.black)
                spots = {"top": [h - look.margin_t / 2 + 9], "bottom": [bottom + 10], "both": [h - look.margin_t / 2 + 9, bottom + 10]}
                for y in spots[f.banner_pos]:
                    self.drawCentredString(w / 2, y - 3, f.banner)
                    if f.banner_boxed:
                        tw = self.stringWidth(f.banner, f.bold, 10)
                        self.rect(w / 2 - tw / 2 - 4, y - 6, tw + 8, 14)

    return NumberedCanvas


def build(story: list, look: Look, furniture: Furniture, *, templates: list[PageTemplate] | None = None) -> bytes:
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=look.pagesize, leftMargin=look.margin_l, rightMargin=look.margin_r,
                          topMargin=look.margin_t, bottomMargin=look.margin_b, title="", author="", invariant=1)
    if templates is None:
        frame = Frame(look.margin_l, look.margin_b, look.width, look.pagesize[1] - look.margin_t - look.margin_b, id="main",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate(id="plain", frames=[frame])]
    doc.addPageTemplates(templates)
    doc.build(story, canvasmaker=_canvas_class(furniture, look))
    return buf.getvalue()


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(pdf))


# ---- the scanned variant --------------------------------------------------------------------


def scan(pdf: bytes, rng: random.Random) -> bytes:
    """An image-only copy: grey, slightly skewed, speckled, JPEG-compressed pages."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    dpi = rng.choice([150, 200, 200, 240, 300])
    quality = rng.randint(35, 75)
    angle = rng.uniform(-1.0, 1.0)
    seed = rng.randrange(2**32)
    gen = np.random.default_rng(seed)
    pages = []
    doc = pdfium.PdfDocument(pdf)
    for page in doc:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
        paper = rng.randint(228, 250)
        a = np.asarray(image, dtype=np.float32)
        a = a * (paper / 255.0)  # grey paper
        image = Image.fromarray(a.clip(0, 255).astype(np.uint8))
        image = image.rotate(angle + rng.uniform(-0.15, 0.15), resample=Image.BILINEAR, fillcolor=paper, expand=False)
        if rng.random() < 0.5:
            image = image.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.3, 0.8)))
        a = np.asarray(image, dtype=np.float32)
        a += gen.normal(0, rng.uniform(4, 12), a.shape)
        specks = gen.random(a.shape) < rng.uniform(0.0002, 0.0012)
        a[specks] = gen.uniform(0, 90, int(specks.sum()))
        image = Image.fromarray(a.clip(0, 255).astype(np.uint8), "L")
        jpeg = io.BytesIO()
        image.save(jpeg, "JPEG", quality=quality)
        jpeg.seek(0)
        pages.append(Image.open(jpeg).convert("L"))
    doc.close()
    out = io.BytesIO()
    fixed = time.gmtime(946684800)  # 1 January 2000: the same seed gives the same bytes
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=dpi, creationDate=fixed, modDate=fixed)
    return out.getvalue()


Maker = Callable[[random.Random, str, bool], tuple[bytes, dict]]
"""A generator's document maker: (rng, family, scanned) -> (PDF bytes, truth)."""


def write_corpus(make: Maker, prefix: str, out_dir: Path, seed: int, count: int, scanned_share: float,
                 families: list[str]) -> list[Path]:
    """Write ``<prefix>_<seed>_<i>.pdf`` and its ``.truth.json``, families dealt round-robin; document
    ``i`` of a seed is the same whatever else is written (its own ``Random``)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        family = families[i % len(families)]
        pdf, truth = make(rng, family, rng.random() < scanned_share)
        path = out_dir / f"{prefix}_{seed}_{i}.pdf"
        path.write_bytes(pdf)
        path.with_suffix(".truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def corpus_main(argv: list[str] | None, description: str, families: list[str], write, noun: str) -> int:
    """The command line of a PDF generator: ``OUT_DIR [--seed N] [--count N] [--scanned S] [--family F]``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=len(families))
    parser.add_argument("--scanned", type=float, default=0.0, help=f"share of scanned (image-only) {noun}, 0-1")
    parser.add_argument("--family", action="append", choices=families, help="only this family (repeatable)")
    args = parser.parse_args(argv)
    paths = write(args.out_dir, args.seed, args.count, args.scanned, args.family)
    print(f"wrote {len(paths)} {noun} to {args.out_dir}")
    return 0
