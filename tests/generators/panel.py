"""Generated papers to the Police and Crime Panel on items of expenditure, each with exact ground truth.

    python -m tests.generators.panel OUT_DIR --seed N --count N [--scanned 0.2] [--family ID]

Every paper is typeset with reportlab from a :class:`Paper` (what is true) in one of
:data:`FAMILIES` (how its items are printed): a heading per item, label blocks, a cover
report with an appendix table, prose paragraphs, a numbered list, a summary table, a
two-column table of items beside their narrative, a bulleted list. Within a family the
label wording (drawn from synonyms, not only the reader's vocabulary), date and amount
styles, fonts, margins, page furniture and where the paper's metadata is printed all vary.
The truth follows ``shared/corpus/README.md`` (``kind: "panel_report"``), with each item's
narrative and the paper's recipient and meeting date besides.

The families in :data:`HOLDOUT_FAMILIES` are for measuring generalisation only: the
reader is never tuned against them, and only their aggregate figures are read.

This module knows nothing of the project's parsers, by design.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from . import _content as C
from . import _pdf
from ._pdf import Furniture, Look, P, build, esc, scan

FAMILIES = [
    "item-headings",
    "label-blocks",
    "appendix-table",
    "prose-paragraphs",
    "numbered-list",
    "summary-table",
    "two-column-narrative",
    "inline-bullets",
]
HOLDOUT_FAMILIES = ["two-column-narrative", "inline-bullets"]

SUPPLIERS = sorted(set(C.SUPPLIERS + C.CHARITIES + [
    "The Police ICT Company Ltd", "Dandelion Time", "SignHealth", "Victim Support", "St Giles Trust",
    "Kent County Council", "Safe Steps Independent Advocacy", "Bridge Mediation Trust", "Compass Child Exploitation Project",
    "Medaxis Healthcare Ltd", "Stepping Stones Family Project", "Association of Police and Crime Commissioners",
    "Crimestoppers Trust", "Restorative Solutions CIC", "Blue Lamp Trust", "G4S Policing Support Services",
    "Changing Lives", "Nacro", "Catch22", "The Children's Society",
]))
PURPOSES = [
    "Independent domestic violence advisers", "Custody healthcare services", "Annual subscription for 2019/20",
    "Continuation grant for a therapeutic programme for children", "Specialist support for deaf victims of abuse",
    "Restorative justice service", "Forensic medical examinations", "Youth diversion project",
    "Out-of-court disposal pathway", "Rural crime prevention equipment", "Refurbishment of the custody suite",
    "Body-worn video licences", "Interpreting services", "Victims' hub case management system",
    "Mentoring for young people at risk of exploitation", "Street pastors in the night-time economy",
]
DATE_STYLES = ["long", "long", "ord", "ord", "day", "dayord", "short", "yy", "slash", "slash", "slashshort", "dot", "comma"]
"""How a paper prints its dates: every UK style, with "11 May 20" (``yy``) among them."""

# Label synonyms, as a publisher might word them: deliberately wider than any one vocabulary.
SUPPLIER_LABELS = ["Supplier", "Supplier name", "Payee", "Paid to", "Organisation", "Recipient", "Vendor", "Provider",
                   "Name of supplier", "Beneficiary", "Company"]
AMOUNT_LABELS = ["Amount", "Amount paid", "Value", "Payment amount", "Sum paid", "Cost", "Amount (£)", "Value (£)",
                 "Total paid", "Net amount"]
DATE_LABELS = ["Date of payment", "Payment date", "Date paid", "Paid on", "Transaction date", "Date", "Date of transaction",
               "Payment made on"]
PURPOSE_LABELS = ["Purpose", "Description", "Reason for payment", "What it was for", "Service", "Details",
                  "Purpose of expenditure", "Nature of expenditure"]
ITEM_MARKERS = ["Item {n}", "Item {n}:", "Payment {n}", "Selected item {n}", "Item {n} of {t}", "Expenditure item {n}"]
REF_LABELS = ["Ref", "Ref.", "No.", "Item", "#"]
TITLE_LABELS = ["Subject", "Title", "Report title", "Title of report", "Subject of report", "Re"]
AUTHOR_LABELS = ["From", "Report of", "Report by", "Author", "Presented by", "Submitted by", "Report author"]
RECIPIENT_LABELS = ["To", "Report to", "Recipient", "Addressed to", "For"]
PAPER_DATE_LABELS = ["Date", "Date of report", "Report date", "Dated"]
MEETING_LABELS = ["Meeting date", "Date of meeting", "Panel meeting", "Meeting", "Meeting of the Panel"]
TITLES = [
    "Update on expenditure to support the Police and Crime Plan", "Scrutiny of expenditure over £500 – selected items",
    "Commissioner's expenditure: items selected by the Panel", "Items of expenditure selected for scrutiny",
    "Expenditure over £500: items chosen by Panel Members", "Spending scrutiny – selected payments",
    "Report on selected items of expenditure", "Panel scrutiny of published spend",
]
INTROS = [
    "In accordance with the Elected Local Policing Bodies (Specified Information) Order 2011, the Office of the "
    "Police and Crime Commissioner publishes all expenditure over £500 on its website.",
    "This report provides the Panel with information about the items of expenditure selected by Members from the "
    "Commissioner's published spending over £500.",
    "Panel officers selected the items below on behalf of Members; each is explained in turn.",
    "The Panel is asked to note the report and the explanations given for each item.",
    "Further to previous reports, this paper provides examples of how recent published expenditure supports delivery "
    "of the Police and Crime Plan priorities.",
]


# ---- what is true ---------------------------------------------------------------------------


@dataclass
class Item:
    supplier: str
    amount: Decimal
    date: dt.date
    purpose: str
    narrative: list[str]  # paragraphs


@dataclass
class Paper:
    rng: random.Random
    family: str
    area: C.Area
    title: str
    date: dt.date
    meeting: dt.date | None
    author: str
    recipient: str
    items: list[Item]
    date_style: str
    pound: bool  # amounts printed with £ where a label or header does not say it
    pence: str  # "always" or "when" (whole pounds printed without pence)

    def d(self, date: dt.date) -> str:
        """A date as this paper prints it (mostly one style, now and then another)."""
        style = self.date_style if self.rng.random() < 0.85 else self.rng.choice(DATE_STYLES)
        return fmt_date(date, style)

    def money(self, amount: Decimal, *, pound: bool | None = None) -> str:
        whole = amount == amount.to_integral_value() and self.pence == "when"
        figure = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
        return ("£" if (self.pound if pound is None else pound) else "") + figure

    def truth(self, scanned: bool) -> dict:
        return {
            "kind": "panel_report",
            "layout": self.family,
            "scanned": scanned,
            "title": self.title,
            "date": self.date.isoformat(),
            "author": self.author,
            "recipient": self.recipient,
            "meeting": self.meeting.isoformat() if self.meeting else None,
            "items": [
                {"supplier": i.supplier, "amount": C.norm(i.amount), "date": i.date.isoformat(),
                 "narrative": " ".join(" ".join(i.narrative).split())}
                for i in self.items
            ],
        }


def fmt_date(date: dt.date, style: str) -> str:
    if style == "yy":
        return f"{date.day} {C.MONTHS[date.month - 1][:3]} {date.year % 100:02d}"
    return C.fmt_date(date, style)


def amount(rng: random.Random) -> Decimal:
    x = rng.choice([rng.uniform(500, 5000), rng.uniform(5000, 100_000), rng.uniform(5000, 100_000), rng.uniform(100_000, 900_000)])
    if rng.random() < 0.25:
        return Decimal(int(round(x, -2)))
    return Decimal(str(round(x, 2))).quantize(C.TWO)


def narrative(rng: random.Random, supplier: str, purpose: str, when: dt.date) -> list[str]:
    """An item's explanation: sentences about the supplier and the work, some with sums and dates of their own."""
    award = Decimal(int(rng.uniform(10_000, 200_000)))
    later = when + dt.timedelta(days=rng.randint(60, 200))
    pool = [
        f"{supplier} was commissioned following an assessment of need and is monitored quarterly against agreed outcomes.",
        f"The payment relates to {purpose[0].lower() + purpose[1:]}.",
        "The contract was awarded following a competitive process and the payment is in line with the agreed schedule of charges.",
        f"{supplier} were awarded £{award:,} through the Victims' Fund, to be paid in two equal instalments.",
        f"The second instalment is paid on receipt of satisfactory monitoring at the mid-point, on {C.fmt_date(later, 'long')}.",
        f"In the last year the service supported {rng.randint(20, 400)} people across the county.",
        "This expenditure supports the Police and Crime Plan priority of putting victims first.",
        "The service is provided in partnership with the local authority and health partners.",
        f"Evaluations show that {rng.randint(70, 99)}% of those supported felt safer as a result.",
        "Value for money was tested against the national framework rates.",
    ]
    rng.shuffle(pool)
    sentences = pool[: rng.randint(2, 5)]
    if len(sentences) >= 4 and rng.random() < 0.5:
        return [" ".join(sentences[:2]), " ".join(sentences[2:])]
    return [" ".join(sentences)]


def make_paper(rng: random.Random, family: str) -> Paper:
    area = rng.choice(C.AREAS)
    first = C.working_day(dt.date(2015, 1, 5) + dt.timedelta(days=rng.randint(0, 9 * 365)))
    items = []
    for supplier in rng.sample(SUPPLIERS, rng.randint(2, 6)):
        when = C.working_day(first + dt.timedelta(days=rng.randint(0, 120)))
        purpose = rng.choice(PURPOSES)
        items.append(Item(supplier, amount(rng), when, purpose, narrative(rng, supplier, purpose, when)))
    if rng.random() < 0.2:  # the same supplier paid twice, as the Kent paper's Police ICT Company
        again = rng.choice(items)
        when = C.working_day(again.date + dt.timedelta(days=rng.randint(3, 30)))
        items.append(Item(again.supplier, amount(rng), when, again.purpose, narrative(rng, again.supplier, again.purpose, when)))
    items.sort(key=lambda i: i.date)
    date = C.working_day(max(i.date for i in items) + dt.timedelta(days=rng.randint(30, 90)))
    meeting = C.working_day(date + dt.timedelta(days=rng.randint(5, 21))) if rng.random() < 0.5 else None
    pcc = C.person(rng)
    role = rng.choice(C.printed_roles(area, "pcc"))
    author = rng.choice([f"{pcc}, {role}", pcc, f"{rng.choice(C.OFFICER_TITLES)}"])
    panel = rng.choice([f"{area.name} Police and Crime Panel", "Police and Crime Panel", f"{area.name} Police & Crime Panel"])
    return Paper(rng, family, area, rng.choice(TITLES), date, meeting, author, panel, items,
                 rng.choice(DATE_STYLES), rng.random() < 0.8, rng.choice(["always", "always", "when"]))


# ---- shared pieces of layout ----------------------------------------------------------------


def label_text(look: Look, label: str) -> str:
    return look.label(label)


def metadata(p: Paper, look: Look) -> list:
    """The paper's title, date, author, recipient and meeting, in one of the places papers print them."""
    rng = p.rng
    place = rng.choice(["memo", "cover", "grid"])
    meeting = p.meeting
    out: list = []
    if place == "memo":
        rows = [(rng.choice(AUTHOR_LABELS[:4]), p.author), (rng.choice(RECIPIENT_LABELS[:3]), p.recipient),
                (rng.choice(TITLE_LABELS[:3]), p.title), (rng.choice(PAPER_DATE_LABELS), p.d(p.date))]
        if meeting:
            rows.append((rng.choice(MEETING_LABELS[:3]), p.d(meeting)))
        if rng.random() < 0.4:
            rows = rows[2:3] + rows[:2] + rows[3:]
        for label, value in rows:
            out.append(P(f"<b>{esc(look.label(label, colon=True))}</b> {esc(value)}", look.styles["body"], markup=True))
        out.append(Spacer(1, 10))
        return out
    if place == "cover":
        out.append(P(p.recipient.upper() if rng.random() < 0.5 else p.recipient, look.styles["letterhead"]))
        if rng.random() < 0.5:
            out.append(P(f"Agenda item {rng.randint(3, 14)}", look.styles["body"]))
        dated = (rng.choice(MEETING_LABELS[:2]), p.d(meeting)) if meeting else (rng.choice(PAPER_DATE_LABELS), p.d(p.date))
        if meeting:
            out.append(P(f"{look.label(dated[0], colon=True)} {dated[1]}", look.styles["body"]))
            out.append(P(f"{look.label(rng.choice(PAPER_DATE_LABELS), colon=True)} {p.d(p.date)}", look.styles["body"]))
        out.append(P(p.title, look.styles["title"]))
        out.append(P(f"{look.label(rng.choice(AUTHOR_LABELS[1:4]), colon=True)} {p.author}", look.styles["body"]))
        if not meeting:
            out.append(P(f"{look.label(dated[0], colon=True)} {dated[1]}", look.styles["body"]))
        out.append(Spacer(1, 10))
        return out
    rows = [(rng.choice(RECIPIENT_LABELS[1:3]), p.recipient), (rng.choice(TITLE_LABELS[1:4]), p.title),
            (rng.choice(AUTHOR_LABELS[1:4]), p.author), (rng.choice(PAPER_DATE_LABELS), p.d(p.date))]
    if meeting:
        rows.append((rng.choice(MEETING_LABELS[:2]), p.d(meeting)))
    data = [[P(look.label(a, colon=False), look.styles["cellbold"]), P(b, look.styles["cell"])] for a, b in rows]
    table = Table(data, colWidths=[look.width * 0.3, look.width * 0.7], hAlign="LEFT")
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table, Spacer(1, 12)]


def intro(p: Paper, look: Look) -> list:
    texts = p.rng.sample(INTROS, p.rng.randint(1, 3))
    return [P(t, look.styles["body"]) for t in texts]


def heading(look: Look, text: str) -> Paragraph:
    return Paragraph(look.heading_markup(text), look.styles["heading"])


def narrative_paras(p: Paper, look: Look, item: Item, *, numbered: list[int] | None = None) -> list:
    out = []
    for text in item.narrative:
        if numbered is not None:
            numbered[0] += 1
            text = f"{numbered[0]}. {text}"
        out.append(P(text, look.styles["body"]))
    return out


def sep(rng: random.Random) -> str:
    return rng.choice([" – ", " - ", ", ", " — "])


def item_line(p: Paper, item: Item, order: str) -> str:
    """One item on one line: supplier, amount and date in the paper's order and punctuation."""
    rng = p.rng
    s, a, d = item.supplier, p.money(item.amount, pound=True), p.d(item.date)
    forms = {
        "sad": [f"{s}, {a} - {d}", f"{s} – {a} – {d}", f"{s}: {a}, {d}", f"{s} - {a} ({d})", f"{s}, {a}, paid {d}"],
        "sda": [f"{s} ({d}) – {a}", f"{s}, {d}, {a}", f"{s} – {d} – {a}"],
        "das": [f"{d} – {s} – {a}", f"{d}: {s}, {a}"],
    }
    return rng.choice(forms[order])


# ---- the families -----------------------------------------------------------------------------


def item_headings(p: Paper, look: Look) -> list:
    order = p.rng.choice(["sad", "sad", "sad", "sda", "das"])
    colon = p.rng.random() < 0.5
    numbered = [p.rng.randint(3, 6)] if p.rng.random() < 0.5 else None
    out = [heading(look, p.rng.choice(["Introduction", "Background", "Purpose of the report"]))] + intro(p, look)
    for item in p.items:
        body = narrative_paras(p, look, item, numbered=numbered)
        out.append(KeepTogether([heading(look, item_line(p, item, order) + (":" if colon else ""))] + body[:1]))
        out += body[1:]
    return out


def label_blocks(p: Paper, look: Look) -> list:
    rng = p.rng
    labels = [rng.choice(SUPPLIER_LABELS), rng.choice(AMOUNT_LABELS), rng.choice(DATE_LABELS), rng.choice(PURPOSE_LABELS)]
    order = [0, 1, 2, 3] if rng.random() < 0.6 else rng.sample([0, 1, 2, 3], 4)
    marker = rng.choice(ITEM_MARKERS)
    style = rng.choice(["colon", "grid", "grid-ruled"])
    narrative_label = rng.choice([None, "Explanation", "Background", "Commentary", "Narrative"])
    named = rng.random() < 0.3  # 'Item 1: Sussex Rape Crisis', the supplier on the marker's line
    if named:
        order = [k for k in order if k != 0]
    out = [heading(look, "Purpose of the report")] + intro(p, look)
    for n, item in enumerate(p.items, start=1):
        values = [item.supplier, p.money(item.amount, pound="£" not in labels[1] and p.pound), p.d(item.date), item.purpose]
        title = f"Item {n}: {item.supplier}" if named else marker.format(n=n, t=len(p.items))
        block: list = [heading(look, title)]
        if style == "colon":
            for k in order:
                block.append(P(f"<b>{esc(look.label(labels[k], colon=True))}</b> {esc(values[k])}", look.styles["body"], markup=True))
        else:
            rows = [[P(look.label(labels[k], colon=False), look.styles["cellbold"]), P(values[k], look.styles["cell"])] for k in order]
            table = Table(rows, colWidths=[look.width * 0.3, look.width * 0.7], hAlign="LEFT")
            cmds = [("VALIGN", (0, 0), (-1, -1), "TOP")]
            if style == "grid-ruled":
                cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
            table.setStyle(TableStyle(cmds))
            block += [table, Spacer(1, 6)]
        if narrative_label:
            block.append(P(f"<b>{esc(look.label(narrative_label, colon=True))}</b>", look.styles["body"], markup=True))
        out.append(KeepTogether(block + narrative_paras(p, look, item)[:1]))
        out += narrative_paras(p, look, item)[1:]
    return out


def item_table(p: Paper, look: Look, *, with_ref: bool, header_pound: bool) -> Table:
    """A table of the items: Date / Supplier / Amount (and Ref, Description), in one of a few column orders."""
    rng = p.rng
    cols = rng.choice([["date", "supplier", "purpose", "amount"], ["date", "supplier", "amount", "purpose"],
                       ["supplier", "date", "amount", "purpose"], ["supplier", "purpose", "date", "amount"]])
    if with_ref:
        cols = ["ref"] + cols
    names = {"ref": rng.choice(REF_LABELS), "date": rng.choice(DATE_LABELS[:6]), "supplier": rng.choice(SUPPLIER_LABELS[:8]),
             "purpose": rng.choice(PURPOSE_LABELS[:6]), "amount": rng.choice(["Amount (£)", "Amount", "Value (£)", "£", "Amount paid"])}
    if not header_pound:
        names["amount"] = rng.choice(["Amount", "Amount paid", "Value"])
    pound = "£" not in names["amount"]
    # words are never split inside a cell (a printed table wraps at spaces: '20 October' / '2021')
    whole = {name: look.styles[name].clone(f"{name}-whole", splitLongWords=0) for name in ("cell", "cellbold", "right")}
    head = [P(names[c], whole["cellbold"]) for c in cols]
    body, texts = [], []
    total = rng.random() < 0.4  # a printed total under the items, in one of the columns before the amount
    for n, item in enumerate(p.items, start=1):
        cell = {"ref": str(n) if rng.random() < 0.6 else f"{n}.", "date": p.d(item.date), "supplier": item.supplier,
                "purpose": item.purpose, "amount": p.money(item.amount, pound=pound and p.pound or pound and rng.random() < 0.5)}
        body.append([P(cell[c], whole["right" if c == "amount" else "cell"]) for c in cols])
        texts.append(cell)
    if total:
        where = cols.index("amount") - 1 if cols.index("amount") else 0
        body.append([P(rng.choice(["Total", "TOTAL", "Total value"]) if k == where else
                       (p.money(sum((i.amount for i in p.items), Decimal(0)), pound=pound) if c == "amount" else ""),
                       whole["cellbold"]) for k, c in enumerate(cols)])
    table = Table([head] + body, colWidths=column_widths(look, cols, [names] + texts), hAlign="LEFT", repeatRows=1)
    grid = rng.choice(["full", "rows", "none"])
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if grid == "full":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
    elif grid == "rows":
        cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey))
    if rng.random() < 0.5:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e9ef")))
    table.setStyle(TableStyle(cmds))
    return table


SHARES = {"ref": 0.08, "date": 0.17, "supplier": 0.28, "purpose": 0.27, "amount": 0.2}
"""Each column's share of a table's width, before every column is made wide enough for its longest word."""


def column_widths(look: Look, cols: list[str], cells: list[dict[str, str]]) -> list[float]:
    """Widths in the columns' shares, each at least as wide as its longest word (and a figure, whole),
    taken from the supplier and purpose columns: a printed table wraps at spaces, never inside a word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    need = {c: max(stringWidth(w, look.bold, look.size) for row in cells for w in (row.get(c) or "-").split()) + 8 for c in cols}
    share = sum(SHARES[c] for c in cols)
    widths = {c: max(look.width * SHARES[c] / share, need[c]) for c in cols}
    flexible = [c for c in cols if c in ("supplier", "purpose")]
    excess = sum(widths.values()) - look.width
    for c in flexible:
        widths[c] = max(need[c], widths[c] - excess / len(flexible))
    return [widths[c] for c in cols]


def explanations(p: Paper, look: Look) -> list:
    """Each item's narrative under a sub-heading naming its supplier (and, if paid twice, its date)."""
    out = []
    names = [i.supplier for i in p.items]
    for item in p.items:
        title = item.supplier if names.count(item.supplier) == 1 else f"{item.supplier} ({p.d(item.date)})"
        out.append(KeepTogether([heading(look, title)] + narrative_paras(p, look, item)[:1]))
        out += narrative_paras(p, look, item)[1:]
    return out


def appendix_table(p: Paper, look: Look) -> list:
    rng = p.rng
    out = [heading(look, "1. Purpose")] + intro(p, look)
    out += [heading(look, "2. Explanation of the items selected")] + explanations(p, look)
    out += [heading(look, "3. Recommendation"), P("The Panel is asked to note the report.", look.styles["body"]), PageBreak()]
    out.append(heading(look, rng.choice(["Appendix A – Items selected by the Panel", "Appendix 1: Selected expenditure",
                                         "Annex A", "Appendix A"])))
    out.append(item_table(p, look, with_ref=rng.random() < 0.8, header_pound=True))
    return out


def prose_paragraphs(p: Paper, look: Look) -> list:
    out = [heading(look, "Items selected")] + intro(p, look)
    for item in p.items:
        a, d, s = p.money(item.amount, pound=True), p.d(item.date), item.supplier
        lead = p.rng.choice([
            f"A payment of {a} was made to {s} on {d}.",
            f"On {d} a payment of {a} was made to {s}.",
            f"{s} received {a} on {d}.",
            f"{a} was paid to {s} on {d}.",
            f"A payment of {a} was made on {d} to {s}.",
        ])
        item.narrative[0] = f"{lead} {item.narrative[0]}"
        out += narrative_paras(p, look, item)
    return out


def numbered_list(p: Paper, look: Look) -> list:
    rng = p.rng
    order = rng.choice(["sad", "sad", "sda"])
    mark = rng.choice(["{n}.", "{n})", "({n})", "{n}"])
    out = [heading(look, "Selected items")] + intro(p, look)
    indent = look.styles["body"].clone("indented", leftIndent=8 * mm)
    for n, item in enumerate(p.items, start=1):
        line = P(f"{mark.format(n=n)} {item_line(p, item, order)}", look.styles["body"])
        out.append(KeepTogether([line] + [P(t, indent) for t in item.narrative[:1]]))
        out += [P(t, indent) for t in item.narrative[1:]]
    return out


def summary_table(p: Paper, look: Look) -> list:
    out = [heading(look, "1. Purpose")] + intro(p, look)
    out += [heading(look, "2. Selected items"), P("The items selected are listed below, followed by an explanation of each.",
                                                  look.styles["body"])]
    out += [item_table(p, look, with_ref=p.rng.random() < 0.3, header_pound=p.rng.random() < 0.5), Spacer(1, 10)]
    out += [heading(look, "3. Explanation of items")] + explanations(p, look)
    return out


def two_column_narrative(p: Paper, look: Look) -> list:
    rng = p.rng
    head = [P(rng.choice(["Item", "Payment", "Expenditure"]), look.styles["cellbold"]),
            P(rng.choice(["Explanation", "Commentary", "Narrative", "Comments"]), look.styles["cellbold"])]
    rows = [head]
    for item in p.items:
        left = [P(item.supplier, look.styles["cellbold"]), P(p.money(item.amount, pound=True), look.styles["cell"]),
                P(p.d(item.date), look.styles["cell"])]
        rows.append([left, [P(t, look.styles["cell"]) for t in item.narrative]])
    table = Table(rows, colWidths=[look.width * 0.32, look.width * 0.68], hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [heading(look, "Introduction")] + intro(p, look) + [table]


def inline_bullets(p: Paper, look: Look) -> list:
    out = [heading(look, "The items")] + intro(p, look)
    indent = look.styles["body"].clone("indented", leftIndent=6 * mm)
    for item in p.items:
        a, d, s = p.money(item.amount, pound=True), p.d(item.date), item.supplier
        line = p.rng.choice([f"• {a} to {s} ({d}) – {item.purpose}", f"• {a} paid to {s} on {d}", f"• {d}: {a} to {s}"])
        out.append(KeepTogether([P(line, look.styles["body"])] + [P(t, indent) for t in item.narrative[:1]]))
        out += [P(t, indent) for t in item.narrative[1:]]
    return out


RENDER = {
    "item-headings": item_headings,
    "label-blocks": label_blocks,
    "appendix-table": appendix_table,
    "prose-paragraphs": prose_paragraphs,
    "numbered-list": numbered_list,
    "summary-table": summary_table,
    "two-column-narrative": two_column_narrative,
    "inline-bullets": inline_bullets,
}


def furniture(p: Paper, look: Look) -> Furniture:
    rng = p.rng
    f = Furniture(font=look.regular, bold=look.bold)
    if rng.random() < 0.6:
        f.header_left = rng.choice(C.body_lines(p.area))
    if rng.random() < 0.3:
        f.header_right = rng.choice(["OFFICIAL", "Agenda item", p.recipient])
    if rng.random() < 0.4:
        f.footer_left = rng.choice([p.title, "Police and Crime Panel", f"Printed {C.fmt_date(p.date, 'slash')}"])
    f.page_numbers = rng.choice(["Page {n} of {t}", "{n}", "- {n} -", "Page {n}", None])
    f.skip_first_header = rng.random() < 0.3
    return f


def make_panel_paper(rng: random.Random, family: str | None = None, scanned: bool = False) -> tuple[bytes, dict]:
    """One paper: PDF bytes and its truth dict."""
    family = family or rng.choice(FAMILIES)
    if family not in RENDER:
        raise ValueError(f"unknown family {family!r}; choose from {', '.join(FAMILIES)}")
    p = make_paper(rng, family)
    look = Look.random(rng)
    story = metadata(p, look) + RENDER[family](p, look)
    pdf = build(story, look, furniture(p, look))
    truth = p.truth(scanned)
    if scanned:
        pdf = scan(pdf, rng)
    return pdf, truth


def write_corpus(out_dir: Path, seed: int, count: int, scanned_share: float = 0.0, families: list[str] | None = None) -> list[Path]:
    """Write ``panel_<seed>_<i>.pdf`` and ``panel_<seed>_<i>.truth.json``; families are dealt round-robin."""
    return _pdf.write_corpus(make_panel_paper, "panel", out_dir, seed, count, scanned_share, families or FAMILIES)


def main(argv: list[str] | None = None) -> int:
    return _pdf.corpus_main(argv, __doc__.splitlines()[0], FAMILIES, write_corpus, "papers")


if __name__ == "__main__":
    raise SystemExit(main())
