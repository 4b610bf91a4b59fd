"""Data for the spend explorer: every row, cut into small binary shards, plus one small index.

A static host can serve a million rows only if a visit loads a few of them, so
each row is written into four *shard sets*, each set covering all rows once:

``m/<YYYY-MM>.bin``   one shard per month             (a date range loads its months)
``s/<n>.bin``         one shard per supplier          (a supplier across all years)
``t/<n>.bin``         one shard per expense type      (a type across all years)
``b/<n>.bin``         one shard per amount band       (e.g. over £100k: only the top bands)

``meta.json`` lists every shard with its row count and size in bytes; the browser
(``docs/assets/spend/explorer.js``) takes the cheapest set that can answer the
query, loads those shards only and applies every filter to their rows.

Each shard file is gzip-compressed (``SHARD_GZIP_LEVEL``; about half the bytes, as a
static host such as GitHub Pages does not compress ``.bin`` files) and the browser
inflates it with ``DecompressionStream``. Inside, the format is little-endian, one
column after another, so the browser reads a shard into typed arrays without
parsing it row by row::

    "OPS1"  uint32 header length  header (UTF-8 JSON)  padding to 8  columns...

The header gives the row count ``n``, and for each column its name, type
(``u8``/``u16``/``u32``/``i32``/``f64``) and byte offset from the end of the padding.
Text columns hold indexes into the shard's own string list (``dicts``), so a
supplier or description is stored once per shard; a text column with one value
in the whole shard is not stored at all but given in ``const``. Dates are days
since 1970-01-01 (0 = no date); amounts are integer pence (``i32``, or ``f64``
when a shard holds an amount beyond ±£21m: still exact below 2^53 pence).

Every published column is in the shards (the source's SHA-256, page, review note, the
redaction flag and label are text columns, nearly always one value per shard, so nearly
free), so a selection downloads from the browser with every column of the month CSVs.
Each row's payment id (:func:`opcc.spend_data.payment_ids`, ``2018-04-3f9c0a1b2d4e``)
is two columns: ``pidm``, the month in front (text), and ``pid``, its 48-bit hash as
an ``f64`` (exact), which the browser writes back as 12 hex digits.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import struct
from dataclasses import dataclass

import numpy as np
import pandas as pd

from opcc.core.files import atomic_write_bytes, atomic_write_text
from opcc.core.kinds.expenditure import SPEND_COLUMNS
from opcc.site.spend_frame import EPOCH, SpendFrame
from opcc.spend_data import PAYMENT_HASH_CHARS

EXPLORER_DIR = "data/spend/explorer"
MAGIC = b"OPS1"
FORMAT_VERSION = 1
SHARD_GZIP_LEVEL = 6

# Amount bands in pence: [lower, upper). Finer where rows are many (small amounts),
# so that "over £100k" or "under £0" touches only a sliver of the data.
BAND_EDGES = [0, 1_000_00, 5_000_00, 10_000_00, 50_000_00, 100_000_00, 1_000_000_00]

TEXT_COLUMNS = {
    "supplier": "supplier",
    "type": "expense_type",
    "area": "service_area",
    "desc": "description",
    "body": "spending_body",  # the Commissioner's or the Chief Constable's spend (3(g))
    "vfm": "value_for_money_reason",
    "src": "source_sha256",
    "page": "page",
    "review": "review",
    "redacted": "redacted",
    "rlabel": "redaction_label",
    "pidm": "payment_id",
}
CSV_FIELDS = [[column, next((n for n, c in TEXT_COLUMNS.items() if c == column and n != "pidm"),
                             {"date": "day", "amount": "amount", "transaction_id": "txn", "payment_id": "pid"}.get(column))]
              for column in [*SPEND_COLUMNS, "payment_id"]]
"""The columns of a download from the explorer (those of the month CSVs, then the payment id), each
with the shard column it is read from: the browser writes a selection with every published column."""
I32 = 2**31 - 1
NUMERIC_TRANSACTION = re.compile(r"^[1-9][0-9]{0,8}$")  # fits a uint32; anything else is kept as text


def _uint(codes: np.ndarray, size: int) -> tuple[str, np.ndarray]:
    for name, dtype, limit in (("u8", np.uint8, 2**8), ("u16", np.uint16, 2**16)):
        if size <= limit:
            return name, codes.astype(dtype)
    return "u32", codes.astype(np.uint32)


@dataclass
class Columns:
    """The whole frame encoded once; a shard is a selection of these arrays.

    Text columns are factorized over all rows (``codes`` into ``uniques``); a shard
    renumbers the codes it uses into its own small string list.
    """

    days: np.ndarray
    pence: np.ndarray
    text: dict[str, tuple[np.ndarray, np.ndarray]]  # shard column -> (codes, uniques)
    numeric_txn: np.ndarray | None  # transaction numbers as integers, if every one is a plain number
    pid: np.ndarray  # the hash part of each payment id, as float64 (48 bits: exact)

    @classmethod
    def of(cls, spend: SpendFrame) -> Columns:
        rows = spend.rows
        text = {}
        for name, source in {**TEXT_COLUMNS, "txn": "transaction_id"}.items():
            codes, uniques = pd.factorize(_as_text(name, rows[source]))
            text[name] = (codes, np.asarray(uniques, dtype=object))
        txn_codes, txn_uniques = text["txn"]
        numeric = all(t == "" or NUMERIC_TRANSACTION.match(t) for t in txn_uniques)
        numeric_txn = np.array([int(t or 0) for t in txn_uniques], dtype=np.uint32)[txn_codes] if numeric else None
        if numeric:
            del text["txn"]
        dates = pd.to_datetime(rows["iso"], format="%Y-%m-%d", errors="coerce")
        days = (dates - pd.Timestamp(EPOCH)).dt.days.fillna(0).astype("int64").to_numpy()
        pid = _hex_values(rows["payment_id"].str.slice(-PAYMENT_HASH_CHARS)).astype(np.float64)
        return cls(days, rows["pence"].fillna(0).astype("int64").to_numpy(), text, numeric_txn, pid)


def _as_text(name: str, values: pd.Series) -> pd.Series:
    """A column as the text the month CSV holds (empty for none); ``pidm``: the month part of the id."""
    if name == "redacted":
        return values.map({True: "true", False: "false"}).astype(object)
    if name == "page":
        return values.astype("Int64").astype("string").fillna("").astype(object)
    if name == "pidm":
        return values.str.slice(0, -PAYMENT_HASH_CHARS - 1).astype(object)
    return values.fillna("").astype(object)


def _hex_values(digits: pd.Series) -> np.ndarray:
    """Lower-case hex strings of ``PAYMENT_HASH_CHARS`` digits as integers, all at once (int64: exact)."""
    # As fixed-width UTF-32 text each digit is one uint32 code point: no Python loop over the rows.
    raw = np.asarray(digits.to_numpy(dtype=object), dtype=f"U{PAYMENT_HASH_CHARS}").view(np.uint32)
    raw = raw.reshape(-1, PAYMENT_HASH_CHARS)
    values = np.where(raw >= ord("a"), raw - (ord("a") - 10), raw - ord("0")).astype(np.int64)
    return values @ (16 ** np.arange(PAYMENT_HASH_CHARS - 1, -1, -1, dtype=np.int64))


def encode_shard(columns: Columns, index: np.ndarray) -> bytes:
    """The rows at ``index`` (in that order) as one shard; see the module docstring for the format."""
    encoded: list[tuple[str, str, np.ndarray]] = [("day", "u16", columns.days[index].astype(np.uint16))]
    dicts: dict[str, list[str]] = {}
    const: dict[str, str] = {}
    for name, (codes, uniques) in columns.text.items():
        if len(uniques) == 1 and name != "txn":  # one value in every row (a review column left empty): no sort
            const[name] = str(uniques[0])
            continue
        used, local = np.unique(codes[index], return_inverse=True)
        strings = [str(u) for u in uniques[used]]
        if len(strings) == 1 and name != "txn":
            const[name] = strings[0]
            continue
        dicts[name] = strings
        kind, data = _uint(local, len(strings))
        encoded.append(("txnref" if name == "txn" else name, kind, data))
    pence = columns.pence[index]
    if len(pence) and np.abs(pence).max() > I32:
        encoded.append(("amount", "f64", pence.astype(np.float64)))
    else:
        encoded.append(("amount", "i32", pence.astype(np.int32)))
    if columns.numeric_txn is not None:
        encoded.append(("txn", "u32", columns.numeric_txn[index]))
    encoded.append(("pid", "f64", columns.pid[index]))

    described, blobs, offset = [], [], 0
    for name, kind, data in encoded:
        column = data.astype(data.dtype.newbyteorder("<"), copy=False).tobytes()
        described.append({"name": name, "type": kind, "offset": offset})
        blobs.append(column + b"\0" * (-len(column) % 8))
        offset += len(blobs[-1])
    header = json.dumps({"n": len(index), "cols": described, "dicts": dicts, "const": const},
                        ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    head = MAGIC + struct.pack("<I", len(header)) + header
    raw = head + b"\0" * (-len(head) % 8) + b"".join(blobs)
    return gzip.compress(raw, compresslevel=SHARD_GZIP_LEVEL, mtime=0)  # no time in the header: reproducible


def _bands(pence: np.ndarray) -> np.ndarray:
    """The band number of each amount: 0 for credits (below £0), then one per ``BAND_EDGES`` step."""
    return np.searchsorted(np.array(BAND_EDGES), pence, side="right")


def supplier_shards(spend: SpendFrame) -> dict[str, int]:
    """Supplier name -> the number of its shard, ``s/<n>.bin`` (a supplier page loads its own)."""
    return {name: n for n, name in enumerate(sorted(set(spend.rows["supplier"].fillna(""))))}


def write(spend: SpendFrame, site_dir, supplier_slugs: dict[str, str]) -> list[str]:
    """Write every shard and ``meta.json`` under ``site/data/spend/explorer``; returns the paths written."""
    rows, columns = spend.rows, Columns.of(spend)
    written: list[str] = []

    def shard_set(prefix: str, keys, names: list) -> list[list]:
        listed = []
        groups = pd.Series(np.arange(len(rows))).groupby(np.asarray(keys), sort=True).indices
        for shard_id, key in enumerate(names):
            index = groups.get(key, np.array([], dtype=np.int64))
            data = encode_shard(columns, index)
            relpath = f"{EXPLORER_DIR}/{prefix}/{shard_id if prefix != 'm' else key}.bin"
            atomic_write_bytes(site_dir / relpath, data)
            written.append(relpath)
            listed.append([key, len(index), len(data)])
        return listed

    suppliers = list(supplier_shards(spend))
    types = sorted(set(rows["expense_type"].fillna("")))
    band_ids = list(range(len(BAND_EDGES) + 1))
    meta = {
        "version": FORMAT_VERSION,
        "epoch": EPOCH.isoformat(),
        "rows": len(rows),
        "pence": spend.total(),
        "first": next((d for d in rows["iso"] if d), None),
        "last": next((d for d in reversed(rows["iso"].tolist()) if d), None),
        "labels": spend.labels,
        "csv": CSV_FIELDS,
        "bodies": sorted(set(rows["spending_body"].dropna())),
        "months": shard_set("m", rows["month"], spend.months),
        "suppliers": [
            [name, supplier_slugs.get(name), n, size]
            for name, n, size in shard_set("s", rows["supplier"].fillna(""), suppliers)
        ],
        "types": shard_set("t", rows["expense_type"].fillna(""), types),
        "bands": [
            [None if b == 0 else BAND_EDGES[b - 1], BAND_EDGES[b] if b < len(BAND_EDGES) else None, n, size]
            for b, n, size in shard_set("b", _bands(columns.pence), band_ids)
        ],
    }
    atomic_write_text(site_dir / EXPLORER_DIR / "meta.json",
                      json.dumps(meta, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
    written.append(f"{EXPLORER_DIR}/meta.json")
    return written


def day_number(date: dt.date) -> int:
    """Days since 1970-01-01, as the shards store dates (for tests and tools reading shards)."""
    return (date - EPOCH).days


def decode_shard(data: bytes) -> pd.DataFrame:
    """Read a shard back (tests and tools; the browser has its own decoder in shards.js)."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if data[:4] != MAGIC:
        raise ValueError("not an explorer shard")
    (length,) = struct.unpack("<I", data[4:8])
    header = json.loads(data[8:8 + length])
    start = 8 + length + (-(8 + length) % 8)
    dtypes = {"u8": "<u1", "u16": "<u2", "u32": "<u4", "i32": "<i4", "f64": "<f8"}
    out: dict[str, object] = {}
    for col in header["cols"]:
        values = np.frombuffer(data, dtype=dtypes[col["type"]], count=header["n"], offset=start + col["offset"])
        if col["name"] in header["dicts"]:
            out[col["name"]] = [header["dicts"][col["name"]][i] for i in values]
        elif col["name"] == "txnref":
            out["txn"] = [header["dicts"]["txn"][i] for i in values]
        else:
            out[col["name"]] = values.astype("int64")
    for name, value in header["const"].items():
        out[name] = [value] * header["n"]
    frame = pd.DataFrame(out)
    frame["payment_id"] = [f"{m}-{int(h):0{PAYMENT_HASH_CHARS}x}" for m, h in zip(frame["pidm"], frame["pid"], strict=True)]
    return frame
