"""Cell values, headers, totals and redaction: the rules every spend reader shares."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pytest

from ingest.money import parse_amount
from ingest.spend import VOCABULARY
from ingest.spend.frame import build_frame, read_amounts, spending_body
from ingest.tables.vocabulary import VOCAB_DIR, Vocabulary, load_vocabulary
from opcc.core.privacy import is_private_individual, redaction_label


def map_columns(headers: list[str]) -> dict[int, str]:
    return load_vocabulary(VOCABULARY).map_columns(headers)


def match_header(header: str) -> tuple[str, int, float] | None:
    found = load_vocabulary(VOCABULARY).match(header)
    return (found.field, found.rank, found.score) if found else None


def read(**cells: list) -> tuple[pd.DataFrame, object]:
    """Raw text cells by field through the frame builder; the canonical columns as a DataFrame."""
    table, meta = build_frame(
        pa.table({name: pa.array(values, type=pa.string()) for name, values in cells.items()})
    )
    return table.to_pandas(), meta


# --- amounts -------------------------------------------------------------------------------

AMOUNT_CELLS = [
    "£1,234.56",
    "(1,234.56)",
    "1,234.56 CR",
    "123.45 CR",
    "-£123.45",
    "£(1,234.56)",
    "-(5.00)",
    "1234",
    "12.5",
    "0",
    "0.00",
    "-0.00",
    "(0.00)",
    "007",
    "1,000",
    "£ 1,234.56",
    "\u221212.00",
    " 222,441.16 ",
    "10 DR",
    "1500",
    "£92.486.65",
    "1,23.4",
    "1.234",
    "abc",
    "(12",
    "12)",
    ".5",
    "1,2345.00",
    "1 234.56",  # two numbers run together, or a space as thousands separator: not read either way
    "1,234. 56",
    "+1,234.56",
    "- 1,234.56",
    "£ -12.00",
    "",
    None,
]


# A column in the style older finance systems write throughout takes a shorter path; so does one
# already canonical. Every path must agree with the strict cell reader.
BRACKETED_CELLS = ["1,234.56", "(1,234.56)", "0.00", "(0.00)", "12.00", "(12,345,678.90)", None]
CANONICAL_CELLS = ["1.00", "-5.10", "0.00", None, "123456.78"]


@pytest.mark.parametrize("cells", [AMOUNT_CELLS, BRACKETED_CELLS, CANONICAL_CELLS])
def test_the_vectorised_amount_reader_agrees_with_the_strict_cell_reader(cells):
    read_column = read_amounts(pa.array(cells, type=pa.string())).to_pylist()
    expected = [None if (a := parse_amount(cell)) is None else f"{a:.2f}" for cell in cells]
    assert read_column == expected


def test_the_column_reader_and_the_cell_reader_agree_on_any_mix_of_the_characters_amounts_are_printed_with():
    pieces = [*"0123456789" * 4, ",", ".", " ", "£", "(", ")", "-", "+", "CR", "DR", "Cr", "cr",
              "\u00a0", "\u2009", "\u2212"]
    rng = random.Random(2018)
    cells = sorted({"".join(rng.choices(pieces, k=rng.randint(1, 11))) for _ in range(100_000)})
    read_column = read_amounts(pa.array(cells, type=pa.string())).to_pylist()
    disagreements = [
        (cell, read, strict)
        for cell, read in zip(cells, read_column, strict=True)
        if read != (None if (strict := parse_amount(cell)) is None else f"{strict:.2f}")
    ]
    assert disagreements == []


def test_an_amount_that_does_not_read_exactly_is_none_and_flagged_never_guessed():
    frame, _ = read(
        date=["01/04/2018", "02/04/2018"], supplier=["A Ltd", "B Ltd"], amount=["£92.486.65", "600.00"]
    )
    assert frame["amount"].isna().tolist() == [True, False]
    assert frame["review"].iloc[0] == "amount not readable: '£92.486.65'"


def test_small_lines_and_credits_are_kept():
    frame, _ = read(
        date=["01/04/2018"] * 3, supplier=["A Ltd", "B Ltd", "C Ltd"], amount=["12.00", "(499.99)", "0"]
    )
    assert frame["amount"].tolist() == ["12.00", "-499.99", "0.00"]


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "iso"),
    [
        ("04/05/2018", "2018-05-04"),  # day first, never May the 4th read as April the 5th
        ("13/04/2018", "2018-04-13"),
        ("04/05/18", "2018-05-04"),
        ("10-Apr-2018", "2018-04-10"),
        ("10 April 2018", "2018-04-10"),
        ("2018-04-10", "2018-04-10"),
        ("2018-04-03 00:00:00", "2018-04-03"),
        ("2018/04/10", "2018-04-10"),  # year first: then always the month, never the 18th of April 2010
        ("10.04.2018", "2018-04-10"),
        ("Tuesday 10th April 2018", "2018-04-10"),
        ("43200", "2018-04-10"),  # an Excel serial day number
    ],
)
def test_dates_are_read_day_first_in_every_style(cell, iso):
    frame, _ = read(date=[cell], supplier=["A Ltd"], amount=["600.00"])
    assert frame["date"].iloc[0] == iso


def test_a_month_first_date_is_refused_not_swapped():
    frame, _ = read(date=["04/13/2018"], supplier=["A Ltd"], amount=["600.00"])
    assert pd.isna(frame["date"].iloc[0])
    assert frame["review"].iloc[0] == "date not readable: '04/13/2018'"


def test_in_a_return_with_month_first_dates_a_date_that_reads_either_way_is_flagged():
    frame, _ = read(date=["04/05/2018", "04/13/2018", "13/04/2018", "05/05/2018"], supplier=["A Ltd"] * 4,
                    amount=["600.00"] * 4)
    assert frame["date"].tolist()[0] == "2018-05-04"  # still read day first, never swapped
    assert frame["review"].iloc[0] == "read day first, but the return also has month-first dates such as '04/13/2018'"
    assert frame["review"].iloc[2:].isna().all()  # 13/04 and 05/05 read only one way


# --- headers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Transaction Date", "date"),
        ("PymtDate", "date"),
        ("Invoice Creation Date", "date"),
        ("paid_date", "date"),
        ("Supplier Name ", "supplier"),
        ("Vendor", "supplier"),
        ("Payee", "supplier"),
        ("Beneficiary", "supplier"),
        ("Amount (£)", "amount"),
        (" Amount ", "amount"),
        ("£ (net)", "amount"),
        ("SumOfNet Amt", "amount"),
        ("Net Amount", "amount"),
        ("Value", "amount"),
        ("Purpose of Expenditure", "description"),
        ("Subj Description", "description"),
        ("Details", "description"),
        ("Expenditure Catergory", "expense_type"),
        ("G/L Description", "expense_type"),
        ("Account Description", "expense_type"),
        ("Organisatonal Unit", "service_area"),
        ("Cost Centre", "service_area"),
        ("Expense Area", "service_area"),
        ("Trans No", "transaction_id"),
        ("Voucher Number", "transaction_id"),
        ("Reference", "transaction_id"),
        ("Creditor Name", "supplier"),
        ("Supplier/Payee", "supplier"),
        ("Payment Amount", "amount"),
        ("Amount (GBP)", "amount"),
        ("Purpose of Spend", "description"),
        ("Objective Description", "service_area"),
        ("Invoice Number", "transaction_id"),
        ("Value for Money Reason", "value_for_money_reason"),
        ("Spending Body", "spending_body"),
    ],
)
def test_header_variants_name_their_field(header, field):
    assert match_header(header)[0] == field


@pytest.mark.parametrize(
    "header", ["Supplier ID", "SumOfGross Amt", "Expense Code", "VAT Reg no", "caporrev"]
)
def test_columns_that_are_not_spend_fields_stay_unmapped(header):
    assert match_header(header) is None


def test_the_vocabulary_is_data_a_new_variant_needs_no_code(tmp_path):
    assert map_columns(["Date", "Settled With", "Amount"]) == {0: "date", 2: "amount"}
    vocab = tmp_path / "spend_columns.yml"
    text = (VOCAB_DIR / f"{VOCABULARY}.yml").read_text(encoding="utf-8").replace(
        "    - payee\n", "    - payee\n    - settled with\n"
    )
    vocab.write_text(text, encoding="utf-8")
    widened = Vocabulary.from_yaml(vocab)
    assert widened.map_columns(["Date", "Settled With", "Amount"]) == {0: "date", 1: "supplier", 2: "amount"}


# --- totals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "total_row",
    [
        {"supplier": "Total"},
        {"description": "Grand Total"},
        {"expense_type": "TOTAL PAYMENTS"},
        {"date": "Total"},  # the label in the first column, which here is the date's
        {"supplier": "Sub Total - Chief Constable"},
        {"supplier": "Page Total"},
        {"description": "Total April 2018"},
        {"date": "Total to 30/04/2018"},
        {"supplier": "2 transactions"},
        {},  # a row with only an amount
    ],
)
def test_a_printed_total_is_recognised_and_never_becomes_a_row(total_row):
    cells = {
        "date": ["01/04/2018", "02/04/2018", None],
        "supplier": ["A Ltd", "B Ltd", None],
        "description": ["x", "y", None],
        "expense_type": ["t", "t", None],
        "amount": ["100.00", "(20.50)", "79.50"],
    }
    for field, label in total_row.items():
        cells[field][2] = label
    frame, meta = read(**cells)
    assert len(frame) == 2 and meta.total == Decimal("79.50") and meta.review == []


def test_section_headings_give_their_rows_a_spending_body_and_notes_under_the_table_are_not_rows():
    frame, meta = read(
        date=["PCC", "01/04/2018", "Chief Constable", "02/04/2018", None, "Report run on 05/05/2018 by FINSYS"],
        supplier=[None, "A Ltd", None, "B Ltd", "Total", None],
        amount=[None, "100.00", None, "20.50", "120.50", None],
    )
    assert frame["supplier"].tolist() == ["A Ltd", "B Ltd"]
    assert frame["spending_body"].tolist() == ["PCC", "Chief Constable"]
    assert frame["review"].isna().all() and meta.review == [] and meta.dropped_label_rows == 3


def test_subtotals_with_no_grand_total_reconcile_together():
    frame, meta = read(date=["01/04/2018", None, "02/04/2018", None], supplier=["A Ltd", "Total PCC", "B Ltd", "Total CC"],
                       amount=["100.00", "100.00", "20.50", "20.50"])
    assert len(frame) == 2 and meta.total == Decimal("120.50") and meta.review == []


def test_a_total_that_does_not_reconcile_is_reported_on_the_return():
    frame, meta = read(date=["01/04/2018", None], supplier=["A Ltd", "Total"], amount=["100.00", "100.01"])
    assert meta.total == Decimal("100.01")
    assert [(flag.field, flag.value) for flag in meta.review] == [("total", "100.01")]
    assert "rows sum to 100.00" in meta.review[0].reason


def test_a_supplier_named_total_is_a_payment():
    frame, meta = read(date=["01/04/2018"], supplier=["Total Gas & Power Ltd"], amount=["600.00"])
    assert frame["supplier"].tolist() == ["Total Gas & Power Ltd"] and meta.total is None


def test_blank_spacer_rows_are_dropped_and_counted():
    frame, meta = read(date=["01/04/2018", None], supplier=["A Ltd", None], amount=["600.00", None])
    assert len(frame) == 1 and meta.dropped_blank_rows == 1


# --- redaction ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("supplier", "label"),
    [
        ("Redacted - personal data", "REDACTED PERSONAL DATA"),
        ("REDACTED PERSONAL DATA", "REDACTED PERSONAL DATA"),
        ("REDACTED UNDER DP ACT", "REDACTED PERSONAL DATA"),
        ("Redacted personal data", "REDACTED PERSONAL DATA"),
        ("REDACTED COMMERCIAL CONFIDENTIALITY", "REDACTED COMMERCIAL CONFIDENTIALITY"),
        ("REDACTED", "REDACTED OTHER"),
        ("Individual", "REDACTED PERSONAL DATA"),
        ("Personal Information", "REDACTED PERSONAL DATA"),
        ("Commercially Sensitive", "REDACTED COMMERCIAL CONFIDENTIALITY"),
        ("Withheld - personal data", "REDACTED PERSONAL DATA"),
        ("REDACTIVE MEDIA SALES LIMITED", None),
        ("Personal Information Services Ltd", None),
        ("Individual Solutions Ltd", None),
    ],
)
def test_redaction_markers_and_their_lga_labels(supplier, label):
    assert redaction_label(supplier) == label


@pytest.mark.parametrize(
    ("supplier", "person"),
    [
        ("Mr J Smith", True),
        ("MISS MANN DAYA", True),
        ("Dr A Jones", True),
        ("Mr Smith Ltd", False),
        ("Mrs Bucket's Cleaning Services", False),
        ("Morrison Facilities Services Ltd", False),
        ("Mr", False),
    ],
)
def test_suppliers_that_look_like_private_individuals(supplier, person):
    assert is_private_individual(supplier) is person


def test_redacted_rows_keep_the_printed_text_and_people_get_a_review_reason():
    frame, _ = read(
        date=["01/04/2018"] * 3, supplier=["REDACTED", "Mr J Smith", "Acme Ltd"], amount=["600.00"] * 3
    )
    assert frame["supplier"].tolist() == ["REDACTED", "Mr J Smith", "Acme Ltd"]
    assert frame["redacted"].tolist() == [True, False, False]
    assert frame["redaction_label"].fillna("").tolist() == ["REDACTED OTHER", "", ""]
    assert frame["review"].fillna("").tolist() == ["", "supplier may be a private individual", ""]


def test_spending_body_is_normalised_from_a_body_column():
    frame, meta = read(
        date=["01/04/2018"] * 6,
        supplier=["A Ltd"] * 6,
        amount=["600.00"] * 6,
        spending_body=["OPCC", "Chief Constable of Kent", "Kent Police and Crime Commissioner", "CC", "Force",
                       "Kent Police Force"],
    )
    assert frame["spending_body"].tolist() == ["PCC", "Chief Constable", "PCC", "Chief Constable",
                                               "Chief Constable", "Chief Constable"]
    assert meta.period == "2018-04"
    assert dt.date.fromisoformat(frame["date"].iloc[0]) == dt.date(2018, 4, 1)


def test_a_title_naming_both_bodies_says_neither_and_the_publisher_is_the_first():
    from ingest.spend.heading import body_from_heading

    title = "Police and Crime Commissioner for Northshire and Chief Constable of Northshire"
    assert spending_body(title) is None
    assert body_from_heading([title]) == "Police and Crime Commissioner for Northshire"


def test_each_sheet_titled_for_its_body_gives_its_own_rows_that_body(tmp_path):
    import openpyxl

    from ingest.spend import read_spreadsheet

    book = openpyxl.Workbook()
    for index, title in enumerate(["Police and Crime Commissioner for Testshire", "Chief Constable of Testshire"]):
        sheet = book.active if index == 0 else book.create_sheet(f"Sheet{index}")
        sheet.append([title])
        sheet.append(["Date", "Supplier", "Amount"])
        sheet.append([dt.datetime(2023, 5, 2 + index), f"Supplier {index}", 600 + index])
    path = tmp_path / "spend.xlsx"
    book.save(path)
    assert [r.spending_body for r in read_spreadsheet(path).rows] == ["PCC", "Chief Constable"]


# --- workbooks ---------------------------------------------------------------------------------


def test_sheets_that_name_their_columns_differently_stack_by_field_and_notes_are_not_data(tmp_path):
    import openpyxl

    from ingest.spend import read_spreadsheet

    book = openpyxl.Workbook()
    pcc = book.active
    pcc.title = "PCC"
    pcc.append(["Office of the Police and Crime Commissioner for Testshire"])
    pcc.append(["Payment Date", "Payee", "Net Amount"])
    pcc.append([dt.datetime(2023, 5, 2), "Acme Ltd", 1234.5])
    force = book.create_sheet("Chief Constable")
    force.append(["Amount (£)", "Supplier Name", "Transaction Date", "Cost Centre"])
    force.append(["(99.99)", "Bolt Ltd", "03/05/2023", "Fleet"])
    book.create_sheet("Notes").append(["Amounts exclude recoverable VAT."])
    path = tmp_path / "spend.xlsx"
    book.save(path)
    record = read_spreadsheet(path)
    assert [(r.date, r.supplier, r.amount, r.service_area) for r in record.rows] == [
        (dt.date(2023, 5, 2), "Acme Ltd", Decimal("1234.50"), None),
        (dt.date(2023, 5, 3), "Bolt Ltd", Decimal("-99.99"), "Fleet"),
    ]
    assert record.body == "Police and Crime Commissioner for Testshire" and record.period == "2023-05"


def test_a_layout_never_seen_reads_by_its_header_words_title_block_merged_cells_and_total(tmp_path):
    import openpyxl

    from ingest.spend import read_spreadsheet

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "Office of the Police and Crime Commissioner for Testshire"
    sheet.merge_cells("A1:F1")
    sheet["A2"] = "Payments over £500, April 2021"
    sheet.append([])
    sheet.append(["Payment Date", "Creditor Name", "Objective Description", "Purpose of Spend", "Payment Amount",
                  "Invoice Number"])
    sheet.append([dt.datetime(2021, 4, 1), "Acme Ltd", "Estates", "Repairs", 1234.5, "INV1"])
    sheet.append([dt.datetime(2021, 4, 3), "REDACTED PERSONAL DATA", "HR", "Grant", -750.25, "INV3"])
    sheet.append([None, "Total", None, None, 484.25, None])
    path = tmp_path / "spend.xlsx"
    book.save(path)
    record = read_spreadsheet(path)
    assert [(r.date, r.supplier, r.service_area, r.description, r.amount, r.transaction_id, r.redacted)
            for r in record.rows] == [
        (dt.date(2021, 4, 1), "Acme Ltd", "Estates", "Repairs", Decimal("1234.50"), "INV1", False),
        (dt.date(2021, 4, 3), "REDACTED PERSONAL DATA", "HR", "Grant", Decimal("-750.25"), "INV3", True),
    ]
    assert record.total == Decimal("484.25") and record.review == []


def test_a_workbook_header_split_over_two_rows_is_read_not_refused(tmp_path):
    import openpyxl

    from ingest.spend import read_spreadsheet

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Transaction", "Supplier Name", "Expense Type", "Net Amount"])
    sheet.append(["Date", None, None, None])
    sheet.append([dt.datetime(2021, 4, 1), "Acme Ltd", "Repairs", 1234.5])
    path = tmp_path / "spend.xlsx"
    book.save(path)
    rows = read_spreadsheet(path).rows
    assert [(r.date, r.supplier, r.expense_type, r.amount) for r in rows] == [
        (dt.date(2021, 4, 1), "Acme Ltd", "Repairs", Decimal("1234.50"))]
