"""Whether a notice may be published, read from what it says anywhere, failing closed.

Each case is a few printed lines, as a notice's text layer gives them; ``|`` separates the
cells of a line (a grid's label and value). A withheld notice, or one whose statement is
unclear, is confidential and not for publication; passages about something else (a
confidential helpline, exempt from VAT, a form's instructions) withhold nothing.
"""

from __future__ import annotations

import pytest

from ingest.decision_confidentiality import read_confidentiality
from ingest.decision_layout import Cell, Row
from ingest.pdf import Line, Word

LINE_PITCH = 14.0
PARAGRAPH_PITCH = 30.0


def rows(*printed: str) -> list[Row]:
    """Printed lines as rows: ``""`` leaves a paragraph gap, ``|`` splits a line into cells."""
    out, top = [], 72.0
    for text in printed:
        if text == "":
            top += PARAGRAPH_PITCH - LINE_PITCH
            continue
        cells, x = [], 72.0
        for part in text.split("|"):
            part = part.strip()
            width = 5.0 * len(part)
            cells.append(Cell(part, x, x + width))
            x += width + 60.0
        words = [Word(c.text, c.x0, c.x1, top, top + 10.0) for c in cells]
        line = Line(" ".join(c.text for c in cells), 1, top, top + 10.0, cells[0].x0, cells[-1].x1, words)
        out.append(Row(line, cells))
        top += LINE_PITCH
    return out


WITHHELD = [
    ("Status | Exempt – not for publication",),
    ("Exempt information: Yes – security of police premises. This record is", "not for publication."),
    ("OFFICIAL-SENSITIVE",),
    ("[RESTRICTED]",),
    ("Security classification | PROTECT",),
    ("Can this record be published? | No",),
    ("Publication | Do not publish",),
    ("PUBLICATION", "Do not publish"),
    ("Is the decision for publication? Yes ☐ No ☒",),
    ("OPEN ☐ CONFIDENTIAL ☒",),
    ("This report is NOT FOR PUBLICATION. Reason: it contains personal data.",),
    ("Embargo: this decision is not for publication until 20-Jun-2014.",),
    ("NOT FOR PUBLICATION UNTIL 20-JUN-2014",),
    ("Yes. This decision will be published with redactions.",),
    ("Can this record be published? | Only with redactions",),
    ("PART B – NOT FOR PUBLICATION",),
    ("Is there a Part B to this decision?", "Yes – see Part B, which is attached and is not for publication."),
    ("Is any of this information confidential?", "Yes."),
    ("Private and Confidential",),
    ("Cyfrinachol",),
    ("PUBLICATION", "Part 2 – exempt (not for publication): Commercially sensitive – contract negotiations are ongoing"),
    ("Public ☐ Not for publication ☒",),
    ("PUBLISH ON THE WEBSITE: Yes ☐ No ☒",),
    ("Publish on the Website: [ ] Yes [X] No",),
    ("Date submitted | 09/06/2023 | Publication | No",),
    ("Approved by | Is this decision suitable for publication?", "Rhian Varley | Yes □ No ■"),
    ("Ref. No. | Is This Decision Suitable for Publication?", "2015-D-134 | Yes ✗ No ✓"),
    ("Publication | Not for publication - commercially sensitive", "Status:"),
]

OPEN = [
    ("Victims can call a confidential reporting line at any time.",),
    ("Staff can also use the confidential employee assistance service.",),
    ("The training courses are exempt from VAT.",),
    ("The Developer shall submit details to the Council for approval, such approval not to be",
     "unreasonably withheld or delayed by the Council."),
    ("Do not include information which is exempt from publication under Schedule 12A.",),
    ("If the report is not for publication, the Chief Executive will decide if and how the public can be",
     "informed of the decision."),
    ("NOT PROTECTIVELY MARKED",),
    ("Security classification | OFFICIAL",),
    ("Is any of this information confidential?", "No. The whole of this record can be published."),
    ("Publication | Publish in full",),
    ("For publication Yes ☒ No ☐",),
    ("OPEN ☒ CONFIDENTIAL ☐ Reason if Confidential:",),
    ("An equality impact assessment found no adverse impact on any group with a protected characteristic.",),
    ("A procurement exercise was run by the restricted procedure advertised in the Official Journal.",),
    ("This decision is for publication.",),
    ("Not for publication | None",),
    ("The Reserves Strategy is reviewed annually and published alongside the budget.",),
    ("Reasons for the Decision", "The option chosen best balances cost, risk and the operational need."),
    ("DETAILS OF THE DECISION", "The Commissioner approved the purchase of mobile data devices at a cost of £1.9m."),
    ("Public ☒ Not for publication ☐",),
    ("Of Appendix YES ☒ NO ☐ Not for publication.",),
]

PARTS = [
    (("Appendix B – Supplier pricing: not for publication.",), ["Appendix B – Supplier pricing"]),
    (("This paper and the decision will be published. Appendix 1 – Camera locations (security sensitive) is not",
      "for publication."), ["Appendix 1 – Camera locations (security sensitive)"]),
    (("The following is not for publication: Appendix A – Grant agreement.",), ["Appendix A – Grant agreement"]),
    (("PUBLICATION", "Publish in full, except Appendix B – Supplier pricing"), ["Appendix B – Supplier pricing"]),
    (("Not for publication | Schedule 3 – Cost apportionment model",), ["Schedule 3 – Cost apportionment model"]),
    (("Is any of this information confidential?",
      "Yes – Appendix A – Tender report (commercially sensitive). Part B is exempt from publication and is held",
      "separately."), ["Appendix A – Tender report (commercially sensitive)"]),
    (("The enclosure (Appendix B – Provider allocations (draft, subject to negotiation)) is not for publication.",),
     ["Appendix B – Provider allocations (draft, subject to negotiation)"]),
]

UNCLEAR = [
    ("The information in the business case is commercially sensitive and has been withheld.",),
    ("Some of the details below are confidential.",),
    ("Reasons for non-publication | Contains the home addresses of witnesses",),
    ("Part 2 – exempt (not for publication): Commercially sensitive – contract negotiations are ongoing",),
]


@pytest.mark.parametrize("lines", WITHHELD, ids=lambda lines: lines[-1][:50])
def test_a_statement_that_withholds_the_notice_withholds_it(lines):
    found = read_confidentiality(rows(*lines))
    assert (found.classification, found.for_publication) == ("confidential", False)
    assert found.unclear == []


@pytest.mark.parametrize("lines", OPEN, ids=lambda lines: lines[-1][:50])
def test_a_passage_about_something_else_withholds_nothing(lines):
    found = read_confidentiality(rows(*lines))
    assert (found.classification, found.for_publication, found.withheld_parts) == ("open", True, [])


@pytest.mark.parametrize(("lines", "parts"), PARTS, ids=lambda value: value[-1][:50] if isinstance(value, tuple) else "")
def test_a_withheld_part_is_named_as_printed_and_the_notice_stays_open(lines, parts):
    found = read_confidentiality(rows(*lines))
    assert (found.classification, found.withheld_parts) == ("open", parts)


@pytest.mark.parametrize("lines", UNCLEAR, ids=lambda lines: lines[-1][:50])
def test_an_unclear_statement_holds_the_notice_and_says_why(lines):
    found = read_confidentiality(rows(*lines))
    assert (found.classification, found.for_publication) == ("confidential", False)
    assert found.unclear and all(reading.why for reading in found.unclear)


def test_an_open_statement_outweighs_an_unclear_one():
    found = read_confidentiality(rows("Is the report for publication? YES ☒ NO ☐", "",
                                      "Some of the details below are confidential."))
    assert (found.classification, found.for_publication) == ("open", True)


def test_nothing_said_about_publication_is_open_and_unflagged():
    found = read_confidentiality(rows("Decision", "I approve the purchase of two vehicles for £48,000."))
    assert (found.classification, found.for_publication, found.unclear) == ("open", True, [])
