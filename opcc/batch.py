"""Ingest a batch of source files into the store: extract in parallel, write one at a time.

A bad file is reported and skipped; it never stops the batch or touches what is
stored. Files already ingested (same SHA-256) are not read again.
"""

from __future__ import annotations

import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from tqdm import tqdm

from ingest.detect import SPREADSHEET_SUFFIXES
from ingest.errors import RefusedInput
from ingest.extract import MEDIA_TYPES, extract
from ingest.pdf import sha256_file
from ingest.spend import read_spend_table
from opcc import gate
from opcc.model import Decision, Expenditure, PanelReport, Provenanced, ReviewFlag, SourceFile
from opcc.personal_data import OfficialContacts
from opcc.spend_data import rows_frame, write_frame
from opcc.store import Store, decision_relpath, panel_relpath

SOURCE_SUFFIXES = {".pdf", ".csv", ".xlsx", ".xlsm", ".xls"}
STATUSES = ("new", "updated", "unchanged", "failed")
BOOKKEEPING = {"sources", "provenance", "review", "reviewed"}


@dataclass
class Outcome:
    path: Path
    status: str
    reason: str | None = None
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a printed total the rows do not add up to


def find_sources(paths: list[Path]) -> list[Path]:
    """Files named, and the source files inside folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
        else:
            found.append(path)
    return found


@dataclass
class SpendSource:
    """A spend return as canonical Arrow columns: the bulk path, with no object per row."""

    table: pa.Table
    body: str
    source: SourceFile
    review: list[ReviewFlag]


def read_spend_source(path: Path, default_body: str, sha256: str) -> SpendSource:
    table, meta = read_spend_table(path)
    source = SourceFile(sha256=sha256, filename=path.name, media_type=MEDIA_TYPES[path.suffix.lower()])
    return SpendSource(table, meta.body or default_body, source, meta.review)


def _extract_one(args: tuple[Path, str | None, str, str]) -> Provenanced | SpendSource | str:
    path, kind, default_body, sha256 = args
    try:
        if path.suffix.lower() in SPREADSHEET_SUFFIXES and kind in (None, "expenditure"):
            return read_spend_source(path, default_body, sha256)
        return extract(path, kind, default_body=default_body)
    except RefusedInput as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch; its reason is reported
        return f"could not be read ({type(exc).__name__}: {exc})"


def ingest_paths(paths: list[Path], store: Store, *, kind: str | None = None, jobs: int | None = None,
                 progress: bool = True) -> list[Outcome]:
    sources = find_sources(paths)
    outcomes: dict[Path, Outcome] = {}
    todo: list[Path] = []
    work: list[tuple[Path, str | None, str, str]] = []
    for path in sources:
        if not path.is_file():
            outcomes[path] = Outcome(path, "failed", "no such file")
        elif store.known_source(sha := sha256_file(path)):
            outcomes[path] = Outcome(path, "unchanged")
        else:
            todo.append(path)
            work.append((path, kind, store.settings.body.name, sha))
    jobs = jobs or min(len(todo), os.cpu_count() or 1) or 1
    try:
        _extract_and_save(todo, work, store, outcomes, jobs, progress)
    finally:
        store.save_indexes()
    return [outcomes[path] for path in sources]


def _extract_and_save(todo: list[Path], work: list[tuple[Path, str | None, str, str]], store: Store, outcomes: dict[Path, Outcome],
                      jobs: int, progress: bool) -> None:
    # The pool is started before the progress bar, whose monitor thread must not be forked.
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = pool.map(_extract_one, work)
        bar = tqdm(total=len(todo), unit="file", desc="ingest", disable=not progress or not todo)
        for path, result in zip(todo, results, strict=True):
            bar.update()
            if isinstance(result, str):
                outcomes[path] = Outcome(path, "failed", result)
                continue
            try:
                outcomes[path] = save(store, path, result)
            except (OSError, ValueError) as exc:
                outcomes[path] = Outcome(path, "failed", f"could not be stored ({exc})")
        bar.close()


def save(store: Store, path: Path, record: Provenanced | SpendSource) -> Outcome:
    """Write one extracted record (merged with what is stored) and keep its source file."""
    official = OfficialContacts.from_settings(store.settings)
    if isinstance(record, Expenditure):
        record = SpendSource(rows_frame(record.rows), record.body, record.sources[0], record.review)
    if isinstance(record, SpendSource):
        table, removed = gate.remove_private_payees(record.table)
        written = write_frame(store.public, record.body, table, record.source.sha256)
        _keep_source(store, path, record.source, written, public=not removed, removed=removed)
        # The source is new (known ones never get here), so its rows are new even where
        # they land in a month file that already exists.
        return Outcome(path, "new" if written else "unchanged", written=written,
                       warnings=[f"{flag.field}: {flag.reason}" for flag in record.review])
    if isinstance(record, Decision):
        relpath = decision_relpath(record, store.settings)
    elif isinstance(record, PanelReport):
        relpath = panel_relpath(record, store.settings)
    else:
        raise ValueError(f"unknown record kind {record.kind}")
    existing = store.read_raw(store.private, relpath) or store.read_raw(store.public, relpath)
    merged = merge(existing, record) if existing else record
    public, withheld = gate.split_for_storage(merged, official)
    public, removed = gate.remove_personal_data(public, official)
    status = store.write_record(store.public, relpath, public)
    if withheld is not None:
        status = max(status, store.write_record(store.private, relpath, withheld), key=STATUSES.index)
    source_public = withheld is None and not removed and gate.source_is_public(merged, path, official)
    _keep_source(store, path, record.sources[0], [relpath], public=source_public, removed=removed)
    if existing and status == "new":
        status = "updated"
    return Outcome(path, status, written=[relpath])


def _keep_source(store: Store, path: Path, source: SourceFile, written: list[Path], *, public: bool,
                 removed: dict[str, list[str]]) -> None:
    """The source file goes to data/sources only when nothing in it is withheld."""
    store.keep_source(store.public if public else store.private, path, source.sha256, source.media_type, written)
    if removed:
        store.keep_removed_personal_data(source.sha256, written, removed)


def merge(existing: Provenanced, new: Provenanced) -> Provenanced:
    """One record from two sources of the same document (a rescan, a corrected copy).

    The newer source wins, except that OCR never overrides values read from a text
    layer; values only one source has are kept either way. Both sources are listed.
    """
    existing_has_text = any(not s.ocr for s in existing.sources)
    new_is_ocr = all(s.ocr for s in new.sources)
    primary, secondary = (existing, new) if existing_has_text and new_is_ocr else (new, existing)
    data = primary.model_dump()
    other = secondary.model_dump()
    filled = {name for name, value in other.items()
              if name not in BOOKKEEPING and data.get(name) in (None, [], {}) and value not in (None, [], {})}
    for name in filled:
        data[name] = other[name]
        if name in other["provenance"]:
            data["provenance"][name] = other["provenance"][name]
    # A flag travels with the value it is about.
    data["review"] += [flag for flag in other["review"] if flag["field"] in filled]
    seen = {s.sha256 for s in primary.sources}
    data["sources"] = [*primary.model_dump()["sources"], *(s for s in secondary.model_dump()["sources"]
                                                          if s["sha256"] not in seen)]
    data["sources"].sort(key=lambda s: s["sha256"])
    return type(primary).model_validate(data)


def summarise(outcomes: list[Outcome]) -> Counter:
    return Counter(outcome.status for outcome in outcomes)
