"""The home page and the pages of the Order's information classes.

The site is arranged by the classes of the ICO model publication scheme, which the
Specified Information Order's items map into (see shared/reference/sio.md §1):
who we are and what we do; what we spend; decisions (opcc.site.decisions); policies and
procedures; lists and registers; performance. A class with nothing published yet says so.
"""

from __future__ import annotations

from opcc.checks.duties import all_duties
from opcc.core.kinds.panel_report import PanelReport
from opcc.site.context import BuildContext
from opcc.site.decisions import Entry
from opcc.site.registers import generic_kinds
from opcc.site.transparency import counts, duties_of_class

# Class pages, each listing the duties of the Order in its class (duties.yml ``class``) with their
# status: (path, template, title, class).
CLASS_PAGES = [
    ("who-we-are.md", "pages/who-we-are.md", "Who we are and what we do", "who-we-are"),
    ("policies.md", "pages/policies.md", "Policies and procedures", "policies"),
    ("registers.md", "pages/registers.md", "Lists and registers", "registers"),
    ("performance.md", "pages/performance.md", "Performance", "performance"),
]
ACCESSIBILITY_DUTY = "a11y.statement"  # the document record whose last review the statement gives

LATEST = 5  # decisions listed on the home page
PAGE_SEARCH = {"search": {"filters": {"type": "Page"}}}  # the search page's "Type" filter


def sections_of_class(name: str) -> list[tuple[str, str]]:
    """``(title, path under the site root)`` of each register page whose kind meets a duty of the class."""
    classes = {duty.id: duty.class_ for duty in all_duties()}
    return [(kind.section.title, f"{kind.section.path}/") for kind in generic_kinds()
            if any(classes.get(duty) == name for duty in kind.duties)]


def generate(ctx: BuildContext, entries: list[Entry], papers: list[tuple[PanelReport, str]]) -> None:
    """Write the home page, the class pages and the accessibility statement.

    Runs after the spend module's ``generate`` so that "What we spend" can link to the
    spend section it wrote (``spend/index.md``), if it wrote one.
    """
    public = ctx.public
    dated = [e.decision.decision_date for e in entries if e.decision.decision_date]
    summary = {
        "decisions": len(entries),
        "latest_decision": max(dated) if dated else None,
        "spend_rows": len(public.spend),
        "panel_reports": len(public.panel_reports),
    }
    ctx.write_page("index.md", "pages/home.md", title=ctx.settings.site.title,
                   meta={"search": {"exclude": True}}, summary=summary, latest=entries[:LATEST],
                   duties=counts(ctx.duties), duty_count=len(ctx.duties))
    ctx.write_page(
        "what-we-spend.md", "pages/what-we-spend.md", title="What we spend", meta=PAGE_SEARCH,
        summary=summary, spend_section=(ctx.docs_dir / "spend" / "index.md").exists(),
        duties=duties_of_class(ctx, "what-we-spend"), sections=sections_of_class("what-we-spend"),
        panel_reports=[(report, "../" + path.removesuffix(".md") + "/")
                       for report, path in sorted(papers, key=lambda p: (p[0].date is None, p[0].date, p[0].title or ""))],
    )
    for path, template, title, name in CLASS_PAGES:
        ctx.write_page(path, template, title=title, meta=PAGE_SEARCH, summary=summary, duties=duties_of_class(ctx, name),
                       sections=sections_of_class(name))
    reviewed = [record.last_reviewed for _, record in ctx.public.records.get("document", [])
                if ACCESSIBILITY_DUTY in record.duties and record.last_reviewed]
    ctx.write_page("accessibility.md", "pages/accessibility.md", title="Accessibility statement", meta=PAGE_SEARCH,
                   summary=summary, last_reviewed=max(reviewed, default=None))
