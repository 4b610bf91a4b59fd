"""Text from source documents stays text: no markup, link or template code gets through.

Hostile strings (script tags, event attributes, ``javascript:`` links in HTML and
Markdown, Jinja ``{{ }}``/``{% %}``, control characters) are put in every text field
of a decision and rendered like the site does it: the real page templates through
``BuildContext.write_page``, then Python-Markdown with the extensions ``mkdocs.yml``
configures. The HTML that comes out is parsed and compared with the same page made
from harmless text: no element, attribute or link may appear that the templates did
not write. A handful also go through the whole ``opcc build``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from opcc.core.kinds.decision import CostTable, Decision, Signatory
from opcc.core.kinds.expenditure import SPEND_COLUMNS
from opcc.core.settings import load_settings
from opcc.gate import PublicData
from opcc.site import decisions
from opcc.site.build import MKDOCS_YML, build_site, template_environment
from opcc.site.context import BuildContext
from opcc.store import Store

REPO = Path(__file__).resolve().parent.parent
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}

PIECES = [
    "<script>alert(1)</script>", "<script src=//evil.example/x.js></script>", "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>', "<iframe src=javascript:alert(1)>", "<svg onload=alert(1)>",
    '" onmouseover="alert(1)', "' autofocus onfocus='alert(1)", "</p></dd></dl><script>x</script>",
    "[click](javascript:alert(1))", "![x](javascript:alert(1))", "<javascript:alert(1)>", "[a]: javascript:x",
    "{{ 7*7 }}", "{{ settings.contact }}", "{% include 'base.html' %}", "{% raw %}", "{# c #}", "${7*7}",
    "**bold**", "# Heading", "| a | b |\n|---|---|", "<!-- x -->", "]]>", "&amp;", "&#60;b&#62;",
    "\x00", "\x07", "\x1b[31m", "\x0b", "\r\n", "\n\n", "\u202e", "\ufeff", "    indented",
    "{: onclick=alert(1) }", "!!! note", "<style>body{}</style>", "<base href=//evil.example/>",
    "```\ncode\n```", "\n~~~\n<b>x</b>\n~~~\n", "`<b>x</b>`", "--8<-- 'README.md'",
]
hostile_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=1, max_size=8).map("".join)


class Structure(HTMLParser):
    """The elements, attribute names and link targets of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.urls: set[str] = set()
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name in URL_ATTRIBUTES:
                self.urls.add(value or "")

    handle_startendtag = handle_starttag

    def extra_over(self, baseline: Structure) -> dict:
        """What this page has that the harmless page has not."""
        return {key: found for key, found in {
            "elements": self.tags - baseline.tags,
            "attributes": self.attributes - baseline.attributes,
            "links": self.urls - baseline.urls,
        }.items() if found}


def decision_with(text: str) -> Decision:
    """A decision with ``text`` in every field that holds text from a source document."""
    return Decision(
        reference="OPCC.D.001.24", body="Kent Police and Crime Commissioner", title=text, summary=text,
        recommendation=text, decision=text, originator=text, decision_maker=text, decision_maker_role=text,
        decision_date=dt.date(2024, 5, 1), outcome="approved", withheld_parts=[text], background_documents=[text],
        impact_assessments={"privacy": text, text: "None"}, signatories=[Signatory(role=text, name=text)],
        cost_tables=[CostTable(title=text, unit=text, header=[text, "2024/25"], rows=[[text, "120"]])],
        topics=[text],
    )


@pytest.fixture(scope="module")
def render(tmp_path_factory):
    """``render(decision) -> HTML`` of its page: real templates, then Markdown as MkDocs does it."""
    root = tmp_path_factory.mktemp("render")
    shutil.copyfile(REPO / "opcc.yml", root / "opcc.yml")
    site_settings = load_settings(root / "opcc.yml")
    mkdocs = load_config(str(MKDOCS_YML), docs_dir=str(REPO / "docs"))  # its docs_dir is made by the build
    extensions, configs = mkdocs["markdown_extensions"], mkdocs["mdx_configs"]

    def run(decision: Decision) -> str:
        public = PublicData(decisions=[decision], spend=pd.DataFrame(columns=SPEND_COLUMNS), panel_reports=[])
        ctx = BuildContext(site_settings, public, root / "docs", root / "site", env=template_environment())
        [entry] = decisions.register([decision], site_settings)
        decisions.generate(ctx, [entry])
        page = (ctx.docs_dir / "decisions" / f"{entry.slug}.md").read_text(encoding="utf-8")
        body = page.split("---\n", 2)[2]  # the front matter is YAML for MkDocs, not part of the page body
        return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body)

    return run


@pytest.fixture(scope="module")
def baseline(render) -> Structure:
    return Structure(render(decision_with("Harmless text")))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_text)
def test_hostile_text_renders_as_text(render, baseline, text):
    page = Structure(render(decision_with(text)))
    assert page.extra_over(baseline) == {}


@pytest.mark.parametrize("text", PIECES)
def test_each_hostile_piece_on_its_own_renders_as_text(render, baseline, text):
    html = render(decision_with(text))
    assert Structure(html).extra_over(baseline) == {}
    assert "javascript:" not in "".join(Structure(html).urls)


def test_template_syntax_is_shown_not_run(render):
    html = render(decision_with("Total {{ 7*7 }} and {% if true %}yes{% endif %}"))
    assert "Total {{ 7*7 }} and {% if true %}yes{% endif %}" in html
    assert "Total 49" not in html


# -- through the whole build -------------------------------------------------------------------

THROUGH_THE_BUILD = [
    "<script>alert('built')</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>",
    '"><svg onload=alert(4)> {{ settings.contact.email }} {% include "base.html" %}',
    "Line one\n\n# Not a heading\n\n<iframe src=javascript:alert(5)></iframe>\x00\x1b[0m",
    "</dd></dl></article><a href=javascript:alert(6)>x</a>{: onclick=alert(7) }",
    "![x](javascript:alert(8)) <base href=//evil.example/> <style>*{display:none}</style>",
]


def test_hostile_records_in_data_build_into_inert_pages(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copyfile(REPO / "opcc.yml", root / "opcc.yml")
    project = load_settings(root / "opcc.yml")
    store = Store(project)
    harmless = decision_with("Harmless text").model_copy(update={"reference": "OPCC.D.100.24"})
    records = [harmless] + [decision_with(text).model_copy(update={"reference": f"OPCC.D.{n:03d}.24"})
                            for n, text in enumerate(THROUGH_THE_BUILD, 101)]
    for record in records:
        store.write_record(store.public, Path("decisions", "kent", "2024", f"{record.reference}.yaml"), record)
    build_site(project)

    def page(reference: str) -> str:
        """The built page, its own address written as SLUG, so that pages can be compared."""
        slug = reference.lower().replace(".", "-")
        html = (project.site_dir / "decisions" / slug / "index.html").read_text(encoding="utf-8")
        return html.replace(slug, "SLUG")

    expected = Structure(page("OPCC.D.100.24"))
    for n in range(101, 101 + len(THROUGH_THE_BUILD)):
        built = Structure(page(f"OPCC.D.{n:03d}.24"))
        assert built.extra_over(expected) == {}, f"OPCC.D.{n:03d}.24"
        assert not any(url.lower().startswith("javascript:") for url in built.urls)
