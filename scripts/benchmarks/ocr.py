"""Scanned pages: opcc OCR (1 and 2 processes) vs the raw tesseract CLI, cache re-runs, accuracy, settings.

    scripts/bench.py ocr [--corpus DIR]      or      .venv/bin/python scripts/benchmarks/ocr.py [CORPUS]

Sections of the result:

* ``throughput`` - pages/s through :func:`ingest.ocr.run_jobs` (render, skew, crop,
  Tesseract, check boxes, lines, cache write) with one Tesseract process and with two,
  beside the raw ``tesseract`` CLI on the same page images at the same resolution, two
  at a time, and OCRmyPDF ``--jobs 2`` when it is installed;
* ``rerun`` - a second ``read_pdf`` over the same files: seconds and Tesseract calls (0);
* ``accuracy`` - OCR text against the born-digital twin (difflib ratio) and, for every
  scanned document, how much of its truth (reference, title, narrative fields) the text holds;
* ``settings`` - accuracy and seconds per page for other dpi / psm / straightening choices.

Timings on a shared 2-vCPU machine vary by about 20%: compare figures from one run.
"""

from __future__ import annotations

import difflib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURE_SCAN = ROOT / "tests" / "fixtures" / "scanned" / "kent_rod_scan_p1.pdf"
FIXTURE_TWIN = ROOT / "tests" / "fixtures" / "scanned" / "kent_rod_p1.pdf"
TWINS = {"decisions/seed_000_kent_rod_scan.pdf": "decisions/seed_000_kent_rod.pdf"}
NARRATIVE = ("summary", "recommendation", "decision")


def run(corpus: Path | None) -> dict:
    scans = scanned_files(corpus)
    twins = (
        {corpus / scan: corpus / twin for scan, twin in TWINS.items()}
        if corpus
        else {FIXTURE_SCAN: FIXTURE_TWIN}
    )
    with fresh_cache():
        result = {"files": len(scans), "pages": len(page_jobs(scans)), "throughput": throughput(scans)}
        result["rerun"] = rerun(scans)
        result["accuracy"] = accuracy(scans, twins, corpus)
    result["settings"] = settings(list(twins.items())[0])
    return result


def scanned_files(corpus: Path | None) -> list[Path]:
    """The corpus's scanned documents (``"scanned": true`` in their truth), or the test fixture."""
    if corpus is None:
        return [FIXTURE_SCAN]
    found = []
    for truth in sorted(corpus.glob("*/*.truth.json")):
        if json.loads(truth.read_text()).get("scanned"):
            found.append(truth.with_name(truth.name.replace(".truth.json", ".pdf")))
    return found


def page_jobs(files: list[Path]):
    from ingest.ocr import PageJob
    from ingest.sources import sha256_file

    jobs = []
    for path in files:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        jobs += [PageJob(str(path), sha256_file(path), index) for index in range(len(pdf))]
        pdf.close()
    return jobs


@contextmanager
def fresh_cache():
    """An empty OCR cache for the run, so every page is OCR'd once."""
    previous = os.environ.get("OPCC_CACHE")
    with tempfile.TemporaryDirectory(prefix="opcc-bench-ocr-") as folder:
        os.environ["OPCC_CACHE"] = folder
        try:
            yield Path(folder)
        finally:
            if previous is None:
                os.environ.pop("OPCC_CACHE")
            else:
                os.environ["OPCC_CACHE"] = previous


@contextmanager
def processes(count: int):
    previous = os.environ.get("OPCC_OCR_PROCESSES")
    os.environ["OPCC_OCR_PROCESSES"] = str(count)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("OPCC_OCR_PROCESSES")
        else:
            os.environ["OPCC_OCR_PROCESSES"] = previous


# --- throughput ---


def throughput(files: list[Path]) -> dict:
    """Pages/s and CPU seconds per page, each beside the 1-minute load average before it.

    A load average over 2 means other work shared the two cores: the pages/s are then
    low and noisy, while CPU seconds per page (this process and its children: Tesseract)
    still compare the methods fairly.
    """
    jobs = page_jobs(files)
    figures: dict = {}
    for name, measure in (
        ("opcc_1_process", lambda: opcc_rate(jobs, 1)),
        ("opcc_2_processes", lambda: opcc_rate(jobs, 2)),
        ("raw_tesseract_2_processes", lambda: raw_rate(jobs, 2)),
        ("ocrmypdf_jobs_2", lambda: ocrmypdf_rate(files, len(jobs), 2)),
    ):
        load = round(os.getloadavg()[0], 2)
        figures[name] = {**measure(), "load_before": load}
    opcc, raw = figures["opcc_2_processes"], figures["raw_tesseract_2_processes"]
    figures["opcc_2_vs_raw_2_pages_per_s"] = round(opcc["pages_per_s"] / raw["pages_per_s"], 3)
    figures["opcc_vs_raw_cpu_per_page"] = round(raw["cpu_s_per_page"] / opcc["cpu_s_per_page"], 3)
    return figures


@contextmanager
def timed(pages: int, into: dict):
    """Pages/s and CPU seconds per page (this process and its finished children) of the block."""
    cpu, start = cpu_seconds(), time.perf_counter()
    yield
    into["pages_per_s"] = round(pages / (time.perf_counter() - start), 3)
    into["cpu_s_per_page"] = round((cpu_seconds() - cpu) / pages, 3)


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def opcc_rate(jobs, workers: int) -> dict:
    """run_jobs on an empty cache (each rate its own cache folder)."""
    from ingest import ocr

    result: dict = {}
    with fresh_cache(), processes(workers), timed(len(jobs), result):
        ocr.run_jobs(jobs)
    return result


def raw_rate(jobs, workers: int) -> dict:
    """``tesseract IMAGE - --psm 3 tsv`` on the rendered pages opcc starts from (same dpi, PNG files; rendering not timed).

    One Tesseract run per page, as a script would do it; opcc crops each page to its
    writing and gives Tesseract four pages a run, and that is the difference measured.
    """
    import pypdfium2 as pdfium

    from ingest import ocr

    with tempfile.TemporaryDirectory(prefix="opcc-bench-raw-") as folder:
        images = []
        for job in jobs:
            pdf = pdfium.PdfDocument(job.path)
            page = pdf[job.index]
            image_path = Path(folder) / f"{len(images):04d}.png"
            ocr.render_page(page, ocr.ocr_dpi(ocr.native_dpi(page))).save(image_path)
            images.append(image_path)
            page.close()
            pdf.close()
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

        def tesseract(image: Path) -> None:
            command = ["tesseract", str(image), "-", "--psm", str(ocr.PSM), "-l", ocr.LANGUAGE, "tsv"]
            subprocess.run(command, env=env, capture_output=True, check=True)

        result: dict = {}
        with timed(len(images), result), ThreadPoolExecutor(workers) as pool:
            list(pool.map(tesseract, images))
        return result


def ocrmypdf_rate(files: list[Path], pages: int, jobs: int) -> dict:
    """``ocrmypdf --jobs N`` (searchable PDF out, as the reference ran it), if it is installed.

    ``OCRMYPDF`` names the command (it is not a project dependency, e.g. a separate venv's).
    """
    command = os.environ.get("OCRMYPDF") or shutil.which("ocrmypdf")
    if not command:
        return {"pages_per_s": None, "cpu_s_per_page": None}
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="opcc-bench-ocrmypdf-") as folder, timed(pages, result):
        for path in files:
            options = ["--jobs", str(jobs), "--output-type", "pdf", "--optimize", "0", "--skip-text", "-q"]
            subprocess.run([command, *options, str(path), str(Path(folder) / path.name)], check=True)
    return result


# --- cache ---


def rerun(files: list[Path]) -> dict:
    """read_pdf over every file twice: the second pass must run Tesseract on no page."""
    from ingest import ocr
    from ingest.pdf import read_pdf

    calls = {"count": 0}
    real = ocr.run_tesseract

    def counted(images):
        calls["count"] += 1
        return real(images)

    ocr.run_tesseract = counted
    try:
        with processes(1):  # in-process, so every Tesseract call is counted
            timings = []
            for _ in range(2):
                calls["count"] = 0
                start = time.perf_counter()
                for path in files:
                    read_pdf(path)
                timings.append(
                    {"seconds": round(time.perf_counter() - start, 3), "tesseract_calls": calls["count"]}
                )
    finally:
        ocr.run_tesseract = real
    return {"first_pass_after_benchmark": timings[0], "second_pass": timings[1]}


# --- accuracy ---


def flat(text: str | None) -> str:
    return " ".join((text or "").split())


def accuracy(files: list[Path], twins: dict[Path, Path], corpus: Path | None) -> dict:
    from rapidfuzz import fuzz

    from ingest.pdf import read_pdf
    from opcc.core.text import comparable

    result: dict = {"twin_ratio": {}}
    for scan, twin in twins.items():
        ratio = difflib.SequenceMatcher(
            None, flat(read_pdf(scan).text), flat(read_pdf(twin).text), autojunk=False
        )
        result["twin_ratio"][scan.name] = round(ratio.ratio(), 4)
    if corpus is None:
        return result
    per_doc = {}
    for path in files:
        truth = json.loads(path.with_name(path.stem + ".truth.json").read_text())
        text = comparable(flat(read_pdf(path).text))
        row = {}
        for field in ("reference", "title"):
            if truth.get(field):
                row[field] = comparable(truth[field]) in text
        for field in NARRATIVE:
            if truth.get(field):
                row[field] = round(fuzz.partial_ratio(comparable(truth[field]), text) / 100, 3)
        if truth.get("canary"):
            row["canary_exact"] = comparable(truth["canary"]) in text
        per_doc[path.name] = row
    result["truth_in_text"] = per_doc
    narrative = [v for row in per_doc.values() for k, v in row.items() if k in NARRATIVE]
    exact = [v for row in per_doc.values() for k, v in row.items() if k in ("reference", "title")]
    result["reference_and_title_verbatim"] = f"{sum(exact)}/{len(exact)}"
    result["narrative_partial_ratio_mean"] = round(sum(narrative) / len(narrative), 4) if narrative else None
    return result


# --- settings ---

SETTINGS = {
    "chosen (native dpi, psm 3, straightened)": {},
    "not straightened": {"MAX_SKEW_DEGREES": 0.0},
    "psm 4": {"PSM": 4},
    "psm 6": {"PSM": 6},
    "300 dpi (upsampled)": {"ocr_dpi": lambda native: 300},
    "150 dpi (downsampled)": {"ocr_dpi": lambda native: 150},
}


def settings(pair: tuple[Path, Path]) -> dict:
    """Accuracy (difflib ratio against the twin) and seconds per page for each setting, one process."""
    from ingest import ocr
    from ingest.pdf import read_pdf

    scan, twin = pair
    truth = flat(read_pdf(twin).text)
    jobs = page_jobs([scan])
    result = {}
    for name, overrides in SETTINGS.items():
        saved = {key: getattr(ocr, key) for key in overrides}
        for key, value in overrides.items():
            setattr(ocr, key, value)
        try:
            with fresh_cache(), processes(1):
                start = time.perf_counter()
                pages = ocr.run_jobs(jobs)
                seconds = (time.perf_counter() - start) / len(jobs)
        finally:
            for key, value in saved.items():
                setattr(ocr, key, value)
        text = flat("\n".join(line.text for job in jobs for line in pages[job]))
        ratio = difflib.SequenceMatcher(None, text, truth, autojunk=False).ratio()
        result[name] = {"twin_ratio": round(ratio, 4), "seconds_per_page": round(seconds, 2)}
    return result


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    print(json.dumps(run(corpus if corpus.exists() else None), indent=2))
