"""Senior employees (Order, Schedule 1 para 2(d)): each post's title, responsibilities and salary,
and the holder's name unless they refuse consent to its publication.

A name is published only where the register records that its holder consented
(``name_consent: given``). Where consent was refused, or is not recorded, the gate keeps
the name out of ``data/`` and the site, and keeps it in the private store::

    kind: senior_staff
    title: Senior employees
    as_at: 2018-04-01
    entries:
      - post: Chief Executive
        responsibilities: Head of paid staff and monitoring officer
        salary: "105000.00"
        name: Jane Example
        name_consent: given
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from opcc.core.model import Money, Record
from opcc.core.register import Register, register_relpath, whole_register
from opcc.core.registry import Kind, Section

CONSENT_REFUSED = "the senior employee refused consent to publication of the name (Schedule 1, para 2(d))"
CONSENT_NOT_RECORDED = "the register does not record the senior employee's consent to publication of the name"


class SeniorPost(Record):
    post: str
    responsibilities: str
    salary: Money | None = None
    salary_band: str | None = Field(default=None, description="e.g. '£95,000 to £99,999', where a band is published.")
    name: str | None = None
    name_consent: Literal["given", "refused"] | None = None

    @property
    def withheld_fields(self) -> dict[str, str]:
        if self.name is None or self.name_consent == "given":
            return {}
        return {"name": CONSENT_REFUSED if self.name_consent == "refused" else CONSENT_NOT_RECORDED}


class SeniorStaff(Register):
    """The senior employees' posts, as at a date."""

    kind: Literal["senior_staff"] = "senior_staff"
    as_at: dt.date | None = None
    entries: list[SeniorPost] = []


KIND = Kind(
    name="senior_staff",
    title="Senior employees",
    model=SeniorStaff,
    folder="senior_staff",
    sources=("yaml",),
    relpath=register_relpath,
    entry_key=("post",),
    personal_fields=("entries", "note"),
    section=Section("registers/senior-staff", "Senior employees",
                    intro="Each senior employee's job title, responsibilities and salary, and their name unless "
                          "they have refused consent to its publication (Schedule 1, paragraph 2(d))."),
    downloads=True,
    duties=("staff.senior",),
    claims=lambda record: [whole_register("staff.senior", record)],
)
