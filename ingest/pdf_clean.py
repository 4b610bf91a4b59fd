"""A clean copy of a PDF for publication: what a reader sees, and nothing else.

Source PDFs are published (``data/sources/`` is a public repository, and the site links
each notice's PDF), and a PDF can carry far more than its pages show. The clean copy
is made in two passes, then checked:

1. **pdfium** removes the text a reader cannot see (:mod:`ingest.pdf_objects`:
   invisible, the colour of its background, off the page) and rewrites those pages'
   content. Text under a box is not removed here: a record read from such a PDF is
   held for review and its source kept private (the copy is refused below).
2. **qpdf** (pikepdf) removes the document's metadata (Info dictionary, XMP, page and
   application private data), embedded files, JavaScript and every action except a
   link to a web or e-mail address or within the document, every annotation except
   links and form fields (comments, pop-ups, file attachments, sounds; a hidden one
   whatever its kind), and writes the file anew: objects no page uses, and every
   earlier revision, are gone. The file identifier is derived from the content, so the
   same original always gives the same bytes.
3. The copy is **checked** as any input is (:func:`ingest.pdf_safety.inspect_pdf` and
   the page objects): if anything hidden is left, there is no clean copy
   (:class:`NotCleanable`) and the original stays private.

The original is kept in the private store; provenance keeps its SHA-256.
"""

from __future__ import annotations

import io

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw

from .errors import RefusedInput
from .pdf_objects import OVERLAID, on_page_boxes, page_objects
from .pdf_safety import SAFE_LINK, inspect_pdf

KEPT_ANNOTATIONS = {"/Link", "/Widget"}
ANNOTATION_HIDDEN_FLAGS = 0b100011  # Invisible (1), Hidden (2), NoView (6): set, the annotation is not shown
SAFE_ACTIONS = {"/GoTo", "/URI", "/Named"}
PRIVATE_KEYS = ("/Metadata", "/PieceInfo", "/LastModified")
"""Keys of the catalog, a page or any object that hold data about the file rather than its content."""
CATALOG_REMOVED = ("/OpenAction", "/AA", "/Threads", "/SpiderInfo", "/Perms", "/Legal", "/Collection", "/AF")
NAME_TREES_REMOVED = ("/JavaScript", "/EmbeddedFiles", "/AlternatePresentations", "/Renditions")


class NotCleanable(Exception):
    """The PDF cannot be made fit to publish; ``str(exc)`` says why (never what it holds)."""


def clean_copy(data: bytes) -> bytes:
    """The bytes of a copy of the PDF ``data`` fit to publish, or :class:`NotCleanable`."""
    cleaned = _strip_structure(_remove_hidden_text(data))
    _check(cleaned)
    return cleaned


# -- 1. hidden text -----------------------------------------------------------------------


def _remove_hidden_text(data: bytes) -> bytes:
    """The PDF with the text objects a reader cannot see removed (unchanged if there are none)."""
    pdf = pdfium.PdfDocument(data)
    changed = False
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            hidden = page_objects(page, index + 1).hidden
            if any(h.how in OVERLAID for h in hidden):
                raise NotCleanable("it has text under a box or an image; only a copy with the text removed "
                                   "can be published")
            if hidden:
                _remove_objects(page, {h.box for h in hidden})
                changed = True
            page.close()
        if not changed:
            return data
        out = io.BytesIO()
        pdf.save(out, flags=raw.FPDF_NO_INCREMENTAL)
        return out.getvalue()
    finally:
        pdf.close()


def _remove_objects(page: pdfium.PdfPage, boxes: set) -> None:
    """Remove the text objects at ``boxes`` (top level, or inside a form), and rewrite the page's content."""
    doomed = [obj for obj, box in on_page_boxes(page) if obj.type == raw.FPDF_PAGEOBJ_TEXT and box in boxes]
    for obj in doomed:
        removed = (raw.FPDFFormObj_RemoveObject(obj.container.raw, obj.raw) if obj.container
                   else raw.FPDFPage_RemoveObject(page.raw, obj.raw))
        if not removed:
            raise NotCleanable("a hidden text object could not be removed")
    if not raw.FPDFPage_GenerateContent(page.raw):
        raise NotCleanable("a page's content could not be rewritten")


# -- 2. structure ---------------------------------------------------------------------------


def _strip_structure(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _strip_catalog(pdf)
        for page in pdf.pages:
            _strip_page(page.obj)
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                for key in PRIVATE_KEYS:
                    if key in obj:
                        del obj[key]
                _strip_action(obj)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def _strip_catalog(pdf: pikepdf.Pdf) -> None:
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    root = pdf.Root
    for key in (*PRIVATE_KEYS, *CATALOG_REMOVED):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in NAME_TREES_REMOVED:
            if key in names:
                del names[key]
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary):
        for key in ("/XFA", "/AA"):
            if key in form:
                del form[key]


def _strip_page(page: pikepdf.Dictionary) -> None:
    for key in ("/AA", "/Thumb", *PRIVATE_KEYS):
        if key in page:
            del page[key]
    annotations = page.get("/Annots")
    if isinstance(annotations, pikepdf.Array):
        kept = [a for a in annotations if isinstance(a, pikepdf.Dictionary) and _kept(a)]
        page.Annots = pikepdf.Array(kept)


def _kept(annotation: pikepdf.Dictionary) -> bool:
    """Whether an annotation may stay: a visible link or form field, stripped of comments."""
    if str(annotation.get("/Subtype")) not in KEPT_ANNOTATIONS:
        return False
    if int(annotation.get("/F", 0)) & ANNOTATION_HIDDEN_FLAGS:
        return False
    for key in ("/Contents", "/RC", "/Popup", "/AA"):
        if key in annotation:
            del annotation[key]
    return True


def _strip_action(obj: pikepdf.Dictionary | pikepdf.Stream) -> None:
    """Remove any action other than a move within the document or a web or e-mail link."""
    if "/AA" in obj:
        del obj["/AA"]
    action = obj.get("/A")
    if isinstance(action, pikepdf.Dictionary) and not _safe(action):
        del obj["/A"]
    if "/Next" in obj and isinstance(obj.get("/S"), pikepdf.Name):
        del obj["/Next"]  # a chained action: only the first, checked, one stays


def _safe(action: pikepdf.Dictionary) -> bool:
    kind = str(action.get("/S"))
    if kind not in SAFE_ACTIONS:
        return False
    return kind != "/URI" or bool(SAFE_LINK.match(str(action.get("/URI", ""))))


# -- 3. the check --------------------------------------------------------------------------


def _check(cleaned: bytes) -> None:
    """Refuse a copy that still holds anything hidden: the cleaning is proven on every file, not assumed."""
    try:
        found = inspect_pdf(cleaned)
    except RefusedInput as exc:
        raise NotCleanable(f"the clean copy cannot be read ({exc})") from exc
    left = sorted(found.hidden) + found.active
    if left:
        raise NotCleanable(f"the clean copy still holds {', '.join(left)}")
    pdf = pdfium.PdfDocument(cleaned)
    try:
        for index in range(len(pdf)):
            if page_objects(pdf[index], index + 1).hidden:
                raise NotCleanable(f"page {index + 1} of the clean copy still has hidden text")
    finally:
        pdf.close()
