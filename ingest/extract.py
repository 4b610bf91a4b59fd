"""One source file in, one validated record out: the library behind ``opcc extract``."""

from __future__ import annotations

from pathlib import Path

from opcc.core.kinds.expenditure import Expenditure
from opcc.core.model import HIDDEN_TEXT, Provenanced, ReviewFlag, SourceFile
from opcc.core.registry import Kind, kinds, resolve
from opcc.core.registry import kind as kind_named

from .errors import RefusedInput
from .pdf import Document, read_pdf
from .pdf_objects import OVERLAID
from .sources import MEDIA_TYPES, SPREADSHEET_SUFFIXES, sha256_file


def extract(path: Path, kind: str | None = None, *, default_body: str | None = None) -> Provenanced:
    """Read one source file into a record, or raise :class:`RefusedInput` saying why not.

    ``kind`` forces a kind (see :mod:`opcc.core.registry`); otherwise it is detected.
    ``default_body`` names the publisher for spend files that do not print it.
    """
    path = Path(path)
    if not path.is_file():
        raise RefusedInput("no such file")
    suffix = path.suffix.lower()
    forced = kind_named(kind) if kind else None
    if suffix in SPREADSHEET_SUFFIXES:
        if forced is not None and "table" not in forced.sources:
            raise RefusedInput(f"a {suffix} file cannot be a {forced.name} record")
        from .spend import read_spreadsheet

        record: Provenanced = read_spreadsheet(path)
        source = SourceFile(sha256=sha256_file(path), filename=path.name, media_type=MEDIA_TYPES[suffix])
    elif suffix == ".pdf" or forced:
        doc = read_pdf(path)
        record = resolve((forced or detect_kind(doc)).parser)(doc)
        record.review = [*record.review, *hidden_text_flags(doc)]
        source = SourceFile(
            sha256=doc.sha256, filename=path.name, media_type=MEDIA_TYPES[".pdf"], pages=len(doc.pages), ocr=doc.ocr
        )
    else:
        raise RefusedInput(f"unsupported file type {suffix or '(none)'}; expected PDF, CSV, XLSX or XLS")
    if isinstance(record, Expenditure):
        record.body = record.body or default_body
        for row in record.rows:  # each row carries its provenance, as stored rows do
            row.source_sha256 = source.sha256
    record.sources = [source]
    return record


def detect_kind(doc: Document) -> Kind:
    """The first PDF kind of the registry whose test recognises the document."""
    for candidate in kinds().values():
        if "pdf" in candidate.sources and candidate.recognise and resolve(candidate.recognise)(doc):
            return candidate
    raise RefusedInput("not recognised as any kind of record")


def hidden_text_flags(doc: Document) -> list[ReviewFlag]:
    """One flag per page with text a reader cannot see: how it is hidden, never what it says.

    Text under a box or an image (overlay "redaction") holds the record for a person
    (``hidden_text``); text that is merely invisible or white is left out of the record and
    of the published copy, and noted on ``sources`` for the person's information.
    """
    pages: dict[tuple[bool, int], set[str]] = {}
    for hidden in doc.hidden:
        pages.setdefault((hidden.how in OVERLAID, hidden.page), set()).add(hidden.how)
    return [ReviewFlag(field=HIDDEN_TEXT, page=page,
                       reason=f"the source has text a reader cannot see ({', '.join(sorted(hows))}); "
                              "it was not read, and the record is held until a person has looked")
            if overlaid else
            ReviewFlag(field="sources", page=page,
                       reason=f"the source has text a reader cannot see ({', '.join(sorted(hows))}); "
                              "it was not read, and is left out of the published copy")
            for (overlaid, page), hows in sorted(pages.items(), key=lambda item: (item[0][1], not item[0][0]))]
