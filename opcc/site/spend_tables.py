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

import numpy as np
import pandas as pd
from markupsafe import escape

from opcc.core.files import atomic_write_text
from opcc.site.context import inert
from opcc.site.spend_frame import UNDATED, date_words, money

PLACEHOLDER = '<div id="opcc-spend-rows"></div>'


def _cells(series: pd.Series, render) -> np.ndarray:
    """``render`` applied once per distinct value of a column, spread back over the rows."""
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    rendered = np.array([render(value) for value in uniques] + [render(None)], dtype=object)
    return rendered[codes]  # code -1 (no value) picks the last entry, render(None)


def _text(value: object) -> str:
    return "" if value is None else inert(value)


def _plain(value: object) -> str:
    return f"<td>{_text(value)}</td>"


def _supplier_cell(slugs: dict[str, str], prefix: str):
    def render(value: object) -> str:
        if value is None:
            return "<td>—</td>"
        slug = slugs.get(value)
        if slug is None:  # a redaction label (or an unnamed supplier): shown as text, no page
            return f'<td class="opcc-redacted">{inert(value)}</td>'
        return f'<td><a href="{prefix}suppliers/{slug}/">{inert(value)}</a></td>'

    return render


def _amount_cell(value: object) -> str:
    # Amount is the last column: spend.css aligns it right, so the cell needs no class.
    return f"<td>{escape(money(value))}</td>"


def _date_cell(iso: object) -> str:
    if iso is None:
        return "<td></td>"
    return f'<td class="opcc-date"><time datetime="{inert(iso)}">{inert(date_words(iso))}</time></td>'


def _month_link(iso: object) -> str:
    if iso is None:
        return f'<td><a href="../../months/{UNDATED}/">undated</a></td>'
    return (f'<td class="opcc-date"><a href="../../months/{iso[:7]}/">'
            f'<time datetime="{inert(iso)}">{inert(date_words(iso))}</time></a></td>')


def _table(caption: str, headers: list[str], rows: list[str]) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    return (
        f'<div class="opcc-table-scroll" tabindex="0" role="region" aria-label="{escape(caption)}">'
        f'<table class="opcc-spend-rows opcc-spend-rows--amount-last" data-pagefind-ignore="all">'
        f"<caption>{escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


MONTH_HEADERS = ["Date", "Supplier", "Expense type", "Service area", "Description", "Transaction", "Spent by",
                 "Why it is good value", "Amount"]
SUPPLIER_HEADERS = ["Date", "Expense type", "Service area", "Description", "Transaction", "Spent by",
                    "Why it is good value", "Amount"]
COMMON_COLUMNS = ("expense_type", "service_area", "description", "transaction_id", "spending_body",
                  "value_for_money_reason")
"""Shown for every payment; the spending body and the value-for-money reason are what 3(g) asks for."""


class RowTables:
    """Every row rendered once as a month-page row and as a supplier-page row; pages pick theirs by index."""

    def __init__(self, rows: pd.DataFrame, slugs: dict[str, str]):
        pence = rows["pence"].astype(object).where(rows["pence"].notna(), None)
        common = [_cells(rows[c], _plain) for c in COMMON_COLUMNS]
        amount = _cells(pence, _amount_cell)
        date = _cells(rows["iso"], _date_cell)
        supplier = _cells(rows["supplier"], _supplier_cell(slugs, "../../"))
        self.month_rows = ["<tr>" + "".join(cells) + "</tr>"
                           for cells in zip(date, supplier, *common, amount, strict=True)]
        month_link = _cells(rows["iso"], _month_link)
        self.supplier_rows = ["<tr>" + "".join(cells) + "</tr>"
                              for cells in zip(month_link, *common, amount, strict=True)]
        self.years = rows["fy"].to_numpy()

    def month_table(self, index: np.ndarray, caption: str) -> str:
        """Every payment of a month: the page lives at ``spend/months/<month>/``."""
        return _table(caption, MONTH_HEADERS, [self.month_rows[i] for i in index])

    def supplier_tables(self, index: np.ndarray, name: str) -> str:
        """A supplier's payments, one table per financial year (newest first) so a long history
        stays navigable; the page lives at ``spend/suppliers/<slug>/`` and a date links to its month."""
        by_year: dict[str, list[int]] = {}
        for i in index:
            by_year.setdefault(self.years[i], []).append(i)
        parts = []
        for year in sorted(by_year, reverse=True):
            label = "undated payments" if year == UNDATED else f"{year} (April to March)"
            parts.append(f'<h3 id="fy-{year.replace("/", "-")}">Payments in {label}</h3>')
            parts.append(_table(f"Payments to {name}, {label}", SUPPLIER_HEADERS,
                                [self.supplier_rows[i] for i in by_year[year]]))
        return "".join(parts)


def inject(page: Path, table: str) -> None:
    """Replace the placeholder of a built page with its table."""
    html = page.read_text(encoding="utf-8")
    if PLACEHOLDER not in html:
        raise RuntimeError(f"{page}: no rows placeholder (was the page built from templates/spend?)")
    atomic_write_text(page, html.replace(PLACEHOLDER, table, 1))
