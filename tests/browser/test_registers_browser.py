"""The transparency index and every register page of the built sample site, in a real browser
(Chromium via Playwright): what each shows, where its links lead, and no serious or critical axe-core
violation (WCAG 2.2 A and AA)."""

from __future__ import annotations

import csv
import hashlib
import io

import pytest
from playwright.sync_api import expect

from opcc.checks.duties import duties_for
from opcc.core.registry import kinds
from opcc.site.registers import generic_kinds
from opcc.store import Store

REGISTER_PAGES = sorted(f"{kind.section.path}/" for kind in generic_kinds())


def test_every_kind_without_a_site_module_of_its_own_has_a_register_page():
    assert {kind.name for kind in generic_kinds()} == {
        name for name, kind in kinds().items() if kind.section and kind.section.generator == "opcc.site.registers"}
    assert "documents/" in REGISTER_PAGES and "registers/senior-staff/" in REGISTER_PAGES


@pytest.mark.parametrize("path", ["transparency/", *REGISTER_PAGES])
def test_no_serious_accessibility_violation(page, site_url, axe, path):
    page.goto(site_url + path)
    for details in page.locator("details.opcc-history").all():
        details.evaluate("d => d.open = true")  # the histories are checked too
    assert axe(page) == []


@pytest.mark.parametrize("path", REGISTER_PAGES)
def test_each_register_page_shows_its_records_with_their_publication_dates(page, site_url, path):
    page.goto(site_url + path)
    expect(page.locator("h1")).to_be_visible()
    records = page.locator("section.opcc-record")
    assert records.count() >= 1, "the samples fill every register"
    first = records.first
    expect(first.locator("dl.opcc-dates")).to_contain_text("First published")
    expect(first.locator("dl.opcc-dates")).to_contain_text("Last updated")
    first.locator("details.opcc-history summary").click()
    expect(first.locator("details.opcc-history li").first).to_be_visible()


def test_transparency_page_lists_every_duty_in_the_orders_order_with_its_status_in_words(page, site_url,
                                                                                          built_site):
    page.goto(site_url + "transparency/")
    rows = page.locator("table.opcc-duties tbody tr")
    expected = [d.id for d in duties_for(built_site.settings)]
    assert [r.get_attribute("id") for r in rows.all()] == [
        "duty-" + i.replace(".", "-").replace("_", "-") for i in expected]
    words = {"Met", "Missing", "Late", "Not due yet", "Waived"}
    for row in rows.all():
        assert row.locator(".opcc-status").inner_text() in words  # written out, never colour alone
    budget = page.locator("#duty-finance-budget")
    expect(budget).to_contain_text("The total budget of the body.")
    expect(budget.locator(".opcc-status")).to_have_text("Met")
    expect(budget).to_contain_text("9 February 2018")
    budget.get_by_role("link").click()
    expect(page).to_have_url(site_url + "documents/#revenue-budget-and-capital-programme-2018-19")
    expect(page.locator("#revenue-budget-and-capital-programme-2018-19")).to_be_visible()


def test_transparency_page_is_linked_from_the_home_page_and_the_navigation(page, site_url):
    page.goto(site_url)
    expect(page.locator("nav.md-nav--primary").get_by_role("link", name="Transparency")).to_have_attribute(
        "href", "transparency/")
    page.locator("article").get_by_role("link", name="Transparency").click()
    expect(page.locator("h1")).to_have_text("Transparency: what the Order requires us to publish")


def test_a_duty_met_by_spend_links_to_the_month_page_showing_both_spending_bodies(page, site_url):
    page.goto(site_url + "transparency/")
    page.locator("#duty-spend-over-500").get_by_role("link").click()
    expect(page).to_have_url(site_url + "spend/months/2018-05/")
    totals = page.locator("table", has=page.locator("caption", has_text="by spending body"))
    expect(totals).to_contain_text("PCC")
    expect(totals).to_contain_text("Chief Constable")
    expect(page.locator("#opcc-spend-rows, table.opcc-spend-rows").first).to_contain_text("Spent by")


def test_a_senior_employees_name_is_published_only_with_consent(page, site_url):
    page.goto(site_url + "registers/senior-staff/")
    table = page.locator("table.opcc-table")
    expect(table).to_contain_text("Helen Marsh")
    expect(table).to_contain_text("Not published: the post holder did not consent to publication of their name")
    assert "Robert Kline" not in page.content()


def test_a_document_links_to_the_clean_copy_of_the_pdf_whose_sha256_is_shown(page, site_url, built_site):
    page.goto(site_url + "documents/")
    record = page.locator("section.opcc-record", has=page.locator("h2", has_text="Whistleblowing policy"))
    href = record.locator(".opcc-sources a").get_attribute("href")
    shown = record.locator(".opcc-sources code").inner_text().strip()
    response = page.request.get(page.url.split("#")[0] + href)
    assert response.ok and response.body()[:5] == b"%PDF-"
    served = hashlib.sha256(response.body()).hexdigest()
    assert href.endswith(f"sources/{served}.pdf")
    assert Store(built_site.settings).source_path(shown).name == f"{served}.pdf"


def test_grants_page_shows_conditions_and_reasons_and_links_the_360giving_file(page, site_url):
    page.goto(site_url + "registers/grants/")
    expect(page.locator("table").first).to_contain_text("Why it reduces crime and disorder")
    expect(page.locator("table").first).to_contain_text("Catch22 Charity Ltd")
    href = page.get_by_role("link", name="360Giving data standard").get_attribute("href")
    response = page.request.get(page.url + href)
    assert response.ok and response.text().startswith("Identifier,Title,Description,Currency,Amount Awarded")


def test_a_nil_statement_says_there_was_nothing_to_publish(page, site_url):
    page.goto(site_url + "registers/nil-statements/")
    expect(page.locator("section.opcc-record").first).to_contain_text(
        "required no report from the responsible authorities")


def test_meetings_show_agenda_papers_and_minutes_links(page, site_url):
    page.goto(site_url + "registers/meetings/")
    held = page.locator("section.opcc-record", has=page.locator("h2", has_text="16 May 2018"))
    expect(held.get_by_role("link", name="Minutes, 16 May 2018")).to_be_visible()
    coming = page.locator("section.opcc-record", has=page.locator("h2", has_text="18 July 2018"))
    expect(coming).to_contain_text("Not published yet")


def test_the_gifts_register_shows_every_offer_accepted_or_declined(page, site_url):
    page.goto(site_url + "registers/gifts-and-hospitality/")
    rows = page.locator("table.opcc-table tbody tr")
    assert rows.count() == 5
    expect(page.locator("#entry-gh-2018-02-2018-04-26-mitie-facilities-services-ltd")).to_contain_text("Declined")
    expect(rows.first).to_contain_text("Accepted")


def test_the_spend_explorer_filters_by_spending_body_and_keeps_it_and_the_reason_in_its_csv(page, site_url):
    page.goto(site_url + "spend/explorer/?from=2018-04-01&to=2018-04-30")
    page.wait_for_selector("#opcc-explorer[data-state=done]")
    page.select_option("#x-body", "Chief Constable")
    page.click("#opcc-explorer-form button[type=submit]")
    page.wait_for_function("document.querySelector('#x-status').textContent.startsWith('10 payments')")
    assert "body=Chief+Constable" in page.url
    rows = page.locator("#x-rows tr")
    # The eighth cell, "Spent by", after Select, Date, Supplier, Expense type, Service area, Description, Transaction.
    assert all(row.locator("td").nth(7).inner_text() == "Chief Constable" for row in rows.all())
    with page.expect_download() as info:
        page.click("#x-download")
    text = open(info.value.path(), encoding="utf-8").read()
    downloaded = list(csv.DictReader(io.StringIO(text)))
    assert len(downloaded) == 10 and {r["spending_body"] for r in downloaded} == {"Chief Constable"}
    assert all(r["value_for_money_reason"].startswith("Bought through national or regional frameworks")
               for r in downloaded)
    page.fill("#x-vfm", "frameworks")
    page.select_option("#x-body", "")
    page.click("#opcc-explorer-form button[type=submit]")
    page.wait_for_function("document.querySelector('#x-status').textContent.startsWith('10 payments')")
