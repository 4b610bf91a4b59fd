"""Decision notices read from PDFs: what the parser must get right, on real notices.

The fixtures in tests/fixtures/decisions are corpus notices with their truth files:
both seeds (Kent "Record of Decision", Essex "PCC Decision Report"), a numbered
report, a grid form, simple records, and two confidential notices.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from decimal import Decimal
from pathlib import Path

import pytest

from ingest.decision_layout import checkboxes, join_lines, looks_like_name
from ingest.decision_vocab import match_labels, normalise_role, outcome_of
from ingest.decisions import parse_decision
from ingest.extract import detect_kind, extract
from ingest.pdf import Document, Line, Page, Word, read_pdf
from opcc.core.text import comparable

FIXTURES = Path(__file__).parent / "fixtures" / "decisions"
NOTICES = sorted(FIXTURES.glob("*.pdf"))
SHORT = ("reference", "title", "body", "decision_maker", "decision_maker_role", "originator")
EXACT = ("decision_date", "report_date", "classification", "for_publication", "outcome")
NARRATIVE = ("summary", "recommendation", "decision")


def truth_of(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix("").with_suffix(".truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    """Every fixture notice extracted once, as the JSON the truth files are written in."""
    return {pdf.name: extract(pdf).model_dump(mode="json") for pdf in NOTICES}


@pytest.mark.parametrize("pdf", NOTICES, ids=lambda p: p.stem)
def test_every_truth_field_is_read(pdf: Path, parsed):
    truth, got = truth_of(pdf), parsed[pdf.name]
    for name in SHORT + NARRATIVE:
        assert comparable(got[name]) == comparable(truth[name]), name
    for name in EXACT + ("amounts",):
        assert got[name] == truth[name], name
    assert [comparable(p) for p in got["withheld_parts"]] == [comparable(p) for p in truth["withheld_parts"]]
    signed = [(comparable(s["role"]), s["name"], s["date"]) for s in got["signatories"]]
    assert signed == [(comparable(s["role"]), s["name"], s["date"]) for s in truth["signatories"]]


def test_kent_seed_reads_two_labels_sharing_a_line(parsed):
    got = parsed["seed_000_kent_rod.pdf"]
    # ORIGINATOR: Chief Finance Officer   REFERENCE: OPCC.D.033.23
    assert got["originator"] == "Chief Finance Officer"
    assert got["reference"] == "OPCC.D.033.23"
    assert got["provenance"]["reference"] == got["provenance"]["originator"]


def test_kent_seed_takes_the_name_from_the_letterhead_and_the_date_from_the_commissioners_block(parsed):
    got = parsed["seed_000_kent_rod.pdf"]
    assert got["decision_maker"] == "Matthew Scott"
    assert got["decision_date"] == "2023-10-06"
    assert got["provenance"]["decision_date"]["page"] == 2


def test_kent_seed_extras(parsed):
    got = parsed["seed_000_kent_rod.pdf"]
    assert got["retrospective"] is True  # "EXECUTIVE SUMMARY - Retrospective Decision Notice ..."
    assert got["background_documents"] == ["Held by Kent Police."]
    answers = got["impact_assessments"]
    assert answers["Has an Equality Impact Assessment been completed?"] == "No"
    plan = "Police and Crime Plan (please indicate which objectives decision/recommendation supports)"
    assert answers[plan].startswith("Supports delivery of the Commissioner's priorities")
    assert got["review"] == []


def test_essex_seed_narrative_skips_tables_but_keeps_the_prose_after_them(parsed):
    recommendation = parsed["seed_002_essex_report.pdf"]["recommendation"]
    assert "Timescales currently given by HO: Suppliers have indicated" in recommendation  # timescale table left out
    assert "Procure and install" not in recommendation and "£000" not in recommendation
    assert "(Page 8 for detail costings)" not in recommendation
    assert recommendation.endswith("will not commence until 1920.")  # prose after the cost table, on page 2
    assert "NOT PROTECTIVELY MARKED" not in recommendation  # running footer


def test_essex_seed_keeps_its_cost_table_in_thousands(parsed):
    tables = parsed["seed_002_essex_report.pdf"]["cost_tables"]
    assert len(tables) == 1  # the timescales table above it holds no figures
    costs = tables[0]
    assert (costs["title"], costs["unit"]) == ("f. SUMMARY OF COSTS", "£000")
    assert costs["header"] == ["2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "TOTAL"]
    assert costs["rows"][-1][-1] == "752.7"  # the table goes on over the page


def test_essex_seed_settles_an_unticked_alternative_role_by_the_office(parsed):
    got = parsed["seed_002_essex_report.pdf"]
    assert got["signatories"][-1]["role"] == "PCC/Deputy PCC"
    assert got["decision_maker_role"] == "Police and Crime Commissioner"


@pytest.mark.parametrize("name", ["decision_005.pdf", "decision_008.pdf"])
def test_confidential_notices_are_recognised(name, parsed):
    got = parsed[name]
    assert got["classification"] == "confidential"
    assert got["for_publication"] is False
    assert "third party" in got["reason_if_confidential"]


def test_an_official_notice_for_publication_with_a_withheld_appendix_stays_open(parsed):
    got = parsed["decision_011.pdf"]
    assert (got["classification"], got["for_publication"]) == ("open", True)
    assert got["withheld_parts"] == ["Schedule 3 - Cost apportionment model"]


def test_outcomes_from_boxes_and_wording(parsed):
    assert parsed["decision_011.pdf"]["outcome"] == "rejected"  # Approved □ Rejected ⊠ Deferred □
    assert parsed["decision_031.pdf"]["outcome"] == "deferred"  # "Decision deferred. ..."
    assert parsed["decision_004.pdf"]["outcome"] is None  # "The report is noted."
    assert not any(flag["field"] == "outcome" for flag in parsed["decision_004.pdf"]["review"])


def test_amounts_are_decimals_from_the_narrative_only():
    record = extract(FIXTURES / "seed_002_essex_report.pdf")
    assert all(isinstance(a, Decimal) for a in record.amounts)
    assert Decimal("752700") not in record.amounts  # a cost-table figure, not prose


def test_found_fields_say_where_they_were_read(parsed):
    got = parsed["decision_005.pdf"]
    for name in ("reference", "title", "summary", "decision", "decision_date", "classification"):
        assert got["provenance"][name]["page"] >= 1
    assert got["provenance"]["decision"]["page"] == 5


@pytest.mark.parametrize("pdf", NOTICES, ids=lambda p: p.stem)
def test_notices_are_detected_as_decisions(pdf: Path):
    assert detect_kind(read_pdf(pdf)).name == "decision"


def test_a_spend_return_and_a_panel_paper_are_not_taken_for_decisions():
    fixtures = Path(__file__).parent / "fixtures"
    assert detect_kind(read_pdf(fixtures / "expenditure" / "kent_pcc_2018_04.pdf")).name == "expenditure"
    # The memo mentions the Panel and expenditure; it is addressed to the Panel and has no decision labels.
    assert detect_kind(read_pdf(fixtures / "panel_reports" / "seed_001_kent_panel_memo.pdf")).name == "panel_report"


def test_notices_that_mention_the_panel_are_still_decisions(parsed):
    # decision_008: "The Police and Crime Panel considered the proposed precept ..."
    assert "Police and Crime Panel" in parsed["decision_008.pdf"]["summary"]
    assert parsed["decision_008.pdf"]["kind"] == "decision"


# ---- behaviour on made-up documents: templates the corpus does not have ----------------


def document(rows: list[list[str] | str], *, confidence: float | None = None, columns: list[float] | None = None) -> Document:
    """A one-page document; each row is a line, a list of strings being cells with wide gaps.

    ``columns``: the x of each cell (a grid); rows are 18 pt apart, or 12 pt after a row marked ``"~"``
    first (a wrapped line of the same grid row).
    """
    lines, top = [], 42.0
    for row in rows:
        cells = [row] if isinstance(row, str) else list(row)
        top += 12 if cells[0] == "~" else 18
        cells = cells[1:] if cells[0] == "~" else cells
        x, words = 60.0, []
        for index, cell in enumerate(cells):
            x = columns[index] if columns else x
            width = 5.0 * len(cell)
            words.append(Word(cell, x, x + width, top, top + 9, confidence))
            x += width + 40
        lines.append(Line(" ".join(cells), 1, top, top + 9, words[0].x0, words[-1].x1, words))
    return Document(Path("made-up.pdf"), "0" * 64, [Page(1, 595, 842, lines)])


LETTER = [
    "Police and Crime Commissioner for Wessex",
    "Decision Notice WPCC3-0089",
    "Subject: Purchase of body-worn video cameras",
    "Date of decision: 4th March 2024",
    "Protective marking: OFFICIAL",
    "Summary",
    "The force has asked for 400 replacement body-worn video cameras at a cost of £312,400.",
    "Recommendation",
    "That the Commissioner approves the purchase.",
    "Decision",
    "I approve the purchase of 400 body-worn video cameras at a cost of up to £0.32m.",
    "Signed:",
    "Jane Holloway",
    "Wessex Police and Crime Commissioner",
    "Date: 4/3/24",
]


def test_an_unseen_template_is_read_by_its_labels():
    record = parse_decision(document(LETTER))
    assert record.reference == "WPCC3-0089"
    assert record.title == "Purchase of body-worn video cameras"
    assert record.body == "Police and Crime Commissioner for Wessex"
    assert record.decision_date == dt.date(2024, 3, 4)
    assert (record.decision_maker, record.decision_maker_role) == ("Jane Holloway", "Police and Crime Commissioner")
    assert record.outcome == "approved"
    assert record.amounts == [Decimal("320000.00"), Decimal("312400.00")]
    assert record.classification == "open"


BOXED_FORM = [
    ["Office of the Police, Fire and Crime Commissioner for North Yorkshire"],
    ["Decision Ref:", "129 - 23"],
    ["Title of decision:", "Fleet telematics contract"],
    ["Decision made by:", "Zoe Metcalfe, Police, Fire and Crime Commissioner"],
    ["Date of decision:", "06/10/2023"],
    ["[ ] Open   [X] Confidential"],
    ["Summary of decision"],
    "A telematics service for 700 vehicles is proposed at £15 - 30K a year.",
    ["Decision"],
    "Not approved. A wider review of fleet systems is to come first.",
    ["Signed by:", "Zoe Metcalfe"],
    ["Dated:", "6 Oct 2023"],
]


def test_a_boxed_form_with_typed_boxes_and_other_label_words():
    record = parse_decision(document(BOXED_FORM))
    assert record.reference == "129 - 23"
    assert record.title == "Fleet telematics contract"
    assert record.body == "Office of the Police, Fire and Crime Commissioner for North Yorkshire"
    assert (record.decision_maker, record.decision_maker_role) == ("Zoe Metcalfe", "Police, Fire and Crime Commissioner")
    assert record.classification == "confidential" and record.for_publication is False
    assert record.outcome == "rejected"
    assert record.amounts == [Decimal("30000.00"), Decimal("15000.00")]
    assert [(s.name, s.date) for s in record.signatories] == [("Zoe Metcalfe", dt.date(2023, 10, 6))]


def test_ocr_reads_a_capital_i_beginning_a_signed_name_as_l_and_it_is_put_back():
    rows = [
        ["Decision number", "2020/002"],
        ["Title", "Fleet replacement programme"],
        ["Signature", "ua"],
        ["Name", "lain Docherty"],
        ["Position", "Chief Finance Officer"],
        ["Date", "15/7/20"],
    ]
    [signatory] = parse_decision(document(rows, confidence=90.0)).signatories
    assert signatory.name == "Iain Docherty"
    # a text layer is printed as it is
    [signatory] = parse_decision(document(rows)).signatories
    assert signatory.name == "lain Docherty"


def test_a_signature_written_across_a_scanned_name_field_is_read_past():
    rows = [
        ["Decision number", "2020/002"],
        ["Title", "Fleet replacement programme"],
        ["Signature", "ues S A Sf"],
        ["Name", "oe", "Alison Treharne eee ae", "Mere ny"],
        ["Position", "Police and Crime Commissioner"],
        ["Date", "17/7/20"],
    ]
    [signatory] = parse_decision(document(rows, confidence=90.0)).signatories
    assert (signatory.name, signatory.role) == ("Alison Treharne", "Police and Crime Commissioner")


def test_a_form_signed_under_its_disagree_statement_is_read_as_rejected():
    rows = [
        "Police and Crime Commissioner for Essex",
        ["Report reference number:", "101/2019"],
        ["Title of report:", "Custody suite refurbishment"],
        "1. Purpose of report",
        "The custody suite needs refurbishment.",
        "Decision and Final Sign Off",
        "I agree the recommendations to this report;",
        "Sign:",
        "Print:",
        "PCC/Deputy PCC",
        "Date signed:",
        "I do not agree the recommendations to this report because;",
        "The costs are not justified.",
        "Sign:",
        ["Print:", "R.C. HIRST"],
        "PCC/Deputy PCC",
        ["Date signed:", "3/11/19"],
    ]
    record = parse_decision(document(rows))
    assert record.decision == "I do not agree the recommendations to this report because; The costs are not justified."
    assert record.outcome == "rejected"
    assert (record.decision_maker, record.decision_date) == ("R.C. HIRST", dt.date(2019, 11, 3))
    assert [s.name for s in record.signatories] == ["R.C. HIRST"]  # the blank block is no signatory


def test_a_field_not_printed_is_left_empty_and_flagged():
    record = parse_decision(document(["Police and Crime Commissioner for Wessex", "Summary", "Some words here."]))
    assert record.reference is None and record.decision_date is None
    flagged = {flag.field for flag in record.review}
    assert {"reference", "title", "decision_date", "decision"} <= flagged


def test_ocr_damaged_labels_are_matched_and_low_confidence_values_flagged():
    rows = [["ORIGINATO DR:", "Chief Finance Officer"], ["REFERENCE:", "OPCC.D.033.23"], ["TITLE:", "Sale of IP Addresses"]]
    record = parse_decision(document(rows, confidence=62))
    assert record.originator == "Chief Finance Officer"
    assert record.reference == "OPCC.D.033.23"
    low = {flag.field for flag in record.review if "confidence" in flag.reason}
    assert {"originator", "reference", "title"} <= low


def test_a_notice_that_says_it_is_not_for_publication_is_confidential():
    rows = [*LETTER[:4], "Publication", "This decision is not for publication. Reason: commercially sensitive.", *LETTER[5:]]
    record = parse_decision(document(rows))
    assert (record.classification, record.for_publication) == ("confidential", False)
    assert record.reason_if_confidential == "commercially sensitive."


# ---- the small readers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OPEN ⊠ CONFIDENTIAL □", [("OPEN", True), ("CONFIDENTIAL", False)]),
        ("Yes ☐ No ☒", [("Yes", False), ("No", True)]),
        ("YES \uf0fe NO \uf0a8", [("YES", True), ("NO", False)]),  # Wingdings private-use glyphs
        ("No boxes here", []),
    ],
)
def test_checkbox_marks(text, expected):
    assert checkboxes(text) == expected


def test_labels_come_from_the_vocabulary_longest_first():
    best = match_labels("Decision reference: DN 170/2020")[0]
    assert (best.key, best.value) == ("reference", "DN 170/2020")
    assert match_labels("DECISION OF THE POLICE AND CRIME COMMISSIONER")[0].key == "decision"
    assert match_labels("Decision deferred. A late offer")[0].delimited is False  # prose, not a heading
    assert [match_labels(h)[0].key for h in ("1.0 PURPOSE", "f. SUMMARY OF COSTS", "(b) Recommendations")] == [
        "summary",
        "summary of costs",
        "recommendation",
    ]


@pytest.mark.parametrize(
    ("printed", "role"),
    [
        ("PFCC", "Police, Fire and Crime Commissioner"),
        ("Deputy Police and Crime Commissioner for Hertfordshire", "Deputy Police and Crime Commissioner"),
        ("Police & Crime Commissioner", "Police and Crime Commissioner"),
        ("Staffordshire Commissioner", "Staffordshire Commissioner"),
        ("Chief Finance Officer", None),
    ],
)
def test_roles_are_normalised(printed, role):
    assert normalise_role(printed) == role


@pytest.mark.parametrize(
    ("wording", "outcome"),
    [
        ("Not approved. I wish to retain the reserve.", "rejected"),
        ("I have decided not to dispose of the freehold.", "rejected"),
        ("Decision deferred pending further information.", "deferred"),
        ("To sell the IP addresses at public auction.", "approved"),
        ("The report is noted. No decision is required.", "noted"),
        ("Some words.", None),
    ],
)
def test_outcome_wording(wording, outcome):
    assert outcome_of(wording)[0] == outcome


def test_names_and_line_joins():
    assert looks_like_name("R.C. HIRST") and looks_like_name("Nadia Rahman")
    assert not looks_like_name("PCC Decision Report") and not looks_like_name("Date: 6 October 2023")
    assert join_lines(["Handling reference CANARY\x02", "43dac7c6b016 applies."]) == "Handling reference CANARY-43dac7c6b016 applies."


def test_a_scanned_notice_is_read_through_ocr_with_its_unsure_values_flagged():
    scan = Path(__file__).parent / "fixtures" / "scanned" / "kent_rod_scan_p1.pdf"  # page 1 of the Kent seed
    truth = truth_of(FIXTURES / "seed_000_kent_rod.pdf")
    record = extract(scan, kind="decision")
    assert (record.reference, record.title, record.originator) == ("OPCC.D.033.23", "Sale of IP Addresses", "Chief Finance Officer")
    assert record.classification == "open"  # 'OPEN & CONFIDENTIAL': OCR reads the ticked box as '&'
    assert difflib.SequenceMatcher(None, comparable(record.summary), comparable(truth["summary"])).ratio() > 0.95
    assert record.decision == truth["decision"]
    flagged = {flag.field for flag in record.review if "confidence" in flag.reason}
    assert "body" in flagged  # its letterhead line was read with low confidence


def test_without_summary_or_decision_headings_the_nearest_sections_are_taken_and_flagged():
    rows = [
        "Police and Crime Commissioner for Thames Valley",
        ["Reference:", "TVP 2021/07"],
        ["Title:", "Estates strategy refresh"],
        "Recommendation",
        "That the Commissioner approves the refreshed estates strategy.",
        "Police and Crime Commissioner",
        "I hereby approve the recommendation above.",
        ["Signature:", "Matthew Barber"],
        ["Date:", "12/03/2021"],
    ]
    record = parse_decision(document(["Background", "The estates strategy was last refreshed in 2016.", *rows]))
    assert record.summary == "The estates strategy was last refreshed in 2016."
    assert record.decision == "I hereby approve the recommendation above."
    assert record.outcome == "approved"
    assert {"summary", "decision"} <= {flag.field for flag in record.review}


def test_ambiguous_values_are_left_empty_or_flagged_never_guessed():
    rows = [
        "Police and Crime Commissioner for Wessex",
        ["Decision reference:", "2024/011"],
        ["Report reference number:", "2024/012"],  # a second, different reference
        ["Title:", "Mobile data terminals"],
        ["OPEN ☒ CONFIDENTIAL ☒"],  # both boxes ticked
    ]
    record = parse_decision(document(rows))
    assert record.reference is None
    reasons = [(flag.field, flag.reason) for flag in record.review]
    assert any(f == "reference" and "different references" in r for f, r in reasons)
    assert any(f == "classification" and "more than one box" in r for f, r in reasons)
    assert record.withheld  # held until a person decides


def test_the_letterhead_name_is_not_given_to_a_deputys_unnamed_sign_off():
    rows = [
        ["Matthew Scott", "Office telephone: 01622 677055"],
        "Kent Police and Crime Commissioner",
        ["REFERENCE:", "OPCC.D.050.23"],
        ["TITLE:", "Victims' services grant"],
        "DECISION",
        "To award the grant.",
        "DEPUTY POLICE AND CRIME COMMISSIONER",
        "Signature:",
        ["Date:", "6 October 2023"],
    ]
    record = parse_decision(document(rows))
    assert record.decision_maker is None
    assert record.decision_maker_role == "Deputy Police and Crime Commissioner"
    assert "decision_maker" in {flag.field for flag in record.review}


def test_values_printed_on_the_line_below_their_labels():
    rows = [
        "Police and Crime Commissioner for Wessex",
        "Decision reference:",
        "WPCC/2024/031",
        "Title:",
        "Replacement of the force control room",
        "Date of decision:",
        "14th May 2024",
        "Decision:",
        "I approve the replacement.",
    ]
    record = parse_decision(document(rows))
    assert (record.reference, record.title) == ("WPCC/2024/031", "Replacement of the force control room")
    assert record.decision_date == dt.date(2024, 5, 14)
    assert record.decision == "I approve the replacement."  # "Decision:" is a heading, not a reference label


def test_a_decision_maker_label_that_names_only_the_office():
    rows = [
        "Police and Crime Commissioner for Wessex",
        ["Decision maker:", "Deputy Police and Crime Commissioner"],
        "Decision",
        "I approve the proposal.",
        "Signed:",
        "Sam Patel",
        "Deputy Police and Crime Commissioner",
        ["Date:", "2 May 2024"],
    ]
    record = parse_decision(document(rows))
    assert (record.decision_maker, record.decision_maker_role) == ("Sam Patel", "Deputy Police and Crime Commissioner")


def test_a_grid_label_wrapped_over_two_lines_is_one_label():
    rows = [
        ["Police and Crime Commissioner for Wessex"],
        ["Decision number", "WPCC-D-2024-7"],
        ["Executive", "The force proposes to replace its"],
        ["~", "summary", "fleet of 40 response cars at £1.2m."],
        ["Decision", "I approve the replacement."],
    ]
    record = parse_decision(document(rows, columns=[60.0, 180.0]))
    assert record.summary == "The force proposes to replace its fleet of 40 response cars at £1.2m."
    assert record.amounts == [Decimal("1200000.00")]


SIGNED_WITH_A_DATE = [
    "Police and Crime Commissioner for Wessex",
    ["Decision reference:", "WPCC/2024/031"],
    ["Title:", "Custody suite cleaning contract"],
    ["Decision"],
    "I approve the award of the custody suite cleaning contract.",
    ["Signed:", "12 March 2024"],
    "Police and Crime Commissioner for Wessex",
]


def test_a_signed_label_holding_a_date_dates_the_decision():
    record = parse_decision(document(SIGNED_WITH_A_DATE))
    assert record.decision_date == dt.date(2024, 3, 12)
    assert [flag.reason for flag in record.review if flag.field == "decision_date"] == []


LONE_DATE_LABEL = [
    "Police and Crime Commissioner for Wessex",
    ["Decision reference:", "WPCC/2024/032"],
    ["Title:", "Victim services grant"],
    ["Date:", "5/4/2024"],
    ["Decision"],
    "I agree to award the grant.",
]


def test_a_date_label_outside_any_signature_block_dates_the_decision_for_review():
    record = parse_decision(document(LONE_DATE_LABEL))
    assert record.decision_date == dt.date(2024, 4, 5)
    assert [flag.reason for flag in record.review if flag.field == "decision_date"] == [
        "read from a 'Date' label outside any signature block"
    ]


@pytest.mark.parametrize(
    ("top", "reference"),
    [
        ("Decision WPCC3-0089 Rural grants", "WPCC3-0089"),
        ("Budget 2023/24 agreed on 12/03/2023", None),  # a year span and a date
        ("Tel 01622-677055 www.pcc2.gov.uk", None),  # a telephone number and a web address
    ],
)
def test_an_unlabelled_reference_is_a_code_near_the_top_and_flagged(top, reference):
    record = parse_decision(document(["Police and Crime Commissioner for Wessex", top, ["Decision"], "I approve the grants."]))
    assert record.reference == reference
    reasons = [flag.reason for flag in record.review if flag.field == "reference"]
    assert reasons == (["no reference label; read from a reference-like code at the top"] if reference else ["not found"])
