"""Panel papers in the layouts the corpus lacks, typeset here with reportlab, read by meaning.

* an agenda-item cover report whose items are label blocks ("Item 1: Sussex Rape Crisis" /
  "Amount: £49,834.30" / "Date of payment: 11th May 2020" / "Purpose: ..."), one of them
  with an amount that cannot be read;
* a cover report explaining each item under its supplier's name, with an appendix table
  (Ref / Date / Supplier / Description / Amount (£)) on its second page;
* a paper naming its items in prose ("A payment of £16,258.50 was made to Dandelion Time on ...").

Every supplier, sum and person is invented.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.extract import extract
from ingest.panel import parse_panel_report
from ingest.pdf import Document, Line, Page, Word

WIDTH, HEIGHT = A4
LEFT = 60
LINE = 15


class Writer:
    """Lines of text placed top-down on A4 pages, with cells at given x positions."""

    def __init__(self, path: Path):
        self.pdf = canvas.Canvas(str(path), pagesize=A4)
        self.y = HEIGHT - 60

    def line(self, *cells: tuple[float, str], size: float = 10, bold: bool = False, gap: float = 0) -> None:
        self.y -= gap
        if self.y < 70:
            self.page()
        self.pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        for x, text in cells:
            self.pdf.drawString(x, self.y, text)
        self.y -= LINE + (size - 10)

    def text(self, *lines: str, gap: float = 8) -> None:
        for i, text in enumerate(lines):
            self.line((LEFT, text), gap=gap if i == 0 else 0)

    def page(self) -> None:
        self.pdf.showPage()
        self.y = HEIGHT - 60

    def save(self) -> None:
        self.pdf.save()


def one_page(texts: list[str]) -> Document:
    """A page of lines set 20 points apart, each one text run, as a text layer gives them."""
    lines = [Line(t, 1, 60.0 + 20 * i, 70.0 + 20 * i, 60, 400, [Word(t, 60, 400, 60.0 + 20 * i, 70.0 + 20 * i)])
             for i, t in enumerate(texts)]
    return Document(Path("memo.pdf"), "0" * 64, [Page(1, 595, 842, lines)])


def cover(w: Writer, title: str) -> None:
    w.line((LEFT, "SUSSEX POLICE AND CRIME PANEL"), size=13, bold=True)
    w.line((LEFT, "Agenda Item 6"), gap=4)
    w.line((LEFT, "Meeting date: Friday 26 June 2020"), gap=4)
    w.line((LEFT, title), size=16, bold=True, gap=8)
    w.line((LEFT, "Report by: Imran Okafor, Chief Finance Officer"), gap=6)


def test_label_blocks_of_an_agenda_item_cover_report(tmp_path):
    path = tmp_path / "agenda-item.pdf"
    w = Writer(path)
    cover(w, "Commissioner's spending: items chosen by Members")
    w.text("1. The Panel's officers chose the following payments from the published spend over £500.")
    blocks = [
        ("Item 1: Sussex Rape Crisis", "£49,834.30", "11th May 2020", "Independent sexual violence advisers",
         ["The advisers support victims through the criminal justice process. The grant is paid quarterly."]),
        ("Item 2: Downland Mediation CIC", "£2,150", "18/05/2020", "Neighbour mediation service",
         ["Mediation resolves disputes before they become crimes."]),
        ("Item 3: Weald Youth Boxing Club", "£3,9O0.00", "20 May 20", "Diversion project", ["Sessions run twice a week."]),
    ]
    for marker, amount, date, purpose, narrative in blocks:
        w.line((LEFT, marker), bold=True, gap=10)
        w.line((LEFT, "Amount:"), (170, amount))
        w.line((LEFT, "Date of payment:"), (170, date))
        w.line((LEFT, "Purpose:"), (170, purpose))
        w.text(*narrative)
    w.line((LEFT, "2. Recommendation"), bold=True, gap=12)
    w.text("The Panel is asked to note the report.")
    w.save()

    report = extract(path)
    assert report.kind == "panel_report"
    assert (report.title, report.date, report.meeting) == (
        "Commissioner's spending: items chosen by Members", dt.date(2020, 6, 26), dt.date(2020, 6, 26))
    assert report.author == "Imran Okafor, Chief Finance Officer"
    assert report.recipient == "SUSSEX POLICE AND CRIME PANEL"
    got = [(i.supplier, i.amount, i.date, i.description) for i in report.items]
    assert got == [
        ("Sussex Rape Crisis", Decimal("49834.30"), dt.date(2020, 5, 11), "Independent sexual violence advisers"),
        ("Downland Mediation CIC", Decimal("2150.00"), dt.date(2020, 5, 18), "Neighbour mediation service"),
        ("Weald Youth Boxing Club", None, dt.date(2020, 5, 20), "Diversion project"),
    ]
    assert report.items[0].narrative == blocks[0][4][0]
    assert report.items[1].narrative == "Mediation resolves disputes before they become crimes."
    flags = [(f.field, f.reason) for f in report.review]
    assert flags == [("items[2]", "the amount could not be read: '£3,9O0.00'")]


def test_an_appendix_table_with_the_narrative_under_each_suppliers_name(tmp_path):
    path = tmp_path / "appendix.pdf"
    w = Writer(path)
    w.line((LEFT, "To: Sussex Police and Crime Panel"))
    w.line((LEFT, "From: Katy Harcourt, Police and Crime Commissioner"))
    w.line((LEFT, "Subject: Selected items of expenditure"))
    w.line((LEFT, "Date: 3 March 2024"))
    w.line((LEFT, "Explanation of the items"), bold=True, gap=14)
    w.line((LEFT, "Lantern Restorative Justice"), bold=True, gap=6)
    w.text("The service brings victims and offenders together where both agree.", "It is funded from the Victims' Fund.", gap=2)
    w.line((LEFT, "Harbour Street Pastors"), bold=True, gap=10)
    w.text("Volunteers patrol the night-time economy on Friday and Saturday nights.", gap=2)
    w.page()
    w.line((LEFT, "Appendix A - Items selected by the Panel"), bold=True)
    columns = (LEFT, 95, 170, 330, 470)
    w.line(*zip(columns, ["Ref", "Date", "Supplier", "Description", "Amount (£)"], strict=True), bold=True, gap=8)
    w.line(*zip(columns, ["1", "04/12/2023", "Lantern Restorative", "Restorative justice", "12,500.00"], strict=True), gap=4)
    w.line((170, "Justice"), (330, "service"))
    w.line(*zip(columns, ["2", "15/12/2023", "Harbour Street Pastors", "Night-time patrols", "3,040.75"], strict=True), gap=6)
    w.line((170, "Total"), (470, "15,540.75"), bold=True, gap=6)  # in the supplier column, and not an item
    w.save()

    report = extract(path)
    assert (report.title, report.date, report.author, report.recipient) == (
        "Selected items of expenditure", dt.date(2024, 3, 3), "Katy Harcourt, Police and Crime Commissioner",
        "Sussex Police and Crime Panel")
    got = [(i.supplier, i.amount, i.date, i.description) for i in report.items]
    assert got == [
        ("Lantern Restorative Justice", Decimal("12500.00"), dt.date(2023, 12, 4), "Restorative justice service"),
        ("Harbour Street Pastors", Decimal("3040.75"), dt.date(2023, 12, 15), "Night-time patrols"),
    ]
    assert report.items[0].narrative == ("The service brings victims and offenders together where both agree. "
                                         "It is funded from the Victims' Fund.")
    assert report.items[1].narrative == "Volunteers patrol the night-time economy on Friday and Saturday nights."
    assert report.review == []


def test_items_named_in_prose_keep_their_paragraphs(tmp_path):
    path = tmp_path / "prose.pdf"
    w = Writer(path)
    w.line((LEFT, "From: Matthew Scott, Police and Crime Commissioner"))
    w.line((LEFT, "To: Kent and Medway Police and Crime Panel"))
    w.line((LEFT, "Subject: Update on expenditure"))
    w.line((LEFT, "Date: 19 July 2018"))
    w.text("A payment of £16,258.50 was made to Dandelion Time on 18 April 2018, the first of two instalments of", gap=14)
    w.text("a continuation grant of £32,517.", gap=0)
    w.text("Dandelion Time provide farm-based therapy for children who have been victims of abuse.")
    w.text("SignHealth received £15,944.50 on 18 April 2018 for DeafHope, an advocacy service in sign language.")
    w.text("The contract for interpreting, worth £120,000, began on 1 April 2018.")
    w.save()

    report = extract(path)
    got = [(i.supplier, i.amount, i.date) for i in report.items]
    assert got == [("Dandelion Time", Decimal("16258.50"), dt.date(2018, 4, 18)),
                   ("SignHealth", Decimal("15944.50"), dt.date(2018, 4, 18))]
    assert report.items[0].narrative == (
        "A payment of £16,258.50 was made to Dandelion Time on 18 April 2018, the first of two instalments of a "
        "continuation grant of £32,517. Dandelion Time provide farm-based therapy for children who have been victims of abuse.")
    assert report.items[1].narrative.startswith("SignHealth received £15,944.50")


def test_label_blocks_whose_first_label_shares_the_item_markers_line():
    texts = ["To: Sussex Police and Crime Panel", "Subject: Items selected", "Date: 3 March 2024",
             "Item 1: Supplier: Sussex Rape Crisis", "Amount: £49,834.30", "Date of payment: 11th May 2020", "Purpose: Advisers",
             "Item 2: Payee: Downland Mediation CIC", "Value: £2,150", "Paid on: 18/05/2020"]
    report = parse_panel_report(one_page(texts))
    assert [(i.supplier, i.amount, i.date, i.description) for i in report.items] == [
        ("Sussex Rape Crisis", Decimal("49834.30"), dt.date(2020, 5, 11), "Advisers"),
        ("Downland Mediation CIC", Decimal("2150.00"), dt.date(2020, 5, 18), None),
    ]
    assert (report.recipient, report.title, report.date) == ("Sussex Police and Crime Panel", "Items selected", dt.date(2024, 3, 3))


def test_an_item_heading_without_its_date_takes_a_labelled_date_under_it_or_is_flagged_not_dated_by_a_guess():
    texts = ["From: Jane Holloway, Police and Crime Commissioner", "To: Wessex Police and Crime Panel",
             "Subject: Items selected by Members", "Date: 3 March 2024",
             "Hillside Rural Crime Partnership - £4,400.00:", "The partnership buys trail cameras for farms.",
             "Bridge Mediation Trust: £78,500 - 27 Apr 2023", "The trust mediates neighbour disputes.",
             "Safe Steps Independent Advocacy - £59,300.00:", "Purpose: Stalking advocacy", "Date of payment: 25/04/2023",
             "A continuation grant."]
    report = parse_panel_report(one_page(texts))
    assert [(i.supplier, i.amount, i.date) for i in report.items] == [
        ("Hillside Rural Crime Partnership", Decimal("4400.00"), None),
        ("Bridge Mediation Trust", Decimal("78500.00"), dt.date(2023, 4, 27)),
        ("Safe Steps Independent Advocacy", Decimal("59300.00"), dt.date(2023, 4, 25)),  # its date labelled under it
    ]
    assert report.items[2].narrative == "A continuation grant."
    assert report.items[0].narrative == "The partnership buys trail cameras for farms."
    assert [(f.field, f.reason) for f in report.review] == [("items[0]", "no date of payment is printed with the item")]


def test_a_cover_without_labels_gives_its_title_recipient_and_a_byline_author():
    report = parse_panel_report(one_page([
        "WESSEX POLICE AND CRIME PANEL", "Report of the Police and Crime Commissioner", "Meeting date: 12 March 2024",
        "Bridge Mediation Trust: £78,500 - 27 Apr 2023", "The trust mediates neighbour disputes."]))
    assert (report.recipient, report.author, report.date, report.meeting) == (
        "WESSEX POLICE AND CRIME PANEL", "Police and Crime Commissioner", dt.date(2024, 3, 12), dt.date(2024, 3, 12))
    assert [f.field for f in report.review] == ["title"]  # no title is printed: flagged, not made up


def test_a_name_ocr_read_with_a_small_l_for_its_capital_i_is_read_and_flagged():
    report = parse_panel_report(one_page([
        "To: Wessex Police and Crime Panel", "Subject: Items selected", "Date: 3 March 2024",
        "(1) Restorative Solutions CIC: £17,110.30, 2/8/21", "(2) lronbridge Digital Ltd: £38,502.04, 13/8/21"]))
    assert [i.supplier for i in report.items] == ["Restorative Solutions CIC", "Ironbridge Digital Ltd"]
    assert [(f.field, f.value) for f in report.review] == [("items[1]", "Ironbridge Digital Ltd"), ("author", None)]
