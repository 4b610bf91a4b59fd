"""CSV (and tab-, semicolon- or bar-separated) files: detect the encoding, find the header under
any preamble (or at the very end), read every cell as text.

The common case (a rectangular file) is parsed by pyarrow's CSV reader, which is
what makes a million rows cheap (on one thread: a batch reads its files in parallel
already). A file with ragged rows is re-read with Python's ``csv`` module so that
each odd row can be kept and flagged rather than dropped. The cell separator is
whichever of ``DELIMITERS`` makes a row read as the header.

Encodings: UTF-8 (with or without a BOM), UTF-16 (by its BOM, or by the zero bytes
of ASCII text), and the single-byte code pages UK finance systems write, told
apart first by what the pound sign is: byte 0xA3 in Windows-1252 and Latin-1, byte
0x9C in the DOS code pages 850 and 437. Lines may end in CR LF, LF or a lone CR.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections import Counter
from pathlib import Path

import charset_normalizer
import pyarrow as pa
import pyarrow.csv as pacsv

from ingest.errors import RefusedInput

from .grid import Grid, refuse_without_header, stray_entries, text_table
from .limits import LIMITS, Limits, read_bounded
from .vocabulary import HEADER_SEARCH_ROWS, HeaderRow, Vocabulary, find_header

HEAD_CHARS = 64 * 1024
"""How much of the file is searched for the header row (in at most ``HEADER_SEARCH_ROWS`` rows)."""

SINGLE_BYTE_CANDIDATES = ["cp1252", "latin_1", "iso8859_15", "mac_roman", "cp850"]
"""Encodings a UK finance system writes when it does not write UTF-8, most common first. Left
to itself the detector picks cp1250 for a lone 0xA3, which would turn every '£' into 'Ł'."""

DOS_POUND, WINDOWS_POUND = 0x9C, 0xA3
"""The pound sign in the DOS code pages (850, 437) and in Windows-1252 / Latin-1: a file with
the first and never the second was written by a DOS-era system (where 0x9C would be 'œ')."""

DETECT_WINDOW = 8 * 1024

DELIMITERS = (",", "\t", ";", "|")
"""Cell separators, tried in turn: the file's is the first under which a row reads as a header.
Finance systems write tab- or semicolon-separated files and still call them .csv."""

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
"""A physical line with its ending (CR LF, LF or a lone CR), as the CSV readers end a row."""
_LINE_END = re.compile(rb"\r\n|\r|\n")
_BLANK_LINE = re.compile(rb"(?:\r\n|\r(?!\n)|\n)(?=\r\n|\r|\n)")
"""A line end followed straight by another: an empty line, which pyarrow's reader skips."""


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig`` (BOM), ``utf-16`` (BOM or zero bytes), ``utf-8`` if every byte decodes, else
    the single-byte code page the pound sign or the detector points to."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:DETECT_WINDOW]
    if len(head) >= 4 and head.count(0) * 3 > len(head):  # ASCII text written two bytes a character
        return "utf-16-le" if head[1] == 0 else "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # Judge the bytes around the first one that is not UTF-8: that is where the evidence is.
        sample = data[max(0, exc.start - DETECT_WINDOW) : exc.start + DETECT_WINDOW]
    if DOS_POUND in sample and WINDOWS_POUND not in data:
        return "cp850"
    matches = charset_normalizer.from_bytes(sample, cp_isolation=SINGLE_BYTE_CANDIDATES)
    chaos = {match.encoding: match.chaos for match in matches}
    if not chaos:
        raise RefusedInput(
            "the CSV's text encoding could not be recognised (not UTF-8 nor a Western single-byte encoding)"
        )
    # Several encodings often read the sample equally well; then the more common one wins, every time.
    least = min(chaos.values())
    return next(name for name in SINGLE_BYTE_CANDIDATES if chaos.get(name) == least)


def read_csv_grids(
    path: Path, vocabulary: Vocabulary, limits: Limits = LIMITS
) -> tuple[list[Grid], dict[str, str]]:
    """The file's table as text cells, and what was learnt of its bytes (``encoding``)."""
    data = read_bounded(Path(path), limits)
    if not data or data.isspace():  # isspace stops at the first other byte; strip would copy the file
        raise RefusedInput("empty file")
    encoding = detect_encoding(data)
    if encoding.startswith("utf-16"):
        data = data.decode(encoding, errors="replace").encode("utf-8")  # then read as UTF-8, below
        codec = "utf-8"
    else:
        codec = "utf-8" if encoding == "utf-8-sig" else encoding
    head = data[:HEAD_CHARS].decode(codec, errors="replace").removeprefix("\ufeff")
    lines = [m.group() for m in itertools.islice(_LINE.finditer(head), HEADER_SEARCH_ROWS) if m.group()]
    found = _find_header(lines, vocabulary)
    details = {"encoding": encoding}
    if found is None:
        grid = _header_at_the_end(data.decode(codec, errors="replace").removeprefix("\ufeff"), vocabulary)
        if grid is None:
            raise refuse_without_header(vocabulary, len(lines))
        return [grid], details
    header, delimiter, records, consumed = found
    details["delimiter"] = delimiter
    prefix = "".join(lines[:consumed])
    start = len(prefix.encode(codec)) + (3 if encoding == "utf-8-sig" else 0)
    body_bytes = data[start:]
    # From here on the rows are valid UTF-8. detect_encoding has checked a plain UTF-8 file;
    # ASCII is UTF-8 already (and reads the same in every candidate encoding); anything
    # else is transcoded in one C call, which beats pyarrow's chunked transcoder (it calls
    # back into Python), and a bad byte after a BOM becomes U+FFFD.
    checked = encoding == "utf-8" or encoding.startswith("utf-16")  # UTF-8 already, every byte
    if not checked and not body_bytes.isascii():
        body_bytes = body_bytes.decode(codec, errors="replace").encode("utf-8")
    width = len(header.cells)
    body = _read_fast(body_bytes, width, delimiter, limits)
    if body is None:
        body = _read_ragged(body_bytes.decode("utf-8", errors="replace"), width, delimiter, limits)
    above = records[: header.index]
    if body.num_rows == 0 and stray_entries(above):  # the rows are above their header
        grid = _header_at_the_end(data.decode(codec, errors="replace").removeprefix("\ufeff"), vocabulary)
        if grid is not None:
            return [grid], details
    heading = [line for line in (", ".join(c.strip() for c in row if c.strip()) for row in above) if line]
    skipped = Counter(header=header.span, title=len(heading), blank=len(above) - len(heading) + _blank_lines(body_bytes, body.num_rows))
    grid = Grid(header.cells, body, heading, skipped=+skipped, stray_entries=stray_entries(above))
    return [grid], details


def _find_header(lines: list[str], vocabulary: Vocabulary) -> tuple[HeaderRow, str, list[list[str]], int] | None:
    """The header among the first lines: (the header, the cell separator, the records parsed, and
    how many physical lines up to the header's end; a quoted cell may hold line breaks)."""
    for delimiter in DELIMITERS:
        reader = csv.reader(iter(lines), delimiter=delimiter)
        records, ends = [], []
        try:
            for record in reader:
                records.append(record)
                ends.append(reader.line_num)
        except csv.Error:
            continue  # a quote left open at the end of the head: not this separator's file
        header = find_header(records, vocabulary)
        if header is not None:
            return header, delimiter, records, ends[header.index + header.span - 1]
    return None


def _header_at_the_end(text: str, vocabulary: Vocabulary) -> Grid | None:
    """A table whose header row is printed below its rows (some report writers put it last)."""
    for delimiter in DELIMITERS:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        tail = records[-HEADER_SEARCH_ROWS:]
        header = find_header(tail, vocabulary)
        if header is None:
            continue
        index = len(records) - len(tail) + header.index
        width = len(header.cells)
        rows = records[:index]
        body = text_table([[c if c != "" else None for c in (row + [""] * width)[:width]] for row in rows], width)
        skipped = Counter(header=header.span, blank=len(records) - index - header.span)
        return Grid(header.cells, body, [], skipped=+skipped)
    return None


def _blank_lines(data: bytes, rows: int) -> int:
    """Empty lines in a body of ``rows`` rows (pyarrow skips them; they are still rows of the file,
    accounted as blank)."""
    if (data.count(b"\n") or data.count(b"\r")) <= rows:
        return 0  # the usual case, in one C count: as many line ends as rows, so none is empty
    return len(_BLANK_LINE.findall(b"\n" + data))


def _read_fast(data: bytes, width: int, delimiter: str, limits: Limits) -> pa.Table | None:
    """pyarrow's reader, every cell as text; ``None`` if any row has the wrong number of fields.

    ``data`` must be valid UTF-8 (see :func:`read_csv_grids`): it is not checked again.
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
    limits.check_rows(table.num_rows)
    return None if ragged else table


def _read_ragged(text: str, width: int, delimiter: str, limits: Limits) -> pa.Table:
    """Python's csv reader: rows padded or cut to the header's width, each such row flagged."""
    rows, problems = [], []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        if not row:
            continue  # an empty line: counted as blank by _blank_lines, as on the fast path
        extra = row[width:]
        problem = None
        if len(row) < width and any(c.strip() for c in row):
            problem = f"row has {len(row)} fields, the header has {width}"
        elif any(c.strip() for c in extra):
            problem = f"row has {len(row)} fields, the header has {width}; {len(extra)} extra cells ignored"
        rows.append([c if c != "" else None for c in (row + [""] * width)[:width]])
        problems.append(problem)
        limits.check_rows(len(rows))
    return text_table(rows, width, problems)


def line_end(data: bytes, start: int) -> int:
    """Where the line that starts at ``start`` ends, its line break included."""
    end = _LINE_END.search(data, start)
    return end.end() if end else len(data)
