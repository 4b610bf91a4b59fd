"""Papers to the Police and Crime Panel: a page per paper, each item matched to the payment it names.

A panel officer selects payments for scrutiny; this page shows, for each item a paper
lists, the published payment it refers to (same supplier, amount and date) with links
to its month and to the explorer filtered to it, so the figures can be checked at source.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from opcc.core.kinds.panel_report import PanelItem, PanelReport
from opcc.core.text import comparable, slugify
from opcc.site.context import BuildContext
from opcc.site.sources import download_name, public_files, publish_file, url_of

FOLDER = "spend/panel"


@dataclass
class MatchedItem:
    item: PanelItem
    month: str | None  # YYYY-MM of the matching published payment, if there is one
    transaction_id: str | None
    explorer: str  # a link to the explorer showing the payment (relative to the paper's page)


def page_path(report: PanelReport) -> str:
    stem = "-".join(p for p in [report.date and report.date.isoformat(), slugify(report.title or "")] if p)
    return f"{FOLDER}/{stem or 'untitled'}.md"


def match(item: PanelItem, spend: pd.DataFrame) -> MatchedItem:
    """The published payment a paper's item refers to: same amount and supplier, and date where given."""
    query = {"supplier": item.supplier or "", "min": item.amount, "max": item.amount}
    if item.date:
        query.update({"from": item.date.isoformat(), "to": item.date.isoformat()})
    explorer = "../../explorer/?" + urlencode({k: str(v) for k, v in query.items() if v not in (None, "")})
    if item.amount is None or spend.empty:
        return MatchedItem(item, None, None, explorer)
    candidates = spend[spend["amount"] == f"{item.amount:.2f}"]
    candidates = candidates[candidates["supplier"].map(comparable) == comparable(item.supplier)]
    if item.date:
        candidates = candidates[candidates["date"].astype(str) == item.date.isoformat()]
    if len(candidates) != 1:
        return MatchedItem(item, None, None, explorer)
    row = candidates.iloc[0]
    return MatchedItem(item, str(row["date"])[:7], row["transaction_id"], explorer)


def generate(ctx: BuildContext) -> list[tuple[PanelReport, str]]:
    """Write a page per panel paper; returns each paper with its page's path (for the class page's links)."""
    written = []
    for report in ctx.public.panel_reports:
        path = page_path(report)
        items = [match(item, ctx.public.spend) for item in report.items]
        files = public_files(ctx)
        title = report.title or "Paper to the Police and Crime Panel"
        sources = [(source, url_of(files[source.sha256]), download_name(title, source.filename))
                   for source in report.sources if source.sha256 in files]
        ctx.write_page(path, "panel/report.md", title=title, meta={"search": {"filters": {"type": "Panel paper"}}},
                       report=report, items=items, sources=sources, root="../../../")
        written.append((report, path))
    return written


def publish(ctx: BuildContext) -> None:
    """After MkDocs: the papers' public source files into the site."""
    files = public_files(ctx)
    for report in ctx.public.panel_reports:
        for source in report.sources:
            if source.sha256 in files:
                publish_file(ctx, files[source.sha256])
