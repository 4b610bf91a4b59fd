"""Generated PCC decision notices in varied, realistic arrangements, each with exact ground truth.

    python -m tests.generators.decisions OUT_DIR --seed N --count N [--scanned 0.2] [--family ID]

Every notice is typeset with reportlab from a :class:`Notice` (what is true) in one of
:data:`FAMILIES` (how it is laid out); within a family the label wording, case, colons,
fonts, margins, rules, field order, optional fields, page furniture and length vary. The
truth file follows ``shared/corpus/README.md`` (``kind: "decision"``).

The families in :data:`HOLDOUT_FAMILIES` are for measuring generalisation only: the
project's developers read nothing but aggregate figures for them.

This module knows nothing of the project's parsers, by design.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Frame,
    FrameBreak,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from . import _content as C
from . import _pdf
from ._pdf import Furniture, Look, P, build, esc, scan

FAMILIES = [
    "quad-grid",
    "stacked-cards",
    "right-labels",
    "colon-list",
    "footer-block",
    "bilingual-cy",
    "delegated-letter",
    "council-rod",
    "report-decision-sheet",
    "minutes-resolved",
    "tickbox-form",
    "sidebar-columns",
    "landscape-matrix",
    "memo-endorsement",
]
HOLDOUT_FAMILIES = ["sidebar-columns", "landscape-matrix", "memo-endorsement"]

OUTCOMES = [("approved", 64), ("rejected", 13), ("deferred", 11), (None, 12)]
CONFIDENTIAL_SHARE = 0.28


# ---- what is true ---------------------------------------------------------------------------


@dataclass
class Sig:
    role: str
    name: str | None
    date: dt.date | None
    maker: bool = False


@dataclass
class Conf:
    confidential: bool
    banner: str | None = None  # on every page
    banner_pos: str = "both"
    stamp: str | None = None  # a line at the top of the first page
    field: tuple[str, str] | None = None  # (label, value) for the metadata area
    tick: tuple[str, list[str], int] | None = None  # (question, options, the one ticked)
    sentence: str | None = None  # a statement about publication
    sentence_in: str = "own"  # "summary", "decision" or "own" (a paragraph of its own)
    instruction: str | None = None  # a form's own instruction (open notices)
    withheld: list[tuple[str, str]] = dc_field(default_factory=list)  # (line as printed, part's name)


@dataclass
class Notice:
    rng: random.Random
    family: str
    area: C.Area
    body: str
    letterhead_person: str | None  # "Harriet Doughty, Police and Crime Commissioner" (not the body)
    reference: str
    ref_label: str
    title: str
    rank: str  # "pcc", "deputy", "ce"
    maker: str | None  # as printed
    maker_role: str  # normalised
    maker_role_printed: str
    decision_date: dt.date
    report_date: dt.date | None
    originator: str | None  # as printed
    originator_name: str
    originator_title: str
    date_style: str
    conf: Conf
    summary: list[str]  # paragraphs
    recommendation: list[str] | None
    decision: list[str]
    outcome: str | None
    topic: C.Topic
    purse: C.Purse
    officers: list[Sig]
    canary: str | None
    published: dt.date
    review: dt.date
    received: dt.date
    signatories: list[Sig] = dc_field(default_factory=list)  # as printed, set by the family

    def d(self, date: dt.date | None, style: str | None = None) -> str:
        """A date as this notice prints it (mostly one style, now and then another)."""
        if date is None:
            return ""
        if style is None:
            style = self.date_style if self.rng.random() < 0.8 else C.date_style(self.rng)
        return C.fmt_date(date, style)

    def maker_sig(self, date: dt.date | None = "decision") -> Sig:  # type: ignore[assignment]
        return Sig(self.maker_role_printed, self.maker, self.decision_date if date == "decision" else date, True)

    def truth(self, scanned: bool) -> dict:
        collapse = lambda s: re.sub(r"\s+", " ", s).strip() if s is not None else None  # noqa: E731
        summary = collapse(" ".join(self.summary))
        rec = collapse(" ".join(self.recommendation)) if self.recommendation else None
        decision = collapse(" ".join(self.decision))
        texts = [t for t in (summary, rec, decision) if t]
        return {
            "kind": "decision",
            "layout": self.family,
            "scanned": scanned,
            "reference": collapse(self.reference),
            "title": collapse(self.title),
            "body": collapse(self.body),
            "decision_maker": collapse(self.maker),
            "decision_maker_role": self.maker_role,
            "decision_date": self.decision_date.isoformat(),
            "report_date": self.report_date.isoformat() if self.report_date else None,
            "originator": collapse(self.originator),
            "classification": "confidential" if self.conf.confidential else "open",
            "for_publication": not self.conf.confidential,
            "withheld_parts": [collapse(name) for _, name in self.conf.withheld],
            "summary": summary,
            "recommendation": rec,
            "decision": decision,
            "outcome": self.outcome,
            "amounts": self.purse.amounts_in(texts),
            "signatories": [
                {"role": collapse(s.role), "name": collapse(s.name), "date": s.date.isoformat() if s.date else None}
                for s in self.signatories
            ],
            "canary": self.canary,
        }


CONF_BANNERS = ["OFFICIAL-SENSITIVE", "OFFICIAL – SENSITIVE: COMMERCIAL", "OFFICIAL-SENSITIVE: PERSONAL", "RESTRICTED",
                "CONFIDENTIAL", "NOT FOR PUBLICATION", "PROTECT – NOT FOR PUBLICATION",
                "PART 2 – EXEMPT UNDER PARAGRAPH 3 OF SCHEDULE 12A", "EXEMPT – NOT FOR PUBLICATION"]
OPEN_BANNERS = ["OFFICIAL", "NOT PROTECTIVELY MARKED", "OFFICIAL – FOR PUBLICATION", "PUBLIC", "UNCLASSIFIED"]
CONF_FIELDS = [
    ("Status", "Exempt – not for publication"), ("Publication", "No"), ("Is this decision suitable for publication?", "No"),
    ("Classification", "Confidential"), ("Security classification", "OFFICIAL-SENSITIVE"),
    ("Exempt information", "Yes – security of police premises. This record is not for publication"),
    ("Protective marking", "RESTRICTED"), ("Open or confidential", "Confidential"),
    ("Publication status", "Not for publication – commercially sensitive"),
    ("Part 2 (exempt)", "Yes – paragraph 3 of Schedule 12A to the Local Government Act 1972"),
    ("Can this decision be published?", "No – it contains personal information"),
    ("Status", "Part 2 – exempt under paragraph 3 of Schedule 12A"),
]
OPEN_FIELDS = [
    ("Status", "Open"), ("Publication", "Yes"), ("Is this decision suitable for publication?", "Yes"), ("Classification", "Open"),
    ("Security classification", "OFFICIAL"), ("Protective marking", "NOT PROTECTIVELY MARKED"), ("Exempt information", "None"),
    ("Open or confidential", "Open"), ("Publication status", "For publication"), ("Status", "Public"),
    ("Can this decision be published?", "Yes"),
]
TICK_QUESTIONS = [
    ("Is this decision suitable for publication?", ["Yes", "No"], 1), ("Classification", ["Open", "Confidential"], 1),
    ("Publish on the website", ["Yes", "No"], 1), ("Exempt from publication", ["No", "Yes"], 1),
    ("Status", ["Public", "Not for publication"], 1), ("Protective marking", ["Not protectively marked", "Restricted"], 1),
]


def conf_sentences(rng: random.Random, d: dt.date) -> list[str]:
    later = C.fmt_date(d + dt.timedelta(days=rng.randint(20, 200)), rng.choice(["long", "ord", "slash"]))
    return [
        "This decision will be published with redactions once the contract has been signed.",
        f"This report is not for publication until {later}.",
        "This record contains exempt information under paragraph 3 of Schedule 12A to the Local Government Act 1972 and is not for publication.",
        "This notice is restricted and must not be published.",
        f"Embargoed: not for publication before {later}.",
        "The information in this record is commercially sensitive and it will not be published.",
        "Publication of this decision would prejudice an ongoing investigation, so it is exempt from publication.",
        "Do not publish: this decision relates to the security of police premises.",
    ]


def make_conf(rng: random.Random, d: dt.date) -> Conf:
    if rng.random() < CONFIDENTIAL_SHARE:
        c = Conf(True)
        mechs = rng.sample(["banner", "field", "tick", "sentence", "stamp"], rng.choice([1, 1, 2, 2, 3]))
        for mech in mechs:
            if mech == "banner":
                c.banner, c.banner_pos = rng.choice(CONF_BANNERS), rng.choice(["top", "bottom", "both", "both"])
            elif mech == "stamp":
                c.stamp = rng.choice(CONF_BANNERS + ["CONFIDENTIAL – NOT FOR PUBLICATION", "Not for publication"])
            elif mech == "field":
                c.field = rng.choice(CONF_FIELDS)
            elif mech == "tick":
                q, opts, i = rng.choice(TICK_QUESTIONS)
                c.tick = (q, opts, i)
            else:
                c.sentence = rng.choice(conf_sentences(rng, d))
                c.sentence_in = rng.choice(["summary", "own", "own", "decision"])
        return c
    c = Conf(False)
    r = rng.random()
    if r < 0.35:
        c.field = rng.choice(OPEN_FIELDS)
    elif r < 0.5:
        q, opts, i = rng.choice(TICK_QUESTIONS)
        c.tick = (q, opts, 1 - i)
    if rng.random() < 0.22:
        c.banner, c.banner_pos = rng.choice(OPEN_BANNERS), rng.choice(["top", "bottom", "both"])
    if rng.random() < 0.15:
        c.sentence = rng.choice([
            "Victims can also use a confidential reporting line run by the charity.",
            "Staff will continue to have access to the confidential helpline.",
            "The service includes a confidential advice line for people affected by fraud.",
            "This decision and the report will be published on the Commissioner's website.",
        ])
        c.sentence_in = "summary"
    if rng.random() < 0.12:
        c.instruction = rng.choice([
            "Part 1 of this form will be published. Do not include information which is exempt from publication under Schedule 12A to the Local Government Act 1972; put it in Part 2.",
            "Guidance: do not include information which is exempt from publication in this part of the form.",
            "Any confidential information should be provided in a separate annex, which will not be published.",
        ])
    if rng.random() < 0.2:
        letter = rng.choice(["A", "B", "C", "1", "2", "3"])
        word = rng.choice(["Appendix", "Annex", "Schedule"])
        what = rng.choice(["Supplier pricing", "Business case (contains personal data)", "Tender evaluation",
                           "Property valuation report", "Legal advice", "Security assessment"])
        name = f"{word} {letter} – {what}"
        line = rng.choice([f"{name}: not for publication", f"{name} (exempt – not published)",
                           f"{name} is exempt and is not published."])
        if rng.random() < 0.3:
            name = f"{word} {letter}"
            line = rng.choice([f"{name} is exempt and is not published.", f"{name} is not for publication."])
        c.withheld.append((line, name))
    return c


def choose_date(rng: random.Random) -> dt.date:
    return C.working_day(dt.date(2014, 1, 6) + dt.timedelta(days=rng.randint(0, 12 * 365)))


def make_notice_content(rng: random.Random, family: str) -> Notice:
    area = rng.choice(C.WELSH_AREAS if family == "bilingual-cy" else C.AREAS)
    when = choose_date(rng)
    purse = C.Purse(rng)
    t = C.topic(rng, area, when, purse)
    outcome = rng.choices([o for o, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
    if family == "delegated-letter":
        rank = rng.choices(["ce", "pcc", "deputy"], weights=[70, 20, 10])[0]
    elif family == "council-rod":
        rank = rng.choices(["pcc", "deputy", "ce"], weights=[60, 15, 25])[0]
    else:
        rank = rng.choices(["pcc", "deputy"], weights=[84, 16])[0]
    if area.kind == "staffs" and rank == "deputy":
        rank = "pcc"
    maker_full = C.person(rng)
    maker = C.printed_name(rng, maker_full)
    role_norm = "Chief Executive" if rank == "ce" else (C.DEPUTY_NORMAL if rank == "deputy" else C.ROLE_NORMAL)[area.kind]
    role_printed = rng.choice(C.printed_roles(area, rank))
    body = rng.choice(C.body_lines(area))
    pcc_name = maker_full if rank == "pcc" else C.person(rng)
    person_line = None
    if rng.random() < 0.35:
        person_line = f"{pcc_name}, {rng.choice(C.printed_roles(area, 'pcc')[:2])}"
    ref, _ = C.reference(rng, area, when)
    report_date = C.working_day(when - dt.timedelta(days=rng.randint(3, 45))) if rng.random() < 0.55 else None
    on = C.person(rng)
    ot = rng.choice(C.OFFICER_TITLES)
    originator = rng.choice([f"{on}, {ot}", ot, on, f"{ot} – {on}"]) if rng.random() < 0.7 and rank != "ce" else None
    title = t.title
    if rng.random() < 0.18:
        title += rng.choice([": approval of the full business case and the associated capital budget",
                             " and associated delegations to the Chief Finance Officer",
                             f" for the period {C.FY(when)} to {C.FY(when + dt.timedelta(days=3 * 365))}",
                             " (including the variation of the existing regional framework agreement)"])
    if rng.random() < 0.06:
        title = title.upper()
    conf = make_conf(rng, when)
    canary = f"CANARY-{rng.getrandbits(48):012x}" if conf.confidential else None

    # narrative
    k = rng.randint(1, len(t.summary))
    sents = t.summary[:k]
    if conf.sentence and conf.sentence_in == "summary":
        sents.insert(rng.randint(0, len(sents)), conf.sentence)
    canary_in = rng.choice(["summary", "decision"]) if canary else None
    if canary_in == "summary":
        sents.insert(rng.randint(1, len(sents)), rng.choice([
            f"The supporting case file is held under reference {canary}.", f"Internal tracking number {canary} applies.",
            f"The operational request is logged as {canary}."]))
    if len(sents) >= 3 and rng.random() < 0.45:
        cut = rng.randint(1, len(sents) - 1)
        summary = [" ".join(sents[:cut]), " ".join(sents[cut:])]
    else:
        summary = [" ".join(sents)]
    role_words = rng.choice(["Commissioner", "Police and Crime Commissioner", "PCC"]) if area.kind == "pcc" else "Commissioner"
    if rank == "deputy":
        role_words = "Deputy " + role_words
    recommendation = C.recommendation_text(rng, t, outcome, role_words)
    decision = C.decision_text(rng, t, outcome)
    if conf.sentence and conf.sentence_in == "decision":
        decision.append(conf.sentence)
    if canary_in == "decision":
        decision.append(rng.choice([f"Reference for the supporting file: {canary}.", f"This decision is logged as {canary}."]))
    if rank == "ce" and family in ("delegated-letter", "council-rod"):
        recommendation = None

    # officers who sign too, with their own dates
    officers = []
    start = report_date or when - dt.timedelta(days=20)
    for title_ in rng.sample(["Chief Finance Officer", "Monitoring Officer", "Chief Executive", ot, "Treasurer",
                              "Chief Financial Officer", "Head of Legal Services"], rng.choice([0, 1, 1, 2, 2, 3])):
        if title_ == "Chief Executive" and rank == "ce":
            continue
        day = start + dt.timedelta(days=rng.randint(0, max(0, (when - start).days - 1)))
        day = C.working_day(min(day, when - dt.timedelta(days=1)))
        officers.append(Sig(title_, C.printed_name(rng, C.person(rng)) if title_ != ot else (on if originator and on in originator else C.person(rng)), day))
    return Notice(
        rng=rng, family=family, area=area, body=body, letterhead_person=person_line, reference=ref,
        ref_label=rng.choice(C.REF_LABELS), title=title, rank=rank, maker=maker, maker_role=role_norm,
        maker_role_printed=role_printed, decision_date=when, report_date=report_date, originator=originator,
        originator_name=on, originator_title=ot, date_style=C.date_style(rng), conf=conf, summary=summary,
        recommendation=recommendation, decision=decision, outcome=outcome, topic=t, purse=purse, officers=officers,
        canary=canary, published=when + dt.timedelta(days=rng.randint(1, 21)),
        review=when + dt.timedelta(days=rng.choice([182, 365, 730])), received=start - dt.timedelta(days=rng.randint(1, 10)),
    )


# ---- shared pieces of layout ----------------------------------------------------------------

TITLE_LABELS = ["Title", "Title of decision", "Subject", "Subject matter / title of decision", "Decision title",
                "Title of report", "Report title", "Name of decision"]
DATE_LABELS = ["Date of decision", "Decision date", "Date", "Date signed", "Date decision taken", "Date of approval"]
REPORT_DATE_LABELS = ["Report date", "Date of report", "Date submitted", "Report dated"]
MAKER_LABELS = ["Decision maker", "Decision-maker", "Decision taken by", "Name of decision maker", "Approved by"]
ORIG_LABELS = ["Originator", "Report author", "Author", "Originating officer", "Lead officer", "Contact officer",
               "Report of", "Submitted by"]
SUMMARY_LABELS = ["Executive summary", "Summary", "Purpose", "Summary of the matter", "Background and purpose",
                  "Purpose of the report", "Summary of decision", "Purpose of decision", "Issue", "Details of the matter"]
REC_LABELS = ["Recommendation", "Recommendations", "Recommendation(s)", "Proposal", "Recommended action"]
DECISION_LABELS = ["Decision", "Decision of the Commissioner", "Commissioner's decision", "Decision taken",
                   "Approval", "PCC decision"]


def pick(rng: random.Random, labels: list[str]) -> str:
    return rng.choice(labels)


def heading(look: Look, text: str, numbered: str | None = None) -> list:
    t = (f"{numbered} " if numbered else "") + text
    p = Paragraph(look.heading_markup(t), look.styles["heading"])
    if look.heading_kind == "band":
        tbl = Table([[p]], colWidths=["100%"])
        tbl.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#e6e9ef")),
                                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        return [Spacer(1, 4), tbl, Spacer(1, 3)]
    return [p]


def paras(look: Look, texts: list[str], style: str = "body") -> list:
    return [P(t, look.styles[style]) for t in texts]


def section(look: Look, title: str, texts: list[str], numbered: str | None = None) -> list:
    return [KeepTogether(heading(look, title, numbered) + paras(look, texts[:1]))] + paras(look, texts[1:])


def extra_sections(n: Notice, look: Look, numbered_from: int | None = None) -> list:
    out = []
    for i, (h, texts) in enumerate(n.topic.extra):
        out += section(look, h, texts, f"{numbered_from + i}." if numbered_from is not None else None)
    return out


def cost_table(n: Notice, look: Look) -> list:
    if not n.topic.table:
        return []
    cols = len(n.topic.table[0])
    t = Table(n.topic.table, colWidths=["28%"] + [f"{62 / (cols - 1):.1f}%"] * (cols - 1), hAlign="LEFT")
    size = min(look.size, 9.5)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                           ("FONT", (0, 0), (-1, -1), look.regular, size), ("FONT", (0, 0), (-1, 0), look.bold, size),
                           ("ALIGN", (1, 0), (-1, -1), "RIGHT")]))
    return [Spacer(1, 4), t, Spacer(1, 8)]


def grid_style(look: Look, label_cols: list[int] | None = None, shade: bool = True) -> TableStyle:
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    if look.grid == "full":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")))
    elif look.grid == "box":
        cmds.append(("BOX", (0, 0), (-1, -1), 0.8, colors.black))
    elif look.grid == "rows":
        cmds.append(("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")))
    if shade and label_cols:
        for c in label_cols:
            cmds.append(("BACKGROUND", (c, 0), (c, -1), colors.HexColor("#f0f0f0")))
    return TableStyle(cmds)


def letterhead(n: Notice, look: Look, *, address: bool | None = None) -> list:
    out = [P(n.body, look.styles["letterhead"])]
    if n.letterhead_person:
        out.append(P(n.letterhead_person, ParagraphStyle("lp", parent=look.styles["small"], alignment=look.styles["letterhead"].alignment)))
    if address if address is not None else n.rng.random() < 0.5:
        a = n.area
        out.append(P(f"{a.street}, {a.town}, {a.postcode}", ParagraphStyle("ad", parent=look.styles["smallgrey"],
                                                                            alignment=look.styles["letterhead"].alignment)))
    if n.rng.random() < 0.5:
        out.append(HRFlowable(width="100%", thickness=n.rng.choice([0.5, 1, 2]), color=look.accent, spaceBefore=3, spaceAfter=6))
    else:
        out.append(Spacer(1, 8))
    return out


def stamp(n: Notice, look: Look) -> list:
    if not n.conf.stamp:
        return []
    st = ParagraphStyle("stamp", parent=look.styles["body"], fontName=look.bold, alignment=n.rng.choice([TA_CENTER, TA_RIGHT, 0]),
                        textColor=n.rng.choice([colors.red, colors.black, colors.HexColor("#990000")]))
    return [P(n.conf.stamp, st)]


def furniture(n: Notice, look: Look, *, header: bool | None = None) -> Furniture:
    rng = n.rng
    f = Furniture(font=look.regular, bold=look.bold, size=rng.choice([7, 7.5, 8]))
    if header if header is not None else rng.random() < 0.5:
        f.header_left = rng.choice([n.body, n.area.name, f"Decision record {n.reference}", "Decision Notice", n.body.upper()])
        if rng.random() < 0.4:
            f.header_right = rng.choice([n.reference, f"Ref: {n.reference}", n.d(n.decision_date)])
        f.skip_first_header = rng.random() < 0.5
    if rng.random() < 0.8:
        f.page_numbers = rng.choice(["Page {n} of {t}", "{n}", "- {n} -", "Page {n}", "{n} of {t}", "Page {n}/{t}"])
    if rng.random() < 0.35:
        f.footer_left = rng.choice([n.body, f"{n.area.street}, {n.area.town} {n.area.postcode}", "Version 1.0", "Decision record template v3",
                                    "Printed copy uncontrolled"])
    f.banner, f.banner_pos = n.conf.banner, n.conf.banner_pos
    f.banner_boxed = rng.random() < 0.4
    if f.banner and f.banner_pos in ("top", "both"):
        f.header_left = f.header_right = None
    return f


def tick_line(look: Look, question: str, options: list[str], chosen: int, *, label: bool = True) -> str:
    """Markup such as 'Is this decision suitable for publication? Yes ☐ No ☒'."""
    q = esc(look.label(question)) + " " if label else ""
    if look.tick == "ascii":
        opts = "   ".join(f"{look.box(i == chosen)} {esc(o)}" for i, o in enumerate(options))
    else:
        opts = "   ".join(f"{esc(o)} {look.box(i == chosen)}" for i, o in enumerate(options))
    return q + opts


def outcome_ticks(n: Notice, look: Look) -> str:
    """Markup listing the outcomes with the right one ticked ('Approved ☒ Not approved ☐')."""
    opts = n.rng.choice([["Approved", "Not approved", "Deferred", "Noted"], ["Agreed", "Not agreed", "Deferred", "Noted"],
                         ["Approve", "Reject", "Defer", "Note"]])
    chosen = {"approved": 0, "rejected": 1, "deferred": 2, None: 3}[n.outcome]
    if chosen < 2 and n.rng.random() < 0.5:
        opts = opts[:2]
    return tick_line(look, "", opts, chosen, label=False)


def status_rows(n: Notice, look: Look) -> list[tuple[str, str]]:
    """(label markup, value markup) pairs for the notice's status, where the form has a place for them."""
    out = []
    if n.conf.field:
        out.append((esc(look.label(n.conf.field[0])), esc(n.conf.field[1])))
    if n.conf.tick:
        q, opts, i = n.conf.tick
        out.append((esc(look.label(q)), tick_line(look, q, opts, i, label=False)))
    return out


def publication_flow(n: Notice, look: Look, *, title: str | None = None) -> list:
    """A publication statement, a form's instruction and the list of appendices, as the notice has them."""
    out = []
    c = n.conf
    if c.sentence and c.sentence_in == "own":
        out += section(look, title or n.rng.choice(["Publication", "Publication of this decision", "Confidentiality",
                                                    "Access to information"]), [c.sentence])
    if c.withheld:
        items = [line for line, _ in c.withheld]
        others = n.rng.sample(["Appendix A – Project plan", "Appendix C – Equality impact assessment", "Annex 1 – Summary of costs"],
                              n.rng.randint(0, 2))
        lines = others + items
        n.rng.shuffle(lines)
        out += heading(look, n.rng.choice(["Appendices", "Background papers", "Supporting documents", "Annexes"]))
        out += paras(look, lines)
    return out


def instruction_flow(n: Notice, look: Look) -> list:
    if not n.conf.instruction:
        return []
    st = ParagraphStyle("instr", parent=look.styles["smallgrey"], fontName=look.italic)
    return [P(n.conf.instruction, st), Spacer(1, 4)]


def sig_flow(n: Notice, look: Look, sigs: list[Sig], variant: str | None = None) -> list:
    """Signature blocks in one of several arrangements; records them as printed, in order."""
    rng = n.rng
    n.signatories = list(sigs)
    variant = variant or rng.choice(["table", "lines", "blocks", "pairs"])
    st = look.styles
    out: list = []
    if variant == "table":
        head = [look.label(x, colon=False) for x in rng.choice([("Role", "Name", "Signature", "Date"),
                                                                  ("Position", "Name", "Signed", "Date"),
                                                                  ("Signatory", "Print name", "Signature", "Date signed")])]
        rows = [[P(h, st["cellbold"]) for h in head]]
        for s in sigs:
            rows.append([P(s.role, st["cell"]), P(s.name or "", st["cell"]), P(rng.choice(["", "(signed)", "Signed"]), st["cell"]),
                         P(n.d(s.date), st["cell"])])
        w = look.width
        t = Table(rows, colWidths=[w * 0.32, w * 0.26, w * 0.2, w * 0.22], hAlign="LEFT", repeatRows=1)
        t.setStyle(grid_style(look))
        out += [Spacer(1, 6), t]
    elif variant == "lines":
        for s in sigs:
            block = [P(look.label("Signed") + " " + "_" * rng.randint(18, 30), st["body"])]
            if s.name:
                block.append(P(f"{look.label('Name')} {s.name}", st["body"]))
            block.append(P(f"{look.label(rng.choice(['Position', 'Role', 'Designation', 'Job title']))} {s.role}", st["body"]))
            if s.date:
                block.append(P(f"{look.label('Date')} {n.d(s.date)}", st["body"]))
            out.append(KeepTogether([Spacer(1, 6)] + block))
    elif variant == "blocks":
        for s in sigs:
            block = [Spacer(1, 10), HRFlowable(width="40%", thickness=0.5, color=colors.black, hAlign="LEFT", spaceAfter=2)]
            if s.name:
                block.append(P(s.name, st["cellbold"]))
            block.append(P(s.role, st["cell"]))
            if s.date:
                block.append(P(f"{look.label('Date')} {n.d(s.date)}", st["cell"]))
            out.append(KeepTogether(block))
    else:  # pairs: two blocks side by side
        cells = []
        for s in sigs:
            lines = [P(s.role, st["cellbold"]), Spacer(1, 14), P(look.label("Signature") + " ........................", st["cell"])]
            if s.name:
                lines.append(P(f"{look.label('Name')} {s.name}", st["cell"]))
            if s.date:
                lines.append(P(f"{look.label('Date')} {n.d(s.date)}", st["cell"]))
            cells.append(lines)
        rows = [cells[i:i + 2] + [[]] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
        t = Table(rows, colWidths=[look.width / 2] * 2, hAlign="LEFT")
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 8)]))
        out += [Spacer(1, 6), t]
    return out


def ordered_sigs(n: Notice, maker_first: bool | None = None) -> list[Sig]:
    sigs = list(n.officers)
    m = n.maker_sig()
    if maker_first if maker_first is not None else n.rng.random() < 0.3:
        return [m] + sigs
    return sigs + [m]


def narrative_sections(n: Notice, look: Look, *, numbered: bool = False, order: str | None = None) -> list:
    """Summary, other sections, recommendation and decision, in one of a few orders."""
    rng = n.rng
    num = iter(range(1, 30))
    lab = lambda s: next(num) if numbered else None  # noqa: E731
    def sec(title, texts):
        i = lab(title)
        return section(look, title, texts, f"{i}." if i else None)
    out = sec(pick(rng, SUMMARY_LABELS), n.summary)
    for h, texts in n.topic.extra:
        out += sec(h, texts)
        if h == "Financial implications":
            out += cost_table(n, look)
    if "Financial implications" not in [h for h, _ in n.topic.extra]:
        out += cost_table(n, look)
    if n.recommendation:
        out += sec(pick(rng, REC_LABELS), n.recommendation)
    out += publication_flow(n, look)
    out += sec(pick(rng, DECISION_LABELS), n.decision)
    return out


# ---- the families -------------------------------------------------------------------------------


def fam_quad_grid(n: Notice, look: Look) -> bytes:
    """A four-column metadata grid: two label/value pairs a row, the title across three cells."""
    rng = n.rng
    st = look.styles
    story = letterhead(n, look) + stamp(n, look)
    story.append(P(rng.choice(["Decision Record", "RECORD OF DECISION", "Decision Notice", "Commissioner's Decision Form",
                               "Decision Report", "Formal Decision"]), st["doctype"]))
    story += instruction_flow(n, look)
    pairs = [(look.label(pick(rng, C.REF_LABELS[:8])), esc(n.reference)),
             (look.label(pick(rng, DATE_LABELS[:2] + DATE_LABELS[3:])), esc(n.d(n.decision_date)))]
    if n.originator:
        pairs.append((look.label(pick(rng, ORIG_LABELS)), esc(n.originator)))
    if n.report_date:
        pairs.append((look.label(pick(rng, REPORT_DATE_LABELS)), esc(n.d(n.report_date))))
    pairs.append((look.label(pick(rng, MAKER_LABELS)), esc(n.maker)))
    if rng.random() < 0.5:
        pairs.append((look.label("Role"), esc(n.maker_role_printed)))
    pairs += status_rows(n, look)
    if rng.random() < 0.25:
        pairs.append((esc(look.label(rng.choice(["Outcome", "Decision", "Approval"]))), outcome_ticks(n, look)))
    if rng.random() < 0.3:
        pairs.append((look.label("Date published"), esc(n.d(n.published))))
    if rng.random() < 0.25:
        pairs.append((look.label("Review date"), esc(n.d(n.review))))
    if rng.random() < 0.3:
        pairs.append((look.label("Key decision"), rng.choice(["Yes", "No"])))
    rng.shuffle(pairs)
    if len(pairs) % 2:
        pairs.append(("", ""))
    rows = []
    title_row = [P(look.label(pick(rng, TITLE_LABELS)), st["cellbold"]), P(n.title, st["cellbold" if rng.random() < 0.5 else "cell"]), "", ""]
    title_at = rng.choice([0, 0, len(pairs) // 2])
    for i in range(0, len(pairs), 2):
        if i // 2 == title_at:
            rows.append(title_row)
        (a, b), (c, d) = pairs[i], pairs[i + 1]
        rows.append([Paragraph(a, st["cellbold"]), Paragraph(b, st["cell"]), Paragraph(c, st["cellbold"]), Paragraph(d, st["cell"])])
    if title_at >= len(rows):
        rows.append(title_row)
    w = look.width
    t = Table(rows, colWidths=[w * 0.2, w * 0.3, w * 0.2, w * 0.3], hAlign="LEFT")
    ts = grid_style(look, [0, 2], shade=rng.random() < 0.5)
    ti = rows.index(title_row)
    ts.add("SPAN", (1, ti), (3, ti))
    t.setStyle(ts)
    story += [t, Spacer(1, 10)]
    story += narrative_sections(n, look)
    story += sig_flow(n, look, ordered_sigs(n))
    return finish(n, story, look, furniture(n, look))


def fam_stacked_cards(n: Notice, look: Look) -> bytes:
    """Labels above their values, in boxes two to a row; narrative boxes full width."""
    rng = n.rng
    st = look.styles
    lab = ParagraphStyle("lab", parent=st["smallgrey"], fontName=look.bold if rng.random() < 0.5 else look.regular)
    story = letterhead(n, look) + stamp(n, look)
    story.append(P(rng.choice(["Decision record", "PCC Decision", "Record of a decision by the Commissioner", "Decision form"]),
                   st["doctype"]))
    story += instruction_flow(n, look)

    def card(label_text: str, value, *, markup: bool = False):
        v = value if isinstance(value, list) else [Paragraph(value if markup else esc(value), st["cell"])]
        return [Paragraph(esc(look.label(label_text, colon=False)), lab)] + v

    cards = [card(pick(rng, ["Subject matter / title of decision", "Title of decision", "Decision title", "Subject"]),
                  n.title)]
    small = [card(pick(rng, C.REF_LABELS[:7]), n.reference), card(pick(rng, DATE_LABELS[:2]), n.d(n.decision_date)),
             card(pick(rng, MAKER_LABELS), f"{n.maker}" if rng.random() < 0.6 else [Paragraph(esc(n.maker), st["cell"]),
                                                                                    Paragraph(esc(n.maker_role_printed), st["small"])])]
    if n.originator:
        small.append(card(pick(rng, ORIG_LABELS), n.originator))
    if n.report_date:
        small.append(card(pick(rng, REPORT_DATE_LABELS), n.d(n.report_date)))
    for lbl, val in status_rows(n, look):
        small.append([Paragraph(lbl.rstrip(":"), lab), Paragraph(val, st["cell"])])
    if rng.random() < 0.3:
        small.append(card("Date received", n.d(n.received)))
    if rng.random() < 0.3:
        small.append([Paragraph(esc(look.label("Outcome", colon=False)), lab), Paragraph(outcome_ticks(n, look), st["cell"])])
    rng.shuffle(small)
    two = rng.random() < 0.7
    w = look.width
    rows = [[cards[0], ""]] if two else [[cards[0]]]
    if two:
        small += [[]] if len(small) % 2 else []
        rows += [small[i:i + 2] for i in range(0, len(small), 2)]
    else:
        rows += [[c] for c in small]
    t = Table(rows, colWidths=[w / 2, w / 2] if two else [w], hAlign="LEFT")
    ts = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.6, colors.grey),
                     ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.grey), ("TOPPADDING", (0, 0), (-1, -1), 4),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
    if two:
        ts.add("SPAN", (0, 0), (1, 0))
    t.setStyle(ts)
    story += [t, Spacer(1, 10)]

    def big(label_text: str, texts: list[str]):
        body = [Paragraph(esc(look.label(label_text, colon=False)), lab)] + [P(x, st["body"]) for x in texts]
        tb = Table([[body]], colWidths=[w], splitInRow=1)
        tb.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.grey), ("TOPPADDING", (0, 0), (-1, -1), 4)]))
        return [tb, Spacer(1, 6)]

    story += big(pick(rng, SUMMARY_LABELS), n.summary)
    story += extra_sections(n, look) + cost_table(n, look)
    if n.recommendation:
        story += big(pick(rng, REC_LABELS), n.recommendation)
    story += publication_flow(n, look)
    story += big(pick(rng, DECISION_LABELS), n.decision)
    sigs = ordered_sigs(n, maker_first=False)
    n.signatories = sigs
    cells = []
    for s in sigs:
        cells.append([Paragraph(esc(look.label(s.role, colon=False)), lab), Spacer(1, 12), Paragraph(esc(look.label("Name", colon=False)), lab),
                      P(s.name or "", st["cell"]), Paragraph(esc(look.label("Date", colon=False)), lab), P(n.d(s.date), st["cell"])])
    rows = [cells[i:i + 2] + [[]] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    sig = Table(rows, colWidths=[w / 2] * 2, hAlign="LEFT")
    sig.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
    story += [CondPageBreak(60 * mm), Spacer(1, 6), sig]
    return finish(n, story, look, furniture(n, look))


def fam_right_labels(n: Notice, look: Look) -> bytes:
    """Values first, labels to their right: metadata and section names in a right-hand column."""
    rng = n.rng
    st = look.styles
    lab = ParagraphStyle("rl", parent=st["smallgrey"], alignment=TA_RIGHT, fontName=look.italic if rng.random() < 0.5 else look.bold)
    story = letterhead(n, look) + stamp(n, look)
    story.append(P(n.title, st["title"]))
    story += instruction_flow(n, look)
    meta = [(n.reference, pick(rng, C.REF_LABELS[:8])), (n.d(n.decision_date), pick(rng, DATE_LABELS[:2] + DATE_LABELS[4:])),
            (n.maker, pick(rng, MAKER_LABELS))]
    if rng.random() < 0.5:
        meta.append((n.maker_role_printed, "Role"))
    if n.originator:
        meta.append((n.originator, pick(rng, ORIG_LABELS)))
    if n.report_date:
        meta.append((n.d(n.report_date), pick(rng, REPORT_DATE_LABELS)))
    if rng.random() < 0.3:
        meta.append((n.d(n.published), "Date published"))
    rng.shuffle(meta)
    w = look.width
    rows = [[P(v, st["cell"]), P(look.label(k, colon=False), lab)] for v, k in meta]
    rows += [[Paragraph(v, st["cell"]), Paragraph(k.rstrip(":"), lab)] for k, v in status_rows(n, look)]
    t = Table(rows, colWidths=[w * 0.68, w * 0.32], hAlign="LEFT")
    t.setStyle(grid_style(look, [1], shade=False))
    story += [t, Spacer(1, 10)]

    def sec(title: str, texts: list[str]) -> list:
        cell = [P(x, st["body"]) for x in texts]
        tb = Table([[cell, P(look.label(title, colon=False), ParagraphStyle("rh", parent=lab, fontSize=look.size, leading=look.leading))]],
                   colWidths=[w * 0.76, w * 0.24], splitInRow=1)
        cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEAFTER", (0, 0), (0, -1), 0.5, look.accent)]
        tb.setStyle(TableStyle(cmds))
        return [tb, Spacer(1, 4)]

    story += sec(pick(rng, SUMMARY_LABELS), n.summary)
    for h, texts in n.topic.extra:
        story += sec(h, texts)
    story += cost_table(n, look)
    if n.recommendation:
        story += sec(pick(rng, REC_LABELS), n.recommendation)
    story += publication_flow(n, look)
    story += sec(pick(rng, DECISION_LABELS), n.decision)
    sigs = ordered_sigs(n)
    n.signatories = sigs
    rows = []
    for s in sigs:
        rows.append([P(s.name or "", st["cellbold"]), P(s.role, lab)])
        rows.append([P(rng.choice(["(signature)", "Signed", "..............................."]), st["cell"]),
                     P(look.label("Signature", colon=False), lab)])
        if s.date:
            rows.append([P(n.d(s.date), st["cell"]), P(look.label("Date", colon=False), lab)])
    t = Table(rows, colWidths=[w * 0.6, w * 0.4], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb"))]))
    story += [Spacer(1, 10), KeepTogether([t])]
    return finish(n, story, look, furniture(n, look))


def fam_colon_list(n: Notice, look: Look) -> bytes:
    """One-line 'Label: value' lists, and run-in section labels ('Summary: The force ...')."""
    rng = n.rng
    st = look.styles
    bold_labels = rng.random() < 0.7
    def line(label_text: str, value: str, *, markup: bool = False) -> Paragraph:
        lab = esc(look.label(label_text, colon=True))
        lab = f"<b>{lab}</b>" if bold_labels else lab
        return Paragraph(f"{lab} {value if markup else esc(value)}", st["body"])
    story = letterhead(n, look, address=False) + stamp(n, look)
    if rng.random() < 0.6:
        story.append(P(rng.choice(["DECISION NOTICE", "Record of Decision", "Decision Log Entry", "Formal Decision Record"]), st["doctype"]))
    story += instruction_flow(n, look)
    lines = [line(pick(rng, C.REF_LABELS), n.reference), line(pick(rng, TITLE_LABELS), n.title),
             line(pick(rng, MAKER_LABELS), n.maker if rng.random() < 0.5 else f"{n.maker}, {n.maker_role_printed}"),
             line(pick(rng, DATE_LABELS), n.d(n.decision_date))]
    if n.originator:
        lines.append(line(pick(rng, ORIG_LABELS), n.originator))
    if n.report_date:
        lines.append(line(pick(rng, REPORT_DATE_LABELS), n.d(n.report_date)))
    for k, v in status_rows(n, look):
        lines.append(Paragraph(f"<b>{k}</b> {v}" if bold_labels else f"{k} {v}", st["body"]))
    if rng.random() < 0.3:
        lines.append(line("Date received", n.d(n.received)))
    head, tail = lines[:2], lines[2:]
    rng.shuffle(tail)
    story += head + tail + [HRFlowable(width="100%", thickness=0.5, color=colors.grey, spaceBefore=4, spaceAfter=8)]

    def runin(label_text: str, texts: list[str]) -> list:
        lab = esc(look.label(label_text, colon=True))
        first = Paragraph(f"<b>{lab}</b> {esc(texts[0])}", st["body"])
        return [first] + paras(look, texts[1:])

    story += runin(pick(rng, SUMMARY_LABELS), n.summary)
    story += extra_sections(n, look) + cost_table(n, look)
    if n.recommendation:
        story += runin(pick(rng, REC_LABELS), n.recommendation)
    story += publication_flow(n, look)
    story += runin(pick(rng, DECISION_LABELS), n.decision)
    story += sig_flow(n, look, ordered_sigs(n), rng.choice(["lines", "lines", "blocks"]))
    return finish(n, story, look, furniture(n, look))


def fam_footer_block(n: Notice, look: Look) -> bytes:
    """No metadata at the top: the title is the largest line; reference, date and decision maker close the document."""
    rng = n.rng
    st = look.styles
    story = letterhead(n, look) + stamp(n, look)
    tst = ParagraphStyle("big", parent=st["title"], fontSize=look.size + rng.choice([6, 8, 10]), leading=(look.size + 10) * 1.15)
    narrow = rng.random() < 0.4
    title = P(n.title, tst)
    if narrow:
        tt = Table([[title]], colWidths=[look.width * 0.6], hAlign="LEFT")
        tt.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        story.append(tt)
    else:
        story.append(title)
    story += instruction_flow(n, look)
    story += narrative_sections(n, look)
    rows = []
    rows.append([P(look.label(pick(rng, C.REF_LABELS[:8])), st["cellbold"]), P(n.reference, st["cell"])])
    rows.append([P(look.label(pick(rng, MAKER_LABELS)), st["cellbold"]), P(n.maker, st["cell"])])
    rows.append([P(look.label("Role"), st["cellbold"]), P(n.maker_role_printed, st["cell"])])
    rows.append([P(look.label(pick(rng, DATE_LABELS[:2] + DATE_LABELS[3:])), st["cellbold"]), P(n.d(n.decision_date), st["cell"])])
    if n.originator:
        rows.append([P(look.label(pick(rng, ORIG_LABELS)), st["cellbold"]), P(n.originator, st["cell"])])
    if n.report_date:
        rows.append([P(look.label(pick(rng, REPORT_DATE_LABELS)), st["cellbold"]), P(n.d(n.report_date), st["cell"])])
    for k, v in status_rows(n, look):
        rows.append([Paragraph(k, st["cellbold"]), Paragraph(v, st["cell"])])
    if rng.random() < 0.5:
        rows.append([P(look.label("Date published"), st["cellbold"]), P(n.d(n.published), st["cell"])])
    body = rows[:1] + rng.sample(rows[1:], len(rows) - 1)
    t = Table(body, colWidths=[look.width * 0.3, look.width * 0.7], hAlign="LEFT")
    t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, look.accent), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f6f6f6"))]))
    # the footer table is the decision maker's block; officers sign before or after it
    maker = Sig(n.maker_role_printed, n.maker, n.decision_date, True)
    officers_first = rng.random() < 0.5
    officer_flow = sig_flow(n, look, n.officers, rng.choice(["table", "blocks", "lines"])) if n.officers else []
    if officers_first:
        story += officer_flow + [CondPageBreak(50 * mm), Spacer(1, 14), KeepTogether([t])]
        n.signatories = n.officers + [maker]
    else:
        story += [CondPageBreak(50 * mm), Spacer(1, 14), KeepTogether([t])] + officer_flow
        n.signatories = [maker] + n.officers
    return finish(n, story, look, furniture(n, look, header=False))


CY = {
    "Title": "Teitl", "Reference": "Cyfeirnod", "Date of decision": "Dyddiad y penderfyniad", "Decision": "Penderfyniad",
    "Decision maker": "Gwneuthurwr y penderfyniad", "Summary": "Crynodeb", "Recommendation": "Argymhelliad",
    "Report author": "Awdur yr adroddiad", "Report date": "Dyddiad yr adroddiad", "Signature": "Llofnod", "Date": "Dyddiad",
    "Status": "Statws", "Name": "Enw", "Role": "Swydd", "Background": "Cefndir", "Financial implications": "Goblygiadau ariannol",
    "Legal implications": "Goblygiadau cyfreithiol", "Equality implications": "Goblygiadau cydraddoldeb", "Risk": "Risg",
    "Consultation": "Ymgynghori", "Options considered": "Opsiynau a ystyriwyd", "Publication": "Cyhoeddi",
    "Appendices": "Atodiadau", "Decision record": "Cofnod o benderfyniad", "Chief Finance Officer": "Prif Swyddog Cyllid",
    "Monitoring Officer": "Swyddog Monitro", "Chief Executive": "Prif Weithredwr",
}
CY_STATUS = {"Open": "Agored", "Confidential": "Cyfrinachol", "Yes": "Ydy", "No": "Nac ydy"}


def fam_bilingual_cy(n: Notice, look: Look) -> bytes:
    """Welsh forces: bilingual labels ('Teitl / Title'), a Welsh and an English letterhead line."""
    rng = n.rng
    st = look.styles
    form = rng.choice(["slash", "stack", "columns"])

    def bl(en: str) -> str:
        cy = CY.get(en)
        if not cy:
            return esc(en)
        if form == "stack":
            return f"{esc(cy)}<br/>{esc(en)}"
        return esc(f"{cy} / {en}") if rng.random() < 0.8 else esc(f"{en} / {cy}")

    cy_body = rng.choice([f"Swyddfa Comisiynydd Heddlu a Throseddu {n.area.welsh}", f"Comisiynydd Heddlu a Throseddu {n.area.welsh}"])
    english_first = rng.random() < 0.4
    head = [P(cy_body, st["letterhead"]), P(n.body, st["letterhead"])]
    story = (head[::-1] if english_first else head)
    if n.letterhead_person:
        story.append(P(n.letterhead_person, st["small"]))
    story += [Spacer(1, 8)] + stamp(n, look)
    story.append(Paragraph(bl("Decision record"), st["doctype"]))
    story += instruction_flow(n, look)
    w = look.width
    if form == "columns":
        rows = [[P(CY[k], st["cellbold"]), P(k, st["cellbold"]), P(v, st["cell"])] for k, v in [
            ("Reference", n.reference), ("Title", n.title), ("Decision maker", n.maker), ("Date of decision", n.d(n.decision_date))]]
        if n.report_date:
            rows.append([P(CY["Report date"], st["cellbold"]), P("Report date", st["cellbold"]), P(n.d(n.report_date), st["cell"])])
        if n.originator:
            rows.append([P(CY["Report author"], st["cellbold"]), P("Report author", st["cellbold"]), P(n.originator, st["cell"])])
        for k, v in status_rows(n, look):
            rows.append([Paragraph(esc(CY["Status"]), st["cellbold"]), Paragraph(k, st["cellbold"]), Paragraph(v, st["cell"])])
        cw = [w * 0.22, w * 0.22, w * 0.56]
    else:
        rows = [[Paragraph(bl(k), st["cellbold"]), P(v, st["cell"])] for k, v in [
            ("Reference", n.reference), ("Title", n.title), ("Decision maker", n.maker), ("Date of decision", n.d(n.decision_date))]]
        if n.report_date:
            rows.append([Paragraph(bl("Report date"), st["cellbold"]), P(n.d(n.report_date), st["cell"])])
        if n.originator:
            rows.append([Paragraph(bl("Report author"), st["cellbold"]), P(n.originator, st["cell"])])
        if n.conf.field:
            k, v = n.conf.field
            vv = v + (f" / {CY_STATUS[v]}" if v in CY_STATUS else "")
            rows.append([Paragraph(f"{esc(CY['Status'])} / {esc(k)}", st["cellbold"]), P(vv, st["cell"])])
        if n.conf.tick:
            q, opts, i = n.conf.tick
            rows.append([Paragraph(esc(q), st["cellbold"]), Paragraph(tick_line(look, q, opts, i, label=False), st["cell"])])
        cw = [w * 0.36, w * 0.64]
    order = rows[:2] + rng.sample(rows[2:], len(rows) - 2)
    t = Table(order, colWidths=cw, hAlign="LEFT")
    t.setStyle(grid_style(look, [0], shade=True))
    story += [t, Spacer(1, 10)]

    def sec(en: str, texts: list[str]) -> list:
        return [KeepTogether([Paragraph(bl(en), st["heading"])] + paras(look, texts[:1]))] + paras(look, texts[1:])

    story += sec("Summary", n.summary)
    for h, texts in n.topic.extra:
        story += sec(h, texts)
    story += cost_table(n, look)
    if n.recommendation:
        story += sec("Recommendation", n.recommendation)
    if n.conf.sentence and n.conf.sentence_in == "own":
        story += sec("Publication", [n.conf.sentence])
    if n.conf.withheld:
        story += [Paragraph(bl("Appendices"), st["heading"])] + paras(look, [line for line, _ in n.conf.withheld])
    story += sec("Decision", n.decision)
    sigs = ordered_sigs(n)
    n.signatories = sigs
    rows = [[Paragraph(bl("Role"), st["cellbold"]), Paragraph(bl("Name"), st["cellbold"]), Paragraph(bl("Signature"), st["cellbold"]),
             Paragraph(bl("Date"), st["cellbold"])]]
    for s in sigs:
        role = s.role if s.maker or s.role not in CY or rng.random() < 0.5 else f"{CY[s.role]} / {s.role}"
        s.role = role
        rows.append([P(role, st["cell"]), P(s.name or "", st["cell"]), P("", st["cell"]), P(n.d(s.date), st["cell"])])
    tb = Table(rows, colWidths=[w * 0.34, w * 0.26, w * 0.18, w * 0.22], hAlign="LEFT")
    tb.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 8), KeepTogether([tb])]
    f = furniture(n, look)
    if n.conf.banner and rng.random() < 0.5:
        welsh = {"OFFICIAL": "SWYDDOGOL", "RESTRICTED": "CYFYNGEDIG", "CONFIDENTIAL": "CYFRINACHOL", "OFFICIAL-SENSITIVE": "SWYDDOGOL-SENSITIF",
                 "NOT FOR PUBLICATION": "DDIM I'W GYHOEDDI"}.get(n.conf.banner)
        if welsh:
            f.banner = f"{welsh} / {n.conf.banner}"
    return finish(n, story, look, f)


def fam_delegated_letter(n: Notice, look: Look) -> bytes:
    """A letter: 'Our ref', 'Re:', 'Dear …', the decision in prose, 'Yours sincerely'."""
    rng = n.rng
    st = look.styles
    n.report_date = None
    n.originator = None
    n.recommendation = None
    story = letterhead(n, look, address=True) + stamp(n, look)
    recipient = C.person(rng)
    rtitle = rng.choice(["Chief Constable", "Director of Finance", "Head of Estates", "Chief Executive", "Head of Commissioning",
                         "Chief Superintendent, Local Policing"])
    if n.rank == "ce" and rtitle == "Chief Executive":
        rtitle = "Chief Constable"
    addr = [recipient, rtitle, rng.choice([f"{n.area.name} Police", f"{n.area.name} Constabulary", "Force Headquarters"]), n.area.town]
    refs = [f"{look.label('Our ref', colon=True)} {esc(n.reference)}"]
    if rng.random() < 0.4:
        refs.append(f"{look.label('Your ref', colon=True)} {esc(rng.choice(['FIN/2/' + str(rng.randint(10, 99)), 'EST-' + str(rng.randint(100, 999)), 'CC/' + str(rng.randint(1, 60))]))}")
    refs.append(esc(n.d(n.decision_date)))
    if rng.random() < 0.3:
        refs.insert(0, rng.choice(["DELEGATED DECISION", "Decision under delegated authority", "Officer decision"]))
    left = [P(x, st["cell"]) for x in addr]
    right = [Paragraph(x, st["right"]) for x in refs]
    t = Table([[left, right]], colWidths=[look.width * 0.55, look.width * 0.45])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story += [t, Spacer(1, 12)]
    for k, v in status_rows(n, look):
        story.append(Paragraph(f"<b>{k}</b> {v}", st["body"]))
    story.append(P(f"Dear {rng.choice([recipient, recipient.split()[0], 'Chief Constable' if rtitle == 'Chief Constable' else recipient.split()[0]])},", st["body"]))
    re_style = rng.choice(["re", "bold", "subject"])
    if re_style == "re":
        story.append(Paragraph(f"<b>Re: {esc(n.title)}</b>", st["body"]))
    elif re_style == "subject":
        story.append(Paragraph(f"<b>{look.label('Subject', colon=True)}</b> {esc(n.title)}", st["body"]))
    else:
        story.append(Paragraph(f"<b><u>{esc(n.title)}</u></b>", st["body"]))
    headings = rng.random() < 0.35
    if headings:
        story += heading(look, rng.choice(["Background", "The proposal", "Summary"]))
    story += paras(look, n.summary)
    for h, texts in n.topic.extra[: rng.choice([0, 0, 1, 2]) if headings else 0]:
        story += heading(look, h) + paras(look, texts)
    story += publication_flow(n, look)
    if headings:
        story += heading(look, rng.choice(["Decision", "My decision"]))
    n.decision[0] = letter_decision(n, rng)
    story += paras(look, n.decision)
    story.append(P(rng.choice(["Please contact my office if you have any questions about this decision.",
                               "A copy of this letter will be placed on the decisions register.",
                               "I would be grateful if you would arrange for this decision to be implemented."]), st["body"]))
    sign = [P(rng.choice(["Yours sincerely,", "Yours sincerely", "Yours faithfully,"]), st["body"]), Spacer(1, 26)]
    if n.maker:
        sign.append(P(n.maker, st["cellbold"]))
    sign.append(P(n.maker_role_printed, st["cell"]))
    story.append(KeepTogether(sign))
    n.signatories = [Sig(n.maker_role_printed, n.maker, None, True)]
    if rng.random() < 0.4:
        story += [Spacer(1, 10), P(f"cc: {C.person(rng)}, {rng.choice(C.OFFICER_TITLES)}", st["small"])]
    return finish(n, story, look, furniture(n, look, header=False))


def letter_decision(n: Notice, rng: random.Random) -> str:
    a, t = n.topic.action, n.topic
    by = rng.choice(["Under the authority delegated to me by the Commissioner, ", "Acting under the Scheme of Delegation, ",
                     "In accordance with the Commissioner's Scheme of Governance, "]) if n.rank == "ce" else ""
    if n.outcome == "approved":
        return by + (rng.choice([f"I have decided to approve {a}.", f"I approve {a}.", f"I am writing to confirm that I have approved {a}."]))
    if n.outcome == "rejected":
        return by + (rng.choice([f"I have decided not to approve {a}. {t.reject_reason}", f"I am unable to approve {a}. {t.reject_reason}"]))
    if n.outcome == "deferred":
        return by + (rng.choice([f"I have decided to defer a decision on {a} pending {t.defer_pending}.",
                                      f"I have deferred my decision pending {t.defer_pending}."]))
    return rng.choice(["I have noted the report and no decision is required.", f"I have noted {t.note_object}."])


def fam_council_rod(n: Notice, look: Look) -> bytes:
    """A council-style 'Record of decision': decision maker, date, reasons, alternatives, conflicts of interest."""
    rng = n.rng
    st = look.styles
    key = rng.random() < 0.25
    if key:
        n.reference = f"{rng.randint(1, 120):03d}"
    story = letterhead(n, look) + stamp(n, look)
    doc = rng.choice(["RECORD OF DECISION", "Record of Decision", "Record of Officer Decision" if n.rank == "ce" else "Record of Executive Decision",
                      "Decision Record"])
    if key:
        doc = f"Key Decision {n.reference}"
    story.append(P(doc, st["doctype"]))
    story += instruction_flow(n, look)
    st2 = st["cellbold"]
    rows = []
    if not key:
        rows.append([P(look.label(rng.choice(["Record number", "Decision reference", "Reference number", "Decision number"])), st2), P(n.reference, st["cell"])])
    rows.append([P(look.label(rng.choice(["Subject", "Title of decision", "Decision title", "Subject matter"])), st2), P(n.title, st["cell"])])
    rows.append([P(look.label("Decision maker"), st2), [P(n.maker, st["cell"]), P(n.maker_role_printed, st["cell"])]])
    if n.rank == "ce" and rng.random() < 0.6:
        rows.append([P(look.label("Authority"), st2), P(rng.choice(["Scheme of Delegation, paragraph 4.2", "Delegated authority under the Scheme of Consent",
                                                                   "Scheme of Governance – delegations to the Chief Executive"]), st["cell"])])
    rows.append([P(look.label("Date of decision"), st2), P(n.d(n.decision_date), st["cell"])])
    if n.originator:
        rows.append([P(look.label(rng.choice(["Report author", "Lead officer", "Contact officer"])), st2), P(n.originator, st["cell"])])
    if n.report_date:
        rows.append([P(look.label(rng.choice(["Date of report", "Report date"])), st2), P(n.d(n.report_date), st["cell"])])
    rows.append([P(look.label(rng.choice(["Summary", "Details of the matter", "Background", "Summary of the matter"])), st2), paras(look, n.summary, "cell")])
    if n.recommendation:
        rows.append([P(look.label(rng.choice(["Recommendation", "Recommendations considered"])), st2), paras(look, n.recommendation, "cell")])
    rows.append([P(look.label(rng.choice(["Decision", "Decision taken", "Decision made"])), st2), paras(look, n.decision, "cell")])
    reasons = [rng.choice(["The proposal supports the priorities of the Police and Crime Plan and represents value for money.",
                           "The decision is needed to maintain the service without interruption.",
                           "The option chosen best balances cost, risk and the operational requirement."])]
    rows.append([P(look.label("Reasons for the decision"), st2), paras(look, reasons, "cell")])
    rows.append([P(look.label(rng.choice(["Alternative options considered", "Alternative options considered and rejected"])), st2),
                 P(rng.choice(["To do nothing, which would leave the operational risk unaddressed.", "None.",
                               "Deferring the decision to next year was considered and rejected because costs would rise."]), st["cell"])])
    rows.append([P(look.label(rng.choice(["Conflicts of interest declared", "Conflicts of interest declared by the decision maker",
                                          "Declarations of interest"])), st2), P(rng.choice(["None", "None declared", "Nil"]), st["cell"])])
    if rng.random() < 0.5:
        rows.append([P(look.label("Dispensation granted"), st2), P(rng.choice(["N/A", "Not applicable", "None"]), st["cell"])])
    for k, v in status_rows(n, look):
        rows.append([Paragraph(k, st2), Paragraph(v, st["cell"])])
    if n.conf.sentence and n.conf.sentence_in == "own":
        rows.append([P(look.label("Publication"), st2), P(n.conf.sentence, st["cell"])])
    if n.conf.withheld:
        rows.append([P(look.label("Background papers"), st2), paras(look, [line for line, _ in n.conf.withheld], "cell")])
    if rng.random() < 0.6:
        rows.append([P(look.label(rng.choice(["Date of publication", "Date published"])), st2), P(n.d(n.published), st["cell"])])
    if rng.random() < 0.3:
        rows.append([P(look.label("Call-in deadline"), st2), P(n.d(n.published + dt.timedelta(days=5)), st["cell"])])
    t = Table(rows, colWidths=[look.width * 0.3, look.width * 0.7], hAlign="LEFT", splitInRow=1)
    t.setStyle(grid_style(look, [0], shade=rng.random() < 0.6))
    story += [t, Spacer(1, 10)]
    story += extra_sections(n, look)
    sigs = ordered_sigs(n, maker_first=True) if n.rank != "ce" else [n.maker_sig(None if rng.random() < 0.5 else "decision")]
    story += sig_flow(n, look, sigs, rng.choice(["lines", "table", "blocks"]))
    return finish(n, story, look, furniture(n, look))


def fam_report_decision_sheet(n: Notice, look: Look) -> bytes:
    """A report in numbered sections (1. Purpose … n. Recommendation), then a separate decision sheet page."""
    rng = n.rng
    st = look.styles
    if rng.random() < 0.07:
        n.maker = None
    story = letterhead(n, look) + stamp(n, look)
    if rng.random() < 0.3:  # a covering note with a date of its own
        cover = [(look.label("To", colon=True), n.maker_role_printed),
                 (look.label("From", colon=True), rng.choice(["Chief Executive", "Chief Finance Officer", "Head of Governance"])),
                 (look.label("Date", colon=True), n.d(n.received))]
        story.append(P(rng.choice(["Covering note", "COVERING LETTER", "Submission for decision"]), st["doctype"]))
        story += [P(f"{a} {b}", st["body"]) for a, b in cover]
        story.append(P(rng.choice(["Please find attached a report for your decision.",
                                   "The attached report is submitted for the Commissioner's decision. The recommendation is set out in the report.",
                                   "I attach the report and the decision sheet for signature."]), st["body"]))
        story.append(PageBreak())
    story.append(P(rng.choice([f"Report to the {n.maker_role_printed}", "Report to the Commissioner", "REPORT FOR DECISION",
                               "Commissioner's Decision Report"]), st["doctype"]))
    meta = [(look.label(rng.choice(["Subject", "Title", "Report title"])), n.title)]
    if n.originator:
        meta.append((look.label(rng.choice(["Report by", "Author", "Report of"])), n.originator))
    if n.report_date:
        meta.append((look.label(rng.choice(["Date", "Date of report", "Report date"])), n.d(n.report_date)))
    if rng.random() < 0.3:
        meta.append((look.label("Agenda item"), str(rng.randint(3, 11))))
    rows = [[P(a, st["cellbold"]), P(b, st["cell"])] for a, b in meta]
    t = Table(rows, colWidths=[look.width * 0.25, look.width * 0.75], hAlign="LEFT")
    t.setStyle(grid_style(look, [0], shade=False))
    story += [t, Spacer(1, 8)] + instruction_flow(n, look)
    i = 1
    story += section(look, rng.choice(["Purpose", "Purpose of the report", "Executive summary", "Summary"]), n.summary, f"{i}.")
    for h, texts in n.topic.extra:
        i += 1
        story += section(look, h, texts, f"{i}.")
        if h == "Financial implications":
            story += cost_table(n, look)
    if n.recommendation:
        i += 1
        story += section(look, rng.choice(["Recommendation", "Recommendations"]), n.recommendation, f"{i}.")
    if n.conf.sentence and n.conf.sentence_in == "own":
        i += 1
        story += section(look, "Publication", [n.conf.sentence], f"{i}.")
    if n.conf.withheld:
        i += 1
        story += heading(look, "Appendices", f"{i}.") + paras(look, [x for x, _ in n.conf.withheld])
    story.append(PageBreak())
    story.append(P(rng.choice(["DECISION SHEET", "Decision Sheet", f"Decision of the {n.maker_role_printed}", "PCC DECISION"]), st["doctype"]))
    rows = [[P(look.label(pick(rng, C.REF_LABELS[:8])), st["cellbold"]), P(n.reference, st["cell"])],
            [P(look.label(rng.choice(["Title", "Subject", "Decision title"])), st["cellbold"]), P(n.title, st["cell"])]]
    for k, v in status_rows(n, look):
        rows.append([Paragraph(k, st["cellbold"]), Paragraph(v, st["cell"])])
    t = Table(rows, colWidths=[look.width * 0.25, look.width * 0.75], hAlign="LEFT")
    t.setStyle(grid_style(look, [0]))
    story += [t, Spacer(1, 8)]
    story += heading(look, rng.choice(["Decision", "Decision of the Commissioner", "I have decided"]))
    story += paras(look, n.decision)
    if rng.random() < 0.5:
        story += heading(look, "Declaration") + [P(rng.choice([
            "I confirm that I have considered whether I have any personal or prejudicial interest in this matter and have none to declare.",
            "I have no personal or prejudicial interest in this matter."]), st["body"])]
    sigs = [n.maker_sig()] + n.officers
    if n.officers and rng.random() < 0.5:
        story += heading(look, rng.choice(["Officer approval", "Statutory officer sign-off", "Advice of statutory officers"]))
    story += sig_flow(n, look, sigs, rng.choice(["table", "lines", "pairs"]))
    return finish(n, story, look, furniture(n, look))


def fam_minutes_resolved(n: Notice, look: Look) -> bytes:
    """Minutes of a decision meeting: present, apologies, items, 'RESOLVED: that …', signed by the chair later."""
    rng = n.rng
    st = look.styles
    n.recommendation = None
    n.report_date = None
    n.originator = None
    story = letterhead(n, look) + stamp(n, look)
    board = rng.choice(["Decision Meeting", "Strategic Board", "Accountability and Decision Board", "Governance Board",
                        "Strategic Planning and Decision Meeting"])
    story.append(P(f"Minutes of the {rng.choice(['Commissioner', 'Police and Crime Commissioner', 'PCC'])}'s {board}", st["doctype"]))
    where = rng.choice(["Force Headquarters", "the Commissioner's office", "Microsoft Teams", f"{n.area.town} Police Station"])
    story.append(P(f"held on {n.d(n.decision_date)} at {rng.choice(['10.00am', '2.00pm', '9.30am', '11.15am'])}, {where}", st["body"]))
    present = [f"{n.maker} ({n.maker_role_printed}) (Chair)"] + [f"{C.person(rng)} ({x})" for x in rng.sample(
        ["Chief Executive", "Chief Finance Officer", "Chief Constable", "Deputy Chief Constable", "Head of Policy", "Assistant Chief Officer"], 3)]
    story.append(Paragraph(f"<b>{esc(look.label('Present', colon=True))}</b> {esc('; '.join(present))}", st["body"]))
    if rng.random() < 0.6:
        story.append(Paragraph(f"<b>{esc(look.label('Apologies', colon=True))}</b> {esc(C.person(rng))}", st["body"]))
    for k, v in status_rows(n, look):
        story.append(Paragraph(f"<b>{k}</b> {v}", st["body"]))
    story.append(Spacer(1, 6))
    prev = n.decision_date - dt.timedelta(days=rng.choice([14, 21, 28, 35]))
    items = [("Declarations of interest", ["There were no declarations of interest."]),
             ("Minutes of the previous meeting", [f"The minutes of the meeting held on {n.d(prev)} were agreed as a correct record."])]
    k0 = len(items) + 1
    story += instruction_flow(n, look)
    for i, (h, texts) in enumerate(items, 1):
        story += heading(look, h, f"{i}.") + paras(look, texts)
    story.append(Paragraph(f"<b>{k0}.  {esc(n.title)}</b>", ParagraphStyle("mt", parent=st["heading"], textColor=colors.black)))
    story.append(P(f"{look.label(rng.choice(['Decision record', 'Decision number', 'Reference']), colon=True)} {n.reference}", st["body"]))
    story += paras(look, n.summary)
    story += cost_table(n, look)
    if n.conf.sentence and n.conf.sentence_in == "own":
        story.append(Paragraph(f"<b>{esc(look.label('Publication', colon=True))}</b> {esc(n.conf.sentence)}", st["body"]))
    if n.conf.withheld:
        story.append(Paragraph(f"<b>{esc(look.label('Background papers', colon=True))}</b> {esc(' '.join(x for x, _ in n.conf.withheld))}", st["body"]))
    word = rng.choice(["RESOLVED:", "RESOLVED –", "RESOLVED", "Resolved:"])
    dec = [resolved(n, rng)] + n.decision[1:]
    n.decision = dec
    story.append(Paragraph(f"<b>{esc(word)}</b> {esc(dec[0])}", st["body"]))
    story += paras(look, dec[1:])
    story += heading(look, "Any other business", f"{k0 + 1}.") + paras(look, ["There was no other business."])
    story += heading(look, "Date of next meeting", f"{k0 + 2}.") + paras(look, [n.d(n.decision_date + dt.timedelta(days=28))])
    signed = n.decision_date + dt.timedelta(days=rng.choice([14, 21, 28, 35]))
    n.signatories = [Sig(rng.choice(["Chair", n.maker_role_printed]), n.maker, signed, True)]
    sig = [Spacer(1, 16), P(f"{look.label('Signed', colon=True)} ...................................", st["body"])]
    s = n.signatories[0]
    sig += [P(f"{s.name}", st["body"]), P(s.role, st["body"]), P(f"{look.label('Date', colon=True)} {n.d(signed)}", st["body"])]
    story.append(KeepTogether(sig))
    return finish(n, story, look, furniture(n, look))


def resolved(n: Notice, rng: random.Random) -> str:
    a = n.topic.action
    who = rng.choice(["the Commissioner", "the Police and Crime Commissioner", "the PCC"]) if n.area.kind == "pcc" else "the Commissioner"
    if n.rank == "deputy":
        who = "the Deputy Commissioner"
    o = n.outcome
    if o == "approved":
        return rng.choice([f"that {who} approves {a}.", f"that {a} be approved.", f"that {who} agreed {a}."])
    if o == "rejected":
        return rng.choice([f"that {a} is not approved. {n.topic.reject_reason}", f"that {who} declined the request for {a}. {n.topic.reject_reason}"])
    if o == "deferred":
        return rng.choice([f"that the decision be deferred pending {n.topic.defer_pending}.", f"that a decision on {a} be deferred pending {n.topic.defer_pending}."])
    return rng.choice(["that the report be noted.", f"that {who} noted {n.topic.note_object}."])


def fam_tickbox_form(n: Notice, look: Look) -> bytes:
    """A form of tick boxes: type of decision, publication, officer checks (✓/✗), and every outcome listed with one ticked."""
    rng = n.rng
    st = look.styles
    if rng.random() < 0.07:
        n.maker = None
    story = letterhead(n, look) + stamp(n, look)
    story.append(P(rng.choice(["DECISION FORM", "Request for Decision", "Commissioner Decision Form", "Decision Approval Form"]), st["doctype"]))
    story += instruction_flow(n, look)
    w = look.width
    rows = [[P(look.label(pick(rng, C.REF_LABELS[:8])), st["cellbold"]), P(n.reference, st["cell"])],
            [P(look.label(pick(rng, TITLE_LABELS)), st["cellbold"]), P(n.title, st["cell"])]]
    if n.originator:
        rows.append([P(look.label(pick(rng, ORIG_LABELS)), st["cellbold"]), P(n.originator, st["cell"])])
    if n.report_date:
        rows.append([P(look.label(pick(rng, REPORT_DATE_LABELS)), st["cellbold"]), P(n.d(n.report_date), st["cell"])])
    kd = rng.random() < 0.5
    rows.append([P(look.label("Type of decision"), st["cellbold"]), Paragraph(tick_line(look, "", ["Key", "Non-key"], 0 if kd else 1, label=False), st["cell"])])
    for k, v in status_rows(n, look):
        rows.append([Paragraph(k, st["cellbold"]), Paragraph(v, st["cell"])])
    t = Table(rows, colWidths=[w * 0.3, w * 0.7], hAlign="LEFT")
    t.setStyle(grid_style(look, [0]))
    story += [t, Spacer(1, 8)]
    story += section(look, pick(rng, SUMMARY_LABELS), n.summary)
    story += extra_sections(n, look) + cost_table(n, look)
    if n.recommendation:
        story += section(look, pick(rng, REC_LABELS), n.recommendation)
    story += publication_flow(n, look)
    checks = rng.sample(["Legal advice sought", "Financial advice sought", "Equality impact assessment completed", "Chief Constable consulted",
                         "Data protection impact assessment", "Consultation with the Police and Crime Panel"], rng.randint(2, 4))
    crow = [[P(look.label("Check", colon=False), st["cellbold"]), P(look.label("Done", colon=False), st["cellbold"])]]
    for c in checks:
        done = rng.random() < 0.8
        mark = f'<font name="DejaVuSans">{"✓" if done else "✗"}</font>' if look.tick != "ascii" else ("Yes" if done else "No")
        crow.append([P(c, st["cell"]), Paragraph(mark, st["cell"])])
    ct = Table(crow, colWidths=[w * 0.6, w * 0.15], hAlign="LEFT")
    ct.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
    story += heading(look, rng.choice(["Checklist", "Officer checks", "Governance checks"])) + [ct, Spacer(1, 6)]
    # the outcome: every option listed, one ticked
    scheme = rng.choice(["approve", "agree", "full", "table"])
    chosen = {"approved": 0, "rejected": 1, "deferred": 2, None: 3}[n.outcome]
    opts = {"approve": ["Approved", "Not approved", "Deferred", "Noted"], "agree": ["Agreed", "Not agreed", "Deferred", "Noted"],
            "full": ["I approve the recommendation(s)", "I do not approve the recommendation(s)", "I defer a decision", "I note the report"],
            "table": ["Approve", "Reject", "Defer", "Note"]}[scheme]
    if n.outcome in ("approved", "rejected") and rng.random() < 0.4:
        opts, chosen = opts[:2], chosen  # forms that list only the two outcomes
    story += heading(look, rng.choice(["Decision", "Commissioner's decision", "Outcome"]))
    if scheme == "table":
        sym = "DejaVuSans"
        orow = [[P(o, st["cell"]), Paragraph(f'<font name="{sym}">✓</font>' if i == chosen else "", st["cell"])] for i, o in enumerate(opts)]
        ot = Table(orow, colWidths=[w * 0.4, w * 0.12], hAlign="LEFT")
        ot.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]))
        story += [ot, Spacer(1, 6)]
    elif rng.random() < 0.5:
        story.append(Paragraph(tick_line(look, "", opts, chosen, label=False), st["body"]))
    else:
        for i, o in enumerate(opts):
            story.append(Paragraph(f"{look.box(i == chosen)}  {esc(o)}", st["body"]))
    story += heading(look, rng.choice(["Decision details", "Details of the decision", "Decision wording", "Comments"]))
    story += paras(look, n.decision)
    story += sig_flow(n, look, ordered_sigs(n), rng.choice(["table", "lines", "pairs"]))
    return finish(n, story, look, furniture(n, look))


# ---- holdout families -----------------------------------------------------------------------------


def fam_sidebar_columns(n: Notice, look: Look) -> bytes:
    """Two frames: a shaded sidebar of facts (label above value) beside the narrative; later pages full width."""
    rng = n.rng
    st = look.styles
    w, h = look.pagesize
    side_w = rng.uniform(0.27, 0.33) * look.width
    gap = 6 * mm
    left_side = rng.random() < 0.7
    usable_h = h - look.margin_t - look.margin_b
    top_band = 28 * mm
    side_x = look.margin_l if left_side else look.margin_l + look.width - side_w
    main_x = look.margin_l + side_w + gap if left_side else look.margin_l
    main_w = look.width - side_w - gap
    head = Frame(look.margin_l, look.margin_b + usable_h - top_band, look.width, top_band, id="head", leftPadding=0, rightPadding=0)
    side = Frame(side_x, look.margin_b, side_w, usable_h - top_band, id="side", leftPadding=6, rightPadding=6, topPadding=6)
    main = Frame(main_x, look.margin_b, main_w, usable_h - top_band, id="main", leftPadding=0, rightPadding=0)
    full = Frame(look.margin_l, look.margin_b, look.width, usable_h, id="full", leftPadding=0, rightPadding=0)
    shade = colors.HexColor(rng.choice(["#eef2f7", "#f3efe6", "#eeeeee", "#e9f3ec"]))

    def first_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(shade)
        canvas.rect(side_x, look.margin_b, side_w, usable_h - top_band, stroke=0, fill=1)
        canvas.restoreState()

    templates = [PageTemplate(id="first", frames=[head, side, main], onPage=first_page), PageTemplate(id="later", frames=[full])]
    story: list = [NextPageTemplate("later")]
    story += [P(n.body, st["letterhead"])]
    if n.letterhead_person:
        story.append(P(n.letterhead_person, st["small"]))
    story += stamp(n, look)
    story.append(P(rng.choice(["Decision", "Commissioner's decision", "Decision notice", "Our decision"]), st["smallgrey"]))
    story.append(FrameBreak())
    lab = ParagraphStyle("sl", parent=st["smallgrey"], fontName=look.bold, fontSize=look.size - 2, leading=look.size)
    val = ParagraphStyle("sv", parent=st["small"], spaceAfter=6)
    facts = [(pick(rng, C.REF_LABELS[:7]), n.reference), (rng.choice(["Decided", "Date of decision", "Decision date"]), n.d(n.decision_date)),
             (rng.choice(["Decided by", "Decision maker"]), n.maker), ("Role", n.maker_role_printed)]
    if n.originator:
        facts.append((rng.choice(["Contact", "Report author", "Lead officer"]), n.originator))
    if n.report_date:
        facts.append((rng.choice(["Report date", "Report submitted"]), n.d(n.report_date)))
    if rng.random() < 0.4:
        facts.append(("Review date", n.d(n.review)))
    if rng.random() < 0.3:
        facts.append(("Published", n.d(n.published)))
    rng.shuffle(facts)
    side_story = []
    for k, v in facts:
        side_story += [P(look.label(k, colon=False, case="upper" if rng.random() < 0.5 else None), lab), P(v, val)]
    for k, v in status_rows(n, look):
        side_story += [Paragraph(k.rstrip(":"), lab), Paragraph(v, val)]
    if n.conf.withheld:
        side_story += [P("Not published", lab)] + [P(x, val) for x, _ in n.conf.withheld]
    story += side_story + [FrameBreak()]
    tst = ParagraphStyle("st", parent=st["title"], fontSize=look.size + rng.choice([5, 7, 9]), leading=(look.size + 9) * 1.15)
    story += instruction_flow(n, look)
    story.append(P(n.title, tst))
    lede = ParagraphStyle("lede", parent=st["body"], fontSize=look.size + 1, leading=(look.size + 1) * 1.35, textColor=colors.HexColor("#333333"))
    story += [P(x, lede) for x in n.summary]
    for hh, texts in n.topic.extra:
        story += section(look, hh, texts)
    if n.recommendation:
        story += section(look, rng.choice(["What was recommended", "Recommendation", "The proposal"]), n.recommendation)
    if n.conf.sentence and n.conf.sentence_in == "own":
        story += section(look, "Publication", [n.conf.sentence])
    box = [Paragraph(look.heading_markup(rng.choice(["The decision", "Decision", "What the Commissioner decided"])), st["heading"])] + paras(look, n.decision)
    bt = Table([[box]], colWidths=[main_w], splitInRow=1)
    bt.setStyle(TableStyle([("LINEBEFORE", (0, 0), (0, -1), 3, look.accent), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fafafa"))]))
    story += [Spacer(1, 6), bt, Spacer(1, 6)]
    story += cost_table(n, look)
    sigs = ordered_sigs(n)
    story += sig_flow(n, look, sigs, rng.choice(["blocks", "lines"]))
    f = furniture(n, look)
    f.skip_first_header = True
    return finish(n, story, look, f, templates=templates)


def fam_landscape_matrix(n: Notice, look: Look) -> bytes:
    """Landscape: a register-style row of facts (column headings above values), then summary, recommendation and decision side by side."""
    rng = n.rng
    st = look.styles
    w = look.width
    small = ParagraphStyle("ls", parent=st["cell"], fontSize=look.size - 0.5, leading=(look.size - 0.5) * 1.25)
    hd = ParagraphStyle("lh", parent=st["cellbold"], textColor=colors.white if rng.random() < 0.5 else colors.black)
    story = [P(n.body, st["letterhead"])] + stamp(n, look)
    story.append(P(rng.choice(["DECISION LOG", "Decisions register – entry", "Commissioner's decision schedule", "Decision matrix"]), st["doctype"]))
    cols = [(rng.choice(["Ref", "No.", "Decision no."]), n.reference), (rng.choice(["Subject", "Decision", "Matter"]), n.title),
            (rng.choice(["Decision maker", "By"]), n.maker), (rng.choice(["Date", "Date of decision", "Decided"]), n.d(n.decision_date))]
    if n.originator:
        cols.append((rng.choice(["Lead officer", "Author"]), n.originator))
    if n.report_date:
        cols.append(("Report date", n.d(n.report_date)))
    cols = [(esc(k), esc(v)) for k, v in cols] + [(k.rstrip(":"), v) for k, v in status_rows(n, look)]
    head = cols[:2]
    rest = cols[2:]
    rng.shuffle(rest)
    cols = head + rest
    widths = [w * 0.15, w * 0.27] + [w * 0.58 / (len(cols) - 2)] * (len(cols) - 2)
    t = Table([[Paragraph(k, hd) for k, _ in cols], [Paragraph(v, small) for _, v in cols]], colWidths=widths, hAlign="LEFT")
    bg = look.accent if hd.textColor == colors.white else colors.HexColor("#dddddd")
    ts = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), bg)])
    t.setStyle(ts)
    story += [t, Spacer(1, 10)] + instruction_flow(n, look)
    three = [(rng.choice(["Summary of issue", "Background", "Issue"]), n.summary)]
    if n.recommendation:
        three.append((rng.choice(["Recommendation", "Officer recommendation"]), n.recommendation))
    three.append((rng.choice(["Decision", "Commissioner's decision", "Outcome"]), n.decision))
    cw = w / len(three)
    t2 = Table([[Paragraph(look.heading_markup(k), hd) for k, _ in three], [[P(x, small) for x in v] for _, v in three]],
               colWidths=[cw] * len(three), hAlign="LEFT", splitInRow=1, repeatRows=1)
    t2.setStyle(ts)
    story += [t2, Spacer(1, 10)]
    story += publication_flow(n, look)
    for hh, texts in n.topic.extra:
        story += section(look, hh, texts)
    story += cost_table(n, look)
    sigs = ordered_sigs(n, maker_first=rng.random() < 0.5)
    n.signatories = sigs
    hdr = [Paragraph(esc(x), hd) for x in ["Signatory", "Name", "Signature", "Date"]]
    srows = [hdr] + [[P(s.role, small), P(s.name or "", small), P("", small), P(n.d(s.date), small)] for s in sigs]
    if rng.random() < 0.5:  # transposed: one column per signatory
        srows = [list(r) for r in zip(*srows, strict=True)]
        st3 = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("BACKGROUND", (0, 0), (0, -1), bg)])
    else:
        st3 = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), bg)])
    sgt = Table(srows, hAlign="LEFT", colWidths=None)
    sgt.setStyle(st3)
    story += [KeepTogether([Spacer(1, 8), sgt])]
    return finish(n, story, look, furniture(n, look))


def fam_memo_endorsement(n: Notice, look: Look) -> bytes:
    """An internal memo to the Commissioner (To/From/Date/Subject, dated the report date), endorsed at the foot with the decision."""
    rng = n.rng
    st = look.styles
    if not n.originator:
        n.originator = n.originator_name
    if not n.report_date:
        n.report_date = C.working_day(n.decision_date - dt.timedelta(days=rng.randint(2, 30)))
    story = [P(rng.choice(["MEMORANDUM", "Internal Memo", "BRIEFING NOTE", "Briefing Note for the Commissioner", "Submission"]), st["doctype"])]
    story.append(P(n.body, st["small"]))
    story += stamp(n, look)
    to = rng.choice([n.maker_role_printed, f"{n.maker}, {n.maker_role_printed}"])
    rows = [("To", to), ("From", n.originator), ("Date", n.d(n.report_date)), ("Subject", n.title)]
    if rng.random() < 0.5:
        rows.insert(2, ("CC", f"{C.person(rng)}, Chief Executive"))
    if rng.random() < 0.4:
        rows.append(("Copy to", "Chief Finance Officer"))
    lines = []
    for k, v in rows:
        lines.append([P(look.label(k, colon=True), st["cellbold"]), P(v, st["cellbold" if k == "Subject" else "cell"])])
    for k, v in status_rows(n, look):
        lines.append([Paragraph(k, st["cellbold"]), Paragraph(v, st["cell"])])
    t = Table(lines, colWidths=[look.width * 0.16, look.width * 0.84], hAlign="LEFT")
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [t, Spacer(1, 10)] + instruction_flow(n, look)
    story += section(look, rng.choice(["Issue", "Purpose", "The issue", "Summary"]), n.summary)
    for hh, texts in n.topic.extra:
        story += section(look, rng.choice([hh, hh.upper()]), texts)
    story += cost_table(n, look)
    if n.recommendation:
        story += section(look, rng.choice(["Recommendation", "Advice", "Action required"]), n.recommendation)
    story += publication_flow(n, look)
    officer_sigs = n.officers
    pre = sig_flow(n, look, officer_sigs, "lines") if officer_sigs else []
    story += pre
    # the endorsement
    endorse = [Paragraph(f"<b>{esc(rng.choice(['COMMISSIONER’S ENDORSEMENT', 'For completion by the Commissioner', 'PCC RESPONSE', 'Decision of the Commissioner']))}</b>", st["body"])]
    endorse += paras(look, n.decision, "cell")
    endorse += [Spacer(1, 14), P(look.label("Signed", colon=True) + " ......................................", st["cell"])]
    if n.maker:
        endorse.append(P(n.maker, st["cell"]))
    endorse.append(P(n.maker_role_printed, st["cell"]))
    endorse.append(P(f"{look.label('Date', colon=True)} {n.d(n.decision_date)}", st["cell"]))
    et = Table([[endorse]], colWidths=[look.width], splitInRow=1)
    et.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.5, look.accent), ("TOPPADDING", (0, 0), (-1, -1), 6),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    story += [CondPageBreak(55 * mm), Spacer(1, 10), et]
    n.signatories = list(officer_sigs) + [n.maker_sig()]
    office = [Spacer(1, 8), P(f"{look.label(rng.choice(['For office use only', 'OPCC use only']), colon=True)} "
                               f"{look.label(rng.choice(['Decision log no.', 'Log ref', 'Decision number']), colon=True)} {n.reference}   "
                               f"{look.label('Date logged', colon=True)} {n.d(n.decision_date + dt.timedelta(days=rng.randint(1, 6)))}", st["small"])]
    story += office
    return finish(n, story, look, furniture(n, look))


RENDER = {
    "quad-grid": fam_quad_grid, "stacked-cards": fam_stacked_cards, "right-labels": fam_right_labels, "colon-list": fam_colon_list,
    "footer-block": fam_footer_block, "bilingual-cy": fam_bilingual_cy, "delegated-letter": fam_delegated_letter,
    "council-rod": fam_council_rod, "report-decision-sheet": fam_report_decision_sheet, "minutes-resolved": fam_minutes_resolved,
    "tickbox-form": fam_tickbox_form, "sidebar-columns": fam_sidebar_columns, "landscape-matrix": fam_landscape_matrix,
    "memo-endorsement": fam_memo_endorsement,
}
assert list(RENDER) == FAMILIES


# ---- public entry points ------------------------------------------------------------------------


def finish(n: Notice, story: list, look: Look, f: Furniture, *, templates: list | None = None) -> bytes:
    """Now and then an appendix after the signatures (a timetable, more pages); then typeset."""
    rng = n.rng
    if rng.random() < 0.15 and n.family != "footer-block":
        letter = rng.choice(["A", "1", "B"])
        story += [PageBreak()] + heading(look, f"{rng.choice(['Appendix', 'Annex'])} {letter} – {rng.choice(['Implementation timetable', 'Project plan', 'Key milestones'])}")
        start = n.decision_date
        rows = [["Milestone", "Target date", "Owner"]]
        for i, what in enumerate(rng.sample(["Contract award", "Mobilisation", "Go-live", "Post-implementation review", "Staff briefing",
                                             "Site survey", "Decommissioning of old system", "Benefits review"], rng.randint(3, 6))):
            rows.append([what, C.fmt_date(start + dt.timedelta(days=30 * (i + 1)), "short"), rng.choice(C.OFFICER_TITLES)])
        t = Table(rows, hAlign="LEFT")
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("FONT", (0, 0), (-1, -1), look.regular, min(look.size, 9.5)),
                               ("FONT", (0, 0), (-1, 0), look.bold, min(look.size, 9.5))]))
        story += [t, Spacer(1, 8)]
        for _ in range(rng.randint(2, 12)):
            story += paras(look, [" ".join(rng.sample(C.FILLER, rng.randint(3, 6)))])
    return build(story, look, f, templates=templates)


def make_notice(rng: random.Random, family: str | None = None, scanned: bool = False) -> tuple[bytes, dict]:
    """One notice: PDF bytes and its truth dict (``shared/corpus/README.md``, kind ``decision``)."""
    family = family or rng.choice(FAMILIES)
    if family not in RENDER:
        raise ValueError(f"unknown family {family!r}; choose from {', '.join(FAMILIES)}")
    n = make_notice_content(rng, family)
    look = Look.random(rng, landscape_page=family == "landscape-matrix")
    pdf = RENDER[family](n, look)
    truth = n.truth(scanned)
    if scanned:
        pdf = scan(pdf, rng)
    return pdf, truth


def write_corpus(out_dir: Path, seed: int, count: int, scanned_share: float = 0.0, families: list[str] | None = None) -> list[Path]:
    """Write ``gen_<seed>_<i>.pdf`` and ``gen_<seed>_<i>.truth.json``; families are dealt round-robin."""
    return _pdf.write_corpus(make_notice, "gen", out_dir, seed, count, scanned_share, families or FAMILIES)


def main(argv: list[str] | None = None) -> int:
    return _pdf.corpus_main(argv, __doc__.splitlines()[0], FAMILIES, write_corpus, "notices")


if __name__ == "__main__":
    raise SystemExit(main())
