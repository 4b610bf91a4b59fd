"""Spend over £500 (Order, Schedule 1 para 3(g)): the payment lines of the returns, stored by month."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from opcc.core.model import Money, Provenanced, Record, TableLedger
from opcc.core.registry import Kind, Section


class SpendRow(Record):
    """One payment line of a spend-over-£500 return; also the canonical CSV's columns, in order."""

    date: dt.date | None
    supplier: str | None
    amount: Money | None
    description: str | None = None
    expense_type: str | None = None
    service_area: str | None = None
    transaction_id: str | None = None
    redacted: bool = False
    redaction_label: str | None = Field(
        default=None,
        description="The LGA label shown instead of a redacted supplier, e.g. 'REDACTED PERSONAL DATA'.",
    )
    spending_body: str | None = Field(default=None, description="'PCC' or 'Chief Constable'")
    value_for_money_reason: str | None = None
    source_sha256: str | None = None
    page: int | None = None
    review: str | None = Field(default=None, description="Why a person must check this row, if they must.")


class Expenditure(Provenanced):
    """A spend return as read from one source file."""

    kind: Literal["expenditure"] = "expenditure"
    body: str | None = None
    period: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")
    rows: list[SpendRow] = []
    total: Money | None = None
    amount_basis: Literal["net", "gross"] | None = Field(
        default=None, description="Whether the amounts are net of VAT or gross, as the amount's header says."
    )
    ledger: list[TableLedger] = Field(
        default=[], description="Every row of the source accounted for, table by table (sheet by sheet)."
    )


SPEND_COLUMNS: list[str] = list(SpendRow.model_fields)
"""The canonical spend CSV header, derived from the model."""

KIND = Kind(
    name="expenditure",
    title="Spend over £500",
    model=Expenditure,
    folder="expenditure",
    sources=("pdf", "table"),
    parser="ingest.spend:read_pdf_return",
    recognise="ingest.spend.recognise:is_spend_return",
    personal_fields=("rows",),
    payee_fields=("supplier",),
    section=Section("spend", "What we spend", generator="opcc.site.spend"),
    duties=("spend.over_500",),
)
