""""First published" and "last updated", and a short history of what changed, for every record's page.

All of it comes from the git history of ``data/`` (:mod:`opcc.history`): each commit that touched a
record's file is one change, dated by the commit and described by its message and by the fields it
changed (for a register, how many entries it added, changed or removed). A record published before
its history was kept gives its ``published`` date instead; a file not yet committed is published by
this build, and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from opcc.core.register import entry_key
from opcc.core.registry import kinds
from opcc.core.yaml_io import load_yaml
from opcc.history import History

HISTORY_SHOWN = 10  # changes listed on a page, newest first; the git history holds them all
BOOKKEEPING = {"provenance", "review", "reviewed", "published"}  # not what a reader means by a change
FIELD_WORDS = {"sources": "source document"}


@dataclass(frozen=True)
class Change:
    date: dt.date | None  # None: not yet published (this build publishes it)
    subject: str
    fields: tuple[str, ...] = ()  # what changed, in words: "title", "entries: 1 added"


@dataclass(frozen=True)
class Dates:
    first_published: dt.date | None
    last_updated: dt.date | None
    pending: bool  # this build publishes a change not yet in the history
    changes: tuple[Change, ...] = field(default_factory=tuple)  # newest first, at most HISTORY_SHOWN
    more: int = 0  # older changes not listed


def _load(text: str | None) -> dict:
    try:
        data = load_yaml(text) if text else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def changed_fields(old: dict, new: dict, key_fields: tuple[str, ...] = ()) -> tuple[str, ...]:
    """What differs between two versions of a record, in words, for a reader."""
    found = []
    for name in [*new, *(n for n in old if n not in new)]:
        if name in BOOKKEEPING or old.get(name) == new.get(name):
            continue
        before, after = old.get(name), new.get(name)
        if name == "entries" and isinstance(before, list) and isinstance(after, list):
            found.append("entries: " + _entry_changes(before, after, key_fields))
        else:
            found.append(FIELD_WORDS.get(name, name.replace("_", " ")))
    return tuple(found)


def _entry_changes(before: list, after: list, key_fields: tuple[str, ...]) -> str:
    def keyed(entries: list) -> dict:
        return {entry_key(e, key_fields) if key_fields else repr(e): e for e in entries if isinstance(e, dict)}

    old, new = keyed(before), keyed(after)
    counts = [(len(new.keys() - old.keys()), "added"), (len(old.keys() - new.keys()), "removed"),
              (sum(old[k] != new[k] for k in old.keys() & new.keys()), "changed")]
    return ", ".join(f"{n} {what}" for n, what in counts if n) or "reordered"


def record_dates(history: History, path: Path, published: dt.date | None = None, kind: str | None = None,
                 details: bool = True) -> Dates:
    """The dates and history of one record's file; ``details`` reads each version to say what changed."""
    versions = history.versions(path)
    key_fields = kinds()[kind].entry_key if kind in kinds() else ()
    details = details and len(versions) > 1  # a single version changed nothing: no file need be read
    changes: list[Change] = []
    previous: dict = {}
    for index, version in enumerate(versions):
        current = _load(history.text_at(version, path)) if details else {}
        fields = changed_fields(previous, current, key_fields) if details and index else ()
        subject = version.subject if not version.pending else "Published with this version of the site"
        changes.append(Change(version.date, subject, fields))
        previous = current
    committed = [v for v in versions if not v.pending]
    first = _earliest(committed[0].date if committed else None, published)
    last = committed[-1].date if committed else first
    pending = bool(versions) and versions[-1].pending
    if published and (not committed or published < committed[0].date):
        changes.insert(0, Change(published, "First published, before its history was kept here"))
    newest = list(reversed(changes))
    return Dates(first, last, pending, tuple(newest[:HISTORY_SHOWN]), max(0, len(newest) - HISTORY_SHOWN))


def _earliest(*dates: dt.date | None) -> dt.date | None:
    return min((d for d in dates if d), default=None)

