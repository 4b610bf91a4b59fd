"""The publication gate: the one place that decides what may be made public.

Ingest asks it what may be written into ``data/`` (the repository is public) and
whether a source file may be kept there; the site build asks it what may be
rendered. Nothing reaches ``data/`` or ``site/`` except through
:func:`split_for_storage`, :func:`source_is_public` and :func:`public_data`.

What is held back, and what shows instead:

========================================  ===================================================
withheld decision (confidential, or not   its register stub only (:func:`stub`); the full
for publication)                          record and its source file go to the private store
field holding personal data not yet       the field is left empty on the site until a person
reviewed (:mod:`opcc.core.privacy`)      lists it under ``reviewed:`` in the overrides file
redacted spend supplier, or one that      its LGA label (``REDACTED PERSONAL DATA``); amount,
may be a private individual               date and purpose stay, so month totals still add up
a source PDF holding a withheld part      the PDF is kept privately; the decision itself is
(an appendix marked not for publication)  published without it. A PDF that cannot be checked
or unreviewed personal data               (a scan with no text layer) counts as holding it
========================================  ===================================================

A public decision that lists ``withheld_parts`` usually only *names* them ("Appendix
B - Supplier pricing: not for publication"); the appendix itself was left out of
the published PDF. :func:`withheld_parts_in_text` tells a mention from the part
itself, so only a PDF that really carries the appendix is kept back. To publish
such a PDF, ingest a copy with the appendix removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import yaml

from opcc.core.filetext import file_text
from opcc.core.kinds.decision import Decision
from opcc.core.kinds.expenditure import Expenditure
from opcc.core.kinds.panel_report import PanelReport
from opcc.core.model import HIDDEN_TEXT, Provenanced, ReviewFlag
from opcc.core.privacy import (
    PRIVATE_INDIVIDUAL,
    OfficialContacts,
    find_personal_data,
    is_private_individual,
    record_findings,
)
from opcc.core.registry import kind_of
from opcc.core.text import comparable

if TYPE_CHECKING:  # pandas costs 0.1 s to import, and ingest never needs it
    import pandas as pd

    from opcc.store import Store

PERSONAL_DATA = "personal data"
"""The start of every review reason the personal-data check writes: ``personal data: phone number``."""

REDACTED_PERSONAL_DATA = "REDACTED PERSONAL DATA"
EXEMPTIONS_PATH = Path(__file__).resolve().parent / "core" / "vocab" / "exemption_categories.yml"
HELD_REASON = "Held for review"
"""What a held record's stub gives as its reason: its source hides text, and no person has looked yet."""


def held_for_review(record: Provenanced) -> bool:
    """Whether a record's source hides text (under a box, invisible) that no person has yet looked at."""
    return HIDDEN_TEXT not in record.reviewed and any(flag.field == HIDDEN_TEXT for flag in record.review)


def stub(record: Provenanced) -> Provenanced:
    """The public stand-in for a withheld record: its kind's ``stub_fields``, enough to leave no gap
    in the register and nothing of its content.

    A stated reason is shown as its category (:func:`exemption_category`): the reason a notice
    gives can itself hold what is withheld. A record held for review is shown as not for
    publication, with that as its reason, and keeps the flag that says why.
    """
    fields = {name: getattr(record, name) for name in kind_of(record).stub_fields}
    if "reason_if_confidential" in fields and "reason_if_confidential" not in record.reviewed:
        fields["reason_if_confidential"] = exemption_category(fields["reason_if_confidential"])
    if held_for_review(record):
        fields |= {"for_publication": False, "reason_if_confidential": HELD_REASON,
                   "review": [flag for flag in record.review if flag.field == HIDDEN_TEXT]}
    return type(record)(**fields)


@cache
def _exemptions() -> dict:
    return yaml.safe_load(EXEMPTIONS_PATH.read_text(encoding="utf-8"))


def exemption_category(reason: str | None) -> str | None:
    """The category a withheld record's stated reason falls in (``None`` when no reason was stated)."""
    if not reason:
        return None
    vocabulary = _exemptions()
    text = f" {comparable(reason)} "
    for category, words in vocabulary["categories"].items():
        if any(f" {comparable(word)} " in text for word in words):
            return category
    return vocabulary["default"]


def findings(record: Provenanced, official: OfficialContacts | None = None) -> dict[str, list[str]]:
    """``{field: [what, ...]}`` for the record's fields that its kind says may hold personal data."""
    kind = kind_of(record)
    return record_findings(record, kind.personal_fields, kind.payee_fields, official)


# -- personal data -------------------------------------------------------------------


def flag_personal_data(record: Provenanced, official: OfficialContacts | None = None) -> Provenanced:
    """The record with a ``personal data: <what>`` review flag on each field that holds personal data.

    Fields a person has already reviewed are not flagged again; nor is a flag repeated.
    """
    flags = list(record.review)
    for name, whats in findings(record, official).items():
        if name in record.reviewed:
            continue
        for what in whats:
            flag = ReviewFlag(field=name, reason=f"{PERSONAL_DATA}: {what}")
            if flag not in flags:
                flags.append(flag)
    return record.model_copy(update={"review": flags})


def _blocked_fields(record: Provenanced, official: OfficialContacts | None) -> set[str]:
    """Fields holding personal data (flagged at ingest, or found now) that no person has reviewed."""
    # A flag may name a part of a field ("impact_assessments.privacy", "items[2]"): the whole field is held back.
    flagged = {re.split(r"[.\[]", flag.field)[0] for flag in record.review if flag.reason.startswith(PERSONAL_DATA)}
    return (flagged & set(type(record).model_fields) | set(findings(record, official))) - set(record.reviewed)


def _without(record: Provenanced, names: set[str]) -> Provenanced:
    """The record with the named fields back at their empty defaults."""
    model = type(record)
    return record.model_copy(update={name: model.model_fields[name].get_default(call_default_factory=True)
                                     for name in names})


def remove_personal_data(record: Decision | PanelReport, official: OfficialContacts | None = None
                         ) -> tuple[Provenanced, dict[str, list[str]]]:
    """``(the record as data/ may hold it, {field: [removed text]})``.

    ``data/`` is a public repository, so personal data found at ingest never enters it:
    each finding is replaced by ``[REDACTED PERSONAL DATA]`` (a panel payee who reads as
    a person by the LGA label; spend rows: :func:`remove_private_payees`), and what was removed goes to the private store,
    where the leak scan looks for it. To publish a value a person has checked, they
    write it in the record's overrides file and list the field under ``reviewed:``.
    """
    removed: dict[str, list[str]] = {}
    update = {}
    for name in findings(record, official):
        if name in record.reviewed:
            continue
        found: list[str] = []
        value = _redact(getattr(record, name), official, found)
        if isinstance(record, PanelReport) and name == "items":
            value = [_redact_payee(item, found) for item in value]
        update[name] = value
        removed[name] = sorted(set(found))
    return (record.model_copy(update=update) if update else record), removed


REDACTION_MARK = f"[{REDACTED_PERSONAL_DATA}]"


def _redact(value, official: OfficialContacts | None, found: list[str]):
    """``value`` with every personal-data finding in its strings replaced by the redaction mark."""
    if isinstance(value, str):
        for finding in find_personal_data(value, official):
            found.append(finding.text)
            value = value.replace(finding.text, REDACTION_MARK)
        return value
    if isinstance(value, list):
        return [_redact(item, official, found) for item in value]
    if isinstance(value, dict):
        return {key: _redact(item, official, found) for key, item in value.items()}
    if hasattr(value, "model_copy"):
        return value.model_copy(update={k: _redact(getattr(value, k), official, found)
                                        for k in type(value).model_fields if isinstance(getattr(value, k), str)})
    return value


def _redact_payee(item, found: list[str]):
    if is_private_individual(item.supplier):
        found.append(item.supplier)
        return item.model_copy(update={"supplier": REDACTED_PERSONAL_DATA})
    return item


def remove_private_payees(table: pa.Table, official: OfficialContacts | None = None
                          ) -> tuple[pa.Table, dict[str, list[str]]]:
    """Spend rows (canonical Arrow columns) as data/ may hold them, and what was removed.

    The one place privacy is applied to spend rows before they are stored, by the rules of
    :mod:`opcc.core.privacy`: a payee who reads as a private individual is replaced by the LGA
    label ``REDACTED PERSONAL DATA``, and a description holding personal data (an address, an
    e-mail, a phone or NI number, bank details) has it replaced by ``[REDACTED PERSONAL DATA]``.
    The removed text goes to the private store; each row keeps its other review reasons,
    with the removal added to them. Vectorised: each distinct supplier and description is
    looked at once, a force's year of spend being a hundred thousand rows.
    """
    removed: dict[str, list[str]] = {}
    suppliers = table.column("supplier")
    people = [s for s in pc.unique(suppliers).to_pylist() if is_private_individual(s)]
    if people:
        redacted = pc.fill_null(table.column("redacted").cast(pa.bool_()), False)
        hide = pc.and_(pc.fill_null(pc.is_in(suppliers, value_set=pa.array(people)), False), pc.invert(redacted))
        if pc.any(hide).as_py():
            removed["rows.supplier"] = sorted(set(pc.filter(suppliers, hide).to_pylist()))
            for name in ("supplier", "redaction_label"):
                table = _set_where(table, name, hide, REDACTED_PERSONAL_DATA)
            table = table.set_column(table.column_names.index("redacted"), "redacted", pc.or_(redacted, hide))
            table = _add_reason(table, hide, f"{PRIVATE_INDIVIDUAL}: the name is in the private store")
    descriptions = table.column("description")
    redactions = {}
    for text in pc.unique(descriptions).to_pylist():
        found = [f.text for f in find_personal_data(text, official)]
        if found:
            redactions[text] = found
    if redactions:
        texts = descriptions.to_pylist()
        cleaned = [_redact(text, official, []) if text in redactions else text for text in texts]
        touched = pa.array([text in redactions for text in texts])
        table = table.set_column(table.column_names.index("description"), "description", pa.array(cleaned, pa.string()))
        table = _add_reason(table, touched, f"{PERSONAL_DATA} in the description: it is in the private store")
        removed["rows.description"] = sorted({found for items in redactions.values() for found in items})
    return table, removed


def _set_where(table: pa.Table, name: str, where: pa.Array, value: str) -> pa.Table:
    return table.set_column(table.column_names.index(name), name,
                            pc.if_else(where, value, table.column(name).cast(pa.string())))


def _add_reason(table: pa.Table, where: pa.Array, reason: str) -> pa.Table:
    """Rows' review text with ``reason`` added where ``where`` holds, their other reasons kept
    (a reason it says more of, such as the reader's ``supplier may be a private individual``, is replaced)."""
    review = table.column("review").cast(pa.string())

    def added(text: str | None) -> str:
        reasons = [r for r in (text or "").split("; ") if r and not reason.startswith(r)]
        return "; ".join([*reasons, reason])

    encoded = pc.dictionary_encode(pc.fill_null(review, ""))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    joined = pa.array([added(text) for text in encoded.dictionary.to_pylist()], pa.string()).take(encoded.indices)
    return table.set_column(table.column_names.index("review"), "review", pc.if_else(where, joined, review))


# -- what the site may show ----------------------------------------------------------


def split_for_storage(
    record: Provenanced, official: OfficialContacts | None = None
) -> tuple[Provenanced, Provenanced | None]:
    """``(what data/ may hold, what only the private store may hold)``, with personal data flagged.

    A withheld record is not flagged: none of its content is published, so there is nothing to review.
    A decision held for review (its source hides text) is stored like a withheld one.
    """
    if isinstance(record, Decision) and (record.withheld or held_for_review(record)):
        return stub(record), record
    return flag_personal_data(record, official), None


def publishable_decision(decision: Decision, official: OfficialContacts | None = None) -> Decision:
    """The decision as the site may show it: a stub if withheld or held, else without unreviewed personal data."""
    if decision.withheld or held_for_review(decision):
        return stub(decision)
    return _without(decision, _blocked_fields(decision, official))  # type: ignore[return-value]


def publishable_panel_report(report: PanelReport, official: OfficialContacts | None = None) -> PanelReport:
    """A panel paper as the site may show it: items paid to private individuals show the LGA label."""
    blocked = _blocked_fields(report, official)
    if "items" in blocked:
        items = [
            item.model_copy(update={
                "supplier": REDACTED_PERSONAL_DATA if is_private_individual(item.supplier)
                or find_personal_data(item.supplier, official) else item.supplier,
                "description": None if find_personal_data(item.description, official) else item.description,
            })
            for item in report.items
        ]
        report = report.model_copy(update={"items": items})
    return _without(report, blocked - {"items"})  # type: ignore[return-value]


def publishable_spend(frame: pd.DataFrame, official: OfficialContacts | None = None) -> pd.DataFrame:
    """Spend rows as the site may show them.

    A redacted supplier is shown as its LGA label; a supplier that may be a private
    individual (flagged by the spend reader, or recognised here) is shown as
    ``REDACTED PERSONAL DATA`` until a person corrects the row; a description holding
    personal data is replaced by the same label. Amounts, dates and purposes are kept,
    so every month still adds up to its total.
    """
    frame = frame.copy()
    suppliers = frame["supplier"].fillna("")
    individual = suppliers.map({s: is_private_individual(s) for s in suppliers.unique()}).astype(bool)
    flagged = frame["review"].fillna("").astype(str).str.contains("private individual", case=False).astype(bool)
    redacted = frame["redacted"].fillna(False).astype(bool)
    withhold = redacted | flagged | individual
    label = frame["redaction_label"].where(frame["redaction_label"].notna() & redacted, REDACTED_PERSONAL_DATA)
    frame.loc[withhold, "supplier"] = label[withhold]
    frame.loc[withhold, "redaction_label"] = label[withhold]
    frame.loc[withhold, "redacted"] = True
    descriptions = frame["description"].fillna("")
    personal = descriptions.map({d: bool(find_personal_data(d, official)) for d in descriptions.unique()}).astype(bool)
    frame.loc[personal, "description"] = REDACTED_PERSONAL_DATA
    return frame


# -- source files ----------------------------------------------------------------------

_PART_LABEL = re.compile(r"^(?:appendix|appendices|annex|annexe|schedule|part|attachment|enclosure|exhibit)\b"
                         r"(?:\s+(?:[a-z]|\d+|[ivx]+)\b)?")
_NOTE_WORDS = ("not for publication", "withheld", "exempt", "redact", "confidential", "restricted")
_HEADING_LINES = 3  # a part that starts its own page has its heading within the page's first lines


def _part_key(part: str) -> tuple[str, str]:
    """``"Appendix B – Supplier pricing (confidential)"`` -> ``("appendix b", "supplier pricing")``."""
    key = comparable(part)
    label = _PART_LABEL.match(key)
    if not label:
        return key, ""
    title = re.sub(r"\(.*", "", key[label.end():]).strip(" -:.,")
    return label.group(), title


def withheld_parts_in_text(parts: list[str], text: str) -> list[str]:
    """The withheld parts whose own content, not just a mention of them, is in a document's text.

    A part is there when a line *begins* with its label and title ("Appendix B -
    Supplier pricing") and is either free of publication notes ("not for
    publication", "exempt"...) or heads a page (pages are separated by form feeds),
    where a part's own heading often carries its marking. The one-line notice
    "Appendix B - Supplier pricing: not for publication" is a mention.
    """
    found = []
    pages = [[comparable(line) for line in page.splitlines() if line.strip()] for page in text.split("\f")]
    for part in parts:
        label, title = _part_key(part)
        for lines in pages:
            # Each line with the next: a heading may put "APPENDIX B" and its title on two lines.
            pairs = zip(lines, [*lines[1:], ""], strict=True)
            if any(
                line.startswith(label)
                and (title in f"{line} {following}" if title else line.strip(" -:.") == label)
                and (index < _HEADING_LINES or not any(word in line for word in _NOTE_WORDS))
                for index, (line, following) in enumerate(pairs)
            ):
                found.append(part)
                break
    return found


def source_withheld_reasons(record: Provenanced, text: str | None,
                            official: OfficialContacts | None = None) -> list[str]:
    """Why a record's source file may not be made public (none: it may). ``text`` is ``None`` if unreadable."""
    if isinstance(record, Decision) and record.withheld:
        return ["the record is withheld"]
    reasons: list[str] = []
    if any(flag.field == HIDDEN_TEXT for flag in record.review):  # even once reviewed: the PDF still hides it
        reasons.append("the source hides text (under a box, or invisible)")
    if isinstance(record, Decision) and record.withheld_parts:
        if not text or not text.strip():
            reasons.append("no text layer to check for its withheld parts")
        else:
            reasons += [f"holds the withheld part '{part}'" for part in withheld_parts_in_text(record.withheld_parts, text)]
    reasons += sorted({f"{PERSONAL_DATA}: {f.what}" for f in find_personal_data(text, official)})
    if isinstance(record, Expenditure) and any(
        is_private_individual(row.supplier) and not row.redacted for row in record.rows
    ):
        reasons.append(f"{PERSONAL_DATA}: private individual")
    return reasons


def source_is_public(record: Provenanced, path: Path, official: OfficialContacts | None = None) -> bool:
    """Whether the source file a record was read from may go to ``data/sources/`` (and so to the site)."""
    return not source_withheld_reasons(record, file_text(path), official)


# -- everything the site is built from -----------------------------------------------


@dataclass
class PublicData:
    """Everything the site may be built from, and nothing else."""

    decisions: list[Decision]
    spend: pd.DataFrame
    panel_reports: list[PanelReport]
    other_bodies: list[str] = field(default_factory=list)  # bodies whose records were stored but not published
    spend_sources: list[dict] = field(default_factory=list)  # each spend source's ledger (opcc.spend_data)


def public_data(store: Store) -> PublicData:
    """The publishing body's records, through the gate."""
    from opcc.spend_data import load_ledgers, load_spend

    settings = store.settings
    official = OfficialContacts.from_settings(settings)
    own = [d for d in store.decisions() if settings.is_own_body(d.body)]
    others = sorted({d.body or "(unknown body)" for d in store.decisions() if not settings.is_own_body(d.body)})
    spend = load_spend(store.public, settings.body.slug)
    panel = [p for p in store.panel_reports() if settings.is_own_body(p.body) or p.body is None]
    return PublicData(
        decisions=[publishable_decision(d, official) for d in own],
        spend=publishable_spend(spend, official),
        panel_reports=[publishable_panel_report(p, official) for p in panel],
        other_bodies=others,
        spend_sources=load_ledgers(store.public, settings.body.slug),
    )
