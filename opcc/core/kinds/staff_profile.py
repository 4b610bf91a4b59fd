"""The number of staff and its make-up (Order, Schedule 1 para 2(a) and 2(b)). One record per date::

    kind: staff_profile
    as_at: 2018-03-31
    headcount: 24
    women_percent: "62.5"
    ethnic_minority_percent: "8.3"
    disability_percent: "4.2"

"Staff" leaves out the deputy commissioner. Where a proportion would be small enough to
identify someone, the office may leave it out and say why in ``note``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Literal

from pydantic import Field

from opcc.core.model import Provenanced
from opcc.core.registry import Claim, Kind, Section
from opcc.core.text import slugify

Percent = Decimal  # a proportion as written, e.g. 62.5 for 62.5%


class StaffProfile(Provenanced):
    """The office's staff as at a date: how many, and the proportions 2(b) asks for."""

    kind: Literal["staff_profile"] = "staff_profile"
    body: str | None = None
    as_at: dt.date
    headcount: int = Field(ge=0)
    full_time_equivalent: Decimal | None = None
    women_percent: Percent | None = Field(default=None, ge=0, le=100)
    ethnic_minority_percent: Percent | None = Field(default=None, ge=0, le=100)
    disability_percent: Percent | None = Field(default=None, ge=0, le=100)
    note: str | None = None

    @property
    def title(self) -> str:
        return f"Staff as at {self.as_at.day} {self.as_at:%B %Y}"


def relpath(record: StaffProfile, default_body: str) -> PurePosixPath:
    return PurePosixPath(slugify(record.body or default_body), f"{record.as_at.isoformat()}.yaml")


def claims(record: StaffProfile) -> list[Claim]:
    given = [record.women_percent, record.ethnic_minority_percent, record.disability_percent]
    diversity_gap = None if all(p is not None for p in given) or record.note else "a proportion is not given"
    anchor = f"as-at-{record.as_at.isoformat()}"
    return [
        Claim("staff.headcount", record.title, reviewed=record.as_at, anchor=anchor),
        Claim("staff.diversity", record.title, reviewed=record.as_at, gap=diversity_gap, anchor=anchor),
    ]


KIND = Kind(
    name="staff_profile",
    title="Staff numbers and diversity",
    model=StaffProfile,
    folder="staff",
    sources=("yaml",),
    relpath=relpath,
    personal_fields=("note",),
    section=Section("registers/staff", "Our staff",
                    intro="The number of staff, and the proportion who are women, who are from an ethnic minority "
                          "and who have a disability (Schedule 1, paragraph 2(a) and 2(b))."),
    downloads=True,
    duties=("staff.headcount", "staff.diversity"),
    claims=claims,
)
