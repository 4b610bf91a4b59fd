"""Input that must be refused gets one clear line naming the file and the reason, and exit status 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
BAD = sorted((FIXTURES / "bad").glob("*.pdf"))
EXPECTED_WORDS = {
    "empty": "empty",
    "truncated": "truncated",
    "encrypted": "encrypted",
    "not-a-pdf": "not a pdf",
    "no-text": "no text",
    "oversized-page": "3 m",
    "javascript": "javascript",
}


def run_extract(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "opcc.cli", "extract", str(path), "--json"], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_input_is_refused_with_one_line_and_exit_2(path):
    reason = json.loads(path.with_suffix(".truth.json").read_text())["reason"]
    result = run_extract(path)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"opcc: {path}: ")
    assert EXPECTED_WORDS[reason] in lines[0].lower()
    assert "Traceback" not in result.stderr


def test_a_missing_file_is_refused_the_same_way(tmp_path):
    result = run_extract(tmp_path / "nothing.pdf")
    assert result.returncode == 2 and result.stderr.strip() == f"opcc: {tmp_path / 'nothing.pdf'}: no such file"
