"""Bounded work on table sources: hostile spreadsheets and CSVs are refused in one line, quickly,
without doing the work they ask for; junk is not payments; external links are flagged.

The hostile files are made here (nothing large is committed).
"""

from __future__ import annotations

import datetime as dt
import resource
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ingest.errors import RefusedInput
from ingest.spend import read_spreadsheet

MB = 1024 * 1024


def small_workbook(path: Path, rows: list[list[object]] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows or [["Date", "Supplier", "Amount"], [dt.datetime(2019, 4, 3), "Acme Ltd", 700.0]]:
        sheet.append(row)
    book.save(path)
    return path


def rewrite_part(path: Path, name: str, change) -> None:
    """Rewrite one part of a workbook's zip in place."""
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for part, data in parts.items():
            package.writestr(part, data)


def test_a_workbook_declaring_a_whole_sheet_of_cells_is_refused_before_reading_it(tmp_path):
    path = small_workbook(tmp_path / "bomb.xlsx", [["Date", "Supplier", "Amount"]] + [
        [dt.datetime(2019, 4, 3), f"Supplier {i} Ltd", 700.0 + i] for i in range(30_000)])
    rewrite_part(path, "xl/worksheets/sheet1.xml",
                 lambda xml: xml.replace(b'<dimension ref="A1:C30001"/>', b'<dimension ref="A1:XFD1048576"/>'))
    assert path.stat().st_size > 300_000
    with pytest.raises(RefusedInput, match=r"declares 16,384 columns.*\(max_columns\)"):
        read_spreadsheet(path)


def test_a_workbook_with_one_enormous_cell_is_refused_from_its_zip_directory(tmp_path):
    path = small_workbook(tmp_path / "cell.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        with package.open("xl/huge.xml", "w", force_zip64=True) as part:
            block = b"A" * MB
            for _ in range(1024):  # 1 GB of one cell's text, about 1 MB compressed
                part.write(block)
    assert path.stat().st_size < 8 * MB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(RefusedInput, match=r"decompresses to 1,024 MB.*\(max_inflated_bytes\)"):
        read_spreadsheet(path)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 500 * 1024  # KB: it was never inflated


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path):
    path = small_workbook(tmp_path / "long.xlsx", [["Date", "Supplier", "Amount"], ["03/04/2019", "x" * 40_000, 700.0]])
    with pytest.raises(RefusedInput, match=r"a cell holds 32,767 characters or more.*\(max_cell_chars\)"):
        read_spreadsheet(path)


def test_junk_under_a_valid_header_is_refused_with_its_counts_not_stored_as_payments(tmp_path):
    path = tmp_path / "junk.csv"
    with path.open("w") as handle:
        handle.write("Date,Supplier,Amount\n03/04/2019,Acme Ltd,700.00\n")
        line = "qwerty uiop,asdf ghjkl zxcv,bnm qwe rty\n"
        handle.write(line * (20 * MB // len(line)))
    with pytest.raises(RefusedInput, match=r"of its [\d,]+ data rows have neither a readable date nor a readable amount \(1 read as payments\)"):
        read_spreadsheet(path)


def test_a_few_rows_without_date_or_amount_are_not_payments_but_are_counted_and_flagged(tmp_path):
    path = tmp_path / "spend.csv"
    path.write_text("Date,Supplier,Amount\n03/04/2019,Acme Ltd,700.00\n04/04/2019,Bolt Ltd,800.00\nnot a date,Cedar Ltd,n/a\n")
    record = read_spreadsheet(path)
    assert [row.supplier for row in record.rows] == ["Acme Ltd", "Bolt Ltd"]
    assert record.ledger[0].skipped["unreadable"] == 1 and record.ledger[0].balanced
    assert [flag.field for flag in record.review] == ["rows"]


def test_a_value_linked_from_another_workbook_is_flagged_not_taken_silently(tmp_path):
    path = small_workbook(tmp_path / "linked.xlsx", [["Date", "Supplier", "Amount"],
                                                      [dt.datetime(2019, 4, 3), "Acme Ltd", 700.0],
                                                      [dt.datetime(2019, 4, 4), "placeholder", 800.0]])
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b'<c r="B3" t="inlineStr"><is><t>placeholder</t></is></c>',
        b'<c r="B3" t="str"><f>[1]Suppliers!A7</f><v>Linked Supplier Ltd</v></c>'))
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("xl/externalLinks/externalLink1.xml", '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')
    record = read_spreadsheet(path)
    linked = record.rows[1]
    assert linked.supplier == "Linked Supplier Ltd"
    assert "another workbook" in linked.review and "B3" in linked.review
    assert record.rows[0].review is None


def test_a_refusal_never_quotes_what_the_file_holds(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("root:x:0:0:root:/root:/bin/bash\nSECRET-MARKER-LINE,42\n")
    with pytest.raises(RefusedInput) as refused:
        read_spreadsheet(path)
    assert "root" not in str(refused.value) and "SECRET" not in str(refused.value)


def test_a_file_over_the_size_limit_is_refused_by_its_size(tmp_path):
    from ingest.spend import read_spend_table
    from ingest.tables import Limits

    path = tmp_path / "big.csv"
    path.write_text("Date,Supplier,Amount\n" + "03/04/2019,Acme Ltd,700.00\n" * 1000)
    with pytest.raises(RefusedInput, match=r"\(max_bytes\)"):
        read_spend_table(path, Limits(max_bytes=10_000))
