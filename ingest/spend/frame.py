"""From raw cells to canonical spend columns, vectorised: the one place values are read.

Every reader (CSV, XLSX, XLS, PDF table, OCR lines) ends by handing
:func:`build_frame` a table of raw text cells whose columns are already named by
field (``date``, ``supplier``, ``amount``, ...). This module then, in order:

1. collapses whitespace in the text cells;
2. drops blank rows (no date, supplier or amount: spacers, sentinels);
3. takes out printed totals (:mod:`ingest.spend.totals`);
4. reads amounts into exact decimal strings and dates into ISO strings, flagging
   the rows whose cells cannot be read exactly;
5. marks redactions and suppliers that may be private individuals.

Amounts are read with vectorised string operations over the whole column and
never pass through ``float``. Work that depends only on a cell's text (dates,
text clean-up, redaction) is done once per distinct value and spread back, since
a month of payments has a few dozen dates and a few hundred suppliers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from ingest.dates import parse_date
from ingest.text import collapse, comparable
from opcc.model import SPEND_COLUMNS, ReviewFlag

from .redaction import PRIVATE_INDIVIDUAL, may_be_individual, redaction_label
from .totals import reconcile, total_rows

TEXT_FIELDS = (
    "supplier", "description", "expense_type", "service_area", "transaction_id", "spending_body",
    "value_for_money_reason",
)
RAW_FIELDS = ("date", "amount", *TEXT_FIELDS)

PADDING = "\u2020"
"""Some Oracle report dumps print a dagger where the report had padding (Lambeth); it is whitespace."""

# An amount after spaces and '£' are dropped: sign or brackets, digits with thousands
# separators in the right places (or none), up to two decimals, optional CR/DR.
_AMOUNT = r"-?\(?-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?\)?(?:CR|DR|Cr|Dr)?"
_AMOUNT_JUNK = r"[\s£\u00a0\u202f]"
_NEGATIVE = r"^-|\(|(?:CR|Cr)$"
_MINUS = r"[\u2212\u2010-\u2015]"  # typographic minus signs and dashes, as ingest.text.normalise maps them

_FUSED_DATE_AMOUNT = re.compile(r"\d{1,2}/\d{1,2}/\d{4}\d+(?:\.\d+)?")
"""``25/06/2012900``: an export that lost the separator between date and amount."""


@dataclass
class SpendMetadata:
    """What a reader learnt about a file beside its rows."""

    body: str | None = None
    period: str | None = None
    total: Decimal | None = None
    review: list[ReviewFlag] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)
    dropped_blank_rows: int = 0
    details: dict[str, str] = field(default_factory=dict)


# --- helpers: do a per-value job once per distinct value ---------------------------------


def per_distinct(series: pd.Series, job: Callable[[str], object], dtype: str | None = "str") -> pd.Series:
    """``series.map(job)`` computed once per distinct non-empty value; empty cells give NA/False."""
    codes, uniques = pd.factorize(series)
    results = [job(value) for value in uniques]
    # Code -1 (an empty cell) indexes the last element, the "empty" result appended here.
    if dtype == "bool":
        values = np.array([bool(r) for r in results] + [False], dtype=bool)[codes]
        return pd.Series(values, index=series.index)
    values = pd.array([*results, None], dtype=dtype)[codes]
    return pd.Series(values, index=series.index)


def join_reasons(reasons: list[pd.Series]) -> pd.Series:
    """Several review-reason columns (NA = no reason) joined with ``"; "``."""
    out = reasons[0]
    for more in reasons[1:]:
        both = out.notna() & more.notna()
        joined = out.fillna(more)
        joined[both] = out[both] + "; " + more[both]
        out = joined
    return out


# --- the steps -------------------------------------------------------------------------


def clean_text(cell: str) -> str | None:
    return collapse(cell.replace(PADDING, " "))


UNIQUE_PER_ROW = ("amount", "transaction_id")
"""Columns whose values are mostly distinct: trimmed with one vectorised pass instead of per value."""


def clean_column(raw: pd.DataFrame, name: str) -> pd.Series:
    """A field's cells with whitespace collapsed and empty cells as NA (an all-NA column if absent)."""
    if name not in raw:
        return pd.Series(pd.NA, index=raw.index, dtype="str")
    if name in UNIQUE_PER_ROW:
        trimmed = raw[name].astype("str").str.replace(r"[\s\u00a0\u2020]+", " ", regex=True).str.strip()
        return trimmed.where(trimmed != "")
    return per_distinct(raw[name].astype("str"), clean_text)


def read_amounts(raw: pd.Series) -> pd.Series:
    """Exact decimal strings with two places (``"-1234.50"``); NA where the cell is not exactly one amount.

    Agrees with :func:`ingest.money.parse_amount` (tested), but runs on a whole column.
    """
    text = raw.astype("str").str.replace(_AMOUNT_JUNK, "", regex=True).str.replace(_MINUS, "-", regex=True)
    opened, closed = text.str.contains("(", regex=False), text.str.contains(")", regex=False)
    valid = text.str.fullmatch(_AMOUNT).fillna(False).astype(bool) & (opened == closed)
    negative = text.str.contains(_NEGATIVE, regex=True).fillna(False).astype(bool)
    digits = text.str.replace(r"[^\d.]", "", regex=True).str.replace(r"^0+(\d)", r"\1", regex=True)
    whole = ~digits.str.contains(".", regex=False).fillna(False).astype(bool)
    one_place = digits.str.fullmatch(r"\d+\.\d").fillna(False).astype(bool)
    digits = digits.where(~whole, digits + ".00").where(~one_place, digits + "0")
    negative &= ~digits.str.fullmatch(r"0\.00").fillna(False).astype(bool)
    signed = digits.where(~negative, "-" + digits)
    return signed.where(valid)


def _read_date(cell: str) -> tuple[str | None, str | None]:
    date = parse_date(cell)
    if date is not None:
        return date.isoformat(), None
    if _FUSED_DATE_AMOUNT.fullmatch(cell):
        return None, f"date and amount fused in one field: {cell!r}"
    return None, f"date not readable: {cell!r}"


def spending_body(cell: str) -> str | None:
    """'PCC' or 'Chief Constable' when a body cell or heading names one of them."""
    text = comparable(cell)
    if "chief constable" in text or "constabulary" in text:
        return "Chief Constable"
    if re.search(r"\bo?pf?cc\b|commissioner", text):
        return "PCC"
    return None


def _body_name(values: pd.Series) -> str | None:
    """The publishing body from a body column that names an organisation rather than PCC/CC."""
    names = values.dropna().unique()
    if len(names) == 1 and spending_body(names[0]) is None and sum(ch.isalpha() for ch in names[0]) >= 4:
        return str(names[0])
    return None


def build_frame(raw: pd.DataFrame) -> tuple[pd.DataFrame, SpendMetadata]:
    """Canonical spend columns (``SPEND_COLUMNS`` order, all text except ``redacted``/``page``) and metadata.

    ``raw`` has a column per field found (text cells, NA when empty) and may carry
    ``page`` (PDFs) and ``problem`` (a reader's reason to review a row, e.g. a ragged CSV line).
    """
    meta = SpendMetadata()
    raw = raw.reset_index(drop=True)
    cells = pd.DataFrame({name: clean_column(raw, name) for name in RAW_FIELDS})

    blank = cells[["date", "supplier", "amount"]].isna().all(axis=1)
    meta.dropped_blank_rows = int(blank.sum())
    totals = total_rows(cells) & ~blank
    printed = read_amounts(cells.loc[totals, "amount"])
    if len(printed):
        meta.total = Decimal(printed.iloc[-1]) if pd.notna(printed.iloc[-1]) else None
        if meta.total is None:
            meta.review.append(ReviewFlag(field="total", reason="printed total not readable",
                                          value=str(cells.loc[totals, "amount"].iloc[-1])))
    keep = ~blank & ~totals
    cells, raw = cells[keep].reset_index(drop=True), raw[keep].reset_index(drop=True)

    out = pd.DataFrame(index=cells.index)
    codes, uniques = pd.factorize(cells["date"])
    read = [_read_date(value) for value in uniques] + [(None, None)]
    out["date"] = pd.Series(pd.array([r[0] for r in read], dtype="str")[codes], index=cells.index)
    date_problem = pd.Series(pd.array([r[1] for r in read], dtype="str")[codes], index=cells.index)

    out["supplier"] = cells["supplier"]
    out["amount"] = read_amounts(cells["amount"])
    amount_problem = ("amount not readable: '" + cells["amount"] + "'").where(out["amount"].isna() & cells["amount"].notna())
    amount_problem = amount_problem.where(cells["amount"].notna(), "no amount")
    for name in ("description", "expense_type", "service_area", "transaction_id"):
        out[name] = cells[name]
    out["redaction_label"] = per_distinct(cells["supplier"], redaction_label)
    out["redacted"] = out["redaction_label"].notna()
    individual = per_distinct(cells["supplier"], may_be_individual, dtype="bool") & ~out["redacted"]
    out["spending_body"] = per_distinct(cells["spending_body"], spending_body)
    out["value_for_money_reason"] = cells["value_for_money_reason"]
    out["source_sha256"] = pd.Series(pd.NA, index=cells.index, dtype="str")
    out["page"] = raw["page"].astype("Int64") if "page" in raw else pd.Series(pd.NA, index=cells.index, dtype="Int64")

    reasons = [
        raw["problem"].astype("str") if "problem" in raw else pd.Series(pd.NA, index=cells.index, dtype="str"),
        date_problem.where(cells["date"].notna(), "no date"),
        amount_problem,
        pd.Series(PRIVATE_INDIVIDUAL, index=cells.index, dtype="str").where(individual),
    ]
    out["review"] = join_reasons(reasons)

    meta.body = _body_name(cells["spending_body"])
    months = out["date"].dropna().str.slice(0, 7).unique()
    meta.period = str(months[0]) if len(months) == 1 else None
    meta.review += reconcile(out["amount"], meta.total)
    return out[SPEND_COLUMNS], meta
