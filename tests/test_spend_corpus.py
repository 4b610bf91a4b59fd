"""Spend returns from the test corpus read exactly as their truth files say (fixtures in tests/fixtures/expenditure)."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.extract import extract

FIXTURES = Path(__file__).parent / "fixtures" / "expenditure"
TRUTH_FIELDS = [
    "date",
    "supplier",
    "amount",
    "description",
    "expense_type",
    "service_area",
    "transaction_id",
    "redacted",
]

RETURNS = [
    "kent_pcc_2018_04.pdf",  # portrait grid, header repeated, wrapped cells, 'Page x of y', printed total
    "devon_cornwall_pcc_2019_10.csv",  # UTF-8, CRLF, £1,234.56 and -£123.45
    "avon_somerset_pcc_2018_07.csv",  # Windows-1252
    "hertfordshire_pcc_2021_02_excerpt.csv",  # UTF-8 with BOM, dd/mm/yy, (1,234.56) credits
    "cambridgeshire_pcc_2020_08.csv",  # title lines, blank rows, '123.45 CR', Total line
    "bedfordshire_pcc_2019_05.xlsx",  # merged title block, date cells, numeric amounts, total
    "suffolk_pcc_2022_03.xlsx",  # dates as text, spacer rows, a 'Notes' sheet
]


def truth(name: str) -> dict:
    return json.loads((FIXTURES / name).with_suffix(".truth.json").read_text(encoding="utf-8"))


def as_truth(record) -> list[dict]:
    rows = [row.model_dump(mode="json") for row in record.rows]
    return [{field: row[field] for field in TRUTH_FIELDS} for row in rows]


@pytest.mark.parametrize("name", RETURNS)
def test_every_row_is_read_exactly_in_document_order(name):
    expected = truth(name)
    record = extract(FIXTURES / name, "expenditure")
    assert as_truth(record) == expected["rows"]
    assert not [row.review for row in record.rows if row.review]


@pytest.mark.parametrize("name", RETURNS)
def test_printed_totals_are_found_and_reconcile_and_never_become_rows(name):
    expected = truth(name)
    record = extract(FIXTURES / name, "expenditure")
    assert (f"{record.total:.2f}" if record.total is not None else None) == expected["total"]
    assert record.review == []
    if expected["total"]:
        assert sum(row.amount for row in record.rows) == Decimal(expected["total"])


@pytest.mark.parametrize("name", RETURNS)
def test_period_is_the_month_and_body_comes_from_the_file_only(name):
    expected = truth(name)
    record = extract(FIXTURES / name, "expenditure", default_body="Settings Body")
    assert record.period == expected["period"]
    # A file that prints its body keeps it; one that does not gets the settings' default from extract.
    assert record.body in (expected["body"], "Settings Body")
    assert record.sources[0].filename == name
    # Each row carries its provenance, as stored rows do: the source's SHA-256 (and a PDF's page).
    assert {row.source_sha256 for row in record.rows} == {record.sources[0].sha256}
    assert all(row.page for row in record.rows) == name.endswith(".pdf")


def test_kent_april_2018_holds_the_panel_report_payments_exactly():
    record = extract(FIXTURES / "kent_pcc_2018_04.pdf", "expenditure")
    paid = Counter((str(row.date), row.supplier, f"{row.amount:.2f}") for row in record.rows)
    assert paid[("2018-04-10", "The Police ICT Company Ltd", "60000.00")] == 1
    assert paid[("2018-04-18", "The Police ICT Company Ltd", "29357.06")] == 1
    assert paid[("2018-04-18", "Dandelion Time", "16258.50")] == 1
    assert paid[("2018-04-18", "SignHealth", "15944.50")] == 1
    assert record.body == "Kent Police and Crime Commissioner"
    assert {row.page for row in record.rows} == {1, 2}
    assert {row.spending_body for row in record.rows} == {"PCC"}


def test_redacted_suppliers_keep_their_text_and_carry_the_lga_label():
    record = extract(FIXTURES / "kent_pcc_2018_04.pdf", "expenditure")
    redacted = [row for row in record.rows if row.redacted]
    assert redacted and {row.supplier for row in redacted} == {"Redacted - personal data"}
    assert {row.redaction_label for row in redacted} == {"REDACTED PERSONAL DATA"}
    assert all(row.redaction_label is None for row in record.rows if not row.redacted)
