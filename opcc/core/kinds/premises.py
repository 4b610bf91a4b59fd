"""Premises and land owned by, or occupied for the purposes of, the body (Order, Schedule 1 para 4(a))::

    kind: premises
    title: Premises and land
    last_reviewed: 2018-04-01
    entries:
      - name: Police headquarters
        address: Sutton Road, Maidstone ME15 9BZ
        tenure: owned
        use: Force headquarters and the Commissioner's office
"""

from __future__ import annotations

from typing import Literal

from opcc.core.model import Record
from opcc.core.register import Register, register_relpath, whole_register
from opcc.core.registry import Kind, Section


class Premises(Record):
    name: str
    address: str
    tenure: Literal["owned", "leased", "occupied"]
    use: str | None = None


class PremisesRegister(Register):
    kind: Literal["premises"] = "premises"
    entries: list[Premises] = []


KIND = Kind(
    name="premises",
    title="Premises and land",
    model=PremisesRegister,
    folder="premises",
    sources=("yaml",),
    relpath=register_relpath,
    entry_key=("name", "address"),
    # Premises are the body's, not people's: their addresses are published by law.
    personal_fields=("note",),
    section=Section("registers/premises", "Premises and land",
                    intro="The premises and land we own, or occupy for our purposes (Schedule 1, paragraph 4(a))."),
    downloads=True,
    duties=("property.premises",),
    claims=lambda record: [whole_register("property.premises", record)],
)
