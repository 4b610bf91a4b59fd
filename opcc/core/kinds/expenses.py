"""Office holders' travel, accommodation and subsistence, and the allowances paid for their
expenses (Order, Schedule 1 para 3(h) and 1(d)): every item, whatever its amount (there is no
£500 floor), with its recipient, purpose and why it was good value for money::

    kind: expenses
    title: Office holders' expenses 2018/19
    entries:
      - date: 2018-04-19
        holder: Police and Crime Commissioner
        category: travel
        recipient: Southeastern Railway
        purpose: Rail fare to the APCC general meeting, London
        amount: "38.60"
        value_for_money: Off-peak return booked in advance
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from opcc.core.model import Money, Record
from opcc.core.periods import quarter_of
from opcc.core.register import Register, entry_claims, register_relpath
from opcc.core.registry import Kind, Section


class Expense(Record):
    date: dt.date
    holder: str  # the office holder's role (or name)
    category: Literal["travel", "accommodation", "subsistence", "other allowance"]
    recipient: str  # who was paid: the holder (a claim) or a supplier
    purpose: str
    amount: Money
    value_for_money: str | None = None


class ExpensesRegister(Register):
    """The office holders' expenses."""

    kind: Literal["expenses"] = "expenses"
    entries: list[Expense] = []


ENTRY_KEY = ("date", "holder", "recipient", "amount")


def _claims(record: ExpensesRegister):
    label = lambda e: f"{e.holder}, {e.category}, {e.date.isoformat()}"  # noqa: E731
    gap = lambda e: None if e.value_for_money else f"{e.purpose}: why it was good value is not given"  # noqa: E731
    return [claim for duty in ("spend.officeholder_tse", "office.allowances")
            for claim in entry_claims(duty, record, ENTRY_KEY, lambda e: quarter_of(e.date), label,
                                      gap if duty == "spend.officeholder_tse" else lambda e: None)]


KIND = Kind(
    name="expenses",
    title="Office holders' expenses",
    model=ExpensesRegister,
    folder="expenses",
    sources=("yaml",),
    relpath=register_relpath,
    entry_key=ENTRY_KEY,
    personal_fields=("entries", "note"),
    section=Section("registers/expenses", "Office holders' expenses",
                    intro="Every item of expenditure on travel, accommodation or subsistence for the Commissioner "
                          "and any deputy, whatever its amount, and the allowances paid for their expenses "
                          "(Schedule 1, paragraphs 3(h) and 1(d))."),
    downloads=True,
    duties=("spend.officeholder_tse", "office.allowances"),
    claims=_claims,
)
