"""Several bodies in one site: opcc.yml's ``body`` and ``publishes`` name the bodies whose records
the site publishes; a record of any other body is stored, said so by ingest and review as it
arrives, and left off the site. Real ingest of the sample PDFs, a real build."""

from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner
from conftest import CONFIDENTIAL_TEXT, REPO, SAMPLES

from opcc.cli import main
from opcc.core.settings import load_settings
from opcc.site.build import build_site

ESSEX = SAMPLES / "decisions" / "seed_002_essex_report.pdf"
ESSEX_RECORD = "data/decisions/police-and-crime-commissioner-for-essex/2017/089-2017.yaml"


def _project(tmp_path, publishes=None):
    settings = yaml.safe_load((REPO / "opcc.yml").read_text(encoding="utf-8"))
    if publishes is not None:
        settings["publishes"] = publishes
    (tmp_path / "opcc.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return tmp_path / "opcc.yml"


def _opcc(settings_path, *args):
    return CliRunner().invoke(main, ["--settings", str(settings_path), *args])


def test_the_settings_name_the_chief_constable_and_partners_and_match_their_aliases():
    settings = load_settings(REPO / "opcc.yml")
    assert settings.published_body("Kent PCC") is settings.body
    assert settings.published_body(None) is settings.body  # a record naming no body is the site's own
    assert settings.published_body("Chief Constable of Kent Police").label == "Kent Police"
    assert settings.published_body("police and crime commissioner for essex").label == "Essex PCC"
    assert settings.published_body("Police and Crime Commissioner for Hampshire") is None


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The bundled settings and the sample decision notices, ingested for real and built."""
    root = tmp_path_factory.mktemp("demo")
    settings_path = _project(root)
    result = _opcc(settings_path, "ingest", "--jobs", "2", str(SAMPLES / "decisions"))
    assert result.exit_code == 0, result.output
    settings = load_settings(settings_path)
    report = build_site(settings)
    return settings, report, result


def test_the_bundled_demo_publishes_the_essex_notice_labelled_by_its_body(demo):
    settings, report, ingest = demo
    assert "does not publish" not in ingest.output
    assert "another body" not in report
    page = (settings.site_dir / "decisions" / "089-2017" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Body</dt> <dd>Police and Crime Commissioner for Essex</dd>" in page
    register = (settings.site_dir / "decisions" / "index.html").read_text(encoding="utf-8")
    assert 'data-body="Essex PCC"' in register and 'data-body="Kent PCC"' in register
    assert '<select id="filter-body" data-filter="body">' in register  # several bodies: filterable by body


def test_the_bundled_demo_shows_the_confidential_surrey_notice_as_a_stub_only(demo):
    settings, _, _ = demo
    page = (settings.site_dir / "decisions" / "pcc-dn-2018-52" / "index.html").read_text(encoding="utf-8")
    assert "exempt from publication" in page
    assert "<dt>Body</dt> <dd>Office of the Police and Crime Commissioner for Surrey</dd>" in page
    assert CONFIDENTIAL_TEXT not in page  # the gate still decides: the stub shows only what it allows
    register = (settings.site_dir / "decisions" / "index.html").read_text(encoding="utf-8")
    assert 'data-body="Surrey PCC"' in register


def test_a_record_of_a_body_the_site_does_not_publish_is_reported_as_it_arrives_and_left_off(tmp_path):
    settings_path = _project(tmp_path, publishes=[])
    shutil.copyfile(ESSEX, tmp_path / ESSEX.name)
    ingest = _opcc(settings_path, "ingest", str(tmp_path / ESSEX.name))
    assert ingest.exit_code == 0, ingest.output
    assert (f"{ESSEX.name}: warning: a record of Police and Crime Commissioner for Essex, which this site "
            "does not publish") in ingest.stderr
    assert (tmp_path / ESSEX_RECORD).exists()  # stored: nothing dropped

    review = _opcc(settings_path, "review")
    assert f"decision 089/2017 ({ESSEX_RECORD}): a record of Police and Crime Commissioner for Essex" in review.output
    assert "name the body under publishes: in opcc.yml" in review.output

    report = build_site(load_settings(settings_path))
    assert "Police and Crime Commissioner for Essex" in report
    assert not (tmp_path / "site" / "decisions" / "089-2017").exists()


def test_a_spend_return_of_a_body_the_site_does_not_publish_is_reported_as_it_arrives(tmp_path):
    settings_path = _project(tmp_path, publishes=[])
    (tmp_path / "hampshire.csv").write_text("Police and Crime Commissioner for Hampshire: payments over £500\n\n"
                                            "Date,Supplier,Amount\n03/04/2018,Acme Ltd,700.00\n", encoding="utf-8")
    ingest = _opcc(settings_path, "ingest", str(tmp_path / "hampshire.csv"))
    assert ingest.exit_code == 0, ingest.output
    assert ("hampshire.csv: warning: a record of Police and Crime Commissioner for Hampshire, which this site "
            "does not publish") in ingest.stderr
    review = _opcc(settings_path, "review")
    assert ("spend data/expenditure/police-and-crime-commissioner-for-hampshire: the spend of a body this site "
            "does not publish") in review.output
