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

from opcc.core.filetext import file_text
from opcc.core.kinds.decision import Decision
from opcc.core.kinds.expenditure import Expenditure
from opcc.core.kinds.panel_report import PanelReport
from opcc.core.markings import protective_markings
from opcc.core.model import HIDDEN_TEXT, Provenanced, Record, ReviewFlag
from opcc.core.privacy import (
    PRIVATE_INDIVIDUAL,
    OfficialContacts,
    find_personal_data,
    is_private_individual,
    record_findings,
)
from opcc.core.registry import Kind, kind_of, kinds
from opcc.core.text import comparable
from opcc.core.yaml_io import read_yaml

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
    if isinstance(record, Decision) and held_for_review(record):
        fields |= {"for_publication": False, "reason_if_confidential": HELD_REASON,
                   "review": [flag for flag in record.review if flag.field == HIDDEN_TEXT]}
    return type(record)(**fields)


@cache
def _exemptions() -> dict:
    return read_yaml(EXEMPTIONS_PATH)


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
    """``{field: [what, ...]}`` for the record's fields that its kind says may hold personal data.

    A register's entries are judged one field of one entry at a time (``entries[3].donor``), so
    that one entry's finding holds back that value only, never the register.
    """
    kind = kind_of(record)
    if not kind.entry_key:
        return record_findings(record, kind.personal_fields, kind.payee_fields, official)
    found: dict[str, list[str]] = {}
    for name in kind.personal_fields:
        value = getattr(record, name)
        if not (isinstance(value, list) and value and isinstance(value[0], Record)):
            found.update(record_findings(record, (name,), kind.payee_fields, official))
            continue
        for index, entry in enumerate(value):
            for key, whats in record_findings(entry, _text_fields(entry), kind.payee_fields, official).items():
                found[f"{name}[{index}].{key}"] = whats
    return found


def _text_fields(entry: Record) -> tuple[str, ...]:
    return tuple(name for name in type(entry).model_fields if isinstance(getattr(entry, name), str))


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
    # A register's entry field ("entries[3].donor") holds back that value only: _blocked_entry_fields.
    flagged = {re.split(r"[.\[]", flag.field)[0] for flag in record.review
               if flag.reason.startswith(PERSONAL_DATA) and not _ENTRY_FIELD.match(flag.field)}
    found = {key for key in findings(record, official) if not _ENTRY_FIELD.match(key)}
    return (flagged & set(type(record).model_fields) | found) - set(record.reviewed)


_ENTRY_FIELD = re.compile(r"^(\w+)\[(\d+)\]\.(\w+)$")


def _blocked_entry_fields(record: Provenanced, official: OfficialContacts | None) -> set[str]:
    """A register's entry fields holding personal data (``entries[3].donor``) no person has reviewed
    (a person clears one by listing it, or the whole ``entries`` field, under ``reviewed:``)."""
    flagged = {flag.field for flag in record.review if flag.reason.startswith(PERSONAL_DATA)}
    blocked = {key for key in flagged | set(findings(record, official)) if _ENTRY_FIELD.match(key)}
    return {key for key in blocked if key not in record.reviewed and _ENTRY_FIELD.match(key)[1] not in record.reviewed}


def _replace_entry_values(record: Provenanced, keys: set[str], value_for) -> Provenanced:
    """The record with each ``name[i].field`` of ``keys`` replaced by ``value_for(field)``."""
    if not keys:
        return record
    update: dict[str, list] = {}
    for key in sorted(keys):
        name, index, field_name = _ENTRY_FIELD.match(key).groups()
        entries = update.setdefault(name, list(getattr(record, name)))
        entry = entries[int(index)]
        entries[int(index)] = entry.model_copy(update={field_name: value_for(field_name, entry)})
    return record.model_copy(update=update)


def _without(record: Provenanced, names: set[str]) -> Provenanced:
    """The record with the named fields back at their empty defaults."""
    model = type(record)
    return record.model_copy(update={name: model.model_fields[name].get_default(call_default_factory=True)
                                     for name in names})


def remove_personal_data(record: Provenanced, official: OfficialContacts | None = None
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
    payees = kind_of(record).payee_fields
    for name in {re.split(r"[.\[]", key)[0] for key in findings(record, official)}:
        if name in record.reviewed:
            continue
        found: list[str] = []
        value = _redact(getattr(record, name), official, found)
        if payees and isinstance(value, list):
            value = [_redact_payee(item, found, payees) for item in value]
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


def _redact_payee(item, found: list[str], payees: tuple[str, ...]):
    """An item whose payee reads as a private individual, with the LGA label instead of the name."""
    if not isinstance(item, Record):
        return item
    people = {name: REDACTED_PERSONAL_DATA for name in payees
              if name in type(item).model_fields and is_private_individual(getattr(item, name))}
    found += [getattr(item, name) for name in people]
    return item.model_copy(update=people) if people else item


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


# -- withheld records and values -----------------------------------------------------------

MARKING = "marking"
"""What a person lists under ``reviewed:`` in a document's side-car once they have decided that a
protective marking found in it does not stop its publication."""
WITHHELD = "withheld"  # the start of the review reason of a withheld value


def hold_if_marked(record: Provenanced, text: str | None) -> Provenanced:
    """A document whose PDF marks itself as not for publication (:mod:`opcc.core.markings`), hides
    text (under a box: :func:`held_for_review`), or has no text layer to tell, held as a stub until
    a person decides."""
    if record.kind != "document" or record.withheld:
        return record
    if held_for_review(record):
        return record.model_copy(update={"withheld_reason": "held until a person reviews the text its PDF hides"})
    if MARKING in record.reviewed or not any(s.media_type == "application/pdf" for s in record.sources):
        return record
    if not text or not text.strip():
        reason = "its PDF has no text layer to check for a protective marking"
    elif marks := protective_markings(text):
        reason = f"its PDF carries a protective marking: {', '.join(marks[:3])}"
    else:
        return record
    flag = ReviewFlag(field=MARKING, reason=f"held until a person decides: {reason}. To publish it, list "
                                            f"'{MARKING}' under reviewed: in its side-car YAML and ingest it again")
    return record.model_copy(update={"withheld_reason": "held until a person reviews its marking",
                                     "review": [*record.review, flag]})


def _withheld(record: Provenanced) -> dict[str, tuple[str, str]]:
    """``{where: (value, why)}`` for each value the record's model withholds: its own fields, and
    the fields of the entries of its lists (``entries[2].name``)."""
    found = {name: (str(getattr(record, name)), why) for name, why in record.withheld_fields.items()
             if getattr(record, name)}
    for name in type(record).model_fields:
        value = getattr(record, name)
        for index, item in enumerate(value if isinstance(value, list) else []):
            if isinstance(item, Record):
                found.update({f"{name}[{index}].{key}": (str(getattr(item, key)), why)
                              for key, why in item.withheld_fields.items() if getattr(item, key)})
    return found


def withheld_values(record: Provenanced) -> dict[str, list[str]]:
    """``{where: [value]}`` for each value the record's model withholds (a senior employee's name
    without consent): kept privately, and searched for by the leak scan."""
    return {where: [value] for where, (value, _) in _withheld(record).items()}


def _without_withheld(record: Provenanced) -> Provenanced:
    """The record with every withheld value blanked, and a review flag saying why for each."""
    withheld = _withheld(record)
    entry_keys = {key for key in withheld if _ENTRY_FIELD.match(key)}
    blanked = _without(record, set(withheld) - entry_keys)
    blanked = _replace_entry_values(blanked, entry_keys, lambda name, entry: None)
    flags = [ReviewFlag(field=key, reason=f"{WITHHELD}: {why}") for key, (_, why) in sorted(withheld.items())]
    return blanked.model_copy(update={"review": [*blanked.review, *(f for f in flags if f not in blanked.review)]})


def split_for_storage(
    record: Provenanced, official: OfficialContacts | None = None
) -> tuple[Provenanced, Provenanced | None]:
    """``(what data/ may hold, what only the private store may hold)``, with personal data flagged.

    A withheld record is not flagged: none of its content is published, so there is nothing to review.
    A decision held for review (its source hides text) is stored like a withheld one. A record
    with withheld values goes to data/ without them, and whole to the private store.
    """
    if record.withheld or (isinstance(record, Decision) and held_for_review(record)):
        return stub(record), record
    if withheld_values(record):
        return flag_personal_data(_without_withheld(record), official), record
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


def publishable(record: Provenanced, official: OfficialContacts | None = None) -> Provenanced:
    """Any other record as the site may show it: a stub if withheld; else without withheld values,
    and with a field (or a register entry's field) holding unreviewed personal data blanked, or
    shown as ``REDACTED PERSONAL DATA`` in a register entry (so the entry stays in the register)."""
    if record.withheld:
        return stub(record)
    record = _without_withheld(record) if _withheld(record) else record
    entries = _blocked_entry_fields(record, official)
    record = _replace_entry_values(record, entries, lambda name, entry: _redacted_value(entry, name))
    return _without(record, _blocked_fields(record, official))


def _redacted_value(entry: Record, name: str) -> object:
    """What a blocked entry field shows: the LGA label for text, nothing otherwise."""
    return REDACTED_PERSONAL_DATA if isinstance(getattr(entry, name), str) else None


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
    if record.withheld:
        return ["the record is withheld"]
    reasons: list[str] = [f"holds a value withheld from publication ({key})" for key in withheld_values(record)]
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
    records: dict[str, list[tuple[Path, Provenanced]]] = field(default_factory=dict)
    """Every other kind's records by kind name, each with the file in data/ it is stored in (its history)."""
    spend_sources: list[dict] = field(default_factory=list)  # each spend source's ledger (opcc.spend_data)


def public_data(store: Store) -> PublicData:
    """The publishing body's records, through the gate."""
    from opcc.spend_data import load_ledgers

    settings = store.settings
    official = OfficialContacts.from_settings(settings)
    published = [d for d in store.decisions() if settings.published_body(d.body)]
    others = unpublished_bodies(store)
    spend = published_spend(store)
    panel = [p for p in store.panel_reports() if settings.published_body(p.body)]
    records = {
        kind.name: [(path, publishable(record, official)) for path, record in store.record_files(kind)
                    if settings.published_body(getattr(record, "body", None))]
        for kind in _register_kinds() if (store.public / kind.folder).exists()
    }
    return PublicData(
        decisions=[publishable_decision(d, official) for d in published],
        spend=publishable_spend(spend, official),
        panel_reports=[publishable_panel_report(p, official) for p in panel],
        other_bodies=others,
        records=records,
        spend_sources=[entry for body in settings.bodies for entry in load_ledgers(store.public, body.slug)],
    )


def published_spend(store: Store) -> pd.DataFrame:
    """The spend rows of every body the site publishes. The publishing body's returns say which of
    its bodies spent each row (the Commissioner or the Chief Constable); a partner's rows are its own."""
    import pandas as pd

    from opcc.spend_data import body_dir, load_spend

    settings = store.settings
    parts = [load_spend(store.public, settings.body.slug)]
    for body in settings.publishes:
        if not body_dir(store.public, body.name).exists():
            continue
        rows = load_spend(store.public, body.slug)
        if len(rows):
            parts.append(rows.assign(spending_body=rows["spending_body"].fillna(body.label)))
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def unpublished_records(store: Store) -> list[tuple[Path, Provenanced]]:
    """The records in data/ of a body the site does not publish (opcc.yml's ``body`` and
    ``publishes``), each with its file: stored, never published, and reported by ingest and review."""
    settings = store.settings
    stored = [kind for kind in kinds().values() if kind.relpath is not None]  # spend is rows, not records
    return [(path, record) for kind in stored if (store.public / kind.folder).exists()
            for path, record in store.record_files(kind)
            if not settings.published_body(getattr(record, "body", None))]


def unpublished_bodies(store: Store) -> list[str]:
    return sorted({record.body for _, record in unpublished_records(store)})


def withheld_in_data(store: Store) -> list[str]:
    """Each value in data/ that its model withholds (a name written into a register by hand, without
    consent): data/ is public, so each is a problem to fix, one line each."""
    found = []
    for kind in _register_kinds():
        if (store.public / kind.folder).exists():
            for path, record in store.record_files(kind):
                found += [f"{path.relative_to(store.settings.root)}: {where}" for where in withheld_values(record)]
    return found


def _register_kinds() -> list[Kind]:
    """The kinds published through :func:`publishable`: all stored one record per file, bar the
    decisions and panel papers, which have gates of their own above."""
    return [kind for kind in kinds().values() if kind.relpath is not None and kind.name not in ("decision", "panel_report")]
