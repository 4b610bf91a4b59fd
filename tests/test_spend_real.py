"""Real council spend files (Open Government Licence excerpts, see fixtures/expenditure/real/SOURCE.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.errors import RefusedInput
from ingest.spend import read_spend_frame, read_spreadsheet

REAL = Path(__file__).parent / "fixtures" / "expenditure" / "real"


def published_rows(name: str, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO((REAL / name).read_text(encoding=encoding))))


def test_oxford_snake_case_header_padded_suppliers_and_sentinel_row():
    record = read_spreadsheet(REAL / "oxford-jan-mar-2014-excerpt.csv")
    published = published_rows("oxford-jan-mar-2014-excerpt.csv")
    payments = [row for row in published[1:] if row[4]]  # the sentinel ",,xxx,,,,,,," has no date
    assert len(record.rows) == len(payments) == 41
    first = record.rows[0]
    assert (first.date, first.supplier, first.amount) == (
        dt.date(2014, 1, 21),
        "NIRA EVENTS",
        Decimal("500.00"),
    )
    assert first.transaction_id == "46279931_1" and first.expense_type == "Pitch & Site Rents"
    assert [f"{row.amount:.2f}" for row in record.rows] == [f"{Decimal(row[6]):.2f}" for row in payments]
    assert record.body == "Oxford City Council"


def test_redactive_publishing_is_a_supplier_not_a_redaction():
    record = read_spreadsheet(REAL / "oxford-jan-mar-2014-excerpt.csv")
    redactive = [row for row in record.rows if row.supplier.startswith("REDACTIVE")]
    assert [(row.supplier, row.redacted) for row in redactive] == [("REDACTIVE PUBLISHING LIMITED", False)]
    redacted = [row for row in record.rows if row.redacted]
    assert redacted and {(row.supplier, row.redaction_label) for row in redacted} == {
        ("Redacted personal data", "REDACTED PERSONAL DATA")
    }
    media = read_spreadsheet(REAL / "oxford-apr-jun-2017-excerpt.csv").rows[-1]
    assert (media.supplier, media.redacted, media.amount) == (
        "REDACTIVE MEDIA SALES LIMITED",
        False,
        Decimal("750.00"),
    )


@pytest.mark.parametrize(
    ("name", "rows", "expense_type"),
    [
        ("oxford-apr-jun-2015-excerpt.csv", 30, "Grants"),  # "Organisatonal Unit"
        ("oxford-jan-mar-2018-excerpt.csv", 20, "Developer Contributions Unapplied (capital)"),  # "Catergory"
    ],
)
def test_header_typos_still_name_their_columns(name, rows, expense_type):
    frame, meta = read_spend_frame(REAL / name)
    assert len(frame) == rows
    assert frame["expense_type"].iloc[0] == expense_type
    assert frame["amount"].notna().all() and frame["date"].notna().all()


def test_named_people_and_missing_suppliers_are_flagged_for_review_before_publication():
    frame, _ = read_spend_frame(REAL / "oxford-jan-mar-2018-excerpt.csv")
    people = frame[frame["review"] == "supplier may be a private individual"]["supplier"].tolist()
    assert people and all(name.split()[0].lower() in {"mr", "mrs", "ms", "miss", "dr"} for name in people)
    unnamed = frame[frame["supplier"].isna()]
    assert len(unnamed) and set(unnamed["review"]) == {"no supplier"}
    assert set(frame["review"].dropna()) == {"supplier may be a private individual", "no supplier"}


def test_devon_grand_total_printed_as_a_lone_amount_is_found_and_a_mismatch_reported():
    record = read_spreadsheet(REAL / "devon-202603-excerpt.csv")
    assert record.total == Decimal("57492900.67")
    assert len(record.rows) == 50  # the total line is not a row
    # This excerpt keeps 50 of the month's 3,545 payments, so the total cannot reconcile: it must say so.
    assert [flag.field for flag in record.review] == ["total"]
    assert "57492900.67" in record.review[0].reason
    assert record.rows[0].amount == Decimal("519.89")  # " 519.89 " under the padded header " Amount "


def test_devon_bom_iso_datetimes_and_float_noise_amounts():
    record = read_spreadsheet(REAL / "devon-201804-excerpt.csv")
    assert len(record.rows) == 99
    assert {row.date for row in record.rows} <= {dt.date(2018, 4, d) for d in range(1, 31)}
    amounts = {row.transaction_id: row.amount for row in record.rows}
    assert amounts["CAPEYS33411688"] == Decimal("1136.84")  # printed 1136.8400000000001
    assert amounts["CFADDAY33449505"] == Decimal("1044.88")  # printed 1044.8799999999999
    assert all(row.review is None for row in record.rows)
    assert record.rows[0].spending_body is None and record.body == "Devon County Council"


def test_lambeth_preamble_skipped_and_fused_date_amount_rows_not_misread_but_counted_and_flagged():
    record = read_spreadsheet(REAL / "lambeth-2012-06-excerpt.csv")
    # "25/06/2012900": the date and the amount run together. Neither can be read, so the row is
    # no payment; it is counted in the ledger, and the return flagged for a person to look at.
    assert all(row.date and row.amount for row in record.rows)
    [ledger] = record.ledger
    assert ledger.skipped["unreadable"] == 4 and ledger.balanced
    assert ledger.skipped["title"] == 6  # the report's title and parameters above the header
    flags = [flag.reason for flag in record.review if flag.field == "rows"]
    assert flags == [
        "4 rows have neither a readable date nor a readable amount (e.g. date and amount fused in one "
        "field): they were not read as payments"
    ]
    clean = [row for row in record.rows if not row.review]
    assert clean[0].supplier == "170 Community Project" and clean[0].amount == Decimal("1534.24")
    assert record.total == Decimal("40292334.84")
    assert "rows sum to" in next(flag.reason for flag in record.review if flag.field == "total")


def test_supplier_totals_without_dates_are_refused_with_the_reason():
    with pytest.raises(RefusedInput, match="no (?:table header|date column).*totals per supplier without dates") as refused:
        read_spreadsheet(REAL / "lambeth-2012-05-excerpt.csv")
    assert "Invoice" not in str(refused.value)  # a refusal never quotes what the file holds


def test_a_malformed_workbook_is_refused_clearly(tmp_path):
    broken = tmp_path / "payments.xlsx"
    with zipfile.ZipFile(broken, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook><sheets>")  # cut off mid-element
    with pytest.raises(RefusedInput, match="the workbook cannot be read"):
        read_spreadsheet(broken)
