"""PDF spend tables from positioned words: layout rules, the pdfplumber fallback, and OCR'd lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from ingest.pdf import Document, Line, Page, Word, read_pdf
from ingest.spend import VOCABULARY, read_pdf_return
from ingest.spend.frame import build_frame
from ingest.tables import load_vocabulary, read_pdf_grid
from ingest.tables.pdf_grid import pdfplumber_pages

KENT = Path(__file__).parent / "fixtures" / "expenditure" / "kent_pcc_2018_04.pdf"

# Column left edges of a made-up return: Date, Supplier, Description, Amount (right-aligned at 500).
DATE, SUPPLIER, DESCRIPTION, AMOUNT_RIGHT = 40, 120, 260, 500
HEIGHT = 8.0


def line(
    page: int,
    top: float,
    cells: list[tuple[str, float]],
    *,
    slope: float = 0.0,
    confidence: float | None = None,
    right_aligned: tuple[str, ...] = (),
) -> Line:
    """A printed line: each cell's text starts at its x (or ends there when right-aligned), 5 pt a character."""
    words = []
    for text, x in cells:
        width = 5.0 * len(text)
        x0 = x - width if text in right_aligned else x
        drop = slope * x0  # a scan tilted clockwise: text further right sits lower
        words.append(Word(text, x0, x0 + width, top + drop, top + drop + HEIGHT, confidence))
    return Line(
        " ".join(w.text for w in words),
        page,
        min(w.top for w in words),
        max(w.bottom for w in words),
        words[0].x0,
        words[-1].x1,
        words,
    )


def header(page: int, top: float, **kw) -> Line:
    return line(
        page,
        top,
        [("Date", DATE), ("Supplier", SUPPLIER), ("Description", DESCRIPTION), ("Amount", AMOUNT_RIGHT - 30)],
        **kw,
    )


def payment(page: int, top: float, date: str, supplier: str, description: str, amount: str, **kw) -> Line:
    return line(
        page,
        top,
        [(date, DATE), (supplier, SUPPLIER), (description, DESCRIPTION), (amount, AMOUNT_RIGHT)],
        right_aligned=(amount,),
        **kw,
    )


def document(*pages: list[Line], ocr: bool = False) -> Document:
    return Document(
        Path("made-up.pdf"),
        "0" * 64,
        [Page(n, 595.0, 842.0, lines, ocr=ocr) for n, lines in enumerate(pages, start=1)],
    )


def test_wrapped_cells_join_with_one_space_and_a_row_cut_at_a_page_break_is_joined():
    page1 = [
        line(1, 20, [("Office of the Kent Police and Crime Commissioner", DATE)]),
        header(1, 50),
        payment(1, 70, "04/04/2018", "Rising Sun Domestic Violence &", "Grant", "1,000.00"),
        line(1, 80, [("Abuse Service", SUPPLIER)]),
        payment(1, 100, "05/04/2018", "Porchlight", "Victim services grant for the", "(250.00)"),
        line(1, 800, [("Page 1 of 2", 280)]),
    ]
    page2 = [
        header(2, 50),
        line(2, 70, [("second quarter", DESCRIPTION)]),  # the rest of page 1's last row
        payment(2, 90, "06/04/2018", "Redacted - personal data", "Expenses", "750.00"),
        line(2, 110, [("Total", 400), ("1,500.00", AMOUNT_RIGHT)], right_aligned=("1,500.00",)),
        line(2, 800, [("Page 2 of 2", 280)]),
    ]
    record = read_pdf_return(document(page1, page2))
    rows = [(r.date, r.supplier, r.description, r.amount, r.page) for r in record.rows]
    assert rows == [
        (dt.date(2018, 4, 4), "Rising Sun Domestic Violence & Abuse Service", "Grant", Decimal("1000.00"), 1),
        (
            dt.date(2018, 4, 5),
            "Porchlight",
            "Victim services grant for the second quarter",
            Decimal("-250.00"),
            1,
        ),
        (dt.date(2018, 4, 6), "Redacted - personal data", "Expenses", Decimal("750.00"), 2),
    ]
    assert record.total == Decimal("1500.00") and record.review == []
    assert record.rows[2].redacted and record.body == "Kent Police and Crime Commissioner"


def test_cells_centred_vertically_at_different_heights_stay_one_row():
    page = [
        header(1, 50),
        line(
            1,
            66,
            [
                ("St James Hill", SUPPLIER),
                ("community cafe run from the church", DESCRIPTION),
                ("10,000", AMOUNT_RIGHT),
            ],
            right_aligned=("10,000",),
        ),
        line(1, 76, [("17/03/2017", DATE), ("centre.", DESCRIPTION)]),
        payment(1, 100, "18/03/2017", "Home Start", "Family group", "800"),
    ]
    record = read_pdf_return(document(page))
    assert [(r.date, r.supplier, r.amount) for r in record.rows] == [
        (dt.date(2017, 3, 17), "St James Hill", Decimal("10000.00")),
        (dt.date(2017, 3, 18), "Home Start", Decimal("800.00")),
    ]
    assert record.rows[0].description == "community cafe run from the church centre."


def test_ocr_lines_from_a_skewed_scan_give_exact_rows_or_flag_them():
    slope = 0.02  # about 1.1 degrees: the amount column sits a line lower than the date column
    page = [
        header(1, 50, slope=slope, confidence=96),
        payment(
            1,
            64,
            "02/09/2019",
            "Maidstone Borough Council",
            "Youth offending",
            "108,058.44",
            slope=slope,
            confidence=95,
        ),
        payment(
            1, 78, "03/09/2019", "Medway Council", "CCTV monitoring", "1,23.4", slope=slope, confidence=91
        ),
        payment(1, 92, "04/09/2019", "CIPFA", "Membership", "900.00", slope=slope, confidence=62),
        line(
            1,
            106,
            [("|", 30), ("Total", 400), ("109,023.84", AMOUNT_RIGHT)],
            slope=slope,
            confidence=90,
            right_aligned=("109,023.84",),
        ),
    ]
    record = read_pdf_return(document(page, ocr=True))
    first, garbled, unsure = record.rows
    assert (first.supplier, first.amount, first.review) == (
        "Maidstone Borough Council",
        Decimal("108058.44"),
        None,
    )
    assert garbled.amount is None and garbled.review == "amount not readable: '1,23.4'"
    assert unsure.amount == Decimal("900.00") and "OCR unsure of the amount (62% confident)" in unsure.review
    assert record.total == Decimal("109023.84")
    assert [flag.field for flag in record.review] == [
        "total"
    ]  # one amount unread: the total cannot be checked


def test_pdfplumber_words_read_the_same_table_as_the_fast_path():
    fast = read_pdf_grid(read_pdf(KENT).pages, load_vocabulary(VOCABULARY))
    fallback = read_pdf_grid(pdfplumber_pages(KENT), load_vocabulary(VOCABULARY))
    fast_frame, fast_meta = build_frame(fast.raw)
    slow_frame, slow_meta = build_frame(fallback.raw)
    assert len(fast_frame) == 70
    assert fast_frame.equals(slow_frame)
    assert fast_meta.total == slow_meta.total == Decimal("979907.31")


def test_a_sheet_that_hangs_wrapped_cells_above_the_row_keeps_them_with_it():
    # Excel aligns cells to the bottom: a long description wraps upwards, dense rows share a block.
    page = [
        header(1, 50),
        line(1, 62, [("Prepayment - CBSO Concert", DESCRIPTION)]),
        payment(1, 71, "31/03/2017", "JA Productions", "removed from list 09/11/17.", "0"),
        line(1, 80, [("Prepayment - CBSO License", DESCRIPTION)]),
        payment(1, 89, "31/03/2017", "Birmingham City Council", "Duplicate entry.", "0"),
        payment(1, 112, "01/04/2017", "Moor Hall Developments", "April Office Rent", "950"),
    ]
    record = read_pdf_return(document(page))
    assert [r.description for r in record.rows] == [
        "Prepayment - CBSO Concert removed from list 09/11/17.",
        "Prepayment - CBSO License Duplicate entry.",
        "April Office Rent",
    ]


def test_names_under_a_centred_header_belong_to_its_column():
    # "Payee" is centred over a wide column; the names start far left of it, right after "Ref".
    page = [
        line(1, 50, [("Date", DATE), ("Ref", 100), ("Payee", 200), ("Amount", AMOUNT_RIGHT - 30)]),
        *[
            line(
                1,
                64 + 14 * n,
                [(f"0{n + 1}/07/2017", DATE), (f"23{n}", 100), (name, 125), ("500.00", AMOUNT_RIGHT)],
                right_aligned=("500.00",),
            )
            for n, name in enumerate(["Crescent", "Andrew Tucker Ltd", "LGRC Associates Ltd"])
        ],
    ]
    record = read_pdf_return(document(page))
    assert [(r.transaction_id, r.supplier) for r in record.rows] == [
        ("230", "Crescent"),
        ("231", "Andrew Tucker Ltd"),
        ("232", "LGRC Associates Ltd"),
    ]


def test_a_total_labelled_in_the_date_column_closes_the_table_and_is_reconciled():
    page = [
        header(1, 50),
        payment(1, 70, "04/04/2018", "Acme Ltd", "Repairs", "1,000.00"),
        payment(1, 90, "05/04/2018", "Bolt Ltd", "Tyres", "(250.00)"),
        line(1, 110, [("Total", DATE), ("750.00", AMOUNT_RIGHT)], right_aligned=("750.00",)),
    ]
    record = read_pdf_return(document(page))
    assert [(r.supplier, r.amount) for r in record.rows] == [("Acme Ltd", Decimal("1000.00")),
                                                             ("Bolt Ltd", Decimal("-250.00"))]
    assert record.total == Decimal("750.00") and record.review == []


def test_a_header_whose_every_cell_wraps_is_read_over_its_stacked_lines():
    # "Payment / Date", "Supplier / Name", "Net / Amount" on two lines; "Details" centred between them.
    page = [
        line(1, 50, [("Payment", DATE), ("Supplier", SUPPLIER), ("Net", AMOUNT_RIGHT - 30)]),
        line(1, 55, [("Details", DESCRIPTION)]),
        line(1, 60, [("Date", DATE), ("Name", SUPPLIER), ("Amount", AMOUNT_RIGHT - 30)]),
        payment(1, 80, "04/04/2018", "Acme Ltd", "Repairs", "1,000.00"),
        payment(1, 100, "05/04/2018", "Bolt Ltd", "Tyres", "600.00"),
    ]
    record = read_pdf_return(document(page))
    assert [(r.date, r.supplier, r.description, r.amount) for r in record.rows] == [
        (dt.date(2018, 4, 4), "Acme Ltd", "Repairs", Decimal("1000.00")),
        (dt.date(2018, 4, 5), "Bolt Ltd", "Tyres", Decimal("600.00")),
    ]


def test_a_pound_sign_in_a_column_of_its_own_goes_with_its_figure_not_the_text_beside_it():
    sign = AMOUNT_RIGHT - 70  # under no header: between Description and Amount
    page = [
        header(1, 50),
        line(1, 70, [("04/04/2018", DATE), ("Acme Ltd", SUPPLIER), ("Repairs", DESCRIPTION), ("£", sign),
                     ("1,000.00", AMOUNT_RIGHT)], right_aligned=("1,000.00",)),
    ]
    row = read_pdf_return(document(page)).rows[0]
    assert (row.description, row.amount) == ("Repairs", Decimal("1000.00"))


def test_subtotals_that_name_their_body_are_totals_and_the_grand_total_is_reconciled():
    def total(top: float, label: str, amount: str) -> Line:
        return line(1, top, [(label, SUPPLIER), (amount, AMOUNT_RIGHT)], right_aligned=(amount,))

    page = [
        header(1, 50),
        payment(1, 70, "04/04/2018", "Acme Ltd", "Repairs", "1,000.00"),
        total(90, "Sub Total PCC", "1,000.00"),
        payment(1, 110, "05/04/2018", "Bolt Ltd", "Tyres", "600.00"),
        total(130, "Total for the Chief Constable", "600.00"),
        total(150, "Grand Total", "1,600.00"),
    ]
    record = read_pdf_return(document(page))
    assert [r.supplier for r in record.rows] == ["Acme Ltd", "Bolt Ltd"]
    assert record.total == Decimal("1600.00") and record.review == []


def test_a_credit_mark_wrapped_under_its_figure_stays_with_it():
    page = [
        header(1, 50),
        payment(1, 70, "04/04/2018", "Acme Ltd", "Refund", "13,486.66"),
        line(1, 80, [("CR", AMOUNT_RIGHT)], right_aligned=("CR",)),
        payment(1, 100, "05/04/2018", "Bolt Ltd", "Tyres", "600.00"),
    ]
    record = read_pdf_return(document(page))
    assert [(r.supplier, r.amount, r.review) for r in record.rows] == [
        ("Acme Ltd", Decimal("-13486.66"), None), ("Bolt Ltd", Decimal("600.00"), None)]


def test_page_furniture_under_the_columns_is_not_a_row_or_a_total():
    page = [
        header(1, 50),
        payment(1, 70, "04/04/2018", "Acme Ltd", "Repairs", "1,000.00"),
        line(1, 90, [("Total", SUPPLIER), ("1,000.00", AMOUNT_RIGHT)], right_aligned=("1,000.00",)),
        line(1, 790, [("Printed: 05/05/2018 10:32", DATE)]),
        line(1, 800, [("3", AMOUNT_RIGHT)], right_aligned=("3",)),  # the page number
    ]
    record = read_pdf_return(document(page))
    assert [r.supplier for r in record.rows] == ["Acme Ltd"]
    assert record.total == Decimal("1000.00") and record.review == []


def test_a_running_title_and_a_note_that_run_across_the_columns_join_no_row():
    page1 = [
        header(1, 50),
        payment(1, 70, "04/04/2018", "Acme Ltd", "Repairs", "1,000.00"),
    ]
    page2 = [
        line(2, 20, [("Northshire OPCC - Payments over £500 - April 2018", DATE)]),  # no header on this page
        payment(2, 50, "05/04/2018", "Bolt Ltd", "Tyres", "600.00"),
        line(2, 62, [("Note: amounts exclude VAT.", DATE)]),  # close under the last row
    ]
    record = read_pdf_return(document(page1, page2))
    assert [(r.supplier, r.description) for r in record.rows] == [("Acme Ltd", "Repairs"), ("Bolt Ltd", "Tyres")]
