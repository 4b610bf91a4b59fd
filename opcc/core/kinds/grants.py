"""Crime and disorder reduction grants (Order, Schedule 1 para 3(f)): each grant's recipient,
purpose, conditions and the reasons the Commissioner considered it would secure, or
contribute to, a reduction in crime and disorder in the area. Published month by month;
a month with no grant is met by a nil statement.

The site also gives the grants in the 360Giving data standard (``opcc.site.giving``)::

    kind: grants
    title: Crime and disorder reduction grants 2018/19
    entries:
      - reference: CSF-2018-001
        date: 2018-04-05
        recipient: Catch22 Charity Ltd
        recipient_charity_number: "1124127"
        amount: "59454.70"
        purpose: Youth diversion programme, second instalment
        conditions: Quarterly monitoring returns; unspent funds returned
        reasons: Diverts young people at risk of offending from crime
        start: 2018-04-01
        end: 2019-03-31
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from opcc.core.model import Money, Record
from opcc.core.periods import month_of
from opcc.core.register import Register, entry_claims, register_relpath
from opcc.core.registry import Kind, Section


class Grant(Record):
    reference: str | None = None
    date: dt.date = Field(description="When the grant was made.")
    recipient: str
    recipient_charity_number: str | None = Field(default=None, description="Registered charity number (England and Wales).")
    recipient_company_number: str | None = Field(default=None, description="Companies House number.")
    amount: Money
    purpose: str
    conditions: str | None = Field(default=None, description="The conditions attached, or 'None'.")
    reasons: str | None = Field(
        default=None, description="Why the grant will secure, or contribute to, a reduction in crime and disorder.")
    start: dt.date | None = None  # the period the grant is for
    end: dt.date | None = None


class GrantsRegister(Register):
    """Crime and disorder reduction grants made."""

    kind: Literal["grants"] = "grants"
    entries: list[Grant] = []


ENTRY_KEY = ("reference", "date", "recipient", "amount")


def _gap(grant: Grant) -> str | None:
    missing = [words for name, words in (("conditions", "its conditions"), ("reasons", "the reasons for it"))
               if not getattr(grant, name)]
    return f"{grant.recipient}: {' and '.join(missing)} not given" if missing else None


KIND = Kind(
    name="grants",
    title="Crime and disorder reduction grants",
    model=GrantsRegister,
    folder="grants",
    sources=("yaml",),
    relpath=register_relpath,
    entry_key=ENTRY_KEY,
    personal_fields=("entries", "note"),
    payee_fields=("recipient",),
    section=Section("registers/grants", "Crime and disorder reduction grants",
                    intro="Each crime and disorder reduction grant: who received it, for what, on what conditions, "
                          "and why we considered it would reduce crime and disorder (Schedule 1, paragraph 3(f))."),
    downloads=True,
    exports=("opcc.site.giving:publish",),
    duties=("grants.cdr",),
    claims=lambda record: entry_claims("grants.cdr", record, ENTRY_KEY, lambda g: month_of(g.date),
                                       lambda g: f"{g.recipient}, {g.date.isoformat()}", _gap),
)
