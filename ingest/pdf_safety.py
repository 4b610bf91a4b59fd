"""What a PDF holds besides its pages' text: found by walking its object graph, never its raw bytes.

A regex over a PDF's bytes both misses and over-reaches: JavaScript inside a compressed
object stream, or spelled with name escapes (``/J#53``, ``/Jav#61Script``), has no
``/JS`` in the file's bytes, while a scan's JPEG data may hold those bytes by chance.
qpdf (through pikepdf) parses the file as a PDF reader would: object streams unpacked,
names unescaped. :func:`inspect_pdf` walks every object once and reports:

* **active content**: JavaScript, and actions that run a program, send the form's data
  somewhere or open another file (``/Launch``, ``/SubmitForm``, ``/ImportData``...), and
  links whose address is not a web or mail address (``javascript:``, ``file:``);
* **what a reader does not see**: document metadata (the Info dictionary, XMP, an
  application's private data), embedded files, comments and other annotations, and
  earlier revisions of the file (incremental updates).

Active content is refused (:func:`refuse_active_content`): a notice or a spend return
has no need of it, so a PDF that carries it is not what it claims to be, and a person
should look at it. The rest is read as usual and left out of the published copy
(:mod:`ingest.pdf_clean`).

The walk is bounded, so that a hostile file costs seconds, not hours: a PDF declaring
more than ``MAX_PAGES`` pages or holding more than ``MAX_OBJECTS`` objects is refused
before anything is read, and so is one whose objects nest deeper than ``MAX_OBJECT_DEPTH``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pikepdf

from .errors import RefusedInput

MAX_PAGES = 5_000
"""A year of a force's spend printed as a PDF runs to a few hundred pages; more is an attack or an error."""
MAX_OBJECTS = 1_000_000
"""A 500-page text PDF holds some 20,000 objects."""
MAX_OBJECT_DEPTH = 64
"""Dictionaries and arrays inside one another; real PDFs nest a handful deep."""

ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "an action that launches a program or opens a file",
    "/SubmitForm": "an action that sends the form's data to an address",
    "/ImportData": "an action that imports data from a file",
    "/GoToE": "an action that opens an embedded file",
    "/GoToR": "an action that opens another file",
    "/Rendition": "an action that plays media",
    "/RichMediaExecute": "an action that runs rich media",
    "/Movie": "an action that plays a movie",
    "/Sound": "an action that plays a sound",
}
"""Action types (``/S``) that run something or reach outside the document."""
ACTIVE_KEYS = {"/JS": "JavaScript", "/JavaScript": "JavaScript", "/XFA": "an XFA form (which can hold scripts)",
               "/RichMedia": "rich media content"}
SAFE_LINK = re.compile(r"^(?:https?|mailto):", re.IGNORECASE)
"""A link a published notice may keep: to a web page or an e-mail address."""
EMBEDDED_FILE_TYPES = {"/EmbeddedFile", "/Filespec"}


@dataclass
class Inspection:
    """What the walk of one PDF's objects found (names of kinds, never their content)."""

    pages: int
    active: list[str] = field(default_factory=list)
    hidden: set[str] = field(default_factory=set)  # e.g. "metadata", "an embedded file", "an earlier revision"


def open_checked(data: bytes) -> pikepdf.Pdf:
    """The PDF opened with qpdf, refused if it is too big to read in reasonable time and memory."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise RefusedInput("encrypted PDF (password-protected); publish an unencrypted copy") from exc
    except pikepdf.PdfError as exc:
        raise RefusedInput("damaged PDF (its structure cannot be read)") from exc
    try:
        declared = _declared_pages(pdf)
        if declared > MAX_PAGES:
            raise RefusedInput(f"PDF declares {declared:,} pages; more than {MAX_PAGES:,} are refused")
        objects = len(pdf.objects)
        if objects > MAX_OBJECTS:
            raise RefusedInput(f"PDF holds {objects:,} objects; more than {MAX_OBJECTS:,} are refused")
    except BaseException:
        pdf.close()
        raise
    return pdf


def _declared_pages(pdf: pikepdf.Pdf) -> int:
    """The page count the page tree's root declares (read without building the page list)."""
    try:
        count = pdf.Root.Pages.get("/Count", 0)
        return int(count) if isinstance(count, (int, pikepdf.Object)) else 0
    except (AttributeError, TypeError, ValueError, pikepdf.PdfError):
        return 0


def inspect_pdf(data: bytes) -> Inspection:
    """Walk every object of the PDF once: its active content, and what it holds that a reader does not see."""
    pdf = open_checked(data)
    try:
        pages = len(pdf.pages)
        if pages > MAX_PAGES:  # the declared count may lie
            raise RefusedInput(f"PDF has {pages:,} pages; more than {MAX_PAGES:,} are refused")
        found = Inspection(pages)
        for obj in pdf.objects:
            _walk(obj, found, 0)
        if "/Info" in pdf.trailer and len(pdf.trailer.Info):
            found.hidden.add("metadata")
        if _revisions(data, pdf) > 1:
            found.hidden.add("an earlier revision")
        found.active = sorted(set(found.active))
        return found
    except RecursionError as exc:
        raise RefusedInput(f"PDF objects nest more than {MAX_OBJECT_DEPTH} deep; refused") from exc
    finally:
        pdf.close()


def _walk(obj: object, found: Inspection, depth: int) -> None:
    """Look at one object and the direct objects inside it (indirect ones are walked as their own entries)."""
    if depth > MAX_OBJECT_DEPTH:
        raise RefusedInput(f"PDF objects nest more than {MAX_OBJECT_DEPTH} deep; refused")
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        _look_at(obj, found)
        children = obj.values()
    elif isinstance(obj, pikepdf.Array):
        children = obj
    else:
        return
    for child in children:
        if isinstance(child, pikepdf.Dictionary | pikepdf.Array) and not child.is_indirect:
            _walk(child, found, depth + 1)


def _look_at(obj: pikepdf.Dictionary | pikepdf.Stream, found: Inspection) -> None:
    keys = set(obj.keys())
    for key in keys & ACTIVE_KEYS.keys():
        found.active.append(ACTIVE_KEYS[key])
    kind = _name(obj.get("/S"))
    if kind in ACTIVE_ACTIONS:
        found.active.append(ACTIVE_ACTIONS[kind])
    if kind == "/URI" and not SAFE_LINK.match(_text(obj.get("/URI"))):
        found.active.append("a link to an address that is not a web or e-mail address")
    if _name(obj.get("/Type")) in EMBEDDED_FILE_TYPES and ("/EF" in keys or _name(obj.get("/Type")) == "/EmbeddedFile"):
        found.hidden.add("an embedded file")
    if _name(obj.get("/Subtype")) == "/XML" and _name(obj.get("/Type")) == "/Metadata":
        found.hidden.add("metadata")
    if "/PieceInfo" in keys:
        found.hidden.add("an application's private data")
    if _name(obj.get("/Type")) == "/Annot" and _name(obj.get("/Subtype")) not in ("/Link", "/Widget"):
        found.hidden.add("annotations")


def _name(value: object) -> str | None:
    return str(value) if isinstance(value, pikepdf.Name) else None


def _text(value: object) -> str:
    try:
        return str(value) if value is not None else ""
    except (TypeError, ValueError):
        return ""


def _revisions(data: bytes, pdf: pikepdf.Pdf) -> int:
    """How many times the file was saved: each incremental update appends a cross-reference section
    (a linearized file has two from the start)."""
    return data.count(b"startxref") - pdf.is_linearized


def refuse_active_content(data: bytes) -> Inspection:
    """The inspection of a PDF, or :class:`RefusedInput` if it carries active content."""
    found = inspect_pdf(data)
    if found.active:
        raise RefusedInput(f"PDF carries active content ({', '.join(found.active)}); refused for safety")
    return found
