"""CSV spend files: encodings, line endings and edge shapes, read by ``ingest.spend.read_spend_table``."""

from __future__ import annotations

import codecs

import pytest

from ingest.spend import read_spend_table

HEADER = "Payment Date,Supplier Name,Amount (£)"


def read(tmp_path, data: bytes):
    path = tmp_path / "spend.csv"
    path.write_bytes(data)
    table, meta = read_spend_table(path)
    return table.select(["date", "supplier", "amount", "review"]).to_pylist(), meta


def test_windows_1252_text_in_the_rows_is_read_as_printed(tmp_path):
    text = f"{HEADER}\r\n03/04/2018,Café Nero – Ltd,£1,250.00\r\n04/04/2018,O’Neill Ltd,600.00\r\n"
    rows, meta = read(tmp_path, text.replace("£1,250.00", '"£1,250.00"').encode("cp1252"))
    assert meta.details["encoding"] == "cp1252"
    assert [(r["supplier"], r["amount"]) for r in rows] == [("Café Nero – Ltd", "1250.00"), ("O’Neill Ltd", "600.00")]


def test_a_pound_sign_only_in_the_header_leaves_ascii_rows_untouched(tmp_path):
    rows, meta = read(tmp_path, f"{HEADER}\n10/04/2018,Acme Ltd,500.01\n".encode("cp1252"))
    assert meta.details["encoding"] == "cp1252"
    assert rows == [{"date": "2018-04-10", "supplier": "Acme Ltd", "amount": "500.01", "review": None}]


def test_a_stray_byte_after_a_utf8_bom_becomes_a_replacement_character_not_a_failure(tmp_path):
    data = codecs.BOM_UTF8 + f"{HEADER}\n10/04/2018,Acme \xff Ltd,500.00\n".encode().replace(b"\xc3\xbf", b"\xff")
    rows, meta = read(tmp_path, data)
    assert meta.details["encoding"] == "utf-8-sig"
    assert rows[0]["supplier"] == "Acme \ufffd Ltd" and rows[0]["amount"] == "500.00"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_rows_end_at_any_newline_convention(tmp_path, newline):
    text = newline.join([HEADER, "10/04/2018,Acme Ltd,500.00", "11/04/2018,Beta Ltd,700.00", ""])
    rows, _ = read(tmp_path, text.encode("utf-8"))
    assert [(r["date"], r["supplier"]) for r in rows] == [("2018-04-10", "Acme Ltd"), ("2018-04-11", "Beta Ltd")]


def test_a_header_with_no_rows_is_an_empty_return_not_an_error(tmp_path):
    rows, meta = read(tmp_path, f"{HEADER}\r\n".encode())
    assert rows == [] and meta.total is None


def test_a_ragged_row_is_kept_and_flagged(tmp_path):
    text = f"{HEADER}\n10/04/2018,Acme Ltd,500.00\n11/04/2018,Beta Ltd\n"
    rows, _ = read(tmp_path, text.encode("utf-8"))
    assert [r["supplier"] for r in rows] == ["Acme Ltd", "Beta Ltd"]
    assert rows[0]["review"] is None
    assert "row has 2 fields, the header has 3" in rows[1]["review"]


@pytest.mark.parametrize("separator", ["\t", ";", "|"])
def test_a_file_separated_by_tabs_or_semicolons_is_read_by_its_header_all_the_same(tmp_path, separator):
    text = "\n".join(separator.join(row) for row in [
        ["Payment Date", "Supplier Name", "Amount"], ["10/04/2018", "Acme, Ltd", "1,250.00"], [""]])
    rows, _ = read(tmp_path, text.encode("utf-8"))
    assert [(r["date"], r["supplier"], r["amount"]) for r in rows] == [("2018-04-10", "Acme, Ltd", "1250.00")]


def test_a_decimal_comma_is_flagged_never_read_as_thousands(tmp_path):
    rows, _ = read(tmp_path, b"Date;Supplier;Amount\n10/04/2018;Acme Ltd;1234,50\n")
    assert rows[0]["amount"] is None and rows[0]["review"] == "amount not readable: '1234,50'"


def test_a_header_printed_over_two_rows_is_read_with_its_rows_joined(tmp_path):
    text = "Transaction,Supplier,Net\nDate,Name,Amount\n10/04/2018,Acme Ltd,500.00\n"
    rows, _ = read(tmp_path, text.encode())
    assert [(r["date"], r["supplier"], r["amount"]) for r in rows] == [("2018-04-10", "Acme Ltd", "500.00")]


def test_payments_beside_a_credit_column_are_read_from_their_debits_however_headed(tmp_path):
    text = "Paid Date,Creditor / Supplier,Dr Amount,Cr Amount\n2021-03-01,BMW (UK) Ltd,\"1,279.08\",-\n" \
           "2021-03-02,Oracle Corporation UK Ltd,\"123,105\",-\n2021-03-03,Acme Ltd,-,250.00\n"
    rows, _ = read(tmp_path, text.encode())
    assert [r["amount"] for r in rows] == ["1279.08", "123105.00", "-250.00"]


def test_a_return_whose_payments_column_has_no_name_it_knows_is_never_read_from_its_credits_alone(tmp_path):
    from ingest.errors import RefusedInput

    text = "Posting Date,Payee,Payments,Credits\n01/03/2021,BMW (UK) Ltd,1279.08,0.00\n" \
           "02/03/2021,Oracle Corporation UK Ltd,123105.00,0.00\n03/03/2021,Acme Ltd,570.73,0.00\n"
    try:
        rows, _ = read(tmp_path, text.encode())
    except RefusedInput:
        return  # a clear refusal is allowed; reading every payment as nothing is not
    assert [r["amount"] for r in rows] == ["1279.08", "123105.00", "570.73"]
