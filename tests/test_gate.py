"""The publication gate: what it lets into data/ and the site, and what it holds back.

Real corpus notices (tests/fixtures/withheld/) go through real ingest into a
project in a temporary folder; the gate's decisions are read back from the files
it wrote.
"""

from __future__ import annotations

import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium
import pytest
import yaml
from hostile_pdfs import raw_pdf

from opcc import gate
from opcc.batch import ingest_paths
from opcc.checks.leakscan import file_text
from opcc.core.kinds.decision import KIND as DECISION
from opcc.core.kinds.decision import Decision
from opcc.core.kinds.expenditure import SPEND_COLUMNS, SpendRow
from opcc.core.kinds.panel_report import PanelItem, PanelReport
from opcc.core.model import ReviewFlag
from opcc.core.privacy import OfficialContacts
from opcc.core.settings import load_settings
from opcc.core.text import comparable
from opcc.store import Store

REPO = Path(__file__).resolve().parent.parent
WITHHELD = REPO / "tests" / "fixtures" / "withheld"
CONFIDENTIAL = ["decision_005", "decision_008", "decision_012", "decision_016", "decision_021", "decision_037"]
KENT = OfficialContacts.from_settings(load_settings(REPO / "opcc.yml"))


def truth(name: str) -> dict:
    return json.loads((WITHHELD / f"{name}.truth.json").read_text(encoding="utf-8"))


def new_store(root: Path) -> Store:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "opcc.yml", root / "opcc.yml")
    return Store(load_settings(root / "opcc.yml"))


def one_page_pdf(lines: list[str]) -> bytes:
    """A minimal text PDF (Helvetica, one line per entry), enough for pdfium to read back."""
    escaped = [line.replace("(", "\\(").replace(")", "\\)") for line in lines]
    text = " ".join(f"({line}) '" for line in escaped)
    content = f"BT /F1 11 Tf 72 780 Td 14 TL {text} ET".encode("latin-1")
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ], version=b"1.4")


def with_appendix(notice: Path, appendix_lines: list[str], target: Path) -> Path:
    """A copy of a public notice with its withheld appendix bound in after the last page."""
    pdf = pdfium.PdfDocument(notice)
    pdf.import_pages(pdfium.PdfDocument(one_page_pdf(appendix_lines)))
    buffer = io.BytesIO()
    pdf.save(buffer)
    target.write_bytes(buffer.getvalue())
    return target


PRICING_APPENDIX = [
    "Appendix B - Supplier pricing",
    "NOT FOR PUBLICATION - commercially sensitive",
    "Lot 1 unit rate per officer licence 41.75",
    "Lot 2 implementation day rate 912.00",
]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The confidential fixtures and the public decision_023, through real ingest."""
    store = new_store(tmp_path_factory.mktemp("gate") / "project")
    pdfs = [WITHHELD / f"{name}.pdf" for name in [*CONFIDENTIAL, "decision_023"]]
    outcomes = ingest_paths(pdfs, store, jobs=1, progress=False)
    assert [o.status for o in outcomes] == ["new"] * len(pdfs), [o.reason for o in outcomes]
    return store


def test_a_confidential_decision_leaves_only_its_stub_in_data(ingested):
    for name in CONFIDENTIAL:
        expected = truth(name)
        [stub] = [d for d in ingested.decisions() if d.reference == expected["reference"]]
        shown = {k: v for k, v in stub.model_dump(mode="json").items() if v not in (None, [], {}, False)}
        assert set(shown) <= set(DECISION.stub_fields), name
        assert stub.classification == "confidential" and stub.sources == []
        assert stub.summary is None and stub.title is None and stub.withheld_parts == []


def test_no_file_in_data_holds_a_canary_or_withheld_summary(ingested):
    texts = {path: path.read_bytes().decode("utf-8", "replace") for path in ingested.public.rglob("*")
             if path.is_file()}
    for name in CONFIDENTIAL:
        expected = truth(name)
        for path, text in texts.items():
            assert expected["canary"] not in text, f"{path} holds {name}'s canary"
            # The whole summary: its opening sentence is template text that public notices share.
            assert " ".join(expected["summary"].split()) not in " ".join(text.split()), f"{path}: {name}'s summary"


def test_the_full_record_and_its_source_pdf_go_to_the_private_store(ingested):
    private_index = ingested.source_index(ingested.private)
    public_index = ingested.source_index(ingested.public)
    for decision in ingested.withheld_decisions():
        [source] = decision.sources
        assert source.sha256 in private_index and source.sha256 not in public_index
        assert (ingested.private / "sources" / f"{source.sha256}.pdf").exists()
    canaries = {truth(n)["canary"] for n in CONFIDENTIAL if not truth(n)["scanned"]}  # OCR misreads some
    summaries = " ".join(d.summary or "" for d in ingested.withheld_decisions())
    assert {c for c in canaries if c in summaries} == canaries


def test_publishable_decision_of_a_withheld_record_is_its_stub(ingested):
    for decision in ingested.withheld_decisions():
        assert gate.publishable_decision(decision) == gate.stub(decision)


def test_a_public_notice_that_only_names_its_withheld_appendix_is_published_with_its_pdf(ingested):
    [decision] = [d for d in ingested.decisions() if d.reference == truth("decision_023")["reference"]]
    assert [comparable(p) for p in decision.withheld_parts] == ["appendix b - supplier pricing"]
    assert decision.summary and not decision.withheld
    assert ingested.source_path(decision.sources[0].sha256).exists()


def test_confidential_notices_mention_their_withheld_appendix_without_holding_it():
    for name in ["decision_012", "decision_023", "decision_037"]:
        parts = truth(name)["withheld_parts"]
        assert parts
        assert gate.withheld_parts_in_text(parts, file_text(WITHHELD / f"{name}.pdf")) == []


def test_a_public_notice_that_carries_its_withheld_appendix_keeps_its_pdf_private(tmp_path):
    store = new_store(tmp_path / "project")
    bound = with_appendix(WITHHELD / "decision_023.pdf", PRICING_APPENDIX, tmp_path / "decision_023_full.pdf")
    [outcome] = ingest_paths([bound], store, jobs=1, progress=False)
    assert outcome.status == "new"
    [decision] = store.decisions()
    reasons = gate.source_withheld_reasons(decision, file_text(bound), KENT)
    assert reasons == [f"holds the withheld part '{decision.withheld_parts[0]}'"]
    assert not gate.source_is_public(decision, bound, KENT)
    assert gate.source_is_public(decision, WITHHELD / "decision_023.pdf", KENT)


def test_a_scan_naming_a_withheld_part_cannot_be_checked_so_its_pdf_stays_private(tmp_path):
    decision = Decision(reference="X/1", withheld_parts=["Appendix A – Broker's report"])
    assert gate.source_withheld_reasons(decision, "", KENT) == ["no text layer to check for its withheld parts"]
    assert gate.source_withheld_reasons(decision.model_copy(update={"withheld_parts": []}), "", KENT) == []


def test_the_appendix_heading_is_found_even_when_marked_not_for_publication_at_a_page_top():
    text = "1. Purpose\nThe report...\n\fAppendix B – Supplier pricing (NOT FOR PUBLICATION)\nUnit rate 41.75\n"
    assert gate.withheld_parts_in_text(["Appendix B – Supplier pricing"], text) == ["Appendix B – Supplier pricing"]
    two_lines = "Report\nText\nMore\nAPPENDIX B\nSUPPLIER PRICING\nUnit rate 41.75\n"
    assert gate.withheld_parts_in_text(["Appendix B – Supplier pricing"], two_lines) == ["Appendix B – Supplier pricing"]
    mention = "Publication\nNot for publication: Appendix B – Supplier pricing\n"
    assert gate.withheld_parts_in_text(["Appendix B – Supplier pricing"], "Intro\nText\nMore\n" + mention) == []


# -- personal data ---------------------------------------------------------------------------

HOME_PHONE = "Compensation to the claimant, who may be reached on 07700 900123, is recommended."


def test_ingest_flags_a_field_holding_personal_data():
    public, withheld = gate.split_for_storage(Decision(reference="A/1", summary=HOME_PHONE), KENT)
    assert withheld is None
    assert public.review == [ReviewFlag(field="summary", reason="personal data: phone number")]


def test_a_withheld_record_is_not_flagged_for_review_as_nothing_of_it_is_published():
    confidential = Decision(reference="A/2", summary=HOME_PHONE, classification="confidential")
    public, withheld = gate.split_for_storage(confidential, KENT)
    assert withheld.review == [] and public.review == []


def test_flagging_twice_adds_no_second_flag():
    once, _ = gate.split_for_storage(Decision(reference="A/1", summary=HOME_PHONE), KENT)
    twice, _ = gate.split_for_storage(once, KENT)
    assert twice.review == once.review


def test_the_body_s_own_contact_details_raise_no_flag():
    text = "Enquiries: contactus@kent-pcc.gov.uk or 01622 677055, Sutton Road, Maidstone ME15 9BZ."
    public, _ = gate.split_for_storage(Decision(reference="A/1", summary=text), KENT)
    assert public.review == []


def test_an_unreviewed_field_is_left_out_until_a_person_reviews_it_in_the_overrides_file(tmp_path):
    store = new_store(tmp_path / "project")
    public, _ = gate.split_for_storage(Decision(reference="OPCC.D.001.24", title="Compensation payment",
                                                body="Kent Police and Crime Commissioner", summary=HOME_PHONE), KENT)
    path = store.public / "decisions" / "x.yaml"
    store.write_record(store.public, Path("decisions/x.yaml"), public)

    [loaded] = store.decisions()
    shown = gate.publishable_decision(loaded, KENT)
    assert shown.summary is None and shown.title == "Compensation payment"

    path.with_name("x.overrides.yaml").write_text(yaml.safe_dump({"reviewed": ["summary"]}))
    [loaded] = store.decisions()
    assert gate.publishable_decision(loaded, KENT).summary == HOME_PHONE


def test_a_flag_on_part_of_a_field_holds_back_the_whole_field():
    flagged = Decision(reference="A/1", impact_assessments={"privacy": "See the register."},
                       review=[ReviewFlag(field="impact_assessments.privacy", reason="personal data: home address")])
    assert gate.publishable_decision(flagged, KENT).impact_assessments == {}


def test_personal_data_added_after_ingest_is_caught_at_publication():
    """A hand-edited record never went through ingest's flagging; the gate looks again."""
    edited = Decision(reference="A/1", summary="Refund to sort code 20-00-00, account 55779911.")
    assert gate.publishable_decision(edited, KENT).summary is None


def test_a_panel_item_paid_to_a_person_shows_the_lga_label():
    report = PanelReport(title="Items of expenditure", items=[
        PanelItem(supplier="Dandelion Time", amount="16258.50"),
        PanelItem(supplier="Mr J Smith", amount="750.00", description="Witness expenses"),
    ])
    shown = gate.publishable_panel_report(report, KENT)
    assert [(i.supplier, i.amount) for i in shown.items] == [
        ("Dandelion Time", Decimal("16258.50")), ("REDACTED PERSONAL DATA", Decimal("750.00"))]
    assert shown.items[1].description == "Witness expenses"


# -- spend -------------------------------------------------------------------------------------


def spend_frame(rows: list[SpendRow]) -> pd.DataFrame:
    return pd.DataFrame([row.model_dump() for row in rows], columns=SPEND_COLUMNS)


def test_a_payment_to_a_private_individual_is_published_as_redacted_personal_data_and_still_adds_up():
    rows = [
        SpendRow(date="2018-04-10", supplier="The Police ICT Company Ltd", amount="60000.00",
                 description="Annual subscription 2018/19", transaction_id="100215"),
        SpendRow(date="2018-04-12", supplier="Mrs A Patel", amount="1250.00",
                 description="Volunteer expenses", transaction_id="100216"),
        SpendRow(date="2018-04-18", supplier="Redacted - personal data", amount="980.00", redacted=True,
                 redaction_label="REDACTED PERSONAL DATA", description="Compensation", transaction_id="100217"),
        SpendRow(date="2018-04-20", supplier="Dandelion Time", amount="16258.50", description="Grant",
                 review="supplier may be a private individual"),
    ]
    before = spend_frame(rows)
    shown = gate.publishable_spend(before, KENT)
    assert shown["supplier"].tolist() == ["The Police ICT Company Ltd", "REDACTED PERSONAL DATA",
                                          "REDACTED PERSONAL DATA", "REDACTED PERSONAL DATA"]
    assert shown["redacted"].tolist() == [False, True, True, True]
    for column in ("date", "amount", "description", "transaction_id"):
        assert shown[column].tolist() == before[column].tolist()
    assert sum(map(Decimal, shown["amount"])) == sum(map(Decimal, before["amount"])) == Decimal("78488.50")
    assert "Patel" not in shown.to_csv()


def test_a_redacted_supplier_keeps_its_own_lga_label():
    frame = spend_frame([SpendRow(date="2019-03-01", supplier="REDACTED", amount="700.00", redacted=True,
                                  redaction_label="REDACTED COMMERCIAL CONFIDENTIALITY")])
    assert gate.publishable_spend(frame, KENT)["supplier"].tolist() == ["REDACTED COMMERCIAL CONFIDENTIALITY"]


def test_a_spend_description_holding_personal_data_is_replaced_by_the_label():
    frame = spend_frame([SpendRow(date="2019-03-01", supplier="Kent County Council", amount="700.00",
                                  description="Refund re NI AB123456C")])
    assert gate.publishable_spend(frame, KENT)["description"].tolist() == ["REDACTED PERSONAL DATA"]


def test_spend_rows_keep_their_other_reasons_when_a_payee_or_a_description_is_redacted():
    import pyarrow as pa

    from opcc.gate import remove_private_payees
    from opcc.spend_data import ROW_SCHEMA

    rows = [
        {"date": None, "supplier": "John Smith", "amount": "700.00", "redacted": False,
         "review": "no date; supplier may be a private individual"},
        {"date": "2018-04-03", "supplier": "Acme Ltd", "amount": "800.00", "redacted": False,
         "description": "Refund to 14 Acacia Avenue, Ashford TN23 1AA", "review": None},
    ]
    table = pa.Table.from_pylist([{**dict.fromkeys(ROW_SCHEMA.names), **row} for row in rows], schema=ROW_SCHEMA)
    stored, removed = remove_private_payees(table)
    person, address = stored.to_pylist()
    assert person["supplier"] == "REDACTED PERSONAL DATA" and person["redacted"]
    assert person["review"] == "no date; supplier may be a private individual: the name is in the private store"
    assert address["description"] == "Refund to [REDACTED PERSONAL DATA]"
    assert address["review"] == "personal data in the description: it is in the private store"
    assert removed == {"rows.supplier": ["John Smith"], "rows.description": ["14 Acacia Avenue, Ashford TN23 1AA"]}


def test_a_fresh_canary_in_a_generated_confidential_notice_is_held_and_the_leak_scan_finds_nothing(tmp_path):
    """The gate and the leak scan know no canary: a new one, planted by the generator in a notice of
    a fresh seed, is caught because the notice says it is confidential, not because of its shape."""
    import hashlib
    import random

    from opcc.checks.leakscan import scan
    from tests.generators import decisions as generator

    seed = random.SystemRandom().randrange(1, 10**9)
    rng = random.Random(seed)
    families = [f for f in generator.FAMILIES if f not in generator.HOLDOUT_FAMILIES]
    while True:
        pdf, notice = generator.make_notice(rng, rng.choice(families), False)
        if notice["canary"]:
            break
    source = tmp_path / "inbox" / "notice.pdf"
    source.parent.mkdir()
    source.write_bytes(pdf)
    store = new_store(tmp_path / "project")
    [outcome] = ingest_paths([source], store, jobs=1, progress=False)
    assert outcome.status == "new", f"seed {seed}: {outcome.reason}"
    public = [p.read_bytes().decode("utf-8", "replace") for p in store.public.rglob("*") if p.is_file()]
    assert not any(notice["canary"] in text for text in public), f"seed {seed} ({notice['layout']}): canary in data/"
    [stub] = store.decisions()
    assert (stub.classification, stub.sources) == ("confidential", []), f"seed {seed} ({notice['layout']})"
    assert (store.private / "sources" / f"{hashlib.sha256(pdf).hexdigest()}.pdf").exists()
    assert scan(store.settings) == []
