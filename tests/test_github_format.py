"""GitHub integration: `check --format github` annotations, the three workflows, the pre-commit hook.

An annotation is a workflow command, `::error file=PATH,line=N,col=N::MESSAGE`: GitHub shows
it on that line of the pull request's diff when PATH is relative to the repository root
(the site folder, where the workflow runs `check`). Data in properties and message is
escaped as the runner expects (`%25`, `%0D`, `%0A`, and `%3A`, `%2C` in properties).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from chronicle.model.diagnostics import Diagnostic, Mark, format_github

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
WORKFLOWS = REPO / ".github" / "workflows"
ANNOTATION = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")


def annotations(text: str) -> list[tuple[str, dict[str, str], str]]:
    """(severity, properties, message) of every line; a line that is not an annotation fails."""
    result = []
    for line in text.splitlines():
        match = ANNOTATION.match(line)
        assert match, f"not an annotation: {line!r}"
        properties = dict(item.split("=", 1) for item in match[2].split(","))
        result.append((match[1], properties, _unescape(match[3])))
    return result


def _unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def check_github(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), "check", "--format", "github"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def broken_site(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", root)
    shutil.copytree(FIXTURES / "broken" / case / "files", root, dirs_exist_ok=True)
    return root


# --------------------------------------------------------------------------- annotations


def test_each_error_is_an_annotation_on_its_line(tmp_path: Path) -> None:
    root = broken_site(tmp_path, "several-errors-in-several-files")
    run = check_github(root)
    assert run.returncode == 1
    found = annotations(run.stdout)
    located = [(severity, p["file"], p["line"], p["col"]) for severity, p, _message in found]
    assert located == [
        ("error", "content/articles/one.yaml", "3", "12"),
        ("error", "content/events/first-event.yaml", "5", "17"),
        ("error", "content/events/second-event.yaml", "2", "2"),
    ]
    # The position is the offending text in the file, so the annotation sits on the changed line.
    _severity, properties, message = found[1]
    line = (root / properties["file"]).read_text(encoding="utf-8").splitlines()[int(properties["line"]) - 1]
    assert line[int(properties["col"]) - 1 :].startswith("nope")
    assert message.startswith("unknown actor 'nope'\n")  # the hint follows on its own line
    assert run.stderr == ""  # nothing else in the log: every problem is an annotation


def test_the_hint_is_part_of_the_annotation(tmp_path: Path) -> None:
    run = check_github(broken_site(tmp_path, "misspelt-key"))
    found = {(p["file"], p["line"], p["col"]): message for _severity, p, message in annotations(run.stdout)}
    message = found["content/events/first-event.yaml", "2", "1"]
    assert message.startswith("unknown key 'titel'")
    assert "did you mean 'title'?" in message


def test_a_clean_site_prints_nothing(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", root)
    run = check_github(root)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")


def test_warnings_are_warning_annotations_and_do_not_fail(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "minimal", root)
    event = root / "content" / "events" / "first-event.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("added: 2026-01-02\n", ""), encoding="utf-8")
    run = check_github(root)
    assert run.returncode == 0
    [(severity, properties, message)] = annotations(run.stdout)
    assert (severity, properties["file"]) == ("warning", "content/events/first-event.yaml")
    assert "'added'" in message


def test_annotation_escapes_newlines_percent_and_property_separators() -> None:
    diagnostic = Diagnostic(
        Mark("content/events/a,b:c.yaml", 7, 3), "error", "100% wrong\r\nsecond line", "hint: try this"
    )
    line = format_github(diagnostic)
    assert "\n" not in line and "\r" not in line
    assert line.startswith("::error file=content/events/a%2Cb%3Ac.yaml,line=7,col=3")
    assert line.endswith("::100%25 wrong%0D%0Asecond line%0Ahint: try this")
    [(severity, properties, message)] = annotations(line)
    assert (severity, properties["file"], message) == (
        "error",
        "content/events/a%2Cb%3Ac.yaml",
        "100% wrong\r\nsecond line\nhint: try this",
    )


# --------------------------------------------------------------------------- workflows


def load_workflow(name: str) -> dict[str, Any]:
    # BaseLoader: every scalar as text, and `on:` stays the key "on" (YAML 1.1 would make it True).
    data: dict[str, Any] = yaml.load((WORKFLOWS / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return data


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [step for step in job["steps"] if step.get("uses", "").split("@")[0] == action]


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_check_workflow_checks_every_pull_request_with_annotations() -> None:
    workflow = load_workflow("check.yml")
    assert "pull_request" in workflow["on"] and "push" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    [job] = workflow["jobs"].values()
    [checkout] = steps_using(job, "actions/checkout")  # its version: tests/test_workflows.py
    assert checkout["with"]["fetch-depth"] == "0"
    [python] = steps_using(job, "actions/setup-python")
    assert python["with"]["python-version"] == "3.11"
    commands = runs(job)
    assert commands.index("python -m pip install -e .") < commands.index("chronicle check --format github")


def test_check_workflow_builds_every_page_so_a_theme_failing_on_one_event_fails_the_pull_request() -> None:
    [job] = load_workflow("check.yml")["jobs"].values()
    commands = runs(job)
    build = commands.index('chronicle build --out "$RUNNER_TEMP/site"')
    assert build > commands.index("chronicle check --format github")


def test_pages_workflow_builds_with_full_history_and_deploys() -> None:
    workflow = load_workflow("pages.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    [checkout] = steps_using(build, "actions/checkout")  # versions: tests/test_workflows.py
    assert checkout["with"]["fetch-depth"] == "0"
    [configure] = steps_using(build, "actions/configure-pages")
    commands = runs(build)
    assert "python -m pip install -e ." in commands
    [build_step] = [step for step in build["steps"] if step.get("run", "").startswith("chronicle build")]
    build_command = build_step["run"]
    assert build_command == 'chronicle build --base-url "$BASE_URL/"'
    assert build_step["env"]["BASE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    [upload] = steps_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    # Ordered: checkout, configure, install, build, upload.
    order = [step.get("uses", step.get("run", "")) for step in build["steps"]]
    assert order.index(checkout["uses"]) < order.index(configure["uses"]) < order.index(build_command)
    assert order.index(build_command) < order.index(upload["uses"])

    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    [deploy_step] = steps_using(deploy, "actions/deploy-pages")
    assert deploy["environment"]["url"] == f"${{{{ steps.{deploy_step['id']}.outputs.page_url }}}}"


def test_links_workflow_runs_weekly_reads_only_and_prints_annotations() -> None:
    workflow = load_workflow("links.yml")
    [schedule] = workflow["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()  # once a week, at one time
    assert (day, month) == ("*", "*") and minute.isdigit() and hour.isdigit() and weekday.isdigit()
    assert "workflow_dispatch" in workflow["on"] and "pull_request" not in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}  # it can open no issue, push nothing
    [job] = workflow["jobs"].values()
    [checkout] = steps_using(job, "actions/checkout")
    assert checkout["with"]["persist-credentials"] == "false"
    commands = runs(job)
    assert commands.index("python -m pip install -e .") < commands.index("chronicle links --format github")
    assert not any("${{" in command for command in commands)  # no value is pasted into a shell line


@pytest.mark.parametrize("name", ["check.yml", "pages.yml", "links.yml"])
def test_workflow_commands_exist(name: str) -> None:
    """Every `chronicle ...` a workflow runs is a command the CLI accepts, with its options."""
    for job in load_workflow(name)["jobs"].values():
        for command in runs(job):
            if command.startswith(("python build.py", "chronicle ")):
                words = command.replace("python build.py", "chronicle").replace(
                    '"$BASE_URL/"', "https://u.github.io/r/"
                )
                help_run = subprocess.run(
                    [sys.executable, str(REPO / "build.py"), *words.split()[1:2], "--help"],
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
                assert help_run.returncode == 0
                for option in re.findall(r"--[a-z-]+", words):
                    assert option in help_run.stdout, (command, option)


# --------------------------------------------------------------------------- pre-commit


def test_pre_commit_hook_runs_check_on_the_whole_site() -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "chronicle-check"
    assert hook["entry"] == "chronicle check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False  # quotes and ids are checked across files
    assert re.search(hook["files"], "content/events/x.yaml") and re.search(hook["files"], "seeds/a.txt")
    assert not re.search(hook["files"], "README.md")
    scripts = __import__("tomllib").loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["chronicle"] == "chronicle.cli:run_and_exit"
