"""Shared fixtures: sample data, a built sample site, a local server and a real browser.

For site tests (any test file)::

    def test_x(built_site):            # session-wide: built once from the samples
        built_site.site_dir            # Path to the finished site/
        built_site.settings            # opcc Settings of the sample project (root is a tmp folder)
        built_site.report              # what build_site returned

    def test_y(sample_settings):       # a fresh sample project (data/ filled) to build yourself

The measuring script (``scripts/evaluate.py``) as a module, for tests that score with it::

    def test_w(evaluate):
        evaluate.score(result), evaluate.decision_counts(results)

For browser tests (tests/browser/)::

    def test_z(page, site_url, axe):
        page.goto(site_url + "decisions/")     # site_url ends with "/"
        assert axe(page) == []                 # serious or critical axe-core violations, WCAG 2.2 A/AA

``page`` is a fresh Playwright page in Chromium ($OPCC_CHROMIUM, else Debian's /usr/bin/chromium,
else Playwright's own build).

Sample data: the Kent and Essex decisions in samples/ (from their truth files, so these tests do not depend
on the parsers); samples' confidential Surrey decision re-badged as Kent, so the register holds a
stub (reference ``PCC/DN/2018/52``, page ``decisions/pcc-dn-2018-52/``) whose withheld summary
starts with ``CONFIDENTIAL_TEXT``; a decision ``OPCC.D.666.21`` whose title and summary are
hostile markup (``HOSTILE``); the panel memo; and, through real ingest, the spend samples (both
spending bodies, April and May 2018), the registers and the documents that meet the other duties.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest

from opcc.core.kinds.decision import Decision
from opcc.core.kinds.panel_report import PanelReport
from opcc.core.model import Location, SourceFile
from opcc.core.settings import load_settings

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
CHROMIUM = Path(os.environ.get("OPCC_CHROMIUM", "/usr/bin/chromium"))
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

CONFIDENTIAL = SAMPLES / "decisions" / "decision_005.truth.json"
CONFIDENTIAL_TEXT = json.loads(CONFIDENTIAL.read_text(encoding="utf-8"))["summary"][:60]
HOSTILE = {
    "title": "<script>alert('title')</script> Hostile [link](javascript:alert(1))",
    "summary": "Summary with <img src=x onerror=alert(1)> and {{ 7*7 }} and **bold** and [x](javascript:alert(2)).",
}
TRUTH_ONLY_KEYS = {"layout", "scanned", "canary"}


def _truth_record(truth: Path):
    from ingest.sources import sha256_file

    data = {k: v for k, v in json.loads(truth.read_text(encoding="utf-8")).items() if k not in TRUTH_ONLY_KEYS}
    pdf = truth.with_name(truth.name.removesuffix(".truth.json") + ".pdf")
    source = SourceFile(sha256=sha256_file(pdf), filename=pdf.name, media_type="application/pdf", pages=1)
    if data["kind"] == "panel_report":
        return PanelReport.model_validate({**data, "sources": [source.model_dump()]}), pdf
    decision = Decision.model_validate({**data, "sources": [source.model_dump()]})
    decision.provenance = {k: Location(page=1) for k in ("reference", "decision_date", "summary", "decision")
                           if getattr(decision, k)}
    return decision, pdf


def _variant(tmp: Path, name: str, **changes) -> tuple[Decision, Path]:
    """A made-up decision whose source is a sample PDF with a comment appended (a new SHA-256)."""
    from ingest.sources import sha256_file

    base, sample = _truth_record(SAMPLES / "decisions" / "decision_014.truth.json")
    pdf = tmp / f"{name}.pdf"
    pdf.write_bytes(sample.read_bytes() + b"\n% " + name.encode() + b"\n")
    source = SourceFile(sha256=sha256_file(pdf), filename=pdf.name, media_type="application/pdf", pages=1)
    return base.model_copy(update={"sources": [source], **changes}), pdf


def make_sample_project(root: Path) -> Path:
    """A project folder with opcc.yml and data/ holding the sample records; returns opcc.yml."""
    # Imported here, not at the top, so that a parser being edited never stops unrelated tests loading.
    from opcc.batch import ingest_paths, save
    from opcc.store import Store

    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "opcc.yml", root / "opcc.yml")
    store = Store(load_settings(root / "opcc.yml"))
    records = [_truth_record(t) for t in sorted((SAMPLES / "decisions").glob("*.truth.json")) if t != CONFIDENTIAL]
    records += [_truth_record(t) for t in sorted((SAMPLES / "panel_reports").glob("*.truth.json"))]
    scratch = root / "scratch"
    scratch.mkdir()
    confidential, pdf = _truth_record(CONFIDENTIAL)
    records.append((confidential.model_copy(update={
        "body": "Kent Police and Crime Commissioner",
        "reason_if_confidential": "Commercially sensitive"}), pdf))
    records.append(_variant(scratch, "hostile", reference="OPCC.D.666.21", **HOSTILE))
    for record, pdf in records:
        save(store, pdf, record)
    ingest_paths([SAMPLES / "expenditure"], store, kind="expenditure", jobs=1, progress=False)
    ingest_paths([SAMPLES / "registers", SAMPLES / "documents"], store, jobs=1, progress=False)
    return root / "opcc.yml"


@pytest.fixture
def sample_settings(tmp_path):
    """A fresh sample project in a tmp folder (data/ filled, nothing built)."""
    return load_settings(make_sample_project(tmp_path / "project"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The sample project, built once per test session."""
    from opcc.site.build import build_site

    settings = load_settings(make_sample_project(tmp_path_factory.mktemp("site") / "project"))
    report = build_site(settings)
    return SimpleNamespace(settings=settings, site_dir=settings.site_dir, report=report)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built sample site served on a free localhost port; the URL ends with '/'."""
    from opcc.site.serve import make_server

    server = make_server(built_site.site_dir, base=urlsplit(built_site.settings.site.url).path)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Debian's chromium where there is one (scripts/setup.sh installs it); elsewhere, e.g. on
    # GitHub's Ubuntu runners, the Chromium that `playwright install` fetched.
    executable = str(CHROMIUM) if CHROMIUM.exists() else None
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page; the test fails if the site asked anything of a host other than its own: the
    published site makes no third-party requests."""
    context = browser.new_context()
    page = context.new_page()
    elsewhere = []
    page.on("request", lambda request: elsewhere.append(request.url)
            if urlsplit(request.url).hostname not in LOCAL_HOSTS and request.url.startswith("http") else None)
    yield page
    context.close()
    assert not elsewhere, f"the site asked other hosts: {elsewhere}"


@pytest.fixture(scope="session")
def axe():
    """``axe(page, context=None)``: the serious and critical axe-core violations of the page
    (WCAG 2.0/2.1/2.2 A and AA rules), as ``[{"id", "impact", "help", "targets"}]``."""
    # axe-core as shipped in the axe-playwright-python wheel, a locked test dependency.
    import axe_playwright_python as package

    script = Path(package.__file__).parent / "axe.min.js"

    def run(page, context=None) -> list[dict]:
        page.add_script_tag(path=str(script))
        results = page.evaluate(
            "([context, tags]) => axe.run(context || document, {runOnly: {type: 'tag', values: tags}})",
            [context, AXE_TAGS],
        )
        return [
            {"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"]][:5]}
            for v in results["violations"] if v["impact"] in ("serious", "critical")
        ]

    return run


@pytest.fixture(scope="session")
def evaluate():
    """scripts/evaluate.py, imported by name from the path (its worker processes import it so)."""
    scripts = str(Path(__file__).resolve().parents[1] / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    return importlib.import_module("evaluate")
