"""The GitHub Actions workflows, this repository's and those `init` gives a site: current action
majors, values through `env:` (never an expression pasted into a shell line), concurrency as
GitHub documents it, and one source for both."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from chronicle.authoring import starter

# The one list of actions the workflows may use, each at its current major (late 2026: each on
# the Node 24 runtime). Raise a major here and in chronicle/starter/workflows/ together.
PINNED = {
    "actions/checkout": "v7",
    "actions/setup-python": "v7",
    "actions/configure-pages": "v6",
    "actions/upload-pages-artifact": "v5",
    "actions/deploy-pages": "v5",
}

REPOSITORY_WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
STARTER_WORKFLOWS = sorted((starter.STARTER_DIR / "workflows").glob("*.yml"))
EVERY_WORKFLOW = [*REPOSITORY_WORKFLOWS, *STARTER_WORKFLOWS]


def workflow(path: Path) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def triggers(data: dict[Any, Any]) -> dict[str, Any]:
    """`on:`, which YAML 1.1 (PyYAML) reads as the key True."""
    value = data.get("on", data.get(True))
    return dict(value) if isinstance(value, dict) else {name: None for name in value}


def steps(data: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def shown(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def test_there_are_workflows_to_check() -> None:
    assert [path.name for path in STARTER_WORKFLOWS] == ["check.yml", "links.yml", "pages.yml"]
    assert {"check.yml", "pages.yml"} <= {path.name for path in REPOSITORY_WORKFLOWS}


@pytest.mark.parametrize("path", EVERY_WORKFLOW, ids=shown)
def test_no_expression_is_pasted_into_a_shell_line(path: Path) -> None:
    pasted = [step["run"] for step in steps(workflow(path)) if "run" in step and "${{" in step["run"]]
    assert pasted == [], "pass the value through `env:` and use it as a shell variable"


@pytest.mark.parametrize("path", EVERY_WORKFLOW, ids=shown)
def test_every_action_is_one_of_the_pinned_at_its_current_major(path: Path) -> None:
    used = [step["uses"] for step in steps(workflow(path)) if "uses" in step]
    assert used, "a workflow without actions is not a workflow of ours"
    for reference in used:
        action, _, version = reference.partition("@")
        assert PINNED.get(action) == version, f"{reference}: pinned is {action}@{PINNED.get(action)}"


@pytest.mark.parametrize("path", EVERY_WORKFLOW, ids=shown)
def test_every_workflow_sets_concurrency_and_read_only_contents(path: Path) -> None:
    data = workflow(path)
    assert set(data["concurrency"]) == {"group", "cancel-in-progress"}
    assert data["permissions"]["contents"] == "read"


@pytest.mark.parametrize("path", EVERY_WORKFLOW, ids=shown)
def test_every_job_has_a_timeout(path: Path) -> None:
    assert all("timeout-minutes" in job for job in workflow(path)["jobs"].values())


def test_a_deployment_in_progress_is_never_cancelled() -> None:
    for path in (
        starter.STARTER_DIR / "workflows" / "pages.yml",
        REPO / ".github" / "workflows" / "pages.yml",
    ):
        assert workflow(path)["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_a_newer_push_cancels_the_check_of_a_pull_request_only() -> None:
    for path in (
        starter.STARTER_DIR / "workflows" / "check.yml",
        REPO / ".github" / "workflows" / "check.yml",
    ):
        assert workflow(path)["concurrency"] == {
            "group": "${{ github.workflow }}-${{ github.ref }}",
            "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
        }


def test_the_pull_request_workflow_annotates_with_check_format_github() -> None:
    data = workflow(starter.STARTER_DIR / "workflows" / "check.yml")
    assert {"pull_request", "push"} <= set(triggers(data))
    assert "chronicle check --format github" in [step.get("run") for step in steps(data)]


def test_links_are_checked_only_on_a_schedule_or_on_demand() -> None:
    data = workflow(starter.STARTER_DIR / "workflows" / "links.yml")
    assert set(triggers(data)) == {"schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", triggers(data)["schedule"][0]["cron"])  # weekly
    assert "chronicle links --format github" in [step.get("run") for step in steps(data)]


def test_the_base_url_reaches_the_build_through_the_environment() -> None:
    build = next(
        step
        for step in steps(workflow(REPO / ".github" / "workflows" / "pages.yml"))
        if step.get("name") == "Build"
    )
    assert build["env"] == {"BASE_URL": "${{ steps.pages.outputs.base_url }}"}
    assert build["run"] == 'chronicle build --base-url "$BASE_URL/"'


def test_this_repository_runs_the_starter_workflows_installing_itself() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "chronicle.authoring.starter", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, ""), "run `python -m chronicle.authoring.starter`"
    for name, text in starter.repository_workflows().items():
        site = (starter.STARTER_DIR / "workflows" / name).read_text(encoding="utf-8")
        assert (
            text.replace("pip install -e .", "pip install -r requirements.txt").replace(
                "cache-dependency-path: pyproject.toml", "cache-dependency-path: requirements.txt"
            )
            == site
        )


def test_a_stale_repository_workflow_is_reported_and_rewritten(tmp_path: Path) -> None:
    (tmp_path / "check.yml").write_text("name: old\n", encoding="utf-8")
    assert starter.main(["--check", "--workflows", str(tmp_path)]) == 1
    assert starter.main(["--workflows", str(tmp_path)]) == 0
    assert starter.stale_workflows(tmp_path) == []
