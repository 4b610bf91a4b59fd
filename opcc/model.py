"""The record model: defined once, everything else is derived from it.

The YAML in ``data/``, the JSON printed by ``opcc extract``, the JSON Schemas in
``data/schema/``, the spend CSV columns and the site's Table Schemas all come
from the classes below. Field names and value formats follow the corpus truth
files: money is a decimal string with two places, dates are ISO, absent values
are ``null``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

TWO_PLACES = Decimal("0.01")


def _to_money(value: object) -> Decimal | None:
    # A float has already lost the exact pennies, so it is refused rather than rounded.
    if value is None or isinstance(value, Decimal):
        return value.quantize(TWO_PLACES) if isinstance(value, Decimal) else None
    if isinstance(value, float):
        raise ValueError("money must be a Decimal or a decimal string, never a float")
    if isinstance(value, int):
        return Decimal(value).quantize(TWO_PLACES)
    try:
        return Decimal(str(value).strip()).quantize(TWO_PLACES)
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal amount: {value!r}") from exc


Money = Annotated[
    Decimal,
    BeforeValidator(_to_money),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str),
    Field(json_schema_extra={"type": "string", "pattern": r"^-?\d+\.\d{2}$"}),
]
"""An amount in pounds, exact to the penny; written as ``"16258.50"``."""


class Record(BaseModel):
    # Validators are built on a model's first use, not at import: most commands use a few of
    # these models, and building them all would add about 16 ms to every start.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Location(Record):
    """Where in a source a value was read: the page (1-based) and its top edge in points."""

    page: int
    top: float | None = None


class SourceFile(Record):
    """One source document a record was read from, kept content-addressed by its SHA-256."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    filename: str
    media_type: str
    pages: int | None = None
    ocr: bool = False


class ReviewFlag(Record):
    """A value that a person must look at before it is trusted or published."""

    field: str
    reason: str
    value: str | None = None
    page: int | None = None


class Provenanced(Record):
    """Keys every record carries beside its truth-file fields; readers may ignore them."""

    sources: list[SourceFile] = []
    provenance: dict[str, Location] = {}
    review: list[ReviewFlag] = []
    reviewed: list[str] = Field(
        default=[],
        description="Fields a person has checked and cleared for publication (set through overrides).",
    )


class Signatory(Record):
    role: str | None = None
    name: str | None = None
    date: dt.date | None = None


class CostTable(Record):
    """A table of figures printed in a notice (e.g. costs in £000), kept as printed."""

    title: str | None = None
    unit: str | None = Field(default=None, description="e.g. '£000' when the figures are thousands")
    header: list[str] = []
    rows: list[list[str]] = []
    page: int | None = None


class Decision(Provenanced):
    """A record of a decision of significant public interest (Order, Schedule 1 para 4)."""

    kind: Literal["decision"] = "decision"
    reference: str | None = None
    title: str | None = None
    body: str | None = None
    decision_maker: str | None = None
    decision_maker_role: str | None = None
    decision_date: dt.date | None = None
    report_date: dt.date | None = None
    originator: str | None = None
    classification: Literal["open", "confidential"] = "open"
    for_publication: bool = True
    reason_if_confidential: str | None = None
    withheld_parts: list[str] = []
    summary: str | None = None
    recommendation: str | None = None
    decision: str | None = None
    outcome: Literal["approved", "rejected", "deferred"] | None = None
    amounts: list[Money] = []
    signatories: list[Signatory] = []
    retrospective: bool = False
    background_documents: list[str] = []
    impact_assessments: dict[str, str] = Field(
        default={}, description="Answers to the notice's impact questions (equality, privacy, ...)."
    )
    cost_tables: list[CostTable] = []
    topics: list[str] = []

    @property
    def withheld(self) -> bool:
        return self.classification == "confidential" or not self.for_publication


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


class PanelItem(Record):
    supplier: str | None
    amount: Money | None
    date: dt.date | None = None
    description: str | None = None


class PanelReport(Provenanced):
    """A paper to the Police and Crime Panel listing items of expenditure selected for scrutiny."""

    kind: Literal["panel_report"] = "panel_report"
    title: str | None = None
    body: str | None = None
    date: dt.date | None = None
    author: str | None = None
    items: list[PanelItem] = []


KINDS: dict[str, type[Provenanced]] = {
    "decision": Decision,
    "expenditure": Expenditure,
    "panel_report": PanelReport,
}

SPEND_COLUMNS: list[str] = list(SpendRow.model_fields)
"""The canonical spend CSV header, derived from the model."""
