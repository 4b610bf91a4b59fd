"""Papers to the Police and Crime Panel on items of expenditure its officers selected for scrutiny."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Literal

from opcc.core.model import Money, Provenanced, Record
from opcc.core.registry import Kind, Section
from opcc.core.text import slugify


class PanelItem(Record):
    supplier: str | None
    amount: Money | None
    date: dt.date | None = None
    description: str | None = None
    narrative: str | None = None
    """The paper's explanation of the item: its paragraphs, joined."""


class PanelReport(Provenanced):
    """A paper to the Police and Crime Panel listing items of expenditure selected for scrutiny."""

    kind: Literal["panel_report"] = "panel_report"
    title: str | None = None
    body: str | None = None
    date: dt.date | None = None
    author: str | None = None
    recipient: str | None = None
    """Whom the paper is addressed to (the Panel, as printed)."""
    meeting: dt.date | None = None
    """The date of the Panel meeting the paper is for, when it prints one."""
    items: list[PanelItem] = []


def relpath(record: PanelReport, default_body: str) -> PurePosixPath:
    """``<body>/<year>/<date>-<title>.yaml``."""
    year = str(record.date.year) if record.date else "undated"
    stem = "-".join(part for part in [record.date and record.date.isoformat(), slugify(record.title or "")] if part)
    return PurePosixPath(slugify(record.body or default_body), year, f"{stem or record.sources[0].sha256[:12]}.yaml")


KIND = Kind(
    name="panel_report",
    title="Papers to the Police and Crime Panel",
    model=PanelReport,
    folder="panel_reports",
    sources=("pdf",),
    relpath=relpath,
    parser="ingest.panel:parse_panel_report",
    recognise="ingest.detect:is_panel_paper",
    personal_fields=("title", "items"),
    payee_fields=("supplier",),
    section=Section("spend/panel", "Panel scrutiny", generator="opcc.site.panel"),
    merges=True,
)
