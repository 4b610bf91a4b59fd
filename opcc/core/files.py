"""Writing files so that a crash or a bad input never leaves one half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# mkstemp creates files readable by their owner only; a written file should get the
# permissions any other new file would (so a web server running as another user can
# read the site). The umask can only be read by setting it, so it is read once, here.
_UMASK = os.umask(0o022)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK
TEMP_SUFFIX = ".tmp"
"""Every temporary file is ``.<name>.<random>.tmp`` beside the file it will replace."""
COPY_CHUNK = 1 << 30
"""Bytes asked of one ``sendfile`` call (Linux moves at most about 2 GiB a call)."""


@contextmanager
def _replacing(path: Path) -> Iterator[BinaryIO]:
    """A temporary file beside ``path``: synced and renamed over ``path`` if the block succeeds, else removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes | memoryview) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic rename."""
    with _replacing(path) as handle:
        handle.write(data)


def atomic_copy(source: Path, path: Path) -> None:
    """Copy ``source`` to ``path`` the same way; the bytes go file to file in the kernel (``sendfile``)."""
    with open(source, "rb") as original, _replacing(path) as handle:
        offset = 0
        while sent := os.sendfile(handle.fileno(), original.fileno(), offset, COPY_CHUNK):
            offset += sent


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove the temporary files a run killed mid-write left under ``folder``; the ones removed.

    Only call this while no other process can be writing there (under the store's lock).
    """
    stale = [p for p in folder.rglob(f".*{TEMP_SUFFIX}") if p.is_file()] if folder.exists() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
