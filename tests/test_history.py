"""Publication dates and history come from the git history of data/, never typed by hand.

Each test makes a throwaway repository and commits with backdated GIT_AUTHOR_DATE and
GIT_COMMITTER_DATE, as an office's repository would have been committed over months.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from conftest import make_sample_project
from test_duties import commit, git

from opcc.core.settings import load_settings
from opcc.history import History
from opcc.site.dates import changed_fields, record_dates

GRANT = {"date": "2018-04-05", "recipient": "Catch22 Charity Ltd", "amount": "59454.70", "purpose": "Youth diversion",
         "conditions": "None", "reasons": "Diverting young people from a first offence reduces reoffending"}


def register(*entries: dict) -> str:
    return yaml.safe_dump({"kind": "grants", "title": "Grants 2018/19", "entries": list(entries)})


@pytest.fixture
def repo(tmp_path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "data").mkdir()
    return tmp_path


def test_a_file_is_first_published_by_its_first_commit_and_last_changed_by_its_last(repo):
    path = repo / "data" / "grants.yaml"
    path.write_text(register(GRANT))
    commit(repo, "2018-05-03", "Grants for April")
    path.write_text(register(GRANT, {**GRANT, "date": "2018-05-08", "recipient": "Victim Support"}))
    commit(repo, "2018-06-10", "Grants for May")
    history = History.of(repo / "data")
    assert [(v.date, v.subject) for v in history.versions(path)] == [
        (dt.date(2018, 5, 3), "Grants for April"), (dt.date(2018, 6, 10), "Grants for May")]
    assert history.first_published(path) == dt.date(2018, 5, 3)
    assert history.last_changed(path).date == dt.date(2018, 6, 10)
    history.close()


def test_a_change_not_yet_committed_is_pending_and_a_new_file_has_no_date(repo):
    old, new = repo / "data" / "old.yaml", repo / "data" / "new.yaml"
    old.write_text(register(GRANT))
    commit(repo, "2018-05-03", "April")
    old.write_text(register(GRANT, {**GRANT, "recipient": "Porchlight"}))
    new.write_text(register(GRANT))
    with History.of(repo / "data") as history:
        assert [v.pending for v in history.versions(old)] == [False, True]
        assert history.first_published(old) == dt.date(2018, 5, 3)
        assert history.first_published(new) is None and [v.pending for v in history.versions(new)] == [True]


def test_a_file_deleted_and_added_again_is_published_anew(repo):
    path = repo / "data" / "grants.yaml"
    path.write_text(register(GRANT))
    commit(repo, "2018-05-03", "April")
    path.unlink()
    commit(repo, "2018-05-20", "Withdrawn")
    path.write_text(register(GRANT))
    commit(repo, "2018-06-01", "Published again")
    with History.of(repo / "data") as history:
        assert history.first_published(path) == dt.date(2018, 6, 1)


def test_outside_a_git_work_tree_every_file_is_pending(tmp_path):
    path = tmp_path / "data" / "grants.yaml"
    path.parent.mkdir()
    path.write_text(register(GRANT))
    with History.of(tmp_path / "data") as history:
        assert history.first_published(path) is None and history.versions(path)[0].pending


def test_an_entry_of_a_register_is_dated_by_the_version_it_first_appears_in(repo):
    path = repo / "data" / "grants.yaml"
    path.write_text(register(GRANT))
    commit(repo, "2018-05-03", "April")
    path.write_text(register(GRANT, {**GRANT, "recipient": "Victim Support"}))
    commit(repo, "2018-06-10", "May")
    with History.of(repo / "data") as history:
        seen = history.first_seen(path, lambda text: "Victim Support" in text)
        assert seen.date == dt.date(2018, 6, 10)


def test_the_history_says_which_fields_changed_and_how_many_entries():
    old = {"title": "Grants", "entries": [GRANT], "review": []}
    new = {"title": "Grants 2018/19", "entries": [GRANT, {**GRANT, "recipient": "Victim Support"}],
           "review": [{"field": "x"}]}
    assert changed_fields(old, new, ("recipient",)) == ("title", "entries: 1 added")


def test_record_dates_give_an_explicit_earlier_date_to_an_archive_migrated_into_git(repo):
    path = repo / "data" / "grants.yaml"
    path.write_text(register(GRANT))
    commit(repo, "2018-05-03", "Migrated from the old site")
    with History.of(repo / "data") as history:
        dates = record_dates(history, path, published=dt.date(2016, 4, 20), kind="grants")
    assert dates.first_published == dt.date(2016, 4, 20) and dates.last_updated == dt.date(2018, 5, 3)
    assert [c.subject for c in dates.changes] == ["Migrated from the old site",
                                                   "First published, before its history was kept here"]


# -- on the built site ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def committed_site(tmp_path_factory):
    """The sample project in git: data/ first committed on 12 June 2018, then a grant made on 30 May
    added on 5 July, after May's grants were due (30 June)."""
    from opcc.site.build import build_site

    root = make_sample_project(tmp_path_factory.mktemp("history") / "project").parent
    git(root, "init", "-q")
    commit(root, "2018-06-12", "Kent's data, as first published")
    path = root / "data" / "grants" / "kent-police-and-crime-commissioner" / "grants-2018-05.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["entries"].append({**GRANT, "reference": "CSF-2018-008", "date": "2018-05-30", "recipient": "SignHealth",
                            "purpose": "Support for deaf victims of domestic abuse"})
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    commit(root, "2018-07-05", "A grant made on 30 May, published late")
    settings = load_settings(root / "opcc.yml")
    build_site(settings)
    return settings


def test_a_register_page_shows_first_published_last_updated_and_what_changed(committed_site):
    html = (committed_site.site_dir / "registers" / "grants" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="crime-and-disorder-reduction-grants-may-2018"'):]
    section = section[:section.index("</section>")]
    assert "<dt>First published</dt> <dd>12 June 2018</dd>" in section
    assert "<dt>Last updated</dt> <dd>5 July 2018</dd>" in section
    assert "5 July 2018: A grant made on 30 May, published late (changed: entries: 1 added)" in section


def test_the_feed_of_changes_lists_each_change_dated_by_its_commit(committed_site):
    feed = ElementTree.parse(committed_site.site_dir / "feeds" / "changes.xml")
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = feed.getroot().findall("atom:entry", ns)
    newest = entries[0]
    assert newest.findtext("atom:updated", namespaces=ns) == "2018-07-05T00:00:00Z"
    assert newest.findtext("atom:title", namespaces=ns) == (
        "Crime and disorder reduction grants: Crime and disorder reduction grants, May 2018")
    assert "entries: 1 added" in newest.findtext("atom:summary", namespaces=ns)
    assert len({e.findtext("atom:id", namespaces=ns) for e in entries}) == len(entries)


def test_the_checker_dates_each_grant_by_its_commit_and_every_grant_of_a_month_must_be_in_time(committed_site):
    from opcc.checks.duties import check

    def may(as_of):
        grants = {r.duty.id: r for r in check(committed_site, as_of)}["grants.cdr"]
        return {o.label: o for o in grants.obligations}["May 2018"]

    assert (may(dt.date(2018, 6, 30)).status, may(dt.date(2018, 6, 30)).published) == ("met", dt.date(2018, 6, 12))
    late = may(dt.date(2018, 7, 31))  # the grant added on 5 July is now published: after 30 June
    assert (late.status, late.published) == ("late", dt.date(2018, 7, 5))

