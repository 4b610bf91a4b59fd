"""When each file of ``data/`` was first published and last changed, and what each change was,
from the git history of ``data/``: nothing is typed by hand.

A commit to ``data/`` is taken as publication (the site is built and deployed from what is
committed), dated by its committer date. :meth:`History.of` reads the whole log of ``data/``
in one ``git log``; the content of a past version is read only when asked for, through one
``git cat-file --batch``.

A file not committed yet (new, or changed since the last commit) has a *pending* version:
it is published by the build that is about to run, so it has no date yet. A record that was
published before its history was kept in git (a migrated archive) carries its date in its
``published`` field instead (see :func:`opcc.core.model.Provenanced`). Outside a git work tree
every file is pending.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

RECORD_SEPARATOR = "\x1e"
FIELD_SEPARATOR = "\x1f"
LOG_FORMAT = f"{RECORD_SEPARATOR}%H{FIELD_SEPARATOR}%cI{FIELD_SEPARATOR}%s"


@dataclass(frozen=True)
class Version:
    """One version of a file: the commit that made it, or ``commit=None`` for the working copy
    not committed yet (pending publication)."""

    commit: str | None
    date: dt.date | None  # the commit's (committer) date; None while pending
    subject: str

    @property
    def pending(self) -> bool:
        return self.commit is None


PENDING = Version(None, None, "not yet published: in data/ but not committed")


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", *args],
                          capture_output=True, check=False)


@dataclass
class History:
    """The git history of the files under one folder (``data/``)."""

    folder: Path
    top: Path | None  # the git work tree's top folder, None outside one
    _versions: dict[Path, list[Version]] = field(default_factory=dict)
    _changed: set[Path] = field(default_factory=set)  # committed files whose working copy differs or is gone
    _texts: dict[tuple[str, Path], str | None] = field(default_factory=dict, repr=False)
    _reader: subprocess.Popen | None = field(default=None, repr=False)

    @classmethod
    def of(cls, folder: Path) -> History:
        folder = Path(folder).resolve()
        found = _git(folder if folder.exists() else folder.parent, "rev-parse", "--show-toplevel")
        if found.returncode != 0:
            return cls(folder, None)
        top = Path(found.stdout.decode().strip()).resolve()
        history = cls(folder, top)
        history._read_log()
        history._read_status()
        return history

    def _read_log(self) -> None:
        result = _git(self.top, "log", "--reverse", "--no-renames", "--name-status", f"--format={LOG_FORMAT}",
                      "--", str(self.folder))
        if result.returncode != 0:
            return  # a repository with no commits yet: everything is pending
        for block in result.stdout.decode("utf-8", "surrogateescape").split(RECORD_SEPARATOR)[1:]:
            header, *lines = block.split("\n")
            commit, stamp, subject = header.split(FIELD_SEPARATOR, 2)
            version = Version(commit, dt.datetime.fromisoformat(stamp).date(), subject)
            for line in filter(None, lines):
                status, _, name = line.partition("\t")
                versions = self._versions.setdefault(self.top / name, [])
                if status == "D":
                    versions.clear()  # deleted: a later commit that adds it again publishes it anew
                else:
                    versions.append(version)

    def _read_status(self) -> None:
        result = _git(self.top, "status", "--porcelain=v1", "-z", "--untracked-files=no", "--", str(self.folder))
        for entry in result.stdout.decode("utf-8", "surrogateescape").split("\0"):
            if len(entry) > 3:
                self._changed.add(self.top / entry[3:])

    # -- dates ------------------------------------------------------------------------------------

    def versions(self, path: Path) -> list[Version]:
        """Every published version of a file, oldest first, then a pending one if its working copy
        differs from the last commit (or it was never committed). A file deleted and added again
        starts again from the commit that added it."""
        path = Path(path).resolve()
        committed = self._versions.get(path, [])
        if path.exists() and (not committed or path in self._changed):
            return [*committed, PENDING]
        return committed

    def first_published(self, path: Path) -> dt.date | None:
        """The date of the first commit of the file; None while it is pending or unknown."""
        versions = self.versions(path)
        return versions[0].date if versions else None

    def last_changed(self, path: Path) -> Version | None:
        versions = self.versions(path)
        return versions[-1] if versions else None

    def first_seen(self, path: Path, present: Callable[[str], bool]) -> Version | None:
        """The first version whose text satisfies ``present``: when a part of the record (one that is
        in the working copy) first appeared. Only committed versions are read; failing them, the part
        is in the pending one, so a file never committed is not read at all."""
        versions = self.versions(path)
        for version in versions:
            if version.pending:
                return version
            text = self.text_at(version, path)
            if text is not None and present(text):
                return version
        return None

    # -- contents ------------------------------------------------------------------------------------

    def text_at(self, version: Version, path: Path) -> str | None:
        """The file's text in a version (the working copy for a pending one); None if it had none."""
        path = Path(path).resolve()
        if version.pending:
            return path.read_text(encoding="utf-8") if path.exists() else None
        key = (version.commit, path)
        if key not in self._texts:
            self._texts[key] = self._blob(version.commit, path.relative_to(self.top))
        return self._texts[key]

    def _blob(self, commit: str, relative: Path) -> str | None:
        reader = self._batch_reader
        reader.stdin.write(f"{commit}:{relative.as_posix()}\n".encode())
        reader.stdin.flush()
        header = reader.stdout.readline().decode().split()
        if len(header) < 3 or header[1] != "blob":
            return None  # "<name> missing": the file did not exist in that commit
        data = reader.stdout.read(int(header[2]))
        reader.stdout.read(1)  # the newline after each object
        return data.decode("utf-8", "replace")

    @cached_property
    def _batch_reader(self) -> subprocess.Popen:
        self._reader = subprocess.Popen(["git", "-C", str(self.top), "cat-file", "--batch"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self._reader

    def close(self) -> None:
        if self._reader is not None:
            self._reader.stdin.close()
            self._reader.wait()
            self._reader = None
            del self.__dict__["_batch_reader"]

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
