"""Complaints about office holders (Order, Schedule 1 para 1(f)): for each financial year, the number
of complaints and conduct matters about an office holder that the Police and Crime Panel dealt
with (referred to the IOPC, or resolved informally)::

    kind: complaints
    period: 2017/18
    received: 3
    referred_to_iopc: 0
    informally_resolved: 2
    note: One complaint was not recorded, as it was about a matter outside the Panel's remit.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Literal

from pydantic import Field

from opcc.core.model import Provenanced
from opcc.core.periods import PeriodField
from opcc.core.registry import Claim, Kind, Section
from opcc.core.text import slugify


class ComplaintsCount(Provenanced):
    """Complaints and conduct matters about office holders in one financial year."""

    kind: Literal["complaints"] = "complaints"
    body: str | None = None
    period: PeriodField
    received: int = Field(ge=0, description="Complaints and conduct matters brought to the Panel's attention.")
    referred_to_iopc: int = Field(default=0, ge=0)
    informally_resolved: int = Field(default=0, ge=0)
    note: str | None = None

    @property
    def title(self) -> str:
        return f"Complaints about office holders, {self.period.label}"


def relpath(record: ComplaintsCount, default_body: str) -> PurePosixPath:
    return PurePosixPath(slugify(record.body or default_body), f"{slugify(record.period.text)}.yaml")


KIND = Kind(
    name="complaints",
    title="Complaints about office holders",
    model=ComplaintsCount,
    folder="complaints",
    sources=("yaml",),
    relpath=relpath,
    personal_fields=("note",),
    section=Section("registers/complaints", "Complaints about office holders",
                    intro="The number of complaints and conduct matters about an office holder that the Police and "
                          "Crime Panel dealt with, each year (Schedule 1, paragraph 1(f))."),
    downloads=True,
    duties=("office.complaints",),
    claims=lambda record: [Claim("office.complaints", record.title, period=record.period,
                                 anchor=slugify(record.period.text))],
)
