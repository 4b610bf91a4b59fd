"""Printed totals: recognised, kept out of the rows, and checked against the rows' sum."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc

from ingest.tables.totals import says_total
from opcc.core.model import ReviewFlag

TEXT_FIELDS = (
    "supplier",
    "description",
    "expense_type",
    "service_area",
    "transaction_id",
    "spending_body",
    "value_for_money_reason",
)
"""The canonical text columns, where a total row prints its label."""


def total_rows(cells: dict[str, pa.ChunkedArray | pa.Array]) -> pa.Array:
    """Which rows are printed totals, from their collapsed text cells (``amount`` still raw).

    A total row has an amount and no date (its label may stand in the date column), and
    either a cell that says total or no other cell at all (Devon prints its grand total
    as a lone amount).
    """
    date_says_total = says_total(cells["date"]) if _any_starts_with_a_letter(cells["date"]) else False
    undated = pc.and_(pc.is_valid(cells["amount"]), pc.or_(pc.is_null(cells["date"]), date_says_total))
    if not pc.any(undated).as_py():  # the usual case: every payment line has its date
        return undated
    labelled = date_says_total
    lone_amount = pa.array([True] * len(undated))
    for name in TEXT_FIELDS:
        labelled = pc.or_(labelled, says_total(cells[name]))
        if name != "spending_body":  # which may come from the table's title, not the row
            lone_amount = pc.and_(lone_amount, pc.is_null(cells[name]))
    return pc.and_(undated, pc.or_(labelled, lone_amount))


def _any_starts_with_a_letter(cells: pa.ChunkedArray | pa.Array) -> bool:
    """Whether any cell may be a label, in one cheap pass: dates printed with digits all sort below "A"."""
    largest = pc.max(cells).as_py()
    return largest is not None and largest >= "A"


def to_pence(amounts: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Exact decimal strings (``"-218.87"``) as integer pence, for exact sums without floats."""
    return pc.cast(pc.replace_substring(pc.drop_null(amounts), ".", ""), pa.int64())


def rows_sum(amounts: pa.ChunkedArray | pa.Array) -> Decimal:
    return Decimal(pc.sum(to_pence(amounts)).as_py() or 0) / 100


def return_total(printed: list[Decimal], amounts: pa.ChunkedArray | pa.Array) -> Decimal:
    """The return's total from the totals it prints, in order: the last (a grand total), unless
    they are subtotals (one per sheet, body or month) that add up to the rows when the last alone does not."""
    last = printed[-1]
    if len(printed) > 1 and not amounts.null_count:
        found = rows_sum(amounts)
        if found != last and sum(printed) == found:
            return found
    return last


def reconcile(amounts: pa.ChunkedArray | pa.Array, total: Decimal | None) -> list[ReviewFlag]:
    """A review flag when the rows do not add up to the printed total (or cannot be added up)."""
    if total is None:
        return []
    unread = amounts.null_count
    found = rows_sum(amounts)
    if unread:
        reason = f"{unread} row amounts could not be read, so the printed total {total} cannot be checked"
        return [ReviewFlag(field="total", reason=reason, value=f"{total:.2f}")]
    if found != total:
        reason = (
            f"rows sum to {found:.2f} but the printed total is {total:.2f} (difference {total - found:.2f})"
        )
        return [ReviewFlag(field="total", reason=reason, value=f"{total:.2f}")]
    return []
