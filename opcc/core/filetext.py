"""Any file's readable text, whatever its format: what a person could read in it once published.

HTML, XML feeds and sitemaps (tags dropped, attribute values kept), JSON (strings
decoded), CSV and other text, Parquet (text columns), spreadsheets and other zipped
XML, PDFs (their text layer), Pagefind's gzip-compressed index files, and the text
runs of any other binary format. Used by the publication gate (is this source file
fit to publish?) and by the leak scan (does this published file hold withheld text?).
"""

from __future__ import annotations

import gzip
import html
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".eot",
                   ".wasm", ".mp4", ".zip"}
"""Formats with no text in them: images, fonts, WebAssembly, media."""
PAGEFIND_SIGNATURE = b"pagefind_dcd"
MARKUP_SUFFIXES = {".html", ".htm", ".xml", ".svg", ".rss", ".atom"}  # decoded as markup, "<" or not

TAG = re.compile(r"<[^>]*>")
_TEXT_RUN = re.compile(rb"[\t\n\r\x20-\x7e\x80-\xff]{8,}")
_ATTRIBUTE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")



def _pdf_text(data: bytes) -> str:
    """A PDF's text layer, pages separated by form feeds; empty for a scan with no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\f".join(pages)
    finally:
        pdf.close()


def _parquet_text(path: Path) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    columns = [c for c, t in zip(table.column_names, table.schema.types, strict=True) if pa.types.is_string(t)
               or pa.types.is_large_string(t) or pa.types.is_dictionary(t)]
    return "\n".join(" ".join(str(v) for v in table.column(c).to_pylist() if v is not None) for c in columns)


def json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def _markup_text(text: str) -> str:
    """Text between tags, then every quoted attribute value: both can carry withheld text."""
    attributes = " ".join(a or b for a, b in _ATTRIBUTE.findall(text))
    return html.unescape(TAG.sub(" ", text) + "\n" + attributes)


def _decoded_text(data: bytes, suffix: str) -> str:
    text = data.decode("utf-8", errors="replace")
    if suffix in {".json", ".geojson", ".webmanifest"} or text.lstrip().startswith(("{", "[")):
        try:
            return "\n".join(json_strings(json.loads(text)))
        except ValueError:
            pass
    if suffix in MARKUP_SUFFIXES or "<" in text[:1000]:
        return _markup_text(text)
    return text


def file_text(path: Path) -> str | None:
    """A file's readable text whatever its format; ``None`` for an image, a font or WebAssembly."""
    suffix = path.suffix.lower()
    if suffix in BINARY_SUFFIXES:
        return None
    if suffix == ".parquet":
        return _parquet_text(path)
    data = path.read_bytes()
    if data.startswith(b"\x1f\x8b"):  # gzip: Pagefind's index, fragments and metadata
        data = gzip.decompress(data).removeprefix(PAGEFIND_SIGNATURE)
        return _decoded_text(data, ".json") if data.lstrip().startswith(b"{") else data.decode("utf-8", "replace")
    if data.startswith(b"%PDF-"):
        return _pdf_text(data)
    if data.startswith(b"PK\x03\x04"):  # XLSX, DOCX, ODS: zipped XML
        with zipfile.ZipFile(path) as archive:
            return "\n".join(_markup_text(archive.read(n).decode("utf-8", "replace"))
                             for n in archive.namelist() if n.endswith(".xml"))
    if b"\x00" in data[:8192]:  # another binary format (e.g. the spend explorer's shards): its text runs
        return "\n".join(run.decode("utf-8", "replace") for run in _TEXT_RUN.findall(data))
    return _decoded_text(data, suffix)
