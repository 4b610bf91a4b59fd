"""Spend returns in the layouts publishers really use, each made here as a file and read exactly.

Each test is one shape a real or unseen return had where opcc once refused it or, worse,
read it wrong without a word: headers in other words and other languages, headers that
change between sheets or start a second table, the byte-level shapes councils publish,
credits and VAT columns, subtotals, redaction placeholders.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ingest.errors import RefusedInput
from ingest.spend import read_spreadsheet

PAYMENTS = [
    ("01/04/2018", "Acme Ltd", "Repairs", "1,250.00"),
    ("03/04/2018", "Bolt Supplies Ltd", "Tyres", "600.00"),
    ("17/04/2018", "Cedar Consulting LLP", "Advice", "12,000.50"),
]
SUM = Decimal("13850.50")


def write_csv(tmp_path: Path, rows: list[list[str]], *, encoding="utf-8", newline="\r\n", name="spend.csv") -> Path:
    def cell(value: str) -> str:
        return f'"{value}"' if any(ch in value for ch in ',"\n\r') else value

    path = tmp_path / name
    path.write_bytes((newline.join(",".join(cell(v) for v in row) for row in rows) + newline).encode(encoding))
    return path


def write_workbook(tmp_path: Path, sheets: dict[str, list[list[object]]], name="spend.xlsx") -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def read(path: Path):
    record = read_spreadsheet(path)
    return record, [(r.date, r.supplier, r.amount) for r in record.rows]


def expected(payments=PAYMENTS) -> list[tuple]:
    return [
        (dt.datetime.strptime(date, "%d/%m/%Y").date(), supplier, Decimal(amount.replace(",", "")))
        for date, supplier, _, amount in payments
    ]


def assert_balanced(record) -> None:
    assert record.ledger and all(part.balanced for part in record.ledger), record.ledger


# --- header words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        ["Date", "Name", "Description", "Amount"],
        ["Posting Date", "Creditor", "Description", "Sum Paid (£)"],
        ["Dyddiad / Date", "Cyflenwr / Supplier", "Disgrifiad / Description", "Swm / Amount"],
        ["* Payment Date", "* Supplier", "* Description", "* Amount"],
    ],
)
def test_headers_in_other_words_and_in_welsh_name_their_columns(tmp_path, header):
    record, rows = read(write_csv(tmp_path, [header, *map(list, PAYMENTS)]))
    assert rows == expected()
    assert_balanced(record)


def test_a_dos_code_page_pound_sign_in_the_header_is_read_as_a_pound(tmp_path):
    rows_ = [["Date", "Supplier", "Description", "Net Amount(£)"], *map(list, PAYMENTS)]
    record, rows = read(write_csv(tmp_path, rows_, encoding="cp850"))
    assert rows == expected()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp437"])
def test_utf16_and_other_dos_files_are_read(tmp_path, encoding):
    rows_ = [["Date", "Supplier", "Description", "Amount £"], *map(list, PAYMENTS), ["18/04/2018", "Café £ Ltd", "x", "700.00"]]
    record, rows = read(write_csv(tmp_path, rows_, encoding=encoding))
    assert rows[-1] == (dt.date(2018, 4, 18), "Café £ Ltd", Decimal("700.00"))


# --- byte-level shapes -------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"])
def test_a_blank_first_line_and_any_line_ending(tmp_path, newline):
    path = write_csv(tmp_path, [[], ["Date", "Supplier", "Description", "Amount"], *map(list, PAYMENTS)], newline=newline)
    record, rows = read(path)
    assert rows == expected()
    assert record.ledger[0].skipped == {"blank": 1, "header": 1}
    assert_balanced(record)


def test_a_header_printed_at_the_end_of_the_file(tmp_path):
    record, rows = read(write_csv(tmp_path, [*map(list, PAYMENTS), ["Date", "Supplier", "Description", "Amount"]]))
    assert rows == expected()
    assert_balanced(record)


def test_spacer_columns_between_the_columns(tmp_path):
    rows_ = [["Date", "", "Supplier", "", "Description", "", "Amount"]]
    rows_ += [[d, "", s, "", t, "", a] for d, s, t, a in PAYMENTS]
    record, rows = read(write_csv(tmp_path, rows_))
    assert rows == expected()


def test_multi_line_quoted_cells_stay_in_their_row(tmp_path):
    rows_ = [["Date", "Supplier", "Description", "Amount"]]
    rows_ += [[d, s, f"{t}\nsecond line", a] for d, s, t, a in PAYMENTS]
    record = read_spreadsheet(write_csv(tmp_path, rows_))
    assert [r.description for r in record.rows] == ["Repairs second line", "Tyres second line", "Advice second line"]
    assert_balanced(record)


# --- workbooks ---------------------------------------------------------------------------------


def month_rows(month: int, header: list[str], prefix: str = "") -> list[list[object]]:
    return [
        [f"{prefix}{h}" for h in header],
        [dt.datetime(2019, month, 3), f"Supplier {month} Ltd", "Repairs", 1000.0 + month],
        [dt.datetime(2019, month, 9), "Acme Ltd", "Tyres", 600.25],
    ]


def test_every_monthly_sheet_is_read_when_the_header_changes_from_october(tmp_path):
    # From October the finance system prefixes every heading with '* ' and renames a column.
    before = ["Date", "Supplier", "Description", "Amount"]
    after = ["Date", "Vendor Account", "Description", "Amount"]
    sheets = {
        dt.date(2019, m, 1).strftime("%b %Y"): month_rows(m, before if m < 10 else after, "" if m < 10 else "* ")
        for m in range(1, 13)
    }
    record = read_spreadsheet(write_workbook(tmp_path, sheets))
    assert len(record.rows) == 24
    assert sum(r.amount for r in record.rows) == sum(Decimal(1000 + m) + Decimal("600.25") for m in range(1, 13))
    assert {r.supplier for r in record.rows if r.date.month == 11} == {"Supplier 11 Ltd", "Acme Ltd"}
    assert [part.table for part in record.ledger] == list(sheets)
    assert_balanced(record)


def test_a_sheet_without_a_table_is_reported_and_one_with_payments_in_it_is_flagged(tmp_path):
    sheets = {
        "Payments": month_rows(4, ["Date", "Supplier", "Description", "Amount"]),
        "Notes": [["These are the payments over £500."], ["Updated monthly."]],
        "Other": [["When", "Who", "What", "How much"], [dt.datetime(2019, 4, 5), "Hidden Ltd", "x", 999.0]],
    }
    record = read_spreadsheet(write_workbook(tmp_path, sheets))
    assert len(record.rows) == 2
    notes, other = record.ledger[1:]
    assert (notes.not_read, notes.rows) == ("no header row", 2)
    assert other.not_read and other.rows == 2
    assert any("sheet 'Other'" in flag.reason and "date and an amount" in flag.reason for flag in record.review)
    assert_balanced(record)


def test_a_second_header_part_way_down_starts_a_table_with_its_own_columns(tmp_path):
    rows_ = [
        ["Date", "Supplier", "Description", "Amount"],
        [dt.datetime(2019, 4, 3), "Acme Ltd", "Repairs", 1000.0],
        [dt.datetime(2019, 4, 4), "Bolt Ltd", "Tyres", 2000.0],
        [None, None, None, None],
        ["Amount", "Date", "Supplier", "Description"],
        [5000.0, dt.datetime(2019, 4, 5), "Cedar Ltd", "Advice"],
        [7000.0, dt.datetime(2019, 4, 6), "Delta Ltd", "Audit"],
    ]
    record = read_spreadsheet(write_workbook(tmp_path, {"April": rows_}))
    assert [(r.supplier, r.amount) for r in record.rows] == [
        ("Acme Ltd", Decimal("1000.00")), ("Bolt Ltd", Decimal("2000.00")),
        ("Cedar Ltd", Decimal("5000.00")), ("Delta Ltd", Decimal("7000.00")),
    ]
    assert_balanced(record)


def test_excel_serial_numbers_among_real_dates(tmp_path):
    rows_ = [["Date", "Supplier", "Description", "Amount"], ["43191", "Acme Ltd", "x", "500.00"], ["02/04/2018", "Bolt Ltd", "y", "600.00"]]
    _, rows = read(write_csv(tmp_path, rows_))
    assert [r[0] for r in rows] == [dt.date(2018, 4, 1), dt.date(2018, 4, 2)]


def test_a_sheet_formatted_to_show_whole_pounds_still_holds_its_pennies(tmp_path):
    path = write_workbook(tmp_path, {"Spend": [["Date", "Supplier", "Amount"], [dt.datetime(2019, 4, 3), "Acme Ltd", 1234.56]]})
    book = openpyxl.load_workbook(path)
    book["Spend"]["C2"].number_format = "#,##0"
    book.save(path)
    assert read(path)[1] == [(dt.date(2019, 4, 3), "Acme Ltd", Decimal("1234.56"))]


# --- credits and VAT ---------------------------------------------------------------------------


@pytest.mark.parametrize("credit", ["250.00-", "(250.00)", "250.00 CR", "-250.00", "£250.00CR"])
def test_credits_in_every_style(tmp_path, credit):
    rows_ = [["Date", "Supplier", "Amount"], ["03/04/2018", "Acme Ltd", "1,000.00"], ["04/04/2018", "Acme Ltd", credit]]
    _, rows = read(write_csv(tmp_path, rows_))
    assert [r[2] for r in rows] == [Decimal("1000.00"), Decimal("-250.00")]


def test_separate_debit_and_credit_columns_give_debit_minus_credit(tmp_path):
    rows_ = [["Date", "Supplier", "Debit", "Credit"], ["03/04/2018", "Acme Ltd", "1,000.00", ""], ["04/04/2018", "Acme Ltd", "", "250.00"]]
    _, rows = read(write_csv(tmp_path, rows_))
    assert [r[2] for r in rows] == [Decimal("1000.00"), Decimal("-250.00")]


def test_net_vat_and_gross_columns_give_the_net_amount_and_never_the_vat(tmp_path):
    rows_ = [["Date", "Supplier", "VAT", "Gross", "Net"], ["03/04/2018", "Acme Ltd", "200.00", "1,200.00", "1,000.00"]]
    record, rows = read(write_csv(tmp_path, rows_))
    assert rows[0][2] == Decimal("1000.00")
    assert record.amount_basis == "net"


def test_only_a_gross_amount_is_taken_and_said_to_be_gross(tmp_path):
    rows_ = [["Date", "Supplier", "VAT Amount", "Gross Amount"], ["03/04/2018", "Acme Ltd", "200.00", "1,200.00"]]
    record, rows = read(write_csv(tmp_path, rows_))
    assert rows[0][2] == Decimal("1200.00")
    assert record.amount_basis == "gross"


# --- totals, groups, placeholders --------------------------------------------------------------


def test_subtotals_under_group_headings_are_not_payments_and_the_heading_gives_the_expense_type(tmp_path):
    rows_ = [
        ["Date", "Supplier", "Description", "Amount"],
        ["Estates", "", "", ""],
        ["03/04/2018", "Acme Ltd", "Repairs", "1,000.00"],
        ["04/04/2018", "Bolt Ltd", "Locks", "500.00"],
        ["", "Sub-total", "", "1,500.00"],
        ["ICT", "", "", ""],
        ["05/04/2018", "Cedar Ltd", "Laptops", "2,000.00"],
        ["", "", "", "2,000.00"],
        ["", "Grand total", "", "3,500.00"],
    ]
    record = read_spreadsheet(write_csv(tmp_path, rows_))
    assert [(r.supplier, r.expense_type) for r in record.rows] == [
        ("Acme Ltd", "Estates"), ("Bolt Ltd", "Estates"), ("Cedar Ltd", "ICT")]
    assert record.total == Decimal("3500.00") and record.review == []
    assert_balanced(record)


def test_a_subtotal_known_only_by_arithmetic_is_not_a_payment(tmp_path):
    rows_ = [
        ["Date", "Supplier", "Description", "Amount"],
        ["03/04/2018", "Acme Ltd", "Repairs", "1,000.00"],
        ["04/04/2018", "Bolt Ltd", "Locks", "500.00"],
        ["04/04/2018", "", "", "1,500.00"],
        ["05/04/2018", "Cedar Ltd", "Laptops", "2,000.00"],
    ]
    record = read_spreadsheet(write_csv(tmp_path, rows_))
    assert [r.supplier for r in record.rows] == ["Acme Ltd", "Bolt Ltd", "Cedar Ltd"]


@pytest.mark.parametrize("placeholder", ["THIRD PARTY", "Withheld", "Personal data removed", "Private individual",
                                         "Redacted", "Name withheld", "Individual", "Data Protection Act"])
def test_redaction_placeholders_are_redactions(tmp_path, placeholder):
    rows_ = [["Date", "Supplier", "Amount"], ["03/04/2018", placeholder, "700.00"], ["04/04/2018", "Acme Ltd", "800.00"]]
    record = read_spreadsheet(write_csv(tmp_path, rows_))
    assert [r.redacted for r in record.rows] == [True, False]


@pytest.mark.parametrize("supplier", ["Redactive Events Ltd", "Personal Best Coaching", "Third Party Logistics Ltd"])
def test_look_alike_suppliers_stay_suppliers(tmp_path, supplier):
    rows_ = [["Date", "Supplier", "Amount"], ["03/04/2018", supplier, "700.00"]]
    assert not read_spreadsheet(write_csv(tmp_path, rows_)).rows[0].redacted


def test_an_unknown_capitalised_phrase_paid_many_different_amounts_is_flagged(tmp_path):
    rows_ = [["Date", "Supplier", "Amount"]]
    rows_ += [[f"{d:02d}/04/2018", "NOT FOR RELEASE", f"{500 + 37 * d}.00"] for d in range(1, 13)]
    rows_ += [["20/04/2018", "Acme Ltd", "900.00"]]
    record = read_spreadsheet(write_csv(tmp_path, rows_))
    assert all("placeholder" in (r.review or "") for r in record.rows if r.supplier == "NOT FOR RELEASE")
    assert record.rows[-1].review is None


def test_a_table_with_no_amount_column_by_words_or_by_content_is_refused(tmp_path):
    rows_ = [["Date", "Supplier", "Description"], ["03/04/2018", "Acme Ltd", "Repairs"]]
    with pytest.raises(RefusedInput, match="amount"):
        read_spreadsheet(write_csv(tmp_path, rows_))
