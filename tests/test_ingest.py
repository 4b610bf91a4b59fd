"""`opcc ingest`: files and folders in, records in data/ out; bad files reported, nothing stored damaged."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from opcc.core.files import atomic_write_text
from opcc.core.filetext import file_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).parent / "fixtures"
KENT_DIR = Path("data/decisions/kent-police-and-crime-commissioner")


@pytest.fixture
def project(tmp_path):
    """An empty opcc project: the bundled settings, no data yet."""
    shutil.copy(ROOT / "opcc.yml", tmp_path / "opcc.yml")
    return tmp_path


def opcc(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "opcc.cli", *args], cwd=project, capture_output=True, text=True, timeout=600
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_decision_notice_becomes_one_yaml_named_by_its_reference(project):
    result = opcc(project, "ingest", str(SAMPLES / "decisions" / "seed_000_kent_rod.pdf"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("1 new, 0 updated, 0 unchanged, 0 failed, 0 skipped")
    record = yaml.safe_load((project / KENT_DIR / "2023" / "opcc-d-033-23.yaml").read_text())
    assert record["reference"] == "OPCC.D.033.23"
    assert record["decision_date"] == "2023-10-06"
    (source,) = record["sources"]
    # The record names the original by its SHA-256; data/ holds a clean copy (opcc's PDF sanitiser) of the same text.
    entry = yaml.safe_load((project / "data" / "sources" / "index.yaml").read_text())[source["sha256"]]
    copy = project / "data" / "sources" / entry["file"]
    assert file_text(copy) == file_text(SAMPLES / "decisions" / "seed_000_kent_rod.pdf")


def test_a_batch_with_bad_files_stores_the_good_ones_and_reports_each_bad_one(project):
    inbox = project / "inbox"
    inbox.mkdir()
    shutil.copy(SAMPLES / "decisions" / "seed_002_essex_report.pdf", inbox)
    for bad in (FIXTURES / "bad").glob("*.pdf"):
        shutil.copy(bad, inbox)
    result = opcc(project, "ingest", str(inbox))
    assert result.returncode == 1
    assert result.stdout.strip().endswith("1 new, 0 updated, 0 unchanged, 8 failed, 0 skipped")
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 8 and all(line.startswith(f"opcc: {inbox}/bad_0") for line in errors)
    assert list((project / "data" / "decisions").rglob("089-2017.yaml"))


def test_re_ingesting_an_unchanged_file_does_nothing(project):
    notice = str(SAMPLES / "decisions" / "seed_000_kent_rod.pdf")
    opcc(project, "ingest", notice)
    before = tree(project / "data")
    result = opcc(project, "ingest", notice)
    assert result.stdout.strip().endswith("0 new, 0 updated, 1 unchanged, 0 failed, 0 skipped")
    assert tree(project / "data") == before


def test_a_persons_correction_survives_re_ingest(project):
    notice = SAMPLES / "decisions" / "seed_000_kent_rod.pdf"
    opcc(project, "ingest", str(notice))
    record_path = project / KENT_DIR / "2023" / "opcc-d-033-23.yaml"
    overrides = record_path.with_name("opcc-d-033-23.overrides.yaml")
    overrides.write_text("title: Sale of IPv4 addresses\nreviewed: [summary]\n")
    # A corrected copy of the same notice (different bytes, same reference) is ingested.
    copy = project / "corrected.pdf"
    copy.write_bytes(notice.read_bytes() + b"\n% corrected copy\n")
    result = opcc(project, "ingest", str(copy))
    assert result.stdout.strip().endswith("0 new, 1 updated, 0 unchanged, 0 failed, 0 skipped"), result.stderr

    from opcc.store import record_from_file

    record = record_from_file(record_path)
    assert record.title == "Sale of IPv4 addresses"
    assert record.reviewed == ["summary"]
    assert len(record.sources) == 2  # one record lists both sources
    assert overrides.read_text() == "title: Sale of IPv4 addresses\nreviewed: [summary]\n"


def test_a_confidential_notice_leaves_only_a_stub_in_data(project):
    notice = SAMPLES / "decisions" / "decision_005.pdf"  # a confidential Surrey notice
    result = opcc(project, "ingest", str(notice))
    assert result.returncode == 0, result.stderr
    (public,) = (project / "data" / "decisions").rglob("*.yaml")
    stub = yaml.safe_load(public.read_text())
    assert stub["reference"] == "PCC/DN/2018/52" and stub["classification"] == "confidential"
    assert stub["summary"] is None and stub["title"] is None and stub["sources"] == []
    private = project / "private" / public.relative_to(project / "data")
    assert yaml.safe_load(private.read_text())["summary"]
    canary = "CANARY-43dac7c6b016"
    assert not any(canary.encode() in data for data in tree(project / "data").values())
    assert not list((project / "data" / "sources").glob("*.pdf"))
    assert list((project / "private" / "sources").glob("*.pdf"))


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "record.yaml"
    target.write_text("old: true\n")

    def crash(*_):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(OSError):
        atomic_write_text(target, "new: true\n")
    assert target.read_text() == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["record.yaml"]


def test_a_rescan_of_a_notice_joins_its_record_without_overriding_the_text_layer(project):
    opcc(project, "ingest", str(SAMPLES / "decisions" / "seed_000_kent_rod.pdf"))
    result = opcc(project, "ingest", str(SAMPLES / "decisions" / "seed_000_kent_rod_scan.pdf"))
    assert result.stdout.strip().endswith("0 new, 1 updated, 0 unchanged, 0 failed, 0 skipped"), result.stderr

    from opcc.store import record_from_file

    record = record_from_file(project / KENT_DIR / "2023" / "opcc-d-033-23.yaml")
    assert sorted(source.ocr for source in record.sources) == [False, True]
    assert record.title == "Sale of IP Addresses"
    assert record.review == []  # the scan's doubts are about values the text layer already gave


def test_written_files_get_ordinary_permissions_not_owner_only(tmp_path):
    import os

    target = tmp_path / "page.html"
    atomic_write_text(target, "<p>public</p>")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_worker_spares_pyarrow_the_pandas_import_and_pandas_still_works_where_it_is_used():
    script = """
import sys
import pyarrow as pa
from opcc.batch import _spare_pyarrow_the_pandas_import
_spare_pyarrow_the_pandas_import()
pa.array(["a", None]), pa.scalar("x")
print("pandas" in sys.modules)
import pandas as pd
table = pa.Table.from_pandas(pd.DataFrame({"amount": ["1.00", None]}), preserve_index=False)
print(table.to_pandas()["amount"].tolist())
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["False", "['1.00', nan]"]
