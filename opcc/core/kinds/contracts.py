"""Contracts and invitations to tender (Order, Schedule 1 para 4(b) and 4(c), and the list of
smaller contracts): a copy of each contract worth more than £10,000 to which the Commissioner
or the Chief Constable is a party, a copy of each invitation to tender for a contract expected
to be worth more than £10,000, and a list of the contracts of £10,000 or less with their value,
parties and purpose::

    kind: contracts
    title: Contracts and tenders
    last_reviewed: 2018-06-01
    entries:
      - reference: KCP-2018-014
        stage: contract
        title: Victim referral and assessment service
        party: PCC
        supplier: Victim Support
        value: "1260000.00"
        start: 2018-04-01
        end: 2021-03-31
        copy_url: https://www.contractsfinder.service.gov.uk/Notice/...
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from opcc.core.model import Money, Record
from opcc.core.register import Register, entry_claims, record_anchor, register_relpath, whole_register
from opcc.core.registry import Claim, Kind, Section

THRESHOLD = Decimal("10000.00")
"""The Order's threshold (2012 amendment): copies above it, a list at or below it. Not the
Transparency Code's £5,000."""


class Contract(Record):
    reference: str | None = None
    stage: Literal["contract", "invitation_to_tender"]
    title: str
    party: Literal["PCC", "Chief Constable", "Both"] = Field(description="Which of them is party to it, or issued it.")
    supplier: str | None = None  # for a contract: the other parties
    purpose: str | None = None
    value: Money | None = Field(default=None, description="The total value, or for a tender its expected value.")
    start: dt.date | None = None
    end: dt.date | None = None
    issued: dt.date | None = None  # an invitation to tender's date of issue
    closing: dt.date | None = None
    copy_url: str | None = Field(default=None, description="Where a copy of the contract or invitation is published.")


class ContractsRegister(Register):
    kind: Literal["contracts"] = "contracts"
    entries: list[Contract] = []


ENTRY_KEY = ("reference", "stage", "title")


def _over(contract: Contract) -> bool:
    return contract.value is not None and contract.value > THRESHOLD


def _claims(record: ContractsRegister) -> list[Claim]:
    """A copy of each contract and tender over £10,000; the list of the smaller contracts as a whole."""
    def copy_gap(entry: Contract) -> str | None:
        return None if entry.copy_url else f"{entry.title}: no copy is linked"

    label = lambda entry: f"{entry.title} ({entry.reference or entry.stage})"  # noqa: E731
    found: list[Claim] = []
    for duty, stage in (("contracts.over_10k", "contract"), ("contracts.itt_over_10k", "invitation_to_tender")):
        chosen = record.model_copy(update={"entries": [e for e in record.entries if e.stage == stage and _over(e)]})
        found += entry_claims(duty, chosen, ENTRY_KEY, lambda e: None, label, copy_gap)
    small = [e for e in record.entries if e.stage == "contract" and not _over(e)]
    if small:
        found.append(whole_register("contracts.up_to_10k", record, anchor=f"{record_anchor(record)}-up-to-10k"))
    return found


KIND = Kind(
    name="contracts",
    title="Contracts and tenders",
    model=ContractsRegister,
    folder="contracts",
    sources=("yaml",),
    relpath=register_relpath,
    entry_key=ENTRY_KEY,
    personal_fields=("entries", "note"),
    payee_fields=("supplier",),
    section=Section("registers/contracts", "Contracts and tenders",
                    intro="A copy of each contract and invitation to tender worth more than £10,000 to which the "
                          "Commissioner or the Chief Constable is a party, and a list of the contracts of £10,000 "
                          "or less (Schedule 1, paragraph 4)."),
    downloads=True,
    duties=("contracts.over_10k", "contracts.itt_over_10k", "contracts.up_to_10k"),
    claims=_claims,
)

