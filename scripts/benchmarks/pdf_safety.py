"""PDF safety: what refusing a hostile PDF costs, and what the safety steps add to an ordinary one.

* a 200,000-page PDF, refused by ``opcc extract``: seconds and peak memory of the process;
* the object walk (``ingest.pdf_safety.inspect_pdf``), the page-object pass that finds hidden
  text (``ingest.pdf_objects.page_objects``) and the clean copy (``ingest.pdf_clean.clean_copy``),
  per file and per page, over the sample and fixture PDFs.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this worktree's code, not the installed copy


def _refusal(pages: int) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    import hostile_pdfs

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.pdf"
        path.write_bytes(hostile_pdfs.many_pages(pages))
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "opcc.cli", "extract", str(path)], cwd=ROOT,
                                capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"pages": pages, "exit": result.returncode,
            "message": result.stderr.strip().split(": ", 2)[-1], "seconds": round(seconds, 2),
            "peak_mb": round(max(peak, before) / 1024)}


def _per_file() -> dict:
    import pypdfium2 as pdfium

    from ingest.pdf_clean import NotCleanable, clean_copy
    from ingest.pdf_objects import page_objects
    from ingest.pdf_safety import inspect_pdf

    files = sorted({*ROOT.glob("samples/**/*.pdf"), *ROOT.glob("tests/fixtures/decisions/*.pdf"),
                    *ROOT.glob("tests/fixtures/expenditure/*.pdf")})
    walk = objects = clean = 0.0
    pages = cleaned = 0
    for path in files:
        data = path.read_bytes()
        started = time.perf_counter()
        inspect_pdf(data)
        walk += time.perf_counter() - started
        pdf = pdfium.PdfDocument(data)
        started = time.perf_counter()
        for index in range(len(pdf)):
            page_objects(pdf[index], index + 1)
        objects += time.perf_counter() - started
        pages += len(pdf)
        pdf.close()
        started = time.perf_counter()
        try:
            clean_copy(data)
            cleaned += 1
        except NotCleanable:
            pass
        clean += time.perf_counter() - started
    return {"files": len(files), "pages": pages, "cleaned": cleaned,
            "object_walk_ms_per_file": round(walk / len(files) * 1000, 1),
            "hidden_text_ms_per_page": round(objects / pages * 1000, 2),
            "clean_copy_ms_per_file": round(clean / len(files) * 1000, 1)}


def run(corpus: Path | None) -> dict:
    return {"refusal": _refusal(200_000), "per_file": _per_file()}
