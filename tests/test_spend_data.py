"""The canonical spend dataset on disk: placement by month, idempotent re-ingest, overrides, bulk ingest."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ingest.extract import extract
from ingest.spend import read_spend_frame
from opcc.batch import ingest_paths
from opcc.core.kinds.expenditure import SPEND_COLUMNS, Expenditure, SpendRow
from opcc.core.model import SourceFile
from opcc.core.settings import Body, Settings, Site
from opcc.spend_data import LOAD_COLUMNS, load_spend, write_expenditure, write_frame
from opcc.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "expenditure"
BODY = "Kent Police and Crime Commissioner"
SLUG = "kent-police-and-crime-commissioner"


def quarterly_return(sha: str = "a" * 64, supplier: str = "Acme Ltd") -> Expenditure:
    rows = [
        SpendRow(date=dt.date(2018, 4, 30), supplier=supplier, amount=Decimal("600.00"), transaction_id="T1"),
        SpendRow(
            date=dt.date(2018, 5, 1),
            supplier="Mr J Smith",
            amount=Decimal("-12.30"),
            review="supplier may be a private individual",
        ),
        SpendRow(
            date=dt.date(2018, 6, 15),
            supplier="REDACTED",
            amount=Decimal("0.10"),
            redacted=True,
            redaction_label="REDACTED OTHER",
        ),
        SpendRow(date=None, supplier="Undated Ltd", amount=None, review="date not readable: '31/02/2018'"),
    ]
    source = SourceFile(sha256=sha, filename="q1.csv", media_type="text/csv")
    return Expenditure(body=BODY, rows=rows, sources=[source])


def test_rows_are_placed_by_their_own_date_in_canonical_columns(tmp_path):
    written = write_expenditure(tmp_path, quarterly_return())
    folder = tmp_path / "expenditure" / SLUG
    assert sorted(written) == sorted(
        [
            folder / "2018" / "2018-04.csv",
            folder / "2018" / "2018-05.csv",
            folder / "2018" / "2018-06.csv",
            folder / "undated.csv",
        ]
    )
    april = pd.read_csv(folder / "2018" / "2018-04.csv", dtype=str, keep_default_na=False)
    assert list(april.columns) == SPEND_COLUMNS
    assert april[["date", "supplier", "amount", "redacted", "source_sha256"]].values.tolist() == [
        ["2018-04-30", "Acme Ltd", "600.00", "false", "a" * 64]
    ]


def test_load_spend_gives_every_row_with_exact_money_and_typed_flags(tmp_path):
    write_expenditure(tmp_path, quarterly_return())
    frame = load_spend(tmp_path, SLUG)
    assert list(frame.columns) == LOAD_COLUMNS
    assert frame["amount"].tolist()[:3] == ["600.00", "-12.30", "0.10"]  # text, never float
    assert frame["redacted"].dtype == bool and frame["redacted"].tolist() == [False, False, True, False]
    assert frame["review"].iloc[1] == "supplier may be a private individual"
    assert set(frame["body"]) == {SLUG}
    assert load_spend(tmp_path / "nothing-here").empty


def test_reingesting_a_source_replaces_its_rows_and_an_unchanged_source_changes_no_file(tmp_path):
    record = quarterly_return()
    write_expenditure(tmp_path, record)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.csv")}
    assert write_expenditure(tmp_path, record) == []
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.csv")} == before
    assert len(load_spend(tmp_path)) == 4


def test_sources_merge_in_a_deterministic_order_whatever_the_ingest_order(tmp_path):
    first, second = quarterly_return("a" * 64, "Acme Ltd"), quarterly_return("b" * 64, "Bolt Ltd")
    write_expenditure(tmp_path / "one", first)
    write_expenditure(tmp_path / "one", second)
    write_expenditure(tmp_path / "two", second)
    write_expenditure(tmp_path / "two", first)
    for month in (tmp_path / "one").rglob("*.csv"):
        assert month.read_bytes() == (tmp_path / "two" / month.relative_to(tmp_path / "one")).read_bytes()
    assert len(load_spend(tmp_path / "one")) == 8


def test_each_payment_has_an_id_of_its_month_that_other_sources_and_corrections_do_not_change(tmp_path):
    write_expenditure(tmp_path, quarterly_return("a" * 64, "Acme Ltd"))
    first = load_spend(tmp_path)
    ids = first["payment_id"]
    assert ids.str.fullmatch(r"(2018-0[4-6]|undated)-[0-9a-f]{12}").all() and ids.is_unique
    assert ids.str.slice(0, 7).tolist() == ["2018-04", "2018-05", "2018-06", "undated"]
    write_expenditure(tmp_path, quarterly_return("b" * 64, "Bolt Ltd"))  # another source, the same months
    april = tmp_path / "expenditure" / SLUG / "2018" / "2018-04.overrides.yaml"
    april.write_text(yaml.safe_dump({first["row_key"].iloc[0]: {"description": "corrected"}}), encoding="utf-8")
    both = load_spend(tmp_path)
    assert both.loc[both["source_sha256"] == "a" * 64, "payment_id"].tolist() == ids.tolist()  # kept
    assert both["payment_id"].is_unique and len(both) == 8
    shutil.copytree(tmp_path / "expenditure", tmp_path / "copy" / "expenditure")  # a fresh clone: the same ids
    assert load_spend(tmp_path / "copy")["payment_id"].tolist() == both["payment_id"].tolist()


def test_overrides_beside_a_month_are_applied_on_load_and_survive_reingest(tmp_path):
    record = quarterly_return()
    write_expenditure(tmp_path, record)
    may = load_spend(tmp_path).query("date == '2018-05-01'").iloc[0]
    overrides = tmp_path / "expenditure" / SLUG / "2018" / "2018-05.overrides.yaml"
    overrides.write_text(
        yaml.safe_dump({may["row_key"]: {"review": None, "amount": "-12.3"}}), encoding="utf-8"
    )
    record.rows[0].description = "re-extracted with a description"
    write_expenditure(tmp_path, record)
    corrected = load_spend(tmp_path).query("date == '2018-05-01'").iloc[0]
    assert pd.isna(corrected["review"]) and corrected["amount"] == "-12.30"
    assert overrides.exists()
    overrides.write_text(yaml.safe_dump({may["row_key"]: {"colour": "red"}}), encoding="utf-8")
    with pytest.raises(ValueError, match="not spend columns: colour"):
        load_spend(tmp_path)


def test_a_record_without_body_or_source_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no body"):
        write_expenditure(tmp_path, Expenditure(rows=[]))
    with pytest.raises(ValueError, match="no source"):
        write_expenditure(tmp_path, Expenditure(body=BODY, rows=[]))


def test_the_vectorised_path_stores_what_the_record_path_stores(tmp_path):
    name = "cambridgeshire_pcc_2020_08.csv"
    record = extract(FIXTURES / name, "expenditure", default_body=BODY)
    write_expenditure(tmp_path / "records", record)
    frame, _ = read_spend_frame(FIXTURES / name)
    write_frame(tmp_path / "frames", record.body, frame, record.sources[0].sha256)
    records = sorted((tmp_path / "records").rglob("*.csv"))
    assert [p.read_bytes() for p in records] == [
        p.read_bytes() for p in sorted((tmp_path / "frames").rglob("*.csv"))
    ]
    assert len(records) == 1


def test_bulk_ingest_over_two_processes_stores_every_file_once(tmp_path):
    sources = tmp_path / "in"
    sources.mkdir()
    names = [
        "devon_cornwall_pcc_2019_10.csv",
        "avon_somerset_pcc_2018_07.csv",
        "cambridgeshire_pcc_2020_08.csv",
        "hertfordshire_pcc_2021_02_excerpt.csv",
    ]
    for name in names:
        shutil.copy(FIXTURES / name, sources / name)
    store = Store(Settings(root=tmp_path, body=Body(name=BODY), site=Site(title="t", url="http://localhost/")))
    outcomes = ingest_paths([sources], store, jobs=2, progress=False)
    assert [o.status for o in outcomes] == ["new"] * 4
    months = sorted(p.name for o in outcomes for p in o.written if p.suffix == ".csv")
    assert months == ["2018-07.csv", "2019-10.csv", "2020-08.csv", "2021-02.csv"]
    from opcc.spend_data import load_ledgers

    assert sorted(entry["filename"] for entry in load_ledgers(tmp_path / "data")) == sorted(names)  # each one's ledger
    assert len(load_spend(tmp_path / "data")) == 700 + 420 + 150 + 150
    assert [o.status for o in ingest_paths([sources], store, jobs=2, progress=False)] == ["unchanged"] * 4


def test_every_source_keeps_its_ledger_and_review_lists_what_needs_a_look(tmp_path):
    from opcc.checks.review import review_items
    from opcc.spend_data import load_ledgers

    settings = Settings(root=tmp_path, body=Body(name="Kent Police and Crime Commissioner"),
                        site=Site(title="t", url="http://localhost/"))
    (tmp_path / "inbox").mkdir()
    source = tmp_path / "inbox" / "april.csv"
    source.write_text("Kent PCC payments\n\nDate,Supplier,Amount\n03/04/2018,Acme Ltd,700.00\n"
                      "04/04/2018,Bolt Ltd,800.00\n,Total,1600.00\n")
    [outcome] = ingest_paths([tmp_path / "inbox"], Store(settings), jobs=1, progress=False)
    assert outcome.ledger == "6 rows: 2 payments; skipped 1 blank, 1 header, 1 title, 1 total"
    [entry] = load_ledgers(settings.data_dir)
    assert (entry["filename"], entry["months"], entry["payments"]) == ("april.csv", ["2018-04"], 2)
    assert (entry["printed_total"], entry["rows_sum"], entry["reconciled"]) == ("1600.00", "1500.00", False)
    assert [part["rows"] for part in entry["tables"]] == [6]
    items = review_items(settings)
    assert any(item.startswith("spend source april.csv: total: rows sum to 1500.00 but the printed total is 1600.00")
               for item in items)
