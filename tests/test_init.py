"""`init`: a new site folder that checks and builds at once, or nothing written at all."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from test_schema import kind_of, schema_errors
from unit_helpers import run_build

import chronicle.commands.init as init_command
from chronicle import __version__
from chronicle.authoring import starter
from chronicle.authoring.schema import schema_texts
from chronicle.build.load import load_site
from chronicle.cli import main
from chronicle.commands.init import local_install_note

EVENT = "content/events/1903-wright-brothers-first-flights.yaml"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`python build.py init` of a new folder, with every option; the folder and the run."""
    root = tmp_path_factory.mktemp("init") / "my-timeline"
    title, url = 'Floods: "the river" #1', "https://example.org/floods"
    result = run_build("init", str(root), "--title", title, "--base-url", url, "--language", "fr-CA")
    assert result.returncode == 0, result.stderr
    return root, result


def files_in(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


# --------------------------------------------------------------------------- the new site


def test_the_new_site_checks_clean_without_a_warning(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    result = run_build("check", "--root", str(made[0]))
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "ok: 1 event, 1 article, every quote verified\n",
        "",
    )


def test_the_new_site_builds_with_its_example_event_and_about_page(
    made: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    result = run_build("build", "--root", str(made[0]), "--out", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "events" / "1903-wright-brothers-first-flights" / "index.html").is_file()
    assert (tmp_path / "out" / "pages" / "about" / "index.html").is_file()
    assert (tmp_path / "out" / "sources" / "wright-telegram-1903" / "index.html").is_file()


def test_options_become_the_site_settings(made: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    site = load_site(made[0]).site
    assert site is not None
    settings = site.settings
    assert (settings.title, settings.base_url, settings.language) == (
        'Floods: "the river" #1',
        "https://example.org/floods/",
        "fr-CA",
    )


def test_it_prints_every_file_written_and_the_next_commands(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root, result = made
    lines = result.stdout.splitlines()
    assert lines[0] == f"made a new site in {root}/:"
    assert [line.strip() for line in lines[1:-3]] == files_in(root)
    assert lines[-2:] == [
        f"  cd {root} && chronicle build && chronicle serve",
        f"then see {root}/README.md to add events and publish on GitHub Pages",
    ]


def test_it_writes_the_files_a_site_repository_needs(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    written = set(files_in(made[0]))
    assert {
        "content/site.yaml",
        EVENT,
        "content/articles/wright-telegram-1903.yaml",
        "seeds/wright-telegram-1903.txt",
        "content/entities.yaml",
        "content/pages/about.md",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        ".github/workflows/check.yml",
        ".github/workflows/pages.yml",
        "requirements.txt",
        "README.md",
    } <= written


def test_the_example_event_is_dated_today_so_check_needs_no_git(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    event = yaml.safe_load((made[0] / EVENT).read_text(encoding="utf-8"))
    assert event["added"] == datetime.date.today()


def test_the_schemas_are_this_version_s(made: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    for name, text in schema_texts().items():
        assert (made[0] / "schema" / name).read_text(encoding="utf-8") == text
        assert (REPO / "schema" / name).read_text(encoding="utf-8") == text


def test_editor_settings_map_each_schema_to_files_of_the_site(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    root = made[0]
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert sorted(mapping) == sorted(f"./schema/{name}" for name in schema_texts())
    for schema, pattern in mapping.items():
        assert (root / schema).is_file()
        assert list(root.glob(pattern)), f"{pattern} matches no file of the new site"


def test_every_content_file_passes_its_schema(made: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root = made[0]
    checked = 0
    for relpath in files_in(root):
        kind = kind_of(relpath)
        if kind is not None:
            assert schema_errors(kind, (root / relpath).read_text(encoding="utf-8")) == [], relpath
            checked += 1
    assert checked == 4


def test_requirements_and_hook_pin_this_version(made: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    requirements = (made[0] / "requirements.txt").read_text(encoding="utf-8")
    assert f"chronicle-timeline @ git+{starter.PROJECT_URL}@v{__version__}\n" in requirements
    hooks = yaml.safe_load((made[0] / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks == {
        "repos": [
            {"repo": starter.PROJECT_URL, "rev": f"v{__version__}", "hooks": [{"id": "chronicle-check"}]}
        ]
    }
    assert "chronicle-check" in (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")


def test_the_site_readme_links_to_sections_that_exist(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    readme = (made[0] / "README.md").read_text(encoding="utf-8")
    assert readme.startswith('# Floods: "the river" #1\n')
    docs = starter.docs_url(__version__)
    anchors = re.findall(re.escape(docs) + r"#([a-z0-9-]+)", readme)
    assert len(anchors) >= 8
    project = (REPO / "README.md").read_text(encoding="utf-8")
    headings = {_github_anchor(line.lstrip("#")) for line in project.splitlines() if line.startswith("#")}
    assert sorted(set(anchors) - headings) == []


def _github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lowercase, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_git_ignores_the_build_output_and_the_cache(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    ignored = (made[0] / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/site/" in ignored
    assert ".chronicle-cache/" in ignored


# --------------------------------------------------------------------------- refusals


def test_a_folder_holding_only_a_hidden_file_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    assert main(["init", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: {tmp_path} is not empty (it holds .git); `init` makes a site only in a new or empty "
        "folder, so that it never overwrites or mixes with files of yours; nothing written\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == [".git"]


def test_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path / "notes.txt")]) == 2
    assert f"{tmp_path / 'notes.txt'} exists and is not a folder; nothing written" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            ["--base-url", "ftp://example.org/"],
            "argument --base-url: must be an http:// or https:// address, not 'ftp://example.org/'",
        ),
        (["--base-url", "https://example.org/?a=1"], "argument --base-url: is where the site lives"),
        (
            ["--language", "english!"],
            "argument --language: 'english!' is not a language tag such as en or pt-BR",
        ),
    ],
)
def test_a_bad_option_is_a_usage_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["init", str(tmp_path / "new"), *option])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "new").exists()


def test_a_title_with_a_control_character_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "new"), "--title", "Bad\x07title"]) == 2
    assert capsys.readouterr().err.startswith("error: --title contains ")
    assert not (tmp_path / "new").exists()


def test_a_title_longer_than_a_sites_title_may_be_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "new"), "--title", "x" * 201]) == 2
    assert capsys.readouterr().err.startswith("error: --title is 201 characters long; a site's title")
    assert not (tmp_path / "new").exists()
    assert main(["init", str(tmp_path / "new"), "--title", "x" * 200]) == 0
    assert load_site(tmp_path / "new").site is not None


# --------------------------------------------------------------------------- where it writes


def test_an_empty_folder_and_missing_parents_are_fine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["init", str(tmp_path / "empty")]) == 0
    assert main(["init", str(tmp_path / "a" / "b" / "c")]) == 0
    assert (tmp_path / "empty" / "content" / "site.yaml").is_file()
    assert (tmp_path / "a" / "b" / "c" / "content" / "site.yaml").is_file()
    assert not [path for path in tmp_path.rglob(".chronicle-init-*")]


def test_without_base_url_the_address_is_named_after_the_folder(tmp_path: Path) -> None:
    assert main(["init", str(tmp_path / "Ukraine War"), "--title", "T"]) == 0
    site = load_site(tmp_path / "Ukraine War").site
    assert site is not None
    assert (site.settings.base_url, site.settings.title, site.settings.language) == (
        "https://example.github.io/ukraine-war/",
        "T",
        "en",
    )


def test_without_base_url_it_says_the_address_is_a_placeholder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "t")]) == 0
    assert "note: base_url is https://example.github.io/t/, a placeholder" in capsys.readouterr().err


def test_the_readme_placeholder_user_in_base_url_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "t"), "--base-url", "https://USER.github.io/t/"]) == 0
    warned = "warning: --base-url https://USER.github.io/t/ still holds the placeholder USER"
    assert warned in capsys.readouterr().err


@pytest.mark.parametrize("written", ["https://USER.github.io/t/", "https://user.github.io/t/"])
def test_check_keeps_warning_of_the_placeholder_user_and_suggests_no_lower_case_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    assert main(["init", str(tmp_path / "t"), "--base-url", written]) == 0
    capsys.readouterr()
    assert main(["check", "--root", str(tmp_path / "t")]) == 0
    said = capsys.readouterr()
    assert "warning: 'base_url' still holds the placeholder USER" in said.out + said.err
    assert "which browsers write" not in said.out + said.err


def test_an_address_of_ones_own_gets_no_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "t"), "--base-url", "https://newsroom.github.io/t/"]) == 0
    err = capsys.readouterr().err
    assert "base_url" not in err and "warning" not in err


def test_a_tool_run_from_a_folder_says_how_to_pin_a_commit_instead_of_the_release_tag(tmp_path: Path) -> None:
    clone = tmp_path / "my clone"
    pip_record = json.dumps({"url": clone.as_uri(), "dir_info": {"editable": True}})
    note = local_install_note(pip_record, clone=False)
    assert note is not None
    assert note.startswith(f"note: chronicle runs from the folder {clone}, not from a release")
    pin = "`chronicle-timeline @ git+https://github.com/chronicle-timeline/chronicle@COMMIT`"
    assert f"{pin} in requirements.txt" in note
    assert "`rev: COMMIT` in .pre-commit-config.yaml" in note


@pytest.mark.parametrize(
    "direct_url", ['{"url": "https://files.pythonhosted.org/x.whl"}', "{}", "not json", ""]
)
def test_a_tool_installed_from_a_release_says_nothing_of_its_pins(direct_url: str) -> None:
    assert local_install_note(direct_url, clone=False) is None


def test_a_tool_run_from_a_clone_names_that_clone_whatever_pip_installed() -> None:
    note = local_install_note('{"url": "https://files.pythonhosted.org/x.whl"}')
    assert note is not None and f"runs from the folder {REPO}," in note


def test_a_failure_halfway_leaves_the_folder_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "site").mkdir()
    moved = []

    def failing_rename(source: Path, destination: Path) -> None:
        if len(moved) == 3:
            raise OSError(28, "No space left on device")
        moved.append(destination)
        os.replace(source, destination)

    monkeypatch.setattr(init_command.os, "rename", failing_rename)
    assert main(["init", str(tmp_path / "site")]) == 2
    assert list((tmp_path / "site").iterdir()) == []
    assert main(["init", str(tmp_path / "missing")]) == 2
    assert not (tmp_path / "missing").exists()


# --------------------------------------------------------------------------- the links workflow


def test_the_new_site_runs_the_links_command_of_its_workflow(tmp_path: Path) -> None:
    root = tmp_path / "site"
    assert run_build("init", str(root)).returncode == 0
    workflow = (root / ".github" / "workflows" / "links.yml").read_text(encoding="utf-8")
    assert "run: chronicle links --format github" in workflow
    result = run_build("links", "--format", "github", cwd=root)  # as the workflow runs it
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_pins_the_tag_of_this_version() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    pinned = set(re.findall(r"chronicle@(v[0-9][^\s`)]*)", readme)) | set(re.findall(r"rev: (v\S+)", readme))
    assert pinned == {f"v{__version__}"}


def test_a_folder_name_with_control_characters_is_reported_on_one_inert_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(tmp_path / "z\x1b[31mRED\n::warning::w")
    assert main(["init", folder]) == 0
    said = capsys.readouterr().out
    assert "\x1b" not in said
    assert not any(line.lstrip().startswith("::") for line in said.splitlines())
    out = str(tmp_path / "out\n::error::hi")
    assert main(["build", "--root", folder, "--out", out]) == 0
    said = capsys.readouterr().out
    assert not any(line.lstrip().startswith("::") for line in said.splitlines())
    assert "out\\n::error::hi" in said


@pytest.mark.parametrize(
    "folder", ["-y", "i5\u2028x", "new\nline", "it's a site", "back\\slash", "tab\there"]
)
def test_the_printed_cd_line_gives_the_shell_back_the_folder_as_it_is(tmp_path: Path, folder: str) -> None:
    result = run_build(
        "init", "--title", "T", "--base-url", "https://example.org/t/", "--", folder, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("  cd ")]
    word = line.removeprefix("  cd ").split(" && ")[0]
    shell = subprocess.run(
        ["bash", "-c", f"cd {word} && pwd -P"], cwd=tmp_path, capture_output=True, text=True
    )
    assert shell.returncode == 0, shell.stderr
    assert Path(shell.stdout.rstrip("\n")) == (tmp_path / folder).resolve()
