"""The sitemap's ``lastmod``, page by page, from the history of the records each page shows.

MkDocs dates every page of its sitemap with the build's SOURCE_DATE_EPOCH (the newest date in
the data), so every page would claim to change whenever anything did. A page generated from
records is dated instead by the day its records last changed (``BuildContext.updated``, from
:mod:`opcc.history`); a page with no record of its own keeps MkDocs' date.
"""

from __future__ import annotations

import gzip
from xml.etree import ElementTree

from opcc.site.context import BuildContext
from opcc.site.opendata import site_url

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def page_url(relpath: str) -> str:
    """The address (under the site root) MkDocs gives a page of ``docs/``: ``a/b.md`` -> ``a/b/``."""
    stem = relpath.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"


def publish(ctx: BuildContext) -> int:
    """Rewrite site/sitemap.xml (and its .gz) with each dated page's lastmod; returns how many were dated."""
    path = ctx.site_dir / "sitemap.xml"
    if not path.exists():
        return 0
    site = site_url(ctx)
    dates = {page_url(relpath): day for relpath, day in ctx.updated.items()}
    ElementTree.register_namespace("", NS)
    tree = ElementTree.parse(path)
    dated = 0
    for url in tree.getroot().iter(f"{{{NS}}}url"):
        day = dates.get((url.findtext(f"{{{NS}}}loc") or "").removeprefix(site))
        lastmod = url.find(f"{{{NS}}}lastmod")
        if day is not None and lastmod is not None:
            lastmod.text = day.isoformat()
            dated += 1
    text = ElementTree.tostring(tree.getroot(), encoding="unicode", xml_declaration=False)
    data = ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
    path.write_bytes(data)
    (ctx.site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))
    return dated
