"""OCR for scanned pages: Tesseract over pages rendered by pypdfium2, cached by the source's SHA-256.

:func:`ingest.pdf.read_pdf` calls :func:`ocr_pages` for the pages that have no
usable text layer. Each page goes through these steps, one function each:

1. :func:`native_dpi` - the resolution the page was scanned at (the largest
   image's pixels over its size in points), clamped by the dpi policy below;
2. :func:`render_page` - the page as a greyscale image at that resolution;
3. :func:`measure_skew` / :func:`deskew` - straighten the page when it is
   tilted (a projection profile over the dark pixels);
4. :func:`run_tesseract` - Tesseract's TSV output (word boxes and confidences);
5. :func:`tsv_lines` - words, and check boxes found in the image, grouped into
   :class:`~ingest.pdf.Line` objects in PDF points, top-left origin, so the parsers
   read OCR'd and born-digital pages alike.

Why this way (measured in ``scripts/benchmarks/ocr.py`` and docs/reference pdf.md 3.6):
pytesseract at the scan's native resolution, psm 3, one single-threaded
Tesseract process per core (each driven by a thread of this process) is as
accurate as OCRmyPDF and faster, and needs neither Ghostscript nor a PDF round trip. The page image goes to Tesseract as an uncompressed PGM file:
PNG encoding (pytesseract's default for an in-memory image) costs a third as
much again as the OCR itself.

Results are cached as JSON under ``$OPCC_CACHE`` (default ``.cache/ocr``), keyed by
the file's SHA-256, the page index and :data:`SETTINGS`, so a re-ingest or a
rebuild never OCRs the same page twice.
"""

from __future__ import annotations

import hashlib
import json
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

from opcc.files import atomic_write_text

from .errors import RefusedInput
from .ocr_boxes import find_boxes, place_boxes
from .ocr_lines import assemble_lines
from .ocr_words import repair_words
from .pdf import Line, Word
from .text import normalise

# --- settings: any change here changes the cache key, so old results are not reused ---

LANGUAGE = "eng"
PSM = 3  # fully automatic layout; psm 6 lost 12 points on amounts (reference 3.6)
MIN_NATIVE_DPI = 150  # scans below this (faxes, downsampled copies) are upsampled ...
LOW_RES_DPI = 200  # ... to this: on the 72 dpi Tower Hamlets scan 150-300 dpi read alike, 400 worse
MAX_DPI = 400  # above this OCR gets slower, not better
NO_IMAGE_DPI = 300  # pages without an image (outlined or undecodable text) are rendered at this
MAX_SKEW_DEGREES = 3.0  # scans are placed by hand or feeder: more than this is not skew but rotation
SKEW_STEP_DEGREES = 0.1
DESKEW_MIN_DEGREES = 0.25  # below this Tesseract's own line finding copes and rotating costs time
SKEW_SAMPLE_WIDTH = 800  # skew is measured on a reduced copy; 0.1 degree is 1.4 px over 800 px
DARK = 128  # grey level below which a pixel counts as ink when measuring skew
CACHE_FORMAT = 8  # raise on any change to what is stored, or to how boxes are found or words repaired

SETTINGS = {
    "format": CACHE_FORMAT,
    "language": LANGUAGE,
    "psm": PSM,
    "dpi": [MIN_NATIVE_DPI, LOW_RES_DPI, MAX_DPI, NO_IMAGE_DPI],
    "deskew": [MAX_SKEW_DEGREES, SKEW_STEP_DEGREES, DESKEW_MIN_DEGREES],
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
        with ThreadPoolExecutor(max_workers=min(processes(), len(missing)), thread_name_prefix="ocr") as pool:
            results.update(zip(missing, pool.map(ocr_and_cache, missing), strict=True))
    return results


def ocr_and_cache(job: PageJob) -> list[Line]:
    """OCR one page and store the result at once, so an interrupted batch keeps what it did."""
    payload = ocr_page_job(job)
    atomic_write_text(job.cache_file, json.dumps(payload, ensure_ascii=False))
    return lines_from_json(payload["lines"], job.index + 1)


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


def ocr_page_job(job: PageJob) -> dict:
    """Render, deskew and OCR one page; the JSON-ready payload that is cached."""
    started = time.perf_counter()
    with _PDFIUM:
        pdf = pdfium.PdfDocument(job.path)
        try:
            page = pdf[job.index]
            try:
                dpi = ocr_dpi(native_dpi(page))
                image = render_page(page, dpi)
                width_pt, height_pt = page.get_width(), page.get_height()
            finally:
                page.close()
        finally:
            pdf.close()
    skew = measure_skew(image)
    image = deskew(image, skew)
    tsv = run_tesseract(image)
    lines = tsv_lines(tsv, job.index + 1, scale=width_pt / image.width, image=image)
    return {
        "settings": SETTINGS,
        "dpi": dpi,
        "skew_degrees": round(skew, 2),
        "size_points": [width_pt, height_pt],
        "seconds": round(time.perf_counter() - started, 3),
        "lines": lines_to_json(lines),
    }


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


def measure_skew(image: Image.Image) -> float:
    """The page's tilt in degrees (positive: lines run down to the right), from a projection profile.

    Text lines are straightest when the row histogram of ink is peakiest, so try each
    angle by shearing the ink pixels' rows and keep the angle with the largest sum of
    squared row counts.
    """
    factor = max(1, image.width // SKEW_SAMPLE_WIDTH)
    small = np.asarray(image.reduce(factor))
    ys, xs = np.nonzero(small < DARK)
    if len(ys) < 1000:
        return 0.0  # too little ink to judge
    angles = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + SKEW_STEP_DEGREES / 2, SKEW_STEP_DEGREES)
    offset = small.shape[1] * np.tan(np.radians(MAX_SKEW_DEGREES)) + 1
    scores = []
    for angle in angles:
        rows = (ys - xs * np.tan(np.radians(angle)) + offset).astype(np.int64)
        counts = np.bincount(rows)
        scores.append(float(np.dot(counts, counts)))
    return float(angles[int(np.argmax(scores))])


def deskew(image: Image.Image, skew: float) -> Image.Image:
    """Rotate a tilted page straight (same canvas, white corners); small tilts are left alone."""
    if abs(skew) < DESKEW_MIN_DEGREES:
        return image
    return image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255)


def run_tesseract(image: Image.Image) -> str:
    """Tesseract's TSV for the image, passed as a PGM file (no compression to pay for)."""
    # Tesseract's own OpenMP threads gave 3 % for 48 % more CPU: parallelism comes from one
    # single-threaded Tesseract per core. pytesseract passes os.environ to the child.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory(prefix="opcc-ocr-") as folder:
        source = Path(folder) / "page.pgm"
        image.save(source)
        return pytesseract.image_to_data(str(source), lang=LANGUAGE, config=f"--psm {PSM}")


def tsv_lines(tsv: str, number: int, *, scale: float, image: Image.Image | None = None) -> list[Line]:
    """Tesseract words as lines in PDF points (``scale`` points per pixel), top to bottom.

    Tesseract's own lines (block/paragraph/line numbers) are the runs of words; the check
    boxes found in the page ``image`` join them (:mod:`ingest.ocr_boxes`);
    :func:`~ingest.ocr_lines.assemble_lines` joins runs on one line (a form's label and its
    value are often two Tesseract blocks); then :func:`~ingest.ocr_words.repair_words`
    mends split words and the pronoun I read as ``|``.
    """
    runs = tsv_runs(tsv, scale)
    if image is not None and runs:
        text_height = statistics.median(w.bottom - w.top for run in runs for w in run) / scale
        runs = place_boxes(runs, find_boxes(image, text_height), scale)
    lines = assemble_lines(runs, number)
    for line in lines:
        line.words = repair_words(line.words)
        line.text = " ".join(w.text for w in line.words)
    return lines


def tsv_runs(tsv: str, scale: float) -> list[list[Word]]:
    """Tesseract's words, in points, one list per Tesseract line."""
    runs: dict[tuple[str, str, str], list[Word]] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5":
            continue  # level 5 rows are words; the others are page/block/paragraph/line boxes
        text = normalise(fields[11])
        if not text:
            continue
        left, top, width, height = (int(value) for value in fields[6:10])
        word = Word(
            text,
            x0=round(left * scale, 2),
            x1=round((left + width) * scale, 2),
            top=round(top * scale, 2),
            bottom=round((top + height) * scale, 2),
            confidence=round(float(fields[10]), 1),
        )
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
