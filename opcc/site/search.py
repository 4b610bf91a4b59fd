"""The search index: Pagefind over the finished HTML in site/, written to site/pagefind/.

Pagefind splits the index into chunks by term, so a query fetches only the chunks it needs
(well under 300 KB, however many pages there are). What is indexed, filtered and sorted is set
by the pages themselves (docs/overrides/main.html): ``data-pagefind-body`` around the content,
``data-pagefind-filter`` for type and year, ``data-pagefind-sort`` for date. The search page
(docs/search.md, assets/javascripts/search.js) queries it through Pagefind's JavaScript API.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex


async def _index(site_dir: Path) -> int:
    config = IndexConfig(root_selector="html", force_language="en", output_path=str(site_dir / "pagefind"))
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
        await index.write_files()
    return int(result["page_count"])


def index(site_dir: Path) -> int:
    """Index site/ and write the bundle; returns the number of pages indexed."""
    return asyncio.run(_index(site_dir))
