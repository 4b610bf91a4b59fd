"""Money and dates are read exactly as a UK publisher prints them, or not at all."""

import datetime as dt
from decimal import Decimal

import pytest

from ingest.dates import find_dates, parse_date
from ingest.money import find_amounts, parse_amount


@pytest.mark.parametrize(
    "cell, pounds",
    [
        ("£1,234.56", "1234.56"),
        ("1234.56", "1234.56"),
        ("(1,234.56)", "-1234.56"),
        ("-1,234.56", "-1234.56"),
        ("1,234.56 CR", "-1234.56"),
        ("123.45 CR", "-123.45"),
        (" 1,234.56 ", "1234.56"),
        ("-£123.45", "-123.45"),
        ("£(1,234.56)", "-1234.56"),
        ("£ 60,000.00", "60000.00"),
        ("1500", "1500.00"),
        ("0", "0.00"),
        ("\u22121,234.56", "-1234.56"),
    ],
)
def test_a_cell_amount_in_any_printed_style_is_exact(cell, pounds):
    assert parse_amount(cell) == Decimal(pounds)


@pytest.mark.parametrize("cell", ["£92.486.65", "1,23", "12,34,567.00", "(1,234.56", "1.234,56", "abc", "", "£", "1 234"])
def test_an_amount_that_is_not_well_formed_is_refused_not_guessed(cell):
    assert parse_amount(cell) is None


def test_spreadsheet_floats_become_the_decimal_the_sheet_displayed():
    assert parse_amount(29357.06) == Decimal("29357.06")
    assert parse_amount(0.1 + 0.2) == Decimal("0.30")
    assert parse_amount(0.125) == Decimal("0.13") and parse_amount(-2.675) == Decimal("-2.68")  # as Excel shows them


def test_prose_money_in_every_form_a_notice_prints_it():
    text = "raising £2.8m, an additional £0.4m; £752.7k; £36,000; 30K; fees of £15 – 30K; circa £42.5; £1.2 million"
    assert find_amounts(text) == [
        Decimal(v)
        for v in ["2800000.00", "1200000.00", "752700.00", "400000.00", "36000.00", "30000.00", "15000.00", "42.50"]
    ]


def test_prose_without_money_has_no_amounts():
    assert find_amounts("The 151.129/16 range of 65,536 addresses, see paragraph 3.2 of 2023.") == []


@pytest.mark.parametrize(
    "printed, iso",
    [
        ("6 October 2023", "2023-10-06"),
        ("06/10/2023", "2023-10-06"),
        ("3/11/17", "2017-11-03"),
        ("13th September 2017", "2017-09-13"),
        ("21.07.2023", "2023-07-21"),
        ("6 Oct 2023", "2023-10-06"),
        ("10-Apr-2018", "2018-04-10"),
        ("2018-04-10", "2018-04-10"),
        ("2018-04-03 00:00:00", "2018-04-03"),
        ("20-Jan-17", "2017-01-20"),
        ("01-JUN-2012", "2012-06-01"),
        ("40302", "2010-05-04"),
    ],
)
def test_dates_are_read_day_first_in_every_uk_style(printed, iso):
    assert parse_date(printed) == dt.date.fromisoformat(iso)


def test_a_date_that_only_makes_sense_month_first_is_refused():
    assert parse_date("04/13/2018") is None


def test_dates_in_running_text_are_found_in_order():
    found = [d for d, _, _ in find_dates("Signed 6 October 2023, reported on 21.07.2023.")]
    assert found == [dt.date(2023, 10, 6), dt.date(2023, 7, 21)]
