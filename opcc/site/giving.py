"""The crime and disorder reduction grants in the 360Giving data standard
(``site/data/registers/grants-360giving.csv`` and ``.json``), so that grant-makers' data can be
compared and joined (https://standard.threesixtygiving.org/).

Each grant is identified as ``<prefix>-<reference>``: the prefix is ``360G-`` and the body's
org-id (``body.org_id`` in opcc.yml, e.g. ``GB-GOR-...``) when it has one, else its name as a
slug. A recipient is identified by its charity (``GB-CHC-``) or company (``GB-COH-``) number, or
else, as the standard allows, under the funder's prefix by its name.
"""

from __future__ import annotations

import json

from opcc.core.text import slugify
from opcc.site.context import BuildContext
from opcc.site.csv_cells import NOTE as CSV_NOTE
from opcc.site.opendata import records_csv

GIVING_CSV = "data/registers/grants-360giving.csv"
GIVING_JSON = "data/registers/grants-360giving.json"
COLUMNS = [
    "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
    "Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:Charity Number", "Recipient Org:Company Number",
    "Funding Org:Identifier", "Funding Org:Name", "Planned Dates:Start Date", "Planned Dates:End Date",
    "Grant Programme:Title", "Conditions", "Crime and Disorder Reduction Reasons",
]


def prefix(ctx: BuildContext) -> str:
    return f"360G-{ctx.settings.body.org_id or slugify(ctx.settings.body.name)}"


def _recipient_id(grant, funder_prefix: str) -> str:
    if grant.recipient_charity_number:
        return f"GB-CHC-{grant.recipient_charity_number}"
    if grant.recipient_company_number:
        return f"GB-COH-{grant.recipient_company_number}"
    return f"{funder_prefix}-{slugify(grant.recipient)}"


def rows(ctx: BuildContext, registers: list) -> list[dict]:
    funder = ctx.settings.body
    start = prefix(ctx)
    found = []
    for register in registers:
        for grant in getattr(register, "entries", []):
            found.append({
                "Identifier": f"{start}-{slugify(grant.reference or f'{grant.date}-{grant.recipient}-{grant.amount}')}",
                "Title": grant.purpose,
                "Description": grant.purpose,
                "Currency": "GBP",
                "Amount Awarded": f"{grant.amount:.2f}",
                "Award Date": grant.date.isoformat(),
                "Recipient Org:Identifier": _recipient_id(grant, start),
                "Recipient Org:Name": grant.recipient,
                "Recipient Org:Charity Number": grant.recipient_charity_number or "",
                "Recipient Org:Company Number": grant.recipient_company_number or "",
                "Funding Org:Identifier": funder.org_id or start,
                "Funding Org:Name": funder.name,
                "Planned Dates:Start Date": grant.start.isoformat() if grant.start else "",
                "Planned Dates:End Date": grant.end.isoformat() if grant.end else "",
                "Grant Programme:Title": register.title,
                "Conditions": grant.conditions or "",
                "Crime and Disorder Reduction Reasons": grant.reasons or "",
            })
    return found


def publish(ctx: BuildContext, registers: list) -> list[dict]:
    """Write the 360Giving files; their Data Package resources."""
    found = rows(ctx, registers)
    ctx.write_file(GIVING_CSV, records_csv(COLUMNS, found))
    ctx.write_file(GIVING_JSON, json.dumps({"grants": found}, ensure_ascii=False, indent=1) + "\n")
    return [
        {"name": "grants-360giving", "path": GIVING_CSV, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "title": "Crime and disorder reduction grants (360Giving data standard)", "description": CSV_NOTE,
         "schema": {"fields": [{"name": name, "type": "number" if name == "Amount Awarded" else "string"}
                               for name in COLUMNS], "missingValues": [""]}},
        {"name": "grants-360giving-json", "path": GIVING_JSON, "format": "json", "mediatype": "application/json",
         "title": "Crime and disorder reduction grants (360Giving JSON)"},
    ]
