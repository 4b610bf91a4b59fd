"""The Atom feed of decisions (``site/feeds/decisions.xml``), and the sitemap of the feeds.

Deterministic: each entry's date is the decision's date, and the feed's ``updated`` is the
newest of them, never the clock. Undated decisions are left out, since an Atom entry must
carry a date and inventing one would mislead subscribers; they are in the register.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from opcc.site.context import BuildContext
from opcc.site.decisions import Entry, page_title
from opcc.site.opendata import site_url

FEED_PATH = "feeds/decisions.xml"
SITEMAP_PATH = "feeds/sitemap.xml"
FEED_SIZE = 100  # the newest decisions; the register and the downloads hold them all


def publish(ctx: BuildContext, entries: list[Entry]) -> None:
    dated = [e for e in entries if e.decision.decision_date][:FEED_SIZE]  # entries are newest first
    site = site_url(ctx)
    body = ctx.env.get_template("feeds/decisions.xml").render(
        settings=ctx.settings,
        site=site,
        feed_url=site + FEED_PATH,
        updated=dated[0].decision.decision_date if dated else None,
        items=[(e, page_title(e)) for e in dated],
    )
    ctx.write_file(FEED_PATH, body)


def publish_sitemap(ctx: BuildContext) -> None:
    """``feeds/sitemap.xml``: the feeds, for crawlers. Every page links its feed as
    ``rel="alternate"``, which Material reads as another language's version of the site and
    asks for that folder's sitemap.xml; this answers it, rather than leave every page with a
    failed request (or give feed readers a link they cannot discover)."""
    site = site_url(ctx)
    feeds = sorted(p.relative_to(ctx.site_dir).as_posix() for p in (ctx.site_dir / "feeds").glob("*.xml")
                   if p.name != "sitemap.xml")
    urls = "".join(f"  <url><loc>{escape(site + path)}</loc></url>\n" for path in feeds)
    ctx.write_file(SITEMAP_PATH, '<?xml version="1.0" encoding="UTF-8"?>\n'
                   '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "</urlset>\n")
