"""The leak scan finds withheld text wherever and however it is published, and nothing else.

The private store is made by real ingest of the corpus's confidential notices
(tests/fixtures/withheld/) with some open Kent notices. First site files are written
by hand, in each format the site publishes, with and without withheld text; then
the real site is built (``build_site``), once as it is and once with the gate
bypassed.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from test_gate import PRICING_APPENDIX, WITHHELD, one_page_pdf, truth, with_appendix

from opcc.batch import ingest_paths
from opcc.checks.leakscan import find_leaks, scan, tracked_files
from opcc.core.settings import load_settings
from opcc.store import Store

REPO = Path(__file__).resolve().parent.parent
CONFIDENTIAL = ["decision_005", "decision_008", "decision_012", "decision_016", "decision_021", "decision_037"]
OPEN = [WITHHELD / "decision_023.pdf", REPO / "samples" / "decisions" / "decision_014.pdf",
        REPO / "samples" / "decisions" / "decision_030.pdf"]
A_CANARY = "CANARY-" + "0123456789ab"  # built at run time, so this file itself holds no canary
CANARY = re.compile(r"CANARY-[0-9A-Za-z]{12}")  # the fixtures' markers: the tests know them, the scan does not


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
    [(where, [text])] = leaks(project).items()
    assert where == f"site/{relpath}"
    assert text.startswith("withheld text") and "private/decisions/" in text
    assert summary[:40] not in text and truth("decision_008")["canary"] not in text, \
        "a hit must not repeat the withheld text into the build log"


def test_withheld_text_in_a_pagefind_fragment_is_found(project):
    fragment = json.dumps({"url": "/decisions/x/", "content": withheld_summary("decision_016")})
    write(project, "pagefind/fragment/en_3f2a1b.pf_fragment", gzip.compress(b"pagefind_dcd" + fragment.encode()))
    [(where, [text])] = leaks(project).items()
    assert where == "site/pagefind/fragment/en_3f2a1b.pf_fragment"
    assert text.startswith("withheld text")


def test_withheld_text_in_a_parquet_text_column_is_found(project):
    path = project.site_dir / "data" / "decisions.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.table({"reference": ["A", "B"], "summary": ["Nothing", withheld_summary("decision_037")]}), path)
    [(where, [text])] = leaks(project).items()
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
    assert any(h.startswith(f"site/sources/{source.name}: withheld text") for h in hits)


# -- canaries ----------------------------------------------------------------------------------


def test_every_withheld_notice_s_canary_is_in_the_private_store_and_none_in_data(project):
    store = Store(project)
    private = " ".join(p.read_text("utf-8", "replace") for p in store.private.rglob("*.yaml"))
    public = " ".join(p.read_text("utf-8", "replace") for p in store.public.rglob("*") if p.is_file())
    for name in CONFIDENTIAL:
        assert truth(name)["canary"] not in public
        assert truth(name)["canary"] in private or truth(name)["scanned"]  # OCR misreads one character
    assert len(set(CANARY.findall(private))) == len(CONFIDENTIAL)


def test_a_withheld_notice_s_canary_alone_is_found_as_a_withheld_code(project):
    """The scan knows no canary pattern: the canary is found as any long code of the private store's text is."""
    write(project, "decisions/x.html", f"<p>Ref {truth('decision_037')['canary']}</p>")
    [hit] = scan(project)
    assert hit.startswith("site/decisions/x.html: withheld text (0 phrase(s), 1 number(s))")


def test_a_code_no_withheld_record_holds_is_no_alarm(project):
    write(project, "assets/app.js", f"var x = '{A_CANARY}';")
    assert scan(project) == []


def test_the_leak_scan_knows_no_canary_pattern():
    product = [p for top in ("opcc", "ingest") for p in (REPO / top).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts]  # compiled copies are not the product's source
    assert [str(p) for p in product if b"CANARY" in p.read_bytes()] == []


# -- data/ and the repository -------------------------------------------------------------------


def test_data_is_searched_before_it_is_committed(project):
    (project.data_dir / "notes.md").write_text(f"See {truth('decision_012')['canary']}\n")
    [hit] = scan(project)
    assert hit.startswith("data/notes.md: withheld text")


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


def test_a_phrase_across_the_seam_of_two_chunks_of_a_large_file_is_found(project, monkeypatch):
    from opcc.checks import leakscan

    monkeypatch.setattr(leakscan, "CHUNK_CHARS", 1000)
    sentence = withheld_summary("decision_005").split(". ")[0]
    write(project, "data/big.csv", "row,text\n" + "1,filler\n" * 110 + f"2,{sentence}\n")  # it crosses 1,000
    assert list(leaks(project)) == ["site/data/big.csv"]


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


# -- the real build -------------------------------------------------------------------------------

FIXTURE_BODIES = sorted({truth(name)["body"] for name in [*CONFIDENTIAL, "decision_023"]})
PRIVATE_PAYEE = "Mr Ezekiel Quinton-Hargreave"
SPEND_CSV = (
    "Date,Supplier,Description,Expense Type,Service Area,Transaction No,Amount\n"
    "03/05/2019,Kier Construction Ltd,Office rent Q1,Rents,OPCC,900101,\"£7,850.00\"\n"
    f"09/05/2019,{PRIVATE_PAYEE},Victim travel expenses,Expenses,OPCC,900102,£612.40\n"
    "21/05/2019,Dandelion Time,Grant - 1st instalment,Grants,OPCC,900103,\"£16,258.50\"\n"
)


def build_project(root: Path):
    """A project whose register takes in the fixtures' bodies, with the notices and a spend return ingested."""
    root.mkdir(parents=True)
    config = yaml.safe_load((REPO / "opcc.yml").read_text(encoding="utf-8"))
    config["body"]["aliases"] += FIXTURE_BODIES  # so every withheld notice is on this register, as a stub
    (root / "opcc.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    (root / "kent_pcc_2019_05.csv").write_text(SPEND_CSV, encoding="utf-8")
    settings = load_settings(root / "opcc.yml")
    pdfs = [WITHHELD / f"{name}.pdf" for name in CONFIDENTIAL] + OPEN
    outcomes = ingest_paths([*pdfs, root / "kent_pcc_2019_05.csv"], Store(settings), jobs=1, progress=False)
    assert all(o.status in ("new", "updated") for o in outcomes), [(o.status, o.reason) for o in outcomes]
    return settings


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from opcc.site.build import build_site

    settings = build_project(tmp_path_factory.mktemp("built") / "project")
    build_site(settings)  # its last stage is the leak scan: it raises on any hit
    return settings


def site_texts(settings) -> dict[str, str]:
    """Every site file's bytes as text, Pagefind's gzip files decompressed: read without the scanner."""
    texts = {}
    for path in sorted(settings.site_dir.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data.startswith(b"\x1f\x8b"):
                data = gzip.decompress(data)
            texts[str(path.relative_to(settings.root))] = data.decode("utf-8", "replace")
    return texts


def test_a_normal_build_publishes_the_stubs_and_no_withheld_text(built):
    texts = site_texts(built)
    assert len(texts) > 100
    register = texts["site/data/decisions.json"]
    for name in CONFIDENTIAL:
        expected = truth(name)
        assert expected["reference"] in register, f"{name}'s stub is on the register"
        summary = " ".join(expected["summary"].split())
        for where, text in texts.items():
            assert expected["canary"] not in text, f"{where} holds {name}'s canary"
            assert summary not in " ".join(text.split()), f"{where} holds {name}'s summary"
    assert scan(built) == []


def test_no_withheld_source_pdf_is_copied_to_the_site(built):
    store = Store(built)
    published = {p.name.split(".")[0] for p in (built.site_dir / "sources").glob("*")}
    withheld = {source.sha256 for d in store.withheld_decisions() for source in d.sources}
    assert withheld and published and not (withheld & published)


def test_a_payment_to_a_private_individual_is_published_only_as_redacted_personal_data(built):
    texts = site_texts(built)
    assert not [where for where, text in texts.items() if "Quinton-Hargreave" in text]
    spend = pd.read_csv(next((built.site_dir / "data" / "spend").glob("spend.csv*")), dtype=str)  # may be gzipped
    row = spend[spend["transaction_id"] == "900102"].iloc[0]
    assert (row["supplier"], row["amount"], row["date"], row["description"]) == (
        "REDACTED PERSONAL DATA", "612.40", "2019-05-09", "Victim travel expenses")
    stored = pd.read_csv(next((built.data_dir / "expenditure").rglob("2019-05.csv")), dtype=str)
    # data/ is a public repository: the name never enters it, only the private store keeps it.
    assert PRIVATE_PAYEE not in set(stored["supplier"])
    assert any(PRIVATE_PAYEE in removed["rows.supplier"] for _, removed in Store(built).removed_personal_data())
    assert not any(PRIVATE_PAYEE.encode() in p.read_bytes() for p in built.data_dir.rglob("*") if p.is_file())
    assert sum(map(Decimal, spend["amount"])) == sum(map(Decimal, stored["amount"])) == Decimal("24720.90")


def test_a_build_that_bypasses_the_gate_fails_and_names_the_leaking_files(tmp_path, monkeypatch):
    """The bug simulated: the site reads the private store too, and the gate passes it all as open."""
    from opcc import gate
    from opcc.site.build import build_site

    settings = build_project(tmp_path / "project")
    public_and_private = Store.decisions
    monkeypatch.setattr(Store, "decisions", lambda store: public_and_private(store) + store.withheld_decisions())
    monkeypatch.setattr(gate, "publishable_decision", lambda decision, official=None: decision.model_copy(
        update={"classification": "open", "for_publication": True}))
    with pytest.raises(RuntimeError) as failure:
        build_site(settings)
    leaked = {hit.partition(": ")[0] for hit in str(failure.value).partition(": ")[2].split("; ")}
    assert {"build/site/data/decisions.json", "build/site/data/decisions.csv"} <= leaked
    assert any(where.startswith("build/site/decisions/") and where.endswith(".html") for where in leaked)
    assert any(where.startswith("build/site/pagefind/fragment/") for where in leaked)
    for name in CONFIDENTIAL:
        assert truth(name)["canary"] not in str(failure.value), "the failure message must not leak either"
    # What the failed build made is gone: nothing leaking is left to be served or deployed.
    assert not settings.site_dir.exists() and not (settings.root / "build" / "site").exists()


def test_withheld_text_slipped_into_the_built_search_index_is_found(built, tmp_path):
    """A Pagefind fragment of the real build, rewritten to carry a withheld summary's sentence."""
    root = tmp_path / "copy"
    shutil.copytree(built.root, root)
    settings = load_settings(root / "opcc.yml")
    fragment = sorted((settings.site_dir / "pagefind" / "fragment").glob("*.pf_fragment"))[0]
    data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
    data["content"] += " " + withheld_summary("decision_005").split(". ")[1]
    fragment.write_bytes(gzip.compress(b"pagefind_dcd" + json.dumps(data).encode()))
    assert list(leaks(settings)) == [str(fragment.relative_to(root))]


# -- the sieve: files at the large site's scale, leaks in them however spelled -------------------------


def spend_rows(count: int) -> str:
    return "".join(f"2019-05-{1 + n % 28:02d},Supplier {n % 97} Ltd,Service charge for the period,{n * 7 % 99991}.00\n"
                   for n in range(count))


def test_a_withheld_phrase_in_a_large_month_page_is_found(project):
    rows = "".join(f"<tr><td>{line.replace(',', '</td><td>')}</td></tr>" for line in spend_rows(20_000).splitlines())
    sentence = withheld_summary("decision_005").split(". ")[0]
    write(project, "spend/2019-05/index.html", f"<table>{rows}<tr><td>{sentence}</td></tr>{rows}</table>")
    assert list(leaks(project)) == ["site/spend/2019-05/index.html"]


def test_a_withheld_phrase_in_a_gzip_csv_is_found_across_the_seam_of_two_blocks(project, monkeypatch):
    from opcc.checks import leakscan

    monkeypatch.setattr(leakscan, "READ_BYTES", 4096)
    sentence = withheld_summary("decision_016").split(". ")[0]
    rows = spend_rows(2_000)
    cut = rows.index("\n", len(rows) // 2) + 1 - len(sentence) // 2  # the sentence crosses 4,096-byte blocks
    write(project, "data/spend/spend.csv.gz", gzip.compress(f"{rows[:cut]},{sentence}\n{rows[cut:]}".encode()))
    assert list(leaks(project)) == ["site/data/spend/spend.csv.gz"]


def test_a_withheld_phrase_in_a_gzip_binary_shard_is_found(project):
    sentence = withheld_summary("decision_016").split(". ")[0].encode()
    shard = bytes(range(256)) * 400 + b"\x00" + sentence + b"\x00\x01" * 1000
    write(project, "data/spend/explorer/b/2.bin", gzip.compress(shard))
    [hit] = scan(project)
    assert hit.startswith("site/data/spend/explorer/b/2.bin: withheld text")


@pytest.mark.parametrize(
    "spell",
    [
        lambda s, rows: json.dumps({"summary": s, "rows": rows}).replace("e", "\\u0065"),
        lambda s, rows: f"<p>{s.replace('fi', 'ﬁ').replace('e', '&#101;')}</p><pre>{rows}</pre>",
        lambda s, rows: f"<p>{s.replace(' ', '<br>')}</p><pre>{rows}</pre>",
    ],
    ids=["json-escapes", "ligatures-and-references", "words-between-tags"],
)
def test_a_withheld_phrase_spelled_so_that_its_bytes_do_not_show_it_is_found(project, spell):
    sentence = withheld_summary("decision_005").split(". ")[0]
    assert all("e" in " ".join(sentence.split()[i:i + 8]) for i in range(len(sentence.split()) - 7))
    write(project, "data/x.txt", spell(sentence, spend_rows(100)))
    assert list(leaks(project)) == ["site/data/x.txt"]


def test_a_personal_data_payee_in_a_published_spend_csv_is_found(built, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(built.root, root)
    settings = load_settings(root / "opcc.yml")
    spend = settings.site_dir / "data" / "spend" / "extra.csv"
    spend.write_text(SPEND_CSV.replace("Kier Construction Ltd", "KIER CONSTRUCTION") + spend_rows(5_000))
    found = leaks(settings)
    assert list(found) == ["site/data/spend/extra.csv"]
    assert "personal data kept in private/" in found["site/data/spend/extra.csv"][0]


@pytest.mark.parametrize("tagged", [False, True], ids=["text", "between-tags"])
def test_a_withheld_phrase_in_a_page_is_found_across_the_seam_of_two_blocks(project, monkeypatch, tagged):
    from opcc.checks import leakscan

    monkeypatch.setattr(leakscan, "READ_BYTES", 4096)
    sentence = withheld_summary("decision_016").split(". ")[0]
    if tagged:
        sentence = sentence.replace(" ", " <b class='x'>", 3).replace(" ", "</b> ", 2)
    rows = "".join(f"<tr><td>{line}</td></tr>\n" for line in spend_rows(200).splitlines())
    cut = 4096 - len("<table><p>") - 40  # the sentence starts 40 bytes before the first block ends
    write(project, "spend/2019-05/index.html", f"<table>{rows[:cut]}<p>{sentence}</p>{rows[cut:]}</table>")
    assert list(leaks(project)) == ["site/spend/2019-05/index.html"]
