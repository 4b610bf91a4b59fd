"""A panel paper's page and the way back from payments to the papers and decisions that name them
(opcc/site/panel.py), built from a small gated frame (no MkDocs)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from test_site_spend import ROOT, spend_frame

from opcc.core.kinds.decision import Decision
from opcc.core.kinds.panel_report import PanelItem, PanelReport
from opcc.core.settings import load_settings
from opcc.gate import PublicData
from opcc.site import panel
from opcc.site.build import template_environment
from opcc.site.context import BuildContext

PAPER = PanelReport(title="Update on expenditure", date=dt.date(2018, 7, 19), items=[
    PanelItem(supplier="The Police ICT Company Ltd", amount=Decimal("60000.00"), date=dt.date(2018, 4, 10)),
    PanelItem(supplier="Dandelion Trust", amount=Decimal("16258.50"), date=dt.date(2018, 4, 18)),  # only alike
    PanelItem(supplier="Nobody Ltd", amount=Decimal("1.00"), date=dt.date(2018, 4, 18)),
])
DECISIONS = [
    Decision(reference="OPCC.D.012.18", title="Membership of the Police ICT Company", decision_date=dt.date(2018, 3, 1)),
    Decision(reference="OPCC.D.013.18", title="Dandelion Time: grant", classification="confidential",
             for_publication=False),  # withheld: never named as a reference
]


def build(tmp) -> BuildContext:
    ctx = BuildContext(settings=load_settings(ROOT / "opcc.yml"),
                       public=PublicData(decisions=DECISIONS, spend=spend_frame(), panel_reports=[PAPER]),
                       docs_dir=tmp / "docs", site_dir=tmp / "site", env=template_environment())
    panel.generate(ctx)
    panel.write_refs(ctx, {d.reference: f"decisions/{d.reference.lower().replace('.', '-')}/" for d in DECISIONS})
    return ctx


def test_only_a_sure_match_is_linked_to_its_payment_and_the_payment_and_supplier_know_the_paper(tmp_path):
    ctx = build(tmp_path)
    page = (ctx.docs_dir / panel.page_path(PAPER)).read_text(encoding="utf-8")
    ict = ctx.public.spend.query("amount == '60000.00'")["payment_id"].item()
    assert f'href="../../explorer/?id={ict}"' in page
    assert page.count("opcc-payment-link") == 1
    assert "Awaiting a person's check: the payee &#39;Dandelion Time&#39; is only" in page  # shown, not linked
    assert "Not found in the published payments" in page

    refs = json.loads((ctx.site_dir / panel.REFS).read_text(encoding="utf-8"))
    assert refs["payments"] == {ict: [{"title": "Update on expenditure", "date": "2018-07-19",
                                       "url": "spend/panel/2018-07-19-update-on-expenditure/"}]}
    assert refs["suppliers"] == {"The Police ICT Company Ltd": [
        {"title": "OPCC.D.012.18: Membership of the Police ICT Company", "date": "2018-03-01",
         "url": "decisions/opcc-d-012-18/"}]}
    assert [r.title for r in panel.scrutinised(ctx)["The Police ICT Company Ltd"]] == ["Update on expenditure"]
    assert "Dandelion Time" not in panel.scrutinised(ctx)
