"""Papers to the Police and Crime Panel: a page per paper, each item linked to the payment it names.

A panel officer selects payments for scrutiny; this page shows, for each item a paper
lists, the published payment it is (:class:`opcc.scrutiny.match.PaymentIndex`: same
amount, date within a few days, a like supplier) with a link to that payment's own
address, ``spend/explorer/?id=<payment id>``. An item that could be more than one
payment, or whose supplier is only like the payee's, is shown as awaiting a person's
check with the possible payments, never linked as if it were certain.

The way back: :func:`write_refs` writes ``data/spend/explorer/refs.json``, what refers
to each payment (the papers that scrutinised it) and to each supplier (the decisions
naming it), which the explorer shows on a payment's own view; supplier pages list the
papers that scrutinised a payment to them (:func:`scrutinised`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from opcc.core.files import atomic_write_text
from opcc.core.kinds.panel_report import PanelItem, PanelReport
from opcc.core.text import slugify
from opcc.scrutiny.match import Match, Mentions, PaymentIndex
from opcc.site.context import BuildContext
from opcc.site.explorer import EXPLORER_DIR
from opcc.site.sources import download_name, public_files, publish_file, url_of

FOLDER = "spend/panel"
REFS = f"{EXPLORER_DIR}/refs.json"


@dataclass
class MatchedItem:
    item: PanelItem
    match: Match
    explorer: str  # the explorer searching for the item (relative to the paper's page)

    @property
    def payment(self) -> dict | None:
        return self.match.payment

    @property
    def permalink(self) -> str | None:
        """The payment's own address, relative to the paper's page, when the item is matched."""
        return f"../../explorer/?id={self.payment['payment_id']}" if self.payment else None

    @property
    def candidates_link(self) -> str | None:
        """The explorer showing the payments the item could be, when it is unsure."""
        ids = [c.payment["payment_id"] for c in self.match.candidates]
        return "../../explorer/?" + urlencode({"id": ",".join(ids)}) if ids else None


def page_path(report: PanelReport) -> str:
    stem = "-".join(p for p in [report.date and report.date.isoformat(), slugify(report.title or "")] if p)
    return f"{FOLDER}/{stem or 'untitled'}.md"


def page_url(report: PanelReport) -> str:
    """The paper's page relative to the site root (``use_directory_urls``)."""
    return page_path(report).removesuffix(".md") + "/"


def _explorer_search(item: PanelItem) -> str:
    query = {"supplier": item.supplier or "", "min": item.amount, "max": item.amount}
    if item.date:
        query.update({"from": item.date.isoformat(), "to": item.date.isoformat()})
    return "../../explorer/?" + urlencode({k: str(v) for k, v in query.items() if v not in (None, "")})


_matched: tuple[pd.DataFrame, list[tuple[PanelReport, list[MatchedItem]]]] | None = None


def matched(ctx: BuildContext) -> list[tuple[PanelReport, list[MatchedItem]]]:
    """Every published paper with its items matched, once per build (pages and spend pages both need them)."""
    global _matched
    if _matched is None or _matched[0] is not ctx.public.spend:
        # Indexing a million payments by amount takes a second: only when there is a paper to match.
        index = PaymentIndex(ctx.public.spend if ctx.public.panel_reports else ctx.public.spend.iloc[:0])
        _matched = (ctx.public.spend, [
            (report, [MatchedItem(item, index.match(item.supplier, item.amount, item.date), _explorer_search(item))
                      for item in report.items])
            for report in ctx.public.panel_reports
        ])
    return _matched[1]


def scrutinised(ctx: BuildContext) -> dict[str, list[PanelReport]]:
    """Supplier name (as published) -> the papers that scrutinised a payment to it, by date."""
    found: dict[str, list[PanelReport]] = {}
    for report, items in matched(ctx):
        for m in items:
            if m.payment and report not in found.setdefault(m.payment["supplier"], []):
                found[m.payment["supplier"]].append(report)
    return found


def generate(ctx: BuildContext) -> list[tuple[PanelReport, str]]:
    """Write a page per panel paper; returns each paper with its page's path (for the class page's links)."""
    written = []
    for report, items in matched(ctx):
        path = page_path(report)
        files = public_files(ctx)
        title = report.title or "Paper to the Police and Crime Panel"
        sources = [(source, url_of(files[source.sha256]), download_name(title, source.filename))
                   for source in report.sources if source.sha256 in files]
        ctx.write_page(path, "panel/report.md", title=title, meta={"search": {"filters": {"type": "Panel paper"}}},
                       report=report, items=items, sources=sources, root="../../../")
        written.append((report, path))
    return written


def write_refs(ctx: BuildContext, decision_urls: dict[str, str]) -> list[str]:
    """``refs.json``: ``{"payments": {id: [paper]}, "suppliers": {name: [decision]}}``, each reference
    ``{"title", "date", "url"}`` with the url relative to the site root. ``decision_urls`` maps a
    decision's reference to its page."""
    payments: dict[str, list[dict]] = {}
    for report, items in matched(ctx):
        for m in items:
            if m.payment:
                payments.setdefault(m.payment["payment_id"], []).append(
                    {"title": report.title or "Paper to the Police and Crime Panel",
                     "date": report.date.isoformat() if report.date else None, "url": page_url(report)})
    published = [d for d in ctx.public.decisions if not d.withheld and d.reference in decision_urls]
    mentions = Mentions(published)
    suppliers = {}
    for name in sorted(set(ctx.public.spend["supplier"].dropna()) - set(ctx.public.spend.loc[
            ctx.public.spend["redacted"].astype(bool), "supplier"].dropna())):
        if naming := mentions.naming(name):
            suppliers[name] = [{"title": f"{d.reference}: {d.title or 'Decision'}",
                                "date": d.decision_date.isoformat() if d.decision_date else None,
                                "url": decision_urls[d.reference]} for d in naming]
    atomic_write_text(ctx.site_dir / REFS, json.dumps({"payments": payments, "suppliers": suppliers},
                                                      ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    return [REFS]


def publish(ctx: BuildContext) -> None:
    """After MkDocs: the papers' public source files into the site."""
    files = public_files(ctx)
    for report in ctx.public.panel_reports:
        for source in report.sources:
            if source.sha256 in files:
                publish_file(ctx, files[source.sha256])
