"""The spend pages and explorer in Chromium: filters, permalinks, CSV download, keyboard, axe-core.

The site is built by the real build from the sample project, with the spend rows of
tests/test_site_spend.py (a redacted row, hostile descriptions, a credit, a payment over
£100k, two financial years) so that every expected figure here is known exactly.
"""

from __future__ import annotations

import csv
import io
import re
import threading
import urllib.request
from decimal import Decimal

import pytest
from conftest import make_sample_project
from playwright.sync_api import expect
from test_site_spend import ROWS, spend_frame

import opcc.spend_data
from opcc.core.kinds.expenditure import SPEND_COLUMNS
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


# -- payment addresses and the selection basket (issue 14) ----------------------------------------


def published_month(spend_site: str, month: str) -> list[dict]:
    with urllib.request.urlopen(f"{spend_site}data/spend/months/{month}.csv") as response:
        return list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))


def test_three_ticked_payments_make_a_basket_whose_address_and_csv_give_exactly_them(page, spend_site, axe):
    explore(page, spend_site + "spend/explorer/?from=2018-04-01&to=2018-04-30")
    for name in ["Select the payment to The Police ICT Company Ltd of £60,000.00", "Select the payment to Dandelion Time",
                 "Select the payment to REDACTED PERSONAL DATA"]:
        page.get_by_role("checkbox", name=re.compile("^" + re.escape(name))).check()
    expect(page.locator("#x-basket-status")).to_have_text("3 payments selected totalling £76,870.50.")
    ticked = page.eval_on_selector_all("#x-rows input:checked", "boxes => boxes.map(b => b.dataset.id)")
    assert len(ticked) == 3 and "basket=" in page.url

    fresh = page.context.browser.new_context().new_page()  # no state shared with the first page
    fresh.goto(page.url)
    fresh.wait_for_selector(READY)
    expect(fresh.locator("#x-basket-status")).to_have_text("3 payments selected totalling £76,870.50.")
    expect(fresh.locator("#x-basket-items li")).to_have_count(3)
    assert "Dandelion Time, £16,258.50 – 2018-04-18" in fresh.inner_text("#x-basket-items")
    assert sorted(fresh.eval_on_selector_all("#x-rows input:checked", "boxes => boxes.map(b => b.dataset.id)")) \
        == sorted(ticked)

    with fresh.expect_download() as info:
        fresh.click("#x-basket-download")
    reader = csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read()))
    rows = list(reader)
    assert reader.fieldnames == [*SPEND_COLUMNS, "payment_id"]  # every column of the published spend CSV
    assert sorted(r["payment_id"] for r in rows) == sorted(ticked)
    published = {(r["date"], r["amount"]): r for r in published_month(spend_site, "2018-04")}
    for row in rows:  # each row exactly as the published month file has it
        assert {c: row[c] for c in SPEND_COLUMNS} == published[(row["date"], row["amount"])]
    assert axe(fresh) == []
    fresh.click("#x-basket-show")
    fresh.wait_for_function("document.querySelector('#x-status').textContent.startsWith('3 payments')")
    assert fresh.inner_text("#x-status").startswith("3 payments totalling £76,870.50")
    fresh.context.close()


def test_the_basket_is_used_by_keyboard_and_announced(page, spend_site):
    explore(page, spend_site + "spend/explorer/?supplier=SignHealth")
    assert page.get_attribute("#x-basket-status", "role") == "status"
    page.focus("#x-rows input[type=checkbox]")
    page.keyboard.press("Space")
    expect(page.locator("#x-basket-status")).to_have_text(re.compile(r"^1 payment selected totalling"))
    page.focus("#x-basket-items button")
    page.keyboard.press("Enter")  # Remove
    expect(page.locator("#x-basket-status")).to_have_text(re.compile("^No payments selected"))
    assert "basket=" not in page.url


def test_a_payment_has_its_own_address_showing_it_its_month_and_supplier(page, spend_site, axe):
    explore(page, spend_site + "spend/explorer/?supplier=Dandelion+Time")
    page.locator("#x-rows a[href^='?id=']").first.click()
    page.wait_for_selector(READY)
    assert re.search(r"[?&]id=2018-04-[0-9a-f]{12}(&|$)", page.url)
    assert page.inner_text("#x-status").startswith("1 payment totalling £16,258.50")
    view = page.locator("#x-payment")
    expect(view).to_be_visible()
    assert "Dandelion Time, £16,258.50 – 2018-04-18" in view.locator("h2").inner_text()
    expect(view.get_by_role("link", name="Every payment of 2018-04")).to_have_attribute(
        "href", re.compile(r"spend/months/2018-04/$"))
    expect(view.get_by_role("link", name="Every payment to Dandelion Time")).to_be_visible()
    assert axe(page) == []


def test_several_suppliers_a_transaction_number_and_a_list_of_ids_select_payments(page, spend_site):
    status = explore(page, spend_site + "spend/explorer/?supplier=SignHealth&supplier=Dandelion+Time")
    assert status.startswith("3 payments totalling £31,984.13")
    assert page.get_attribute("#opcc-explorer", "data-plan") == "supplier"
    assert page.input_value("#x-supplier") == "SignHealth; Dandelion Time"
    ids = page.eval_on_selector_all("#x-rows input[type=checkbox]", "boxes => boxes.map(b => b.dataset.id)")
    assert explore(page, spend_site + "spend/explorer/?txn=A-77").startswith("1 payment totalling £250,000.00")
    assert explore(page, spend_site + "spend/explorer/?id=" + ",".join(ids[:2])).startswith("2 payments")
    assert page.get_attribute("#opcc-explorer", "data-plan") == "ids"


@pytest.mark.parametrize(("path", "ticks", "status"), [
    ("spend/months/2018-04/", ["Dandelion Time", "REDACTED PERSONAL DATA"], "2 payments selected totalling £16,870.50."),
    ("spend/suppliers/signhealth/", ["SignHealth of -£218.87"], "1 payment selected totalling -£218.87."),
])
def test_payments_are_selected_on_month_and_supplier_pages_and_open_in_the_explorer(page, spend_site, axe, path,
                                                                                    ticks, status):
    page.goto(spend_site + path)
    page.wait_for_selector("#opcc-pick[data-state=ready]")
    for name in ticks:
        page.get_by_role("checkbox", name=re.compile("^Select the payment to " + re.escape(name))).check()
    expect(page.locator("#x-basket-status")).to_have_text(status)
    assert "basket=" in page.url
    assert axe(page) == []
    ticked = page.eval_on_selector_all("input:checked", "boxes => boxes.map(b => b.dataset.id)")
    fresh = page.context.browser.new_context().new_page()
    fresh.goto(page.url)  # the selection is in the address
    fresh.wait_for_selector("#opcc-pick[data-state=ready]")
    expect(fresh.locator("#x-basket-status")).to_have_text(status)
    fresh.get_by_role("link", name="Open the selection in the spend explorer").click()
    fresh.wait_for_selector(READY)
    expect(fresh.locator("#x-basket-status")).to_have_text(status)
    assert sorted(fresh.eval_on_selector_all("#x-rows input:checked", "boxes => boxes.map(b => b.dataset.id)")) \
        == sorted(ticked)
    fresh.context.close()
