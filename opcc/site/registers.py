"""The pages and downloads of every kind without a site module of its own: the registers, the
documents, the office holders, the meetings and the rest.

    generate(ctx, kind)   before MkDocs: the kind's page, ``<section path>/index.md``, from the
                          template ``templates/registers/<kind>.md`` (which extends
                          ``registers/_register.md``): each record with its first published and
                          last updated dates and its history, and its published source files
    publish(ctx, kind)    after MkDocs: the source files into ``site/sources/``, and the kind's
                          downloads (``data/registers/<kind>.csv`` and ``.json``: a register's
                          entries one row each, other kinds a record a row) and its exports;
                          returns their Data Package resources

Everything comes from ``ctx.public.records``: the records through the publication gate.
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from opcc.core.model import Provenanced, SourceFile
from opcc.core.register import entry_anchor, record_anchor
from opcc.core.registry import Kind, kinds, resolve
from opcc.core.text import slugify
from opcc.site.context import BuildContext
from opcc.site.csv_cells import NOTE as CSV_NOTE
from opcc.site.dates import Dates, record_dates
from opcc.site.opendata import INTERNAL_FIELDS, OGL, records_csv, site_url, table_schema
from opcc.site.sources import download_name, public_files, publish_file, url_of

DOWNLOADS = "data/registers"
PAGE_FIELDS = ["first_published", "last_updated", "page_url"]
PAGE_FIELD_SCHEMA = {
    "first_published": {"type": "date", "description": "When the record was first published (from its history)."},
    "last_updated": {"type": "date", "description": "When the record was last changed (from its history)."},
    "page_url": {"type": "string", "format": "uri", "description": "Where the site shows it."},
}


@dataclass(frozen=True)
class Item:
    """A record as its kind's page shows it."""

    record: Provenanced
    path: Path  # its file in data/
    anchor: str  # its HTML id on the page
    dates: Dates
    sources: tuple[tuple[SourceFile, str, str], ...]  # published source files, their URLs and download names


def generic_kinds() -> list[Kind]:
    """The kinds this module publishes: those whose section names no generator of its own."""
    return [kind for kind in kinds().values() if kind.section and kind.section.generator == __name__]


def is_register(kind: Kind) -> bool:
    return bool(kind.entry_key)


def anchor_of(kind: Kind, record: Provenanced) -> str:
    """A record's HTML id on its kind's page: the anchor the duty checker links to (its claims')."""
    if is_register(kind):
        return record_anchor(record)
    claims = kind.claims_of(record)
    return next((c.anchor for c in claims if c.anchor), slugify(getattr(record, "title", "") or kind.name))


def root_of(kind: Kind) -> str:
    """The site root relative to the kind's page (``registers/gifts-and-hospitality/`` -> ``../../``)."""
    return "../" * (kind.section.path.count("/") + 1)


def items(ctx: BuildContext, kind: Kind) -> list[Item]:
    files = public_files(ctx)
    found = []
    for path, record in ctx.public.records.get(kind.name, []):
        dates = record_dates(ctx.history, path, record.published, kind.name)
        sources = () if record.withheld else tuple(
            (source, url_of(files[source.sha256]), download_name(getattr(record, "title", None), source.filename))
            for source in record.sources
            if source.sha256 in files and source.media_type == "application/pdf")
        found.append(Item(record, path, anchor_of(kind, record), dates, sources))
    return sorted(found, key=lambda item: _order(kind, item))


def _order(kind: Kind, item: Item) -> tuple:
    """Newest first where a record is dated; documents by the Order's order of the duty they meet."""
    record = item.record
    if kind.name == "document":
        return (_duty_rank(record.duties[0]), record.title)
    day = next((getattr(record, name) for name in ("date", "as_at", "term_start") if getattr(record, name, None)), None)
    period = getattr(record, "period", None)
    stamp = day.toordinal() if day else period.start.toordinal() if period else 0
    return (-stamp, getattr(record, "title", "") or "")


@cache
def _duty_ranks() -> dict[str, int]:
    from opcc.checks.duties import all_duties

    return {duty.id: rank for rank, duty in enumerate(all_duties())}


def _duty_rank(duty: str) -> int:
    return _duty_ranks().get(duty, len(_duty_ranks()))


def downloads_of(kind: Kind) -> list[tuple[str, str]]:
    """(label, path under the site root) of the kind's downloads."""
    if not kind.downloads:
        return []
    return [("CSV", f"{DOWNLOADS}/{kind.name}.csv"), ("JSON", f"{DOWNLOADS}/{kind.name}.json")]


def generate(ctx: BuildContext, kind: Kind) -> None:
    """The kind's page; written even with no records, so that the class pages can say so."""
    from opcc.checks.duties import all_duties

    section = kind.section
    root = root_of(kind)
    found = items(ctx, kind)
    ctx.write_page(
        f"{section.path}/index.md", f"registers/{kind.name}.md", title=section.title,
        meta={"search": {"filters": {"type": "Register"}}},
        updated=max((i.dates.last_updated for i in found if i.dates.last_updated), default=None),
        section=section, kind=kind, items=found, root=root, downloads=downloads_of(kind),
        duties={duty.id: duty for duty in all_duties()},
        entry_anchor=lambda entry: entry_anchor(entry, kind.entry_key),
    )


# -- downloads -----------------------------------------------------------------------------------

def entry_model(kind: Kind) -> type[BaseModel]:
    """The model of a register's entries (``entries: list[GiftOffer]`` -> ``GiftOffer``)."""
    return typing.get_args(kind.model.model_fields["entries"].annotation)[0]


def columns_of(kind: Kind) -> list[str]:
    if is_register(kind):
        return ["register", *entry_model(kind).model_fields, *PAGE_FIELDS]
    return [name for name in kind.model.model_fields if name not in INTERNAL_FIELDS] + PAGE_FIELDS


def schema_of(kind: Kind) -> dict:
    extra = {**PAGE_FIELD_SCHEMA, "register": {"type": "string", "description": "The register's title."}}
    model = entry_model(kind) if is_register(kind) else kind.model
    return table_schema(model, columns_of(kind), extra)


def rows_of(ctx: BuildContext, kind: Kind, found: list[Item]) -> list[dict]:
    """One row per entry of a register (each entry dated by its register), else one per record."""
    site = site_url(ctx)
    rows = []
    for item in found:
        page = {"first_published": item.dates.first_published, "last_updated": item.dates.last_updated,
                "page_url": f"{site}{kind.section.path}/#{item.anchor}"}
        page = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in page.items()}
        data = item.record.model_dump(mode="json", exclude=INTERNAL_FIELDS)
        if is_register(kind):
            rows += [{"register": data["title"], **entry, **page} for entry in data["entries"]]
        else:
            rows.append({**data, **page})
    return rows


def publish(ctx: BuildContext, kind: Kind) -> list[dict]:
    """Copy the published source files; write the kind's downloads and exports; their resources."""
    found = items(ctx, kind)
    for item in found:
        for source, *_ in item.sources:
            publish_file(ctx, public_files(ctx)[source.sha256])
    if not kind.downloads:
        return []
    columns, rows = columns_of(kind), rows_of(ctx, kind, found)
    csv_path, json_path = (path for _, path in downloads_of(kind))
    ctx.write_file(csv_path, records_csv(columns, rows))
    ctx.write_file(json_path, json.dumps(rows, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    resources = [
        {"name": f"register-{kind.name.replace('_', '-')}", "path": csv_path, "profile": "tabular-data-resource",
         "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "title": kind.title,
         "description": CSV_NOTE, "schema": schema_of(kind), "licenses": [OGL]},
        {"name": f"register-{kind.name.replace('_', '-')}-json", "path": json_path, "format": "json",
         "mediatype": "application/json", "title": f"{kind.title} (JSON)", "licenses": [OGL]},
    ]
    for export in kind.exports:
        resources += resolve(export)(ctx, [item.record for item in found])
    return resources
