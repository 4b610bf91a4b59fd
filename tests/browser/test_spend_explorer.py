"""The spend pages and explorer in Chromium: filters, permalinks, CSV download, keyboard, axe-core.

The site is built by the real build from the sample project, with the spend rows of
tests/test_site_spend.py (a redacted row, hostile descriptions, a credit, a payment over
£100k, two financial years) so that every expected figure here is known exactly.
"""

from __future__ import annotations

import csv
import io
import threading
from decimal import Decimal

import pytest
from conftest import make_sample_project
from test_site_spend import ROWS, spend_frame

import opcc.spend_data
from opcc.core.settings import load_settings
from opcc.site.build import build_site
from opcc.site.serve import make_server

READY = "#opcc-explorer[data-state=done]"


@pytest.fixture(scope="module")
def spend_site(tmp_path_factory):
    """The sample site built with the known spend rows, served on a free port."""
    settings = load_settings(make_sample_project(tmp_path_factory.mktemp("spend-site") / "project"))
    patch = pytest.MonkeyPatch()
    patch.setattr(opcc.spend_data, "load_spend", lambda data_dir, slug=None: spend_frame())
    try:
        build_site(settings)
    finally:
        patch.undo()
    server = make_server(settings.site_dir)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def explore(page, url: str) -> str:
    page.goto(url)
    page.wait_for_selector(READY)
    return page.inner_text("#x-status")


def test_supplier_filter_total_and_permalink(page, spend_site):
    page.goto(spend_site + "spend/explorer/")
    page.wait_for_selector(READY)
    page.fill("#x-supplier", "SignHealth")
    page.click("#opcc-explorer-form button[type=submit]")
    page.wait_for_function("document.querySelector('#x-status').textContent.startsWith('2 payments')")
    assert page.inner_text("#x-status").startswith("2 payments totalling £15,725.63")
    assert page.locator("#x-rows tr").count() == 2
    assert page.get_attribute("#opcc-explorer", "data-plan") == "supplier"
    assert "supplier=SignHealth" in page.url
    permalink = page.url
    other = page.context.new_page()
    assert explore(other, permalink).startswith("2 payments totalling £15,725.63")
    assert other.input_value("#x-supplier") == "SignHealth"


def test_amount_filter_loads_only_the_big_bands(page, spend_site):
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    status = explore(page, spend_site + "spend/explorer/?min=100000")
    assert status.startswith("1 payment totalling £250,000.00")
    assert page.get_attribute("#opcc-explorer", "data-plan") == "amount"
    shards = [u for u in loaded if u.endswith(".bin")]
    assert shards and all("/explorer/b/" in u for u in shards)


def test_date_words_and_redacted_label(page, spend_site):
    status = explore(page, spend_site + "spend/explorer/?from=2018-04-01&to=2018-04-30")
    assert status.startswith("4 payments totalling £106,227.56")
    assert "REDACTED PERSONAL DATA" in page.inner_text("#x-rows") and "Jane Smith" not in page.content()
    assert page.locator("#x-rows a", has_text="REDACTED").count() == 0  # a label is never a link
    status = explore(page, spend_site + "spend/explorer/?q=GRANT")
    assert status.startswith("1 payment")
    assert page.locator("#x-rows script").count() == 0  # the hostile description is text
    assert "<script>alert(1)</script>" in page.inner_text("#x-rows")


def test_csv_download_of_the_view(page, spend_site):
    explore(page, spend_site + "spend/explorer/?type=Grants")
    with page.expect_download() as info:
        page.click("#x-download")
    text = open(info.value.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3 and {r["expense_type"] for r in rows} == {"Grants"}
    expected = sum(Decimal(r[2]) for r in ROWS if r[4] == "Grants")
    assert sum(Decimal(r["amount"]) for r in rows) == expected


def test_keyboard_only(page, spend_site):
    explore(page, spend_site + "spend/explorer/")
    page.focus("#x-supplier")
    page.keyboard.type("Dandelion Time")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "x-type"  # the next control, in reading order
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_function("document.querySelector('#x-status').textContent.startsWith('1 payment')")
    assert "Dandelion Time" in page.inner_text("#x-rows")
    assert page.get_attribute("#x-status", "aria-live") == "polite"
    page.focus("#x-download")
    with page.expect_download():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("path", ["spend/explorer/?type=Grants", "spend/months/2018-04/",
                                  "spend/suppliers/signhealth/", "spend/"])
def test_axe(page, spend_site, axe, path):
    page.goto(spend_site + path)
    if "explorer" in path:
        page.wait_for_selector(READY)
    assert axe(page) == []


def test_month_and_supplier_pages(page, spend_site):
    page.goto(spend_site + "spend/months/2018-04/")
    table = page.locator("table.opcc-spend-rows")
    assert table.locator("tbody tr").count() == 4
    assert "REDACTED PERSONAL DATA" in table.inner_text()
    page.goto(spend_site + "spend/suppliers/signhealth/")
    assert page.locator("svg[role=img] title").first.text_content().startswith("Payments to SignHealth")
    assert page.locator("table.opcc-spend-rows tbody tr").count() == 2
