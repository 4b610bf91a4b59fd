"""Site build and browse: time and memory of ``opcc build`` by stage, bytes and time in Chromium.

    python scripts/benchmarks/site.py [--samples-only] [--workdir DIR] [--keep]
    scripts/bench.py site

Two projects, each in a temporary folder (``--workdir`` to choose it, ``--keep`` to keep it):

samples   the bundled samples: ``opcc ingest samples/`` then ``opcc build``
large     1,500 decisions (scripts/make_large_decisions.py) and the 1M-row spend set
          (the corpus's make_large.py, ingested with ``opcc ingest``), then ``opcc build``

Each build runs in a child process; its stages (gate, generate, mkdocs, publish,
search, checks) are timed by the build itself, and the peak resident memory of each
stage is read from the kernel (VmHWM, reset at each stage start). The peak of the
whole process tree (Pagefind's binary included) is sampled from /proc.

Then the large site is served (no compression, as GitHub Pages serves ``.bin``) and
Chromium (Debian's, through Playwright) opens, each in a fresh context so nothing is
cached: a decision page, a search, and three explorer queries. For each: bytes of
every response body, those of the data alone (explorer meta + shards, or Pagefind's
files), and the time from navigation to the result on screen.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".venv" / "bin" / "python"
OPCC = REPO / ".venv" / "bin" / "opcc"
CORPUS = REPO.parent / "shared" / "corpus"
LARGE_BODY = "Hampshire and Isle of Wight Police and Crime Commissioner"  # make_large.py's body
DECISIONS = 1500
SAMPLE_EVERY = 0.05  # seconds between /proc samples of the process tree's memory
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TARGETS = {"build_seconds": 60, "build_peak_bytes": 2 * 1024**3, "site_bytes": 1024**3,
           "query_seconds": 0.5, "query_bytes": 500 * 1024}


# -- memory of a process tree ------------------------------------------------------------------

def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return total


def measured(command: list[str], cwd: Path) -> dict:
    """Run a command; its wall time, exit status, peak memory of its process tree and output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    done.set()
    sampler.join()
    return {"seconds": round(time.perf_counter() - start, 2), "returncode": process.returncode,
            "peak_tree_bytes": peak, "stdout": out.strip()[-2000:], "stderr": err.strip()[-2000:]}


# -- the build, in a child process that times and measures each stage ------------------------

def _child_build(project: Path) -> None:
    """``--child-build``: build the project; print each stage's seconds and peak RSS as JSON."""
    from contextlib import contextmanager

    from opcc.core.settings import load_settings
    from opcc.site import build

    stages: dict[str, dict] = {}

    def hwm() -> int:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) * 1024

    @contextmanager
    def stage(self, name):
        Path("/proc/self/clear_refs").write_text("5")  # reset the peak, so it is this stage's own
        start = time.perf_counter()
        yield
        seconds = time.perf_counter() - start
        self.stages.append((name, seconds))
        stages[name] = {"seconds": round(seconds, 2), "peak_rss_bytes": hwm()}

    build.Timings.stage = stage
    report = build.build_site(load_settings(project / "opcc.yml"))
    print(json.dumps({"stages": stages, "report": report}))


def build_project(project: Path) -> dict:
    result = measured([str(PYTHON), __file__, "--child-build", str(project)], project)
    if result["returncode"] != 0:
        raise RuntimeError(f"build failed: {result['stderr']}")
    child = json.loads(result["stdout"].splitlines()[-1])
    return {"seconds": result["seconds"], "peak_tree_bytes": result["peak_tree_bytes"],
            "stages": child["stages"], "report": child["report"]}


def site_size(site: Path) -> dict:
    sizes: dict[str, int] = {}
    for path in site.rglob("*"):
        if path.is_file():
            top = path.relative_to(site).parts[0]
            key = "/".join(path.relative_to(site).parts[:3]) if top == "data" else top
            sizes[key] = sizes.get(key, 0) + path.stat().st_size
    return {"total_bytes": sum(sizes.values()), "files": sum(1 for p in site.rglob("*") if p.is_file()),
            "biggest_parts": dict(sorted(sizes.items(), key=lambda kv: -kv[1])[:12])}


# -- projects -----------------------------------------------------------------------------------

def new_project(folder: Path, body: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    settings = (REPO / "opcc.yml").read_text(encoding="utf-8")
    if body:
        settings = re.sub(r"(?m)^  name: .*$", f"  name: {body}", settings, count=1)
    (folder / "opcc.yml").write_text(settings, encoding="utf-8")
    return folder


def samples(work: Path) -> dict:
    project = new_project(work / "samples")
    ingest = measured([str(OPCC), "ingest", str(REPO / "samples")], project)
    built = build_project(project)
    return {"ingest": {k: ingest[k] for k in ("seconds", "peak_tree_bytes", "stdout")}, "build": built,
            "site": site_size(project / "site")}


def large(work: Path, corpus: Path) -> tuple[dict, Path]:
    project = new_project(work / "large", LARGE_BODY)
    source = work / "large-spend"
    made = measured([sys.executable, str(corpus / "expenditure" / "make_large.py"), str(source), "--no-truth"], work)
    ingest = measured([str(OPCC), "ingest", str(source)], project)
    decisions = measured([str(PYTHON), str(REPO / "scripts" / "make_large_decisions.py"), str(project),
                          "--count", str(DECISIONS)], project)
    built = build_project(project)
    figures = {
        "make_large_seconds": made["seconds"],
        "ingest_1m_rows": {k: ingest[k] for k in ("seconds", "peak_tree_bytes", "stdout")},
        "decisions_written_seconds": decisions["seconds"],
        "build": built,
        "site": site_size(project / "site"),
    }
    return figures, project / "site"


# -- in the browser -------------------------------------------------------------------------------

def _visit(browser, url: str, ready: str, data_marker: str) -> dict:
    """Open ``url`` in a fresh context; bytes of every response, of the data alone, and time to ``ready``."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(ready, timeout=60_000)
    seconds = time.perf_counter() - start
    in_page = page.evaluate("() => (document.querySelector('#opcc-explorer') || {dataset: {}}).dataset.ms || null")
    page.wait_for_load_state("networkidle")
    sizes = [(r.url, r.sizes()["responseBodySize"]) for r in responses]
    status = page.evaluate("() => (document.querySelector('#x-status, #search-status') || {}).textContent || ''")
    context.close()
    return {
        "url": url.split("/", 3)[-1],
        "seconds_to_result": round(seconds, 3),
        "explorer_query_ms": int(in_page) if in_page else None,
        "bytes": sum(size for _, size in sizes),
        "data_bytes": sum(size for u, size in sizes if data_marker in u),
        "requests": len(sizes),
        "result": status.strip()[:120],
    }


def browse(site: Path) -> dict:
    sys.path.insert(0, str(REPO))
    from playwright.sync_api import sync_playwright

    from opcc.site.serve import make_server

    meta = json.loads((site / "data/spend/explorer/meta.json").read_text())
    biggest_supplier = max(meta["suppliers"], key=lambda s: s[2])[0]  # the worst case: most rows
    latest_month = [m for m, _, _ in meta["months"] if m != "undated"][-1]
    decision = sorted((site / "decisions").glob("*/index.html"))[0].parent.name
    from urllib.parse import quote

    server = make_server(site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    explorer_ready = "#opcc-explorer[data-state=done]"
    visits = {
        "decision_page": (f"decisions/{decision}/", "h1", "/decisions/"),
        "search": ("search/?q=vehicle", "#search-results li, #search-status:not(:empty)", "/pagefind/"),
        "explorer_one_supplier_all_years": (f"spend/explorer/?supplier={quote(biggest_supplier)}", explorer_ready,
                                            "/data/spend/explorer/"),
        "explorer_one_month": (f"spend/explorer/?from={latest_month}-01&to={latest_month}-28", explorer_ready,
                               "/data/spend/explorer/"),
        "explorer_over_100k_all_years": ("spend/explorer/?min=100000", explorer_ready, "/data/spend/explorer/"),
    }
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, (path, ready, marker) in visits.items():
                results[name] = _visit(browser, base + path, ready, marker)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


# -- the benchmark --------------------------------------------------------------------------------

def run(corpus: Path | None = None, *, samples_only: bool = False, workdir: Path | None = None,
        keep: bool = False) -> dict:
    corpus = Path(corpus or CORPUS)
    work = Path(workdir or tempfile.mkdtemp(prefix="opcc-site-bench-"))
    try:
        results: dict = {}
        if not samples_only:
            results["large"], site = large(work, corpus)
            results["large"]["browser"] = browse(site)
            build = results["large"]["build"]
            results["targets"] = {
                "build_under_60s": build["seconds"] < TARGETS["build_seconds"],
                "build_peak_under_2GiB": build["peak_tree_bytes"] <= TARGETS["build_peak_bytes"],
                "site_under_1GB": results["large"]["site"]["total_bytes"] < TARGETS["site_bytes"],
                "explorer_queries_under_0_5s_and_500KB_of_data": all(
                    v["explorer_query_ms"] is not None and v["explorer_query_ms"] < 1000 * TARGETS["query_seconds"]
                    and v["data_bytes"] < TARGETS["query_bytes"]
                    for k, v in results["large"]["browser"].items() if k.startswith("explorer")),
            }
        results["samples"] = samples(work)
        return results
    finally:
        if not keep and workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    if len(sys.argv) >= 3 and sys.argv[1] == "--child-build":
        sys.path.insert(0, str(REPO))
        _child_build(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples-only", action="store_true", help="skip the large project")
    parser.add_argument("--workdir", type=Path, default=None, help="build here (kept) instead of a temp folder")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    print(json.dumps(run(args.corpus, samples_only=args.samples_only, workdir=args.workdir, keep=args.keep),
                     indent=2))


if __name__ == "__main__":
    main()
