"""Open data: the decisions as CSV and JSON, ``datapackage.json`` and the dataset pages.

Table Schemas are derived from the record model, so a new field in ``opcc.core.model`` reaches
the downloads and their schemas without code here. ``site/datapackage.json`` (at the site
root, so every path in it is the file's path in the site) lists the decision files and the
resources each other module declares for its own files: the spend module's ``resources(ctx)``,
passed in by the build.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import types
import typing
from decimal import Decimal

from markupsafe import Markup
from pydantic import BaseModel

from opcc.core.kinds.decision import Decision
from opcc.site.context import BuildContext
from opcc.site.csv_cells import NOTE as CSV_NOTE
from opcc.site.csv_cells import neutralise
from opcc.site.decisions import Entry

OGL = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}

# A list or a mapping in one CSV cell, flat, so that a spreadsheet shows it as text a person
# reads (the JSON download keeps the structure): items joined by "; ", an item's fields by ", ",
# and lists within those by " / " and then " | " (a cost table's rows, then its cells).
SEPARATORS = ("; ", ", ", " / ", " | ")
FLAT_NOTE = ("Items joined with '; ', each item's fields with ', ' (named 'field: value'), lists within them "
             "with ' / ' and then ' | '; the JSON download holds the same as lists.")


# Record fields that are the ingest workflow's business, not the public's.
INTERNAL_FIELDS = {"kind", "sources", "provenance", "review", "reviewed"}
DECISION_COLUMNS = [name for name in Decision.model_fields if name not in INTERNAL_FIELDS] + [
    "withheld", "page_url", "source_sha256",
]
EXTRA_FIELDS = {
    "withheld": {"type": "boolean", "description": "Exempt from publication: only the stub is published."},
    "page_url": {"type": "string", "format": "uri", "description": "The decision's page on this site."},
    "source_sha256": {"type": "string", "description": "SHA-256 of each published source document, ';'-separated."},
}


# -- Table Schema from the model ------------------------------------------------------------

def _field_type(annotation: object) -> dict:
    """A Table Schema type for a model field; lists and mappings are written as JSON text."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _field_type(args[0])
    if typing.get_origin(annotation) is typing.Literal:
        return {"type": "string", "constraints": {"enum": [str(a) for a in typing.get_args(annotation)]}}
    if typing.get_origin(annotation) in (list, dict):
        return {"type": "string", "description": FLAT_NOTE}
    return {
        bool: {"type": "boolean"}, int: {"type": "integer"}, float: {"type": "number"},
        Decimal: {"type": "number"}, dt.date: {"type": "date"},
    }.get(annotation, {"type": "string"})


def table_schema(model: type[BaseModel], columns: list[str], extra: dict | None = None) -> dict:
    fields = []
    for name in columns:
        info = model.model_fields.get(name)
        spec = (extra or {}).get(name) or _field_type(info.annotation)
        if info is not None and info.description:
            spec = {**spec, "description": " ".join(filter(None, [info.description, spec.get("description")]))}
        fields.append({"name": name, **spec})
    return {"fields": fields, "missingValues": [""]}


DECISION_SCHEMA = table_schema(Decision, DECISION_COLUMNS, EXTRA_FIELDS)


def site_url(ctx: BuildContext) -> str:
    """The site's address with exactly one trailing slash, to join page paths to."""
    return ctx.settings.site.url.rstrip("/") + "/"


# -- the decision downloads --------------------------------------------------------------------

def _cell(value: object, depth: int = 0) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    separator = SEPARATORS[min(depth, len(SEPARATORS) - 1)]
    if isinstance(value, dict):
        return separator.join(f"{key}: {_cell(item, depth + 1)}" for key, item in value.items()
                              if item not in (None, "", [], {}))
    if isinstance(value, list):
        return separator.join(_cell(item, depth + 1) for item in value)
    return str(value)


def decision_row(entry: Entry, site_url: str) -> dict:
    """One decision as the downloads give it: the gated record's public fields plus links."""
    record = entry.decision.model_dump(mode="json", exclude=INTERNAL_FIELDS)
    record["topics"] = list(entry.topics)
    sources = [] if entry.decision.withheld else [s.sha256 for s in entry.decision.sources]
    return {
        **record,
        "withheld": entry.decision.withheld,
        "page_url": site_url + entry.url,
        "source_sha256": ";".join(sources),
    }


def records_csv(columns: list[str], rows: list[dict]) -> str:
    """Rows as CSV, every cell safe to open in a spreadsheet (opcc.site.csv_cells)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([neutralise(_cell(row.get(c))) for c in columns] for row in rows)
    return out.getvalue()


def decisions_csv(rows: list[dict]) -> str:
    return records_csv(DECISION_COLUMNS, rows)


# -- schema.org and the data package -----------------------------------------------------------

def dataset_jsonld(ctx: BuildContext, name: str, description: str, downloads: list[tuple[str, str]],
                   temporal: str | None = None) -> dict:
    """schema.org ``Dataset`` for a dataset page; ``downloads`` are (path under site/, media type)."""
    site = site_url(ctx)
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": name,
        "description": description,
        "license": OGL["path"],
        "creator": {"@type": "GovernmentOrganization", "name": ctx.settings.body.name},
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media, "contentUrl": site + path} for path, media in downloads
        ],
    }
    if temporal:
        data["temporalCoverage"] = temporal
    return data


def jsonld(data: dict) -> Markup:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` escaped so that
    no value can close the script element. A Jinja filter."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


DECISION_RESOURCES = [
    {"name": "decisions", "path": "data/decisions.csv", "profile": "tabular-data-resource", "format": "csv",
     "mediatype": "text/csv", "encoding": "utf-8", "title": "Decisions", "description": CSV_NOTE,
     "schema": DECISION_SCHEMA},
    {"name": "decisions-json", "path": "data/decisions.json", "format": "json", "mediatype": "application/json",
     "title": "Decisions (JSON)"},
]


def datapackage(ctx: BuildContext, resources: list[dict]) -> dict:
    return {
        "profile": "data-package",
        "name": ctx.settings.body.slug + "-open-data",
        "title": ctx.settings.site.title,
        "homepage": site_url(ctx),
        "licenses": [OGL],
        "resources": DECISION_RESOURCES + resources,
    }


# -- the build's two steps -----------------------------------------------------------------------

def generate(ctx: BuildContext, entries: list[Entry]) -> None:
    """The open data pages: the index of datasets and the decisions dataset page."""
    dates = sorted(e.decision.decision_date for e in entries if e.decision.decision_date)
    decisions_ld = dataset_jsonld(
        ctx, f"Decisions of {ctx.settings.body.name}",
        "Every decision of significant public interest in the register, one row each; "
        "decisions exempt from publication appear as stubs.",
        [("data/decisions.csv", "text/csv"), ("data/decisions.json", "application/json")],
        f"{dates[0].isoformat()}/{dates[-1].isoformat()}" if dates else None,
    )
    ctx.write_page("open-data/index.md", "opendata/index.md", title="Open data",
                   licence=OGL, spend_section=(ctx.docs_dir / "spend" / "index.md").exists())
    ctx.write_page("open-data/decisions.md", "opendata/decisions.md", title="Decisions dataset",
                   meta={"search": {"filters": {"type": "Dataset"}}},
                   dataset=decisions_ld, schema=DECISION_SCHEMA, count=len(entries), licence=OGL)


def publish(ctx: BuildContext, entries: list[Entry], resources: list[dict]) -> None:
    """Write the decision downloads and ``datapackage.json``, listing them and ``resources``
    (other modules' files, paths relative to the site root)."""
    rows = [decision_row(e, site_url(ctx)) for e in entries]
    ctx.write_file("data/decisions.csv", decisions_csv(rows))
    ctx.write_file("data/decisions.json", json.dumps(rows, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    package = datapackage(ctx, resources)
    ctx.write_file("datapackage.json", json.dumps(package, ensure_ascii=False, indent=1) + "\n")
