"""The record store: ``data/`` (public, in git) and the private store (withheld, outside git).

Layout, all derived from the record itself::

    data/<folder>/<relpath>.yaml             one record (a withheld one as its public stub), where
                                             each kind's folder and relpath are declared in
                                             opcc.core.registry, e.g. decisions/<body>/<year>/<ref>.yaml
    data/<folder>/<relpath>.overrides.yaml   a person's corrections
    data/expenditure/...                     rows rather than records: see opcc.spend_data
    data/sources/<sha256>.<ext>              public source files, content-addressed; a PDF as its clean
                                             copy (ingest.pdf_clean), never the original
    data/sources/index.yaml                  sha256 -> what it became (paths relative to data/)
    <private>/decisions/..., <private>/sources/...   the same for withheld records
    <private>/originals/<sha256>.pdf         the original of each public source PDF
    <private>/originals/<sha256>.yaml        each record file a person wrote, as written (the record
                                             in data/, and in the private store the parts it withholds,
                                             are what it became)
    <private>/personal_data/<sha256>.yaml    personal data the gate took out of a source's records
    <private>/ingest.lock                    held by the one ingest that may write the store

Every write is atomic. Overrides are never written by ingest, so a correction
survives any re-ingest; they are applied whenever a record is loaded.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from opcc.core.files import atomic_copy, atomic_write_bytes, atomic_write_text, remove_stale_temp_files
from opcc.core.kinds.decision import Decision
from opcc.core.kinds.panel_report import PanelReport
from opcc.core.model import Provenanced
from opcc.core.registry import Kind, kind_of, kinds, record_from_data
from opcc.core.settings import Settings
from opcc.core.yaml_io import read_yaml

OVERRIDES_SUFFIX = ".overrides.yaml"
LOCK_FILE = "ingest.lock"
SOURCE_EXTENSIONS = {
    "application/pdf": ".pdf",
    "text/csv": ".csv",
    "application/vnd.ms-excel": ".xls",
    "application/yaml": ".yaml",
}


# libyaml (bundled with PyYAML's wheels) reads and writes ~10x faster than pure Python,
# which matters for the source index of a store with thousands of sources.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(data: object) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)


def load_yaml(path: Path) -> object:
    return read_yaml(path)


def record_to_yaml(record: Provenanced) -> str:
    return dump_yaml(record.model_dump(mode="json"))


def record_from_file(path: Path) -> Provenanced:
    """Load a record and apply the overrides file beside it, if there is one."""
    data = load_yaml(path)
    overrides_path = path.with_name(path.name.removesuffix(".yaml") + OVERRIDES_SUFFIX)
    if overrides_path.exists():
        data = apply_overrides(data, load_yaml(overrides_path) or {})
    return record_from_data(data)


def apply_overrides(data: dict, overrides: dict) -> dict:
    """A person's corrections win over what was extracted; ``reviewed`` fields clear their flags."""
    merged = {**data, **{k: v for k, v in overrides.items() if k != "reviewed"}}
    reviewed = sorted(set(data.get("reviewed", [])) | set(overrides.get("reviewed", [])))
    merged["reviewed"] = reviewed
    merged["review"] = [
        flag for flag in merged.get("review", []) if flag["field"] not in reviewed and flag["field"] not in overrides
    ]
    return merged


def record_relpath(record: Provenanced, settings: Settings) -> Path:
    """Where a record lives under ``data/`` (and the private store): its kind's folder and relpath."""
    kind = kind_of(record)
    return Path(kind.folder, kind.relpath(record, settings.body.name))


def record_kinds() -> list[Kind]:
    """The kinds stored one record per file (spend is stored as rows: opcc.spend_data)."""
    return [kind for kind in kinds().values() if kind.relpath is not None]


class StoreBusy(Exception):
    """Another process holds the store's lock; ``str(exc)`` says so in one line."""


@dataclass
class Store:
    """Reads and writes records under ``data/`` and the private store."""

    settings: Settings
    _indexes: dict[Path, dict[str, dict]] = field(default_factory=dict, repr=False)
    _unsaved: set[Path] = field(default_factory=set, repr=False)

    @property
    def public(self) -> Path:
        return self.settings.data_dir

    @property
    def private(self) -> Path:
        return self.settings.private_dir

    # -- sources ---------------------------------------------------------------

    def source_index(self, root: Path) -> dict[str, dict]:
        """sha256 -> what the source became; read once, then kept current by :meth:`note_source`."""
        if root not in self._indexes:
            path = root / "sources" / "index.yaml"
            self._indexes[root] = (load_yaml(path) or {}) if path.exists() else {}
        return self._indexes[root]

    def known_sources(self) -> frozenset[str]:
        """The SHA-256 of every source already ingested, public or private."""
        return frozenset(self.source_index(self.public)) | frozenset(self.source_index(self.private))

    def copy_source(self, root: Path, path: Path, sha256: str, media_type: str, content: bytes | None = None) -> str:
        """Copy a source file in under its SHA-256 (a file operation only, so any process may do it); its file name.

        ``content``, if given, is written instead of the file's own bytes (a PDF's clean copy),
        named by its own SHA-256 (the record's provenance keeps the original's), and the
        original goes to the private store's ``originals/``, first: if that fails, nothing
        reaches ``root``.
        """
        suffix = SOURCE_EXTENSIONS.get(media_type, path.suffix.lower())
        if content is None:
            target = root / "sources" / f"{sha256}{suffix}"
            if not target.exists():
                atomic_copy(path, target)
            return target.name
        self.keep_original(path, sha256, media_type)
        target = root / "sources" / f"{hashlib.sha256(content).hexdigest()}{suffix}"
        if not target.exists():
            atomic_write_bytes(target, content)
        return target.name

    def keep_original(self, path: Path, sha256: str, media_type: str) -> Path:
        """Keep a source file's own bytes privately, under its SHA-256: never published."""
        original = self.private / "originals" / f"{sha256}{SOURCE_EXTENSIONS.get(media_type, path.suffix.lower())}"
        if not original.exists():
            atomic_copy(path, original)
        return original

    def note_source(self, root: Path, sha256: str, path: Path, file: str, records: list[Path],
                    published: object = None) -> None:
        """Note in the index what a kept source file (``file``, copied from ``path``) became, and the day
        it was first published elsewhere if its side-car says (spend rows have no record to hold it).

        Only the source's file name and record paths relative to ``data/`` (or the private
        store) are kept: never where anything was on the machine that ingested it.
        """
        index = self.source_index(root)
        index[sha256] = {
            "filename": path.name,
            "file": file,
            "records": sorted({*index.get(sha256, {}).get("records", []), *(self._relative(r) for r in records)}),
            **({"published": str(published)} if published else {}),
        }
        self._unsaved.add(root)

    def _relative(self, record: Path) -> str:
        for root in (self.public, self.private):
            if record.is_relative_to(root):
                return str(record.relative_to(root))
        if record.is_absolute():
            raise ValueError(f"{record} is outside the store")
        return str(record)

    def drop_private_copies(self, relpath: Path, sha256: str) -> None:
        """Remove a record's private copy and its source's, once both are public (nothing is lost:
        the same record and the same bytes are in data/)."""
        (self.private / relpath).unlink(missing_ok=True)
        entry = self.source_index(self.private).pop(sha256, None)
        if entry is not None:
            (self.private / "sources" / entry["file"]).unlink(missing_ok=True)
            self._unsaved.add(self.private)

    def save_indexes(self) -> None:
        """Write the source indexes changed since the last save.

        A batch saves once at its end rather than per file. If it is interrupted, the
        sources it kept are simply not yet listed, and the next ingest reads them again:
        ingest is idempotent, so nothing is lost or duplicated.
        """
        for root in sorted(self._unsaved):
            index = self._indexes[root]
            atomic_write_text(root / "sources" / "index.yaml", dump_yaml(dict(sorted(index.items()))))
        self._unsaved.clear()

    def keep_removed_personal_data(self, sha256: str, removed: dict[str, list[str]]) -> None:
        """Keep what the gate took out of a source's records, privately, for review and for the leak scan.

        Written before anything of the source reaches ``data/`` (the source index says which
        records it became), so a private store that cannot be written stops the source there.
        """
        atomic_write_text(self.private / "personal_data" / f"{sha256}.yaml", dump_yaml({"removed": removed}))

    def removed_personal_data(self) -> list[tuple[Path, dict[str, list[str]]]]:
        folder = self.private / "personal_data"
        return [(path, load_yaml(path)["removed"]) for path in sorted(folder.glob("*.yaml"))] if folder.exists() else []

    def source_path(self, sha256: str) -> Path | None:
        """The public copy of a source file, if it is public."""
        entry = self.source_index(self.public).get(sha256)
        return self.public / "sources" / entry["file"] if entry else None

    # -- one writer at a time ----------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[list[Path]]:
        """Hold the store's lock for one ingest, and clear what a killed run left half-written.

        A second ingest of the same store is refused, with a clear message, rather than
        left to interleave its writes with the first (two writers each save the source
        index, and the last one would lose the other's entries). Yields the stale temporary
        files removed.
        """
        self.private.mkdir(parents=True, exist_ok=True)
        handle = os.open(self.private / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # per process: workers forked later do not hold it
            except OSError:
                raise StoreBusy(f"another opcc ingest is writing this store ({self.private / LOCK_FILE}); "
                                "run this one when it has finished") from None
            yield [*remove_stale_temp_files(self.public), *remove_stale_temp_files(self.private)]
        finally:
            os.close(handle)

    # -- records ---------------------------------------------------------------

    def write_record(self, root: Path, relpath: Path, record: Provenanced) -> str:
        """Write a record unless the same content is there; returns ``new``, ``updated`` or ``unchanged``."""
        path = root / relpath
        text = record_to_yaml(record)
        if path.exists():
            if path.read_text(encoding="utf-8") == text:
                return "unchanged"
            atomic_write_text(path, text)
            return "updated"
        atomic_write_text(path, text)
        return "new"

    def read_raw(self, root: Path, relpath: Path) -> Provenanced | None:
        """A stored record as extracted, without overrides (what a re-ingest merges with)."""
        path = root / relpath
        if not path.exists():
            return None
        return record_from_data(load_yaml(path))

    def records(self, kind: Kind | str, root: Path | None = None) -> list[Provenanced]:
        """Every stored record of a kind, overrides applied, in path order (stable across builds)."""
        return [record for _, record in self.record_files(kind, root)]

    def record_files(self, kind: Kind | str, root: Path | None = None) -> list[tuple[Path, Provenanced]]:
        """Every stored record of a kind with the file it is stored in, in path order."""
        folder = (root or self.public) / (kind if isinstance(kind, Kind) else kinds()[kind]).folder
        paths = sorted(p for p in folder.rglob("*.yaml") if not p.name.endswith(OVERRIDES_SUFFIX))
        return [(p, record_from_file(p)) for p in paths]

    def decisions(self) -> list[Decision]:
        return self.records("decision")  # type: ignore[return-value]

    def withheld_decisions(self) -> list[Decision]:
        return self.records("decision", self.private) if (self.private / "decisions").exists() else []

    def panel_reports(self) -> list[PanelReport]:
        return self.records("panel_report")  # type: ignore[return-value]
