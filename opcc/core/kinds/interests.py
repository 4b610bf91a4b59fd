"""The register of interests of each office holder (Order, Schedule 1 para 1(e)): every paid
employment or office and any other pecuniary interest. One register per holder::

    kind: interests
    title: Register of interests of the Police and Crime Commissioner
    holder: Matthew Scott
    role: Police and Crime Commissioner
    last_reviewed: 2018-05-14
    entries:
      - category: Employment, office or trade
        description: None
        registered: 2016-05-12

A holder with nothing to declare keeps a register with no entries and a ``note`` saying so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Literal

from opcc.core.model import Record
from opcc.core.register import Register, register_relpath, whole_register
from opcc.core.registry import Kind, Section


class Interest(Record):
    category: str  # e.g. "Employment, office or trade", "Land and property", "Memberships"
    description: str
    registered: dt.date | None = None
    ended: dt.date | None = None


class InterestsRegister(Register):
    """One office holder's declared interests."""

    kind: Literal["interests"] = "interests"
    holder: str
    role: str
    entries: list[Interest] = []


KIND = Kind(
    name="interests",
    title="Registers of interests",
    model=InterestsRegister,
    folder="interests",
    sources=("yaml",),
    relpath=register_relpath,
    entry_key=("category", "description"),
    personal_fields=("entries", "note"),
    section=Section("registers/interests", "Registers of interests",
                    intro="Each office holder's paid employments and offices and any other pecuniary interests "
                          "(Schedule 1, paragraph 1(e))."),
    downloads=True,
    duties=("office.interests",),
    claims=lambda record: [replace(whole_register("office.interests", record), subject=record.holder)],
)
