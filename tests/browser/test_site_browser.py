"""The built sample site in a real browser (Chromium via Playwright): search, register filters,
source links, the confidential stub, and axe-core accessibility checks."""

from __future__ import annotations

import hashlib
import re

import pytest
from conftest import CONFIDENTIAL_TEXT
from playwright.sync_api import expect


def test_search_finds_a_decision_by_a_word_of_its_summary(page, site_url):
    # "benchmarked" appears in the summary of OPCC.D.084.16 only, not in its title.
    page.goto(site_url + "search/?q=benchmarked")
    results = page.locator("#search-results li")
    expect(results.first).to_be_visible()
    expect(page.locator("#search-results")).to_contain_text("Council tax precept and revenue budget 2016/17")
    expect(page.locator("#search-status")).to_contain_text("result")


def test_search_for_a_word_on_no_page_says_so_and_lists_nothing(page, site_url):
    # Pagefind alone would answer "anchovy" with every page holding "an" (its longest prefix on the site).
    page.goto(site_url + "search/?q=anchovy")
    expect(page.locator("#search-status")).to_have_text("No pages contain \u201canchovy\u201d.")
    assert page.locator("#search-results li").count() == 0
    expect(page.locator("#search-near")).to_be_hidden()  # "an" is not near enough to offer


def test_search_for_one_absent_word_of_two_says_which_word_is_on_no_page(page, site_url):
    page.goto(site_url + "search/?q=budget+anchovy")
    expect(page.locator("#search-status")).to_have_text("No pages contain \u201canchovy\u201d.")
    assert page.locator("#search-results li").count() == 0


def test_search_offers_pages_with_a_longer_word_as_nearest_matches_labelled_as_such(page, site_url):
    # "budge" is on no page; "budget" begins like it.
    page.goto(site_url + "search/?q=budge")
    expect(page.locator("#search-status")).to_contain_text("No pages contain \u201cbudge\u201d.")
    expect(page.locator("#search-status")).to_contain_text("nearest match")
    near = page.locator("#search-near")
    expect(near).to_be_visible()
    expect(near.get_by_role("heading", name="Nearest matches")).to_be_visible()
    expect(near).to_contain_text("No page contains \u201cbudge\u201d")
    assert near.locator("li").count() > 0
    assert page.locator("#search-results li").count() == 0


def test_search_matches_a_word_by_its_stem_as_a_result_not_a_near_match(page, site_url):
    page.goto(site_url + "search/?q=budgets")  # the pages say "budget"
    expect(page.locator("#search-results li").first).to_be_visible()
    expect(page.locator("#search-status")).to_contain_text("results for \u201cbudgets\u201d")
    expect(page.locator("#search-results")).to_contain_text("Council tax precept and revenue budget 2016/17")
    expect(page.locator("#search-near")).to_be_hidden()


@pytest.mark.parametrize("width", [390, 1280])
def test_search_with_nearest_matches_has_no_accessibility_violations(browser, site_url, axe, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + "search/?q=budge")
    expect(page.locator("#search-near li").first).to_be_visible()
    assert axe(page) == []
    context.close()


def test_header_search_box_opens_the_search_page_by_keyboard(page, site_url):
    page.goto(site_url)
    page.locator("#opcc-header-q").focus()
    page.keyboard.type("benchmarked")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=benchmarked$"))
    expect(page.locator("#search-results li").first).to_be_visible()


def test_search_sorts_newest_first(page, site_url):
    page.goto(site_url + "search/?q=commissioner&type=Decision&sort=desc")
    expect(page.locator("#search-results li").first).to_be_visible()
    hrefs = [a.get_attribute("href") for a in page.locator("#search-results li a").all()]
    assert "opcc-d-033-23" in hrefs[0] or "opcc-d-015-23" in hrefs[0]  # the 2023 decisions come first


def test_search_filters_by_year(page, site_url):
    page.goto(site_url + "search/?q=commissioner&year=2016")
    expect(page.locator("#search-results li").first).to_be_visible()
    for link in page.locator("#search-results li a").all():
        assert "opcc-d-084-16" in link.get_attribute("href")


def test_register_filter_shows_the_right_count_by_keyboard(page, site_url):
    page.goto(site_url + "decisions/")
    rows = page.locator("#register tbody tr")
    total = rows.count()
    expect(page.locator("#register-count")).to_have_text(f"{total} decisions")
    page.locator("#filter-year").focus()
    page.keyboard.press("ArrowDown")  # first year after "All years": the newest, 2023
    year = page.locator("#filter-year").input_value()
    expected = page.locator(f"#register tbody tr[data-year='{year}']").count()
    assert expected < total
    expect(page.locator("#register-count")).to_have_text(f"Showing {expected} of {total} decisions")
    assert page.locator("#register tbody tr:visible").count() == expected


def test_register_sorts_by_a_column_header_button_by_keyboard(page, site_url):
    page.goto(site_url + "decisions/")
    page.get_by_role("button", name="Reference").focus()
    page.keyboard.press("Enter")
    references = page.locator("#register tbody tr td:first-child").all_inner_texts()
    assert references == sorted(references, key=str.lower)
    expect(page.locator("#register thead th").first).to_have_attribute("aria-sort", "ascending")


def test_source_link_serves_the_clean_copy_of_the_pdf_whose_sha256_is_shown(page, site_url, built_site):
    """The page shows the original's SHA-256 (provenance); the link serves its clean copy, named by its own."""
    from opcc.store import Store

    page.goto(site_url + "decisions/opcc-d-084-16/")
    shown = page.locator("[data-sha256]").first.inner_text().strip()
    href = page.locator(".opcc-sources a").first.get_attribute("href")
    response = page.request.get(page.url + href if not href.startswith("http") else href)
    assert response.ok
    assert response.body()[:5] == b"%PDF-"
    served = hashlib.sha256(response.body()).hexdigest()
    assert href.endswith(f"sources/{served}.pdf")
    assert Store(built_site.settings).source_path(shown).name == f"{served}.pdf"


def test_confidential_stub_shows_no_content(page, site_url):
    page.goto(site_url + "decisions/pcc-dn-2018-52/")
    content = page.locator("article").inner_text()
    assert "exempt from publication" in content.lower()
    assert "Commercially sensitive" in content  # the stated reason is public
    assert CONFIDENTIAL_TEXT not in page.content()
    assert page.locator(".opcc-sources a").count() == 0


@pytest.mark.parametrize("path", ["", "decisions/", "decisions/opcc-d-084-16/", "decisions/pcc-dn-2018-52/",
                                  "search/?q=budget", "accessibility/", "open-data/decisions/"])
def test_no_serious_accessibility_violations(page, site_url, axe, path):
    page.goto(site_url + path)
    if path.startswith("search/"):
        expect(page.locator("#search-results li").first).to_be_visible()
    assert axe(page) == []


def test_a_search_downloads_under_300_kb(page, site_url):
    """Everything a first search fetches from the Pagefind bundle (library, WebAssembly, index
    chunks, filters, result fragments): Pagefind's promise is well under 300 KB."""
    sizes = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if "/pagefind/" in r.url else None)
    page.goto(site_url + "search/?q=budget")
    expect(page.locator("#search-results li").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    print(f"search for 'budget': {len(sizes)} Pagefind files, {total} bytes")
    assert 0 < total < 300_000


@pytest.mark.parametrize("path", ["", "decisions/", "decisions/opcc-d-084-16/", "search/"])
def test_the_first_tab_reaches_a_visible_skip_link_that_moves_past_the_navigation(page, site_url, path):
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")  # the next stop is in the page's own content, not the header or navigation
    assert page.evaluate("!document.activeElement.closest('header, nav.md-nav, .md-sidebar')")


def test_the_header_search_box_shows_where_the_focus_is(page, site_url):
    page.goto(site_url)
    page.keyboard.press("Tab")  # the skip link
    box = page.locator("#opcc-header-q")
    while not box.evaluate("el => el === document.activeElement"):
        page.keyboard.press("Tab")
    ring = box.evaluate("""el => { const s = getComputedStyle(el);
        return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor,
                getComputedStyle(el.closest('header')).backgroundColor]; }""")
    style, width, colour, header = ring
    assert style == "solid" and width >= 2 and colour != header  # a ring that shows on the header


def _tab_stops(page, count: int) -> list[str]:
    """Where the first ``count`` presses of Tab land, as ``drawer``, ``menu`` or the element's text."""
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => { const el = document.activeElement;
            if (el.closest('.md-sidebar--primary')) return 'drawer';
            if (el.matches('label.md-header__button[for=__drawer]')) return 'menu';
            return (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 30); }"""))
    return stops


def test_on_a_phone_the_menu_opens_and_closes_by_keyboard_and_a_closed_drawer_is_out_of_the_tab_order(
        browser, site_url, axe):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "decisions/")
    stops = _tab_stops(page, 25)
    assert "menu" in stops and "drawer" not in stops  # the button is reachable; the hidden links are not
    menu = page.locator("label.md-header__button[for=__drawer]")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")  # focus moved into it
    expect(page.locator(".md-sidebar--primary a", has_text="Transparency").first).to_be_in_viewport()
    assert axe(page) == []
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__drawer').checked")
    assert page.evaluate("document.activeElement.matches('label.md-header__button[for=__drawer]')")
    context.close()


LAYOUT_SHIFTS = """window.__shift = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
  .observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["decisions/", "spend/months/2018-04/", "registers/gifts/"])
def test_pages_do_not_shift_as_they_load(browser, site_url, path, width):
    """Cumulative layout shift (what Lighthouse's CLS adds up) stays under 0.01, far below its 0.1 limit:
    the register's filters are laid out from the first paint, not unhidden after it."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFTS)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__shift") < 0.01
    context.close()


def test_without_javascript_the_register_shows_no_filters_that_would_not_work(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "decisions/")
    expect(page.locator("#register-filters")).to_be_hidden()
    expect(page.locator("#register tbody tr").first).to_be_visible()
    context.close()
