"""The decision register (SIO Schedule 1 para 5(d)): one table of every decision, one page each.

Everything here comes from ``PublicData.decisions``: a withheld decision is already a stub
(reference, date, decision maker, reason), so its page can show nothing else. Source files
are copied into ``site/sources/<sha256><ext>`` (content-addressed; a PDF as its clean copy) only for the decisions the
gate published in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from opcc.core.kinds.decision import Decision
from opcc.core.model import SourceFile
from opcc.core.settings import Settings
from opcc.core.text import slugify
from opcc.site.context import BuildContext
from opcc.site.dates import record_dates
from opcc.site.sources import download_name, public_files, publish_file, url_of
from opcc.store import record_relpath

OUTCOME_LABELS = {"approved": "Approved", "rejected": "Rejected", "deferred": "Deferred", None: "Not stated"}
WITHHELD_LABEL = "Exempt from publication"


@dataclass(frozen=True)
class Entry:
    """A decision as the site lists it: the gated record plus what the build derives from it."""

    decision: Decision
    slug: str
    topics: tuple[str, ...]
    body: str = ""  # the label of the body it is a decision of (opcc.yml's body or one it publishes)

    @property
    def url(self) -> str:
        """The page's address relative to the site root."""
        return f"decisions/{self.slug}/"

    @property
    def year(self) -> str:
        return str(self.decision.decision_date.year) if self.decision.decision_date else "Undated"

    @property
    def outcome(self) -> str:
        return "Exempt" if self.decision.withheld else OUTCOME_LABELS[self.decision.outcome]


def published_sources(entry: Entry, files: dict[str, Path]) -> list[tuple[SourceFile, Path]]:
    """The source files of a decision the site may publish, with their public copies:
    none for a withheld decision, and only files the public store holds."""
    if entry.decision.withheld:
        return []
    return [(source, files[source.sha256]) for source in entry.decision.sources if source.sha256 in files]


def assign_topics(decision: Decision, vocabulary: dict[str, list[str]]) -> tuple[str, ...]:
    """The topics whose words appear in the title or summary, plus any a person set on the record.

    A word matches whole, in any case, with a plural or verb ending ("fund" finds "funding",
    "vehicle" finds "vehicles") but not inside another word ("commission" misses "Commissioner").
    """
    text = " ".join(filter(None, [decision.title, decision.summary])).casefold()
    found = {
        topic
        for topic, words in vocabulary.items()
        if any(re.search(rf"\b{re.escape(word.casefold())}(?:s|es|ing|ed)?\b", text) for word in words)
    }
    return tuple(sorted(found | set(decision.topics)))


def _sort_key(decision: Decision) -> tuple:
    # Newest first; undated last; the reference breaks ties so the order never depends on the disk.
    date = decision.decision_date
    return (date is None, -(date.toordinal() if date else 0), decision.reference or "")


def register(decisions: list[Decision], settings: Settings) -> list[Entry]:
    """Every published decision in register order, each with a unique page slug and its topics."""
    entries, taken = [], set()
    for decision in sorted(decisions, key=_sort_key):
        base = slugify(decision.reference or "") or (
            f"source-{decision.sources[0].sha256[:12]}" if decision.sources else "undated-decision"
        )
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        body = settings.published_body(decision.body)
        entries.append(Entry(decision, slug, assign_topics(decision, settings.topics),
                             body.label if body else decision.body or ""))
    return entries


def _search_meta(entry: Entry) -> dict:
    decision = entry.decision
    meta = {"filters": {"type": "Decision", "year": entry.year}}
    if decision.decision_date:
        meta["sort"] = {"date": decision.decision_date.isoformat()}
    return meta


def _description(entry: Entry) -> str:
    """The page's meta description: what the register row says (a stub's, for a withheld decision)."""
    d = entry.decision
    when = f"{d.decision_date.day} {d.decision_date:%B %Y}" if d.decision_date else "undated"
    return f"Decision {d.reference or ''} of {d.body or 'the Commissioner'}, {when}: {page_title(entry)}."


def page_title(entry: Entry) -> str:
    decision = entry.decision
    if decision.withheld:
        return f"Decision {decision.reference or ''}: {WITHHELD_LABEL}".strip()
    return decision.title or f"Decision {decision.reference or entry.slug}"


def generate(ctx: BuildContext, entries: list[Entry]) -> None:
    """Write the register page and one page per decision into the build's docs folder."""
    choices = {
        "years": sorted({e.year for e in entries}, reverse=True),
        "bodies": sorted({e.body for e in entries}),
        "outcomes": sorted({e.outcome for e in entries}),
        "makers": sorted({e.decision.decision_maker for e in entries if e.decision.decision_maker}),
        "topics": sorted({t for e in entries for t in e.topics}),
    }
    ctx.write_page(
        "decisions/index.md", "decisions/register.md", title="Decisions",
        meta={"search": {"exclude": True}}, entries=entries, choices=choices,
    )
    files = public_files(ctx)
    for entry in entries:
        template = "decisions/stub.md" if entry.decision.withheld else "decisions/decision.md"
        label = " – ".join(filter(None, [entry.decision.reference, entry.decision.title]))
        sources = [(source, url_of(path), download_name(label, source.filename))
                   for source, path in published_sources(entry, files)]
        # A source the gate kept out of data/sources is named by its hash only: its file name may say too much.
        unpublished = [s.sha256 for s in entry.decision.sources if s.sha256 not in files]
        path = ctx.settings.data_dir / record_relpath(entry.decision, ctx.settings)
        dates = record_dates(ctx.history, path, entry.decision.published, "decision")
        ctx.cache.setdefault("decision_dates", {})[entry.slug] = dates  # the feed's published and updated
        ctx.write_page(
            f"decisions/{entry.slug}.md", template, title=page_title(entry), description=_description(entry),
            meta={"search": _search_meta(entry)}, entry=entry, d=entry.decision, sources=sources,
            unpublished=unpublished, root="../../", dates=dates,
        )


def publish(ctx: BuildContext, entries: list[Entry]) -> int:
    """Copy the source file of every fully published decision into site/; returns how many."""
    files = public_files(ctx)
    copied = set()
    for entry in entries:
        for source, path in published_sources(entry, files):
            publish_file(ctx, path)
            copied.add(source.sha256)
    return len(copied)
