"""The stewards' GitHub workflow: files valid against GitHub's schemas, and every `ocop` command
they run exists with the options they pass (the commands themselves are tested elsewhere)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


@pytest.mark.parametrize("schema,files", [
    ("vendor.github-workflows", [str(p) for p in WORKFLOWS]),
    ("vendor.github-issue-forms", [str(p) for p in (ROOT / ".github/ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml"]),
    ("vendor.github-issue-config", [str(ROOT / ".github/ISSUE_TEMPLATE/config.yml")]),
])
def test_github_files_match_githubs_schemas(schema: str, files: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *files],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _ocop_calls() -> list[list[str]]:
    calls = []
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        for job in data["jobs"].values():
            for step in job.get("steps", []):
                for line in step.get("run", "").splitlines():
                    match = re.search(r"\bocop (.*?)(?:>>|\||$)", line)
                    if match:
                        words = [w for w in shlex.split(match.group(1)) if not w.startswith("$")]
                        calls.append(words)
    return calls


def test_workflows_call_the_project_commands_they_exist() -> None:
    calls = _ocop_calls()
    assert {c[0] for c in calls} >= {"validate", "build", "links"}
    for call in calls:
        command = main.commands[call[0]]
        options = {o for p in command.params for o in getattr(p, "opts", [])}
        for word in call[1:]:
            if word.startswith("--"):
                assert word.split("=")[0] in options, f"ocop {call[0]} has no option {word}"


def test_pull_request_check_fails_on_error_and_annotates(project: Path) -> None:
    (project / "products/mai-son").mkdir(parents=True)
    (project / "products/mai-son/SL-MS-0001.yml").write_text(
        (ROOT / "tests/fixtures/records/e300_score_band_mismatch.yml").read_text(encoding="utf-8"), encoding="utf-8")
    published = project / "published.txt"
    published.write_text("SL-MS-0001\nSL-MS-0002\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--config", str(project / "site_config.yml"), "--published",
                                       str(published), "--format", "github",
                                       str(project / "products/mai-son/SL-MS-0001.yml")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2  # the score, and the record removed from products/
    assert any("file=products/mai-son/SL-MS-0001.yml,line=" in e and "title=E300" in e for e in errors)
    assert any("E407" in e and "SL-MS-0002" in e for e in errors)


def test_pre_commit_hooks_run_project_commands() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"].split() for repo in config["repos"] for hook in repo["hooks"]]
    for entry in entries:
        assert entry[0] == "ocop" and entry[1] in main.commands


def test_a_portable_workflow_builds_the_sample_on_windows_macos_and_linux() -> None:
    data = yaml.safe_load((ROOT / ".github/workflows/portable.yml").read_text(encoding="utf-8"))
    job = data["jobs"]["build"]
    assert set(job["strategy"]["matrix"]["os"]) == {"ubuntu-latest", "windows-latest", "macos-latest"}
    runs = [step.get("run", "") for step in job["steps"]]
    assert any(r.startswith("ocop validate") for r in runs) and any(r.startswith("ocop build") for r in runs)


def test_the_publish_workflow_judges_permanence_against_the_live_site() -> None:
    text = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "--published \"$live/api/manifest.json\"" in text
    assert "github.run_id" not in text  # one cache entry replaced, not one per run


def test_the_test_command_installs_only_what_the_tests_use() -> None:
    import json

    root = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert set(root["devDependencies"]) == {"axe-core"}
    bench = json.loads((ROOT / "bench/package.json").read_text(encoding="utf-8"))
    assert "lighthouse" in bench["devDependencies"]
