"""The leak scan finds withheld text wherever and however it is published, and nothing else.

The private store is made by real ingest of the corpus's confidential notices
(tests/fixtures/withheld/) with some open Kent notices; then site files are written
by hand, in each format the site publishes, with and without withheld text.
The full build is proved in tests/test_published.py.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from test_gate import PRICING_APPENDIX, WITHHELD, one_page_pdf, truth, with_appendix

from opcc.batch import ingest_paths
from opcc.leakscan import find_leaks, scan, tracked_files
from opcc.settings import load_settings
from opcc.store import Store

REPO = Path(__file__).resolve().parent.parent
CONFIDENTIAL = ["decision_005", "decision_008", "decision_012", "decision_016", "decision_037"]
OPEN = [WITHHELD / "decision_023.pdf", REPO / "samples" / "decisions" / "decision_014.pdf",
        REPO / "samples" / "decisions" / "decision_030.pdf"]
A_CANARY = "CANARY-" + "0123456789ab"  # built at run time, so this file itself holds no canary


@pytest.fixture(scope="module")
def ingested_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("leakscan") / "project"
    root.mkdir()
    shutil.copyfile(REPO / "opcc.yml", root / "opcc.yml")
    store = Store(load_settings(root / "opcc.yml"))
    pdfs = [WITHHELD / f"{name}.pdf" for name in CONFIDENTIAL] + OPEN
    outcomes = ingest_paths(pdfs, store, jobs=1, progress=False)
    assert all(o.status == "new" for o in outcomes), [o.reason for o in outcomes]
    return root


@pytest.fixture
def project(ingested_project, tmp_path):
    """A fresh copy of the ingested project with an empty site/, for one test to write into."""
    root = tmp_path / "project"
    shutil.copytree(ingested_project, root)
    (root / "site").mkdir()
    return load_settings(root / "opcc.yml")


def withheld_summary(name: str) -> str:
    return truth(name)["summary"]


def write(settings, relpath: str, content: str | bytes) -> Path:
    path = settings.site_dir / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def leaks(settings) -> dict[str, list[str]]:
    """The scan's hits as ``{file: [what was found there, ...]}``."""
    found: dict[str, list[str]] = {}
    for hit in scan(settings):
        where, _, what = hit.partition(": ")
        found.setdefault(where, []).append(what)
    return found


def public_page(settings) -> str:
    """What the site shows legitimately: the open decisions and the withheld ones' stubs."""
    store = Store(settings)
    rows = "".join(f"<tr><td>{d.reference}</td><td>{d.title or 'Exempt from publication'}</td>"
                   f"<td>{d.summary or d.reason_if_confidential or ''}</td></tr>" for d in store.decisions())
    return f"<html><body><table>{rows}</table></body></html>"


# -- a clean site -----------------------------------------------------------------------------


def test_a_site_of_public_records_and_stubs_is_clean(project):
    write(project, "decisions/index.html", public_page(project))
    assert scan(project) == []


def test_boilerplate_shared_with_a_public_notice_is_no_alarm(project):
    """decision_012 (withheld) and decision_023 (public) open with the same template sentence."""
    shared = "This report seeks approval of the full business case for"
    assert withheld_summary("decision_012").startswith(shared)
    assert withheld_summary("decision_023").startswith(shared)
    write(project, "decisions/2021-042.html", f"<p>{withheld_summary('decision_023')}</p>")
    assert scan(project) == []


# -- withheld text, in every format -------------------------------------------------------------


@pytest.mark.parametrize(
    ("relpath", "render"),
    [
        ("decisions/leak.html", lambda s: f"<main><p>{s.replace('&', '&amp;')}</p></main>"),
        ("decisions/meta.html", lambda s: f'<head><meta name="description" content="{s}"></head>'),
        ("feeds/decisions.xml", lambda s: f"<feed><entry><summary>{s.replace('&', '&amp;')}</summary></entry></feed>"),
        ("data/decisions.json", lambda s: json.dumps({"decisions": [{"summary": s}]}, ensure_ascii=True)),
        ("data/decisions.csv", lambda s: f'reference,summary\nX,"{s}"\n'),
        ("search/search_index.json", lambda s: json.dumps({"docs": [{"text": s.upper()}]})),
    ],
)
def test_withheld_text_is_found_in_each_text_format_and_the_file_named(project, relpath, render):
    summary = withheld_summary("decision_008")  # it ends with a sentence holding the notice's canary
    write(project, relpath, render(summary))
    [(where, (text, canary))] = leaks(project).items()
    assert where == f"site/{relpath}"
    assert text.startswith("withheld text") and "private/decisions/" in text
    assert canary == "1 canary string(s)"
    assert summary[:40] not in text and truth("decision_008")["canary"] not in text, \
        "a hit must not repeat the withheld text into the build log"


def test_withheld_text_in_a_pagefind_fragment_is_found(project):
    fragment = json.dumps({"url": "/decisions/x/", "content": withheld_summary("decision_016")})
    write(project, "pagefind/fragment/en_3f2a1b.pf_fragment", gzip.compress(b"pagefind_dcd" + fragment.encode()))
    [(where, (text, canary))] = leaks(project).items()
    assert where == "site/pagefind/fragment/en_3f2a1b.pf_fragment"
    assert text.startswith("withheld text") and canary == "1 canary string(s)"


def test_withheld_text_in_a_parquet_text_column_is_found(project):
    path = project.site_dir / "data" / "decisions.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.table({"reference": ["A", "B"], "summary": ["Nothing", withheld_summary("decision_037")]}), path)
    [(where, (text, canary))] = leaks(project).items()
    assert where == "site/data/decisions.parquet" and text.startswith("withheld text")


def test_withheld_text_in_a_pdf_is_found(project):
    sentences = withheld_summary("decision_005").split(". ")[:2]  # not the canary's sentence
    write(project, "sources/summary.pdf", one_page_pdf(sentences))
    [(where, [text])] = leaks(project).items()
    assert where == "site/sources/summary.pdf" and text.startswith("withheld text")


def test_a_withheld_number_is_found_on_its_own(project):
    """£5,460,000 and £360,300 are in decision_012's summary; shown as plain figures they still leak."""
    write(project, "data/spend.json", json.dumps([{"amount": "360300.00"}]))
    [hit] = scan(project)
    assert "0 phrase(s), 1 number(s)" in hit and "hpcc-dec-17-077" in hit


def test_a_withheld_source_pdf_copied_to_the_site_is_found(project):
    store = Store(project)
    [decision] = [d for d in store.withheld_decisions() if d.reference == truth("decision_012")["reference"]]
    source = store.private / "sources" / f"{decision.sources[0].sha256}.pdf"
    write(project, f"sources/{source.name}", source.read_bytes())
    hits = scan(project)
    assert any(h.startswith(f"site/sources/{source.name}: a copy of the withheld source file") for h in hits)
    assert any("canary" in h for h in hits)


# -- canaries ----------------------------------------------------------------------------------


def test_every_withheld_notice_s_canary_is_in_the_private_store_and_none_in_data(project):
    store = Store(project)
    private = " ".join(p.read_text("utf-8", "replace") for p in store.private.rglob("*.yaml"))
    public = " ".join(p.read_text("utf-8", "replace") for p in store.public.rglob("*") if p.is_file())
    for name in CONFIDENTIAL:
        assert truth(name)["canary"] in private and truth(name)["canary"] not in public


def test_a_withheld_notice_s_canary_alone_is_found(project):
    write(project, "decisions/x.html", f"<p>Ref {truth('decision_037')['canary']}</p>")
    assert scan(project) == ["site/decisions/x.html: 1 canary string(s)"]


def test_any_canary_anywhere_is_found_even_one_not_from_the_private_store(project):
    write(project, "assets/app.js", f"var x = '{A_CANARY}';")
    write(project, "pagefind/index/en_1.pf_index", gzip.compress(b"pagefind_dcd\x81" + A_CANARY.encode()))
    write(project, "img/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00" + A_CANARY.encode())
    assert sorted(scan(project)) == ["site/assets/app.js: 1 canary string(s)", "site/img/logo.png: 1 canary string(s)",
                                     "site/pagefind/index/en_1.pf_index: 1 canary string(s)"]


# -- data/ and the repository -------------------------------------------------------------------


def test_a_public_stub_holding_more_than_the_stub_is_found(project):
    store = Store(project)
    [withheld] = [d for d in store.withheld_decisions() if d.reference == truth("decision_005")["reference"]]
    [stub_path] = [p for p in (store.public / "decisions").rglob("*.yaml")
                   if yaml.safe_load(p.read_text())["reference"] == withheld.reference]
    stub_path.write_text(yaml.safe_dump(withheld.model_dump(mode="json"), sort_keys=False))
    hits = scan(project)
    assert any(h.startswith(f"{stub_path.relative_to(project.root)}: holds more than the public stub") for h in hits)


def test_a_public_notice_s_pdf_carrying_its_withheld_appendix_is_found(project, tmp_path):
    store = Store(project)
    [decision] = [d for d in store.decisions() if d.reference == truth("decision_023")["reference"]]
    bound = with_appendix(WITHHELD / "decision_023.pdf", PRICING_APPENDIX, tmp_path / "bound.pdf")
    public_copy = store.source_path(decision.sources[0].sha256)
    shutil.copyfile(bound, public_copy)  # as if ingest had kept the full PDF public
    site_copy = write(project, f"sources/{public_copy.name}", bound.read_bytes())
    hits = scan(project)
    assert f"site/sources/{site_copy.name}: a copy of data/sources/{public_copy.name}, which holds a withheld part " \
           f"of decision {decision.reference}" in hits


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


def test_files_tracked_by_git_are_searched_and_the_inputs_folders_are_not(project):
    root = project.root
    (root / "notes").mkdir()
    (root / "notes" / "briefing.md").write_text(withheld_summary("decision_008"))
    (root / "samples").mkdir()
    shutil.copyfile(WITHHELD / "decision_005.pdf", root / "samples" / "decision_005.pdf")
    git(root, "init", "-q")
    git(root, "add", "opcc.yml", "notes", "samples", "data")
    git(root, "add", "-f", "private/sources/index.yaml")
    git(root, "commit", "-q", "-m", "x")
    hits = scan(project)
    assert any(h.startswith("notes/briefing.md: withheld text") for h in hits)
    assert "private/sources/index.yaml: a private-store file is tracked by git" in hits
    assert not any(h.startswith("samples/") for h in hits)


def test_nothing_withheld_is_in_any_file_this_repository_tracks(ingested_project):
    """The real repository, searched for the confidential fixtures' text and for any canary at all."""
    settings = load_settings(REPO / "opcc.yml").model_copy(
        update={"private_store": ingested_project / "private"})
    files = tracked_files(REPO)
    assert len(files) > 20
    assert find_leaks(Store(settings), files) == []


# -- speed --------------------------------------------------------------------------------------


def test_a_site_of_thousands_of_pages_is_scanned_in_one_pass_and_the_one_leak_found(project):
    public = public_page(project)
    for number in range(3000):
        write(project, f"decisions/{number:04d}/index.html", public.replace("<table>", f"<h1>Page {number}</h1><table>"))
    write(project, "decisions/1234/leak.html", f"<p>{withheld_summary('decision_016')}</p>")
    started = time.perf_counter()
    found = leaks(project)
    seconds = time.perf_counter() - started
    assert list(found) == ["site/decisions/1234/leak.html"]
    assert seconds < 60, f"the scan took {seconds:.0f} s for 3,001 pages"
