"""Papers to the Police and Crime Panel: the selected expenditure items and the paper's header."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.extract import detect_kind, extract
from ingest.panel import parse_panel_report
from ingest.pdf import Document, Line, Page, Word, read_pdf

FIXTURES = Path(__file__).parent / "fixtures" / "panel_reports"
PAPERS = sorted(FIXTURES.glob("*.pdf"))


def truth_of(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("pdf", PAPERS, ids=lambda p: p.stem)
def test_paper_matches_its_truth(pdf: Path):
    truth = truth_of(pdf)
    got = extract(pdf).model_dump(mode="json")
    assert got["kind"] == "panel_report"
    assert got["title"].replace("-", "–") == truth["title"].replace("-", "–")
    assert (got["date"], got["author"]) == (truth["date"], truth["author"])
    items = [(i["supplier"], i["amount"], i["date"]) for i in got["items"]]
    assert items == [(i["supplier"], i["amount"], i["date"]) for i in truth["items"]]
    assert got["review"] == []


def test_kent_memo_items_come_from_their_headings():
    report = extract(FIXTURES / "seed_001_kent_panel_memo.pdf")
    assert len(report.items) == 4
    first = report.items[0]
    assert (first.supplier, first.amount, first.date) == ("The Police ICT Company Ltd", Decimal("60000.00"), dt.date(2018, 4, 10))
    assert report.author == "Matthew Scott, Kent Police and Crime Commissioner"


def test_a_wrapped_supplier_name_in_the_item_table_is_joined():
    report = extract(FIXTURES / "panel_003.pdf")
    assert "Compass Child Exploitation Project" in [item.supplier for item in report.items]


@pytest.mark.parametrize("pdf", PAPERS, ids=lambda p: p.stem)
def test_papers_are_detected_as_panel_reports(pdf: Path):
    assert detect_kind(read_pdf(pdf)).name == "panel_report"


def test_table_items_keep_their_purpose_including_its_wrapped_end():
    report = extract(FIXTURES / "panel_003.pdf")
    stepping = next(item for item in report.items if item.supplier.startswith("Stepping Stones"))
    assert stepping.description == "Family support for children exposed to domestic abuse"


def test_items_named_in_list_lines_of_other_styles():
    texts = [
        "From: Jane Holloway, Wessex Police and Crime Commissioner",
        "To: Wessex Police and Crime Panel",
        "Subject: Expenditure items selected by Members",
        "Date: 3 March 2024",
        "• Hillside Rural Crime Partnership - £4,400.00 (24/04/2023)",
        "Bridge Mediation Trust: £78,500 - 27 Apr 2023",
    ]
    lines = [Line(t, 1, 60.0 + 20 * i, 70.0 + 20 * i, 60, 400, [Word(t, 60, 400, 60.0 + 20 * i, 70.0 + 20 * i)]) for i, t in enumerate(texts)]
    report = parse_panel_report(Document(Path("memo.pdf"), "0" * 64, [Page(1, 595, 842, lines)]))
    assert [(i.supplier, str(i.amount), i.date.isoformat()) for i in report.items] == [
        ("Hillside Rural Crime Partnership", "4400.00", "2023-04-24"),
        ("Bridge Mediation Trust", "78500.00", "2023-04-27"),
    ]
    assert (report.title, report.date) == ("Expenditure items selected by Members", dt.date(2024, 3, 3))
