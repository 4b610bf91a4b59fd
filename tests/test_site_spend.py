"""The spend pages, downloads and explorer shards, built from a small gated frame (no MkDocs)."""

from __future__ import annotations

import gzip
import json
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from opcc.core.kinds.expenditure import SPEND_COLUMNS
from opcc.core.settings import load_settings
from opcc.gate import PublicData, publishable_spend
from opcc.site import explorer, spend
from opcc.site.context import BuildContext
from opcc.site.spend_tables import PLACEHOLDER
from opcc.spend_data import identify

ROOT = Path(__file__).resolve().parent.parent

ROWS = [
    # date, supplier, amount, description, expense_type, transaction_id, redacted, redaction_label
    ("2018-04-10", "The Police ICT Company Ltd", "60000.00", "Annual subscription 2018/19", "Subscriptions", "100215", False, None),
    ("2018-04-18", "The Police ICT Company Ltd", "29357.06", "Licences", "ICT", "100230", False, None),
    ("2018-04-18", "Dandelion Time", "16258.50", "Grant <script>alert(1)</script>", "Grants", "100231", False, None),
    ("2018-04-20", "Jane Smith", "612.00", "Witness expenses", "Expenses", "100240", True, "REDACTED PERSONAL DATA"),
    ("2018-05-02", "SignHealth", "15944.50", "[x](javascript:alert(1))", "Grants", "100301", False, None),
    ("2018-05-03", "SignHealth", "-218.87", "Credit note", "Grants", "100302", False, None),
    ("2019-06-30", "Big Builder Ltd", "250000.00", "Refurbishment", "Capital Works", "A-77", False, None),
]


def spend_frame() -> pd.DataFrame:
    records = []
    for date, supplier, amount, description, expense_type, txn, redacted, label in ROWS:
        row = dict.fromkeys(SPEND_COLUMNS)
        row.update(date=date, supplier=supplier, amount=amount, description=description, expense_type=expense_type,
                   service_area="OPCC", transaction_id=txn, redacted=redacted, redaction_label=label,
                   spending_body="PCC")
        row.update(source_sha256="ab" * 32)
        records.append(row)
    frame = pd.DataFrame(records, columns=SPEND_COLUMNS)
    months = frame["date"].str.slice(0, 7)
    # Each month's rows as load_spend gives them: with their override keys and payment ids.
    frame = pd.concat([identify(rows.copy(), "kent-police-and-crime-commissioner", month)
                       for month, rows in frame.groupby(months, sort=True)], ignore_index=True)
    return publishable_spend(frame)


def fake_mkdocs(docs: Path, site: Path) -> None:
    """Stand-in for MkDocs: each page's Markdown as its built index.html (enough for the placeholder)."""
    for page in docs.rglob("*.md"):
        rel = page.relative_to(docs).with_suffix("")
        (site / rel).mkdir(parents=True, exist_ok=True)
        (site / rel / "index.html").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")


def build(tmp: Path) -> BuildContext:
    settings = load_settings(ROOT / "opcc.yml")
    ctx = BuildContext(settings=settings, public=PublicData(decisions=[], spend=spend_frame(), panel_reports=[]),
                       docs_dir=tmp / "docs", site_dir=tmp / "site")
    spend.generate(ctx)
    fake_mkdocs(ctx.docs_dir, ctx.site_dir)
    spend.publish(ctx)
    return ctx


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> BuildContext:
    return build(tmp_path_factory.mktemp("spend"))


def test_pages_exist_and_redacted_label_has_no_supplier_page(built):
    docs = built.docs_dir
    assert (docs / "spend" / "index.md").exists()
    assert sorted(p.stem for p in (docs / "spend" / "months").glob("*.md")) == ["2018-04", "2018-05", "2019-06"]
    suppliers = sorted(p.stem for p in (docs / "spend" / "suppliers").glob("*.md"))
    assert suppliers == ["big-builder-ltd", "dandelion-time", "signhealth", "the-police-ict-company-ltd"]
    april = (built.site_dir / "spend/months/2018-04/index.html").read_text()
    assert "REDACTED PERSONAL DATA" in april and "Jane Smith" not in april
    assert PLACEHOLDER not in april and 'href="../../suppliers/dandelion-time/"' in april


def test_values_are_inert(built):
    for page in built.site_dir.rglob("*.html"):
        html = page.read_text()
        assert "<script>alert" not in html
        assert "<a href=\"javascript" not in html
    april = (built.site_dir / "spend/months/2018-04/index.html").read_text()
    assert "Grant &lt;script&gt;alert(1)&lt;/script&gt;" in april


def test_month_total_reconciles_with_its_rows(built):
    text = (built.docs_dir / "spend/months/2018-05.md").read_text()
    assert "£15,725.63" in text  # 15944.50 - 218.87
    data = json.loads((built.site_dir / "data/spend/months/2018-05.json").read_text())
    amount = data["columns"].index("amount")
    assert sum(Decimal(row[amount]) for row in data["rows"]) == Decimal(data["total"]) == Decimal("15725.63")
    assert data["constant"]["supplier"] == "SignHealth" and data["constant"]["redacted"] is False


def test_downloads(built):
    site = built.site_dir / "data/spend"
    csv = pd.read_csv(site / "spend.csv.gz", dtype=str, keep_default_na=False)
    assert list(csv.columns) == SPEND_COLUMNS and len(csv) == len(ROWS)
    assert "Jane Smith" not in gzip.decompress((site / "spend.csv.gz").read_bytes()).decode()
    assert csv.loc[csv["transaction_id"] == "100215", "amount"].item() == "60000.00"
    everything = json.loads(gzip.decompress((site / "spend.json.gz").read_bytes()))
    assert everything["rows_count"] == len(everything["rows"]) == len(ROWS)
    amount = everything["columns"].index("amount")
    assert sum(Decimal(r[amount]) for r in everything["rows"]) == Decimal(everything["total"])
    lga = pd.read_csv(site / "spend-lga.csv.gz", dtype=str)
    assert len(lga) == len(ROWS)
    assert list(lga.columns)[:2] == ["Body Name", "Body"] and "Supplier Name" in lga.columns
    table = pq.read_table(site / "spend.parquet")
    assert str(table.schema.field("amount").type) == "decimal128(18, 2)"
    assert sum(table.column("amount").to_pylist()) == sum(Decimal(r[2]) for r in ROWS)
    paths = {r["path"] for r in spend.resources(built)}
    assert {"data/spend/spend.csv.gz", "data/spend/months/2018-04.csv", "data/spend/spend.parquet"} <= paths
    assert all((built.site_dir / p).exists() for p in paths)


def test_dataset_json_ld(built):
    text = (built.docs_dir / "spend/index.md").read_text()
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text).group(1))
    assert ld["@type"] == "Dataset" and "open-government-licence" in ld["license"]


def test_shards_cover_every_row_once_per_set(built):
    base = built.site_dir / explorer.EXPLORER_DIR
    meta = json.loads((base / "meta.json").read_text())
    assert meta["rows"] == len(ROWS)
    for key, prefix in (("months", "m"), ("suppliers", "s"), ("types", "t"), ("bands", "b")):
        frames = []
        for i, entry in enumerate(meta[key]):
            name = entry[0] if key == "months" else i
            data = (base / prefix / f"{name}.bin").read_bytes()
            assert len(data) == entry[-1]
            frames.append(explorer.decode_shard(data))
        rows = pd.concat(frames)
        assert len(rows) == len(ROWS) and int(rows["amount"].sum()) == meta["pence"]
        # every set gives each payment its id, exactly, and every published column
        assert sorted(rows["payment_id"]) == sorted(built.public.spend["payment_id"])
        assert {"src", "redacted", "rlabel", "review", "page"} <= set(rows.columns)
    assert [column for column, _ in meta["csv"]] == [*SPEND_COLUMNS, "payment_id"]
    big = explorer.decode_shard((base / "b" / f"{len(meta['bands']) - 2}.bin").read_bytes())
    assert list(big["supplier"]) == ["Big Builder Ltd"] and list(big["txn"]) == ["A-77"]


def test_reproducible(tmp_path, built):
    again = build(tmp_path)
    for path in sorted(built.site_dir.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (again.site_dir / path.relative_to(built.site_dir)).read_bytes(), path
