"""OCR for scanned pages: Tesseract over pages rendered by pypdfium2, cached by the source's SHA-256.

:func:`ingest.pdf.read_pdf` calls :func:`ocr_pages` for the pages that have no
usable text layer. Each page goes through these steps, one function each:

1. :func:`native_dpi` - the resolution the page was scanned at (the largest
   image's pixels over its size in points), clamped by the dpi policy below;
2. :func:`render_page` - the page as a greyscale image at that resolution, and its
   :func:`ink` (the dark pixels), from which the next two steps are read;
3. :func:`measure_skew` - the page's tilt (a projection profile over the ink);
4. :func:`ink_bounds` - the part of the page with writing on it: Tesseract is given only
   that, since its time grows with the pixels it is given;
5. :func:`run_tesseract` - Tesseract's TSV output (word boxes and confidences), a few
   pages to a Tesseract run, since each run first loads the language model;
6. :func:`tsv_lines` - words, and check boxes found in the ink, placed on the straightened
   page by a :class:`Frame` and grouped into :class:`~ingest.pdf.Line` objects in PDF
   points, top-left origin, so the parsers read OCR'd and born-digital pages alike.

Why this way (measured in ``scripts/benchmarks/ocr.py`` and docs/reference pdf.md 3.6):
pytesseract at the scan's native resolution, psm 3, one single-threaded
Tesseract process per core (each driven by a thread of this process) is as
accurate as OCRmyPDF and faster, and needs neither Ghostscript nor a PDF round trip.
The page images go to Tesseract as uncompressed PGM files: PNG encoding
(pytesseract's default for an in-memory image) costs a third as much again as the OCR
itself. Black and white images (Otsu's threshold) were read a fifth faster, but
Tesseract reads a poor scan better from the grey, so they are not used. A tilted
page is straightened in its coordinates, not its pixels: Tesseract follows a tilted
text line by itself, but the parsers pair a label with the value beside it by height
on the page. Rotating the image instead cost a tenth as much again as the OCR (the
rotation, and Tesseract reading the smoothed edges it leaves), and read this corpus's
ruled forms worse, not better.

Results are cached as JSON under ``$OPCC_CACHE`` (default ``.cache/ocr``), keyed by
the file's SHA-256, the page index and :data:`SETTINGS`, so a re-ingest or a
rebuild never OCRs the same page twice.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from PIL import Image

from opcc.core.files import atomic_write_text
from opcc.core.text import normalise

from .errors import RefusedInput
from .ocr_boxes import find_boxes, place_boxes
from .ocr_lines import assemble_lines
from .ocr_words import repair_words
from .pdf import Line, Word

# --- settings: any change here changes the cache key, so old results are not reused ---

LANGUAGE = "eng"
PSM = 3  # fully automatic layout; psm 6 lost 12 points on amounts (reference 3.6)
MIN_NATIVE_DPI = 150  # scans below this (faxes, downsampled copies) are upsampled ...
LOW_RES_DPI = 200  # ... to this: on the 72 dpi Tower Hamlets scan 150-300 dpi read alike, 400 worse
MAX_DPI = 400  # above this OCR gets slower, not better
NO_IMAGE_DPI = 300  # pages without an image (outlined or undecodable text) are rendered at this
MAX_SKEW_DEGREES = 3.0  # scans are placed by hand or feeder: more than this is not skew but rotation
SKEW_STEP_DEGREES = 0.1
SKEW_SAMPLE_WIDTH = 800  # skew is measured on every n-th pixel; 0.1 degree is 1.4 px over 800 px
DARK = 128  # grey level below which a pixel counts as ink
MARGIN_INCHES = 0.1  # white left round the writing: Tesseract finds no text touching the image's edge
SPECK = 3  # a row or column with fewer ink pixels than this holds dust, not writing
BORDER = 0.5  # a row or column more than this share ink is a scanner's dark border, not writing
BATCH_PAGES = 4  # pages per Tesseract run: loading the language model costs 0.05 s a run
CACHE_FORMAT = 9  # raise on any change to what is stored, or to how boxes are found or words repaired

SETTINGS = {
    "format": CACHE_FORMAT,
    "language": LANGUAGE,
    "psm": PSM,
    "dpi": [MIN_NATIVE_DPI, LOW_RES_DPI, MAX_DPI, NO_IMAGE_DPI],
    "skew": [MAX_SKEW_DEGREES, SKEW_STEP_DEGREES, SKEW_SAMPLE_WIDTH],
    "crop": [DARK, MARGIN_INCHES, SPECK, BORDER],
}
SETTINGS_KEY = hashlib.sha256(json.dumps(SETTINGS, sort_keys=True).encode()).hexdigest()[:12]

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-eng"


def processes() -> int:
    """Tesseract processes to run at once: one per core (``OPCC_OCR_PROCESSES`` overrides)."""
    return max(1, int(os.environ.get("OPCC_OCR_PROCESSES") or os.cpu_count() or 1))


def cache_dir() -> Path:
    return Path(os.environ.get("OPCC_CACHE") or Path.cwd() / ".cache" / "ocr")


class OcrUnavailable(RefusedInput):
    """A page needs OCR and Tesseract (or its English data) is not installed."""


@dataclass(frozen=True)
class PageJob:
    """One page to OCR: a plain value, hashable, so a batch of documents can be one list of jobs."""

    path: str
    sha256: str
    index: int  # 0-based

    @property
    def cache_file(self) -> Path:
        return cache_dir() / self.sha256[:2] / self.sha256 / f"p{self.index:04d}-{SETTINGS_KEY}.json"


# --- public entry points ---


def ocr_pages(path: Path, sha256: str, page_indices: Iterable[int]) -> dict[int, list[Line]]:
    """OCR the given pages (0-based) of one PDF: page index -> lines. Cached pages are not OCR'd again."""
    jobs = [PageJob(str(path), sha256, index) for index in page_indices]
    return {job.index: lines for job, lines in run_jobs(jobs).items()}


def run_jobs(jobs: list[PageJob]) -> dict[PageJob, list[Line]]:
    """OCR pages of any number of documents, one Tesseract per core, reading and filling the cache.

    Raises :class:`OcrUnavailable` naming the first page that is not cached when Tesseract is missing.
    """
    results: dict[PageJob, list[Line]] = {}
    missing: list[PageJob] = []
    for job in jobs:
        cached = load_cached(job)
        if cached is None:
            missing.append(job)
        else:
            results[job] = cached
    if missing:
        require_tesseract(missing[0].index + 1)
        batches = batched(missing, processes())
        with ThreadPoolExecutor(max_workers=min(processes(), len(batches)), thread_name_prefix="ocr") as pool:
            for batch, lines in zip(batches, pool.map(ocr_and_cache, batches), strict=True):
                results.update(zip(batch, lines, strict=True))
    return results


def batched(jobs: list[PageJob], workers: int) -> list[list[PageJob]]:
    """The jobs in runs of about :data:`BATCH_PAGES`, and at least one run per worker while pages last."""
    count = max(math.ceil(len(jobs) / BATCH_PAGES), min(workers, len(jobs)))
    size, extra = divmod(len(jobs), count)
    runs, start = [], 0
    for number in range(count):
        end = start + size + (number < extra)
        runs.append(jobs[start:end])
        start = end
    return runs


def ocr_and_cache(batch: list[PageJob]) -> list[list[Line]]:
    """OCR a few pages with one Tesseract run and store each at once, so an interrupted ingest keeps what it did."""
    started = time.perf_counter()
    pages = [prepare_page(job) for job in batch]
    tsvs = run_tesseract([page.image for page in pages])
    seconds = (time.perf_counter() - started) / len(batch)
    results = []
    for job, page, tsv in zip(batch, pages, tsvs, strict=True):
        payload = page.payload(tsv, job.index + 1, seconds)
        atomic_write_text(job.cache_file, json.dumps(payload, ensure_ascii=False))
        results.append(lines_from_json(payload["lines"], job.index + 1))
    return results


def require_tesseract(page_number: int) -> None:
    """Fail with the missing tool named, never with an empty page."""
    try:
        pytesseract.get_tesseract_version()
        languages = pytesseract.get_languages()
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise OcrUnavailable(
            f"page {page_number} is a scanned image and Tesseract is not installed ({INSTALL_HINT})"
        ) from exc
    if LANGUAGE not in languages:
        raise OcrUnavailable(
            f"page {page_number} is a scanned image and Tesseract has no English language data ({INSTALL_HINT})"
        )


def load_cached(job: PageJob) -> list[Line] | None:
    try:
        payload = json.loads(job.cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # absent or unreadable: OCR again and overwrite
    return lines_from_json(payload["lines"], job.index + 1)


# --- parallelism: threads, each driving one Tesseract process ---
#
# Tesseract runs as a child process, so a thread per core waiting on it keeps every core
# busy while the Python steps (render, skew, TSV) interleave. A process pool was tried and
# dropped: forked workers deadlock when the caller is itself a worker process with threads
# (scripts/evaluate.py), and spawned ones re-import the caller's main module.

_PDFIUM = threading.Lock()  # pypdfium2 is not thread-safe: one document operation at a time


# --- one page ---


@dataclass
class PreparedPage:
    """A page ready for Tesseract: the part of its image with writing on it, and where that lies on the page."""

    image: Image.Image
    dark: np.ndarray  # the image's ink
    frame: Frame
    dpi: int
    size_points: tuple[float, float]

    def payload(self, tsv: str, number: int, seconds: float) -> dict:
        """The JSON-ready result that is cached: the page's lines and how they were read."""
        lines = tsv_lines(tsv, number, self.frame, self.dark)
        return {
            "settings": SETTINGS,
            "dpi": self.dpi,
            "skew_degrees": round(self.frame.skew, 2),
            "size_points": list(self.size_points),
            "seconds": round(seconds, 3),
            "lines": lines_to_json(lines),
        }


def prepare_page(job: PageJob) -> PreparedPage:
    """Render the page, measure its tilt and crop it to its writing."""
    with _PDFIUM:
        pdf = pdfium.PdfDocument(job.path)
        try:
            page = pdf[job.index]
            try:
                dpi = ocr_dpi(native_dpi(page))
                image = render_page(page, dpi)
                size_points = (page.get_width(), page.get_height())
            finally:
                page.close()
        finally:
            pdf.close()
    dark = ink(image)
    skew = measure_skew(dark)
    left, top, right, bottom = ink_bounds(dark, margin=round(dpi * MARGIN_INCHES))
    frame = Frame(size_points[0] / image.width, left, top, skew, (image.width / 2, image.height / 2))
    return PreparedPage(image.crop((left, top, right, bottom)), dark[top:bottom, left:right], frame, dpi, size_points)


def native_dpi(page: pdfium.PdfPage) -> float | None:
    """Pixels per inch of the largest image on the page, or ``None`` when it has no image."""
    best_area, best_dpi = 0.0, None
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        area = (right - left) * (top - bottom)
        px_width, px_height = obj.get_px_size()
        if area > best_area and px_width and px_height:
            # geometric mean of both axes, so a rotated image placement still gives its resolution
            best_area, best_dpi = area, 72 * ((px_width * px_height) / area) ** 0.5
    return best_dpi


def ocr_dpi(native: float | None) -> int:
    """The dpi policy: the scan's own resolution, upsampled when too coarse, capped when needlessly fine."""
    if native is None:
        return NO_IMAGE_DPI
    if native < MIN_NATIVE_DPI:
        return LOW_RES_DPI
    return round(min(native, MAX_DPI))


def render_page(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    """The page as an 8-bit greyscale image (forms and annotations drawn, as a reader would see them)."""
    bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=True)
    return bitmap.to_pil().convert("L")


def ink(image: Image.Image) -> np.ndarray:
    """The page's dark pixels, as a boolean array (rows, columns)."""
    return np.asarray(image) < DARK


def measure_skew(dark: np.ndarray) -> float:
    """The page's tilt in degrees (positive: lines run down to the right), from a projection profile.

    Text lines are straightest when the row histogram of ink is peakiest, so try each
    angle by shearing the ink pixels' rows and keep the angle with the largest sum of
    squared row counts.
    """
    step = max(1, dark.shape[1] // SKEW_SAMPLE_WIDTH)
    ys, xs = np.nonzero(dark[::step, ::step])
    if len(ys) < 1000:
        return 0.0  # too little ink to judge
    angles = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + SKEW_STEP_DEGREES / 2, SKEW_STEP_DEGREES)
    offset = dark.shape[1] / step * np.tan(np.radians(MAX_SKEW_DEGREES)) + 1
    scores = []
    for angle in angles:
        rows = (ys - xs * np.tan(np.radians(angle)) + offset).astype(np.int64)
        counts = np.bincount(rows)
        scores.append(float(np.dot(counts, counts)))
    return float(angles[int(np.argmax(scores))])


def ink_bounds(dark: np.ndarray, margin: int) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) in pixels of the writing on the page, with ``margin`` round it.

    Columns are found first, then rows between them, so a scanner's dark border down one
    side (a column nearly all ink, which every row would otherwise count) is left out.
    A page with no writing keeps its whole area.
    """
    height, width = dark.shape
    columns = _writing(np.count_nonzero(dark, axis=0), height)
    if not len(columns):
        return 0, 0, width, height
    left, right = int(columns[0]), int(columns[-1]) + 1
    rows = _writing(np.count_nonzero(dark[:, left:right], axis=1), right - left)
    if not len(rows):
        return 0, 0, width, height
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    return max(0, left - margin), max(0, top - margin), min(width, right + margin), min(height, bottom + margin)


def _writing(counts: np.ndarray, length: int) -> np.ndarray:
    """Indices of the rows or columns (``counts`` ink pixels of ``length``) that hold writing."""
    return np.nonzero((counts >= SPECK) & (counts <= BORDER * length))[0]


@dataclass(frozen=True)
class Frame:
    """Where a box of the image Tesseract read lies on the straightened page, in PDF points.

    The image is the rendered page cropped at (``left``, ``top``); the page is tilted by
    ``skew`` degrees, so a box's centre is turned back about the page's ``centre`` (pixels)
    and the box keeps its size.
    """

    scale: float  # points per pixel
    left: int
    top: int
    skew: float
    centre: tuple[float, float]

    def word(self, text: str, left: float, top: float, right: float, bottom: float, confidence: float) -> Word:
        angle = math.radians(self.skew)
        dx = self.left + (left + right) / 2 - self.centre[0]
        dy = self.top + (top + bottom) / 2 - self.centre[1]
        # the same turn as PIL's rotate(skew): counter-clockwise on screen, with y pointing down
        x = self.centre[0] + dx * math.cos(angle) + dy * math.sin(angle)
        y = self.centre[1] - dx * math.sin(angle) + dy * math.cos(angle)
        half_width, half_height = (right - left) / 2, (bottom - top) / 2
        return Word(
            text,
            x0=round((x - half_width) * self.scale, 2),
            x1=round((x + half_width) * self.scale, 2),
            top=round((y - half_height) * self.scale, 2),
            bottom=round((y + half_height) * self.scale, 2),
            confidence=confidence,
        )


def run_tesseract(images: list[Image.Image]) -> list[str]:
    """Tesseract's TSV for each image, from one Tesseract run over PGM files (no compression to pay for)."""
    # Tesseract's own OpenMP threads gave 3 % for 48 % more CPU: parallelism comes from one
    # single-threaded Tesseract per core. pytesseract passes os.environ to the child.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory(prefix="opcc-ocr-") as folder:
        names = []
        for number, image in enumerate(images, start=1):
            names.append(str(Path(folder) / f"page-{number:04d}.pgm"))
            image.save(names[-1])
        listing = Path(folder) / "pages.txt"  # Tesseract reads a file of image names as one document
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        tsv = pytesseract.image_to_data(str(listing), lang=LANGUAGE, config=f"--psm {PSM}")
    header, *rows = tsv.splitlines()
    pages: list[list[str]] = [[header] for _ in images]
    for row in rows:
        fields = row.split("\t", 2)
        if len(fields) > 2 and fields[1].isdigit():
            pages[int(fields[1]) - 1].append(row)  # page_num counts the images from 1
    return ["\n".join(page) for page in pages]


def tsv_lines(tsv: str, number: int, frame: Frame, dark: np.ndarray | None = None) -> list[Line]:
    """Tesseract words as lines on the straightened page (PDF points), top to bottom.

    Tesseract's own lines (block/paragraph/line numbers) are the runs of words; the check
    boxes found in the image's ink ``dark`` join them (:mod:`ingest.ocr_boxes`);
    :func:`~ingest.ocr_lines.assemble_lines` joins runs on one line (a form's label and its
    value are often two Tesseract blocks); then :func:`~ingest.ocr_words.repair_words`
    mends split words and the pronoun I read as ``|``.
    """
    runs = tsv_runs(tsv, frame)
    if dark is not None and runs:
        text_height = statistics.median(w.bottom - w.top for run in runs for w in run) / frame.scale
        runs = place_boxes(runs, find_boxes(dark, text_height), frame.word)
    lines = assemble_lines(runs, number)
    for line in lines:
        line.words = repair_words(line.words)
        line.text = " ".join(w.text for w in line.words)
    return lines


def tsv_runs(tsv: str, frame: Frame) -> list[list[Word]]:
    """Tesseract's words, on the page, one list per Tesseract line."""
    runs: dict[tuple[str, str, str], list[Word]] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue  # level 5 rows are words; the others are page/block/paragraph/line boxes
        text = normalise(fields[11])
        if not text:
            continue
        left, top, width, height = (int(value) for value in fields[6:10])
        word = frame.word(text, left, top, left + width, top + height, round(float(fields[10]), 1))
        runs.setdefault((fields[2], fields[3], fields[4]), []).append(word)
    return list(runs.values())


# --- cache (de)serialisation: compact lists, words keep their confidence ---


def lines_to_json(lines: list[Line]) -> list:
    return [
        [
            line.text,
            line.top,
            line.bottom,
            line.x0,
            line.x1,
            [[w.text, w.x0, w.x1, w.top, w.bottom, w.confidence] for w in line.words],
        ]
        for line in lines
    ]


def lines_from_json(rows: list, number: int) -> list[Line]:
    return [
        Line(text, number, top, bottom, x0, x1, [Word(*word) for word in words])
        for text, top, bottom, x0, x1, words in rows
    ]
