"""The leak scan: search everything published for anything withheld.

It is the proof behind the gate (:mod:`opcc.gate`), run as the last stage of
``opcc build`` and on its own as ``opcc scan``. Any hit fails the build.

1. **What is withheld.** Every record and source file in the private store gives
   its *distinctive text*: each run of eight words of its narrative fields and of its
   source's text (a title shorter than that, of five words or more, is taken whole;
   what the public stub shows is left out), each number of five or more digits, and
   each code (a word of ten or more letters and digits, both: an account or case
   reference). Text also found in public material is dropped, so a boilerplate sentence
   that public notices share is no alarm: ``data/`` (public records, the stubs' own
   fields, public source files), ``opcc.yml``, the site templates, and ``ingest/``,
   whose parsers and vocabularies hold the notice forms' printed labels ("If 'NO',
   please give reasons for non-publication").
2. **Where it must not be.** Every file under ``site/`` and ``data/``, and every file
   git tracks, read as text whatever its format: HTML, XML feeds and sitemaps (tags
   dropped, attribute values kept), JSON (strings decoded), CSV, Parquet (text
   columns), spreadsheets, PDFs (their text layer), Pagefind's gzip-compressed index
   files, and the text runs of any other binary format (the spend explorer's shards).
3. **What counts as a leak.** A file holding withheld text; a file byte-identical to a withheld source file, or
   to a public notice's PDF that carries its withheld appendix; a public stub in
   ``data/`` that holds more than the stub; a private-store file tracked by git.

Text is compared after normalising (NFKC, case-folded, words only), through one set
of phrases indexed by their first two words: each file costs one pass over its words,
however many records are withheld. Hits name the file and the private record, never
the withheld text itself, so the build log leaks nothing either.

At scale (a million spend rows: 1 GB of pages and downloads) decoding every file is the
cost, so each file is first read once, in blocks, as raw bytes (gzip inflated as it is
read): hashed and sieved (:class:`Sieve`) in C for the words of
what is withheld and not already found in public material. Only a file the sieve cannot
clear is decoded and searched as above.

Not searched: ``samples/`` and ``tests/``, which hold synthetic confidential notices
on purpose, as inputs before the gate and as test expectations.

The scan knows nothing of any test's markers: its only knowledge of what is withheld
is the private store's own text, or (in a clone without it) the store's keyed digest
(:mod:`opcc.checks.digest`).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import html.entities
import re
import subprocess
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from opcc import gate
from opcc.core.filetext import (
    BINARY_SUFFIXES,
    MARKUP_SUFFIXES,
    PAGEFIND_SIGNATURE,
    TAG,
    file_text,
    json_strings,
)
from opcc.core.kinds.decision import KIND as DECISION_KIND
from opcc.core.kinds.decision import Decision
from opcc.core.model import Provenanced
from opcc.core.registry import kinds
from opcc.core.settings import Settings
from opcc.core.yaml_io import read_yaml
from opcc.store import OVERRIDES_SUFFIX, Store, record_from_file, record_kinds

RUN_WORDS = 8
MIN_FIELD_WORDS = 5
MIN_NUMBER_DIGITS = 5
MIN_CODE_CHARS = 10
INPUT_FOLDERS = ("samples/", "tests/")
PUBLIC_SOURCES = ("data/", "opcc.yml", "opcc/templates/", "ingest/")
"""Where public material is: under data/, the source files the office published and the records (bar
withheld ones' stubs) with a person's overrides; the settings, the site's templates and the parsers'
vocabularies. Nothing else in data/ (a note, the digest): that is where a slip would put withheld text.
(Records count as public because notices share their form's boilerplate with withheld ones; that no
withheld text reaches a public record is the gate's and the merge's job: opcc.batch.merge.)"""
PUBLIC_DATA = ("data/sources/", *(f"data/{kind.folder}/" for kind in kinds().values()))
NOT_NARRATIVE = {"sources", "provenance", "review", "reviewed", "withheld_parts",
                 *(set(DECISION_KIND.stub_fields) - {"reason_if_confidential"})}
"""Metadata, the parts' names (printed in public notices) and what the public stub shows anyway. A stated
reason is narrative: the stub shows only its category (opcc.gate.exemption_category), and the reason
can itself hold what is withheld."""
WHOLE_FIELDS = {"title"}  # shorter than a run, yet distinctive on its own
CHUNK_CHARS = 4_000_000  # a large file is searched this much at a time
CHUNK_OVERLAP = 2_000  # longer than any eight-word run or number
FEW_CANDIDATES = 64  # up to this many phrases that may be in a chunk, each is looked for on its own
READ_BYTES = 8_000_000  # a file is read, hashed and sieved this much at a time, so memory stays flat
BLOCK_SEPARATORS = (b"\n", b" ", b">", b",")  # a block ends after one: no word or escape is cut
MARKUP_SEPARATORS = (b">",)  # nor a tag
DECODED_ONLY = (b"%PDF-", b"PK\x03\x04")  # PDFs and zipped XML: their words are not in their bytes
NUMBER_SPAN = 64  # longer than any number written with thousands separators
NOT_PLAIN = (b"<", b"\x00")  # markup, binary: decoding adds, drops or moves words

_WORD = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")  # the same words, found faster in plain ASCII
_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w,])")
_TAG_BYTES = re.compile(TAG.pattern.encode())
_ATTRIBUTE_BYTES = re.compile(rb"""=\s*(?:"[^"]*"|'[^']*')""")  # quotes and "=" are word ends anyway
_REFERENCE = re.compile(rb"&#?[0-9A-Za-z]+;?")  # "&amp;" is "&"; one that spells a letter is caught as obscured
_WORD_BYTES = bytes(b + 32 if 65 <= b <= 90 else b if 48 <= b <= 57 or 97 <= b <= 122 else 32 for b in range(256))
"""A translate table: ASCII letters lower-cased, digits kept, every other byte a space (a word's end)."""
_JSON_ESCAPE = re.compile(rb"\\(?:u[0-9a-fA-F]{4}|.)", re.DOTALL)  # "\nWord" is " Word" once decoded
_ASCII_BYTES = bytes(range(128))
_KEPT = re.compile(r"[a-z0-9-]")  # what words are made of, once normalised


# -- distinctive text -------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded; NFKC first (ligatures, full-width forms) unless it is plain ASCII."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def numbers(text: str) -> set[str]:
    """Numbers of five or more digits, thousands separators dropped: ``£1,234,567`` -> ``1234567``."""
    return {n for n in (found.replace(",", "") for found in set(_NUMBER.findall(text))) if len(n) >= MIN_NUMBER_DIGITS}


def codes(ws: list[str]) -> set[str]:
    """Words of ten or more characters holding both letters and digits: references, account and case numbers."""
    return {w for w in ws if len(w) >= MIN_CODE_CHARS and not w.isdigit() and not w.isalpha() and w.isalnum()}


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
            for text in json_strings(value):
                yield text, name in WHOLE_FIELDS


@dataclass
class Withheld:
    """The distinctive text of everything withheld, each item mapped to the private file it comes from."""

    phrases: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # sha256 of a file that must not be published -> why

    def add_text(self, text: str, origin: str, *, whole: bool, public: list[list[str]] = ()) -> None:
        for phrase in phrases(text, whole=whole, public=public):
            self.phrases.setdefault(phrase, origin)
        for number in numbers(text) | codes(words(text)):
            self.numbers.setdefault(number, origin)

    def add_exact(self, text: str, origin: str) -> None:
        """A short text that is withheld as a whole (a name, an e-mail address), however few its words."""
        ws = words(text)
        if len(ws) >= 2:
            self.phrases.setdefault(" ".join(ws), origin)
        for number in numbers(text):
            self.numbers.setdefault(number, origin)

    def file_key(self, sha256: str) -> str:
        """How :attr:`files` knows a file by its SHA-256."""
        return sha256

    def lookup(self, public_phrases: set[str] = frozenset(), public_numbers: set[str] = frozenset()) -> Lookup:
        """A lookup of the withheld text, bar what is known to be public (searching for that finds no leak)."""
        return Lookup(Withheld({p: o for p, o in self.phrases.items() if p not in public_phrases},
                               {n: o for n, o in self.numbers.items() if n not in public_numbers}))


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
        self.by_anchor = _by_anchor({phrase: words for phrase, words in self.words_of.items()})
        self.sieve = Sieve(self.words_of, self.numbers)

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
        candidates = {phrase for anchor in present.intersection(self.by_anchor)
                      for phrase, needed in self.by_anchor[anchor] if needed <= present}
        if len(candidates) > FEW_CANDIDATES:  # one pass over the words, looking up each pair
            starts = {pair: lengths for pair, lengths in self.starts.items() if pair[0] in present and pair[1] in present}
            found = {phrase for i, pair in enumerate(zip(ws, ws[1:], strict=False)) for length in starts.get(pair, ())
                     if (phrase := " ".join(ws[i:i + length])) in candidates}
        elif candidates:  # a few: a substring search each, in C, over the words joined
            joined = f" {' '.join(ws)} "
            found = {phrase for phrase in candidates if f" {phrase} " in joined}
        else:
            found = set()
        return found, (numbers(text) | codes(ws)) & self.numbers if self.numbers else set()


def _by_anchor(words_of: dict[str, frozenset]) -> dict:
    """Each phrase under its rarest word, with every word it needs: a text without that word is not searched for it."""
    phrases_with: dict = defaultdict(int)
    for needed in words_of.values():
        for word in needed:
            phrases_with[word] += 1
    index: dict = defaultdict(list)
    for phrase, needed in words_of.items():
        if needed:
            index[min(needed, key=lambda word: (phrases_with[word], -len(word)))].append((phrase, needed))
    return dict(index)


class Sieve:
    """Whether a file's raw bytes may hold withheld text, told in C: most files need no decoding at all.

    Every word of a decoded file (tags dropped, JSON and HTML unescaped, NFKC, case-folded)
    that is plain ASCII is also a word of its raw bytes read as ASCII (every other byte a
    word's end), with JSON escapes also read as word ends; unless the raw bytes spell it in
    a form that decoding changes: an escape or character reference of an ASCII letter, digit
    or hyphen, or a character that NFKC or case-folding turns into one (``ﬁ``, full-width
    forms). So a file that has neither such a form nor every ASCII word of some withheld
    phrase (or the digits of some withheld number) cannot hold any; the rest are decoded
    and searched word by word, as :class:`Lookup` does.
    """

    def __init__(self, words_of: dict[str, frozenset[str]], numbers: set[str]) -> None:
        ascii_words = {phrase: frozenset(w.encode() for w in words if w.isascii()) for phrase, words in words_of.items()}
        self.by_anchor = _by_anchor(ascii_words)
        self.any_non_ascii = any(not words for words in ascii_words.values())  # a phrase only non-ASCII words make
        self.numbers = {n.encode() for n in numbers}
        # 1,234,567 is the words 1, 234 and 567: each such number under its last group, with how it is spelled
        self.grouped: dict[bytes, list[tuple[bytes, frozenset[bytes]]]] = defaultdict(list)
        for number in (n for n in numbers if n.isdigit()):
            groups = _thousands(number)
            self.grouped[groups[-1]].append((b",".join(groups), frozenset(groups)))
        self.relevant = frozenset(self.numbers).union(*ascii_words.values(),
                                                      *(groups for each in self.grouped.values() for _, groups in each))
        # an all-ASCII phrase as plain text's words spell it, spaces around
        self.spelled = {phrase: f" {phrase} ".encode() for phrase in words_of if phrase.isascii()}
        self.longest = max((len(words) for words in words_of.values()), default=0)

    def read(self, block: bytes, raw: Raw) -> None:
        """Add to ``raw`` a block's sieve words and, while the file is plain text, its phrases found in order.

        Plain text (CSV, JSON, YAML) decodes to the same words in the same order, so there a
        phrase must be a run of its words: the spend files hold every common word somewhere.
        """
        if raw.markup:  # its text between tags, references as word ends; and its attribute values, apart
            raw.plain = raw.plain and b"\x00" not in block
            readings = [_REFERENCE.sub(b" ", _TAG_BYTES.sub(b" ", block)), b" ".join(_ATTRIBUTE_BYTES.findall(block))]
        else:
            raw.plain = raw.plain and not any(mark in block for mark in NOT_PLAIN)
            readings = [block]
            if b"\\" in block:  # perhaps JSON: "\nWord" is the word "Word" (or, outside JSON, "nWord")
                readings.append(_JSON_ESCAPE.sub(b" ", block))
        tails = []
        for reading, tail in zip(readings, raw.tails, strict=False):
            tokens = reading.translate(_WORD_BYTES).split()
            raw.words |= self.relevant.intersection(tokens)
            if raw.plain:
                text = b" %b %b " % (tail, b" ".join(tokens))
                raw.in_order |= {phrase for phrase in self._candidates(raw.words) if phrase in self.spelled
                                 and self.spelled[phrase] in text}
                tails.append(b" ".join(tokens[-self.longest:]))  # where a phrase running on into the next block starts
        if raw.plain:
            raw.tails = tails * 2 if len(tails) == 1 else tails
            spelled = raw.last_bytes + block
            raw.numbers_in_order |= {form for form in self._grouped_candidates(raw.words) if form in spelled}
            raw.last_bytes = block[-NUMBER_SPAN:]  # a number cut at the block's last comma

    def _grouped_candidates(self, present: set[bytes]) -> Iterator[bytes]:
        """Numbers, as written with thousands separators, every group of which is in ``present``."""
        for last in present.intersection(self.grouped):
            yield from (form for form, groups in self.grouped[last] if groups <= present)

    def _candidates(self, present: set[bytes]) -> Iterator[str]:
        """Phrases every ASCII word of which is in ``present``."""
        for anchor in present.intersection(self.by_anchor):
            yield from (phrase for phrase, needed in self.by_anchor[anchor] if needed <= present)

    def may_hold(self, raw: Raw) -> bool:
        """Whether a file of which the sieve read ``raw`` may hold a withheld phrase or number."""
        present = raw.words
        if raw.non_ascii and self.any_non_ascii:
            return True
        if not self.numbers.isdisjoint(present):
            return True
        for phrase in self._candidates(present):
            if not raw.plain or phrase not in self.spelled or phrase in raw.in_order:
                return True
        return any(not raw.plain or form in raw.numbers_in_order for form in self._grouped_candidates(present))


def _thousands(number: str) -> tuple[bytes, ...]:
    """``1234567`` as it is written with separators: ``(b"1", b"234", b"567")``."""
    head = len(number) % 3 or 3
    return (number[:head].encode(), *(number[i:i + 3].encode() for i in range(head, len(number), 3)))


@functools.cache
def _obscured() -> tuple[tuple[re.Pattern[bytes], ...], frozenset[str]]:
    """Raw forms that decoding turns into ASCII letters, digits or hyphens (so into words).

    In bytes: a JSON escape or HTML character reference of one; and the characters that
    NFKC and case-folding make one. Built on first use: it takes a pass over Unicode.
    """
    names = sorted((re.escape(name.encode()) for name, value in html.entities.html5.items()
                    if _KEPT.search(unicodedata.normalize("NFKC", value).casefold())), key=len, reverse=True)
    # Each starts with a literal, which the regex engine finds fast; one alternation of them all it would not.
    references = (re.compile(rb"\\u00(?:2d|3[0-9]|[4-7][0-9a-f])", re.IGNORECASE),  # JSON: \u0041 is "A"
                  re.compile(rb"&#0*(?:45|4[89]|5[0-9]|6[0-9]|[7-9][0-9]|1[01][0-9]|12[0-2])"),  # &#65; is "A"
                  re.compile(rb"&#[xX]0*(?:2d|3[0-9]|[4-7][0-9a-f])", re.IGNORECASE),  # &#x41; is "A"
                  re.compile(rb"&(?!amp;|lt;|gt;|quot;|#)(?:" + b"|".join(names) + rb")"))  # &fjlig; is "fj"
    folding = frozenset(chr(c) for c in range(0x80, 0x110000)
                        if not 0xD800 <= c < 0xE000 and _KEPT.search(unicodedata.normalize("NFKC", chr(c)).casefold()))
    return references, folding


def _folds_to_ascii(block: bytes, folding: frozenset[str]) -> bool:
    """Whether a block's non-ASCII characters include one of ``folding``.

    With its ASCII bytes deleted, what is left of a block is its other characters, whole:
    ASCII bytes never occur inside a UTF-8 character.
    """
    return not folding.isdisjoint(block.translate(None, _ASCII_BYTES).decode("utf-8", "replace"))


def _blocks(stream, separators: tuple[bytes, ...] = BLOCK_SEPARATORS) -> Iterator[bytes]:
    """A stream in blocks of about ``READ_BYTES``, each ending after a separator, so no word straddles two."""
    carry = b""
    while chunk := stream.read(READ_BYTES):
        block = carry + chunk
        cut = max(block.rfind(separator) for separator in separators) + 1
        if cut == 0:  # no separator in a whole block: take it as it is
            cut = len(block)
        yield block[:cut]
        carry = block[cut:]
    if carry:
        yield carry


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def withheld_material(store: Store) -> Withheld:
    """The distinctive text and files of every record and source file in the private store."""
    withheld = Withheld()
    private, root = store.private, store.settings.root
    shown = [sequence for text in _stub_texts(store) if len(sequence := words(text)) >= 2]
    for folder in (kind.folder for kind in record_kinds()):
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


def published_files(settings: Settings, site_dir: Path | None = None) -> list[Path]:
    """Every file that is or will be public: the built site, what git tracks, and data/ (tracked or not yet)."""
    folders = [site_dir or settings.site_dir, settings.data_dir]
    found = {p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()}
    return sorted(found | set(tracked_files(settings.root)))


def _is_public_source(path: Path, root: Path, stubs: set[Path]) -> bool:
    """Material whose text is public by definition (subtracted from the withheld text), bar withheld stubs."""
    relative = _display(path, root)
    if path in stubs or not relative.startswith(PUBLIC_SOURCES):
        return False
    return not relative.startswith("data/") or relative.startswith(PUBLIC_DATA) or relative.endswith(OVERRIDES_SUFFIX)


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
                 if name not in DECISION_KIND.stub_fields and value != Decision.model_fields[name].get_default(
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
    sha256: str


@dataclass
class Raw:
    """What one read of a file's bytes (decompressed, if gzip) tells: all a file that needs no decoding needs."""

    sha256: str
    decoded_only: bool  # a PDF or zipped XML: its text is not in its bytes
    words: set[bytes] = field(default_factory=set)  # those some withheld phrase or number has
    non_ascii: bool = False
    obscured: bool = False  # spells a letter, digit or hyphen in a form that decoding changes
    markup: bool = False  # HTML or XML, read as its text and attribute values, as decoding reads it
    plain: bool = True  # not binary, nor a file with tags decoded as if it had none: its words stay in order
    in_order: set[str] = field(default_factory=set)  # phrases its plain text spells
    tails: list[bytes] = field(default_factory=lambda: [b"", b""])  # last words of the block read, as read twice
    numbers_in_order: set[bytes] = field(default_factory=set)  # numbers its plain text spells with separators
    last_bytes: bytes = b""  # the end of the block read


def _read_raw(path: Path, sieve: Sieve) -> Raw:
    """Hash and sieve words of a file, read once in blocks (a gzip file is hashed, then inflated)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        head = stream.read(len(PAGEFIND_SIGNATURE))
        stream.seek(0)
        if head.startswith(b"\x1f\x8b"):
            for block in iter(lambda: stream.read(READ_BYTES), b""):
                digest.update(block)
            stream.seek(0)
            blocks: Iterable[bytes] = _blocks(gzip.GzipFile(fileobj=stream))
        else:
            separators = MARKUP_SEPARATORS if path.suffix.lower() in MARKUP_SUFFIXES else BLOCK_SEPARATORS
            blocks = (digest.update(block) or block for block in _blocks(stream, separators))
        raw = Raw("", head.startswith(DECODED_ONLY), markup=path.suffix.lower() in MARKUP_SUFFIXES)
        references, folding = _obscured()
        for block in blocks:
            sieve.read(block, raw)
            if not block.isascii():
                raw.non_ascii = True
                raw.obscured = raw.obscured or _folds_to_ascii(block, folding)
            raw.obscured = raw.obscured or any(pattern.search(block) for pattern in references)
    raw.sha256 = digest.hexdigest()
    return raw


def _examine(path: Path, lookup: Lookup) -> Seen:
    """What a file holds: its bytes are always hashed; its text searched only if the sieve asks."""
    raw = _read_raw(path, lookup.sieve)
    if path.suffix.lower() in BINARY_SUFFIXES:  # an image, a font: no text, but a copy all the same
        return Seen(set(), set(), raw.sha256)
    if not (raw.decoded_only or path.suffix.lower() == ".parquet" or raw.obscured
            or lookup.sieve.may_hold(raw)):
        return Seen(set(), set(), raw.sha256)
    if path.suffix == ".yaml":  # a record: each value on its own, so no run joins a field's name to its value
        found = [lookup.search(value) for value in _yaml_values(path)]
        return Seen(set().union(*(p for p, _ in found)), set().union(*(n for _, n in found)), raw.sha256)
    text = file_text(path)
    phrases_found, numbers_found = lookup.search(text) if text else (set(), set())
    return Seen(phrases_found, numbers_found, raw.sha256)


def _yaml_values(path: Path) -> list[str]:
    """Every string and number a YAML file holds (its whole text, if it does not parse)."""
    import yaml

    try:
        data = read_yaml(path, errors="replace")
    except yaml.YAMLError:
        return [path.read_text(encoding="utf-8", errors="replace")]
    values: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += item.values()
        elif isinstance(item, list):
            stack += item
        elif item is not None:
            values.append(str(item))
    return values


def scan(settings: Settings, site_dir: Path | None = None) -> list[str]:
    """Every leak in site/ (or ``site_dir``), data/ and the files git tracks, one line each naming the file.

    What is withheld is read from the private store; in a clone without one, from the
    store's keyed digest in data/ (:mod:`opcc.checks.digest`), which raises
    :class:`~opcc.checks.digest.CannotCheck` if it lists anything and there is no key.
    """
    from .digest import digest_path, load_digest

    store = Store(settings)
    files = published_files(settings, site_dir)
    if _has_private_material(store) or not digest_path(settings).exists():
        return find_leaks(store, files)
    return find_leaks(store, files, load_digest(settings))


def _has_private_material(store: Store) -> bool:
    return store.private.exists() and any(p.is_file() and p.suffix != ".lock" for p in store.private.rglob("*"))


def find_leaks(store: Store, files: list[Path], withheld: Withheld | None = None) -> list[str]:
    """Every leak of the withheld material (by default, the private store's) in ``files``, one line each."""
    settings, root = store.settings, store.settings.root
    withheld = withheld if withheld is not None else withheld_material(store)
    hits, stubs = _stub_problems(store)
    hits += [f"{_display(p, root)}: a private-store file is tracked by git" for p in files
             if p.is_relative_to(store.private)]

    # Text in public material is no leak: learn it first (stubs, then public files smallest first, so the
    # records reveal the shared boilerplate before the big spend files are read), then search the rest for
    # only what is left, which is rare in published files: most are cleared by the sieve alone.
    lookup = withheld.lookup()
    in_stubs = [lookup.search(text) for text in _stub_texts(store)]
    public_phrases = set().union(*(p for p, _ in in_stubs))
    public_numbers = set().union(*(n for _, n in in_stubs))
    public_files = sorted((p for p in _public_text_files(settings) if _is_public_source(p, root, stubs)),
                          key=lambda p: (p.stat().st_size, p))
    found: dict[Path, Seen] = {}
    lookup = withheld.lookup(public_phrases, public_numbers)
    for path in public_files:
        seen = found[path] = _examine(path, lookup)
        if seen.phrases or seen.numbers:  # all new: the lookup holds none already known public
            public_phrases |= seen.phrases
            public_numbers |= seen.numbers
            lookup = withheld.lookup(public_phrases, public_numbers)
    rest = sorted(set(files) - set(found))
    found.update((path, _examine(path, lookup)) for path in rest)

    for path in files:
        where, seen = _display(path, root), found[path]
        leaked_phrases = seen.phrases - public_phrases
        leaked_numbers = seen.numbers - public_numbers
        origins = sorted({withheld.phrases[p] for p in leaked_phrases} | {withheld.numbers[n] for n in leaked_numbers})
        if origins:
            hits.append(f"{where}: withheld text ({len(leaked_phrases)} phrase(s), {len(leaked_numbers)} number(s)) "
                        f"of {', '.join(origins)}")
        if withheld.file_key(seen.sha256) in withheld.files:
            hits.append(f"{where}: {withheld.files[withheld.file_key(seen.sha256)]}")
    return hits
