"""Drafting a paper to the Police and Crime Panel from selected payments (``opcc paper``), and
matching a paper's items to the published payments they name (issue 14)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import docx
import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from opcc.cli import main
from opcc.core.kinds.decision import Decision
from opcc.core.kinds.panel_report import PanelItem
from opcc.gate import public_data
from opcc.scrutiny.match import PaymentIndex, similarity
from opcc.scrutiny.paper import draft, markdown
from opcc.store import Store

BODY = "kent-police-and-crime-commissioner"
SEED_ITEMS = [  # the four items of the seed Kent paper (samples/panel_reports)
    ("The Police ICT Company Ltd", "60000.00", "2018-04-10"),
    ("The Police ICT Company Ltd", "29357.06", "2018-04-18"),
    ("Dandelion Time", "16258.50", "2018-04-18"),
    ("SignHealth", "15944.50", "2018-04-18"),
]
HEADINGS = [
    "The Police ICT Company Ltd, £60,000.00 – 10 April 2018",
    "The Police ICT Company Ltd, £29,357.06 – 18 April 2018",
    "Dandelion Time, £16,258.50 – 18 April 2018",
    "SignHealth, £15,944.50 – 18 April 2018",
]


def cut_seed_rows(settings, path):
    """The seed paper's four payments, cut (header and rows as they are) from the stored April 2018 month file."""
    month = settings.data_dir / "expenditure" / BODY / "2018" / "2018-04.csv"
    frame = pd.read_csv(month, dtype=str, keep_default_na=False)
    picked = pd.concat([frame[(frame.supplier == s) & (frame.amount == a) & (frame.date == d)]
                        for s, a, d in SEED_ITEMS])
    assert len(picked) == 4
    lines = month.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], *(lines[i + 1] for i in picked.index)]) + "\n", encoding="utf-8")
    return path


def sections(md: str) -> dict[str, str]:
    parts = md.split("\n## ")[1:]
    return {part.splitlines()[0]: part for part in parts}


def test_the_seed_papers_payments_cut_from_the_april_file_draft_a_paper_in_markdown_and_docx(sample_settings, tmp_path):
    selection = cut_seed_rows(sample_settings, tmp_path / "sel.csv")
    out = tmp_path / "draft"
    result = CliRunner().invoke(main, ["--settings", str(sample_settings.root / "opcc.yml"), "paper",
                                       str(selection), "--out", str(out), "--date", "2018-07-19"])
    assert result.exit_code == 0, result.output
    md_files, docx_files = list(out.glob("*.md")), list(out.glob("*.docx"))
    assert len(md_files) == 1 and len(docx_files) == 1 and md_files[0].stem == docx_files[0].stem

    md = md_files[0].read_text(encoding="utf-8")
    assert "**To:** Kent and Medway Police and Crime Panel" in md
    assert "Specified Information) Order 2011" in md and "over £500" in md  # the standard introduction
    by_heading = sections(md)
    assert list(by_heading) == ["Introduction", *HEADINGS]
    ict = by_heading[HEADINGS[0]]
    assert "**Expense type:** Subscriptions" in ict and "**Description:** Annual subscription 2018/19" in ict
    assert "**Spent by:** PCC" in ict and "**Why it is good value for money:** Every payment" in ict
    assert "/spend/explorer/?id=2018-04-" in ict
    assert "£32,517.00 awarded" in by_heading[HEADINGS[2]] and "paid as 2 × £16,258.50" in by_heading[HEADINGS[2]]
    assert "£31,889.00 awarded" in by_heading[HEADINGS[3]] and "paid as 2 × £15,944.50" in by_heading[HEADINGS[3]]
    assert "Grant" not in ict  # no award for a subscription
    assert all("For the office to write" in text for heading, text in by_heading.items() if heading != "Introduction")

    document = docx.Document(str(docx_files[0]))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == ["Introduction", *HEADINGS]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "paid as 2 × £16,258.50" in text and text.count("For the office to write") == 4


def test_a_payment_id_in_the_selection_finds_its_payment_and_the_decisions_naming_its_supplier(sample_settings,
                                                                                              tmp_path):
    public = public_data(Store(sample_settings))
    public.decisions.append(Decision(reference="OPCC.D.012.18", title="Membership of the Police ICT Company",
                                     decision_date=dt.date(2018, 3, 1)))
    row = public.spend[public.spend.amount == "29357.06"].iloc[0]
    picked = {"payment_id": row.payment_id, "date": "2018-04-18", "supplier": "The Police ICT Company Ltd",
              "amount": "29357.06"}
    paper = draft([picked], public, sample_settings, dt.date(2018, 7, 19), "t")
    section = paper.sections[0]
    assert section.permalink.endswith(f"spend/explorer/?id={row.payment_id}")
    assert ("Description", "IBM i2 agreement - contribution 2018/19") in section.facts  # from the published row
    assert section.decisions == ["OPCC.D.012.18: Membership of the Police ICT Company, 1 March 2018 "
                                 "(https://example.github.io/opcc/decisions/opcc-d-012-18/)"]
    assert "OPCC.D.012.18" in markdown(paper)


def test_a_selected_row_not_among_the_published_payments_is_drafted_with_a_note_to_check_it(sample_settings):
    public = public_data(Store(sample_settings))
    paper = draft([{"date": "2018-04-18", "supplier": "SignHealth", "amount": "15944.51"}], public,
                  sample_settings, dt.date(2018, 7, 19), "t")
    assert paper.sections[0].heading == "SignHealth, £15,944.51 – 18 April 2018"
    assert paper.sections[0].permalink is None and "check the figures" in paper.sections[0].match_note


@pytest.mark.parametrize("content", ["supplier,amount\nSignHealth,1.00\n", "date,supplier,amount\n", "\xff\xfe\x00"])
def test_a_file_that_is_not_a_selection_is_refused_in_one_line_naming_it(sample_settings, tmp_path, content):
    path = tmp_path / "sel.csv"
    path.write_bytes(content.encode("latin-1"))
    result = CliRunner().invoke(main, ["--settings", str(sample_settings.root / "opcc.yml"), "paper", str(path),
                                       "--out", str(tmp_path / "draft")])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"opcc: {path}: ") and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "draft").exists()


# -- matching an item to its payment ------------------------------------------------------------

SPEND = pd.DataFrame([
    {"payment_id": "2018-04-aaaaaaaaaaaa", "date": "2018-04-18", "supplier": "SignHealth", "amount": "15944.50"},
    {"payment_id": "2018-04-bbbbbbbbbbbb", "date": "2018-04-10", "supplier": "The Police ICT Company Ltd",
     "amount": "60000.00"},
    {"payment_id": "2018-04-cccccccccccc", "date": "2018-04-02", "supplier": "Porchlight", "amount": "500.00"},
    {"payment_id": "2018-04-dddddddddddd", "date": "2018-04-04", "supplier": "Porchlight", "amount": "500.00"},
])


@pytest.mark.parametrize(("supplier", "amount", "date", "status", "payment"), [
    ("SignHealth", "15944.50", "2018-04-18", "matched", "2018-04-aaaaaaaaaaaa"),
    ("Sign Health Ltd", Decimal("15944.5"), "2018-04-20", "matched", "2018-04-aaaaaaaaaaaa"),  # spelling, 2 days
    ("Police ICT Company", "60,000.00", "2018-04-10", "matched", "2018-04-bbbbbbbbbbbb"),
    ("Police ICT Co", "60000.00", "2018-04-10", "unsure", None),  # a name only like the payee's
    ("Porchlight", "500.00", "2018-04-03", "unsure", None),  # two payments could be it
    ("SignHealth", "15944.50", "2018-04-30", "none", None),  # 12 days out
    ("SignHealth", "15944.00", "2018-04-18", "none", None),  # amounts must be exact
    ("Porchlight", "500.00", "2018-03-29", "matched", "2018-04-cccccccccccc"),  # only one within 5 days
])
def test_an_item_is_its_payment_only_when_exactly_one_is_the_same_amount_near_the_date_to_a_like_supplier(
        supplier, amount, date, status, payment):
    found = PaymentIndex(SPEND).match(supplier, amount, dt.date.fromisoformat(date))
    assert found.status == status, found.reason
    assert (found.payment or {}).get("payment_id") == payment
    if status == "unsure":
        assert found.candidates  # what a person is asked to look at


def test_supplier_similarity_ignores_case_legal_forms_word_order_and_spaces():
    assert similarity("THE POLICE ICT COMPANY LIMITED", "Police ICT Company Ltd") == 100
    assert similarity("Time Dandelion", "Dandelion Time") == 100
    assert similarity("Sign Health", "SignHealth") == 100
    assert similarity("Kier Ltd", "Kent Fire and Rescue") < 70


def test_an_unsure_item_of_a_stored_paper_is_listed_for_review_and_a_sure_one_is_not(sample_settings):
    from opcc.checks.review import flag_items

    store = Store(sample_settings)
    assert not [line for line in flag_items(sample_settings) if line.startswith("panel_report")]  # the seed: all sure
    paper = store.panel_reports()[0]
    path = next(p for p, r in store.record_files("panel_report") if r == paper)
    unsure = paper.model_copy(update={"items": [PanelItem(supplier="Police ICT Co", amount=Decimal("60000.00"),
                                                          date=dt.date(2018, 4, 10))]})
    path.write_text(yaml.safe_dump(unsure.model_dump(mode="json"), allow_unicode=True), encoding="utf-8")
    [line] = [line for line in flag_items(sample_settings) if line.startswith("panel_report")]
    assert "item Police ICT Co, £60,000.00, 2018-04-10" in line and "only 84% like" in line
    assert "could be 2018-04-" in line
