"""Hostile PDFs: active content is refused, hidden text never reaches a field, and only a clean copy is published.

Every PDF here is made by the test (tests/hostile_pdfs.py) and goes through the real
readers (pdfium, qpdf) and real ingest into a project in a temporary folder.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import hostile_pdfs as hostile
import pikepdf
import pypdfium2 as pdfium
import pytest
import yaml
from test_gate import new_store

from ingest.errors import RefusedInput
from ingest.extract import extract
from ingest.pdf import read_pdf, refuse_unsafe
from ingest.pdf_clean import NotCleanable, clean_copy
from ingest.pdf_safety import MAX_OBJECT_DEPTH, MAX_PAGES, inspect_pdf, refuse_active_content
from opcc.batch import ingest_paths
from opcc.core.model import HIDDEN_TEXT
from opcc.store import Store

HIDDEN_WORDS = [hostile.UNDER_BOX, hostile.UNDER_BOX_TOO, hostile.WHITE, hostile.INVISIBLE]
SECRETS = [*HIDDEN_WORDS, hostile.EARLIER, "QQ123456C", "staff_salaries", "jsmith", "C:\\Users"]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def extract_cli(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "opcc.cli", "extract", str(path), "--json"],
                          capture_output=True, text=True, timeout=120)


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def every_string_in(data: bytes) -> str:
    """Every string, name and decoded stream of every object: what a reader of the file's objects finds."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        parts = [repr(pdf.trailer)]
        for obj in pdf.objects:
            parts.append(repr(obj))
            if isinstance(obj, pikepdf.Stream):
                parts.append(obj.read_bytes().decode("latin-1"))
        return "\n".join(parts)


# -- active content: a walk of the objects, not a regex over the bytes -------------------------


@pytest.mark.parametrize("make", [
    hostile.javascript_with_name_escapes,
    hostile.javascript_in_an_object_stream,
    lambda: hostile.link_action(b"/Launch"),
    lambda: hostile.link_action(b"/SubmitForm"),
], ids=["name-escapes", "object-stream", "launch", "submit-form"])
def test_active_content_however_spelled_or_stored_is_refused_with_one_line(tmp_path, make):
    result = extract_cli(write(tmp_path, "notice.pdf", make()))
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"opcc: {tmp_path / 'notice.pdf'}: PDF carries active content (")
    assert "refused for safety" in line


def test_the_name_escaped_and_compressed_javascript_has_no_javascript_in_its_bytes():
    assert b"/JavaScript" not in hostile.javascript_with_name_escapes()
    assert b"/JS" not in hostile.javascript_with_name_escapes()
    assert b"app.alert" not in hostile.javascript_in_an_object_stream()  # inside a compressed object stream
    assert inspect_pdf(hostile.javascript_in_an_object_stream()).active == ["JavaScript"]


def test_a_scan_whose_jpeg_bytes_hold_slash_js_is_not_refused():
    data = hostile.scan_with_js_bytes_in_its_jpeg()
    assert b"/JS" in data
    refuse_unsafe(data)
    assert refuse_active_content(data).active == []


def test_a_200000_page_pdf_is_refused_before_it_is_read(tmp_path):
    path = write(tmp_path, "pages.pdf", hostile.many_pages(200_000))
    result = extract_cli(path)  # the time and memory it takes: scripts/benchmarks/pdf_safety.py
    assert result.returncode == 2
    assert result.stderr.strip() == f"opcc: {path}: PDF has 200,000 pages; more than {MAX_PAGES:,} are refused"


def test_objects_nested_too_deep_are_refused():
    with pytest.raises(RefusedInput, match=f"nest more than {MAX_OBJECT_DEPTH} deep"):
        inspect_pdf(hostile.deeply_nested(MAX_OBJECT_DEPTH + 10))
    inspect_pdf(hostile.deeply_nested(MAX_OBJECT_DEPTH - 10))


# -- hidden text never reaches a field ------------------------------------------------------------


def test_text_under_a_box_white_or_invisible_is_left_out_of_the_lines_and_named_on_the_document(tmp_path):
    doc = read_pdf(write(tmp_path, "n.pdf", hostile.notice(box=True, white=True, invisible=True)))
    assert "Settlement of an employment tribunal claim" in doc.text
    for hidden in HIDDEN_WORDS:
        assert hidden not in doc.text
        assert not any(w in doc.text for w in hidden.split() if len(w) > 6 and w not in " ".join(hostile.NOTICE))
    assert sorted({h.how for h in doc.hidden}) == ["invisible", "the colour of its background", "under a filled box"]
    assert {h.page for h in doc.hidden} == {1}


def test_a_record_read_from_a_pdf_that_hides_text_is_flagged_and_holds_none_of_it(tmp_path):
    record = extract(write(tmp_path, "n.pdf", hostile.notice(box=True, white=True)))
    assert record.kind == "decision" and record.reference == "OPCC/D/077/23"
    [held, noted] = [f for f in record.review if "cannot see" in f.reason]
    assert (held.field, held.page, noted.field, noted.page) == (HIDDEN_TEXT, 1, "sources", 1)
    assert "under a filled box" in held.reason and "the colour of its background" in noted.reason
    dumped = record.model_dump_json()
    assert not any(word in dumped for word in ("Okafor", "Finch", "Brightwater", "37,500"))


def test_a_notice_with_text_under_a_box_is_held_as_a_stub_and_its_pdf_kept_private(tmp_path):
    store = new_store(tmp_path / "project")
    path = write(tmp_path, "n.pdf", hostile.six_kinds())
    [outcome] = ingest_paths([path], store, jobs=1, progress=False)
    assert outcome.status == "new", outcome.reason
    [stub] = store.decisions()
    assert stub.reference == "OPCC/D/077/23" and stub.withheld and stub.title is None and stub.summary is None
    assert stub.reason_if_confidential == "Held for review"
    assert [f.field for f in stub.review] == [HIDDEN_TEXT]
    [held] = store.withheld_decisions()
    assert held.title == "Settlement of an employment tribunal claim"
    assert not list((store.public / "sources").glob("*.pdf"))
    public = " ".join(p.read_bytes().decode("utf-8", "replace") for p in store.public.rglob("*") if p.is_file())
    assert not any(secret in public for secret in SECRETS)


def test_a_person_s_decision_in_the_overrides_file_publishes_a_held_notice(tmp_path):
    store = new_store(tmp_path / "project")
    ingest_paths([write(tmp_path, "n.pdf", hostile.notice(box=True))], store, jobs=1, progress=False)
    [stub_path] = (store.public / "decisions").rglob("*.yaml")
    overrides = stub_path.with_name(stub_path.name.removesuffix(".yaml") + ".overrides.yaml")
    overrides.write_text(yaml.safe_dump({"for_publication": True, "title": "Settlement of a claim",
                                         "reviewed": [HIDDEN_TEXT]}))
    from opcc import gate

    [decision] = gate.public_data(Store(store.settings)).decisions
    assert not decision.withheld and decision.title == "Settlement of a claim"


def test_a_properly_redacted_notice_publishes(tmp_path):
    """The same notice with the box drawn where the text was removed: nothing is hidden, so nothing is held."""
    out = io.BytesIO()
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(out, pagesize=A4, invariant=True)
    for n, line in enumerate(hostile.NOTICE):
        c.drawString(72, 780 - 18 * n, line)
    c.rect(68, 500, 420, 32, fill=1, stroke=0)  # a box with nothing under it
    c.showPage()
    c.save()
    store = new_store(tmp_path / "project")
    [outcome] = ingest_paths([write(tmp_path, "redacted.pdf", out.getvalue())], store, jobs=1, progress=False)
    assert outcome.status == "new" and outcome.warnings == []
    [decision] = store.decisions()
    assert not decision.withheld and decision.title == "Settlement of an employment tribunal claim"
    assert store.source_path(decision.sources[0].sha256).exists()


# -- the published copy is clean, and checked -------------------------------------------------------


@pytest.fixture
def five_kinds(tmp_path) -> tuple[Store, Path, bytes]:
    """A notice with metadata, XMP, an embedded CSV, white and invisible text and an earlier revision, ingested."""
    original = hostile.with_earlier_revision(hostile.with_metadata_and_attachment(hostile.draft(white=True, invisible=True)))
    store = new_store(tmp_path / "project")
    [outcome] = ingest_paths([write(tmp_path, "notice.pdf", original)], store, jobs=1, progress=False)
    assert outcome.status == "new", outcome.reason
    return store, store.public / "sources", original


def test_the_hostile_original_does_carry_each_kind(five_kinds):
    _, _, original = five_kinds
    strings = every_string_in(original)
    assert "jsmith" in strings and "Drafts" in strings
    assert "QQ123456C" in strings
    assert hostile.WHITE in pdf_text(original) and hostile.INVISIBLE in pdf_text(original)
    first_revision = original[:original.index(b"%%EOF") + 5]
    assert hostile.EARLIER in pdf_text(first_revision) and hostile.EARLIER not in pdf_text(original)
    assert sorted(inspect_pdf(original).hidden) == ["an earlier revision", "an embedded file", "metadata"]


def test_the_published_copy_holds_none_of_the_hidden_content(five_kinds):
    store, sources, original = five_kinds
    [decision] = store.decisions()
    published = store.source_path(decision.sources[0].sha256)
    assert published.parent == sources and published.read_bytes() != original
    data = published.read_bytes()
    assert inspect_pdf(data).hidden == set() and inspect_pdf(data).active == []
    assert data.count(b"startxref") == 1
    strings = every_string_in(data)
    for secret in SECRETS:
        assert secret not in strings and secret.encode() not in data
    text = pdf_text(data)
    assert "Settlement of an employment tribunal claim" in text and "Matthew Scott" in text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root and not pdf.attachments


def test_the_original_is_kept_privately_under_its_sha256(five_kinds):
    store, _, original = five_kinds
    [decision] = store.decisions()
    kept = store.private / "originals" / f"{decision.sources[0].sha256}.pdf"
    assert kept.read_bytes() == original


def test_the_built_site_publishes_only_the_clean_copy(five_kinds):
    from opcc.site.build import build_site

    store, sources, original = five_kinds
    build_site(store.settings)
    [published] = (store.settings.site_dir / "sources").glob("*.pdf")
    assert published.read_bytes() == next(sources.glob("*.pdf")).read_bytes()
    assert not any(secret.encode() in published.read_bytes() for secret in SECRETS)


def test_cleaning_is_deterministic_and_refuses_what_it_cannot_clean():
    original = hostile.with_earlier_revision(hostile.with_metadata_and_attachment(hostile.draft(white=True)))
    assert clean_copy(original) == clean_copy(original)
    with pytest.raises(NotCleanable, match="under a box"):
        clean_copy(hostile.notice(box=True))
