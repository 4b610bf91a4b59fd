"""Spend benchmarks: PDF tables (opcc vs raw pdfplumber) and the 1M-row CSV set (opcc vs pandas.read_csv).

    python scripts/benchmarks/spend.py [CORPUS] [--large DIR] [--json OUT]

``CORPUS`` is the corpus root (default ../shared/corpus beside the repository); its ``expenditure/``
folder is read. The large set is generated from there with ``make_large.py --no-truth`` into a temporary folder unless ``--large``
names one already made. Every measurement runs in a fresh subprocess so that
imports, memory (peak RSS from ``resource.getrusage``) and caches are its own.
Timings on a shared 2-vCPU machine vary by 20 % or more between runs, so each
measurement first waits (up to two minutes) for other processes to leave the CPUs
idle, and records how busy the machine was when it started; the large set is
measured in several rounds, pandas and opcc in turn, and the median run of each kept.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
TEXT_PDFS = [
    "kent_pcc_2018_04.pdf",
    "surrey_pcc_2019_03.pdf",
    "essex_pfcc_2019_06.pdf",
    "sussex_pcc_2018_11.pdf",
    "thames_valley_pcc_2020_01.pdf",
]
LARGE_BODY = "Hampshire and Isle of Wight Police and Crime Commissioner"

# Each snippet runs in its own interpreter and prints one JSON object. ``started`` is taken
# before any import, so "wall" includes what a command-line run pays for imports.
_PRELUDE = """
import json, resource, sys, time
started = time.perf_counter()
from pathlib import Path
args = json.loads(sys.argv[1])
def report(**result):
    result["wall_s"] = round(time.perf_counter() - started, 3)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if children:
        result["peak_rss_worker_mb"] = round(children, 1)
    print(json.dumps(result))
"""

_PDFPLUMBER_TABLES = """
from concurrent.futures import ProcessPoolExecutor
import pdfplumber
def tables(job):
    path, pages = job
    rows = 0
    with pdfplumber.open(path, pages=pages) as pdf:
        for page in pdf.pages:
            rows += sum(len(t) for t in page.extract_tables())
            page.close()
    return rows
jobs = [(path, [n]) for path, count in args["pdfs"] for n in range(1, count + 1)]
if args["workers"] == 1:
    rows = sum(map(tables, jobs))
else:
    with ProcessPoolExecutor(args["workers"]) as pool:
        rows = sum(pool.map(tables, jobs, chunksize=4))
report(table_rows=rows)
"""

_OPCC_PDF = """
from concurrent.futures import ProcessPoolExecutor
from ingest.pdf import read_pdf
from ingest.spend import read_pdf_return
def rows(path):
    record = read_pdf_return(read_pdf(Path(path)))
    return len(record.rows), sum(1 for r in record.rows if r.review), len(record.review)
paths = [path for path, _ in args["pdfs"]]
if args["workers"] == 1:
    results = list(map(rows, paths))
else:
    with ProcessPoolExecutor(args["workers"]) as pool:
        results = list(pool.map(rows, paths))
report(rows=sum(r[0] for r in results), rows_to_review=sum(r[1] for r in results),
       return_flags=sum(r[2] for r in results))
"""

_PANDAS_READ = """
import pandas as pd
read_started = time.perf_counter()
rows = 0
for path in sorted(Path(args["large"]).glob("*.csv")):
    # The one thing plain read_csv cannot detect itself: these files are UTF-8 with a BOM or Windows-1252.
    encoding = "utf-8-sig" if path.read_bytes()[:3] == b"\\xef\\xbb\\xbf" else "cp1252"
    rows += len(pd.read_csv(path, encoding=encoding))
report(rows=rows, read_s=round(time.perf_counter() - read_started, 3))
"""

_OPCC_INGEST = """
from opcc.batch import ingest_paths
from opcc.core.settings import Body, Settings, Site
from opcc.store import Store
settings = Settings(root=Path(args["data"]).parent, body=Body(name=args["body"]), site=Site(title="bench", url="http://localhost/"))
ingest_started = time.perf_counter()
outcomes = ingest_paths([Path(args["large"])], Store(settings), jobs=args["workers"], progress=False)
report(files_ingested=sum(o.status == "new" for o in outcomes), ingest_s=round(time.perf_counter() - ingest_started, 3))
"""

_OPCC_CHECK = """
import pyarrow.compute as pc
from opcc.spend_data import load_spend
from ingest.spend.totals import to_pence
import pyarrow as pa
frame = load_spend(Path(args["data"]))
pence = pc.sum(to_pence(pa.array(frame["amount"].array, type=pa.string()))).as_py()
report(rows=len(frame), sum=f"{pence // 100}.{pence % 100:02d}" if pence >= 0 else str(pence / 100))
"""


QUIET_CPUS = 0.3
"""Other processes may keep at most this many CPUs busy when a measurement starts..."""
QUIET_WAIT_S = 120
"""...and a measurement waits at most this long for that (then runs anyway, and says so)."""


def busy_cpus(seconds: float = 1.0) -> float:
    """How many CPUs the whole machine kept busy over the last ``seconds`` (from /proc/stat)."""

    def sample() -> tuple[int, int]:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + fields[4]
        return sum(fields) - idle, sum(fields)

    busy0, total0 = sample()
    time.sleep(seconds)
    busy1, total1 = sample()
    return (busy1 - busy0) / max(1, total1 - total0) * (os.cpu_count() or 1)


def wait_for_quiet() -> float:
    """Wait until other work leaves the machine idle (see ``QUIET_CPUS``); the busy CPUs found."""
    deadline = time.monotonic() + QUIET_WAIT_S
    while (busy := busy_cpus()) > QUIET_CPUS and time.monotonic() < deadline:
        pass
    return round(busy, 2)


def measure(snippet: str, **args) -> dict:
    """Run a snippet in a fresh interpreter once the machine is quiet; its JSON report."""
    busy_before = wait_for_quiet()
    code = _PRELUDE + textwrap.dedent(snippet)
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["machine_busy_cpus_before"] = busy_before
    return result


def pdf_benchmark(corpus: Path) -> dict:
    """Pages per second: opcc's reader (fast path, validated) against pdfplumber ``extract_tables``."""
    import pypdfium2 as pdfium

    pdfs = []
    for name in TEXT_PDFS:
        document = pdfium.PdfDocument(corpus / name)
        pdfs.append((str(corpus / name), len(document)))
        document.close()
    pages = sum(count for _, count in pdfs)
    results: dict = {"pages": pages, "files": len(pdfs)}
    for workers in (1, 2):
        opcc = measure(_OPCC_PDF, pdfs=pdfs, workers=workers)
        plumber = measure(_PDFPLUMBER_TABLES, pdfs=pdfs, workers=workers)
        opcc["pages_per_s"] = round(pages / opcc["wall_s"], 1)
        plumber["pages_per_s"] = round(pages / plumber["wall_s"], 1)
        results[f"{workers}_process"] = {"opcc": opcc, "pdfplumber_extract_tables": plumber}
    return results


LARGE_ROUNDS = 3
"""The large set is measured this many times, pandas and opcc in turn, and each median kept: a single
run on a shared machine can be 10 % off, which is the whole margin of a ratio."""


CHECKED = (2, 0)
"""(workers, round) of the run whose stored data is checked against the manifest."""


def large_benchmark(corpus: Path, large: Path | None, rounds: int = LARGE_ROUNDS) -> dict:
    """The 1M-row set into the canonical dataset, against plain ``pandas.read_csv`` of the same files."""
    with tempfile.TemporaryDirectory(prefix="opcc-spend-bench-") as scratch:
        if large is None:
            large = Path(scratch) / "large"
            subprocess.run(
                [sys.executable, str(corpus / "make_large.py"), str(large), "--no-truth"],
                check=True,
                capture_output=True,
            )
        manifest = json.loads((large / "MANIFEST.json").read_text(encoding="utf-8"))
        runs: dict[str, list[dict]] = {}
        for round_ in range(rounds):
            runs.setdefault("pandas_read_csv", []).append(measure(_PANDAS_READ, large=str(large)))
            for workers in (1, 2):
                # Each run ingests into a new project: into the last one every file would be "unchanged".
                data = Path(scratch) / f"project-{workers}-{round_}" / "data"
                ingest = measure(_OPCC_INGEST, large=str(large), data=str(data), body=LARGE_BODY, workers=workers)
                runs.setdefault(f"opcc_ingest_{workers}_process", []).append(ingest)
                if (workers, round_) != CHECKED:
                    shutil.rmtree(data.parent)  # 300 MB a run
        results: dict = {"files": len(list(large.glob("*.csv"))), "rounds": rounds}
        for name, measured in runs.items():
            results[name] = median_run(measured)
        pandas_wall = results["pandas_read_csv"]["wall_s"]
        for workers in (1, 2):
            ingest = results[f"opcc_ingest_{workers}_process"]
            ingest["ratio_to_pandas_wall"] = round(ingest["wall_s"] / pandas_wall, 2)
        check = measure(_OPCC_CHECK, data=str(Path(scratch) / "project-{}-{}".format(*CHECKED) / "data"))
        results["stored"] = {"rows": check["rows"], "sum": check["sum"]}
        results["manifest"] = {
            key: manifest.get(key) for key in ("total_rows", "total_sum", "rows", "sum") if key in manifest
        }
    return results


def median_run(runs: list[dict]) -> dict:
    """The run with the median wall time, with every run's wall time beside it."""
    ordered = sorted(runs, key=lambda r: r["wall_s"])
    return {**ordered[len(ordered) // 2], "wall_s_runs": [r["wall_s"] for r in runs]}


def run(corpus: Path | None = None, large: Path | None = None) -> dict:
    corpus = Path(corpus or DEFAULT_CORPUS) / "expenditure"
    return {
        "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
        "pdf_tables": pdf_benchmark(corpus),
        "large_csv": large_benchmark(corpus, large),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=None)
    parser.add_argument("--large", type=Path, default=None, help="a folder already made by make_large.py")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    options = parser.parse_args()
    results = run(options.corpus, options.large)
    text = json.dumps(results, indent=2)
    print(text)
    if options.json:
        options.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
