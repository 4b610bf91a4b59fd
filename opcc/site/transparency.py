"""The transparency index: every duty of the Order, in its own order and words, with its status in
words, when it was last published and a link to where it is met; the same list as JSON; and an Atom
feed of what was published or changed.

    generate(ctx)   before MkDocs: ``transparency/index.md`` from ``ctx.duties``, the results of the
                    duty checker (opcc.checks.duties) that ``opcc check`` prints
    publish(ctx)    after MkDocs: ``data/duties.json`` and ``feeds/changes.xml``; returns the
                    Data Package resource of the JSON

The feed lists each record's publication and each later change, newest first, dated by the git
history of ``data/`` (or a record's own ``published`` date, for one published before its history was
kept). A change not yet committed is not in it: it has no date until it is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from opcc.core.registry import kinds
from opcc.core.text import slugify
from opcc.site.context import BuildContext
from opcc.site.opendata import OGL, site_url

PAGE = "transparency/index.md"
DUTIES_JSON = "data/duties.json"
FEED_PATH = "feeds/changes.xml"
FEED_SIZE = 100  # the newest changes; the history of data/ holds them all


def groups(results: list) -> list[tuple[str, str, list]]:
    """``(group, its HTML id, its results)`` in the Order's order."""
    found: dict[str, list] = {}
    for result in results:
        found.setdefault(result.duty.group, []).append(result)
    return [(group, slugify(group), members) for group, members in found.items()]


def counts(results: list) -> dict[str, int]:
    from opcc.checks.duties import STATUSES

    return {status: sum(r.status == status for r in results) for status in STATUSES}


def generate(ctx: BuildContext) -> None:
    results = ctx.duties
    ctx.write_page(PAGE, "pages/transparency.md", title="Transparency: what the Order requires us to publish",
                   meta={"search": {"filters": {"type": "Page"}}},
                   groups=groups(results), counts=counts(results), results=results,
                   as_of=results[0].as_of if results else None, root="../")


# -- the feed of changes ---------------------------------------------------------------------------

@dataclass(frozen=True)
class FeedItem:
    date: dt.date
    title: str
    link: str  # under the site root
    summary: str

    @property
    def key(self) -> str:
        """A stable Atom id: the same change keeps it however many are published after it."""
        digest = hashlib.sha256(f"{self.title}\n{self.summary}".encode()).hexdigest()[:12]
        return f"{self.link}#change-{self.date.isoformat()}-{digest}"


def _record_items(ctx: BuildContext) -> list[FeedItem]:
    from opcc.site.dates import record_dates
    from opcc.site.registers import anchor_of

    found = []
    for name, records in ctx.public.records.items():
        kind = kinds()[name]
        for path, record in records:
            title = getattr(record, "title", None) or kind.title
            link = f"{kind.section.path}/#{anchor_of(kind, record)}"
            found += _changes(record_dates(ctx.history, path, record.published, name), f"{kind.title}: {title}", link)
    return found


def _decision_items(ctx: BuildContext, entries: list) -> list[FeedItem]:
    from opcc.site.dates import record_dates
    from opcc.store import record_relpath

    found = []
    for entry in entries:
        path = ctx.settings.data_dir / record_relpath(entry.decision, ctx.settings)
        dates = record_dates(ctx.history, path, entry.decision.published, "decision", details=False)
        found += _changes(dates, f"Decision {entry.decision.reference or entry.slug}", entry.url)
    return found


def _changes(dates, title: str, link: str) -> list[FeedItem]:
    items = []
    for change in dates.changes:
        if change.date is None:
            continue
        what = f" (changed: {'; '.join(change.fields)})" if change.fields else ""
        items.append(FeedItem(change.date, title, link, f"{change.subject}{what}"))
    return items


def feed_items(ctx: BuildContext, entries: list) -> list[FeedItem]:
    items = _record_items(ctx) + _decision_items(ctx, entries)
    return sorted(items, key=lambda i: (-i.date.toordinal(), i.link, i.summary))[:FEED_SIZE]


def publish(ctx: BuildContext, entries: list) -> list[dict]:
    """The duties as JSON, the feed of changes; the JSON's Data Package resource."""
    ctx.write_file(DUTIES_JSON, json.dumps([r.as_json() for r in ctx.duties], ensure_ascii=False, indent=1) + "\n")
    items = feed_items(ctx, entries)
    site = site_url(ctx)
    body = ctx.env.get_template("feeds/changes.xml").render(
        settings=ctx.settings, site=site, feed_url=site + FEED_PATH,
        updated=items[0].date if items else None, items=items)
    ctx.write_file(FEED_PATH, body)
    return [{"name": "duties", "path": DUTIES_JSON, "format": "json", "mediatype": "application/json",
             "title": "Each duty of the Specified Information Order and whether it is met", "licenses": [OGL]}]


def duties_of_class(ctx: BuildContext, name: str) -> list:
    """The results listed on one of the site's class pages (who-we-are, what-we-spend...)."""
    return [r for r in ctx.duties if r.duty.class_ == name]

