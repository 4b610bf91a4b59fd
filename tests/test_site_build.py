"""The site build end to end on the sample data: what it publishes, what it withholds, and that
the same data gives the same bytes."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import frictionless
import pytest
from conftest import CONFIDENTIAL_TEXT, HOSTILE

from opcc.core.kinds.decision import Decision
from opcc.site.build import build_site
from opcc.site.decisions import assign_topics
from opcc.store import Store

ATOM = "{http://www.w3.org/2005/Atom}"


def test_report_names_every_stage(built_site):
    for stage in ("gate", "duties", "generate", "mkdocs", "publish", "search", "checks"):
        assert f"{stage} " in built_site.report


def test_every_information_class_has_a_page(built_site):
    for path in ("who-we-are", "what-we-spend", "decisions", "policies", "registers", "performance",
                 "open-data", "search", "accessibility"):
        assert (built_site.site_dir / path / "index.html").exists(), path
    policies = (built_site.site_dir / "policies" / "index.html").read_text(encoding="utf-8")
    # Each class page lists the duties of its class, with their status and where each is met.
    for duty in ("policies-conduct", "policies-decision-making", "policies-records", "policies-whistleblowing"):
        assert f'id="duty-{duty}"' in policies
    assert "Whistleblowing policy</a>" in policies and ">Met</span>" in policies


def test_withheld_decision_is_a_stub_without_content_or_source(built_site):
    site = built_site.site_dir
    stub = (site / "decisions" / "pcc-dn-2018-52" / "index.html").read_text(encoding="utf-8")
    assert "exempt from publication" in stub.lower() and "Commercially sensitive" in stub
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".csv", ".json"}:
            assert CONFIDENTIAL_TEXT not in path.read_text(encoding="utf-8", errors="replace"), path
    store = Store(built_site.settings)
    withheld_sources = {p.name.split(".")[0] for p in (store.private / "sources").glob("*.pdf")}
    published = {p.name.split(".")[0] for p in (site / "sources").iterdir()}
    assert withheld_sources and not withheld_sources & published


def test_published_sources_are_content_addressed(built_site):
    for path in (built_site.site_dir / "sources").iterdir():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem


def test_document_text_is_inert(built_site):
    page = (built_site.site_dir / "decisions" / "opcc-d-666-21" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "**bold**" in page  # neither Jinja nor Markdown touched it
    assert 'href="javascript:' not in page
    assert HOSTILE["title"] not in page  # never unescaped, not even in <title>


def test_register_lists_every_decision_with_filters(built_site):
    html = (built_site.site_dir / "decisions" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr data-body=", html)
    decisions = json.loads((built_site.site_dir / "data" / "decisions.json").read_text(encoding="utf-8"))
    assert len(rows) == len(decisions) == 10  # Kent's, and Essex's (a body the sample settings publish)
    assert f"{len(rows)} decisions" in html
    assert "<caption>" in html and '<th scope="col">Reference</th>' in html
    for control in ("filter-body", "filter-year", "filter-outcome", "filter-maker", "filter-topic"):
        assert f'<label for="{control}"' in html


def test_decision_page_shows_provenance(built_site):
    html = (built_site.site_dir / "decisions" / "opcc-d-084-16" / "index.html").read_text(encoding="utf-8")
    sha = re.search(r"data-sha256>([0-9a-f]{64})<", html).group(1)  # the original's, as provenance
    published = Store(built_site.settings).source_path(sha)  # its clean copy, named by its own SHA-256
    assert published.name != f"{sha}.pdf"
    assert f'href="../../sources/{published.name}"' in html
    assert "(source page 1)" in html
    assert 'data-pagefind-filter="year[content]" content="2016"' in html
    assert 'data-pagefind-sort="date[content]" content="2016-01-19"' in html


def test_datapackage_is_valid_and_licensed(built_site):
    path = built_site.site_dir / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    paths = [r["path"] for r in package["resources"]]
    assert "data/decisions.csv" in paths and "data/decisions.json" in paths
    assert all((built_site.site_dir / p).is_file() for p in paths)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_dataset_page_has_schema_org_dataset(built_site):
    html = (built_site.site_dir / "open-data" / "decisions" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Dataset"
    assert "open-government-licence/version/3" in data["license"]
    assert {d["encodingFormat"] for d in data["distribution"]} == {"text/csv", "application/json"}


def test_atom_feed_dates_come_from_the_records(built_site):
    feed = ET.parse(built_site.site_dir / "feeds" / "decisions.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.find(f"{ATOM}updated").text == dates[0]  # the newest decision's date, not the clock
    precept = next(e for e in entries if e.find(f"{ATOM}id").text.endswith("/decisions/opcc-d-084-16/"))
    assert precept.find(f"{ATOM}updated").text == "2016-01-19T00:00:00Z"


def test_sitemap_uses_the_site_url(built_site):
    sitemap = (built_site.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert built_site.settings.site.url + "decisions/opcc-d-084-16/" in sitemap


def test_accessibility_statement_has_the_four_required_elements(built_site):
    html = (built_site.site_dir / "accessibility" / "index.html").read_text(encoding="utf-8")
    for section in ("compliance", "non-accessible", "preparation", "feedback", "enforcement"):
        assert f'id="{section}"' in html, section
    assert built_site.settings.contact.email in html


def test_search_index_is_chunked(built_site):
    pagefind = built_site.site_dir / "pagefind"
    assert (pagefind / "pagefind.js").exists()
    chunks = list((pagefind / "index").glob("*.pf_index"))
    assert chunks and max(p.stat().st_size for p in chunks) < 300_000


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_same_data_gives_a_byte_identical_site(sample_settings):
    build_site(sample_settings)
    first = _snapshot(sample_settings.site_dir)
    build_site(sample_settings)
    second = _snapshot(sample_settings.site_dir)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.parametrize(("title", "expected"), [
    ("Lease of premises at Tonbridge", ("Estates and buildings",)),
    ("Replacement of fleet vehicles", ("Fleet and equipment",)),
    ("Police and Crime Commissioner's annual report", ()),  # "commission" must not match "Commissioner"
    ("Funding for victims' services", ("Grants and commissioning",)),
])
def test_topics_come_from_whole_words(title, expected):
    vocabulary = {"Estates and buildings": ["premises", "lease"], "Fleet and equipment": ["vehicle", "fleet"],
                  "Grants and commissioning": ["commission", "victim", "fund"]}
    assert assign_topics(Decision(title=title), vocabulary) == expected


def test_opcc_build_command(sample_settings):
    from click.testing import CliRunner

    from opcc.cli import main

    result = CliRunner().invoke(main, ["--settings", str(sample_settings.root / "opcc.yml"), "build"])
    assert result.exit_code == 0, result.output
    assert "built" in result.output and "mkdocs" in result.output


def test_build_fails_naming_the_file_when_the_leak_scan_finds_something(sample_settings):
    (sample_settings.data_dir / "briefing.md").write_text(f"Briefing: {CONFIDENTIAL_TEXT}\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="data/briefing.md: withheld text"):
        build_site(sample_settings)
    assert not sample_settings.site_dir.exists()


def test_a_source_the_gate_kept_out_is_named_by_its_hash_only(sample_settings):
    store = Store(sample_settings)
    decision = next(d for d in store.decisions() if d.reference == "OPCC.D.084.16")
    sha256 = decision.sources[0].sha256
    index = store.source_index(store.public)
    (store.public / "sources" / index.pop(sha256)["file"]).unlink()
    (store.public / "sources" / "index.yaml").write_text(json.dumps(index), encoding="utf-8")  # JSON is YAML
    build_site(sample_settings)
    page = (sample_settings.site_dir / "decisions" / "opcc-d-084-16" / "index.html").read_text(encoding="utf-8")
    assert "is not published" in page and sha256 in page
    assert decision.sources[0].filename not in page
    assert not list((sample_settings.site_dir / "sources").glob(f"{sha256}.*"))


def test_no_page_carries_an_empty_table_of_contents(built_site):
    """Pages are written as HTML, so Material's table of contents would list nothing: it is hidden."""
    pages = [p for p in built_site.site_dir.rglob("index.html") if "pagefind" not in p.parts]
    shown = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        sidebar = re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*>', html)
        toc = html[sidebar.end():].split("</nav>", 1)[0] if sidebar else ""
        if sidebar and "hidden" not in sidebar.group(0) and "<li" not in toc:
            shown.append(str(page.relative_to(built_site.site_dir)))
    assert len(pages) > 50 and shown == []


def test_every_page_has_a_distinct_title_and_a_meta_description(built_site):
    pages = [p for p in built_site.site_dir.rglob("index.html") if "pagefind" not in p.parts]
    titles, missing = {}, []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        titles.setdefault(re.search(r"<title>([^<]*)</title>", html).group(1), []).append(str(page.parent))
        description = re.search(r'<meta name="description" content="([^"]*)">', html)
        if not description or len(description.group(1)) < 20:
            missing.append(str(page))
    assert {title: where for title, where in titles.items() if len(where) > 1} == {}
    assert missing == []
    hostile = (built_site.site_dir / "decisions" / "opcc-d-666-21" / "index.html").read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)">', hostile).group(1)
    assert "<script" not in description and "&lt;script&gt;" in description  # a document's text, escaped


def test_every_meta_element_has_what_html_requires_of_it(built_site):
    """HTML requires a <meta> to have a name, property, itemprop, http-equiv or charset (the Nu Html
    Checker flagged Pagefind's filter tags, which had only data- attributes)."""
    wanted = re.compile(r"\s(name|property|itemprop|http-equiv|charset)=")
    bad = [(str(p.relative_to(built_site.site_dir)), tag) for p in built_site.site_dir.rglob("*.html")
           if "pagefind" not in p.parts for tag in re.findall(r"<meta\b[^>]*>", p.read_text(encoding="utf-8"))
           if not wanted.search(tag)]
    assert bad == []
