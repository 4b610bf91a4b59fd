"""The leak scan in a clone without the private store (the Pages workflow), merges, and stubs' reasons.

A project is made by real ingest of the corpus's confidential notices; its data/ (with the
digest ingest wrote) and opcc.yml are then copied to a fresh folder, as a clone would have
them: no private store, no key file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import hostile_pdfs as hostile
import pytest
import yaml
from test_gate import WITHHELD, new_store, truth

from opcc.batch import ingest_paths
from opcc.checks.digest import KEY_ENV, CannotCheck, digest_path, key_path
from opcc.checks.leakscan import scan
from opcc.core.settings import load_settings
from opcc.store import Store

CONFIDENTIAL = ["decision_005", "decision_012", "decision_016"]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> Store:
    store = new_store(tmp_path_factory.mktemp("digest") / "project")
    pdfs = [WITHHELD / f"{name}.pdf" for name in CONFIDENTIAL] + [WITHHELD / "decision_023.pdf"]
    assert all(o.status == "new" for o in ingest_paths(pdfs, store, jobs=1, progress=False))
    return store


@pytest.fixture
def clone(ingested, tmp_path, monkeypatch):
    """data/ and opcc.yml as a fresh clone has them; the key given as the CI secret."""
    root = tmp_path / "clone"
    root.mkdir()
    shutil.copyfile(ingested.settings.root / "opcc.yml", root / "opcc.yml")
    shutil.copytree(ingested.public, root / "data")
    monkeypatch.setenv(KEY_ENV, key_path(ingested.settings).read_text())
    return load_settings(root / "opcc.yml")


def test_ingest_writes_a_digest_that_holds_no_withheld_text_and_keeps_the_key_out_of_data(ingested):
    digest = digest_path(ingested.settings).read_text()
    assert len(digest.splitlines()) > 100
    for name in CONFIDENTIAL:
        assert truth(name)["canary"] not in digest and truth(name)["summary"][:30] not in digest
    key = key_path(ingested.settings)
    assert key.exists() and not key.is_relative_to(ingested.public)
    assert key.read_text().strip() not in digest


def test_a_clone_with_the_key_is_clean_as_it_is(clone):
    assert not (clone.root / "private").exists()
    assert scan(clone) == []


def test_a_clone_with_the_key_finds_a_withheld_phrase_planted_in_data(clone):
    sentence = truth("decision_016")["summary"].split(". ")[0]
    (clone.data_dir / "notes.md").write_text(f"Briefing: {sentence}.\n")
    [hit] = scan(clone)
    assert hit.startswith("data/notes.md: withheld text (") and "by data/withheld.digest" in hit
    assert sentence[:30] not in hit


def test_a_clone_with_the_key_fails_its_build(clone):
    from opcc.site.build import build_site

    number = "360,300"  # in decision_012's withheld summary
    assert number in truth("decision_012")["summary"]
    (clone.data_dir / "notes.md").write_text(f"The budget was £{number}.\n")
    with pytest.raises(RuntimeError, match="data/notes.md: withheld text"):
        build_site(clone)
    assert not clone.site_dir.exists()


def test_a_clone_without_the_key_cannot_check_and_its_build_fails(clone, monkeypatch):
    from opcc.site.build import build_site

    monkeypatch.delenv(KEY_ENV)
    with pytest.raises(CannotCheck, match="no key"):
        scan(clone)
    with pytest.raises(RuntimeError, match="cannot check for withheld text"):
        build_site(clone)
    assert not clone.site_dir.exists()


def test_a_wrong_key_finds_nothing(clone, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "not the key")
    (clone.data_dir / "notes.md").write_text(truth("decision_016")["summary"])
    assert scan(clone) == []


# -- merges and stubs ------------------------------------------------------------------------------


def test_an_open_copy_of_a_confidential_notice_is_never_filled_from_it(tmp_path):
    """The confidential notice first, then an open copy with the same reference and empty sections."""
    store = new_store(tmp_path / "project")
    confidential = hostile.notice(lines=[*hostile.NOTICE[:4], "Classification: Confidential",
                                         "Reason: commercially sensitive pricing", *hostile.NOTICE[4:]])
    (tmp_path / "a.pdf").write_bytes(confidential)
    open_copy = hostile.notice(lines=hostile.NOTICE[:4] + ["Executive summary", "Decision", hostile.NOTICE[-1]])
    (tmp_path / "b.pdf").write_bytes(open_copy)
    ingest_paths([tmp_path / "a.pdf"], store, jobs=1, progress=False)
    [held] = store.withheld_decisions()
    assert held.withheld and held.summary
    ingest_paths([tmp_path / "b.pdf"], store, jobs=1, progress=False)
    [public] = store.decisions()
    assert public.summary != held.summary and public.decision != held.decision
    text = " ".join(p.read_text("utf-8", "replace") for p in (store.public / "decisions").rglob("*.yaml"))
    assert "former member of staff" not in text


def test_a_stub_shows_the_category_of_its_reason_and_the_reason_is_withheld_text(tmp_path):
    from opcc import gate
    from opcc.core.kinds.decision import Decision

    reason = ("The report names the preferred bidder Brightwater Facilities and its price of 412,900 pounds, "
              "which is commercially sensitive until the contract is signed.")
    record = Decision(reference="OPCC/D/101/23", classification="confidential", reason_if_confidential=reason,
                      body="Kent Police and Crime Commissioner")
    stub = gate.stub(record)
    assert stub.reason_if_confidential == "Commercially sensitive"
    assert gate.exemption_category("Legal privilege applies") == "Legal advice"
    assert gate.exemption_category("Nothing matches here") == "Exempt from publication"
    reviewed = record.model_copy(update={"reviewed": ["reason_if_confidential"]})
    assert gate.stub(reviewed).reason_if_confidential == reason


def test_a_stubs_reason_in_data_is_found_by_the_scan(ingested, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(ingested.settings.root, root)
    settings = load_settings(root / "opcc.yml")
    store = Store(settings)
    withheld = next(d for d in store.withheld_decisions() if d.reason_if_confidential
                    and len(d.reason_if_confidential.split()) >= 8)
    [stub_path] = [p for p in (store.public / "decisions").rglob("*.yaml")
                   if yaml.safe_load(p.read_text())["reference"] == withheld.reference]
    data = yaml.safe_load(stub_path.read_text())
    assert data["reason_if_confidential"] != withheld.reason_if_confidential  # only its category
    data["reason_if_confidential"] = withheld.reason_if_confidential
    stub_path.write_text(yaml.safe_dump(data, sort_keys=False))
    assert any(h.startswith(f"{stub_path.relative_to(root)}: withheld text") for h in scan(settings))


def test_data_holds_no_absolute_path(ingested):
    for path in ingested.public.rglob("*.yaml"):
        assert str(ingested.settings.root) not in path.read_text(), path
    index = yaml.safe_load((ingested.public / "sources" / "index.yaml").read_text())
    assert all(not Path(r).is_absolute() for entry in index.values() for r in entry["records"])
