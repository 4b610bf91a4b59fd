"""The evidence the duty checker weighs: every claim of every public record of the body, each
with the day it was first published and where the site shows it.

A record's claims come from its kind (:meth:`opcc.core.registry.Kind.claims_of`). Spend is
stored as rows, not records, so its claims are made here: one for each month and spending
body that has rows. The day a claim was first published is the first version of its file in
the git history of ``data/`` that holds the claimed part (the whole file, one field such as a
meeting's minutes, one entry of a register, a spending body's rows in a month file); for a
record published before its history was kept, its ``published`` date (or, for spend, the
``published`` date given for its source). Not yet committed, it is *pending*: published by the
build about to run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from opcc.core.model import Provenanced
from opcc.core.periods import parse_period
from opcc.core.register import entry_key
from opcc.core.registry import Claim, Kind
from opcc.core.text import slugify
from opcc.core.yaml_io import load_yaml
from opcc.history import History, Version
from opcc.spend_data import SPEND_DIR, load_spend, month_path
from opcc.store import Store, record_kinds

if TYPE_CHECKING:  # pandas comes with the spend rows; the records need none of it
    import pandas as pd

SPEND_DUTY = "spend.over_500"


@dataclass(frozen=True)
class Evidence:
    """A claim, with when it was first published and where it is."""

    claim: Claim
    kind: str
    path: Path | None  # its file in data/
    published: dt.date | None  # None while pending (not committed yet)
    changed: dt.date | None  # the file's last change; None while pending
    link: str | None  # its place on the site, relative to the site root

    @property
    def pending(self) -> bool:
        return self.published is None

    def published_by(self, as_of: dt.date) -> dt.date:
        """The day it was (or, pending, will be) published, seen from ``as_of``."""
        return self.published or as_of

    def changed_by(self, as_of: dt.date) -> dt.date:
        return self.changed or as_of


def _part(data: object, part: tuple[str, ...], fields: tuple[str, ...]) -> object:
    """The claimed part of a record's data: a field by name, a register entry by its key."""
    for step in part:
        if isinstance(data, dict):
            data = data.get(step)
        elif isinstance(data, list):
            data = next((item for item in data if isinstance(item, dict) and entry_key(item, fields) == step), None)
        else:
            return None
    return data


def _yaml_holds(part: tuple[str, ...], fields: tuple[str, ...]) -> Callable[[str], bool]:
    def holds(text: str) -> bool:
        try:
            data = load_yaml(text)
        except yaml.YAMLError:
            return False
        return _part(data, part, fields) not in (None, "", [], {})

    return holds


def _first_published(history: History, path: Path, holds: Callable[[str], bool] | None,
                     explicit: dt.date | None) -> dt.date | None:
    """The first version of the file holding the part (None while that is the pending one).

    A record's own ``published`` date (a migrated archive) dates what its first version holds,
    if earlier; a part added in a later version is dated by that version alone."""
    versions = history.versions(path)
    seen: Version | None = history.first_seen(path, holds) if holds else (versions[0] if versions else None)
    if seen is None:
        return explicit
    if versions and seen is versions[0]:
        return min((d for d in (seen.date, explicit) if d), default=None)
    return seen.date


def record_link(kind: Kind, record: Provenanced, claim: Claim) -> str | None:
    """Where the site shows a record's claim (relative to the site root)."""
    if kind.name == "decision":
        return f"decisions/{slugify(getattr(record, 'reference', None) or '')}/" if record.reference else "decisions/"
    if kind.section is None:
        return None
    return f"{kind.section.path}/" + (f"#{claim.anchor}" if claim.anchor else "")


def record_evidence(store: Store, history: History) -> list[Evidence]:
    """The claims of every public record of the publishing body, kinds stored one record per file."""
    settings = store.settings
    found = []
    for kind in record_kinds():
        if not (store.public / kind.folder).exists():
            continue
        for path, record in store.record_files(kind):
            if getattr(record, "body", None) and not settings.is_own_body(record.body):
                continue
            last = history.last_changed(path)
            for claim in kind.claims_of(record):
                holds = _yaml_holds(claim.part, kind.entry_key) if claim.part else None
                found.append(Evidence(claim, kind.name, path,
                                      _first_published(history, path, holds, record.published),
                                      last.date if last else None, record_link(kind, record, claim)))
    return found


def _rows_with_body(body: str | None) -> Callable[[str], bool]:
    """Whether a month file's text holds a row of that spending body (or any row, for ``None``)."""
    def holds(text: str) -> bool:
        rows = csv.DictReader(io.StringIO(text))
        return any(body is None or row.get("spending_body") == body for row in rows)

    return holds


def spend_evidence(store: Store, history: History, spend: pd.DataFrame | None = None) -> list[Evidence]:
    """One claim of ``spend.over_500`` per month and spending body with rows (rows that do not say
    which body spent them claim for no body: the checker reports them). ``spend``: the body's rows if
    already loaded (the build has them from the gate; only their dates, bodies and sources are read)."""
    spend = load_spend(store.public, store.settings.body.slug) if spend is None else spend
    if not len(spend):
        return []
    sources = store.source_index(store.public)
    folder = store.public / SPEND_DIR / store.settings.body.slug
    spend = spend.assign(month=spend["date"].str.slice(0, 7), spending_body=spend["spending_body"].where(
        spend["spending_body"].notna(), None))
    found = []
    for (month, body), rows in spend.groupby(["month", "spending_body"], dropna=False, sort=True):
        period = parse_period(month) if isinstance(month, str) else None
        if period is None:
            continue  # undated rows belong to no month (opcc review lists them)
        body = body if isinstance(body, str) else None
        explicit = [sources.get(sha, {}).get("published") for sha in rows["source_sha256"].dropna().unique()]
        explicit = [dt.date.fromisoformat(str(d)) for d in explicit if d]
        path = month_path(folder, month)
        last = history.last_changed(path)
        label = f"{period.label}, {body or 'spending body not stated'}: {len(rows)} payment{'s' * (len(rows) != 1)}"
        claim = Claim(SPEND_DUTY, label, period=period, body=body)
        found.append(Evidence(claim, "expenditure", path,
                              _first_published(history, path, _rows_with_body(body), min(explicit, default=None)),
                              last.date if last else None, f"spend/months/{month}/"))
    return found


def gather(store: Store, history: History, spend: pd.DataFrame | None = None) -> list[Evidence]:
    """Every claim of every public record and spend month of the body."""
    return record_evidence(store, history) + spend_evidence(store, history, spend)


def by_duty(evidence: Iterable[Evidence]) -> dict[str, list[Evidence]]:
    grouped: dict[str, list[Evidence]] = {}
    for item in evidence:
        grouped.setdefault(item.claim.duty, []).append(item)
    return grouped

