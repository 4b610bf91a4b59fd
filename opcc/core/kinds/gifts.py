"""The register of gifts and hospitality (Order, Schedule 1 para 2(e)): each offer made to an
office holder or a member of staff, and whether it was accepted or declined.

The Order sets no value below which an offer may be left out, so every offer is entered.
A register is one YAML file (or a CSV or workbook, one offer a row)::

    kind: gifts
    title: Register of gifts and hospitality
    last_reviewed: 2018-06-01
    entries:
      - reference: GH-2018-04
        date: 2018-05-17
        recipient: Police and Crime Commissioner
        donor: Kent Fire and Rescue Service
        description: Lunch at the Kent community safety conference
        value: "15.00"
        outcome: accepted
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from opcc.core.model import Money, Record
from opcc.core.register import Register, register_relpath, whole_register
from opcc.core.registry import Kind, Section


class GiftOffer(Record):
    reference: str | None = None
    date: dt.date
    recipient: str  # the office holder, or the member of staff's post or team
    donor: str
    description: str
    value: Money | None = None  # the estimated value, where known
    outcome: Literal["accepted", "declined"]
    note: str | None = None


class GiftsRegister(Register):
    """Every offer of a gift or hospitality, accepted or declined."""

    kind: Literal["gifts"] = "gifts"
    entries: list[GiftOffer] = []


KIND = Kind(
    name="gifts",
    title="Gifts and hospitality",
    model=GiftsRegister,
    folder="gifts",
    sources=("yaml",),
    relpath=register_relpath,
    entry_key=("reference", "date", "donor"),
    personal_fields=("entries", "note"),
    section=Section("registers/gifts-and-hospitality", "Gifts and hospitality",
                    intro="Each offer of a gift or hospitality made to an office holder or a member of staff, and "
                          "whether it was accepted or declined (Schedule 1, paragraph 2(e))."),
    downloads=True,
    duties=("registers.gifts",),
    claims=lambda record: [whole_register("registers.gifts", record)],
)
