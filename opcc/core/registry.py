"""The registry of record kinds: each kind declared once, in its own module under ``opcc.core.kinds``.

A kind's :class:`Kind` says everything the rest of opcc needs to know about it:

* ``model``: the record class (the YAML in ``data/``, the JSON and the downloads derive from it);
* how its sources are recognised and read: ``sources`` (``pdf``, ``table`` for CSV/XLSX/XLS,
  ``yaml`` for a file a person writes), a PDF ``parser`` and ``recognise`` test, a table's
  ``headers`` vocabulary;
* where its records live: ``folder`` under ``data/`` (and the private store), ``relpath``;
* its gate policy: which fields may hold personal data, which hold payees' names, and what a
  withheld record still shows (``stub_fields``);
* its site ``section``;
* the ``duties`` of the Specified Information Order its records can meet (ids of
  ``opcc/checks/duties.yml``).

Functions the bottom layer cannot import (parsers in ``ingest``, page generators in
``opcc.site``) are named as ``"module:function"`` and resolved by :func:`resolve` where
they are used. Adding a kind is one module in ``opcc/core/kinds/`` named in
``KIND_MODULES`` below, plus a page template if the generic register page does not suit it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePosixPath

from opcc.core.model import Provenanced

KIND_MODULES = (
    # PDFs are recognised in this order: the first kind whose test passes takes the file.
    "expenditure",
    "panel_report",
    "decision",
)
"""The kinds, by module name under ``opcc.core.kinds``: a kind's module is named after the kind."""


@dataclass(frozen=True)
class Section:
    """Where the site shows a kind's records."""

    path: str  # under the site root, e.g. "decisions"
    title: str
    generator: str = "opcc.site.registers"  # a module with generate(ctx, kind) and publish(ctx, kind)


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
    personal_fields: tuple[str, ...] = ()  # searched for personal data before anything is stored
    payee_fields: tuple[str, ...] = ()  # keys, inside those fields, whose values are payees' names
    stub_fields: tuple[str, ...] = ()  # what a withheld record shows publicly (its model says when it is withheld)
    section: Section | None = None
    duties: tuple[str, ...] = ()


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
