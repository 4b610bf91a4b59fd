"""Spend downloads under ``site/data/spend/``, and their description for ``datapackage.json``.

``months/<YYYY-MM>.csv``   one month, canonical columns (``SPEND_COLUMNS``)
``months/<YYYY-MM>.json``  the same month (format below)
``spend.csv.gz``           every row, canonical columns, gzip-compressed
``spend.json.gz``          every row, as the month JSON, gzip-compressed
``spend-lga.csv.gz``       every row under the LGA spend-template column names, gzip-compressed
``spend.parquet``          every row, typed (amount as decimal(18, 2), date as a date)

Money is written from integer pence (``"1234.50"``: a string in JSON too, so no
reader turns it into a float), dates as ISO, absent values as empty cells (``null``
in JSON). Rows are in the order of :class:`~opcc.site.spend_frame.SpendFrame`, so
the files are byte-identical for the same data (gzip is written without a time).

A month's JSON is ``{"period", "rows_count", "total", "constant": {column: value},
"columns": [...], "rows": [[...], ...]}``: a column with one value in every row of
the file (the source file's SHA-256, the spending body, an empty column) is given
once in ``constant`` instead of in every row. The all-rows files are compressed:
at a million rows the plain text would be 550 MB, more than half the site's 1 GB
budget, for content the month files already hold uncompressed.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from opcc.core.files import atomic_write_bytes
from opcc.core.kinds.expenditure import SPEND_COLUMNS
from opcc.site.csv_cells import NOTE as CSV_NOTE
from opcc.site.csv_cells import neutralise_column
from opcc.site.spend_frame import SpendFrame, format_pence

SPEND_DIR = "data/spend"
GZIP_LEVEL = 1  # fast: compressing 500 MB at the default level would take most of the build's time
LICENCE = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
           "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}

FIELD_TYPES = {"date": "date", "amount": "number", "redacted": "boolean", "page": "integer"}
FIELD_DESCRIPTIONS = {
    "spending_body": "Who spent it: PCC (the Commissioner) or Chief Constable.",
    "value_for_money_reason": "Why the Commissioner or the Chief Constable considered the payment good value for money.",
    "supplier": "The supplier paid; for a redacted payment, the LGA label shown instead (e.g. REDACTED PERSONAL DATA).",
    "amount": "Amount in pounds, exact to the penny; credits are negative.",
    "redaction_label": "The label shown instead of a redacted supplier.",
}

# The Local Government Transparency Code's spend template, and where each column comes from.
# "Body" is the body's identifier: the site's address, as no register code is configured. The Order
# also asks why each payment was good value (3(g)), which the template has no column for: it is
# added last, so that readers of the template's columns are not disturbed.
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
    ("Value For Money Reason", "value_for_money_reason"),
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
            out[column] = pd.Series([None if pd.isna(p) else str(int(p)) for p in spend_rows[column].tolist()],
                                    index=spend_rows.index, dtype=object)
        else:
            out[column] = spend_rows[column].astype(object).where(spend_rows[column].notna(), None)
    return out


def _csv(frame: pd.DataFrame) -> bytes:
    """CSV through Arrow's writer (many times faster than pandas'): header, quotes only where needed,
    no cell a spreadsheet would run (:mod:`opcc.site.csv_cells`)."""
    table = pa.Table.from_arrays([neutralise_column(pa.array(frame[c].tolist(), pa.string())) for c in frame.columns],
                                 names=list(frame.columns))
    sink = pa.BufferOutputStream()
    pacsv.write_csv(table, sink, write_options=pacsv.WriteOptions(quoting_style="needed"))
    return sink.getvalue().to_pybytes()


JSON_TYPES = {"redacted": lambda v: None if v is None else v == "true", "page": lambda v: None if v is None else int(v)}


def _json_layout(text: pd.DataFrame) -> tuple[dict, list[str]]:
    """Columns with one value in every row (given once, typed) and the columns left in the rows."""
    constant, varying = {}, []
    for column in SPEND_COLUMNS:
        values = text[column]
        # date and amount always stay in the rows, so each row is a visible payment
        if column not in ("date", "amount") and len(values) and values.nunique(dropna=False) == 1:
            constant[column] = JSON_TYPES.get(column, lambda v: v)(values.iloc[0])
        else:
            varying.append(column)
    return constant, varying


def _json_rows(text: pd.DataFrame, varying: list[str]) -> str:
    """Rows as JSON arrays, comma-separated, without the enclosing brackets (so chunks can be joined)."""
    columns = []
    for column in varying:
        values = text[column].tolist()  # canonical() leaves None, never NaN, for an empty cell
        convert = JSON_TYPES.get(column)
        columns.append([convert(v) for v in values] if convert else values)
    return json.dumps(list(zip(*columns, strict=True)), ensure_ascii=False, separators=(",", ":"))[1:-1]


def _json_parts(period: str, text: pd.DataFrame, pence: int, chunks) -> Iterator[str]:
    """The document in pieces: head, row chunks (from ``chunks(varying)``), tail."""
    constant, varying = _json_layout(text)
    head = {"period": period, "rows_count": len(text), "total": format_pence(pence), "constant": constant,
            "columns": varying}
    yield json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"rows":['
    first = True
    for chunk in chunks(varying):
        if chunk:
            yield chunk if first else "," + chunk
            first = False
    yield "]}"


def _json(period: str, text: pd.DataFrame, pence: int) -> bytes:
    return "".join(_json_parts(period, text, pence, lambda varying: [_json_rows(text, varying)])).encode("utf-8")


class _Gzip:
    """A gzip file written piece by piece (a million rows never sit in memory as one text), and with
    ``plain``, the same bytes uncompressed beside it: a CSV a spreadsheet opens without unpacking.
    (The build writes into a staging folder, so the plain file needs no atomic rename.)"""

    def __init__(self, plain: Path | None = None) -> None:
        self.buffer = io.BytesIO()
        self.file = gzip.GzipFile(filename="", fileobj=self.buffer, mode="wb", compresslevel=GZIP_LEVEL, mtime=0)
        if plain is not None:
            plain.parent.mkdir(parents=True, exist_ok=True)
        self.plain = open(plain, "wb") if plain is not None else None  # noqa: SIM115 - closed in close()

    def write(self, data: bytes | str) -> None:
        data = data.encode("utf-8") if isinstance(data, str) else data
        self.file.write(data)
        if self.plain is not None:
            self.plain.write(data)

    def close(self) -> bytes:
        self.file.close()
        if self.plain is not None:
            self.plain.close()
        return self.buffer.getvalue()


def _without_header(data: bytes) -> bytes:
    return data[data.index(b"\n") + 1:]


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
    """Write every spend download; returns their paths relative to ``site_dir``.

    The all-rows files are streamed month by month into their gzip writers, so the
    build never holds a million rows of text at once.
    """
    text = canonical(spend.rows)
    folder = site_dir / SPEND_DIR
    months = spend.rows.groupby("month", sort=True).indices
    everything, lga = _Gzip(folder / "spend.csv"), _Gzip(folder / "spend-lga.csv")
    everything.write(_csv(text.iloc[:0]))
    lga.write(_csv(_lga(text.iloc[:0], settings)))
    written = []
    for month, index in months.items():
        month_text = text.iloc[index]
        month_csv = _csv(month_text)
        atomic_write_bytes(folder / "months" / f"{month}.csv", month_csv)
        atomic_write_bytes(folder / "months" / f"{month}.json",
                           _json(month, month_text, spend.total(spend.rows.iloc[index])))
        everything.write(_without_header(month_csv))
        lga.write(_without_header(_csv(_lga(month_text, settings))))
        written += [f"{SPEND_DIR}/months/{month}.csv", f"{SPEND_DIR}/months/{month}.json"]
    atomic_write_bytes(folder / "spend.csv.gz", everything.close())
    atomic_write_bytes(folder / "spend-lga.csv.gz", lga.close())
    json_all = _Gzip()
    for part in _json_parts("all", text, spend.total(),
                            lambda varying: (_json_rows(text.iloc[index], varying) for index in months.values())):
        json_all.write(part)
    atomic_write_bytes(folder / "spend.json.gz", json_all.close())
    atomic_write_bytes(folder / "spend.parquet", _parquet(spend))
    return written + [f"{SPEND_DIR}/{name}" for name in ALL_ROWS_FILES]


ALL_ROWS_FILES = ["spend.csv", "spend.csv.gz", "spend.json.gz", "spend-lga.csv", "spend-lga.csv.gz", "spend.parquet"]


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
        {"name": "spend", "path": f"{SPEND_DIR}/spend.csv.gz", "format": "csv", "compression": "gz",
         "mediatype": "text/csv", "encoding": "utf-8", "title": "Every payment over £500",
         "description": CSV_NOTE, "schema": canonical_schema, "licenses": [LICENCE]},
        {"name": "spend-plain", "path": f"{SPEND_DIR}/spend.csv", "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8", "title": "Every payment over £500 (not compressed)",
         "description": CSV_NOTE, "schema": canonical_schema, "licenses": [LICENCE]},
        {"name": "spend-json", "path": f"{SPEND_DIR}/spend.json.gz", "format": "json", "compression": "gz",
         "mediatype": "application/json", "title": "Every payment over £500 (JSON)", "licenses": [LICENCE]},
        {"name": "spend-lga", "path": f"{SPEND_DIR}/spend-lga.csv.gz", "format": "csv", "compression": "gz",
         "mediatype": "text/csv", "encoding": "utf-8", "title": "Every payment, LGA spend-template columns",
         "description": CSV_NOTE,
         "schema": {"fields": [{"name": n, "type": lga_types.get(n, "string")} for n, _ in LGA_COLUMNS]},
         "licenses": [LICENCE]},
        {"name": "spend-lga-plain", "path": f"{SPEND_DIR}/spend-lga.csv", "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8",
         "title": "Every payment, LGA spend-template columns (not compressed)", "description": CSV_NOTE,
         "schema": {"fields": [{"name": n, "type": lga_types.get(n, "string")} for n, _ in LGA_COLUMNS]},
         "licenses": [LICENCE]},
        {"name": "spend-parquet", "path": f"{SPEND_DIR}/spend.parquet", "format": "parquet",
         "mediatype": "application/vnd.apache.parquet", "title": "Every payment (Parquet)", "licenses": [LICENCE]},
    ]
    for month in spend.months:
        listed.append({"name": f"spend-{month}", "path": f"{SPEND_DIR}/months/{month}.csv", "format": "csv",
                       "mediatype": "text/csv", "encoding": "utf-8", "title": f"Payments in {month}",
                       "description": CSV_NOTE, "schema": canonical_schema, "licenses": [LICENCE]})
        listed.append({"name": f"spend-{month}-json", "path": f"{SPEND_DIR}/months/{month}.json", "format": "json",
                       "mediatype": "application/json", "title": f"Payments in {month} (JSON)", "licenses": [LICENCE]})
    return listed
