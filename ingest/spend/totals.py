"""Printed totals: recognised, kept out of the rows, and checked against the rows' sum."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from opcc.model import ReviewFlag

TOTAL_LABEL = r"(?:grand |sub ?|sub-)?total(?: payments?| spend| expenditure| amount| value)?:?"
"""A cell that only says total: ``Total``, ``Grand Total``, ``TOTAL PAYMENTS``. A supplier such as
``Total Gas & Power Ltd`` is not one, since the whole cell must match."""

LABEL_COLUMNS = (
    "date", "supplier", "description", "expense_type", "service_area", "transaction_id", "spending_body",
    "value_for_money_reason",
)


def total_rows(text: pd.DataFrame) -> pd.Series:
    """Which rows are printed totals, from their collapsed text cells (``amount`` still raw).

    A total row has an amount and no date, and either a cell that says total or no
    other cell at all (Devon prints its grand total as a lone amount).
    """
    labels = [c for c in LABEL_COLUMNS if c in text.columns]
    says_total = pd.Series(False, index=text.index)
    for column in labels:
        says_total |= text[column].str.fullmatch(TOTAL_LABEL, case=False).fillna(False).astype(bool)
    others = [c for c in labels if c != "date"]
    lone_amount = text[others].isna().all(axis=1) if others else pd.Series(True, index=text.index)
    return text["amount"].notna() & text["date"].isna() & (says_total | lone_amount)


def to_pence(amounts: pd.Series) -> pd.Series:
    """Exact decimal strings (``"-218.87"``) as integer pence, for exact sums without floats."""
    return amounts.dropna().str.replace(".", "", regex=False).astype("int64")


def reconcile(amounts: pd.Series, total: Decimal | None) -> list[ReviewFlag]:
    """A review flag when the rows do not add up to the printed total (or cannot be added up)."""
    if total is None:
        return []
    unread = int(amounts.isna().sum())
    found = Decimal(int(to_pence(amounts).sum())) / 100
    if unread:
        reason = f"{unread} row amounts could not be read, so the printed total {total} cannot be checked"
        return [ReviewFlag(field="total", reason=reason, value=f"{total:.2f}")]
    if found != total:
        reason = f"rows sum to {found:.2f} but the printed total is {total:.2f} (difference {total - found:.2f})"
        return [ReviewFlag(field="total", reason=reason, value=f"{total:.2f}")]
    return []
