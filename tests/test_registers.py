"""The Order's other information as records: registers and documents a person writes as YAML (a
document with its PDF beside it), read through the publication gate into data/, and published
with their downloads.

Every test ingests real files through ``opcc ingest``'s library (``ingest_paths``) into a fresh
project, or reads the sample site built once for the session (``built_site``).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SAMPLES
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from opcc.batch import ingest_paths
from opcc.checks.duties import check
from opcc.checks.review import review_items
from opcc.core.registry import kinds
from opcc.core.settings import load_settings
from opcc.gate import public_data
from opcc.store import Store


@pytest.fixture
def project(tmp_path):
    shutil.copyfile(REPO / "opcc.yml", tmp_path / "opcc.yml")
    return load_settings(tmp_path / "opcc.yml")


def ingest(project, *paths: Path):
    return ingest_paths(list(paths), Store(project), jobs=1, progress=False)


def write(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def pdf(path: Path, *lines: str) -> Path:
    """A one-page PDF with a text layer holding ``lines``."""
    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for i, line in enumerate(lines):
        page.drawString(72, 770 - 16 * i, line)
    page.save()
    return path


def stored(project, kind: str) -> list:
    return Store(project).records(kind)


# -- input -----------------------------------------------------------------------------------------------

def test_every_sample_is_ingested_and_every_kind_with_a_section_is_filled(project):
    outcomes = ingest(project, SAMPLES / "registers", SAMPLES / "documents")
    assert [o.reason for o in outcomes if o.status == "failed"] == []
    for name, kind in kinds().items():
        if kind.section and kind.section.generator == "opcc.site.registers":
            assert stored(project, name), f"no sample {name} record"


def test_a_yaml_record_with_a_typo_is_refused_with_the_file_and_the_field_and_the_batch_goes_on(project, tmp_path):
    bad = write(tmp_path / "in" / "premises.yaml", {"kind": "premises", "title": "Premises", "entries": [
        {"name": "Headquarters", "adress": "Sutton Road", "tenure": "owned"}]})
    good = shutil.copy(SAMPLES / "registers" / "premises.yaml", tmp_path / "in" / "premises-2018.yaml")
    outcomes = {o.path.name: o for o in ingest(project, bad, Path(good))}
    assert outcomes["premises.yaml"].status == "failed"
    assert outcomes["premises.yaml"].reason.startswith("entries.0.address: Field required")
    assert outcomes["premises-2018.yaml"].status == "new"
    assert not (project.data_dir / "premises" / "kent-police-and-crime-commissioner" / "premises.yaml").exists()


def test_a_new_version_of_a_register_file_replaces_the_stored_register(project, tmp_path):
    path = shutil.copy(SAMPLES / "registers" / "premises.yaml", tmp_path / "premises.yaml")
    ingest(project, Path(path))
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    data["entries"] = data["entries"][:2]
    write(Path(path), data)
    assert [o.status for o in ingest(project, Path(path))] == ["updated"]
    [register] = stored(project, "premises")
    assert len(register.entries) == 2  # the removed premises are gone, not left behind


def test_a_document_is_its_side_car_with_its_pdf_kept_by_sha256(project):
    ingest(project, SAMPLES / "documents")
    budget = next(d for d in stored(project, "document") if "finance.budget" in d.duties)
    assert budget.period.text == "2018/19" and budget.sources[0].filename == "budget-2018-19.pdf"
    copy = Store(project).source_path(budget.sources[0].sha256)  # its clean copy, as the site serves it
    assert copy.exists() and copy.read_bytes()[:5] == b"%PDF-"


def test_a_document_whose_pdf_carries_a_protective_marking_is_held_until_a_person_decides(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    pdf(folder / "estates-review.pdf", "OFFICIAL - SENSITIVE", "Estates review 2018", "Options for the estate.")
    side = {"kind": "document", "title": "Estates review 2018", "duties": ["performance.s11_general"],
            "period": "2018/19", "summary": "The options considered for the estate."}
    write(folder / "estates-review.yaml", side)
    ingest(project, folder)
    [held] = stored(project, "document")
    assert held.withheld and held.summary is None  # only the stub is in data/
    sha = Store(project).records("document", project.private_dir)[0].sources[0].sha256
    assert (project.private_dir / "sources" / f"{sha}.pdf").exists()
    assert Store(project).source_path(sha) is None
    assert any("protective marking" in item and "'OFFICIAL - SENSITIVE' (page 1)" in item
               for item in review_items(project))

    write(folder / "estates-review.yaml", {**side, "reviewed": ["marking"]})  # a person decided; the PDF is the same
    assert [o.status for o in ingest(project, folder)] == ["updated"]
    [published] = stored(project, "document")
    assert not published.withheld and published.summary == "The options considered for the estate."
    assert Store(project).source_path(sha).exists()
    assert not (project.private_dir / "sources" / f"{sha}.pdf").exists()  # public now: no private copy left
    from opcc.checks.leakscan import scan

    assert scan(project) == []


def test_the_word_confidential_in_a_sentence_is_not_a_marking(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    pdf(folder / "whistleblowing.pdf", "Whistleblowing policy", "You may report a concern in confidence,",
        "and the office keeps every report confidential.")
    write(folder / "whistleblowing.yaml", {"kind": "document", "title": "Whistleblowing policy",
                                           "duties": ["policies.whistleblowing"]})
    ingest(project, folder)
    [document] = stored(project, "document")
    assert not document.withheld


def test_a_senior_employees_name_without_consent_never_reaches_data_or_the_site(project, tmp_path):
    write(tmp_path / "senior.yaml", {"kind": "senior_staff", "title": "Senior employees", "entries": [
        {"post": "Chief Executive", "responsibilities": "Head of paid staff", "salary": "105000.00",
         "name": "Helen Marsh", "name_consent": "given"},
        {"post": "Chief Finance Officer", "responsibilities": "Section 151 officer", "salary": "92000.00",
         "name": "Robert Kline", "name_consent": "refused"},
        {"post": "Head of Policy", "responsibilities": "Policy", "salary": "60000.00", "name": "Sam Ode"},
    ]})
    ingest(project, tmp_path / "senior.yaml")
    public = "".join(p.read_text(encoding="utf-8") for p in project.data_dir.rglob("*.yaml"))
    assert "Helen Marsh" in public
    assert "Robert Kline" not in public and "Sam Ode" not in public  # refused, and consent not recorded
    [register] = stored(project, "senior_staff")
    assert [e.name for e in register.entries] == ["Helen Marsh", None, None]
    assert [e.salary for e in register.entries] == [Decimal("105000.00"), Decimal("92000.00"), Decimal("60000.00")]
    private = "".join(p.read_text(encoding="utf-8") for p in project.private_dir.rglob("*.yaml"))
    assert "Robert Kline" in private and "Sam Ode" in private  # kept privately, for the leak scan to look for
    assert any("entries[2].name: withheld: the register does not record" in item for item in review_items(project))


def test_a_name_without_consent_written_into_data_by_hand_fails_the_build(project, tmp_path):
    from opcc.site.build import build_site

    write(project.data_dir / "senior_staff" / "kent-police-and-crime-commissioner" / "senior.yaml", {
        "kind": "senior_staff", "title": "Senior employees", "entries": [
            {"post": "Chief Finance Officer", "responsibilities": "Section 151 officer", "name": "Robert Kline",
             "name_consent": "refused"}]})
    assert public_data(Store(project)).records["senior_staff"][0][1].entries[0].name is None  # never on the site
    with pytest.raises(RuntimeError, match=r"data/ holds values withheld from publication: .*senior\.yaml: "
                                           r"entries\[0\]\.name"):
        build_site(project)


def test_personal_data_in_one_entry_holds_back_that_value_only(project, tmp_path):
    write(tmp_path / "interests.yaml", {"kind": "interests", "title": "Register of interests", "holder": "Matthew Scott",
                                    "role": "Police and Crime Commissioner", "entries": [
        {"category": "Land and property", "description": "Home at 14 Acacia Avenue, Maidstone ME14 2AB"},
        {"category": "Membership of bodies", "description": "Member of the Association of Police and Crime Commissioners"},
    ]})
    ingest(project, tmp_path / "interests.yaml")
    [register] = stored(project, "interests")
    assert "Acacia" not in register.entries[0].description  # redacted before it reached data/
    assert register.entries[1].description.startswith("Member of the Association")
    [(_, shown)] = public_data(Store(project)).records["interests"]
    assert [e.description for e in shown.entries][1] == register.entries[1].description


# -- published ---------------------------------------------------------------------------------------------

def rows_of(site: Path, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / "data" / "registers" / name).read_text(encoding="utf-8"))))


def test_a_registers_download_has_a_row_per_entry_dated_and_linked(built_site):
    site, settings = built_site.site_dir, built_site.settings
    [register] = Store(settings).records("grants")[:1]
    rows = rows_of(site, "grants.csv")
    assert len(rows) == sum(len(r.entries) for r in Store(settings).records("grants"))
    first = next(r for r in rows if r["reference"] == register.entries[0].reference)
    assert first["amount"] == f"{register.entries[0].amount:.2f}" and first["register"] == register.title
    assert first["first_published"] == "2018-05-15"
    assert first["page_url"] == "https://example.github.io/opcc/registers/grants/#crime-and-disorder-reduction-grants-april-2018"
    assert "Robert Kline" not in (site / "data" / "registers" / "senior_staff.csv").read_text(encoding="utf-8")


def test_the_datapackage_describes_every_register_download(built_site):
    package = json.loads((built_site.site_dir / "datapackage.json").read_text(encoding="utf-8"))
    paths = {resource["path"] for resource in package["resources"]}
    for name, kind in kinds().items():
        if kind.downloads:
            assert f"data/registers/{name}.csv" in paths and f"data/registers/{name}.json" in paths
    assert {"data/registers/grants-360giving.csv", "data/duties.json"} <= paths


def test_grants_in_the_360giving_standard(built_site):
    rows = rows_of(built_site.site_dir, "grants-360giving.csv")
    grants = [g for r in Store(built_site.settings).records("grants") for g in r.entries]
    assert sorted(Decimal(r["Amount Awarded"]) for r in rows) == sorted(g.amount for g in grants)
    assert all(r["Identifier"].startswith("360G-") and r["Currency"] == "GBP" for r in rows)
    assert len({r["Identifier"] for r in rows}) == len(rows)
    catch22 = next(r for r in rows if r["Recipient Org:Name"] == "Catch22 Charity Ltd")
    assert catch22["Award Date"] == "2018-04-05" and catch22["Funding Org:Name"] == "Kent Police and Crime Commissioner"


def test_the_sites_list_of_duties_is_what_opcc_check_says(built_site):
    published = json.loads((built_site.site_dir / "data" / "duties.json").read_text(encoding="utf-8"))
    assert published == [r.as_json() for r in check(built_site.settings)]


def test_spend_downloads_keep_the_spending_body_and_the_value_for_money_reason(built_site):
    import gzip

    text = (built_site.site_dir / "data" / "spend" / "months" / "2018-05.csv").read_text(encoding="utf-8")
    month = list(csv.DictReader(io.StringIO(text)))
    assert {r["spending_body"] for r in month} == {"PCC", "Chief Constable"}
    assert all(r["value_for_money_reason"] for r in month)
    lga = gzip.decompress((built_site.site_dir / "data" / "spend" / "spend-lga.csv.gz").read_bytes()).decode()
    header = next(csv.reader(io.StringIO(lga)))
    assert "Responsible Unit" in header and header[-1] == "Value For Money Reason"


def test_the_leak_scan_finds_a_withheld_name_if_it_ever_reaches_the_site(project, tmp_path):
    from opcc.checks.leakscan import scan

    write(tmp_path / "senior.yaml", {"kind": "senior_staff", "title": "Senior employees", "entries": [
        {"post": "Chief Finance Officer", "responsibilities": "Section 151 officer", "name": "Robert Kline",
         "name_consent": "refused"}]})
    ingest(project, tmp_path / "senior.yaml")
    assert scan(project) == []
    page = project.site_dir / "registers" / "senior-staff" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>Chief Finance Officer: Robert Kline</p>", encoding="utf-8")
    assert any("site/registers/senior-staff/index.html" in str(hit) for hit in scan(project))
