"""The command line as a person meets it: every option explained, a version, ingest accounting
for every file it was given, review saying where each problem is and what clears it, and nothing
in data/ that records where the files were on the machine that ingested them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import click
import yaml
from click.testing import CliRunner
from conftest import REPO, SAMPLES, _truth_record

from opcc.batch import save
from opcc.cli import main
from opcc.core.model import ReviewFlag
from opcc.core.settings import load_settings
from opcc.store import Store


def _project(tmp_path: Path) -> Path:
    (tmp_path / "opcc.yml").write_text((REPO / "opcc.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path / "opcc.yml"


def _opcc(settings: Path, *args: str):
    return CliRunner().invoke(main, ["--settings", str(settings), *args])


def test_every_option_of_every_command_says_what_it_does():
    commands = {"opcc": main, **main.commands}
    undocumented = [f"{name} {param.opts[0]}" for name, command in commands.items() for param in command.params
                    if isinstance(param, click.Option) and not param.help]
    assert undocumented == []
    assert all(command.help for command in main.commands.values())


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert re.fullmatch(r"opcc \d+\.\d+\.\d+\n", result.output)


def test_ingest_lists_every_file_with_its_outcome_and_each_skipped_file_with_the_reason(tmp_path):
    settings = _project(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "april.csv").write_text("Date,Supplier,Amount\n03/04/2018,Acme Ltd,700.00\n", encoding="utf-8")
    (inbox / "letter.docx").write_bytes(b"PK\x03\x04 not read")
    (inbox / "README").write_text("notes", encoding="utf-8")

    result = _opcc(settings, "ingest", str(inbox))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"new: {inbox / 'april.csv'}" in lines
    assert any(line.startswith(f"skipped: {inbox / 'letter.docx'}: opcc does not read .docx files") for line in lines)
    assert any(line.startswith(f"skipped: {inbox / 'README'}: opcc does not read files without an extension")
               for line in lines)
    assert lines[-1] == "1 new, 0 updated, 0 unchanged, 0 failed, 2 skipped"

    again = _opcc(settings, "ingest", str(inbox))
    assert f"unchanged: {inbox / 'april.csv'}" in again.stdout.splitlines()


def _cleared_by_following_the_hint(settings: Path, start: str, write) -> None:
    """Find the review line starting with ``start``, do what it says with ``write``, and see it gone."""
    [line] = [line for line in _opcc(settings, "review").stdout.splitlines() if line.startswith(start)]
    file, overrides = re.search(r"\[(\S+); to clear: in (\S+?),", line).groups()
    assert (settings.parent / file).is_file()  # the file the item is in, relative to the project
    write(settings.parent / overrides, line)
    assert not [line for line in _opcc(settings, "review").stdout.splitlines() if line.startswith(start)]


def test_review_names_a_spend_rows_file_and_the_override_that_clears_it(tmp_path):
    settings = _project(tmp_path)
    (tmp_path / "may.csv").write_text("Date,Supplier,Amount\n03/05/2018,Acme Ltd,£92.486.65\n", encoding="utf-8")
    assert _opcc(settings, "ingest", str(tmp_path / "may.csv")).exit_code == 0

    def write(overrides: Path, line: str) -> None:
        key = re.search(r"under '([^']+)'", line).group(1)
        overrides.write_text(yaml.safe_dump({key: {"amount": "92486.65", "review": None}}), encoding="utf-8")

    _cleared_by_following_the_hint(settings, "spend 2018-05-03 Acme Ltd", write)


def test_review_names_a_records_file_and_the_override_that_clears_its_flag(tmp_path):
    settings = _project(tmp_path)
    record, pdf = _truth_record(SAMPLES / "decisions" / "decision_014.truth.json")
    flagged = record.model_copy(update={"review": [ReviewFlag(field="summary", reason="read from a smudged line")]})
    save(Store(load_settings(settings)), pdf, flagged)

    def write(overrides: Path, line: str) -> None:
        overrides.write_text(yaml.safe_dump({"reviewed": ["summary"]}), encoding="utf-8")

    _cleared_by_following_the_hint(settings, f"decision {record.reference}: summary: read from a smudged line", write)


def test_nothing_in_data_records_where_files_were_on_the_ingesting_machine(sample_settings):
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in sample_settings.data_dir.rglob("*")
             if p.is_file() and p.suffix in (".yaml", ".csv", ".json", ".digest")}
    assert any(p.name == "index.yaml" for p in texts)  # the source index is among them
    for place in (str(sample_settings.root), str(REPO), str(Path.home())):
        assert [p for p, text in texts.items() if place in text] == []


def test_the_package_metadata_is_in_the_form_setuptools_no_longer_warns_about():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(project["project"]["license"], str)  # an SPDX expression, not the deprecated table
    assert "setuptools>=77" in project["build-system"]["requires"][0]  # the first to read one
    assert not any(c.startswith("License ::") for c in project["project"].get("classifiers", []))
