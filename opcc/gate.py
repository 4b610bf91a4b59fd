"""The publication gate: the one place that decides what may be made public.

Ingest asks it what may be written into ``data/`` (the repository is public), and
the site build asks it what may be rendered. Nothing reaches ``data/`` or
``site/`` except through :func:`split_for_storage` and :func:`publishable_decision`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from opcc.model import Decision, PanelReport, Provenanced

if TYPE_CHECKING:
    from opcc.store import Store

STUB_FIELDS = (
    "kind",
    "reference",
    "body",
    "decision_maker",
    "decision_maker_role",
    "decision_date",
    "classification",
    "for_publication",
    "reason_if_confidential",
)
"""What a withheld decision shows in the public register: enough to leave no gap, nothing of its content."""


def stub(decision: Decision) -> Decision:
    """The public stand-in for a withheld decision."""
    return Decision(**{field: getattr(decision, field) for field in STUB_FIELDS})


def split_for_storage(record: Provenanced) -> tuple[Provenanced, Provenanced | None]:
    """``(what data/ may hold, what only the private store may hold)``."""
    if isinstance(record, Decision) and record.withheld:
        return stub(record), record
    return record, None


def publishable_decision(decision: Decision) -> Decision:
    """The decision as the site may show it: a stub if withheld, else without unreviewed personal data."""
    if decision.withheld:
        return stub(decision)
    return decision


REDACTED_PERSONAL_DATA = "REDACTED PERSONAL DATA"


@dataclass
class PublicData:
    """Everything the site may be built from, and nothing else."""

    decisions: list[Decision]
    spend: pd.DataFrame
    panel_reports: list[PanelReport]
    other_bodies: list[str] = field(default_factory=list)  # bodies whose records were stored but not published


def publishable_spend(frame: pd.DataFrame) -> pd.DataFrame:
    """Spend rows as the site may show them: a redacted supplier is replaced by its LGA label,
    and a supplier that may be a private individual is withheld until a person clears it."""
    frame = frame.copy()
    unreviewed_person = frame["review"].fillna("").str.contains("private individual", case=False)
    withhold = frame["redacted"].astype(bool) | unreviewed_person
    label = frame["redaction_label"].where(frame["redaction_label"].notna() & frame["redacted"].astype(bool),
                                           REDACTED_PERSONAL_DATA)
    frame.loc[withhold, "supplier"] = label[withhold]
    frame.loc[withhold, "redaction_label"] = label[withhold]
    frame.loc[withhold, "redacted"] = True
    return frame


def public_data(store: Store) -> PublicData:
    """The publishing body's records, through the gate."""
    from opcc.spend_data import load_spend

    settings = store.settings
    own = [d for d in store.decisions() if settings.is_own_body(d.body)]
    others = sorted({d.body or "(unknown body)" for d in store.decisions() if not settings.is_own_body(d.body)})
    spend = load_spend(store.public, settings.body.slug)
    panel = [p for p in store.panel_reports() if settings.is_own_body(p.body) or p.body is None]
    return PublicData(
        decisions=[publishable_decision(d) for d in own],
        spend=publishable_spend(spend),
        panel_reports=panel,
        other_bodies=others,
    )
