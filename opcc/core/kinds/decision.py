"""Decisions of significant public interest (Order, Schedule 1 para 5(d)): one record per notice."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Literal

from pydantic import Field

from opcc.core.model import Money, Provenanced, Record
from opcc.core.registry import Kind, Section
from opcc.core.text import slugify


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
    """A record of a decision of significant public interest (Order, Schedule 1 para 5(d))."""

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
        """Confidential, not for publication, or unsure of either: the gate publishes only the stub.

        A review flag on the classification, on publication or on the withheld parts holds the
        notice until a person decides (the flag is cleared by the overrides file's ``reviewed``).
        """
        unsure = any(flag.field in HOLDING_FIELDS for flag in self.review)
        return self.classification == "confidential" or not self.for_publication or unsure


HOLDING_FIELDS = ("classification", "for_publication", "withheld_parts")
"""Fields whose review flag holds a notice back until a person decides."""


def relpath(record: Decision, default_body: str) -> PurePosixPath:
    """``<body>/<year>/<reference>.yaml``; a notice with no reference is named by its source."""
    date = record.decision_date or record.report_date
    year = str(date.year) if date else "undated"
    name = slugify(record.reference) if record.reference else f"source-{record.sources[0].sha256[:12]}"
    return PurePosixPath(slugify(record.body or default_body), year, f"{name}.yaml")


KIND = Kind(
    name="decision",
    title="Decisions",
    model=Decision,
    folder="decisions",
    sources=("pdf",),
    relpath=relpath,
    parser="ingest.decisions:parse_decision",
    recognise="ingest.detect:is_decision",
    # Names and roles of decision makers and signatories are left out on purpose: office
    # holders' names are published by law.
    personal_fields=("title", "summary", "recommendation", "decision", "originator", "reason_if_confidential",
                     "background_documents", "impact_assessments", "cost_tables"),
    stub_fields=("kind", "reference", "body", "decision_maker", "decision_maker_role", "decision_date",
                 "classification", "for_publication", "reason_if_confidential"),
    section=Section("decisions", "Decisions", generator="opcc.site.decisions"),
    duties=("decisions.significant",),
)
