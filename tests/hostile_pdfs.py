"""Hostile PDFs, made at test time (reportlab draws the pages, pikepdf and raw bytes do the rest).

Each maker returns the PDF's bytes. The words hidden in them are module constants, so a
test can look for them in whatever came out.
"""

from __future__ import annotations

import io
import re

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

UNDER_BOX = "Mr Daniel Okafor will receive 37,500 pounds in settlement"
UNDER_BOX_TOO = "PC Laura Finch faces misconduct proceedings"
WHITE = "Confidential note the bidder was Brightwater Facilities"
INVISIBLE = "Invisible remark about staff member Quentin Marlowe"
EMBEDDED = b"name,ni_number,salary\nAlice Grey,QQ123456C,41000\n"
WORKSTATION = "C:\\Users\\jsmith.opcc\\Documents\\Drafts\\notice.docx"
EARLIER = "Draft figure of 913,250 pounds agreed with the union"

NOTICE = [
    "Police and Crime Commissioner for Kent",
    "Record of Decision: OPCC/D/077/23",
    "Title: Settlement of an employment tribunal claim",
    "Decision date: 14 March 2023",
    "Executive summary",
    "The Commissioner approved the settlement of a claim brought by a former member of staff.",
    "Decision",
    "I approve the settlement on the terms set out in the confidential annex.",
    "Signed: Matthew Scott, Police and Crime Commissioner",
]


def _page(c: canvas.Canvas, lines: list[str], *, box: bool, white: bool, invisible: bool, top: float = 780) -> None:
    y = top
    for line in lines:
        c.drawString(72, y, line)
        y -= 18
    if box:
        c.drawString(72, y, UNDER_BOX)
        c.drawString(72, y - 14, UNDER_BOX_TOO)
        c.rect(68, y - 18, 420, 32, fill=1, stroke=0)  # black, drawn after the text: an overlay "redaction"
        y -= 40
    if white:
        c.saveState()
        c.setFillColorRGB(1, 1, 1)
        c.drawString(72, y, WHITE)
        c.restoreState()
        y -= 18
    if invisible:
        c.saveState()
        text = c.beginText(72, y)
        text.setTextRenderMode(3)
        text.textOut(INVISIBLE)
        c.drawText(text)
        c.restoreState()
        y -= 18
    c.drawString(72, y, "Contact the office for further information about this decision.")


def notice(*, box: bool = False, white: bool = False, invisible: bool = False, lines: list[str] = NOTICE) -> bytes:
    """A one-page decision notice, with the hidden text asked for."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=True)
    c.setFont("Helvetica", 10)
    _page(c, lines, box=box, white=white, invisible=invisible)
    c.showPage()
    c.save()
    return out.getvalue()


def with_metadata_and_attachment(data: bytes) -> bytes:
    """The PDF with an Info dictionary and XMP naming a workstation path, and an embedded CSV."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.docinfo["/Creator"] = f"Microsoft Word - {WORKSTATION}"
        pdf.docinfo["/Author"] = "jsmith.opcc"
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:creator"] = ["jsmith.opcc"]
            meta["xmp:CreatorTool"] = WORKSTATION
        pdf.attachments["staff_salaries.csv"] = pikepdf.AttachedFileSpec(pdf, EMBEDDED, mime_type="text/csv")
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def draft(**hidden: bool) -> bytes:
    """The notice with a line that its next revision takes out (:func:`with_earlier_revision`)."""
    return notice(lines=[*NOTICE, EARLIER], **hidden)


def with_earlier_revision(first: bytes) -> bytes:
    """A :func:`draft` updated incrementally with the draft line taken out.

    An incremental update appends the changed objects and a new cross-reference section, so
    the first revision's content stays in the file's bytes, as an office's "save" leaves it.
    """
    with pikepdf.open(io.BytesIO(first)) as pdf:
        page = pdf.pages[0].obj
        number, size = page.objgen[0], int(pdf.trailer.Size)
        content = re.sub(rb"\(" + re.escape(EARLIER.encode()) + rb"\) Tj", b"", page.Contents.read_bytes())
        page_dict = re.sub(rb"/Contents \d+ 0 R", b"/Contents %d 0 R" % size, page.unparse(resolved=True))
        root = pdf.trailer.Root.objgen[0]
    previous = first.rindex(b"startxref")
    previous_xref = int(first[previous:].split()[1])
    update = io.BytesIO()
    base = len(first)
    offsets = {number: base + update.tell()}
    update.write(b"%d 0 obj\n" % number + page_dict + b"\nendobj\n")
    offsets[size] = base + update.tell()
    update.write(b"%d 0 obj\n<< /Length %d >>\nstream\n" % (size, len(content)) + content + b"\nendstream\nendobj\n")
    xref = base + update.tell()
    update.write(b"xref\n")
    for obj in sorted(offsets):
        update.write(b"%d 1\n%010d 00000 n \n" % (obj, offsets[obj]))
    update.write(b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
                 % (size + 1, root, previous_xref, xref))
    return first + update.getvalue()


def six_kinds() -> bytes:
    """A notice carrying all six kinds of hidden content the issue found in one published notice."""
    return with_earlier_revision(with_metadata_and_attachment(draft(box=True, white=True, invisible=True)))


# -- active content ---------------------------------------------------------------------------------


def raw_pdf(objects: list[bytes], version: bytes = b"1.7") -> bytes:
    """A PDF written byte by byte from its objects' bodies (object 1 the catalog), so names can be spelled freely."""
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _raw_pdf(catalog_extra: bytes, extra_objects: list[bytes] = (), page_extra: bytes = b"") -> bytes:
    """A minimal one-page notice with ``catalog_extra`` in its catalog and ``page_extra`` in its page."""
    content = b"BT /F1 11 Tf 72 760 Td (Decision notice with a script in it) Tj ET"
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R " + page_extra + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *extra_objects,
    ])


def javascript_with_name_escapes() -> bytes:
    """``/OpenAction << /S /Jav#61Script /J#53 (...) >>``: no ``/JS`` nor ``/JavaScript`` in the bytes."""
    return _raw_pdf(b"/OpenAction << /S /Jav#61Script /J#53 (app.alert\\(1\\)) >>")


def javascript_in_an_object_stream() -> bytes:
    """A JavaScript open action in a compressed object stream: its bytes show nothing."""
    with pikepdf.open(io.BytesIO(notice())) as pdf:
        action = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
        pdf.Root.OpenAction = action
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
        return out.getvalue()


def link_action(kind: bytes) -> bytes:
    """A page with a link annotation whose action is ``kind`` (``/Launch``, ``/SubmitForm``)."""
    action = {b"/Launch": b"<< /S /Launch /F (cmd.exe) >>",
              b"/SubmitForm": b"<< /S /SubmitForm /F << /FS /URL /F (http://example.org/collect) >> >>"}[kind]
    annotation = b"<< /Type /Annot /Subtype /Link /Rect [72 750 300 770] /A " + action + b" >>"
    return _raw_pdf(b"", [annotation], page_extra=b"/Annots [6 0 R]")


def scan_with_js_bytes_in_its_jpeg() -> bytes:
    """A scanned page whose JPEG data happens to hold the bytes ``/JS`` (here in a JPEG comment)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).text((100, 100), "Scanned notice", fill=0)
    jpeg = io.BytesIO()
    image.save(jpeg, "JPEG", comment=b"scanner 4/JS/2 batch")
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=A4)
    scan = pdf.make_stream(jpeg.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                           Width=1240, Height=1754, ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                           Filter=pikepdf.Name.DCTDecode)
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=scan))
    page.Contents = pdf.make_stream(b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % A4)
    out = io.BytesIO()
    pdf.save(out)
    data = out.getvalue()
    assert b"/JS" in data
    return data


def many_pages(count: int) -> bytes:
    """A PDF of ``count`` empty pages, written as raw bytes (a 200,000-page file in about a second)."""
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = [out.tell()]
    out.write(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    offsets.append(out.tell())
    out.write(b"2 0 obj\n<< /Type /Pages /Count %d /Kids [%s] >>\nendobj\n" % (count, kids))
    for i in range(count):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n" % (3 + i))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (count + 3))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count + 3, xref))
    return out.getvalue()


def deeply_nested(depth: int) -> bytes:
    """A PDF whose page carries an array nested ``depth`` deep."""
    return _raw_pdf(b"/Nest " + b"[" * depth + b"]" * depth)
