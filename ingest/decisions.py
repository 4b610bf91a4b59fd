"""A decision notice (PDF text or OCR lines) read into a :class:`opcc.core.model.Decision`.

The pipeline, each step a function below, all working on one :class:`Reading`:

1. lay the lines out as rows of cells, running headers and footers set aside
   (:mod:`ingest.decision_layout`);
2. read the rows as entries - a label or heading and its text
   (:mod:`ingest.decision_sections`) - and the signature blocks
   (:mod:`ingest.decision_signatures`);
3. fill the fields from them: header labels, the body from the letterhead, the
   narrative sections, classification and publication, the signatories and the
   decision maker, the outcome, the amounts, then the extras;
4. flag for review every field not found or found ambiguously.

Labels and words come from ``ingest/vocab/decision_*.yml``; nothing here depends on
one template's positions. A value that cannot be read is left empty and flagged,
never guessed.

Where a notice prints no label for a field, a few explicit fallbacks read it by the
conventions of the document instead, and every one of them flags the value for review:

* reference: a reference-like code at the top of page 1 (:func:`read_reference`);
* title: the first heading-like line below the form's own title ("Decision Notice",
  "Agenda Item 42") (:func:`read_title_after_form_title`);
* decision date: a lone "Date:" label, else a date printed on a line of its own on
  page 1 - a letter's date or a date stamp (:func:`_decision_date_unsigned`);
* decision (and summary): in a letter, the paragraph that states the decision and the
  paragraphs before it (:func:`_decision_from_letter`).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from opcc.core.kinds.decision import CostTable, Decision
from opcc.core.model import Location, ReviewFlag
from opcc.core.text import collapse, comparable

from .dates import MONTHS, parse_date
from .decision_confidentiality import marking_of as read_marking
from .decision_confidentiality import read_confidentiality
from .decision_layout import (
    NAME_MAX_WORDS,
    Row,
    checkboxes,
    ends_sentence,
    join_lines,
    looks_like_heading,
    looks_like_name,
    rows_of,
    without_boxes,
)
from .decision_sections import (
    STRAY,
    Entry,
    Table,
    first_entry,
    looks_like_reference,
    read_entries,
    starts_paragraph,
)
from .decision_signatures import SignedBlock, is_block_part, opens_block, read_signatories
from .decision_vocab import (
    contains_any,
    is_form_title,
    is_role,
    match_labels,
    normalise_role,
    outcome_of,
    phrase_list,
    starts_with_any,
    strip_numbering,
    terms,
)
from .money import find_amounts
from .pdf import Document

NARRATIVE = ("summary", "recommendation", "decision")
"""Fields of running prose: a review flag does not repeat their text (it may be confidential)."""
QUESTION_COLUMN_TOLERANCE = 8.0
"""Points a wrapped question may start away from the question column."""
REQUIRED = ("reference", "title", "body", "decision_maker", "decision_date", "summary", "decision", "outcome")
"""Fields every notice prints; one not found is flagged for review."""
NO_DECISION_HEADING = "no decision heading; "
"""How the flag of a decision read without its heading begins (the outcome read from it is flagged too)."""
TOP_ROWS = 15
"""Rows at the top of page 1 searched for an unlabelled reference or a form's title."""
DATE_LINE_MAX_WORDS = 4
"""A date printed on a line of its own ('10 MAR 2000', '4th April 2024') has at most this many words."""

_BODY = re.compile(
    r"^(?:the\s+)?(?:office of the\s+)?[A-Za-z ,&'-]*?\bcommissioner(?:\s+for\s+[A-Za-z ,&'-]+)?$", re.IGNORECASE
)
_PLACEHOLDER = re.compile(r"^[.…_\s]+$")
"""A dotted line left for handwriting."""
_REASON = re.compile(r"not\s+for\s+publication\.?\s*reasons?:\s*(?P<reason>.+)$", re.I)
_NONE = re.compile(r"^(?:(?:none|n/?a|nil|not applicable)\b|[-.]+$)", re.I)
# A reference-like token: letters or digits joined by separators, with a digit ('WPCC3-0089',
# 'OPCC.D.036.25', 'TH3756/PA/99/0121/PBM'); used only where no reference label is printed.
_REFERENCE_TOKEN = re.compile(r"^(?=.*\d)(?=.*[./\-])[A-Za-z0-9]+(?:[./\-][A-Za-z0-9]+)+$")
_REFERENCE_PREFIX = re.compile(r"[A-Z]{2,8}")
"""An office's initials in capitals before a code ('OPCC', 'NWPCC')."""
_FINANCIAL_YEAR = re.compile(r"^(?:19|20)\d\d[/-]\d{2}(?:\d{2})?$")
"""'2017/18', '2023-2024': a year span, not a reference."""
_LOWER_WORD = re.compile(r"[a-z]{3,}")
"""A lower-case word in a code makes it a web address or a file name ('www.pcc2.gov.uk'), not a reference."""
PHONE_MIN_DIGITS = 9
"""A code of digits only with at least this many digits is a telephone number ('01622-677055')."""
_DATE_WORD = re.compile(rf"^(?:\d{{1,4}}(?:st|nd|rd|th)?|{'|'.join(MONTHS)})[.,]?$|^[\d/.\-]+$", re.I)


@dataclass
class Reading:
    """Everything read from one notice, and the record being filled from it."""

    rows: list[Row]
    entries: list[Entry]
    blocks: list[SignedBlock]
    record: Decision = field(default_factory=Decision)

    def put(self, name: str, value, row: Row | None, *, fuzzy: bool = False) -> None:
        """Set a field, note where it was read, and flag it when the reading is unsure."""
        if value in (None, "", []):
            return
        setattr(self.record, name, value)
        if row is None:
            return
        self.record.provenance[name] = Location(page=row.page, top=round(row.top, 1))
        if row.low_confidence:
            self.flag(name, "read from OCR words of low confidence", value, row.page)
        elif fuzzy:
            self.flag(name, "label recognised only approximately (OCR damage)", value, row.page)

    def flag(self, name: str, reason: str, value=None, page: int | None = None) -> None:
        shown = None if value is None or name in NARRATIVE else str(value)
        self.record.review.append(ReviewFlag(field=name, reason=reason, value=shown, page=page))


def parse_decision(doc: Document) -> Decision:
    rows = rows_of(doc)
    reading = Reading(rows, read_entries(rows), read_signatories(rows))
    for step in (
        read_labelled_fields,
        read_body,
        read_title_after_form_title,
        read_title_from_letter,
        read_title_above_reference,
        read_title_by_size,
        read_narrative,
        read_classification,
        read_reason_if_confidential,
        read_decision_maker,
        read_outcome,
        read_amounts,
        read_extras,
        flag_missing,
    ):
        step(reading)
    return reading.record


def _labelled(reading: Reading, key: str) -> Entry | None:
    return first_entry(reading.entries, "labels", key)


def read_labelled_fields(reading: Reading) -> None:
    """Reference, title, originator, dates: the values printed beside their labels."""
    read_reference(reading)
    for name in ("title", "originator"):
        entry = _labelled(reading, name)
        if entry:
            reading.put(name, collapse(entry.text), entry.row, fuzzy=entry.fuzzy)
    for name in ("report_date", "decision_date"):
        entry = _labelled(reading, name)
        if entry:
            date = parse_date(entry.text)
            if date is None:
                reading.flag(name, "label found but its date could not be read", entry.text, entry.row.page)
            reading.put(name, date, entry.row, fuzzy=entry.fuzzy)
    meeting = _labelled(reading, "meeting_date")
    if reading.record.decision_date is None and meeting and parse_date(meeting.text):
        # Minutes record a decision at the meeting; the chair signs them weeks later.
        reading.put("decision_date", parse_date(meeting.text), meeting.row)
        reading.flag("decision_date", "read from the date of the meeting", meeting.text, meeting.row.page)


def read_reference(reading: Reading) -> None:
    """The reference beside its label, on the first page that prints one; else a reference-like code, flagged.

    A label may start a row or a later cell of it (a letter prints 'My Ref:' right of the address).
    Papers filed after the notice (an agreement, covering letters) print references of their own:
    a different one on a later page is flagged, not taken.
    """
    found = sorted(_labelled_references(reading), key=lambda item: (item[1].page, item[1].top))
    if not found:
        _reference_by_pattern(reading)
        return
    page = found[0][1].page
    here = {comparable(text): text for text, row, _ in found if row.page == page}
    later = {comparable(text): text for text, row, _ in found if row.page != page and comparable(text) not in here}
    if len(here) > 1:
        reading.flag("reference", f"different references printed: {', '.join(sorted(here))}")
        return
    text, row, fuzzy = found[0]
    reading.put("reference", text, row, fuzzy=fuzzy)
    if later:
        reading.flag("reference", f"other references printed on later pages: {', '.join(later.values())}", text)


def _labelled_references(reading: Reading) -> list[tuple[str, Row, bool]]:
    """(reference, row, fuzzy) for every reference label with a reference beside it."""
    found = [
        (e.text.strip(STRAY), e.row, e.fuzzy)
        for e in reading.entries
        if e.group == "labels" and e.key == "reference" and looks_like_reference(e.text)
    ]
    for row in reading.rows:
        for i, cell in enumerate(row.cells[1:], start=1):
            for match in match_labels(cell.text):
                if match.group != "labels" or match.key != "reference" or ":" not in cell.text:
                    continue
                value = match.value or (row.cells[i + 1].text if i + 1 < len(row.cells) else "")
                if looks_like_reference(value):
                    found.append((value.strip(STRAY), row, False))
    return found


def _reference_by_pattern(reading: Reading) -> None:
    """No reference label: the first reference-like code at the top of page 1, always flagged for review.

    Dates and year spans ('2017/18') are not codes. Without a label nothing says the code is
    the notice's reference, so a person confirms it.
    """
    for row in _top_rows(reading):
        words = row.text.split()
        for i, token in enumerate(words):
            token = token.strip(STRAY + ".()[]")
            if _looks_like_code(token):
                # A code's prefix printed apart ('OPCC 26/178', 'NWPCC 19/46') is part of it.
                before = words[i - 1] if i else ""
                if _REFERENCE_PREFIX.fullmatch(before) and not match_labels(before):
                    token = f"{before} {token}"
                reading.put("reference", token, row)
                reading.flag("reference", "no reference label; read from a reference-like code at the top", token, row.page)
                return


def _looks_like_code(token: str) -> bool:
    """'WPCC3-0089', 'OPCC.D.036.25', '2023/172'; not a date, a year span, a phone number or a web address."""
    if not _REFERENCE_TOKEN.match(token) or _FINANCIAL_YEAR.match(token) or _LOWER_WORD.search(token):
        return False
    digits_only = not any(ch.isalpha() for ch in token)
    return not (digits_only and sum(ch.isdigit() for ch in token) >= PHONE_MIN_DIGITS) and parse_date(token) is None


def _top_rows(reading: Reading) -> list[Row]:
    return [row for row in reading.rows if row.page == 1 and not row.furniture][:TOP_ROWS]


def read_title_after_form_title(reading: Reading) -> None:
    """No title label: the first heading-like line below the form's own title ('Decision Notice'), flagged."""
    if reading.record.title:
        return
    rows = _top_rows(reading)
    start = next((i for i, row in enumerate(rows) if is_form_title(row.text)), None)
    if start is None:
        return
    for row in rows[start + 1 :]:
        text = row.text.strip()
        if any(m.group == "labels" and m.key == "reference" and m.value for m in match_labels(text)):
            continue  # 'Decision No: 2023-D-131' between the form's title and its own
        if match_labels(text) or starts_with_any(text, "salutations"):
            return  # the form's labels or the letter begin: no title line between
        if looks_like_heading(text) and not _is_date_line(text) and text != reading.record.body:
            reading.put("title", text, row)
            reading.flag("title", "no title label; read from the first heading below the form title", text, row.page)
            return


def read_title_from_letter(reading: Reading) -> None:
    """No title label: a letter's subject line, straight under its salutation ('Dear Rowan,'), flagged."""
    if reading.record.title:
        return
    rows = [row for row in reading.rows if not row.furniture]
    opening = next((i for i, row in enumerate(rows) if starts_with_any(row.text, "salutations")), None)
    if opening is None or opening + 1 >= len(rows):
        return
    lines = _title_lines(rows, opening + 1)
    if lines:
        text = join_lines([row.text for row in lines])
        reading.put("title", text, lines[0])
        reading.flag("title", "no title label; read from the letter's subject line", text, lines[0].page)


def read_title_above_reference(reading: Reading) -> None:
    """No title label: in minutes, the item heading a decision's reference is printed under
    ('3. Capital and treasury management strategy' / 'DECISION NUMBER: 081/2019-20'), flagged."""
    if reading.record.title or "reference" not in reading.record.provenance:
        return
    entries = reading.entries
    at = next((i for i, e in enumerate(entries) if e.group == "labels" and e.key == "reference" and e.row), None)
    if not at:
        return
    above = entries[at - 1]
    text = strip_numbering(above.label or "").strip()
    numbered = above.label != text
    if above.group == "heading" and numbered and looks_like_heading(text, TITLE_MAX_WORDS) and not above.lines:
        reading.put("title", text, above.row)
        reading.flag("title", "no title label; read from the item heading above the reference", text, above.row.page)


TITLE_MAX_WORDS = 15
"""A title's line is short: a longer line is prose."""
TITLE_SIZE_RATIO = 1.15
"""A title printed without a label is at least this much larger than the notice's running text."""


def read_title_by_size(reading: Reading) -> None:
    """No title label: the largest text on page 1 that is not the form's own title, the office,
    a label or a marking, with its wrapped lines, when it stands out from the running text; flagged."""
    if reading.record.title:
        return
    # Font sizes come from a text layer; OCR gives only the height of the letters it saw.
    rows = [row for row in reading.rows if row.page == 1 and not row.furniture and not row.ocr]
    if not rows:
        return
    body = statistics.median(row.size for row in reading.rows if not row.furniture)
    candidates = [
        i for i, row in enumerate(rows)
        if row.size >= TITLE_SIZE_RATIO * body and _could_be_title(reading, row)
    ]
    if not candidates:
        return
    first = max(candidates, key=lambda i: (rows[i].size, -i))
    lines = _title_lines(rows, first, size=rows[first].size)
    if lines:
        text = join_lines([row.text for row in lines])
        reading.put("title", text, lines[0])
        reading.flag("title", "no title label; read from the largest line on page 1", text, lines[0].page)



def _could_be_title(reading: Reading, row: Row) -> bool:
    text = row.text.strip()
    return not (
        is_form_title(text) or match_labels(text) or _BODY.match(text)
        or comparable(text) == comparable(reading.record.body or "") or read_marking(text) or parse_date(text)
        or looks_like_name(text) or is_role(text)
    )


def _title_lines(rows: list[Row], start: int, size: float | None = None) -> list[Row]:
    """A title's lines from ``start``: heading-like lines of one size, close under each other."""
    lines: list[Row] = []
    for row in rows[start:start + 3]:
        text = row.text.strip()
        if lines and (starts_paragraph(lines[-1], row) or (size and abs(row.size - size) > 0.5)):
            break
        if not lines and not (looks_like_heading(text, TITLE_MAX_WORDS) or text.endswith(")")):
            return []
        if match_labels(text) or ends_sentence(text) and not text.endswith(")"):
            break
        lines.append(row)
        if size is None and not (row.line.bold or row.size > 0):
            break
    return lines


def _is_date_line(text: str) -> bool:
    """A line that is only a date: a letter's date, a date stamp ('10 MAR 2000')."""
    words = text.strip(STRAY).split()
    return (
        0 < len(words) <= DATE_LINE_MAX_WORDS
        and all(_DATE_WORD.match(word) for word in words)
        and parse_date(text) is not None
    )


def _letterhead(reading: Reading) -> list[Row]:
    """Page 1 rows above the first label or known heading: where the office and the commissioner's name are printed."""
    known = ("labels", "narrative", "other_headings", "checkbox")
    first_label = next((e.row for e in reading.entries if e.group in known and e.row is not None), None)
    return [
        row
        for row in reading.rows
        if row.page == 1 and not row.furniture and (first_label is None or row.top < first_label.top)
    ]


def read_body(reading: Reading) -> None:
    """The office as printed in the letterhead, else wherever page 1 prints it on a line of its own."""
    page_one = [row for row in reading.rows if row.page == 1]
    for rows in (_letterhead(reading), page_one):
        for row in rows:
            for cell in row.cells:
                if _BODY.match(cell.text) and not match_labels(cell.text):
                    reading.put("body", cell.text, row)
                    return


def read_narrative(reading: Reading) -> None:
    """Summary, recommendation and decision: the prose under their headings."""
    for name in NARRATIVE:
        entry = first_entry(reading.entries, "narrative", name)
        if entry and not (name == "recommendation" and _NONE.match(entry.text)):
            reading.put(name, collapse(entry.text), entry.row, fuzzy=entry.fuzzy)
        if name == "summary" and entry is None:
            _summary_from_background(reading)
        if name == "decision":
            _prefer_signed_statement(reading, entry)
            if entry is None:
                any(read(reading) for read in (_decision_from_summary, _decision_from_letter, _decision_from_sign_off))
    headings = [e.row.text for e in reading.entries if e.group in ("narrative", "heading") and e.row]
    reading.record.retrospective = any("retrospective" in comparable(text) for text in headings)


def _summary_from_background(reading: Reading) -> None:
    """No summary heading: a 'Background' section is the summary of the matter, flagged for review."""
    entry = first_entry(reading.entries, "other_headings", "background")
    if entry:
        reading.put("summary", collapse(entry.text), entry.row)
        reading.flag("summary", "no summary heading; read from the Background section")


def _decision_from_summary(reading: Reading) -> bool:
    """No decision heading, but a 'Decision summary': it states the decision (Warwickshire's notices)."""
    summaries = set(phrase_list("decision_summaries"))
    entries = [e for e in reading.entries if e.group == "narrative" and e.key == "summary"]
    entry = next((e for e in entries if comparable(e.label) in summaries), None)
    if entry is None or not entry.text:
        return False
    reading.put("decision", collapse(entry.text), entry.row)
    return True


def _decision_from_letter(reading: Reading) -> bool:
    """A letter ('Dear ..., I have decided to ... Yours sincerely'): its body is the decision, flagged."""
    rows = [row for row in reading.rows if not row.furniture]
    opening = next((i for i, row in enumerate(rows) if starts_with_any(row.text, "salutations")), None)
    if opening is None:
        return False
    closing = next((i for i in range(opening + 1, len(rows)) if starts_with_any(rows[i].text, "valedictions")), None)
    paragraphs = _paragraphs(rows[opening + 1 : closing])
    if not paragraphs:
        return False
    # The paragraph that states the decision; failing one, the whole letter.
    statements = phrase_list("decision_statements")
    stating = [p for p in paragraphs if contains_any(" ".join(row.text for row in p), statements)]
    chosen = stating[:1] or paragraphs
    rows_read = [row for paragraph in chosen for row in paragraph]
    reading.put("decision", collapse(join_lines([row.text for row in rows_read])), rows_read[0])
    reading.flag("decision", NO_DECISION_HEADING + "read from the body of the letter")
    if stating and reading.record.summary is None:
        _summary_from_letter(reading, paragraphs[: paragraphs.index(stating[0])])
    return True


def _summary_from_letter(reading: Reading, paragraphs: list[list[Row]]) -> None:
    """The letter's paragraphs before its decision (the matter considered), without headings or labelled lines."""
    prose = [p for p in paragraphs if not all(looks_like_heading(row.text) for row in p)]
    rows = [row for paragraph in prose for row in paragraph if not _is_labelled(row)]
    if rows:
        reading.put("summary", collapse(join_lines([row.text for row in rows])), rows[0])
        reading.flag("summary", "no summary heading; read from the letter's paragraphs before its decision")


def _is_labelled(row: Row) -> bool:
    return any(m.group == "labels" and m.delimited and m.value for m in match_labels(row.text))


def _paragraphs(rows: list[Row]) -> list[list[Row]]:
    """Rows grouped into paragraphs: a gap wider than a line and a half, or a new page, starts one."""
    paragraphs: list[list[Row]] = []
    for row in rows:
        last = paragraphs[-1][-1] if paragraphs else None
        if last is None or starts_paragraph(last, row):
            paragraphs.append([row])
        else:
            paragraphs[-1].append(row)
    return paragraphs


def _decision_from_sign_off(reading: Reading) -> bool:
    """No decision heading: the decision maker's own words above their signature, flagged for review.

    ('Police and Crime Commissioner: I hereby approve the recommendation above.')
    """
    block = _decision_block(reading)
    if block is None:
        return False
    before = [e for e in reading.entries if e.row is not None and _before(e.row, block.row)]
    words = next((e for e in reversed(before) if e.text and e.group in ("role", "labels", "heading")), None)
    if words is None or (words.group == "labels" and words.key != "comments"):
        return False
    reading.put("decision", collapse(words.text), words.row)
    reading.flag("decision", NO_DECISION_HEADING + "read from the decision maker's words above their signature")
    return True


def _before(row: Row, other: Row) -> bool:
    return (row.page, row.top) < (other.page, other.top)


def _prefer_signed_statement(reading: Reading, entry: Entry | None) -> None:
    """Forms offering 'I agree ...' and 'I do not agree ... because' each with a sign-off: the one signed.

    When a signature block between the decision heading and the decision maker's signed
    block was left blank, the decision is the prose just above the signed block.
    """
    block = _decision_block(reading)
    rows = [row for row in reading.rows if not row.furniture]
    if entry is None or entry.row is None or block is None:
        return
    start, signed = rows.index(entry.row), rows.index(block.row)
    signed_rows = {id(b.row) for b in reading.blocks}
    left_blank = [row for row in rows[start + 1 : signed] if opens_block(row) and id(row) not in signed_rows]
    if signed <= start or not left_blank:
        return
    statement: list[Row] = []
    for row in reversed(rows[start + 1 : signed]):
        if is_block_part(row):
            break
        if not _PLACEHOLDER.match(row.text):
            statement.insert(0, row)
    if statement:
        reading.put("decision", collapse(join_lines([row.text for row in statement])), statement[0])


def _box_answer(entry: Entry, *meanings: str, reading: Reading | None = None, name: str = "") -> str | None:
    """Which of the meanings (``open``/``confidential``, ``yes``/``no``, ...) a check-box row ticks.

    ``None`` unless exactly one is ticked; with ``reading``, more than one ticked is flagged on ``name``.
    """
    options = {meaning: terms()["checkbox_options"][meaning] for meaning in meanings}
    ticked = {
        meaning
        for word, checked in entry.boxes
        if checked
        for meaning, words in options.items()
        if comparable(word) in words
    }
    if len(ticked) > 1 and reading is not None:
        reading.flag(name, f"more than one box ticked ({', '.join(sorted(ticked))})", page=entry.row.page)
    return ticked.pop() if len(ticked) == 1 else None


def read_classification(reading: Reading) -> None:
    """Open or confidential, for publication or not, and the withheld parts: every passage read,
    failing closed (:mod:`ingest.decision_confidentiality`)."""
    found = read_confidentiality(reading.rows)
    evidence = found.evidence
    row = evidence.passage.rows[0] if evidence else None
    reading.put("classification", found.classification, row)
    reading.put("for_publication", found.for_publication, row)
    for unclear in found.unclear:
        page = unclear.passage.rows[0].page
        for name in ("classification", "for_publication"):
            reading.flag(name, f"held until a person decides: {unclear.why}", page=page)
    if found.conflicting:
        reading.flag("for_publication", "the notice says both for and not for publication", page=row.page if row else None)
    # A part's name misread by OCR is not flagged: the flag would hold an open notice back, and
    # the gate keeps the source file private wherever a withheld part is in it (opcc.gate).
    parts = [r for r in found.readings if r.parts]
    reading.put("withheld_parts", found.withheld_parts, None)
    if parts:
        first = parts[0].passage.rows[0]
        reading.record.provenance["withheld_parts"] = Location(page=first.page, top=round(first.top, 1))


def read_reason_if_confidential(reading: Reading) -> None:
    if not reading.record.withheld:
        return
    entry = _labelled(reading, "reason_if_confidential")
    if entry:
        text = re.sub(r"^\(.*?\)\s*", "", entry.text).strip()
        if text and not _NONE.match(text):
            reading.put("reason_if_confidential", text, entry.row)
            return
    for entry in reading.entries:
        match = _REASON.search(entry.text)
        if match:
            reading.put("reason_if_confidential", match["reason"].strip(), entry.row)
            return


def _decision_block(reading: Reading) -> SignedBlock | None:
    """The decision maker's sign-off: the last block signed as a commissioner, else the last block.

    A file of letters only is the notice followed by its correspondence: the first letter's
    writer decided.
    """
    blocks = reading.blocks
    commissioners = {rule["role"] for rule in terms()["roles"] if "commissioner" in rule["all_of"]}
    commissioner = [b for b in blocks if normalise_role(b.signatory.role) in commissioners]
    if not commissioner and blocks and all(b.letter for b in blocks):
        return blocks[0]
    return (commissioner or blocks or [None])[-1]


def read_decision_maker(reading: Reading) -> None:
    """Signatories, then who decided, in which role and when."""
    record = reading.record
    record.signatories = [block.signatory for block in reading.blocks]
    if reading.blocks:
        record.provenance["signatories"] = Location(page=reading.blocks[0].row.page, top=reading.blocks[0].row.top)
    block = _decision_block(reading)
    labelled = _labelled(reading, "decision_maker")
    unsure_block = block is not None and not labelled and not _signed_as_decision_maker(block)
    name = role = None
    if labelled:
        name, role = name_and_role(labelled.text, record.body)
        if name and not looks_like_name(name):
            # 'Approved by | Publish on the website': the label's neighbour is another label.
            reading.flag("decision_maker", "the text beside the decision maker's label is not a name", name, labelled.row.page)
            name = None
    row = labelled.row if labelled else None
    if block:
        name = name or block.signatory.name
        role = role or block.signatory.role
        row = row or block.row
    # The letterhead names the office holder: only theirs, not a deputy's, decision takes that name.
    signed_by_office_holder = block is None or normalise_role(block.signatory.role) == normalise_role(record.body)
    if not name and signed_by_office_holder:
        name, row = _letterhead_name(reading) or (None, row)
    reading.put("decision_maker", name.strip(STRAY) if name else None, row)
    if unsure_block and name:
        reading.flag("decision_maker", "no signature names a commissioner's role; the last one signed is taken", name,
                     block.row.page)
    reading.put("decision_maker_role", _role(reading, role), row)
    signed = block.signatory.date if block else None
    if record.decision_date is None:
        reading.put("decision_date", signed, block.row if block else None)
        if unsure_block and signed:
            reading.flag("decision_date", "read from the last signature, which names no commissioner's role",
                         str(signed), block.row.page)
    elif signed and signed != record.decision_date:
        reading.flag("decision_date", f"date of decision differs from the date signed ({signed})", page=block.row.page)
    if record.decision_date is None:
        _decision_date_unsigned(reading)


def name_and_role(text: str, body: str | None = None) -> tuple[str | None, str | None]:
    """A person printed with their role: 'Jo Bloggs, Police and Crime Commissioner', 'R. Fenwick
    Deputy Police and Crime Commissioner' (on two lines), or only a role ('Police and Crime Commissioner').

    A role may start with the area the body names ('Warwickshire Police and Crime Commissioner').
    """
    head, comma, tail = (part.strip() for part in text.partition(","))
    if comma and looks_like_name(head):
        return head, tail or None
    words = text.split()
    for end in range(2, min(len(words), NAME_MAX_WORDS) + 1):
        name, rest = " ".join(words[:end]), " ".join(words[end:])
        area = rest.split()[0] if rest else ""
        in_body = bool(area) and comparable(area) in comparable(body or "").split()
        role_next = _starts_role(rest) or (in_body and _starts_role(" ".join(rest.split()[1:])))
        if looks_like_name(name) and not is_role(name) and (not rest or role_next):
            return name, rest or None
    if is_role(text):
        return None, text
    return (head or None), (tail or None)


def _starts_role(text: str) -> bool:
    """Whether a text begins with a role: a role word first ('Deputy Police and Crime Commissioner',
    'Chief Executive'), or an area's own commissioner title ('Staffordshire Commissioner ...')."""
    words = text.split()
    if not words:
        return False
    first = comparable(words[0]).strip(",.")
    return is_role(text) and (first in terms()["role_openings"] or (len(words) > 1 and comparable(words[1]) == "commissioner"))


def _decision_date_unsigned(reading: Reading) -> None:
    """No date of decision and no signed date: a lone 'Date:' label, else a date printed alone on
    page 1 (a letter's date, a date stamp). Either is flagged: nothing says it is the date of the decision.
    """
    dated = next((e for e in reading.entries if e.group == "labels" and e.key == "date" and parse_date(e.text)), None)
    dated_cell = dated and (dated.text, dated.row) or _labelled_cell(reading, "date", page=1)
    if dated_cell and parse_date(dated_cell[0]):
        text, row = dated_cell
        reading.put("decision_date", parse_date(text), row)
        reading.flag("decision_date", "read from a 'Date' label outside any signature block", text, row.page)
        return
    found = next(((cell.text, row) for row in reading.rows if row.page == 1 and not row.furniture
                  for cell in ([row] if _is_date_line(row.text) else row.cells) if _is_date_line(cell.text)), None)
    if found is None:
        return
    text, row = found
    reading.put("decision_date", parse_date(text), row)
    reading.flag("decision_date", "no date label; read from a date printed on its own (letter date or stamp)", text, row.page)


def _labelled_cell(reading: Reading, key: str, page: int | None = None) -> tuple[str, Row] | None:
    """A label and its value printed in a cell after a row's first ('... | Date: 15 December 2022')."""
    for row in reading.rows:
        if row.furniture or (page is not None and row.page != page):
            continue
        for cell in row.cells[1:]:
            match = next((m for m in match_labels(cell.text) if m.key == key and m.delimited and m.value), None)
            if match:
                return match.value, row
    return None


def _role(reading: Reading, printed: str | None) -> str | None:
    """The normalised role; a form's unticked alternatives ('PCC/Deputy PCC') are settled by the office."""
    office = normalise_role(reading.record.body)
    if not printed:
        return office
    options = {normalise_role(option) for option in printed.split("/")} - {None}
    if len(options) > 1:
        if office in options:
            return office
        reading.flag("decision_maker_role", "the sign-off prints alternative roles", printed)
        return None
    return normalise_role(printed) or office


def _signed_as_decision_maker(block: SignedBlock) -> bool:
    """Whether a block is signed in a decision maker's role: a commissioner's (or deputy's, or an
    area's own commissioner title), a chief executive's under delegation, or a letter's writer."""
    role = normalise_role(block.signatory.role) or ""
    return block.letter or role.endswith("Commissioner") or role == "Chief Executive"


def _letterhead_name(reading: Reading) -> tuple[str, Row] | None:
    """The commissioner's name printed in the letterhead (Kent prints it above the office name)."""
    for row in _letterhead(reading):
        for cell in row.cells:
            if looks_like_name(cell.text):
                return cell.text, row
    return None


def read_outcome(reading: Reading) -> None:
    """Approved, rejected or deferred: a ticked outcome box, else the decision's own words."""
    outcome_words = {comparable(w) for m in OUTCOMES for w in terms()["checkbox_options"][m]}
    for entry in reading.entries:
        outcome_boxes = sum(comparable(word) in outcome_words for word, _ in entry.boxes) >= 2
        in_column = entry.group == "checkbox" and _ticked_in_a_column(reading, entry)
        if entry.group == "checkbox" and (entry.key == "outcome" or outcome_boxes or in_column):
            answer = in_column or _box_answer(entry, *OUTCOMES, reading=reading, name="outcome")
            if answer == "noted":
                return  # noted, for information: no outcome
            if answer:
                reading.put("outcome", answer, entry.row)
                worded, _ = outcome_of(reading.record.decision)
                if worded and worded != answer:
                    reading.flag("outcome", f"the ticked box says {answer} but the wording reads {worded}")
                return
    if reading.record.decision is None:
        return  # flagged as missing with the decision itself
    if _only_options(reading.record.decision):
        # 'Approved' / 'Not approved' / 'Deferred' with no tick that could be read: the text is
        # the first of the form's options, not what was decided.
        reading.record.decision = None
        reading.record.provenance.pop("decision", None)
        reading.flag("decision", "the decision section lists the form's options and no tick could be read")
        reading.flag("outcome", "the decision section lists the form's options and no tick could be read")
        return
    outcome, _ = outcome_of(reading.record.decision)
    if outcome is None:
        reading.flag("outcome", "the decision's wording says neither approved, rejected, deferred nor noted")
    elif outcome != "noted":
        reading.put("outcome", outcome, None)
        _same_place(reading, "outcome", "decision")
        if any(f.field == "decision" and f.reason.startswith(NO_DECISION_HEADING) for f in reading.record.review):
            reading.flag("outcome", "read from a decision text found without its heading", outcome)


OUTCOMES = ("approved", "rejected", "deferred", "noted")


def _outcome_option(text: str) -> str | None:
    """The outcome a line names when it is only one of a form's options ('Reject', 'Defer ✓')."""
    folded = comparable(without_boxes(text)).strip(" .:")
    return next((m for m in OUTCOMES if folded in terms()["checkbox_options"][m]), None)


def _only_options(text: str) -> bool:
    """Whether a text is nothing but outcome options ('Approved Not approved Deferred Noted - no
    decision required'): a form's list whose tick was not read, not a decision's wording."""
    rest = comparable(without_boxes(text))
    options = sorted({comparable(w) for m in OUTCOMES for w in terms()["checkbox_options"][m]}, key=len, reverse=True)
    words = "|".join(map(re.escape, options))
    rest = re.sub(rf"\b(?:{words})\b", " ", rest)
    return not re.search(r"[a-z0-9]", rest)


def _ticked_in_a_column(reading: Reading, entry: Entry) -> str | None:
    """'Approve' / 'Reject ✓' / 'Defer' / 'Note': the options printed one to a line, the chosen one
    alone ticked. The outcome ticked, or None when the line is not such a column or two are ticked."""
    if len(entry.boxes) != 1 or not entry.boxes[0][1] or entry.row not in reading.rows:
        return None
    ticked = _outcome_option(entry.boxes[0][0])
    at = reading.rows.index(entry.row)
    near = [row for row in reading.rows[max(0, at - len(OUTCOMES)):at] + reading.rows[at + 1:at + len(OUTCOMES)]
            if row.page == entry.row.page and _outcome_option(row.text)]
    # Where the chosen option is ticked with ✓, the others' ✗ marks them not chosen.
    crosses_unticked = any(mark in entry.row.text for mark in "✓✔")
    if ticked is None or not near or any(
        checked and not (crosses_unticked and any(mark in row.text for mark in "✗✘"))
        for row in near for _, checked in checkboxes(row.text, ocr=row.ocr)
    ):
        return None
    return ticked


def _same_place(reading: Reading, name: str, source: str) -> None:
    """A field read from another field's text was read where that text was."""
    if source in reading.record.provenance:
        reading.record.provenance[name] = reading.record.provenance[source]


def read_amounts(reading: Reading) -> None:
    record = reading.record
    text = " ".join(t for t in (record.summary, record.recommendation, record.decision) if t)
    record.amounts = find_amounts(text)
    if record.amounts:
        _same_place(reading, "amounts", "summary")


def read_extras(reading: Reading) -> None:
    """Background documents, impact assessment answers and cost tables, where printed."""
    entry = _labelled(reading, "background_documents")
    if entry and not _NONE.match(entry.text):
        reading.put("background_documents", [entry.text], entry.row)
    answers, first = _impact_answers(reading)
    reading.put("impact_assessments", answers, first)
    tables = [(t, table.rows[0]) for e in reading.entries for table in e.tables if (t := _cost_table(e, table))]
    reading.put("cost_tables", [t for t, _ in tables], tables[0][1] if tables else None)


def _impact_answers(reading: Reading) -> tuple[dict[str, str], Row | None]:
    """The impact questions (equality, Police and Crime Plan, ...) and their answers, as printed.

    They are the rows under an 'impact assessment' label, and any yes/no question about an
    impact or an assessment elsewhere.
    """
    answers: dict[str, str] = {}
    first: Row | None = None
    in_section = False
    for entry in reading.entries:
        if entry.group == "labels" and entry.key == "impact_assessments":
            in_section = True
            continue
        asks_about_impact = entry.group == "checkbox" and re.search(r"impact|assessment", entry.value, re.I)
        question_row = entry.row is not None and (entry.group == "checkbox" or len(entry.row.cells) > 1)
        if in_section and not question_row:
            in_section = False
        if (in_section and question_row) or asks_about_impact:
            question, answer = _question_and_answer(entry)
            if question and answer:
                answers[question] = answer
                first = first or entry.row
    return answers, first


def _question_and_answer(entry: Entry) -> tuple[str, str]:
    """A two-column question row: the question down the left column, the answer beside it.

    A ticked Yes/No leads the answer; instructions in brackets ('(If yes, please include ...)') are left out.
    """
    rows = [row for table in entry.tables for row in table.rows]
    column = entry.row.x0
    below = [row.cells[0].text for row in rows if abs(row.cells[0].x0 - column) <= QUESTION_COLUMN_TOLERANCE]
    beside = [cell.text for row in rows for cell in row.cells if abs(cell.x0 - column) > QUESTION_COLUMN_TOLERANCE]
    printed = " ".join(cell.text for cell in entry.row.cells[1:])
    if entry.group == "checkbox":
        ticked = _box_answer(entry, "yes", "no")
        if ticked is None:
            return "", ""
        question, lead = entry.value, ticked.capitalize()
        printed = re.sub(r"^(?:yes|no)\b\s*(?:yes|no)?\b", "", without_boxes(printed), flags=re.I)
    else:
        question, lead = entry.label, ""
    detail = re.sub(r"\([^)]*\)?", "", join_lines([printed, *beside, *entry.lines])).strip()
    answer = " - ".join(part for part in [lead, detail] if part)
    return collapse(join_lines([question, *below])) or "", collapse(answer) or ""


def _cost_table(entry: Entry, table: Table) -> CostTable | None:
    """A table of figures kept as printed, with its unit when it is £000."""
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    numeric = [r for r in rows if sum(bool(re.fullmatch(r"[\d.,()£-]+", c) and re.search(r"\d", c)) for c in r) >= 2]
    if len(numeric) < 2:
        return None
    # A heading straight above the table ("Summary of costs (£000)") is its caption.
    caption = table.caption or (entry.row.text if entry.group == "heading" and not entry.lines else None)
    texts = " ".join(" ".join(r) for r in rows) + " " + (caption or "")
    header = next((r for r in rows if len(r) > 1 and r not in numeric and not all(c == "£000" for c in r)), [])
    numeric = [r for r in numeric if not all(c == "£000" for c in r)]
    unit = "£000" if "£000" in texts else None
    return CostTable(title=caption, unit=unit, header=header, rows=numeric, page=table.rows[0].page)


def flag_missing(reading: Reading) -> None:
    for name in REQUIRED:
        if getattr(reading.record, name) is None and not _already_flagged(reading, name):
            if name == "outcome" and outcome_of(reading.record.decision)[0] == "noted":
                continue  # a noted report has no outcome
            reading.flag(name, "not found")


def _already_flagged(reading: Reading, name: str) -> bool:
    return any(flag.field == name for flag in reading.record.review)
