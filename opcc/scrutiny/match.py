"""Which published payment a panel paper's item is, and which decisions and grant awards name a supplier.

A paper prints an item as (supplier, amount, date of payment), typed by a person: the
supplier's name is often shortened or spelt differently ("Signhealth", "Police ICT
Company"), and the date may be the invoice's rather than the payment's. So an item is
the payment with

* exactly the same amount,
* a date within ``DATE_WINDOW_DAYS`` days of the item's (any date if the item has none),
* a supplier whose name is similar (rapidfuzz's ratio of the names without legal forms,
  ``vocab/supplier_names.yml``, words in any order or spaces ignored) at ``SURE`` or above;

and it is *matched* only when exactly one payment is such. When several are, or the only
one's supplier is merely like the item's (``UNSURE`` to ``SURE``), the item is *unsure*:
it is flagged for a person's review and never linked as if it were certain.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Literal

import pandas as pd
from rapidfuzz import fuzz

from opcc.core.kinds.decision import Decision
from opcc.core.kinds.grants import Grant
from opcc.core.text import comparable
from opcc.core.yaml_io import read_yaml

SURE = 90.0
"""Names this similar (0 to 100) are the same supplier: 'Signhealth' and 'SignHealth Ltd' are 100."""
UNSURE = 70.0
"""Names this similar may be the same supplier: a payment found so is shown for review, not linked."""
DATE_WINDOW_DAYS = 5
VOCAB = Path(__file__).resolve().parent.parent / "core" / "vocab" / "supplier_names.yml"
MIN_KEY_CHARS = 4  # a name shorter than this ("BT") would be found inside too many decisions' words

Status = Literal["matched", "unsure", "none"]


@cache
def _ignored() -> frozenset[str]:
    return frozenset(read_yaml(VOCAB)["ignored_words"])


def supplier_key(name: str | None) -> str:
    """``"The Police ICT Company Ltd."`` -> ``"police ict company"``: the words names are compared by."""
    words = re.findall(r"[a-z0-9]+(?:/[a-z0-9]+)?", comparable(name))
    return " ".join(w for w in words if w not in _ignored())


def similarity(a: str | None, b: str | None) -> float:
    """How alike two supplier names are, 0 to 100 (100: the same words, ignoring case and legal forms)."""
    ka, kb = supplier_key(a), supplier_key(b)
    if not ka or not kb:
        return 0.0
    if ka.replace(" ", "") == kb.replace(" ", ""):
        return 100.0  # "Sign Health" and "SignHealth"
    # Words in any order ("Time Dandelion"), or one word split or joined differently ("Sign Health Services").
    return float(max(fuzz.token_sort_ratio(ka, kb), fuzz.ratio(ka.replace(" ", ""), kb.replace(" ", ""))))


def amount_key(value: object) -> Decimal | None:
    """An amount as an exact decimal (``"60,000.00"``, ``Decimal("60000")``), or ``None``."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    try:
        return Decimal(str(value).replace(",", "").replace("£", "").strip()).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _date(value: object) -> dt.date | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class Candidate:
    """A published payment an item may be: its row, how alike the suppliers are, days apart."""

    payment: dict
    similarity: float
    days: int | None


@dataclass
class Match:
    status: Status
    reason: str
    payment: dict | None = None  # the row of the published payment, when matched
    candidates: list[Candidate] = field(default_factory=list)  # when unsure: what a person should look at


class PaymentIndex:
    """The published payments (``opcc.spend_data.load_spend`` columns, through the gate), by amount."""

    def __init__(self, spend: pd.DataFrame):
        self.rows = spend.reset_index(drop=True)
        keys = {value: amount_key(value) for value in pd.unique(self.rows["amount"].astype(object))}
        self.by_amount: dict[Decimal, list[int]] = {}
        for i, value in enumerate(self.rows["amount"].astype(object)):
            if (key := keys[value]) is not None:
                self.by_amount.setdefault(key, []).append(i)

    def row(self, i: int) -> dict:
        return {k: (None if v is pd.NA or (isinstance(v, float) and v != v) else v)
                for k, v in self.rows.iloc[i].to_dict().items()}

    def match(self, supplier: str | None, amount: object, date: dt.date | None) -> Match:
        """The payment an item names, or why there is none or more than one (see the module docstring)."""
        key = amount_key(amount)
        if key is None:
            return Match("none", "the item gives no amount")
        candidates = []
        for i in self.by_amount.get(key, []):
            row = self.rows.iloc[i]
            paid = _date(row["date"])
            days = None if date is None or paid is None else abs((paid - date).days)
            if days is not None and days > DATE_WINDOW_DAYS:
                continue
            score = similarity(supplier, row["supplier"])
            if score >= UNSURE:
                candidates.append(Candidate(self.row(i), score, days))
        if not candidates:
            return Match("none", f"no published payment of £{key:,} to a supplier like {supplier!r}"
                                 + (f" within {DATE_WINDOW_DAYS} days of {date.isoformat()}" if date else ""))
        candidates.sort(key=lambda c: (-c.similarity, c.days if c.days is not None else 0))
        if len(candidates) > 1:
            return Match("unsure", f"{len(candidates)} published payments of £{key:,} could be this item",
                         candidates=candidates)
        only = candidates[0]
        if only.similarity < SURE:
            return Match("unsure", f"the payee {only.payment['supplier']!r} is only {only.similarity:.0f}% like "
                                   f"{supplier!r}", candidates=candidates)
        if date is not None and only.days is None:
            return Match("unsure", "the published payment has no date", candidates=candidates)
        how = "no date given" if date is None else "same date" if only.days == 0 else f"{only.days} days apart"
        return Match("matched", f"same amount, {how}, supplier {only.similarity:.0f}% alike", payment=only.payment)


# -- what names a supplier -------------------------------------------------------------------

DECISION_TEXT = ("title", "summary", "recommendation", "decision")


class Mentions:
    """Which decisions name a supplier (or a grant's reference), found through a word index so
    that thousands of suppliers are looked up in thousands of decisions without reading each."""

    def __init__(self, decisions: list[Decision]):
        self.decisions = decisions
        self.texts = [f" {supplier_key(' '.join(getattr(d, f) or '' for f in DECISION_TEXT))} " for d in decisions]
        self.words: dict[str, set[int]] = {}
        for i, text in enumerate(self.texts):
            for word in set(text.split()):
                self.words.setdefault(word, set()).add(i)

    def naming(self, *names: str | None) -> list[Decision]:
        """The decisions naming any of ``names`` as whole words, in register order."""
        found: set[int] = set()
        for name in names:
            key = supplier_key(name)
            if len(key) < MIN_KEY_CHARS:
                continue
            postings = [self.words.get(word, set()) for word in key.split()]
            for i in set.intersection(*postings):
                if f" {key} " in self.texts[i]:
                    found.add(i)
        return [self.decisions[i] for i in sorted(found)]


@dataclass
class Reconciliation:
    """A grant's award set against what the published spend shows paid to its recipient."""

    grant: Grant
    payments: list[dict]  # published payments to the recipient within the grant's period, by date
    amount: Decimal  # the payment being explained

    @property
    def paid(self) -> Decimal:
        return sum((amount_key(p["amount"]) or Decimal(0) for p in self.payments), Decimal(0))

    @property
    def instalments(self) -> int | None:
        """How many equal instalments of this payment make the award, when a whole number do."""
        if self.amount <= 0:
            return None
        count = self.grant.amount / self.amount
        return int(count) if count == count.to_integral_value() and count > 1 else None

    @property
    def outstanding(self) -> Decimal:
        return self.grant.amount - self.paid


def grant_window(grant: Grant) -> tuple[dt.date, dt.date]:
    """The days payments of a grant fall in: from the award (or the period's start, if earlier) to the
    period's end, or a year after the award when no period is given."""
    start = min(d for d in (grant.date, grant.start) if d)
    end = grant.end or grant.date + dt.timedelta(days=366)
    return start, end


def awards(recipient: str | None, grants: list[Grant], paid_on: dt.date | None) -> list[Grant]:
    """The grants made to ``recipient`` (a sure name match) whose period holds ``paid_on``."""
    found = []
    for grant in grants:
        if similarity(recipient, grant.recipient) < SURE:
            continue
        start, end = grant_window(grant)
        if paid_on is None or start <= paid_on <= end:
            found.append(grant)
    return found


def reconcile(grant: Grant, amount: Decimal, index: PaymentIndex) -> Reconciliation:
    """The payments to the grant's recipient within its period, against its award."""
    start, end = grant_window(grant)
    rows = index.rows
    names = {n for n in pd.unique(rows["supplier"].dropna()) if similarity(grant.recipient, n) >= SURE}
    paid = [index.row(i) for i in rows.index[rows["supplier"].isin(names)]
            if (d := _date(rows.at[i, "date"])) and start <= d <= end]
    return Reconciliation(grant, sorted(paid, key=lambda p: str(p["date"])), amount)


def unsure_items(reports: list, spend: pd.DataFrame) -> list[str]:
    """A line for each item of a panel paper that could be more than one published payment, or whose
    supplier is only like the payee's: a person decides which payment it is (``opcc review``)."""
    index = PaymentIndex(spend)
    lines = []
    for report in reports:
        for item in report.items:
            found = index.match(item.supplier, item.amount, item.date)
            if found.status == "unsure":
                could = ", ".join(f"{c.payment['payment_id']} ({c.payment['supplier']}, {c.payment['date']})"
                                  for c in found.candidates)
                lines.append(f"panel_report {report.title or 'untitled'}: item {item.supplier}, "
                             f"£{amount_key(item.amount):,}, {item.date or 'no date'}: {found.reason}; could be {could}")
    return lines
