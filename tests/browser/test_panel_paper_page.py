"""A panel officer goes from a paper to the Police and Crime Panel to the payments it names."""

from __future__ import annotations

import re

from playwright.sync_api import expect

READY = "#opcc-explorer[data-state=done]"


def test_each_item_of_the_seed_panel_paper_is_matched_to_its_published_payment(page, site_url):
    page.goto(site_url + "what-we-spend/")
    page.get_by_role("link", name="Update on expenditure to support the Police and Crime Plan").click()
    rows = page.locator("table.opcc-table tbody tr")
    expect(rows).to_have_count(4)  # waits for the panel paper's page to load
    assert all(text.startswith("Found:") for text in rows.locator("td:nth-child(4)").all_inner_texts())
    signhealth = rows.filter(has_text="SignHealth")
    assert "£15,944.50" in signhealth.inner_text()

    signhealth.get_by_role("link", name="see it in the explorer").click()
    page.wait_for_selector(READY)
    assert page.inner_text("#x-status").startswith("1 payment totalling £15,944.50")
    assert page.locator("#x-rows tr").count() == 1


def test_the_panel_paper_page_is_accessible(page, site_url, axe):
    page.goto(site_url + "what-we-spend/")
    page.get_by_role("link", name="Update on expenditure to support the Police and Crime Plan").click()
    expect(page.locator("table.opcc-table")).to_be_visible()
    assert axe(page) == []


def test_each_item_links_to_its_payments_own_address_and_the_payment_links_back(page, site_url):
    page.goto(site_url + "what-we-spend/")
    page.get_by_role("link", name="Update on expenditure to support the Police and Crime Plan").click()
    paper = page.url
    links = page.locator("table.opcc-table a.opcc-payment-link")
    expect(links).to_have_count(4)
    hrefs = [links.nth(i).get_attribute("href") for i in range(4)]
    assert all(re.fullmatch(r"\.\./\.\./explorer/\?id=2018-04-[0-9a-f]{12}", h) for h in hrefs)
    assert len(set(hrefs)) == 4  # four payments, one each

    page.get_by_role("link", name="the payment to SignHealth on 2018-04-18").click()
    page.wait_for_selector(READY)
    assert page.inner_text("#x-status").startswith("1 payment totalling £15,944.50")
    view = page.locator("#x-payment")
    expect(view).to_be_visible()
    expect(page.locator("#opcc-explorer[data-refs=done]")).to_have_count(1)
    assert "Scrutinised by the panel on 2018-07-19" in view.inner_text()
    view.get_by_role("link", name="Update on expenditure to support the Police and Crime Plan").click()
    expect(page).to_have_url(paper)

    page.goto(site_url + "spend/suppliers/signhealth/")
    scrutiny = page.locator("li", has_text="was scrutinised by the panel on")
    assert "19 July 2018" in scrutiny.inner_text()
    scrutiny.get_by_role("link", name="19 July 2018").click()
    expect(page).to_have_url(paper)
