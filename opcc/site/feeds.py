"""The Atom feed of decisions (``site/feeds/decisions.xml``).

Deterministic: each entry's date is the decision's date, and the feed's ``updated`` is the
newest of them, never the clock. Undated decisions are left out, since an Atom entry must
carry a date and inventing one would mislead subscribers; they are in the register.
"""

from __future__ import annotations

from opcc.site.context import BuildContext
from opcc.site.decisions import Entry, page_title
from opcc.site.opendata import site_url

FEED_PATH = "feeds/decisions.xml"
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
