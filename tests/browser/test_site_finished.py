"""Pages that look finished, in Chromium: dates in words, names that wrap between words, wide
tables that scroll in their own box with a visible cue on a 390 px phone, styled tables on
decision pages, and source files that download under a name a reader can file."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MONTH = "spend/months/2018-04/"
PAPER = "spend/panel/2018-07-19-update-on-expenditure-to-support-the-police-and-crime-plan/"


def test_spend_pages_give_dates_in_words_with_the_iso_date_for_machines(page, site_url):
    page.goto(site_url + MONTH)
    dates = page.locator("#payments ~ .opcc-table-scroll tbody tr td.opcc-date time")
    assert dates.count() > 10
    for cell in dates.all():
        assert re.fullmatch(r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
                            r"November|December) \d{4}", cell.inner_text())
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell.get_attribute("datetime"))
    page.goto(site_url + "spend/")
    expect(page.locator(".opcc-spend-lede")).to_contain_text(re.compile(r"From \d{1,2} April 2018 to \d{1,2} May 2018"))


WORDS_ON_ONE_LINE = """(selector) => {
  const broken = [];
  for (const link of document.querySelectorAll(selector)) {
    const text = link.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) continue;
    const words = [...text.data.matchAll(/\\S+/g)];
    for (const word of words) {
      const range = document.createRange();
      range.setStart(text, word.index);
      range.setEnd(text, word.index + word[0].length);
      if (range.getClientRects().length > 1) broken.push(word[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("path", [MONTH, "spend/"])
def test_supplier_names_in_tables_never_break_inside_a_word(browser, site_url, path, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site_url + path)
    assert page.locator(".opcc-spend table a[href*='suppliers/']").count() > 0
    assert page.evaluate(WORDS_ON_ONE_LINE, ".opcc-spend table a[href*='suppliers/']") == []
    context.close()


@pytest.mark.parametrize("path", [MONTH, "decisions/"])
def test_on_a_phone_a_wide_table_scrolls_in_its_own_box_and_says_so(browser, site_url, axe, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the page itself does not scroll
    wide = page.locator(".opcc-table-scroll--wide")
    expect(wide.first).to_be_visible()
    assert wide.first.evaluate("box => box.scrollWidth > box.clientWidth")
    hint = page.locator(".opcc-scroll-hint").first
    expect(hint).to_be_visible()
    expect(hint).to_have_text("Scroll the table sideways to see every column.")
    # The box takes focus and its arrow keys scroll it: the last column (the amount) is reachable by keyboard.
    wide.first.focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    assert wide.first.evaluate("box => box.scrollLeft") > 0
    assert axe(page) == []
    context.close()


def test_on_a_wide_screen_a_table_that_fits_gives_no_scroll_hint(browser, site_url):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(site_url + "decisions/opcc-d-033-23/")
    assert page.locator(".opcc-scroll-hint").count() == 0
    context.close()


def test_decision_page_tables_are_spaced_and_ruled_so_cells_never_run_together(page, site_url):
    page.goto(site_url + "decisions/opcc-d-033-23/")
    table = page.locator("table.opcc-table", has=page.locator("caption", has_text="Signatories"))
    cell = table.locator("tbody td").first
    style = cell.evaluate("td => { const s = getComputedStyle(td); return [s.paddingRight, s.borderBottomStyle]; }")
    assert float(style[0].removesuffix("px")) >= 8 and style[1] == "solid"
    # The text of one cell ends well before the next cell's begins: "Not stated" and "6 October 2023" apart.
    gap = table.locator("tbody tr").first.evaluate("""row => {
      const text = td => { const r = document.createRange(); r.selectNodeContents(td); return r.getBoundingClientRect(); };
      return text(row.cells[2]).left - text(row.cells[1]).right;
    }""")
    assert gap >= 8


def test_a_decisions_source_downloads_under_its_reference_and_title(page, site_url):
    page.goto(site_url + "decisions/opcc-d-033-23/")
    link = page.locator(".opcc-sources a").first
    expect(link).to_have_text("OPCC.D.033.23 – Sale of IP Addresses.pdf")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "OPCC.D.033.23 – Sale of IP Addresses.pdf"
    assert re.search(r"/sources/[0-9a-f]{64}\.pdf$", download.value.url)  # still named by its hash on the site


@pytest.mark.parametrize("path", [MONTH, PAPER])
def test_spend_months_and_panel_papers_link_the_source_files_they_were_read_from(page, site_url, path):
    page.goto(site_url + path)
    links = page.locator(".opcc-spend-sources a, .opcc-sources a")
    assert links.count() > 0
    for link in links.all():
        assert link.get_attribute("download") == link.inner_text()
        response = page.request.get(re.sub(r"[^/]*$", "", page.url) + link.get_attribute("href"))
        assert response.ok and len(response.body()) > 100
