"""The relevant office holders (Order, Schedule 1 para 1(a) to 1(c)): the Commissioner and any deputy,
with their correspondence address and salary. One YAML file per holder and term::

    kind: office_holder
    role: Police and Crime Commissioner
    name: Matthew Scott
    term_start: 2016-05-12
    correspondence_address: Kent Police and Crime Commissioner, Sutton Road, Maidstone ME15 9BZ
    salary: "85000.00"
    salary_from: 2016-05-12
    allowances: No allowances are paid beyond the expenses published each quarter.
    last_reviewed: 2018-05-14

Office holders' names, roles and office addresses are published by law, so they are not
searched for personal data; a home address in the address field would be.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Literal

from pydantic import Field

from opcc.core.model import Money, Provenanced
from opcc.core.periods import Period
from opcc.core.registry import Claim, Kind, Section
from opcc.core.text import slugify

OPEN_TERM_END = dt.date.max  # a term with no end date yet runs on


class OfficeHolder(Provenanced):
    """A relevant office holder for one term of office."""

    kind: Literal["office_holder"] = "office_holder"
    body: str | None = None
    role: str
    name: str
    term_start: dt.date
    term_end: dt.date | None = None
    correspondence_address: str | None = Field(default=None, description="The office's address, never a home address.")
    salary: Money | None = None
    salary_from: dt.date | None = None
    allowances: str | None = Field(default=None, description="The allowances paid for expenses, in words (1(d)).")
    last_reviewed: dt.date | None = None

    @property
    def title(self) -> str:
        return f"{self.name}, {self.role}"

    @property
    def term(self) -> Period:
        end = self.term_end or OPEN_TERM_END
        return Period(self.term_start, end, f"{self.term_start.isoformat()}/{end.isoformat()}")


def relpath(record: OfficeHolder, default_body: str) -> PurePosixPath:
    return PurePosixPath(slugify(record.body or default_body),
                         f"{slugify(record.role)}-{record.term_start.isoformat()}.yaml")


def claims(record: OfficeHolder) -> list[Claim]:
    """The name, and the address and salary where given, each for the holder's term."""
    given = {
        "office.name": record.name,
        "office.address": record.correspondence_address,
        "office.salary": record.salary,
    }
    anchor = slugify(f"{record.role}-{record.term_start.isoformat()}")
    return [Claim(duty, record.title, in_force=record.term, subject=record.role, reviewed=record.last_reviewed,
                  anchor=anchor, gap=None if value is not None else f"{record.title}: not given")
            for duty, value in given.items()]


KIND = Kind(
    name="office_holder",
    title="Office holders",
    model=OfficeHolder,
    folder="office_holders",
    sources=("yaml",),
    relpath=relpath,
    personal_fields=("correspondence_address", "allowances"),
    section=Section("registers/office-holders", "The Commissioner and deputy",
                    intro="The name, address for correspondence, salary and allowances of each relevant office "
                          "holder (Schedule 1, paragraph 1(a) to 1(d))."),
    downloads=True,
    duties=("office.name", "office.address", "office.salary"),
    claims=claims,
)
