"""Every page of the built sample site, loaded in Chromium, asks only its own site for anything,
and everything it asks for is there: no third-party requests, no missing files."""

from __future__ import annotations

from urllib.parse import urlsplit

from conftest import LOCAL_HOSTS


def _every_page(site_dir) -> list[str]:
    """The address of every page in site/, relative to the site's root ('' for the home page)."""
    pages = sorted(p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")
                   if "pagefind" not in p.parts)
    return ["" if p == "." else p + "/" for p in pages]


def _load(page, url: str) -> tuple[list[str], list[str]]:
    """Load url and wait until the page has stopped asking for things; returns what failed
    (an error status, other than the page's own, or no answer) and what went to another host."""
    failed, elsewhere = [], []
    listeners = {
        "response": lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != url else None,
        "requestfailed": lambda r: failed.append(f"{r.failure} {r.url}"),
        "request": lambda r: elsewhere.append(r.url)
        if r.url.startswith("http") and urlsplit(r.url).hostname not in LOCAL_HOSTS else None,
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for event, listener in listeners.items():
        page.remove_listener(event, listener)
    return failed, elsewhere


def test_every_page_makes_no_failed_and_no_third_party_requests(page, site_url, built_site):
    pages = _every_page(built_site.site_dir) + ["search/?q=budget"]
    assert len(pages) > 50  # the whole sample site, not a few pages
    failed, elsewhere = {}, {}
    for path in pages:
        bad, other = _load(page, site_url + path)
        if bad:
            failed[path] = bad
        if other:
            elsewhere[path] = other
    print(f"{len(pages)} pages loaded: {len(failed)} with failed requests, {len(elsewhere)} with off-site ones")
    assert failed == {}
    assert elsewhere == {}


def test_a_missing_page_is_answered_with_the_sites_own_404_page_styled_and_complete(page, site_url):
    response = page.goto(site_url + "decisions/no-such-decision/")
    assert response.status == 404
    assert "Error response" not in page.content()  # not Python's own error page
    assert page.locator("header.md-header").count() == 1  # the site's header and style
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.wait_for_load_state("networkidle")  # else the next load aborts this page's favicon, and counts it
    failed, elsewhere = _load(page, site_url + "no-such-page/")
    assert failed == [] and elsewhere == []
