"""CSV spend files: detect the encoding, find the header under any preamble, read every cell as text.

The common case (a rectangular file) is parsed by pyarrow's CSV reader, which is
what makes a million rows cheap (on one thread: a batch reads its files in parallel
already). A file with ragged rows is re-read with Python's ``csv`` module so that
each odd row can be kept and flagged rather than dropped. The cell separator is
whichever of ``DELIMITERS`` makes a row read as the header.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

import charset_normalizer
import pyarrow as pa
import pyarrow.csv as pacsv

from ingest.errors import RefusedInput

from .columns import HEADER_SEARCH_ROWS, locate_header
from .grid import Grid, refuse_without_header, text_table

HEAD_CHARS = 64 * 1024
"""How much of the file is searched for the header row (in at most ``HEADER_SEARCH_ROWS`` rows)."""

SINGLE_BYTE_CANDIDATES = ["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]
"""Encodings a UK finance system writes when it does not write UTF-8, most common first. Left
to itself the detector picks cp1250 for a lone 0xA3, which would turn every '£' into 'Ł'."""

DETECT_WINDOW = 8 * 1024

DELIMITERS = (",", "\t", ";", "|")
"""Cell separators, tried in turn: the file's is the first under which a row reads as a spend
header. Finance systems write tab- or semicolon-separated files and still call them .csv."""

_LINE_END = re.compile(rb"\r\n?|\n")
"""How a header line ends (as the CSV readers end a row): the rows start after the header's."""


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` if every byte decodes, else the detector's best single-byte encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # Judge the bytes around the first one that is not UTF-8: that is where the evidence is.
        sample = data[max(0, exc.start - DETECT_WINDOW) : exc.start + DETECT_WINDOW]
    matches = charset_normalizer.from_bytes(sample, cp_isolation=SINGLE_BYTE_CANDIDATES)
    chaos = {match.encoding: match.chaos for match in matches}
    if not chaos:
        raise RefusedInput(
            "the CSV's text encoding could not be recognised (not UTF-8 nor a Western single-byte encoding)"
        )
    # Several encodings often read the sample equally well; then the more common one wins, every time.
    least = min(chaos.values())
    return next(name for name in SINGLE_BYTE_CANDIDATES if chaos.get(name) == least)


def _locate_header(text: str) -> tuple[int, int, list[str], list[str], str]:
    """(character offset of the header, the rows it spans, its cells, preamble lines, cell separator)."""
    lines = text[:HEAD_CHARS].splitlines(keepends=True)[:HEADER_SEARCH_ROWS]
    tried: list[list[str]] = []
    for delimiter in DELIMITERS:
        rows = list(csv.reader((line.rstrip("\r\n") for line in lines), delimiter=delimiter))
        found = locate_header(rows)
        if found is not None:
            break
        tried = tried or rows
    else:
        raise refuse_without_header(tried)
    index, span, header = found
    offset = sum(len(line) for line in lines[:index])
    heading = [", ".join(c.strip() for c in row if c.strip()) for row in rows[:index]]
    return offset, span, header, [line for line in heading if line], delimiter


def read_csv_grid(path: Path) -> tuple[Grid, str]:
    """The file's table as text cells, and the encoding it was read with."""
    data = Path(path).read_bytes()
    if not data or data.isspace():  # isspace stops at the first other byte; strip would copy the file
        raise RefusedInput("empty file")
    encoding = detect_encoding(data)
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    text_head = data[:HEAD_CHARS].decode(encoding, errors="replace")
    offset, span, header, heading, delimiter = _locate_header(text_head)
    start = len(text_head[:offset].encode(encoding))
    for _ in range(span):  # the rows start after the header's lines
        end = _LINE_END.search(data, start)
        start = end.end() if end else len(data)
    rows = data[start:]
    # From here on the rows are valid UTF-8. detect_encoding has checked a plain UTF-8 file;
    # ASCII is UTF-8 already (and reads the same in every candidate encoding); anything
    # else is transcoded in one C call, which beats pyarrow's chunked transcoder (it calls
    # back into Python), and a bad byte after a BOM becomes U+FFFD.
    if encoding != "utf-8" and not rows.isascii():
        rows = rows.decode(codec, errors="replace").encode("utf-8")
    body = _read_fast(rows, len(header), delimiter)
    if body is None:
        body = _read_ragged(rows.decode("utf-8", errors="replace"), len(header), delimiter)
    return Grid(header=header, body=body, heading=heading), encoding


def _read_fast(data: bytes, width: int, delimiter: str) -> pa.Table | None:
    """pyarrow's reader, every cell as text; ``None`` if any row has the wrong number of fields.

    ``data`` must be valid UTF-8 (see :func:`read_csv_grid`): it is not checked again.
    """
    ragged: list[object] = []

    def note_ragged(row: object) -> str:
        ragged.append(row)
        return "skip"

    names = [str(i) for i in range(width)]
    if not data or data.isspace():
        return pa.table({name: pa.array([], pa.string()) for name in names})  # a header and no rows
    table = pacsv.read_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(column_names=names, use_threads=False),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, newlines_in_values=True, invalid_row_handler=note_ragged
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            null_values=[""],
            strings_can_be_null=True,
            check_utf8=False,
        ),
    )
    return None if ragged else table


def _read_ragged(text: str, width: int, delimiter: str) -> pa.Table:
    """Python's csv reader: rows padded or cut to the header's width, each such row flagged."""
    rows, problems = [], []
    for row in csv.reader(io.StringIO(text), delimiter=delimiter):
        extra = row[width:]
        problem = None
        if len(row) < width and any(c.strip() for c in row):
            problem = f"row has {len(row)} fields, the header has {width}"
        elif any(c.strip() for c in extra):
            problem = f"row has {len(row)} fields, the header has {width}; extra cells ignored: {extra}"
        rows.append([c if c != "" else None for c in (row + [""] * width)[:width]])
        problems.append(problem)
    return text_table(rows, width, problems)
