"""The canonical spend dataset on disk: one CSV per body and month, people's corrections beside it.

Layout::

    data/expenditure/<body-slug>/<year>/<year>-<month>.csv              rows, columns exactly SPEND_COLUMNS
    data/expenditure/<body-slug>/<year>/<year>-<month>.overrides.yaml   a person's corrections (never written here)
    data/expenditure/<body-slug>/undated.csv                             rows whose date could not be read
    data/expenditure/<body-slug>/sources/<sha16>.yaml                    each source's ledger: every row accounted for

Rules, each kept by one function below:

* a row goes to the month of its own date, so a quarterly or annual return is
  spread over its months (:func:`write_frame`);
* re-ingesting a source (same SHA-256) replaces that source's rows instead of
  adding them again, and a file whose bytes would not change is not rewritten;
* rows are sorted by date, then source, then their order in the source, so the
  files do not depend on the order sources were ingested in;
* every cell is text: money stays the exact decimal string it was read as;
* corrections live in ``.overrides.yaml`` files keyed by :func:`row_keys`, which
  ingest never touches, and are applied by :func:`load_spend`.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import yaml

from ingest.spend.frame import common_month
from opcc.core.files import atomic_write_bytes, atomic_write_text
from opcc.core.kinds.expenditure import SPEND_COLUMNS, Expenditure, SpendRow
from opcc.core.model import ReviewFlag, TableLedger
from opcc.core.text import slugify
from opcc.core.yaml_io import read_yaml

if TYPE_CHECKING:  # pandas (0.1 s to import) is imported by the readers below: storing needs only Arrow
    import pandas as pd

SPEND_DIR = "expenditure"
OVERRIDES_SUFFIX = ".overrides.yaml"
UNDATED = "undated"
KEY_SHA_CHARS = 16
"""Row keys use the first 16 hex digits of the source's SHA-256: unique enough, short enough to type."""

ROW_SCHEMA = pa.schema(
    [
        (name, pa.bool_() if name == "redacted" else pa.int64() if name == "page" else pa.string())
        for name in SPEND_COLUMNS
    ]
)
"""The canonical columns as the readers produce them: text, but ``redacted`` boolean and ``page`` integer."""

LOAD_COLUMNS = [*SPEND_COLUMNS, "body", "row_key", "payment_id"]
"""What :func:`load_spend` returns: the canonical columns, the body's slug, each row's override key
and its payment id (:func:`payment_ids`)."""
PAYMENT_HASH_CHARS = 12
"""48 bits of hash after the month: two payments of one month share an id about once in 10^6
months of 20,000 rows (:func:`payment_ids` refuses it), and the explorer's shards hold it exactly."""


# --- paths ---------------------------------------------------------------------------------


def body_dir(data_dir: Path, body: str) -> Path:
    return Path(data_dir) / SPEND_DIR / slugify(body)


def month_path(folder: Path, month: str | None) -> Path:
    """``<folder>/2018/2018-04.csv`` for ``"2018-04"``; ``<folder>/undated.csv`` for ``None``."""
    if month is None:
        return folder / f"{UNDATED}.csv"
    return folder / month[:4] / f"{month}.csv"


def overrides_path(month_csv: Path) -> Path:
    return month_csv.with_name(month_csv.stem + OVERRIDES_SUFFIX)


# --- writing -----------------------------------------------------------------------------------


def write_expenditure(data_dir: Path, record: Expenditure) -> list[Path]:
    """Store an extracted return's rows; the files changed (``[]`` when nothing changed)."""
    if not record.body:
        raise ValueError("the spend record has no body; extract fills it from the settings")
    if not record.sources:
        raise ValueError("the spend record has no source file to key its rows by")
    frame = rows_frame(record.rows)
    return write_frame(data_dir, record.body, frame, record.sources[0].sha256)


def rows_frame(rows: list[SpendRow]) -> pa.Table:
    """``SpendRow`` objects as canonical columns (the vectorised readers produce the same shape)."""
    records = [row.model_dump(mode="json") for row in rows]
    return pa.Table.from_pylist(records, schema=ROW_SCHEMA)


def write_frame(data_dir: Path, body: str, frame: pd.DataFrame | pa.Table, source_sha256: str) -> list[Path]:
    """Store one source's rows: a canonical frame (``ingest.spend.read_spend_frame``) or Arrow table.

    The vectorised path: the rows are grouped by month and merged with each month's
    stored rows as Arrow tables. Returns the files whose bytes changed.
    """
    rows = as_stored(
        frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame, preserve_index=False),
        source_sha256,
    )
    folder = body_dir(data_dir, body)
    changed = []
    for month, in_month in by_month(rows):
        path = month_path(folder, month)
        with locked(path.parent):
            old = read_month_table(path)
            others = old.filter(pc.fill_null(pc.not_equal(old["source_sha256"], source_sha256), True))
            data = csv_bytes(sort_rows(pa.concat_tables([others, in_month])))
            if path.exists() and data.equals(pa.py_buffer(path.read_bytes())):
                continue
            atomic_write_bytes(path, memoryview(data))
        changed.append(path)
    return changed


def by_month(rows: pa.Table) -> Iterator[tuple[str | None, pa.Table]]:
    """Each month's rows (``None``: undated), earliest first; a table of one month is not copied."""
    dates = rows["date"]
    if not dates.null_count and (month := common_month(dates)):
        yield month, rows
        return
    months = pc.utf8_slice_codeunits(dates, 0, 7)
    for month in sorted(months.unique().to_pylist(), key=lambda m: (m is None, m or "")):
        yield month, rows.filter(pc.is_null(months) if month is None else pc.fill_null(pc.equal(months, month), False))


def as_stored(table: pa.Table, source_sha256: str) -> pa.Table:
    """The canonical columns as stored text: booleans ``true``/``false``, pages as digits, empty as null."""
    columns = {}
    given = set(table.column_names)
    for name in SPEND_COLUMNS:
        values = table.column(name) if name in given else pa.nulls(table.num_rows, pa.string())
        if name == "redacted":
            columns[name] = pc.if_else(pc.fill_null(values.cast(pa.bool_()), False), "true", "false")
        elif name == "source_sha256":
            columns[name] = pa.repeat(pa.scalar(source_sha256, pa.string()), table.num_rows)
        else:
            columns[name] = values if values.type == pa.string() else values.cast(pa.string())
    return pa.table(columns)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on a month's folder while its file is read, merged and replaced,
    so two processes storing sources for the same month never lose each other's rows."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def sort_rows(table: pa.Table) -> pa.Table:
    """By date, then source; Arrow's sort is stable, so each source keeps its own row order within a day."""
    if _in_order(table):
        return table  # a month of one source, already by date: as most returns are printed
    keys = [("date", "ascending", "at_end"), ("source_sha256", "ascending", "at_end")]
    order = pc.sort_indices(table, options=pc.SortOptions(keys))
    return table.take(order)


def _in_order(table: pa.Table) -> bool:
    dates, sources = table.column("date"), table.column("source_sha256")
    if table.num_rows < 2 or dates.null_count or pc.count_distinct(sources).as_py() != 1:
        return table.num_rows < 2
    return pc.all(pc.less_equal(dates[:-1], dates[1:])).as_py()


def csv_bytes(table: pa.Table) -> pa.Buffer:
    """The month file's bytes (in Arrow's memory: they are written as they are): UTF-8, header row, text quoted, empty for null."""
    sink = pa.BufferOutputStream()
    pacsv.write_csv(
        table.select(SPEND_COLUMNS), sink, write_options=pacsv.WriteOptions(quoting_style="needed")
    )
    return sink.getvalue()


def read_month_table(path: Path) -> pa.Table:
    """A month file as Arrow text columns; an empty table with the canonical columns if there is none."""
    if not path.exists():
        return pa.table({c: pa.array([], type=pa.string()) for c in SPEND_COLUMNS})
    return pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in SPEND_COLUMNS}, null_values=[""], strings_can_be_null=True
        ),
    )


def read_month(path: Path) -> pd.DataFrame:
    """A month file as a DataFrame of text columns."""
    import pandas as pd

    return read_month_table(path).to_pandas(
        types_mapper={pa.string(): pd.StringDtype("pyarrow", na_value=float("nan"))}.get
    )


# --- ledgers ------------------------------------------------------------------------------------

LEDGER_DIR = "sources"


def ledger_path(data_dir: Path, body: str, source_sha256: str) -> Path:
    """``data/expenditure/<body>/sources/<sha16>.yaml``: how every row of one source was accounted for."""
    return body_dir(data_dir, body) / LEDGER_DIR / f"{source_sha256[:KEY_SHA_CHARS]}.yaml"


def ledger_entry(filename: str, sha256: str, rows: pa.Table, ledger: list[TableLedger], total: object,
                 review: list[ReviewFlag]) -> dict:
    """What is kept of a source's ledger: its tables' counts, the months its rows fall in, its
    printed total beside what the rows add up to, and its flags."""
    from ingest.spend.totals import rows_sum

    amounts = rows.column("amount")
    found = rows_sum(amounts)
    months = sorted({m for m in pc.unique(pc.utf8_slice_codeunits(rows.column("date"), 0, 7)).to_pylist()},
                    key=lambda m: (m is None, m or ""))
    return {
        "source": sha256,
        "filename": filename,
        "months": [m or UNDATED for m in months],
        "payments": rows.num_rows,
        "rows_sum": f"{found:.2f}",
        "printed_total": None if total is None else f"{total:.2f}",
        "reconciled": None if total is None else (amounts.null_count == 0 and found == total),
        "review": [f"{flag.field}: {flag.reason}" for flag in review],
        "tables": [part.model_dump(mode="json") for part in ledger],
    }


def write_ledger(data_dir: Path, body: str, entry: dict) -> Path:
    path = ledger_path(data_dir, body, entry["source"])
    atomic_write_text(path, yaml.safe_dump(entry, sort_keys=False, allow_unicode=True, width=100))
    return path


def load_ledgers(data_dir: Path, body_slug: str | None = None) -> list[dict]:
    """Every stored source ledger, one body or all, in file order."""
    root = Path(data_dir) / SPEND_DIR
    folders = [root / body_slug] if body_slug else sorted(p for p in root.glob("*") if p.is_dir())
    return [read_yaml(path) for folder in folders
            for path in sorted((folder / LEDGER_DIR).glob("*.yaml"))]


def describe_ledger(entry: dict) -> str:
    """One line a person reads: ``1,204 rows: 1,200 payments; skipped 1 header, 3 blank``."""
    rows = sum(part["rows"] for part in entry["tables"])
    skipped: dict[str, int] = {}
    for part in entry["tables"]:
        for reason, count in part["skipped"].items():
            skipped[reason] = skipped.get(reason, 0) + count
    text = f"{rows:,} rows: {entry['payments']:,} payments"
    if skipped:
        text += "; skipped " + ", ".join(f"{count:,} {reason}" for reason, count in sorted(skipped.items()))
    unread = [part["table"] or "(table)" for part in entry["tables"] if part.get("not_read")]
    if unread:
        text += f"; sheets not read: {', '.join(unread)}"
    return text


# --- reading --------------------------------------------------------------------------------------


def row_keys(frame: pd.DataFrame) -> pd.Series:
    """Each row's override key within its month file.

    ``<sha16>:<transaction_id>`` when the source gives the row a transaction id used
    by no other row of that source in the month, else ``<sha16>#<n>``, the row's place
    among that source's rows in the file (stable while the source is unchanged).
    """
    sha = frame["source_sha256"].fillna("").str.slice(0, KEY_SHA_CHARS)
    ordinal = frame.groupby(sha, sort=False).cumcount().astype("str")
    tid = frame["transaction_id"]
    unique_tid = tid.notna() & ~frame.assign(_sha=sha).duplicated(["_sha", "transaction_id"], keep=False)
    return (sha + ":" + tid.fillna("")).where(unique_tid, sha + "#" + ordinal)


def payment_ids(body_slug: str, month: str, keys: pd.Series) -> pd.Series:
    """Each payment's published id: ``<month>-<12 hex digits>``, e.g. ``2018-04-3f9c0a1b2d4e``.

    The hex digits are a hash of the body, the month file (``YYYY-MM`` or ``undated``)
    and the row's key (:func:`row_keys`: its source and transaction id, or its place
    among its source's rows), so the id stays the same across rebuilds and across the
    ingest of other sources; the month in front lets the explorer find the payment by
    loading one month of data. Raises if two rows of a month would share an id.
    """
    ids = keys.map(lambda key: f"{month}-" + hashlib.sha256(
        f"{body_slug}/{month}/{key}".encode()).hexdigest()[:PAYMENT_HASH_CHARS])
    if ids.duplicated().any():
        raise ValueError(f"{body_slug} {month}: two payments have the same id {ids[ids.duplicated()].iloc[0]}")
    return ids


def identify(frame: pd.DataFrame, body_slug: str, month: str) -> pd.DataFrame:
    """A month file's rows with their ``body``, override key (``row_key``) and ``payment_id``."""
    frame["body"] = body_slug
    frame["row_key"] = row_keys(frame)
    frame["payment_id"] = payment_ids(body_slug, month, frame["row_key"])
    return frame


def load_spend(data_dir: Path, body_slug: str | None = None) -> pd.DataFrame:
    """Every stored spend row with overrides applied: ``LOAD_COLUMNS``, one body or all.

    Money stays text (``"-218.87"``), exact; ``redacted`` is boolean and ``page`` an
    integer column. Rows are in file order (body, month, date).
    """
    import pandas as pd

    root = Path(data_dir) / SPEND_DIR
    folders = [root / body_slug] if body_slug else sorted(p for p in root.glob("*") if p.is_dir())
    parts = []
    for folder in folders:
        for path in sorted(folder.rglob("*.csv")):
            month = identify(read_month(path), folder.name, path.stem)
            parts.append(apply_overrides(month, overrides_path(path)))
    if not parts:
        return typed(pd.DataFrame({c: pd.Series(dtype="str") for c in LOAD_COLUMNS}))
    return typed(pd.concat(parts, ignore_index=True)[LOAD_COLUMNS])


def apply_overrides(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """A person's corrections (row key -> field -> value) laid over the machine's rows."""
    if not path.exists():
        return frame
    corrections = read_yaml(path) or {}
    for key, fields in corrections.items():
        unknown = set(fields) - set(SPEND_COLUMNS)
        if unknown:
            raise ValueError(f"{path}: {key}: not spend columns: {', '.join(sorted(unknown))}")
        row = frame["row_key"] == str(key)
        for field, value in fields.items():
            frame.loc[row, field] = _override_text(field, value)
    return frame


def _override_text(field: str, value: object) -> object:
    """An override value in the stored text form, checked like the model checks it (money exact)."""
    import pandas as pd

    if value is None:
        return pd.NA
    checked = SpendRow.model_validate({"date": None, "supplier": None, "amount": None, field: value})
    dumped = checked.model_dump(mode="json")[field]
    if isinstance(dumped, bool):
        return "true" if dumped else "false"
    return str(dumped)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as stored, ``redacted`` as bool and ``page`` as a nullable integer."""
    import pandas as pd

    frame = frame.astype({c: "str" for c in LOAD_COLUMNS if c not in ("redacted", "page")})
    frame["redacted"] = frame["redacted"].eq("true").astype(bool)
    frame["page"] = pd.to_numeric(frame["page"]).astype("Int64")
    return frame
