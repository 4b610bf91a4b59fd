"""The leak scan: search everything published for anything withheld.

It is the proof behind the gate (:mod:`opcc.gate`), run as the last stage of
``opcc build`` and on its own as ``opcc scan``. Any hit fails the build.

1. **What is withheld.** Every record and source file in the private store gives
   its *distinctive text*: each run of eight words of its narrative fields and of its
   source's text (a title shorter than that, of five words or more, is taken whole;
   what the public stub shows is left out), each number of five or more digits, and
   any canary string (``CANARY-`` and 12 hex digits, or letters where OCR misread
   them). Text also found in public material is dropped, so a boilerplate sentence
   that public notices share is no alarm: ``data/`` (public records, the stubs' own
   fields, public source files), ``opcc.yml``, the site templates, and ``ingest/``,
   whose parsers and vocabularies hold the notice forms' printed labels ("If 'NO',
   please give reasons for non-publication").
2. **Where it must not be.** Every file under ``site/`` and ``data/``, and every file
   git tracks, read as text whatever its format: HTML, XML feeds and sitemaps (tags
   dropped, attribute values kept), JSON (strings decoded), CSV, Parquet (text
   columns), spreadsheets, PDFs (their text layer), Pagefind's gzip-compressed index
   files, and the text runs of any other binary format (the spend explorer's shards).
3. **What counts as a leak.** A file holding withheld text; any canary string
   anywhere, withheld or not; a file byte-identical to a withheld source file, or
   to a public notice's PDF that carries its withheld appendix; a public stub in
   ``data/`` that holds more than the stub; a private-store file tracked by git.

Text is compared after normalising (NFKC, case-folded, words only), through one set
of phrases indexed by their first two words: each file costs one pass over its words,
however many records are withheld. Hits name the file and the private record, never
the withheld text itself, so the build log leaks nothing either.

Not searched: ``samples/`` and ``tests/``, which hold synthetic confidential notices
and their canaries on purpose, as inputs before the gate and as test expectations.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import subprocess
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from opcc import gate
from opcc.model import Decision, Provenanced
from opcc.settings import Settings
from opcc.store import OVERRIDES_SUFFIX, Store, record_from_file

RUN_WORDS = 8
MIN_FIELD_WORDS = 5
MIN_NUMBER_DIGITS = 5
CANARY = re.compile(r"CANARY-[0-9A-Za-z]{12}")  # letters too: OCR reads "f1cb" as "ficb"
INPUT_FOLDERS = ("samples/", "tests/")
PUBLIC_SOURCES = ("data/", "opcc.yml", "opcc/templates/", "ingest/")
NOT_NARRATIVE = {"sources", "provenance", "review", "reviewed", "withheld_parts", *gate.STUB_FIELDS}
"""Metadata, the parts' names (printed in public notices) and what the public stub shows anyway."""
WHOLE_FIELDS = {"title"}  # shorter than a run, yet distinctive on its own
BINARY_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".eot",
                   ".wasm", ".mp4", ".zip"}
PAGEFIND_SIGNATURE = b"pagefind_dcd"
CHUNK_CHARS = 4_000_000  # a large file is searched this much at a time
CHUNK_OVERLAP = 2_000  # longer than any eight-word run or number
FEW_CANDIDATES = 64  # up to this many phrases that may be in a chunk, each is looked for on its own

_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # the same words, found faster in plain ASCII
_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w,])")
_TAG = re.compile(r"<[^>]*>")
_TEXT_RUN = re.compile(rb"[\t\n\r\x20-\x7e\x80-\xff]{8,}")
_ATTRIBUTE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")


# -- reading any file as text ------------------------------------------------------------


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


def _json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _markup_text(text: str) -> str:
    """Text between tags, then every quoted attribute value: both can carry withheld text."""
    attributes = " ".join(a or b for a, b in _ATTRIBUTE.findall(text))
    return html.unescape(_TAG.sub(" ", text) + "\n" + attributes)


def _decoded_text(data: bytes, suffix: str) -> str:
    text = data.decode("utf-8", errors="replace")
    if suffix in {".json", ".geojson", ".webmanifest"} or text.lstrip().startswith(("{", "[")):
        try:
            return "\n".join(_json_strings(json.loads(text)))
        except ValueError:
            pass
    if suffix in {".html", ".htm", ".xml", ".svg", ".rss", ".atom"} or "<" in text[:1000]:
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


def _raw_canaries(path: Path) -> set[str]:
    """Canaries in a file's bytes, decompressed if gzip: catches one in a binary or compressed file."""
    data = path.read_bytes()
    if data.startswith(b"\x1f\x8b"):
        data = gzip.decompress(data)
    return {m.decode("ascii") for m in re.findall(CANARY.pattern.encode(), data)}


# -- distinctive text -------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded; NFKC first (ligatures, full-width forms) unless it is plain ASCII."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def numbers(text: str) -> set[str]:
    """Numbers of five or more digits, thousands separators dropped: ``£1,234,567`` -> ``1234567``."""
    return {n for n in (found.replace(",", "") for found in set(_NUMBER.findall(text))) if len(n) >= MIN_NUMBER_DIGITS}


def phrases(text: str, *, whole: bool, public: list[list[str]] = ()) -> set[str]:
    """Every eight-word run of ``text``; with ``whole``, a shorter text of five words or more as itself.

    No run crosses an occurrence of a ``public`` word sequence (a stub's stated reason,
    say): the site prints those next to its own labels, which the source may share.
    """
    ws = words(text)
    if len(ws) < RUN_WORDS:
        return {" ".join(ws)} if whole and len(ws) >= MIN_FIELD_WORDS else set()
    public_at = _covered(ws, public)
    return {" ".join(ws[i:i + RUN_WORDS]) for i in range(len(ws) - RUN_WORDS + 1)
            if not any(public_at[i:i + RUN_WORDS])}


def _covered(ws: list[str], sequences: list[list[str]]) -> bytearray:
    """A flag per word: 1 where the word is part of one of ``sequences``."""
    covered = bytearray(len(ws))
    starts: dict[str, list[list[str]]] = defaultdict(list)
    for sequence in sequences:
        starts[sequence[0]].append(sequence)
    for i, word in enumerate(ws):
        for sequence in starts.get(word, ()):
            if ws[i:i + len(sequence)] == sequence:
                covered[i:i + len(sequence)] = b"\x01" * len(sequence)
    return covered


def _narrative(record: Provenanced) -> Iterator[tuple[str, bool]]:
    """``(text, whole)`` for every string a record holds bar metadata: its content, as a leak would show it."""
    for name, value in record.model_dump(mode="json").items():
        if name not in NOT_NARRATIVE:
            for text in _json_strings(value):
                yield text, name in WHOLE_FIELDS


@dataclass
class Withheld:
    """The distinctive text of everything withheld, each item mapped to the private file it comes from."""

    phrases: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    canaries: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # sha256 of a file that must not be published -> why

    def add_text(self, text: str, origin: str, *, whole: bool, public: list[list[str]] = ()) -> None:
        for phrase in phrases(text, whole=whole, public=public):
            self.phrases.setdefault(phrase, origin)
        for number in numbers(text):
            self.numbers.setdefault(number, origin)
        for canary in CANARY.findall(text):
            self.canaries.setdefault(canary, origin)

    def add_exact(self, text: str, origin: str) -> None:
        """A short text that is withheld as a whole (a name, an e-mail address), however few its words."""
        ws = words(text)
        if len(ws) >= 2:
            self.phrases.setdefault(" ".join(ws), origin)
        for number in numbers(text):
            self.numbers.setdefault(number, origin)

    def lookup(self) -> Lookup:
        return Lookup(self)


class Lookup:
    """The withheld phrases, indexed by their first two words, so a file is searched in one pass."""

    def __init__(self, withheld: Withheld) -> None:
        self.phrases = set(withheld.phrases)
        self.starts: dict[tuple[str, str], set[int]] = defaultdict(set)  # first two words -> phrase lengths
        for phrase in self.phrases:
            ws = phrase.split(" ")
            self.starts[ws[0], ws[1]].add(len(ws))
        self.words_of = {phrase: frozenset(phrase.split(" ")) for phrase in self.phrases}
        self.vocabulary = frozenset().union(*self.words_of.values())
        self.numbers = set(withheld.numbers)

    def search(self, text: str) -> tuple[set[str], set[str]]:
        """``(withheld phrases, withheld numbers)`` that occur in ``text``, read in overlapping chunks.

        Chunks keep memory flat on a large file (a million spend rows is 200 MB of CSV);
        their overlap is longer than any phrase, so none is lost at a seam.
        """
        phrases_found: set[str] = set()
        numbers_found: set[str] = set()
        for start in range(0, max(len(text), 1), CHUNK_CHARS):
            found = self._search_chunk(text[max(0, start - CHUNK_OVERLAP):start + CHUNK_CHARS])
            phrases_found |= found[0]
            numbers_found |= found[1]
        return phrases_found, numbers_found

    def _search_chunk(self, text: str) -> tuple[set[str], set[str]]:
        ws = words(text)
        present = self.vocabulary.intersection(ws)
        # Only a phrase whose every word is in the text can be in it: in most files there is none.
        candidates = {p for p in self.phrases if self.words_of[p] <= present}
        if len(candidates) > FEW_CANDIDATES:  # one pass over the words, looking up each pair
            starts = {pair: lengths for pair, lengths in self.starts.items() if pair[0] in present and pair[1] in present}
            found = {phrase for i, pair in enumerate(zip(ws, ws[1:], strict=False)) for length in starts.get(pair, ())
                     if (phrase := " ".join(ws[i:i + length])) in candidates}
        elif candidates:  # a few: a substring search each, in C, over the words joined
            joined = f" {' '.join(ws)} "
            found = {phrase for phrase in candidates if f" {phrase} " in joined}
        else:
            found = set()
        return found, numbers(text) & self.numbers if self.numbers else set()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def withheld_material(store: Store) -> Withheld:
    """The distinctive text and files of every record and source file in the private store."""
    withheld = Withheld()
    private, root = store.private, store.settings.root
    shown = [sequence for text in _stub_texts(store) if len(sequence := words(text)) >= 2]
    for folder in ("decisions", "panel_reports"):
        for path in _record_paths(private / folder) if (private / folder).exists() else []:
            for text, whole in _narrative(record_from_file(path)):
                withheld.add_text(text, _display(path, root), whole=whole)
    sources = private / "sources"
    for path in sorted(sources.glob("*")) if sources.exists() else []:
        if path.is_file() and path.name != "index.yaml":
            withheld.files[_sha256(path)] = f"a copy of the withheld source file {_display(path, root)}"
            withheld.add_text(file_text(path) or "", _display(path, root), whole=False, public=shown)
    for path, removed in store.removed_personal_data():
        for text in (text for texts in removed.values() for text in texts):
            withheld.add_exact(text, f"personal data kept in {_display(path, root)}")
    for decision, source in _public_sources_with_withheld_parts(store):
        withheld.files[_sha256(source)] = (f"a copy of {_display(source, root)}, which holds a withheld part "
                                           f"of decision {decision.reference}")
    return withheld


def _public_sources_with_withheld_parts(store: Store) -> Iterator[tuple[Decision, Path]]:
    """Public notices' source files that carry (or cannot be shown not to carry) a withheld appendix."""
    for decision in store.decisions():
        if decision.withheld_parts and not decision.withheld:
            for source in decision.sources:
                path = store.source_path(source.sha256)
                if path and path.exists() and any(
                    reason.startswith(("holds the withheld part", "no text layer"))
                    for reason in gate.source_withheld_reasons(decision, file_text(path))
                ):
                    yield decision, path


def _record_paths(folder: Path) -> list[Path]:
    """Record files in the order :meth:`Store.records` reads them."""
    return sorted(p for p in folder.rglob("*.yaml") if not p.name.endswith(OVERRIDES_SUFFIX))


def _display(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


# -- where it must not be -----------------------------------------------------------------


def tracked_files(root: Path) -> list[Path]:
    """Files git tracks in the project (none when it is not a git work tree)."""
    result = subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=False)
    if result.returncode != 0:
        return []
    names = [n for n in result.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
    return [root / n for n in names if not n.startswith(INPUT_FOLDERS) and (root / n).is_file()]


def published_files(settings: Settings) -> list[Path]:
    """Every file that is or will be public: the built site, what git tracks, and data/ (tracked or not yet)."""
    folders = [settings.site_dir, settings.data_dir]
    found = {p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()}
    return sorted(found | set(tracked_files(settings.root)))


def _is_public_source(path: Path, root: Path, stubs: set[Path]) -> bool:
    """Material whose text is public by definition (subtracted from the withheld text), bar withheld stubs."""
    relative = _display(path, root)
    return relative.startswith(PUBLIC_SOURCES) and path not in stubs


def _stub_texts(store: Store) -> list[str]:
    """Every text a withheld decision's public stub shows (its reference, stated reason...)."""
    folder = store.private / "decisions"
    return [value for path in (_record_paths(folder) if folder.exists() else [])
            for value in gate.stub(record_from_file(path)).model_dump(mode="json").values() if isinstance(value, str)]


def _stub_problems(store: Store) -> tuple[list[str], set[Path]]:
    """Hits for public stubs that hold more than a stub, and the stubs' paths."""
    hits, stubs = [], set()
    root = store.settings.root
    folder = store.private / "decisions"
    for path in _record_paths(folder) if folder.exists() else []:
        relpath = path.relative_to(store.private)
        stubs.add(store.public / relpath)
        public = store.read_raw(store.public, relpath)
        if public is None:
            continue
        extra = {name for name, value in public.model_dump(exclude={"review", "reviewed"}).items()
                 if name not in gate.STUB_FIELDS and value != Decision.model_fields[name].get_default(
                     call_default_factory=True)}
        if extra:
            hits.append(f"{_display(store.public / relpath, root)}: holds more than the public stub of a withheld "
                        f"record ({', '.join(sorted(extra))})")
    return hits, stubs


def _public_text_files(settings: Settings) -> Iterable[Path]:
    """The files of ``PUBLIC_SOURCES`` (compiled Python left out: it holds nothing of its own)."""
    root = settings.root
    for name in PUBLIC_SOURCES:
        path = root / name
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


@dataclass
class Seen:
    """What one file holds of the withheld material."""

    phrases: set[str]
    numbers: set[str]
    canaries: set[str]
    sha256: str


def _examine(path: Path, lookup: Lookup) -> Seen:
    text = file_text(path)
    phrases_found, numbers_found = lookup.search(text) if text else (set(), set())
    canaries = set(CANARY.findall(text or "")) | _raw_canaries(path)
    return Seen(phrases_found, numbers_found, canaries, _sha256(path))


def scan(settings: Settings) -> list[str]:
    """Every leak in site/ and the files git tracks, one line each naming the file; empty when there is none."""
    return find_leaks(Store(settings), published_files(settings))


def find_leaks(store: Store, files: list[Path]) -> list[str]:
    """Every leak of the private store's material in ``files``, one line each naming the file."""
    settings, root = store.settings, store.settings.root
    withheld = withheld_material(store)
    hits, stubs = _stub_problems(store)
    hits += [f"{_display(p, root)}: a private-store file is tracked by git" for p in files
             if p.is_relative_to(store.private)]

    lookup = withheld.lookup()
    public_files = [p for p in _public_text_files(settings) if _is_public_source(p, root, stubs)]
    found = {path: _examine(path, lookup) for path in sorted({*public_files, *files})}
    in_stubs = [lookup.search(text) for text in _stub_texts(store)]
    public_phrases = set().union(*(found[p].phrases for p in public_files), *(p for p, _ in in_stubs))
    public_numbers = set().union(*(found[p].numbers for p in public_files), *(n for _, n in in_stubs))

    for path in files:
        where, seen = _display(path, root), found[path]
        leaked_phrases = seen.phrases - public_phrases
        leaked_numbers = seen.numbers - public_numbers
        origins = sorted({withheld.phrases[p] for p in leaked_phrases} | {withheld.numbers[n] for n in leaked_numbers})
        if origins:
            hits.append(f"{where}: withheld text ({len(leaked_phrases)} phrase(s), {len(leaked_numbers)} number(s)) "
                        f"of {', '.join(origins)}")
        if seen.canaries:
            hits.append(f"{where}: {len(seen.canaries)} canary string(s)")
        if seen.sha256 in withheld.files:
            hits.append(f"{where}: {withheld.files[seen.sha256]}")
    return hits
