"""The search index: Pagefind over the finished HTML in site/, written to site/pagefind/.

Pagefind splits the index into chunks by term, so a query fetches only the chunks it needs
(well under 300 KB, however many pages there are). What is indexed, filtered and sorted is set
by the pages themselves (docs/overrides/main.html): ``data-pagefind-body`` around the content,
``data-pagefind-filter`` for type and year, ``data-pagefind-sort`` for date. The search page
(docs/search.md, assets/javascripts/search.js) queries it through Pagefind's JavaScript API.

The indexer is the Pagefind binary of the ``pagefind`` Python package, run as a command
(``python -m pagefind``). Its Python API (``PagefindIndex``) was tried first and dropped: its
service answers "files written" before they are on disk and is then terminated, so under load
a build could end with an empty ``pagefind-entry.json`` (seen with six builds at once). A
command that has exited has written everything.

Pagefind (1.5) writes each filter's values in hash-map order, which changes from run to run;
:func:`canonical_filters` sorts them, so that the same site gives the same bundle, byte for byte.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

SIGNATURE = b"pagefind_dcd"  # what every Pagefind data file starts with, before its CBOR


def index(site_dir: Path) -> int:
    """Index site/ and write the bundle to site/pagefind/; returns the number of pages indexed."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "en", "--silent"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed on {site_dir}: {done.stderr.strip() or done.stdout.strip()}")
    canonical_filters(site_dir / "pagefind")
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


# -- making the filter files deterministic -----------------------------------------------------

def _item_end(data: bytes, at: int) -> int:
    """Where the CBOR item starting at ``at`` ends (the subset Pagefind writes: ints, strings, arrays, maps)."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        length = info
    else:
        size = 1 << (info - 24)
        length, at = int.from_bytes(data[at:at + size], "big"), at + size
    if major in (0, 1, 7):
        return at
    if major in (2, 3):
        return at + length
    if major == 6:
        return _item_end(data, at)
    for _ in range(length * (2 if major == 5 else 1)):
        at = _item_end(data, at)
    return at


def _header_end(data: bytes, at: int) -> int:
    info = data[at] & 31
    return at + 1 + (0 if info < 24 else 1 << (info - 24))


def _nth_item(data: bytes, array_at: int, n: int) -> int:
    """Where the n-th item (from 0) of the CBOR array at ``array_at`` starts."""
    at = _header_end(data, array_at)
    for _ in range(n):
        at = _item_end(data, at)
    return at


def _sort_array(data: bytes, array_at: int) -> bytes:
    """``data`` with the items of the CBOR array at ``array_at`` in sorted (byte) order."""
    items, at, end = [], _header_end(data, array_at), _item_end(data, array_at)
    while at < end:
        items.append(data[at:_item_end(data, at)])
        at += len(items[-1])
    return data[:_header_end(data, array_at)] + b"".join(sorted(items)) + data[end:]


# Where Pagefind 1.5 keeps lists in hash-map order: a filter file is ``[name, [[value, pages]...]]``;
# a language's meta file is ``[version, index chunks, ..., filters, sorts, ...]``.
FILTER_VALUES = 1
META_FILTERS_AND_SORTS = (3, 4)


def _name(prefix: str, content: bytes, digits: int) -> str:
    return f"{prefix}_{hashlib.sha256(content).hexdigest()[:digits]}"


def canonical_filters(bundle: Path) -> None:
    """Sort every filter file's values and rename what names them: the filter files (by content),
    their entries in the language's ``.pf_meta``, and that file's entry in ``pagefind-entry.json``."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = gzip.decompress(meta_path.read_bytes())
        for path in sorted((bundle / "filter").glob(f"{language}_*.pf_filter")):
            content = gzip.decompress(path.read_bytes())
            content = _sort_array(content, _nth_item(content, len(SIGNATURE), FILTER_VALUES))
            new = _name(language, content, len(path.stem) - len(language) - 1)
            path.unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(gzip.compress(content, mtime=0))
            meta = meta.replace(path.stem.encode(), new.encode())  # same length: CBOR headers unchanged
        for n in META_FILTERS_AND_SORTS:
            meta = _sort_array(meta, _nth_item(meta, len(SIGNATURE), n))
        meta_path.unlink()
        info["hash"] = _name(language, meta, len(info["hash"]) - len(language) - 1)
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(gzip.compress(meta, mtime=0))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
