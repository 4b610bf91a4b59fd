"""The spend part of the site: what the site core calls.

    generate(ctx)   before MkDocs: the Markdown pages (landing, months, suppliers, explorer)
    publish(ctx)    after MkDocs: the long payment tables into the built pages, the
                    downloads and the explorer's shards under site/data/spend/
    resources(ctx)  the Data Package resources for datapackage.json (paths under site/)

Pages (``use_directory_urls``):

    spend/                          the landing page: totals, charts, biggest payments and suppliers
    spend/months/<YYYY-MM>/         one page per month
    spend/suppliers/<slug>/         one page per named supplier (never for a redaction label)
    spend/explorer/                 the explorer (docs/assets/spend/explorer.js)

Everything is built from ``ctx.public.spend``: the rows through the publication gate.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from opcc.core.kinds.expenditure import SPEND_COLUMNS
from opcc.site import explorer, panel, spend_downloads, spend_tables
from opcc.site.charts import column_chart, row_chart
from opcc.site.context import BuildContext
from opcc.site.dates import record_dates
from opcc.site.sources import public_files, publish_file, url_of
from opcc.site.spend_frame import UNDATED, SpendFrame, date_words, financial_year, money, month_name
from opcc.spend_data import body_dir, describe_ledger, month_path

LANDING = "spend/index.md"  # the class page what-we-spend/ (site core) links here
BIGGEST = 25  # rows in the biggest payments and biggest suppliers tables
TYPES_CHARTED = 15  # expense types drawn in the chart; the rest are summed as "All other types"

_prepared: tuple[pd.DataFrame, SpendFrame] | None = None


def prepared(ctx: BuildContext) -> SpendFrame:
    """The rows made ready once per build (generate and publish both need them)."""
    global _prepared
    if _prepared is None or _prepared[0] is not ctx.public.spend:
        _prepared = (ctx.public.spend, SpendFrame.prepare(ctx.public.spend))
    return _prepared[1]


def _rows_of(spend: SpendFrame, column: str) -> dict[str, object]:
    return spend.rows.groupby(column, sort=True).indices


def generate(ctx: BuildContext) -> None:
    spend = prepared(ctx)
    _landing(ctx, spend)
    _explorer_page(ctx, spend)
    months = spend.months
    month_rows = _rows_of(spend, "month")
    for i, month in enumerate(months):
        rows = spend.rows.iloc[month_rows[month]]
        by_type = spend.totals_by("expense_type", rows)
        explorer_query = {} if month == UNDATED else {"from": f"{month}-01", "to": _month_end(month)}
        by_body = spend.totals_by("spending_body", rows)
        ctx.write_page(
            f"spend/months/{month}.md", "spend/month.md",
            title=f"Spend in {month_name(month)}" if month != UNDATED else "Undated payments",
            meta={"search": {"filters": {"type": "Spend"}, "sort": {"date": f"{month}-01" if month != UNDATED else ""}}},
            root="../../../", month=month, name=month_name(month), count=len(rows), total=money(spend.total(rows)),
            previous=_neighbour(months, i - 1), next=_neighbour(months, i + 1),
            by_type=[(t, None, int(n), money(p)) for t, n, p in by_type.itertuples(index=False)],
            by_body=[(b, None, int(n), money(p)) for b, n, p in by_body.itertuples(index=False)],
            returns=_returns(ctx, month),
            dates=record_dates(ctx.history, month_path(body_dir(ctx.settings.data_dir, ctx.settings.body.slug),
                                                       None if month == UNDATED else month), details=False),
            explorer_query=urlencode(explorer_query),
            sources=_reconciliation(ctx, month),
        )
    supplier_rows = _rows_of(spend, "supplier")
    scrutinised = panel.scrutinised(ctx)
    shard_of = explorer.supplier_shards(spend)
    for name, slug in spend.supplier_slugs.items():
        rows = spend.rows.iloc[supplier_rows[name]]
        by_year = spend.totals_by("fy", rows).sort_values("fy", kind="mergesort")
        dated = rows["iso"].dropna()
        ctx.write_page(
            f"spend/suppliers/{slug}.md", "spend/supplier.md",
            title=name, meta={"search": {"filters": {"type": "Supplier"}}},
            root="../../../", count=len(rows), total=money(spend.total(rows)),
            first=dated.min() if len(dated) else None, last=dated.max() if len(dated) else None,
            first_words=date_words(dated.min()) if len(dated) else "", last_words=date_words(dated.max()) if len(dated) else "",
            year_chart=row_chart(f"chart-{slug}", f"Payments to {name} by financial year",
                                    [(y, int(p), money(p)) for y, _, p in by_year.itertuples(index=False)]),
            by_year=[(y, f"#fy-{y.replace('/', '-')}", int(n), money(p)) for y, n, p in by_year.itertuples(index=False)],
            explorer_query=urlencode({"supplier": name}),
            shard=f"s/{shard_of[name]}.bin",
            scrutinised=[{"title": report.title, "url": panel.page_url(report),
                          "date": f"{report.date.day} {report.date:%B %Y}" if report.date else "an undated paper"}
                         for report in scrutinised.get(name, [])],
        )


def _returns(ctx: BuildContext, month: str) -> list:
    """Each spending body's return for the month as the duty checker judged it (3(g)): who, when
    first published, and whether in time."""
    spend = next((r for r in ctx.duties if r.duty.id == "spend.over_500"), None)
    return [o for o in spend.obligations if o.period and o.period.text == month] if spend else []
def _reconciliation(ctx: BuildContext, month: str) -> list[dict]:
    """The source files with rows in a month, each with its rows accounted for and its printed total checked,
    and the link to its published copy (see :func:`published_source`)."""
    return [
        {
            "filename": entry["filename"],
            "url": url_of(published_source(ctx, entry)) if published_source(ctx, entry) else None,
            "ledger": describe_ledger(entry),
            "total": money(int(Decimal(entry["printed_total"]) * 100)) if entry["printed_total"] else None,
            "sum": money(int(Decimal(entry["rows_sum"]) * 100)),
            "reconciled": entry["reconciled"],
            "review": len(entry["review"]),
        }
        for entry in ctx.public.spend_sources
        if month in entry["months"]
    ]


def published_source(ctx: BuildContext, entry: dict) -> Path | None:
    """The public copy of a spend source to link: a PDF's clean copy. None for a source the gate kept
    private (a payee's name removed from it), and for a CSV or workbook, whose cells are the publisher's
    as they were (a formula among them would run in a spreadsheet): its rows are in the month's CSV."""
    path = public_files(ctx).get(entry["source"])
    return path if path is not None and path.suffix == ".pdf" else None


def _month_end(month: str) -> str:
    end = pd.Timestamp(f"{month}-01") + pd.offsets.MonthEnd(0)
    return end.date().isoformat()


def _neighbour(months: list[str], i: int) -> dict | None:
    if 0 <= i < len(months) and months[i] != UNDATED:
        return {"month": months[i], "name": month_name(months[i])}
    return None


def _landing(ctx: BuildContext, spend: SpendFrame) -> None:
    rows = spend.rows
    by_month = spend.totals_by("month").sort_values("month", kind="mergesort")
    by_type = spend.totals_by("expense_type")
    charted = [(t, int(p), money(p)) for t, _, p in by_type.head(TYPES_CHARTED).itertuples(index=False)]
    if len(by_type) > TYPES_CHARTED:
        rest = int(by_type["pence"].iloc[TYPES_CHARTED:].sum())
        charted.append(("All other types", rest, money(rest)))
    named = rows[rows["supplier"].isin(spend.supplier_slugs.keys())]
    suppliers = spend.totals_by("supplier", named).head(BIGGEST)
    biggest = rows.dropna(subset=["pence"]).sort_values("pence", ascending=False, kind="mergesort").head(BIGGEST)
    months_by_year: dict[str, list[dict]] = {}
    for month, _, pence in by_month.itertuples(index=False):
        months_by_year.setdefault(financial_year(month), []).append(
            {"month": month, "name": month_name(month), "total": money(pence)})
    dated = rows["iso"].dropna()
    first, last = (dated.iloc[0], dated.iloc[-1]) if len(dated) else (None, None)
    ctx.write_page(
        LANDING, "spend/index.md", title="Payments over £500",
        meta={"search": {"filters": {"type": "Spend"}}},
        root="../", count=len(rows), total=money(spend.total()), first=first, last=last,
        first_words=date_words(first), last_words=date_words(last),
        month_chart=column_chart("chart-months", "Spend per month",
                                 [(m, int(p), money(p)) for m, _, p in by_month.itertuples(index=False) if m != UNDATED]),
        by_month=[(month_name(m), f"../spend/months/{m}/", int(n), money(p))
                  for m, n, p in by_month.itertuples(index=False)],
        type_chart=row_chart("chart-types", "Spend by expense type", charted),
        by_type=[(t, None, int(n), money(p)) for t, n, p in by_type.itertuples(index=False)],
        biggest_suppliers=[(s, f"../spend/suppliers/{spend.supplier_slugs[s]}/", int(n), money(p))
                           for s, n, p in suppliers.itertuples(index=False)],
        biggest_payments=[
            {"date": r.iso or "undated", "date_words": date_words(r.iso), "month": r.month, "supplier": r.supplier or "—",
             "slug": spend.supplier_slugs.get(r.supplier), "expense_type": r.expense_type or "",
             "description": r.description or "", "amount": money(r.pence)}
            for r in biggest.itertuples(index=False)
        ],
        months_by_year=sorted(months_by_year.items(), key=lambda item: (item[0] == UNDATED, item[0]), reverse=True),
        columns=SPEND_COLUMNS, lga_columns=[name for name, _ in spend_downloads.LGA_COLUMNS],
        dataset=_dataset(ctx, first, last),
    )


def _dataset(ctx: BuildContext, first: str | None, last: str | None) -> dict:
    """schema.org Dataset for search engines and data catalogues."""
    base = ctx.settings.site.url.rstrip("/") + "/"
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{ctx.settings.body.name}: payments over £500",
        "description": "Every item of expenditure over £500, as the Elected Local Policing Bodies "
                       "(Specified Information) Order 2011 requires, one row per payment.",
        "url": f"{base}spend/",
        "license": spend_downloads.LICENCE["path"],
        "creator": {"@type": "GovernmentOrganization", "name": ctx.settings.body.name},
        "temporalCoverage": f"{first}/{last}" if first and last else None,
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": f"{base}data/spend/spend.csv"},
            {"@type": "DataDownload", "encodingFormat": "application/gzip", "contentUrl": f"{base}data/spend/spend.csv.gz"},
            {"@type": "DataDownload", "encodingFormat": "application/gzip",
             "contentUrl": f"{base}data/spend/spend.json.gz"},
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": f"{base}data/spend/spend-lga.csv"},
            {"@type": "DataDownload", "encodingFormat": "application/gzip",
             "contentUrl": f"{base}data/spend/spend-lga.csv.gz"},
            {"@type": "DataDownload", "encodingFormat": "application/vnd.apache.parquet",
             "contentUrl": f"{base}data/spend/spend.parquet"},
        ],
    }


def _explorer_page(ctx: BuildContext, spend: SpendFrame) -> None:
    dated = spend.rows["iso"].dropna()
    ctx.write_page(
        "spend/explorer.md", "spend/explorer.md", title="Spend explorer",
        meta={"search": {"filters": {"type": "Spend"}}},
        root="../../", first=dated.iloc[0] if len(dated) else "", last=dated.iloc[-1] if len(dated) else "",
    )


def publish(ctx: BuildContext) -> list[str]:
    """After MkDocs: fill the built pages' payment tables, write downloads and shards.

    Returns the files written under ``site/data/`` (relative to the site root).
    """
    for entry in ctx.public.spend_sources:
        if published_source(ctx, entry):
            publish_file(ctx, published_source(ctx, entry))
    spend = prepared(ctx)
    tables = spend_tables.RowTables(spend.rows, spend.supplier_slugs)
    for month, index in _rows_of(spend, "month").items():
        table = tables.month_table(index, f"Every payment in {month_name(month)}")
        spend_tables.inject(ctx.site_dir / "spend" / "months" / month / "index.html", table)
    supplier_rows = _rows_of(spend, "supplier")
    for name, slug in spend.supplier_slugs.items():
        table = tables.supplier_tables(supplier_rows[name], name)
        spend_tables.inject(ctx.site_dir / "spend" / "suppliers" / slug / "index.html", table)
    del tables  # two rendered rows per payment: free them before the downloads (peak memory)
    written = spend_downloads.write(spend, ctx.site_dir, ctx.settings)
    written += explorer.write(spend, ctx.site_dir, spend.supplier_slugs)
    return written


def resources(ctx: BuildContext) -> list[dict]:
    """Data Package resources for the spend files (see :mod:`opcc.site.spend_downloads`)."""
    return spend_downloads.resources(prepared(ctx))
