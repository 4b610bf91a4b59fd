"""Text PDFs: opcc extract vs raw pdfplumber extract_text vs raw pypdfium2 text, 1 and 2 processes."""

from __future__ import annotations

import json
import os
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def opcc_extract(path: Path) -> int:
    from ingest.extract import extract

    extract(path)
    return 1


def raw_pdfplumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()
    return 1


def raw_pypdfium2(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
    return 1


def _rate(fn, files: list[Path], pages: int, workers: int) -> float:
    start = time.perf_counter()
    if workers == 1:
        for path in files:
            fn(path)
    else:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(fn, files, chunksize=2))
    return round(pages / (time.perf_counter() - start), 1)


def text_pdfs(corpus: Path | None) -> list[Path]:
    """Born-digital decision notices and panel papers (scans are the OCR section's)."""
    folders = [corpus / "decisions", corpus / "panel_reports"] if corpus else [SAMPLES / "decisions", SAMPLES / "panel_reports"]
    files = []
    for folder in folders:
        for pdf in sorted(folder.glob("*.pdf")):
            truth = pdf.with_suffix(".truth.json")
            if truth.exists() and not json.loads(truth.read_text()).get("scanned"):
                files.append(pdf)
    return files


def run(corpus: Path | None) -> dict:
    files = text_pdfs(corpus)
    pages = sum(_pages(p) for p in files)
    result = {"files": len(files), "pages": pages}
    for name, fn in [("opcc_extract", opcc_extract), ("pdfplumber_extract_text", raw_pdfplumber),
                     ("pypdfium2_text", raw_pypdfium2)]:
        for workers in (1, min(2, os.cpu_count() or 1)):
            result[f"{name}_pages_per_s_{workers}p"] = _rate(fn, files, pages, workers)
    result["peak_rss_mib_this_process"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result
