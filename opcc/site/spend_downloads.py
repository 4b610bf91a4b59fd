"""Spend downloads under ``site/data/spend/``, and their description for ``datapackage.json``.

``months/<YYYY-MM>.csv``   one month, canonical columns (``SPEND_COLUMNS``)
``months/<YYYY-MM>.json``  the same month as ``{"columns": [...], "rows": [[...], ...]}``
``spend.csv``              every row, canonical columns
``spend.parquet``          every row, typed (amount as decimal(18, 2), date as a date)
``spend-lga.csv``          every row under the LGA spend-template column names

Money is written from integer pence (``"1234.50"``), dates as ISO, booleans as
``true``/``false``, absent values as empty cells (``null`` in JSON). Rows are in
the order of :class:`~opcc.site.spend_frame.SpendFrame`, so the files are
byte-identical for the same data.

A month's JSON is column-and-rows rather than one object per row: at a million
rows the object form would double the size of the site for the same content.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from opcc.files import atomic_write_bytes, atomic_write_text
from opcc.model import SPEND_COLUMNS
from opcc.site.spend_frame import SpendFrame, format_pence

SPEND_DIR = "data/spend"
LICENCE = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
           "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}

FIELD_TYPES = {"date": "date", "amount": "number", "redacted": "boolean", "page": "integer"}
FIELD_DESCRIPTIONS = {
    "supplier": "The supplier paid; for a redacted payment, the LGA label shown instead (e.g. REDACTED PERSONAL DATA).",
    "amount": "Amount in pounds, exact to the penny; credits are negative.",
    "redaction_label": "The label shown instead of a redacted supplier.",
}

# The Local Government Transparency Code's spend template, and where each column comes from.
# "Body" is the body's identifier: the site's address, as no register code is configured.
LGA_COLUMNS = [
    ("Body Name", None),
    ("Body", None),
    ("Service Area Categorisation", "service_area"),
    ("Responsible Unit", "spending_body"),
    ("Expenses Type", "expense_type"),
    ("Narrative", "description"),
    ("Date", "date"),
    ("Transaction Number", "transaction_id"),
    ("Amount", "amount"),
    ("Supplier Name", "supplier"),
    ("Redacted", "redacted"),
]


def canonical(spend_rows: pd.DataFrame) -> pd.DataFrame:
    """The rows as text exactly as the CSV holds them (``None`` for an empty cell)."""
    out = pd.DataFrame(index=spend_rows.index)
    for column in SPEND_COLUMNS:
        if column == "date":
            out[column] = spend_rows["iso"]
        elif column == "amount":
            out[column] = [format_pence(None if p is pd.NA else p) or None for p in spend_rows["pence"]]
        elif column == "redacted":
            out[column] = spend_rows["redacted"].map({True: "true", False: "false"})
        elif column == "page":
            out[column] = spend_rows[column].map(lambda p: None if pd.isna(p) else str(int(p)))
        else:
            out[column] = spend_rows[column].astype(object).where(spend_rows[column].notna(), None)
    return out


def _csv(frame: pd.DataFrame) -> str:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def _month_json(month: str, text: pd.DataFrame, pence: int) -> str:
    document = {
        "period": month,
        "rows_count": len(text),
        "total": format_pence(pence),
        "columns": SPEND_COLUMNS,
        "rows": text.astype(object).where(text.notna(), None).values.tolist(),
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _lga(text: pd.DataFrame, settings) -> pd.DataFrame:
    out = pd.DataFrame(index=text.index)
    for name, source in LGA_COLUMNS:
        if name == "Body Name":
            out[name] = settings.body.name
        elif name == "Body":
            out[name] = settings.site.url
        else:
            out[name] = text[source]
    return out


def _parquet(spend: SpendFrame) -> bytes:
    rows = spend.rows
    amounts = [None if p is pd.NA else Decimal(int(p)).scaleb(-2) for p in rows["pence"]]
    dates = pd.to_datetime(rows["iso"], format="%Y-%m-%d", errors="coerce").dt.date
    arrays = {}
    for column in SPEND_COLUMNS:
        if column == "date":
            arrays[column] = pa.array([None if pd.isna(d) else d for d in dates], pa.date32())
        elif column == "amount":
            arrays[column] = pa.array(amounts, pa.decimal128(18, 2))
        elif column == "redacted":
            arrays[column] = pa.array(rows["redacted"].tolist(), pa.bool_())
        elif column == "page":
            arrays[column] = pa.array([None if pd.isna(p) else int(p) for p in rows[column]], pa.int32())
        else:
            arrays[column] = pa.array(rows[column].astype(object).where(rows[column].notna(), None).tolist(),
                                      pa.string())
    buffer = io.BytesIO()
    # Parquet stores no creation time: the same rows (and pyarrow version) give the same bytes.
    pq.write_table(pa.table(arrays), buffer, compression="zstd", store_schema=False)
    return buffer.getvalue()


def write(spend: SpendFrame, site_dir: Path, settings) -> list[str]:
    """Write every spend download; returns their paths relative to ``site_dir``."""
    text = canonical(spend.rows)
    written = []
    for month, index in spend.rows.groupby("month", sort=True).indices.items():
        month_text = text.iloc[index]
        atomic_write_text(site_dir / SPEND_DIR / "months" / f"{month}.csv", _csv(month_text))
        atomic_write_text(site_dir / SPEND_DIR / "months" / f"{month}.json",
                          _month_json(month, month_text, spend.total(spend.rows.iloc[index])))
        written += [f"{SPEND_DIR}/months/{month}.csv", f"{SPEND_DIR}/months/{month}.json"]
    atomic_write_text(site_dir / SPEND_DIR / "spend.csv", _csv(text))
    atomic_write_text(site_dir / SPEND_DIR / "spend-lga.csv", _csv(_lga(text, settings)))
    atomic_write_bytes(site_dir / SPEND_DIR / "spend.parquet", _parquet(spend))
    written += [f"{SPEND_DIR}/spend.csv", f"{SPEND_DIR}/spend-lga.csv", f"{SPEND_DIR}/spend.parquet"]
    return written


def _schema(columns: list[str]) -> dict:
    return {"fields": [
        {"name": c, "type": FIELD_TYPES.get(c, "string"),
         **({"description": FIELD_DESCRIPTIONS[c]} if c in FIELD_DESCRIPTIONS else {})}
        for c in columns
    ]}


def resources(spend: SpendFrame) -> list[dict]:
    """Data Package resources for every spend file the site publishes (paths relative to the site root)."""
    canonical_schema = _schema(SPEND_COLUMNS)
    lga_types = {"Date": "date", "Amount": "number", "Redacted": "boolean"}
    listed = [
        {"name": "spend", "path": f"{SPEND_DIR}/spend.csv", "format": "csv", "mediatype": "text/csv",
         "encoding": "utf-8", "title": "Every payment over £500", "schema": canonical_schema, "licenses": [LICENCE]},
        {"name": "spend-lga", "path": f"{SPEND_DIR}/spend-lga.csv", "format": "csv", "mediatype": "text/csv",
         "encoding": "utf-8", "title": "Every payment, LGA spend-template columns",
         "schema": {"fields": [{"name": n, "type": lga_types.get(n, "string")} for n, _ in LGA_COLUMNS]},
         "licenses": [LICENCE]},
        {"name": "spend-parquet", "path": f"{SPEND_DIR}/spend.parquet", "format": "parquet",
         "mediatype": "application/vnd.apache.parquet", "title": "Every payment (Parquet)", "licenses": [LICENCE]},
    ]
    for month in spend.months:
        listed.append({"name": f"spend-{month}", "path": f"{SPEND_DIR}/months/{month}.csv", "format": "csv",
                       "mediatype": "text/csv", "encoding": "utf-8", "title": f"Payments in {month}",
                       "schema": canonical_schema, "licenses": [LICENCE]})
        listed.append({"name": f"spend-{month}-json", "path": f"{SPEND_DIR}/months/{month}.json", "format": "json",
                       "mediatype": "application/json", "title": f"Payments in {month} (JSON)", "licenses": [LICENCE]})
    return listed
