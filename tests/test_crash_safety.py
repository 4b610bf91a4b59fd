"""Crash and concurrency: a killed ingest leaves data/ valid and a re-run byte-identical; one writer at a time.

Real ingest runs as ``opcc ingest`` in a subprocess and is killed with SIGKILL at random
moments; a worker is killed from inside while it reads one file.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from test_gate import WITHHELD, new_store

from opcc.batch import WORKER_DIED, ingest_paths
from opcc.checks.digest import KEY_ENV

REPO = Path(__file__).resolve().parent.parent
BATCH = [*sorted((REPO / "samples" / "decisions").glob("*.pdf"))[:6], WITHHELD / "decision_005.pdf",
         *sorted((REPO / "samples" / "expenditure").glob("*.csv"))]


def project(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copyfile(REPO / "opcc.yml", root / "opcc.yml")
    inbox = root / "inbox"
    inbox.mkdir()
    for path in BATCH:
        shutil.copyfile(path, inbox / path.name)
    return root


def run_ingest(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "opcc.cli", "ingest", "inbox", "--jobs", "2"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, "PYTHONPATH": str(REPO), KEY_ENV: "one key for every run"})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_valid(data: Path) -> None:
    for path in data.rglob("*"):
        if path.suffix == ".yaml":
            assert yaml.safe_load(path.read_text()) is not None, path
        elif path.suffix == ".csv" and "expenditure" in path.parts:
            rows = list(csv.reader(path.open()))
            assert rows and all(len(row) == len(rows[0]) for row in rows), path


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    root = project(tmp_path_factory.mktemp("crash") / "reference")
    assert run_ingest(root).wait(timeout=600) == 0
    return snapshot(root / "data")


def test_kill_9_at_random_moments_leaves_data_valid_and_the_rerun_byte_identical(reference, tmp_path):
    chance = random.Random(12)
    for attempt in range(4):
        root = project(tmp_path / f"run{attempt}")
        process = run_ingest(root)
        time.sleep(chance.uniform(0.5, 6.0))
        os.killpg(process.pid, signal.SIGKILL)  # the run and its workers, as a crash or the OOM killer would
        process.wait()
        if (root / "data").exists():
            assert_valid(root / "data")
        rerun = run_ingest(root)
        assert rerun.wait(timeout=600) == 0, rerun.stderr.read()
        assert not [p for p in root.rglob(".*.tmp")], "temp files of the killed run are left"
        assert snapshot(root / "data") == reference, f"attempt {attempt}: data/ differs after a crash and re-run"


def test_a_second_ingest_of_the_same_store_is_refused_with_one_line(tmp_path):
    store = new_store(tmp_path / "project")
    with store.writing():  # this process holds the lock, as a first ingest would
        result = subprocess.run([sys.executable, "-m", "opcc.cli", "ingest", str(WITHHELD / "decision_023.pdf")],
                                cwd=store.settings.root, capture_output=True, text=True, timeout=120,
                                env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 3
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("opcc: ingest: another opcc ingest is writing this store")


def test_temp_files_of_a_dead_run_are_removed_by_the_next(tmp_path):
    store = new_store(tmp_path / "project")
    stale = [store.public / "decisions" / ".x.yaml.abc123.tmp", store.private / "sources" / ".y.pdf.def456.tmp"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half written")
    ingest_paths([WITHHELD / "decision_023.pdf"], store, jobs=1, progress=False)
    assert not any(path.exists() for path in stale)
    assert "/.*.tmp" in (REPO / ".gitignore").read_text().splitlines() or ".*.tmp" in (REPO / ".gitignore").read_text()


def test_a_private_store_that_cannot_be_written_leaves_nothing_of_the_record_in_data(tmp_path):
    store = new_store(tmp_path / "project")
    (store.private / "decisions").parent.mkdir(parents=True, exist_ok=True)
    (store.private / "decisions").write_text("not a folder")  # every write under it fails
    [outcome] = ingest_paths([WITHHELD / "decision_005.pdf"], store, jobs=1, progress=False)
    assert outcome.status == "failed" and "could not be stored" in outcome.reason
    assert not list((store.public).rglob("*.yaml")) or not list((store.public / "decisions").rglob("*.yaml"))


def test_a_worker_killed_while_reading_fails_only_its_file_and_the_batch_goes_on(tmp_path, monkeypatch):
    import ingest.extract

    real = ingest.extract.extract

    def dies_on_one(path, *args, **kwargs):
        if Path(path).name == "decision_012.pdf":
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ingest.extract, "extract", dies_on_one)
    store = new_store(tmp_path / "project")
    pdfs = [WITHHELD / f"{name}.pdf" for name in ("decision_005", "decision_012", "decision_016", "decision_023")]
    outcomes = ingest_paths(pdfs, store, jobs=2, progress=False)
    assert [(o.path.name, o.status) for o in outcomes] == [
        ("decision_005.pdf", "new"), ("decision_012.pdf", "failed"), ("decision_016.pdf", "new"),
        ("decision_023.pdf", "new")]
    assert outcomes[1].reason == WORKER_DIED
