"""``opcc build``: data/ -> site/, in timed stages.

1. gate      ``public_data(store)``: the only data any later stage sees.
   duties    the duty checker (opcc.checks.duties), as ``opcc check`` runs it: its results make the
             transparency page and the class pages' lists; with ``checks.fail_build`` in opcc.yml, a
             verified duty missing or late fails the build here.
2. generate  Markdown pages into ``build/docs/`` (a copy of ``docs/`` without its overrides,
             plus the pages generated from the records with Jinja2).
3. mkdocs    MkDocs (Material) builds ``build/docs/`` into ``site/``, with ``mkdocs.yml`` and
             the theme overrides in ``docs/overrides/``.
4. publish   files placed straight into site/: source documents of published decisions and
             documents, downloads, the Atom feeds, the spend data, ``datapackage.json``.
5. search    the Pagefind index of site/.
6. checks    the leak scan (opcc.checks.leakscan); a hit fails the build.

Every stage writes into ``build/site/``; only when every check has passed does it replace
``site/``, so a build that fails (a leak found, say) never leaves what it made where it could
be served or deployed, and the last good site/ stays as it was.

The same data/ gives a byte-identical site/: pages are generated in a fixed order, MkDocs
dates its sitemap from SOURCE_DATE_EPOCH (set here from the newest date in the data, not the clock).
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import os
import re
import shutil
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import jinja2
import pandas as pd
from markupsafe import escape

from opcc.checks.duties import check, summary
from opcc.checks.leakscan import scan
from opcc.core.settings import Settings
from opcc.gate import PublicData, public_data, withheld_in_data
from opcc.history import History
from opcc.site import (
    decisions,
    feeds,
    opendata,
    pages,
    panel,
    registers,
    search,
    sitemap,
    spend,
    transparency,
)
from opcc.site.context import BuildContext, environment
from opcc.store import Store

PROJECT = Path(__file__).resolve().parents[2]
MKDOCS_YML = PROJECT / "mkdocs.yml"
DOCS = PROJECT / "docs"
EPOCH_WITHOUT_DATA = 315532800  # 1980-01-01, the earliest date a zip file can hold


# -- template helpers, shared by every page generator through ctx.env --------------------------

def money(value: Decimal | None) -> str:
    return "" if value is None else f"£{value:,.2f}"


def longdate(value: dt.date | None) -> str:
    return "Not stated" if value is None else f"{value.day} {value:%B %Y}"


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def template_environment() -> jinja2.Environment:
    env = environment()
    env.filters.update(money=money, longdate=longdate, paragraphs=paragraphs, jsonld=opendata.jsonld)
    return env


# -- stages -----------------------------------------------------------------------------------

class Timings:
    def __init__(self) -> None:
        self.stages: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        yield
        self.stages.append((name, time.perf_counter() - start))

    def report(self) -> str:
        total = sum(seconds for _, seconds in self.stages)
        return ", ".join(f"{name} {seconds:.1f}s" for name, seconds in self.stages) + f" (total {total:.1f}s)"


def data_epoch(public: PublicData) -> int:
    """SOURCE_DATE_EPOCH for this data: midnight UTC of the newest date in it."""
    dates = [d.decision_date for d in public.decisions if d.decision_date]
    if len(public.spend) and "date" in public.spend:
        newest = pd.to_datetime(public.spend["date"], errors="coerce").max()
        if not pd.isna(newest):
            dates.append(newest.date())
    return calendar.timegm(max(dates).timetuple()) if dates else EPOCH_WITHOUT_DATA


def prepare_docs(build_docs: Path) -> None:
    """A fresh copy of the hand-written docs/ (without the theme overrides) to generate into."""
    if build_docs.exists():
        shutil.rmtree(build_docs)
    shutil.copytree(DOCS, build_docs, ignore=lambda folder, names: ["overrides"] if Path(folder) == DOCS else [])


def run_mkdocs(ctx: BuildContext, epoch: int) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    settings = ctx.settings
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(
        str(MKDOCS_YML),
        docs_dir=str(ctx.docs_dir),
        site_dir=str(ctx.site_dir),
        site_name=settings.site.title,
        # Printed by Material as it is, so escaped here.
        site_description=str(escape(f"The open data {settings.body.name} publishes under the Elected Local "
                                    "Policing Bodies (Specified Information) Order 2011: spending, decisions, "
                                    "registers, policies and reports.")),
        site_url=settings.site.url,
        repo_url=settings.site.repository,
        copyright=f"{settings.body.name}. Published under the {settings.site.licence}.",
    )
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        build(config)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def run_duties(settings: Settings, public: PublicData | None = None) -> list:
    """The duty checker's results; a verified duty missing or late fails the build if opcc.yml says so."""
    results = check(settings, spend=public.spend if public is not None else None)
    failing = [r for r in results if r.fails]
    if failing and settings.checks.fail_build:
        raise RuntimeError("verified duties of the Order are missing or late (checks.fail_build is on): "
                           + "; ".join(f"{r.duty.id} {r.status}: {r.reason}" for r in failing)
                           + ". Publish what would meet each (opcc check says), or write a waiver with the reason "
                             "in data/waivers.yaml")
    return results


def run_checks(settings: Settings, site_dir: Path) -> str:
    """The leak scan (opcc.checks.leakscan) over the new site and the repository; any hit fails the build.
    So does a value that may never be published, held in data/ (a name written in by hand)."""
    from opcc.checks.digest import CannotCheck

    held = withheld_in_data(Store(settings))
    if held:
        raise RuntimeError("data/ holds values withheld from publication: " + "; ".join(held))
    try:
        hits = scan(settings, site_dir)
    except CannotCheck as exc:
        raise RuntimeError(str(exc)) from None
    if hits:
        raise RuntimeError("withheld text found in the published files: " + "; ".join(map(str, hits)))
    return "leak scan clean"


def build_site(settings: Settings) -> str:
    """Build site/ from data/; returns a one-paragraph report, raises RuntimeError if a check fails."""
    timings = Timings()

    with timings.stage("gate"):
        public = public_data(Store(settings))
    with timings.stage("duties"):
        duties = run_duties(settings, public)
    staging = settings.root / "build" / "site"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        with History.of(settings.data_dir) as history:
            ctx = BuildContext(settings, public, settings.root / "build" / "docs", staging,
                               env=template_environment(), history=history, duties=duties)
            report = _build(ctx, public, timings)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, settings.site_dir)
    return report


def _swap_in(staging: Path, site: Path) -> None:
    """Put the checked build where the site is served from, in place of the last one."""
    old = staging.with_name("site.old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def _build(ctx: BuildContext, public: PublicData, timings: Timings) -> str:
    settings = ctx.settings

    with timings.stage("generate"):
        prepare_docs(ctx.docs_dir)
        entries = decisions.register(public.decisions, settings)
        decisions.generate(ctx, entries)
        spend.generate(ctx)
        papers = panel.generate(ctx)
        for kind in registers.generic_kinds():
            registers.generate(ctx, kind)
        transparency.generate(ctx)
        pages.generate(ctx, entries, papers)  # after spend: the class page links to what it wrote
        opendata.generate(ctx, entries)

    with timings.stage("mkdocs"):
        run_mkdocs(ctx, data_epoch(public))

    with timings.stage("publish"):
        sources = decisions.publish(ctx, entries)
        panel.publish(ctx)
        feeds.publish(ctx, entries)
        spend.publish(ctx)
        panel.write_refs(ctx, {e.decision.reference: e.url for e in entries if e.decision.reference})
        resources = spend.resources(ctx)
        for kind in registers.generic_kinds():
            resources += registers.publish(ctx, kind)
        resources += transparency.publish(ctx, entries)
        feeds.publish_sitemap(ctx)  # after every feed is written
        sitemap.publish(ctx)
        opendata.publish(ctx, entries, resources)

    with timings.stage("search"):
        indexed = search.index(ctx.site_dir)

    with timings.stage("checks"):
        checks = run_checks(settings, ctx.site_dir)

    withheld = sum(d.withheld for d in public.decisions)
    # Records of other bodies stay in data/ but are not this body's to publish; say so, so
    # that a person who ingested one is not left wondering where it went.
    others = f" Not published (another body's records): {'; '.join(public.other_bodies)}." if public.other_bodies else ""
    return (
        f"built {settings.site_dir}: {len(entries)} decisions ({withheld} exempt, shown as stubs), "
        f"{len(public.spend)} spend rows, {sources} source documents, {indexed} pages searchable; "
        f"{checks}; {summary(ctx.duties)}. {timings.report()}{others}"
    )
