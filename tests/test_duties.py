"""The duty checker (``opcc check``): one entry per duty of the Order, each met, missing, late, due
or waived, judged from the bundled samples and from faults planted in a copy of them.

The samples are Kent's information as it stood in mid-2018 (opcc.yml checks them as of 30 June
2018, from 1 April 2018). Dates of publication come from the git history of data/ (tests commit
with backdated GIT_AUTHOR_DATE and GIT_COMMITTER_DATE) or, for records with no history, from the
``published`` date their source gives.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import make_sample_project

from opcc.checks.duties import STATUSES, check, duties_for
from opcc.cli import main
from opcc.core.settings import load_settings

AS_OF = dt.date(2018, 6, 30)

ORDER_IDS = [  # §1.1 to §1.7 of the research note on the Order: its 38 items
    "office.name", "office.address", "office.salary", "office.allowances", "office.interests", "office.complaints",
    "staff.headcount", "staff.diversity", "staff.orgchart", "staff.senior", "registers.gifts",
    "staff.shared_arrangements",
    "finance.budget", "finance.precept", "finance.revenue_sources", "finance.proposed_spend",
    "finance.investment_strategy", "grants.cdr", "spend.over_500", "spend.officeholder_tse",
    "property.premises", "contracts.over_10k", "contracts.itt_over_10k", "contracts.up_to_10k",
    "meetings.schedule", "meetings.papers", "meetings.minutes", "decisions.significant",
    "policies.conduct", "policies.decision_making", "policies.records", "policies.whistleblowing",
    "cdr.partner_reports", "performance.national_priorities", "inspection.hmicfrs_latest", "complaints.iopc_data",
    "complaints.pcc_report", "icv.operation",
]
RELATED_IDS = [  # §1.8 duties that apply to a police body in England (not Welsh, not a fire authority)
    "performance.s11_general", "plan.police_and_crime", "report.annual", "spr.assurance",
    "inspection.hmicfrs_response", "foi.publication_scheme", "accounts.statutory",
]


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> Path:
    """The bundled samples ingested once; each test works on a copy (:func:`project`)."""
    return make_sample_project(tmp_path_factory.mktemp("duties") / "project").parent


@pytest.fixture
def project(samples, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(samples, root)
    return load_settings(root / "opcc.yml")


def run_check(settings, *args: str):
    result = CliRunner().invoke(main, ["--settings", str(settings.root / "opcc.yml"), "check", *args])
    return result


def by_id(settings, as_of=AS_OF) -> dict:
    return {r.duty.id: r for r in check(settings, as_of)}


def git(root: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Office", "GIT_AUTHOR_EMAIL": "office@example.org",
           "GIT_COMMITTER_NAME": "Office", "GIT_COMMITTER_EMAIL": "office@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": f"{date}T12:00:00+01:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+01:00"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def commit(root: Path, date: str, message: str) -> None:
    git(root, "add", "-A", "data")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=date)


# -- the bundled samples ---------------------------------------------------------------------------------

def test_check_json_gives_one_entry_for_every_duty_of_the_order_and_the_related_ones(project):
    result = run_check(project, "--as-of", "2018-06-30", "--json")
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    ids = [entry["duty"] for entry in entries]
    assert len(ORDER_IDS) == 38
    assert ids == [*ORDER_IDS, *RELATED_IDS, "a11y.statement"]  # the Order's own order, each once
    for entry in entries:
        assert entry["status"] in STATUSES
        assert {"rule", "certainty", "evidence", "due"} <= set(entry)
        assert entry["certainty"] in ("V", "V2", "U")


def test_the_demo_meets_every_duty_in_force_it_covers(project):
    results = by_id(project)
    not_in_force_yet = {"performance.national_priorities", "inspection.hmicfrs_latest", "complaints.iopc_data",
                        "complaints.pcc_report", "a11y.statement"}  # the 2021 additions; the 2018 regulations
    quarter_not_over = {"office.allowances", "spend.officeholder_tse"}  # April to June 2018 is due by 31 July
    assert {i for i, r in results.items() if r.status == "due"} == not_in_force_yet | quarter_not_over
    assert {i for i, r in results.items() if r.status != "due"} == {i for i, r in results.items() if r.status == "met"}
    assert results["a11y.statement"].reason == "in force from 2018-09-23"


def test_a_welsh_body_is_held_to_the_welsh_language_standards_and_a_fire_authority_to_the_code(project):
    english = [d.id for d in duties_for(project)]
    assert "welsh.language" not in english and "lgtc.fire" not in english
    welsh = project.model_copy(update={"body": project.body.model_copy(update={"wales": True, "fire_and_rescue": True})})
    assert {"welsh.language", "lgtc.fire"} <= {d.id for d in duties_for(welsh)}


def test_spend_is_due_from_both_the_commissioner_and_the_chief_constable_every_month(project):
    spend = by_id(project)["spend.over_500"]
    months = {(o.period.text, o.body): o.status for o in spend.obligations}
    assert months == {("2018-04", "PCC"): "met", ("2018-04", "Chief Constable"): "met",
                      ("2018-05", "PCC"): "met", ("2018-05", "Chief Constable"): "met"}
    assert spend.evidence[0].published == dt.date(2018, 5, 14)  # from the return's side-car


# -- faults the checker catches --------------------------------------------------------------------------

def test_a_month_of_one_bodys_spend_removed_is_missing_for_that_month_and_body(project):
    month = project.data_dir / "expenditure" / "kent-police-and-crime-commissioner" / "2018" / "2018-04.csv"
    with month.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kept = [row for row in rows if row["spending_body"] != "Chief Constable"]
    assert 0 < len(kept) < len(rows)
    with month.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)

    spend = by_id(project)["spend.over_500"]
    assert spend.status == "missing" and spend.fails
    assert [(o.label, o.status) for o in spend.failing] == [("April 2018, Chief Constable", "missing")]
    assert {o.label: o.status for o in spend.obligations}["April 2018, PCC"] == "met"
    result = run_check(project, "--json")
    assert result.exit_code == 1
    entry = next(e for e in json.loads(result.stdout) if e["duty"] == "spend.over_500")
    assert entry["status"] == "missing" and entry["due"] == "2018-05-31"
    assert "Chief Constable" in entry["reason"] and entry["meets"]


def test_a_decision_published_after_the_service_level_is_late_and_one_within_it_is_met(project):
    root = project.root
    git(root, "init", "-q")
    commit(root, "2018-04-01", "The register as migrated")
    decisions = project.data_dir / "decisions" / "kent-police-and-crime-commissioner"
    template = yaml.safe_load((decisions / "2016" / "opcc-d-084-16.yaml").read_text(encoding="utf-8"))
    for reference, taken, published in (("OPCC.D.021.18", "2018-04-10", "2018-04-30"),
                                        ("OPCC.D.022.18", "2018-05-02", "2018-06-20")):
        record = {**template, "reference": reference, "decision_date": taken, "published": None}
        (decisions / "2018").mkdir(exist_ok=True)
        (decisions / "2018" / f"{reference.lower().replace('.', '-')}.yaml").write_text(yaml.safe_dump(record))
        commit(root, published, f"Decision {reference}")

    decision = by_id(project)["decisions.significant"]
    statuses = {o.label: (o.status, o.published, o.due) for o in decision.obligations}
    assert statuses["OPCC.D.021.18"] == ("met", dt.date(2018, 4, 30), dt.date(2018, 5, 7))
    assert statuses["OPCC.D.022.18"] == ("late", dt.date(2018, 6, 20), dt.date(2018, 5, 29))
    assert decision.status == "late" and decision.certainty == "V2" and decision.fails
    assert "published 2018-06-20, due by 2018-05-29" in decision.reason


def test_a_decision_not_yet_committed_counts_as_published_on_the_day_checked(project):
    decisions = project.data_dir / "decisions" / "kent-police-and-crime-commissioner"
    record = yaml.safe_load((decisions / "2016" / "opcc-d-084-16.yaml").read_text(encoding="utf-8"))
    (decisions / "2018").mkdir(exist_ok=True)
    (decisions / "2018" / "opcc-d-030-18.yaml").write_text(yaml.safe_dump(
        {**record, "reference": "OPCC.D.030.18", "decision_date": "2018-06-20", "published": None}))
    assert by_id(project)["decisions.significant"].status == "met"  # 10 days: within 28
    late = by_id(project, dt.date(2018, 7, 31))["decisions.significant"]
    assert [(o.label, o.status) for o in late.failing] == [("OPCC.D.030.18", "late")]


def test_an_accessibility_statement_last_reviewed_13_months_ago_is_late(project):
    results = by_id(project, dt.date(2019, 7, 2))  # the statement was last reviewed on 1 June 2018
    statement = results["a11y.statement"]
    assert statement.status == "late" and statement.fails
    assert statement.reason == "Accessibility statement: last reviewed 2018-06-01; a review was due by 2019-06-01"
    assert by_id(project, dt.date(2019, 5, 31))["a11y.statement"].status == "met"


def test_a_waiver_with_a_reason_turns_a_failure_into_waived(project):
    (project.data_dir / "waivers.yaml").write_text(yaml.safe_dump([
        {"duty": "a11y.statement", "reason": "The statement is being rewritten after the site's redesign in May 2019."},
    ]))
    statement = by_id(project, dt.date(2019, 7, 2))["a11y.statement"]
    assert statement.status == "waived" and not statement.fails
    assert statement.reason == "The statement is being rewritten after the site's redesign in May 2019."


def test_a_waiver_for_one_period_and_body_waives_only_that(project):
    (project.data_dir / "waivers.yaml").write_text(yaml.safe_dump([
        {"duty": "spend.over_500", "period": "2018-06", "spending_body": "Chief Constable",
         "reason": "The force's finance system was replaced in June 2018; its return follows in August."},
    ]))
    spend = by_id(project, dt.date(2018, 8, 1))["spend.over_500"]
    statuses = {o.label: o.status for o in spend.obligations}
    assert statuses["June 2018, Chief Constable"] == "waived"
    assert statuses["June 2018, PCC"] == "missing"
    assert spend.status == "missing"


def test_a_waiver_for_a_duty_that_does_not_exist_is_refused_with_the_file_named(project):
    (project.data_dir / "waivers.yaml").write_text(yaml.safe_dump([{"duty": "spend.over_5000", "reason": "typo"}]))
    result = run_check(project)
    assert result.exit_code == 2
    assert "waivers.yaml: no such duty: spend.over_5000" in result.stderr


def test_a_month_with_nothing_to_publish_is_met_by_a_nil_statement(project):
    june = by_id(project, dt.date(2018, 8, 1))["grants.cdr"]
    assert {o.label: o.status for o in june.obligations}["June 2018"] == "missing"
    nil = project.root / "nil-grants-2018-06.yaml"
    nil.write_text(yaml.safe_dump({"kind": "nil_statement", "duty": "grants.cdr", "period": "2018-06",
                                   "published": "2018-07-25",
                                   "statement": "No crime and disorder reduction grants were made in June 2018."}))
    from opcc.batch import ingest_paths
    from opcc.store import Store

    assert [o.status for o in ingest_paths([nil], Store(project), jobs=1, progress=False)] == ["new"]
    june = by_id(project, dt.date(2018, 8, 1))["grants.cdr"]
    assert {o.label: o.status for o in june.obligations}["June 2018"] == "met"
    assert june.status == "met"


def test_a_contract_over_10000_without_a_copy_is_missing_its_copy(project):
    path = project.data_dir / "contracts" / "kent-police-and-crime-commissioner" / "contracts-2018-19.yaml"
    register = yaml.safe_load(path.read_text(encoding="utf-8"))
    register["entries"][0]["copy_url"] = None
    path.write_text(yaml.safe_dump(register))
    contracts = by_id(project)["contracts.over_10k"]
    assert contracts.status == "missing"
    assert contracts.failing[0].note == "Victim referral and assessment service: no copy is linked"
    assert contracts.fails  # a missing part is judged by the duty's certainty, and 4(b) is verified


# -- opcc review and opcc build run the same checker ----------------------------------------------------

def test_opcc_review_lists_each_duty_that_fails_with_what_would_meet_it(project):
    from opcc.checks.review import review_items

    (project.data_dir / "office_holders").rename(project.root / "moved-away")
    items = [item for item in review_items(project) if item.startswith("duty ")]
    assert items[0].startswith("duty office.name: missing (verified: fails opcc check): in force on 2018-06-30: "
                               "nothing in force is published. What would meet it: An office holder record")


def test_a_verified_duty_failing_fails_the_build_only_when_the_settings_say_so(project):
    from opcc.site.build import run_duties

    (project.data_dir / "office_holders").rename(project.root / "moved-away")
    assert any(r.fails for r in run_duties(project))  # reported, the build goes on
    strict = project.model_copy(update={"checks": project.checks.model_copy(update={"fail_build": True})})
    with pytest.raises(RuntimeError, match=r"office\.name missing: .*or write a waiver with the reason"):
        run_duties(strict)
