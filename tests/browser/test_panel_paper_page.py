"""A panel officer goes from a paper to the Police and Crime Panel to the payments it names."""

from __future__ import annotations

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
