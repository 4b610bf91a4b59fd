"""One source file in, one validated record out: the library behind ``opcc extract``."""

from __future__ import annotations

from pathlib import Path

from opcc.model import Decision, Expenditure, PanelReport, SourceFile

from .detect import detect_kind
from .errors import RefusedInput
from .pdf import read_pdf
from .sources import MEDIA_TYPES, SPREADSHEET_SUFFIXES, sha256_file

Record = Decision | Expenditure | PanelReport


def extract(path: Path, kind: str | None = None, *, default_body: str | None = None) -> Record:
    """Read one source file into a record, or raise :class:`RefusedInput` saying why not.

    ``kind`` forces ``decision``, ``expenditure`` or ``panel_report``; otherwise it is
    detected. ``default_body`` names the publisher for spend files that do not print it.
    """
    path = Path(path)
    if not path.is_file():
        raise RefusedInput("no such file")
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        if kind not in (None, "expenditure"):
            raise RefusedInput(f"a {suffix} file can only be an expenditure return")
        from .spend import read_spreadsheet

        record: Record = read_spreadsheet(path)
        source = SourceFile(sha256=sha256_file(path), filename=path.name, media_type=MEDIA_TYPES[suffix])
    elif suffix == ".pdf" or kind:
        doc = read_pdf(path)
        kind = kind or detect_kind(doc)
        record = _parse_pdf(doc, kind)
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


def _parse_pdf(doc, kind: str) -> Record:
    if kind == "decision":
        from .decisions import parse_decision

        return parse_decision(doc)
    if kind == "panel_report":
        from .panel import parse_panel_report

        return parse_panel_report(doc)
    if kind == "expenditure":
        from .spend import read_pdf_return

        return read_pdf_return(doc)
    raise RefusedInput(f"unknown kind {kind!r}; expected decision, expenditure or panel_report")
