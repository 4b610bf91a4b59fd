"""The decision register's ordering, page names and rendering, without building a site."""

from __future__ import annotations

import datetime as dt

from conftest import REPO

from opcc.core.kinds.decision import Decision
from opcc.core.settings import load_settings
from opcc.site.build import template_environment
from opcc.site.decisions import register


def test_register_is_newest_first_with_unique_slugs():
    settings = load_settings(REPO / "opcc.yml")
    decisions = [
        Decision(reference="A/1", decision_date=dt.date(2020, 1, 1)),
        Decision(reference="A 1", decision_date=dt.date(2021, 1, 1)),  # the same slug as A/1
        Decision(reference=None, decision_date=None),
        Decision(reference="B.2", decision_date=dt.date(2019, 5, 1), classification="confidential"),
    ]
    entries = register(decisions, settings)
    assert [e.decision.reference for e in entries] == ["A 1", "A/1", "B.2", None]
    assert [e.slug for e in entries] == ["a-1", "a-1-2", "b-2", "undated-decision"]
    assert [e.year for e in entries] == ["2021", "2020", "2019", "Undated"]
    assert entries[2].outcome == "Exempt"


def test_register_row_values_are_escaped():
    settings = load_settings(REPO / "opcc.yml")
    entries = register([Decision(reference="<b>R</b>", title="<script>x</script>", decision_maker='"quoted"',
                                 decision_date=dt.date(2020, 1, 1))], settings)
    html = template_environment().get_template("decisions/register.md").render(
        settings=settings, title="Decisions", entries=entries,
        choices={"bodies": ["Kent PCC"], "years": ["2020"], "outcomes": [], "makers": ['"quoted"'], "topics": []})
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert 'data-maker="&#34;quoted&#34;"' in html and "&lt;b&gt;R&lt;/b&gt;" in html
