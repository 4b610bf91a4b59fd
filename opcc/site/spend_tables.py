"""The long tables of payments on month and supplier pages, rendered straight to HTML.

A month has thousands of rows and a supplier can have tens of thousands. Put
through Markdown, a table that size costs seconds a page (Python-Markdown parses
every raw HTML block), so each page carries only a placeholder and
:func:`inject` puts the table into the finished HTML after MkDocs has run.

The rows are rendered here rather than in Jinja only for speed (one formatted
string per row, each distinct value escaped once); every value still goes through
the same HTML escaping as a template's autoescape, so it stays inert text.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import escape

from opcc.files import atomic_write_text
from opcc.site.context import inert
from opcc.site.spend_frame import UNDATED, money

PLACEHOLDER = '<div id="opcc-spend-rows"></div>'


def _cells(series: pd.Series, render) -> list[str]:
    """``render`` applied once per distinct value of a column."""
    values = series.astype(object)
    cache = {value: render(value) for value in pd.unique(values)}
    return [cache[value] for value in values]


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA else inert(value)


def _supplier_cell(slugs: dict[str, str], prefix: str):
    def render(value: object) -> str:
        if value is None or value is pd.NA:
            return "<td>—</td>"
        slug = slugs.get(value)
        if slug is None:  # a redaction label (or an unnamed supplier): shown as text, no page
            return f'<td class="opcc-redacted">{inert(value)}</td>'
        return f'<td><a href="{prefix}suppliers/{slug}/">{inert(value)}</a></td>'

    return render


def _amount_cell(value: object) -> str:
    return f'<td class="opcc-num">{escape(money(None if value is pd.NA else value))}</td>'


def _table(caption: str, headers: list[str], rows: list[str], table_id: str | None = None) -> str:
    numeric = ' class="opcc-num"'
    head = "".join(f'<th scope="col"{numeric if h == "Amount" else ""}>{h}</th>' for h in headers)
    ident = f' id="{table_id}"' if table_id else ""
    return (
        f'<div class="opcc-table-scroll" tabindex="0" role="region" aria-label="{escape(caption)}">'
        f'<table class="opcc-spend-rows"{ident} data-pagefind-ignore="all"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def month_table(rows: pd.DataFrame, caption: str, slugs: dict[str, str]) -> str:
    """Every payment of a month: the page lives at ``spend/months/<month>/``."""
    cells = zip(
        _cells(rows["iso"], lambda v: f"<td>{_text(v)}</td>"),
        _cells(rows["supplier"], _supplier_cell(slugs, "../../")),
        _cells(rows["expense_type"], lambda v: f"<td>{_text(v)}</td>"),
        _cells(rows["service_area"], lambda v: f"<td>{_text(v)}</td>"),
        _cells(rows["description"], lambda v: f"<td>{_text(v)}</td>"),
        _cells(rows["transaction_id"], lambda v: f"<td>{_text(v)}</td>"),
        _cells(rows["pence"], _amount_cell),
        strict=True,
    )
    body = ["<tr>" + "".join(row) + "</tr>" for row in cells]
    headers = ["Date", "Supplier", "Expense type", "Service area", "Description", "Transaction", "Amount"]
    return _table(caption, headers, body)


def supplier_tables(rows: pd.DataFrame, name: str) -> str:
    """A supplier's payments, one table per financial year (newest first) so a long history stays navigable.

    The page lives at ``spend/suppliers/<slug>/``; a date links to its month's page.
    """
    def date_cell(iso: object) -> str:
        if iso is None or iso is pd.NA:
            return f'<td><a href="../../months/{UNDATED}/">undated</a></td>'
        return f'<td><a href="../../months/{iso[:7]}/">{inert(iso)}</a></td>'

    rendered = zip(
        _cells(rows["iso"], date_cell),
        _cells(rows["expense_type"], lambda v: f"<td>{_text(v)}</td>"),
        _cells(rows["service_area"], lambda v: f"<td>{_text(v)}</td>"),
        _cells(rows["description"], lambda v: f"<td>{_text(v)}</td>"),
        _cells(rows["transaction_id"], lambda v: f"<td>{_text(v)}</td>"),
        _cells(rows["pence"], _amount_cell),
        strict=True,
    )
    lines = ["<tr>" + "".join(row) + "</tr>" for row in rendered]
    headers = ["Date", "Expense type", "Service area", "Description", "Transaction", "Amount"]
    parts = []
    years = rows["fy"].tolist()
    starts: dict[str, list[int]] = {}
    for i, year in enumerate(years):
        starts.setdefault(year, []).append(i)
    for year in sorted(starts, reverse=True):
        label = "undated payments" if year == UNDATED else f"{year} (April to March)"
        parts.append(f'<h3 id="fy-{year.replace("/", "-")}">Payments in {label}</h3>')
        parts.append(_table(f"Payments to {name}, {label}", headers, [lines[i] for i in starts[year]]))
    return "".join(parts)


def inject(page: Path, table: str) -> None:
    """Replace the placeholder of a built page with its table."""
    html = page.read_text(encoding="utf-8")
    if PLACEHOLDER not in html:
        raise RuntimeError(f"{page}: no rows placeholder (was the page built from templates/spend?)")
    atomic_write_text(page, html.replace(PLACEHOLDER, table, 1))
