"""The registry of record kinds: each kind declared once, in its own module under ``opcc.core.kinds``.

A kind's :class:`Kind` says everything the rest of opcc needs to know about it:

* ``model``: the record class (the YAML in ``data/``, the JSON and the downloads derive from it);
* how its sources are recognised and read: ``sources`` (``pdf``, ``table`` for CSV/XLSX/XLS,
  ``yaml`` for a file a person writes), a PDF ``parser`` and ``recognise`` test, a table's
  ``headers`` vocabulary;
* where its records live: ``folder`` under ``data/`` (and the private store), ``relpath``,
  and whether a new source of the same record is merged with the stored one (a rescan of a
  notice) or replaces it (a new version of a register): ``merges``;
* its gate policy: which fields may hold personal data, which hold payees' names, what a
  withheld record still shows (``stub_fields``); the model itself says what is withheld
  (``withheld``, ``withheld_fields``);
* its site ``section``: the page that lists its records, from the template
  ``templates/registers/<name>.md`` unless the section names its own generator;
* its ``downloads``: the records (or a register's entries, one row each) as CSV and JSON,
  described in ``datapackage.json``;
* the ``duties`` of the Specified Information Order its records can meet (ids of
  ``opcc/checks/duties.yml``), and ``claims``: what, for each duty, a record is evidence of
  (the period it covers, the event it follows, what it lacks). The duty checker reads
  nothing else of a record.

Functions the bottom layer cannot import (parsers in ``ingest``, page generators in
``opcc.site``) are named as ``"module:function"`` and resolved by :func:`resolve` where
they are used. Adding a kind is one module in ``opcc/core/kinds/`` named in
``KIND_MODULES`` below, plus a page template if the generic register page does not suit it.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath

from opcc.core.model import Provenanced
from opcc.core.periods import Period

KIND_MODULES = (
    # PDFs are recognised in this order: the first kind whose test passes takes the file.
    "expenditure",
    "panel_report",
    "decision",
    # Read from YAML a person writes (and, for documents, the PDF beside it): never recognised
    # by their content, so their order does not matter.
    "document",
    "nil_statement",
    "office_holder",
    "interests",
    "gifts",
    "senior_staff",
    "staff_profile",
    "grants",
    "expenses",
    "premises",
    "contracts",
    "meeting",
    "complaints",
)
"""The kinds, by module name under ``opcc.core.kinds``: a kind's module is named after the kind."""


@dataclass(frozen=True)
class Section:
    """Where the site shows a kind's records."""

    path: str  # under the site root, e.g. "decisions"
    title: str
    generator: str = "opcc.site.registers"  # a module with generate(ctx, kind) and publish(ctx, kind)
    intro: str = ""  # a sentence on what the Order asks for, shown above the records


@dataclass(frozen=True)
class Claim:
    """What a record is evidence of, for one duty: the duty checker's whole view of a record.

    A decision claims ``decisions.significant`` for the day it was taken; a month of grants
    claims ``grants.cdr`` for that month; a contract over £10,000 with no copy linked claims
    ``contracts.over_10k`` with a ``gap`` saying so.
    """

    duty: str
    label: str  # what it is, in words: "May 2018", "OPCC.D.033.23", "Register of gifts and hospitality"
    period: Period | None = None  # the period the information covers
    in_force: Period | None = None  # the days it applies to, where it does not apply for good (a holder's term)
    event: dt.date | None = None  # the day the duty's clock starts: a decision taken, a report published, a meeting
    subject: str | None = None  # what the event is: a response names the report it answers
    body: str | None = None  # who spent, where a duty is owed for each spending body ("PCC", "Chief Constable")
    reviewed: dt.date | None = None  # when a person last reviewed the information, where the record says
    gap: str | None = None  # what the record lacks for the duty, if anything
    part: tuple[str, ...] = ()
    """Where in the record's file the claim lies, for its publication date: ``()`` the whole file,
    ``("minutes",)`` one field, ``("entries", key)`` one entry of a register (see ``Kind.entry_key``)."""
    anchor: str | None = None  # where on the kind's page, an HTML id


@dataclass(frozen=True)
class Kind:
    name: str  # the records' ``kind`` value, and what ``--kind`` takes
    title: str
    model: type[Provenanced]
    folder: str  # data/<folder>/ and <private store>/<folder>/
    sources: tuple[str, ...]  # "pdf", "table", "yaml"
    relpath: Callable[[Provenanced, str], PurePosixPath] | None = None
    """A record's file under ``folder``, given the publishing body's name for records that print none;
    ``None`` for a kind stored as tables of rows (spend)."""
    parser: str | None = None  # "module:function" turning an ingest.pdf.Document into a record
    recognise: str | None = None  # "module:function" telling whether a read PDF is of this kind
    headers: Mapping[str, Sequence[str]] = field(default_factory=dict)
    """Header words of a table source, per field: how its columns are known."""
    merges: bool = False
    """A new source of a stored record fills its gaps (a rescan of the same notice); otherwise it
    replaces it (a new version of a register, a corrected YAML file)."""
    entry_key: tuple[str, ...] = ()
    """A register's entries (its ``entries`` field) are told apart by these fields, so each entry
    is dated by when it first appeared in the register's history."""
    personal_fields: tuple[str, ...] = ()  # searched for personal data before anything is stored
    payee_fields: tuple[str, ...] = ()  # keys, inside those fields, whose values are payees' names
    stub_fields: tuple[str, ...] = ()  # what a withheld record shows publicly (its model says when it is withheld)
    section: Section | None = None
    downloads: bool = False  # its records (or a register's entries) as CSV and JSON under site/data/
    exports: tuple[str, ...] = ()
    """Further downloads in other standards, as ``"module:function"`` taking the build context and the
    kind's published records and returning the Data Package resources it wrote (360Giving for grants)."""
    duties: tuple[str, ...] = ()
    claims: Callable[[Provenanced], list[Claim]] | None = None
    """What a record is evidence of; by default, of each of ``duties``, as a whole."""

    def claims_of(self, record: Provenanced) -> list[Claim]:
        if self.claims is not None:
            return self.claims(record)
        label = getattr(record, "title", None) or self.title
        return [Claim(duty, label) for duty in self.duties]


@cache
def kinds() -> dict[str, Kind]:
    """Every registered kind by name, in registry order."""
    found = {}
    for name in KIND_MODULES:
        kind = importlib.import_module(f"opcc.core.kinds.{name}").KIND
        found[kind.name] = kind
    return found


def kind(name: str) -> Kind:
    try:
        return kinds()[name]
    except KeyError:
        raise ValueError(f"unknown kind {name!r}; expected one of {', '.join(kinds())}") from None


def kind_of(record: Provenanced) -> Kind:
    return kind(record.kind)


def record_from_data(data: dict) -> Provenanced:
    """A record validated by its own kind's model (``data["kind"]`` says which)."""
    return kind(data["kind"]).model.model_validate(data)


def resolve(target: str) -> Callable:
    """The function a declaration names as ``"module:function"``."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
