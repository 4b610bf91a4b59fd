"""The gated spend rows, made ready once for every spend page, download and explorer shard.

``public_data(store).spend`` holds the canonical columns (``SPEND_COLUMNS``) with
redacted suppliers already replaced by their LGA label. Here the rows get the
working columns every generator needs, computed once:

``pence``   the amount as an exact integer number of pence (money is never a float)
``iso``     the date as ``YYYY-MM-DD`` (or ``None``)
``month``   ``YYYY-MM``, or ``undated`` for a row without a date
``fy``      the financial year (April to March) as ``2018/19``, or ``undated``

and keep each row's ``payment_id`` (:func:`opcc.spend_data.payment_ids`), its published address.

Rows are sorted by date, transaction number, supplier and amount, so that every
file written from them is the same for the same data (reproducible builds).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import numpy as np
import pandas as pd

from opcc.core.kinds.expenditure import SPEND_COLUMNS
from opcc.core.text import slugify

UNDATED = "undated"
EPOCH = dt.date(1970, 1, 1)


def _iso(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    text = str(value).strip()
    return text[:10] or None


def date_words(iso: str | None) -> str:
    """``2018-04-04`` as a reader says it, ``4 April 2018``; anything else as it is."""
    try:
        day = dt.date.fromisoformat(iso or "")
    except ValueError:
        return iso or ""
    return f"{day.day} {day:%B %Y}"


def _pence(value: object) -> int | None:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, float):
        raise TypeError("spend amounts must be decimal strings or Decimals, never floats")
    text = str(value).strip().replace(",", "")
    return int((Decimal(text) * 100).to_integral_exact()) if text else None


def _by_unique(series: pd.Series, convert) -> list:
    """``convert`` applied once per distinct value (amounts and dates repeat a lot)."""
    uniques = {value: convert(value) for value in pd.unique(series.astype(object))}
    return [uniques[value] for value in series.astype(object)]


def _parts(pence: int) -> tuple[str, int, int]:
    """``-123456`` -> ``("-", 1234, 56)``: sign, whole pounds and pennies, for the formats below."""
    pounds, pennies = divmod(abs(int(pence)), 100)
    return ("-" if pence < 0 else ""), pounds, pennies


def format_pence(pence: int | None) -> str:
    """``123456`` -> ``"1234.56"``: the canonical money text of the downloads."""
    if pence is None:
        return ""
    sign, pounds, pennies = _parts(pence)
    return f"{sign}{pounds}.{pennies:02d}"


def money(pence: int | None) -> str:
    """``123456`` -> ``"£1,234.56"``: how pages show an amount."""
    if pence is None:
        return "—"
    sign, pounds, pennies = _parts(pence)
    return f"{sign}£{pounds:,}.{pennies:02d}"


def month_name(month: str) -> str:
    """``2018-04`` -> ``April 2018``."""
    if month == UNDATED:
        return "Undated payments"
    year, number = month.split("-")
    return f"{dt.date(int(year), int(number), 1):%B} {year}"


def financial_year(month: str) -> str:
    if month == UNDATED:
        return UNDATED
    year, number = int(month[:4]), int(month[5:7])
    start = year if number >= 4 else year - 1
    return f"{start}/{str(start + 1)[2:]}"


@dataclass
class SpendFrame:
    """The rows plus what pages need to know about them (months, supplier pages, labels)."""

    rows: pd.DataFrame

    @classmethod
    def prepare(cls, frame: pd.DataFrame) -> SpendFrame:
        rows = frame.reindex(columns=[*SPEND_COLUMNS, "payment_id"]).copy()
        if rows["payment_id"].isna().any():
            raise ValueError("spend rows without a payment id: load them with opcc.spend_data.load_spend")
        rows["pence"] = pd.array(_by_unique(rows["amount"], _pence), dtype="Int64")
        rows["iso"] = pd.Series(_by_unique(rows["date"], _iso), index=rows.index, dtype=object)
        redacted = rows["redacted"]
        rows["redacted"] = redacted.astype(bool) if redacted.dtype == bool else redacted.astype(str).str.lower().eq("true")
        # Plain Python strings (None when empty): selecting thousands of row subsets for pages
        # and shards is many times faster on object columns than on Arrow-backed strings.
        # Each distinct value is one shared object, so a million rows naming seventy suppliers
        # hold seventy strings, not a million.
        for column in SPEND_COLUMNS:
            if column not in ("date", "amount", "redacted", "page"):
                codes, uniques = pd.factorize(rows[column])
                shared = np.array([*(str(u) for u in uniques), None], dtype=object)
                rows[column] = pd.Series(shared[codes], index=rows.index, dtype=object)  # code -1 -> None
        rows["month"] = rows["iso"].map(lambda iso: iso[:7] if iso else UNDATED)
        rows["fy"] = rows["month"].map(financial_year)
        rows = rows.sort_values(
            ["iso", "transaction_id", "supplier", "pence", "description"],
            kind="mergesort", na_position="last", key=lambda s: s.fillna("") if s.dtype == object else s,
        ).reset_index(drop=True)
        return cls(rows)

    @cached_property
    def months(self) -> list[str]:
        """Every month with rows, oldest first (``undated`` last, if any)."""
        months = sorted(set(self.rows["month"]) - {UNDATED})
        return months + ([UNDATED] if UNDATED in set(self.rows["month"]) else [])

    @cached_property
    def labels(self) -> list[str]:
        """Redaction labels in use: shown as the supplier, never given a supplier page."""
        return sorted(set(self.rows.loc[self.rows["redacted"], "supplier"].dropna()))

    @cached_property
    def supplier_slugs(self) -> dict[str, str]:
        """Supplier name -> page slug, for every named supplier that is not a redaction label.

        Two names with the same slug (``Kier Ltd`` / ``KIER LTD``) get ``-2``, ``-3``... in
        name order, so a slug never changes while the set of suppliers stays the same.
        """
        named = self.rows.loc[~self.rows["redacted"] & self.rows["supplier"].notna(), "supplier"]
        slugs: dict[str, str] = {}
        taken: set[str] = set()
        for name in sorted(set(named) - set(self.labels)):
            base = slugify(name) or "supplier"
            slug, n = base, 1
            while slug in taken:
                n += 1
                slug = f"{base}-{n}"
            taken.add(slug)
            slugs[name] = slug
        return slugs

    def total(self, rows: pd.DataFrame | None = None) -> int:
        """Exact total in pence (rows without an amount count as nothing)."""
        rows = self.rows if rows is None else rows
        return int(rows["pence"].sum(skipna=True))

    def totals_by(self, column: str, rows: pd.DataFrame | None = None) -> pd.DataFrame:
        """``column, payments, pence`` per value, biggest total first (ties by name)."""
        rows = self.rows if rows is None else rows
        keyed = rows.assign(_key=rows[column].fillna("(not given)"))
        grouped = keyed.groupby("_key", sort=True).agg(payments=("pence", "size"), pence=("pence", "sum"))
        grouped = grouped.reset_index().rename(columns={"_key": column})
        grouped["pence"] = grouped["pence"].astype("int64")
        return grouped.sort_values(["pence", column], ascending=[False, True], kind="mergesort").reset_index(drop=True)
