"""Ingest a batch of source files into the store: read in parallel, store safely.

Worker processes hash and read the files; each spend return's rows are stored by the
worker that read it (they go to month files under a lock), so returns are stored side
by side. This process keeps each source file (a copy and a line in the index): while
the workers keep both CPUs busy it mostly waits for the disk. Decisions and panel
papers come back to it whole and are stored one at a time, since a record may be
merged with one stored under the same reference. The source indexes are written once,
at the end.

A bad file is reported and skipped; it never stops the batch or touches what is
stored. Files already ingested (same SHA-256) are not read again.

Crash safety: one ingest writes a store at a time (:meth:`Store.writing`), and the
temporary files of a run that was killed are removed at the next one's start; every
write is atomic and the private store is written before ``data/``, so a crash (or a
full private disk) never leaves in ``data/`` part of a record whose private half is
missing. The sources a killed run kept are not yet in the index, so the next run reads
them again and writes the same bytes. A worker that dies (the OOM killer, say) fails
only its own file: the files it left are read again in fresh workers, each on its own.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from ingest.errors import RefusedInput
from ingest.records import (
    RECORD_SUFFIXES,
    YAML_MEDIA_TYPE,
    is_side_car,
    load_mapping,
    side_car,
    split_side_car,
)
from ingest.sources import MEDIA_TYPES, SPREADSHEET_SUFFIXES, sha256_file
from ingest.spend import read_spend_table
from opcc import gate
from opcc.checks.digest import write_digest
from opcc.core.filetext import file_text
from opcc.core.kinds.expenditure import Expenditure
from opcc.core.model import HIDDEN_TEXT, Provenanced, ReviewFlag, SourceFile, TableLedger
from opcc.core.privacy import OfficialContacts
from opcc.core.registry import kind_of
from opcc.core.settings import Settings
from opcc.spend_data import (
    body_dir,
    describe_ledger,
    ledger_entry,
    month_path,
    rows_frame,
    write_frame,
    write_ledger,
)
from opcc.store import Store, record_relpath

SOURCE_SUFFIXES = {".pdf", ".csv", ".xlsx", ".xlsm", ".xls", *RECORD_SUFFIXES}
STATUSES = ("new", "updated", "unchanged", "failed")
BOOKKEEPING = {"sources", "provenance", "review", "reviewed"}
PDF = "application/pdf"
WORKER_DIED = "the process reading it died (out of memory, or killed); it was not stored"


@dataclass
class Outcome:
    path: Path
    status: str
    reason: str | None = None
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a printed total the rows do not add up to
    ledger: str | None = None  # a spend return's rows accounted for, in one line


def skipped_files(paths: list[Path]) -> list[tuple[Path, str]]:
    """The files inside the folders named that ingest does not read, each with the reason, so that
    nothing in an inbox is passed over without a word. A file named on its own is always tried."""
    readable = ", ".join(sorted(SOURCE_SUFFIXES))
    skipped = []
    for path in paths:
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() not in SOURCE_SUFFIXES):
                kind = f"{file.suffix} files" if file.suffix else "files without an extension"
                skipped.append((file, f"opcc does not read {kind} (it reads {readable})"))
    return skipped


def find_sources(paths: list[Path]) -> list[Path]:
    """Files named, and the source files inside folders named, in a stable order.

    A YAML file beside a source file of the same name is that file's side-car, read with it
    (:mod:`ingest.records`), not a source of its own.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
            siblings = set(files)
            found += [p for p in files if not is_side_car(p, siblings)]
        elif not is_side_car(path, set(path.parent.glob(f"{path.stem}.*"))):
            found.append(path)
    return found


@dataclass
class SpendSource:
    """A spend return as canonical Arrow columns: the bulk path, with no object per row."""

    table: pa.Table
    body: str
    source: SourceFile
    review: list[ReviewFlag]
    ledger: list[TableLedger] = field(default_factory=list)
    total: Decimal | None = None
    published: object = None  # the day it was first published elsewhere, from its side-car


@dataclass
class StoredSpend:
    """A spend return whose rows are stored; its source file is still to be kept (:func:`keep_spend_source`)."""

    outcome: Outcome
    source: SourceFile
    root: Path  # where the source belongs: data/, or the private store if a payee was removed
    months: list[Path]  # every month file its rows are in, written now or (a re-run after a crash) before
    body: str = ""
    ledger: dict = field(default_factory=dict)  # what spend_data.write_ledger keeps of the source's ledger
    published: object = None


@dataclass
class Work:
    """One source file for a worker: read it, and store it if it is a spend return."""

    path: Path
    kind: str | None
    settings: Settings


_KNOWN: frozenset[str] = frozenset()
"""SHA-256s already ingested, given to each worker once (see :func:`_start_worker`)."""


def _start_worker(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known
    _spare_pyarrow_the_pandas_import()


def _spare_pyarrow_the_pandas_import() -> None:
    """Let pyarrow find pandas absent, in a worker, so that it does not import it (0.1 s) for nothing.

    The first time a process turns any Python value into Arrow, pyarrow imports pandas,
    only to check whether the value is a pandas object. A worker never hands it one, so
    pandas is refused while pyarrow makes that check, once; pyarrow then skips such checks
    for good, and still imports pandas where a conversion really needs it (``to_pandas``,
    ``from_pandas``: ``tests/test_ingest.py`` keeps that working).
    """
    if "pandas" in sys.modules:
        return  # already imported: nothing to spare
    refusal = _Refuse("pandas")
    sys.meta_path.insert(0, refusal)
    try:
        pa.scalar(0)
    finally:
        sys.meta_path.remove(refusal)


@dataclass
class _Refuse:
    """An import finder that makes one module's import fail, as if it were not installed."""

    module: str

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == self.module:
            raise ModuleNotFoundError(f"{name} is refused here", name=name)


def read_spend_source(path: Path, default_body: str, sha256: str) -> SpendSource:
    """A spend return's rows, with what its side-car says filled into the cells they leave empty."""
    table, meta = read_spend_table(path)
    source = SourceFile(sha256=sha256, filename=path.name, media_type=MEDIA_TYPES[path.suffix.lower()])
    side = load_mapping(side_car(path)) if side_car(path) else {}
    fields, defaults = split_side_car(side)
    for name, value in defaults.items():
        column = table.column(name).cast(pa.string())
        table = table.set_column(table.column_names.index(name), name,
                                 pc.fill_null(column, pa.scalar(str(value), pa.string())))
    return SpendSource(table, meta.body or default_body, source, meta.review, meta.ledger, meta.total,
                       fields.get("published"))


def _work(work: Work) -> Provenanced | StoredSpend | Outcome | str:
    """Hash, read and (spend returns) store one file; a record is returned for the main process to merge.

    A spend return's rows go to month files under a lock and its source is its own file, so
    the workers store returns side by side. A decision or panel paper may be merged with
    a stored record of the same reference, so records are stored one at a time, by the caller.
    """
    path = work.path
    try:
        sha256 = sha256_file(path)
        if sha256 in _KNOWN and side_car(path) is None:
            return Outcome(path, "unchanged")  # a file with a side-car is read again: the side-car may have changed
        default_body = work.settings.body.name
        if path.suffix.lower() in SPREADSHEET_SUFFIXES and work.kind in (None, "expenditure"):
            record = read_spend_source(path, default_body, sha256)
        else:
            # Imported here, so that the PDF stack loads when a PDF comes, not for a batch of CSVs.
            from ingest.extract import extract

            record = extract(path, work.kind, default_body=default_body)
        if isinstance(record, (SpendSource, Expenditure)):
            return store_spend(Store(work.settings), path, record)
        return record
    except RefusedInput as exc:
        return str(exc)
    except OSError as exc:
        return f"could not be read or stored ({exc})"
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch; its reason is reported
        return f"could not be read ({type(exc).__name__}: {exc})"


def ingest_paths(paths: list[Path], store: Store, *, kind: str | None = None, jobs: int | None = None,
                 progress: bool = True) -> list[Outcome]:
    """Ingest files and folders into the store; one outcome per source file, in a stable order.

    Raises :class:`opcc.store.StoreBusy` if another ingest is writing the same store.
    """
    sources = find_sources(paths)
    outcomes = {path: Outcome(path, "failed", "no such file") for path in sources if not path.is_file()}
    todo = [path for path in sources if path not in outcomes]
    jobs = jobs or min(len(todo), os.cpu_count() or 1) or 1
    with store.writing():
        try:
            left = _extract_and_save(todo, kind, store, outcomes, jobs, progress)
            for path in left:  # a worker died while they were read: each again, alone, in a fresh worker
                if _extract_and_save([path], kind, store, outcomes, 1, False):
                    outcomes[path] = Outcome(path, "failed", WORKER_DIED)
        finally:
            store.save_indexes()
        write_digest(store)  # so that a clone without the private store can still be leak-scanned
    return [outcomes[path] for path in sources]


def _extract_and_save(todo: list[Path], kind: str | None, store: Store, outcomes: dict[Path, Outcome],
                      jobs: int, progress: bool) -> list[Path]:
    """Read ``todo`` in a pool of workers and store what they read; the files a dead worker left unread."""
    # The pool is started before the progress bar (even before tqdm is imported), so the
    # workers carry neither its monitor thread, which must not be forked, nor the module.
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                             initargs=(store.known_sources(),)) as pool:
        futures: list[Future] = [pool.submit(_work, Work(path, kind, store.settings)) for path in todo]
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="file", desc="ingest", disable=not progress or not todo)
        unread = []
        for path, future in zip(todo, futures, strict=True):  # in order: merges must not depend on timing
            bar.update()
            try:
                result = future.result()
            except BrokenProcessPool:
                unread.append(path)
                continue
            outcomes[path] = _store_result(store, path, result)
        bar.close()
    return unread


def _store_result(store: Store, path: Path, result: Provenanced | StoredSpend | Outcome | str) -> Outcome:
    if isinstance(result, str):
        return Outcome(path, "failed", result)
    if isinstance(result, Outcome):
        return result
    try:
        if isinstance(result, StoredSpend):
            return keep_spend_source(store, path, result)
        return save(store, path, result)
    except (OSError, ValueError) as exc:
        return Outcome(path, "failed", f"could not be stored ({exc})")


def store_spend(store: Store, path: Path, spend: SpendSource | Expenditure) -> StoredSpend:
    """Store a spend return's rows, through the gate; its source is public only if no payee was removed."""
    if isinstance(spend, Expenditure):
        spend = SpendSource(rows_frame(spend.rows), spend.body, spend.sources[0], spend.review, spend.ledger,
                            spend.total, spend.published)
    table, removed = gate.remove_private_payees(spend.table, OfficialContacts.from_settings(store.settings))
    if removed:  # private first: if it cannot be written, nothing of the source reaches data/
        store.keep_removed_personal_data(spend.source.sha256, removed)
    written = write_frame(store.public, spend.body, table, spend.source.sha256)
    # The source is new (known ones never get here), so its rows are new even where
    # they land in a month file that already exists.
    entry = ledger_entry(path.name, spend.source.sha256, spend.table, spend.ledger, spend.total, spend.review)
    outcome = Outcome(path, "new" if written else "unchanged", written=written,
                      warnings=[f"{flag.field}: {flag.reason}" for flag in spend.review], ledger=describe_ledger(entry))
    hides_text = any(flag.field == HIDDEN_TEXT for flag in spend.review)
    folder = body_dir(store.public, spend.body)
    months = sorted({month_path(folder, month) for month in _months(table)})
    return StoredSpend(outcome, spend.source, store.private if removed or hides_text else store.public, months,
                       spend.body, entry, spend.published)


def _months(table: pa.Table) -> list[str | None]:
    """The months (``YYYY-MM``, ``None`` for undated) a table's rows fall in."""
    return pc.utf8_slice_codeunits(table.column("date").cast(pa.string()), 0, 7).unique().to_pylist()


def keep_spend_source(store: Store, path: Path, stored: StoredSpend) -> Outcome:
    """Copy a stored return's source file in and note it in the index."""
    if stored.ledger:
        stored.months.append(write_ledger(store.public, stored.body, stored.ledger))
    stored.outcome.warnings += keep_source(store, path, stored.source, stored.root == store.public, stored.months,
                                           published=stored.published)
    stored.outcome.warnings += unpublished_body(store.settings, stored.body)
    return stored.outcome


def unpublished_body(settings: Settings, body: str | None) -> list[str]:
    """A warning if a record is of a body the site does not publish: said as it arrives, since the
    build leaves it off the site (it stays in data/ for when the body is added to opcc.yml)."""
    if settings.published_body(body):
        return []
    return [f"a record of {body}, which this site does not publish: stored in data/ but not on the site "
            f"(to publish it, name the body under publishes: in opcc.yml)"]


def keep_source(store: Store, path: Path, source: SourceFile, public: bool, records: list[Path],
                published: object = None) -> list[str]:
    """Keep a source file, publicly only if it may be (a PDF as its clean copy); warnings for the person.

    A PDF that cannot be cleaned is kept privately instead. ``published``: the day a spend return
    was first published elsewhere, from its side-car (its rows have no record to hold it).
    """
    from ingest.pdf_clean import NotCleanable, clean_copy

    content, warnings = None, []
    if public and source.media_type == PDF:
        try:
            content = clean_copy(path.read_bytes())
        except NotCleanable as exc:
            public = False
            warnings.append(f"its source PDF is kept private: {exc}")
    root = store.public if public else store.private
    file = store.copy_source(root, path, source.sha256, source.media_type, content)
    store.note_source(root, source.sha256, path, file, records, published=published)
    return warnings


def save(store: Store, path: Path, record: Provenanced | SpendSource) -> Outcome:
    """Write one extracted record (merged with what is stored) and keep its source file."""
    official = OfficialContacts.from_settings(store.settings)
    if isinstance(record, (Expenditure, SpendSource)):
        return keep_spend_source(store, path, store_spend(store, path, record))
    relpath = record_relpath(record, store.settings)
    existing = store.read_raw(store.private, relpath) or store.read_raw(store.public, relpath)
    merged = merge(existing, record) if existing and kind_of(record).merges else record
    text = file_text(path)
    merged = gate.hold_if_marked(merged, text)
    public, withheld = gate.split_for_storage(merged, official)
    public, removed = gate.remove_personal_data(public, official)
    removed = {**gate.withheld_values(merged), **removed}
    source = record.sources[0]
    # The private store first: if it cannot be written, nothing of this record reaches data/.
    private_status = store.write_record(store.private, relpath, withheld) if withheld is not None else None
    if removed:
        store.keep_removed_personal_data(source.sha256, removed)
    source_public = withheld is None and not removed and not gate.source_withheld_reasons(merged, text, official)
    if withheld is None and source_public:
        # Held before (a marked document a person has now cleared): its content is public now, so
        # the private copies would only be mistaken by the leak scan for something withheld.
        store.drop_private_copies(relpath, source.sha256)
    if source.media_type == YAML_MEDIA_TYPE:
        # A record a person wrote is its own source: what may be public of it is the record in data/.
        store.keep_original(path, source.sha256, source.media_type)
        warnings = []
    else:
        warnings = keep_source(store, path, source, source_public, [relpath])
    warnings += unpublished_body(store.settings, getattr(record, "body", None))
    status = store.write_record(store.public, relpath, public)
    if private_status is not None:
        status = max(status, private_status, key=STATUSES.index)
    if existing and status == "new":
        status = "updated"
    return Outcome(path, status, written=[relpath], warnings=warnings)


def merge(existing: Provenanced, new: Provenanced) -> Provenanced:
    """One record from two sources of the same document (a rescan, a corrected copy).

    The newer source wins, except that OCR never overrides values read from a text
    layer; values only one source has are kept either way, except that nothing is
    taken from a withheld copy into one that is not (a confidential notice's sections
    must not fill the empty ones of an open copy). Both sources are listed.
    """
    existing_has_text = any(not s.ocr for s in existing.sources)
    new_is_ocr = all(s.ocr for s in new.sources)
    primary, secondary = (existing, new) if existing_has_text and new_is_ocr else (new, existing)
    data = primary.model_dump()
    other = secondary.model_dump()
    fill_from_other = not _withheld(secondary) or _withheld(primary)
    filled = {name for name, value in other.items() if fill_from_other
              and name not in BOOKKEEPING and data.get(name) in (None, [], {}) and value not in (None, [], {})}
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


def _withheld(record: Provenanced) -> bool:
    return bool(getattr(record, "withheld", False)) or gate.held_for_review(record)


def summarise(outcomes: list[Outcome]) -> Counter:
    return Counter(outcome.status for outcome in outcomes)
