"""Open data as its users expect it, over the built site: decisions.csv flat (no JSON in a cell),
a plain CSV beside every gzip, and dates from the record history: each page's sitemap
``lastmod`` and each feed entry's ``published`` and ``updated`` (an amended notice shows as
updated). The dated site is the sample project committed to git on two backdated days."""

from __future__ import annotations

import csv
import gzip
import io
import json
from xml.etree import ElementTree

import pytest
import yaml
from conftest import make_sample_project
from test_duties import commit, git

from opcc.core.settings import load_settings
from opcc.site.build import build_site

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
AMENDED = "decisions/kent-police-and-crime-commissioner/2023/opcc-d-033-23.yaml"


def _rows(built_site, path):
    return list(csv.DictReader(io.StringIO((built_site.site_dir / path).read_text(encoding="utf-8"))))


def test_decisions_csv_is_flat_with_lists_joined(built_site):
    rows = _rows(built_site, "data/decisions.csv")
    cells = [value for row in rows for value in row.values()]
    assert not [c for c in cells if c.startswith(("[", "{")) or '":' in c]  # no JSON anywhere
    [sale] = [r for r in rows if r["reference"] == "OPCC.D.033.23"]
    decision = next(d for d in json.loads((built_site.site_dir / "data/decisions.json").read_text(encoding="utf-8"))
                    if d["reference"] == "OPCC.D.033.23")
    assert sale["amounts"] == "; ".join(decision["amounts"])
    assert sale["topics"] == "; ".join(decision["topics"])
    first = decision["signatories"][0]
    assert sale["signatories"].startswith(f"role: {first['role']}, date: {first['date']}; ")
    assert sale["signatories"].count("; ") == len(decision["signatories"]) - 1


def test_every_gzip_download_has_a_plain_csv_beside_it_with_the_same_bytes(built_site):
    data = built_site.site_dir / "data"
    gzipped = sorted(data.rglob("*.csv.gz"))
    assert len(gzipped) >= 2
    for path in gzipped:
        plain = path.with_suffix("")
        assert plain.read_bytes() == gzip.decompress(path.read_bytes()), plain
    package = json.loads((built_site.site_dir / "datapackage.json").read_text(encoding="utf-8"))
    listed = {r["path"] for r in package["resources"]}
    assert {str(p.with_suffix("").relative_to(built_site.site_dir)) for p in gzipped} <= listed


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory):
    """The samples first committed on 12 June 2018; one notice's title corrected on 20 July 2018."""
    root = make_sample_project(tmp_path_factory.mktemp("dated") / "project").parent
    git(root, "init", "-q")
    commit(root, "2018-06-12", "First published")
    record = root / "data" / AMENDED
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["title"] = "Sale of IPv4 addresses"
    record.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    commit(root, "2018-07-20", "Title corrected")
    settings = load_settings(root / "opcc.yml")
    build_site(settings)
    return settings


def _lastmods(settings) -> dict[str, str]:
    root = ElementTree.parse(settings.site_dir / "sitemap.xml").getroot()
    site = settings.site.url
    return {u.findtext("s:loc", namespaces=SITEMAP).removeprefix(site): u.findtext("s:lastmod", namespaces=SITEMAP)
            for u in root.findall("s:url", SITEMAP)}


def test_each_pages_sitemap_lastmod_is_when_its_records_last_changed(dated_site):
    lastmod = _lastmods(dated_site)
    assert lastmod["decisions/opcc-d-033-23/"] == "2018-07-20"
    assert lastmod["decisions/opcc-d-084-16/"] == "2018-06-12"
    assert lastmod["spend/months/2018-04/"] == "2018-06-12"
    assert lastmod["registers/grants/"] == "2018-06-12"
    gzipped = gzip.decompress((dated_site.site_dir / "sitemap.xml.gz").read_bytes())
    assert gzipped == (dated_site.site_dir / "sitemap.xml").read_bytes()


def test_the_feed_says_when_a_notice_was_published_and_when_it_was_amended(dated_site):
    feed = ElementTree.parse(dated_site.site_dir / "feeds" / "decisions.xml").getroot()
    entries = {e.findtext("atom:title", namespaces=ATOM): e for e in feed.findall("atom:entry", ATOM)}
    amended = entries["Sale of IPv4 addresses"]
    assert amended.findtext("atom:published", namespaces=ATOM) == "2018-06-12T00:00:00Z"
    assert amended.findtext("atom:updated", namespaces=ATOM) == "2018-07-20T00:00:00Z"
    other = entries["Council tax precept and revenue budget 2016/17"]
    assert other.findtext("atom:updated", namespaces=ATOM) == "2018-06-12T00:00:00Z"
    assert feed.findtext("atom:updated", namespaces=ATOM) == "2018-07-20T00:00:00Z"
