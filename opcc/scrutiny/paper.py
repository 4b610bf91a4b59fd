"""The first draft of an "Update on expenditure" paper to the Police and Crime Panel (``opcc paper``).

Panel officers select published payments (the explorer's basket, an explorer download,
or rows cut from a month file ``data/expenditure/<body>/<year>/<year>-<month>.csv``); the
office then writes a paper explaining each one. This drafts that paper from the
selection, in steps:

1. :func:`read_selection`: the selection's rows (every row read, or a clear error
   naming the file);
2. :func:`draft`: each row found among the published payments (its payment id and
   permalink), with what the data says about it: expense type, description, spending
   body, value-for-money reason; the decisions naming its supplier or grant; a grant's
   award and its instalments reconciled against the published spend; and a placeholder
   paragraph for the office to write;
3. :func:`markdown` and :func:`write_docx`: the same draft as Markdown and as a Word
   document the office edits.

Only public data is used (the gate's :func:`~opcc.gate.public_data`), so nothing the
draft says about a payment is more than the site already publishes.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from opcc.core.kinds.decision import Decision
from opcc.core.settings import Settings
from opcc.core.text import slugify
from opcc.gate import PublicData
from opcc.scrutiny.match import Mentions, PaymentIndex, Reconciliation, amount_key, awards, reconcile

SUBJECT = "Update on expenditure to support the Police and Crime Plan"
REQUIRED = ("date", "supplier", "amount")
PLACEHOLDER = ("[For the office to write: what this payment bought, why it was needed, and how it supports "
               "the priorities of the Police and Crime Plan.]")
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")  # the quote the site's CSVs put before a formula-like cell


class SelectionError(ValueError):
    """A selection that cannot be drafted from; the message names the file."""


@dataclass
class Section:
    heading: str  # "The Police ICT Company Ltd, £60,000.00 – 10 April 2018"
    facts: list[tuple[str, str]]  # (label, text), in the order the paper gives them
    permalink: str | None
    match_note: str | None  # why the payment was not found among the published ones, if it was not
    decisions: list[str]
    grants: list[str]
    placeholder: str = PLACEHOLDER


@dataclass
class Draft:
    name: str
    heading: list[tuple[str, str]]  # From, To, Subject, Date
    introduction: list[str]
    sections: list[Section] = field(default_factory=list)


# -- 1. the selection -------------------------------------------------------------------------


def _cell(value: str | None) -> str | None:
    text = _FORMULA_GUARD.sub("", (value or "").strip())
    return text or None


def read_selection(path: Path) -> list[dict]:
    """The selection's rows as dicts of text (``None`` for an empty cell), in file order."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise SelectionError(f"{path}: not a spend selection: no {', '.join(missing)} column "
                                     "(use a basket or explorer download, or rows of a month file with its header)")
            rows = [{k: _cell(v) for k, v in row.items() if k} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SelectionError(f"{path}: cannot be read as a UTF-8 CSV ({error})") from error
    if not rows:
        raise SelectionError(f"{path}: the selection holds no payments")
    return rows


# -- 2. the draft ------------------------------------------------------------------------------


def pounds(amount: Decimal | None) -> str:
    """``Decimal("60000")`` -> ``"£60,000.00"``."""
    if amount is None:
        return "amount not given"
    return f"{'-' if amount < 0 else ''}£{abs(amount):,.2f}"


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "date not given"


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def heading_of(row: dict) -> str:
    """``"Supplier, £60,000.00 – 10 April 2018"``, as the papers head each item."""
    return f"{row.get('supplier') or 'Supplier not given'}, {pounds(amount_key(row.get('amount')))} – " \
           f"{long_date(_date(row.get('date')))}"


def _facts(row: dict) -> list[tuple[str, str]]:
    labels = [("expense_type", "Expense type"), ("description", "Description"), ("service_area", "Service area"),
              ("spending_body", "Spent by"), ("value_for_money_reason", "Why it is good value for money"),
              ("transaction_id", "Transaction")]
    return [(label, row[name]) for name, label in labels if row.get(name)]


def _decision_line(decision: Decision, site: str) -> str:
    when = f", {long_date(decision.decision_date)}" if decision.decision_date else ""
    link = f" ({site}decisions/{slugify(decision.reference)}/)" if decision.reference else ""
    return f"{decision.reference or 'Decision'}: {decision.title or 'untitled'}{when}{link}"


def grant_line(rec: Reconciliation) -> str:
    """``£32,517.00 awarded (VSS-2018-007, 3 April 2018), paid as 2 × £16,258.50; ...``"""
    grant = rec.grant
    said = f"{pounds(grant.amount)} awarded ({', '.join(p for p in [grant.reference, long_date(grant.date)] if p)}" \
           f": {grant.purpose})"
    if rec.instalments:
        said += f", paid as {rec.instalments} × {pounds(rec.amount)}"
    count = len(rec.payments)
    said += (f". Published payments to {grant.recipient} in the grant's period: {count}, totalling "
             f"{pounds(rec.paid)}")
    if rec.outstanding > 0:
        said += f"; {pounds(rec.outstanding)} still to be paid."
    elif rec.outstanding == 0:
        said += "; the award is paid in full."
    else:
        said += f"; {pounds(-rec.outstanding)} more than the award has been paid: this needs checking."
    return said


def draft(rows: list[dict], public: PublicData, settings: Settings, date: dt.date, name: str) -> Draft:
    """The paper for the selected rows (see the module docstring)."""
    body = settings.body
    panel = settings.panel.name or f"{body.area or body.name} Police and Crime Panel"
    paper = Draft(
        name=name,
        heading=[("From", settings.panel.author or body.name), ("To", panel), ("Subject", SUBJECT),
                 ("Date", long_date(date))],
        introduction=[
            "In accordance with The Elected Local Policing Bodies (Specified Information) Order 2011, the Office "
            "of the Police and Crime Commissioner publishes every item of expenditure over £500 on its website.",
            "Further to previous reports, this paper explains how recent published expenditure supports the "
            "delivery of the Police and Crime Plan's priorities.",
            f"For information, the following {len(rows)} item{'s were' if len(rows) != 1 else ' was'} selected by "
            "Panel Officers on behalf of Members.",
        ],
    )
    index = PaymentIndex(public.spend)
    by_id = {pid: i for i, pid in enumerate(index.rows["payment_id"])}
    mentions = Mentions(public.decisions)
    grants = [entry for _, register in public.records.get("grants", []) for entry in register.entries]
    site = settings.site.url.rstrip("/") + "/"
    for row in rows:
        paper.sections.append(_section(row, index, by_id, mentions, grants, site))
    return paper


IDENTITY = ("date", "supplier", "transaction_id", "source_sha256")
"""With the amount, what a row cut from a month file is found by among the published payments."""


def _published(row: dict, index: PaymentIndex, by_id: dict) -> dict | None:
    """The published payment a selected row is: by its payment id, or else the one payment with the
    same amount, date, supplier (and transaction and source, where the row gives them)."""
    if row.get("payment_id") in by_id:
        return index.row(by_id[row["payment_id"]])
    given = [name for name in IDENTITY if row.get(name)]
    same = [index.row(i) for i in index.by_amount.get(amount_key(row.get("amount")), [])]
    same = [p for p in same if all(str(p.get(name) or "")[:10 if name == "date" else None] == row[name]
                                   for name in given)]
    return same[0] if len(same) == 1 else None


def _section(row: dict, index: PaymentIndex, by_id: dict, mentions: Mentions, grants: list, site: str) -> Section:
    amount, paid_on = amount_key(row.get("amount")), _date(row.get("date"))
    published, note = _published(row, index, by_id), None
    if published is None:
        found = index.match(row.get("supplier"), amount, paid_on)
        note = f"Not found exactly among the published payments ({found.reason}): check the figures."
    facts = _facts({**(published or {}), **{k: v for k, v in row.items() if v}})
    awarded = awards(row.get("supplier"), grants, paid_on) if amount is not None else []
    references = [g.reference for g in awarded if g.reference]
    return Section(
        heading=heading_of(row),
        facts=facts,
        permalink=f"{site}spend/explorer/?id={published['payment_id']}" if published else None,
        match_note=note,
        decisions=[_decision_line(d, site) for d in mentions.naming(row.get("supplier"), *references)],
        grants=[grant_line(reconcile(g, amount, index)) for g in awarded],
    )


# -- 3. the files ------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown(paper: Draft) -> str:
    lines = [f"# {_md(SUBJECT)}", ""]
    lines += [f"**{label}:** {_md(value)}  " for label, value in paper.heading]
    lines += ["", "## Introduction", ""]
    for number, text in enumerate(paper.introduction, 1):
        lines += [f"{number}. {_md(text)}", ""]
    for section in paper.sections:
        lines += [f"## {_md(section.heading)}", ""]
        lines += [f"- **{label}:** {_md(value)}" for label, value in section.facts]
        if section.permalink:
            lines.append(f"- **Published payment:** <{section.permalink}>")
        if section.match_note:
            lines.append(f"- **Check:** {_md(section.match_note)}")
        for text in section.grants:
            lines.append(f"- **Grant:** {_md(text)}")
        lines.append(f"- **Decisions naming this supplier or grant:** "
                     f"{'; '.join(_md(d) for d in section.decisions) if section.decisions else 'none published'}")
        lines += ["", f"*{_md(section.placeholder)}*", ""]
    return "\n".join(lines)


def write_docx(paper: Draft, path: Path) -> None:
    import docx  # python-docx (0.2 s to import): only when a paper is drafted

    document = docx.Document()
    document.core_properties.title = SUBJECT
    document.add_heading(SUBJECT, level=1)
    for label, value in paper.heading:
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    document.add_heading("Introduction", level=2)
    for text in paper.introduction:
        document.add_paragraph(text, style="List Number")
    for section in paper.sections:
        document.add_heading(section.heading, level=2)
        facts = list(section.facts)
        if section.permalink:
            facts.append(("Published payment", section.permalink))
        if section.match_note:
            facts.append(("Check", section.match_note))
        facts += [("Grant", text) for text in section.grants]
        facts.append(("Decisions naming this supplier or grant", "; ".join(section.decisions) or "none published"))
        for label, value in facts:
            item = document.add_paragraph(style="List Bullet")
            item.add_run(f"{label}: ").bold = True
            item.add_run(value)
        document.add_paragraph().add_run(section.placeholder).italic = True
    document.save(str(path))


def write_paper(selection: Path, out: Path, public: PublicData, settings: Settings,
                date: dt.date | None = None, name: str | None = None) -> list[Path]:
    """Draft the paper for ``selection`` into ``out``: ``<name>.md`` and ``<name>.docx``; returns both paths."""
    date = date or dt.date.today()
    name = name or f"update-on-expenditure-{date.isoformat()}"
    paper = draft(read_selection(selection), public, settings, date, name)
    out.mkdir(parents=True, exist_ok=True)
    md, word = out / f"{name}.md", out / f"{name}.docx"
    md.write_text(markdown(paper), encoding="utf-8")
    write_docx(paper, word)
    return [md, word]
