"""The Atom feed of decisions (``site/feeds/decisions.xml``), and the sitemap of the feeds.

Each entry's ``published`` and ``updated`` are the days its record was first published and last
changed, from the history of data/ (:mod:`opcc.history`), so an amended notice shows as updated; a
record not yet committed is dated by its decision. The feed's ``updated`` is the newest entry's,
never the clock. Undated decisions are left out, since an Atom entry must carry a date and
inventing one would mislead subscribers; they are in the register.
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
    history = ctx.cache.get("decision_dates", {})
    items = []
    for entry in dated:
        dates = history.get(entry.slug)
        published = (dates and dates.first_published) or entry.decision.decision_date
        updated = max(published, (dates and dates.last_updated) or published)
        items.append((entry, page_title(entry), published, updated))
    site = site_url(ctx)
    body = ctx.env.get_template("feeds/decisions.xml").render(
        settings=ctx.settings,
        site=site,
        feed_url=site + FEED_PATH,
        updated=max((updated for *_, updated in items), default=None),
        items=items,
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
